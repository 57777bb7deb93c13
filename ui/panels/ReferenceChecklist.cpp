#include "panels/ReferenceChecklist.h"

#include <QStyle>
#include <algorithm>

namespace pp::ui {
namespace {

constexpr int kIdRole = Qt::UserRole;
constexpr int kMaxVisibleRows = 8; // longer lists scroll inside

} // namespace

ReferenceChecklist::ReferenceChecklist(const std::vector<ReferenceChoice>& choices, QWidget* parent) : QListWidget(parent)
{
    setSelectionMode(QAbstractItemView::NoSelection);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff); // long names are elided, never scrolled sideways
    setTextElideMode(Qt::ElideMiddle);
    setUniformItemSizes(true);
    if (choices.empty()) {
        // Says so, rather than an empty box that looks broken.
        auto* none = new QListWidgetItem(tr("(nothing it can name here)"), this);
        none->setFlags(Qt::NoItemFlags);
    }
    for (const ReferenceChoice& choice : choices) {
        auto* item = new QListWidgetItem(choice.label, this);
        item->setData(kIdRole, choice.id);
        item->setToolTip(choice.label);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
    }
    connect(this, &QListWidget::itemChanged, this, [this](QListWidgetItem* item) {
        if (m_filling)
            return;
        const QString id = item->data(kIdRole).toString();
        QStringList ids = m_checked;
        ids.removeAll(id);
        if (item->checkState() == Qt::Checked)
            ids << id;
        if (ids != m_checked)
            emit edited(ids);
    });
}

QListWidgetItem* ReferenceChecklist::itemFor(const QString& id) const
{
    for (int i = 0; i < count(); ++i)
        if (item(i)->data(kIdRole).toString() == id)
            return item(i);
    return nullptr;
}

void ReferenceChecklist::setChecked(const QStringList& ids)
{
    m_filling = true;
    m_checked = ids;
    for (const QString& id : ids)
        if (!itemFor(id)) {
            auto* item = new QListWidgetItem(tr("%1 (not valid here)").arg(id), this);
            item->setData(kIdRole, id);
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        }
    for (int i = 0; i < count(); ++i)
        if (item(i)->flags() & Qt::ItemIsUserCheckable)
            item(i)->setCheckState(ids.contains(item(i)->data(kIdRole).toString()) ? Qt::Checked : Qt::Unchecked);
    setFixedHeight(sizeHint().height());
    m_filling = false;
    updateGeometry();
}

QSize ReferenceChecklist::sizeHint() const
{
    // Every row in view up to kMaxVisibleRows (the check box may be taller than the text).
    const int rows = std::clamp(count(), 1, kMaxVisibleRows);
    const int row = std::max({count() > 0 ? sizeHintForRow(0) : 0, fontMetrics().height() + 6,
                              style()->pixelMetric(QStyle::PM_IndicatorHeight, nullptr, this) + 6});
    return {QListWidget::sizeHint().width(), rows * row + 2 * frameWidth() + 4};
}

QSize ReferenceChecklist::minimumSizeHint() const { return {80, sizeHint().height()}; }

} // namespace pp::ui
