#include "TestSupport.h"

#include "generate/ScenarioGenerator.h"

#include <gtest/gtest.h>
#include <set>

namespace pp::test {
namespace {

TEST(Generator, SameArgumentsSameFile)
{
    const auto a = generateScenario({6, 3, 2, 7});
    const auto b = generateScenario({6, 3, 2, 7});
    const auto c = generateScenario({6, 3, 2, 8});
    ASSERT_TRUE(a && b && c);
    EXPECT_EQ(saveDesignToString(*a), saveDesignToString(*b));
    EXPECT_NE(saveDesignToString(*a), saveDesignToString(*c)) << "the seed changes the estate";
}

TEST(Generator, SizesFollowTheParameters)
{
    const auto d = generateScenario({10, 4, 3, 1});
    ASSERT_TRUE(d);
    int vpcs = 0, subnets = 0, workloads = 0, nats = 0, gatewayEndpoints = 0, interfaceEndpoints = 0, peerings = 0;
    for (const Resource& r : d->resources()) {
        vpcs += r.as<Vpc>() != nullptr;
        subnets += r.as<Subnet>() != nullptr;
        workloads += r.as<Workload>() != nullptr;
        nats += r.as<NatGateway>() != nullptr;
        peerings += r.as<VpcPeering>() != nullptr;
        if (const VpcEndpoint* e = r.as<VpcEndpoint>())
            (e->endpointType == EndpointType::Gateway ? gatewayEndpoints : interfaceEndpoints)++;
    }
    EXPECT_EQ(vpcs, 10);
    EXPECT_EQ(subnets, 10 * 5) << "four private subnets and one public subnet per VPC";
    EXPECT_EQ(workloads, 10 * 4 * 3);
    EXPECT_GT(nats, 0);
    EXPECT_LT(nats, 10) << "some VPCs have no NAT gateway, so some flows are unreachable";
    EXPECT_GT(gatewayEndpoints, 0);
    EXPECT_GT(interfaceEndpoints, 0);
    EXPECT_EQ(peerings, 2);
    EXPECT_GE(d->flows().size(), 20u);
    std::set<std::string> drawn;
    for (const Shape& s : d->diagram.shapes)
        drawn.insert(s.resource.str());
    for (const Resource& r : d->resources()) {
        if (r.as<Vpc>() || r.as<Subnet>() || r.as<Workload>() || r.as<NatGateway>() || r.as<VpcEndpoint>()) {
            EXPECT_TRUE(drawn.count(r.id.str())) << r.id.str() << " has no shape";
        }
    }
}

TEST(Generator, EstateIsValid)
{
    for (const ScenarioParameters& p : {ScenarioParameters{1, 1, 1, 1}, ScenarioParameters{20, 6, 4, 3},
                                        ScenarioParameters{300, 2, 1, 9}, ScenarioParameters{2, 0, 0, 1}}) {
        const auto d = generateScenario(p);
        ASSERT_TRUE(d);
        const LoadResult r = loadDesign(saveDesignToString(*d), "generated");
        ASSERT_TRUE(r.ok());
        EXPECT_TRUE(r.diagnostics.empty());
        for (const Finding& f : lintDesign(*r.design))
            ADD_FAILURE() << p.vpcs << " VPCs: " << f.code << ": " << f.message;
    }
}

TEST(Generator, RefusesSizesTheAddressPlanCannotHold)
{
    std::string why;
    EXPECT_FALSE(generateScenario({0, 1, 1, 1}, &why));
    EXPECT_NE(why.find("number of VPCs"), std::string::npos);
    EXPECT_FALSE(generateScenario({1, 1, 11, 1}, &why));
    EXPECT_NE(why.find("workloads per subnet"), std::string::npos);
    EXPECT_FALSE(generateScenario({1, 256, 1, 1}, &why));
    EXPECT_NE(why.find("subnets per VPC"), std::string::npos);
}

} // namespace
} // namespace pp::test
