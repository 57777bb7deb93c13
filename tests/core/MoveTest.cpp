// Dragging a subnet into another VPC: the model follows (new block, new addresses, the old VPC's
// route table, ACL and security groups let go), or the move is refused with the reason.
#include "TestSupport.h"

#include "edit/Move.h"

#include <gtest/gtest.h>

namespace pp::test {
namespace {

Design load(const nlohmann::json& document) { return *loadDesign(document.dump(), "base").design; }

TEST(MoveSubnet, IntoAnotherVpcTakesANewBlockAndItsInstancesFollow)
{
    Design d = load(baseDesign());
    const std::string original = saveDesignToString(d);
    ChangeSetBuilder builder(d);
    std::string refusal;
    ASSERT_TRUE(moveSubnetToVpc(builder, d, ResourceId("b-a"), ResourceId("vpc-p"), &refusal)) << refusal;
    const ChangeSet change = builder.build();
    ASSERT_TRUE(applyChangeSet(d, change));
    const Subnet* s = d.findAs<Subnet>(ResourceId("b-a"));
    EXPECT_EQ(s->vpc, ResourceId("vpc-p"));
    EXPECT_EQ(s->cidr.toString(), "10.50.0.0/24") << "the first /24 of 10.50.0.0/16 that p-a and p-b leave free";
    const Workload* w = d.findAs<Workload>(ResourceId("i-b"));
    EXPECT_EQ(w->subnet, ResourceId("b-a"));
    EXPECT_EQ(w->privateIp->toString(), "10.50.0.10");
    EXPECT_TRUE(w->securityGroups.empty()) << "sg-b belongs to vpc-b";
    for (const Finding& f : lintDesign(d))
        EXPECT_NE(f.severity, Severity::Error) << f.code << " " << f.message;
    // One change-set, exactly undoable.
    ASSERT_TRUE(applyChangeSet(d, change.inverse()));
    EXPECT_EQ(saveDesignToString(d), original);
}

TEST(MoveSubnet, LetsGoOfTheOldVpcsRouteTableAndNatAddress)
{
    Design d = load(baseDesign());
    ChangeSetBuilder builder(d);
    std::string refusal;
    ASSERT_TRUE(moveSubnetToVpc(builder, d, ResourceId("pub-a"), ResourceId("vpc-b"), &refusal)) << refusal;
    ASSERT_TRUE(applyChangeSet(d, builder.build()));
    const Subnet* s = d.findAs<Subnet>(ResourceId("pub-a"));
    EXPECT_FALSE(s->routeTable) << "rt-pub is vpc-a's: vpc-b's main table applies now";
    EXPECT_EQ(s->cidr.toString(), "10.1.0.0/24");
    EXPECT_EQ(d.findAs<NatGateway>(ResourceId("nat-a"))->subnet, std::optional(ResourceId("pub-a")));
}

TEST(MoveSubnet, RefusedWhenSomethingElseUsesTheSubnet)
{
    const Design d = load(baseDesign());
    ChangeSetBuilder builder(d);
    std::string refusal;
    EXPECT_FALSE(moveSubnetToVpc(builder, d, ResourceId("app-a"), ResourceId("vpc-b"), &refusal));
    EXPECT_NE(refusal.find("uses app-a"), std::string::npos) << refusal;
    EXPECT_TRUE(builder.build().empty()) << "nothing staged";
}

TEST(MoveSubnet, RefusedAcrossRegionsAndWhenTheVpcIsFull)
{
    nlohmann::json doc = baseDesign();
    doc["vpcs"].push_back({{"id", "vpc-e"}, {"region", "euw1"}, {"ipv4Cidrs", {"10.60.0.0/16"}}});
    byId(doc, "vpcs", "vpc-p")["ipv4Cidrs"] = {"10.50.1.0/24", "10.50.2.0/24"};
    const Design d = load(doc);
    ChangeSetBuilder builder(d);
    std::string refusal;
    EXPECT_FALSE(moveSubnetToVpc(builder, d, ResourceId("b-a"), ResourceId("vpc-e"), &refusal));
    EXPECT_NE(refusal.find("Region"), std::string::npos) << refusal;
    EXPECT_FALSE(moveSubnetToVpc(builder, d, ResourceId("b-a"), ResourceId("vpc-p"), &refusal));
    EXPECT_NE(refusal.find("no free /24"), std::string::npos) << refusal;
    EXPECT_TRUE(builder.build().empty());
}

} // namespace
} // namespace pp::test

namespace pp::test {
namespace {

TEST(MoveGateway, AttachingAnInternetGatewayToAnotherVpcDropsTheOldRoutesToIt)
{
    Design d = load(baseDesign());
    ChangeSetBuilder builder(d);
    std::string refusal;
    int removed = -1;
    ASSERT_TRUE(moveGatewayToVpc(builder, d, ResourceId("igw-a"), ResourceId("vpc-b"), &removed, &refusal)) << refusal;
    EXPECT_EQ(removed, 1) << "rt-pub's default route";
    ASSERT_TRUE(applyChangeSet(d, builder.build()));
    EXPECT_EQ(d.findAs<InternetGateway>(ResourceId("igw-a"))->vpc, ResourceId("vpc-b"));
    for (const Route& r : d.findAs<RouteTable>(ResourceId("rt-pub"))->routes)
        EXPECT_NE(r.target, ResourceId("igw-a"));
    for (const Finding& f : lintDesign(d))
        EXPECT_NE(f.code, "ROUTE_TARGET_OTHER_VPC") << f.message;
}

TEST(MoveGateway, OnePerVpc)
{
    nlohmann::json doc = baseDesign();
    doc["internetGateways"].push_back({{"id", "igw-b"}, {"vpc", "vpc-b"}});
    const Design d = load(doc);
    ChangeSetBuilder builder(d);
    std::string refusal;
    EXPECT_FALSE(moveGatewayToVpc(builder, d, ResourceId("igw-a"), ResourceId("vpc-b"), nullptr, &refusal));
    EXPECT_NE(refusal.find("already has igw-b"), std::string::npos) << refusal;
    EXPECT_TRUE(builder.build().empty());
}

} // namespace
} // namespace pp::test
