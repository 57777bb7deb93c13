#pragma once

// Internals shared by the design loader and writer and the lesson section, whose reference
// solutions are design bodies (everything a document holds except `schemaVersion` and `lesson`).

#include "design/Design.h"
#include "io/JsonReader.h"
#include "io/JsonWriter.h"

#include <optional>
#include <string>

namespace pp {

// Reads a design body at JSON pointer `base` (reporting into `context`), like a document's top
// level but without `schemaVersion` or `lesson`.
Design readDesignBody(const Json& body, ReadContext& context, bool checkReferences, const std::string& base);
// Writes a design's name, description, lesson, collections, flows, diagram and `x-` keys into
// `object`, in the canonical key order.
void writeDesignBody(const Design& design, OrderedJson& object);

// Checks the references `context` recorded against `design`: DANGLING_REFERENCE for an id that
// does not exist, WRONG_KIND_REFERENCE for one of a kind the field does not take.
void checkPendingReferences(const Design& design, ReadContext& context);

// The `lesson` section (io/LessonFile.cpp). Reading checks the shape each goal kind needs and the
// syntax of ids, not whether the names refer to anything: `privatepath lesson check` does that.
std::optional<Lesson> readLesson(const Json& section, ReadContext& context, bool checkReferences);
OrderedJson lessonJson(const Lesson& lesson);

// The `policies` section (io/PolicyFile.cpp): each policy's fields, the ones its kind needs or
// refuses, and the syntax of its scopes. References (ids in scopes and `via`) are recorded in
// `context` and checked with the resources'.
std::vector<Policy> readPolicies(const Json& section, ReadContext& context);
OrderedJson policiesJson(const std::vector<Policy>& policies);

} // namespace pp
