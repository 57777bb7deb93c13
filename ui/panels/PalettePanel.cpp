#include "panels/PalettePanel.h"

#include "canvas/Style.h"

#include <QMimeData>

namespace pp::ui {

PalettePanel::PalettePanel(QWidget* parent) : QListWidget(parent)
{
    setObjectName(QStringLiteral("palette"));
    setViewMode(QListView::ListMode);
    setIconSize(QSize(28, 28));
    setDragEnabled(true);
    setDragDropMode(QAbstractItemView::DragOnly);
    setSelectionMode(QAbstractItemView::SingleSelection);
    static const Kind kinds[] = {Kind::Region,          Kind::Vpc,           Kind::Subnet,           Kind::Workload,
                                 Kind::InternetGateway, Kind::NatGateway,    Kind::VpcEndpoint,      Kind::AwsService,
                                 Kind::InternetHost,    Kind::RouteTable,    Kind::SecurityGroup,    Kind::NetworkAcl,
                                 Kind::EgressOnlyInternetGateway, Kind::TransitGateway, Kind::VirtualPrivateGateway,
                                 Kind::ResolverEndpoint, Kind::OnPremisesNetwork, Kind::OnPremisesHost,
                                 Kind::CustomerGateway, Kind::DirectConnectGateway};
    for (Kind k : kinds) {
        auto* item = new QListWidgetItem(style::kindIcon(k), style::kindLabel(k), this);
        item->setData(Qt::UserRole, int(k));
        item->setToolTip(tr("Drag onto the canvas to add a %1").arg(style::kindLabel(k)));
    }
}

QMimeData* PalettePanel::mimeData(const QList<QListWidgetItem*>& items) const
{
    auto* mime = new QMimeData;
    if (!items.isEmpty())
        mime->setData(kKindMimeType, QByteArray::number(items.first()->data(Qt::UserRole).toInt()));
    return mime;
}

} // namespace pp::ui
