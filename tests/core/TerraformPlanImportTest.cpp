// Importing plans: references resolved through the configuration where ids are unknown until
// apply, count and for_each instances paired by key, unknown values reported and turned into
// findings instead of crashes; and the public plans of tests/data/import/terraform (SOURCES.md).
#include "ImportSupport.h"

#include "analysis/Analyzer.h"
#include "edit/PasteLayout.h"

namespace pp {
namespace {

using namespace test;

const Resource& byName(const Design& design, const std::string& name)
{
    for (const Resource& r : design.resources())
        if (r.name == name)
            return r;
    throw std::runtime_error("no resource named " + name);
}

TEST(PlanImport, ReferencesResolveThroughTheConfiguration)
{
    const TerraformImportResult r = importFixture("plan-unknown.json");
    const Design& d = *r.design;
    // Ids are unknown until apply: design ids come from the addresses.
    const Subnet& public_ = resourceAs<Subnet>(d, "aws_subnet.public");
    EXPECT_EQ(public_.vpc, rid("aws_vpc.main"));
    EXPECT_EQ(public_.availabilityZone, "us-west-2a"); // the AZ name: the id is unknown
    EXPECT_EQ(resourceAs<Subnet>(d, "aws_subnet.public").routeTable, rid("aws_route_table.public"));
    // count instances: association [i] uses subnet [i].
    EXPECT_EQ(resourceAs<Subnet>(d, "aws_subnet.private.1").routeTable, rid("aws_route_table.private"));
    EXPECT_EQ(resourceAs<Subnet>(d, "aws_subnet.private.0").routeTable, rid("aws_route_table.private"));
    const RouteTable& priv = resourceAs<RouteTable>(d, "aws_route_table.private");
    ASSERT_EQ(priv.routes.size(), 1u);
    EXPECT_EQ(priv.routes[0].target, rid("aws_nat_gateway.nat"));
    const RouteTable& pub = resourceAs<RouteTable>(d, "aws_route_table.public");
    ASSERT_EQ(pub.routes.size(), 1u);
    EXPECT_EQ(pub.routes[0].target, rid("aws_internet_gateway.gw"));
    EXPECT_EQ(resourceAs<NatGateway>(d, "aws_nat_gateway.nat").subnet, rid("aws_subnet.public"));
    // A reference to one instance of a counted resource.
    EXPECT_EQ(resourceAs<Workload>(d, "aws_instance.app").subnet, rid("aws_subnet.private.0"));
    EXPECT_EQ(resourceAs<Workload>(d, "aws_instance.app").securityGroups, ResourceIds{rid("aws_security_group.app")});
    // for_each instances in a module: node["b"] is in subnet this["b"].
    EXPECT_EQ(resourceAs<Workload>(d, "module.edge.aws_instance.node.b").subnet, rid("module.edge.aws_subnet.this.b"));
    EXPECT_EQ(resourceAs<Subnet>(d, "module.edge.aws_subnet.this.b").vpc, rid("module.edge.aws_vpc.this"));
    // The provider's Region.
    EXPECT_EQ(resourceAs<Region>(d, "us-west-2").code, "us-west-2");
}

TEST(PlanImport, UnknownValuesAreReportedAndRecordedInTheDesign)
{
    const TerraformImportResult r = importFixture("plan-unknown.json");
    EXPECT_TRUE(hasUnknown(r.report, "aws_subnet.ipam", "cidr_block"));
    EXPECT_TRUE(hasUnknown(r.report, "aws_eip.nat", "public_ip"));
    EXPECT_TRUE(hasUnknown(r.report, "aws_instance.app", "private_ip"));
    const Resource* ipam = r.design->find(rid("aws_subnet.ipam"));
    ASSERT_TRUE(ipam) << "the resource is imported even though its CIDR is unknown";
    const auto ext = nlohmann::json::parse(ipam->extensions.at("x-terraform"));
    EXPECT_EQ(ext["address"], "aws_subnet.ipam");
    EXPECT_EQ(ext["unknown"], nlohmann::json::array({"cidr_block"}));
    EXPECT_EQ(importReportJson(r.report)["summary"]["unknown"], r.report.unknowns.size());
}

TEST(PlanImport, AnUnknownCidrIsAFindingNotACrash)
{
    const TerraformImportResult r = importFixture("plan-unknown.json");
    const LoadResult loaded = loadDesign(saveDesignToString(*r.design), "plan.privatepath");
    ASSERT_TRUE(loaded.ok()) << (loaded.diagnostics.empty() ? "" : loaded.diagnostics.front().format());
    const std::vector<Finding> findings = lintDesign(*loaded.design);
    const bool flagged = std::any_of(findings.begin(), findings.end(), [](const Finding& f) {
        return std::find(f.ids.begin(), f.ids.end(), "aws_subnet.ipam") != f.ids.end();
    });
    EXPECT_TRUE(flagged) << "the subnet whose CIDR is unknown gets a finding";
    const bool named = std::any_of(findings.begin(), findings.end(), [](const Finding& f) {
        return f.code == "IMPORTED_VALUE_UNKNOWN" && f.ids == std::vector<std::string>{"aws_subnet.ipam"} &&
               f.message.find("cidr_block") != std::string::npos;
    });
    EXPECT_TRUE(named) << "and a finding that says its CIDR is unknown until apply";
    (void)analyzeDesign(*loaded.design);
    EXPECT_TRUE(layoutProblems(*loaded.design).empty());
}

TEST(PlanImport, ASensitiveNameTagIsNotUsed)
{
    const TerraformImportResult r = importFixture("plan-unknown.json");
    EXPECT_EQ(r.design->find(rid("aws_instance.app"))->name, "aws_instance.app");
    EXPECT_EQ(saveDesignToString(*r.design).find("secret-name"), std::string::npos);
}

// ---- Public plans (tests/data/import/SOURCES.md) ----------------------------------------------

void expectLoadsAndDraws(const Design& design)
{
    const LoadResult loaded = loadDesign(saveDesignToString(design), "real.privatepath");
    ASSERT_TRUE(loaded.ok()) << (loaded.diagnostics.empty() ? "" : loaded.diagnostics.front().format());
    EXPECT_TRUE(layoutProblems(design).empty());
    EXPECT_TRUE(lintDiagram(design).empty());
    (void)analyzeDesign(design);
}

TEST(PublicPlans, ThreeAzVpcWithNatGatewaysAndAVpnGateway)
{
    const TerraformImportResult r = importFixture("tfc-test_issue-158.json");
    const Design& d = *r.design;
    expectLoadsAndDraws(d);
    int subnets = 0, nats = 0, tables = 0;
    d.forEach<Subnet>([&](const Resource&, const Subnet&) { ++subnets; });
    for (const Resource& res : d.resources()) {
        nats += res.as<NatGateway>() != nullptr;
        tables += res.as<RouteTable>() != nullptr;
    }
    EXPECT_EQ(subnets, 6);
    EXPECT_EQ(nats, 3);
    EXPECT_EQ(tables, 5); // four managed, and the VPC's implicit main table
    // Every private table routes 0.0.0.0/0 to a NAT gateway through the configuration.
    int natRoutes = 0;
    d.forEach<RouteTable>([&](const Resource&, const RouteTable& t) {
        for (const Route& route : t.routes)
            natRoutes += d.findAs<NatGateway>(route.target) != nullptr;
    });
    EXPECT_EQ(natRoutes, 3);
    EXPECT_TRUE(r.report.skipped.empty() || std::all_of(r.report.skipped.begin(), r.report.skipped.end(),
                                                        [](const SkippedItem& s) { return s.reason != "invalidValue"; }));
}

TEST(PublicPlans, NetworkLoadBalancerListeners)
{
    const TerraformImportResult r = importFixture("tfc-test_issue-172.json");
    expectLoadsAndDraws(*r.design);
    const Resource& lb = byName(*r.design, "nlb-noncompliant");
    EXPECT_EQ(lb.as<LoadBalancer>()->lbType, LoadBalancerType::Network);
    EXPECT_FALSE(lb.as<LoadBalancer>()->internal);
    EXPECT_FALSE(lb.as<LoadBalancer>()->listeners.empty());
}

TEST(PublicPlans, CustomerGatewayVpnGatewayAndSecurityGroupRule)
{
    const TerraformImportResult r = importFixture("tfc-test_pull_330.json");
    expectLoadsAndDraws(*r.design);
    int cgws = 0, vgws = 0;
    for (const Resource& res : r.design->resources()) {
        cgws += res.as<CustomerGateway>() != nullptr;
        vgws += res.as<VirtualPrivateGateway>() != nullptr;
    }
    EXPECT_EQ(cgws, 1);
    EXPECT_EQ(vgws, 1);
}

TEST(PublicPlans, NetworkAcl)
{
    const TerraformImportResult r = importFixture("tfc-test_issue-514.json");
    expectLoadsAndDraws(*r.design);
    int acls = 0;
    r.design->forEach<NetworkAcl>([&](const Resource& res, const NetworkAcl&) {
        acls += res.extensions.at("x-terraform").find("implicit") == std::string::npos;
    });
    EXPECT_EQ(acls, 1);
}

TEST(PublicPlans, StandaloneSecurityGroupRule)
{
    const TerraformImportResult r = importFixture("tfc-test_issue-sgr.json");
    expectLoadsAndDraws(*r.design);
    bool ruled = false;
    r.design->forEach<SecurityGroup>([&](const Resource&, const SecurityGroup& g) {
        ruled = ruled || (!g.isDefault && (!g.inbound.empty() || !g.outbound.empty()));
    });
    EXPECT_TRUE(ruled);
}

TEST(PublicPlans, AFormat12PlanWithoutNetworkResourcesIsAllSkipped)
{
    const TerraformImportResult r = importFixture("tfc-test_issue_796.json");
    expectLoadsAndDraws(*r.design);
    EXPECT_EQ(r.report.formatVersion, "1.2");
    EXPECT_TRUE(r.report.imported.empty());
    EXPECT_EQ(r.report.skipped.size(), 2u);
    for (const SkippedItem& s : r.report.skipped)
        EXPECT_EQ(s.reason, "unsupportedType");
}

} // namespace
} // namespace pp
