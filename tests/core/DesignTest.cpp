#include "design/Design.h"

#include <gtest/gtest.h>

namespace pp {
namespace {

Resource vpc(const char* id, const char* block)
{
    Resource r;
    r.id = ResourceId(id);
    r.data = Vpc{ResourceId("use1"), "", {*Cidr::parse(block)}, std::nullopt, true, false};
    return r;
}

TEST(Design, AddsFindsAndRefusesDuplicateIds)
{
    Design d;
    EXPECT_TRUE(d.add(vpc("vpc-a", "10.0.0.0/16")));
    EXPECT_FALSE(d.add(vpc("vpc-a", "10.1.0.0/16")));
    ASSERT_NE(d.findAs<Vpc>(ResourceId("vpc-a")), nullptr);
    EXPECT_EQ(d.findAs<Vpc>(ResourceId("vpc-a"))->ipv4Cidrs.front().toString(), "10.0.0.0/16");
    EXPECT_EQ(d.findAs<Subnet>(ResourceId("vpc-a")), nullptr);
    Flow f;
    f.id = FlowId("vpc-a");
    EXPECT_FALSE(d.addFlow(f)) << "flow ids share the namespace of resource ids";
    f.id = FlowId("f1");
    EXPECT_TRUE(d.addFlow(f));
    EXPECT_TRUE(d.containsId("f1"));
}

TEST(Design, ReplaceKeepsOrderAndKind)
{
    Design d;
    d.add(vpc("vpc-a", "10.0.0.0/16"));
    d.add(vpc("vpc-b", "10.1.0.0/16"));
    EXPECT_TRUE(d.replace(vpc("vpc-a", "10.2.0.0/16")));
    EXPECT_EQ(d.resources().front().id.str(), "vpc-a");
    EXPECT_EQ(d.resources().front().as<Vpc>()->ipv4Cidrs.front().toString(), "10.2.0.0/16");
    Resource other;
    other.id = ResourceId("vpc-b");
    other.data = InternetGateway{};
    EXPECT_FALSE(d.replace(other)) << "a resource cannot change kind";
    EXPECT_FALSE(d.replace(vpc("vpc-z", "10.3.0.0/16")));
}

TEST(Design, RemoveReindexes)
{
    Design d;
    d.add(vpc("vpc-a", "10.0.0.0/16"));
    d.add(vpc("vpc-b", "10.1.0.0/16"));
    d.add(vpc("vpc-c", "10.2.0.0/16"));
    EXPECT_TRUE(d.remove(ResourceId("vpc-a")));
    EXPECT_FALSE(d.remove(ResourceId("vpc-a")));
    EXPECT_EQ(d.find(ResourceId("vpc-a")), nullptr);
    ASSERT_NE(d.find(ResourceId("vpc-c")), nullptr);
    EXPECT_EQ(d.find(ResourceId("vpc-c"))->id.str(), "vpc-c");
    EXPECT_EQ(d.resources().size(), 2u);
}

TEST(Design, EqualityComparesEverything)
{
    Design a, b;
    a.add(vpc("vpc-a", "10.0.0.0/16"));
    b.add(vpc("vpc-a", "10.0.0.0/16"));
    EXPECT_EQ(a, b);
    b.diagram.shapes.push_back(Shape{ResourceId("vpc-a"), std::nullopt, 0, 0, 10, 10});
    EXPECT_FALSE(a == b);
}

TEST(Id, Syntax)
{
    EXPECT_TRUE(isValidId("app-subnet"));
    EXPECT_TRUE(isValidId("vpc-0a1b2c3d4e5f"));
    EXPECT_TRUE(isValidId("a.b_c:d-e"));
    EXPECT_FALSE(isValidId(""));
    EXPECT_FALSE(isValidId("local")) << "reserved for the local route target";
    EXPECT_FALSE(isValidId("-leading-dash"));
    EXPECT_FALSE(isValidId("has space"));
    EXPECT_FALSE(isValidId("slash/y"));
    EXPECT_FALSE(isValidId(std::string(129, 'a')));
    EXPECT_TRUE(isValidId(std::string(128, 'a')));
}

TEST(Kind, CollectionsRoundTrip)
{
    for (int k = 0; k < kKindCount; ++k)
        EXPECT_EQ(kindFromCollection(kindInfo(Kind(k)).collection), Kind(k));
    EXPECT_FALSE(kindFromCollection("vpc").has_value());
}

} // namespace
} // namespace pp
