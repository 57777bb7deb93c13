#include "policy/PoliciesPanel.h"

#include "canvas/Style.h"
#include "document/Document.h"
#include "edit/ChangeSet.h"
#include "policy/PolicyDialog.h"

#include <QAction>
#include <QHeaderView>
#include <QLabel>
#include <QSet>
#include <QHBoxLayout>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace pp::ui {
namespace {

// Item data: the policy id (column 0) and, on a violation row, its index in the policy's list.
constexpr int kPolicyRole = Qt::UserRole;
constexpr int kViolationRole = Qt::UserRole + 1;

QString scopeText(const Scope& s)
{
    QStringList parts;
    auto add = [&](const QString& label, const auto& items) {
        if (items.empty())
            return;
        QStringList names;
        for (const auto& item : items) {
            if constexpr (std::is_same_v<std::decay_t<decltype(item)>, ResourceId>)
                names << QString::fromStdString(item.str());
            else
                names << QString::fromStdString(item);
        }
        parts << label + names.join(QStringLiteral(", "));
    };
    add(QString(), s.resources);
    add(QObject::tr("kind "), s.kinds);
    add(QObject::tr("in "), s.containers);
    add(QObject::tr("tagged "), s.tags);
    return parts.join(QStringLiteral("; "));
}

} // namespace

QStringList violationResources(const PolicyViolation& v)
{
    QStringList ids;
    for (const std::string* end : {&v.source, &v.destination})
        if (!end->empty() && *end != kInternet)
            ids << QString::fromStdString(*end);
    for (const Hop& h : v.path.path)
        if (!ids.contains(QString::fromStdString(h.resource)))
            ids << QString::fromStdString(h.resource);
    return ids;
}

PoliciesPanel::PoliciesPanel(Document& document, QWidget* parent) : QWidget(parent), m_document(document)
{
    setObjectName(QStringLiteral("policies"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    // A row of buttons, each showing its action (the actions are also the panel's, for tests and
    // keyboard users).
    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(4, 2, 4, 0);
    auto button = [&](const QString& text, const char* name, auto slot) {
        auto* action = new QAction(text, this);
        action->setObjectName(QString::fromLatin1(name));
        connect(action, &QAction::triggered, this, slot);
        addAction(action);
        auto* tool = new QToolButton(this);
        tool->setDefaultAction(action);
        tool->setToolButtonStyle(Qt::ToolButtonTextOnly);
        bar->addWidget(tool);
        return action;
    };
    m_add = button(tr("Add…"), "actionPolicyAdd", [this] { addPolicy(); });
    m_add->setToolTip(tr("Add a policy: an intent checked on every edit, like \"nothing in these subnets reaches the internet\""));
    m_edit = button(tr("Edit…"), "actionPolicyEdit", [this] { editPolicy(currentPolicy()); });
    m_remove = button(tr("Remove"), "actionPolicyRemove", [this] { removePolicy(currentPolicy()); });
    bar->addStretch(1);
    layout->addLayout(bar);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("policiesSummary"));
    m_summary->setWordWrap(true);
    m_summary->setContentsMargins(4, 0, 4, 0);
    layout->addWidget(m_summary);
    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(QStringLiteral("policiesTree"));
    m_tree->setColumnCount(3);
    m_tree->setHeaderLabels({tr("Policy"), tr("Status"), tr("Details")});
    m_tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_tree->header()->setSectionResizeMode(2, QHeaderView::Stretch);
    layout->addWidget(m_tree, 1);
    connect(m_tree, &QTreeWidget::currentItemChanged, this, &PoliciesPanel::currentChanged);
    connect(m_tree, &QTreeWidget::itemDoubleClicked, this, [this](QTreeWidgetItem* item) {
        if (item && !item->parent())
            editPolicy(item->data(0, kPolicyRole).toString());
    });
    connect(&m_document, &Document::analysisUpdated, this, &PoliciesPanel::refresh);
    connect(&m_document, &Document::readOnlyChanged, this, &PoliciesPanel::updateActions);
    refresh();
}

QString PoliciesPanel::currentPolicy() const
{
    const QTreeWidgetItem* item = m_tree->currentItem();
    return item ? item->data(0, kPolicyRole).toString() : QString();
}

void PoliciesPanel::addPolicy() { openDialog(QString()); }

void PoliciesPanel::editPolicy(const QString& id)
{
    if (!id.isEmpty())
        openDialog(id);
}

void PoliciesPanel::openDialog(const QString& id)
{
    // Window-modal, not blocking: the window stays responsive (and scriptable in tests).
    auto* dialog = new PolicyDialog(m_document, id, m_selection ? m_selection() : QStringList(), window());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void PoliciesPanel::removePolicy(const QString& id)
{
    std::vector<Policy> list = m_document.design().policies;
    const std::string key = id.toStdString();
    if (std::erase_if(list, [&](const Policy& p) { return p.id == key; }) == 0)
        return;
    ChangeSetBuilder builder(m_document.design());
    builder.setPolicies(std::move(list));
    m_document.apply(builder.build(), tr("Remove policy %1").arg(id));
}

void PoliciesPanel::updateActions()
{
    const bool editable = !m_document.isReadOnly();
    const bool onPolicy = !currentPolicy().isEmpty();
    m_add->setEnabled(editable);
    m_edit->setEnabled(editable && onPolicy);
    m_remove->setEnabled(editable && onPolicy);
}

void PoliciesPanel::refresh()
{
    const std::vector<PolicyResult>& results = m_document.policyResults();
    const std::vector<Policy>& policies = m_document.design().policies;
    if (m_built && results == m_shown && policies == m_shownPolicies) {
        updateActions();
        return;
    }
    m_built = true;
    m_shown = results;
    m_shownPolicies = policies;

    // Keep what the user was looking at: the expanded policies and the current row.
    QSet<QString> expanded;
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i)
        if (m_tree->topLevelItem(i)->isExpanded())
            expanded.insert(m_tree->topLevelItem(i)->data(0, kPolicyRole).toString());
    QString currentId, currentEnds;
    if (const QTreeWidgetItem* current = m_tree->currentItem()) {
        currentId = current->data(0, kPolicyRole).toString();
        if (current->parent())
            currentEnds = current->text(0);
    }

    const QSignalBlocker blocker(m_tree);
    m_tree->clear();
    QTreeWidgetItem* restored = nullptr;
    int violated = 0;
    for (std::size_t i = 0; i < policies.size(); ++i) {
        const Policy& policy = policies[i];
        const PolicyResult* result = i < results.size() && results[i].policy == policy.id ? &results[i] : nullptr;
        auto* item = new QTreeWidgetItem(m_tree);
        const QString id = QString::fromStdString(policy.id);
        item->setText(0, id);
        item->setData(0, kPolicyRole, id);
        QString details = QString::fromStdString(std::string(enumName(policy.kind))) + QStringLiteral(": ") + scopeText(policy.from);
        if (policy.to)
            details += QStringLiteral(" → ") + scopeText(*policy.to);
        if (!policy.via.empty()) {
            QStringList via;
            for (const ResourceId& v : policy.via)
                via << QString::fromStdString(v.str());
            details += tr(" via %1").arg(via.join(QStringLiteral(", ")));
        }
        item->setText(2, details);
        item->setToolTip(2, policy.description.empty() ? details : QString::fromStdString(policy.description) + QStringLiteral("\n") + details);
        if (!result) {
            item->setText(1, m_document.isAnalysing() ? tr("checking…") : QStringLiteral("—"));
        } else if (result->satisfied()) {
            item->setText(1, tr("✔ holds"));
            item->setForeground(1, style::verdictColor(Verdict::Private));
            item->setToolTip(1, tr("%1 source(s), %2 destination(s), %3 pair(s) checked").arg(result->sources).arg(result->destinations).arg(result->pairs));
        } else {
            ++violated;
            const std::size_t count = result->violations.size() + result->omitted;
            item->setText(1, tr("✖ %n violation(s)", nullptr, int(count)));
            item->setForeground(1, style::badgeColor(Severity::Error));
            for (std::size_t v = 0; v < result->violations.size(); ++v) {
                const PolicyViolation& violation = result->violations[v];
                auto* child = new QTreeWidgetItem(item);
                child->setText(0, violation.source.empty() ? tr("(scope)")
                                                           : QStringLiteral("%1 → %2").arg(QString::fromStdString(violation.source),
                                                                                          QString::fromStdString(violation.destination)));
                child->setText(1, QString::fromStdString(violation.code));
                child->setForeground(1, style::badgeColor(Severity::Error));
                child->setText(2, QString::fromStdString(violation.message));
                child->setToolTip(2, QString::fromStdString(violation.message));
                child->setData(0, kPolicyRole, id);
                child->setData(0, kViolationRole, int(v));
                if (id == currentId && child->text(0) == currentEnds)
                    restored = child;
            }
            if (result->omitted > 0) {
                auto* more = new QTreeWidgetItem(item);
                more->setText(0, tr("…and %1 more").arg(result->omitted));
                more->setData(0, kPolicyRole, id);
                more->setFlags(more->flags() & ~Qt::ItemIsSelectable);
            }
        }
        if (expanded.contains(id))
            item->setExpanded(true);
        if (!restored && id == currentId && currentEnds.isEmpty())
            restored = item;
    }
    if (policies.empty())
        m_summary->setText(tr("No policies. Add one to check an intent on every edit — for example that nothing in a VPC "
                              "reaches the internet, or that two environments stay isolated."));
    else if (violated == 0)
        m_summary->setText(tr("All %n policy(ies) hold.", nullptr, int(policies.size())));
    else
        m_summary->setText(tr("%1 of %2 policies violated.").arg(violated).arg(policies.size()));
    if (restored) {
        m_tree->setCurrentItem(restored);
        if (restored->parent())
            restored->parent()->setExpanded(true);
    }
    updateActions();
    // The violation shown on the canvas is shown again with its new path, or cleared when it is gone.
    announce(false);
}

void PoliciesPanel::announce(bool centre)
{
    updateActions();
    const QTreeWidgetItem* item = m_tree->currentItem();
    if (!item || !item->parent() || !item->data(0, kViolationRole).isValid()) {
        emit clearViolation();
        return;
    }
    const std::string id = item->data(0, kPolicyRole).toString().toStdString();
    const int index = item->data(0, kViolationRole).toInt();
    for (const PolicyResult& r : m_document.policyResults()) {
        if (r.policy != id || index < 0 || std::size_t(index) >= r.violations.size())
            continue;
        const PolicyViolation& v = r.violations[std::size_t(index)];
        emit showViolation(v.path, violationResources(v), centre);
        return;
    }
    emit clearViolation();
}

} // namespace pp::ui
