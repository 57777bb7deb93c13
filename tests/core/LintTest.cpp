// Every design finding, each with a design that triggers it (named after the finding and the
// NETWORK-RULES.md rule) and the base design that does not.
#include "TestSupport.h"

#include "codes/Codes.h"
#include "model/References.h"

#include <algorithm>
#include <functional>
#include <gtest/gtest.h>

namespace pp::test {
namespace {

using nlohmann::json;

std::string describeFindings(const std::vector<Finding>& findings)
{
    std::string out;
    for (const Finding& f : findings)
        out += "  " + f.code + ": " + f.message + "\n";
    return out;
}

TEST(Lint, BaseDesignHasNoFindings)
{
    const auto findings = lintJson(baseDesign());
    EXPECT_TRUE(findings.empty()) << describeFindings(findings);
}

struct LintCase {
    const char* name;
    const char* code;
    Severity severity;
    std::vector<std::string> ids; // must all be among the finding's ids
    std::function<void(json&)> mutate;
};

class LintFinding : public ::testing::TestWithParam<LintCase> {};

TEST_P(LintFinding, IsReportedWithItsResources)
{
    const LintCase& c = GetParam();
    json design = baseDesign();
    c.mutate(design);
    const auto findings = lintJson(design);
    const auto it = std::find_if(findings.begin(), findings.end(), [&](const Finding& f) { return f.code == c.code; });
    ASSERT_NE(it, findings.end()) << "expected " << c.code << ", got:\n" << describeFindings(findings);
    EXPECT_EQ(it->severity, c.severity);
    for (const std::string& id : c.ids)
        EXPECT_NE(std::find(it->ids.begin(), it->ids.end(), id), it->ids.end()) << c.code << " should name " << id;
    EXPECT_FALSE(it->message.empty());
    EXPECT_NE(findCode(c.code), nullptr) << c.code << " is missing from the code table";
    // Deterministic: the same design gives the same findings.
    EXPECT_EQ(findings, lintJson(design));
}

const Severity E = Severity::Error;
const Severity W = Severity::Warning;

const LintCase kCases[] = {
    {"SubnetOutsideVpcCidr_RT4", "SUBNET_OUTSIDE_VPC_CIDR", E, {"app-b", "vpc-a"},
     [](json& d) { byId(d, "subnets", "app-b")["cidr"] = "10.9.2.0/24"; }},
    {"SubnetIpv6WithoutVpcBlock", "SUBNET_OUTSIDE_VPC_CIDR", E, {"app-b"},
     [](json& d) { byId(d, "subnets", "app-b")["ipv6Cidr"] = "2600:1f18::/64"; }},
    {"SubnetOverlap", "SUBNET_OVERLAP", E, {"app-a", "app-b"},
     [](json& d) { byId(d, "subnets", "app-b")["cidr"] = "10.0.1.0/25"; }},
    {"SubnetOverlapHiddenBehindWideBlock", "SUBNET_OVERLAP", E, {"app-a"},
     [](json& d) {
         byId(d, "subnets", "pub-a")["cidr"] = "10.0.0.0/22"; // covers app-a and app-b
     }},
    {"PeeredVpcsOverlap_PCX2", "CIDR_OVERLAP", E, {"pcx-ab", "vpc-a", "vpc-b"},
     [](json& d) { byId(d, "vpcs", "vpc-b")["ipv4Cidrs"] = {"10.0.128.0/17"}; byId(d, "subnets", "b-a")["cidr"] = "10.0.129.0/24";
                   byId(d, "workloads", "i-b")["privateIp"] = "10.0.129.10"; }},
    {"VpcOwnBlocksOverlap", "CIDR_OVERLAP", E, {"vpc-a"},
     [](json& d) { byId(d, "vpcs", "vpc-a")["ipv4Cidrs"] = {"10.0.0.0/16", "10.0.128.0/17"}; }},
    {"VpcBlockTooLarge", "CIDR_SIZE_OUT_OF_RANGE", E, {"vpc-p"},
     [](json& d) { byId(d, "vpcs", "vpc-p")["ipv4Cidrs"] = {"10.48.0.0/12"}; }},
    {"SubnetAzNotInRegion_SVC4", "SUBNET_AZ_NOT_IN_REGION", E, {"app-b", "use1"},
     [](json& d) { byId(d, "subnets", "app-b")["availabilityZone"] = "euw1-az1"; }},
    {"SubnetRouteTableOfOtherVpc", "REFERENCE_OTHER_VPC", E, {"b-a", "rt-app"},
     [](json& d) { byId(d, "subnets", "b-a")["routeTable"] = "rt-app"; }},
    {"WorkloadSecurityGroupOfOtherVpc", "REFERENCE_OTHER_VPC", E, {"i-b", "sg-app"},
     [](json& d) { byId(d, "workloads", "i-b")["securityGroups"] = {"sg-app"}; }},
    {"SecurityGroupReferencesUnpeeredVpc", "REFERENCE_OTHER_VPC", E, {"sg-app"},
     [](json& d) { byId(d, "securityGroups", "sg-app")["inbound"].push_back({{"protocol", "tcp"}, {"securityGroup", "sg-p"}});
                   d["securityGroups"].push_back({{"id", "sg-p"}, {"vpc", "vpc-p"}}); }},
    {"SecurityGroupReferenceAcrossRegions_SGR1", "SG_REFERENCE_CROSS_REGION", E, {"sg-b", "sg-app"},
     [](json& d) { byId(d, "vpcs", "vpc-b")["region"] = "euw1"; }},
    {"SecurityGroupReferenceOverTgwWithReferencingOff_SGR1", "SG_REFERENCE_TGW_DISABLED", E, {"sg-app", "sg-p"},
     [](json& d) { byId(d, "securityGroups", "sg-app")["inbound"].push_back({{"protocol", "tcp"}, {"securityGroup", "sg-p"}});
                   d["securityGroups"].push_back({{"id", "sg-p"}, {"vpc", "vpc-p"}});
                   d["transitGatewayAttachments"].push_back({{"id", "tgw-att-p"}, {"transitGateway", "tgw"},
                                                             {"attachmentType", "vpc"}, {"resource", "vpc-p"}, {"subnets", {"p-a"}}}); }},
    {"OutboundSecurityGroupReferenceOverTgw_SGR1", "SG_REFERENCE_TGW_OUTBOUND", W, {"sg-app", "sg-p"},
     [](json& d) { byId(d, "securityGroups", "sg-app")["outbound"] = {{{"protocol", "tcp"}, {"securityGroup", "sg-p"}}};
                   d["securityGroups"].push_back({{"id", "sg-p"}, {"vpc", "vpc-p"}});
                   byId(d, "transitGateways", "tgw")["securityGroupReferencing"] = true;
                   d["transitGatewayAttachments"].push_back({{"id", "tgw-att-p"}, {"transitGateway", "tgw"},
                                                             {"attachmentType", "vpc"}, {"resource", "vpc-p"}, {"subnets", {"p-a"}}}); }},
    {"TwoMainRouteTables_RT4", "MULTIPLE_MAIN_ROUTE_TABLES", E, {"vpc-a", "rt-pub", "rt-app"},
     [](json& d) { byId(d, "routeTables", "rt-pub")["main"] = true; }},
    {"TwoInternetGateways", "MULTIPLE_GATEWAYS", E, {"vpc-a", "igw-a", "igw-a2"},
     [](json& d) { d["internetGateways"].push_back({{"id", "igw-a2"}, {"vpc", "vpc-a"}}); }},
    {"DuplicateStaticRoute", "DUPLICATE_ROUTE", E, {"rt-pub"},
     [](json& d) { byId(d, "routeTables", "rt-pub")["routes"].push_back({{"destination", "0.0.0.0/0"}, {"target", "igw-a"}}); }},
    {"RouteToNatOfOtherVpc_RT6", "ROUTE_TARGET_OTHER_VPC", E, {"rt-b", "nat-a"},
     [](json& d) { byId(d, "routeTables", "rt-b")["routes"].push_back({{"destination", "0.0.0.0/0"}, {"target", "nat-a"}}); }},
    {"RouteToPeeringNotInvolvingVpc_RT6", "ROUTE_TARGET_OTHER_VPC", E, {"rt-pub", "pcx-bp"},
     [](json& d) { d["vpcPeerings"].push_back({{"id", "pcx-bp"}, {"requesterVpc", "vpc-b"}, {"accepterVpc", "vpc-p"}});
                   byId(d, "routeTables", "rt-pub")["routes"].push_back({{"destination", "10.50.0.0/16"}, {"target", "pcx-bp"}}); }},
    {"LocalRouteOutsideVpc_RT6", "LOCAL_ROUTE_OUTSIDE_VPC", E, {"rt-pub"},
     [](json& d) { byId(d, "routeTables", "rt-pub")["routes"].push_back({{"destination", "10.9.0.0/16"}, {"target", "local"}}); }},
    {"RouteToUnattachedTransitGateway_TGW2", "TGW_NOT_ATTACHED", E, {"rt-b", "tgw"},
     [](json& d) { byId(d, "routeTables", "rt-b")["routes"].push_back({{"destination", "192.168.0.0/16"}, {"target", "tgw"}}); }},
    {"PublicNatWithoutInternetGateway_IGW4", "NAT_PUBLIC_WITHOUT_IGW", E, {"nat-b", "vpc-b"},
     [](json& d) { d["natGateways"].push_back({{"id", "nat-b"}, {"subnet", "b-a"}, {"elasticIp", "52.0.0.2"}}); }},
    {"PublicNatWithoutElasticIp_IGW4", "NAT_PUBLIC_WITHOUT_EIP", E, {"nat-a"},
     [](json& d) { byId(d, "natGateways", "nat-a").erase("elasticIp"); }},
    {"Ipv4RouteToEgressOnlyGateway_IGW7", "EIGW_IPV4_ROUTE", E, {"rt-pub", "eigw-a"},
     [](json& d) { byId(d, "routeTables", "rt-pub")["routes"].push_back({{"destination", "10.200.0.0/16"}, {"target", "eigw-a"}}); }},
    {"GatewayRouteTableTargetsANatGateway_RT9", "GATEWAY_ROUTE_TABLE_TARGET", E, {"rt-edge", "nat-a"},
     [](json& d) {
         d["routeTables"].push_back({{"id", "rt-edge"}, {"vpc", "vpc-a"}, {"routes", {{{"destination", "10.0.1.0/24"}, {"target", "nat-a"}}}}});
         byId(d, "internetGateways", "igw-a")["routeTable"] = "rt-edge";
     }},
    {"GatewayRouteTableRoutesPartOfASubnet_RT9", "GATEWAY_ROUTE_TABLE_DESTINATION", E, {"rt-edge"},
     [](json& d) {
         d["routeTables"].push_back({{"id", "rt-edge"}, {"vpc", "vpc-a"}, {"routes", {{{"destination", "10.0.1.0/25"}, {"target", "i-app"}}}}});
         byId(d, "internetGateways", "igw-a")["routeTable"] = "rt-edge";
     }},
    {"GatewayRouteTablePropagates_RT9", "GATEWAY_ROUTE_TABLE_PROPAGATION", E, {"rt-edge", "vgw-p"},
     [](json& d) {
         d["routeTables"].push_back({{"id", "rt-edge"}, {"vpc", "vpc-p"}, {"propagatingGateways", {"vgw-p"}}});
         byId(d, "virtualPrivateGateways", "vgw-p")["routeTable"] = "rt-edge";
     }},
    {"FirewallWithTwoSubnetsInOneAz_INS3", "FIREWALL_SUBNETS_ONE_PER_AZ", E, {"nfw", "app-a", "pub-a"},
     [](json& d) { d["networkFirewalls"].push_back({{"id", "nfw"}, {"vpc", "vpc-a"}, {"subnets", {"app-a", "pub-a"}}}); }},
    {"FirewallWithoutSubnet_INS3", "FIREWALL_WITHOUT_SUBNET", E, {"nfw"},
     [](json& d) { d["networkFirewalls"].push_back({{"id", "nfw"}, {"vpc", "vpc-a"}, {"subnets", json::array()}}); }},
    {"FirewallSubnetHoldsAWorkload_INS3", "FIREWALL_SUBNET_NOT_DEDICATED", W, {"nfw", "app-a", "i-app"},
     [](json& d) { d["networkFirewalls"].push_back({{"id", "nfw"}, {"vpc", "vpc-a"}, {"subnets", {"app-a"}}}); }},
    {"ResourceGatewayWithoutSubnet_PL1", "RESOURCE_GATEWAY_WITHOUT_SUBNET", E, {"rgw"},
     [](json& d) { d["resourceGateways"].push_back({{"id", "rgw"}, {"vpc", "vpc-a"}}); }},
    {"ResourceConfigurationNamingNoResource_PL1", "RESOURCE_CONFIGURATION_DEFINITION", E, {"rcfg"},
     [](json& d) {
         d["resourceGateways"].push_back({{"id", "rgw"}, {"vpc", "vpc-a"}, {"subnets", {"app-a"}}});
         d["resourceConfigurations"].push_back({{"id", "rcfg"}, {"resourceGateway", "rgw"}});
     }},
    {"ResourceConfigurationNamingTwoResources_PL1", "RESOURCE_CONFIGURATION_DEFINITION", E, {"rcfg"},
     [](json& d) {
         d["resourceGateways"].push_back({{"id", "rgw"}, {"vpc", "vpc-a"}, {"subnets", {"app-a"}}});
         d["resourceConfigurations"].push_back({{"id", "rcfg"}, {"resourceGateway", "rgw"}, {"resource", "i-app"}, {"ipAddress", "10.0.1.99"}});
     }},
    {"ChildConfigurationWithoutGroup_PL1", "RESOURCE_CONFIGURATION_GROUP", E, {"rcfg"},
     [](json& d) { d["resourceConfigurations"].push_back({{"id", "rcfg"}, {"configurationType", "child"}, {"resource", "i-app"}}); }},
    {"ResourceConfigurationWithoutGateway_PL1", "RESOURCE_CONFIGURATION_WITHOUT_GATEWAY", E, {"rcfg"},
     [](json& d) { d["resourceConfigurations"].push_back({{"id", "rcfg"}, {"resource", "i-app"}}); }},
    {"GatewayRouteTableOfAnotherVpc_RT9", "GATEWAY_ROUTE_TABLE_OTHER_VPC", E, {"igw-a", "rt-b"},
     [](json& d) { byId(d, "internetGateways", "igw-a")["routeTable"] = "rt-b"; }},
    {"WorkloadAddressOutsideSubnet", "ADDRESS_OUTSIDE_SUBNET", E, {"i-app", "app-a"},
     [](json& d) { byId(d, "workloads", "i-app")["privateIp"] = "10.0.2.10"; }},
    {"PrivateNatAddressOutsideSubnet", "ADDRESS_OUTSIDE_SUBNET", E, {"nat-p", "app-a"},
     [](json& d) { d["natGateways"].push_back({{"id", "nat-p"}, {"subnet", "app-a"}, {"connectivity", "private"},
                                               {"privateIp", "10.9.9.9"}}); }},
    {"Ipv6AddressInIpv4OnlySubnet", "ADDRESS_OUTSIDE_SUBNET", E, {"i-app", "app-a"},
     [](json& d) { byId(d, "workloads", "i-app")["ipv6Address"] = "2600:1f18::10"; }},
    {"WorkloadAddressReserved", "ADDRESS_RESERVED", E, {"i-app"},
     [](json& d) { byId(d, "workloads", "i-app")["privateIp"] = "10.0.1.3"; }},
    {"OnPremisesHostOutsideNetwork", "ADDRESS_OUTSIDE_SUBNET", E, {"dc-host", "dc"},
     [](json& d) { byId(d, "onPremisesHosts", "dc-host")["address"] = "10.200.0.5"; }},
    {"DuplicateAddress", "DUPLICATE_ADDRESS", E, {"i-app", "i-app2"},
     [](json& d) { d["workloads"].push_back({{"id", "i-app2"}, {"subnet", "app-a"}, {"privateIp", "10.0.1.10"}}); }},
    {"SecurityGroupPortRangeInverted", "PORT_RANGE_INVERTED", E, {"sg-app"},
     [](json& d) { byId(d, "securityGroups", "sg-app")["inbound"][0]["fromPort"] = 8443; }},
    {"NaclDuplicateRuleNumber_ACL1", "NACL_DUPLICATE_RULE_NUMBER", E, {"acl-a"},
     [](json& d) { byId(d, "networkAcls", "acl-a")["inbound"].push_back(
                       {{"ruleNumber", 100}, {"protocol", "tcp"}, {"cidr", "10.0.0.0/8"}, {"action", "deny"}}); }},
    {"GatewayEndpointForSqs_GW1", "GATEWAY_ENDPOINT_SERVICE_UNSUPPORTED", E, {"vpce-s3", "sqs"},
     [](json& d) { byId(d, "vpcEndpoints", "vpce-s3")["service"] = "sqs"; }},
    {"HandWrittenGatewayEndpointRoute_GW2", "GATEWAY_ENDPOINT_MANUAL_ROUTE", E, {"rt-pub", "vpce-s3"},
     [](json& d) { byId(d, "routeTables", "rt-pub")["routes"].push_back({{"destination", "52.216.0.0/15"}, {"target", "vpce-s3"}}); }},
    {"TwoS3GatewayEndpointsOnOneTable_GW3", "GATEWAY_ENDPOINT_DUPLICATE", E, {"rt-app", "vpce-s3", "vpce-s3b"},
     [](json& d) { d["vpcEndpoints"].push_back({{"id", "vpce-s3b"}, {"vpc", "vpc-a"}, {"endpointType", "gateway"},
                                                {"service", "s3"}, {"routeTables", {"rt-app"}}}); }},
    {"GatewayEndpointOtherRegion_GW5", "GATEWAY_ENDPOINT_OTHER_REGION", E, {"vpce-s3", "s3-eu"},
     [](json& d) { byId(d, "vpcEndpoints", "vpce-s3")["service"] = "s3-eu"; }},
    {"InterfaceEndpointWithoutSubnet_IF1", "ENDPOINT_WITHOUT_SUBNET", E, {"vpce-sqs"},
     [](json& d) { byId(d, "vpcEndpoints", "vpce-sqs").erase("subnets"); }},
    {"InterfaceEndpointTwoSubnetsOneAz_IF1", "ENDPOINT_DUPLICATE_AZ", E, {"vpce-sqs", "app-a", "pub-a"},
     [](json& d) { byId(d, "vpcEndpoints", "vpce-sqs")["subnets"] = {"app-a", "pub-a"}; }},
    {"InterfaceEndpointSingleAz_IF5", "ENDPOINT_SINGLE_AZ", W, {"vpce-sqs"},
     [](json& d) { byId(d, "vpcEndpoints", "vpce-sqs")["subnets"] = {"app-a"}; }},
    {"LoadBalancerTwoSubnetsOneAz", "ONE_SUBNET_PER_AZ", E, {"nlb"},
     [](json& d) { d["subnets"].push_back({{"id", "p-c"}, {"vpc", "vpc-p"}, {"cidr", "10.50.3.0/24"}, {"availabilityZone", "use1-az1"}});
                   byId(d, "loadBalancers", "nlb")["subnets"] = {"p-a", "p-b", "p-c"}; }},
    {"PrivateDnsWithDnsHostnamesOff_IF2", "PRIVATE_DNS_REQUIRES_VPC_DNS", E, {"vpce-sqs", "vpc-a"},
     [](json& d) { byId(d, "vpcs", "vpc-a").erase("enableDnsHostnames"); }},
    {"PrivateDnsWithDnsSupportOff_IF2", "PRIVATE_DNS_REQUIRES_VPC_DNS", E, {"vpce-sqs", "vpc-a"},
     [](json& d) { byId(d, "vpcs", "vpc-a")["enableDnsSupport"] = false; }},
    {"ResolverOnlyWithoutGatewayEndpoint_IF6", "RESOLVER_ONLY_REQUIRES_GATEWAY_ENDPOINT", E, {"vpce-s3if"},
     [](json& d) { d["vpcEndpoints"].push_back({{"id", "vpce-s3if"}, {"vpc", "vpc-b"}, {"endpointType", "interface"},
                                                {"service", "s3"}, {"subnets", {"b-a"}},
                                                {"privateDnsOnlyForInboundResolverEndpoint", true}}); }},
    {"CrossRegionSqsEndpoint_IF8", "CROSS_REGION_SERVICE_NOT_SUPPORTED", E, {"vpce-sqs", "sqs-eu"},
     [](json& d) { byId(d, "vpcEndpoints", "vpce-sqs")["service"] = "sqs-eu"; }},
    {"InterfaceEndpointToGatewayLoadBalancerService_SVC1", "ENDPOINT_TYPE_MISMATCH", E, {"vpce-svc", "svc"},
     [](json& d) { byId(d, "loadBalancers", "nlb")["lbType"] = "gateway"; }},
    {"GwlbEndpointToAwsService_SVC1", "ENDPOINT_TYPE_MISMATCH", E, {"vpce-sqs"},
     [](json& d) { auto& e = byId(d, "vpcEndpoints", "vpce-sqs"); e["endpointType"] = "gatewayLoadBalancer"; e["subnets"] = {"app-a"}; }},
    {"ConsumerNotAllowedPrincipal_SVC2", "ENDPOINT_PRINCIPAL_NOT_ALLOWED", E, {"vpce-svc", "svc"},
     [](json& d) { byId(d, "endpointServices", "svc")["allowedPrincipals"] = {"333333333333"}; }},
    {"ServiceAllowsNobody_SVC2", "ENDPOINT_PRINCIPAL_NOT_ALLOWED", E, {"vpce-svc"},
     [](json& d) { byId(d, "endpointServices", "svc").erase("allowedPrincipals"); }},
    {"ConsumerAccountUnknown_SVC2", "ENDPOINT_PRINCIPAL_UNKNOWN", W, {"vpce-svc", "vpc-a"},
     [](json& d) { byId(d, "vpcs", "vpc-a").erase("account"); }},
    {"EndpointInAzWithoutLoadBalancer_SVC4", "VPCE_SERVICE_NOT_INSTALLED_IN_AZ", E, {"vpce-svc", "app-b"},
     [](json& d) { byId(d, "loadBalancers", "nlb")["subnets"] = {"p-a"}; }},
    {"GatewayLoadBalancerWithSecurityGroups_NLB2", "LB_SECURITY_GROUPS_ON_GWLB", E, {"nlb"},
     [](json& d) { byId(d, "loadBalancers", "nlb")["lbType"] = "gateway";
                   byId(d, "loadBalancers", "nlb")["securityGroups"] = {"sg-p"};
                   d["securityGroups"].push_back({{"id", "sg-p"}, {"vpc", "vpc-p"}}); }},
    {"PublicIpTarget_SVC5", "LB_TARGET_PUBLIC_IP", E, {"nlb"},
     [](json& d) { byId(d, "loadBalancers", "nlb")["targets"][1]["ip"] = "8.8.8.8"; }},
    {"UnverifiedPrivateDnsName_SVC6", "ENDPOINT_SERVICE_DNS_UNVERIFIED", W, {"svc", "vpce-svc"},
     [](json& d) { byId(d, "endpointServices", "svc")["privateDnsName"] = "api.vendor.example"; }},
    {"CrossRegionConsumerNotListed_SVC7", "ENDPOINT_SERVICE_REGION_NOT_SUPPORTED", E, {"vpce-svc", "svc"},
     [](json& d) { byId(d, "vpcs", "vpc-p")["region"] = "euw1";
                   byId(d, "subnets", "p-a")["availabilityZone"] = "euw1-az1";
                   byId(d, "subnets", "p-b")["availabilityZone"] = "euw1-az2"; }},
    {"GwlbEndpointTwoSubnets_SVC8", "GWLB_ENDPOINT_ONE_SUBNET", E, {"vpce-gwlb"},
     [](json& d) { byId(d, "loadBalancers", "nlb")["lbType"] = "gateway";
                   byId(d, "vpcEndpoints", "vpce-svc")["endpointType"] = "gatewayLoadBalancer";
                   byId(d, "vpcEndpoints", "vpce-svc")["id"] = "vpce-gwlb"; }},
    {"PeeringWithItself_PCX1", "PEERING_SAME_VPC", E, {"pcx-aa"},
     [](json& d) { d["vpcPeerings"].push_back({{"id", "pcx-aa"}, {"requesterVpc", "vpc-a"}, {"accepterVpc", "vpc-a"}}); }},
    {"AttachmentWithoutAssociation_TGW1", "TGW_ATTACH_MISSING_TGW_RTB_ASSOCIATION", W, {"tgw-att-a"},
     [](json& d) { byId(d, "transitGateways", "tgw").erase("defaultAssociationRouteTable"); }},
    {"TransitRouteWithoutTarget_TGW1", "TGW_ROUTE_WITHOUT_TARGET", E, {"tgw-rt"},
     [](json& d) { byId(d, "transitGatewayRouteTables", "tgw-rt")["routes"][0].erase("blackhole"); }},
    {"VpcAttachmentOfVpnConnection_TGW1", "TGW_ATTACHMENT_MISMATCH", E, {"tgw-att-vpn", "vpn-dc"},
     [](json& d) { byId(d, "transitGatewayAttachments", "tgw-att-vpn")["attachmentType"] = "vpc"; }},
    {"OverlappingPropagations_TGW3", "TGW_PROPAGATION_CIDR_OVERLAP", W, {"tgw-att-p", "tgw-att-a"},
     [](json& d) { byId(d, "vpcs", "vpc-p")["ipv4Cidrs"] = {"10.0.0.0/16"};
                   byId(d, "subnets", "p-a")["cidr"] = "10.0.1.0/24"; byId(d, "subnets", "p-b")["cidr"] = "10.0.2.0/24";
                   byId(d, "workloads", "i-svc")["privateIp"] = "10.0.1.10";
                   d["transitGatewayAttachments"].push_back({{"id", "tgw-att-p"}, {"transitGateway", "tgw"},
                                                             {"attachmentType", "vpc"}, {"resource", "vpc-p"}}); }},
    {"Ipv6NetworkOnVgwVpn_HYB1", "VPN_IPV6_ON_VGW", E, {"vpn-dc", "vgw-p"},
     [](json& d) { auto& v = byId(d, "vpnConnections", "vpn-dc"); v["gateway"] = "vgw-p"; v["remoteCidrs"].push_back("fd00::/48"); }},
    {"TransitVifOnVgw_HYB3", "VIF_GATEWAY_MISMATCH", E, {"vif-p"},
     [](json& d) { byId(d, "directConnectVirtualInterfaces", "vif-p")["vifType"] = "transit"; }},
    {"PublicVifWithGateway_HYB3", "VIF_GATEWAY_MISMATCH", E, {"vif-p"},
     [](json& d) { byId(d, "directConnectVirtualInterfaces", "vif-p")["vifType"] = "public"; }},
    {"HostedZoneOnVpcWithoutDns_IF4", "DNS_ZONE_VPC_DNS_OFF", W, {"phz-sqs", "vpc-b"},
     [](json& d) { byId(d, "vpcs", "vpc-b")["enableDnsSupport"] = false; }},
    {"TwoSqsTilesInOneRegion", "AWS_SERVICE_DUPLICATE", W, {"sqs", "sqs-2"},
     [](json& d) { d["awsServices"].push_back({{"id", "sqs-2"}, {"service", "sqs"}, {"region", "use1"}}); }},
    {"ServiceMovedIntoARegionThatHasIt", "AWS_SERVICE_DUPLICATE", W, {"sqs", "sqs-eu"},
     [](json& d) { byId(d, "awsServices", "sqs-eu")["region"] = "use1"; }},
    {"TcpFlowWithoutPort", "FLOW_PORT_REQUIRED", E, {"f-s3"},
     [](json& d) { d["flows"][0].erase("port"); }},
    {"DestinationAddressOfAWorkloadFlow_DST1", "FLOW_DESTINATION_ADDRESS_IGNORED", W, {"f-s3", "i-b"},
     [](json& d) { d["flows"][0]["destination"] = "i-b"; d["flows"][0]["destinationAddress"] = "52.216.1.1"; }},
    {"FlowToItself", "FLOW_SAME_ENDPOINTS", W, {"f-s3", "i-app"},
     [](json& d) { d["flows"][0]["destination"] = "i-app"; }},
    {"WorkloadDrawnOutsideItsSubnet", "DIAGRAM_PARENT_MISMATCH", W, {"i-app", "app-a"},
     [](json& d) { d["diagram"]["shapes"][3]["parent"] = "vpc-a"; }},
    {"ImportedSubnetCidrUnknown", "IMPORTED_VALUE_UNKNOWN", W, {"app-b"},
     [](json& d) {
         byId(d, "subnets", "app-b")["x-terraform"] = {{"address", "aws_subnet.app_b"}, {"unknown", {"cidr_block"}}};
     }},
};

// The incremental linter, told which resources an edit touched, gives exactly what a full run
// gives: every lint case is replayed as an edit of the base design.
TEST_P(LintFinding, IncrementalLintAfterTheEditEqualsFullLint)
{
    const LintCase& c = GetParam();
    json edited = baseDesign();
    c.mutate(edited);
    const LoadResult before = loadDesign(baseDesign().dump(), "before");
    const LoadResult after = loadDesign(edited.dump(), "after");
    ASSERT_TRUE(before.ok() && after.ok());
    std::set<std::string> touched, changed; // changed: the resources the edit added, changed or removed
    auto touch = [&](const Resource& r) {
        touched.insert(r.id.str());
        changed.insert(r.id.str());
        for (const ResourceId& ref : referencesOf(r))
            touched.insert(ref.str());
    };
    for (const Resource& r : after.design->resources()) {
        const Resource* old = before.design->find(r.id);
        if (!old || !(*old == r)) {
            touch(r);
            if (old)
                touch(*old);
        }
    }
    for (const Resource& r : before.design->resources())
        if (!after.design->find(r.id))
            touch(r);
    IncrementalLinter linter;
    EXPECT_EQ(linter.run(*before.design, nullptr), lintDesign(*before.design));
    EXPECT_EQ(linter.run(*after.design, &touched), lintDesign(*after.design));
    // And back again.
    EXPECT_EQ(linter.run(*before.design, &touched), lintDesign(*before.design));
    // As the editor tells it: which of the touched ids the edit changed, the rest only referred to.
    EXPECT_EQ(linter.run(*after.design, &touched, &changed), lintDesign(*after.design));
    EXPECT_EQ(linter.run(*before.design, &touched, &changed), lintDesign(*before.design));
}

INSTANTIATE_TEST_SUITE_P(Findings, LintFinding, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<LintCase>& param) { return std::string(param.param.name); });

TEST(Lint, EveryFindingCodeIsExercised)
{
    for (const CodeInfo& code : allCodes()) {
        if (code.use != CodeUse::Finding)
            continue;
        const bool tested = std::any_of(std::begin(kCases), std::end(kCases),
                                        [&](const LintCase& c) { return c.code == code.code; });
        EXPECT_TRUE(tested) << code.code << " has no lint test case";
    }
}

TEST(Lint, SameAccountNeedsNoPrincipal)
{
    json d = baseDesign();
    byId(d, "vpcs", "vpc-p")["account"] = "111111111111";
    byId(d, "endpointServices", "svc").erase("allowedPrincipals");
    const auto findings = lintJson(d);
    EXPECT_TRUE(findings.empty()) << describeFindings(findings);
}

TEST(Lint, PrincipalGivenAsArnIsAccepted)
{
    json d = baseDesign();
    byId(d, "endpointServices", "svc")["allowedPrincipals"] = {"arn:aws:iam::111111111111:root"};
    const auto findings = lintJson(d);
    EXPECT_TRUE(findings.empty()) << describeFindings(findings);
}

TEST(Lint, CrossRegionS3InterfaceEndpointIsAllowed_IF8)
{
    json d = baseDesign();
    byId(d, "vpcEndpoints", "vpce-sqs")["service"] = "s3-eu";
    const auto findings = lintJson(d);
    EXPECT_TRUE(findings.empty()) << describeFindings(findings);
}

TEST(Lint, CrossRegionConsumerListedInSupportedRegions_SVC7)
{
    json d = baseDesign();
    byId(d, "vpcs", "vpc-p")["region"] = "euw1";
    byId(d, "subnets", "p-a")["availabilityZone"] = "euw1-az1";
    byId(d, "subnets", "p-b")["availabilityZone"] = "euw1-az2";
    byId(d, "endpointServices", "svc")["supportedRegions"] = {"us-east-1"};
    const auto findings = lintJson(d);
    EXPECT_TRUE(findings.empty()) << describeFindings(findings);
}

TEST(Lint, ResolverOnlyWithGatewayEndpointIsValid_IF6)
{
    json d = baseDesign();
    d["vpcEndpoints"].push_back({{"id", "vpce-s3if"}, {"vpc", "vpc-a"}, {"endpointType", "interface"}, {"service", "s3"},
                                 {"subnets", {"app-a", "app-b"}}, {"privateDnsOnlyForInboundResolverEndpoint", true}});
    const auto findings = lintJson(d);
    EXPECT_TRUE(findings.empty()) << describeFindings(findings);
}

} // namespace
} // namespace pp::test
