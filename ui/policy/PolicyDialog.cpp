#include "policy/PolicyDialog.h"

#include "document/Document.h"
#include "edit/ChangeSet.h"
#include "io/DesignFile.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>

namespace pp::ui {
namespace {

QString joinList(const std::vector<std::string>& items)
{
    QStringList out;
    for (const std::string& s : items)
        out << QString::fromStdString(s);
    return out.join(QStringLiteral(", "));
}

QString joinIds(const std::vector<ResourceId>& ids)
{
    QStringList out;
    for (const ResourceId& id : ids)
        out << QString::fromStdString(id.str());
    return out.join(QStringLiteral(", "));
}

std::vector<std::string> splitList(const QLineEdit* edit)
{
    std::vector<std::string> out;
    for (const QString& part : edit->text().split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (const QString trimmed = part.trimmed(); !trimmed.isEmpty())
            out.push_back(trimmed.toStdString());
    return out;
}

std::vector<ResourceId> splitIds(const QLineEdit* edit)
{
    std::vector<ResourceId> out;
    for (const std::string& s : splitList(edit))
        out.emplace_back(s);
    return out;
}

bool hasScopeB(PolicyKind kind) { return kind != PolicyKind::NoInternetExposure; }
bool needsScopeB(PolicyKind kind)
{
    return kind == PolicyKind::Isolated || kind == PolicyKind::MustReach || kind == PolicyKind::OnlyVia;
}

// A field of the file as the dialog labels it ("/policies/2/to/tags/0" -> "To › Tags").
QString fieldLabel(const std::string& jsonPath, const std::string& prefix)
{
    if (jsonPath.size() <= prefix.size())
        return QObject::tr("Policy");
    QStringList parts = QString::fromStdString(jsonPath.substr(prefix.size())).split(QLatin1Char('/'), Qt::SkipEmptyParts);
    QStringList words;
    for (const QString& p : parts) {
        bool number = false;
        p.toInt(&number);
        if (number)
            continue;
        QString word = p;
        word[0] = word[0].toUpper();
        words << (word == QLatin1String("From") ? QObject::tr("From (scope A)") : word == QLatin1String("To") ? QObject::tr("To (scope B)") : word);
    }
    return words.isEmpty() ? QObject::tr("Policy") : words.join(QStringLiteral(" › "));
}

} // namespace

PolicyDialog::PolicyDialog(Document& document, const QString& editedId, QStringList selection, QWidget* parent)
    : QDialog(parent), m_document(document), m_editedId(editedId.toStdString()), m_selection(std::move(selection))
{
    setObjectName(QStringLiteral("policyDialog"));
    setWindowTitle(m_editedId.empty() ? tr("Add Policy") : tr("Edit Policy"));
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    m_id = new QLineEdit(this);
    m_id->setObjectName(QStringLiteral("policyId"));
    m_id->setPlaceholderText(tr("e.g. prod-private"));
    form->addRow(tr("&Id:"), m_id);
    m_kind = new QComboBox(this);
    m_kind->setObjectName(QStringLiteral("policyKind"));
    m_kind->addItem(tr("Private only"), int(PolicyKind::PrivateOnly));
    m_kind->addItem(tr("No internet exposure"), int(PolicyKind::NoInternetExposure));
    m_kind->addItem(tr("Isolated"), int(PolicyKind::Isolated));
    m_kind->addItem(tr("Must reach"), int(PolicyKind::MustReach));
    m_kind->addItem(tr("Only via"), int(PolicyKind::OnlyVia));
    form->addRow(tr("&Kind:"), m_kind);
    m_kindHelp = new QLabel(this);
    m_kindHelp->setWordWrap(true);
    m_kindHelp->setObjectName(QStringLiteral("policyKindHelp"));
    form->addRow(QString(), m_kindHelp);
    m_description = new QLineEdit(this);
    m_description->setObjectName(QStringLiteral("policyDescription"));
    m_description->setPlaceholderText(tr("Why the policy exists, for the reader of a report"));
    form->addRow(tr("&Description:"), m_description);
    layout->addLayout(form);

    auto* fromBox = new QGroupBox(tr("From (scope A)"), this);
    auto* fromLayout = new QVBoxLayout(fromBox);
    fromLayout->addWidget(scopeWidget(m_from, QStringLiteral("from")));
    layout->addWidget(fromBox);
    m_toBox = new QGroupBox(tr("To (scope B)"), this);
    m_toBox->setObjectName(QStringLiteral("toBox"));
    m_toBox->setCheckable(true);
    auto* toLayout = new QVBoxLayout(m_toBox);
    toLayout->addWidget(scopeWidget(m_to, QStringLiteral("to")));
    layout->addWidget(m_toBox);

    auto* traffic = new QFormLayout;
    m_protocol = new QComboBox(this);
    m_protocol->setObjectName(QStringLiteral("policyProtocol"));
    for (const char* p : {"all", "tcp", "udp", "icmp", "icmpv6"})
        m_protocol->addItem(QString::fromLatin1(p));
    traffic->addRow(tr("&Protocol:"), m_protocol);
    m_port = new QSpinBox(this);
    m_port->setObjectName(QStringLiteral("policyPort"));
    m_port->setRange(0, 65535);
    m_port->setValue(443);
    traffic->addRow(tr("P&ort:"), m_port);
    auto* viaRow = new QHBoxLayout;
    m_via = new QLineEdit(this);
    m_via->setObjectName(QStringLiteral("policyVia"));
    m_via->setPlaceholderText(tr("ids, comma-separated: a firewall endpoint, an appliance, a route table…"));
    m_viaSelection = new QPushButton(tr("Use Selection"), this);
    m_viaSelection->setObjectName(QStringLiteral("viaUseSelection"));
    m_viaSelection->setEnabled(!m_selection.isEmpty());
    viaRow->addWidget(m_via, 1);
    viaRow->addWidget(m_viaSelection);
    traffic->addRow(tr("&Via:"), viaRow);
    layout->addLayout(traffic);

    m_preview = new QLabel(this);
    m_preview->setObjectName(QStringLiteral("policyPreview"));
    m_preview->setWordWrap(true);
    m_preview->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_preview);
    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("policyProblem"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #c62828"));
    layout->addWidget(m_problem);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &PolicyDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    m_previewTimer = new QTimer(this);
    m_previewTimer->setSingleShot(true);
    m_previewTimer->setInterval(250);
    connect(m_previewTimer, &QTimer::timeout, this, &PolicyDialog::refreshPreview);

    Policy initial;
    initial.id = m_editedId;
    if (!m_editedId.empty()) {
        for (const Policy& p : m_document.design().policies)
            if (p.id == m_editedId)
                initial = p;
    } else {
        int n = int(m_document.design().policies.size()) + 1;
        auto taken = [&](const std::string& id) {
            return std::any_of(m_document.design().policies.begin(), m_document.design().policies.end(),
                               [&](const Policy& p) { return p.id == id; });
        };
        while (taken("policy-" + std::to_string(n)))
            ++n;
        initial.id = "policy-" + std::to_string(n);
    }
    fill(initial);
    // A new policy starts from the selection: "nothing selected here has a public path".
    if (m_editedId.empty() && !m_selection.isEmpty())
        useSelection(m_from);

    for (QLineEdit* edit : {m_id, m_description, m_from.resources, m_from.kinds, m_from.containers, m_from.tags, m_to.resources,
                            m_to.kinds, m_to.containers, m_to.tags, m_via})
        connect(edit, &QLineEdit::textChanged, this, &PolicyDialog::changed);
    connect(m_kind, &QComboBox::currentIndexChanged, this, &PolicyDialog::kindChanged);
    connect(m_protocol, &QComboBox::currentIndexChanged, this, &PolicyDialog::kindChanged);
    connect(m_port, &QSpinBox::valueChanged, this, &PolicyDialog::changed);
    connect(m_toBox, &QGroupBox::toggled, this, [this](bool on) {
        m_toBoxWanted = on;
        changed();
    });
    connect(m_viaSelection, &QPushButton::clicked, this, [this] { m_via->setText(m_selection.join(QStringLiteral(", "))); });
    kindChanged();
    refreshPreview();
    resize(560, sizeHint().height());
}

QWidget* PolicyDialog::scopeWidget(ScopeFields& fields, const QString& objectPrefix)
{
    auto* widget = new QWidget(this);
    auto* form = new QFormLayout(widget);
    form->setContentsMargins(0, 0, 0, 0);
    auto edit = [&](const QString& name, const QString& placeholder) {
        auto* e = new QLineEdit(widget);
        e->setObjectName(objectPrefix + name);
        e->setPlaceholderText(placeholder);
        return e;
    };
    fields.resources = edit(QStringLiteral("Resources"), tr("endpoint ids, comma-separated"));
    fields.kinds = edit(QStringLiteral("Kinds"), tr("workload, loadBalancer, awsService…"));
    fields.containers = edit(QStringLiteral("Containers"), tr("VPC, subnet or on-premises network ids"));
    fields.tags = edit(QStringLiteral("Tags"), tr("key or key=value, e.g. env=prod"));
    form->addRow(tr("Resources:"), fields.resources);
    form->addRow(tr("Kinds:"), fields.kinds);
    form->addRow(tr("Inside:"), fields.containers);
    form->addRow(tr("Tagged:"), fields.tags);
    auto* use = new QPushButton(tr("Use Selection"), widget);
    use->setObjectName(objectPrefix + QStringLiteral("UseSelection"));
    use->setEnabled(!m_selection.isEmpty());
    use->setToolTip(tr("Selected endpoints become the resources; selected VPCs, subnets and on-premises networks the containers"));
    connect(use, &QPushButton::clicked, this, [this, &fields] { useSelection(fields); });
    form->addRow(QString(), use);
    auto* hint = new QLabel(tr("Members: the resources listed, plus the endpoints matching every other line given."), widget);
    hint->setWordWrap(true);
    hint->setEnabled(false);
    form->addRow(hint);
    return widget;
}

void PolicyDialog::fill(const Policy& p)
{
    m_id->setText(QString::fromStdString(p.id));
    m_kind->setCurrentIndex(m_kind->findData(int(p.kind)));
    m_description->setText(QString::fromStdString(p.description));
    auto fillScope = [](ScopeFields& f, const Scope& s) {
        f.resources->setText(joinIds(s.resources));
        f.kinds->setText(joinList(s.kinds));
        f.containers->setText(joinIds(s.containers));
        f.tags->setText(joinList(s.tags));
    };
    fillScope(m_from, p.from);
    m_toBoxWanted = p.to.has_value();
    m_toBox->setChecked(p.to.has_value());
    if (p.to)
        fillScope(m_to, *p.to);
    m_protocol->setCurrentText(QString::fromStdString(std::string(enumName(p.protocol))));
    if (p.port)
        m_port->setValue(*p.port);
    m_via->setText(joinIds(p.via));
}

void PolicyDialog::useSelection(ScopeFields& fields)
{
    QStringList endpoints, containers;
    for (const QString& id : m_selection) {
        const Resource* r = m_document.design().find(ResourceId(id.toStdString()));
        if (!r)
            continue;
        if (kFlowEndpoints.contains(r->kind()))
            endpoints << id;
        else if (r->kind() == Kind::Vpc || r->kind() == Kind::Subnet || r->kind() == Kind::OnPremisesNetwork)
            containers << id;
    }
    fields.resources->setText(endpoints.join(QStringLiteral(", ")));
    fields.containers->setText(containers.join(QStringLiteral(", ")));
    if (&fields == &m_to) {
        m_toBoxWanted = true;
        if (m_toBox->isCheckable())
            m_toBox->setChecked(true);
    }
}

void PolicyDialog::kindChanged()
{
    const auto kind = PolicyKind(m_kind->currentData().toInt());
    static const char* const help[] = {
        QT_TR_NOOP("Nothing in scope A has a public path: not to the internet, nor (with scope B) to anything in B."),
        QT_TR_NOOP("Nothing in scope A can be reached from the internet, on any protocol or port."),
        QT_TR_NOOP("No connection is possible between scope A and scope B, in either direction."),
        QT_TR_NOOP("Every member of scope A reaches every member of scope B privately."),
        QT_TR_NOOP("Every connection from scope A to scope B passes through one of the Via resources."),
    };
    m_kindHelp->setText(tr(help[int(kind)]));
    // Scope B: required (always on), optional (a check box keeping the user's choice) or none.
    // QGroupBox::setCheckable(true) checks the box, so the state is carried over by hand.
    const bool needs = needsScopeB(kind);
    const bool wanted = m_toBox->isCheckable() ? m_toBox->isChecked() : m_toBoxWanted;
    {
        const QSignalBlocker blocker(m_toBox);
        m_toBox->setCheckable(!needs);
        if (!needs)
            m_toBox->setChecked(hasScopeB(kind) && wanted);
    }
    if (!needs)
        m_toBoxWanted = m_toBox->isChecked();
    m_toBox->setEnabled(hasScopeB(kind));
    const bool traffic = kind != PolicyKind::NoInternetExposure;
    m_protocol->setEnabled(traffic);
    const QString protocol = m_protocol->currentText();
    m_port->setEnabled(traffic && (protocol == QLatin1String("tcp") || protocol == QLatin1String("udp")));
    m_via->setEnabled(kind == PolicyKind::OnlyVia);
    m_viaSelection->setEnabled(kind == PolicyKind::OnlyVia && !m_selection.isEmpty());
    changed();
}

void PolicyDialog::changed()
{
    m_problem->setText(problem());
    m_previewTimer->start();
}

Policy PolicyDialog::policy() const
{
    Policy p;
    p.id = m_id->text().trimmed().toStdString();
    p.kind = PolicyKind(m_kind->currentData().toInt());
    p.description = m_description->text().trimmed().toStdString();
    auto readScope = [](const ScopeFields& f) {
        Scope s;
        s.resources = splitIds(f.resources);
        s.kinds = splitList(f.kinds);
        s.containers = splitIds(f.containers);
        s.tags = splitList(f.tags);
        return s;
    };
    p.from = readScope(m_from);
    if (hasScopeB(p.kind) && (m_toBox->isChecked() || needsScopeB(p.kind)))
        p.to = readScope(m_to);
    if (p.kind != PolicyKind::NoInternetExposure) {
        p.protocol = enumFromName<Protocol>(m_protocol->currentText().toStdString()).value_or(Protocol::All);
        if (p.protocol == Protocol::Tcp || p.protocol == Protocol::Udp)
            p.port = m_port->value();
    }
    if (p.kind == PolicyKind::OnlyVia)
        p.via = splitIds(m_via);
    return p;
}

std::vector<Policy> PolicyDialog::candidates(std::size_t* index) const
{
    std::vector<Policy> list = m_document.design().policies;
    const auto edited = std::find_if(list.begin(), list.end(), [&](const Policy& p) { return !m_editedId.empty() && p.id == m_editedId; });
    if (edited != list.end()) {
        *edited = policy();
        *index = std::size_t(edited - list.begin());
    } else {
        list.push_back(policy());
        *index = list.size() - 1;
    }
    return list;
}

QString PolicyDialog::problem() const
{
    std::size_t index = 0;
    const std::vector<Policy> list = candidates(&index);
    const std::string prefix = "/policies/" + std::to_string(index);
    for (const Diagnostic& d : checkPoliciesAsLoaded(m_document.design(), list)) {
        if (d.severity != Severity::Error)
            continue;
        // Only this policy's own problems: another policy of the file is not this dialog's business.
        if (d.jsonPath != prefix && d.jsonPath.rfind(prefix + "/", 0) != 0)
            continue;
        return tr("%1: %2").arg(fieldLabel(d.jsonPath, prefix), QString::fromStdString(d.message));
    }
    return {};
}

QString PolicyDialog::preview() const { return m_preview->text(); }

void PolicyDialog::refreshPreview()
{
    m_previewTimer->stop();
    if (!problem().isEmpty()) {
        m_preview->setText(tr("Fix the policy to see whether it holds."));
        return;
    }
    Design copy = m_document.design();
    copy.policies = {policy()};
    const std::vector<PolicyResult> results = checkPolicies(copy, m_document.analysis(), PolicyOptions{5, true});
    if (results.empty())
        return;
    const PolicyResult& r = results.front();
    const QString counts = tr("%1 source(s), %2 destination(s), %3 pair(s) checked").arg(r.sources).arg(r.destinations).arg(r.pairs);
    if (r.satisfied()) {
        m_preview->setText(tr("<span style='color:#2e7d32'>✔ Holds on this design</span>: %1.").arg(counts));
        return;
    }
    QStringList lines;
    lines << tr("<span style='color:#c62828'>✖ Violated on this design</span> (%1 violation(s)): %2.")
                 .arg(r.violations.size() + r.omitted)
                 .arg(counts);
    for (const PolicyViolation& v : r.violations)
        lines << QStringLiteral("• %1 → %2: %3")
                     .arg(QString::fromStdString(v.source).toHtmlEscaped(), QString::fromStdString(v.destination).toHtmlEscaped(),
                          QString::fromStdString(v.message).toHtmlEscaped());
    if (r.omitted > 0)
        lines << tr("…and %1 more").arg(r.omitted);
    m_preview->setText(lines.join(QStringLiteral("<br>")));
}

void PolicyDialog::accept()
{
    const QString why = problem();
    m_problem->setText(why);
    if (!why.isEmpty())
        return;
    std::size_t index = 0;
    std::vector<Policy> list = candidates(&index);
    ChangeSetBuilder builder(m_document.design());
    builder.setPolicies(std::move(list));
    const QString text = m_editedId.empty() ? tr("Add policy %1").arg(m_id->text().trimmed())
                                            : tr("Edit policy %1").arg(QString::fromStdString(m_editedId));
    m_document.apply(builder.build(), text); // a read-only document refuses it and says so in the status bar
    QDialog::accept();
}

} // namespace pp::ui
