// Load-balancing rules of NETWORK-RULES.md section 12 (NLB-1 cross-zone load balancing, NLB-2
// load balancer security groups and client IP preservation, INS-2 transit gateway appliance
// mode), in the style of RulesTest.cpp: a case where the rule lets the flow through and one
// where it bites, each asserting the verdict, the code and the path.
#include "RulesSupport.h"

namespace pp::test {
namespace {

bool messageMentions(const Outcome& o, const std::string& code, std::initializer_list<const char*> words)
{
    for (const auto* items : {&o.flow.blocking, &o.flow.notes})
        for (const Explanation& e : *items)
            if (e.code == code && std::all_of(words.begin(), words.end(), [&](const char* w) { return e.message.find(w) != std::string::npos; }))
                return true;
    return false;
}

// ---- NLB-1: cross-zone load balancing ----------------------------------------------------

// privateLinkService() with i-app2 10.0.2.10 in app-b (use1-az2), where vpce-svc has its other
// interface; the provider's NLB is in p-a (az1) and p-b (az2) and targets only i-svc in p-a.
json privateLinkFromSecondAz()
{
    json d = privateLinkService();
    add(d, "workloads", {{"id", "i-app2"}, {"subnet", "app-b"}, {"privateIp", "10.0.2.10"}, {"securityGroups", {"sg-app"}}});
    setFlow(d, "i-app2", "vpce-svc", 8443);
    return d;
}

TEST(Rule_NLB1, PrivateLinkEndpointInAnAzWithoutTargetFailsWithoutCrossZone)
{
    const Outcome o = analyse(privateLinkFromSecondAz());
    EXPECT_VERDICT(o, "unreachable");
    ASSERT_TRUE(hasCode(o, "LOAD_BALANCER_NO_TARGET_IN_AZ", "nlb"));
    EXPECT_TRUE(messageMentions(o, "LOAD_BALANCER_NO_TARGET_IN_AZ", {"use1-az2", "crossZone", "i-svc", "NLB-1"})) << o.text;
    EXPECT_TRUE(pathIncludes(o, {"i-app2", "vpce-svc", "svc", "nlb"}));
    EXPECT_TRUE(pathAvoids(o, "i-svc"));
}

TEST(Rule_NLB1, CrossZoneLoadBalancingReachesTheTargetInTheOtherAz)
{
    json d = privateLinkFromSecondAz();
    res(d, "loadBalancers", "nlb")["crossZone"] = true;
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(pathIncludes(o, {"i-app2", "vpce-svc", "nlb", "i-svc"}));
    EXPECT_TRUE(lacksCode(o, "LOAD_BALANCER_NO_TARGET_IN_AZ"));
    EXPECT_TRUE(messageMentions(o, "AVAILABILITY_ZONE_CROSSED", {"use1-az2", "use1-az1", "i-svc"})) << o.text;
}

TEST(Rule_NLB1, ATargetInTheEndpointsAzServesItWithoutCrossZone)
{
    json d = privateLinkFromSecondAz();
    add(d, "workloads", {{"id", "i-svc2"}, {"subnet", "p-b"}, {"privateIp", "10.50.2.10"}, {"securityGroups", {"sg-svc"}}});
    res(d, "loadBalancers", "nlb")["targets"].push_back({{"instance", "i-svc2"}, {"port", 8443}});
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(pathIncludes(o, {"i-app2", "vpce-svc", "nlb", "i-svc2"}));
    EXPECT_TRUE(pathAvoids(o, "i-svc"));

    const Outcome sameAz = analyse(privateLinkService()); // i-app in az1: its endpoint interface meets i-svc's AZ
    EXPECT_VERDICT(sameAz, "private");
    EXPECT_TRUE(pathIncludes(sameAz, {"i-app", "vpce-svc", "nlb", "i-svc"}));
}

// oneVpc() with an internal NLB in app-a (az1) and app-b (az2) listening on 8080 and the target
// i-srv 10.0.2.20 (app-b, az2), whose group allows 8080 from VPC-A.
json directNlb()
{
    json d = oneVpc();
    add(d, "securityGroups", {{"id", "sg-srv"}, {"vpc", "vpc-a"}, {"inbound", {rule("tcp", 8080, 8080, "10.0.0.0/16")}}});
    add(d, "workloads", {{"id", "i-srv"}, {"subnet", "app-b"}, {"privateIp", "10.0.2.20"}, {"securityGroups", {"sg-srv"}}});
    add(d, "loadBalancers", {{"id", "nlb"}, {"lbType", "network"}, {"subnets", {"app-a", "app-b"}},
                             {"listeners", {{{"protocol", "tcp"}, {"port", 8080}}}},
                             {"targets", {{{"instance", "i-srv"}, {"port", 8080}}}}});
    setFlow(d, "i-app", "nlb", 8080);
    return d;
}

// A client resolving the NLB's name only gets the AZs that have a target: DNS takes the others out.
TEST(Rule_NLB1, DnsAnswersOnlyAzsWithATargetSoADirectClientCrossesToThem)
{
    const Outcome o = analyse(directNlb());
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(pathIncludes(o, {"i-app", "nlb", "i-srv"}));
    EXPECT_TRUE(messageMentions(o, "LOAD_BALANCER_AZ_ASSUMED", {"use1-az2", "NLB-1"})) << "the note says which AZ was assumed";
    EXPECT_TRUE(lacksCode(o, "LOAD_BALANCER_NO_TARGET_IN_AZ"));
}

TEST(Rule_NLB1, ADirectClientUsesItsOwnAzsTarget)
{
    json d = directNlb();
    add(d, "workloads", {{"id", "i-srv1"}, {"subnet", "app-a"}, {"privateIp", "10.0.1.20"}, {"securityGroups", {"sg-srv"}}});
    res(d, "loadBalancers", "nlb")["targets"].push_back({{"instance", "i-srv1"}, {"port", 8080}});
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(pathIncludes(o, {"i-app", "nlb", "i-srv1"}));
    EXPECT_TRUE(pathAvoids(o, "i-srv"));
    EXPECT_TRUE(messageMentions(o, "LOAD_BALANCER_AZ_ASSUMED", {"use1-az1, its own AZ"})) << o.text;
}

// A target registered in an AZ the load balancer is not enabled in receives nothing, cross-zone
// or not.
TEST(Rule_NLB1, TargetInAnAzTheLoadBalancerIsNotEnabledInIsNeverUsed)
{
    json d = directNlb();
    res(d, "loadBalancers", "nlb")["subnets"] = {"app-a"};
    res(d, "loadBalancers", "nlb")["crossZone"] = true;
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    ASSERT_TRUE(hasCode(o, "LOAD_BALANCER_NO_TARGET_IN_AZ", "nlb"));
    EXPECT_TRUE(messageMentions(o, "LOAD_BALANCER_NO_TARGET_IN_AZ", {"i-srv", "use1-az2", "not enabled"})) << o.text;
    EXPECT_TRUE(pathIncludes(o, {"i-app", "nlb"}));
    EXPECT_TRUE(pathAvoids(o, "i-srv"));
}

// An IP target outside the load balancer's VPC is registered in the AZ "all": every AZ serves it.
TEST(Rule_NLB1, IpTargetOutsideTheVpcIsServedFromEveryAz)
{
    json d = privateLinkFromSecondAz();
    auto& targets = res(d, "loadBalancers", "nlb")["targets"];
    targets = json::array({{{"ip", "10.0.1.10"}, {"port", 8443}}}); // i-app in the consumer VPC: not routed, but not an AZ matter
    const Outcome o = analyse(d);
    EXPECT_TRUE(lacksCode(o, "LOAD_BALANCER_NO_TARGET_IN_AZ"));
    bool forwarded = false; // the node of use1-az2 forwards to it, whatever happens on the way
    for (const Hop& h : o.flow.path)
        forwarded |= h.resource == "nlb" && h.action == "translate" && h.destination == "10.0.1.10";
    EXPECT_TRUE(forwarded) << o.text;
}


// ---- NLB-2: load balancer security groups and client IP preservation ----------------------

// directNlb() with the security group sg-nlb on the NLB; `inbound` is its inbound rule, and it
// allows all outbound traffic (the examples are version 1 files: no outbound key, no egress).
json guardedNlb(json inbound = rule("tcp", 8080, 8080, "10.0.0.0/16"))
{
    json d = directNlb();
    add(d, "securityGroups", {{"id", "sg-nlb"}, {"vpc", "vpc-a"}, {"inbound", {inbound}}, {"outbound", {allTraffic("0.0.0.0/0")}}});
    res(d, "loadBalancers", "nlb")["securityGroups"] = {"sg-nlb"};
    return d;
}

json fromGroup(const char* group, int port)
{
    return {{"protocol", "tcp"}, {"fromPort", port}, {"toPort", port}, {"securityGroup", group}};
}

bool translateSource(const Outcome& o, const std::string& prefix)
{
    for (const Hop& h : o.flow.path)
        if (h.resource == "nlb" && h.action == "translate")
            return h.source.rfind(prefix, 0) == 0;
    return false;
}

TEST(Rule_NLB2, TheLoadBalancersInboundRulesFilterClients)
{
    const Outcome allowed = analyse(guardedNlb());
    EXPECT_VERDICT(allowed, "private");
    EXPECT_TRUE(pathIncludes(allowed, {"i-app", "sg-nlb", "nlb", "i-srv"}));

    const Outcome denied = analyse(guardedNlb(rule("tcp", 8080, 8080, "10.0.9.0/24")));
    EXPECT_VERDICT(denied, "unreachable");
    EXPECT_TRUE(hasCode(denied, "ENI_SG_RULES_MISMATCH", "sg-nlb"));
    EXPECT_TRUE(lacksCode(denied, "LOAD_BALANCER_NO_TARGET_IN_AZ"));
}

TEST(Rule_NLB2, TheLoadBalancersOutboundRulesFilterWhatReachesTargets)
{
    json d = guardedNlb();
    res(d, "securityGroups", "sg-nlb")["outbound"] = {rule("tcp", 0, 65535, "10.0.9.0/24")};
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    ASSERT_TRUE(hasCode(o, "ENI_SG_RULES_MISMATCH", "sg-nlb"));
    bool outbound = false;
    for (const Explanation& e : o.flow.blocking)
        outbound |= e.code == "ENI_SG_RULES_MISMATCH" && e.message.find("outbound") != std::string::npos;
    EXPECT_TRUE(outbound) << o.text;
    EXPECT_TRUE(pathIncludes(o, {"i-app", "nlb", "sg-nlb"}));
}

// With client IP preservation (AWS's default for instance targets) the target sees the client's
// address, yet a rule naming the load balancer's group admits it.
TEST(Rule_NLB2, TargetRuleNamingTheLoadBalancersGroupAdmitsPreservedClients)
{
    json d = guardedNlb();
    res(d, "securityGroups", "sg-srv")["inbound"] = {fromGroup("sg-nlb", 8080)};
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(pathIncludes(o, {"i-app", "nlb", "sg-srv", "i-srv"}));
    EXPECT_TRUE(translateSource(o, "10.0.1.10")) << "the client's address is preserved" << o.text;

    // Without security groups on the load balancer no rule can name it.
    json bare = directNlb();
    add(bare, "securityGroups", {{"id", "sg-nlb"}, {"vpc", "vpc-a"}});
    res(bare, "securityGroups", "sg-srv")["inbound"] = {fromGroup("sg-nlb", 8080)};
    const Outcome denied = analyse(bare);
    EXPECT_VERDICT(denied, "unreachable");
    EXPECT_TRUE(hasCode(denied, "ENI_SG_RULES_MISMATCH", "sg-srv"));
}

// The target admits only the load balancer's subnet app-b: it sees the client's address unless
// client IP preservation is off (explicitly, or by default for IP targets).
TEST(Rule_NLB2, ClientIpPreservationDecidesTheSourceTheTargetSees)
{
    json d = directNlb();
    res(d, "securityGroups", "sg-srv")["inbound"] = {rule("tcp", 8080, 8080, "10.0.2.0/24")};
    const Outcome preserved = analyse(d);
    EXPECT_VERDICT(preserved, "unreachable");
    EXPECT_TRUE(hasCode(preserved, "ENI_SG_RULES_MISMATCH", "sg-srv"));
    EXPECT_TRUE(translateSource(preserved, "10.0.1.10")) << preserved.text;

    res(d, "loadBalancers", "nlb")["preserveClientIp"] = false;
    const Outcome off = analyse(d);
    EXPECT_VERDICT(off, "private");
    EXPECT_TRUE(translateSource(off, "10.0.2.")) << "the load balancer's address in app-b" << off.text;
    EXPECT_TRUE(pathIncludes(off, {"i-app", "nlb", "sg-srv", "i-srv"}));

    res(d, "loadBalancers", "nlb").erase("preserveClientIp");
    res(d, "loadBalancers", "nlb")["targets"] = json::array({{{"ip", "10.0.2.20"}, {"port", 8080}}});
    const Outcome ipTarget = analyse(d);
    EXPECT_VERDICT(ipTarget, "private");
    EXPECT_TRUE(translateSource(ipTarget, "10.0.2.")) << "IP targets over TCP: off by default" << ipTarget.text;
}

// privateLinkService() with sg-nlb on the provider's NLB; `inbound` is its inbound rule, all outbound.
json guardedPrivateLink(json inbound)
{
    json d = privateLinkService();
    add(d, "securityGroups", {{"id", "sg-nlb"}, {"vpc", "vpc-p"}, {"inbound", {inbound}}, {"outbound", {allTraffic("0.0.0.0/0")}}});
    res(d, "loadBalancers", "nlb")["securityGroups"] = {"sg-nlb"};
    return d;
}

TEST(Rule_NLB2, PrivateLinkTrafficMeetsTheInboundRulesByTheClientsAddress)
{
    const Outcome allowed = analyse(guardedPrivateLink(rule("tcp", 8443, 8443, "10.0.1.0/24")));
    EXPECT_VERDICT(allowed, "private");
    EXPECT_TRUE(pathIncludes(allowed, {"i-app", "vpce-svc", "sg-nlb", "nlb", "i-svc"}));

    const Outcome denied = analyse(guardedPrivateLink(rule("tcp", 8443, 8443, "10.50.0.0/16")));
    EXPECT_VERDICT(denied, "unreachable");
    EXPECT_TRUE(hasCode(denied, "ENI_SG_RULES_MISMATCH", "sg-nlb"));
}

TEST(Rule_NLB2, InboundRulesCanBeLeftOffForPrivateLinkTraffic)
{
    json d = guardedPrivateLink(rule("tcp", 8443, 8443, "10.50.0.0/16"));
    res(d, "loadBalancers", "nlb")["enforceSecurityGroupInboundRulesOnPrivateLinkTraffic"] = false;
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(pathIncludes(o, {"i-app", "vpce-svc", "nlb", "i-svc"}));
    bool said = false;
    for (const Hop& h : o.flow.path)
        said |= h.resource == "nlb" && h.detail.find("do not apply to PrivateLink traffic") != std::string::npos;
    EXPECT_TRUE(said) << o.text;
}

// PrivateLink traffic reaches targets from the load balancer's addresses, preservation or not.
TEST(Rule_NLB2, PrivateLinkTrafficAlwaysArrivesFromTheLoadBalancer)
{
    json d = privateLinkService();
    res(d, "loadBalancers", "nlb")["preserveClientIp"] = true;
    const Outcome o = analyse(d); // sg-svc admits only VPC-P's addresses
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(pathIncludes(o, {"vpce-svc", "nlb", "sg-svc", "i-svc"}));
    EXPECT_TRUE(translateSource(o, "10.50.1.")) << o.text;
}

// ---- INS-2: transit gateway appliance mode -------------------------------------------------

// transitGateway() turned into a hub with an inspection VPC: i-b moves to b-b (10.1.2.10,
// use1-az2), so source and destination are in different AZs. VPC-I 10.2.0.0/16 is attached by
// tgw-att-i in i-tgw-a (az1) and i-tgw-b (az2), whose table rt-i-tgw sends 10.0.0.0/8 to the GWLB
// endpoint vpce-gwlb (insp-a, az1, table rt-i-insp: 10.0.0.0/8 -> tgw). The spokes' attachments use
// tgw-rt-spoke (0.0.0.0/0 -> tgw-att-i); tgw-att-i uses tgw-rt, where every attachment propagates.
json inspectionHub(bool applianceMode)
{
    json d = transitGateway();
    add(d, "subnets", {{"id", "b-b"}, {"vpc", "vpc-b"}, {"cidr", "10.1.2.0/24"}, {"availabilityZone", "use1-az2"}, {"routeTable", "rt-b"}});
    res(d, "workloads", "i-b")["subnet"] = "b-b";
    res(d, "workloads", "i-b")["privateIp"] = "10.1.2.10";
    res(d, "transitGatewayAttachments", "tgw-att-b")["subnets"] = {"b-a", "b-b"};

    add(d, "vpcs", {{"id", "vpc-p"}, {"region", "use1"}, {"account", "222222222222"}, {"ipv4Cidrs", {"10.50.0.0/16"}}});
    add(d, "subnets", {{"id", "p-a"}, {"vpc", "vpc-p"}, {"cidr", "10.50.1.0/24"}, {"availabilityZone", "use1-az1"}});
    add(d, "workloads", {{"id", "i-fw"}, {"subnet", "p-a"}, {"privateIp", "10.50.1.10"}});
    add(d, "loadBalancers", {{"id", "gwlb"}, {"lbType", "gateway"}, {"subnets", {"p-a"}}, {"targets", {{{"instance", "i-fw"}, {"port", 6081}}}}});
    add(d, "endpointServices", {{"id", "gwlb-svc"}, {"loadBalancer", "gwlb"}, {"acceptanceRequired", false}, {"allowedPrincipals", {"111111111111"}}});

    add(d, "vpcs", {{"id", "vpc-i"}, {"region", "use1"}, {"account", "111111111111"}, {"ipv4Cidrs", {"10.2.0.0/16"}}});
    add(d, "routeTables", {{"id", "rt-i-tgw"}, {"vpc", "vpc-i"}, {"routes", {{{"destination", "10.0.0.0/8"}, {"target", "vpce-gwlb"}}}}});
    add(d, "routeTables", {{"id", "rt-i-insp"}, {"vpc", "vpc-i"}, {"routes", {{{"destination", "10.0.0.0/8"}, {"target", "tgw"}}}}});
    add(d, "subnets", {{"id", "i-tgw-a"}, {"vpc", "vpc-i"}, {"cidr", "10.2.0.0/24"}, {"availabilityZone", "use1-az1"}, {"routeTable", "rt-i-tgw"}});
    add(d, "subnets", {{"id", "i-tgw-b"}, {"vpc", "vpc-i"}, {"cidr", "10.2.1.0/24"}, {"availabilityZone", "use1-az2"}, {"routeTable", "rt-i-tgw"}});
    add(d, "subnets", {{"id", "insp-a"}, {"vpc", "vpc-i"}, {"cidr", "10.2.2.0/24"}, {"availabilityZone", "use1-az1"}, {"routeTable", "rt-i-insp"}});
    add(d, "vpcEndpoints", {{"id", "vpce-gwlb"}, {"vpc", "vpc-i"}, {"endpointType", "gatewayLoadBalancer"}, {"service", "gwlb-svc"},
                            {"subnets", {"insp-a"}}});

    add(d, "transitGatewayRouteTables", {{"id", "tgw-rt-spoke"}, {"transitGateway", "tgw"},
                                         {"routes", {{{"destination", "0.0.0.0/0"}, {"attachment", "tgw-att-i"}}}}});
    res(d, "transitGatewayAttachments", "tgw-att-a")["routeTable"] = "tgw-rt-spoke";
    res(d, "transitGatewayAttachments", "tgw-att-b")["routeTable"] = "tgw-rt-spoke";
    add(d, "transitGatewayAttachments", {{"id", "tgw-att-i"}, {"transitGateway", "tgw"}, {"attachmentType", "vpc"}, {"resource", "vpc-i"},
                                         {"subnets", {"i-tgw-a", "i-tgw-b"}}, {"applianceMode", applianceMode}});
    setFlow(d, "i-app", "i-b", 443);
    return d;
}

TEST(Rule_INS2, InspectionAcrossAzsWithoutApplianceModeIsAsymmetric)
{
    const Outcome o = analyse(inspectionHub(false));
    EXPECT_VERDICT(o, "unreachable");
    ASSERT_TRUE(hasCode(o, "TGW_APPLIANCE_MODE_DISABLED", "tgw-att-i"));
    EXPECT_TRUE(messageMentions(o, "TGW_APPLIANCE_MODE_DISABLED", {"tgw-att-i", "use1-az1", "use1-az2", "vpce-gwlb", "INS-2"})) << o.text;
    EXPECT_TRUE(pathIncludes(o, {"i-app", "tgw-att-a", "tgw-rt-spoke", "tgw-att-i", "vpce-gwlb", "rt-i-insp", "tgw-att-i", "tgw-rt", "tgw-att-b", "i-b"}));
}

TEST(Rule_INS2, ApplianceModeKeepsBothDirectionsInOneAz)
{
    const Outcome o = analyse(inspectionHub(true));
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(lacksCode(o, "TGW_APPLIANCE_MODE_DISABLED"));
    EXPECT_TRUE(pathIncludes(o, {"i-app", "tgw-att-a", "tgw-att-i", "vpce-gwlb", "tgw-att-i", "tgw-att-b", "i-b"}));
}

TEST(Rule_INS2, SourceAndDestinationInOneAzNeedNoApplianceMode)
{
    json d = inspectionHub(false);
    res(d, "workloads", "i-b")["subnet"] = "b-a";
    res(d, "workloads", "i-b")["privateIp"] = "10.1.1.10";
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(lacksCode(o, "TGW_APPLIANCE_MODE_DISABLED"));
    EXPECT_TRUE(pathIncludes(o, {"i-app", "tgw-att-i", "vpce-gwlb", "tgw-att-b", "i-b"}));
}

TEST(Rule_INS2, AnInspectionAttachmentInOneAzTakesBothDirections)
{
    json d = inspectionHub(false);
    res(d, "transitGatewayAttachments", "tgw-att-i")["subnets"] = {"i-tgw-a"};
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(lacksCode(o, "TGW_APPLIANCE_MODE_DISABLED"));
}

// A middlebox interface may be a stateless router: only a note (as INS-1 says for middleboxes).
TEST(Rule_INS2, AMiddleboxAcrossAzsWithoutApplianceModeIsANote)
{
    json d = inspectionHub(false);
    add(d, "workloads", {{"id", "i-appliance"}, {"subnet", "insp-a"}, {"privateIp", "10.2.2.10"}});
    res(d, "routeTables", "rt-i-tgw")["routes"][0]["target"] = "i-appliance";
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(hasCode(o, "TGW_APPLIANCE_MODE_DISABLED", "tgw-att-i"));
    EXPECT_TRUE(messageMentions(o, "TGW_APPLIANCE_MODE_DISABLED", {"i-appliance", "stateful", "INS-2"})) << o.text;
    EXPECT_TRUE(pathIncludes(o, {"i-app", "tgw-att-i", "i-appliance", "tgw-att-b", "i-b"}));
}

} // namespace
} // namespace pp::test
