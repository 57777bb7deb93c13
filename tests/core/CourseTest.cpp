// The bundled course (resources/lessons): at least eight lessons, each a valid lesson whose start
// misses a goal and whose reference solutions (at least two, with different designs) meet every
// goal without touching the locked resources.
#include "TestSupport.h"

#include "analysis/Analyzer.h"
#include "lesson/Grading.h"

#include <algorithm>
#include <filesystem>
#include <gtest/gtest.h>
#include <set>

namespace pp::test {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> courseFiles()
{
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(sourcePath("resources/lessons")))
        if (entry.path().extension() == ".privatepath")
            files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    return files;
}

Design loadLesson(const fs::path& path)
{
    LoadResult r = loadDesignFile(path.string());
    for (const Diagnostic& d : r.diagnostics)
        ADD_FAILURE() << d.format();
    if (!r.design || !r.design->lesson)
        throw std::runtime_error(path.string() + " is not a lesson");
    return std::move(*r.design);
}

// The network model as saved, without the drawing: two solutions differ when this does.
std::string modelText(const Design& design)
{
    Design copy = design;
    copy.diagram = {};
    copy.name.clear();
    copy.description.clear();
    return saveDesignToString(copy);
}

std::string missedGoals(const LessonProgress& progress)
{
    std::string out;
    for (const GoalResult& g : progress.goals)
        if (!g.met) {
            out += "\n  missed " + g.goal + ":";
            for (const Explanation& e : g.reasons)
                out += " " + e.code;
        }
    return out;
}

TEST(Course, HasAtLeastEightLessonsWithDistinctIds)
{
    const std::vector<fs::path> files = courseFiles();
    EXPECT_GE(files.size(), 8u);
    std::set<std::string> ids;
    for (const fs::path& file : files) {
        SCOPED_TRACE(file.filename().string());
        const Design lesson = loadLesson(file);
        EXPECT_TRUE(ids.insert(lesson.lesson->id).second) << "lesson id " << lesson.lesson->id << " is used twice";
        EXPECT_EQ(file.stem().string().empty(), false);
    }
}

TEST(Course, EveryLessonIsCompleteAndCanonical)
{
    for (const fs::path& file : courseFiles()) {
        SCOPED_TRACE(file.filename().string());
        const Design start = loadLesson(file);
        const Lesson& lesson = *start.lesson;
        EXPECT_FALSE(lesson.title.empty());
        EXPECT_FALSE(lesson.summary.empty());
        EXPECT_FALSE(lesson.instructions.empty());
        EXPECT_TRUE(lesson.estimatedMinutes.has_value());
        EXPECT_GE(lesson.hints.size(), 2u);
        EXPECT_LE(lesson.hints.size(), 3u);
        EXPECT_FALSE(lesson.locked.empty());
        EXPECT_FALSE(start.diagram.shapes.empty());

        // Goals: several kinds, each with a message, ids unique.
        std::set<std::string> goalIds;
        std::set<GoalKind> kinds;
        for (const Goal& g : lesson.goals) {
            EXPECT_TRUE(goalIds.insert(g.id).second) << "goal id " << g.id << " is used twice";
            EXPECT_FALSE(g.message.empty()) << g.id;
            kinds.insert(g.kind);
        }
        EXPECT_GE(lesson.goals.size(), 4u);
        EXPECT_GE(kinds.size(), 3u) << "goals of several kinds";
        EXPECT_TRUE(kinds.count(GoalKind::Flow)) << "at least one flow goal";

        // Every locked resource exists in the start.
        for (const ResourceId& id : lesson.locked)
            EXPECT_NE(start.find(id), nullptr) << "locked " << id.str() << " is not in the start";

        // The file is exactly what the editor saves (privatepath format --check).
        EXPECT_EQ(saveDesignToString(start), readFile(file.string())) << "not in canonical form";
    }
}

TEST(Course, CheckLessonFindsNoProblem)
{
    for (const fs::path& file : courseFiles()) {
        SCOPED_TRACE(file.filename().string());
        for (const LessonProblem& p : checkLesson(loadLesson(file))) {
            std::string reasons;
            for (const Explanation& e : p.reasons)
                reasons += " " + e.code;
            ADD_FAILURE() << p.code << " (" << p.where << "): " << p.message << reasons;
        }
    }
}

TEST(Course, StartMissesAGoal)
{
    for (const fs::path& file : courseFiles()) {
        SCOPED_TRACE(file.filename().string());
        const Design start = loadLesson(file);
        const LessonProgress progress = evaluateGoals(*start.lesson, start, analyzeDesign(start));
        EXPECT_FALSE(progress.complete());
        EXPECT_LT(progress.percent(), 100);
        // The start is the learner's own work, unchanged: nothing locked differs.
        EXPECT_TRUE(lockedChanges(start, start).empty());
    }
}

TEST(Course, EverySolutionMeetsEveryGoalAndKeepsTheLockedResources)
{
    for (const fs::path& file : courseFiles()) {
        SCOPED_TRACE(file.filename().string());
        const Design start = loadLesson(file);
        const Lesson& lesson = *start.lesson;
        ASSERT_GE(lesson.solutions.size(), 2u) << "at least two reference solutions";
        std::set<std::string> solutionIds, models;
        for (const LessonSolution& solution : lesson.solutions) {
            SCOPED_TRACE("solution " + solution.id);
            ASSERT_NE(solution.design, nullptr);
            EXPECT_TRUE(solutionIds.insert(solution.id).second);
            EXPECT_FALSE(solution.description.empty());
            const LessonProgress progress = evaluateGoals(lesson, *solution.design, analyzeDesign(*solution.design));
            EXPECT_TRUE(progress.complete()) << missedGoals(progress);
            for (const LockedChange& c : lockedChanges(start, *solution.design))
                ADD_FAILURE() << "changes locked " << c.id << (c.deleted ? " (deleted)" : " field " + c.field);
            EXPECT_TRUE(models.insert(modelText(*solution.design)).second) << "two solutions with the same design";
            EXPECT_NE(modelText(*solution.design), modelText(start)) << "a solution must change the start";
        }
    }
}

} // namespace
} // namespace pp::test
