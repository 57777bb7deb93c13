#include "panels/InspectorPanel.h"

#include "canvas/Style.h"
#include "edit/Defaults.h"
#include "document/Document.h"
#include "io/JsonReader.h"
#include "io/JsonWriter.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace pp::ui {
namespace {

template <class V>
struct ItemOf {
    using type = void;
};
template <class V>
    requires requires { typename V::value_type; }
struct ItemOf<V> {
    using type = typename V::value_type;
};

// Describes the fields of a type for the form: key, documentation, and what editor fits.
struct FieldInfo {
    std::string key;
    std::string doc;
    enum class Editor { Line, Check, Choice, Text } editor = Editor::Line;
    QStringList choices; // enum names or ids of the allowed kinds
    bool optional = false;
    bool list = false;
    std::optional<OrderedJson> defaultValue; // shown when the field is absent (defaults are not saved)
};

class FormCollector {
public:
    FormCollector(const Design& design, std::vector<FieldInfo>& out) : m_design(design), m_out(out) {}

    template <class T>
    void req(std::string_view key, T& value, const FieldSpec& spec)
    {
        add(key, value, spec, false);
    }
    template <class T, class D>
    void opt(std::string_view key, T& value, const D& defaultValue, const FieldSpec& spec)
    {
        add(key, value, spec, true);
        m_out.back().defaultValue = JsonWriter::toJson(T(defaultValue));
    }
    template <class T>
    void opt(std::string_view key, T& value, const FieldSpec& spec)
    {
        add(key, value, spec, true);
    }
    template <std::size_t N>
    void oneOf(const std::array<const char*, N>&)
    {
    }

private:
    QStringList idsOf(KindMask kinds) const
    {
        QStringList ids;
        for (const Resource& r : m_design.resources())
            if (kinds.contains(r.kind()))
                ids << QString::fromStdString(r.id.str());
        return ids;
    }

    template <class T>
    void add(std::string_view key, T&, const FieldSpec& spec, bool optional)
    {
        FieldInfo f;
        f.key = key;
        f.doc = spec.doc;
        f.optional = optional;
        using V = std::remove_cvref_t<T>;
        if constexpr (std::is_same_v<V, bool>) {
            f.editor = FieldInfo::Editor::Check;
        } else if constexpr (NamedEnum<V> || NamedEnum<typename ItemOf<V>::type>) {
            f.editor = FieldInfo::Editor::Choice;
            using E = std::conditional_t<NamedEnum<V>, V, typename ItemOf<V>::type>;
            if (optional && !NamedEnum<V>)
                f.choices << QString();
            for (auto name : EnumTraits<E>::names)
                f.choices << QString::fromLatin1(name.data(), int(name.size()));
        } else if constexpr (std::is_same_v<V, ResourceId> || std::is_same_v<V, std::optional<ResourceId>>) {
            f.editor = FieldInfo::Editor::Choice;
            if (optional)
                f.choices << QString();
            if (spec.allowLocal)
                f.choices << QStringLiteral("local");
            f.choices << idsOf(spec.kinds);
        } else if constexpr (!std::is_void_v<typename ItemOf<V>::type> && !std::is_same_v<V, std::string>) {
            using Item = typename ItemOf<V>::type;
            f.list = true;
            f.editor = Described<Item> ? FieldInfo::Editor::Text : FieldInfo::Editor::Line;
        }
        m_out.push_back(std::move(f));
    }

    const Design& m_design;
    std::vector<FieldInfo>& m_out;
};

template <class T>
std::vector<FieldInfo> fieldsOf(const Design& design, T& value)
{
    std::vector<FieldInfo> out;
    FormCollector collector(design, out);
    describe(collector, value);
    return out;
}

// JSON text <-> what an editor shows: lists of scalars as "a, b", strings without quotes.
QString displayText(const OrderedJson& j, const FieldInfo& f)
{
    if (j.is_null())
        return {};
    if (j.is_string())
        return QString::fromStdString(j.get<std::string>());
    if (f.list && f.editor == FieldInfo::Editor::Line) {
        QStringList parts;
        for (const auto& item : j)
            parts << (item.is_string() ? QString::fromStdString(item.get<std::string>()) : QString::fromStdString(item.dump()));
        return parts.join(QStringLiteral(", "));
    }
    return QString::fromStdString(f.editor == FieldInfo::Editor::Text ? j.dump(2) : j.dump());
}

} // namespace

InspectorPanel::InspectorPanel(Document& document, QWidget* parent) : QWidget(parent), m_document(document)
{
    setObjectName(QStringLiteral("inspector"));
    setMinimumWidth(320);
    auto* outer = new QVBoxLayout(this);
    m_title = new QLabel(this);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    outer->addWidget(m_title);
    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #C62828"));
    outer->addWidget(m_message);
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    auto* body = new QWidget(scroll);
    m_form = new QFormLayout(body);
    scroll->setWidget(body);
    outer->addWidget(scroll, 1);
    connect(&m_document, &Document::reloaded, this, &InspectorPanel::clearSelection);
    // Deferred: the change may come from one of our own editors, which must not be deleted
    // while it is still emitting.
    connect(&m_document, &Document::changed, this, &InspectorPanel::scheduleRebuild);
    rebuild();
}

void InspectorPanel::showResource(const ResourceId& id)
{
    m_resource = id;
    m_flow = FlowId();
    m_message->clear();
    scheduleRebuild();
}

void InspectorPanel::showFlow(const FlowId& id)
{
    m_flow = id;
    m_resource = ResourceId();
    m_message->clear();
    scheduleRebuild();
}

void InspectorPanel::clearSelection()
{
    m_resource = ResourceId();
    m_flow = FlowId();
    scheduleRebuild();
}

void InspectorPanel::scheduleRebuild()
{
    // The form is rebuilt from the event loop, never inside a signal of one of its own editors
    // (an edit changes the document, which changes the selection, which would delete the editor
    // still emitting). Several requests make one rebuild.
    if (m_rebuildPending)
        return;
    m_rebuildPending = true;
    QMetaObject::invokeMethod(this, [this] {
        m_rebuildPending = false;
        rebuild();
    }, Qt::QueuedConnection);
}

void InspectorPanel::rebuild()
{
    while (m_form->rowCount() > 0)
        m_form->removeRow(0);
    m_fields.clear();
    const Design& d = m_document.design();
    const Resource* resource = m_resource.empty() ? nullptr : d.find(m_resource);
    const Flow* flow = m_flow.empty() ? nullptr : d.findFlow(m_flow);
    if (!resource && !flow) {
        m_title->setText(tr("Nothing selected"));
        return;
    }
    OrderedJson current = OrderedJson::object();
    std::vector<FieldInfo> infos;
    if (resource) {
        m_title->setText(tr("%1 %2").arg(style::kindLabel(resource->kind()), QString::fromStdString(resource->id.str())));
        std::visit(
            [&](const auto& value) {
                auto copy = value;
                infos = fieldsOf(d, copy);
                JsonWriter writer(current);
                describe(writer, copy);
            },
            resource->data);
    } else {
        m_title->setText(tr("Flow %1").arg(QString::fromStdString(flow->id.str())));
        Flow copy = *flow;
        infos = fieldsOf(d, copy);
        JsonWriter writer(current);
        describe(writer, copy);
    }
    infos.insert(infos.begin(), FieldInfo{"name", "Display name.", FieldInfo::Editor::Line, {}, true, false, std::nullopt});
    if (resource && resource->as<Subnet>()) {
        // Not a field: a subnet is public when its table routes to an internet gateway (RT-4).
        auto* box = new QCheckBox(tr("routes to an internet gateway"), this);
        box->setObjectName(QStringLiteral("field-public"));
        box->setChecked(isPublicSubnet(d, resource->id));
        box->setToolTip(tr("Public subnet: uses (or creates) an internet gateway and a route table with 0.0.0.0/0 to it."));
        const ResourceId id = resource->id;
        connect(box, &QCheckBox::toggled, this, [this, id](bool on) {
            m_document.apply(setSubnetPublic(m_document.design(), id, on),
                             on ? tr("Make %1 public").arg(QString::fromStdString(id.str()))
                                : tr("Make %1 private").arg(QString::fromStdString(id.str())));
        });
        m_form->addRow(tr("public"), box);
    }
    current["name"] = resource ? resource->name : flow->name;

    for (const FieldInfo& info : infos) {
        const QString key = QString::fromStdString(info.key);
        const OrderedJson value = current.contains(info.key) ? current[info.key]
                                  : info.defaultValue              ? *info.defaultValue
                                                                   : OrderedJson();
        QWidget* editor = nullptr;
        Field field;
        field.key = key;
        switch (info.editor) {
        case FieldInfo::Editor::Check: {
            auto* box = new QCheckBox(this);
            box->setChecked(value.is_boolean() ? value.get<bool>() : false);
            if (value.is_null()) {
                // Default value: read it from the model through the reader's default.
                box->setChecked(false);
            }
            field.text = [box] { return box->isChecked() ? QStringLiteral("true") : QStringLiteral("false"); };
            field.set = [box](const QString& t) { box->setChecked(t == QLatin1String("true")); };
            connect(box, &QCheckBox::toggled, this, [this, key, box] { m_message->setText(commit(key, box->isChecked() ? QStringLiteral("true") : QStringLiteral("false"))); });
            editor = box;
            break;
        }
        case FieldInfo::Editor::Choice: {
            auto* combo = new QComboBox(this);
            combo->addItems(info.choices);
            combo->setCurrentText(displayText(value, info));
            field.text = [combo] { return combo->currentText(); };
            field.set = [combo](const QString& t) { combo->setCurrentText(t); };
            connect(combo, &QComboBox::activated, this, [this, key, combo] { m_message->setText(commit(key, combo->currentText())); });
            editor = combo;
            break;
        }
        case FieldInfo::Editor::Text: {
            auto* text = new QPlainTextEdit(this);
            text->setPlainText(value.is_null() ? QStringLiteral("[]") : QString::fromStdString(value.dump(2)));
            text->setMinimumHeight(90);
            auto* apply = new QPushButton(tr("Apply %1").arg(key), this);
            auto* box = new QWidget(this);
            auto* layout = new QVBoxLayout(box);
            layout->setContentsMargins(0, 0, 0, 0);
            layout->addWidget(text);
            layout->addWidget(apply);
            field.text = [text] { return text->toPlainText(); };
            field.set = [text](const QString& t) { text->setPlainText(t); };
            connect(apply, &QPushButton::clicked, this, [this, key, text] { m_message->setText(commit(key, text->toPlainText())); });
            editor = box;
            break;
        }
        case FieldInfo::Editor::Line: {
            auto* line = new QLineEdit(displayText(value, info), this);
            field.text = [line] { return line->text(); };
            field.set = [line](const QString& t) { line->setText(t); };
            connect(line, &QLineEdit::editingFinished, this, [this, key, line] {
                if (line->isModified()) {
                    line->setModified(false);
                    m_message->setText(commit(key, line->text()));
                }
            });
            editor = line;
            break;
        }
        }
        editor->setToolTip(QString::fromStdString(info.doc));
        editor->setObjectName(QStringLiteral("field-") + key);
        m_form->addRow(key, editor);
        m_fields.push_back(std::move(field));
    }
}

QString InspectorPanel::editField(const QString& key, const QString& jsonText)
{
    const QString refusal = commit(key, jsonText);
    m_message->setText(refusal);
    return refusal;
}

QString InspectorPanel::commit(const QString& key, const QString& text)
{
    const Design& d = m_document.design();
    const Resource* resource = m_resource.empty() ? nullptr : d.find(m_resource);
    const Flow* flow = m_flow.empty() ? nullptr : d.findFlow(m_flow);
    if (!resource && !flow)
        return {};
    // The whole object as JSON, with the edited field replaced, read back by the file format's
    // reader: exactly the checks a file gets.
    OrderedJson object = OrderedJson::object();
    std::vector<FieldInfo> infos;
    auto current = [&](auto copy) {
        infos = fieldsOf(d, copy);
        JsonWriter writer(object);
        describe(writer, copy);
    };
    if (resource)
        std::visit(current, resource->data);
    else
        current(*flow);
    const std::string k = key.toStdString();
    if (k == "name") {
        if (resource) {
            Resource changed = *resource;
            changed.name = text.toStdString();
            m_document.apply(ChangeSetBuilder(d).modify(changed).build(), tr("Rename %1").arg(QString::fromStdString(resource->id.str())));
        } else {
            Flow changed = *flow;
            changed.name = text.toStdString();
            m_document.apply(ChangeSetBuilder(d).modifyFlow(changed).build(), tr("Rename %1").arg(QString::fromStdString(flow->id.str())));
        }
        return {};
    }
    const auto info = std::find_if(infos.begin(), infos.end(), [&](const FieldInfo& f) { return f.key == k; });
    if (info == infos.end())
        return tr("Unknown field %1").arg(key);
    // Text to JSON value for this field.
    Json value;
    const std::string t = text.trimmed().toStdString();
    if (t.empty() && info->optional) {
        object.erase(k);
    } else {
        if (info->editor == FieldInfo::Editor::Text || info->editor == FieldInfo::Editor::Check) {
            value = Json::parse(t, nullptr, false);
            if (value.is_discarded())
                return tr("%1: not valid JSON").arg(key);
        } else if (info->list) {
            value = Json::array();
            for (const QString& part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
                const Json number = Json::parse(part.trimmed().toStdString(), nullptr, false);
                value.push_back(number.is_number() ? number : Json(part.trimmed().toStdString()));
            }
        } else {
            const Json number = Json::parse(t, nullptr, false);
            value = number.is_number() ? number : Json(t);
        }
        object[k] = OrderedJson::parse(value.dump());
    }
    const Json plain = Json::parse(object.dump());
    ReadContext context;
    context.currentResource = resource ? resource->id.str() : flow->id.str();
    auto check = [&](auto& edited) -> QString {
        JsonReader reader(plain, "", context);
        describe(reader, edited);
        reader.finish(nullptr);
        for (const Diagnostic& diagnostic : context.problems)
            if (diagnostic.severity == Severity::Error)
                return QString::fromStdString(diagnostic.message);
        for (const PendingReference& ref : context.references) {
            const Resource* target = d.find(ref.target);
            if (!target || !ref.kinds.contains(target->kind()))
                return tr("%1: '%2' is not a resource this field can refer to").arg(QString::fromStdString(ref.fieldKey),
                                                                                QString::fromStdString(ref.target.str()));
        }
        return {};
    };
    if (resource) {
        Resource changed = *resource;
        QString refusal;
        std::visit([&](auto& edited) { refusal = check(edited); }, changed.data);
        if (!refusal.isEmpty())
            return refusal;
        m_document.apply(ChangeSetBuilder(d).modify(changed).build(),
                         tr("Change %1 of %2").arg(key, QString::fromStdString(resource->id.str())));
    } else {
        Flow changed = *flow;
        const QString refusal = check(changed);
        if (!refusal.isEmpty())
            return refusal;
        m_document.apply(ChangeSetBuilder(d).modifyFlow(changed).build(),
                         tr("Change %1 of %2").arg(key, QString::fromStdString(flow->id.str())));
    }
    return {};
}

} // namespace pp::ui
