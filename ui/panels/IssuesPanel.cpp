#include "panels/IssuesPanel.h"

#include "canvas/ExposureBadge.h"
#include "canvas/Style.h"
#include "document/Document.h"
#include "policy/PoliciesPanel.h"

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
    connect(this, &QTreeWidget::itemActivated, this, &IssuesPanel::activated);
    connect(this, &QTreeWidget::itemClicked, this, &IssuesPanel::activated);
    connect(this, &QTreeWidget::itemExpanded, this, &IssuesPanel::fillExposure);
    connect(this, &QTreeWidget::itemExpanded, this, &IssuesPanel::fillViolations);
    refresh();
}

void IssuesPanel::activated(QTreeWidgetItem* item)
{
    const QStringList ids = item->data(0, Qt::UserRole).toStringList();
    if (item->data(1, Qt::UserRole).toString() == QLatin1String("violation")) {
        const std::string policy = item->data(2, Qt::UserRole).toString().toStdString();
        const int index = item->data(2, Qt::UserRole + 1).toInt();
        for (const PolicyResult& r : m_policies)
            if (r.policy == policy && index >= 0 && std::size_t(index) < r.violations.size()) {
                emit showViolation(r.violations[std::size_t(index)].path, ids, true);
                return;
            }
    }
    emit showResources(ids);
}

void IssuesPanel::refresh()
{
    const AnalysisResult& analysis = m_document.analysis();
    if (m_shown && analysis.findings == m_findings && analysis.exposure == m_exposure && m_document.policyResults() == m_policies)
        return;
    m_shown = true;
    m_findings = analysis.findings;
    m_exposure = analysis.exposure;
    m_policies = m_document.policyResults();
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
    // Each violated policy, as `privatepath check` fails on it: a group per policy, a row per violation.
    for (const PolicyResult& p : m_policies) {
        if (p.satisfied())
            continue;
        auto* group = new QTreeWidgetItem(this);
        group->setText(0, tr("Policy"));
        group->setForeground(0, QColor(0xC6, 0x28, 0x28));
        group->setText(1, p.violations.empty() ? QStringLiteral("POLICY") : QString::fromStdString(p.violations.front().code));
        group->setText(2, tr("policy %1 (%2) is violated: %n violation(s) (open the row for each)", nullptr,
                             int(p.violations.size() + p.omitted))
                              .arg(QString::fromStdString(p.policy), QString::fromStdString(std::string(enumName(p.kind)))));
        group->setToolTip(2, group->text(2));
        QStringList ids;
        for (const PolicyViolation& v : p.violations)
            for (const std::string* end : {&v.source, &v.destination})
                if (!end->empty() && *end != kInternet && !ids.contains(QString::fromStdString(*end)))
                    ids << QString::fromStdString(*end);
        group->setData(0, Qt::UserRole, ids);
        group->setData(1, Qt::UserRole, QStringLiteral("violationGroup"));
        group->setData(2, Qt::UserRole, QString::fromStdString(p.policy));
        group->setChildIndicatorPolicy(QTreeWidgetItem::ShowIndicator);
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

void IssuesPanel::fillViolations(QTreeWidgetItem* group)
{
    if (group->childCount() > 0 || group->data(1, Qt::UserRole).toString() != QStringLiteral("violationGroup"))
        return;
    const std::string policy = group->data(2, Qt::UserRole).toString().toStdString();
    for (const PolicyResult& p : m_policies) {
        if (p.policy != policy)
            continue;
        for (std::size_t i = 0; i < p.violations.size(); ++i) {
            const PolicyViolation& v = p.violations[i];
            auto* item = new QTreeWidgetItem(group);
            item->setText(0, tr("Policy"));
            item->setForeground(0, QColor(0xC6, 0x28, 0x28));
            item->setText(1, QString::fromStdString(v.code));
            item->setText(2, QString::fromStdString(v.source.empty() ? v.message : v.source + " → " + v.destination + ": " + v.message));
            item->setToolTip(2, item->text(2));
            item->setData(0, Qt::UserRole, violationResources(v));
            item->setData(1, Qt::UserRole, QStringLiteral("violation"));
            item->setData(2, Qt::UserRole, QString::fromStdString(p.policy));
            item->setData(2, Qt::UserRole + 1, int(i));
        }
        if (p.omitted > 0) {
            auto* more = new QTreeWidgetItem(group);
            more->setText(2, tr("…and %1 more (privatepath check lists them)").arg(p.omitted));
        }
    }
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
