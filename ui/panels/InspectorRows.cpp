// The inspector's rows: one editor per field that fits the field's type (text, check box, picker,
// check list, table), the special rows that are not fields of the file, and the read-only values
// the engine derives. InspectorPanel.cpp decides when they are built and commits their edits.
#include "panels/InspectorPanel.h"
#include "aws/AwsServices.h"
#include "canvas/Style.h"

#include "document/Document.h"
#include "edit/Defaults.h"
#include "panels/FieldLabel.h"
#include "panels/FieldLabels.h"
#include "panels/FieldLineEdit.h"
#include "panels/FieldRow.h"
#include "panels/ReferenceChecklist.h"
#include "panels/ServiceCatalog.h"

#include <QCheckBox>
#include <optional>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>

namespace pp::ui {
namespace {

// The field's value in the selection's JSON; an absent optional field shows its default.
OrderedJson valueIn(const OrderedJson& object, const FieldInfo& info)
{
    const auto it = object.find(info.key);
    if (it != object.end())
        return *it;
    return info.defaultValue ? *info.defaultValue : OrderedJson();
}

QStringList idsIn(const OrderedJson& value)
{
    QStringList ids;
    if (value.is_array())
        for (const auto& item : value)
            if (item.is_string())
                ids << QString::fromStdString(item.get<std::string>());
    return ids;
}

QString editorTip(const FieldInfo& info)
{
    return InspectorPanel::tr("%1 (file key `%2`)\n%3")
        .arg(fieldLabel(info.key), QString::fromStdString(info.key), QString::fromStdString(info.doc));
}

std::vector<ReferenceChoice> choicesOf(const FieldInfo& info)
{
    std::vector<ReferenceChoice> out;
    for (qsizetype i = 0; i < info.choices.size(); ++i)
        out.push_back({info.choices[i], i < info.choiceLabels.size() ? info.choiceLabels[i] : info.choices[i]});
    return out;
}

} // namespace

void InspectorPanel::addRow(const QString& label, const QString& key, const QString& doc, QWidget* field)
{
    auto* row = qobject_cast<FieldRow*>(field);
    QWidget* editor = row ? row->editor() : field;
    auto* name = new FieldLabel(label, key, doc, this);
    name->setBuddy(editor);
    m_form->addRow(name, field);
}

void InspectorPanel::addSection(const QString& title, const QString& tip)
{
    auto* label = new QLabel(title, this);
    QFont bold = label->font();
    bold.setBold(true);
    label->setFont(bold);
    label->setToolTip(tip);
    label->setWordWrap(true);
    label->setContentsMargins(0, 8, 0, 0);
    m_form->addRow(label);
}

void InspectorPanel::addEditor(const FieldInfo& info)
{
    const QString key = QString::fromStdString(info.key);
    const QString doc = QString::fromStdString(info.doc);
    Field field;
    field.key = key;
    const Resource* resource = m_resource.empty() ? nullptr : m_document.design().find(m_resource);
    if (resource && resource->as<AwsService>() && info.key == "service") {
        addServiceEditor(info, field);
        m_fields.push_back(std::move(field));
        return;
    }
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
        box->setToolTip(editorTip(info));
        box->setObjectName(QStringLiteral("field-") + key);
        field.row = row;
        addRow(fieldLabel(info.key), key, doc, row);
        break;
    }
    case FieldInfo::Editor::Choice:
        addChoiceEditor(info, field);
        break;
    case FieldInfo::Editor::Checklist:
        addChecklistEditor(info, field);
        break;
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
        line->setToolTip(editorTip(info));
        line->setObjectName(QStringLiteral("field-") + key);
        addRow(fieldLabel(info.key), key, doc, row);
        break;
    }
    }
    m_fields.push_back(std::move(field));
}

void InspectorPanel::finishChoiceRow(const FieldInfo& info, Field& field, FieldRow* row, QComboBox* combo,
                                     const std::function<void(const QString&)>& showValue)
{
    // What every list row shares: Escape shows the model's value again; a change in the model
    // shows unless the user is choosing; the tooltip, the name tests find it by, the form row.
    const QString key = QString::fromStdString(info.key);
    row->escaped = [row, showValue] { showValue(row->modelValue()); };
    field.show = [row, info, showValue](const OrderedJson& object) {
        const QString text = displayText(valueIn(object, info), info);
        if (row->takeModelValue(text))
            showValue(text);
    };
    combo->setToolTip(editorTip(info));
    combo->setObjectName(QStringLiteral("field-") + key);
    field.row = row;
    addRow(fieldLabel(info.key), key, QString::fromStdString(info.doc), row);
}

void InspectorPanel::addChoiceEditor(const FieldInfo& info, Field& field)
{
    const QString key = QString::fromStdString(info.key);
    auto* combo = new QComboBox(this);
    // Each item holds the file's value; it reads as words (enums) or "Name (id)" (references).
    for (qsizetype i = 0; i < info.choices.size(); ++i) {
        const QString& value = info.choices[i];
        QString text = info.reference && i < info.choiceLabels.size() ? info.choiceLabels[i]
                                                                       : fieldLabel(value.toStdString());
        if (value.isEmpty())
            text = info.reference ? tr("(none)") : tr("(not set)");
        combo->addItem(text, value);
        combo->setItemData(combo->count() - 1, text, Qt::ToolTipRole);
    }
    // Long names must not widen the form past the inspector: the list shows them whole.
    combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    combo->setMinimumContentsLength(8);
    auto* row = new FieldRow(key, combo, this);
    // A value that is not a choice shows as no selection rather than as the first choice.
    auto showValue = [combo](const QString& value) { combo->setCurrentIndex(combo->findData(value)); };
    connect(combo, &QComboBox::activated, this, [this, key, combo, row] {
        const QString refusal = commit(key, combo->currentData().toString());
        refusal.isEmpty() ? row->clearRefusal() : row->refuse(refusal);
    });
    finishChoiceRow(info, field, row, combo, showValue);
}

void InspectorPanel::addChecklistEditor(const FieldInfo& info, Field& field)
{
    const QString key = QString::fromStdString(info.key);
    auto* list = new ReferenceChecklist(choicesOf(info), this);
    auto* row = new FieldRow(key, list, this);
    connect(list, &ReferenceChecklist::edited, this, [this, key, list, row](const QStringList& ids) {
        const QString refusal = commit(key, ids.join(QStringLiteral(", ")));
        if (refusal.isEmpty()) {
            row->clearRefusal();
            return;
        }
        // The boxes go back to the model's value; the reason stays under them.
        list->setChecked(row->modelValue().split(QStringLiteral(", "), Qt::SkipEmptyParts));
        row->refuse(refusal);
    });
    field.show = [row, list, info](const OrderedJson& object) {
        const QStringList ids = idsIn(valueIn(object, info));
        if (row->takeModelValue(ids.join(QStringLiteral(", "))))
            list->setChecked(ids);
    };
    list->setToolTip(editorTip(info));
    list->setObjectName(QStringLiteral("field-") + key);
    field.row = row;
    addRow(fieldLabel(info.key), key, QString::fromStdString(info.doc), row);
}

void InspectorPanel::addServiceEditor(const FieldInfo& info, Field& field)
{
    // Picked from the services PrivatePath knows, or typed (AWS adds services all the time).
    const QString key = QString::fromStdString(info.key);
    auto* combo = new QComboBox(this);
    combo->setEditable(true);
    combo->setInsertPolicy(QComboBox::NoInsert);
    // The core's catalogue, grouped by category (a separator between groups), each with the
    // icon its tile will show.
    std::optional<ServiceCategory> group;
    for (const AwsServiceInfo& s : awsServices()) {
        if (group && *group != s.category)
            combo->insertSeparator(combo->count());
        group = s.category;
        const QString code = QString::fromLatin1(s.code.data(), qsizetype(s.code.size()));
        const QString name = QString::fromUtf8(s.name.data(), qsizetype(s.name.size()));
        combo->addItem(style::namedIcon(style::serviceIconName(std::string(s.code))), tr("%1 (%2)").arg(name, code), code);
    }
    combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    combo->setMinimumContentsLength(8);
    auto* row = new FieldRow(key, combo, this);
    auto showValue = [combo](const QString& value) {
        const int i = combo->findData(value);
        if (i >= 0)
            combo->setCurrentIndex(i);
        else
            combo->setEditText(value);
    };
    // The typed text is a service name unless it is one of the items as shown.
    auto chosen = [combo]() -> QString {
        const int i = combo->findText(combo->currentText());
        return i >= 0 ? combo->itemData(i).toString() : combo->currentText().trimmed();
    };
    auto commitChoice = [this, key, row, chosen] {
        const QString value = chosen();
        if (value == row->modelValue())
            return;
        const QString refusal = commit(key, value);
        refusal.isEmpty() ? row->clearRefusal() : row->refuse(refusal);
    };
    connect(combo, &QComboBox::activated, this, commitChoice);
    connect(combo->lineEdit(), &QLineEdit::editingFinished, this, commitChoice);
    finishChoiceRow(info, field, row, combo, showValue);
}

void InspectorPanel::addSubnetPublicRow(const ResourceId& id)
{
    // Not a field: a subnet is public when its table routes to an internet gateway (RT-4).
    // No text of its own: the row label names it, the tooltip explains (a long text would push
    // the fields out of a narrow inspector).
    auto* box = new QCheckBox(this);
    box->setObjectName(QStringLiteral("field-public"));
    box->setToolTip(tr("Public subnet: uses (or creates) an internet gateway and a route table with 0.0.0.0/0 to it."));
    connect(box, &QCheckBox::toggled, this, [this, id](bool on) {
        m_document.apply(setSubnetPublic(m_document.design(), id, on),
                         on ? tr("Make %1 public").arg(QString::fromStdString(id.str()))
                            : tr("Make %1 private").arg(QString::fromStdString(id.str())));
    });
    addRow(tr("Public subnet"), QString(), box->toolTip(), box);
    m_fields.push_back({QStringLiteral("public"), [this, box, id](const OrderedJson&) {
                            const QSignalBlocker quiet(box);
                            box->setChecked(isPublicSubnet(m_document.design(), id));
                        }});
}

void InspectorPanel::addAssociationsRow(const ResourceId& routeTable)
{
    // Not a field of the table: each subnet names its table. Ticking a subnet associates it (its
    // `routeTable`), clearing it leaves the subnet to the VPC's main table; one undo step.
    const Design& d = m_document.design();
    const RouteTable* table = d.findAs<RouteTable>(routeTable);
    if (!table)
        return;
    std::vector<ReferenceChoice> subnets;
    for (const ReferenceChoice& c : referenceChoices(d, nullptr, "subnets", KindMask{Kind::Subnet}, false))
        if (const Subnet* s = d.findAs<Subnet>(ResourceId(c.id.toStdString())); s && s->vpc == table->vpc)
            subnets.push_back(c);
    auto* list = new ReferenceChecklist(subnets, this);
    list->setObjectName(QStringLiteral("field-associations"));
    list->setToolTip(tr("Subnets explicitly associated with this route table. A subnet without an association uses "
                        "the VPC's main route table (RT-4)."));
    connect(list, &ReferenceChecklist::edited, this, [this, routeTable](const QStringList& ids) {
        const Design& design = m_document.design();
        ChangeSetBuilder change(design);
        design.forEach<Subnet>([&](const Resource& r, const Subnet& s) {
            const bool want = ids.contains(QString::fromStdString(r.id.str()));
            const bool has = s.routeTable == routeTable;
            if (want == has)
                return;
            Resource changed = r;
            std::get<Subnet>(changed.data).routeTable = want ? std::optional(routeTable) : std::nullopt;
            change.modify(changed);
        });
        m_document.apply(change.build(), tr("Change the subnets of %1").arg(QString::fromStdString(routeTable.str())));
    });
    addRow(tr("Associated subnets"), QString(), list->toolTip(), list);
    m_fields.push_back({QStringLiteral("associations"), [this, list, routeTable](const OrderedJson&) {
                            QStringList ids;
                            m_document.design().forEach<Subnet>([&](const Resource& r, const Subnet& s) {
                                if (s.routeTable == routeTable)
                                    ids << QString::fromStdString(r.id.str());
                            });
                            list->setChecked(ids);
                        }});
}

void InspectorPanel::addDerivedRows(const Derived& derived)
{
    if (derived.routeTable) {
        addSection(tr("Effective routes"),
                   tr("Every route the table has, as the analysis uses them: the implicit local route of each VPC "
                      "block, the routes above, routes propagated from the VPC's virtual private gateway, and the "
                      "prefix-list route of each gateway endpoint associated with the table (GW-2). Read-only."));
        m_effectiveRoutes = new EffectiveRoutesTable(this);
        m_form->addRow(m_effectiveRoutes);
    }
    if (derived.values.empty())
        return;
    addSection(tr("From the analysis"), tr("Values the engine works with that the design does not state. Read-only."));
    for (const DerivedValue& value : derived.values) {
        auto* label = new QLabel(this);
        label->setObjectName(QStringLiteral("derived-") + value.key);
        label->setWordWrap(true);
        label->setTextFormat(Qt::PlainText);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        label->setToolTip(value.tip);
        label->setMinimumWidth(60);
        m_derivedLabels[value.key] = label;
        addRow(value.label, QString(), value.tip, label);
    }
}

void InspectorPanel::showDerived(const Derived& derived)
{
    if (m_effectiveRoutes)
        m_effectiveRoutes->setRoutes(derived.routes);
    for (const DerivedValue& value : derived.values)
        if (const auto it = m_derivedLabels.find(value.key); it != m_derivedLabels.end())
            it->second->setText(value.value);
    // An address field left empty shows, greyed, the address the engine assumed for it.
    const Field* ip = fieldOf(QStringLiteral("privateIp"));
    for (const DerivedValue& value : derived.values)
        if (value.key == QLatin1String("privateIp") && ip && ip->line)
            ip->line->setPlaceholderText(value.value);
}

} // namespace pp::ui
