#include "lesson/LessonEdits.h"

#include "io/DesignFile.h"

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace pp::ui {
namespace {

template <class Items>
auto findId(Items& items, const std::string& id)
{
    return std::find_if(items.begin(), items.end(), [&](const auto& x) { return x.id == id; });
}

ChangeSet withLesson(const Design& design, Lesson lesson)
{
    return ChangeSetBuilder(design).setLesson(std::move(lesson)).build();
}

} // namespace

ChangeSet removeGoal(const Design& design, const std::string& id)
{
    if (!design.lesson)
        return {};
    Lesson lesson = *design.lesson;
    const auto it = findId(lesson.goals, id);
    if (it == lesson.goals.end())
        return {};
    lesson.goals.erase(it);
    return withLesson(design, std::move(lesson));
}

ChangeSet moveGoal(const Design& design, const std::string& id, int delta)
{
    if (!design.lesson)
        return {};
    Lesson lesson = *design.lesson;
    const auto it = findId(lesson.goals, id);
    if (it == lesson.goals.end())
        return {};
    const int from = int(it - lesson.goals.begin());
    const int to = std::clamp(from + delta, 0, int(lesson.goals.size()) - 1);
    if (from == to)
        return {};
    Goal goal = std::move(*it);
    lesson.goals.erase(it);
    lesson.goals.insert(lesson.goals.begin() + to, std::move(goal));
    return withLesson(design, std::move(lesson));
}

std::string slugId(const std::string& name, const std::string& fallback)
{
    std::string out;
    for (const char c : name) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) && u < 0x80)
            out += char(std::tolower(u));
        else if (!out.empty() && out.back() != '-')
            out += '-';
    }
    while (!out.empty() && out.back() == '-')
        out.pop_back();
    if (out.size() > 60)
        out.resize(60);
    return out.empty() ? fallback : out;
}

SolutionRead readSolution(const Lesson& lesson, const std::string& path)
{
    SolutionRead out;
    LoadResult loaded = loadDesignFile(path);
    out.diagnostics = std::move(loaded.diagnostics);
    if (!loaded.ok())
        return out;
    Design design = std::move(*loaded.design);
    // A solution is a design body: a learner's saved work or the lesson file itself carries the
    // lesson section, which a solution does not have (lesson/Lesson.h).
    design.lesson.reset();
    LessonSolution solution;
    const std::string base = slugId(std::filesystem::path(path).stem().string(), "solution");
    solution.id = base;
    for (int n = 2; findId(lesson.solutions, solution.id) != lesson.solutions.end(); ++n)
        solution.id = base + "-" + std::to_string(n);
    solution.description = design.description;
    solution.design = std::make_shared<const Design>(std::move(design));
    out.solution = std::move(solution);
    return out;
}

ChangeSet addSolution(const Design& design, LessonSolution solution)
{
    if (!design.lesson)
        return {};
    Lesson lesson = *design.lesson;
    lesson.solutions.push_back(std::move(solution));
    return withLesson(design, std::move(lesson));
}

ChangeSet removeSolution(const Design& design, const std::string& id)
{
    if (!design.lesson)
        return {};
    Lesson lesson = *design.lesson;
    const auto it = findId(lesson.solutions, id);
    if (it == lesson.solutions.end())
        return {};
    lesson.solutions.erase(it);
    return withLesson(design, std::move(lesson));
}

} // namespace pp::ui
