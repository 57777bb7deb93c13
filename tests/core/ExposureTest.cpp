// Internet exposure: which workloads can open connections to the internet, and which can be
// reached from it, whether or not a flow was drawn.
#include "TestSupport.h"

#include "analysis/Analyzer.h"

#include <gtest/gtest.h>

namespace pp::test {
namespace {

using nlohmann::json;

json ex01()
{
    return json::parse(readFile(sourcePath("tests/data/examples/ex01.privatepath")));
}

std::optional<Exposure> exposureOf(const json& document, const std::string& workload)
{
    const LoadResult loaded = loadDesign(document.dump(), "exposure");
    EXPECT_TRUE(loaded.ok());
    for (const Exposure& e : analyzeDesign(*loaded.design).exposure)
        if (e.workload == workload)
            return e;
    return std::nullopt;
}

void addWeb(json& d, bool publicIp)
{
    d["workloads"].push_back({{"id", "i-web"}, {"subnet", "pub-a"}, {"privateIp", "10.0.0.20"}, {"publicIp", publicIp},
                              {"securityGroups", {"sg-web"}}});
    d["securityGroups"].push_back({{"id", "sg-web"}, {"vpc", "vpc-a"},
                                   {"inbound", {{{"protocol", "tcp"}, {"fromPort", 443}, {"toPort", 443}, {"cidr", "0.0.0.0/0"}}}},
                                   {"outbound", {{{"protocol", "all"}, {"cidr", "0.0.0.0/0"}}}}});
}

TEST(Exposure, PrivateInstanceReachesTheInternetThroughNat)
{
    const auto e = exposureOf(ex01(), "i-app");
    ASSERT_TRUE(e);
    EXPECT_TRUE(e->egress);
    EXPECT_EQ(e->egressVia, (std::vector<std::string>{"nat-a", "igw-a"}));
    EXPECT_FALSE(e->ingress) << "no public IP, so not reachable from the internet";
}

TEST(Exposure, NoEgressWithoutARouteOrWithClosedGroups)
{
    json d = ex01();
    byId(d, "routeTables", "rt-app")["routes"] = json::array();
    EXPECT_FALSE(exposureOf(d, "i-app").has_value()) << "no route to the internet";
    d = ex01();
    for (auto& sg : d["securityGroups"])
        sg["outbound"] = json::array();
    EXPECT_FALSE(exposureOf(d, "i-app").has_value()) << "no security group rule lets anything out";
    d = ex01();
    byId(d, "natGateways", "nat-a")["connectivity"] = "private";
    byId(d, "natGateways", "nat-a").erase("elasticIp");
    EXPECT_FALSE(exposureOf(d, "i-app").has_value()) << "a private NAT gateway never reaches the internet (IGW-5)";
}

TEST(Exposure, PublicInstanceWithOpenGroupIsReachableFromTheInternet)
{
    json d = ex01();
    addWeb(d, true);
    const auto e = exposureOf(d, "i-web");
    ASSERT_TRUE(e);
    EXPECT_TRUE(e->egress);
    EXPECT_EQ(e->egressVia, (std::vector<std::string>{"igw-a"}));
    EXPECT_TRUE(e->ingress);
    EXPECT_EQ(e->ingressVia, (std::vector<std::string>{"igw-a"}));
    EXPECT_EQ(e->openPorts, (std::vector<std::string>{"tcp 443 from 0.0.0.0/0 (sg-web)"}));
}

TEST(Exposure, InstanceWithoutPublicIpInPublicSubnetIsNotExposed)
{
    json d = ex01();
    addWeb(d, false);
    EXPECT_FALSE(exposureOf(d, "i-web").has_value()) << "IGW-2: no public IP, no internet either way";
}

TEST(Exposure, InternetFacingLoadBalancerExposesItsTargets)
{
    json d = ex01();
    d["workloads"].push_back({{"id", "i-api"}, {"subnet", "app-a"}, {"privateIp", "10.0.1.30"}, {"securityGroups", {"sg-api"}}});
    d["securityGroups"].push_back({{"id", "sg-api"}, {"vpc", "vpc-a"},
                                   {"inbound", {{{"protocol", "tcp"}, {"fromPort", 8080}, {"toPort", 8080}, {"cidr", "10.0.0.0/16"}}}}});
    // Without client IP preservation i-api sees the load balancer's address, which sg-api admits.
    d["loadBalancers"] = {{{"id", "nlb-public"}, {"lbType", "network"}, {"internal", false}, {"subnets", {"pub-a"}},
                           {"preserveClientIp", false},
                           {"listeners", {{{"protocol", "tcp"}, {"port", 443}}}}, {"targets", {{{"instance", "i-api"}, {"port", 8080}}}}}};
    const auto e = exposureOf(d, "i-api");
    ASSERT_TRUE(e);
    EXPECT_TRUE(e->ingress);
    EXPECT_EQ(e->ingressVia, (std::vector<std::string>{"igw-a", "nlb-public"}));
    EXPECT_EQ(e->openPorts, (std::vector<std::string>{"tcp 443 (listener of nlb-public)"}));
    EXPECT_FALSE(e->egress) << "sg-api has no outbound rule";
    // With it (AWS's default for instance targets) i-api sees internet addresses, which sg-api
    // does not admit (NLB-2); a rule naming the load balancer's security group would.
    byId(d, "loadBalancers", "nlb-public").erase("preserveClientIp");
    EXPECT_FALSE(exposureOf(d, "i-api").has_value()) << "sg-api admits only VPC-A";
    d["securityGroups"].push_back({{"id", "sg-nlb"}, {"vpc", "vpc-a"}, {"inbound", {{{"protocol", "tcp"}, {"fromPort", 443}, {"toPort", 443}, {"cidr", "0.0.0.0/0"}}}}});
    byId(d, "loadBalancers", "nlb-public")["securityGroups"] = {"sg-nlb"};
    byId(d, "securityGroups", "sg-api")["inbound"] = {{{"protocol", "tcp"}, {"fromPort", 8080}, {"toPort", 8080}, {"securityGroup", "sg-nlb"}}};
    ASSERT_TRUE(exposureOf(d, "i-api").has_value()) << "a rule naming the load balancer's group admits preserved clients";
    byId(d, "loadBalancers", "nlb-public")["internal"] = true;
    EXPECT_FALSE(exposureOf(d, "i-api").has_value()) << "an internal load balancer exposes nothing";
}

TEST(Exposure, SpokeVpcEgressThroughCentralNat_IGW5)
{
    json d = json::parse(readFile(sourcePath("tests/data/examples/ex15.privatepath")));
    byId(d, "routeTables", "rt-b")["routes"].push_back({{"destination", "0.0.0.0/0"}, {"target", "tgw"}});
    byId(d, "routeTables", "rt-app")["routes"].push_back({{"destination", "0.0.0.0/0"}, {"target", "nat-a"}});
    byId(d, "transitGatewayRouteTables", "tgw-rt")["routes"] = {{{"destination", "0.0.0.0/0"}, {"attachment", "tgw-att-a"}}};
    const auto e = exposureOf(d, "i-b");
    ASSERT_TRUE(e);
    EXPECT_TRUE(e->egress);
    EXPECT_EQ(e->egressVia.back(), "igw-a");
    EXPECT_NE(std::find(e->egressVia.begin(), e->egressVia.end(), "nat-a"), e->egressVia.end());
}

} // namespace
} // namespace pp::test
