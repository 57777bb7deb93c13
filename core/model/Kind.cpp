#include "model/Kind.h"

#include <array>

namespace pp {
namespace {

constexpr std::array<KindInfo, kKindCount> kKinds{{
    {Kind::Region, "region", "regions"},
    {Kind::Vpc, "vpc", "vpcs"},
    {Kind::Subnet, "subnet", "subnets"},
    {Kind::RouteTable, "routeTable", "routeTables"},
    {Kind::InternetGateway, "internetGateway", "internetGateways"},
    {Kind::EgressOnlyInternetGateway, "egressOnlyInternetGateway", "egressOnlyInternetGateways"},
    {Kind::NatGateway, "natGateway", "natGateways"},
    {Kind::SecurityGroup, "securityGroup", "securityGroups"},
    {Kind::NetworkAcl, "networkAcl", "networkAcls"},
    {Kind::Workload, "workload", "workloads"},
    {Kind::VpcEndpoint, "vpcEndpoint", "vpcEndpoints"},
    {Kind::EndpointService, "endpointService", "endpointServices"},
    {Kind::LoadBalancer, "loadBalancer", "loadBalancers"},
    {Kind::AwsService, "awsService", "awsServices"},
    {Kind::PrefixList, "prefixList", "prefixLists"},
    {Kind::InternetHost, "internetHost", "internetHosts"},
    {Kind::VpcPeering, "vpcPeering", "vpcPeerings"},
    {Kind::TransitGateway, "transitGateway", "transitGateways"},
    {Kind::TransitGatewayRouteTable, "transitGatewayRouteTable", "transitGatewayRouteTables"},
    {Kind::TransitGatewayAttachment, "transitGatewayAttachment", "transitGatewayAttachments"},
    {Kind::VirtualPrivateGateway, "virtualPrivateGateway", "virtualPrivateGateways"},
    {Kind::CustomerGateway, "customerGateway", "customerGateways"},
    {Kind::VpnConnection, "vpnConnection", "vpnConnections"},
    {Kind::DirectConnectGateway, "directConnectGateway", "directConnectGateways"},
    {Kind::DirectConnectVirtualInterface, "directConnectVirtualInterface", "directConnectVirtualInterfaces"},
    {Kind::OnPremisesNetwork, "onPremisesNetwork", "onPremisesNetworks"},
    {Kind::OnPremisesHost, "onPremisesHost", "onPremisesHosts"},
    {Kind::ResolverEndpoint, "resolverEndpoint", "resolverEndpoints"},
    {Kind::PrivateHostedZone, "privateHostedZone", "privateHostedZones"},
    {Kind::NetworkFirewall, "networkFirewall", "networkFirewalls"},
    {Kind::ResourceGateway, "resourceGateway", "resourceGateways"},
    {Kind::ResourceConfiguration, "resourceConfiguration", "resourceConfigurations"},
    {Kind::ServiceNetwork, "serviceNetwork", "serviceNetworks"},
}};

constexpr bool tableInKindOrder()
{
    for (int i = 0; i < kKindCount; ++i)
        if (int(kKinds[std::size_t(i)].kind) != i)
            return false;
    return true;
}
static_assert(tableInKindOrder());

} // namespace

const KindInfo& kindInfo(Kind kind) { return kKinds[std::size_t(kind)]; }

std::optional<Kind> kindFromCollection(std::string_view collection)
{
    for (const KindInfo& info : kKinds)
        if (info.collection == collection)
            return info.kind;
    return std::nullopt;
}

std::optional<Kind> kindFromName(std::string_view name)
{
    for (const KindInfo& info : kKinds)
        if (info.name == name)
            return info.kind;
    return std::nullopt;
}

} // namespace pp
