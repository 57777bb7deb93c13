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
}

} // namespace
} // namespace pp::test
