#include "lesson/Grading.h"

#include "analysis/Analyzer.h"
#include "io/DesignFile.h"

#include <algorithm>

namespace pp {

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
            changes.push_back({id, true, {}});
            continue;
        }
        if (after->kind() != before->kind()) {
            changes.push_back({id, false, "kind"});
            continue;
        }
        // Compare as saved (defaults left out on both sides, so writing a default explicitly is
        // no change): one entry per field that differs, in the order of the start's fields, then
        // fields only the submission has.
        const nlohmann::ordered_json a = resourceJson(*before), b = resourceJson(*after);
        for (auto it = a.begin(); it != a.end(); ++it)
            if (!b.contains(it.key()) || b.at(it.key()) != it.value())
                changes.push_back({id, false, it.key()});
        for (auto it = b.begin(); it != b.end(); ++it)
            if (!a.contains(it.key()))
                changes.push_back({id, false, it.key()});
    }
    return changes;
}

std::vector<Explanation> explainLockedChanges(const std::vector<LockedChange>& changes)
{
    std::vector<Explanation> out;
    for (const LockedChange& c : changes)
        out.push_back(c.deleted ? Explanation{"LOCKED_RESOURCE_DELETED", c.resource.str(),
                                              "locked resource " + c.resource.str() + " was deleted"}
                                : Explanation{"LOCKED_RESOURCE_CHANGED", c.resource.str(),
                                              "locked resource " + c.resource.str() + " has a changed '" + c.field + "'"});
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
        for (const auto* list : {&goal.through, &goal.avoids})
            for (const std::string& entry : *list)
                if (!names.resource(entry) && !kindFromName(entry))
                    unknown(where, "'" + entry + "' (a resource id or kind name)");
    }
    for (const ResourceId& id : lesson.locked)
        if (!start.find(id))
            problems.push_back({"LESSON_UNKNOWN_REFERENCE", Severity::Error, "locked",
                                "locked resource " + id.str() + " is not in the start", {}});
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
