// Resource tags in the file format, and the lesson parts built on them and next to them: goals
// scoped by tag, goals over the resources of a kind that match `where`, locked flows, and the
// clock a learner's saved work carries.
#include "LessonSupport.h"

#include "edit/Find.h"
#include "lesson/Grading.h"

#include <gtest/gtest.h>

namespace pp::test {
namespace {

using nlohmann::json;

const Diagnostic* findCode(const LoadResult& r, const std::string& code, const std::string& path)
{
    for (const Diagnostic& d : r.diagnostics)
        if (d.code == code && d.jsonPath == path)
            return &d;
    return nullptr;
}

bool hasProblem(const std::vector<LessonProblem>& problems, const std::string& code, Severity severity)
{
    return std::any_of(problems.begin(), problems.end(),
                       [&](const LessonProblem& p) { return p.code == code && p.severity == severity; });
}

TEST(ResourceTags, LoadSaveAndReloadInKeyOrder)
{
    json doc = exampleLessonJson();
    byId(doc, "vpcs", "app-vpc")["tags"] = json::parse(R"({"team": "payments", "env": "prod", "empty": ""})");
    const Design d = loadJson(doc);
    const Resource* vpc = d.find(ResourceId("app-vpc"));
    ASSERT_TRUE(vpc);
    EXPECT_EQ(vpc->tags, (Tags{{"empty", ""}, {"env", "prod"}, {"team", "payments"}}));
    const std::string saved = saveDesignToString(d);
    EXPECT_NE(saved.find(R"("tags": {"empty": "", "env": "prod", "team": "payments"})"), std::string::npos)
        << "tags are saved sorted by key, on one line";
    const LoadResult again = loadDesign(saved, "again.privatepath");
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(*again.design, d);
    EXPECT_EQ(saveDesignToString(*again.design), saved);
    // A resource without tags saves no `tags` key.
    EXPECT_EQ(saveDesignToString(loadJson(exampleLessonJson())).find("\"tags\""), std::string::npos);
}

TEST(ResourceTags, BadTagsNameTheField)
{
    json doc = exampleLessonJson();
    byId(doc, "vpcs", "app-vpc")["tags"] = json::array({"env"});
    LoadResult r = loadDesign(doc.dump(2), "t.privatepath");
    const std::string vpcs = "/vpcs/0";
    ASSERT_TRUE(findCode(r, "WRONG_TYPE", vpcs + "/tags"));
    EXPECT_NE(findCode(r, "WRONG_TYPE", vpcs + "/tags")->message.find("object of strings"), std::string::npos);

    byId(doc, "vpcs", "app-vpc")["tags"] = json::parse(R"({"env": 1, "a/b": "x"})");
    r = loadDesign(doc.dump(2), "t.privatepath");
    EXPECT_TRUE(findCode(r, "WRONG_TYPE", vpcs + "/tags/env"));
    EXPECT_FALSE(r.ok());

    byId(doc, "vpcs", "app-vpc")["tags"] = {{std::string(129, 'k'), "v"}, {"long", std::string(257, 'v')}};
    r = loadDesign(doc.dump(2), "t.privatepath");
    EXPECT_TRUE(findCode(r, "OUT_OF_RANGE", vpcs + "/tags/" + std::string(129, 'k')));
    EXPECT_TRUE(findCode(r, "OUT_OF_RANGE", vpcs + "/tags/long"));
}

TEST(ResourceTags, FindMatchesKeyEqualsValue)
{
    json doc = exampleLessonJson();
    byId(doc, "workloads", "app-1")["tags"] = json::parse(R"({"tier": "backend"})");
    const Design d = loadJson(doc);
    for (const char* text : {"tier=backend", "backend", "tier="}) {
        const std::vector<FindMatch> m = findResources(d, text);
        ASSERT_EQ(m.size(), 1u) << text;
        EXPECT_EQ(m[0].id, ResourceId("app-1"));
        EXPECT_EQ(m[0].reason, FindReason::Tag);
    }
    EXPECT_TRUE(findResources(d, "tier=frontend").empty());
}

TEST(LessonTagScope, GoalsSelectByTagThroughSubnetAndVpc)
{
    json doc = exampleLessonJson();
    byId(doc, "subnets", "private-a")["tags"] = json::parse(R"({"tier": "app"})");
    byId(doc, "vpcs", "app-vpc")["tags"] = json::parse(R"({"env": "prod"})");
    const json natInProd = json::parse(R"({"id": "nat-prod", "kind": "count", "resourceKind": "natGateway", "tag": "env=prod", "max": 0})");
    const json natInDev = json::parse(R"({"id": "nat-dev", "kind": "count", "resourceKind": "natGateway", "tag": "env=dev", "max": 0})");
    const json appTier = json::parse(R"({"id": "app-tier", "kind": "scopePrivate", "tag": "tier"})");
    const json appTierCount = json::parse(R"({"id": "app-tier-count", "kind": "count", "resourceKind": "workload", "tag": "tier=app", "min": 1, "max": 1})");
    const LessonProgress p = progressOf(doc, {natInProd, natInDev, appTier, appTierCount});

    const GoalResult& prod = goalOf(p, "nat-prod");
    EXPECT_FALSE(prod.met) << "nat-a is in app-vpc, which carries env=prod";
    ASSERT_TRUE(hasReason(prod, "GOAL_COUNT_OUT_OF_RANGE", "nat-a"));
    EXPECT_NE(prod.reasons.front().message.find("in the design tagged env=prod"), std::string::npos) << prod.reasons.front().message;
    EXPECT_TRUE(goalOf(p, "nat-dev").met) << "no resource carries env=dev";

    const GoalResult& tier = goalOf(p, "app-tier");
    EXPECT_FALSE(tier.met);
    EXPECT_TRUE(hasReason(tier, "GOAL_INTERNET_EGRESS", "app-1")) << "app-1 is in private-a, tagged tier=app";
    EXPECT_TRUE(goalOf(p, "app-tier-count").met) << "app-1 alone: the subnet's tag, not its own";

    // Scope and tag together: both must hold.
    const json both = json::parse(R"({"id": "both", "kind": "count", "resourceKind": "workload", "scope": "public-a", "tag": "tier=app", "max": 0})");
    EXPECT_TRUE(goalOf(progressOf(doc, {both}), "both").met) << "public-a holds no workload tagged tier=app";

    // The solution passes the tag-scoped goals as well.
    json solved = submissionFromSolution(0);
    byId(solved, "vpcs", "app-vpc")["tags"] = json::parse(R"({"env": "prod"})");
    EXPECT_TRUE(goalOf(progressOf(solved, {natInProd}), "nat-prod").met);
}

TEST(LessonWhere, PropertyAndCountOverTheMatchingResourcesOfAKind)
{
    json doc = submissionFromSolution(0);
    doc["vpcEndpoints"].push_back(json::parse(R"({"id": "sqs-if", "vpc": "app-vpc", "endpointType": "interface",
        "service": "sqs", "subnets": ["private-a"], "securityGroups": ["app-sg"]})"));
    doc["awsServices"].push_back(json::parse(R"({"id": "sqs", "service": "sqs", "region": "use1"})"));
    // "Every interface endpoint has private DNS on": the gateway endpoint s3-gw is not an interface one.
    const json dns = json::parse(R"({"id": "dns", "kind": "property", "resourceKind": "vpcEndpoint",
        "where": {"endpointType": "interface"}, "field": "privateDns", "value": true})");
    const json oneInterface = json::parse(R"({"id": "one-if", "kind": "count", "resourceKind": "vpcEndpoint",
        "where": {"endpointType": "interface"}, "min": 1, "max": 1})");
    LessonProgress p = progressOf(doc, {dns, oneInterface});
    EXPECT_TRUE(goalOf(p, "dns").met);
    EXPECT_TRUE(goalOf(p, "one-if").met) << "s3-gw is a gateway endpoint: not counted";

    byId(doc, "vpcEndpoints", "sqs-if")["privateDns"] = false;
    p = progressOf(doc, {dns});
    const GoalResult& off = goalOf(p, "dns");
    EXPECT_FALSE(off.met);
    EXPECT_TRUE(hasReason(off, "GOAL_PROPERTY_DIFFERS", "sqs-if"));
    EXPECT_FALSE(hasReason(off, "GOAL_PROPERTY_DIFFERS", "s3-gw"));

    // No interface endpoint at all is a miss that says which resources were looked for.
    const GoalResult none = goalOf(progressOf(submissionFromSolution(0), {dns}), "dns");
    EXPECT_FALSE(none.met);
    ASSERT_TRUE(hasReason(none, "GOAL_RESOURCE_MISSING"));
    EXPECT_EQ(none.reasons.front().message, R"(there is no vpcEndpoint with endpointType "interface" in the design)");
}

TEST(LessonFormat, TagAndWhereAreChecked)
{
    json doc = exampleLessonJson();
    doc["lesson"]["goals"][2]["tag"] = "=prod";
    doc["lesson"]["goals"][3]["where"] = json::parse(R"({"endpointType": "interface"})");
    doc["lesson"]["goals"][1]["where"] = "interface";
    const LoadResult r = loadDesign(doc.dump(2), "l.privatepath");
    EXPECT_TRUE(findCode(r, "OUT_OF_RANGE", "/lesson/goals/2/tag"));
    EXPECT_TRUE(findCode(r, "MISSING_FIELD", "/lesson/goals/3")) << "'where' without a resourceKind";
    EXPECT_TRUE(findCode(r, "WRONG_TYPE", "/lesson/goals/1/where"));

    json good = exampleLessonJson();
    good["lesson"]["goals"][1]["where"] = json::parse(R"({"service": "s3"})");
    good["lesson"]["goals"][2]["tag"] = "env";
    good["lesson"]["lockedFlows"] = json::array({"app-to-s3"});
    good["lesson"]["elapsedSeconds"] = 125;
    const Design d = loadJson(good);
    EXPECT_EQ(d.lesson->goals[1].where, JsonValue{R"({"service":"s3"})"});
    EXPECT_EQ(d.lesson->goals[2].tag, "env");
    EXPECT_TRUE(isLocked(*d.lesson, FlowId("app-to-s3")));
    EXPECT_EQ(d.lesson->elapsedSeconds, 125);
    const LoadResult again = loadDesign(saveDesignToString(d), "again.privatepath");
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(*again.design, d) << "tag, where, lockedFlows and elapsedSeconds are saved";
}

TEST(LessonLockedFlows, TheQuestionIsComparedNotTheAnnotations)
{
    json lesson = exampleLessonJson();
    lesson["lesson"]["lockedFlows"] = json::array({"app-to-s3"});
    const Design start = loadJson(lesson);

    json sub = submissionFromSolution(0);
    sub["lesson"] = lesson["lesson"];
    EXPECT_TRUE(lockedChanges(start, loadJson(sub)).empty()) << "the solution's flow adds only `expect`";

    json annotated = sub;
    byId(annotated, "flows", "app-to-s3")["name"] = "Mine";
    byId(annotated, "flows", "app-to-s3")["description"] = "why";
    EXPECT_TRUE(lockedChanges(start, loadJson(annotated)).empty()) << "name and description are the learner's";

    json moved = sub;
    byId(moved, "flows", "app-to-s3")["port"] = 80;
    const std::vector<LockedChange> c = lockedChanges(start, loadJson(moved));
    ASSERT_EQ(c.size(), 1u);
    EXPECT_EQ(c[0], (LockedChange{"app-to-s3", true, false, "port", "443", "80"}));
    const std::vector<Explanation> why = explainLockedChanges(c);
    EXPECT_EQ(why[0].code, "LOCKED_FLOW_CHANGED");
    EXPECT_EQ(why[0].message, "locked flow app-to-s3 has a changed 'port': 443 in the lesson, 80 in the submission");
    const SubmissionGrade g = gradeSubmission(start, loadJson(moved), "moved.privatepath");
    EXPECT_TRUE(g.tampered());
    EXPECT_FALSE(g.passed()) << "a changed question fails whatever the score";

    json gone = sub;
    gone.erase("flows");
    const std::vector<LockedChange> d = lockedChanges(start, loadJson(gone));
    ASSERT_EQ(d.size(), 1u);
    EXPECT_TRUE(d[0].flow && d[0].deleted);
    EXPECT_EQ(explainLockedChanges(d)[0].code, "LOCKED_FLOW_DELETED");
}

TEST(LessonCheck, FlowGoalsTagsAndLockedFlowsAreVerified)
{
    json lesson = exampleLessonJson();
    ASSERT_EQ(lesson["lesson"]["lockedFlows"], json::array({"app-to-s3"})) << "the bundled lesson locks its goal's flow";
    lesson["lesson"].erase("lockedFlows");
    std::vector<LessonProblem> problems = checkLesson(loadJson(lesson));
    EXPECT_TRUE(hasProblem(problems, "LESSON_GOAL_FLOW_UNLOCKED", Severity::Warning))
        << "app-to-s3 is in the start and a goal checks it, but it is not locked";

    lesson["lesson"]["lockedFlows"] = json::array({"app-to-s3"});
    problems = checkLesson(loadJson(lesson));
    EXPECT_FALSE(hasProblem(problems, "LESSON_GOAL_FLOW_UNLOCKED", Severity::Warning));
    EXPECT_FALSE(hasProblem(problems, "LESSON_SOLUTION_CHANGES_LOCKED", Severity::Error));

    lesson["lesson"]["lockedFlows"].push_back("no-such-flow");
    lesson["lesson"]["goals"][2]["tag"] = "env=prod";
    problems = checkLesson(loadJson(lesson));
    int unknown = 0;
    for (const LessonProblem& p : problems)
        if (p.code == "LESSON_UNKNOWN_REFERENCE") {
            ++unknown;
            EXPECT_TRUE(p.message.find("no-such-flow") != std::string::npos || p.message.find("env=prod") != std::string::npos)
                << p.message;
        }
    EXPECT_EQ(unknown, 2) << "the unknown locked flow and the tag nobody carries";
}

} // namespace
} // namespace pp::test
