#include "lesson/GoalDialog.h"

#include "canvas/Style.h"
#include "document/Document.h"
#include "edit/ChangeSet.h"
#include "design/TagScope.h"
#include "io/DesignFile.h"
#include "lesson/Goals.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <algorithm>
#include <nlohmann/json.hpp>

namespace pp::ui {
namespace {

// The min and max boxes show this below their range: the bound is absent.
constexpr int kNoBound = -1;
constexpr int kMaxBound = 1000000;
constexpr int kReasonsPreviewed = 4;

QString kindTitle(GoalKind kind)
{
    switch (kind) {
    case GoalKind::Flow: return QObject::tr("Flow verdict");
    case GoalKind::ScopePrivate: return QObject::tr("Scope stays private");
    case GoalKind::NoInternetExposure: return QObject::tr("No internet exposure");
    case GoalKind::Count: return QObject::tr("Count of a resource kind");
    case GoalKind::Property: return QObject::tr("Property holds");
    case GoalKind::NoErrors: return QObject::tr("No error findings");
    }
    return {};
}

// "a, b ,c" → {"a", "b", "c"}.
std::vector<std::string> splitList(const QString& text)
{
    std::vector<std::string> out;
    for (const QString& part : text.split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (const QString item = part.trimmed(); !item.isEmpty())
            out.push_back(item.toStdString());
    return out;
}

QString joinList(const std::vector<std::string>& items)
{
    QStringList out;
    for (const std::string& s : items)
        out << QString::fromStdString(s);
    return out.join(QStringLiteral(", "));
}

// Selects the entry whose data is `value` (an id or name), adding it when the design lacks it (a
// goal may name something the design no longer has: that is a missed goal, not a broken one).
void selectData(QComboBox* combo, const QString& value)
{
    int i = combo->findData(value);
    if (i < 0 && !value.isEmpty()) {
        combo->addItem(QObject::tr("%1 (not in the design)").arg(value), value);
        i = combo->count() - 1;
    }
    combo->setCurrentIndex(std::max(i, 0));
}

QString comboId(const QComboBox* combo) { return combo->currentData().toString(); }

} // namespace

GoalDialog::GoalDialog(Document& document, const QString& editedId, QWidget* parent)
    : QDialog(parent), m_document(document), m_editedId(editedId.toStdString())
{
    setObjectName(QStringLiteral("lessonGoalDialog"));
    setWindowTitle(m_editedId.empty() ? tr("Add lesson goal") : tr("Edit lesson goal"));
    build();
    const Lesson& lesson = *m_document.design().lesson;
    const auto it = std::find_if(lesson.goals.begin(), lesson.goals.end(), [this](const Goal& g) { return g.id == m_editedId; });
    if (it != lesson.goals.end()) {
        fill(*it);
    } else {
        // A new goal: a free id, the most common kind first.
        Goal fresh;
        fresh.kind = GoalKind::Flow;
        int n = int(lesson.goals.size()) + 1;
        auto taken = [&](const std::string& id) {
            return std::any_of(lesson.goals.begin(), lesson.goals.end(), [&](const Goal& g) { return g.id == id; });
        };
        do
            fresh.id = "goal-" + std::to_string(n++);
        while (taken(fresh.id));
        fresh.verdict = Verdict::Private;
        fill(fresh);
    }
    // The preview follows the design too: an edit behind a non-modal dialog re-evaluates it.
    connect(&m_document, &Document::analysisUpdated, this, &GoalDialog::update);
    resize(620, 560);
}

void GoalDialog::build()
{
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("A goal checks the design's meaning, so any correct design meets it. Fields marked * "
                                "are required for the kind."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_form = new QFormLayout();
    layout->addLayout(m_form);
    auto named = [](QWidget* w, const char* name, const QString& accessible) {
        w->setObjectName(QString::fromLatin1(name));
        w->setAccessibleName(accessible);
        return w;
    };

    m_kind = new QComboBox(this);
    named(m_kind, "goalKind", tr("Kind"));
    for (std::size_t i = 0; i < EnumTraits<GoalKind>::names.size(); ++i) {
        const auto kind = GoalKind(i);
        m_kind->addItem(kindTitle(kind), QString::fromLatin1(enumName(kind).data(), qsizetype(enumName(kind).size())));
    }
    m_form->addRow(tr("&Kind:"), m_kind);
    m_id = new QLineEdit(this);
    named(m_id, "goalId", tr("Id"));
    m_id->setToolTip(tr("Unique among the lesson's goals; names the goal in grading reports."));
    m_form->addRow(tr("&Id *:"), m_id);
    m_message = new QLineEdit(this);
    named(m_message, "goalMessage", tr("Message"));
    m_message->setPlaceholderText(tr("What the learner reads in the goal list"));
    m_form->addRow(tr("&Message:"), m_message);
    m_weight = new QSpinBox(this);
    named(m_weight, "goalWeight", tr("Weight"));
    m_weight->setRange(1, 1000);
    m_weight->setToolTip(tr("The goal's share of the score: progress is met weight / total weight."));
    m_form->addRow(tr("&Weight:"), m_weight);

    const Design& d = m_document.design();
    m_flow = new QComboBox(this);
    named(m_flow, "goalFlow", tr("Flow"));
    for (const Flow& f : d.flows())
        m_flow->addItem(f.name.empty() ? QString::fromStdString(f.id.str())
                                       : QStringLiteral("%1 — %2").arg(QString::fromStdString(f.id.str()), QString::fromStdString(f.name)),
                        QString::fromStdString(f.id.str()));
    m_form->addRow(tr("&Flow *:"), m_flow);
    m_verdict = new QComboBox(this);
    named(m_verdict, "goalVerdict", tr("Verdict"));
    for (Verdict v : {Verdict::Private, Verdict::Public, Verdict::Unreachable})
        m_verdict->addItem(style::verdictLabel(v), QString::fromLatin1(enumName(v).data(), qsizetype(enumName(v).size())));
    m_form->addRow(tr("&Verdict *:"), m_verdict);
    m_through = new QLineEdit(this);
    named(m_through, "goalThrough", tr("Through"));
    m_through->setPlaceholderText(tr("ids or kinds, comma-separated: s3-gw, vpcEndpoint"));
    m_through->setToolTip(tr("Resource ids or kind names the flow's forward path must visit, each of them."));
    m_form->addRow(tr("Goes &through:"), m_through);
    m_avoids = new QLineEdit(this);
    named(m_avoids, "goalAvoids", tr("Avoids"));
    m_avoids->setPlaceholderText(tr("ids or kinds, comma-separated: natGateway"));
    m_avoids->setToolTip(tr("Resource ids or kind names the flow's forward path must not visit."));
    m_form->addRow(tr("&Avoids:"), m_avoids);
    m_lockFlow = new QCheckBox(tr("Lock the flow, so the learner cannot change what it asks"), this);
    named(m_lockFlow, "goalLockFlow", tr("Lock the flow"));
    m_lockFlow->setToolTip(tr("Its source, destination, protocol and port stay as you drew them; its name is the learner's. "
                              "Leave it unlocked when a correct answer re-points the flow."));
    m_form->addRow(QString(), m_lockFlow);

    m_scope = new QComboBox(this);
    named(m_scope, "goalScope", tr("Scope"));
    m_scope->addItem(tr("The whole design"), QString());
    for (const Resource& r : d.resources())
        if (r.kind() == Kind::Vpc || r.kind() == Kind::Subnet)
            m_scope->addItem(QStringLiteral("%1: %2").arg(style::kindLabel(r.kind()), QString::fromStdString(r.displayName())),
                             QString::fromStdString(r.id.str()));
    m_form->addRow(tr("&Scope:"), m_scope);
    m_tag = new QLineEdit(this);
    named(m_tag, "goalTag", tr("Tag"));
    m_tag->setPlaceholderText(tr("key or key=value, e.g. env=prod"));
    m_tag->setToolTip(tr("Only resources carrying this tag (their own, or their subnet's or VPC's). With a scope, both apply."));
    m_form->addRow(tr("Ta&gged:"), m_tag);

    m_target = new QComboBox(this);
    named(m_target, "goalTarget", tr("Checked resources"));
    m_target->addItem(tr("Every resource of a kind (in the scope)"), QStringLiteral("kind"));
    m_target->addItem(tr("One resource"), QStringLiteral("resource"));
    m_form->addRow(tr("C&hecks:"), m_target);
    m_resource = new QComboBox(this);
    named(m_resource, "goalResource", tr("Resource"));
    for (const Resource& r : d.resources())
        m_resource->addItem(QStringLiteral("%1 (%2)").arg(QString::fromStdString(r.id.str()), style::kindLabel(r.kind())),
                            QString::fromStdString(r.id.str()));
    m_form->addRow(tr("&Resource *:"), m_resource);
    m_resourceKind = new QComboBox(this);
    named(m_resourceKind, "goalResourceKind", tr("Resource kind"));
    for (int k = 0; k < kKindCount; ++k) {
        const std::string_view name = kindInfo(Kind(k)).name;
        m_resourceKind->addItem(QStringLiteral("%1 (%2)").arg(style::kindLabel(Kind(k)), QString::fromLatin1(name.data(), qsizetype(name.size()))),
                                QString::fromLatin1(name.data(), qsizetype(name.size())));
    }
    m_form->addRow(tr("Resource &kind *:"), m_resourceKind);
    for (QSpinBox** box : {&m_min, &m_max}) {
        *box = new QSpinBox(this);
        (*box)->setRange(kNoBound, kMaxBound);
        (*box)->setSpecialValueText(tr("no bound"));
    }
    named(m_min, "goalMin", tr("At least"));
    named(m_max, "goalMax", tr("At most"));
    m_form->addRow(tr("At &least:"), m_min);
    m_form->addRow(tr("At m&ost:"), m_max);
    m_field = new QComboBox(this);
    named(m_field, "goalField", tr("Field"));
    m_field->setEditable(true);
    m_field->setToolTip(tr("The field by its name in the file (privateDns), or a JSON pointer (/routes/0/target)."));
    m_form->addRow(tr("F&ield *:"), m_field);
    m_value = new QLineEdit(this);
    named(m_value, "goalValue", tr("Value"));
    m_value->setPlaceholderText(tr("a JSON value: true, 2, \"interface\""));
    m_form->addRow(tr("Va&lue *:"), m_value);
    m_where = new QLineEdit(this);
    named(m_where, "goalWhere", tr("Where"));
    m_where->setPlaceholderText(tr("a JSON object: {\"type\": \"interface\"}"));
    m_where->setToolTip(tr("Only resources of the kind whose fields have these values (named as in the file, defaults applying)."));
    m_form->addRow(tr("W&here:"), m_where);

    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("goalProblem"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("QLabel { color: #c62828; }"));
    layout->addWidget(m_problem);
    m_preview = new QLabel(this);
    m_preview->setObjectName(QStringLiteral("goalPreview"));
    m_preview->setWordWrap(true);
    m_preview->setTextFormat(Qt::RichText);
    m_preview->setFrameShape(QFrame::StyledPanel);
    m_preview->setMargin(6);
    m_preview->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    layout->addWidget(m_preview, 1);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &GoalDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(m_buttons);

    connect(m_kind, &QComboBox::currentIndexChanged, this, &GoalDialog::kindChanged);
    connect(m_target, &QComboBox::currentIndexChanged, this, &GoalDialog::kindChanged);
    connect(m_resource, &QComboBox::currentIndexChanged, this, &GoalDialog::refillFields);
    connect(m_resourceKind, &QComboBox::currentIndexChanged, this, &GoalDialog::refillFields);
    for (QLineEdit* e : {m_id, m_message, m_through, m_avoids, m_value, m_tag, m_where})
        connect(e, &QLineEdit::textChanged, this, &GoalDialog::update);
    for (QComboBox* c : {m_flow, m_verdict, m_scope})
        connect(c, &QComboBox::currentIndexChanged, this, &GoalDialog::update);
    connect(m_field, &QComboBox::currentTextChanged, this, &GoalDialog::update);
    for (QSpinBox* s : {m_weight, m_min, m_max})
        connect(s, &QSpinBox::valueChanged, this, &GoalDialog::update);
}

void GoalDialog::fill(const Goal& g)
{
    m_kind->setCurrentIndex(int(g.kind));
    m_id->setText(QString::fromStdString(g.id));
    m_message->setText(QString::fromStdString(g.message));
    m_weight->setValue(g.weight);
    selectData(m_flow, g.flow ? QString::fromStdString(g.flow->str()) : QString());
    if (g.verdict)
        m_verdict->setCurrentIndex(int(*g.verdict));
    m_through->setText(joinList(g.through));
    m_avoids->setText(joinList(g.avoids));
    const Lesson& lesson = *m_document.design().lesson;
    // A new flow goal locks its flow by default (the flow is the question); an edited one shows
    // whether it is locked.
    m_lockFlow->setChecked(m_editedId.empty() || (g.flow && isLocked(lesson, *g.flow)));
    m_tag->setText(QString::fromStdString(g.tag));
    m_where->setText(g.where ? QString::fromStdString(g.where->json) : QString());
    selectData(m_scope, g.scope ? QString::fromStdString(g.scope->str()) : QString());
    m_target->setCurrentIndex(g.kind == GoalKind::Property && g.resource ? 1 : 0);
    selectData(m_resource, g.resource ? QString::fromStdString(g.resource->str()) : QString());
    if (!g.resourceKind.empty())
        selectData(m_resourceKind, QString::fromStdString(g.resourceKind));
    m_min->setValue(g.min.value_or(kNoBound));
    m_max->setValue(g.max.value_or(kNoBound));
    refillFields();
    m_field->setCurrentText(QString::fromStdString(g.field));
    m_value->setText(g.value ? QString::fromStdString(g.value->json) : QString());
    kindChanged();
}

void GoalDialog::setRow(QWidget* field, bool visible) { m_form->setRowVisible(field, visible); }

void GoalDialog::kindChanged()
{
    const auto kind = GoalKind(std::max(0, m_kind->currentIndex()));
    const bool flow = kind == GoalKind::Flow, count = kind == GoalKind::Count, property = kind == GoalKind::Property;
    const bool oneResource = property && m_target->currentIndex() == 1;
    setRow(m_flow, flow);
    setRow(m_verdict, flow);
    setRow(m_through, flow);
    setRow(m_avoids, flow);
    setRow(m_lockFlow, flow);
    const bool scoped = kind == GoalKind::ScopePrivate || kind == GoalKind::NoInternetExposure || count || (property && !oneResource);
    setRow(m_scope, scoped);
    setRow(m_tag, scoped);
    setRow(m_where, count || (property && !oneResource));
    setRow(m_target, property);
    setRow(m_resource, oneResource);
    setRow(m_resourceKind, count || (property && !oneResource));
    setRow(m_min, count);
    setRow(m_max, count);
    setRow(m_field, property);
    setRow(m_value, property);
    refillFields();
    update();
}

void GoalDialog::refillFields()
{
    // The field names of the checked resource (or of the first resource of the kind), as the file
    // writes them, defaults included: what a trainer would otherwise look up in the format.
    const Design& d = m_document.design();
    const Resource* example = nullptr;
    if (m_target->currentIndex() == 1) {
        example = d.find(ResourceId(comboId(m_resource).toStdString()));
    } else if (const auto kind = kindFromName(comboId(m_resourceKind).toStdString())) {
        const auto& all = d.resources();
        const auto it = std::find_if(all.begin(), all.end(), [&](const Resource& r) { return r.kind() == *kind; });
        example = it == all.end() ? nullptr : &*it;
    }
    const QString typed = m_field->currentText();
    const QSignalBlocker block(m_field);
    m_field->clear();
    if (example) {
        const nlohmann::ordered_json fields = resourceJson(*example, true);
        for (auto it = fields.begin(); it != fields.end(); ++it)
            if (const std::string& key = it.key(); key != "id" && key != "name" && key.rfind("x-", 0) != 0)
                m_field->addItem(QString::fromStdString(key));
    }
    m_field->setCurrentText(typed);
    update();
}

std::optional<JsonValue> GoalDialog::whereValue() const
{
    // Kept compact, as the loader keeps it; text that is not JSON stays as typed (problem() says so).
    const std::string text = m_where->text().trimmed().toStdString();
    if (text.empty())
        return std::nullopt;
    return JsonValue{nlohmann::json::accept(text) ? nlohmann::json::parse(text).dump() : text};
}

Goal GoalDialog::goal() const
{
    Goal g;
    g.kind = GoalKind(std::max(0, m_kind->currentIndex()));
    g.id = m_id->text().trimmed().toStdString();
    g.message = m_message->text().trimmed().toStdString();
    g.weight = m_weight->value();
    auto id = [](const QComboBox* c) { return comboId(c).toStdString(); };
    switch (g.kind) {
    case GoalKind::Flow:
        if (!id(m_flow).empty())
            g.flow = FlowId(id(m_flow));
        g.verdict = Verdict(std::max(0, m_verdict->currentIndex()));
        g.through = splitList(m_through->text());
        g.avoids = splitList(m_avoids->text());
        break;
    case GoalKind::Count:
        g.resourceKind = id(m_resourceKind);
        if (m_min->value() != kNoBound)
            g.min = m_min->value();
        if (m_max->value() != kNoBound)
            g.max = m_max->value();
        [[fallthrough]];
    case GoalKind::ScopePrivate:
    case GoalKind::NoInternetExposure:
        if (!id(m_scope).empty())
            g.scope = ResourceId(id(m_scope));
        g.tag = m_tag->text().trimmed().toStdString();
        if (g.kind == GoalKind::Count)
            g.where = whereValue();
        break;
    case GoalKind::Property: {
        if (m_target->currentIndex() == 1) {
            if (!id(m_resource).empty())
                g.resource = ResourceId(id(m_resource));
        } else {
            g.resourceKind = id(m_resourceKind);
            if (!id(m_scope).empty())
                g.scope = ResourceId(id(m_scope));
            g.tag = m_tag->text().trimmed().toStdString();
            g.where = whereValue();
        }
        g.field = m_field->currentText().trimmed().toStdString();
        // Kept compact, as the loader keeps it; text that is not JSON stays as typed (problem() says so).
        const std::string text = m_value->text().trimmed().toStdString();
        if (!text.empty())
            g.value = JsonValue{nlohmann::json::accept(text) ? nlohmann::json::parse(text).dump() : text};
        break;
    }
    case GoalKind::NoErrors:
        break;
    }
    return g;
}

QString GoalDialog::problem() const
{
    const Goal g = goal();
    if (g.id.empty())
        return tr("The goal needs an id.");
    if (!isValidId(g.id))
        return tr("The id \"%1\" is not valid: use letters, digits, '.', '_', ':' or '-', starting with a letter or digit.")
            .arg(QString::fromStdString(g.id));
    const Lesson& lesson = *m_document.design().lesson;
    if (g.id != m_editedId &&
        std::any_of(lesson.goals.begin(), lesson.goals.end(), [&](const Goal& other) { return other.id == g.id; }))
        return tr("The id \"%1\" is already used by another goal of this lesson.").arg(QString::fromStdString(g.id));
    if (!g.tag.empty() && !TagSelector::parse(g.tag))
        return tr("The tag is written key or key=value, with a key of at least one character.");
    if (g.where) {
        const nlohmann::json where = nlohmann::json::parse(g.where->json, nullptr, false);
        if (!where.is_object())
            return tr("\"Where\" is a JSON object of fields and values: {\"type\": \"interface\"}.");
    }
    switch (g.kind) {
    case GoalKind::Flow:
        if (!g.flow)
            return tr("A flow goal needs a flow: the design has none yet.");
        break;
    case GoalKind::Count:
        if (!g.min && !g.max)
            return tr("A count goal needs at least, at most or both.");
        if (g.min && g.max && *g.min > *g.max)
            return tr("\"At most\" is less than \"at least\".");
        break;
    case GoalKind::Property:
        if (m_target->currentIndex() == 1 && !g.resource)
            return tr("A property goal needs the resource it checks.");
        if (g.field.empty())
            return tr("A property goal needs a field.");
        if (!g.value)
            return tr("A property goal needs the value the field must have.");
        if (!nlohmann::json::accept(g.value->json))
            return tr("The value is not JSON: write true, 2 or \"text\" (strings in double quotes).");
        break;
    case GoalKind::ScopePrivate:
    case GoalKind::NoInternetExposure:
    case GoalKind::NoErrors:
        break;
    }
    return {};
}

void GoalDialog::update()
{
    const QString why = problem();
    m_problem->setText(why);
    m_problem->setVisible(!why.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(why.isEmpty());
    if (!why.isEmpty()) {
        m_preview->setText(tr("<i>Preview: complete the goal to see whether the design meets it.</i>"));
        return;
    }
    // The document's latest analysis: the one the lesson panel's checklist shows.
    const GoalResult result = evaluateGoal(goal(), m_document.design(), m_document.analysis());
    QString html = result.met ? tr("Preview: <b style='color:#2e7d32'>met</b> on the current design.")
                              : tr("Preview: <b style='color:#c62828'>not met</b> on the current design:");
    if (!result.met) {
        html += QStringLiteral("<ul>");
        for (std::size_t i = 0; i < result.reasons.size() && i < std::size_t(kReasonsPreviewed); ++i)
            html += QStringLiteral("<li>%1</li>").arg(QString::fromStdString(result.reasons[i].message).toHtmlEscaped());
        if (result.reasons.size() > std::size_t(kReasonsPreviewed))
            html += QStringLiteral("<li>") + tr("(%n more)", nullptr, int(result.reasons.size()) - kReasonsPreviewed) +
                    QStringLiteral("</li>");
        html += QStringLiteral("</ul>");
    }
    m_preview->setText(html);
}

void GoalDialog::accept()
{
    const QString why = problem();
    const Design& d = m_document.design();
    if (!why.isEmpty() || !d.lesson) {
        m_problem->setText(why.isEmpty() ? tr("The design no longer has a lesson.") : why);
        m_problem->setVisible(true);
        return;
    }
    Lesson lesson = *d.lesson;
    Goal g = goal();
    const bool adding = m_editedId.empty();
    const auto it = std::find_if(lesson.goals.begin(), lesson.goals.end(), [this](const Goal& x) { return x.id == m_editedId; });
    if (g.kind == GoalKind::Flow && g.flow) {
        // The flow is the goal's question: locked (or unlocked) with the goal, as the box says.
        const bool locked = isLocked(lesson, *g.flow);
        if (m_lockFlow->isChecked() && !locked)
            lesson.lockedFlows.push_back(*g.flow);
        else if (!m_lockFlow->isChecked() && locked)
            std::erase(lesson.lockedFlows, *g.flow);
    }
    if (!adding && it != lesson.goals.end())
        *it = std::move(g);
    else
        lesson.goals.push_back(std::move(g));
    m_document.apply(ChangeSetBuilder(d).setLesson(std::move(lesson)).build(),
                     adding ? tr("Add lesson goal") : tr("Edit lesson goal"));
    QDialog::accept();
}

} // namespace pp::ui
