#pragma once

// The grader's side of training mode: comparing a submission with the lesson it claims to be,
// scoring it, and validating a lesson before it is handed out (`privatepath lesson grade` and
// `privatepath lesson check`, docs/cli.md).

#include "io/Diagnostic.h"
#include "lesson/Goals.h"

#include <string>
#include <vector>

namespace pp {

// A locked resource or flow a submission deleted or changed. The lesson file is the start, so it
// is the reference: a hand-edited submission cannot move it.
struct LockedChange {
    std::string id;       // the resource's or flow's id
    bool flow = false;    // a flow of `lesson.lockedFlows` (else a resource of `lesson.locked`)
    bool deleted = false;
    std::string field;    // the changed field's name in the file ("kind" if the kind changed); "" when deleted
    std::string before;   // the field's value in the lesson file, compact JSON; "" when absent there
    std::string after;    // its value in the submission, compact JSON; "" when absent there

    friend bool operator==(const LockedChange&, const LockedChange&) = default;
};

// Every locked resource (then every locked flow) of `start.lesson` that `submission` lacks, or
// whose saved fields (name, tags, fields, `x-` keys) differ, one entry per changed field in file
// order. Empty without a lesson.
std::vector<LockedChange> lockedChanges(const Design& start, const Design& submission);

// Same, for explanations: LOCKED_RESOURCE_DELETED / _CHANGED and LOCKED_FLOW_DELETED / _CHANGED,
// with a sentence giving the value before and after.
std::vector<Explanation> explainLockedChanges(const std::vector<LockedChange>& changes);

enum class SubmissionStatus : std::uint8_t {
    Graded,      // loaded and the lesson's own: goals evaluated
    OtherLesson, // loaded, but its lesson id differs (or it has no lesson): not graded
    Unreadable,  // the file could not be read or parsed: see `diagnostics`
};
template <>
struct EnumTraits<SubmissionStatus> {
    static constexpr std::array names{std::string_view("graded"), std::string_view("otherLesson"),
                                      std::string_view("unreadable")};
};

struct SubmissionGrade {
    std::string file;
    SubmissionStatus status = SubmissionStatus::Graded;
    Diagnostics diagnostics;            // loader messages (the errors when unreadable)
    std::string lessonId;               // the submission's own lesson id ("" if it has none)
    LessonProgress progress;            // the lesson's goals on the submission (when graded)
    std::vector<LockedChange> locked;   // tampering (when graded)

    bool tampered() const { return !locked.empty(); }
    // Graded, every goal met, nothing locked changed.
    bool passed() const { return status == SubmissionStatus::Graded && progress.complete() && locked.empty(); }
    // The goals' score in percent (0 unless graded). Tampering does not change the score; it is
    // reported beside it and fails the submission.
    int scorePercent() const { return status == SubmissionStatus::Graded ? progress.percent() : 0; }
};

// Grades a loaded submission against the lesson file `start` (which must have a lesson): analyses
// the submission and evaluates the lesson's goals (the lesson file's goals, not the copy in the
// submission, which a learner could edit).
SubmissionGrade gradeSubmission(const Design& start, const Design& submission, std::string file = {});
// Loads and grades a file; an unreadable file gives status Unreadable with the loader's messages.
SubmissionGrade gradeSubmissionFile(const Design& start, const std::string& path);

// A problem `privatepath lesson check` finds. `code` is a LESSON_* code of codes/Codes.h; `where`
// names the goal, solution or resource; `reasons` gives the engine's words where it has them.
struct LessonProblem {
    std::string code;
    Severity severity = Severity::Error;
    std::string where;
    std::string message;
    std::vector<Explanation> reasons;
};

// Validates a lesson file: it has a lesson with goals; every flow, resource, scope and kind the
// goals and the locked list name exists in the start or in a reference solution (a goal may name
// what the learner is told to create); the start misses at least one goal; every reference solution
// meets every goal and keeps the locked resources. A lesson without a solution is a warning.
std::vector<LessonProblem> checkLesson(const Design& lessonFile);

} // namespace pp
