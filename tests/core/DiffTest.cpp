// `privatepath diff`'s comparison (diff/DesignDiff.h) and its JSON and Markdown reports: every
// kind of change a reviewer needs to see, and the gate that fails a pull request.
#include "TestSupport.h"

#include "diff/DesignDiff.h"
#include "report/DiffReport.h"

#include <gtest/gtest.h>

namespace pp::test {
namespace {

using nlohmann::json;

// EX-2: i-app reaches S3 privately through a gateway endpoint (expect private); i-app can also
// reach the internet through nat-a.
json ex02() { return json::parse(readFile(sourcePath("tests/data/examples/ex02.privatepath"))); }
// EX-1: the same without the endpoint: the flow goes out through nat-a and igw-a (public).
json ex01() { return json::parse(readFile(sourcePath("tests/data/examples/ex01.privatepath"))); }

Design load(const json& document)
{
    LoadResult loaded = loadDesign(document.dump(2), "design.privatepath");
    EXPECT_TRUE(loaded.ok()) << (loaded.diagnostics.empty() ? "" : loaded.diagnostics.front().format());
    return std::move(*loaded.design);
}

DesignDiff diffJson(const json& before, const json& after)
{
    const Design a = load(before);
    const Design b = load(after);
    const AnalysisResult ra = analyzeForDiff(a);
    const AnalysisResult rb = analyzeForDiff(b);
    return diffDesigns({a, ra}, {b, rb});
}

const ResourceDiff* resource(const DesignDiff& d, const std::string& id)
{
    for (const ResourceDiff& r : d.resources)
        if (r.id == id)
            return &r;
    return nullptr;
}

void addWeb(json& d)
{
    d["workloads"].push_back({{"id", "i-web"}, {"subnet", "pub-a"}, {"privateIp", "10.0.0.20"}, {"publicIp", true},
                              {"securityGroups", {"sg-web"}}});
    d["securityGroups"].push_back({{"id", "sg-web"}, {"vpc", "vpc-a"},
                                   {"inbound", {{{"protocol", "tcp"}, {"fromPort", 443}, {"toPort", 443}, {"cidr", "0.0.0.0/0"}}}},
                                   {"outbound", {{{"protocol", "all"}, {"cidr", "0.0.0.0/0"}}}}});
}

TEST(Diff, SameDesignHasNoChangeAndPassesTheGate)
{
    const DesignDiff d = diffJson(ex02(), ex02());
    EXPECT_TRUE(d.empty());
    EXPECT_FALSE(d.gate().fails());
    EXPECT_EQ(diffExitCode(d), 0);
}

TEST(Diff, AddedResourceIsListedWithItsKind)
{
    json after = ex02();
    after["securityGroups"].push_back({{"id", "sg-extra"}, {"vpc", "vpc-a"}});
    const DesignDiff d = diffJson(ex02(), after);
    ASSERT_EQ(d.resources.size(), 1u);
    EXPECT_EQ(d.resources[0].id, "sg-extra");
    EXPECT_EQ(d.resources[0].kind, Kind::SecurityGroup);
    EXPECT_EQ(d.resources[0].change, ChangeKind::Added);
    EXPECT_FALSE(d.gate().fails()) << "an unused security group opens nothing";
}

TEST(Diff, RemovedEndpointMakesTheFlowPublicAndBreaksItsExpect)
{
    json after = ex02();
    after.erase("vpcEndpoints");
    const DesignDiff d = diffJson(ex02(), after);
    const ResourceDiff* removed = resource(d, "vpce-s3");
    ASSERT_NE(removed, nullptr);
    EXPECT_EQ(removed->change, ChangeKind::Removed);
    EXPECT_EQ(removed->kind, Kind::VpcEndpoint);
    ASSERT_EQ(d.flows.size(), 1u);
    const FlowDiff& f = d.flows[0];
    EXPECT_EQ(f.flow, "flow");
    EXPECT_EQ(f.verdictBefore, Verdict::Private);
    EXPECT_EQ(f.verdictAfter, Verdict::Public);
    EXPECT_TRUE(f.newlyPublic());
    EXPECT_TRUE(f.expectBroken);
    EXPECT_TRUE(f.pathChanged);
    EXPECT_NE(std::find(f.pathBefore.begin(), f.pathBefore.end(), "vpce-s3"), f.pathBefore.end());
    EXPECT_NE(std::find(f.pathAfter.begin(), f.pathAfter.end(), "igw-a"), f.pathAfter.end());
    const DiffGate gate = d.gate();
    EXPECT_EQ(gate.newPublicFlows, 1);
    EXPECT_EQ(gate.brokenExpectations, 1);
    EXPECT_EQ(diffExitCode(d), 1);
}

TEST(Diff, ChangedFieldsAreListedWithTheirValuesBeforeAndAfter)
{
    json after = ex02();
    byId(after, "natGateways", "nat-a")["privateIp"] = "10.0.0.11";
    byId(after, "natGateways", "nat-a")["name"] = "nat-renamed";
    const DesignDiff d = diffJson(ex02(), after);
    const ResourceDiff* nat = resource(d, "nat-a");
    ASSERT_NE(nat, nullptr);
    EXPECT_EQ(nat->change, ChangeKind::Changed);
    ASSERT_EQ(nat->fields.size(), 2u);
    EXPECT_EQ(nat->fields[0], (FieldChange{"name", "\"nat-A\"", "\"nat-renamed\""}));
    EXPECT_EQ(nat->fields[1], (FieldChange{"privateIp", "\"10.0.0.10\"", "\"10.0.0.11\""}));
    EXPECT_FALSE(d.gate().fails());
}

TEST(Diff, WritingADefaultValueOutIsNoChange)
{
    json after = ex02();
    after["flows"][0]["protocol"] = "tcp"; // the default
    const DesignDiff d = diffJson(ex02(), after);
    EXPECT_TRUE(d.empty());
}

TEST(Diff, FieldOnlyOneSideHasIsShownAsAbsentOnTheOther)
{
    json after = ex02();
    byId(after, "vpcs", "vpc-a")["x-owner"] = "network-team";
    const DesignDiff d = diffJson(ex02(), after);
    const ResourceDiff* vpc = resource(d, "vpc-a");
    ASSERT_NE(vpc, nullptr);
    ASSERT_EQ(vpc->fields.size(), 1u);
    EXPECT_EQ(vpc->fields[0], (FieldChange{"x-owner", "", "\"network-team\""}));
}

TEST(Diff, SameIdWithAnotherKindListsTheKindFirst)
{
    json before = ex02();
    before["securityGroups"].push_back({{"id", "guard"}, {"vpc", "vpc-a"}});
    json after = ex02();
    after["networkAcls"] = json::array({{{"id", "guard"}, {"vpc", "vpc-a"}}});
    const DesignDiff d = diffJson(before, after);
    const ResourceDiff* guard = resource(d, "guard");
    ASSERT_NE(guard, nullptr);
    EXPECT_EQ(guard->change, ChangeKind::Changed);
    EXPECT_EQ(guard->kind, Kind::NetworkAcl);
    ASSERT_FALSE(guard->fields.empty());
    EXPECT_EQ(guard->fields[0], (FieldChange{"kind", "\"securityGroup\"", "\"networkAcl\""}));
}

TEST(Diff, FlowBlockedBySecurityGroupChangesVerdictWithoutBecomingPublic)
{
    json after = ex02();
    byId(after, "securityGroups", "sg-app")["outbound"] = json::array();
    const DesignDiff d = diffJson(ex02(), after);
    ASSERT_EQ(d.flows.size(), 1u);
    EXPECT_EQ(d.flows[0].verdictAfter, Verdict::Unreachable);
    EXPECT_TRUE(d.flows[0].verdictChanged());
    EXPECT_FALSE(d.flows[0].newlyPublic());
    EXPECT_TRUE(d.flows[0].expectBroken) << "expect private, now unreachable";
    EXPECT_EQ(d.gate().brokenExpectations, 1);
    EXPECT_EQ(d.gate().newPublicFlows, 0);
    EXPECT_TRUE(d.gate().fails());
}

TEST(Diff, PathChangeWithTheSameVerdictIsReportedButPassesTheGate)
{
    // EX-1 goes out through nat-a; with a public IP and a route straight to igw-a it goes out there.
    json before = ex01();
    json after = ex01();
    byId(after, "routeTables", "rt-app")["routes"][0]["target"] = "igw-a";
    byId(after, "workloads", "i-app")["publicIp"] = true;
    const DesignDiff d = diffJson(before, after);
    ASSERT_EQ(d.flows.size(), 1u);
    const FlowDiff& f = d.flows[0];
    EXPECT_FALSE(f.verdictChanged());
    EXPECT_EQ(f.verdictAfter, Verdict::Public);
    EXPECT_TRUE(f.pathChanged);
    EXPECT_FALSE(f.newlyPublic()) << "it was public already";
    EXPECT_NE(std::find(f.pathBefore.begin(), f.pathBefore.end(), "nat-a"), f.pathBefore.end());
    EXPECT_EQ(std::find(f.pathAfter.begin(), f.pathAfter.end(), "nat-a"), f.pathAfter.end());
    EXPECT_EQ(d.gate().newPublicFlows, 0);
}

TEST(Diff, NewWorkloadOpenToTheInternetIsNewExposure)
{
    json after = ex02();
    addWeb(after);
    const DesignDiff d = diffJson(ex02(), after);
    EXPECT_NE(resource(d, "i-web"), nullptr);
    EXPECT_NE(resource(d, "sg-web"), nullptr);
    const auto web = std::find_if(d.exposure.begin(), d.exposure.end(), [](const ExposureDiff& e) { return e.workload == "i-web"; });
    ASSERT_NE(web, d.exposure.end());
    EXPECT_TRUE(web->gainedIngress);
    ASSERT_EQ(web->portsOpened.size(), 1u);
    EXPECT_EQ(web->portsOpened[0].rfind("tcp 443 from 0.0.0.0/0", 0), 0u) << web->portsOpened[0];
    EXPECT_EQ(web->after.ingressVia.front(), "igw-a");
    EXPECT_TRUE(web->worse());
    EXPECT_GE(d.gate().newExposure, 1);
    EXPECT_EQ(diffExitCode(d), 1);
}

TEST(Diff, OpeningAnotherPortOnAnExposedWorkloadIsNewExposure)
{
    json before = ex02();
    addWeb(before);
    json after = before;
    byId(after, "securityGroups", "sg-web")["inbound"].push_back({{"protocol", "tcp"}, {"fromPort", 22}, {"toPort", 22}, {"cidr", "0.0.0.0/0"}});
    const DesignDiff d = diffJson(before, after);
    const auto web = std::find_if(d.exposure.begin(), d.exposure.end(), [](const ExposureDiff& e) { return e.workload == "i-web"; });
    ASSERT_NE(web, d.exposure.end());
    EXPECT_FALSE(web->gainedIngress) << "it was reachable already";
    ASSERT_EQ(web->portsOpened.size(), 1u);
    EXPECT_EQ(web->portsOpened[0].rfind("tcp 22 from 0.0.0.0/0", 0), 0u) << web->portsOpened[0];
    EXPECT_TRUE(d.gate().fails());
}

TEST(Diff, RemovingExposureIsReportedAsReducedAndPasses)
{
    json before = ex02();
    addWeb(before);
    const DesignDiff d = diffJson(before, ex02());
    const auto web = std::find_if(d.exposure.begin(), d.exposure.end(), [](const ExposureDiff& e) { return e.workload == "i-web"; });
    ASSERT_NE(web, d.exposure.end());
    EXPECT_TRUE(web->lostIngress);
    EXPECT_FALSE(web->worse());
    EXPECT_FALSE(d.gate().fails());
}

TEST(Diff, AddedPublicFlowIsANewPublicPath)
{
    json before = ex01();
    before.erase("flows");
    json after = ex01();
    after["flows"][0].erase("expect");
    const DesignDiff d = diffJson(before, after);
    ASSERT_EQ(d.flows.size(), 1u);
    EXPECT_EQ(d.flows[0].change, ChangeKind::Added);
    EXPECT_FALSE(d.flows[0].verdictBefore.has_value());
    EXPECT_TRUE(d.flows[0].newlyPublic());
    EXPECT_EQ(d.gate().newPublicFlows, 1);
}

TEST(Diff, RemovedFlowIsListedAndPasses)
{
    json after = ex02();
    after.erase("flows");
    const DesignDiff d = diffJson(ex02(), after);
    ASSERT_EQ(d.flows.size(), 1u);
    EXPECT_EQ(d.flows[0].change, ChangeKind::Removed);
    EXPECT_EQ(d.flows[0].verdictBefore, Verdict::Private);
    EXPECT_FALSE(d.gate().fails());
}

TEST(Diff, AnExpectationMissedBeforeAndAfterIsNotBrokenByTheChange)
{
    json before = ex02();
    before["flows"][0]["expect"] = "unreachable"; // missed: the flow is private
    json after = before;
    after["flows"][0]["name"] = "renamed";
    const DesignDiff d = diffJson(before, after);
    ASSERT_EQ(d.flows.size(), 1u);
    EXPECT_EQ(d.flows[0].fields, (std::vector<FieldChange>{{"name", "\"i-app to S3\"", "\"renamed\""}}));
    EXPECT_FALSE(d.flows[0].expectBroken);
    EXPECT_FALSE(d.gate().fails());
}

TEST(Diff, ChangingTheExpectToOneTheFlowMissesBreaksIt)
{
    json after = ex02();
    after["flows"][0]["expect"] = "public";
    const DesignDiff d = diffJson(ex02(), after);
    ASSERT_EQ(d.flows.size(), 1u);
    EXPECT_TRUE(d.flows[0].expectBroken);
    EXPECT_EQ(d.flows[0].expected, Verdict::Public);
}

TEST(Diff, MeetingTheExpectAgainIsAFix)
{
    json before = ex02();
    before.erase("vpcEndpoints");
    const DesignDiff d = diffJson(before, ex02());
    ASSERT_EQ(d.flows.size(), 1u);
    EXPECT_TRUE(d.flows[0].expectFixed);
    EXPECT_FALSE(d.gate().fails());
}

TEST(Diff, FindingsIntroducedAndFixed)
{
    json broken = ex02();
    byId(broken, "subnets", "app-b")["cidr"] = "10.9.2.0/24"; // outside the VPC
    const DesignDiff introduced = diffJson(ex02(), broken);
    ASSERT_FALSE(introduced.findingsIntroduced.empty());
    EXPECT_EQ(introduced.findingsIntroduced[0].code, "SUBNET_OUTSIDE_VPC_CIDR");
    EXPECT_EQ(introduced.findingsIntroduced[0].ids.front(), "app-b");
    EXPECT_TRUE(introduced.findingsFixed.empty());
    const DesignDiff fixed = diffJson(broken, ex02());
    ASSERT_FALSE(fixed.findingsFixed.empty());
    EXPECT_EQ(fixed.findingsFixed[0].code, "SUBNET_OUTSIDE_VPC_CIDR");
    EXPECT_TRUE(fixed.findingsIntroduced.empty());
}

TEST(DiffReport, JsonNamesEveryChangeAndTheGate)
{
    json after = ex02();
    after.erase("vpcEndpoints");
    const DesignDiff d = diffJson(ex02(), after);
    const nlohmann::ordered_json r = diffReportJson({"old.privatepath", "new.privatepath"}, d);
    EXPECT_EQ(r["reportVersion"], 1);
    EXPECT_EQ(r["old"], "old.privatepath");
    EXPECT_EQ(r["new"], "new.privatepath");
    EXPECT_EQ(r["summary"]["resourcesRemoved"], 1);
    EXPECT_EQ(r["summary"]["newPublicFlows"], 1);
    EXPECT_EQ(r["resources"][0]["id"], "vpce-s3");
    EXPECT_EQ(r["resources"][0]["kind"], "vpcEndpoint");
    EXPECT_EQ(r["resources"][0]["change"], "removed");
    const auto& flow = r["flows"][0];
    EXPECT_EQ(flow["flow"], "flow");
    EXPECT_EQ(flow["change"], "changed");
    EXPECT_EQ(flow["verdictBefore"], "private");
    EXPECT_EQ(flow["verdictAfter"], "public");
    EXPECT_EQ(flow["newlyPublic"], true);
    EXPECT_EQ(flow["expected"], "private");
    EXPECT_EQ(flow["expectBroken"], true);
    EXPECT_EQ(flow["pathChanged"], true);
    EXPECT_TRUE(flow["pathAfter"].is_array());
    EXPECT_EQ(r["gate"]["fails"], true);
    EXPECT_EQ(r["exitCode"], 1);
    EXPECT_TRUE(r["findings"]["introduced"].is_array());
}

TEST(DiffReport, JsonFieldValuesAreJsonNotText)
{
    json after = ex02();
    byId(after, "vpcs", "vpc-a")["ipv4Cidrs"] = {"10.0.0.0/16", "10.1.0.0/16"};
    const nlohmann::ordered_json r = diffReportJson({"a", "b"}, diffJson(ex02(), after));
    const auto& field = r["resources"][0]["fields"][0];
    EXPECT_EQ(field["field"], "ipv4Cidrs");
    EXPECT_EQ(field["before"], nlohmann::ordered_json::parse(R"(["10.0.0.0/16"])"));
    EXPECT_EQ(field["after"], nlohmann::ordered_json::parse(R"(["10.0.0.0/16", "10.1.0.0/16"])"));
}

TEST(DiffReport, MarkdownPutsTheWorstChangeFirstAndCapsTheList)
{
    json after = ex02();
    after.erase("vpcEndpoints"); // a new public path, plus a removed resource
    after["securityGroups"].push_back({{"id", "sg-a"}, {"vpc", "vpc-a"}});
    after["securityGroups"].push_back({{"id", "sg-b"}, {"vpc", "vpc-a"}});
    const DesignDiff d = diffJson(ex02(), after);
    const std::string md = diffMarkdown({"old.privatepath", "new.privatepath"}, d, 2);
    EXPECT_NE(md.find("fails the privacy gate"), std::string::npos) << md;
    const auto firstBullet = md.find("\n- ");
    ASSERT_NE(firstBullet, std::string::npos);
    const std::string firstLine = md.substr(firstBullet + 1, md.find('\n', firstBullet + 1) - firstBullet - 1);
    EXPECT_NE(firstLine.find("**New public path**: flow `flow` private → **public**; expects **private**"), std::string::npos)
        << firstLine;
    EXPECT_NE(md.find("…and 2 more"), std::string::npos) << md; // 4 lines: public path, removed, 2 added
    EXPECT_EQ(md.find("sg-b"), std::string::npos) << "capped";
}

TEST(DiffReport, MarkdownOfAHarmlessChangeSaysSo)
{
    json after = ex02();
    byId(after, "vpcs", "vpc-a")["name"] = "VPC *A* <b>";
    const std::string md = diffMarkdown({"old", "new"}, diffJson(ex02(), after));
    EXPECT_NE(md.find("✅ No new public path"), std::string::npos) << md;
    EXPECT_NE(md.find("**Changed**: `vpc-a` (vpc): name"), std::string::npos) << md;
    EXPECT_EQ(md.find("<b>"), std::string::npos) << "values are not pasted raw into the comment";
}

// A no-internet-exposure policy over all of vpc-a: it holds in EX-2 (nothing there is reachable
// from the internet) and breaks once i-web is added with a public address and port 443 open.
json withHiddenPolicy(json d)
{
    d["policies"] = json::array({{{"id", "a-hidden"}, {"kind", "no-internet-exposure"}, {"from", {{"containers", {"vpc-a"}}}}}});
    return d;
}

const PolicyDiff* policy(const DesignDiff& d, const std::string& id)
{
    for (const PolicyDiff& p : d.policies)
        if (p.policy == id)
            return &p;
    return nullptr;
}

TEST(DiffPolicies, APolicyTheChangeBreaksFailsTheGateWithTheNewViolation)
{
    json after = withHiddenPolicy(ex02());
    addWeb(after);
    const DesignDiff d = diffJson(withHiddenPolicy(ex02()), after);
    const PolicyDiff* p = policy(d, "a-hidden");
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(p->change, ChangeKind::Changed);
    EXPECT_EQ(p->satisfiedBefore, true);
    EXPECT_EQ(p->satisfiedAfter, false);
    EXPECT_TRUE(p->newlyViolated());
    ASSERT_EQ(p->newViolations.size(), 1u);
    EXPECT_EQ(p->newViolations[0].code, "POLICY_INTERNET_INGRESS");
    EXPECT_EQ(p->newViolations[0].source, "internet");
    EXPECT_EQ(p->newViolations[0].destination, "i-web");
    EXPECT_TRUE(p->fields.empty()) << "the policy itself did not change";
    EXPECT_EQ(d.gate().violatedPolicies, 1);
    EXPECT_TRUE(d.gate().fails());
    EXPECT_EQ(diffExitCode(d), 1);
}

TEST(DiffPolicies, FixingTheBreachIsReportedAsHoldingAgainAndPasses)
{
    json before = withHiddenPolicy(ex02());
    addWeb(before);
    const DesignDiff d = diffJson(before, withHiddenPolicy(ex02()));
    const PolicyDiff* p = policy(d, "a-hidden");
    ASSERT_NE(p, nullptr);
    EXPECT_TRUE(p->newlySatisfied());
    EXPECT_EQ(p->fixedViolations, 1u);
    EXPECT_EQ(d.gate().violatedPolicies, 0);
    const std::string md = diffMarkdown({"old", "new"}, d);
    EXPECT_NE(md.find("🟢 **Policy holds**: policy `a-hidden` (no-internet-exposure) (had 1 violation)"), std::string::npos) << md;
}

TEST(DiffPolicies, AViolationThatWasThereBeforeIsNotNew)
{
    json before = withHiddenPolicy(ex02());
    addWeb(before);
    json after = before;
    byId(after, "vpcs", "vpc-a")["name"] = "Renamed";
    const DesignDiff d = diffJson(before, after);
    EXPECT_EQ(policy(d, "a-hidden"), nullptr) << "same violations, same policy: nothing to report";
    EXPECT_FALSE(d.gate().fails());
}

TEST(DiffPolicies, AnAddedPolicyThatIsViolatedFailsAndARemovedOneIsFlagged)
{
    json web = ex02();
    addWeb(web);
    const DesignDiff added = diffJson(web, withHiddenPolicy(web));
    const PolicyDiff* p = policy(added, "a-hidden");
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(p->change, ChangeKind::Added);
    EXPECT_FALSE(p->satisfiedBefore.has_value());
    EXPECT_TRUE(p->newlyViolated());
    EXPECT_TRUE(added.gate().fails()) << "a new policy the design already breaks must not land silently";

    const DesignDiff removed = diffJson(withHiddenPolicy(web), web);
    const PolicyDiff* gone = policy(removed, "a-hidden");
    ASSERT_NE(gone, nullptr);
    EXPECT_EQ(gone->change, ChangeKind::Removed);
    EXPECT_EQ(gone->satisfiedBefore, false);
    EXPECT_FALSE(removed.gate().fails());
    const std::string md = diffMarkdown({"old", "new"}, removed);
    EXPECT_NE(md.find("⚠️ **Policy removed**: policy `a-hidden` (no-internet-exposure) (it was violated)"), std::string::npos) << md;
}

TEST(DiffPolicies, ChangedPolicyFieldsAreListed)
{
    json after = withHiddenPolicy(ex02());
    after["policies"][0]["description"] = "Nothing in A faces the internet.";
    const DesignDiff d = diffJson(withHiddenPolicy(ex02()), after);
    const PolicyDiff* p = policy(d, "a-hidden");
    ASSERT_NE(p, nullptr);
    ASSERT_EQ(p->fields.size(), 1u);
    EXPECT_EQ(p->fields[0].field, "description");
    EXPECT_EQ(p->fields[0].before, "");
    EXPECT_FALSE(d.gate().fails());
}

TEST(DiffPolicies, ReportsCarryThePolicyAndPutItRightAfterPublicPaths)
{
    json after = withHiddenPolicy(ex02());
    addWeb(after);
    after.erase("vpcEndpoints"); // also a new public path
    const DesignDiff d = diffJson(withHiddenPolicy(ex02()), after);
    const nlohmann::ordered_json r = diffReportJson({"old", "new"}, d);
    ASSERT_EQ(r["policies"].size(), 1u);
    const auto& p = r["policies"][0];
    EXPECT_EQ(p["policy"], "a-hidden");
    EXPECT_EQ(p["kind"], "no-internet-exposure");
    EXPECT_EQ(p["change"], "changed");
    EXPECT_EQ(p["satisfiedBefore"], true);
    EXPECT_EQ(p["satisfiedAfter"], false);
    EXPECT_EQ(p["newlyViolated"], true);
    EXPECT_EQ(p["newViolations"][0]["code"], "POLICY_INTERNET_INGRESS");
    EXPECT_EQ(p["newViolations"][0]["destination"], "i-web");
    EXPECT_TRUE(p["newViolations"][0]["path"].is_array());
    EXPECT_EQ(r["gate"]["violatedPolicies"], 1);
    EXPECT_EQ(r["summary"]["violatedPolicies"], 1);

    const std::string md = diffMarkdown({"old", "new"}, d);
    EXPECT_NE(md.find("1 policy newly violated"), std::string::npos) << md;
    const auto publicLine = md.find("**New public path**");
    const auto policyLine = md.find("🔴 **Policy violated**: policy `a-hidden` (no-internet-exposure), 1 new violation: "
                                    "`POLICY_INTERNET_INGRESS` `internet` → `i-web`");
    const auto exposureLine = md.find("**Reachable from the internet**");
    ASSERT_NE(policyLine, std::string::npos) << md;
    EXPECT_LT(publicLine, policyLine);
    EXPECT_LT(policyLine, exposureLine);
}

} // namespace
} // namespace pp::test
