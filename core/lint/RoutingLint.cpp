// Routing rules: route tables (duplicates, targets in another VPC, routes gateways do not take),
// gateways attached once per VPC, public NAT gateways, peering.

#include "lint/Linter.h"

namespace pp::lint {

void Linter::indexVpcs()
{
    m_design.forEach<RouteTable>([&](const Resource& r, const RouteTable& t) {
        if (t.main)
            m_mainTables[t.vpc.str()].push_back(r.id.str());
    });
    m_design.forEach<InternetGateway>([&](const Resource& r, const InternetGateway& g) {
        if (g.vpc)
            m_igws[g.vpc->str()].push_back(r.id.str());
        if (g.routeTable)
            m_edgeGateways[g.routeTable->str()].push_back(r.id.str());
    });
    m_design.forEach<VirtualPrivateGateway>([&](const Resource& r, const VirtualPrivateGateway& g) {
        if (g.vpc)
            m_vgws[g.vpc->str()].push_back(r.id.str());
        if (g.routeTable)
            m_edgeGateways[g.routeTable->str()].push_back(r.id.str());
    });
    m_design.forEach<TransitGatewayAttachment>([&](const Resource&, const TransitGatewayAttachment& a) {
        if (a.attachmentType == TgwAttachmentType::Vpc)
            m_tgwAttachments.insert({a.transitGateway.str(), a.resource.str()});
    });
    m_design.forEach<VpcEndpoint>([&](const Resource& r, const VpcEndpoint& e) {
        if (e.endpointType == EndpointType::Gateway)
            if (const AwsService* s = get<AwsService>(e.service))
                m_gatewayEndpointsByVpcService[e.vpc.str() + "|" + s->service].push_back(r.id.str());
    });
}

std::string Linter::vpcFactsOf(const Resource& r) const
{
    auto id = [](const std::optional<ResourceId>& x) { return x ? x->str() : std::string(); };
    if (const RouteTable* t = r.as<RouteTable>())
        return t->main ? "main|" + t->vpc.str() : std::string();
    if (const InternetGateway* g = r.as<InternetGateway>())
        return "igw|" + id(g->vpc) + "|" + id(g->routeTable);
    if (const VirtualPrivateGateway* g = r.as<VirtualPrivateGateway>())
        return "vgw|" + id(g->vpc) + "|" + id(g->routeTable);
    if (const TransitGatewayAttachment* a = r.as<TransitGatewayAttachment>())
        return a->attachmentType == TgwAttachmentType::Vpc ? "tgw|" + a->transitGateway.str() + "|" + a->resource.str() : std::string();
    if (const VpcEndpoint* e = r.as<VpcEndpoint>()) {
        if (e->endpointType != EndpointType::Gateway)
            return {};
        const AwsService* s = get<AwsService>(e->service);
        return "gateway|" + e->vpc.str() + "|" + (s ? s->service : std::string());
    }
    return {};
}

void Linter::check(const Resource& r, const RouteTable& t)
{
    if (const auto it = m_edgeGateways.find(r.id.str()); it != m_edgeGateways.end())
        checkGatewayRoutes(r, t, it->second);
    const Vpc* vpc = get<Vpc>(t.vpc);
    std::set<std::string> staticDestinations;
    for (const Route& route : t.routes) {
        const std::string destination =
            route.destination ? route.destination->toString()
                              : (route.destinationPrefixList ? route.destinationPrefixList->str() : "");
        if (route.origin == RouteOrigin::Static && !staticDestinations.insert(destination).second)
            routeError("DUPLICATE_ROUTE", {r.id.str()}, destination, "route table " + r.id.str() + " has two static routes to " + destination);
        if (route.target.str() == kLocalTarget) {
            if (vpc && route.destination && !inVpcCidrs(*vpc, *route.destination))
                routeError("LOCAL_ROUTE_OUTSIDE_VPC", {r.id.str()}, destination,
                      "route table " + r.id.str() + " sends " + destination + " to local, outside VPC " + t.vpc.str());
            continue;
        }
        const Resource* target = m_design.find(route.target);
        if (!target)
            continue;
        if (const VpcEndpoint* e = target->as<VpcEndpoint>(); e && e->endpointType == EndpointType::Gateway)
            routeError("GATEWAY_ENDPOINT_MANUAL_ROUTE", {r.id.str(), target->id.str()}, destination,
                  "route table " + r.id.str() + " has a hand-written route to gateway endpoint " + target->id.str() +
                      "; list the table in the endpoint's routeTables instead");
        if (const auto* eigw = target->as<EgressOnlyInternetGateway>();
            eigw && route.destination && route.destination->family() == IpFamily::V4)
            routeError("EIGW_IPV4_ROUTE", {r.id.str(), target->id.str()}, destination,
                  "route table " + r.id.str() + " sends IPv4 " + destination +
                      " to egress-only internet gateway " + target->id.str() + ", which carries IPv6 only");
        if (const auto* pcx = target->as<VpcPeering>()) {
            if (pcx->requesterVpc != t.vpc && pcx->accepterVpc != t.vpc)
                routeError("ROUTE_TARGET_OTHER_VPC", {r.id.str(), target->id.str()}, destination,
                      "route table " + r.id.str() + " targets peering " + target->id.str() + ", which does not involve VPC " + t.vpc.str());
            continue;
        }
        if (target->as<TransitGateway>()) {
            if (!m_tgwAttachments.count({target->id.str(), t.vpc.str()}))
                routeError("TGW_NOT_ATTACHED", {r.id.str(), target->id.str()}, destination,
                      "route table " + r.id.str() + " targets transit gateway " + target->id.str() + ", but VPC " +
                          t.vpc.str() + " has no attachment to it");
            continue;
        }
        const auto targetVpc = vpcOf(target->id);
        if (targetVpc && *targetVpc != t.vpc)
            routeError("ROUTE_TARGET_OTHER_VPC", {r.id.str(), target->id.str()}, destination,
                  "route table " + r.id.str() + " (VPC " + t.vpc.str() + ") targets " + target->id.str() +
                      " in VPC " + targetVpc->str());
    }
}

// RT-9: a route table associated with an internet or virtual private gateway (a gateway route
// table) sends traffic entering the VPC for a whole subnet (or the whole VPC, replacing the local
// route's target) to a middlebox's network interface or a Gateway Load Balancer endpoint in the
// VPC; nothing else.
void Linter::checkGatewayRoutes(const Resource& r, const RouteTable& t, const std::vector<std::string>& gateways)
{
    const std::string table = "route table " + r.id.str() + " (the gateway route table of " + gateways.front() + ")";
    if (!t.propagatingGateways.empty())
        error("GATEWAY_ROUTE_TABLE_PROPAGATION", {r.id.str(), gateways.front()},
              table + " cannot have route propagation; AWS refuses the association (RT-9)");
    const Vpc* vpc = get<Vpc>(t.vpc);
    auto wholeBlock = [&](const Cidr& c) {
        if (vpc && (std::find(vpc->ipv4Cidrs.begin(), vpc->ipv4Cidrs.end(), c) != vpc->ipv4Cidrs.end() || vpc->ipv6Cidr == c))
            return true;
        bool subnet = false;
        m_design.forEach<Subnet>([&](const Resource&, const Subnet& s) {
            subnet = subnet || (s.vpc == t.vpc && (s.cidr == c || s.ipv6Cidr == c));
        });
        return subnet;
    };
    for (const Route& route : t.routes) {
        const std::string destination =
            route.destination ? route.destination->toString() : (route.destinationPrefixList ? route.destinationPrefixList->str() : "");
        if (route.destinationPrefixList)
            routeError("GATEWAY_ROUTE_TABLE_DESTINATION", {r.id.str()}, destination,
                       table + " cannot route to a prefix list (" + destination + "); use a subnet's CIDR (RT-9)");
        else if (route.destination && !wholeBlock(*route.destination))
            routeError("GATEWAY_ROUTE_TABLE_DESTINATION", {r.id.str()}, destination,
                       table + " routes " + destination + ", which is neither the whole CIDR of a subnet of " + t.vpc.str() +
                           " nor a whole block of the VPC (RT-9)");
        if (route.target.str() == kLocalTarget)
            continue;
        const Resource* target = m_design.find(route.target);
        if (!target)
            continue;
        const VpcEndpoint* e = target->as<VpcEndpoint>();
        const bool allowed = target->as<Workload>() || target->as<NetworkFirewall>() ||
                             (e && e->endpointType == EndpointType::GatewayLoadBalancer);
        if (!allowed)
            routeError("GATEWAY_ROUTE_TABLE_TARGET", {r.id.str(), target->id.str()}, destination,
                       table + " sends " + destination + " to " + std::string(kindInfo(target->kind()).name) + " " +
                           target->id.str() + "; a gateway route table may only target local, a Gateway Load Balancer "
                           "endpoint, a Network Firewall or a middlebox's network interface (RT-9)");
    }
}

void Linter::checkEdgeAssociation(const Resource& gateway, const std::optional<ResourceId>& vpc, const std::optional<ResourceId>& table)
{
    if (!table)
        return;
    const RouteTable* t = get<RouteTable>(*table);
    if (!t)
        return;
    if (!vpc || t->vpc != *vpc)
        error("GATEWAY_ROUTE_TABLE_OTHER_VPC", {gateway.id.str(), table->str()},
              gateway.id.str() + (vpc ? " is attached to " + vpc->str() : std::string(" is not attached to a VPC")) +
                  ", but its gateway route table " + table->str() + " belongs to " + t->vpc.str() + " (RT-9)");
}

void Linter::check(const Resource& r, const NatGateway& n)
{
    if (n.privateIp && n.subnet)
        checkAddressInSubnet(r, *n.privateIp, *n.subnet);
    if (n.connectivity != NatConnectivity::Public)
        return;
    // Zonal: the VPC of its subnet; regional: its own VPC, which needs an internet gateway for
    // public connectivity all the same (NAT-1).
    const auto vpc = n.subnet ? vpcOf(*n.subnet) : n.vpc;
    if (vpc && !m_igws.count(vpc->str()))
        error("NAT_PUBLIC_WITHOUT_IGW", {r.id.str(), vpc->str()},
              "public NAT gateway " + r.id.str() + " is in VPC " + vpc->str() + ", which has no internet gateway");
    // AWS can allocate a regional NAT gateway's Elastic IPs itself, one per AZ it spans (NAT-1).
    if (!n.elasticIp && n.availabilityMode == NatAvailabilityMode::Zonal)
        error("NAT_PUBLIC_WITHOUT_EIP", {r.id.str()}, "public NAT gateway " + r.id.str() + " has no Elastic IP");
}

void Linter::check(const Resource& r, const VpcPeering& p)
{
    if (p.requesterVpc == p.accepterVpc)
        error("PEERING_SAME_VPC", {r.id.str()}, "peering " + r.id.str() + " connects VPC " + p.requesterVpc.str() + " to itself");
}

} // namespace pp::lint
