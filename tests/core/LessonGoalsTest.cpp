// Lesson goals are checks on meaning, evaluated from the engine's answer; locked resources are
// compared with the lesson file; `lesson check` validates a lesson.
#include "LessonSupport.h"

#include "analysis/Analyzer.h"
#include "lesson/Grading.h"

#include <gtest/gtest.h>

namespace pp::test {
namespace {

using nlohmann::json;

TEST(LessonGoals, FlowGoalExplainsInTheEnginesWords)
{
    const LessonProgress start = progressOf(exampleLessonJson());
    const GoalResult& flow = goalOf(start, "s3-private");
    EXPECT_FALSE(flow.met);
    EXPECT_EQ(flow.weight, 3);
    EXPECT_FALSE(flow.message.empty());
    ASSERT_FALSE(flow.reasons.empty());
    EXPECT_EQ(flow.reasons.front().code, "GOAL_VERDICT_DIFFERS");
    EXPECT_NE(flow.reasons.front().message.find("public"), std::string::npos);
    EXPECT_TRUE(hasReason(flow, "USE_GATEWAY_ENDPOINT")) << "the engine's hint is passed on";
    EXPECT_TRUE(hasReason(flow, "PATH_LEAVES_PRIVATE_NETWORK"));
    EXPECT_TRUE(hasReason(flow, "GOAL_PATH_NOT_THROUGH", "app-to-s3")) << "no VPC endpoint on the path";
    EXPECT_TRUE(hasReason(flow, "GOAL_PATH_THROUGH_AVOIDED", "nat-a"));

    EXPECT_TRUE(goalOf(progressOf(submissionFromSolution(0)), "s3-private").met);
    EXPECT_TRUE(goalOf(progressOf(submissionFromSolution(1)), "s3-private").met);
}

TEST(LessonGoals, FlowGoalOnAMissingFlowOrAnUnreachableVerdict)
{
    json doc = submissionFromSolution(0);
    doc.erase("flows");
    EXPECT_TRUE(hasReason(goalOf(progressOf(doc), "s3-private"), "GOAL_FLOW_MISSING", "app-to-s3"));

    // The learner removed the security group's egress rule: unreachable, with the blocking reason.
    json blocked = submissionFromSolution(0);
    byId(blocked, "securityGroups", "app-sg")["outbound"] = json::array(); // no egress rule left
    const GoalResult g = goalOf(progressOf(blocked), "s3-private");
    EXPECT_FALSE(g.met);
    EXPECT_NE(g.reasons.front().message.find("unreachable"), std::string::npos);
    EXPECT_TRUE(hasReason(g, "ENI_SG_RULES_MISMATCH"));

    // A goal asking for `unreachable` is met by that design; through an id, avoiding a kind.
    const LessonProgress p = progressOf(blocked, {json::parse(R"({"id": "u", "kind": "flow", "flow": "app-to-s3",
        "verdict": "unreachable", "through": ["app-1"], "avoids": ["internetGateway"]})")});
    EXPECT_TRUE(goalOf(p, "u").met);
}

TEST(LessonGoals, ScopePrivateSeesPublicFlowsAndEgress)
{
    const GoalResult start = goalOf(progressOf(exampleLessonJson()), "subnet-private");
    EXPECT_FALSE(start.met);
    EXPECT_EQ(start.weight, 2);
    EXPECT_TRUE(hasReason(start, "GOAL_PUBLIC_FLOW", "app-to-s3"));
    EXPECT_TRUE(hasReason(start, "GOAL_INTERNET_EGRESS", "app-1"));
    EXPECT_TRUE(goalOf(progressOf(submissionFromSolution(0)), "subnet-private").met);

    // Another scope: the public subnet holds no workload and ends no flow.
    const LessonProgress p = progressOf(exampleLessonJson(), {json::parse(R"({"id": "pub", "kind": "scopePrivate", "scope": "public-a"})")});
    EXPECT_TRUE(goalOf(p, "pub").met);
    // A scope that is not in the design is a miss, not a pass.
    const LessonProgress gone = progressOf(exampleLessonJson(), {json::parse(R"({"id": "x", "kind": "scopePrivate", "scope": "nowhere"})")});
    EXPECT_TRUE(hasReason(goalOf(gone, "x"), "GOAL_RESOURCE_MISSING", "nowhere"));
}

TEST(LessonGoals, NoInternetExposureSeesIngress)
{
    EXPECT_TRUE(goalOf(progressOf(exampleLessonJson()), "not-exposed").met);
    // The app server moved into the public subnet with a public IP and HTTPS open to the world.
    json doc = exampleLessonJson();
    json& app = byId(doc, "workloads", "app-1");
    app["subnet"] = "public-a";
    app["privateIp"] = "10.0.0.10";
    app["publicIp"] = true;
    byId(doc, "securityGroups", "app-sg")["inbound"] =
        json::parse(R"([{"protocol": "tcp", "fromPort": 443, "toPort": 443, "cidr": "0.0.0.0/0"}])");
    const GoalResult g = goalOf(progressOf(doc), "not-exposed");
    EXPECT_FALSE(g.met);
    EXPECT_TRUE(hasReason(g, "GOAL_INTERNET_INGRESS", "app-1"));
}

TEST(LessonGoals, CountWithinAScope)
{
    const GoalResult start = goalOf(progressOf(exampleLessonJson()), "no-nat");
    EXPECT_FALSE(start.met);
    ASSERT_TRUE(hasReason(start, "GOAL_COUNT_OUT_OF_RANGE", "nat-a"));
    EXPECT_NE(start.reasons.front().message.find("at most 0"), std::string::npos);
    EXPECT_TRUE(goalOf(progressOf(submissionFromSolution(0)), "no-nat").met);

    const json atLeast = json::parse(R"({"id": "eps", "kind": "count", "resourceKind": "vpcEndpoint", "scope": "app-vpc", "min": 1, "max": 2})");
    EXPECT_FALSE(goalOf(progressOf(exampleLessonJson(), {atLeast}), "eps").met);
    EXPECT_TRUE(goalOf(progressOf(submissionFromSolution(0), {atLeast}), "eps").met);
    // A subnet scope: the workloads placed in it.
    const json inSubnet = json::parse(R"({"id": "w", "kind": "count", "resourceKind": "workload", "scope": "public-a", "min": 1})");
    EXPECT_FALSE(goalOf(progressOf(exampleLessonJson(), {inSubnet}), "w").met);
}

TEST(LessonGoals, PropertyReadsFieldsByTheirFileNames)
{
    EXPECT_TRUE(hasReason(goalOf(progressOf(exampleLessonJson()), "gateway-endpoint"), "GOAL_RESOURCE_MISSING"))
        << "no endpoint at all is a miss, not a vacuous pass";
    EXPECT_TRUE(goalOf(progressOf(submissionFromSolution(0)), "gateway-endpoint").met);

    // An interface endpoint: privateDns is left out of the file (default true) and still reads true.
    json doc = submissionFromSolution(0);
    doc["vpcEndpoints"].push_back(json::parse(R"({"id": "sqs-if", "vpc": "app-vpc", "endpointType": "interface",
        "service": "sqs", "subnets": ["private-a"], "securityGroups": ["app-sg"]})"));
    doc["awsServices"].push_back(json::parse(R"({"id": "sqs", "service": "sqs", "region": "use1"})"));
    const json dns = json::parse(R"({"id": "dns", "kind": "property", "resource": "sqs-if", "field": "privateDns", "value": true})");
    const json pointer = json::parse(R"({"id": "ptr", "kind": "property", "resource": "sqs-if", "field": "/subnets/0", "value": "private-a"})");
    LessonProgress p = progressOf(doc, {dns, pointer});
    EXPECT_TRUE(goalOf(p, "dns").met);
    EXPECT_TRUE(goalOf(p, "ptr").met);
    const GoalResult kinds = goalOf(p, "gateway-endpoint");
    EXPECT_FALSE(kinds.met) << "every vpcEndpoint in app-vpc must be a gateway endpoint";
    EXPECT_TRUE(hasReason(kinds, "GOAL_PROPERTY_DIFFERS", "sqs-if"));

    byId(doc, "vpcEndpoints", "sqs-if")["privateDns"] = false;
    const GoalResult off = goalOf(progressOf(doc, {dns}), "dns");
    EXPECT_FALSE(off.met);
    ASSERT_TRUE(hasReason(off, "GOAL_PROPERTY_DIFFERS", "sqs-if"));
    EXPECT_NE(off.reasons.front().message.find("privateDns false"), std::string::npos);
    const json missing = json::parse(R"({"id": "m", "kind": "property", "resource": "gone", "field": "privateDns", "value": true})");
    EXPECT_TRUE(hasReason(goalOf(progressOf(doc, {missing}), "m"), "GOAL_RESOURCE_MISSING", "gone"));
}

TEST(LessonGoals, NoErrorsListsTheErrorFindings)
{
    EXPECT_TRUE(goalOf(progressOf(exampleLessonJson()), "no-errors").met);
    json doc = exampleLessonJson();
    byId(doc, "subnets", "private-a")["cidr"] = "10.9.1.0/24";
    const GoalResult g = goalOf(progressOf(doc), "no-errors");
    EXPECT_FALSE(g.met);
    EXPECT_TRUE(hasReason(g, "SUBNET_OUTSIDE_VPC_CIDR", "private-a"));
}

TEST(LessonGoals, WeightsMakeTheProgress)
{
    const LessonProgress start = progressOf(exampleLessonJson());
    EXPECT_EQ(start.totalWeight, 9);
    EXPECT_EQ(start.metWeight, 2) << "only not-exposed and no-errors hold at the start";
    EXPECT_EQ(start.percent(), 22);
    EXPECT_NEAR(start.fraction(), 2.0 / 9.0, 1e-9);
    EXPECT_FALSE(start.complete());

    // Halfway: the endpoint is added but the NAT gateway stays.
    json half = exampleLessonJson();
    half["vpcEndpoints"] = json::parse(R"([{"id": "s3-gw", "vpc": "app-vpc", "endpointType": "gateway", "service": "s3", "routeTables": ["private-rt"]}])");
    const LessonProgress p = progressOf(half);
    EXPECT_TRUE(goalOf(p, "s3-private").met);
    EXPECT_FALSE(goalOf(p, "no-nat").met);
    EXPECT_FALSE(goalOf(p, "subnet-private").met) << "app-1 still reaches the internet through nat-a";
    EXPECT_EQ(p.metWeight, 6);

    for (std::size_t s : {0u, 1u}) {
        const LessonProgress done = progressOf(submissionFromSolution(s));
        EXPECT_TRUE(done.complete());
        EXPECT_EQ(done.percent(), 100);
        for (const GoalResult& g : done.goals)
            EXPECT_TRUE(g.reasons.empty()) << g.goal;
    }
}

TEST(LessonGrading, LockedChangesAreReportedByIdAndField)
{
    const Design start = loadJson(exampleLessonJson());
    EXPECT_TRUE(lockedChanges(start, loadJson(submissionFromSolution(0))).empty());

    json changed = submissionFromSolution(0);
    byId(changed, "workloads", "app-1")["privateIp"] = "10.0.1.20";
    byId(changed, "workloads", "app-1")["name"] = "Renamed";
    byId(changed, "vpcs", "app-vpc")["enableDnsSupport"] = true; // its default, written out: no change
    const std::vector<LockedChange> c = lockedChanges(start, loadJson(changed));
    ASSERT_EQ(c.size(), 2u);
    EXPECT_EQ(c[0], (LockedChange{"app-1", false, false, "name", "\"App server\"", "\"Renamed\""}));
    EXPECT_EQ(c[1], (LockedChange{"app-1", false, false, "privateIp", "\"10.0.1.10\"", "\"10.0.1.20\""}));
    EXPECT_EQ(explainLockedChanges(c)[1].message,
              "locked resource app-1 has a changed 'privateIp': \"10.0.1.10\" in the lesson, \"10.0.1.20\" in the submission");

    json deleted = submissionFromSolution(0);
    deleted.erase("awsServices");
    deleted.erase("vpcEndpoints");
    deleted.erase("flows");
    byId(deleted, "securityGroups", "app-sg")["inbound"] =
        json::parse(R"([{"protocol": "tcp", "fromPort": 22, "toPort": 22, "cidr": "0.0.0.0/0"}])");
    const std::vector<LockedChange> d = lockedChanges(start, loadJson(deleted));
    ASSERT_EQ(d.size(), 3u);
    EXPECT_EQ(d[0].id, "app-sg");
    EXPECT_EQ(d[0].field, "inbound") << "a field only the submission has";
    EXPECT_EQ(d[0].before, "");
    EXPECT_EQ(d[1], (LockedChange{"s3", false, true, "", "", ""}));
    EXPECT_EQ(d[2], (LockedChange{"app-to-s3", true, true, "", "", ""})) << "the goal's flow is locked too";
    const std::vector<Explanation> why = explainLockedChanges(d);
    EXPECT_EQ(why[1].code, "LOCKED_RESOURCE_DELETED");
    EXPECT_EQ(why[0].code, "LOCKED_RESOURCE_CHANGED");
}

TEST(LessonGrading, SubmissionOfAnotherLessonIsNotGraded)
{
    const Design start = loadJson(exampleLessonJson());
    json other = submissionFromSolution(0);
    other["lesson"]["id"] = "another-lesson";
    const SubmissionGrade g = gradeSubmission(start, loadJson(other), "other.privatepath");
    EXPECT_EQ(g.status, SubmissionStatus::OtherLesson);
    EXPECT_EQ(g.lessonId, "another-lesson");
    EXPECT_FALSE(g.passed());
    EXPECT_EQ(g.scorePercent(), 0);

    json plain = submissionFromSolution(0);
    plain.erase("lesson");
    EXPECT_EQ(gradeSubmission(start, loadJson(plain)).status, SubmissionStatus::OtherLesson);

    // The lesson file's goals count, not the submission's copy: deleting goals does not help.
    json cheat = exampleLessonJson();
    cheat["lesson"]["goals"] = json::array({cheat["lesson"]["goals"][4]});
    const SubmissionGrade c = gradeSubmission(start, loadJson(cheat));
    EXPECT_EQ(c.status, SubmissionStatus::Graded);
    EXPECT_EQ(c.progress.goals.size(), 6u);
    EXPECT_FALSE(c.passed());

    const SubmissionGrade ok = gradeSubmission(start, loadJson(submissionFromSolution(1)));
    EXPECT_TRUE(ok.passed());
    EXPECT_EQ(ok.scorePercent(), 100);
}

bool hasProblem(const std::vector<LessonProblem>& problems, const std::string& code)
{
    return std::any_of(problems.begin(), problems.end(), [&](const LessonProblem& p) { return p.code == code; });
}

TEST(LessonGrading, CheckLessonValidatesStartSolutionsAndNames)
{
    const std::vector<LessonProblem> ok = checkLesson(loadJson(exampleLessonJson()));
    for (const LessonProblem& p : ok)
        ADD_FAILURE() << p.code << ": " << p.message;

    // The start already passes: the lesson file's design replaced by its solution.
    EXPECT_TRUE(hasProblem(checkLesson(loadJson(submissionFromSolution(0))), "LESSON_START_PASSES"));

    json doc = exampleLessonJson();
    doc["lesson"]["goals"][0]["flow"] = "no-such-flow";
    doc["lesson"]["goals"][0]["through"] = json::array({"notAKind"});
    doc["lesson"]["locked"].push_back("ghost");
    const std::vector<LessonProblem> names = checkLesson(loadJson(doc));
    EXPECT_EQ(std::count_if(names.begin(), names.end(), [](const LessonProblem& p) { return p.code == "LESSON_UNKNOWN_REFERENCE"; }), 3);

    // A solution that keeps the NAT gateway misses a goal, and one that edits app-1 tampers.
    json bad = exampleLessonJson();
    json& solution = bad["lesson"]["solutions"][0]["design"];
    solution["natGateways"] = bad["natGateways"];
    byId(solution, "workloads", "app-1")["privateIp"] = "10.0.1.11";
    const std::vector<LessonProblem> fails = checkLesson(loadJson(bad));
    ASSERT_TRUE(hasProblem(fails, "LESSON_SOLUTION_FAILS"));
    EXPECT_TRUE(hasProblem(fails, "LESSON_SOLUTION_CHANGES_LOCKED"));

    json none = exampleLessonJson();
    none["lesson"].erase("solutions");
    const std::vector<LessonProblem> warn = checkLesson(loadJson(none));
    ASSERT_EQ(warn.size(), 1u);
    EXPECT_EQ(warn[0].code, "LESSON_NO_SOLUTION");
    EXPECT_EQ(warn[0].severity, Severity::Warning);

    json plain = exampleLessonJson();
    plain.erase("lesson");
    EXPECT_TRUE(hasProblem(checkLesson(loadJson(plain)), "LESSON_MISSING"));
}

} // namespace
} // namespace pp::test
