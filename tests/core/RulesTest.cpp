// One group of tests per rule of NETWORK-RULES.md (sections 2-9), named Rule_<id>: each rule has
// at least one case where it lets the flow reach its good outcome and one where it blocks the flow
// or changes the verdict. Designs start from the worked examples in tests/data/examples (ex01,
// ex07, ex10...) and are changed in a few lines; every test asserts the verdict and, where the
// rule bites, the explanation code (blocking, hint or note) or the design finding, and the
// resources on the path.
#include "RulesSupport.h"

namespace pp::test {
namespace {

TEST(Rule_RT1, LongestPrefixWinsOverDefaultRoute)
{
    json d = twoPeeredVpcs();
    addRoute(d, "rt-app", "0.0.0.0/0", "nat-a"); // less specific than 10.1.0.0/16 -> pcx-ab
    setFlow(d, "i-app", "i-b", 5432);
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(pathIncludes(o, {"i-app", "rt-app", "pcx-ab", "i-b"}));
    EXPECT_TRUE(pathAvoids(o, "nat-a"));
}

TEST(Rule_RT1, MoreSpecificBlackholeRouteBeatsDefaultRoute)
{
    json d = oneVpc();
    res(d, "routeTables", "rt-app")["routes"].push_back({{"destination", "203.0.113.0/24"}, {"target", "nat-a"}, {"state", "blackhole"}});
    setFlow(d, "i-app", "web");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "BAD_STATE_ROUTE", "rt-app"));
    EXPECT_TRUE(pathAvoids(o, "igw-a"));
}

TEST(Rule_RT1, StaticRouteBeatsPropagatedRouteOfEqualPrefix)
{
    json d = onPremisesOverVpn();
    removeRoutes(d, "rt-app");
    res(d, "routeTables", "rt-app")["propagatingGateways"] = {"vgw-a"}; // propagated 192.168.0.0/16 -> vgw-a
    res(d, "routeTables", "rt-app")["routes"].push_back({{"destination", "192.168.0.0/16"}, {"target", "vgw-a"}, {"state", "blackhole"}});
    setFlow(d, "i-app", "onprem-host", 22);
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "BAD_STATE_ROUTE", "rt-app"));
}

TEST(Rule_RT1, PrefixListRouteBeatsPropagatedRouteOfEqualPrefix)
{
    json d = onPremisesOverVpn();
    removeRoutes(d, "rt-app");
    res(d, "routeTables", "rt-app")["propagatingGateways"] = {"vgw-a"}; // propagated 192.168.0.0/16 -> vgw-a
    add(d, "prefixLists", {{"id", "pl-dc"}, {"prefixListName", "data-centre"}, {"cidrs", {"192.168.0.0/16"}}});
    res(d, "routeTables", "rt-app")["routes"].push_back({{"destinationPrefixList", "pl-dc"}, {"target", "vgw-a"}, {"state", "blackhole"}});
    setFlow(d, "i-app", "onprem-host", 22);
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "BAD_STATE_ROUTE", "rt-app"));
}

TEST(Rule_RT1, PropagatedRouteUsedWhenNoStaticRoute)
{
    json d = onPremisesOverVpn();
    removeRoutes(d, "rt-app");
    res(d, "routeTables", "rt-app")["propagatingGateways"] = {"vgw-a"};
    setFlow(d, "i-app", "onprem-host", 22);
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(pathIncludes(o, {"i-app", "rt-app", "vgw-a", "vpn", "onprem-host"}));
}

TEST(Rule_RT2, PropagatedRouteDoesNotOverrideLocalRoute)
{
    json d = onPremisesOverVpn();
    res(d, "vpnConnections", "vpn")["remoteCidrs"] = {"192.168.0.0/16", "10.0.2.0/24"}; // overlaps app-b
    res(d, "routeTables", "rt-app")["propagatingGateways"] = {"vgw-a"};
    addDatabase(d);
    setFlow(d, "i-app", "i-db", 5432);
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(pathAvoids(o, "vgw-a"));
    EXPECT_TRUE(pathIncludes(o, {"i-app", "i-db"}));
}

TEST(Rule_RT2, OnPremisesHostInsideVpcRangeIsUnreachable)
{
    // On premises also uses 10.0.2.0/24 and advertises it; the local route keeps 10.0.2.0/24 in the
    // VPC, so the on-premises host is never reached.
    json d = onPremisesOverVpn();
    res(d, "onPremisesNetworks", "onprem")["cidrs"] = {"192.168.0.0/16", "10.0.2.0/24"};
    res(d, "vpnConnections", "vpn")["remoteCidrs"] = {"192.168.0.0/16", "10.0.2.0/24"};
    res(d, "routeTables", "rt-app")["propagatingGateways"] = {"vgw-a"};
    add(d, "onPremisesHosts", {{"id", "onprem-db"}, {"network", "onprem"}, {"address", "10.0.2.50"}});
    setFlow(d, "i-app", "onprem-db", 5432);
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(pathAvoids(o, "vgw-a"));
    EXPECT_FALSE(o.flow.blocking.empty()) << o.text;
}

TEST(Rule_RT3, Ipv6DestinationUsesIpv6Route)
{
    json d = oneVpc();
    addIpv6(d);
    addRoute(d, "rt-app", "::/0", "eigw-a");
    setFlow(d, "i-app", "web6");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "public");
    EXPECT_TRUE(pathIncludes(o, {"i-app", "rt-app", "eigw-a", "web6"}));
    EXPECT_TRUE(pathAvoids(o, "nat-a"));
}

TEST(Rule_RT3, Ipv4DefaultRouteDoesNotMatchIpv6Destination)
{
    json d = oneVpc();
    addIpv6(d); // rt-app still has only 0.0.0.0/0 -> nat-a
    setFlow(d, "i-app", "web6");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "NO_ROUTE_TO_DESTINATION", "rt-app"));
    EXPECT_TRUE(pathAvoids(o, "nat-a"));
}

TEST(Rule_RT3, Ipv4DestinationIgnoresIpv6Route)
{
    json d = oneVpc();
    addIpv6(d);
    removeRoutes(d, "rt-app");
    addRoute(d, "rt-app", "::/0", "eigw-a");
    setFlow(d, "i-app", "web");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "NO_ROUTE_TO_DESTINATION", "rt-app"));
    EXPECT_TRUE(pathAvoids(o, "eigw-a"));
}

TEST(Rule_RT3, SourceWithoutIpv6AddressCannotReachIpv6Destination)
{
    json d = oneVpc();
    addIpv6(d);
    addRoute(d, "rt-app", "::/0", "eigw-a");
    res(d, "workloads", "i-app").erase("ipv6Address"); // IPv4-only interface: it cannot send IPv6
    setFlow(d, "i-app", "web6");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_FALSE(o.flow.blocking.empty()) << o.text;
}

TEST(Rule_RT4, SubnetWithoutTableUsesMainRouteTable)
{
    json d = oneVpc();
    add(d, "subnets", {{"id", "app-c"}, {"vpc", "vpc-a"}, {"cidr", "10.0.3.0/24"}, {"availabilityZone", "use1-az2"}});
    add(d, "workloads", {{"id", "i-c"}, {"subnet", "app-c"}, {"privateIp", "10.0.3.10"}, {"securityGroups", {"sg-app"}}});
    setFlow(d, "i-c", "web");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "public");
    EXPECT_TRUE(pathIncludes(o, {"i-c", "rt-app", "nat-a", "rt-pub", "igw-a", "web"}));
}

TEST(Rule_RT4, ExplicitAssociationOverridesMainRouteTable)
{
    json d = oneVpc();
    add(d, "routeTables", {{"id", "rt-iso"}, {"vpc", "vpc-a"}});
    add(d, "subnets", {{"id", "app-c"}, {"vpc", "vpc-a"}, {"cidr", "10.0.3.0/24"}, {"availabilityZone", "use1-az2"}, {"routeTable", "rt-iso"}});
    add(d, "workloads", {{"id", "i-c"}, {"subnet", "app-c"}, {"privateIp", "10.0.3.10"}, {"securityGroups", {"sg-app"}}});
    setFlow(d, "i-c", "web");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "NO_ROUTE_TO_DESTINATION", "rt-iso"));
    EXPECT_TRUE(pathAvoids(o, "rt-app"));
}

TEST(Rule_RT4, PublicIpInSubnetWithoutIgwRouteIsNotPublic)
{
    // i-pub has a public IP but sits in app-a, whose table has no route to the IGW: a reply from
    // the internet would leave through nat-a, not igw-a.
    json d = oneVpc();
    add(d, "securityGroups", {{"id", "sg-pub"}, {"vpc", "vpc-a"}, {"inbound", {rule("tcp", 443, 443, "0.0.0.0/0")}}});
    add(d, "workloads", {{"id", "i-pub"}, {"subnet", "app-a"}, {"privateIp", "10.0.1.20"}, {"publicIp", true}, {"securityGroups", {"sg-pub"}}});
    setFlow(d, "web", "i-pub");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(o.flow.returnChecked && !o.flow.returnOk) << o.text;
    EXPECT_TRUE(hasCode(o, "NO_ROUTE_TO_DESTINATION", "rt-app"));
}

TEST(Rule_RT5, MatchingRouteForwards)
{
    json d = oneVpc();
    setFlow(d, "i-app", "web");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "public");
    EXPECT_TRUE(pathIncludes(o, {"i-app", "rt-app", "nat-a", "rt-pub", "igw-a", "web"}));
}

TEST(Rule_RT5, NoMatchingRouteDrops)
{
    json d = oneVpc();
    removeRoutes(d, "rt-app");
    setFlow(d, "i-app", "web");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "NO_ROUTE_TO_DESTINATION", "rt-app"));
}

TEST(Rule_RT5, RouteToFailedNatGatewayIsBadState)
{
    json d = oneVpc();
    res(d, "natGateways", "nat-a")["state"] = "failed";
    setFlow(d, "i-app", "web");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "BAD_STATE_ROUTE", "nat-a"));
    EXPECT_TRUE(pathAvoids(o, "igw-a"));
}

TEST(Rule_RT5, BlackholeRouteIsBadState)
{
    json d = oneVpc();
    res(d, "routeTables", "rt-app")["routes"][0]["state"] = "blackhole";
    setFlow(d, "i-app", "web");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "BAD_STATE_ROUTE", "rt-app"));
}

TEST(Rule_RT6, RouteToOwnVpcTargetIsValid)
{
    json d = oneVpc();
    setFlow(d, "i-app", "web");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "public");
    EXPECT_TRUE(lacksFinding(o, "ROUTE_TARGET_OTHER_VPC"));
    EXPECT_TRUE(lacksFinding(o, "LOCAL_ROUTE_OUTSIDE_VPC"));
}

TEST(Rule_RT6, RouteToNatGatewayOfAnotherVpcIsInvalid)
{
    json d = twoPeeredVpcs();
    add(d, "internetHosts", {{"id", "web"}, {"address", "203.0.113.10"}});
    addRoute(d, "rt-b", "0.0.0.0/0", "nat-a");
    setFlow(d, "i-b", "web");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasFinding(o, "ROUTE_TARGET_OTHER_VPC", {"rt-b", "nat-a"}));
    EXPECT_TRUE(hasCode(o, "ROUTE_TARGET_OTHER_VPC"));
}

TEST(Rule_RT6, LocalRouteOutsideVpcIsInvalid)
{
    json d = oneVpc();
    addRoute(d, "rt-app", "203.0.113.0/24", "local");
    setFlow(d, "i-app", "web");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasFinding(o, "LOCAL_ROUTE_OUTSIDE_VPC", {"rt-app"}));
    EXPECT_TRUE(pathAvoids(o, "nat-a"));
}

TEST(Rule_RT7, MiddleboxDetourWithoutLoopIsFine)
{
    json d = oneVpc();
    add(d, "routeTables", {{"id", "rt-fw"}, {"vpc", "vpc-a"}, {"routes", {{{"destination", "0.0.0.0/0"}, {"target", "nat-a"}}}}});
    add(d, "subnets", {{"id", "fw-a"}, {"vpc", "vpc-a"}, {"cidr", "10.0.3.0/24"}, {"availabilityZone", "use1-az1"}, {"routeTable", "rt-fw"}});
    add(d, "workloads", {{"id", "i-fw"}, {"subnet", "fw-a"}, {"privateIp", "10.0.3.10"}, {"securityGroups", {"sg-app"}}});
    res(d, "routeTables", "rt-app")["routes"][0]["target"] = "i-fw";
    setFlow(d, "i-app", "web");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "public");
    EXPECT_TRUE(pathIncludes(o, {"i-app", "rt-app", "i-fw", "rt-fw", "nat-a", "igw-a", "web"}));
    EXPECT_TRUE(lacksFinding(o, "CYCLIC_PATH_DETECTED"));
}

TEST(Rule_RT7, RoutingLoopIsReported)
{
    // rt-app sends the internet to i-fw, whose own subnet (app-b) also uses rt-app.
    json d = oneVpc();
    add(d, "workloads", {{"id", "i-fw"}, {"subnet", "app-b"}, {"privateIp", "10.0.2.30"}, {"securityGroups", {"sg-app"}}});
    res(d, "routeTables", "rt-app")["routes"][0]["target"] = "i-fw";
    setFlow(d, "i-app", "web");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "CYCLIC_PATH_DETECTED"));
    EXPECT_TRUE(hasFinding(o, "CYCLIC_PATH_DETECTED", {"rt-app", "i-fw"}));
    EXPECT_LE(o.flow.path.size(), 64u + 8u) << o.text;
}

TEST(Rule_RT7, TransitGatewayLoopIsReported)
{
    // tgw-rt sends 10.9.0.0/16 to VPC-B, whose table sends it back to the transit gateway.
    json d = transitGateway();
    res(d, "transitGatewayRouteTables", "tgw-rt")["routes"] = {{{"destination", "10.9.0.0/16"}, {"attachment", "tgw-att-b"}}};
    addRoute(d, "rt-app", "10.9.0.0/16", "tgw");
    addRoute(d, "rt-b", "10.9.0.0/16", "tgw");
    add(d, "internetHosts", {{"id", "far"}, {"address", "10.9.0.5"}, {"dnsName", "far.example"}});
    setFlow(d, "i-app", "far");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "CYCLIC_PATH_DETECTED"));
    EXPECT_TRUE(hasFinding(o, "CYCLIC_PATH_DETECTED", {"tgw-rt"}));
}

// ======================================================================================
// 3. Internet, NAT, egress-only
// ======================================================================================

TEST(Rule_IGW1, PublicInstanceReachesInternet)
{
    json d = oneVpc();
    setFlow(d, "i-web", "web");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "public");
    EXPECT_TRUE(pathIncludes(o, {"i-web", "rt-pub", "igw-a", "web"}));
    ASSERT_TRUE(o.flow.leavesAt.has_value()) << o.text;
    EXPECT_EQ(o.flow.path[*o.flow.leavesAt].resource, "igw-a") << o.text;
    EXPECT_TRUE(hasCode(o, "PATH_LEAVES_PRIVATE_NETWORK", "igw-a"));
}

TEST(Rule_IGW1, DetachedInternetGatewayCarriesNothing)
{
    json d = oneVpc();
    res(d, "internetGateways", "igw-a").erase("vpc");
    setFlow(d, "i-web", "web");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasAnyCode(o, {"BAD_STATE_ROUTE", "NO_ROUTE_TO_DESTINATION"}));
}

TEST(Rule_IGW1, SecurityGroupMustAllowEgress)
{
    json d = oneVpc();
    add(d, "securityGroups", {{"id", "sg-closed"}, {"vpc", "vpc-a"}, {"outbound", {rule("tcp", 443, 443, "10.0.0.0/16")}}});
    res(d, "workloads", "i-web")["securityGroups"] = {"sg-closed"};
    setFlow(d, "i-web", "web");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "ENI_SG_RULES_MISMATCH", "sg-closed"));
}

TEST(Rule_IGW1, InternetReachesPublicInstanceOnAllowedPort)
{
    json d = oneVpc();
    res(d, "securityGroups", "sg-app")["inbound"] = {rule("tcp", 443, 443, "0.0.0.0/0")};
    setFlow(d, "web", "i-web");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "public");
    EXPECT_TRUE(pathIncludes(o, {"web", "igw-a", "i-web"}));
    EXPECT_TRUE(o.flow.returnOk) << o.text;
}

TEST(Rule_IGW1, InternetReachesIpv6InstanceThroughInternetGateway)
{
    // An IPv6 address is globally reachable through an internet gateway (unlike an egress-only one).
    json d = oneVpc();
    addIpv6(d);
    res(d, "subnets", "pub-a")["ipv6Cidr"] = "2600:1f18:aa:bb00::/64";
    res(d, "workloads", "i-web")["ipv6Address"] = "2600:1f18:aa:bb00::20";
    res(d, "workloads", "i-web").erase("publicIp");
    addRoute(d, "rt-pub", "::/0", "igw-a");
    res(d, "securityGroups", "sg-app")["inbound"] = {rule("tcp", 443, 443, "::/0")};
    setFlow(d, "web6", "i-web");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "public");
    EXPECT_TRUE(pathIncludes(o, {"web6", "igw-a", "i-web"}));
}

TEST(Rule_IGW2, SourceWithPublicIpUsesIgw)
{
    json d = oneVpc();
    setFlow(d, "i-web", "web");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "public");
    EXPECT_TRUE(pathIncludes(o, {"i-web", "igw-a", "web"}));
    EXPECT_TRUE(pathAvoids(o, "nat-a"));
}

TEST(Rule_IGW2, SourceWithoutPublicIpCannotUseIgw)
{
    json d = oneVpc();
    res(d, "workloads", "i-web").erase("publicIp");
    setFlow(d, "i-web", "web");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS"));
}

TEST(Rule_IGW2, PublicIpInSubnetWithoutIgwRouteCannotUseIgw)
{
    json d = oneVpc();
    add(d, "routeTables", {{"id", "rt-iso"}, {"vpc", "vpc-a"}});
    add(d, "subnets", {{"id", "iso-a"}, {"vpc", "vpc-a"}, {"cidr", "10.0.3.0/24"}, {"availabilityZone", "use1-az1"}, {"routeTable", "rt-iso"}});
    add(d, "workloads", {{"id", "i-pub"}, {"subnet", "iso-a"}, {"privateIp", "10.0.3.10"}, {"publicIp", true}, {"securityGroups", {"sg-app"}}});
    setFlow(d, "i-pub", "web");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "NO_ROUTE_TO_DESTINATION", "rt-iso"));
    EXPECT_TRUE(pathAvoids(o, "igw-a"));
}

TEST(Rule_IGW3, IgwForwardsToPublicDestination)
{
    json d = oneVpc();
    setFlow(d, "i-web", "web");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "public");
    EXPECT_TRUE(lacksCode(o, "IGW_DESTINATION_ADDRESS_NOT_IN_RFC1918_EGRESS"));
}

TEST(Rule_IGW3, IgwDropsRfc1918Destination)
{
    json d = oneVpc();
    add(d, "internetHosts", {{"id", "rfc1918"}, {"address", "192.168.50.10"}});
    setFlow(d, "i-web", "rfc1918");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "IGW_DESTINATION_ADDRESS_NOT_IN_RFC1918_EGRESS", "igw-a"));
}

TEST(Rule_IGW3, IgwDropsRfc6598Destination)
{
    json d = oneVpc();
    add(d, "internetHosts", {{"id", "cgnat"}, {"address", "100.64.0.10"}});
    setFlow(d, "i-web", "cgnat");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "IGW_DESTINATION_ADDRESS_NOT_IN_RFC1918_EGRESS", "igw-a"));
}

TEST(Rule_IGW4, PublicNatInPublicSubnetReachesInternet)
{
    json d = oneVpc();
    setFlow(d, "i-app", "web");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "public");
    EXPECT_TRUE(pathIncludes(o, {"i-app", "rt-app", "nat-a", "rt-pub", "igw-a", "web"}));
    EXPECT_TRUE(lacksFinding(o, "NAT_PUBLIC_WITHOUT_IGW"));
}

TEST(Rule_IGW4, NatInSubnetWithoutIgwRouteForwardsNowhere)
{
    json d = oneVpc();
    add(d, "routeTables", {{"id", "rt-nat"}, {"vpc", "vpc-a"}});
    add(d, "subnets", {{"id", "nat-sub"}, {"vpc", "vpc-a"}, {"cidr", "10.0.3.0/24"}, {"availabilityZone", "use1-az1"}, {"routeTable", "rt-nat"}});
    res(d, "natGateways", "nat-a")["subnet"] = "nat-sub";
    res(d, "natGateways", "nat-a")["privateIp"] = "10.0.3.10";
    setFlow(d, "i-app", "web");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "NO_ROUTE_TO_DESTINATION", "rt-nat"));
    EXPECT_TRUE(pathIncludes(o, {"i-app", "rt-app", "nat-a", "rt-nat"}));
}

TEST(Rule_IGW4, PublicNatInVpcWithoutIgwIsInvalid)
{
    json d = oneVpc();
    d.erase("internetGateways");
    removeRoutes(d, "rt-pub");
    setFlow(d, "i-app", "web");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasFinding(o, "NAT_PUBLIC_WITHOUT_IGW", {"nat-a", "vpc-a"}));
}

TEST(Rule_IGW4, PublicNatWithoutElasticIpIsInvalid)
{
    json d = oneVpc();
    res(d, "natGateways", "nat-a").erase("elasticIp");
    setFlow(d, "i-app", "web");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasFinding(o, "NAT_PUBLIC_WITHOUT_EIP", {"nat-a"}));
}

// Centralized egress: VPC-B's internet traffic goes through the transit gateway to nat-a in VPC-A.
json centralizedEgress()
{
    json d = transitGateway();
    add(d, "internetHosts", {{"id", "web"}, {"address", "203.0.113.10"}});
    addRoute(d, "rt-b", "0.0.0.0/0", "tgw");
    addRoute(d, "rt-app", "0.0.0.0/0", "nat-a");
    addRoute(d, "rt-pub", "10.1.0.0/16", "tgw"); // replies from the NAT gateway back to VPC-B
    res(d, "transitGatewayRouteTables", "tgw-rt")["routes"] = {{{"destination", "0.0.0.0/0"}, {"attachment", "tgw-att-a"}}};
    setFlow(d, "i-b", "web");
    return d;
}

TEST(Rule_IGW5, TransitGatewaySpokeCanUseNatGateway)
{
    const Outcome o = analyse(centralizedEgress());
    EXPECT_VERDICT(o, "public");
    EXPECT_TRUE(pathIncludes(o, {"i-b", "rt-b", "tgw-att-b", "tgw-rt", "tgw-att-a", "rt-app", "nat-a", "rt-pub", "igw-a", "web"}));
    EXPECT_TRUE(lacksCode(o, "NGW_REQUIRES_SOURCE_IN_VPC"));
}

TEST(Rule_IGW5, PrivateNatGatewayNeverReachesInternet)
{
    json d = oneVpc();
    add(d, "natGateways", {{"id", "nat-priv"}, {"subnet", "pub-a"}, {"connectivity", "private"}, {"privateIp", "10.0.0.11"}});
    res(d, "routeTables", "rt-app")["routes"][0]["target"] = "nat-priv";
    setFlow(d, "i-app", "web");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "CANNOT_ROUTE", "nat-priv"));
}

TEST(Rule_IGW5, VpnTrafficCannotUseNatGateway)
{
    json d = oneVpc();
    addVpn(d);
    res(d, "onPremisesNetworks", "onprem")["routes"].push_back({{"destination", "0.0.0.0/0"}, {"via", "vpn"}});
    setFlow(d, "onprem-host", "web");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "NGW_REQUIRES_SOURCE_IN_VPC"));
    EXPECT_TRUE(pathAvoids(o, "igw-a"));
}

TEST(Rule_IGW5, PeeringTrafficCannotUseNatGateway)
{
    json d = twoPeeredVpcs();
    add(d, "internetHosts", {{"id", "web"}, {"address", "203.0.113.10"}});
    addRoute(d, "rt-b", "0.0.0.0/0", "pcx-ab");
    addRoute(d, "rt-app", "0.0.0.0/0", "nat-a");
    setFlow(d, "i-b", "web");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasAnyCode(o, {"NGW_REQUIRES_SOURCE_IN_VPC", "PCX_REQUIRES_ADDRESS_IN_VPC_CIDR"}));
    EXPECT_TRUE(pathAvoids(o, "igw-a"));
}

TEST(Rule_IGW6, SameRegionServiceThroughNatIsPublicButStaysOnAws)
{
    json d = oneVpc();
    setFlow(d, "i-app", "s3");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "public");
    EXPECT_TRUE(pathIncludes(o, {"i-app", "rt-app", "nat-a", "rt-pub", "igw-a", "s3"}));
    EXPECT_TRUE(hasCode(o, "STAYS_ON_AWS_NETWORK", "s3"));
    EXPECT_TRUE(hasCode(o, "PATH_LEAVES_PRIVATE_NETWORK", "igw-a"));
    EXPECT_TRUE(hasCode(o, "USE_GATEWAY_ENDPOINT"));
}

TEST(Rule_IGW6, OtherRegionServiceThroughNatDoesNotStayOnAws)
{
    json d = oneVpc();
    addEuWest1(d);
    setFlow(d, "i-app", "sqs-eu");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "public");
    EXPECT_TRUE(hasCode(o, "PATH_LEAVES_PRIVATE_NETWORK", "igw-a"));
    EXPECT_TRUE(lacksCode(o, "STAYS_ON_AWS_NETWORK"));
}

TEST(Rule_IGW7, Ipv6EgressThroughEgressOnlyGateway)
{
    json d = oneVpc();
    addIpv6(d);
    addRoute(d, "rt-app", "::/0", "eigw-a");
    setFlow(d, "i-app", "web6");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "public");
    EXPECT_TRUE(pathIncludes(o, {"i-app", "eigw-a", "web6"}));
    EXPECT_TRUE(hasCode(o, "PATH_LEAVES_PRIVATE_NETWORK", "eigw-a"));
    EXPECT_TRUE(lacksFinding(o, "EIGW_IPV4_ROUTE"));
}

TEST(Rule_IGW7, Ipv4RouteToEgressOnlyGatewayIsInvalid)
{
    json d = oneVpc();
    addIpv6(d);
    res(d, "routeTables", "rt-app")["routes"][0]["target"] = "eigw-a";
    setFlow(d, "i-app", "web");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasFinding(o, "EIGW_IPV4_ROUTE", {"rt-app", "eigw-a"}));
}

TEST(Rule_IGW7, InternetCannotInitiateThroughEgressOnlyGateway)
{
    json d = oneVpc();
    addIpv6(d);
    addRoute(d, "rt-app", "::/0", "eigw-a");
    res(d, "securityGroups", "sg-app")["inbound"] = {rule("tcp", 443, 443, "::/0")};
    setFlow(d, "web6", "i-app");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_FALSE(o.flow.blocking.empty()) << o.text;
    // The request may come in through the internet gateway, but the reply is routed to the
    // egress-only gateway, which carries only connections initiated from inside.
    EXPECT_FALSE(o.flow.returnOk) << o.text;
}

TEST(Rule_IGW8, NatGatewayHasNoSecurityGroup)
{
    // A default group that admits nobody would stop the flow if it applied to the NAT gateway.
    json d = oneVpc();
    add(d, "securityGroups", {{"id", "sg-default"}, {"vpc", "vpc-a"}, {"isDefault", true}});
    setFlow(d, "i-app", "web");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "public");
    EXPECT_TRUE(pathIncludes(o, {"nat-a", "igw-a", "web"}));
    EXPECT_TRUE(pathAvoids(o, "sg-default"));
}

TEST(Rule_IGW8, NatSubnetAclStillApplies)
{
    json d = oneVpc();
    add(d, "networkAcls", {{"id", "acl-pub"}, {"vpc", "vpc-a"},
                           {"inbound", {aclEntry(100, "all", 0, 65535, "10.0.1.0/24", "deny"), aclEntry(200, "all", 0, 65535, "0.0.0.0/0", "allow")}},
                           {"outbound", {aclEntry(100, "all", 0, 65535, "0.0.0.0/0", "allow")}}});
    res(d, "subnets", "pub-a")["networkAcl"] = "acl-pub";
    setFlow(d, "i-app", "web");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "SUBNET_ACL_RESTRICTION", "acl-pub"));
}

TEST(Rule_IGW8, EgressOnlyGatewaySubnetAclStillApplies)
{
    json d = oneVpc();
    addIpv6(d);
    addRoute(d, "rt-app", "::/0", "eigw-a");
    add(d, "networkAcls", {{"id", "acl-app"}, {"vpc", "vpc-a"},
                           {"inbound", {aclEntry(100, "all", 0, 65535, "::/0", "allow")}},
                           {"outbound", {aclEntry(100, "all", 0, 65535, "0.0.0.0/0", "allow")}}}); // nothing for IPv6
    res(d, "subnets", "app-a")["networkAcl"] = "acl-app";
    setFlow(d, "i-app", "web6");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "SUBNET_ACL_RESTRICTION", "acl-app"));
}

TEST(Rule_IGW8, NatSubnetAclMustAllowRepliesFromInternet)
{
    json d = oneVpc();
    add(d, "networkAcls", {{"id", "acl-pub"}, {"vpc", "vpc-a"},
                           {"inbound", {aclEntry(100, "all", 0, 65535, "10.0.0.0/16", "allow")}}, // nothing from the internet
                           {"outbound", {aclEntry(100, "all", 0, 65535, "0.0.0.0/0", "allow")}}});
    res(d, "subnets", "pub-a")["networkAcl"] = "acl-pub";
    setFlow(d, "i-app", "web");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(o.flow.returnChecked && !o.flow.returnOk) << o.text;
    EXPECT_TRUE(hasCode(o, "SUBNET_ACL_RESTRICTION", "acl-pub"));
}

// ======================================================================================
// 4. Security groups and network ACLs
// ======================================================================================

TEST(Rule_SG1, StatefulReplyPassesWithoutOutboundRule)
{
    json d = oneVpc();
    addDatabase(d); // sg-db has no outbound rule at all
    setFlow(d, "i-app", "i-db", 5432);
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(pathIncludes(o, {"i-app", "sg-app", "sg-db", "i-db"}));
    EXPECT_TRUE(o.flow.returnChecked && o.flow.returnOk) << o.text;
}

TEST(Rule_SG1, DestinationIngressMustAllow)
{
    json d = oneVpc();
    addDatabase(d);
    res(d, "securityGroups", "sg-db")["inbound"] = {rule("tcp", 3306, 3306, "10.0.0.0/16")};
    setFlow(d, "i-app", "i-db", 5432);
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "ENI_SG_RULES_MISMATCH", "sg-db"));
}

TEST(Rule_SG1, SourceEgressMustAllow)
{
    json d = oneVpc();
    addDatabase(d);
    res(d, "securityGroups", "sg-app")["outbound"] = {rule("tcp", 443, 443, "0.0.0.0/0")};
    setFlow(d, "i-app", "i-db", 5432);
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "ENI_SG_RULES_MISMATCH", "sg-app"));
}

TEST(Rule_SG1, EveryBlockingGroupIsReported)
{
    json d = oneVpc();
    addDatabase(d);
    res(d, "securityGroups", "sg-app")["outbound"] = {rule("tcp", 443, 443, "0.0.0.0/0")};
    res(d, "securityGroups", "sg-db")["inbound"] = {rule("tcp", 3306, 3306, "10.0.0.0/16")};
    setFlow(d, "i-app", "i-db", 5432);
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "ENI_SG_RULES_MISMATCH", "sg-app"));
    EXPECT_TRUE(hasCode(o, "ENI_SG_RULES_MISMATCH", "sg-db"));
}

TEST(Rule_SG2, SecurityGroupPeerAdmitsItsMembers)
{
    json d = oneVpc();
    addDatabase(d);
    res(d, "securityGroups", "sg-db")["inbound"] = {{{"protocol", "tcp"}, {"fromPort", 5432}, {"toPort", 5432}, {"securityGroup", "sg-app"}}};
    setFlow(d, "i-app", "i-db", 5432);
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(pathIncludes(o, {"i-app", "sg-db", "i-db"}));
}

TEST(Rule_SG2, SecurityGroupPeerRejectsNonMembers)
{
    json d = oneVpc();
    addDatabase(d);
    add(d, "securityGroups", {{"id", "sg-other"}, {"vpc", "vpc-a"}});
    res(d, "securityGroups", "sg-db")["inbound"] = {{{"protocol", "tcp"}, {"fromPort", 5432}, {"toPort", 5432}, {"securityGroup", "sg-other"}}};
    setFlow(d, "i-app", "i-db", 5432);
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "ENI_SG_RULES_MISMATCH", "sg-db"));
}

TEST(Rule_SG2, PrefixListPeerAllowsS3)
{
    json d = oneVpc();
    addS3GatewayEndpoint(d);
    addS3PrefixList(d);
    res(d, "securityGroups", "sg-app")["outbound"] = {{{"protocol", "tcp"}, {"fromPort", 443}, {"toPort", 443}, {"prefixList", "pl-s3"}}};
    setFlow(d, "i-app", "s3");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(pathIncludes(o, {"i-app", "sg-app", "rt-app", "vpce-s3", "s3"}));
}

TEST(Rule_SG2, PrefixListPeerDoesNotCoverOtherDestinations)
{
    json d = oneVpc();
    addS3PrefixList(d);
    res(d, "securityGroups", "sg-app")["outbound"] = {{{"protocol", "tcp"}, {"fromPort", 443}, {"toPort", 443}, {"prefixList", "pl-s3"}}};
    setFlow(d, "i-app", "web");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "ENI_SG_RULES_MISMATCH", "sg-app"));
}

TEST(Rule_SG2, SecurityGroupOfPeeredVpcCanBeReferenced)
{
    // Same-Region peering: sg-b may admit the members of sg-app in VPC-A.
    json d = twoPeeredVpcs();
    res(d, "securityGroups", "sg-b")["inbound"] = {{{"protocol", "tcp"}, {"fromPort", 5432}, {"toPort", 5432}, {"securityGroup", "sg-app"}}};
    setFlow(d, "i-app", "i-b", 5432);
    const Outcome o = analyse(d);
    EXPECT_TRUE(lacksFinding(o, "REFERENCE_OTHER_VPC"));
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(pathIncludes(o, {"i-app", "pcx-ab", "sg-b", "i-b"}));
}

TEST(Rule_SG3, DefaultGroupMembersReachEachOther)
{
    json d = oneVpc();
    add(d, "workloads", {{"id", "i-x"}, {"subnet", "app-a"}, {"privateIp", "10.0.1.30"}});
    add(d, "workloads", {{"id", "i-y"}, {"subnet", "app-b"}, {"privateIp", "10.0.2.30"}});
    setFlow(d, "i-x", "i-y", 8080);
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(pathIncludes(o, {"i-x", "i-y"}));
}

TEST(Rule_SG3, DeclaredDefaultGroupSelfReferenceAdmitsMembers)
{
    json d = oneVpc();
    add(d, "securityGroups", {{"id", "sg-default"}, {"vpc", "vpc-a"}, {"isDefault", true},
                              {"inbound", {{{"protocol", "all"}, {"securityGroup", "sg-default"}}}},
                              {"outbound", {allTraffic("0.0.0.0/0")}}});
    add(d, "workloads", {{"id", "i-x"}, {"subnet", "app-a"}, {"privateIp", "10.0.1.30"}});
    add(d, "workloads", {{"id", "i-y"}, {"subnet", "app-b"}, {"privateIp", "10.0.2.30"}});
    setFlow(d, "i-x", "i-y", 8080);
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "private");
}

TEST(Rule_SG3, DefaultGroupRejectsNonMembers)
{
    json d = oneVpc();
    add(d, "workloads", {{"id", "i-y"}, {"subnet", "app-b"}, {"privateIp", "10.0.2.30"}});
    setFlow(d, "i-app", "i-y", 8080);
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "ENI_SG_RULES_MISMATCH"));
}

TEST(Rule_SG3, InterfaceEndpointWithoutGroupGetsDefaultGroup)
{
    json d = oneVpc();
    addSqsEndpoint(d);
    res(d, "vpcEndpoints", "vpce-sqs").erase("securityGroups");
    setFlow(d, "i-app", "sqs"); // i-app is in sg-app, not in the default group
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "ENI_SG_RULES_MISMATCH"));
    EXPECT_TRUE(pathIncludes(o, {"i-app"}));
}

TEST(Rule_SG3, InterfaceEndpointInDefaultGroupAdmitsDefaultGroupClient)
{
    json d = oneVpc();
    addSqsEndpoint(d);
    res(d, "vpcEndpoints", "vpce-sqs").erase("securityGroups");
    add(d, "workloads", {{"id", "i-x"}, {"subnet", "app-a"}, {"privateIp", "10.0.1.30"}});
    setFlow(d, "i-x", "sqs");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(pathIncludes(o, {"i-x", "vpce-sqs", "sqs"}));
}

// app-a gets acl-app; i-app talks to i-db (app-b) on 5432.
json aclDesign(json inbound, json outbound)
{
    json d = oneVpc();
    addDatabase(d);
    add(d, "networkAcls", {{"id", "acl-app"}, {"vpc", "vpc-a"}, {"inbound", std::move(inbound)}, {"outbound", std::move(outbound)}});
    res(d, "subnets", "app-a")["networkAcl"] = "acl-app";
    setFlow(d, "i-app", "i-db", 5432);
    return d;
}

TEST(Rule_ACL1, BothDirectionsAllowedIncludingEphemeralReplies)
{
    const Outcome o = analyse(aclDesign({aclEntry(100, "tcp", 1024, 65535, "10.0.0.0/16", "allow")},
                                        {aclEntry(100, "tcp", 5432, 5432, "10.0.0.0/16", "allow")}));
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(pathIncludes(o, {"i-app", "acl-app", "i-db"}));
    EXPECT_TRUE(o.flow.returnChecked && o.flow.returnOk) << o.text;
}

TEST(Rule_ACL1, LowestNumberedAllowWinsOverLaterDeny)
{
    const Outcome o = analyse(aclDesign({aclEntry(100, "all", 0, 65535, "0.0.0.0/0", "allow")},
                                        {aclEntry(90, "tcp", 5432, 5432, "10.0.2.0/24", "allow"),
                                         aclEntry(100, "all", 0, 65535, "10.0.0.0/16", "deny")}));
    EXPECT_VERDICT(o, "private");
}

TEST(Rule_ACL1, LowestNumberedDenyWinsOverLaterAllow)
{
    const Outcome o = analyse(aclDesign({aclEntry(100, "all", 0, 65535, "0.0.0.0/0", "allow")},
                                        {aclEntry(100, "all", 0, 65535, "0.0.0.0/0", "allow"),
                                         aclEntry(90, "all", 0, 65535, "10.0.2.0/24", "deny")}));
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "SUBNET_ACL_RESTRICTION", "acl-app"));
}

TEST(Rule_ACL1, ImplicitDenyAtTheEnd)
{
    const Outcome o = analyse(aclDesign({aclEntry(100, "all", 0, 65535, "0.0.0.0/0", "allow")},
                                        {aclEntry(100, "tcp", 443, 443, "0.0.0.0/0", "allow")}));
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "SUBNET_ACL_RESTRICTION", "acl-app"));
}

TEST(Rule_ACL1, RepliesOnEphemeralPortsMustBeAllowed)
{
    const Outcome o = analyse(aclDesign({aclEntry(100, "tcp", 5432, 5432, "10.0.0.0/16", "allow")},
                                        {aclEntry(100, "tcp", 5432, 5432, "10.0.0.0/16", "allow")}));
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(o.flow.returnChecked && !o.flow.returnOk) << o.text;
    EXPECT_TRUE(hasCode(o, "SUBNET_ACL_RESTRICTION", "acl-app"));
}

TEST(Rule_ACL1, DestinationSubnetAclInboundApplies)
{
    json d = oneVpc();
    addDatabase(d);
    add(d, "networkAcls", {{"id", "acl-db"}, {"vpc", "vpc-a"},
                           {"inbound", {aclEntry(100, "tcp", 3306, 3306, "10.0.0.0/16", "allow")}},
                           {"outbound", {aclEntry(100, "all", 0, 65535, "0.0.0.0/0", "allow")}}});
    res(d, "subnets", "app-b")["networkAcl"] = "acl-db";
    setFlow(d, "i-app", "i-db", 5432);
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "SUBNET_ACL_RESTRICTION", "acl-db"));
}

TEST(Rule_ACL1, SubnetWithoutAclUsesDefaultAllowAll)
{
    // acl-db exists in the VPC but is associated with no subnet.
    json d = oneVpc();
    addDatabase(d);
    add(d, "networkAcls", {{"id", "acl-db"}, {"vpc", "vpc-a"}});
    setFlow(d, "i-app", "i-db", 5432);
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(pathAvoids(o, "acl-db"));
}

// ======================================================================================
// 5. Gateway endpoints
// ======================================================================================

TEST(Rule_GW1, S3GatewayEndpointIsPrivate)
{
    json d = oneVpc();
    addS3GatewayEndpoint(d);
    setFlow(d, "i-app", "s3");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(pathIncludes(o, {"i-app", "rt-app", "vpce-s3", "s3"}));
    EXPECT_TRUE(lacksFinding(o, "GATEWAY_ENDPOINT_SERVICE_UNSUPPORTED"));
}

TEST(Rule_GW1, DynamoDbGatewayEndpointIsPrivate)
{
    json d = oneVpc();
    add(d, "awsServices", {{"id", "ddb"}, {"service", "dynamodb"}, {"region", "use1"}});
    add(d, "vpcEndpoints", {{"id", "vpce-ddb"}, {"vpc", "vpc-a"}, {"endpointType", "gateway"}, {"service", "ddb"}, {"routeTables", {"rt-app"}}});
    setFlow(d, "i-app", "ddb");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(pathIncludes(o, {"i-app", "rt-app", "vpce-ddb", "ddb"}));
}

TEST(Rule_GW1, GatewayEndpointForSqsIsInvalid)
{
    json d = oneVpc();
    add(d, "awsServices", {{"id", "sqs"}, {"service", "sqs"}, {"region", "use1"}});
    add(d, "vpcEndpoints", {{"id", "vpce-gw-sqs"}, {"vpc", "vpc-a"}, {"endpointType", "gateway"}, {"service", "sqs"}, {"routeTables", {"rt-app"}}});
    setFlow(d, "i-app", "sqs");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasFinding(o, "GATEWAY_ENDPOINT_SERVICE_UNSUPPORTED", {"vpce-gw-sqs"}));
}

TEST(Rule_GW2, AssociatedRouteTableUsesEndpoint)
{
    json d = oneVpc();
    addS3GatewayEndpoint(d);
    setFlow(d, "i-app", "s3");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(pathIncludes(o, {"rt-app", "vpce-s3", "s3"}));
    EXPECT_TRUE(pathAvoids(o, "nat-a"));
}

// vpce-s3 on rt-iso, the table of app-c only. (Not on rt-pub: nat-a's own subnet uses rt-pub, so
// traffic through nat-a would take the endpoint and stay private.)
void addS3EndpointOnOtherTable(json& d)
{
    add(d, "routeTables", {{"id", "rt-iso"}, {"vpc", "vpc-a"}});
    add(d, "subnets", {{"id", "app-c"}, {"vpc", "vpc-a"}, {"cidr", "10.0.3.0/24"}, {"availabilityZone", "use1-az2"}, {"routeTable", "rt-iso"}});
    addS3GatewayEndpoint(d, {"rt-iso"});
}

TEST(Rule_GW2, UnassociatedRouteTableDoesNotUseEndpoint)
{
    json d = oneVpc();
    addS3EndpointOnOtherTable(d);
    setFlow(d, "i-app", "s3");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "public");
    EXPECT_TRUE(pathIncludes(o, {"rt-app", "nat-a", "igw-a", "s3"}));
    EXPECT_TRUE(hasCode(o, "GATEWAY_ENDPOINT_NOT_ASSOCIATED", "vpce-s3"));
}

TEST(Rule_GW2, NatSubnetTableWithEndpointCarriesNatTraffic)
{
    // nat-a's subnet uses rt-pub, which has the endpoint route: the NAT gateway's traffic to S3
    // takes the endpoint, on private addresses.
    json d = oneVpc();
    addS3GatewayEndpoint(d, {"rt-pub"});
    setFlow(d, "i-app", "s3");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(pathIncludes(o, {"rt-app", "nat-a", "rt-pub", "vpce-s3", "s3"}));
    EXPECT_TRUE(pathAvoids(o, "igw-a"));
}

TEST(Rule_GW2, UnassociatedRouteTableWithoutDefaultRouteIsUnreachable)
{
    json d = oneVpc();
    removeRoutes(d, "rt-app");
    addS3EndpointOnOtherTable(d);
    setFlow(d, "i-app", "s3");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "NO_ROUTE_TO_DESTINATION", "rt-app"));
    EXPECT_TRUE(hasCode(o, "GATEWAY_ENDPOINT_NOT_ASSOCIATED", "vpce-s3"));
}

TEST(Rule_GW2, HandWrittenEndpointRouteIsInvalid)
{
    json d = oneVpc();
    addS3GatewayEndpoint(d, {});
    addS3PrefixList(d);
    res(d, "routeTables", "rt-app")["routes"].push_back({{"destinationPrefixList", "pl-s3"}, {"target", "vpce-s3"}});
    setFlow(d, "i-app", "s3");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasFinding(o, "GATEWAY_ENDPOINT_MANUAL_ROUTE", {"rt-app", "vpce-s3"}));
}

TEST(Rule_GW3, DifferentTablesMayUseDifferentEndpoints)
{
    json d = oneVpc();
    addS3GatewayEndpoint(d, {"rt-app"}, "vpce-s3a");
    addS3GatewayEndpoint(d, {"rt-pub"}, "vpce-s3b");
    setFlow(d, "i-app", "s3");
    addFlow(d, "flow-web", "i-web", "s3");
    const Outcome app = analyse(d);
    const Outcome web = analyse(d, "flow-web");
    EXPECT_TRUE(lacksFinding(app, "GATEWAY_ENDPOINT_DUPLICATE"));
    EXPECT_VERDICT(app, "private");
    EXPECT_TRUE(pathIncludes(app, {"rt-app", "vpce-s3a", "s3"}));
    EXPECT_VERDICT(web, "private");
    EXPECT_TRUE(pathIncludes(web, {"rt-pub", "vpce-s3b", "s3"}));
}

TEST(Rule_GW3, TwoEndpointsForOneServiceOnOneTableAreInvalid)
{
    json d = oneVpc();
    addS3GatewayEndpoint(d, {"rt-app"}, "vpce-s3a");
    addS3GatewayEndpoint(d, {"rt-app"}, "vpce-s3b");
    setFlow(d, "i-app", "s3");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasFinding(o, "GATEWAY_ENDPOINT_DUPLICATE", {"rt-app", "vpce-s3a", "vpce-s3b"}));
}

TEST(Rule_GW4, EndpointBeatsDefaultRoute)
{
    json d = oneVpc(); // rt-app keeps 0.0.0.0/0 -> nat-a
    addS3GatewayEndpoint(d);
    setFlow(d, "i-app", "s3");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(pathIncludes(o, {"rt-app", "vpce-s3", "s3"}));
    EXPECT_TRUE(pathAvoids(o, "nat-a"));
}

TEST(Rule_GW4, MoreSpecificStaticRouteBeatsEndpoint)
{
    // S3's address 3.5.0.1 is in the prefix-list entry 3.5.0.0/19; 3.5.0.0/24 is more specific.
    json d = oneVpc();
    addS3GatewayEndpoint(d);
    addRoute(d, "rt-app", "3.5.0.0/24", "nat-a");
    setFlow(d, "i-app", "s3");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "public");
    EXPECT_TRUE(pathIncludes(o, {"rt-app", "nat-a", "igw-a", "s3"}));
    EXPECT_TRUE(pathAvoids(o, "vpce-s3"));
    EXPECT_TRUE(hasCode(o, "MORE_SPECIFIC_ROUTE"));
}

TEST(Rule_GW4, StaticRouteWithSameCidrBeatsEndpoint)
{
    json d = oneVpc();
    addS3GatewayEndpoint(d);
    addRoute(d, "rt-app", "3.5.0.0/19", "nat-a");
    setFlow(d, "i-app", "s3");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "public");
    EXPECT_TRUE(pathIncludes(o, {"rt-app", "nat-a", "igw-a", "s3"}));
    EXPECT_TRUE(pathAvoids(o, "vpce-s3"));
    EXPECT_TRUE(hasAnyCode(o, {"MORE_SPECIFIC_ROUTE", "HIGHER_PRIORITY_ROUTE"}));
}

TEST(Rule_GW5, EndpointServesItsOwnRegion)
{
    json d = oneVpc();
    addEuWest1(d);
    addS3GatewayEndpoint(d);
    setFlow(d, "i-app", "s3");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(pathIncludes(o, {"vpce-s3", "s3"}));
}

TEST(Rule_GW5, OtherRegionFollowsOtherRoutes)
{
    json d = oneVpc();
    addEuWest1(d);
    addS3GatewayEndpoint(d);
    setFlow(d, "i-app", "s3-eu");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "public");
    EXPECT_TRUE(pathIncludes(o, {"rt-app", "nat-a", "igw-a", "s3-eu"}));
    EXPECT_TRUE(pathAvoids(o, "vpce-s3"));
}

TEST(Rule_GW5, GatewayEndpointForOtherRegionIsInvalid)
{
    json d = oneVpc();
    addEuWest1(d);
    add(d, "vpcEndpoints", {{"id", "vpce-s3eu"}, {"vpc", "vpc-a"}, {"endpointType", "gateway"}, {"service", "s3-eu"}, {"routeTables", {"rt-app"}}});
    setFlow(d, "i-app", "s3-eu");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasFinding(o, "GATEWAY_ENDPOINT_OTHER_REGION", {"vpce-s3eu"}));
}

TEST(Rule_GW6, InVpcClientUsesEndpoint)
{
    json d = example("ex12");
    setFlow(d, "i-app", "s3");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(pathIncludes(o, {"i-app", "rt-app", "vpce-s3", "s3"}));
}

TEST(Rule_GW6, OnPremisesOverVpnCannotUseEndpoint)
{
    json d = example("ex12");
    setFlow(d, "onprem-host", "s3");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "GATEWAY_ENDPOINT_REMOTE_SOURCE"));
    EXPECT_TRUE(pathIncludes(o, {"onprem-host", "vpn", "vgw-a"}));
}

TEST(Rule_GW6, TransitGatewaySpokeCannotUseEndpoint)
{
    json d = transitGateway();
    addS3GatewayEndpoint(d);
    addRoute(d, "rt-b", "0.0.0.0/0", "tgw");
    res(d, "transitGatewayRouteTables", "tgw-rt")["routes"] = {{{"destination", "0.0.0.0/0"}, {"attachment", "tgw-att-a"}}};
    setFlow(d, "i-b", "s3");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "GATEWAY_ENDPOINT_REMOTE_SOURCE"));
}

TEST(Rule_GW6, PeeredVpcCannotUseEndpoint)
{
    json d = twoPeeredVpcs();
    addS3GatewayEndpoint(d);
    addS3PrefixList(d);
    res(d, "routeTables", "rt-b")["routes"].push_back({{"destinationPrefixList", "pl-s3"}, {"target", "pcx-ab"}});
    setFlow(d, "i-b", "s3");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasAnyCode(o, {"GATEWAY_ENDPOINT_REMOTE_SOURCE", "PCX_REQUIRES_ADDRESS_IN_VPC_CIDR"}));
}

TEST(Rule_GW7, SecurityGroupAllowsServicePrefixList)
{
    json d = oneVpc();
    addS3GatewayEndpoint(d);
    addS3PrefixList(d);
    res(d, "securityGroups", "sg-app")["outbound"] = {{{"protocol", "tcp"}, {"fromPort", 443}, {"toPort", 443}, {"prefixList", "pl-s3"}}};
    setFlow(d, "i-app", "s3");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "private");
}

TEST(Rule_GW7, SecurityGroupWithoutEgressToServiceBlocks)
{
    json d = oneVpc();
    addS3GatewayEndpoint(d);
    res(d, "securityGroups", "sg-app")["outbound"] = {rule("tcp", 443, 443, "10.0.0.0/16")};
    setFlow(d, "i-app", "s3");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "ENI_SG_RULES_MISMATCH", "sg-app"));
}

TEST(Rule_GW8, TcpThroughGatewayEndpoint)
{
    json d = oneVpc();
    addS3GatewayEndpoint(d);
    setFlow(d, "i-app", "s3", 443, {{"protocol", "tcp"}});
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "private");
}

TEST(Rule_GW8, UdpThroughGatewayEndpointIsRefused)
{
    json d = oneVpc();
    addS3GatewayEndpoint(d);
    setFlow(d, "i-app", "s3", 443, {{"protocol", "udp"}});
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "VPCE_GATEWAY_PROTOCOL_RESTRICTION", "vpce-s3"));
}

// ======================================================================================
// 6. Interface endpoints
// ======================================================================================

// ex04-like: VPC-A without a default route and an SQS interface endpoint with private DNS.
json sqsEndpoint()
{
    json d = oneVpc();
    removeRoutes(d, "rt-app");
    addSqsEndpoint(d);
    setFlow(d, "i-app", "sqs");
    return d;
}

TEST(Rule_IF1, EndpointGroupAllowsClientPort)
{
    const Outcome o = analyse(sqsEndpoint());
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(pathIncludes(o, {"i-app", "sg-vpce-sqs", "vpce-sqs", "sqs"}));
    EXPECT_TRUE(lacksFinding(o, "ENDPOINT_DUPLICATE_AZ"));
}

TEST(Rule_IF1, EndpointGroupWithoutClientPortBlocks)
{
    json d = sqsEndpoint();
    res(d, "securityGroups", "sg-vpce-sqs")["inbound"] = {rule("tcp", 8443, 8443, "10.0.0.0/8")};
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "ENI_SG_RULES_MISMATCH", "sg-vpce-sqs"));
}

TEST(Rule_IF1, TwoSubnetsInOneAzAreInvalid)
{
    json d = sqsEndpoint();
    res(d, "vpcEndpoints", "vpce-sqs")["subnets"] = {"app-a", "pub-a"}; // both use1-az1
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasFinding(o, "ENDPOINT_DUPLICATE_AZ", {"vpce-sqs"}));
}

TEST(Rule_IF2, DefaultNameResolvesToEndpointInItsVpc)
{
    const Outcome o = analyse(sqsEndpoint());
    EXPECT_VERDICT(o, "private");
    ASSERT_GE(o.flow.path.size(), 2u) << o.text;
    bool resolvedToEndpoint = false;
    for (const Hop& h : o.flow.path)
        resolvedToEndpoint = resolvedToEndpoint || (h.action == "dns" && h.detail.find("vpce-sqs") != std::string::npos);
    EXPECT_TRUE(resolvedToEndpoint) << o.text;
}

TEST(Rule_IF2, PrivateDnsWithoutDnsHostnamesIsInvalid)
{
    json d = sqsEndpoint();
    res(d, "vpcs", "vpc-a")["enableDnsHostnames"] = false;
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasFinding(o, "PRIVATE_DNS_REQUIRES_VPC_DNS", {"vpce-sqs", "vpc-a"}));
}

TEST(Rule_IF2, PrivateDnsWithoutDnsSupportIsInvalid)
{
    json d = sqsEndpoint();
    res(d, "vpcs", "vpc-a")["enableDnsSupport"] = false;
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasFinding(o, "PRIVATE_DNS_REQUIRES_VPC_DNS", {"vpce-sqs", "vpc-a"}));
}

TEST(Rule_IF3, EndpointSpecificNameReachesEndpointWithPrivateDnsOff)
{
    json d = sqsEndpoint();
    res(d, "vpcEndpoints", "vpce-sqs")["privateDns"] = false;
    setFlow(d, "i-app", "vpce-sqs");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(pathIncludes(o, {"i-app", "vpce-sqs", "sqs"}));
}

TEST(Rule_IF3, PrivateDnsOffResolvesPubliclyThroughNat)
{
    json d = oneVpc(); // keeps 0.0.0.0/0 -> nat-a
    addSqsEndpoint(d);
    res(d, "vpcEndpoints", "vpce-sqs")["privateDns"] = false;
    setFlow(d, "i-app", "sqs");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "public");
    EXPECT_TRUE(pathIncludes(o, {"i-app", "rt-app", "nat-a", "igw-a", "sqs"}));
    EXPECT_TRUE(pathAvoids(o, "vpce-sqs"));
    EXPECT_TRUE(hasCode(o, "INTERFACE_ENDPOINT_PRIVATE_DNS_OFF"));
}

TEST(Rule_IF3, PrivateDnsOffWithoutRouteIsUnreachable)
{
    json d = sqsEndpoint();
    res(d, "vpcEndpoints", "vpce-sqs")["privateDns"] = false;
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "NO_ROUTE_TO_DESTINATION", "rt-app"));
    EXPECT_TRUE(hasCode(o, "INTERFACE_ENDPOINT_PRIVATE_DNS_OFF"));
}

// VPC-B peered with VPC-A, which has the SQS interface endpoint (its group allows 10.0.0.0/8).
json peeredSqsClient()
{
    json d = twoPeeredVpcs();
    addSqsEndpoint(d);
    setFlow(d, "i-b", "sqs");
    return d;
}

TEST(Rule_IF4, SharedHostedZoneLetsPeeredVpcUseEndpoint)
{
    json d = peeredSqsClient();
    add(d, "privateHostedZones", {{"id", "phz-sqs"}, {"domain", "sqs.us-east-1.amazonaws.com"}, {"vpcs", {"vpc-b"}}, {"aliasTarget", "vpce-sqs"}});
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(pathIncludes(o, {"i-b", "rt-b", "pcx-ab", "vpce-sqs", "sqs"}));
}

TEST(Rule_IF4, PeeredVpcWithoutSharedZoneResolvesPublicly)
{
    const Outcome o = analyse(peeredSqsClient());
    EXPECT_VERDICT(o, "unreachable"); // VPC-B has no route to the public SQS addresses
    EXPECT_TRUE(pathAvoids(o, "vpce-sqs"));
    EXPECT_TRUE(hasCode(o, "PRIVATE_DNS_NOT_SHARED", "vpce-sqs"));
    EXPECT_TRUE(hasCode(o, "NO_ROUTE_TO_DESTINATION", "rt-b"));
}

TEST(Rule_IF4, OnPremisesThroughInboundResolverUsesEndpoint)
{
    json d = onPremisesOverVpn();
    setFlow(d, "onprem-host", "sqs", 443, {{"dnsName", "sqs.us-east-1.amazonaws.com"}});
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(pathIncludes(o, {"onprem-host", "rslvr-in", "vpn", "vgw-a", "vpce-sqs", "sqs"}));
}

TEST(Rule_IF4, OnPremisesWithoutDnsForwardingResolvesPublicly)
{
    json d = onPremisesOverVpn();
    res(d, "onPremisesNetworks", "onprem").erase("dnsForwarding");
    setFlow(d, "onprem-host", "sqs");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "public"); // out of the data centre's own internet breakout
    EXPECT_TRUE(pathAvoids(o, "vpce-sqs"));
    EXPECT_TRUE(hasCode(o, "PRIVATE_DNS_NOT_SHARED", "vpce-sqs"));
}

TEST(Rule_IF5, ClientInAzWithEndpointInterfaceStaysInAz)
{
    json d = sqsEndpoint();
    add(d, "workloads", {{"id", "i-app2"}, {"subnet", "app-b"}, {"privateIp", "10.0.2.10"}, {"securityGroups", {"sg-app"}}});
    setFlow(d, "i-app2", "sqs");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(lacksCode(o, "AVAILABILITY_ZONE_CROSSED"));
    EXPECT_TRUE(lacksFinding(o, "ENDPOINT_SINGLE_AZ"));
}

TEST(Rule_IF5, ClientInOtherAzCrossesZones)
{
    json d = sqsEndpoint();
    res(d, "vpcEndpoints", "vpce-sqs")["subnets"] = {"app-a"};
    add(d, "workloads", {{"id", "i-app2"}, {"subnet", "app-b"}, {"privateIp", "10.0.2.10"}, {"securityGroups", {"sg-app"}}});
    setFlow(d, "i-app2", "sqs");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(pathIncludes(o, {"i-app2", "vpce-sqs", "sqs"}));
    EXPECT_TRUE(hasCode(o, "AVAILABILITY_ZONE_CROSSED", "vpce-sqs"));
    EXPECT_TRUE(hasFinding(o, "ENDPOINT_SINGLE_AZ", {"vpce-sqs"}));
}

// ex12 (VPN, resolver, S3 gateway endpoint) plus an S3 interface endpoint answering private DNS
// only for the inbound Resolver endpoint.
json s3BothEndpoints()
{
    json d = example("ex12");
    add(d, "securityGroups", {{"id", "sg-vpce-s3"}, {"vpc", "vpc-a"}, {"inbound", {rule("tcp", 443, 443, "192.168.0.0/16"), rule("tcp", 443, 443, "10.0.0.0/16")}}});
    add(d, "vpcEndpoints", {{"id", "vpce-s3if"}, {"vpc", "vpc-a"}, {"endpointType", "interface"}, {"service", "s3"}, {"subnets", {"app-a", "app-b"}},
                            {"securityGroups", {"sg-vpce-s3"}}, {"privateDnsOnlyForInboundResolverEndpoint", true}});
    res(d, "onPremisesNetworks", "onprem")["dnsForwarding"].push_back({{"domain", "s3.us-east-1.amazonaws.com"}, {"resolverEndpoint", "rslvr-in"}});
    return d;
}

TEST(Rule_IF6, InVpcClientUsesGatewayEndpoint)
{
    json d = s3BothEndpoints();
    setFlow(d, "i-app", "s3");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(pathIncludes(o, {"i-app", "rt-app", "vpce-s3", "s3"}));
    EXPECT_TRUE(pathAvoids(o, "vpce-s3if"));
}

TEST(Rule_IF6, OnPremisesClientUsesInterfaceEndpoint)
{
    json d = s3BothEndpoints();
    setFlow(d, "onprem-host", "s3");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(pathIncludes(o, {"onprem-host", "vpn", "vpce-s3if", "s3"}));
    EXPECT_TRUE(lacksFinding(o, "RESOLVER_ONLY_REQUIRES_GATEWAY_ENDPOINT"));
}

TEST(Rule_IF6, ResolverOnlyDnsWithoutGatewayEndpointIsInvalid)
{
    json d = s3BothEndpoints();
    removeById(d, "vpcEndpoints", "vpce-s3");
    setFlow(d, "onprem-host", "s3");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasFinding(o, "RESOLVER_ONLY_REQUIRES_GATEWAY_ENDPOINT", {"vpce-s3if"}));
}

TEST(Rule_IF7, ClientInitiatesThroughEndpoint)
{
    json d = sqsEndpoint();
    setFlow(d, "i-app", "vpce-sqs");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(o.flow.returnChecked && o.flow.returnOk) << o.text;
}

TEST(Rule_IF7, EndpointNeverInitiatesIntoConsumerVpc)
{
    json d = sqsEndpoint();
    res(d, "securityGroups", "sg-app")["inbound"] = {allTraffic("0.0.0.0/0")};
    setFlow(d, "vpce-sqs", "i-app");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasAnyCode(o, {"VPCE_INTRA_VPC_TRAFFIC", "NO_PATH"}));
}

TEST(Rule_IF7, ProviderCannotInitiateIntoConsumerThroughEndpointService)
{
    json d = privateLinkService();
    res(d, "securityGroups", "sg-app")["inbound"] = {allTraffic("0.0.0.0/0")};
    setFlow(d, "svc", "i-app", 8443);
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasAnyCode(o, {"VPCE_INTRA_VPC_TRAFFIC", "NO_PATH"}));
}

TEST(Rule_IF8, CrossRegionInterfaceEndpointForS3IsAllowed)
{
    json d = sqsEndpoint();
    addEuWest1(d);
    add(d, "vpcEndpoints", {{"id", "vpce-s3eu"}, {"vpc", "vpc-a"}, {"endpointType", "interface"}, {"service", "s3-eu"},
                            {"subnets", {"app-a", "app-b"}}, {"securityGroups", {"sg-vpce-sqs"}}, {"privateDns", false}});
    setFlow(d, "i-app", "vpce-s3eu");
    const Outcome o = analyse(d);
    EXPECT_TRUE(lacksFinding(o, "CROSS_REGION_SERVICE_NOT_SUPPORTED"));
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(pathIncludes(o, {"i-app", "vpce-s3eu", "s3-eu"}));
}

TEST(Rule_IF8, CrossRegionInterfaceEndpointForSqsIsInvalid)
{
    json d = sqsEndpoint();
    addEuWest1(d);
    res(d, "vpcEndpoints", "vpce-sqs")["service"] = "sqs-eu";
    setFlow(d, "i-app", "vpce-sqs");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasFinding(o, "CROSS_REGION_SERVICE_NOT_SUPPORTED", {"vpce-sqs", "sqs-eu"}));
}

// ======================================================================================
// 7. Endpoint services
// ======================================================================================

TEST(Rule_SVC1, NetworkLoadBalancerFrontsInterfaceEndpointService)
{
    const Outcome o = analyse(privateLinkService());
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(pathIncludes(o, {"i-app", "vpce-svc", "svc", "nlb", "i-svc"}));
    EXPECT_TRUE(lacksFinding(o, "ENDPOINT_TYPE_MISMATCH"));
}

TEST(Rule_SVC1, InterfaceEndpointToGatewayLoadBalancerServiceIsInvalid)
{
    json d = privateLinkService();
    res(d, "loadBalancers", "nlb")["lbType"] = "gateway";
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasFinding(o, "ENDPOINT_TYPE_MISMATCH", {"vpce-svc"}));
}

TEST(Rule_SVC2, AllowedPrincipalWithAcceptedEndpoint)
{
    json d = privateLinkService();
    res(d, "endpointServices", "svc")["acceptanceRequired"] = true; // state stays available: accepted
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(lacksFinding(o, "ENDPOINT_PRINCIPAL_NOT_ALLOWED"));
}

TEST(Rule_SVC2, ConsumerNotAllowedPrincipalIsInvalid)
{
    json d = privateLinkService();
    res(d, "endpointServices", "svc")["allowedPrincipals"] = {"333333333333"};
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasFinding(o, "ENDPOINT_PRINCIPAL_NOT_ALLOWED", {"vpce-svc", "svc"}));
}

TEST(Rule_SVC2, PendingAcceptanceCarriesNothing)
{
    json d = privateLinkService();
    res(d, "endpointServices", "svc")["acceptanceRequired"] = true;
    res(d, "vpcEndpoints", "vpce-svc")["state"] = "pendingAcceptance";
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "ENDPOINT_NOT_AVAILABLE", "vpce-svc"));
    EXPECT_TRUE(pathAvoids(o, "i-svc"));
}

TEST(Rule_SVC2, RejectedEndpointCarriesNothing)
{
    json d = privateLinkService();
    res(d, "endpointServices", "svc")["acceptanceRequired"] = true;
    res(d, "vpcEndpoints", "vpce-svc")["state"] = "rejected";
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "ENDPOINT_NOT_AVAILABLE", "vpce-svc"));
}

TEST(Rule_SVC3, OverlappingCidrsAreFineWithPrivateLink)
{
    json d = example("ex08"); // provider VPC-P is 10.0.0.0/16 too
    setFlow(d, "i-app", "vpce-svc", 8443);
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(pathIncludes(o, {"i-app", "vpce-svc", "nlb", "i-svc"}));
    EXPECT_TRUE(lacksFinding(o, "CIDR_OVERLAP"));
    // The provider sees the NLB's address in its own subnet p-a (10.0.11.0/24) as the source.
    bool natted = false;
    for (const Hop& h : o.flow.path)
        if (h.resource == "nlb" && h.action == "translate")
            natted = h.source.rfind("10.0.11.", 0) == 0;
    EXPECT_TRUE(natted) << o.text;
}

TEST(Rule_SVC3, ProviderSeesLoadBalancerNotConsumerAddress)
{
    // The provider admits only the consumer's CIDR, but packets arrive from the NLB's address.
    json d = privateLinkService();
    res(d, "securityGroups", "sg-svc")["inbound"] = {rule("tcp", 8443, 8443, "10.0.0.0/16")};
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "ENI_SG_RULES_MISMATCH", "sg-svc"));
}

TEST(Rule_SVC4, EndpointInAzsOfTheLoadBalancer)
{
    const Outcome o = analyse(privateLinkService());
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(lacksFinding(o, "VPCE_SERVICE_NOT_INSTALLED_IN_AZ"));
}

TEST(Rule_SVC4, EndpointInAzWithoutLoadBalancerIsInvalid)
{
    json d = privateLinkService();
    res(d, "loadBalancers", "nlb")["subnets"] = {"p-a"}; // use1-az1 only; vpce-svc is also in app-b (az2)
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasFinding(o, "VPCE_SERVICE_NOT_INSTALLED_IN_AZ", {"vpce-svc", "app-b"}));
}

TEST(Rule_SVC5, OnPremisesIpTargetOverDirectConnect)
{
    json d = example("ex10");
    setFlow(d, "i-app", "vpce-svc");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(pathIncludes(o, {"i-app", "vpce-svc", "nlb", "rt-p", "vgw-p", "vif", "onprem-host"}));
    EXPECT_TRUE(o.flow.returnOk) << o.text;
}

TEST(Rule_SVC5, PeeredVpcIpTarget)
{
    json d = privateLinkService();
    add(d, "vpcs", {{"id", "vpc-b"}, {"region", "use1"}, {"account", "222222222222"}, {"ipv4Cidrs", {"10.1.0.0/16"}}});
    add(d, "routeTables", {{"id", "rt-b"}, {"vpc", "vpc-b"}, {"main", true}, {"routes", {{{"destination", "10.50.0.0/16"}, {"target", "pcx-pb"}}}}});
    add(d, "subnets", {{"id", "b-a"}, {"vpc", "vpc-b"}, {"cidr", "10.1.1.0/24"}, {"availabilityZone", "use1-az1"}});
    add(d, "securityGroups", {{"id", "sg-b"}, {"vpc", "vpc-b"}, {"inbound", {rule("tcp", 8443, 8443, "10.50.0.0/16")}}});
    add(d, "workloads", {{"id", "i-b"}, {"subnet", "b-a"}, {"privateIp", "10.1.1.10"}, {"securityGroups", {"sg-b"}}});
    add(d, "vpcPeerings", {{"id", "pcx-pb"}, {"requesterVpc", "vpc-p"}, {"accepterVpc", "vpc-b"}});
    addRoute(d, "rt-p", "10.1.0.0/16", "pcx-pb");
    res(d, "loadBalancers", "nlb")["targets"] = {{{"ip", "10.1.1.10"}, {"port", 8443}}};
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(pathIncludes(o, {"vpce-svc", "nlb", "rt-p", "pcx-pb", "i-b"}));
}

TEST(Rule_SVC5, PublicIpTargetIsInvalid)
{
    json d = privateLinkService();
    res(d, "loadBalancers", "nlb")["targets"] = {{{"ip", "8.8.8.8"}, {"port", 8443}}};
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasFinding(o, "LB_TARGET_PUBLIC_IP", {"nlb"}));
}

TEST(Rule_SVC5, ProviderVpcNeedsRouteToTarget)
{
    json d = example("ex10");
    removeRoutes(d, "rt-p");
    setFlow(d, "i-app", "vpce-svc");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "NO_ROUTE_TO_DESTINATION", "rt-p"));
}

TEST(Rule_SVC5, TargetNetworkNeedsRouteBack)
{
    // The on-premises network learns nothing from AWS and has no static route back to VPC-P.
    json d = example("ex10");
    res(d, "directConnectVirtualInterfaces", "vif")["gateway"] = "dxgw";
    add(d, "directConnectGateways", {{"id", "dxgw"}, {"associations", {{{"gateway", "vgw-p"}, {"allowedPrefixes", {"10.99.0.0/16"}}}}}});
    res(d, "onPremisesNetworks", "onprem").erase("routes");
    res(d, "onPremisesNetworks", "onprem")["internetBreakout"] = false;
    setFlow(d, "i-app", "vpce-svc");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(o.flow.returnChecked && !o.flow.returnOk) << o.text;
    EXPECT_TRUE(hasCode(o, "NO_ROUTE_TO_DESTINATION", "onprem"));
}

TEST(Rule_SVC6, VerifiedPrivateDnsNameOfMarketplaceService)
{
    json d = example("ex16");
    setFlow(d, "i-app", "svc", 443, {{"dnsName", "api.vendor.example"}});
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(pathIncludes(o, {"i-app", "vpce-svc", "nlb", "i-svc"}));
}

TEST(Rule_SVC6, UnverifiedPrivateDnsNameDoesNotResolve)
{
    json d = example("ex16");
    res(d, "endpointServices", "svc")["privateDnsVerified"] = false;
    setFlow(d, "i-app", "svc", 443, {{"dnsName", "api.vendor.example"}});
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "ENDPOINT_SERVICE_DNS_UNVERIFIED", "svc"));
    EXPECT_TRUE(hasFinding(o, "ENDPOINT_SERVICE_DNS_UNVERIFIED", {"svc"}));
}

TEST(Rule_SVC6, VerifiedNameNeedsPrivateDnsOnTheEndpoint)
{
    json d = example("ex16");
    res(d, "vpcEndpoints", "vpce-svc")["privateDns"] = false;
    setFlow(d, "i-app", "svc", 443, {{"dnsName", "api.vendor.example"}});
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "INTERFACE_ENDPOINT_PRIVATE_DNS_OFF", "vpce-svc"));
}

// The provider VPC-P moved to eu-west-1.
json crossRegionService(json supportedRegions)
{
    json d = privateLinkService();
    add(d, "regions", {{"id", "euw1"}, {"code", "eu-west-1"}, {"availabilityZones", {"euw1-az1", "euw1-az2"}}});
    res(d, "vpcs", "vpc-p")["region"] = "euw1";
    res(d, "subnets", "p-a")["availabilityZone"] = "euw1-az1";
    res(d, "subnets", "p-b")["availabilityZone"] = "euw1-az2";
    res(d, "endpointServices", "svc")["supportedRegions"] = std::move(supportedRegions);
    return d;
}

TEST(Rule_SVC7, ProviderListsConsumerRegion)
{
    const Outcome o = analyse(crossRegionService({"us-east-1"}));
    EXPECT_TRUE(lacksFinding(o, "ENDPOINT_SERVICE_REGION_NOT_SUPPORTED"));
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(pathIncludes(o, {"i-app", "vpce-svc", "nlb", "i-svc"}));
}

TEST(Rule_SVC7, ConsumerRegionNotListedIsInvalid)
{
    const Outcome o = analyse(crossRegionService(json::array()));
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasFinding(o, "ENDPOINT_SERVICE_REGION_NOT_SUPPORTED", {"vpce-svc", "svc"}));
}

TEST(Rule_SVC7, OtherPartitionIsInvalidEvenIfListed)
{
    json d = crossRegionService({"us-east-1"});
    res(d, "regions", "euw1")["code"] = "cn-north-1";
    res(d, "regions", "euw1")["partition"] = "aws-cn";
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasFinding(o, "ENDPOINT_SERVICE_REGION_NOT_SUPPORTED", {"vpce-svc"}));
}

TEST(Rule_SVC8, InspectionDetourStaysPrivate)
{
    json d = twoPeeredVpcs();
    addInspection(d);
    add(d, "securityGroups", {{"id", "sg-default"}, {"vpc", "vpc-a"}, {"isDefault", true}}); // must not apply to the GWLB endpoint
    res(d, "routeTables", "rt-app")["routes"][0]["target"] = "vpce-gwlb"; // 10.1.0.0/16
    addRoute(d, "rt-insp", "10.1.0.0/16", "pcx-ab");
    setFlow(d, "i-app", "i-b", 5432);
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(pathIncludes(o, {"i-app", "rt-app", "vpce-gwlb", "rt-insp", "pcx-ab", "i-b"}));
    EXPECT_TRUE(pathAvoids(o, "sg-default"));
    EXPECT_TRUE(lacksFinding(o, "GWLB_ENDPOINT_ONE_SUBNET"));
}

TEST(Rule_SVC8, FinalExitThroughInternetDecidesVerdict)
{
    json d = oneVpc();
    addInspection(d);
    res(d, "routeTables", "rt-app")["routes"][0]["target"] = "vpce-gwlb";
    addRoute(d, "rt-insp", "0.0.0.0/0", "nat-a");
    addRoute(d, "rt-pub", "10.0.1.0/24", "vpce-gwlb"); // the reply comes back through the inspection (INS-1)
    setFlow(d, "i-app", "web");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "public");
    EXPECT_TRUE(pathIncludes(o, {"i-app", "rt-app", "vpce-gwlb", "rt-insp", "nat-a", "igw-a", "web"}));
}

TEST(Rule_SVC8, GwlbEndpointInTwoSubnetsIsInvalid)
{
    json d = oneVpc();
    addInspection(d);
    add(d, "subnets", {{"id", "insp-b"}, {"vpc", "vpc-a"}, {"cidr", "10.0.4.0/24"}, {"availabilityZone", "use1-az2"}, {"routeTable", "rt-insp"}});
    res(d, "vpcEndpoints", "vpce-gwlb")["subnets"] = {"insp-a", "insp-b"};
    res(d, "routeTables", "rt-app")["routes"][0]["target"] = "vpce-gwlb";
    addRoute(d, "rt-insp", "0.0.0.0/0", "nat-a");
    setFlow(d, "i-app", "web");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasFinding(o, "GWLB_ENDPOINT_ONE_SUBNET", {"vpce-gwlb"}));
}

// ======================================================================================
// 8. VPC peering
// ======================================================================================

TEST(Rule_PCX1, ActivePeeringWithRoutesBothWays)
{
    json d = twoPeeredVpcs();
    setFlow(d, "i-app", "i-b", 5432);
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(pathIncludes(o, {"i-app", "rt-app", "pcx-ab", "i-b"}));
    EXPECT_TRUE(o.flow.returnChecked && o.flow.returnOk) << o.text;
}

TEST(Rule_PCX1, PendingPeeringCarriesNothing)
{
    json d = twoPeeredVpcs();
    res(d, "vpcPeerings", "pcx-ab")["state"] = "pendingAcceptance";
    setFlow(d, "i-app", "i-b", 5432);
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "BAD_STATE_ROUTE", "pcx-ab"));
}

TEST(Rule_PCX1, MissingReturnRouteBreaksTcp)
{
    json d = twoPeeredVpcs();
    removeRoutes(d, "rt-b");
    setFlow(d, "i-app", "i-b", 5432);
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(o.flow.returnChecked && !o.flow.returnOk) << o.text;
    EXPECT_TRUE(hasCode(o, "NO_ROUTE_TO_DESTINATION", "rt-b"));
}

TEST(Rule_PCX2, NonOverlappingPeeredVpcsAreValid)
{
    json d = twoPeeredVpcs();
    setFlow(d, "i-app", "i-b", 5432);
    const Outcome o = analyse(d);
    EXPECT_TRUE(lacksFinding(o, "CIDR_OVERLAP"));
    EXPECT_VERDICT(o, "private");
}

TEST(Rule_PCX2, OverlappingSecondaryBlockIsInvalid)
{
    json d = twoPeeredVpcs();
    res(d, "vpcs", "vpc-b")["ipv4Cidrs"] = {"10.1.0.0/16", "10.0.128.0/17"};
    setFlow(d, "i-app", "i-b", 5432);
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasFinding(o, "CIDR_OVERLAP", {"pcx-ab", "vpc-a", "vpc-b"}));
}

TEST(Rule_PCX3, DirectPeerIsReachable)
{
    json d = example("ex14");
    res(d, "securityGroups", "sg-b")["inbound"].push_back(rule("tcp", 5432, 5432, "10.0.0.0/16"));
    setFlow(d, "i-app", "i-b", 5432);
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(pathIncludes(o, {"i-app", "pcx-ab", "i-b"}));
}

TEST(Rule_PCX3, PeeringIsNotTransitive)
{
    json d = example("ex14");
    setFlow(d, "i-b", "i-c", 5432);
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "PCX_REQUIRES_ADDRESS_IN_VPC_CIDR", "pcx-ab"));
    EXPECT_TRUE(pathIncludes(o, {"i-b", "rt-b", "pcx-ab"}));
    EXPECT_TRUE(pathAvoids(o, "i-c"));
}

TEST(Rule_PCX3, TrafficFromOutsideVpcCannotCrossPeering)
{
    // VPC-C reaches VPC-A through a transit gateway; A's attachment subnet would send 10.1.0.0/16
    // on over pcx-ab, but the source 10.2.1.10 is not in VPC-A.
    json d = transitGateway();
    add(d, "vpcs", {{"id", "vpc-c"}, {"region", "use1"}, {"account", "111111111111"}, {"ipv4Cidrs", {"10.2.0.0/16"}}});
    add(d, "routeTables", {{"id", "rt-c"}, {"vpc", "vpc-c"}, {"main", true}, {"routes", {{{"destination", "10.0.0.0/8"}, {"target", "tgw"}}}}});
    add(d, "subnets", {{"id", "c-a"}, {"vpc", "vpc-c"}, {"cidr", "10.2.1.0/24"}, {"availabilityZone", "use1-az1"}});
    add(d, "securityGroups", {{"id", "sg-c"}, {"vpc", "vpc-c"}, {"outbound", {allTraffic("0.0.0.0/0")}}});
    add(d, "workloads", {{"id", "i-c"}, {"subnet", "c-a"}, {"privateIp", "10.2.1.10"}, {"securityGroups", {"sg-c"}}});
    // VPC-B leaves the transit gateway and is peered with VPC-A instead.
    removeById(d, "transitGatewayAttachments", "tgw-att-b");
    add(d, "transitGatewayAttachments", {{"id", "tgw-att-c"}, {"transitGateway", "tgw"}, {"attachmentType", "vpc"}, {"resource", "vpc-c"}, {"subnets", {"c-a"}}});
    add(d, "vpcPeerings", {{"id", "pcx-ab"}, {"requesterVpc", "vpc-a"}, {"accepterVpc", "vpc-b"}});
    res(d, "routeTables", "rt-app")["routes"] = {{{"destination", "10.1.0.0/16"}, {"target", "pcx-ab"}}, {{"destination", "10.2.0.0/16"}, {"target", "tgw"}}};
    res(d, "routeTables", "rt-b")["routes"] = {{{"destination", "10.0.0.0/16"}, {"target", "pcx-ab"}}};
    res(d, "transitGatewayRouteTables", "tgw-rt")["routes"] = {{{"destination", "10.1.0.0/16"}, {"attachment", "tgw-att-a"}}};
    res(d, "securityGroups", "sg-b")["inbound"].push_back(rule("tcp", 443, 443, "10.2.0.0/16"));
    setFlow(d, "i-c", "i-b");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "PCX_REQUIRES_ADDRESS_IN_VPC_CIDR", "pcx-ab"));
    EXPECT_TRUE(pathIncludes(o, {"i-c", "tgw-att-c", "tgw-rt", "tgw-att-a", "rt-app"}));
    EXPECT_TRUE(pathAvoids(o, "i-b"));
}

// VPC-A has a VPN to on-premises 192.168.0.0/16 and is peered with VPC-B; both instances admit
// PostgreSQL from on premises.
json peeredWithVpn()
{
    json d = twoPeeredVpcs();
    addVpn(d);
    res(d, "onPremisesNetworks", "onprem")["routes"].push_back({{"destination", "10.1.0.0/16"}, {"via", "vpn"}});
    addRoute(d, "rt-b", "192.168.0.0/16", "pcx-ab");
    res(d, "securityGroups", "sg-app")["inbound"].push_back(rule("tcp", 5432, 5432, "192.168.0.0/16"));
    res(d, "securityGroups", "sg-b")["inbound"].push_back(rule("tcp", 5432, 5432, "192.168.0.0/16"));
    return d;
}

TEST(Rule_PCX4, OnPremisesReachesVpcOfItsVpn)
{
    json d = peeredWithVpn();
    setFlow(d, "onprem-host", "i-app", 5432);
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(pathIncludes(o, {"onprem-host", "vpn", "vgw-a", "i-app"}));
}

TEST(Rule_PCX4, OnPremisesCannotReachPeerThroughVpn)
{
    json d = peeredWithVpn();
    setFlow(d, "onprem-host", "i-b", 5432);
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasAnyCode(o, {"NO_ROUTE_TO_DESTINATION", "PCX_REQUIRES_ADDRESS_IN_VPC_CIDR", "CANNOT_ROUTE"}));
    EXPECT_TRUE(pathAvoids(o, "i-b"));
}

TEST(Rule_PCX4, PeerCannotUseVpnOfVpc)
{
    json d = peeredWithVpn();
    setFlow(d, "i-b", "onprem-host", 5432);
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasAnyCode(o, {"PCX_REQUIRES_ADDRESS_IN_VPC_CIDR", "CANNOT_ROUTE"}));
    EXPECT_TRUE(pathAvoids(o, "vpn"));
}

TEST(Rule_PCX4, PeerCannotUseInternetGatewayOfVpc)
{
    json d = twoPeeredVpcs();
    add(d, "internetHosts", {{"id", "web"}, {"address", "203.0.113.10"}});
    addRoute(d, "rt-b", "0.0.0.0/0", "pcx-ab");
    addRoute(d, "rt-app", "0.0.0.0/0", "igw-a");
    setFlow(d, "i-b", "web");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasAnyCode(o, {"PCX_REQUIRES_ADDRESS_IN_VPC_CIDR", "CANNOT_ROUTE"}));
    EXPECT_TRUE(pathAvoids(o, "igw-a"));
}

TEST(Rule_PCX5, PeerUsesEndpointSpecificName)
{
    json d = peeredSqsClient();
    setFlow(d, "i-b", "vpce-sqs");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(pathIncludes(o, {"i-b", "pcx-ab", "vpce-sqs", "sqs"}));
}

TEST(Rule_PCX5, PeerDoesNotGetPrivateDnsAnswer)
{
    // VPC-B has its own NAT gateway, so the public answer sends the flow to the internet.
    json d = peeredSqsClient();
    add(d, "internetGateways", {{"id", "igw-b"}, {"vpc", "vpc-b"}});
    add(d, "routeTables", {{"id", "rt-bpub"}, {"vpc", "vpc-b"}, {"routes", {{{"destination", "0.0.0.0/0"}, {"target", "igw-b"}}}}});
    add(d, "subnets", {{"id", "b-pub"}, {"vpc", "vpc-b"}, {"cidr", "10.1.0.0/24"}, {"availabilityZone", "use1-az1"}, {"routeTable", "rt-bpub"}});
    add(d, "natGateways", {{"id", "nat-b"}, {"subnet", "b-pub"}, {"elasticIp", "198.51.100.30"}, {"privateIp", "10.1.0.10"}});
    addRoute(d, "rt-b", "0.0.0.0/0", "nat-b");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "public");
    EXPECT_TRUE(pathIncludes(o, {"i-b", "rt-b", "nat-b", "igw-b", "sqs"}));
    EXPECT_TRUE(pathAvoids(o, "vpce-sqs"));
    EXPECT_TRUE(hasCode(o, "PRIVATE_DNS_NOT_SHARED", "vpce-sqs"));
}

// ======================================================================================
// 9. Transit gateway, VPN, Direct Connect, on-premises
// ======================================================================================

TEST(Rule_TGW1, PropagatedRoutesThroughAssociatedTable)
{
    json d = transitGateway();
    setFlow(d, "i-app", "i-b");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(pathIncludes(o, {"i-app", "rt-app", "tgw-att-a", "tgw-rt", "tgw-att-b", "i-b"}));
}

TEST(Rule_TGW1, StaticRoutesWithoutPropagation)
{
    json d = transitGateway();
    res(d, "transitGateways", "tgw").erase("defaultPropagationRouteTable");
    res(d, "transitGatewayRouteTables", "tgw-rt")["routes"] = {{{"destination", "10.1.0.0/16"}, {"attachment", "tgw-att-b"}},
                                                              {{"destination", "10.0.0.0/16"}, {"attachment", "tgw-att-a"}}};
    setFlow(d, "i-app", "i-b");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(pathIncludes(o, {"tgw-att-a", "tgw-rt", "tgw-att-b", "i-b"}));
}

TEST(Rule_TGW1, MoreSpecificBlackholeDrops)
{
    json d = transitGateway();
    res(d, "transitGatewayRouteTables", "tgw-rt")["routes"] = {{{"destination", "10.1.1.0/24"}, {"blackhole", true}}};
    setFlow(d, "i-app", "i-b");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "BAD_STATE_ROUTE", "tgw-rt"));
}

TEST(Rule_TGW1, UnassociatedAttachmentForwardsNothing)
{
    json d = transitGateway();
    res(d, "transitGateways", "tgw").erase("defaultAssociationRouteTable");
    res(d, "transitGatewayAttachments", "tgw-att-b")["routeTable"] = "tgw-rt";
    setFlow(d, "i-app", "i-b");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "TGW_ATTACH_MISSING_TGW_RTB_ASSOCIATION", "tgw-att-a"));
    EXPECT_TRUE(hasFinding(o, "TGW_ATTACH_MISSING_TGW_RTB_ASSOCIATION", {"tgw-att-a"}));
}

TEST(Rule_TGW1, NoRouteInTransitTable)
{
    json d = transitGateway();
    res(d, "transitGateways", "tgw").erase("defaultPropagationRouteTable");
    setFlow(d, "i-app", "i-b");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "TGW_RTB_CANNOT_ROUTE", "tgw-rt"));
}

TEST(Rule_TGW2, ReturnRoutesInVpcAndTransitTables)
{
    json d = transitGateway();
    setFlow(d, "i-app", "i-b");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(o.flow.returnChecked && o.flow.returnOk) << o.text;
}

TEST(Rule_TGW2, NoSubnetRouteToTransitGateway)
{
    json d = transitGateway();
    removeRoutes(d, "rt-app");
    setFlow(d, "i-app", "i-b");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "NO_ROUTE_TO_DESTINATION", "rt-app"));
    EXPECT_TRUE(pathAvoids(o, "tgw-att-a"));
}

TEST(Rule_TGW2, MissingVpcReturnRouteBreaksTcp)
{
    json d = transitGateway();
    removeRoutes(d, "rt-b");
    setFlow(d, "i-app", "i-b");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(o.flow.returnChecked && !o.flow.returnOk) << o.text;
    EXPECT_TRUE(hasCode(o, "NO_ROUTE_TO_DESTINATION", "rt-b"));
}

TEST(Rule_TGW2, MissingTransitReturnRouteBreaksTcp)
{
    json d = transitGateway();
    add(d, "transitGatewayRouteTables", {{"id", "tgw-rt-b"}, {"transitGateway", "tgw"}}); // no routes, no propagations
    res(d, "transitGatewayAttachments", "tgw-att-b")["routeTable"] = "tgw-rt-b";
    setFlow(d, "i-app", "i-b");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(o.flow.returnChecked && !o.flow.returnOk) << o.text;
    EXPECT_TRUE(hasCode(o, "TGW_RTB_CANNOT_ROUTE", "tgw-rt-b"));
}

TEST(Rule_TGW2, CentralizedEgressNeedsReturnRouteInNatSubnet)
{
    // Replies from nat-a to 10.1.1.10 are routed by rt-pub, which must send them back to the TGW.
    json d = centralizedEgress();
    auto& routes = res(d, "routeTables", "rt-pub")["routes"];
    routes.erase(std::remove_if(routes.begin(), routes.end(), [](const json& r) { return r["target"] == "tgw"; }), routes.end());
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(o.flow.returnChecked && !o.flow.returnOk) << o.text;
    EXPECT_TRUE(hasAnyCode(o, {"NO_ROUTE_TO_DESTINATION", "IGW_DESTINATION_ADDRESS_NOT_IN_RFC1918_EGRESS"}));
}

TEST(Rule_TGW3, NonOverlappingAttachmentsPropagate)
{
    json d = transitGateway();
    setFlow(d, "i-app", "i-b");
    const Outcome o = analyse(d);
    EXPECT_TRUE(lacksFinding(o, "TGW_PROPAGATION_CIDR_OVERLAP"));
    EXPECT_VERDICT(o, "private");
}

TEST(Rule_TGW3, LaterOverlappingVpcIsNotPropagated)
{
    json d = transitGateway();
    add(d, "vpcs", {{"id", "vpc-c"}, {"region", "use1"}, {"account", "111111111111"}, {"ipv4Cidrs", {"10.1.0.0/16"}}});
    add(d, "routeTables", {{"id", "rt-c"}, {"vpc", "vpc-c"}, {"main", true}, {"routes", {{{"destination", "10.0.0.0/16"}, {"target", "tgw"}}}}});
    add(d, "subnets", {{"id", "c-a"}, {"vpc", "vpc-c"}, {"cidr", "10.1.2.0/24"}, {"availabilityZone", "use1-az1"}});
    add(d, "securityGroups", {{"id", "sg-c"}, {"vpc", "vpc-c"}, {"inbound", {rule("tcp", 443, 443, "10.0.0.0/16")}}});
    add(d, "workloads", {{"id", "i-c"}, {"subnet", "c-a"}, {"privateIp", "10.1.2.10"}, {"securityGroups", {"sg-c"}}});
    add(d, "transitGatewayAttachments", {{"id", "tgw-att-c"}, {"transitGateway", "tgw"}, {"attachmentType", "vpc"}, {"resource", "vpc-c"}, {"subnets", {"c-a"}}});
    setFlow(d, "i-app", "i-c");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasFinding(o, "TGW_PROPAGATION_CIDR_OVERLAP", {"tgw-att-c"}));
    EXPECT_TRUE(pathAvoids(o, "tgw-att-c"));
}

TEST(Rule_HYB1, StaticRouteToRemoteNetwork)
{
    json d = onPremisesOverVpn();
    setFlow(d, "i-app", "onprem-host", 22);
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(pathIncludes(o, {"i-app", "rt-app", "vgw-a", "vpn", "onprem-host"}));
    EXPECT_TRUE(o.flow.returnChecked && o.flow.returnOk) << o.text;
}

TEST(Rule_HYB1, PropagatedRouteToRemoteNetwork)
{
    json d = onPremisesOverVpn();
    removeRoutes(d, "rt-app");
    res(d, "routeTables", "rt-app")["propagatingGateways"] = {"vgw-a"};
    setFlow(d, "i-app", "onprem-host", 22);
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(pathIncludes(o, {"i-app", "rt-app", "vgw-a", "vpn", "onprem-host"}));
}

TEST(Rule_HYB1, NoVpcRouteToRemoteNetwork)
{
    json d = onPremisesOverVpn();
    removeRoutes(d, "rt-app");
    setFlow(d, "i-app", "onprem-host", 22);
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "NO_ROUTE_TO_DESTINATION", "rt-app"));
    EXPECT_TRUE(pathAvoids(o, "vpn"));
}

TEST(Rule_HYB1, Ipv6OnVirtualPrivateGatewayVpnIsInvalid)
{
    json d = onPremisesOverVpn();
    res(d, "vpnConnections", "vpn")["remoteCidrs"].push_back("fd00:1::/48");
    setFlow(d, "i-app", "onprem-host", 22);
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasFinding(o, "VPN_IPV6_ON_VGW", {"vpn"}));
}

TEST(Rule_HYB2, VpnIsPrivateWithTunnelNote)
{
    json d = onPremisesOverVpn();
    setFlow(d, "i-app", "onprem-host", 22);
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(hasCode(o, "VPN_TUNNEL_OVER_INTERNET", "vpn"));
    EXPECT_FALSE(o.flow.leavesAt.has_value()) << o.text;
}

TEST(Rule_HYB2, VpnThatIsDownCarriesNothing)
{
    json d = onPremisesOverVpn();
    res(d, "vpnConnections", "vpn")["state"] = "down";
    setFlow(d, "i-app", "onprem-host", 22);
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "BAD_STATE_ROUTE", "vpn"));
}

TEST(Rule_HYB3, PrivateVifReachesVpc)
{
    json d = oneVpc();
    add(d, "virtualPrivateGateways", {{"id", "vgw-a"}, {"vpc", "vpc-a"}});
    add(d, "directConnectVirtualInterfaces", {{"id", "vif-a"}, {"vifType", "private"}, {"onPremises", "dc"}, {"gateway", "vgw-a"},
                                              {"advertisedPrefixes", {"172.16.0.0/16"}}});
    addDataCentre(d);
    res(d, "routeTables", "rt-app")["propagatingGateways"] = {"vgw-a"};
    res(d, "securityGroups", "sg-app")["inbound"] = {rule("tcp", 22, 22, "172.16.0.0/16")};
    setFlow(d, "dc-host", "i-app", 22);
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(pathIncludes(o, {"dc-host", "vif-a", "i-app"}));
    EXPECT_TRUE(lacksCode(o, "VPN_TUNNEL_OVER_INTERNET"));
    EXPECT_TRUE(o.flow.returnChecked && o.flow.returnOk) << o.text;
}

TEST(Rule_HYB3, PrivateVifThroughDxGatewayReachesSeveralVpcs)
{
    json d = twoPeeredVpcs();
    add(d, "virtualPrivateGateways", {{"id", "vgw-a"}, {"vpc", "vpc-a"}});
    add(d, "virtualPrivateGateways", {{"id", "vgw-b"}, {"vpc", "vpc-b"}});
    add(d, "directConnectGateways", {{"id", "dxgw"}, {"associations", {{{"gateway", "vgw-a"}}, {{"gateway", "vgw-b"}}}}});
    add(d, "directConnectVirtualInterfaces", {{"id", "vif-p"}, {"vifType", "private"}, {"onPremises", "dc"}, {"gateway", "dxgw"},
                                              {"advertisedPrefixes", {"172.16.0.0/16"}}});
    addDataCentre(d);
    res(d, "routeTables", "rt-app")["propagatingGateways"] = {"vgw-a"};
    res(d, "routeTables", "rt-b")["propagatingGateways"] = {"vgw-b"};
    res(d, "securityGroups", "sg-app")["inbound"].push_back(rule("tcp", 5432, 5432, "172.16.0.0/16"));
    res(d, "securityGroups", "sg-b")["inbound"].push_back(rule("tcp", 5432, 5432, "172.16.0.0/16"));
    setFlow(d, "dc-host", "i-app", 5432);
    addFlow(d, "flow-b", "dc-host", "i-b", 5432);
    const Outcome a = analyse(d);
    const Outcome b = analyse(d, "flow-b");
    EXPECT_VERDICT(a, "private");
    EXPECT_TRUE(pathIncludes(a, {"dc-host", "vif-p", "i-app"}));
    EXPECT_TRUE(a.flow.returnChecked && a.flow.returnOk) << a.text;
    EXPECT_VERDICT(b, "private");
    EXPECT_TRUE(pathIncludes(b, {"dc-host", "vif-p", "i-b"}));
    EXPECT_TRUE(pathAvoids(b, "pcx-ab"));
    EXPECT_TRUE(b.flow.returnChecked && b.flow.returnOk) << b.text;
}

// A transit VIF from dc through the DX gateway dxgw to the transit gateway of ex15.
json transitVif(json allowedPrefixes)
{
    json d = transitGateway();
    add(d, "directConnectGateways", {{"id", "dxgw"}, {"associations", {{{"gateway", "tgw"}, {"allowedPrefixes", std::move(allowedPrefixes)}}}}});
    add(d, "directConnectVirtualInterfaces", {{"id", "vif-t"}, {"vifType", "transit"}, {"onPremises", "dc"}, {"gateway", "dxgw"},
                                              {"advertisedPrefixes", {"172.16.0.0/16"}}});
    add(d, "transitGatewayAttachments", {{"id", "tgw-att-dx"}, {"transitGateway", "tgw"}, {"attachmentType", "directConnectGateway"}, {"resource", "dxgw"}});
    addDataCentre(d);
    addRoute(d, "rt-b", "172.16.0.0/16", "tgw");
    res(d, "securityGroups", "sg-b")["inbound"].push_back(rule("tcp", 443, 443, "172.16.0.0/16"));
    setFlow(d, "dc-host", "i-b");
    return d;
}

TEST(Rule_HYB3, TransitVifReachesAllowedPrefixes)
{
    const Outcome o = analyse(transitVif({"10.0.0.0/16", "10.1.0.0/16"}));
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(pathIncludes(o, {"dc-host", "vif-t", "tgw-att-dx", "tgw-rt", "tgw-att-b", "i-b"}));
    EXPECT_TRUE(o.flow.returnChecked && o.flow.returnOk) << o.text;
}

TEST(Rule_HYB3, TransitVifDoesNotAdvertiseOtherPrefixes)
{
    const Outcome o = analyse(transitVif({"10.0.0.0/16"}));
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "NO_ROUTE_TO_DESTINATION", "dc"));
    EXPECT_TRUE(pathAvoids(o, "i-b"));
}

TEST(Rule_HYB3, PublicVifReachesPublicServiceOnAwsNetwork)
{
    json d = oneVpc();
    addS3PrefixList(d);
    add(d, "directConnectVirtualInterfaces", {{"id", "vif-pub"}, {"vifType", "public"}, {"onPremises", "dc"}, {"region", "use1"},
                                              {"advertisedPrefixes", {"198.51.100.0/24"}}});
    addDataCentre(d, {{{"destinationPrefixList", "pl-s3"}, {"via", "vif-pub"}}});
    setFlow(d, "dc-host", "s3");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "public");
    EXPECT_TRUE(pathIncludes(o, {"dc-host", "vif-pub", "s3"}));
    EXPECT_TRUE(hasCode(o, "PATH_LEAVES_PRIVATE_NETWORK", "vif-pub"));
    EXPECT_TRUE(hasCode(o, "STAYS_ON_AWS_NETWORK"));
}

TEST(Rule_HYB4, OnPremisesReachesPrivateAddressOverVpn)
{
    json d = onPremisesOverVpn();
    res(d, "securityGroups", "sg-app")["inbound"] = {rule("tcp", 22, 22, "192.168.0.0/16")};
    setFlow(d, "onprem-host", "i-app", 22);
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(pathIncludes(o, {"onprem-host", "vpn", "vgw-a", "i-app"}));
}

TEST(Rule_HYB4, PublicAnswerUsesOwnInternetBreakout)
{
    json d = onPremisesOverVpn();
    res(d, "onPremisesNetworks", "onprem").erase("dnsForwarding");
    setFlow(d, "onprem-host", "sqs");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "public");
    EXPECT_TRUE(hasCode(o, "PATH_LEAVES_PRIVATE_NETWORK", "onprem"));
    EXPECT_TRUE(pathAvoids(o, "vpn"));
}

TEST(Rule_HYB4, PrivateAddressWithoutLinkIsUnreachable)
{
    json d = oneVpc();
    res(d, "securityGroups", "sg-app")["inbound"] = {rule("tcp", 22, 22, "0.0.0.0/0")};
    add(d, "onPremisesNetworks", {{"id", "dc"}, {"cidrs", {"172.16.0.0/16"}}}); // internet breakout, no VPN or DX
    add(d, "onPremisesHosts", {{"id", "dc-host"}, {"network", "dc"}, {"address", "172.16.5.10"}});
    setFlow(d, "dc-host", "i-app", 22);
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "NO_ROUTE_TO_DESTINATION"));
    EXPECT_TRUE(pathAvoids(o, "i-app"));
}

} // namespace
} // namespace pp::test
