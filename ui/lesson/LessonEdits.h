#pragma once

// The trainer's edits of a lesson's goal list and reference solutions, as change-sets (STYLE rule
// 6): the Lesson menu and the lesson panel's goal list call these and apply the result through
// Document::apply, one undoable step each. A function that has nothing to do returns an empty
// change-set (the document drops it).

#include "design/Design.h"
#include "edit/ChangeSet.h"
#include "io/Diagnostic.h"

#include <optional>
#include <string>

namespace pp::ui {

// Removes the goal `id`.
ChangeSet removeGoal(const Design& design, const std::string& id);
// Moves the goal `id` by `delta` places in the list (clamped: the first goal does not move up).
ChangeSet moveGoal(const Design& design, const std::string& id, int delta);

// A design file read as a reference solution of `lesson`: its id from the file's base name (in
// the syntax of ids, made unique among the lesson's solutions), its design without a lesson of
// its own. On failure `diagnostics` hold the loader's errors (file, line, field).
struct SolutionRead {
    std::optional<LessonSolution> solution;
    Diagnostics diagnostics;
};
SolutionRead readSolution(const Lesson& lesson, const std::string& path);

// Adds or removes a reference solution.
ChangeSet addSolution(const Design& design, LessonSolution solution);
ChangeSet removeSolution(const Design& design, const std::string& id);

// A name made into an id: lower case letters, digits and dashes ("My Design" → "my-design");
// `fallback` when nothing is left.
std::string slugId(const std::string& name, const std::string& fallback);

} // namespace pp::ui
