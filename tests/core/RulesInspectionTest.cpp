// Inspection rules of NETWORK-RULES.md section 12 (INS-*), in the style of RulesTest.cpp: a case
// where the rule lets the flow through and one where it bites, each asserting the verdict, the
// code and the path.
#include "RulesSupport.h"

namespace pp::test {
namespace {

// oneVpc() with the GWLB endpoint vpce-gwlb in insp-a (rt-insp) in front of nat-a:
// rt-app 0.0.0.0/0 -> vpce-gwlb, rt-insp 0.0.0.0/0 -> nat-a. `returnViaEndpoint`: rt-pub (nat-a's
// table) sends replies for app-a back through the endpoint.
json egressInspection(bool returnViaEndpoint)
{
    json d = oneVpc();
    addInspection(d);
    res(d, "routeTables", "rt-app")["routes"][0]["target"] = "vpce-gwlb";
    addRoute(d, "rt-insp", "0.0.0.0/0", "nat-a");
    if (returnViaEndpoint)
        addRoute(d, "rt-pub", "10.0.1.0/24", "vpce-gwlb");
    setFlow(d, "i-app", "web");
    return d;
}

// INS-1: a GWLB endpoint in front of a NAT gateway; the reply returns via the NAT's subnet routes
// to the endpoint, which the design had refused.
TEST(Rule_INS1, ReplyBackThroughTheEndpointInFrontOfTheNatIsAccepted)
{
    const Outcome o = analyse(egressInspection(true));
    EXPECT_VERDICT(o, "public"); // the final exit (nat-a, igw-a) decides (INS-1, SVC-8)
    EXPECT_TRUE(pathIncludes(o, {"i-app", "rt-app", "vpce-gwlb", "rt-insp", "nat-a", "rt-pub", "igw-a", "web"}));
    EXPECT_TRUE(o.flow.returnChecked && o.flow.returnOk) << o.text;
    EXPECT_TRUE(lacksCode(o, "NO_ROUTE_TO_DESTINATION"));
}

TEST(Rule_INS1, ReplyThatBypassesTheEndpointIsAsymmetricAndNamesTheRoute)
{
    const Outcome o = analyse(egressInspection(false)); // rt-pub sends the reply by the local route
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_FALSE(o.flow.returnOk);
    ASSERT_TRUE(hasCode(o, "NO_ROUTE_TO_DESTINATION", "rt-pub")) << "the NAT subnet's table causes the asymmetry";
    bool named = false;
    for (const Explanation& e : o.flow.blocking)
        named |= e.message.find("10.0.0.0/16") != std::string::npos && e.message.find("vpce-gwlb") != std::string::npos &&
                 e.message.find("INS-1") != std::string::npos;
    EXPECT_TRUE(named) << "the reason names the bypassing route and the endpoint" << o.text;
}

TEST(Rule_INS1, InspectionInsideOneVpcNeedsTheReplyThroughTheSameEndpoint)
{
    json d = oneVpc();
    addInspection(d);
    addDatabase(d); // i-db in app-b
    add(d, "routeTables", {{"id", "rt-db"}, {"vpc", "vpc-a"}});
    res(d, "subnets", "app-b")["routeTable"] = "rt-db";
    addRoute(d, "rt-app", "10.0.2.0/24", "vpce-gwlb"); // app-a -> app-b through the inspection
    setFlow(d, "i-app", "i-db", 5432);
    const Outcome bypass = analyse(d);
    EXPECT_VERDICT(bypass, "unreachable"); // rt-db answers app-a by the local route, around the inspection
    EXPECT_TRUE(hasCode(bypass, "NO_ROUTE_TO_DESTINATION", "rt-db"));

    addRoute(d, "rt-db", "10.0.1.0/24", "vpce-gwlb");
    const Outcome symmetric = analyse(d);
    EXPECT_VERDICT(symmetric, "private");
    EXPECT_TRUE(pathIncludes(symmetric, {"i-app", "rt-app", "vpce-gwlb", "rt-insp", "i-db"}));
    EXPECT_TRUE(symmetric.flow.returnChecked && symmetric.flow.returnOk) << symmetric.text;
}

TEST(Rule_INS1, InspectionDetourIsPrivateWhenTheFinalExitIs)
{
    json d = twoPeeredVpcs();
    addInspection(d);
    res(d, "routeTables", "rt-app")["routes"][0]["target"] = "vpce-gwlb";
    addRoute(d, "rt-insp", "10.1.0.0/16", "pcx-ab");
    setFlow(d, "i-app", "i-b", 5432);
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(pathIncludes(o, {"i-app", "vpce-gwlb", "pcx-ab", "i-b"}));
}

// INS-1 for a middlebox network interface: AWS cannot say whether the appliance is stateful, so a
// reply around it is a note, not a drop.
TEST(Rule_INS1, ReplyAroundAMiddleboxIsANoteNotADrop)
{
    json d = oneVpc();
    add(d, "routeTables", {{"id", "rt-fw"}, {"vpc", "vpc-a"}, {"routes", {{{"destination", "0.0.0.0/0"}, {"target", "nat-a"}}}}});
    add(d, "subnets", {{"id", "fw-a"}, {"vpc", "vpc-a"}, {"cidr", "10.0.3.0/24"}, {"availabilityZone", "use1-az1"}, {"routeTable", "rt-fw"}});
    add(d, "workloads", {{"id", "i-fw"}, {"subnet", "fw-a"}, {"privateIp", "10.0.3.10"}, {"securityGroups", {"sg-app"}}});
    res(d, "routeTables", "rt-app")["routes"][0]["target"] = "i-fw";
    setFlow(d, "i-app", "web");
    const Outcome around = analyse(d);
    EXPECT_VERDICT(around, "public");
    EXPECT_TRUE(hasCode(around, "ASYMMETRIC_RETURN_PATH", "rt-pub")) << "the user learns the reply bypasses i-fw";

    addRoute(d, "rt-pub", "10.0.1.0/24", "i-fw");
    const Outcome through = analyse(d);
    EXPECT_VERDICT(through, "public");
    EXPECT_TRUE(lacksCode(through, "ASYMMETRIC_RETURN_PATH"));
}

} // namespace
} // namespace pp::test
