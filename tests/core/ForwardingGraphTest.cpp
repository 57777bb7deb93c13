// Route selection on the forwarding graph: longest prefix and AWS's tie-breaks (RT-1, RT-2,
// RT-3), destination classes, and loop detection with strong_components (RT-7).
#include "TestSupport.h"

#include "analysis/ForwardingGraph.h"

#include <gtest/gtest.h>

namespace pp::test {
namespace {

using nlohmann::json;

struct Built {
    Design design;
    std::unique_ptr<Network> network;
    std::unique_ptr<ForwardingGraph> graph;
};

std::unique_ptr<Built> build(const json& document)
{
    auto b = std::make_unique<Built>();
    const LoadResult r = loadDesign(document.dump(), "graph");
    EXPECT_TRUE(r.ok());
    b->design = *r.design;
    b->network = std::make_unique<Network>(b->design);
    b->graph = std::make_unique<ForwardingGraph>(*b->network);
    return b;
}

std::string targetOf(const Built& b, const char* table, const char* address)
{
    const auto v = b.graph->find(NodeKind::RouteTable, ResourceId(table));
    EXPECT_TRUE(v.has_value());
    const auto e = b.graph->nextHop(*v, *IpAddress::parse(address));
    if (!e)
        return "none";
    const ForwardingNode& n = b.graph->node(b.graph->target(*e));
    return n.kind == NodeKind::VpcLocal ? "local:" + n.resource.str() : n.resource.str();
}

TEST(ForwardingGraph, LongestPrefixWins_RT1)
{
    json d = baseDesign();
    byId(d, "routeTables", "rt-app")["routes"].push_back({{"destination", "52.216.0.0/16"}, {"target", "nat-a"}});
    const auto b = build(d);
    EXPECT_EQ(targetOf(*b, "rt-app", "8.8.8.8"), "nat-a");
    EXPECT_EQ(targetOf(*b, "rt-app", "10.0.5.5"), "local:vpc-a");
    EXPECT_EQ(targetOf(*b, "rt-app", "10.1.2.3"), "pcx-ab");
    EXPECT_EQ(targetOf(*b, "rt-app", "192.168.4.4"), "tgw-att-a");
    // The base design's S3 gateway endpoint route (prefix list entry 52.216.0.0/15) loses to the
    // more specific static /16, and beats 0.0.0.0/0 elsewhere in the list (GW-4).
    EXPECT_EQ(targetOf(*b, "rt-app", "52.216.1.1"), "nat-a");
    EXPECT_EQ(targetOf(*b, "rt-app", "52.217.1.1"), "vpce-s3");
    EXPECT_EQ(targetOf(*b, "rt-pub", "52.217.1.1"), "igw-a") << "rt-pub is not associated with the endpoint";
}

TEST(ForwardingGraph, StaticBeatsPrefixListAtEqualLength_RT1)
{
    json d = baseDesign();
    byId(d, "routeTables", "rt-app")["routes"].push_back({{"destination", "52.216.0.0/15"}, {"target", "nat-a"}});
    const auto b = build(d);
    EXPECT_EQ(targetOf(*b, "rt-app", "52.217.1.1"), "nat-a");
}

TEST(ForwardingGraph, PropagatedNeverBeatsLocal_RT2)
{
    json d = baseDesign();
    // vgw on vpc-a with a VPN whose remote network overlaps the VPC (more specific than local).
    d["virtualPrivateGateways"].push_back({{"id", "vgw-a"}, {"vpc", "vpc-a"}});
    d["vpnConnections"].push_back({{"id", "vpn-a"}, {"customerGateway", "cgw"}, {"gateway", "vgw-a"},
                                   {"remoteCidrs", {"10.0.1.0/24", "172.20.0.0/16"}}});
    byId(d, "routeTables", "rt-app")["propagatingGateways"] = {"vgw-a"};
    const auto b = build(d);
    EXPECT_EQ(targetOf(*b, "rt-app", "10.0.1.20"), "local:vpc-a");
    EXPECT_EQ(targetOf(*b, "rt-app", "172.20.1.1"), "vgw-a");
}

TEST(ForwardingGraph, FamiliesNeverMix_RT3)
{
    json d = baseDesign();
    byId(d, "vpcs", "vpc-a")["ipv6Cidr"] = "2600:1f18:1234:ab00::/56";
    byId(d, "routeTables", "rt-app")["routes"].push_back({{"destination", "::/0"}, {"target", "eigw-a"}});
    const auto b = build(d);
    EXPECT_EQ(targetOf(*b, "rt-app", "2001:db8::1"), "eigw-a");
    EXPECT_EQ(targetOf(*b, "rt-app", "8.8.8.8"), "nat-a");
    EXPECT_EQ(targetOf(*b, "rt-pub", "2001:db8::1"), "none") << "0.0.0.0/0 does not match IPv6";
}

TEST(ForwardingGraph, DestinationClassesGroupAddressesEveryRouteTreatsAlike)
{
    const auto b = build(baseDesign());
    const ForwardingGraph& g = *b->graph;
    EXPECT_EQ(g.destinationClass(*IpAddress::parse("8.8.8.8")), g.destinationClass(*IpAddress::parse("8.8.4.4")));
    EXPECT_NE(g.destinationClass(*IpAddress::parse("10.0.1.1")), g.destinationClass(*IpAddress::parse("8.8.8.8")));
    EXPECT_NE(g.destinationClass(*IpAddress::parse("10.1.0.1")), g.destinationClass(*IpAddress::parse("10.0.0.1")));
    EXPECT_GT(g.destinationClassCount(), 10u);
    EXPECT_LT(g.destinationClassCount(), 200u);
}

TEST(ForwardingGraph, LoopsAreFoundWithStrongComponents_RT7)
{
    json d = baseDesign();
    // nat-a sits in pub-a; send pub-a's default route back to the NAT gateway: a two-vertex loop.
    byId(d, "routeTables", "rt-pub")["routes"] = json::array({{{"destination", "0.0.0.0/0"}, {"target", "nat-a"}}});
    const auto b = build(d);
    const auto loops = b->graph->forwardingLoops({*IpAddress::parse("8.8.8.8")});
    ASSERT_EQ(loops.size(), 1u);
    std::set<std::string> ids;
    for (const Vertex v : loops.front())
        ids.insert(b->graph->node(v).resource.str());
    EXPECT_EQ(ids, (std::set<std::string>{"rt-pub", "nat-a"}));
    EXPECT_TRUE(b->graph->forwardingLoops({*IpAddress::parse("10.0.1.1")}).empty());
}

} // namespace
} // namespace pp::test
