// Ingress routing (NETWORK-RULES.md rule RT-9): gateway route tables associated with an internet
// gateway or a virtual private gateway, in the style of RulesTest.cpp: a case where the rule lets
// the flow through and one where it bites, each asserting the verdict, the code and the path.
#include "RulesSupport.h"

namespace pp::test {
namespace {

// oneVpc() with a Gateway Load Balancer endpoint vpce-gwlb in insp-a (rt-insp: 0.0.0.0/0 ->
// igw-a) inspecting the public subnet pub-a both ways: rt-pub sends 0.0.0.0/0 to the endpoint,
// and the gateway route table rt-edge, associated with igw-a, sends pub-a's CIDR to it.
// i-web (10.0.0.20, public IP) serves HTTPS to the internet.
json inspectedPublicSubnet(bool edgeTable = true)
{
    json d = oneVpc();
    addInspection(d);
    addRoute(d, "rt-insp", "0.0.0.0/0", "igw-a");
    res(d, "routeTables", "rt-pub")["routes"][0]["target"] = "vpce-gwlb";
    res(d, "securityGroups", "sg-app")["inbound"] = {rule("tcp", 443, 443, "0.0.0.0/0")};
    add(d, "routeTables", {{"id", "rt-edge"}, {"vpc", "vpc-a"}, {"routes", {{{"destination", "10.0.0.0/24"}, {"target", "vpce-gwlb"}}}}});
    if (edgeTable)
        res(d, "internetGateways", "igw-a")["routeTable"] = "rt-edge";
    setFlow(d, "web", "i-web");
    return d;
}

TEST(Rule_RT9, InboundTrafficIsRoutedThroughTheFirewallBeforeItReachesTheSubnet)
{
    const Outcome o = analyse(inspectedPublicSubnet());
    EXPECT_VERDICT(o, "public");
    EXPECT_TRUE(pathIncludes(o, {"web", "igw-a", "rt-edge", "vpce-gwlb", "rt-insp", "i-web"}));
    EXPECT_TRUE(o.flow.returnChecked && o.flow.returnOk) << "the reply goes back through vpce-gwlb and igw-a" << o.text;
    EXPECT_TRUE(lacksCode(o, "NO_ROUTE_TO_DESTINATION"));
    EXPECT_TRUE(lacksFinding(o, "GATEWAY_ROUTE_TABLE_TARGET"));
}

TEST(Rule_RT9, WithoutTheGatewayRouteTableInboundTrafficSkipsTheFirewallAndTheReplyIsAsymmetric)
{
    const Outcome o = analyse(inspectedPublicSubnet(false));
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(pathAvoids(o, "vpce-gwlb")) << "the request goes straight to pub-a by the local route";
    EXPECT_FALSE(o.flow.returnOk);
    EXPECT_TRUE(hasCode(o, "NO_ROUTE_TO_DESTINATION", "rt-pub")) << "rt-pub sends the reply to the firewall that never saw the request";
    EXPECT_TRUE(hasCode(o, "NO_GATEWAY_ROUTE_TABLE", "igw-a")) << "the hint says what would inspect both ways";
}

TEST(Rule_RT9, OutboundThroughTheFirewallNeedsTheGatewayRouteTableForTheReply)
{
    json d = inspectedPublicSubnet();
    res(d, "securityGroups", "sg-app")["outbound"] = {allTraffic("0.0.0.0/0")};
    setFlow(d, "i-web", "web");
    const Outcome through = analyse(d);
    EXPECT_VERDICT(through, "public");
    EXPECT_TRUE(pathIncludes(through, {"i-web", "rt-pub", "vpce-gwlb", "rt-insp", "igw-a", "web"}));
    EXPECT_TRUE(through.flow.returnChecked && through.flow.returnOk) << through.text;

    res(d, "internetGateways", "igw-a").erase("routeTable");
    const Outcome around = analyse(d);
    EXPECT_VERDICT(around, "unreachable");
    EXPECT_FALSE(around.flow.returnOk);
    ASSERT_TRUE(hasCode(around, "NO_ROUTE_TO_DESTINATION", "igw-a"));
    bool explained = false;
    for (const Explanation& e : around.flow.blocking)
        explained |= e.message.find("no gateway route table") != std::string::npos && e.message.find("vpce-gwlb") != std::string::npos &&
                     e.message.find("RT-9") != std::string::npos;
    EXPECT_TRUE(explained) << "the reason names the missing gateway route table and the bypassed endpoint" << around.text;
}

TEST(Rule_RT9, GatewayRouteTableThatSendsTheReplyElsewhereIsNamed)
{
    json d = inspectedPublicSubnet();
    res(d, "securityGroups", "sg-app")["outbound"] = {allTraffic("0.0.0.0/0")};
    res(d, "routeTables", "rt-edge")["routes"][0]["destination"] = "10.0.1.0/24"; // app-a, not pub-a
    setFlow(d, "i-web", "web");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "NO_ROUTE_TO_DESTINATION", "rt-edge")) << "rt-edge takes the reply to pub-a by the local route";
}

TEST(Rule_RT9, ReplacingTheLocalRouteTargetInspectsTrafficForEverySubnet)
{
    json d = inspectedPublicSubnet();
    res(d, "routeTables", "rt-edge")["routes"][0]["destination"] = "10.0.0.0/16";
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "public");
    EXPECT_TRUE(pathIncludes(o, {"igw-a", "rt-edge", "vpce-gwlb", "i-web"}));
    EXPECT_TRUE(lacksFinding(o, "GATEWAY_ROUTE_TABLE_DESTINATION"));
}

TEST(Rule_RT9, MiddleboxInterfaceIsAValidTarget)
{
    json d = inspectedPublicSubnet();
    add(d, "workloads", {{"id", "i-mb"}, {"subnet", "insp-a"}, {"privateIp", "10.0.3.10"}});
    res(d, "routeTables", "rt-edge")["routes"][0]["target"] = "i-mb";
    res(d, "routeTables", "rt-pub")["routes"][0]["target"] = "i-mb";
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "public");
    EXPECT_TRUE(pathIncludes(o, {"igw-a", "rt-edge", "i-mb", "rt-insp", "i-web"}));
    EXPECT_TRUE(lacksFinding(o, "GATEWAY_ROUTE_TABLE_TARGET"));
}

TEST(Rule_RT9, OtherTargetsAreInvalidAndBreakOnlyTheFlowsThatUseTheRoute)
{
    json d = inspectedPublicSubnet();
    addRoute(d, "rt-edge", "10.0.1.0/24", "nat-a");
    const Outcome o = analyse(d); // to pub-a: rt-edge's other, valid route
    EXPECT_TRUE(hasFinding(o, "GATEWAY_ROUTE_TABLE_TARGET", {"rt-edge", "nat-a"}));
    EXPECT_VERDICT(o, "public");

    add(d, "workloads", {{"id", "i-app-web"}, {"subnet", "app-a"}, {"privateIp", "10.0.1.20"}, {"publicIp", true}, {"securityGroups", {"sg-app"}}});
    setFlow(d, "web", "i-app-web");
    const Outcome bad = analyse(d);
    EXPECT_VERDICT(bad, "unreachable");
    EXPECT_TRUE(hasCode(bad, "GATEWAY_ROUTE_TABLE_TARGET", "rt-edge"));
}

TEST(Rule_RT9, DestinationMustBeAWholeSubnetOrVpcBlock)
{
    json d = inspectedPublicSubnet();
    res(d, "routeTables", "rt-edge")["routes"][0]["destination"] = "10.0.0.0/25";
    const Outcome part = analyse(d);
    EXPECT_TRUE(hasFinding(part, "GATEWAY_ROUTE_TABLE_DESTINATION", {"rt-edge"}));
    EXPECT_VERDICT(part, "unreachable"); // i-web 10.0.0.20 selects the invalid route

    addS3PrefixList(d);
    res(d, "routeTables", "rt-edge")["routes"] = {{{"destinationPrefixList", "pl-s3"}, {"target", "vpce-gwlb"}}};
    EXPECT_TRUE(hasFinding(analyse(d), "GATEWAY_ROUTE_TABLE_DESTINATION", {"rt-edge"}));
}

TEST(Rule_RT9, GatewayRouteTableCannotPropagateRoutes)
{
    json d = inspectedPublicSubnet();
    addVpn(d);
    res(d, "routeTables", "rt-edge")["propagatingGateways"] = {"vgw-a"};
    EXPECT_TRUE(hasFinding(analyse(d), "GATEWAY_ROUTE_TABLE_PROPAGATION", {"rt-edge", "igw-a"}));
}

TEST(Rule_RT9, GatewayRouteTableMustBelongToTheGatewaysVpc)
{
    json d = inspectedPublicSubnet();
    add(d, "vpcs", {{"id", "vpc-z"}, {"region", "use1"}, {"ipv4Cidrs", {"10.9.0.0/16"}}});
    add(d, "routeTables", {{"id", "rt-z"}, {"vpc", "vpc-z"}});
    res(d, "internetGateways", "igw-a")["routeTable"] = "rt-z";
    EXPECT_TRUE(hasFinding(analyse(d), "GATEWAY_ROUTE_TABLE_OTHER_VPC", {"igw-a", "rt-z"}));
}

// Traffic from on premises enters through the virtual private gateway, whose gateway route table
// sends it through vpce-gwlb; app-a's replies to on premises go back the same way.
TEST(Rule_RT9, TrafficFromOnPremisesIsInspectedThroughTheVirtualPrivateGatewaysTable)
{
    json d = oneVpc();
    addInspection(d);
    addVpn(d);
    res(d, "securityGroups", "sg-app")["inbound"] = {rule("tcp", 443, 443, "192.168.0.0/16")};
    res(d, "routeTables", "rt-app")["routes"][1]["target"] = "vpce-gwlb"; // 192.168.0.0/16
    addRoute(d, "rt-insp", "192.168.0.0/16", "vgw-a");
    add(d, "routeTables", {{"id", "rt-vgw"}, {"vpc", "vpc-a"}, {"routes", {{{"destination", "10.0.1.0/24"}, {"target", "vpce-gwlb"}}}}});
    res(d, "virtualPrivateGateways", "vgw-a")["routeTable"] = "rt-vgw";
    setFlow(d, "onprem-host", "i-app");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(pathIncludes(o, {"onprem-host", "vpn", "vgw-a", "rt-vgw", "vpce-gwlb", "rt-insp", "i-app"}));
    EXPECT_TRUE(o.flow.returnChecked && o.flow.returnOk) << o.text;

    res(d, "virtualPrivateGateways", "vgw-a").erase("routeTable");
    const Outcome around = analyse(d);
    EXPECT_VERDICT(around, "unreachable"); // rt-app answers through an endpoint the request never crossed
    EXPECT_TRUE(pathAvoids(around, "vpce-gwlb"));
}

TEST(Rule_RT9, OutboundToOnPremisesThroughTheFirewallNeedsTheVirtualPrivateGatewaysTable)
{
    json d = oneVpc();
    addInspection(d);
    addVpn(d);
    res(d, "routeTables", "rt-app")["routes"][1]["target"] = "vpce-gwlb";
    addRoute(d, "rt-insp", "192.168.0.0/16", "vgw-a");
    add(d, "routeTables", {{"id", "rt-vgw"}, {"vpc", "vpc-a"}, {"routes", {{{"destination", "10.0.1.0/24"}, {"target", "vpce-gwlb"}}}}});
    setFlow(d, "i-app", "onprem-host");
    const Outcome around = analyse(d);
    EXPECT_VERDICT(around, "unreachable");
    EXPECT_TRUE(hasCode(around, "NO_ROUTE_TO_DESTINATION", "vgw-a")) << "the reply would enter by the local route, around vpce-gwlb";

    res(d, "virtualPrivateGateways", "vgw-a")["routeTable"] = "rt-vgw";
    const Outcome through = analyse(d);
    EXPECT_VERDICT(through, "private");
    EXPECT_TRUE(through.flow.returnChecked && through.flow.returnOk) << through.text;
}

} // namespace
} // namespace pp::test
