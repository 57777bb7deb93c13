#pragma once

// Evaluating a lesson's goals on a design, from the engine's answer. Pure functions: the editor
// calls evaluateGoals() after every re-analysis (it costs far less than the analysis itself, see
// tests/benchmarks/LessonBenchmark.cpp); the grader calls it once per submission.

#include "analysis/AnalysisResult.h"
#include "design/Design.h"
#include "design/Placement.h"
#include "lesson/Lesson.h"

#include <string>
#include <vector>

namespace pp {

// The answer for one goal. A missed goal says why in `reasons`: first a GOAL_* code of
// codes/Codes.h naming what differs ("flow app-to-s3 is public; the goal asks for private"), then
// the engine's own explanations where it has them (the flow's blocking reasons, hints and notes,
// the error findings), each with its code and the resource it is pinned to.
struct GoalResult {
    std::string goal;    // Goal::id
    GoalKind kind = GoalKind::NoErrors;
    int weight = 1;
    bool met = false;
    std::string message; // Goal::message, for the checklist
    std::vector<Explanation> reasons; // empty when met

    friend bool operator==(const GoalResult&, const GoalResult&) = default;
};

struct LessonProgress {
    std::vector<GoalResult> goals; // in the lesson's order
    int metWeight = 0;
    int totalWeight = 0;

    // Met weight / total weight; 1 for a lesson without goals.
    double fraction() const { return totalWeight == 0 ? 1.0 : double(metWeight) / double(totalWeight); }
    // Rounded down, so 100 means every goal is met.
    int percent() const { return totalWeight == 0 ? 100 : metWeight * 100 / totalWeight; }
    bool complete() const { return metWeight == totalWeight; }

    friend bool operator==(const LessonProgress&, const LessonProgress&) = default;
};

// Every goal of `lesson` on `design`, whose analysis is `analysis` (Analyzer::result() or
// analyzeDesign(design)). Deterministic; reasons are in path, flow and resource order.
LessonProgress evaluateGoals(const Lesson& lesson, const Design& design, const AnalysisResult& analysis);

// One goal (evaluateGoals() builds the flow index once for all goals; prefer it for several).
GoalResult evaluateGoal(const Goal& goal, const Design& design, const AnalysisResult& analysis);

// inScope() (whether a resource lies in a VPC or subnet) is in design/Placement.h, shared with
// policy scopes.

} // namespace pp
