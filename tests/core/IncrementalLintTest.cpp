// The editor re-lints only what an edit can change (IncrementalLinter, told which ids the edit
// touched and which of them it changed). These edits change findings of resources that do not
// refer to the edited one; the incremental run must still equal a full lint.
#include "RulesSupport.h"
#include "lint/Lint.h"

namespace pp::test {
namespace {

// Lints `before` in full, then `after` incrementally and back again; each must equal a full lint.
// Returns the findings of the edited design.
std::vector<Finding> lintEdit(const json& before, const json& after, const std::set<std::string>& touched,
                              const std::set<std::string>& changed)
{
    const LoadResult a = loadDesign(before.dump(), "before");
    const LoadResult b = loadDesign(after.dump(), "after");
    EXPECT_TRUE(a.ok() && b.ok());
    if (!a.ok() || !b.ok())
        return {};
    IncrementalLinter linter;
    EXPECT_EQ(linter.run(*a.design, nullptr), lintDesign(*a.design));
    std::vector<Finding> edited = linter.run(*b.design, &touched, &changed);
    EXPECT_EQ(edited, lintDesign(*b.design));
    EXPECT_EQ(linter.run(*a.design, &touched, &changed), lintDesign(*a.design)) << "and back";
    return edited;
}

bool has(const std::vector<Finding>& findings, const std::string& code)
{
    return std::any_of(findings.begin(), findings.end(), [&](const Finding& f) { return f.code == code; });
}

// nat-a refers to its subnet, not to the VPC; whether the VPC has an internet gateway is a fact of
// the VPC that the gateway's edit changes. (No route names igw-a, so nothing reaches nat-a through
// referrers of referrers.)
TEST(IncrementalLint, DetachingTheInternetGatewayReLintsThePublicNatOfItsVpc)
{
    json before = oneVpc();
    removeRoutes(before, "rt-pub");
    json after = before;
    res(after, "internetGateways", "igw-a").erase("vpc");
    const auto findings = lintEdit(before, after, {"igw-a", "vpc-a"}, {"igw-a"});
    EXPECT_TRUE(has(findings, "NAT_PUBLIC_WITHOUT_IGW"));
}

// A gateway route table reads every subnet block of its VPC without referring to the subnets.
TEST(IncrementalLint, EditingASubnetBlockReLintsTheGatewayRouteTable_RT9)
{
    json before = oneVpc();
    add(before, "routeTables", {{"id", "rt-edge"}, {"vpc", "vpc-a"}, {"routes", {{{"destination", "10.0.0.0/24"}, {"target", "i-web"}}}}});
    res(before, "internetGateways", "igw-a")["routeTable"] = "rt-edge";
    json after = before;
    res(after, "subnets", "pub-a")["cidr"] = "10.0.0.0/25"; // i-web 10.0.0.20 and nat-a stay inside
    const auto findings = lintEdit(before, after, {"pub-a", "vpc-a", "rt-pub"}, {"pub-a"});
    EXPECT_TRUE(has(findings, "GATEWAY_ROUTE_TABLE_DESTINATION")) << "10.0.0.0/24 is no longer a whole subnet block";
}

// Editing a route's target leaves the VPC's facts alone: the other members keep their findings,
// and the edited table's own finding comes and goes.
TEST(IncrementalLint, EditingARouteKeepsTheVpcsOtherFindings)
{
    json before = oneVpc();
    res(before, "internetGateways", "igw-a").erase("vpc"); // NAT_PUBLIC_WITHOUT_IGW throughout
    json after = before;
    addRoute(after, "rt-pub", "10.0.0.0/16", "igw-a"); // LOCAL route duplicated
    const auto findings = lintEdit(before, after, {"rt-pub", "vpc-a", "igw-a"}, {"rt-pub"});
    EXPECT_TRUE(has(findings, "NAT_PUBLIC_WITHOUT_IGW"));
}

} // namespace
} // namespace pp::test
