#include "io/DesignFile.h"

#include "io/DesignBody.h"
#include "io/JsonReader.h"
#include "io/JsonWriter.h"
#include "io/SourceLocator.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <unordered_map>
#include <utility>

namespace pp {
namespace {

// Keys of a design body (a document, or a lesson's reference solution) besides the collections.
constexpr std::string_view kBodyKeys[] = {"name", "description", "flows", "diagram"};

template <std::size_t I = 0, class F>
void withKindType(Kind kind, F&& f)
{
    if constexpr (I < std::variant_size_v<ResourceData>) {
        if (std::size_t(kind) == I)
            f(std::in_place_type<std::variant_alternative_t<I, ResourceData>>);
        else
            withKindType<I + 1>(kind, std::forward<F>(f));
    }
}

class DesignReader {
public:
    // `base`: the JSON pointer of the body being read ("" for the document itself). A document
    // (`isDocument`) also has a schema version and may have a lesson; a lesson's solution does not.
    DesignReader(const Json& root, ReadContext& context, bool checkReferences, std::string base = {},
                 bool isDocument = true)
        : m_root(root), m_context(context), m_checkReferences(checkReferences), m_base(std::move(base)),
          m_isDocument(isDocument)
    {
    }

    Design read()
    {
        Design design;
        JsonReader top(m_root, m_base, m_context);
        for (auto key : kBodyKeys)
            top.markKnown(key);
        if (m_isDocument) {
            top.markKnown("schemaVersion");
            top.markKnown("lesson");
        }
        if (const auto it = m_root.find("name"); it != m_root.end())
            readString(*it, m_base + "/name", design.name);
        if (const auto it = m_root.find("description"); it != m_root.end())
            readString(*it, m_base + "/description", design.description);
        for (int k = 0; k < kKindCount; ++k) {
            const KindInfo& info = kindInfo(Kind(k));
            top.markKnown(info.collection);
            const auto it = m_root.find(info.collection);
            if (it != m_root.end())
                readCollection(design, Kind(k), *it);
        }
        if (const auto it = m_root.find("flows"); it != m_root.end())
            readFlows(design, *it);
        if (const auto it = m_root.find("diagram"); it != m_root.end())
            readDiagram(design, *it);
        top.finish(&design.extensions);
        if (m_checkReferences)
            checkReferences(design);
        if (const auto it = m_root.find("lesson"); m_isDocument && it != m_root.end())
            design.lesson = readLesson(*it, m_context, m_checkReferences);
        return design;
    }

private:
    void readString(const Json& j, const std::string& path, std::string& out)
    {
        if (j.is_string())
            out = j.get<std::string>();
        else
            m_context.error("WRONG_TYPE", path,
                            "'" + path.substr(path.rfind('/') + 1) + "' must be a string, not " + jsonTypeName(j));
    }

    // Reads "id" (and remembers it) and "name"; false if the element cannot be used.
    bool readIdentity(const Json& element, const std::string& path, std::string& id, std::string& name)
    {
        m_context.currentResource.clear();
        if (!element.is_object()) {
            m_context.error("WRONG_TYPE", path, "each entry must be an object, not " + jsonTypeName(element));
            return false;
        }
        const auto idIt = element.find("id");
        if (idIt == element.end()) {
            m_context.error("MISSING_FIELD", path, "required field 'id' is missing");
            return false;
        }
        if (!idIt->is_string()) {
            m_context.error("WRONG_TYPE", path + "/id", "'id' must be a string, not " + jsonTypeName(*idIt));
            return false;
        }
        id = idIt->get<std::string>();
        m_context.currentResource = id;
        if (!isValidId(id)) {
            m_context.error("INVALID_ID", path + "/id",
                            "id '" + id + "' is not valid: use 1-128 letters, digits, '.', '_', ':' or '-', starting "
                            "with a letter or digit (and not the word 'local')");
            return false;
        }
        if (const auto firstPath = m_idPaths.find(id); firstPath != m_idPaths.end()) {
            m_context.error("DUPLICATE_ID", path + "/id", "id '" + id + "' is already used at " + firstPath->second);
            return false;
        }
        m_idPaths.emplace(id, path);
        if (const auto nameIt = element.find("name"); nameIt != element.end())
            readString(*nameIt, path + "/name", name);
        return true;
    }

    void readCollection(Design& design, Kind kind, const Json& array)
    {
        const std::string collectionPath = m_base + "/" + std::string(kindInfo(kind).collection);
        if (!array.is_array()) {
            m_context.error("WRONG_TYPE", collectionPath,
                            "'" + collectionPath.substr(1) + "' must be an array, not " + jsonTypeName(array));
            return;
        }
        withKindType(kind, [&]<class T>(std::in_place_type_t<T>) {
            for (std::size_t i = 0; i < array.size(); ++i) {
                const std::string path = childPath(collectionPath, i);
                Resource resource;
                std::string id;
                if (!readIdentity(array[i], path, id, resource.name))
                    continue;
                resource.id = ResourceId(id);
                T data{};
                JsonReader reader(array[i], path, m_context);
                reader.markKnown("id");
                reader.markKnown("name");
                describe(reader, data);
                reader.finish(&resource.extensions);
                resource.data = std::move(data);
                design.add(std::move(resource));
            }
        });
        m_context.currentResource.clear();
    }

    void readFlows(Design& design, const Json& array)
    {
        if (!array.is_array()) {
            m_context.error("WRONG_TYPE", m_base + "/flows", "'flows' must be an array, not " + jsonTypeName(array));
            return;
        }
        for (std::size_t i = 0; i < array.size(); ++i) {
            const std::string path = childPath(m_base + "/flows", i);
            Flow flow;
            std::string id;
            if (!readIdentity(array[i], path, id, flow.name))
                continue;
            flow.id = FlowId(id);
            JsonReader reader(array[i], path, m_context);
            reader.markKnown("id");
            reader.markKnown("name");
            describe(reader, flow);
            reader.finish(&flow.extensions);
            design.addFlow(std::move(flow));
        }
        m_context.currentResource.clear();
    }

    void readDiagram(Design& design, const Json& object)
    {
        m_context.currentResource.clear();
        if (!object.is_object()) {
            m_context.error("WRONG_TYPE", m_base + "/diagram", "'diagram' must be an object, not " + jsonTypeName(object));
            return;
        }
        const std::string shapesPath = m_base + "/diagram/shapes", connectorsPath = m_base + "/diagram/connectors",
                          notesPath = m_base + "/diagram/notes";
        JsonReader reader(object, m_base + "/diagram", m_context);
        reader.opt("shapes", design.diagram.shapes, {});
        reader.opt("connectors", design.diagram.connectors, {});
        reader.opt("notes", design.diagram.notes, {});
        reader.finish(nullptr);
        std::unordered_map<std::string, std::size_t> seen;
        for (std::size_t i = 0; i < design.diagram.shapes.size(); ++i) {
            const Shape& shape = design.diagram.shapes[i];
            const std::string path = childPath(shapesPath, i);
            if (!seen.emplace(shape.resource.str(), i).second)
                m_context.error("DUPLICATE_SHAPE", path, "resource '" + shape.resource.str() + "' is drawn twice");
            if (!(shape.width > 0) || !(shape.height > 0))
                m_context.error("OUT_OF_RANGE", path, "a shape's width and height must be greater than 0");
        }
        // A parent must be drawn, and parents may not form a cycle (a shape inside itself).
        for (std::size_t i = 0; i < design.diagram.shapes.size(); ++i) {
            const Shape& shape = design.diagram.shapes[i];
            if (!shape.parent)
                continue;
            const std::string path = childPath(shapesPath, i) + "/parent";
            if (!seen.count(shape.parent->str())) {
                if (design.find(*shape.parent))
                    m_context.error("DANGLING_REFERENCE", path,
                                    "the parent '" + shape.parent->str() + "' of '" + shape.resource.str() + "' is not drawn");
                continue;
            }
            std::size_t steps = 0;
            for (const Shape* s = &shape; s && s->parent && steps <= design.diagram.shapes.size(); ++steps) {
                const auto next = seen.find(s->parent->str());
                s = next == seen.end() ? nullptr : &design.diagram.shapes[next->second];
                if (s == &shape) {
                    m_context.error("DIAGRAM_PARENT_CYCLE", path,
                                    "'" + shape.resource.str() + "' is drawn inside itself through its parents");
                    break;
                }
            }
        }
        for (std::size_t i = 0; i < design.diagram.connectors.size(); ++i) {
            const Connector& c = design.diagram.connectors[i];
            if (!design.containsId(c.owner))
                m_context.error("DANGLING_REFERENCE", childPath(connectorsPath, i) + "/owner",
                                "connector owner '" + c.owner + "' does not exist");
            if (!c.target.empty() && !design.containsId(c.target))
                m_context.error("DANGLING_REFERENCE", childPath(connectorsPath, i) + "/target",
                                "connector target '" + c.target + "' does not exist");
        }
        for (std::size_t i = 0; i < design.diagram.notes.size(); ++i) {
            const Note& note = design.diagram.notes[i];
            if (!(note.width > 0) || !(note.height > 0))
                m_context.error("OUT_OF_RANGE", childPath(notesPath, i), "a note's width and height must be greater than 0");
            if (note.parent && !seen.count(note.parent->str()) && design.find(*note.parent))
                m_context.error("DANGLING_REFERENCE", childPath(notesPath, i) + "/parent",
                                "the parent '" + note.parent->str() + "' of a note is not drawn");
        }
    }

    void checkReferences(const Design& design)
    {
        for (const PendingReference& ref : m_context.references) {
            m_context.currentResource = ref.ownerId;
            const Resource* target = design.find(ref.target);
            if (!target) {
                const bool isFlow = design.findFlow(FlowId(ref.target.str())) != nullptr;
                m_context.error(isFlow ? "WRONG_KIND_REFERENCE" : "DANGLING_REFERENCE", ref.jsonPath,
                                "'" + ref.fieldKey + "' refers to '" + ref.target.str() + "', " +
                                    (isFlow ? "which is a flow" : "which does not exist"));
                continue;
            }
            if (!ref.kinds.contains(target->kind())) {
                std::string allowed;
                for (int k = 0; k < kKindCount; ++k)
                    if (ref.kinds.contains(Kind(k)))
                        allowed += std::string(allowed.empty() ? "" : ", ") + std::string(kindInfo(Kind(k)).name);
                m_context.error("WRONG_KIND_REFERENCE", ref.jsonPath,
                                "'" + ref.fieldKey + "' refers to '" + ref.target.str() + "', which is a " +
                                    std::string(kindInfo(target->kind()).name) + "; expected " + allowed);
            }
        }
        m_context.currentResource.clear();
    }

    const Json& m_root;
    ReadContext& m_context;
    bool m_checkReferences = true;
    std::string m_base;
    bool m_isDocument = true;
    std::unordered_map<std::string, std::string> m_idPaths;
};

Diagnostic fileError(const std::string& file, std::string code, std::string message, TextPosition at = {})
{
    return {Severity::Error, std::move(code), std::move(message), file, at.line, at.column, {}, {}};
}

} // namespace

LoadResult loadDesign(std::string_view text, const std::string& fileName, const LoadLimits& limits,
                      const std::vector<Migration>& migrations)
{
    LoadResult result;
    if (text.size() > limits.maxBytes) {
        result.diagnostics.push_back(fileError(fileName, "FILE_TOO_LARGE",
                                               "the file is " + std::to_string(text.size()) +
                                                   " bytes; the limit is " + std::to_string(limits.maxBytes)));
        return result;
    }
    if (const int depth = jsonNestingDepth(text, limits.maxDepth); depth > limits.maxDepth) {
        // Point at the bracket that goes too deep.
        std::size_t offset = 0;
        for (int d = 0; offset < text.size(); ++offset) {
            const char c = text[offset];
            if (c == '"') {
                for (++offset; offset < text.size() && text[offset] != '"'; ++offset)
                    if (text[offset] == '\\')
                        ++offset;
            } else if ((c == '{' || c == '[') && ++d > limits.maxDepth) {
                break;
            } else if (c == '}' || c == ']') {
                --d;
            }
        }
        result.diagnostics.push_back(fileError(fileName, "NESTING_TOO_DEEP",
                                               "JSON nested deeper than " + std::to_string(limits.maxDepth) + " levels",
                                               positionOfOffset(text, offset)));
        return result;
    }

    Json root;
    try {
        root = Json::parse(text.begin(), text.end());
    } catch (const Json::out_of_range& e) {
        // Numbers too large for a double ("1e400") are refused by the parser this way.
        result.diagnostics.push_back(fileError(fileName, "JSON_SYNTAX", std::string("malformed JSON: ") + e.what(),
                                               TextPosition{1, 1}));
        return result;
    } catch (const Json::parse_error& e) {
        // nlohmann reports "[json.exception.parse_error.101] parse error at line 3, column 5: ...";
        // keep the part after the position, we print our own.
        std::string what = e.what();
        if (const auto colon = what.find(": ", what.find("parse error")); colon != std::string::npos)
            what = what.substr(colon + 2);
        const std::size_t offset = e.byte == 0 ? 0 : e.byte - 1;
        result.diagnostics.push_back(fileError(fileName, "JSON_SYNTAX", "malformed JSON: " + what,
                                               positionOfOffset(text, offset)));
        return result;
    }
    if (!root.is_object()) {
        result.diagnostics.push_back(fileError(fileName, "WRONG_TYPE",
                                               "a design file holds a JSON object, not " + jsonTypeName(root),
                                               TextPosition{1, 1}));
        return result;
    }

    auto locate = [&](Diagnostic& d) {
        d.file = fileName;
        if (d.line == 0) {
            const TextPosition at = locateJsonPointer(text, d.jsonPath);
            d.line = at.line;
            d.column = at.column;
        }
    };

    const auto versionIt = root.find("schemaVersion");
    if (versionIt == root.end() || !versionIt->is_number_integer()) {
        Diagnostic d{Severity::Error,
                     versionIt == root.end() ? "MISSING_FIELD" : "WRONG_TYPE",
                     versionIt == root.end() ? "required field 'schemaVersion' is missing; is this a PrivatePath design?"
                                             : "'schemaVersion' must be an integer",
                     {}, 0, 0, versionIt == root.end() ? "" : "/schemaVersion", {}};
        locate(d);
        result.diagnostics.push_back(d);
        return result;
    }
    const std::int64_t version = versionIt->get<std::int64_t>();
    if (version > kCurrentSchemaVersion || version < 1) {
        Diagnostic d{Severity::Error,
                     version > kCurrentSchemaVersion ? "NEWER_SCHEMA_VERSION" : "UNSUPPORTED_SCHEMA_VERSION",
                     version > kCurrentSchemaVersion
                         ? "the file was made by a newer PrivatePath (schema version " + std::to_string(version) +
                               "; this version reads up to " + std::to_string(kCurrentSchemaVersion) + "); please update PrivatePath"
                         : "schema version " + std::to_string(version) + " does not exist (versions start at 1)",
                     {}, 0, 0, "/schemaVersion", {}};
        locate(d);
        result.diagnostics.push_back(d);
        return result;
    }
    if (version < kCurrentSchemaVersion) {
        std::string why;
        if (!migrateDocument(root, int(version), kCurrentSchemaVersion, migrations, &why)) {
            result.diagnostics.push_back(fileError(fileName, "UNSUPPORTED_SCHEMA_VERSION", why));
            return result;
        }
    }

    ReadContext context;
    DesignReader reader(root, context, limits.checkReferences);
    Design design = reader.read();

    // Positions refer to the original text; after a migration they are best effort.
    for (Diagnostic& d : context.problems)
        locate(d);
    std::stable_sort(context.problems.begin(), context.problems.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::pair(a.line, a.column) < std::pair(b.line, b.column);
    });
    const bool failed = std::any_of(context.problems.begin(), context.problems.end(),
                                    [](const Diagnostic& d) { return d.severity == Severity::Error; });
    if (context.problems.size() > limits.maxErrors) {
        const std::size_t dropped = context.problems.size() - limits.maxErrors;
        context.problems.resize(limits.maxErrors);
        context.problems.push_back(fileError(fileName, "TOO_MANY_PROBLEMS",
                                             std::to_string(dropped) + " more problems not shown"));
        if (!failed)
            context.problems.back().severity = Severity::Warning;
    }
    result.diagnostics = std::move(context.problems);
    if (!failed)
        result.design = std::move(design);
    return result;
}

LoadResult loadDesignFile(const std::string& path, const LoadLimits& limits)
{
    LoadResult result;
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) {
        const std::string why = ::stat(path.c_str(), &info) != 0 ? std::strerror(errno) : "not a regular file";
        result.diagnostics.push_back(fileError(path, "FILE_UNREADABLE", "cannot read the file: " + why));
        return result;
    }
    if (std::size_t(info.st_size) > limits.maxBytes) {
        result.diagnostics.push_back(fileError(path, "FILE_TOO_LARGE",
                                               "the file is " + std::to_string(info.st_size) +
                                                   " bytes; the limit is " + std::to_string(limits.maxBytes)));
        return result;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        result.diagnostics.push_back(fileError(path, "FILE_UNREADABLE", "cannot open the file: " + std::string(std::strerror(errno))));
        return result;
    }
    std::string text(std::size_t(info.st_size), '\0');
    in.read(text.data(), std::streamsize(text.size()));
    if (in.gcount() != std::streamsize(text.size())) {
        result.diagnostics.push_back(fileError(path, "FILE_UNREADABLE", "the file could not be read completely"));
        return result;
    }
    return loadDesign(text, path, limits);
}

namespace {

void addExtensions(OrderedJson& object, const Extensions& extensions)
{
    for (const auto& [key, text] : extensions)
        object[key] = OrderedJson::parse(text);
}

} // namespace

OrderedJson resourceJson(const Resource& resource, bool withDefaults)
{
    OrderedJson object = OrderedJson::object();
    object["id"] = resource.id.str();
    if (!resource.name.empty() || withDefaults)
        object["name"] = resource.name;
    std::visit(
        [&](const auto& data) {
            JsonWriter writer(object, withDefaults);
            describe(writer, const_cast<std::decay_t<decltype(data)>&>(data)); // the writer only reads
        },
        resource.data);
    addExtensions(object, resource.extensions);
    return object;
}

void writeDesignBody(const Design& design, OrderedJson& root)
{
    if (!design.name.empty())
        root["name"] = design.name;
    if (!design.description.empty())
        root["description"] = design.description;
    if (design.lesson)
        root["lesson"] = lessonJson(*design.lesson);
    std::vector<OrderedJson> collections(std::size_t(kKindCount), OrderedJson::array());
    for (const Resource& r : design.resources())
        collections[std::size_t(r.kind())].push_back(resourceJson(r));
    for (int k = 0; k < kKindCount; ++k)
        if (!collections[std::size_t(k)].empty())
            root[std::string(kindInfo(Kind(k)).collection)] = std::move(collections[std::size_t(k)]);
    if (!design.flows().empty()) {
        OrderedJson flows = OrderedJson::array();
        for (const Flow& f : design.flows()) {
            OrderedJson object = OrderedJson::object();
            object["id"] = f.id.str();
            if (!f.name.empty())
                object["name"] = f.name;
            JsonWriter writer(object);
            describe(writer, const_cast<Flow&>(f));
            addExtensions(object, f.extensions);
            flows.push_back(std::move(object));
        }
        root["flows"] = std::move(flows);
    }
    if (!design.diagram.shapes.empty() || !design.diagram.connectors.empty() || !design.diagram.notes.empty()) {
        OrderedJson diagram = OrderedJson::object();
        JsonWriter writer(diagram);
        writer.opt("shapes", design.diagram.shapes, {});
        writer.opt("connectors", design.diagram.connectors, {});
        writer.opt("notes", design.diagram.notes, {});
        root["diagram"] = std::move(diagram);
    }
    addExtensions(root, design.extensions);
}

Design readDesignBody(const Json& body, ReadContext& context, bool checkReferences, const std::string& base)
{
    DesignReader reader(body, context, checkReferences, base, false);
    return reader.read();
}

std::string saveDesignToString(const Design& design)
{
    OrderedJson root = OrderedJson::object();
    root["schemaVersion"] = kCurrentSchemaVersion;
    writeDesignBody(design, root);
    return formatJson(root);
}

SaveResult saveDesignFile(const Design& design, const std::string& path)
{
    return writeFileAtomically(path, saveDesignToString(design));
}

} // namespace pp
