#include "panels/InspectorPanel.h"

#include "canvas/Style.h"
#include "edit/Defaults.h"
#include "document/Document.h"
#include "io/JsonReader.h"
#include "io/JsonWriter.h"
#include "panels/FieldError.h"
#include "panels/FieldLabel.h"
#include "panels/FieldLineEdit.h"
#include "panels/FieldRow.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QScrollArea>
#include <QVBoxLayout>
#include <map>

namespace pp::ui {
namespace {

// std::optional<T> is edited as T (empty = absent); std::vector<T> as a list of T.
template <class V>
struct Unwrapped {
    using type = V;
};
template <class T>
struct Unwrapped<std::optional<T>> {
    using type = T;
};
template <class V>
struct VectorItem {
    using type = void;
};
template <class T>
struct VectorItem<std::vector<T>> {
    using type = T;
};
template <class V>
inline constexpr bool kIsOptional = false;
template <class T>
inline constexpr bool kIsOptional<std::optional<T>> = true;

// Walks a describe() function and records, for each field, the editor that fits its type.
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
        using V = typename Unwrapped<std::remove_cvref_t<T>>::type;
        using Item = typename VectorItem<V>::type;
        if constexpr (std::is_same_v<V, bool>) {
            f.editor = FieldInfo::Editor::Check;
        } else if constexpr (NamedEnum<V>) {
            f.editor = FieldInfo::Editor::Choice;
            if (kIsOptional<std::remove_cvref_t<T>>)
                f.choices << QString(); // absent (an enum with a default is never absent)
            for (auto name : EnumTraits<V>::names)
                f.choices << QString::fromLatin1(name.data(), int(name.size()));
        } else if constexpr (std::is_same_v<V, ResourceId>) {
            f.editor = FieldInfo::Editor::Choice;
            f.reference = true;
            if (optional)
                f.choices << QString();
            if (spec.allowLocal)
                f.choices << QStringLiteral("local");
            f.choices << idsOf(spec.kinds);
        } else if constexpr (!std::is_void_v<Item>) {
            f.list = true;
            if constexpr (Described<Item>) {
                // One column per field of the element type, collected the same way.
                f.editor = FieldInfo::Editor::Table;
                Item element{};
                FormCollector columns(m_design, f.columns);
                describe(columns, element);
            } else {
                f.number = std::is_arithmetic_v<Item>;
            }
        } else {
            f.number = std::is_arithmetic_v<V>;
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

// The field's value in the selection's JSON; an absent optional field shows its default.
OrderedJson valueIn(const OrderedJson& object, const FieldInfo& info)
{
    const auto it = object.find(info.key);
    if (it != object.end())
        return *it;
    return info.defaultValue ? *info.defaultValue : OrderedJson();
}

// An address typed into a resource's address field must be a usable address of its subnet: the
// field is where the value is chosen, so it is refused there (lint reports the same as
// ADDRESS_OUTSIDE_SUBNET / ADDRESS_RESERVED). Editing the subnet instead (its CIDR, or which
// subnet) is not refused: that is a move, and lint shows what it leaves to fix.
QString addressRefusal(const Design& d, const Resource& changed, const std::string& key)
{
    const ResourceId* subnetId = nullptr;
    std::optional<IpAddress> address;
    if (const Workload* w = changed.as<Workload>()) {
        subnetId = &w->subnet;
        address = key == "privateIp" ? w->privateIp : key == "ipv6Address" ? w->ipv6Address : std::nullopt;
    } else if (const NatGateway* n = changed.as<NatGateway>()) {
        subnetId = &n->subnet;
        address = key == "privateIp" ? n->privateIp : std::nullopt;
    }
    const Subnet* subnet = address && subnetId ? d.findAs<Subnet>(*subnetId) : nullptr;
    if (!subnet)
        return {};
    const QString k = QString::fromStdString(key);
    const QString ip = QString::fromStdString(address->toString());
    const QString id = QString::fromStdString(subnetId->str());
    if (!address->isV4() && !subnet->ipv6Cidr)
        return InspectorPanel::tr("%1: subnet %2 has no IPv6 block for %3").arg(k, id, ip);
    const Cidr& block = address->isV4() ? subnet->cidr : *subnet->ipv6Cidr;
    if (!block.contains(*address))
        return InspectorPanel::tr("%1: %2 is outside subnet %3 (%4)").arg(k, ip, id, QString::fromStdString(block.toString()));
    if (address->isV4() && (address->value() - block.network().value() < 4 || *address == block.last()))
        return InspectorPanel::tr("%1: AWS reserves %2 in subnet %3 (the first four addresses and the last)").arg(k, ip, id);
    return {};
}

} // namespace

InspectorPanel::InspectorPanel(Document& document, QWidget* parent) : QWidget(parent), m_document(document)
{
    setObjectName(QStringLiteral("inspector"));
    setMinimumWidth(320);
    setStyleSheet(QString::fromLatin1(kRefusedStyleSheet));
    auto* outer = new QVBoxLayout(this);
    m_title = new QLabel(this);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    outer->addWidget(m_title);
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    auto* body = new QWidget(scroll);
    m_form = new QFormLayout(body);
    // Field rows keep a margin around their editors for the refusal frame (FieldRow): the form's
    // own spacing gives it back.
    m_form->setVerticalSpacing(std::max(0, m_form->verticalSpacing() - 4));
    scroll->setWidget(body);
    outer->addWidget(scroll, 1);
    connect(&m_document, &Document::reloaded, this, &InspectorPanel::clearSelection);
    // Deferred: the change may come from one of our own editors, which must not be deleted
    // while it is still emitting.
    connect(&m_document, &Document::changed, this, &InspectorPanel::scheduleRebuild);
    rebuild();
}

QSize InspectorPanel::sizeHint() const
{
    // Wide enough for a route table's columns without scrolling sideways.
    return {460, QWidget::sizeHint().height()};
}

void InspectorPanel::showResource(const ResourceId& id)
{
    // The canvas selects the same resource again after a change: the editors, their drafts and
    // their marks stay. Another one gets new editors (m_shown differs), without marks.
    m_resource = id;
    m_flow = FlowId();
    scheduleRebuild();
}

void InspectorPanel::showFlow(const FlowId& id)
{
    m_flow = id;
    m_resource = ResourceId();
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

void InspectorPanel::clearForm()
{
    while (m_form->rowCount() > 0)
        m_form->removeRow(0);
    m_fields.clear();
    m_infos.clear();
    m_shown.clear();
}

InspectorPanel::Unsaved InspectorPanel::unsaved() const
{
    Unsaved out;
    for (const Field& field : m_fields) {
        if (field.line && field.line->hasDraft())
            out.lines[field.key] = {field.line->text(), field.line->modelText(),
                                    field.row->isRefused() ? field.row->reason() : QString()};
        if (field.list)
            out.lists[field.key] = field.list->unsaved();
    }
    return out;
}

void InspectorPanel::restore(const Unsaved& unsaved)
{
    for (const Field& field : m_fields) {
        if (const auto it = unsaved.lines.find(field.key); field.line && it != unsaved.lines.end()) {
            // Only a draft of the value the field still has: a new value ends it.
            if (field.line->modelText() != it->second.model)
                continue;
            field.line->setText(it->second.text);
            if (!it->second.reason.isEmpty())
                field.row->refuse(it->second.reason);
        }
        if (const auto it = unsaved.lists.find(field.key); field.list && it != unsaved.lists.end())
            field.list->setUnsaved(it->second);
    }
}

void InspectorPanel::rebuild()
{
    const Design& d = m_document.design();
    const Resource* resource = m_resource.empty() ? nullptr : d.find(m_resource);
    const Flow* flow = m_flow.empty() ? nullptr : d.findFlow(m_flow);
    if (!resource && !flow) {
        clearForm();
        m_title->setText(tr("Nothing selected"));
        return;
    }
    OrderedJson current = OrderedJson::object();
    std::vector<FieldInfo> infos;
    QString shown;
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
        shown = QStringLiteral("resource:") + QString::fromStdString(resource->id.str());
    } else {
        m_title->setText(tr("Flow %1").arg(QString::fromStdString(flow->id.str())));
        Flow copy = *flow;
        infos = fieldsOf(d, copy);
        JsonWriter writer(current);
        describe(writer, copy);
        shown = QStringLiteral("flow:") + QString::fromStdString(flow->id.str());
    }
    FieldInfo name;
    name.key = "name";
    name.doc = "Display name.";
    name.optional = true;
    infos.insert(infos.begin(), std::move(name));
    current["name"] = resource ? resource->name : flow->name;

    std::optional<Unsaved> kept;
    if (shown != m_shown || infos != m_infos) {
        // Another selection, or other fields or choices (a resource was added): new editors.
        // For the same selection, what the old ones held and the model does not moves over.
        if (shown == m_shown)
            kept = unsaved();
        clearForm();
        m_shown = shown;
        m_infos = infos;
        if (resource && resource->as<Subnet>()) {
            // Not a field: a subnet is public when its table routes to an internet gateway (RT-4).
            auto* box = new QCheckBox(tr("routes to an internet gateway"), this);
            box->setObjectName(QStringLiteral("field-public"));
            box->setToolTip(tr("Public subnet: uses (or creates) an internet gateway and a route table with 0.0.0.0/0 to it."));
            const ResourceId id = resource->id;
            connect(box, &QCheckBox::toggled, this, [this, id](bool on) {
                m_document.apply(setSubnetPublic(m_document.design(), id, on),
                                 on ? tr("Make %1 public").arg(QString::fromStdString(id.str()))
                                    : tr("Make %1 private").arg(QString::fromStdString(id.str())));
            });
            addRow(tr("public"), box->toolTip(), box);
            m_fields.push_back({QStringLiteral("public"), [this, box, id](const OrderedJson&) {
                const QSignalBlocker quiet(box);
                box->setChecked(isPublicSubnet(m_document.design(), id));
            }});
        }
        for (const FieldInfo& info : m_infos)
            addEditor(info);
        fitLabels();
    }
    // The model's values into the editors; showing a value never commits it.
    for (const Field& field : m_fields)
        field.show(current);
    if (kept)
        restore(*kept);
}

void InspectorPanel::addRow(const QString& key, const QString& doc, QWidget* field)
{
    auto* row = qobject_cast<FieldRow*>(field);
    QWidget* editor = row ? row->editor() : field;
    auto* label = new FieldLabel(key, doc, this);
    label->setBuddy(editor);
    // As tall as the row without a reason at most: the form then centres the label on the editor,
    // not on the editor and the reason under it.
    label->setMaximumHeight(std::max(label->sizeHint().height(), field->sizeHint().height()));
    m_form->addRow(label, field);
}

void InspectorPanel::fitLabels()
{
    // The form gives labels all the width they ask for; at most 40% leaves the values room in a
    // narrow inspector (longer labels are elided, whole in their tooltips).
    const int most = std::max(1, width() * 2 / 5);
    for (int row = 0; row < m_form->rowCount(); ++row)
        if (QLayoutItem* item = m_form->itemAt(row, QFormLayout::LabelRole); item && item->widget())
            item->widget()->setMaximumWidth(most);
}

void InspectorPanel::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    fitLabels();
}

void InspectorPanel::addEditor(const FieldInfo& info)
{
    const QString key = QString::fromStdString(info.key);
    const QString doc = QString::fromStdString(info.doc);
    Field field;
    field.key = key;
    switch (info.editor) {
    case FieldInfo::Editor::Check: {
        auto* box = new QCheckBox(this);
        box->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed); // a mark frames the box, not the row
        auto* row = new FieldRow(key, box, this);
        auto showValue = [box](const QString& value) {
            const QSignalBlocker quiet(box);
            box->setChecked(value == QLatin1String("true"));
        };
        connect(box, &QCheckBox::toggled, this, [this, key, row](bool on) {
            const QString refusal = commit(key, on ? QStringLiteral("true") : QStringLiteral("false"));
            refusal.isEmpty() ? row->clearRefusal() : row->refuse(refusal);
        });
        row->escaped = [row, showValue] { showValue(row->modelValue()); };
        field.show = [row, info, showValue](const OrderedJson& object) {
            const OrderedJson value = valueIn(object, info);
            const QString text = value.is_boolean() && value.get<bool>() ? QStringLiteral("true") : QStringLiteral("false");
            if (row->takeModelValue(text))
                showValue(text);
        };
        box->setToolTip(doc);
        box->setObjectName(QStringLiteral("field-") + key);
        field.row = row;
        addRow(key, doc, row);
        break;
    }
    case FieldInfo::Editor::Choice: {
        auto* combo = new QComboBox(this);
        combo->addItems(info.choices);
        // Long ids must not widen the form past the inspector: the list shows them whole.
        combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        combo->setMinimumContentsLength(8);
        auto* row = new FieldRow(key, combo, this);
        // A value that is not a choice shows as no selection rather than as the first choice.
        auto showValue = [combo](const QString& value) { combo->setCurrentIndex(combo->findText(value)); };
        connect(combo, &QComboBox::activated, this, [this, key, combo, row] {
            const QString refusal = commit(key, combo->currentText());
            refusal.isEmpty() ? row->clearRefusal() : row->refuse(refusal);
        });
        row->escaped = [row, showValue] { showValue(row->modelValue()); };
        field.show = [row, info, showValue](const OrderedJson& object) {
            const QString text = displayText(valueIn(object, info), info);
            if (row->takeModelValue(text))
                showValue(text);
        };
        combo->setToolTip(doc);
        combo->setObjectName(QStringLiteral("field-") + key);
        field.row = row;
        addRow(key, doc, row);
        break;
    }
    case FieldInfo::Editor::Table: {
        auto* list = new ListFieldEditor(
            info, [this, key](const QString& jsonText, QString* errorPath) { return commit(key, jsonText, errorPath); }, this);
        field.show = [list, info](const OrderedJson& object) { list->setValue(valueIn(object, info)); };
        field.list = list;
        m_form->addRow(list); // the whole width: a table needs it more than a label does
        break;
    }
    case FieldInfo::Editor::Line: {
        auto* line = new FieldLineEdit(this);
        auto* row = new FieldRow(key, line, this);
        field.show = [line, info](const OrderedJson& object) { line->setModelText(displayText(valueIn(object, info), info)); };
        field.row = row;
        field.line = line;
        // The fields are looked up by key when the signals come: m_fields grows (and moves) while
        // the form is built.
        connect(line, &FieldLineEdit::commitRequested, this, [this, key] {
            if (const Field* f = fieldOf(key))
                commitLine(*f);
        });
        connect(line, &FieldLineEdit::draftDropped, row, &FieldRow::clearRefusal);
        line->setToolTip(doc);
        line->setObjectName(QStringLiteral("field-") + key);
        addRow(key, doc, row);
        break;
    }
    }
    m_fields.push_back(std::move(field));
}

const InspectorPanel::Field* InspectorPanel::fieldOf(const QString& key) const
{
    const auto it = std::find_if(m_fields.begin(), m_fields.end(), [&](const Field& f) { return f.key == key; });
    return it == m_fields.end() ? nullptr : &*it;
}

void InspectorPanel::commitLine(const Field& field)
{
    FieldLineEdit* line = field.line;
    FieldRow* row = field.row;
    const QString refusal = commit(field.key, line->text());
    if (!refusal.isEmpty()) {
        row->refuse(refusal); // the text stays for the user to fix, or to give up with Escape
        return;
    }
    line->draftCommitted();
    row->clearRefusal();
}

QString InspectorPanel::editField(const QString& key, const QString& jsonText)
{
    const Field* field = fieldOf(key);
    if (field && field->line) {
        field->line->setText(jsonText);
        if (!field->line->hasDraft())
            return {};
        commitLine(*field);
        return field->row->isRefused() ? field->row->reason() : QString();
    }
    const QString refusal = commit(key, jsonText);
    if (field && field->row)
        refusal.isEmpty() ? field->row->clearRefusal() : field->row->refuse(refusal);
    else if (field && field->list)
        field->list->showRefusal(refusal);
    return refusal;
}

QString InspectorPanel::commit(const QString& key, const QString& text, QString* errorPath)
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
    if (text.trimmed().isEmpty() && info->optional) {
        object.erase(k);
    } else {
        const std::optional<OrderedJson> value = valueFromText(text, *info);
        if (!value)
            return tr("%1: not valid JSON").arg(key);
        object[k] = *value;
    }
    const Json plain = Json::parse(object.dump());
    ReadContext context;
    context.currentResource = resource ? resource->id.str() : flow->id.str();
    auto check = [&](auto& edited) -> QString {
        JsonReader reader(plain, "", context);
        describe(reader, edited);
        reader.finish(nullptr);
        for (const Diagnostic& diagnostic : context.problems)
            if (diagnostic.severity == Severity::Error) {
                if (errorPath)
                    *errorPath = QString::fromStdString(diagnostic.jsonPath);
                return QString::fromStdString(diagnostic.message);
            }
        for (const PendingReference& ref : context.references) {
            const Resource* target = d.find(ref.target);
            if (!target || !ref.kinds.contains(target->kind())) {
                if (errorPath)
                    *errorPath = QString::fromStdString(ref.jsonPath);
                return tr("%1: '%2' is not a resource this field can refer to").arg(QString::fromStdString(ref.fieldKey),
                                                                                QString::fromStdString(ref.target.str()));
            }
        }
        return {};
    };
    if (resource) {
        Resource changed = *resource;
        QString refusal;
        std::visit([&](auto& edited) { refusal = check(edited); }, changed.data);
        if (refusal.isEmpty())
            refusal = addressRefusal(d, changed, k);
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
