#include "panels/IssuesPanel.h"

#include "canvas/ExposureBadge.h"
#include "canvas/Style.h"
#include "document/Document.h"

#include <QHeaderView>

namespace pp::ui {

IssuesPanel::IssuesPanel(Document& document, QWidget* parent) : QTreeWidget(parent), m_document(document)
{
    setObjectName(QStringLiteral("issues"));
    setColumnCount(3);
    setHeaderLabels({tr("Severity"), tr("Code"), tr("Message")});
    setRootIsDecorated(false);
    header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    header()->setSectionResizeMode(2, QHeaderView::Stretch);
    connect(&m_document, &Document::analysisUpdated, this, &IssuesPanel::refresh);
    connect(this, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) {
        emit showResources(item->data(0, Qt::UserRole).toStringList());
    });
    connect(this, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem* item) {
        emit showResources(item->data(0, Qt::UserRole).toStringList());
    });
    connect(this, &QTreeWidget::itemExpanded, this, &IssuesPanel::fillExposure);
    refresh();
}

void IssuesPanel::refresh()
{
    const AnalysisResult& analysis = m_document.analysis();
    if (m_shown && analysis.findings == m_findings && analysis.exposure == m_exposure)
        return;
    m_shown = true;
    m_findings = analysis.findings;
    m_exposure = analysis.exposure;
    clear();
    for (const Finding& f : m_findings) {
        auto* item = new QTreeWidgetItem(this);
        item->setText(0, f.severity == Severity::Error ? tr("Error") : f.severity == Severity::Warning ? tr("Warning") : tr("Info"));
        item->setForeground(0, f.severity == Severity::Error ? QColor(0xC6, 0x28, 0x28) : QColor(0xB2, 0x6A, 0x00));
        item->setText(1, QString::fromStdString(f.code));
        item->setText(2, QString::fromStdString(f.message));
        item->setToolTip(2, QString::fromStdString(f.message));
        QStringList ids;
        for (const std::string& id : f.ids)
            ids << QString::fromStdString(id);
        item->setData(0, Qt::UserRole, ids);
    }
    // What `privatepath check` reports as exposure: each workload that reaches the internet or
    // is reachable from it, and through what. One group; its rows are made when it is opened.
    int outbound = 0, inbound = 0;
    for (const Exposure& e : m_exposure) {
        outbound += e.egress ? 1 : 0;
        inbound += e.ingress ? 1 : 0;
    }
    if (outbound + inbound == 0)
        return;
    auto* group = new QTreeWidgetItem(this);
    group->setText(0, tr("Exposure"));
    group->setForeground(0, style::verdictColor(Verdict::Public));
    group->setText(1, QStringLiteral("INTERNET_EXPOSURE"));
    group->setText(2, (outbound == 1 ? tr("1 workload reaches the internet") : tr("%1 workloads reach the internet").arg(outbound)) +
                          QStringLiteral("; ") +
                          (inbound == 1 ? tr("1 is reachable from it") : tr("%1 are reachable from it").arg(inbound)) +
                          tr(" (open the row for each)"));
    group->setData(1, Qt::UserRole, QStringLiteral("exposureGroup"));
    group->setChildIndicatorPolicy(QTreeWidgetItem::ShowIndicator);
}

void IssuesPanel::fillExposure(QTreeWidgetItem* group)
{
    if (group->childCount() > 0 || group->data(1, Qt::UserRole).toString() != QStringLiteral("exposureGroup"))
        return;
    QStringList all;
    for (const Exposure& e : m_exposure) {
        const QStringList sentences = exposureSentences(e, m_document.design());
        if (sentences.isEmpty())
            continue;
        auto* item = new QTreeWidgetItem(group);
        item->setText(0, tr("Exposure"));
        item->setForeground(0, style::verdictColor(Verdict::Public));
        item->setText(1, e.ingress ? QStringLiteral("INTERNET_INBOUND") : QStringLiteral("INTERNET_OUTBOUND"));
        const Resource* workload = m_document.design().find(ResourceId(e.workload));
        const QString who = workload && !workload->name.empty()
                                ? QStringLiteral("%1 (%2)").arg(QString::fromStdString(workload->name), QString::fromStdString(e.workload))
                                : QString::fromStdString(e.workload);
        item->setText(2, who + QStringLiteral(": ") + sentences.join(QStringLiteral("; ")));
        item->setToolTip(2, item->text(2));
        QStringList ids{QString::fromStdString(e.workload)};
        for (const auto* via : {&e.egressVia, &e.ingressVia})
            for (const std::string& id : *via)
                ids << QString::fromStdString(id);
        item->setData(0, Qt::UserRole, ids);
        item->setData(1, Qt::UserRole, QStringLiteral("exposure"));
        all << QString::fromStdString(e.workload);
    }
    group->setData(0, Qt::UserRole, all);
}

} // namespace pp::ui
