// VPC Lattice resources over PrivateLink (NETWORK-RULES.md rules PL-1 and PL-2), in the style of
// RulesTest.cpp: a consumer reaches a provider's resource through a resource endpoint or a
// service-network endpoint, the resource gateway connects with its own address, and each way it
// can fail is named.
#include "RulesSupport.h"

namespace pp::test {
namespace {

// oneVpc() is the consumer (account 111111111111). The provider VPC-P 10.50.0.0/16 (account
// 222222222222) has the resource gateway rgw in p-a (az1) and p-b (az2) with sg-rgw (outbound
// 5432 to VPC-P) and the RDS database i-rds 10.50.2.10 in p-b, whose sg-rds admits 5432 from
// sg-rgw. rcfg-db describes i-rds (TCP 5432), shared with the consumer's account. The consumer's
// resource endpoint vpce-rds (app-a, app-b) admits 5432 from VPC-A. Flow: i-app -> rcfg-db:5432.
json rdsResourceEndpoint()
{
    json d = oneVpc();
    add(d, "vpcs", {{"id", "vpc-p"}, {"region", "use1"}, {"account", "222222222222"}, {"ipv4Cidrs", {"10.50.0.0/16"}}});
    add(d, "routeTables", {{"id", "rt-p"}, {"vpc", "vpc-p"}, {"main", true}});
    add(d, "subnets", {{"id", "p-a"}, {"vpc", "vpc-p"}, {"cidr", "10.50.1.0/24"}, {"availabilityZone", "use1-az1"}});
    add(d, "subnets", {{"id", "p-b"}, {"vpc", "vpc-p"}, {"cidr", "10.50.2.0/24"}, {"availabilityZone", "use1-az2"}});
    add(d, "securityGroups", {{"id", "sg-rgw"}, {"vpc", "vpc-p"}, {"outbound", {rule("tcp", 5432, 5432, "10.50.0.0/16")}}});
    add(d, "securityGroups", {{"id", "sg-rds"}, {"vpc", "vpc-p"},
                              {"inbound", {{{"protocol", "tcp"}, {"fromPort", 5432}, {"toPort", 5432}, {"securityGroup", "sg-rgw"}}}}});
    add(d, "workloads", {{"id", "i-rds"}, {"workloadType", "rdsDatabase"}, {"subnet", "p-b"}, {"privateIp", "10.50.2.10"}, {"securityGroups", {"sg-rds"}}});
    add(d, "resourceGateways", {{"id", "rgw"}, {"vpc", "vpc-p"}, {"subnets", {"p-a", "p-b"}}, {"securityGroups", {"sg-rgw"}}});
    add(d, "resourceConfigurations", {{"id", "rcfg-db"}, {"resourceGateway", "rgw"}, {"resource", "i-rds"},
                                      {"portRanges", {{{"fromPort", 5432}, {"toPort", 5432}}}}, {"allowedPrincipals", {"111111111111"}}});
    add(d, "securityGroups", {{"id", "sg-vpce"}, {"vpc", "vpc-a"}, {"inbound", {rule("tcp", 5432, 5432, "10.0.0.0/16")}}});
    add(d, "vpcEndpoints", {{"id", "vpce-rds"}, {"vpc", "vpc-a"}, {"endpointType", "resource"}, {"service", "rcfg-db"},
                            {"subnets", {"app-a", "app-b"}}, {"securityGroups", {"sg-vpce"}}});
    setFlow(d, "i-app", "rcfg-db", 5432);
    return d;
}

// The same provider shared through the service network sn: the consumer has the service-network
// endpoint vpce-sn instead of vpce-rds.
json rdsThroughServiceNetwork()
{
    json d = rdsResourceEndpoint();
    removeById(d, "vpcEndpoints", "vpce-rds");
    add(d, "serviceNetworks", {{"id", "sn"}, {"resourceConfigurations", {"rcfg-db"}}});
    add(d, "vpcEndpoints", {{"id", "vpce-sn"}, {"vpc", "vpc-a"}, {"endpointType", "serviceNetwork"}, {"service", "sn"},
                            {"subnets", {"app-a", "app-b"}}, {"securityGroups", {"sg-vpce"}}});
    return d;
}

testing::AssertionResult detailSays(const Outcome& o, const std::string& resource, const std::string& text)
{
    for (const Hop& h : o.flow.path)
        if (h.resource == resource && h.detail.find(text) != std::string::npos)
            return testing::AssertionSuccess();
    return testing::AssertionFailure() << "no hop at " << resource << " saying \"" << text << "\"" << o.text;
}

TEST(Rule_PL1, ResourceEndpointReachesTheDatabaseThroughTheProvidersResourceGateway)
{
    const Outcome o = analyse(rdsResourceEndpoint());
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(pathIncludes(o, {"i-app", "vpce-rds", "rcfg-db", "rgw", "i-rds"}));
    EXPECT_TRUE(detailSays(o, "vpc-a", "resolves to its interface (10.0.1."));
    // The database sees the resource gateway's address in its own AZ's subnet, not the client's.
    EXPECT_TRUE(detailSays(o, "rgw", "the source becomes its address 10.50.1."));
    ASSERT_FALSE(o.flow.path.empty());
    const Hop& last = o.flow.path.back();
    EXPECT_EQ(last.resource, "i-rds") << o.text;
    EXPECT_EQ(last.source.rfind("10.50.1.", 0), 0u) << o.text;
    EXPECT_EQ(last.kind, "workload") << o.text;
    EXPECT_TRUE(o.findings.empty() || lacksFinding(o, "ENDPOINT_TYPE_MISMATCH"));
}

TEST(Rule_PL1, ResourceSecurityGroupMustAdmitTheGatewayNotTheClient)
{
    json d = rdsResourceEndpoint();
    // Admitting the consumer's CIDR does nothing: the connection comes from the resource gateway.
    res(d, "securityGroups", "sg-rds")["inbound"] = {rule("tcp", 5432, 5432, "10.0.0.0/16")};
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "ENI_SG_RULES_MISMATCH")) << o.text;
    // Admitting the gateway's subnets works as well as naming its group.
    res(d, "securityGroups", "sg-rds")["inbound"] = {rule("tcp", 5432, 5432, "10.50.1.0/24")};
    EXPECT_VERDICT(analyse(d), "private");
}

TEST(Rule_PL1, ResourceGatewaysOutboundRulesDecideWhatItMayReach)
{
    json d = rdsResourceEndpoint();
    res(d, "securityGroups", "sg-rgw")["outbound"] = {rule("tcp", 443, 443, "10.50.0.0/16")};
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "ENI_SG_RULES_MISMATCH")) << o.text;
}

TEST(Rule_PL1, ResourceConfigurationsCarryTcpOnly)
{
    json d = rdsResourceEndpoint();
    setFlow(d, "i-app", "rcfg-db", 5432, {{"protocol", "udp"}});
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "RESOURCE_PROTOCOL_RESTRICTION", "rcfg-db"));
    EXPECT_TRUE(pathAvoids(o, "i-rds"));
}

TEST(Rule_PL1, PortOutsideTheConfigurationsRangesIsRefused)
{
    json d = rdsResourceEndpoint();
    setFlow(d, "i-app", "rcfg-db", 3306);
    res(d, "securityGroups", "sg-vpce")["inbound"] = {rule("tcp", 0, 65535, "10.0.0.0/16")};
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "RESOURCE_PORT_MISMATCH", "rcfg-db"));
    EXPECT_NE(o.flow.blocking.front().message.find("allows TCP 5432"), std::string::npos) << o.text;
}

TEST(Rule_PL1, EndpointsSecurityGroupGuardsTheConsumerSide)
{
    json d = rdsResourceEndpoint();
    res(d, "securityGroups", "sg-vpce")["inbound"] = {rule("tcp", 443, 443, "10.0.0.0/16")};
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "ENI_SG_RULES_MISMATCH")) << o.text;
    ASSERT_FALSE(o.flow.blocking.empty());
    EXPECT_NE(o.flow.blocking.front().message.find("vpce-rds"), std::string::npos) << o.text;
}

TEST(Rule_PL1, ServiceNetworkEndpointReachesEveryConfigurationOfItsNetwork)
{
    const Outcome o = analyse(rdsThroughServiceNetwork());
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(pathIncludes(o, {"i-app", "vpce-sn", "rcfg-db", "rgw", "i-rds"}));
    EXPECT_TRUE(detailSays(o, "rcfg-db", "through service network sn"));
}

TEST(Rule_PL1, ServiceNetworkWithoutTheConfigurationLeavesNoWay)
{
    json d = rdsThroughServiceNetwork();
    res(d, "serviceNetworks", "sn")["resourceConfigurations"] = json::array();
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "NO_PATH", "rcfg-db"));
    EXPECT_NE(o.flow.blocking.front().message.find("no resource endpoint"), std::string::npos) << o.text;
}

TEST(Rule_PL1, ChildConfigurationIsReachedThroughItsGroupAndUsesTheGroupsGateway)
{
    json d = rdsResourceEndpoint();
    res(d, "resourceConfigurations", "rcfg-db")["configurationType"] = "child";
    res(d, "resourceConfigurations", "rcfg-db").erase("resourceGateway");
    res(d, "resourceConfigurations", "rcfg-db")["group"] = "rcfg-grp";
    add(d, "resourceConfigurations", {{"id", "rcfg-grp"}, {"configurationType", "group"}, {"resourceGateway", "rgw"},
                                      {"allowedPrincipals", {"111111111111"}}});
    res(d, "vpcEndpoints", "vpce-rds")["service"] = "rcfg-grp";
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(pathIncludes(o, {"vpce-rds", "rcfg-db", "rgw", "i-rds"}));
    EXPECT_TRUE(lacksFinding(o, "RESOURCE_CONFIGURATION_GROUP"));
    // The group itself is no destination: each child has its own name.
    setFlow(d, "i-app", "rcfg-grp", 5432);
    const Outcome group = analyse(d);
    EXPECT_VERDICT(group, "unreachable");
    EXPECT_TRUE(hasCode(group, "CANNOT_ROUTE", "rcfg-grp"));
}

TEST(Rule_PL1, ResourceOnPremisesIsReachedWhenTheProviderVpcRoutesThere)
{
    // VPC-A is now the provider: its resource gateway in app-a reaches the data centre over the
    // VPN; the consumer is VPC-C in another account.
    json d = oneVpc();
    addVpn(d);
    add(d, "resourceGateways", {{"id", "rgw"}, {"vpc", "vpc-a"}, {"subnets", {"app-a"}}, {"securityGroups", {"sg-app"}}});
    add(d, "resourceConfigurations", {{"id", "rcfg-mainframe"}, {"resourceGateway", "rgw"}, {"ipAddress", "192.168.10.20"},
                                      {"allowedPrincipals", {"*"}}});
    add(d, "vpcs", {{"id", "vpc-c"}, {"region", "use1"}, {"account", "333333333333"}, {"ipv4Cidrs", {"10.60.0.0/16"}}});
    add(d, "routeTables", {{"id", "rt-c"}, {"vpc", "vpc-c"}, {"main", true}});
    add(d, "subnets", {{"id", "c-a"}, {"vpc", "vpc-c"}, {"cidr", "10.60.1.0/24"}, {"availabilityZone", "use1-az1"}});
    add(d, "securityGroups", {{"id", "sg-c"}, {"vpc", "vpc-c"}, {"inbound", {rule("tcp", 0, 65535, "10.60.0.0/16")}},
                              {"outbound", {allTraffic("0.0.0.0/0")}}});
    add(d, "workloads", {{"id", "i-c"}, {"subnet", "c-a"}, {"privateIp", "10.60.1.10"}, {"securityGroups", {"sg-c"}}});
    add(d, "vpcEndpoints", {{"id", "vpce-mf"}, {"vpc", "vpc-c"}, {"endpointType", "resource"}, {"service", "rcfg-mainframe"},
                            {"subnets", {"c-a"}}, {"securityGroups", {"sg-c"}}});
    setFlow(d, "i-c", "rcfg-mainframe", 3270);
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(pathIncludes(o, {"i-c", "vpce-mf", "rcfg-mainframe", "rgw", "rt-app", "vgw-a", "onprem-host"}));
    // Without the VPN route the provider VPC has no way there.
    removeRoutes(d, "rt-app");
    EXPECT_VERDICT(analyse(d), "unreachable");
}

TEST(Rule_PL1, DomainNameResourceResolvedToAnInternetHostLeavesThroughTheProvidersNat)
{
    json d = rdsResourceEndpoint();
    add(d, "internetHosts", {{"id", "partner"}, {"address", "203.0.113.50"}, {"dnsName", "api.partner.example"}});
    // The gateway sits in VPC-A's app subnets, whose default route goes to nat-a.
    res(d, "resourceGateways", "rgw") = {{"id", "rgw"}, {"vpc", "vpc-a"}, {"subnets", {"app-a"}}, {"securityGroups", {"sg-app"}}};
    res(d, "resourceConfigurations", "rcfg-db") = {{"id", "rcfg-db"}, {"resourceGateway", "rgw"}, {"domainName", "api.partner.example"},
                                                   {"portRanges", {{{"fromPort", 443}, {"toPort", 443}}}}, {"allowedPrincipals", {"*"}}};
    res(d, "securityGroups", "sg-vpce")["inbound"] = {rule("tcp", 443, 443, "10.0.0.0/16")};
    setFlow(d, "i-app", "rcfg-db", 443);
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "public");
    EXPECT_TRUE(pathIncludes(o, {"vpce-rds", "rcfg-db", "rgw", "nat-a", "igw-a", "partner"}));
    // A name PrivatePath cannot resolve is said so, not guessed.
    res(d, "resourceConfigurations", "rcfg-db")["domainName"] = "db.unknown.example";
    const Outcome unknown = analyse(d);
    EXPECT_VERDICT(unknown, "unreachable");
    EXPECT_TRUE(hasCode(unknown, "RESOURCE_ADDRESS_UNKNOWN", "rcfg-db"));
}

TEST(Rule_PL1, GatewayWithoutAnInterfaceInTheEndpointsAzCrossesZones)
{
    json d = rdsResourceEndpoint();
    res(d, "resourceGateways", "rgw")["subnets"] = {"p-b"};
    res(d, "vpcEndpoints", "vpce-rds")["subnets"] = {"app-a"};
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(hasCode(o, "AVAILABILITY_ZONE_CROSSED", "rgw"));
    EXPECT_TRUE(detailSays(o, "rgw", "the source becomes its address 10.50.2."));
}

TEST(Rule_PL1, GatewayWithoutSubnetAndEndpointWithoutSubnetAreNamed)
{
    json d = rdsResourceEndpoint();
    res(d, "resourceGateways", "rgw")["subnets"] = json::array();
    Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "RESOURCE_GATEWAY_WITHOUT_SUBNET", "rgw"));
    EXPECT_TRUE(hasFinding(o, "RESOURCE_GATEWAY_WITHOUT_SUBNET", {"rgw"}));

    d = rdsResourceEndpoint();
    res(d, "vpcEndpoints", "vpce-rds")["subnets"] = json::array();
    o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "ENDPOINT_WITHOUT_SUBNET", "vpce-rds"));
}

TEST(Rule_PL1, ConsumerAccountMustBeAPrincipalTheConfigurationIsSharedWith)
{
    json d = rdsResourceEndpoint();
    res(d, "resourceConfigurations", "rcfg-db")["allowedPrincipals"] = {"999999999999"};
    const Outcome o = analyse(d);
    EXPECT_TRUE(hasFinding(o, "ENDPOINT_PRINCIPAL_NOT_ALLOWED", {"vpce-rds", "rcfg-db"}));
    EXPECT_VERDICT(o, "unreachable");
}

TEST(Rule_PL2, EndpointTypeDecidesWhatItMayConnectTo)
{
    // An interface endpoint cannot reach a resource configuration...
    json d = rdsResourceEndpoint();
    res(d, "vpcEndpoints", "vpce-rds")["endpointType"] = "interface";
    EXPECT_TRUE(hasFinding(analyse(d), "ENDPOINT_TYPE_MISMATCH", {"vpce-rds", "rcfg-db"}));
    // ...a resource endpoint reaches only a resource configuration...
    d = rdsResourceEndpoint();
    ensureService(d, "sqs", "sqs");
    res(d, "vpcEndpoints", "vpce-rds")["service"] = "sqs";
    EXPECT_TRUE(hasFinding(analyse(d), "ENDPOINT_TYPE_MISMATCH", {"vpce-rds", "sqs"}));
    // ...a service-network endpoint only a service network...
    d = rdsResourceEndpoint();
    res(d, "vpcEndpoints", "vpce-rds")["endpointType"] = "serviceNetwork";
    EXPECT_TRUE(hasFinding(analyse(d), "ENDPOINT_TYPE_MISMATCH", {"vpce-rds"}));
    // ...and the right pairings are clean.
    EXPECT_TRUE(lacksFinding(analyse(rdsResourceEndpoint()), "ENDPOINT_TYPE_MISMATCH"));
    EXPECT_TRUE(lacksFinding(analyse(rdsThroughServiceNetwork()), "ENDPOINT_TYPE_MISMATCH"));
}

TEST(Rule_PL2, ChildConfigurationsAreSharedThroughTheirGroup)
{
    json d = rdsThroughServiceNetwork();
    res(d, "resourceConfigurations", "rcfg-db")["configurationType"] = "child";
    res(d, "resourceConfigurations", "rcfg-db")["group"] = "rcfg-grp";
    res(d, "resourceConfigurations", "rcfg-db").erase("resourceGateway");
    add(d, "resourceConfigurations", {{"id", "rcfg-grp"}, {"configurationType", "group"}, {"resourceGateway", "rgw"}});
    // The service network holds the child itself: AWS associates groups.
    EXPECT_TRUE(hasFinding(analyse(d), "ENDPOINT_TYPE_MISMATCH", {"sn", "rcfg-db"}));
    res(d, "serviceNetworks", "sn")["resourceConfigurations"] = {"rcfg-grp"};
    const Outcome o = analyse(d);
    EXPECT_TRUE(lacksFinding(o, "ENDPOINT_TYPE_MISMATCH"));
    EXPECT_VERDICT(o, "private");
}

TEST(Rule_PL1, ServiceNetworkEndpointIsNoDestinationItself)
{
    json d = rdsThroughServiceNetwork();
    setFlow(d, "i-app", "vpce-sn", 5432);
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "CANNOT_ROUTE", "vpce-sn"));
}

TEST(Rule_PL1, ResourceEndpointsOwnNameReachesItsConfiguration)
{
    json d = rdsResourceEndpoint();
    setFlow(d, "i-app", "vpce-rds", 5432);
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(pathIncludes(o, {"vpce-rds", "rcfg-db", "rgw", "i-rds"}));
}

} // namespace
} // namespace pp::test
