// Reading and writing the `lesson` section of a design file (docs/file-format.md, "Lessons").
#include "design/TagScope.h"
#include "io/DesignBody.h"

#include <unordered_map>

namespace pp {
namespace {

class LessonChecker {
public:
    explicit LessonChecker(ReadContext& context) : m_context(context) {}

    // An id of a lesson, goal or solution: the syntax of resource ids, unique among its siblings.
    void checkId(const Json& object, const std::string& path, std::unordered_map<std::string, std::string>* seen)
    {
        const auto it = object.find("id");
        if (it == object.end() || !it->is_string())
            return; // reported by the reader
        const std::string id = it->get<std::string>();
        if (!isValidId(id)) {
            m_context.error("INVALID_ID", path + "/id",
                            "id '" + id + "' is not valid: use 1-128 letters, digits, '.', '_', ':' or '-', starting "
                            "with a letter or digit (and not the word 'local')");
            return;
        }
        if (!seen)
            return;
        if (const auto first = seen->find(id); first != seen->end())
            m_context.error("DUPLICATE_ID", path + "/id", "id '" + id + "' is already used at " + first->second);
        else
            seen->emplace(id, path);
    }

    // The fields a goal's kind needs (the reader has checked the types of those present).
    void checkGoal(const Json& goal, const std::string& path)
    {
        if (!goal.is_object())
            return;
        checkId(goal, path, &m_goalIds);
        if (const auto it = goal.find("resourceKind"); it != goal.end() && it->is_string() &&
                                                       !kindFromName(it->get<std::string>()))
            m_context.error("UNKNOWN_ENUM_VALUE", path + "/resourceKind",
                            "unknown value '" + it->get<std::string>() +
                                "' for 'resourceKind'; expected a resource kind such as vpc, subnet, natGateway, vpcEndpoint");
        if (const auto it = goal.find("tag"); it != goal.end() && it->is_string() && !TagSelector::parse(it->get<std::string>()))
            m_context.error("OUT_OF_RANGE", path + "/tag", "'tag' is written 'key' or 'key=value', with a key of at least one character");
        if (const auto it = goal.find("where"); it != goal.end()) {
            if (!it->is_object())
                m_context.error("WRONG_TYPE", path + "/where",
                                "'where' must be an object of fields and values, not " + jsonTypeName(*it));
            else if (!goal.contains("resourceKind"))
                m_context.error("MISSING_FIELD", path, "'where' selects resources of a 'resourceKind', which is missing");
        }
        const auto kindIt = goal.find("kind");
        if (kindIt == goal.end() || !kindIt->is_string())
            return;
        const auto kind = enumFromName<GoalKind>(kindIt->get<std::string>());
        if (!kind)
            return;
        const std::string kindName(enumName(*kind));
        auto need = [&](const char* key) {
            if (!goal.contains(key))
                m_context.error("MISSING_FIELD", path, "a '" + kindName + "' goal needs the field '" + key + "'");
        };
        switch (*kind) {
        case GoalKind::Flow:
            need("flow");
            need("verdict");
            break;
        case GoalKind::Count: {
            need("resourceKind");
            const auto min = goal.find("min"), max = goal.find("max");
            if (min == goal.end() && max == goal.end())
                m_context.error("MISSING_FIELD", path, "a 'count' goal needs 'min', 'max' or both");
            else if (min != goal.end() && max != goal.end() && min->is_number_integer() && max->is_number_integer() &&
                     min->get<std::int64_t>() > max->get<std::int64_t>())
                m_context.error("OUT_OF_RANGE", path + "/max", "'max' is less than 'min'");
            break;
        }
        case GoalKind::Property: {
            need("field");
            need("value");
            const int targets = int(goal.contains("resource")) + int(goal.contains("resourceKind"));
            if (targets != 1)
                m_context.error(targets == 0 ? "MISSING_FIELD" : "CONFLICTING_FIELDS", path,
                                "exactly one of 'resource', 'resourceKind' is required");
            break;
        }
        case GoalKind::ScopePrivate:
        case GoalKind::NoInternetExposure:
        case GoalKind::NoErrors:
            break;
        }
    }

    std::optional<LessonSolution> readSolution(const Json& element, const std::string& path, bool checkReferences)
    {
        if (!element.is_object()) {
            m_context.error("WRONG_TYPE", path, "each entry must be an object, not " + jsonTypeName(element));
            return std::nullopt;
        }
        LessonSolution solution;
        JsonReader reader(element, path, m_context);
        describe(reader, solution);
        reader.markKnown("design");
        reader.finish(nullptr);
        checkId(element, path, &m_solutionIds);
        const auto body = element.find("design");
        if (body == element.end()) {
            m_context.error("MISSING_FIELD", path, "required field 'design' is missing");
            return std::nullopt;
        }
        if (!body->is_object()) {
            m_context.error("WRONG_TYPE", path + "/design", "'design' must be an object, not " + jsonTypeName(*body));
            return std::nullopt;
        }
        // A solution has its own ids and references: read it in a context of its own so its
        // references are checked against itself, then keep its messages.
        ReadContext own;
        Design design = readDesignBody(*body, own, checkReferences, path + "/design");
        m_context.problems.insert(m_context.problems.end(), own.problems.begin(), own.problems.end());
        solution.design = std::make_shared<const Design>(std::move(design));
        return solution;
    }

private:
    ReadContext& m_context;
    std::unordered_map<std::string, std::string> m_goalIds;
    std::unordered_map<std::string, std::string> m_solutionIds;
};

} // namespace

std::optional<Lesson> readLesson(const Json& section, ReadContext& context, bool checkReferences)
{
    const std::string base = "/lesson";
    context.currentResource.clear();
    if (!section.is_object()) {
        context.error("WRONG_TYPE", base, "'lesson' must be an object, not " + jsonTypeName(section));
        return std::nullopt;
    }
    Lesson lesson;
    JsonReader reader(section, base, context);
    describe(reader, lesson);
    reader.markKnown("solutions");
    reader.finish(nullptr);
    LessonChecker checker(context);
    checker.checkId(section, base, nullptr);
    if (const auto goals = section.find("goals"); goals != section.end() && goals->is_array())
        for (std::size_t i = 0; i < goals->size(); ++i)
            checker.checkGoal((*goals)[i], childPath(base + "/goals", i));
    if (const auto solutions = section.find("solutions"); solutions != section.end()) {
        if (!solutions->is_array()) {
            context.error("WRONG_TYPE", base + "/solutions", "'solutions' must be an array, not " + jsonTypeName(*solutions));
        } else {
            for (std::size_t i = 0; i < solutions->size(); ++i)
                if (auto solution = checker.readSolution((*solutions)[i], childPath(base + "/solutions", i), checkReferences))
                    lesson.solutions.push_back(std::move(*solution));
        }
    }
    return lesson;
}

OrderedJson lessonJson(const Lesson& lesson)
{
    OrderedJson object = OrderedJson::object();
    JsonWriter writer(object);
    describe(writer, const_cast<Lesson&>(lesson)); // the writer only reads
    if (!lesson.solutions.empty()) {
        OrderedJson solutions = OrderedJson::array();
        for (const LessonSolution& s : lesson.solutions) {
            OrderedJson solution = OrderedJson::object();
            solution["id"] = s.id;
            if (!s.description.empty())
                solution["description"] = s.description;
            OrderedJson body = OrderedJson::object();
            if (s.design)
                writeDesignBody(*s.design, body);
            solution["design"] = std::move(body);
            solutions.push_back(std::move(solution));
        }
        object["solutions"] = std::move(solutions);
    }
    return object;
}

} // namespace pp
