#include "analysis/ForwardingGraph.h"

#include <algorithm>
#include <boost/graph/strong_components.hpp>
#include <set>

namespace pp {
namespace {

std::string key(NodeKind kind, const std::string& resource, const std::string& context)
{
    return std::to_string(int(kind)) + "|" + resource + "|" + context;
}

const char* kindLabel(NodeKind k)
{
    switch (k) {
    case NodeKind::RouteTable: return "route table";
    case NodeKind::VpcLocal: return "VPC";
    case NodeKind::InternetGateway: return "internet gateway";
    case NodeKind::EgressOnlyGateway: return "egress-only internet gateway";
    case NodeKind::NatGateway: return "NAT gateway";
    case NodeKind::Peering: return "VPC peering";
    case NodeKind::TgwIngress: return "transit gateway attachment (in)";
    case NodeKind::TgwRouteTable: return "transit gateway route table";
    case NodeKind::TgwEgress: return "transit gateway attachment (out)";
    case NodeKind::VirtualPrivateGateway: return "virtual private gateway";
    case NodeKind::VpnDown: case NodeKind::VpnUp: return "VPN connection";
    case NodeKind::VifDown: case NodeKind::VifUp: return "Direct Connect virtual interface";
    case NodeKind::DxGatewayDown: return "Direct Connect gateway";
    case NodeKind::OnPremises: return "on-premises router";
    case NodeKind::GatewayEndpoint: return "gateway endpoint";
    case NodeKind::GwlbEndpoint: return "Gateway Load Balancer endpoint";
    case NodeKind::Middlebox: return "network interface";
    case NodeKind::FirewallEndpoint: return "network firewall";
    case NodeKind::Internet: return "internet";
    case NodeKind::AwsPublic: return "AWS public endpoints";
    case NodeKind::AwsService: return "AWS service";
    case NodeKind::OnPremisesLocal: return "on-premises network";
    case NodeKind::Blackhole: return "blackhole";
    }
    return "";
}

// At equal prefix length: priority first (RT-1), then, among propagated routes, the attachment
// type (RT-10). Equal edges keep the first one listed.
bool outranks(const ForwardingEdge& a, const ForwardingEdge& b)
{
    if (a.priority != b.priority)
        return a.priority < b.priority;
    return a.priority == RoutePriority::Propagated && a.rank < b.rank;
}

const char* rankName(PropagationRank rank)
{
    switch (rank) {
    case PropagationRank::Vpc: return "VPC";
    case PropagationRank::DirectConnectGateway: return "Direct Connect gateway";
    case PropagationRank::Connect: return "Connect";
    case PropagationRank::Vpn: return "VPN";
    case PropagationRank::Other: return "other";
    }
    return "other";
}

const char* propagationLabel(PropagationRank rank)
{
    switch (rank) {
    case PropagationRank::Vpc: return "propagated from a VPC";
    case PropagationRank::DirectConnectGateway: return "propagated from a Direct Connect gateway";
    case PropagationRank::Connect: return "propagated from a Connect attachment";
    case PropagationRank::Vpn: return "propagated from a VPN";
    case PropagationRank::Other: return "propagated";
    }
    return "propagated";
}

std::string routeText(const std::string& destination, const ResourceId& target, const char* origin)
{
    return destination + " -> " + target.str() + (origin ? std::string(" (") + origin + ")" : std::string());
}

} // namespace

ForwardingGraph::ForwardingGraph(const Network& network) : m_network(network)
{
    build();
    const std::size_t n = boost::num_vertices(m_graph);
    m_cycleComponent.assign(n, -1);
    std::vector<int> component(n);
    boost::strong_components(m_graph, boost::make_iterator_property_map(component.begin(), boost::get(boost::vertex_index, m_graph)));
    std::vector<int> size(n, 0);
    for (const int c : component)
        ++size[std::size_t(c)];
    for (auto [v, end] = boost::vertices(m_graph); v != end; ++v) {
        bool selfLoop = false;
        for (auto [e, eend] = boost::out_edges(*v, m_graph); e != eend && !selfLoop; ++e)
            selfLoop = boost::target(*e, m_graph) == *v;
        if (size[std::size_t(component[*v])] > 1 || selfLoop)
            m_cycleComponent[*v] = component[*v];
    }
}

Vertex ForwardingGraph::vertex(NodeKind kind, const ResourceId& resource, const ResourceId& context)
{
    const std::string k = key(kind, resource.str(), context.str());
    if (const auto it = m_index.find(k); it != m_index.end())
        return it->second;
    const Vertex v = boost::add_vertex(ForwardingNode{kind, resource, context}, m_graph);
    m_index.emplace(k, v);
    return v;
}

std::optional<Vertex> ForwardingGraph::find(NodeKind kind, const ResourceId& resource) const
{
    const auto it = m_index.find(key(kind, resource.str(), ""));
    return it == m_index.end() ? std::nullopt : std::optional<Vertex>(it->second);
}

Edge ForwardingGraph::addEdge(Vertex from, Vertex to, std::optional<Cidr> prefix, RoutePriority priority, std::string text,
                              bool local, ResourceId via)
{
    ForwardingEdge edge;
    edge.prefix = prefix;
    edge.priority = priority;
    edge.local = local;
    edge.text = std::move(text);
    edge.viaPrefixList = std::move(via);
    return boost::add_edge(from, to, std::move(edge), m_graph).first;
}

std::optional<Vertex> ForwardingGraph::routeTableVertex(const std::optional<ResourceId>& table, const ResourceId& vpc) const
{
    if (table)
        return find(NodeKind::RouteTable, *table);
    const auto it = m_index.find(key(NodeKind::RouteTable, "", vpc.str()));
    return it == m_index.end() ? std::nullopt : std::optional<Vertex>(it->second);
}

std::optional<Vertex> ForwardingGraph::routeTableOfSubnet(const ResourceId& subnet) const
{
    const Subnet* s = m_network.get<Subnet>(subnet);
    if (!s)
        return std::nullopt;
    return routeTableVertex(m_network.routeTableOf(subnet), s->vpc);
}

std::optional<Vertex> ForwardingGraph::routeTargetVertex(const ResourceId& target, const ResourceId& vpc)
{
    const Resource* r = m_network.design().find(target);
    if (!r)
        return std::nullopt;
    if (r->as<InternetGateway>())
        return vertex(NodeKind::InternetGateway, target);
    if (r->as<EgressOnlyInternetGateway>())
        return vertex(NodeKind::EgressOnlyGateway, target);
    if (r->as<NatGateway>())
        return vertex(NodeKind::NatGateway, target);
    if (r->as<VpcPeering>())
        return vertex(NodeKind::Peering, target);
    if (r->as<VirtualPrivateGateway>())
        return vertex(NodeKind::VirtualPrivateGateway, target);
    if (r->as<Workload>()) {
        const Vertex mb = vertex(NodeKind::Middlebox, target);
        if (std::find(m_middleboxes.begin(), m_middleboxes.end(), mb) == m_middleboxes.end())
            m_middleboxes.push_back(mb);
        return mb;
    }
    if (const VpcEndpoint* e = r->as<VpcEndpoint>())
        return vertex(e->endpointType == EndpointType::Gateway ? NodeKind::GatewayEndpoint : NodeKind::GwlbEndpoint, target);
    if (r->as<NetworkFirewall>())
        return vertex(NodeKind::FirewallEndpoint, target);
    if (r->as<TransitGateway>()) {
        if (const auto attachment = m_network.attachmentFor(target, vpc))
            return vertex(NodeKind::TgwIngress, *attachment);
        return m_blackhole; // no attachment: lint reports TGW_NOT_ATTACHED
    }
    return std::nullopt;
}

void ForwardingGraph::addRouteTable(Vertex rt, const ResourceId& vpcId, const RouteTable* table, const ResourceId& tableId)
{
    const Vertex local = vertex(NodeKind::VpcLocal, vpcId);
    // A route to a whole VPC block with another target replaces the local route's target (a
    // middlebox, a GWLB endpoint; rule RT-9 and AWS's "replace the local route target").
    auto replacesLocal = [&](const Cidr& block) {
        return table && std::any_of(table->routes.begin(), table->routes.end(), [&](const Route& route) {
                   return route.destination == block && route.target.str() != kLocalTarget && route.state == RouteState::Active;
               });
    };
    for (const Cidr& block : m_network.vpcBlocks(vpcId))
        if (!replacesLocal(block))
            addEdge(rt, local, block, RoutePriority::Static, block.toString() + " -> local", true);
    if (table) {
        for (const Route& route : table->routes) {
            std::optional<Vertex> to;
            if (route.state == RouteState::Blackhole)
                to = m_blackhole;
            else if (route.target.str() == kLocalTarget)
                to = local;
            else
                to = routeTargetVertex(route.target, vpcId);
            if (!to)
                continue;
            const char* origin = route.origin == RouteOrigin::Propagated ? "propagated" : nullptr;
            const RoutePriority priority = route.origin == RouteOrigin::Propagated ? RoutePriority::Propagated : RoutePriority::Static;
            const bool isLocal = route.target.str() == kLocalTarget;
            if (route.destination) {
                addEdge(rt, *to, route.destination, priority, routeText(route.destination->toString(), route.target, origin), isLocal);
            } else if (route.destinationPrefixList) {
                for (const Cidr& c : m_network.prefixListCidrs(*route.destinationPrefixList))
                    addEdge(rt, *to, c, route.origin == RouteOrigin::Propagated ? priority : RoutePriority::PrefixList,
                            routeText(route.destinationPrefixList->str(), route.target, origin), isLocal,
                            *route.destinationPrefixList);
            }
        }
        // Route propagation from the attached virtual private gateway (VPN and Direct Connect).
        const auto vgw = m_network.virtualPrivateGatewayOf(vpcId);
        if (vgw && std::find(table->propagatingGateways.begin(), table->propagatingGateways.end(), *vgw) !=
                       table->propagatingGateways.end()) {
            const Vertex gateway = vertex(NodeKind::VirtualPrivateGateway, *vgw);
            auto propagate = [&](const Cidrs& prefixes) {
                for (const Cidr& c : prefixes)
                    addEdge(rt, gateway, c, RoutePriority::Propagated, routeText(c.toString(), *vgw, "propagated"));
            };
            for (const ResourceId& vpn : m_network.vpnsOn(*vgw))
                if (const VpnConnection* v = m_network.get<VpnConnection>(vpn))
                    propagate(v->remoteCidrs);
            for (const ResourceId& vif : m_network.vifsOn(*vgw))
                if (const auto* v = m_network.get<DirectConnectVirtualInterface>(vif))
                    propagate(v->advertisedPrefixes);
            for (const ResourceId& dx : m_network.dxGatewaysAssociatedWith(*vgw))
                for (const ResourceId& vif : m_network.vifsOn(dx))
                    if (const auto* v = m_network.get<DirectConnectVirtualInterface>(vif); v && v->vifType == VifType::Private)
                        propagate(v->advertisedPrefixes);
        }
        // Gateway endpoints add a prefix-list route for their service (GW-2).
        for (const ResourceId& endpoint : m_network.gatewayEndpointsOn(tableId)) {
            const VpcEndpoint* e = m_network.get<VpcEndpoint>(endpoint);
            if (!e || e->vpc != vpcId)
                continue;
            const Vertex to = vertex(NodeKind::GatewayEndpoint, endpoint);
            for (const Cidr& c : m_network.serviceAddresses(e->service))
                addEdge(rt, to, c, RoutePriority::PrefixList, routeText("prefix list of " + e->service.str(), endpoint, nullptr),
                        false, e->service);
        }
    }
}

Cidrs ForwardingGraph::attachmentPrefixes(const TransitGatewayAttachment& a) const
{
    switch (a.attachmentType) {
    case TgwAttachmentType::Vpc:
        return m_network.vpcBlocks(a.resource);
    case TgwAttachmentType::Vpn:
        if (const VpnConnection* v = m_network.get<VpnConnection>(a.resource))
            return v->remoteCidrs;
        return {};
    case TgwAttachmentType::DirectConnectGateway: {
        Cidrs out;
        for (const ResourceId& vif : m_network.vifsOn(a.resource))
            if (const auto* v = m_network.get<DirectConnectVirtualInterface>(vif); v && v->vifType == VifType::Transit)
                out.insert(out.end(), v->advertisedPrefixes.begin(), v->advertisedPrefixes.end());
        return out;
    }
    case TgwAttachmentType::Peering:
        return {};
    }
    return {};
}

void ForwardingGraph::addTransitRouteTable(const Resource& r, const TransitGatewayRouteTable& t)
{
    const Vertex table = vertex(NodeKind::TgwRouteTable, r.id);
    for (const TransitGatewayRoute& route : t.routes) {
        if (route.blackhole) {
            addEdge(table, m_blackhole, route.destination, RoutePriority::Static, route.destination.toString() + " -> blackhole");
        } else if (route.attachment) {
            addEdge(table, vertex(NodeKind::TgwEgress, *route.attachment), route.destination, RoutePriority::Static,
                    routeText(route.destination.toString(), *route.attachment, "static"));
        }
    }
    // Propagations: listed ones, plus every attachment when this is the default propagation table.
    ResourceIds propagating = t.propagations;
    const TransitGateway* tgw = m_network.get<TransitGateway>(t.transitGateway);
    if (tgw && tgw->defaultPropagationRouteTable == r.id)
        for (const ResourceId& a : m_network.attachmentsOf(t.transitGateway))
            if (std::find(propagating.begin(), propagating.end(), a) == propagating.end())
                propagating.push_back(a);
    std::vector<Cidr> seen; // TGW-3: a later overlapping VPC CIDR is not propagated
    for (const ResourceId& id : propagating) {
        const TransitGatewayAttachment* a = m_network.get<TransitGatewayAttachment>(id);
        if (!a)
            continue;
        // A static Site-to-Site VPN's networks are static routes of the table, as AWS lists them
        // (RT-10: "static routes, for example Site-to-Site VPN static routes").
        const VpnConnection* vpn = a->attachmentType == TgwAttachmentType::Vpn ? m_network.get<VpnConnection>(a->resource) : nullptr;
        const bool staticVpn = vpn && vpn->routing == VpnRouting::Static;
        const PropagationRank rank = a->attachmentType == TgwAttachmentType::Vpc                    ? PropagationRank::Vpc
                                     : a->attachmentType == TgwAttachmentType::DirectConnectGateway ? PropagationRank::DirectConnectGateway
                                     : a->attachmentType == TgwAttachmentType::Vpn                  ? PropagationRank::Vpn
                                                                                                    : PropagationRank::Other;
        for (const Cidr& c : attachmentPrefixes(*a)) {
            // Only VPC CIDRs suppress one another; a VPN's or DX gateway's prefix of the same
            // range is another propagated route, ranked below the VPC's (RT-10).
            if (a->attachmentType == TgwAttachmentType::Vpc) {
                if (std::any_of(seen.begin(), seen.end(), [&](const Cidr& s) { return s.overlaps(c); }))
                    continue;
                seen.push_back(c);
            }
            if (staticVpn) {
                addEdge(table, vertex(NodeKind::TgwEgress, id), c, RoutePriority::Static, routeText(c.toString(), id, "static VPN route"));
                continue;
            }
            const Edge e = addEdge(table, vertex(NodeKind::TgwEgress, id), c, RoutePriority::Propagated,
                                   routeText(c.toString(), id, propagationLabel(rank)));
            m_graph[e].rank = rank;
        }
    }
}

void ForwardingGraph::addOnPremises(const Resource& r, const OnPremisesNetwork& n)
{
    const Vertex router = vertex(NodeKind::OnPremises, r.id);
    const Vertex local = vertex(NodeKind::OnPremisesLocal, r.id);
    for (const Cidr& c : n.cidrs)
        addEdge(router, local, c, RoutePriority::Static, c.toString() + " -> local", true);
    for (const OnPremisesRoute& route : n.routes) {
        const Resource* via = m_network.design().find(route.via);
        if (!via)
            continue;
        const Vertex to = vertex(via->as<VpnConnection>() ? NodeKind::VpnUp : NodeKind::VifUp, route.via);
        if (route.destination)
            addEdge(router, to, route.destination, RoutePriority::Static, routeText(route.destination->toString(), route.via, "static"));
        else if (route.destinationPrefixList)
            for (const Cidr& c : m_network.prefixListCidrs(*route.destinationPrefixList))
                addEdge(router, to, c, RoutePriority::PrefixList, routeText(route.destinationPrefixList->str(), route.via, "static"));
    }
    // Prefixes AWS advertises over each link (BGP), or that a static VPN is configured for.
    auto learned = [&](const Vertex to, const Cidrs& prefixes, const ResourceId& link) {
        for (const Cidr& c : prefixes)
            addEdge(router, to, c, RoutePriority::Propagated, routeText(c.toString(), link, "advertised by AWS"));
    };
    auto tgwPrefixes = [&](const ResourceId& tgw) {
        Cidrs out;
        for (const ResourceId& a : m_network.attachmentsOf(tgw))
            if (const auto* att = m_network.get<TransitGatewayAttachment>(a); att && att->attachmentType == TgwAttachmentType::Vpc)
                for (const Cidr& c : m_network.vpcBlocks(att->resource))
                    out.push_back(c);
        return out;
    };
    for (const ResourceId& vpn : m_network.vpnsOf(r.id)) {
        const VpnConnection* v = m_network.get<VpnConnection>(vpn);
        if (!v)
            continue;
        const Vertex up = vertex(NodeKind::VpnUp, vpn);
        if (const VirtualPrivateGateway* g = m_network.get<VirtualPrivateGateway>(v->gateway); g && g->vpc)
            learned(up, m_network.vpcBlocks(*g->vpc), vpn);
        else if (m_network.get<TransitGateway>(v->gateway))
            learned(up, tgwPrefixes(v->gateway), vpn);
    }
    for (const ResourceId& vifId : m_network.vifsOf(r.id)) {
        const DirectConnectVirtualInterface* vif = m_network.get<DirectConnectVirtualInterface>(vifId);
        if (!vif)
            continue;
        const Vertex up = vertex(NodeKind::VifUp, vifId);
        if (vif->vifType == VifType::Public) {
            // AWS advertises its public prefixes of the VIF's Region over a public VIF (HYB-3).
            m_network.design().forEach<AwsService>([&](const Resource& service, const AwsService& s) {
                if (!vif->region || s.region == *vif->region)
                    learned(up, m_network.serviceAddresses(service.id), vifId);
            });
            continue;
        }
        if (const VirtualPrivateGateway* g = m_network.get<VirtualPrivateGateway>(vif->gateway); g && g->vpc) {
            learned(up, m_network.vpcBlocks(*g->vpc), vifId);
        } else if (const DirectConnectGateway* dx = m_network.get<DirectConnectGateway>(vif->gateway)) {
            for (const DirectConnectGatewayAssociation& a : dx->associations) {
                if (!a.allowedPrefixes.empty()) {
                    learned(up, a.allowedPrefixes, vifId);
                } else if (const VirtualPrivateGateway* vgw = m_network.get<VirtualPrivateGateway>(a.gateway); vgw && vgw->vpc) {
                    learned(up, m_network.vpcBlocks(*vgw->vpc), vifId);
                }
            }
        }
    }
    if (n.internetBreakout) {
        addEdge(router, m_internet, *Cidr::parse("0.0.0.0/0"), RoutePriority::Fallback, "0.0.0.0/0 -> internet breakout");
        addEdge(router, m_internet, *Cidr::parse("::/0"), RoutePriority::Fallback, "::/0 -> internet breakout");
    }
}

void ForwardingGraph::build()
{
    m_internet = vertex(NodeKind::Internet, ResourceId());
    m_blackhole = vertex(NodeKind::Blackhole, ResourceId());
    m_awsPublic = vertex(NodeKind::AwsPublic, ResourceId());
    const Design& d = m_network.design();

    // VPC route tables, and an implicit main table for VPCs that declare none.
    d.forEach<RouteTable>([&](const Resource& r, const RouteTable& t) { addRouteTable(vertex(NodeKind::RouteTable, r.id), t.vpc, &t, r.id); });
    d.forEach<Vpc>([&](const Resource& r, const Vpc&) {
        if (!m_network.mainRouteTable(r.id))
            addRouteTable(vertex(NodeKind::RouteTable, ResourceId(), r.id), r.id, nullptr, ResourceId());
    });

    for (const Resource& r : d.resources()) {
        if (r.as<InternetGateway>()) {
            addEdge(vertex(NodeKind::InternetGateway, r.id), m_internet, std::nullopt, RoutePriority::Static, "to the internet");
        } else if (r.as<EgressOnlyInternetGateway>()) {
            addEdge(vertex(NodeKind::EgressOnlyGateway, r.id), m_internet, std::nullopt, RoutePriority::Static, "to the internet (IPv6)");
        } else if (const NatGateway* n = r.as<NatGateway>()) {
            if (n->subnet) {
                if (const auto rt = routeTableOfSubnet(*n->subnet))
                    addEdge(vertex(NodeKind::NatGateway, r.id), *rt, std::nullopt, RoutePriority::Static,
                            "translated, then routed by the route table of " + n->subnet->str());
            } else if (n->vpc && n->connectivity == NatConnectivity::Public) {
                // NAT-1: a regional NAT gateway needs no public subnet; it uses the VPC's internet gateway.
                if (const auto igw = m_network.internetGatewayOf(*n->vpc))
                    addEdge(vertex(NodeKind::NatGateway, r.id), vertex(NodeKind::InternetGateway, *igw), std::nullopt,
                            RoutePriority::Static, "translated, then out through " + igw->str() + ", the internet gateway of " + n->vpc->str());
            } else if (n->vpc) {
                if (const auto rt = routeTableVertex(m_network.mainRouteTable(*n->vpc), *n->vpc))
                    addEdge(vertex(NodeKind::NatGateway, r.id), *rt, std::nullopt, RoutePriority::Static,
                            "translated, then routed by the main route table of " + n->vpc->str());
            }
        } else if (const VpcPeering* p = r.as<VpcPeering>()) {
            const Vertex pcx = vertex(NodeKind::Peering, r.id);
            for (const ResourceId& side : {p->requesterVpc, p->accepterVpc})
                for (const Cidr& c : m_network.vpcBlocks(side))
                    addEdge(pcx, vertex(NodeKind::VpcLocal, side), c, RoutePriority::Static, c.toString() + " -> " + side.str());
        } else if (const TransitGatewayAttachment* a = r.as<TransitGatewayAttachment>()) {
            const TransitGateway* tgw = m_network.get<TransitGateway>(a->transitGateway);
            const std::optional<ResourceId> table = a->routeTable ? a->routeTable : (tgw ? tgw->defaultAssociationRouteTable : std::nullopt);
            if (table)
                addEdge(vertex(NodeKind::TgwIngress, r.id), vertex(NodeKind::TgwRouteTable, *table), std::nullopt,
                        RoutePriority::Static, "associated with " + table->str());
            const Vertex out = vertex(NodeKind::TgwEgress, r.id);
            switch (a->attachmentType) {
            case TgwAttachmentType::Vpc: {
                std::optional<Vertex> rt;
                if (!a->subnets.empty())
                    rt = routeTableOfSubnet(a->subnets.front());
                addEdge(out, rt ? *rt : vertex(NodeKind::VpcLocal, a->resource), std::nullopt, RoutePriority::Static,
                        "into " + a->resource.str() + (a->subnets.empty() ? std::string() : " via the route table of " + a->subnets.front().str()));
                break;
            }
            case TgwAttachmentType::Vpn:
                addEdge(out, vertex(NodeKind::VpnDown, a->resource), std::nullopt, RoutePriority::Static, "into VPN " + a->resource.str());
                break;
            case TgwAttachmentType::DirectConnectGateway: {
                const Vertex dx = vertex(NodeKind::DxGatewayDown, a->resource);
                addEdge(out, dx, std::nullopt, RoutePriority::Static, "into Direct Connect gateway " + a->resource.str());
                for (const ResourceId& vif : m_network.vifsOn(a->resource))
                    if (const auto* v = m_network.get<DirectConnectVirtualInterface>(vif); v && v->vifType == VifType::Transit)
                        for (const Cidr& c : v->advertisedPrefixes)
                            addEdge(dx, vertex(NodeKind::VifDown, vif), c, RoutePriority::Propagated, routeText(c.toString(), vif, "BGP"));
                break;
            }
            case TgwAttachmentType::Peering:
                if (const auto peerSide = m_network.attachmentFor(a->resource, a->transitGateway))
                    addEdge(out, vertex(NodeKind::TgwIngress, *peerSide), std::nullopt, RoutePriority::Static,
                            "to peer transit gateway " + a->resource.str());
                break;
            }
        } else if (const TransitGatewayRouteTable* t = r.as<TransitGatewayRouteTable>()) {
            addTransitRouteTable(r, *t);
        } else if (r.as<VirtualPrivateGateway>()) {
            const Vertex vgw = vertex(NodeKind::VirtualPrivateGateway, r.id);
            for (const ResourceId& vpn : m_network.vpnsOn(r.id))
                if (const VpnConnection* v = m_network.get<VpnConnection>(vpn))
                    for (const Cidr& c : v->remoteCidrs)
                        addEdge(vgw, vertex(NodeKind::VpnDown, vpn), c,
                                v->routing == VpnRouting::Static ? RoutePriority::Propagated : RoutePriority::Fallback,
                                routeText(c.toString(), vpn, v->routing == VpnRouting::Static ? "VPN static" : "VPN BGP"));
            // Direct Connect routes are preferred over VPN routes (VPN route priority): Static rank.
            auto viaVif = [&](const ResourceId& vif) {
                if (const auto* v = m_network.get<DirectConnectVirtualInterface>(vif); v && v->vifType == VifType::Private)
                    for (const Cidr& c : v->advertisedPrefixes)
                        addEdge(vgw, vertex(NodeKind::VifDown, vif), c, RoutePriority::Static, routeText(c.toString(), vif, "Direct Connect BGP"));
            };
            for (const ResourceId& vif : m_network.vifsOn(r.id))
                viaVif(vif);
            for (const ResourceId& dx : m_network.dxGatewaysAssociatedWith(r.id))
                for (const ResourceId& vif : m_network.vifsOn(dx))
                    viaVif(vif);
        } else if (const VpnConnection* v = r.as<VpnConnection>()) {
            if (const auto onPrem = m_network.onPremisesOfVpn(r.id))
                addEdge(vertex(NodeKind::VpnDown, r.id), vertex(NodeKind::OnPremises, *onPrem), std::nullopt, RoutePriority::Static,
                        "through the tunnel to " + onPrem->str());
            const Vertex up = vertex(NodeKind::VpnUp, r.id);
            if (const VirtualPrivateGateway* g = m_network.get<VirtualPrivateGateway>(v->gateway); g && g->vpc) {
                for (const Cidr& c : m_network.vpcBlocks(*g->vpc))
                    addEdge(up, vertex(NodeKind::VpcLocal, *g->vpc), c, RoutePriority::Static, c.toString() + " -> " + g->vpc->str());
            } else if (m_network.get<TransitGateway>(v->gateway)) {
                if (const auto att = m_network.attachmentFor(v->gateway, r.id))
                    addEdge(up, vertex(NodeKind::TgwIngress, *att), std::nullopt, RoutePriority::Static, "into transit gateway " + v->gateway.str());
            }
        } else if (const DirectConnectVirtualInterface* vif = r.as<DirectConnectVirtualInterface>()) {
            addEdge(vertex(NodeKind::VifDown, r.id), vertex(NodeKind::OnPremises, vif->onPremises), std::nullopt, RoutePriority::Static,
                    "to " + vif->onPremises.str());
            const Vertex up = vertex(NodeKind::VifUp, r.id);
            if (vif->vifType == VifType::Public) {
                addEdge(up, m_awsPublic, std::nullopt, RoutePriority::Static, "to AWS public endpoints");
            } else if (const VirtualPrivateGateway* g = m_network.get<VirtualPrivateGateway>(vif->gateway); g && g->vpc) {
                for (const Cidr& c : m_network.vpcBlocks(*g->vpc))
                    addEdge(up, vertex(NodeKind::VpcLocal, *g->vpc), c, RoutePriority::Static, c.toString() + " -> " + g->vpc->str());
            } else if (const DirectConnectGateway* dx = m_network.get<DirectConnectGateway>(vif->gateway)) {
                for (const DirectConnectGatewayAssociation& association : dx->associations) {
                    if (const VirtualPrivateGateway* vgw = m_network.get<VirtualPrivateGateway>(association.gateway);
                        vgw && vgw->vpc && vif->vifType == VifType::Private) {
                        for (const Cidr& c : m_network.vpcBlocks(*vgw->vpc))
                            addEdge(up, vertex(NodeKind::VpcLocal, *vgw->vpc), c, RoutePriority::Static, c.toString() + " -> " + vgw->vpc->str());
                    } else if (m_network.get<TransitGateway>(association.gateway) && vif->vifType == VifType::Transit) {
                        if (const auto att = m_network.attachmentFor(association.gateway, *vif->gateway))
                            for (const Cidr& c : association.allowedPrefixes)
                                addEdge(up, vertex(NodeKind::TgwIngress, *att), c, RoutePriority::Static,
                                        routeText(c.toString(), association.gateway, "allowed prefix"));
                    }
                }
            }
        } else if (const OnPremisesNetwork* network = r.as<OnPremisesNetwork>()) {
            addOnPremises(r, *network);
        } else if (const NetworkFirewall* fw = r.as<NetworkFirewall>()) {
            // One endpoint per firewall subnet (AZ), each routed on by its subnet's table (INS-3).
            const Vertex endpoint = vertex(NodeKind::FirewallEndpoint, r.id);
            for (const ResourceId& subnet : fw->subnets)
                if (const auto rt = routeTableOfSubnet(subnet))
                    addEdge(endpoint, *rt, std::nullopt, RoutePriority::Static,
                            "inspected, then routed by the route table of " + subnet.str());
        } else if (const VpcEndpoint* e = r.as<VpcEndpoint>()) {
            if (e->endpointType == EndpointType::Gateway) {
                addEdge(vertex(NodeKind::GatewayEndpoint, r.id), vertex(NodeKind::AwsService, e->service), std::nullopt,
                        RoutePriority::Static, "to " + e->service.str());
            } else if (e->endpointType == EndpointType::GatewayLoadBalancer && !e->subnets.empty()) {
                if (const auto rt = routeTableOfSubnet(e->subnets.front()))
                    addEdge(vertex(NodeKind::GwlbEndpoint, r.id), *rt, std::nullopt, RoutePriority::Static,
                            "inspected, then routed by the route table of " + e->subnets.front().str());
            }
        }
    }
    // Workloads used as route targets (middleboxes) forward by their own subnet's table.
    for (const Vertex mb : m_middleboxes)
        if (const Workload* w = m_network.get<Workload>(m_graph[mb].resource); w && boost::out_degree(mb, m_graph) == 0)
            if (const auto rt = routeTableOfSubnet(w->subnet))
                addEdge(mb, *rt, std::nullopt, RoutePriority::Static, "forwarded by " + m_graph[mb].resource.str());

    // Destination classes: every prefix's first address and the address after its last.
    std::set<IpAddress> bounds{IpAddress::v4(0), IpAddress::v6(0)};
    for (auto [e, end] = boost::edges(m_graph); e != end; ++e)
        if (const auto& p = m_graph[*e].prefix) {
            bounds.insert(p->network());
            const IpAddress last = p->last();
            const Uint128 max = p->family() == IpFamily::V4 ? Uint128(0xffffffffu) : ~Uint128(0);
            if (last.value() != max)
                bounds.insert(p->family() == IpFamily::V4 ? IpAddress::v4(std::uint32_t(last.value() + 1)) : IpAddress::v6(last.value() + 1));
        }
    m_boundaries.assign(bounds.begin(), bounds.end());
}

std::size_t ForwardingGraph::destinationClass(const IpAddress& address) const
{
    const auto it = std::upper_bound(m_boundaries.begin(), m_boundaries.end(), address);
    return std::size_t(it - m_boundaries.begin()) - 1;
}

namespace {

// The edge a vertex forwards `destination` on: the longest matching prefix, then the route
// priority (RT-1, RT-2, RT-10).
std::optional<Edge> chooseNextHop(const ForwardingGraphType& graph, Vertex from, const IpAddress& destination)
{
    std::optional<Edge> best;
    bool localMatches = false;
    for (auto [e, end] = boost::out_edges(from, graph); e != end; ++e) {
        const ForwardingEdge& edge = graph[*e];
        if (edge.local && edge.prefix && edge.prefix->contains(destination))
            localMatches = true;
    }
    for (auto [e, end] = boost::out_edges(from, graph); e != end; ++e) {
        const ForwardingEdge& edge = graph[*e];
        if (edge.prefix && !edge.prefix->contains(destination))
            continue;
        if (localMatches && edge.priority == RoutePriority::Propagated)
            continue; // RT-2
        if (!best) {
            best = *e;
            continue;
        }
        const ForwardingEdge& current = graph[*best];
        const int length = edge.prefix ? edge.prefix->prefixLength() : -1;
        const int bestLength = current.prefix ? current.prefix->prefixLength() : -1;
        if (length > bestLength || (length == bestLength && outranks(edge, current)))
            best = *e;
    }
    return best;
}

} // namespace

std::optional<Edge> ForwardingGraph::nextHop(Vertex from, const IpAddress& destination) const
{
    const std::uint64_t memoKey = (std::uint64_t(from) << 32) | std::uint64_t(destinationClass(destination));
    if (const auto it = m_memo.find(memoKey); it != m_memo.end())
        return it->second;
    const std::optional<Edge> best = chooseNextHop(m_graph, from, destination);
    m_memo.emplace(memoKey, best);
    return best;
}

std::optional<Edge> ForwardingGraph::runnerUp(Vertex from, const IpAddress& destination, Edge chosen) const
{
    const ForwardingEdge& won = m_graph[chosen];
    const int length = won.prefix ? won.prefix->prefixLength() : -1;
    std::optional<Edge> best;
    for (auto [e, end] = boost::out_edges(from, m_graph); e != end; ++e) {
        const ForwardingEdge& edge = m_graph[*e];
        if (*e == chosen || (edge.prefix ? edge.prefix->prefixLength() : -1) != length)
            continue;
        if (edge.prefix && !edge.prefix->contains(destination))
            continue;
        if (!best || outranks(edge, m_graph[*best]))
            best = *e;
    }
    return best;
}

std::string ForwardingGraph::tieReason(const ForwardingEdge& winner, const ForwardingEdge& loser)
{
    auto name = [](RoutePriority p) {
        switch (p) {
        case RoutePriority::Static: return "static";
        case RoutePriority::PrefixList: return "prefix-list";
        case RoutePriority::Propagated: return "propagated";
        case RoutePriority::Fallback: return "fallback";
        }
        return "";
    };
    if (winner.priority != loser.priority)
        return std::string(name(winner.priority)) + " beats " + name(loser.priority);
    if (winner.priority == RoutePriority::Propagated && winner.rank != loser.rank)
        return std::string(rankName(winner.rank)) + " beats " + rankName(loser.rank);
    return {};
}

std::vector<std::vector<Vertex>> ForwardingGraph::loopsFor(const IpAddress& destination, const std::vector<Vertex>* starts) const
{
    // Every vertex chooses at most one edge, so following the choices from a vertex either ends
    // or comes back to a vertex of the same walk: that vertex and those after it form a loop. A
    // walk that meets a vertex of an earlier walk stops there: what lies ahead was seen. A loop
    // lies within one strongly connected component of the graph, so walks start only where a
    // component can hold one and end where they leave it.
    std::vector<std::vector<Vertex>> loops;
    std::vector<int> walkOf(boost::num_vertices(m_graph), -1);
    std::vector<Vertex> path;
    int walk = 0;
    auto follow = [&](Vertex v) {
        const int component = m_cycleComponent[v];
        if (component < 0)
            return;
        path.clear();
        for (;;) {
            if (walkOf[v] != -1) {
                if (walkOf[v] == walk) {
                    std::vector<Vertex> loop(std::find(path.begin(), path.end(), v), path.end());
                    std::sort(loop.begin(), loop.end());
                    loops.push_back(std::move(loop));
                }
                break;
            }
            walkOf[v] = walk;
            path.push_back(v);
            // Each vertex is asked once per destination class here: remembering the answers
            // (nextHop's memo) would cost more than choosing again.
            const auto e = chooseNextHop(m_graph, v, destination);
            if (!e)
                break;
            v = boost::target(*e, m_graph);
            if (m_cycleComponent[v] != component)
                break;
        }
        ++walk;
    };
    if (starts) {
        for (const Vertex v : *starts)
            follow(v);
    } else {
        for (auto [v, end] = boost::vertices(m_graph); v != end; ++v)
            follow(*v);
    }
    return loops;
}

std::vector<std::vector<Vertex>> ForwardingGraph::forwardingLoops(const std::vector<IpAddress>& representatives) const
{
    std::set<std::vector<Vertex>> loops;
    std::set<std::pair<IpFamily, std::size_t>> classes;
    for (const IpAddress& address : representatives) {
        if (!classes.insert({address.family(), destinationClass(address)}).second)
            continue; // one search answers every address of a class
        for (auto& loop : loopsFor(address))
            loops.insert(std::move(loop));
    }
    return {loops.begin(), loops.end()};
}

std::optional<Vertex> ForwardingGraph::vertexOfKey(const std::string& k) const
{
    const auto it = m_index.find(k);
    return it == m_index.end() ? std::nullopt : std::optional<Vertex>(it->second);
}

std::string ForwardingGraph::keyOf(Vertex v) const
{
    const ForwardingNode& n = m_graph[v];
    return key(n.kind, n.resource.str(), n.context.str());
}

std::vector<std::size_t> ForwardingGraph::signatures() const
{
    std::vector<std::size_t> out(boost::num_vertices(m_graph));
    const std::hash<std::string> hashString;
    for (auto [v, end] = boost::vertices(m_graph); v != end; ++v) {
        std::size_t h = 0;
        auto mix = [&](std::size_t x) { h ^= x + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2); };
        for (auto [e, eend] = boost::out_edges(*v, m_graph); e != eend; ++e) {
            const ForwardingEdge& edge = m_graph[*e];
            const ForwardingNode& to = m_graph[boost::target(*e, m_graph)];
            mix(std::size_t(to.kind));
            mix(hashString(to.resource.str()));
            mix(hashString(to.context.str()));
            if (edge.prefix) {
                mix(std::size_t(edge.prefix->network().value()) ^ std::size_t(edge.prefix->network().value() >> 64));
                mix(std::size_t(edge.prefix->prefixLength()));
            }
            mix(std::size_t(edge.priority));
            mix(std::size_t(edge.rank));
            mix(std::size_t(edge.local));
        }
        out[*v] = h;
    }
    return out;
}

std::unordered_map<std::string, std::size_t> ForwardingGraph::keyedSignatures() const
{
    const std::vector<std::size_t> byVertex = signatures();
    std::unordered_map<std::string, std::size_t> out;
    out.reserve(byVertex.size());
    for (const auto& [key, v] : m_index)
        out.emplace(key, byVertex[v]);
    return out;
}

std::string ForwardingGraph::describe(Vertex v) const
{
    const ForwardingNode& n = m_graph[v];
    if (n.kind == NodeKind::RouteTable && n.resource.empty())
        return "the main route table of " + n.context.str(); // a VPC without one as a resource
    return std::string(kindLabel(n.kind)) + (n.resource.empty() ? std::string() : " " + n.resource.str());
}

} // namespace pp
