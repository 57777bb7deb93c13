#include "canvas/ExposureBadge.h"

#include "canvas/DiagramScene.h"
#include "canvas/ResourceItem.h"
#include "canvas/Style.h"

#include <QCoreApplication>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

namespace pp::ui {
namespace {

QString named(const std::string& id, const Design& design)
{
    const Resource* r = design.find(ResourceId(id));
    if (!r)
        return QString::fromStdString(id);
    const QString kind = style::kindLabel(r->kind());
    return r->name.empty() ? QStringLiteral("%1 %2").arg(kind, QString::fromStdString(id))
                           : QStringLiteral("%1 %2 (%3)").arg(kind, QString::fromStdString(r->name), QString::fromStdString(id));
}

QString chain(const std::vector<std::string>& ids, const Design& design)
{
    QStringList parts;
    for (const std::string& id : ids)
        parts << named(id, design);
    return parts.join(QStringLiteral(" → "));
}

} // namespace

QStringList exposureSentences(const Exposure& e, const Design& design)
{
    QStringList out;
    if (e.egress)
        out << (e.egressVia.empty() ? QCoreApplication::translate("exposure", "Reaches the internet")
                                    : QCoreApplication::translate("exposure", "Reaches the internet via %1").arg(chain(e.egressVia, design)));
    if (e.ingress) {
        QString s = e.ingressVia.empty()
                        ? QCoreApplication::translate("exposure", "Reachable from the internet")
                        : QCoreApplication::translate("exposure", "Reachable from the internet via %1").arg(chain(e.ingressVia, design));
        if (!e.openPorts.empty()) {
            QStringList ports;
            for (const std::string& p : e.openPorts)
                ports << QString::fromStdString(p);
            s += QCoreApplication::translate("exposure", " (open to public sources: %1)").arg(ports.join(QStringLiteral(", ")));
        }
        out << s;
    }
    return out;
}

ExposureBadge::ExposureBadge(ResourceItem* tile) : QGraphicsItem(tile)
{
    setAcceptedMouseButtons(Qt::NoButton);
    setAcceptHoverEvents(false);
    // At the icon's top-left corner (a findings badge takes the top-right of the tile).
    setPos(style::tileIconRect(tile->size()).topLeft() + QPointF(-10, -6));
    setZValue(1);
}

void ExposureBadge::setExposure(const Exposure& exposure, const Design& design)
{
    (void)design; // the tooltip is written when asked (DiagramScene::helpEvent): names change
    m_exposure = exposure;
    update();
}

QRectF ExposureBadge::boundingRect() const { return QRectF(-1, -1, 18, 18); }

void ExposureBadge::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*)
{
    // Far out the tile is a coloured mark: no badge.
    if (QStyleOptionGraphicsItem::levelOfDetailFromTransform(painter->worldTransform()) < 0.35)
        return;
    painter->setRenderHint(QPainter::Antialiasing);
    const auto* diagram = dynamic_cast<const DiagramScene*>(scene());
    const QColor colour = diagram ? diagram->exitColour() : style::verdictColor(Verdict::Public);
    const QRectF r(0, 0, 16, 16);
    if (m_exposure.ingress) {
        style::paintVerdictIcon(*painter, r, Verdict::Public, colour);
        return;
    }
    // Outbound only: the same sign, outlined.
    painter->setPen(QPen(colour, 1.6));
    painter->setBrush(Qt::white);
    painter->drawEllipse(r.adjusted(1, 1, -1, -1));
    QPen pen(colour, 2);
    pen.setCapStyle(Qt::RoundCap);
    painter->setPen(pen);
    painter->drawLine(QPointF(4.8, 11.2), QPointF(11.2, 4.8));
    painter->drawPolyline(QPolygonF{QPointF(6.7, 4.8), QPointF(11.2, 4.8), QPointF(11.2, 9.3)});
}

} // namespace pp::ui
