#include "io/DesignFile.h"

#include "diagram/DiagramLimits.h"
#include "io/DesignBody.h"
#include "io/JsonReader.h"
#include "io/JsonWriter.h"
#include "io/SourceLocator.h"
#include "io/TextEscape.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>
#include <optional>
#include <sys/stat.h>
#include <unordered_map>
#include <utility>
#include <vector>

namespace pp {
namespace {

// The diagram's ranges (diagram/DiagramLimits.h), by their short names here.
constexpr double kMaxCoordinate = kMaxDiagramCoordinate;
constexpr double kMaxSize = kMaxDiagramSize;

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

struct ParentStructure {
    std::vector<std::vector<std::size_t>> cycles; // each once, from its first member, in that order
    std::vector<std::size_t> depth;               // parents above each element (0 on a cycle)
};

// The cycles and depths of a "parent" relation (`parentOf[i]`: the index of i's parent, if any).
// Every element is visited once, so this is linear in the number of elements: a chain or loop of
// 100,000 shapes is checked as fast as 100,000 separate ones.
ParentStructure parentStructure(const std::vector<std::optional<std::size_t>>& parentOf)
{
    enum : std::uint8_t { Unvisited, OnWalk, Done };
    std::vector<std::uint8_t> state(parentOf.size(), Unvisited);
    std::vector<std::vector<std::size_t>> cycles;
    std::vector<std::size_t> depth(parentOf.size(), 0);
    std::vector<std::size_t> walk;
    for (std::size_t start = 0; start < parentOf.size(); ++start) {
        walk.clear();
        std::optional<std::size_t> at = start;
        while (at && state[*at] == Unvisited) {
            state[*at] = OnWalk;
            walk.push_back(*at);
            at = parentOf[*at];
        }
        auto end = walk.end(); // the walk's elements below a cycle, or all of it
        if (at && state[*at] == OnWalk) { // the walk closed on itself: from *at on, it is a cycle
            end = std::find(walk.begin(), walk.end(), *at);
            std::vector<std::size_t> cycle(end, walk.end());
            std::rotate(cycle.begin(), std::min_element(cycle.begin(), cycle.end()), cycle.end());
            cycles.push_back(std::move(cycle));
        }
        // Depths from the top of the walk down: its last element's parent is `at` (known, on the
        // cycle just found, or none).
        std::size_t d = at && end == walk.end() ? depth[*at] + 1 : 0;
        for (auto it = std::make_reverse_iterator(end); it != walk.rend(); ++it)
            depth[*it] = std::exchange(d, d + 1);
        for (const std::size_t w : walk)
            state[w] = Done;
    }
    std::sort(cycles.begin(), cycles.end());
    return {std::move(cycles), std::move(depth)};
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

    // Lets the reader free each entry of `root` (the tree it reads) once read, so that a big
    // file's JSON tree and the design made of it are not both in memory. Diagnostics find their
    // places in the file's text, not in the tree.
    void freeAsRead(Json& root)
    {
        if (&root == &m_root)
            m_spent = &root;
    }

    Design read()
    {
        Design design;
        // References to what is already read are settled as they are read (ReadContext::readSoFar);
        // a lesson's solution, read below with its own reader, must not see this design.
        struct Restore {
            ReadContext& context;
            const Design* saved;
            ~Restore() { context.readSoFar = saved; }
        } restore{m_context, std::exchange(m_context.readSoFar, m_checkReferences ? &design : nullptr)};
        JsonReader top(m_root, m_base, m_context);
        for (auto key : kBodyKeys)
            top.markKnown(key);
        if (m_isDocument) {
            top.markKnown("schemaVersion");
            top.markKnown("lesson");
            top.markKnown("policies");
        }
        if (const auto it = m_root.find("name"); it != m_root.end())
            readString(*it, m_base + "/name", design.name);
        if (const auto it = m_root.find("description"); it != m_root.end())
            readString(*it, m_base + "/description", design.description);
        // Room for every resource at once (no copies as the list grows), up to a bound: a hostile
        // file's million empty entries must not reserve gigabytes before they are refused.
        constexpr std::size_t kReserveAtMost = 1'000'000;
        std::size_t total = 0;
        for (int k = 0; k < kKindCount; ++k)
            if (const auto it = m_root.find(kindInfo(Kind(k)).collection); it != m_root.end() && it->is_array())
                total += it->size();
        design.reserve(std::min(total, kReserveAtMost));
        m_resourceOrigins.reserve(std::min(total, kReserveAtMost));
        for (int k = 0; k < kKindCount; ++k) {
            const KindInfo& info = kindInfo(Kind(k));
            top.markKnown(info.collection);
            const auto it = m_root.find(info.collection);
            if (it != m_root.end())
                readCollection(design, Kind(k), *it);
        }
        if (const auto it = m_root.find("flows"); it != m_root.end())
            readFlows(design, *it);
        if (const auto it = m_root.find("diagram"); it != m_root.end()) {
            readDiagram(design, *it);
            if (m_spent)
                (*m_spent)["diagram"] = nullptr;
        }
        top.finish(&design.extensions);
        if (const auto it = m_root.find("policies"); m_isDocument && it != m_root.end())
            design.policies = readPolicies(*it, m_context);
        if (m_checkReferences)
            checkReferences(design);
        m_context.readSoFar = restore.saved;
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

    // Reads "id" and "name"; false if the element cannot be used (its id is missing, not valid, or
    // taken by an entry read before).
    bool readIdentity(const Design& design, const Json& element, const std::string& path, std::string& id,
                      std::string& name)
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
        if (design.containsId(id)) {
            m_context.error("DUPLICATE_ID", path + "/id", "id '" + id + "' is already used at " + pathOfEntry(design, id));
            return false;
        }
        if (const auto nameIt = element.find("name"); nameIt != element.end())
            readString(*nameIt, path + "/name", name);
        return true;
    }

    // A resource's `tags`: an object of strings, with AWS's lengths (key 1-128, value 0-256).
    void readTags(const Json& object, const std::string& path, Tags& tags)
    {
        if (!object.is_object()) {
            m_context.error("WRONG_TYPE", path, "'tags' must be an object of strings, not " + jsonTypeName(object));
            return;
        }
        for (auto it = object.begin(); it != object.end(); ++it) {
            const std::string at = childPath(path, it.key());
            if (!it->is_string()) {
                m_context.error("WRONG_TYPE", at, "tag '" + it.key() + "' must be a string, not " + jsonTypeName(*it));
                continue;
            }
            const std::string value = it->get<std::string>();
            if (it.key().empty() || it.key().size() > 128)
                m_context.error("OUT_OF_RANGE", at, "a tag key has 1 to 128 characters");
            else if (value.size() > 256)
                m_context.error("OUT_OF_RANGE", at, "tag '" + it.key() + "' has a value of more than 256 characters");
            else
                tags.emplace(it.key(), value);
        }
    }

    void readCollection(Design& design, Kind kind, const Json& array)
    {
        const std::string collectionPath = m_base + "/" + std::string(kindInfo(kind).collection);
        if (!array.is_array()) {
            m_context.error("WRONG_TYPE", collectionPath,
                            "'" + collectionPath.substr(1) + "' must be an array, not " + jsonTypeName(array));
            return;
        }
        Json* spent = m_spent ? &(*m_spent)[kindInfo(kind).collection] : nullptr; // the same array
        withKindType(kind, [&]<class T>(std::in_place_type_t<T>) {
            for (std::size_t i = 0; i < array.size(); ++i) {
                const std::string path = childPath(collectionPath, i);
                Resource resource;
                std::string id;
                if (!readIdentity(design, array[i], path, id, resource.name))
                    continue;
                resource.id = ResourceId(id);
                T data{};
                JsonReader reader(array[i], path, m_context);
                reader.markKnown("id");
                reader.markKnown("name");
                if (const auto tags = array[i].find("tags"); tags != array[i].end()) {
                    reader.markKnown("tags");
                    readTags(*tags, path + "/tags", resource.tags);
                }
                describe(reader, data);
                reader.finish(&resource.extensions);
                resource.data = std::move(data);
                if (design.add(std::move(resource)))
                    m_resourceOrigins.emplace_back(kind, i);
                if (spent)
                    (*spent)[i] = nullptr;
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
            if (!readIdentity(design, array[i], path, id, flow.name))
                continue;
            flow.id = FlowId(id);
            JsonReader reader(array[i], path, m_context);
            reader.markKnown("id");
            reader.markKnown("name");
            describe(reader, flow);
            reader.finish(&flow.extensions);
            if (design.addFlow(std::move(flow)))
                m_flowOrigins.push_back(i);
            if (m_spent)
                (*m_spent)["flows"][i] = nullptr;
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
        std::unordered_map<std::string_view, std::size_t> seen; // ids of the shapes, read and kept above
        seen.reserve(design.diagram.shapes.size());
        for (std::size_t i = 0; i < design.diagram.shapes.size(); ++i) {
            const Shape& shape = design.diagram.shapes[i];
            const std::string path = childPath(shapesPath, i);
            if (!seen.emplace(shape.resource.str(), i).second)
                m_context.error("DUPLICATE_SHAPE", path, "resource '" + shape.resource.str() + "' is drawn twice");
            if (!(shape.width > 0) || !(shape.height > 0))
                m_context.error("OUT_OF_RANGE", path, "a shape's width and height must be greater than 0");
            checkBox(shape, path);
        }
        for (std::size_t i = 0; i < design.diagram.connectors.size(); ++i)
            for (std::size_t k = 0; k < design.diagram.connectors[i].waypoints.size(); ++k) {
                const Point& p = design.diagram.connectors[i].waypoints[k];
                const std::string path = childPath(childPath(childPath(connectorsPath, i), "waypoints"), k);
                checkRange(p.x, path, "x", -kMaxCoordinate, kMaxCoordinate);
                checkRange(p.y, path, "y", -kMaxCoordinate, kMaxCoordinate);
            }
        // A parent must be drawn, and parents may not form a cycle (a shape inside itself).
        std::vector<std::optional<std::size_t>> parentOf(design.diagram.shapes.size());
        for (std::size_t i = 0; i < design.diagram.shapes.size(); ++i) {
            const Shape& shape = design.diagram.shapes[i];
            if (!shape.parent)
                continue;
            if (const auto parent = seen.find(shape.parent->str()); parent != seen.end())
                parentOf[i] = parent->second;
            else if (design.find(*shape.parent))
                m_context.error("DANGLING_REFERENCE", childPath(shapesPath, i) + "/parent",
                                "the parent '" + shape.parent->str() + "' of '" + shape.resource.str() + "' is not drawn");
        }
        const ParentStructure parents = parentStructure(parentOf);
        for (const std::vector<std::size_t>& cycle : parents.cycles) {
            const Shape& first = design.diagram.shapes[cycle.front()];
            m_context.error("DIAGRAM_PARENT_CYCLE", childPath(shapesPath, cycle.front()) + "/parent",
                            "'" + first.resource.str() + "' is drawn inside itself through its parents (a cycle of " +
                                std::to_string(cycle.size()) + (cycle.size() == 1 ? " shape)" : " shapes)"));
        }
        // Reported once, at the first shape (in file order) that is nested too deep.
        if (const auto deep = std::find_if(parents.depth.begin(), parents.depth.end(),
                                           [](std::size_t d) { return d > kMaxShapeNesting; });
            deep != parents.depth.end()) {
            const std::size_t i = std::size_t(deep - parents.depth.begin());
            const std::size_t deepest = *std::max_element(parents.depth.begin(), parents.depth.end());
            m_context.error("DIAGRAM_NESTING_TOO_DEEP", childPath(shapesPath, i) + "/parent",
                            "'" + design.diagram.shapes[i].resource.str() + "' is drawn " + std::to_string(*deep) +
                                " shapes deep (the deepest is " + std::to_string(deepest) + "); the limit is " +
                                std::to_string(kMaxShapeNesting));
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
            checkBox(note, childPath(notesPath, i));
            if (note.parent && !seen.count(note.parent->str()) && design.find(*note.parent))
                m_context.error("DANGLING_REFERENCE", childPath(notesPath, i) + "/parent",
                                "the parent '" + note.parent->str() + "' of a note is not drawn");
        }
    }

    // Diagram numbers outside their documented range would make an export's size or a
    // coordinate overflow (an image of 10^308 units, a drawing loop that never ends).
    void checkRange(double value, const std::string& path, std::string_view field, double lowest, double highest)
    {
        if (value >= lowest && value <= highest)
            return;
        char text[96];
        std::snprintf(text, sizeof text, "' is %.6g, outside %.0f..%.0f", value, lowest, highest);
        m_context.error("OUT_OF_RANGE", childPath(path, field), "'" + std::string(field) + text);
    }
    template <class Boxed>
    void checkBox(const Boxed& box, const std::string& path)
    {
        checkRange(box.x, path, "x", -kMaxCoordinate, kMaxCoordinate);
        checkRange(box.y, path, "y", -kMaxCoordinate, kMaxCoordinate);
        checkRange(box.width, path, "width", 0, kMaxSize); // "> 0" is checked with its own message
        checkRange(box.height, path, "height", 0, kMaxSize);
    }

    void checkReferences(const Design& design) { checkPendingReferences(design, m_context); }

    // The JSON pointer of the entry a resource or flow of `design` was read from.
    std::string pathOfEntry(const Design& design, const std::string& id) const
    {
        if (const auto at = design.indexOf(ResourceId(id))) {
            const auto [kind, index] = m_resourceOrigins[*at];
            return childPath(m_base + "/" + std::string(kindInfo(kind).collection), index);
        }
        if (const auto at = design.flowIndexOf(FlowId(id)))
            return childPath(m_base + "/flows", m_flowOrigins[*at]);
        return {};
    }

    const Json& m_root;
    Json* m_spent = nullptr; // m_root, when the reader may free what it has read (freeAsRead)
    ReadContext& m_context;
    bool m_checkReferences = true;
    std::string m_base;
    bool m_isDocument = true;
    // Where each resource and flow came from, by its place in the design (for DUPLICATE_ID).
    std::vector<std::pair<Kind, std::size_t>> m_resourceOrigins;
    std::vector<std::size_t> m_flowOrigins;
};

// The name of a UTF-16 or UTF-32 encoding the text is in, by its byte order mark or, without one,
// by where the zero bytes of its first (ASCII) character fall (as RFC 4627 detects it); empty for
// anything else. JSON files are UTF-8; the parser would only say "invalid literal".
std::string_view unicodeEncodingOf(std::string_view text)
{
    auto starts = [text](std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; };
    using namespace std::string_view_literals;
    if (starts("\x00\x00\xFE\xFF"sv))
        return "UTF-32 (big-endian, with a byte order mark)";
    if (starts("\xFF\xFE\x00\x00"sv))
        return "UTF-32 (little-endian, with a byte order mark)";
    if (starts("\xFE\xFF"sv))
        return "UTF-16 (big-endian, with a byte order mark)";
    if (starts("\xFF\xFE"sv))
        return "UTF-16 (little-endian, with a byte order mark)";
    if (text.size() >= 4) {
        const bool z0 = text[0] == 0, z1 = text[1] == 0, z2 = text[2] == 0, z3 = text[3] == 0;
        if (z0 && z1 && z2 && !z3)
            return "UTF-32 (big-endian)";
        if (!z0 && z1 && z2 && z3)
            return "UTF-32 (little-endian)";
    }
    if (text.size() >= 2) {
        if (text[0] == 0 && text[1] != 0)
            return "UTF-16 (big-endian)";
        if (text[0] != 0 && text[1] == 0)
            return "UTF-16 (little-endian)";
    }
    return {};
}

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
    if (const std::string_view encoding = unicodeEncodingOf(text); !encoding.empty()) {
        result.diagnostics.push_back(fileError(fileName, "FILE_ENCODING",
                                               "the file is " + std::string(encoding) +
                                                   "; design files are UTF-8: save it as UTF-8",
                                               TextPosition{1, 1}));
        return result;
    }
    const JsonTextShape shape = scanJsonText(text, limits.maxDepth);
    if (shape.depth > limits.maxDepth) {
        result.diagnostics.push_back(fileError(fileName, "NESTING_TOO_DEEP",
                                               "JSON nested deeper than " + std::to_string(limits.maxDepth) + " levels",
                                               positionOfOffset(text, shape.tooDeepAt)));
        return result;
    }
    if (const std::size_t tree = shape.estimatedTreeBytes(); tree > limits.maxTreeBytes) {
        constexpr std::size_t kMiB = std::size_t(1) << 20;
        result.diagnostics.push_back(fileError(
            fileName, "FILE_TOO_COMPLEX",
            "the file holds " + std::to_string(shape.separators + 1) + " JSON values, which would take about " +
                std::to_string(tree / kMiB) + " MiB to load; the limit is " + std::to_string(limits.maxTreeBytes / kMiB) +
                " MiB"));
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
        // The message quotes the token's raw bytes ("last read: '\xff'"), which need not be UTF-8.
        result.diagnostics.push_back(fileError(fileName, "JSON_SYNTAX", "malformed JSON: " + validUtf8(what),
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
    reader.freeAsRead(root);
    Design design = reader.read();

    const bool failed = std::any_of(context.problems.begin(), context.problems.end(),
                                    [](const Diagnostic& d) { return d.severity == Severity::Error; });
    // Locating a problem scans the text, so only the ones shown are located: errors first (they
    // say why a file is refused), each kind in the order found.
    std::size_t dropped = 0;
    if (context.problems.size() > limits.maxErrors) {
        std::stable_partition(context.problems.begin(), context.problems.end(),
                              [](const Diagnostic& d) { return d.severity == Severity::Error; });
        dropped = context.problems.size() - limits.maxErrors;
        context.problems.resize(limits.maxErrors);
    }
    // Positions refer to the original text; after a migration they are best effort.
    for (Diagnostic& d : context.problems)
        locate(d);
    std::stable_sort(context.problems.begin(), context.problems.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::pair(a.line, a.column) < std::pair(b.line, b.column);
    });
    if (dropped > 0) {
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

std::optional<std::string> readDesignText(const std::string& path, const LoadLimits& limits, Diagnostics& problems)
{
    auto refuse = [&](std::string code, std::string message) {
        problems.push_back(fileError(path, std::move(code), std::move(message)));
        return std::nullopt;
    };
    struct stat info {}; // before opening: opening a FIFO would wait for a writer
    if (::stat(path.c_str(), &info) != 0)
        return refuse("FILE_UNREADABLE", "cannot read the file: " + std::string(std::strerror(errno)));
    if (!S_ISREG(info.st_mode))
        return refuse("FILE_UNREADABLE", "cannot read the file: not a regular file");
    if (std::size_t(info.st_size) > limits.maxBytes)
        return refuse("FILE_TOO_LARGE", "the file is " + std::to_string(info.st_size) + " bytes; the limit is " +
                                            std::to_string(limits.maxBytes));
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return refuse("FILE_UNREADABLE", "cannot open the file: " + std::string(std::strerror(errno)));
    std::string text(std::size_t(info.st_size), '\0');
    in.read(text.data(), std::streamsize(text.size()));
    if (in.gcount() != std::streamsize(text.size()))
        return refuse("FILE_UNREADABLE", "the file could not be read completely");
    return text;
}

LoadResult loadDesignFile(const std::string& path, const LoadLimits& limits)
{
    LoadResult result;
    if (const auto text = readDesignText(path, limits, result.diagnostics))
        return loadDesign(*text, path, limits);
    return result;
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
    if (!resource.tags.empty()) {
        OrderedJson& tags = object["tags"] = OrderedJson::object();
        for (const auto& [key, value] : resource.tags)
            tags[key] = value;
    }
    std::visit(
        [&](const auto& data) {
            JsonWriter writer(object, withDefaults);
            describe(writer, const_cast<std::decay_t<decltype(data)>&>(data)); // the writer only reads
        },
        resource.data);
    addExtensions(object, resource.extensions);
    return object;
}

OrderedJson flowJson(const Flow& flow)
{
    OrderedJson object = OrderedJson::object();
    object["id"] = flow.id.str();
    if (!flow.name.empty())
        object["name"] = flow.name;
    JsonWriter writer(object);
    describe(writer, const_cast<Flow&>(flow)); // the writer only reads
    addExtensions(object, flow.extensions);
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
    if (!design.policies.empty())
        root["policies"] = policiesJson(design.policies);
    std::vector<OrderedJson> collections(std::size_t(kKindCount), OrderedJson::array());
    for (const Resource& r : design.resources())
        collections[std::size_t(r.kind())].push_back(resourceJson(r));
    for (int k = 0; k < kKindCount; ++k)
        if (!collections[std::size_t(k)].empty())
            root[std::string(kindInfo(Kind(k)).collection)] = std::move(collections[std::size_t(k)]);
    if (!design.flows().empty()) {
        OrderedJson flows = OrderedJson::array();
        for (const Flow& f : design.flows())
            flows.push_back(flowJson(f));
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

void checkPendingReferences(const Design& design, ReadContext& context)
{
    for (const PendingReference& ref : context.references) {
        context.currentResource = ref.ownerId;
        const Resource* target = design.find(ref.target);
        if (!target) {
            const bool isFlow = design.findFlow(FlowId(ref.target.str())) != nullptr;
            context.error(isFlow ? "WRONG_KIND_REFERENCE" : "DANGLING_REFERENCE", ref.jsonPath,
                            "'" + ref.fieldKey + "' refers to '" + ref.target.str() + "', " +
                                (isFlow ? "which is a flow" : "which does not exist"));
            continue;
        }
        if (!ref.kinds.contains(target->kind())) {
            std::string allowed;
            for (int k = 0; k < kKindCount; ++k)
                if (ref.kinds.contains(Kind(k)))
                    allowed += std::string(allowed.empty() ? "" : ", ") + std::string(kindInfo(Kind(k)).name);
            context.error("WRONG_KIND_REFERENCE", ref.jsonPath,
                            "'" + ref.fieldKey + "' refers to '" + ref.target.str() + "', which is a " +
                                std::string(kindInfo(target->kind()).name) + "; expected " + allowed);
        }
    }
    context.currentResource.clear();
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
