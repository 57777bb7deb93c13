// The `lesson` section of the file format: loading, the loader's messages, saving it unchanged,
// the schema, and the migration of version 1 files (which have no lesson).
#include "LessonSupport.h"

#include "io/Schema.h"

#include <gtest/gtest.h>

namespace pp::test {
namespace {

const Diagnostic* findCode(const LoadResult& r, const std::string& code, const std::string& path)
{
    for (const Diagnostic& d : r.diagnostics)
        if (d.code == code && d.jsonPath == path)
            return &d;
    return nullptr;
}

TEST(LessonFormat, ExampleLessonHasEveryPart)
{
    const LoadResult r = loadDesignFile(sourcePath(kExampleLesson));
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(r.diagnostics.empty());
    ASSERT_TRUE(r.design->lesson);
    const Lesson& lesson = *r.design->lesson;
    EXPECT_EQ(lesson.id, "s3-gateway-endpoint");
    EXPECT_FALSE(lesson.title.empty());
    EXPECT_NE(lesson.instructions.find("# Private access to S3"), std::string::npos);
    EXPECT_EQ(lesson.estimatedMinutes, 10);
    EXPECT_FALSE(lesson.timeLimitMinutes);
    ASSERT_EQ(lesson.goals.size(), 6u);
    EXPECT_EQ(lesson.goals[0].kind, GoalKind::Flow);
    EXPECT_EQ(lesson.goals[0].weight, 3);
    EXPECT_EQ(lesson.goals[0].verdict, Verdict::Private);
    EXPECT_EQ(lesson.goals[1].value, JsonValue{"\"gateway\""});
    EXPECT_EQ(lesson.goals[2].max, 0);
    EXPECT_EQ(lesson.hints.size(), 3u);
    EXPECT_TRUE(isLocked(lesson, ResourceId("app-1")));
    EXPECT_FALSE(isLocked(lesson, ResourceId("nat-a")));
    ASSERT_EQ(lesson.solutions.size(), 2u);
    ASSERT_TRUE(lesson.solutions[0].design);
    EXPECT_TRUE(lesson.solutions[0].design->find(ResourceId("s3-gw")));
    EXPECT_FALSE(lesson.solutions[0].design->lesson);
}

TEST(LessonFormat, SavingKeepsTheLessonSectionUnchanged)
{
    const std::string text = readFile(sourcePath(kExampleLesson));
    const LoadResult r = loadDesign(text, "lesson.privatepath");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(saveDesignToString(*r.design), text) << "the example lesson is canonical; run privatepath format on it";

    // A learner's edit of the design leaves the lesson as it was.
    Design edited = *r.design;
    Resource endpoint;
    endpoint.id = ResourceId("s3-gw");
    endpoint.data = VpcEndpoint{ResourceId("app-vpc"), EndpointType::Gateway, ResourceId("s3"), {}, {ResourceId("private-rt")}, {}, true, false, EndpointState::Available};
    ASSERT_TRUE(edited.add(endpoint));
    const LoadResult again = loadDesign(saveDesignToString(edited), "work.privatepath");
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again.design->lesson, r.design->lesson);
    EXPECT_EQ(*again.design, edited);
    EXPECT_FALSE(*again.design == *r.design) << "a design with another resource is not equal";

    // The lesson takes part in equality.
    Design other = *r.design;
    other.lesson->hints.push_back("one more");
    EXPECT_FALSE(other == *r.design);
}

TEST(LessonFormat, MalformedLessonNamesFileLineAndField)
{
    nlohmann::json doc = exampleLessonJson();
    auto& goals = doc["lesson"]["goals"];
    goals[0]["weight"] = "heavy";
    goals[1].erase("value");
    goals[2]["resourceKind"] = "natGateways";
    goals[3]["id"] = goals[4]["id"];
    doc["lesson"]["solutions"][0]["design"]["subnets"][0]["vpc"] = "no-such-vpc";
    const LoadResult r = loadDesign(doc.dump(2), "broken.privatepath");
    ASSERT_FALSE(r.ok());

    const Diagnostic* weight = findCode(r, "WRONG_TYPE", "/lesson/goals/0/weight");
    ASSERT_TRUE(weight) << "wrong type of a goal field";
    EXPECT_EQ(weight->file, "broken.privatepath");
    EXPECT_GT(weight->line, 1);
    EXPECT_NE(weight->format().find("broken.privatepath:" + std::to_string(weight->line) + ":"), std::string::npos);
    EXPECT_NE(weight->message.find("'weight'"), std::string::npos);

    const Diagnostic* value = findCode(r, "MISSING_FIELD", "/lesson/goals/1");
    ASSERT_TRUE(value);
    EXPECT_NE(value->message.find("'value'"), std::string::npos);
    EXPECT_TRUE(findCode(r, "UNKNOWN_ENUM_VALUE", "/lesson/goals/2/resourceKind"));
    EXPECT_TRUE(findCode(r, "DUPLICATE_ID", "/lesson/goals/4/id"));
    const Diagnostic* dangling = findCode(r, "DANGLING_REFERENCE", "/lesson/solutions/0/design/subnets/0/vpc");
    ASSERT_TRUE(dangling) << "a solution's references are checked against the solution";
    EXPECT_GT(dangling->line, weight->line);
}

TEST(LessonFormat, EachGoalKindRequiresItsFields)
{
    nlohmann::json doc = exampleLessonJson();
    doc["lesson"]["goals"] = nlohmann::json::parse(R"([
      {"id": "a", "kind": "flow", "flow": "app-to-s3"},
      {"id": "b", "kind": "count", "resourceKind": "natGateway"},
      {"id": "c", "kind": "count", "resourceKind": "natGateway", "min": 3, "max": 1},
      {"id": "d", "kind": "property", "field": "privateDns", "value": true},
      {"id": "e", "kind": "property", "field": "privateDns", "value": true, "resource": "x", "resourceKind": "vpc"},
      {"id": "f", "kind": "sometimes"},
      {"id": "bad id", "kind": "noErrors"}
    ])");
    const LoadResult r = loadDesign(doc.dump(2), "goals.privatepath");
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(findCode(r, "MISSING_FIELD", "/lesson/goals/0"));
    EXPECT_TRUE(findCode(r, "MISSING_FIELD", "/lesson/goals/1"));
    EXPECT_TRUE(findCode(r, "OUT_OF_RANGE", "/lesson/goals/2/max"));
    EXPECT_TRUE(findCode(r, "MISSING_FIELD", "/lesson/goals/3"));
    EXPECT_TRUE(findCode(r, "CONFLICTING_FIELDS", "/lesson/goals/4"));
    EXPECT_TRUE(findCode(r, "UNKNOWN_ENUM_VALUE", "/lesson/goals/5/kind"));
    EXPECT_TRUE(findCode(r, "INVALID_ID", "/lesson/goals/6/id"));
}

TEST(LessonFormat, LockedAndGoalNamesAreNotReferencesTheLoaderChecks)
{
    // A learner may delete what a goal or the locked list names: the file still loads, and the
    // grader reports it.
    nlohmann::json doc = exampleLessonJson();
    doc["lesson"]["locked"].push_back("deleted-thing");
    doc["lesson"]["goals"][0]["flow"] = "gone";
    const LoadResult r = loadDesign(doc.dump(2), "work.privatepath");
    EXPECT_TRUE(r.ok());
}

TEST(LessonFormat, VersionOneFileIsMigratedAndSavedAsTheCurrentVersion)
{
    const std::string v1 = R"({
  "schemaVersion": 1,
  "name": "Old",
  "regions": [{"id": "use1", "code": "us-east-1"}]
}
)";
    const LoadResult r = loadDesign(v1, "old.privatepath");
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(r.diagnostics.empty());
    EXPECT_FALSE(r.design->lesson);
    EXPECT_EQ(r.design->name, "Old");
    const std::string saved = saveDesignToString(*r.design);
    EXPECT_NE(saved.find("\"schemaVersion\": 3"), std::string::npos);
    EXPECT_EQ(kCurrentSchemaVersion, 3);

    // The golden file of version 1 (every kind) reads as the same design through the migration.
    const LoadResult golden = loadDesignFile(sourcePath("tests/data/golden-v1.privatepath"));
    ASSERT_TRUE(golden.ok());
    EXPECT_FALSE(golden.design->lesson);
    std::string asV2 = readFile(sourcePath("tests/data/golden-v1.privatepath"));
    asV2.replace(asV2.find("\"schemaVersion\": 1"), 18, "\"schemaVersion\": 3");
    EXPECT_EQ(saveDesignToString(*golden.design), asV2);

    // A lesson in a file that says version 1 is read like any field of the current version.
    nlohmann::json doc = exampleLessonJson();
    doc["schemaVersion"] = 1;
    const LoadResult lesson = loadDesign(doc.dump(), "v1-lesson.privatepath");
    ASSERT_TRUE(lesson.ok());
    EXPECT_TRUE(lesson.design->lesson);
}

TEST(LessonFormat, SchemaDescribesTheLessonSection)
{
    const auto schema = designSchema();
    EXPECT_EQ(schema["properties"]["schemaVersion"]["const"], 3);
    EXPECT_EQ(schema["properties"]["lesson"]["$ref"], "#/$defs/lesson");
    const auto& lesson = schema["$defs"]["lesson"];
    EXPECT_EQ(lesson["required"], nlohmann::ordered_json({"id", "title"}));
    const auto& goal = lesson["properties"]["goals"]["items"];
    EXPECT_EQ(goal["properties"]["kind"]["enum"],
              nlohmann::ordered_json({"flow", "scopePrivate", "noInternetExposure", "count", "property", "noErrors"}));
    EXPECT_EQ(lesson["properties"]["solutions"]["items"]["properties"]["design"]["$ref"], "#/$defs/designBody");
    EXPECT_TRUE(schema["$defs"]["designBody"]["properties"].contains("vpcs"));
    EXPECT_FALSE(schema["$defs"]["designBody"]["properties"].contains("lesson"));
}

} // namespace
} // namespace pp::test
