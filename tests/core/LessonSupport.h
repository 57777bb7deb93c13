#pragma once

// The example lesson of resources/lessons and designs made from it, for the lesson tests.

#include "TestSupport.h"

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

} // namespace pp::test
