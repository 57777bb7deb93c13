#include "lesson/Grading.h"

#include "analysis/Analyzer.h"
#include "design/TagScope.h"
#include "io/DesignFile.h"

#include <algorithm>

namespace pp {

namespace {

// The fields of two saved objects that differ, as LockedChange entries: in the order of the
// start's fields, then fields only the submission has. Compared as saved (defaults left out on
// both sides), so writing a default explicitly is no change.
void compareSaved(const std::string& id, bool flow, const nlohmann::ordered_json& a, const nlohmann::ordered_json& b,
                  std::vector<LockedChange>& changes)
{
    for (auto it = a.begin(); it != a.end(); ++it) {
        const auto other = b.find(it.key());
        if (other == b.end() || *other != it.value())
            changes.push_back({id, flow, false, it.key(), it.value().dump(), other == b.end() ? std::string() : other->dump()});
    }
    for (auto it = b.begin(); it != b.end(); ++it)
        if (!a.contains(it.key()))
            changes.push_back({id, flow, false, it.key(), {}, it.value().dump()});
}

// "10.0.1.10" for a short value, "…" past 60 characters (a whole rule list is not a sentence).
std::string shortValue(const std::string& json)
{
    if (json.empty())
        return "not set";
    return json.size() <= 60 ? json : json.substr(0, 57) + "...";
}

} // namespace

std::vector<LockedChange> lockedChanges(const Design& start, const Design& submission)
{
    std::vector<LockedChange> changes;
    if (!start.lesson)
        return changes;
    for (const ResourceId& id : start.lesson->locked) {
        const Resource* before = start.find(id);
        if (!before)
            continue; // not in the start: `lesson check` reports it; nothing to compare with
        const Resource* after = submission.find(id);
        if (!after) {
            changes.push_back({id.str(), false, true, {}, {}, {}});
            continue;
        }
        if (after->kind() != before->kind()) {
            changes.push_back({id.str(), false, false, "kind", '"' + std::string(kindInfo(before->kind()).name) + '"',
                               '"' + std::string(kindInfo(after->kind()).name) + '"'});
            continue;
        }
        compareSaved(id.str(), false, resourceJson(*before), resourceJson(*after), changes);
    }
    for (const FlowId& id : start.lesson->lockedFlows) {
        const Flow* before = start.findFlow(id);
        if (!before)
            continue;
        const Flow* after = submission.findFlow(id);
        if (!after)
            changes.push_back({id.str(), true, true, {}, {}, {}});
        else {
            nlohmann::ordered_json a = flowJson(*before), b = flowJson(*after);
            for (std::string_view key : kFlowAnnotations) {
                a.erase(std::string(key));
                b.erase(std::string(key));
            }
            compareSaved(id.str(), true, a, b, changes);
        }
    }
    return changes;
}

std::vector<Explanation> explainLockedChanges(const std::vector<LockedChange>& changes)
{
    std::vector<Explanation> out;
    for (const LockedChange& c : changes) {
        const std::string what = std::string(c.flow ? "locked flow " : "locked resource ") + c.id;
        const std::string code = c.flow ? "LOCKED_FLOW_" : "LOCKED_RESOURCE_";
        out.push_back(c.deleted ? Explanation{code + "DELETED", c.id, what + " was deleted"}
                                : Explanation{code + "CHANGED", c.id,
                                              what + " has a changed '" + c.field + "': " + shortValue(c.before) +
                                                  " in the lesson, " + shortValue(c.after) + " in the submission"});
    }
    return out;
}

SubmissionGrade gradeSubmission(const Design& start, const Design& submission, std::string file)
{
    SubmissionGrade grade;
    grade.file = std::move(file);
    grade.lessonId = submission.lesson ? submission.lesson->id : std::string();
    if (!start.lesson || !submission.lesson || submission.lesson->id != start.lesson->id) {
        grade.status = SubmissionStatus::OtherLesson;
        return grade;
    }
    const AnalysisResult analysis = analyzeDesign(submission);
    grade.progress = evaluateGoals(*start.lesson, submission, analysis);
    grade.locked = lockedChanges(start, submission);
    return grade;
}

SubmissionGrade gradeSubmissionFile(const Design& start, const std::string& path)
{
    LoadResult loaded = loadDesignFile(path);
    if (!loaded.design) {
        SubmissionGrade grade;
        grade.file = path;
        grade.status = SubmissionStatus::Unreadable;
        grade.diagnostics = std::move(loaded.diagnostics);
        return grade;
    }
    SubmissionGrade grade = gradeSubmission(start, *loaded.design, path);
    grade.diagnostics = std::move(loaded.diagnostics);
    return grade;
}

namespace {

// Whether a name a lesson uses exists in the start or in one of the solutions.
class NameCheck {
public:
    explicit NameCheck(const Design& start) : m_designs{&start}
    {
        for (const LessonSolution& s : start.lesson->solutions)
            if (s.design)
                m_designs.push_back(s.design.get());
    }
    bool resource(const std::string& id) const
    {
        return std::any_of(m_designs.begin(), m_designs.end(), [&](const Design* d) { return d->find(ResourceId(id)); });
    }
    bool flow(const std::string& id) const
    {
        return std::any_of(m_designs.begin(), m_designs.end(), [&](const Design* d) { return d->findFlow(FlowId(id)); });
    }
    bool tag(const TagSelector& selector) const
    {
        return std::any_of(m_designs.begin(), m_designs.end(), [&](const Design* d) {
            return std::any_of(d->resources().begin(), d->resources().end(),
                               [&](const Resource& r) { return selector.matches(r.tags); });
        });
    }

private:
    std::vector<const Design*> m_designs;
};

void checkNames(const Design& start, std::vector<LessonProblem>& problems)
{
    const Lesson& lesson = *start.lesson;
    const NameCheck names(start);
    auto unknown = [&](const std::string& where, const std::string& what) {
        problems.push_back({"LESSON_UNKNOWN_REFERENCE", Severity::Error, where,
                            what + " exists neither in the start nor in any reference solution", {}});
    };
    for (const Goal& goal : lesson.goals) {
        const std::string where = "goal " + goal.id;
        if (goal.flow && !names.flow(goal.flow->str()))
            unknown(where, "flow " + goal.flow->str());
        if (goal.resource && !names.resource(goal.resource->str()))
            unknown(where, "resource " + goal.resource->str());
        if (goal.scope && !names.resource(goal.scope->str()))
            unknown(where, "scope " + goal.scope->str());
        if (const auto selector = TagSelector::parse(goal.tag); selector && !names.tag(*selector))
            problems.push_back({"LESSON_UNKNOWN_REFERENCE", Severity::Error, where,
                                "no resource carries the tag " + goal.tag + ", neither in the start nor in any reference solution",
                                {}});
        // A flow the start already has, and every reference solution keeps as it is, is the
        // question: unlocked, the learner could change its destination or port until it passes.
        // (A lesson whose solutions re-point the flow, to an endpoint say, asks for that change.)
        const Flow* asked = goal.kind == GoalKind::Flow && goal.flow ? start.findFlow(*goal.flow) : nullptr;
        const bool kept = asked && std::all_of(lesson.solutions.begin(), lesson.solutions.end(), [&](const LessonSolution& s) {
                              const Flow* f = s.design ? s.design->findFlow(asked->id) : nullptr;
                              return f && sameQuestion(*asked, *f);
                          });
        if (kept && !isLocked(lesson, asked->id))
            problems.push_back({"LESSON_GOAL_FLOW_UNLOCKED", Severity::Warning, where,
                                "flow " + goal.flow->str() + " is in the start but not locked: the learner can change "
                                "what the goal checks (Lesson -> Lock Selection, or add it to lockedFlows)",
                                {}});
        for (const auto* list : {&goal.through, &goal.avoids})
            for (const std::string& entry : *list)
                if (!names.resource(entry) && !kindFromName(entry))
                    unknown(where, "'" + entry + "' (a resource id or kind name)");
    }
    for (const ResourceId& id : lesson.locked)
        if (!start.find(id))
            problems.push_back({"LESSON_UNKNOWN_REFERENCE", Severity::Error, "locked",
                                "locked resource " + id.str() + " is not in the start", {}});
    for (const FlowId& id : lesson.lockedFlows)
        if (!start.findFlow(id))
            problems.push_back({"LESSON_UNKNOWN_REFERENCE", Severity::Error, "lockedFlows",
                                "locked flow " + id.str() + " is not in the start", {}});
}

} // namespace

std::vector<LessonProblem> checkLesson(const Design& lessonFile)
{
    std::vector<LessonProblem> problems;
    if (!lessonFile.lesson) {
        problems.push_back({"LESSON_MISSING", Severity::Error, {}, "the file has no lesson section", {}});
        return problems;
    }
    const Lesson& lesson = *lessonFile.lesson;
    if (lesson.goals.empty())
        problems.push_back({"LESSON_NO_GOALS", Severity::Error, {}, "the lesson has no goals", {}});
    checkNames(lessonFile, problems);

    const LessonProgress start = evaluateGoals(lesson, lessonFile, analyzeDesign(lessonFile));
    if (!lesson.goals.empty() && start.complete())
        problems.push_back({"LESSON_START_PASSES", Severity::Error, "start",
                            "the start already meets every goal: there is nothing to do", {}});

    if (lesson.solutions.empty())
        problems.push_back({"LESSON_NO_SOLUTION", Severity::Warning, {},
                            "the lesson has no reference solution, so nothing proves its goals can be met", {}});
    for (const LessonSolution& solution : lesson.solutions) {
        if (!solution.design)
            continue;
        const std::string where = "solution " + solution.id;
        const LessonProgress progress = evaluateGoals(lesson, *solution.design, analyzeDesign(*solution.design));
        for (const GoalResult& goal : progress.goals)
            if (!goal.met)
                problems.push_back({"LESSON_SOLUTION_FAILS", Severity::Error, where,
                                    "solution " + solution.id + " misses goal " + goal.goal, goal.reasons});
        const std::vector<LockedChange> changes = lockedChanges(lessonFile, *solution.design);
        if (!changes.empty())
            problems.push_back({"LESSON_SOLUTION_CHANGES_LOCKED", Severity::Error, where,
                                "solution " + solution.id + " changes locked resources", explainLockedChanges(changes)});
    }
    return problems;
}

} // namespace pp
