// Rules of NETWORK-RULES.md section 12 finished in the third wave (RT-10, SGR-1, DST-1, NAT-1),
// in the style of RulesTest.cpp: a case where the rule lets the flow through and one where it
// bites, each asserting the verdict, the code and the path.
#include "RulesSupport.h"

namespace pp::test {
namespace {

// The hop at `resource` (nullptr if the path does not visit it).
const Hop* hopAt(const Outcome& o, const std::string& resource)
{
    for (const Hop& h : o.flow.path)
        if (h.resource == resource)
            return &h;
    return nullptr;
}

testing::AssertionResult detailSays(const Outcome& o, const std::string& resource, const std::string& text)
{
    const Hop* h = hopAt(o, resource);
    if (!h)
        return testing::AssertionFailure() << "path does not visit " << resource << o.text;
    if (h->detail.find(text) == std::string::npos)
        return testing::AssertionFailure() << resource << "'s hop does not say \"" << text << "\"" << o.text;
    return testing::AssertionSuccess();
}

// ---- RT-10: transit gateway route priority -----------------------------------------------

// transitGateway() plus on-premises network dc reached from the transit gateway over the VPN
// `vpn` (attachment tgw-att-vpn, listed before the VPC attachments so that list order cannot
// decide a tie) advertising `vpnPrefixes`.
json transitWithVpn(const json& vpnPrefixes, const char* routing = "dynamic")
{
    json d = transitGateway();
    addDataCentre(d);
    add(d, "customerGateways", {{"id", "cgw"}, {"onPremises", "dc"}, {"ipAddress", "198.51.100.7"}});
    add(d, "vpnConnections", {{"id", "vpn"}, {"customerGateway", "cgw"}, {"gateway", "tgw"}, {"routing", routing},
                              {"remoteCidrs", vpnPrefixes}});
    auto& attachments = d["transitGatewayAttachments"];
    attachments.insert(attachments.begin(),
                       json{{"id", "tgw-att-vpn"}, {"transitGateway", "tgw"}, {"attachmentType", "vpn"}, {"resource", "vpn"}});
    setFlow(d, "i-app", "i-b");
    return d;
}

// A Direct Connect gateway on the transit gateway (attachment tgw-att-dx, listed first) whose
// transit VIF from dc advertises `prefixes`.
void addDirectConnect(json& d, const json& prefixes)
{
    add(d, "directConnectGateways", {{"id", "dxgw"}, {"associations", {{{"gateway", "tgw"}, {"allowedPrefixes", {"10.0.0.0/8"}}}}}});
    add(d, "directConnectVirtualInterfaces",
        {{"id", "vif"}, {"vifType", "transit"}, {"onPremises", "dc"}, {"gateway", "dxgw"}, {"advertisedPrefixes", prefixes}});
    auto& attachments = d["transitGatewayAttachments"];
    attachments.insert(attachments.begin(), json{{"id", "tgw-att-dx"}, {"transitGateway", "tgw"},
                                                 {"attachmentType", "directConnectGateway"}, {"resource", "dxgw"}});
}

TEST(Rule_RT10, VpcPropagatedRouteBeatsVpnPropagatedRouteOfEqualPrefix)
{
    const Outcome o = analyse(transitWithVpn({"10.1.0.0/16"}));
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(pathIncludes(o, {"i-app", "tgw-att-a", "tgw-rt", "tgw-att-b", "i-b"}));
    EXPECT_TRUE(pathAvoids(o, "tgw-att-vpn"));
    EXPECT_TRUE(detailSays(o, "tgw-rt", "VPC beats VPN"));
    EXPECT_TRUE(detailSays(o, "tgw-rt", "10.1.0.0/16 -> tgw-att-b"));
}

TEST(Rule_RT10, LongerVpnPrefixBeatsVpcRoute)
{
    const Outcome o = analyse(transitWithVpn({"10.1.1.0/24"}));
    EXPECT_TRUE(pathIncludes(o, {"i-app", "tgw-att-a", "tgw-rt", "tgw-att-vpn"}));
    EXPECT_TRUE(pathAvoids(o, "tgw-att-b"));
    const Hop* h = hopAt(o, "tgw-rt");
    ASSERT_NE(h, nullptr) << o.text;
    EXPECT_EQ(h->detail.find("beats"), std::string::npos) << "no tie to explain: the longest prefix wins" << o.text;
}

TEST(Rule_RT10, DirectConnectGatewayBeatsVpnAmongPropagatedRoutes)
{
    json d = transitWithVpn({"172.16.0.0/16"});
    addDirectConnect(d, {"172.16.0.0/16"});
    // The VPN attachment listed first, so that list order cannot decide the tie.
    auto& attachments = d["transitGatewayAttachments"];
    std::swap(attachments[0], attachments[1]);
    ASSERT_EQ(attachments[0]["id"], "tgw-att-vpn");
    addRoute(d, "rt-app", "172.16.0.0/16", "tgw");
    setFlow(d, "i-app", "dc-host");
    const Outcome o = analyse(d);
    EXPECT_TRUE(pathIncludes(o, {"i-app", "tgw-rt", "tgw-att-dx"}));
    EXPECT_TRUE(pathAvoids(o, "tgw-att-vpn"));
    EXPECT_TRUE(detailSays(o, "tgw-rt", "Direct Connect gateway beats VPN"));
}

TEST(Rule_RT10, VpcBeatsDirectConnectGateway)
{
    json d = transitGateway();
    addDataCentre(d);
    addDirectConnect(d, {"10.1.0.0/16"});
    setFlow(d, "i-app", "i-b");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(pathIncludes(o, {"tgw-rt", "tgw-att-b", "i-b"}));
    EXPECT_TRUE(detailSays(o, "tgw-rt", "VPC beats Direct Connect gateway"));
}

TEST(Rule_RT10, StaticRouteBeatsPropagatedRouteOfEqualPrefix)
{
    json d = transitWithVpn({"172.16.0.0/16"});
    res(d, "transitGatewayRouteTables", "tgw-rt")["routes"] = {{{"destination", "10.1.0.0/16"}, {"attachment", "tgw-att-vpn"}}};
    const Outcome o = analyse(d);
    EXPECT_TRUE(pathIncludes(o, {"i-app", "tgw-rt", "tgw-att-vpn"}));
    EXPECT_TRUE(pathAvoids(o, "tgw-att-b"));
    EXPECT_TRUE(detailSays(o, "tgw-rt", "static beats propagated"));
    EXPECT_NE(std::string(enumName(o.flow.verdict)), "private") << "i-b is not behind the VPN" << o.text;
}

TEST(Rule_RT10, StaticVpnRoutesAreStaticRoutesOfTheTable)
{
    // A static Site-to-Site VPN's networks are static routes (AWS: "static routes, for example
    // Site-to-Site VPN static routes"), so they beat a VPC's propagated route of equal prefix.
    const Outcome o = analyse(transitWithVpn({"10.1.0.0/16"}, "static"));
    EXPECT_TRUE(pathIncludes(o, {"tgw-rt", "tgw-att-vpn"}));
    EXPECT_TRUE(detailSays(o, "tgw-rt", "static beats propagated"));
}

// ---- DST-1: the exact destination address of a flow to an AWS service or internet host ------

// oneVpc() with an S3 gateway endpoint on rt-app (whose default route goes to nat-a) and a flow
// from i-app to S3 with `extra` flow fields.
json s3ThroughGatewayEndpoint(json extra = json::object())
{
    json d = oneVpc();
    addS3GatewayEndpoint(d);
    setFlow(d, "i-app", "s3", 443, std::move(extra));
    return d;
}

TEST(Rule_DST1, WithoutAddressTheEngineUsesOneOfTheRegionalPrefixListAndSaysWhich)
{
    const Outcome o = analyse(s3ThroughGatewayEndpoint());
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(pathIncludes(o, {"i-app", "rt-app", "vpce-s3"}));
    ASSERT_TRUE(hasCode(o, "ASSUMED_ADDRESSES", "s3"));
    const auto note = std::find_if(o.flow.notes.begin(), o.flow.notes.end(), [](const Explanation& e) { return e.code == "ASSUMED_ADDRESSES"; });
    EXPECT_NE(note->message.find("3.5.0.1"), std::string::npos) << "the note names the address used" << o.text;
    EXPECT_NE(note->message.find("us-east-1"), std::string::npos) << o.text;
}

TEST(Rule_DST1, AddressInThePrefixListTakesTheGatewayEndpoint)
{
    const Outcome o = analyse(s3ThroughGatewayEndpoint({{"destinationAddress", "52.216.10.20"}}));
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(pathIncludes(o, {"i-app", "rt-app", "vpce-s3"}));
    EXPECT_TRUE(lacksCode(o, "ASSUMED_ADDRESSES"));
    EXPECT_TRUE(lacksCode(o, "DESTINATION_ADDRESS_NOT_IN_PREFIX_LIST"));
    EXPECT_EQ(o.flow.path.back().destination, "52.216.10.20") << o.text;
}

TEST(Rule_DST1, AddressOutsideThePrefixListIgnoresThePrefixListRoute)
{
    // An S3 address of us-east-2: the us-east-1 endpoint's prefix-list route does not match, so
    // the flow takes the default route through the NAT gateway.
    const Outcome o = analyse(s3ThroughGatewayEndpoint({{"destinationAddress", "52.219.80.5"}}));
    EXPECT_VERDICT(o, "public");
    EXPECT_TRUE(pathAvoids(o, "vpce-s3"));
    EXPECT_TRUE(pathIncludes(o, {"i-app", "rt-app", "nat-a", "igw-a"}));
    EXPECT_TRUE(hasCode(o, "DESTINATION_ADDRESS_NOT_IN_PREFIX_LIST", "s3"));
}

TEST(Rule_DST1, PrefixListRuleAppliesOnlyToAddressesInTheList)
{
    json d = s3ThroughGatewayEndpoint({{"destinationAddress", "52.216.10.20"}});
    addS3PrefixList(d);
    res(d, "securityGroups", "sg-app")["outbound"] = {{{"protocol", "tcp"}, {"fromPort", 443}, {"toPort", 443}, {"prefixList", "pl-s3"}}};
    const Outcome inList = analyse(d);
    EXPECT_VERDICT(inList, "private");
    EXPECT_TRUE(lacksCode(inList, "ENI_SG_RULES_MISMATCH"));

    d["flows"][0]["destinationAddress"] = "52.219.80.5";
    const Outcome outside = analyse(d);
    EXPECT_VERDICT(outside, "unreachable");
    EXPECT_TRUE(hasCode(outside, "ENI_SG_RULES_MISMATCH"));
}

TEST(Rule_DST1, InternetHostAddressNamedByTheFlowIsTheOneRouted)
{
    json d = oneVpc();
    res(d, "internetHosts", "web")["dnsName"] = "www.example.com";
    res(d, "routeTables", "rt-app")["routes"].push_back({{"destination", "192.0.2.0/24"}, {"target", "nat-a"}, {"state", "blackhole"}});
    setFlow(d, "i-app", "web");
    const Outcome usual = analyse(d);
    EXPECT_VERDICT(usual, "public");

    setFlow(d, "i-app", "web", 443, {{"destinationAddress", "192.0.2.50"}});
    const Outcome named = analyse(d);
    EXPECT_VERDICT(named, "unreachable");
    EXPECT_TRUE(hasCode(named, "BAD_STATE_ROUTE", "rt-app")) << "the blackhole route for the named address drops it";
}

TEST(Rule_DST1, AddressOnAnotherKindOfDestinationIsAWarning)
{
    json d = oneVpc();
    setFlow(d, "i-app", "i-web", 443, {{"destinationAddress", "52.216.10.20"}});
    const Outcome o = analyse(d);
    EXPECT_TRUE(hasFinding(o, "FLOW_DESTINATION_ADDRESS_IGNORED", {"flow", "i-web"}));
}

// ---- SGR-1: security group references across peering and transit gateways -----------------

json fromGroup(const char* group, int port)
{
    return {{"protocol", "tcp"}, {"fromPort", port}, {"toPort", port}, {"securityGroup", group}};
}

// transitGateway() where sg-b admits 443 only from members of sg-app (in VPC-A, over the
// transit gateway); `tgwReferencing`: the transit gateway's securityGroupReferencing.
json transitWithReference(bool tgwReferencing)
{
    json d = transitGateway();
    res(d, "securityGroups", "sg-b")["inbound"] = {fromGroup("sg-app", 443)};
    if (tgwReferencing)
        res(d, "transitGateways", "tgw")["securityGroupReferencing"] = true;
    setFlow(d, "i-app", "i-b");
    return d;
}

TEST(Rule_SGR1, ReferenceOverTransitGatewayWithReferencingOnIsHonoured)
{
    const Outcome o = analyse(transitWithReference(true));
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(pathIncludes(o, {"i-app", "tgw-att-a", "tgw-rt", "tgw-att-b", "sg-b", "i-b"}));
    EXPECT_TRUE(lacksFinding(o, "SG_REFERENCE_TGW_DISABLED"));
    EXPECT_TRUE(lacksFinding(o, "REFERENCE_OTHER_VPC"));
}

TEST(Rule_SGR1, ReferencingIsOffOnANewTransitGateway)
{
    const Outcome o = analyse(transitWithReference(false)); // AWS's default for the gateway: off
    EXPECT_TRUE(hasFinding(o, "SG_REFERENCE_TGW_DISABLED", {"sg-b", "sg-app"}));
    EXPECT_VERDICT(o, "unreachable");
}

TEST(Rule_SGR1, AttachmentWithReferencingOffBreaksTheReference)
{
    json d = transitWithReference(true);
    res(d, "transitGatewayAttachments", "tgw-att-b")["securityGroupReferencing"] = false;
    const Outcome o = analyse(d);
    EXPECT_TRUE(hasFinding(o, "SG_REFERENCE_TGW_DISABLED", {"sg-b", "sg-app"}));
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "ENI_SG_RULES_MISMATCH")) << "the engine does not honour the reference either";
}

TEST(Rule_SGR1, OutboundReferenceOverTransitGatewayMatchesNothing)
{
    json d = transitWithReference(true);
    res(d, "securityGroups", "sg-b")["inbound"] = {rule("tcp", 443, 443, "10.0.0.0/16")};
    res(d, "securityGroups", "sg-app")["outbound"] = {fromGroup("sg-b", 443)};
    const Outcome o = analyse(d);
    EXPECT_TRUE(hasFinding(o, "SG_REFERENCE_TGW_OUTBOUND", {"sg-app", "sg-b"}));
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "ENI_SG_RULES_MISMATCH", "sg-app"));
}

TEST(Rule_SGR1, ReferenceToAPeeredVpcOfTheSameRegionIsHonouredBothWays)
{
    json d = twoPeeredVpcs();
    res(d, "securityGroups", "sg-b")["inbound"] = {fromGroup("sg-app", 5432)};
    res(d, "securityGroups", "sg-app")["outbound"] = {fromGroup("sg-b", 5432)};
    setFlow(d, "i-app", "i-b", 5432);
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(lacksFinding(o, "SG_REFERENCE_CROSS_REGION"));
    EXPECT_TRUE(lacksFinding(o, "REFERENCE_OTHER_VPC"));
}

TEST(Rule_SGR1, ReferenceAcrossRegionsIsInvalidAndNotHonoured)
{
    json d = twoPeeredVpcs();
    addEuWest1(d);
    res(d, "vpcs", "vpc-b")["region"] = "euw1";
    res(d, "subnets", "b-a")["availabilityZone"] = "euw1-az1";
    res(d, "securityGroups", "sg-b")["inbound"] = {fromGroup("sg-app", 5432)};
    setFlow(d, "i-app", "i-b", 5432);
    const Outcome o = analyse(d);
    EXPECT_TRUE(hasFinding(o, "SG_REFERENCE_CROSS_REGION", {"sg-b", "sg-app"}));
    EXPECT_VERDICT(o, "unreachable");

    // With a CIDR rule instead, the inter-Region peering carries the flow.
    res(d, "securityGroups", "sg-b")["inbound"] = {rule("tcp", 5432, 5432, "10.0.0.0/16")};
    const Outcome cidr = analyse(d);
    EXPECT_TRUE(lacksFinding(cidr, "SG_REFERENCE_CROSS_REGION"));
    EXPECT_VERDICT(cidr, "private");
}

// ---- NAT-1: zonal and regional NAT gateways ----------------------------------------------

// oneVpc() with the regional NAT gateway rnat of VPC-A as rt-app's default route.
json regionalNat()
{
    json d = oneVpc();
    add(d, "natGateways", {{"id", "rnat"}, {"availabilityMode", "regional"}, {"vpc", "vpc-a"}});
    res(d, "routeTables", "rt-app")["routes"][0]["target"] = "rnat";
    setFlow(d, "i-app", "web");
    return d;
}

TEST(Rule_NAT1, RegionalNatGatewayReachesTheInternetWithoutAPublicSubnet)
{
    const Outcome o = analyse(regionalNat());
    EXPECT_VERDICT(o, "public");
    EXPECT_TRUE(pathIncludes(o, {"i-app", "rt-app", "rnat", "igw-a", "web"}));
    EXPECT_TRUE(pathAvoids(o, "rt-pub")) << "a regional NAT gateway is in no subnet";
    EXPECT_TRUE(pathAvoids(o, "nat-a"));
    EXPECT_TRUE(lacksFinding(o, "NAT_PUBLIC_WITHOUT_EIP")) << "AWS can allocate a regional NAT gateway's addresses";
}

TEST(Rule_NAT1, RegionalNatGatewayNeedsTheVpcsInternetGateway)
{
    json d = regionalNat();
    res(d, "internetGateways", "igw-a").erase("vpc"); // detached
    const Outcome o = analyse(d);
    EXPECT_TRUE(hasFinding(o, "NAT_PUBLIC_WITHOUT_IGW", {"rnat", "vpc-a"}));
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(pathAvoids(o, "igw-a"));
}

TEST(Rule_NAT1, ZonalNatGatewayStillUsesItsSubnetsRoutes)
{
    json d = oneVpc();
    res(d, "natGateways", "nat-a")["availabilityMode"] = "zonal";
    setFlow(d, "i-app", "web");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "public");
    EXPECT_TRUE(pathIncludes(o, {"i-app", "rt-app", "nat-a", "rt-pub", "igw-a", "web"}));
}

// The loader's errors for a NAT gateway whose fields do not fit its mode name the field.
std::optional<Diagnostic> loadError(const json& d, const std::string& code)
{
    const LoadResult loaded = loadDesign(d.dump(2), "nat.privatepath");
    EXPECT_FALSE(loaded.ok());
    std::string all;
    for (const Diagnostic& diagnostic : loaded.diagnostics) {
        if (diagnostic.code == code)
            return diagnostic;
        all += diagnostic.format() + "\n";
    }
    ADD_FAILURE() << "no " << code << " in:\n" << all;
    return std::nullopt;
}

TEST(Rule_NAT1, RegionalNatGatewayWithASubnetIsRefusedNamingTheField)
{
    json d = regionalNat();
    res(d, "natGateways", "rnat")["subnet"] = "pub-a";
    const std::optional<Diagnostic> e = loadError(d, "CONFLICTING_FIELDS");
    ASSERT_TRUE(e.has_value());
    EXPECT_EQ(e->file, "nat.privatepath");
    EXPECT_GT(e->line, 0);
    EXPECT_NE(e->jsonPath.find("/natGateways/1"), std::string::npos) << e->format();
    EXPECT_NE(e->format().find("rnat"), std::string::npos) << e->format();
}

TEST(Rule_NAT1, ZonalNatGatewayWithAVpcIsRefusedNamingTheField)
{
    json d = oneVpc();
    res(d, "natGateways", "nat-a").erase("subnet");
    res(d, "natGateways", "nat-a")["vpc"] = "vpc-a";
    const std::optional<Diagnostic> e = loadError(d, "CONFLICTING_FIELDS");
    ASSERT_TRUE(e.has_value());
    EXPECT_NE(e->jsonPath.find("/natGateways/0/vpc"), std::string::npos) << e->format();
}

TEST(Rule_NAT1, NatGatewayWithNeitherSubnetNorVpcIsRefused)
{
    json d = oneVpc();
    res(d, "natGateways", "nat-a").erase("subnet");
    EXPECT_TRUE(loadError(d, "MISSING_FIELD").has_value());
}

TEST(Rule_NAT1, RegionalNatGatewayRoundTrips)
{
    json d = regionalNat();
    const LoadResult first = loadDesign(d.dump(2), "nat.privatepath");
    ASSERT_TRUE(first.ok());
    const LoadResult again = loadDesign(saveDesignToString(*first.design), "nat.privatepath");
    ASSERT_TRUE(again.ok());
    const NatGateway* nat = again.design->findAs<NatGateway>(ResourceId("rnat"));
    ASSERT_NE(nat, nullptr);
    EXPECT_EQ(nat->availabilityMode, NatAvailabilityMode::Regional);
    EXPECT_EQ(nat->vpc, std::optional(ResourceId("vpc-a")));
    EXPECT_FALSE(nat->subnet.has_value());
}

} // namespace
} // namespace pp::test
