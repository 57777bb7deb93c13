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

// IF-1 (issue 14): an interface endpoint without a subnet has no network interfaces, so AWS gives
// it no DNS records. Its service's name resolves as if it were absent, and the design finding
// ENDPOINT_WITHOUT_SUBNET is the only thing reported about it.
TEST(Rule_IF1, EndpointWithoutSubnetDoesNotTakeOverTheServiceName)
{
    json d = oneVpc(); // rt-app: 0.0.0.0/0 -> nat-a
    ensureService(d, "s3", "s3");
    add(d, "vpcEndpoints", {{"id", "vpce-s3if"}, {"vpc", "vpc-a"}, {"endpointType", "interface"}, {"service", "s3"}});
    setFlow(d, "i-app", "s3");
    const Outcome o = analyse(d);
    EXPECT_TRUE(hasFinding(o, "ENDPOINT_WITHOUT_SUBNET", {"vpce-s3if"}));
    EXPECT_VERDICT(o, "public"); // as without the endpoint: through the NAT gateway to S3's public address
    EXPECT_TRUE(pathIncludes(o, {"i-app", "rt-app", "nat-a", "igw-a", "s3"}));
    EXPECT_TRUE(pathAvoids(o, "vpce-s3if"));
    EXPECT_TRUE(o.flow.blocking.empty()) << o.text;
    for (const Hop& h : o.flow.path)
        EXPECT_NE(h.destination, "0.0.0.0") << "no hop goes to the endpoint's non-existent address" << o.text;
}

TEST(Rule_IF1, EndpointWithoutSubnetLeavesUnroutedServiceUnreachableForTheRouteNotTheEndpoint)
{
    json d = oneVpc();
    removeRoutes(d, "rt-app");
    addSqsEndpoint(d);
    res(d, "vpcEndpoints", "vpce-sqs").erase("subnets");
    setFlow(d, "i-app", "sqs");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "NO_ROUTE_TO_DESTINATION", "rt-app")) << "the public name is not routed";
    EXPECT_TRUE(pathAvoids(o, "vpce-sqs"));
    EXPECT_TRUE(hasFinding(o, "ENDPOINT_WITHOUT_SUBNET", {"vpce-sqs"}));
}

TEST(Rule_IF1, EndpointWithSubnetStillAnswersTheServiceName)
{
    json d = oneVpc();
    addSqsEndpoint(d);
    setFlow(d, "i-app", "sqs");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(pathIncludes(o, {"i-app", "vpce-sqs", "sqs"}));
}

TEST(Rule_IF1, EndpointSpecificNameOfAnEndpointWithoutSubnetResolvesNowhere)
{
    json d = oneVpc();
    addSqsEndpoint(d);
    res(d, "vpcEndpoints", "vpce-sqs").erase("subnets");
    setFlow(d, "i-app", "vpce-sqs");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "ENDPOINT_WITHOUT_SUBNET", "vpce-sqs"));
    std::size_t reasons = 0;
    for (const Explanation& e : o.flow.blocking)
        reasons += e.code == "ENDPOINT_WITHOUT_SUBNET";
    EXPECT_EQ(reasons, 1u) << "reported once" << o.text;
}

// RT-5 (issue 14): a subnet whose route table has no default route gets a hint naming the default
// route that would carry the flow.
TEST(Rule_RT5, SubnetWithoutDefaultRouteIsToldWhichDefaultRouteWouldCarryTheFlow)
{
    json d = oneVpc();
    removeRoutes(d, "rt-app");
    setFlow(d, "i-app", "web");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "NO_ROUTE_TO_DESTINATION", "rt-app"));
    ASSERT_TRUE(hasCode(o, "NO_DEFAULT_ROUTE", "rt-app"));
    for (const Explanation& h : o.flow.hints) {
        if (h.code == "NO_DEFAULT_ROUTE") {
            EXPECT_NE(h.message.find("0.0.0.0/0 -> nat-a"), std::string::npos) << "names the NAT gateway" << o.text;
        }
    }
}

TEST(Rule_RT5, DefaultRouteHintForAServiceAlsoOffersTheEndpoint)
{
    json d = oneVpc();
    removeRoutes(d, "rt-app");
    ensureService(d, "s3", "s3");
    setFlow(d, "i-app", "s3");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "NO_DEFAULT_ROUTE", "rt-app"));
    EXPECT_TRUE(hasCode(o, "USE_GATEWAY_ENDPOINT", "rt-app"));
}

TEST(Rule_RT5, NoDefaultRouteHintWhenTheDestinationIsPrivate)
{
    json d = oneVpc();
    add(d, "internetHosts", {{"id", "corp"}, {"address", "10.77.0.5"}}); // private, outside every VPC
    setFlow(d, "i-app", "corp");
    removeRoutes(d, "rt-app");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(lacksCode(o, "NO_DEFAULT_ROUTE")) << "a default route to the internet would not reach a private address";
}

TEST(Rule_RT5, NoDefaultRouteHintWhenADefaultRouteExists)
{
    json d = oneVpc(); // 0.0.0.0/0 -> nat-a
    setFlow(d, "i-app", "web");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "public");
    EXPECT_TRUE(lacksCode(o, "NO_DEFAULT_ROUTE"));
}

} // namespace
} // namespace pp::test
