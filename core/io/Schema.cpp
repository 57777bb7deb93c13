#include "io/Schema.h"

#include "design/Design.h"
#include "io/JsonWriter.h"
#include "io/Migration.h"

#include <sstream>

namespace pp {
namespace {

// What an object has besides its describe()d fields: an id and a name (flows), and tags too
// (resources), or nothing (shapes, lesson parts).
enum class Identity { None, IdAndName, Resource };

constexpr const char* kTagsDoc =
    "Tags, as in AWS: key (1-128 characters) to value (0-256 characters). Lesson goals and policies select "
    "resources by tag; a resource carries the tags of its subnet and VPC for that purpose.";

using OJ = nlohmann::ordered_json;

struct FieldInfo {
    std::string key;
    bool required = false;
    std::optional<OJ> defaultValue;
    std::string doc;
    OJ schema;
    std::string typeText;
    std::string nestedName; // for objects / arrays of objects: the heading of their own table
    std::vector<FieldInfo> nested;
    std::vector<std::vector<std::string>> nestedOneOf;
};

struct Collected {
    std::vector<FieldInfo> fields;
    std::vector<std::vector<std::string>> oneOf;
};

std::string kindsText(KindMask kinds)
{
    if (kinds.contains(Kind::Region) && kinds.contains(Kind::PrivateHostedZone) && kinds.contains(Kind::Vpc))
        return "any resource";
    std::string out;
    for (int k = 0; k < kKindCount; ++k)
        if (kinds.contains(Kind(k)))
            out += std::string(out.empty() ? "" : ", ") + "`" + std::string(kindInfo(Kind(k)).name) + "`";
    return out;
}

class FieldCollector;

template <class T>
void describeType(const FieldSpec& spec, OJ& schema, std::string& text, FieldInfo* info);

class FieldCollector {
public:
    explicit FieldCollector(Collected& out) : m_out(out) {}

    template <class T>
    void req(std::string_view key, T&, const FieldSpec& spec)
    {
        add<T>(key, spec, true, std::nullopt);
    }
    template <class T, class D>
    void opt(std::string_view key, T&, const D& defaultValue, const FieldSpec& spec)
    {
        add<T>(key, spec, false, JsonWriter::toJson(T(defaultValue)));
    }
    template <class T>
    void opt(std::string_view key, std::optional<T>&, const FieldSpec& spec)
    {
        add<T>(key, spec, false, std::nullopt);
    }
    template <class T>
    void opt(std::string_view key, std::vector<T>&, const FieldSpec& spec)
    {
        add<std::vector<T>>(key, spec, false, OJ::array());
    }
    template <std::size_t N>
    void oneOf(const std::array<const char*, N>& keys)
    {
        m_out.oneOf.emplace_back(keys.begin(), keys.end());
    }

private:
    template <class T>
    void add(std::string_view key, const FieldSpec& spec, bool required, std::optional<OJ> defaultValue)
    {
        FieldInfo info;
        info.key = key;
        info.required = required;
        info.defaultValue = std::move(defaultValue);
        info.doc = spec.doc;
        describeType<T>(spec, info.schema, info.typeText, &info);
        if (!info.doc.empty())
            info.schema["description"] = info.doc;
        if (info.defaultValue && !info.defaultValue->is_array())
            info.schema["default"] = *info.defaultValue;
        m_out.fields.push_back(std::move(info));
    }
    Collected& m_out;
};

template <class T>
Collected collect()
{
    Collected c;
    T value{};
    FieldCollector collector(c);
    describe(collector, value);
    return c;
}

OJ objectSchema(const Collected& c, Identity withIdentity)
{
    OJ schema = OJ::object();
    schema["type"] = "object";
    OJ properties = OJ::object();
    OJ required = OJ::array();
    if (withIdentity != Identity::None) {
        properties["id"] = {{"$ref", "#/$defs/id"}};
        properties["name"] = {{"type", "string"}, {"description", "Display name; empty = show the id."}};
        required.push_back("id");
    }
    if (withIdentity == Identity::Resource) {
        properties["tags"] = {{"type", "object"},
                              {"description", kTagsDoc},
                              {"propertyNames", {{"minLength", 1}, {"maxLength", 128}}},
                              {"additionalProperties", {{"type", "string"}, {"maxLength", 256}}}};
    }
    for (const FieldInfo& f : c.fields) {
        properties[f.key] = f.schema;
        if (f.required)
            required.push_back(f.key);
    }
    schema["properties"] = properties;
    if (!required.empty())
        schema["required"] = required;
    if (!c.oneOf.empty()) {
        OJ all = OJ::array();
        for (const auto& group : c.oneOf) {
            OJ options = OJ::array();
            for (const auto& key : group)
                options.push_back({{"required", {key}}});
            all.push_back({{"oneOf", options}});
        }
        schema["allOf"] = all;
    }
    if (withIdentity != Identity::None) // extension keys are kept on resources and flows (and the document) only
        schema["patternProperties"] = {{"^x-", OJ::object()}};
    schema["additionalProperties"] = false;
    return schema;
}

template <class T>
void describeType(const FieldSpec& spec, OJ& schema, std::string& text, FieldInfo* info)
{
    if constexpr (std::is_same_v<T, bool>) {
        schema = {{"type", "boolean"}};
        text = "boolean";
    } else if constexpr (std::is_integral_v<T>) {
        schema = {{"type", "integer"}};
        text = "integer";
        if (spec.min != std::numeric_limits<std::int64_t>::min()) {
            schema["minimum"] = spec.min;
            schema["maximum"] = spec.max;
            text += " (" + std::to_string(spec.min) + "–" + std::to_string(spec.max) + ")";
        }
    } else if constexpr (std::is_floating_point_v<T>) {
        schema = {{"type", "number"}};
        text = "number";
    } else if constexpr (std::is_same_v<T, std::string>) {
        schema = {{"type", "string"}};
        text = "string";
    } else if constexpr (std::is_same_v<T, Cidr>) {
        const bool v4 = spec.family == IpFamily::V4, v6 = spec.family == IpFamily::V6;
        schema = {{"$ref", v4 ? "#/$defs/ipv4Cidr" : v6 ? "#/$defs/ipv6Cidr" : "#/$defs/cidr"}};
        text = v4 ? "IPv4 CIDR" : v6 ? "IPv6 CIDR" : "CIDR (IPv4 or IPv6)";
    } else if constexpr (std::is_same_v<T, IpAddress>) {
        const bool v4 = spec.family == IpFamily::V4, v6 = spec.family == IpFamily::V6;
        schema = {{"$ref", v4 ? "#/$defs/ipv4Address" : v6 ? "#/$defs/ipv6Address" : "#/$defs/ipAddress"}};
        text = v4 ? "IPv4 address" : v6 ? "IPv6 address" : "IP address";
    } else if constexpr (std::is_same_v<T, ResourceId>) {
        schema = spec.allowLocal ? OJ{{"anyOf", {{{"$ref", "#/$defs/id"}}, {{"const", "local"}}}}}
                                 : OJ{{"$ref", "#/$defs/id"}};
        text = "id of " + kindsText(spec.kinds) + (spec.allowLocal ? ", or `local`" : "");
    } else if constexpr (std::is_same_v<T, FlowId>) {
        schema = {{"$ref", "#/$defs/id"}};
        text = "id of a flow";
    } else if constexpr (std::is_same_v<T, JsonValue>) {
        schema = OJ::object(); // any JSON value
        text = "any JSON value";
    } else if constexpr (NamedEnum<T>) {
        OJ values = OJ::array();
        text.clear();
        for (auto name : EnumTraits<T>::names) {
            values.push_back(std::string(name));
            text += std::string(text.empty() ? "" : " \\| ") + "`" + std::string(name) + "`";
        }
        schema = {{"type", "string"}, {"enum", values}};
    } else if constexpr (requires { typename T::value_type; std::declval<T&>().push_back(std::declval<typename T::value_type>()); }) {
        OJ items;
        std::string itemText;
        describeType<typename T::value_type>(spec, items, itemText, info);
        schema = {{"type", "array"}, {"items", items}};
        text = "array of " + itemText;
    } else {
        static_assert(Described<T>);
        const Collected c = collect<T>();
        schema = objectSchema(c, Identity::None);
        text = "object";
        if (info) {
            info->nested = c.fields;
            info->nestedOneOf = c.oneOf;
        }
    }
}

std::string escapeCell(std::string text)
{
    std::string out;
    for (char ch : text)
        out += ch == '|' ? std::string("\\|") : std::string(1, ch);
    return out;
}

void writeTable(std::ostringstream& md, const std::vector<FieldInfo>& fields,
                const std::vector<std::vector<std::string>>& oneOf, Identity withIdentity, const std::string& context)
{
    md << "| Field | Type | Default | Meaning |\n|---|---|---|---|\n";
    if (withIdentity != Identity::None) {
        md << "| `id` | id | *required* | Unique in the file; other fields refer to it. |\n";
        md << "| `name` | string | `\"\"` | Display name; empty = show the id. |\n";
    }
    if (withIdentity == Identity::Resource)
        md << "| `tags` | object of string | `{}` | " << kTagsDoc << " |\n";
    for (const FieldInfo& f : fields) {
        std::string def = f.required ? "*required*" : f.defaultValue ? "`" + f.defaultValue->dump() + "`" : "absent";
        md << "| `" << f.key << "` | " << f.typeText << " | " << escapeCell(def) << " | " << escapeCell(f.doc) << " |\n";
    }
    for (const auto& group : oneOf) {
        md << "\nExactly one of ";
        for (std::size_t i = 0; i < group.size(); ++i)
            md << (i ? ", " : "") << "`" << group[i] << "`";
        md << " is required.\n";
    }
    for (const FieldInfo& f : fields) {
        if (f.nested.empty())
            continue;
        const std::string name = context + "." + f.key + (f.schema.value("type", "") == "array" ? "[]" : "");
        md << "\n#### `" << name << "`\n\n";
        writeTable(md, f.nested, f.nestedOneOf, Identity::None, name);
    }
}

template <std::size_t I = 0>
void forEachKind(auto&& f)
{
    if constexpr (I < std::variant_size_v<ResourceData>) {
        f(Kind(I), std::in_place_type<std::variant_alternative_t<I, ResourceData>>);
        forEachKind<I + 1>(f);
    }
}

} // namespace

nlohmann::ordered_json designSchema()
{
    OJ schema = OJ::object();
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema";
    schema["$id"] = "https://privatepath.dev/schema/privatepath-v" + std::to_string(kCurrentSchemaVersion) + ".schema.json";
    schema["title"] = "PrivatePath design";
    schema["description"] = "A PrivatePath network design (.privatepath). Generated from the code; see docs/file-format.md.";
    schema["type"] = "object";
    OJ properties = OJ::object();
    properties["schemaVersion"] = {{"const", kCurrentSchemaVersion},
                                   {"description", "Version of this format. Files from newer versions are refused."}};
    // The body of a design (name, description, collections, flows, diagram) is shared by the
    // document and by each reference solution of a lesson.
    OJ body = OJ::object();
    body["name"] = {{"type", "string"}, {"description", "Title of the design."}};
    body["description"] = {{"type", "string"}, {"description", "Free text about the design."}};
    OJ defs = OJ::object();
    forEachKind([&]<class T>(Kind kind, std::in_place_type_t<T>) {
        const KindInfo& info = kindInfo(kind);
        defs[std::string(info.name)] = objectSchema(collect<T>(), Identity::Resource);
        body[std::string(info.collection)] = {{"type", "array"},
                                              {"items", {{"$ref", "#/$defs/" + std::string(info.name)}}}};
    });
    defs["flow"] = objectSchema(collect<Flow>(), Identity::IdAndName);
    body["flows"] = {{"type", "array"}, {"items", {{"$ref", "#/$defs/flow"}}}};
    {
        Collected diagram;
        FieldCollector collector(diagram);
        std::vector<Shape> shapes;
        std::vector<Connector> connectors;
        std::vector<Note> notes;
        collector.opt("shapes", shapes, {.doc = "Where each resource is drawn."});
        collector.opt("connectors", connectors, {.doc = "Bend points of drawn links."});
        collector.opt("notes", notes, {.doc = "Text boxes on the canvas."});
        body["diagram"] = objectSchema(diagram, Identity::None);
    }
    for (auto it = body.begin(); it != body.end(); ++it) {
        properties[it.key()] = it.value();
        if (it.key() == "description") { // the lesson and the policies come right after the description in a saved file
            properties["lesson"] = {{"$ref", "#/$defs/lesson"}};
            properties["policies"] = {{"type", "array"},
                                      {"items", {{"$ref", "#/$defs/policy"}}},
                                      {"description", "Intents over sets of endpoints that `privatepath check` enforces."}};
        }
    }
    defs["designBody"] = {{"type", "object"},
                          {"description", "A design without schemaVersion, lesson or policies: a lesson's reference solution."},
                          {"properties", body},
                          {"patternProperties", {{"^x-", OJ::object()}}},
                          {"additionalProperties", false}};
    {
        OJ lesson = objectSchema(collect<Lesson>(), Identity::None);
        OJ solution = objectSchema(collect<LessonSolution>(), Identity::None);
        solution["properties"]["design"] = {{"$ref", "#/$defs/designBody"},
                                            {"description", "The solution: a whole design body."}};
        solution["required"].push_back("design");
        lesson["properties"]["solutions"] = {{"type", "array"},
                                             {"items", solution},
                                             {"description", "Reference solutions; each meets every goal."}};
        defs["lesson"] = lesson;
    }
    defs["policy"] = objectSchema(collect<Policy>(), Identity::None);
    defs["id"] = {{"type", "string"},
                  {"pattern", "^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$"},
                  {"not", {{"const", "local"}}},
                  {"description", "A readable identifier, unique in the file."}};
    defs["ipv4Cidr"] = {{"type", "string"}, {"pattern", "^[0-9]{1,3}(\\.[0-9]{1,3}){3}/[0-9]{1,2}$"}};
    defs["ipv6Cidr"] = {{"type", "string"}, {"pattern", "^[0-9A-Fa-f:.]+/[0-9]{1,3}$"}};
    defs["cidr"] = {{"anyOf", {{{"$ref", "#/$defs/ipv4Cidr"}}, {{"$ref", "#/$defs/ipv6Cidr"}}}}};
    defs["ipv4Address"] = {{"type", "string"}, {"pattern", "^[0-9]{1,3}(\\.[0-9]{1,3}){3}$"}};
    defs["ipv6Address"] = {{"type", "string"}, {"pattern", "^[0-9A-Fa-f:.]+$"}};
    defs["ipAddress"] = {{"anyOf", {{{"$ref", "#/$defs/ipv4Address"}}, {{"$ref", "#/$defs/ipv6Address"}}}}};
    schema["properties"] = properties;
    schema["required"] = {"schemaVersion"};
    schema["patternProperties"] = {{"^x-", OJ::object()}};
    schema["additionalProperties"] = false;
    schema["$defs"] = defs;
    return schema;
}

std::string formatReferenceMarkdown()
{
    std::ostringstream md;
    forEachKind([&]<class T>(Kind kind, std::in_place_type_t<T>) {
        const KindInfo& info = kindInfo(kind);
        const Collected c = collect<T>();
        md << "### `" << info.collection << "[]` — " << info.name << "\n\n";
        writeTable(md, c.fields, c.oneOf, Identity::Resource, std::string(info.collection) + "[]");
        md << "\n";
    });
    {
        const Collected c = collect<Flow>();
        md << "### `flows[]` — flow\n\n";
        writeTable(md, c.fields, c.oneOf, Identity::IdAndName, "flows[]");
        md << "\n";
    }
    {
        const Collected shape = collect<Shape>();
        md << "### `diagram.shapes[]` — shape\n\n";
        writeTable(md, shape.fields, shape.oneOf, Identity::None, "diagram.shapes[]");
        md << "\n";
        const Collected connector = collect<Connector>();
        md << "### `diagram.connectors[]` — connector\n\n";
        writeTable(md, connector.fields, connector.oneOf, Identity::None, "diagram.connectors[]");
        md << "\n";
        const Collected note = collect<Note>();
        md << "### `diagram.notes[]` — note\n\n";
        writeTable(md, note.fields, note.oneOf, Identity::None, "diagram.notes[]");
    }
    {
        Collected lesson = collect<Lesson>();
        FieldInfo solutions;
        solutions.key = "solutions";
        solutions.defaultValue = OJ::array();
        solutions.typeText = "array of object";
        solutions.doc = "Reference solutions; each meets every goal.";
        lesson.fields.push_back(solutions); // its table follows, by hand: a solution holds a design body
        md << "\n### `lesson` — lesson\n\n";
        writeTable(md, lesson.fields, lesson.oneOf, Identity::None, "lesson");
        const Collected solution = collect<LessonSolution>();
        md << "\n#### `lesson.solutions[]`\n\n";
        writeTable(md, solution.fields, solution.oneOf, Identity::None, "lesson.solutions[]");
        md << "| `design` | object | *required* | The solution: a design body (every top-level key of a design except "
              "`schemaVersion`, `lesson` and `policies`). |\n";
    }
    {
        const Collected policy = collect<Policy>();
        md << "\n### `policies[]` — policy\n\n";
        writeTable(md, policy.fields, policy.oneOf, Identity::None, "policies[]");
    }
    return md.str();
}

} // namespace pp
