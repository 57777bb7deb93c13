#include "panels/PathPanel.h"

#include "canvas/Style.h"
#include "document/Document.h"

#include <QHeaderView>

namespace pp::ui {

PathPanel::PathPanel(Document& document, QWidget* parent) : QTreeWidget(parent), m_document(document)
{
    setObjectName(QStringLiteral("path"));
    setColumnCount(3);
    setHeaderLabels({tr("Hop"), tr("Resource"), tr("What happened")});
    setRootIsDecorated(true);
    header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    header()->setSectionResizeMode(2, QHeaderView::Stretch);
    connect(&m_document, &Document::analysisUpdated, this, &PathPanel::refresh);
    refresh();
}

void PathPanel::showFlow(const FlowId& flow)
{
    m_flow = flow;
    refresh();
}

void PathPanel::refresh()
{
    clear();
    const FlowResult* r = m_flow.empty() ? nullptr : m_document.flowResult(m_flow);
    if (!r) {
        auto* hint = new QTreeWidgetItem(this);
        hint->setText(2, tr("Select a flow to see its path hop by hop."));
        return;
    }
    auto* verdict = new QTreeWidgetItem(this);
    verdict->setText(0, tr("Verdict"));
    verdict->setText(1, QString::fromStdString(m_flow.str()));
    QString text = style::verdictLabel(r->verdict);
    if (r->expected)
        text += r->expectationMet.value_or(false) ? tr(" (as expected)") : tr(" (expected %1)").arg(QString::fromStdString(std::string(enumName(*r->expected))));
    verdict->setText(2, text);
    verdict->setForeground(2, style::verdictColor(r->verdict));
    QFont bold = font();
    bold.setBold(true);
    verdict->setFont(2, bold);
    for (std::size_t i = 0; i < r->path.size(); ++i) {
        const Hop& h = r->path[i];
        auto* item = new QTreeWidgetItem(this);
        item->setText(0, QStringLiteral("%1. %2").arg(i + 1).arg(QString::fromStdString(h.action)));
        item->setText(1, QString::fromStdString(h.resource));
        item->setText(2, QString::fromStdString(h.detail));
        item->setToolTip(2, QString::fromStdString(h.detail + "  [" + h.source + " -> " + h.destination + "]"));
        if (r->leavesAt && *r->leavesAt == i) {
            item->setForeground(2, style::verdictColor(Verdict::Public));
            item->setText(0, item->text(0) + tr(" — leaves the private network"));
        }
        if (h.action == "drop")
            item->setForeground(2, QColor(0xC6, 0x28, 0x28));
    }
    if (r->returnChecked) {
        auto* item = new QTreeWidgetItem(this);
        item->setText(0, tr("Return path"));
        item->setText(2, r->returnOk ? tr("the reply can come back") : tr("blocked"));
    }
    auto section = [&](const QString& title, const std::vector<Explanation>& list, const QColor& colour) {
        if (list.empty())
            return;
        auto* group = new QTreeWidgetItem(this);
        group->setText(0, title);
        group->setExpanded(true);
        for (const Explanation& e : list) {
            auto* item = new QTreeWidgetItem(group);
            item->setText(0, QString::fromStdString(e.code));
            item->setText(1, QString::fromStdString(e.resource));
            item->setText(2, QString::fromStdString(e.message));
            item->setToolTip(2, QString::fromStdString(e.message));
            item->setForeground(2, colour);
        }
        group->setExpanded(true);
    };
    section(tr("Blocked by"), r->blocking, QColor(0xC6, 0x28, 0x28));
    section(tr("To keep it private"), r->hints, QColor(0x15, 0x65, 0xC0));
    section(tr("Notes"), r->notes, QColor(0x42, 0x42, 0x42));
    expandAll();
}

} // namespace pp::ui
