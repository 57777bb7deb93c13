#pragma once

// The example lesson of resources/lessons and designs made from it, for the lesson tests.

#include "TestSupport.h"

#include "analysis/Analyzer.h"
#include "lesson/Goals.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <string>

namespace pp::test {

inline const char* kExampleLesson = "resources/lessons/s3-gateway-endpoint.privatepath";

inline nlohmann::json exampleLessonJson() { return nlohmann::json::parse(readFile(sourcePath(kExampleLesson))); }

// A design loaded from JSON; fails the test when it does not load.
inline Design loadJson(const nlohmann::json& document)
{
    LoadResult r = loadDesign(document.dump(2), "lesson.privatepath");
    for (const Diagnostic& d : r.diagnostics)
        ADD_FAILURE() << d.format();
    if (!r.design)
        throw std::runtime_error("design did not load");
    return std::move(*r.design);
}

// A learner's submission: the lesson file whose design is replaced by reference solution `index`.
inline nlohmann::json submissionFromSolution(std::size_t index)
{
    nlohmann::json lesson = exampleLessonJson();
    nlohmann::json submission = lesson["lesson"]["solutions"][index]["design"];
    submission["schemaVersion"] = lesson["schemaVersion"];
    submission["lesson"] = lesson["lesson"];
    return submission;
}

inline const GoalResult& goalOf(const LessonProgress& p, const std::string& id)
{
    for (const GoalResult& g : p.goals)
        if (g.goal == id)
            return g;
    throw std::runtime_error("no goal " + id);
}

inline bool hasReason(const GoalResult& g, const std::string& code, const std::string& resource = {})
{
    for (const Explanation& e : g.reasons)
        if (e.code == code && (resource.empty() || e.resource == resource))
            return true;
    return false;
}

// The example lesson's goals evaluated on `document` (the lesson file's goals, as the grader does).
inline LessonProgress progressOf(const nlohmann::json& document, const std::vector<nlohmann::json>& extraGoals = {})
{
    Lesson lesson = *loadJson(exampleLessonJson()).lesson;
    for (const nlohmann::json& g : extraGoals) {
        nlohmann::json doc = exampleLessonJson();
        doc["lesson"]["goals"] = nlohmann::json::array({g});
        lesson.goals.push_back(loadJson(doc).lesson->goals.front());
    }
    const Design design = loadJson(document);
    return evaluateGoals(lesson, design, analyzeDesign(design));
}

} // namespace pp::test
