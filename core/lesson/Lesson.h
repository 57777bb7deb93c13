#pragma once

// Training mode: the `lesson` section of a design file (docs/file-format.md, "Lessons"). A lesson
// file IS the start of the exercise: its resources and flows are what the learner begins with,
// and a learner's saved work keeps the section so it can be graded. This header is the data
// only; evaluation is in lesson/Goals.h, the grader's comparisons in lesson/Grading.h.

#include "model/Describe.h"
#include "model/Enums.h"
#include "model/Flow.h"
#include "model/Id.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace pp {

class Design;

// What a goal checks. Every kind is a check on meaning (the engine's verdicts, exposure,
// findings, the model's values), never on the learner's keystrokes, so any correct design passes.
enum class GoalKind : std::uint8_t {
    Flow,               // `flow`'s verdict is `verdict`; its forward path goes `through` and `avoids` things
    ScopePrivate,       // no flow starting or ending in `scope` has a public verdict
    NoInternetExposure, // no workload in `scope` can reach the internet or be reached from it
    Count,              // the number of `resourceKind` resources in `scope` is within `min`..`max`
    Property,           // `field` of `resource` (or of every `resourceKind` in `scope`) equals `value`
    NoErrors,           // the design has no error finding (lint and analysis)
};
template <>
struct EnumTraits<GoalKind> {
    static constexpr std::array names{std::string_view("flow"),  std::string_view("scopePrivate"),
                                      std::string_view("noInternetExposure"), std::string_view("count"),
                                      std::string_view("property"), std::string_view("noErrors")};
};

// One goal. Which fields apply depends on `kind` (the loader requires the ones a kind needs and
// docs/file-format.md lists them). References are plain names, not checked when loading: a
// learner may delete what a goal names, and that is a missed goal, not a broken file.
struct Goal {
    std::string id;      // unique in the lesson; names the goal in reports
    GoalKind kind = GoalKind::NoErrors;
    int weight = 1;      // share of the score
    std::string message; // what the learner reads in the checklist
    std::optional<FlowId> flow;
    std::optional<Verdict> verdict;
    std::vector<std::string> through; // resource ids or kind names ("vpcEndpoint") the path must visit
    std::vector<std::string> avoids;  // resource ids or kind names the path must not visit
    std::optional<ResourceId> scope;  // a VPC or a subnet; absent = the whole design
    std::string tag;                  // "key" or "key=value": only resources carrying it (design/TagScope.h)
    std::string resourceKind;         // a kind name, e.g. "natGateway"
    std::optional<JsonValue> where;   // an object of field -> value the `resourceKind` resources must match
    std::optional<int> min;
    std::optional<int> max;
    std::optional<ResourceId> resource;
    std::string field;                // a field name as written in the file, e.g. "privateDns"
    std::optional<JsonValue> value;

    friend bool operator==(const Goal&, const Goal&) = default;
};
template <class A>
void describe(A& a, Goal& v)
{
    a.req("id", v.id, {.doc = "Unique among the lesson's goals; names the goal in grading reports."});
    a.req("kind", v.kind, {.doc = "What the goal checks (see [Goals](#goals))."});
    a.opt("weight", v.weight, 1, {.doc = "Share of the score: progress is met weight / total weight.", .min = 1, .max = 1000});
    a.opt("message", v.message, std::string(), {.doc = "What the learner reads in the goal list."});
    a.opt("flow", v.flow, {.doc = "`flow`: the flow whose verdict is checked."});
    a.opt("verdict", v.verdict, {.doc = "`flow`: the verdict the flow must have."});
    a.opt("through", v.through,
          {.doc = "`flow`: resource ids or kind names (`vpcEndpoint`) the forward path must visit, each of them."});
    a.opt("avoids", v.avoids, {.doc = "`flow`: resource ids or kind names the forward path must not visit."});
    a.opt("scope", v.scope,
          {.doc = "`scopePrivate`, `noInternetExposure`, `count`, `property`: a VPC or subnet the goal is limited "
                  "to; absent = the whole design.",
           .kinds = KindMask{Kind::Vpc, Kind::Subnet},
           .unchecked = true});
    a.opt("tag", v.tag, std::string(),
          {.doc = "`scopePrivate`, `noInternetExposure`, `count`, `property`: only resources carrying this tag, "
                  "written `key` (any value) or `key=value`; a resource carries its subnet's and VPC's tags too. "
                  "With `scope`, both apply."});
    a.opt("resourceKind", v.resourceKind, std::string(),
          {.doc = "`count`, `property`: the kind of resource counted or checked, e.g. `natGateway`."});
    a.opt("where", v.where,
          {.doc = "`count`, `property`: an object of fields (named as in this file, defaults applying) and values "
                  "that a `resourceKind` resource must have to be counted or checked, e.g. `{\"type\": \"interface\"}`."});
    a.opt("min", v.min, {.doc = "`count`: the fewest resources allowed.", .min = 0, .max = 1000000});
    a.opt("max", v.max, {.doc = "`count`: the most resources allowed.", .min = 0, .max = 1000000});
    a.opt("resource", v.resource,
          {.doc = "`property`: the resource checked (instead of every `resourceKind` in `scope`).",
           .kinds = KindMask::all(),
           .unchecked = true});
    a.opt("field", v.field, std::string(),
          {.doc = "`property`: the resource's field, by its name in this file (`privateDns`), its default applying "
                  "when it is left out."});
    a.opt("value", v.value, {.doc = "`property`: the value the field must have (any JSON value)."});
}

// A reference solution: a whole design body (resources, flows, diagram) that meets every goal.
// Held through a shared immutable pointer: the editor copies designs for undo, and a copy of a
// lesson must not copy every solution.
struct LessonSolution {
    std::string id;          // unique among the lesson's solutions
    std::string description; // how this solution solves the lesson
    std::shared_ptr<const Design> design; // never null once loaded; has no lesson of its own

    bool operator==(const LessonSolution& other) const; // compares the designs' content
};
// The plain fields; `design` is a design body, which the loader reads itself.
template <class A>
void describe(A& a, LessonSolution& v)
{
    a.req("id", v.id, {.doc = "Unique among the lesson's solutions."});
    a.opt("description", v.description, std::string(), {.doc = "How this solution solves the lesson."});
}

struct Lesson {
    std::string id;      // stable across versions of the lesson: a submission is graded only against its own lesson
    std::string title;
    std::string summary;
    std::string instructions; // Markdown
    std::optional<int> estimatedMinutes;
    std::optional<int> timeLimitMinutes;
    std::vector<Goal> goals;
    std::vector<std::string> hints;  // revealed one by one, in order
    std::vector<ResourceId> locked;  // resources the learner may not change or delete
    std::vector<FlowId> lockedFlows; // flows the learner may not change or delete (a goal's flow is the question)
    std::optional<int> elapsedSeconds; // time the learner has spent, saved with their work (timed lessons)
    std::vector<LessonSolution> solutions;

    bool operator==(const Lesson& other) const;
};
// The fields the generic archives read, write and document; `solutions` hold whole designs and
// are read by the loader itself.
template <class A>
void describe(A& a, Lesson& v)
{
    a.req("id", v.id, {.doc = "Stable id of the lesson (same syntax as resource ids); a submission with another id is not graded."});
    a.req("title", v.title, {.doc = "The lesson's title."});
    a.opt("summary", v.summary, std::string(), {.doc = "One or two sentences for a list of lessons."});
    a.opt("instructions", v.instructions, std::string(), {.doc = "What the learner is asked to do (Markdown)."});
    a.opt("estimatedMinutes", v.estimatedMinutes, {.doc = "How long the lesson takes, in minutes.", .min = 1, .max = 10000});
    a.opt("timeLimitMinutes", v.timeLimitMinutes, {.doc = "A time limit, in minutes; absent = untimed.", .min = 1, .max = 10000});
    a.opt("goals", v.goals, {.doc = "The checks the learner's design must pass."});
    a.opt("hints", v.hints, {.doc = "Hints, revealed one at a time in this order."});
    a.opt("locked", v.locked,
          {.doc = "Ids of resources the learner may not change or delete; the grader compares them with this file.",
           .kinds = KindMask::all(),
           .unchecked = true});
    a.opt("lockedFlows", v.lockedFlows,
          {.doc = "Ids of flows the learner may not change or delete, such as the flows the goals check; the grader "
                  "compares them with this file."});
    a.opt("elapsedSeconds", v.elapsedSeconds,
          {.doc = "Time the learner has spent on the lesson, in seconds: the editor saves it with the learner's work, "
                  "so a timed lesson's clock goes on where it stopped. Absent in a lesson as handed out.",
           .min = 0,
           .max = 100000000});
}

// Locked resources are part of the lesson's start: the editor refuses to change or delete them.
bool isLocked(const Lesson& lesson, const ResourceId& id);
bool isLocked(const Lesson& lesson, const FlowId& id);

// What a locked flow keeps is its question: source, destination, protocol, port, DNS name and
// `x-` keys. Its annotations (these keys) stay the learner's: a name, an `expect`, a description.
inline constexpr std::array<std::string_view, 3> kFlowAnnotations{"name", "expect", "description"};
// Whether `after` asks what `before` asks (equal but for the annotations).
bool sameQuestion(const Flow& before, const Flow& after);

} // namespace pp
