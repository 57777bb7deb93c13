#include "panels/InspectorPanel.h"

#include "canvas/Style.h"
#include "design/Placement.h"
#include "edit/Defaults.h"
#include "document/Document.h"
#include "io/JsonReader.h"
#include "io/JsonWriter.h"
#include "panels/FieldError.h"
#include "panels/FieldLabel.h"
#include "panels/FieldLineEdit.h"
#include "panels/FieldLabels.h"
#include "panels/FieldRow.h"
#include "panels/FormCollector.h"
#include "panels/DerivedValues.h"
#include "panels/ServiceCatalog.h"

#include <QDockWidget>
#include <QFormLayout>
#include <QMainWindow>
#include <QLabel>
#include <QScrollArea>
#include <QVBoxLayout>
#include <map>

namespace pp::ui {
namespace {

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
        subnetId = n->subnet ? &*n->subnet : nullptr; // a regional NAT gateway is in no subnet (NAT-1)
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

// An AWS service whose service changes (s3 to sqs) keeps its tile truthful: a name that was the
// old service's default label ("Amazon S3"), or none, becomes the new one's ("Amazon SQS"), in
// the same change (one undo step). A name the user chose stays.
void followService(const Resource& before, Resource& after)
{
    const AwsService* was = before.as<AwsService>();
    const AwsService* now = after.as<AwsService>();
    if (!was || !now || was->service == now->service)
        return;
    const QString name = QString::fromStdString(before.name);
    if (name.isEmpty() || name == awsServiceLabel(QString::fromStdString(was->service)))
        after.name = awsServiceLabel(QString::fromStdString(now->service)).toStdString();
}

// A NAT gateway made regional belongs to its subnet's VPC; one made zonal goes into the first
// subnet of its VPC (the user can pick another one after). `object` is the edited JSON.
void followNatMode(const Design& d, const Resource& nat, OrderedJson& object)
{
    const bool regional = object.value("availabilityMode", std::string("zonal")) == "regional";
    if (regional && object.contains("subnet")) {
        if (const auto vpc = vpcOfResource(d, nat.id))
            object["vpc"] = vpc->str();
        object.erase("subnet");
    } else if (!regional && object.contains("vpc")) {
        const std::string vpc = object["vpc"].get<std::string>();
        for (const Resource& r : d.resources())
            if (const Subnet* s = r.as<Subnet>(); s && s->vpc.str() == vpc) {
                object["subnet"] = r.id.str();
                object.erase("vpc");
                break;
            }
    }
}

// The inspector's tags editor: a table of key and value, with the file format's limits.
FieldInfo tagsField()
{
    FieldInfo tags;
    tags.key = "tags";
    tags.doc = "Tags, as in AWS (key = value). Lesson goals and Find select resources by tag.";
    tags.editor = FieldInfo::Editor::Table;
    tags.list = true;
    tags.optional = true;
    tags.defaultValue = OrderedJson::array();
    for (const char* column : {"key", "value"}) {
        FieldInfo c;
        c.key = column;
        c.doc = column == std::string_view("key") ? "Tag key: 1 to 128 characters." : "Tag value: up to 256 characters; may be empty.";
        c.optional = column == std::string_view("value");
        tags.columns.push_back(std::move(c));
    }
    return tags;
}

// The table's rows (a JSON array of {key, value}) as tags; a refusal names the row's cell.
QString tagsFromTable(const QString& text, Tags& tags, QString* errorPath)
{
    const Json rows = Json::parse(text.toStdString(), nullptr, false);
    if (!rows.is_array())
        return QObject::tr("Tags: not a list of key and value");
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const Json& row = rows[i];
        const std::string at = "/tags/" + std::to_string(i);
        const std::string key = row.is_object() && row.contains("key") && row["key"].is_string() ? row["key"].get<std::string>() : "";
        const std::string value = row.is_object() && row.contains("value") && row["value"].is_string() ? row["value"].get<std::string>() : "";
        auto refuse = [&](const char* field, const QString& why) {
            if (errorPath)
                *errorPath = QString::fromStdString(at + "/" + field);
            return why;
        };
        if (key.empty() || key.size() > 128)
            return refuse("key", QObject::tr("A tag key has 1 to 128 characters"));
        if (value.size() > 256)
            return refuse("value", QObject::tr("A tag value has at most 256 characters"));
        if (!tags.emplace(key, value).second)
            return refuse("key", QObject::tr("The tag key %1 is used twice").arg(QString::fromStdString(key)));
    }
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
    m_title->setWordWrap(true); // a long name never pushes the id out of view
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    outer->addWidget(m_title);
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    auto* body = new QWidget(scroll);
    body->setObjectName(QStringLiteral("inspectorForm"));
    m_body = body;
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
    return {480, QWidget::sizeHint().height()};
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
    m_derivedKeys.clear();
    m_derivedLabels.clear();
    m_effectiveRoutes = nullptr;
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
        m_body->setEnabled(true);
        m_body->setToolTip(QString());
        clearForm();
        m_title->setText(tr("Nothing selected"));
        return;
    }
    OrderedJson current = OrderedJson::object();
    std::vector<FieldInfo> infos;
    QString shown;
    Derived derived;
    if (resource) {
        const QString name = QString::fromStdString(resource->name);
        const QString id = QString::fromStdString(resource->id.str());
        m_title->setText(name.isEmpty() || name == id ? tr("%1 %2").arg(style::kindLabel(resource->kind()), id)
                                                      : tr("%1: %2 (%3)").arg(style::kindLabel(resource->kind()), name, id));
        std::visit(
            [&](const auto& value) {
                auto copy = value;
                infos = fieldsOf(d, resource, copy);
                JsonWriter writer(current);
                describe(writer, copy);
            },
            resource->data);
        // Only the fields that mean something for this type and mode.
        std::erase_if(infos, [&](const FieldInfo& f) { return !fieldApplies(d, *resource, f.key); });
        shown = QStringLiteral("resource:") + id;
        derived = derivedFor(*resource);
    } else {
        m_title->setText(tr("Flow %1").arg(QString::fromStdString(flow->id.str())));
        Flow copy = *flow;
        infos = fieldsOf(d, nullptr, copy);
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
    if (resource) {
        // Tags as a two-column table (the list editor's rows), right after the name.
        infos.insert(infos.begin() + 1, tagsField());
        OrderedJson rows = OrderedJson::array();
        for (const auto& [key, value] : resource->tags)
            rows.push_back({{"key", key}, {"value", value}});
        current["tags"] = std::move(rows);
    }
    QStringList derivedKeys;
    for (const DerivedValue& value : derived.values)
        derivedKeys << value.key;
    if (derived.routeTable)
        derivedKeys << QStringLiteral("effective-routes");

    std::optional<Unsaved> kept;
    if (shown != m_shown || infos != m_infos || derivedKeys != m_derivedKeys) {
        // Another selection, or other fields or choices (a resource was added, the mode
        // changed): new editors. For the same selection, what the old ones held and the model
        // does not moves over.
        const bool sameSelection = shown == m_shown;
        if (sameSelection)
            kept = unsaved();
        else if (derived.routeTable)
            widenForTables(); // first: the new editors are laid out once, at the new width
        clearForm();
        m_shown = shown;
        m_infos = infos;
        m_derivedKeys = derivedKeys;
        if (resource && resource->as<Subnet>())
            addSubnetPublicRow(resource->id);
        for (const FieldInfo& info : m_infos)
            addEditor(info);
        if (resource && resource->as<RouteTable>())
            addAssociationsRow(resource->id);
        addDerivedRows(derived);
        fitLabels();
    }
    // The model's values into the editors; showing a value never commits it.
    for (const Field& field : m_fields)
        field.show(current);
    showDerived(derived);
    if (kept)
        restore(*kept);
    // A resource the open lesson locks is shown, not edited (Document::apply would refuse the
    // edit anyway; this says so before the learner types).
    const bool locked = resource && d.lesson && isLocked(*d.lesson, resource->id);
    m_body->setEnabled(!locked);
    m_body->setToolTip(locked ? tr("Locked by the lesson: it cannot be changed or deleted.") : QString());
    if (locked)
        m_title->setText(tr("%1 — locked by the lesson").arg(m_title->text()));
}

InspectorPanel::Derived InspectorPanel::derivedFor(const Resource& resource) const
{
    // The engine's own view of the design (addresses, tables in effect, the forwarding graph's
    // routes), built for the selection: the values are the ones its paths use.
    Derived out;
    const Network network(m_document.design());
    out.values = derivedValues(network, resource);
    if (resource.as<RouteTable>()) {
        out.routeTable = true;
        const ForwardingGraph graph(network);
        out.routes = effectiveRoutes(network, graph, resource.id);
    }
    return out;
}

void InspectorPanel::widenForTables()
{
    // A route table's editor needs destination, target, origin and state side by side. The dock
    // is widened for it once, when the table is selected; the user's narrower choice is not
    // fought afterwards.
    constexpr int kTableWidth = 600;
    auto* dock = qobject_cast<QDockWidget*>(parentWidget());
    auto* window = dock ? qobject_cast<QMainWindow*>(dock->parentWidget()) : nullptr;
    if (!window || dock->isFloating() || dock->width() >= kTableWidth)
        return;
    const int most = window->width() / 2; // the canvas keeps at least half the window
    if (dock->width() < most)
        window->resizeDocks({dock}, {std::min(kTableWidth, most)}, Qt::Horizontal);
}

void InspectorPanel::fitLabels()
{
    // The label column is as wide as the longest label on one line, but at most 40% of the
    // inspector, which leaves the values room in a narrow one. Longer labels wrap at spaces (a
    // word that still does not fit is elided, whole in the tooltip), and their rows grow to fit.
    const int most = std::max(1, width() * 2 / 5);
    std::vector<QLabel*> labels;
    int column = 0;
    for (int row = 0; row < m_form->rowCount(); ++row)
        if (QLayoutItem* item = m_form->itemAt(row, QFormLayout::LabelRole); item)
            if (auto* label = qobject_cast<QLabel*>(item->widget())) {
                labels.push_back(label);
                const QMargins margins = label->contentsMargins();
                column = std::max(column, label->fontMetrics().horizontalAdvance(label->text()) + margins.left() +
                                              margins.right() + 2);
            }
    column = std::min(column, most);
    for (QLabel* label : labels) {
        label->setMaximumWidth(column);
        label->setMinimumHeight(label->wordWrap() ? label->heightForWidth(column) : 0);
    }
}

void InspectorPanel::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    fitLabels();
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
        infos = fieldsOf(d, resource, copy);
        JsonWriter writer(object);
        describe(writer, copy);
    };
    if (resource)
        std::visit(current, resource->data);
    else
        current(*flow);
    const std::string k = key.toStdString();
    if (k == "tags" && resource) {
        Tags tags;
        const QString refusal = tagsFromTable(text, tags, errorPath);
        if (!refusal.isEmpty())
            return refusal;
        Resource changed = *resource;
        changed.tags = std::move(tags);
        m_document.apply(ChangeSetBuilder(d).modify(changed).build(), tr("Change tags of %1").arg(QString::fromStdString(resource->id.str())));
        return {};
    }
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
    // A NAT gateway switching between zonal and regional moves from its subnet to its VPC or back
    // in the same edit (NAT-1): the two fields go together.
    if (resource && resource->as<NatGateway>() && k == "availabilityMode")
        followNatMode(d, *resource, object);
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
        followService(*resource, changed);
        m_document.apply(ChangeSetBuilder(d).modify(changed).build(),
                         tr("Change %1 of %2").arg(fieldLabel(k).toLower(), QString::fromStdString(resource->id.str())));
    } else {
        Flow changed = *flow;
        const QString refusal = check(changed);
        if (!refusal.isEmpty())
            return refusal;
        m_document.apply(ChangeSetBuilder(d).modifyFlow(changed).build(),
                         tr("Change %1 of %2").arg(fieldLabel(k).toLower(), QString::fromStdString(flow->id.str())));
    }
    return {};
}

} // namespace pp::ui
