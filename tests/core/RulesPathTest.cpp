// PATH-1 (NETWORK-RULES.md section 12): a path lists every device the packet crosses, in order,
// like Reachability Analyzer's path components. These tests name the devices the first wave left
// out: the transit gateway itself, the Direct Connect gateway and the virtual private gateway of
// a Direct Connect path.
#include "RulesSupport.h"

namespace pp::test {
namespace {

const Hop* hopAt(const Outcome& o, const std::string& resource)
{
    for (const Hop& h : o.flow.path)
        if (h.resource == resource)
            return &h;
    return nullptr;
}

TEST(Rule_PATH1, TransitGatewayItselfIsOnThePathBetweenItsAttachmentAndRouteTable)
{
    json d = transitGateway(); // ex15
    setFlow(d, "i-app", "i-b");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(pathIncludes(o, {"i-app", "rt-app", "tgw-att-a", "tgw", "tgw-rt", "tgw-att-b", "i-b"}));
    const Hop* tgw = hopAt(o, "tgw");
    ASSERT_NE(tgw, nullptr);
    EXPECT_EQ(tgw->action, "forward");
    EXPECT_NE(tgw->detail.find("tgw-rt"), std::string::npos) << "it names the route table it uses" << o.text;
}

// VPC-A and VPC-B (ex13) each with a virtual private gateway associated with the Direct Connect
// gateway dxgw; the data centre dc (172.16.0.0/16) has a private VIF vif-p on dxgw.
json privateVifOnDxGateway()
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
    res(d, "securityGroups", "sg-b")["inbound"].push_back(rule("tcp", 5432, 5432, "172.16.0.0/16"));
    return d;
}

TEST(Rule_PATH1, PrivateVifPathShowsTheDirectConnectAndVirtualPrivateGateways)
{
    json d = privateVifOnDxGateway();
    setFlow(d, "dc-host", "i-b", 5432);
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(pathIncludes(o, {"dc-host", "vif-p", "dxgw", "vgw-b", "i-b"}));
    EXPECT_TRUE(pathAvoids(o, "vgw-a")) << "only the gateway of the VPC reached";
}

TEST(Rule_PATH1, PrivateVifOnAVirtualPrivateGatewayShowsTheGateway)
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
    EXPECT_TRUE(pathIncludes(o, {"dc-host", "vif-a", "vgw-a", "i-app"}));
    EXPECT_TRUE(pathAvoids(o, "dxgw"));
}

TEST(Rule_PATH1, OutboundPrivateVifPathCrossesTheDirectConnectGateway)
{
    json d = privateVifOnDxGateway();
    setFlow(d, "i-app", "dc-host", 22);
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(pathIncludes(o, {"i-app", "rt-app", "vgw-a", "dxgw", "vif-p", "dc-host"}));
}

TEST(Rule_PATH1, TransitVifPathShowsTheDirectConnectGatewayAndTheTransitGateway)
{
    json d = transitGateway();
    add(d, "directConnectGateways", {{"id", "dxgw"}, {"associations", {{{"gateway", "tgw"}, {"allowedPrefixes", {"10.0.0.0/16", "10.1.0.0/16"}}}}}});
    add(d, "directConnectVirtualInterfaces", {{"id", "vif-t"}, {"vifType", "transit"}, {"onPremises", "dc"}, {"gateway", "dxgw"},
                                              {"advertisedPrefixes", {"172.16.0.0/16"}}});
    add(d, "transitGatewayAttachments", {{"id", "tgw-att-dx"}, {"transitGateway", "tgw"}, {"attachmentType", "directConnectGateway"}, {"resource", "dxgw"}});
    addDataCentre(d);
    addRoute(d, "rt-b", "172.16.0.0/16", "tgw");
    res(d, "securityGroups", "sg-b")["inbound"].push_back(rule("tcp", 443, 443, "172.16.0.0/16"));
    setFlow(d, "dc-host", "i-b");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(pathIncludes(o, {"dc-host", "vif-t", "dxgw", "tgw-att-dx", "tgw", "tgw-rt", "tgw-att-b", "i-b"}));
}

} // namespace
} // namespace pp::test
