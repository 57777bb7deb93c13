// Each policy kind, holding and broken, on the small estate of PolicySupport.h.
#include "PolicySupport.h"

#include <algorithm>

namespace pp::test {
namespace {

using nlohmann::json;

const PolicyViolation* find(const PolicyResult& r, const std::string& source, const std::string& destination)
{
    for (const PolicyViolation& v : r.violations)
        if (v.source == source && v.destination == destination)
            return &v;
    return nullptr;
}

bool pathVisits(const FlowResult& r, const std::string& id)
{
    return std::any_of(r.path.begin(), r.path.end(), [&](const Hop& h) { return h.resource == id; });
}

bool hasCode(const std::vector<Explanation>& list, const std::string& code)
{
    return std::any_of(list.begin(), list.end(), [&](const Explanation& e) { return e.code == code; });
}

TEST(PolicyKinds, PrivateOnlyHoldsForDatabasesWithNoWayOut)
{
    const auto results = checkJson(withPolicy(policyDesign(), {{"id", "db-private"}, {"kind", "private-only"},
                                                               {"from", {{"tags", {"tier=db"}}}}}));
    ASSERT_EQ(results.size(), 1u);
    EXPECT_TRUE(results[0].satisfied());
    EXPECT_EQ(results[0].sources, 2u); // db-1, db-2 (tagged through their subnet)
    EXPECT_GT(results[0].pairs, 0u);    // tried against every endpoint a public path could end at
}

TEST(PolicyKinds, PrivateOnlyReportsInternetEgressThroughTheNatGateway)
{
    const auto results = checkJson(withPolicy(policyDesign(), {{"id", "app-private"}, {"kind", "private-only"},
                                                               {"from", {{"containers", {"prod-app"}}}}}));
    ASSERT_EQ(results.size(), 1u);
    EXPECT_FALSE(results[0].satisfied());
    const PolicyViolation* v = find(results[0], "app-1", "internet");
    ASSERT_NE(v, nullptr);
    EXPECT_EQ(v->code, "POLICY_INTERNET_EGRESS");
    EXPECT_TRUE(pathVisits(v->path, "nat-prod"));
    EXPECT_TRUE(pathVisits(v->path, "igw-prod"));
    EXPECT_NE(v->message.find("nat-prod"), std::string::npos);
}

TEST(PolicyKinds, PrivateOnlyToScopeBReportsThePublicPathAndFixedByAGatewayEndpoint)
{
    const json policy = {{"id", "s3-private"}, {"kind", "private-only"}, {"from", {{"containers", {"prod-app"}}}},
                         {"to", {{"resources", {"s3"}}}}, {"protocol", "tcp"}, {"port", 443}};
    const auto broken = checkJson(withPolicy(policyDesign(), policy));
    ASSERT_EQ(broken[0].violations.size(), 2u); // app-1 and app-2, in scope order
    const PolicyViolation& v = broken[0].violations[0];
    EXPECT_EQ(v.code, "POLICY_PUBLIC_PATH");
    EXPECT_EQ(v.source, "app-1");
    EXPECT_EQ(v.destination, "s3");
    EXPECT_EQ(v.path.verdict, Verdict::Public);
    ASSERT_TRUE(v.path.leavesAt);
    EXPECT_TRUE(pathVisits(v.path, "nat-prod"));
    EXPECT_EQ(broken[0].violations[1].source, "app-2");

    json fixed = withPolicy(policyDesign(), policy);
    fixed["vpcEndpoints"] = json::array(
        {{{"id", "vpce-s3"}, {"vpc", "vpc-prod"}, {"endpointType", "gateway"}, {"service", "s3"}, {"routeTables", {"rt-app"}}}});
    EXPECT_TRUE(checkJson(fixed)[0].satisfied());
}

TEST(PolicyKinds, NoInternetExposureFindsThePublicWebServerOnly)
{
    json d = withPolicy(policyDesign(), {{"id", "prod-hidden"}, {"kind", "no-internet-exposure"},
                                         {"from", {{"containers", {"vpc-prod"}}}}});
    d = withPolicy(d, {{"id", "db-hidden"}, {"kind", "no-internet-exposure"}, {"from", {{"containers", {"prod-db"}}}}});
    const auto results = checkJson(d);
    ASSERT_EQ(results.size(), 2u);
    ASSERT_EQ(results[0].violations.size(), 1u);
    const PolicyViolation& v = results[0].violations[0];
    EXPECT_EQ(v.code, "POLICY_INTERNET_INGRESS");
    EXPECT_EQ(v.source, "internet");
    EXPECT_EQ(v.destination, "web-1");
    EXPECT_TRUE(pathVisits(v.path, "igw-prod"));
    EXPECT_NE(v.message.find("tcp 443"), std::string::npos) << v.message;
    EXPECT_TRUE(results[1].satisfied());
}

TEST(PolicyKinds, IsolatedHoldsUntilAPeeringConnectsTheVpcsBothWays)
{
    const json policy = {{"id", "prod-dev"}, {"kind", "isolated"}, {"from", {{"tags", {"env=prod"}}}},
                         {"to", {{"tags", {"env=dev"}}}}};
    const auto apart = checkJson(withPolicy(policyDesign(), policy));
    EXPECT_TRUE(apart[0].satisfied());
    EXPECT_EQ(apart[0].sources, 5u); // the workloads of vpc-prod, tagged through their VPC
    EXPECT_EQ(apart[0].destinations, 1u);

    json peered = withPolicy(policyDesign(), policy);
    peered["vpcPeerings"] = json::array({{{"id", "pcx"}, {"requesterVpc", "vpc-prod"}, {"accepterVpc", "vpc-dev"}}});
    peered["routeTables"][1]["routes"].push_back({{"destination", "10.1.0.0/16"}, {"target", "pcx"}});
    peered["routeTables"][3]["routes"] = json::array({{{"destination", "10.0.0.0/16"}, {"target", "pcx"}}});
    const auto joined = checkJson(peered);
    EXPECT_FALSE(joined[0].satisfied());
    const PolicyViolation* out = find(joined[0], "app-1", "dev-1");
    ASSERT_NE(out, nullptr);
    EXPECT_EQ(out->code, "POLICY_NOT_ISOLATED");
    EXPECT_TRUE(pathVisits(out->path, "pcx"));
    EXPECT_EQ(out->path.verdict, Verdict::Private);
    // The other direction is tried too: the web server takes 443 from anywhere, dev-1 included.
    const PolicyViolation* back = find(joined[0], "dev-1", "web-1");
    ASSERT_NE(back, nullptr);
    EXPECT_EQ(back->code, "POLICY_NOT_ISOLATED");
    EXPECT_TRUE(pathVisits(back->path, "pcx"));
    // The app servers only take 443 from 10.0.0.0/16 and the databases 5432 from sg-app: dev-1
    // reaches neither.
    EXPECT_EQ(find(joined[0], "dev-1", "app-1"), nullptr);
    EXPECT_EQ(find(joined[0], "dev-1", "db-1"), nullptr);
}

TEST(PolicyKinds, MustReachHoldsOnTheDatabasePortAndNamesTheSecurityGroupOtherwise)
{
    const json ok = {{"id", "app-db"}, {"kind", "must-reach"}, {"from", {{"tags", {"tier=app"}}}},
                     {"to", {{"tags", {"tier=db"}}}}, {"protocol", "tcp"}, {"port", 5432}};
    const auto reached = checkJson(withPolicy(policyDesign(), ok));
    EXPECT_TRUE(reached[0].satisfied());
    EXPECT_EQ(reached[0].pairs, 4u);

    json ssh = ok;
    ssh["port"] = 22;
    const auto blocked = checkJson(withPolicy(policyDesign(), ssh));
    ASSERT_EQ(blocked[0].violations.size(), 4u);
    const PolicyViolation& v = blocked[0].violations[0];
    EXPECT_EQ(v.code, "POLICY_NOT_REACHABLE");
    EXPECT_EQ(v.source, "app-1");
    EXPECT_EQ(v.destination, "db-1");
    EXPECT_EQ(v.path.verdict, Verdict::Unreachable);
    EXPECT_TRUE(hasCode(v.path.blocking, "ENI_SG_RULES_MISMATCH"));
    EXPECT_NE(v.message.find("tcp 22"), std::string::npos) << v.message;
}

TEST(PolicyKinds, MustReachOverAPublicPathIsAViolationOfItsOwn)
{
    const json policy = {{"id", "app-s3"}, {"kind", "must-reach"}, {"from", {{"resources", {"app-1"}}}},
                         {"to", {{"resources", {"s3"}}}}, {"protocol", "tcp"}, {"port", 443}};
    const auto results = checkJson(withPolicy(policyDesign(), policy));
    ASSERT_EQ(results[0].violations.size(), 1u);
    EXPECT_EQ(results[0].violations[0].code, "POLICY_REACHES_PUBLICLY");
}

TEST(PolicyKinds, OnlyViaHoldsThroughTheGatewayEndpointAndFailsThroughTheNat)
{
    const json policy = {{"id", "s3-via-endpoint"}, {"kind", "only-via"}, {"from", {{"tags", {"tier=app"}}}},
                         {"to", {{"kinds", {"awsService"}}}}, {"protocol", "tcp"}, {"port", 443}, {"via", {"vpce-s3"}}};
    json d = withPolicy(policyDesign(), policy);
    d["vpcEndpoints"] = json::array({{{"id", "vpce-s3"}, {"vpc", "vpc-prod"}, {"endpointType", "gateway"}, {"service", "s3"}}});
    const auto bypassed = checkJson(d); // the endpoint exists but no route table uses it
    ASSERT_EQ(bypassed[0].violations.size(), 2u);
    EXPECT_EQ(bypassed[0].violations[0].code, "POLICY_BYPASSES_VIA");
    EXPECT_TRUE(pathVisits(bypassed[0].violations[0].path, "nat-prod"));
    EXPECT_NE(bypassed[0].violations[0].message.find("vpce-s3"), std::string::npos);

    d["vpcEndpoints"][0]["routeTables"] = {"rt-app"};
    EXPECT_TRUE(checkJson(d)[0].satisfied());
}

TEST(PolicyKinds, AScopeThatSelectsNothingIsReportedNotPassed)
{
    const auto results = checkJson(withPolicy(policyDesign(), {{"id", "typo"}, {"kind", "isolated"},
                                                               {"from", {{"tags", {"env=prd"}}}},
                                                               {"to", {{"tags", {"env=dev"}}}}}));
    ASSERT_EQ(results[0].violations.size(), 1u);
    EXPECT_EQ(results[0].violations[0].code, "POLICY_SCOPE_EMPTY");
    EXPECT_NE(results[0].violations[0].message.find("from"), std::string::npos);
}

TEST(PolicyKinds, ScopeCategoriesCombineAndListedIdsAdd)
{
    LoadResult r = loadDesign(policyDesign().dump(), "scope.privatepath");
    ASSERT_TRUE(r.ok());
    Scope scope;
    scope.containers = {ResourceId("vpc-prod")};
    scope.tags = {"tier=app", "tier=db"};
    std::vector<ResourceId> expected{ResourceId("app-1"), ResourceId("app-2"), ResourceId("db-1"), ResourceId("db-2")};
    EXPECT_EQ(scopeMembers(*r.design, scope), expected);
    scope.resources = {ResourceId("s3")};
    scope.kinds = {"workload"};
    expected.push_back(ResourceId("s3"));
    EXPECT_EQ(scopeMembers(*r.design, scope), expected); // s3 is listed, so the kind filter does not drop it
}

TEST(PolicyKinds, ViolationsBeyondTheLimitAreCountedNotListed)
{
    const json policy = {{"id", "app-db"}, {"kind", "must-reach"}, {"from", {{"tags", {"tier=app"}}}},
                         {"to", {{"tags", {"tier=db"}}}}, {"protocol", "tcp"}, {"port", 22}};
    PolicyOptions options;
    options.maxViolations = 3;
    const auto results = checkJson(withPolicy(policyDesign(), policy), options);
    EXPECT_EQ(results[0].violations.size(), 3u);
    EXPECT_EQ(results[0].omitted, 1u);
    EXPECT_FALSE(results[0].satisfied());
}

} // namespace
} // namespace pp::test
