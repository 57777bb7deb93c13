// The rules of NETWORK-RULES.md section 12 (the second wave), one group per rule, named
// Rule_<id>, in the style of RulesTest.cpp: a case where the rule lets the flow through and one
// where it bites, each asserting the verdict and the code.
#include "RulesSupport.h"

namespace pp::test {
namespace {

const Finding* findingOf(const Outcome& o, const std::string& code)
{
    for (const Finding& f : o.findings)
        if (f.code == code)
            return &f;
    return nullptr;
}

// RT-8: an error on one route is a finding on that route; it makes unreachable only the flows
// whose lookup selects it.
TEST(Rule_RT8, BadIpv4RouteLeavesFlowsThroughOtherRoutesOfTheTableAlone)
{
    json d = oneVpc();
    addIpv6(d);
    addRoute(d, "rt-app", "10.200.0.0/16", "eigw-a"); // IPv4 to an egress-only gateway: invalid
    setFlow(d, "i-app", "web");                       // takes 0.0.0.0/0 -> nat-a
    const Outcome o = analyse(d);
    EXPECT_TRUE(hasFinding(o, "EIGW_IPV4_ROUTE", {"rt-app", "eigw-a"}));
    const Finding* f = findingOf(o, "EIGW_IPV4_ROUTE");
    ASSERT_NE(f, nullptr);
    EXPECT_EQ(f->route, "10.200.0.0/16") << "the finding names its route";
    EXPECT_VERDICT(o, "public");
    EXPECT_TRUE(lacksCode(o, "EIGW_IPV4_ROUTE"));
    EXPECT_TRUE(pathIncludes(o, {"i-app", "rt-app", "nat-a", "igw-a", "web"}));
}

TEST(Rule_RT8, Ipv6FlowIsUnaffectedByAnIpv4RouteToTheEgressOnlyGateway)
{
    // The case: 0.0.0.0/0 -> eigw (invalid) and ::/0 -> eigw in one table. IPv4 flows
    // that select the bad route are unreachable; the IPv6 flow goes out through the gateway.
    json d = oneVpc();
    addIpv6(d);
    res(d, "routeTables", "rt-app")["routes"][0]["target"] = "eigw-a";
    addRoute(d, "rt-app", "::/0", "eigw-a");
    setFlow(d, "i-app", "web6");
    const Outcome v6 = analyse(d);
    EXPECT_TRUE(hasFinding(v6, "EIGW_IPV4_ROUTE", {"rt-app", "eigw-a"}));
    EXPECT_VERDICT(v6, "public");
    EXPECT_TRUE(lacksCode(v6, "EIGW_IPV4_ROUTE"));
    EXPECT_TRUE(pathIncludes(v6, {"i-app", "rt-app", "eigw-a", "web6"}));

    setFlow(d, "i-app", "web");
    const Outcome v4 = analyse(d);
    EXPECT_VERDICT(v4, "unreachable");
    EXPECT_TRUE(hasCode(v4, "EIGW_IPV4_ROUTE", "rt-app")) << "the flow that selects the bad route is stopped by it";
}

TEST(Rule_RT8, DuplicateRouteStopsOnlyTheFlowsToItsDestination)
{
    json d = oneVpc();
    addRoute(d, "rt-app", "192.0.2.0/24", "nat-a");
    addRoute(d, "rt-app", "192.0.2.0/24", "nat-a"); // the same destination twice: invalid
    setFlow(d, "i-app", "web");
    const Outcome elsewhere = analyse(d);
    EXPECT_TRUE(hasFinding(elsewhere, "DUPLICATE_ROUTE", {"rt-app"}));
    EXPECT_VERDICT(elsewhere, "public");
    EXPECT_TRUE(lacksCode(elsewhere, "DUPLICATE_ROUTE"));

    add(d, "internetHosts", {{"id", "web-doc"}, {"address", "192.0.2.10"}});
    setFlow(d, "i-app", "web-doc");
    const Outcome selected = analyse(d);
    EXPECT_VERDICT(selected, "unreachable");
    EXPECT_TRUE(hasCode(selected, "DUPLICATE_ROUTE", "rt-app"));
}

} // namespace
} // namespace pp::test
