// Hybrid networking (rules HYB-*): VPN connections, Direct Connect, on-premises networks, and AWS
// public endpoints reached over a public virtual interface.

#include "analysis/trace/Device.h"

namespace pp::trace {
namespace {

// The packet entered a VPC from outside through `via` but its destination is not in the VPC:
// AWS does not route it on (no edge-to-edge routing). Say which rule the user ran into.
void explainRemoteEntry(Trace& tr, const ResourceId& gateway, const Packet& p, const std::string& where)
{
    const VirtualPrivateGateway* g = tr.net.get<VirtualPrivateGateway>(gateway);
    if (g && g->vpc) {
        const auto table = tr.graph.routeTableVertex(tr.net.mainRouteTable(*g->vpc), *g->vpc);
        // What would a route table of the VPC do with the destination?
        std::optional<Vertex> next;
        tr.net.design().forEach<RouteTable>([&](const Resource& r, const RouteTable& t) {
            if (t.vpc != *g->vpc || next)
                return;
            if (const auto rt = tr.graph.find(NodeKind::RouteTable, r.id))
                if (const auto e = tr.graph.nextHop(*rt, p.dst); e && tr.graph.node(tr.graph.target(*e)).kind == NodeKind::GatewayEndpoint)
                    next = tr.graph.target(*e);
        });
        if (!next && table)
            if (const auto e = tr.graph.nextHop(*table, p.dst))
                next = tr.graph.target(*e);
        if (next && tr.graph.node(*next).kind == NodeKind::GatewayEndpoint) {
            tr.block("GATEWAY_ENDPOINT_REMOTE_SOURCE", tr.graph.node(*next).resource.str(),
                     "gateway endpoint " + tr.graph.node(*next).resource.str() + " in " + g->vpc->str() +
                         " cannot be used from the other side of a VPN or Direct Connect (GW-6)", true);
            return;
        }
        if (next && (tr.graph.node(*next).kind == NodeKind::NatGateway || tr.graph.node(*next).kind == NodeKind::InternetGateway)) {
            tr.block("NGW_REQUIRES_SOURCE_IN_VPC", tr.graph.node(*next).resource.str(),
                     "traffic from " + where + " cannot use " + tr.graph.node(*next).resource.str() + " in " + g->vpc->str() +
                         ": no edge-to-edge routing (IGW-5, PCX-4)", true);
            return;
        }
    }
    tr.block("NO_ROUTE_TO_DESTINATION", where,
             p.dst.toString() + " is not inside the VPC behind " + gateway.str() + "; AWS does not route it further (PCX-4)", true);
}

void deliverOnPremises(Trace& tr, const std::string& network, const Packet& p, Arrival arrival)
{
    tr.hop(tr.target.kind == Target::Kind::OnPremHost ? tr.target.resource.str() : network, "deliver",
           "delivered to " + p.dst.toString() + " in " + network, p);
    tr.delivered = true;
    // The on-premises router must send the reply back over a link into AWS (SVC-5, HYB-1).
    if (arrival == Arrival::Vpn || arrival == Arrival::DirectConnect) {
        const auto router = tr.graph.find(NodeKind::OnPremises, ResourceId(network));
        std::vector<Vertex> links;
        for (auto [e, end] = boost::out_edges(*router, tr.graph.graph()); e != end; ++e) {
            const NodeKind k = tr.graph.node(tr.graph.target(*e)).kind;
            if (k == NodeKind::VpnUp || k == NodeKind::VifUp)
                links.push_back(tr.graph.target(*e));
        }
        tr.replyRoutes.push_back({*router, p.src, links, network, "HYB-1", {}});
    }
}

// Traffic from on premises enters a VPC through its virtual private gateway: with a gateway
// route table associated (ingress routing, RT-9), that table routes it before the local route.
Vertex throughGatewayTable(Trace& tr, const ResourceId& vgw, Vertex next)
{
    const VirtualPrivateGateway* g = tr.net.get<VirtualPrivateGateway>(vgw);
    if (!g || !g->routeTable || tr.graph.node(next).kind != NodeKind::VpcLocal)
        return next;
    tr.dep(g->routeTable->str());
    return tr.graph.find(NodeKind::RouteTable, *g->routeTable).value_or(next);
}

class VpnHop final : public DeviceHandler {
public:
    VpnHop() : DeviceHandler({NodeKind::VpnDown, NodeKind::VpnUp}) {}
    Step forward(Trace& tr, Walk& walk) const override
    {
        const VpnConnection* vpn = tr.available<VpnConnection>(walk, "VPN connection", "available");
        if (!vpn)
            return Step::Stop;
        tr.note("VPN_TUNNEL_OVER_INTERNET", walk.id,
                "VPN " + walk.id + " carries private addresses inside an encrypted tunnel whose outer packets cross the internet (HYB-2)");
        if (walk.node.kind == NodeKind::VpnDown) {
            tr.hop(walk.id, "forward", "through the VPN tunnel to on premises", walk.p);
            walk.arrival = Arrival::Vpn;
            walk.v = tr.soleSuccessor(walk.v);
            return Step::Next;
        }
        tr.hop(walk.id, "forward", "through the VPN tunnel to " + vpn->gateway.str(), walk.p);
        if (const VirtualPrivateGateway* g = tr.net.get<VirtualPrivateGateway>(vpn->gateway); g && g->vpc)
            tr.hop(vpn->gateway.str(), "forward", "into " + g->vpc->str(), walk.p);
        const auto e = tr.graph.nextHop(walk.v, walk.p.dst);
        if (!e) {
            explainRemoteEntry(tr, vpn->gateway, walk.p, walk.id);
            return Step::Stop;
        }
        walk.arrival = Arrival::Vpn;
        if (const VirtualPrivateGateway* g = tr.net.get<VirtualPrivateGateway>(vpn->gateway)) {
            if (g->vpc)
                walk.currentVpc = *g->vpc;
            if (const auto gv = tr.graph.find(NodeKind::VirtualPrivateGateway, vpn->gateway))
                walk.replyExpect = {*gv};
        }
        walk.v = throughGatewayTable(tr, vpn->gateway, tr.graph.target(*e));
        return Step::Next;
    }
};

class VirtualInterfaceHop final : public DeviceHandler {
public:
    VirtualInterfaceHop() : DeviceHandler({NodeKind::VifDown, NodeKind::VifUp}) {}
    Step forward(Trace& tr, Walk& walk) const override
    {
        const DirectConnectVirtualInterface* vif = tr.available<DirectConnectVirtualInterface>(walk, "Direct Connect virtual interface", "available");
        if (!vif)
            return Step::Stop;
        if (walk.node.kind == NodeKind::VifDown) {
            // From a virtual private gateway, a private VIF on a Direct Connect gateway crosses
            // that gateway first (PATH-1); from a transit gateway, DxGatewayHop has shown it.
            if (vif->vifType == VifType::Private && vif->gateway && tr.net.get<DirectConnectGateway>(*vif->gateway) &&
                !(tr.result.path.size() && tr.result.path.back().resource == vif->gateway->str()))
                tr.hop(vif->gateway->str(), "forward", "Direct Connect gateway " + vif->gateway->str() + " to virtual interface " + walk.id, walk.p);
            tr.hop(walk.id, "forward", "over Direct Connect to " + vif->onPremises.str(), walk.p);
            walk.arrival = Arrival::DirectConnect;
            walk.v = tr.soleSuccessor(walk.v);
            return Step::Next;
        }
        tr.hop(walk.id, "forward", "over Direct Connect (" + std::string(enumName(vif->vifType)) + " VIF)", walk.p);
        const auto e = tr.graph.nextHop(walk.v, walk.p.dst);
        if (!e) {
            if (vif->gateway)
                explainRemoteEntry(tr, *vif->gateway, walk.p, walk.id);
            else
                tr.block("NO_ROUTE_TO_DESTINATION", walk.id, "virtual interface " + walk.id + " leads nowhere", true);
            return Step::Stop;
        }
        walk.arrival = Arrival::DirectConnect;
        // The gateways the virtual interface ends on are devices on the path (PATH-1): a
        // Direct Connect gateway (private or transit VIF), then the virtual private gateway of
        // the VPC a private VIF reaches.
        const Vertex next = tr.graph.target(*e);
        if (vif->gateway && tr.net.get<DirectConnectGateway>(*vif->gateway))
            tr.hop(vif->gateway->str(), "forward",
                   "Direct Connect gateway " + vif->gateway->str() + " to " +
                       (tr.graph.node(next).kind == NodeKind::VpcLocal ? tr.graph.node(next).resource.str() : tr.resourceOf(next)),
                   walk.p);
        if (vif->vifType == VifType::Private && tr.graph.node(next).kind == NodeKind::VpcLocal)
            if (const auto vgw = tr.net.virtualPrivateGatewayOf(tr.graph.node(next).resource))
                tr.hop(vgw->str(), "forward", "into " + tr.graph.node(next).resource.str(), walk.p);
        if (vif->vifType == VifType::Public) {
            tr.leavePrivateNetwork(walk.id, "public virtual interface " + walk.id + " reaches AWS services on public addresses (HYB-3)");
            tr.note("STAYS_ON_AWS_NETWORK", walk.id, "a public VIF uses public addresses but stays on the AWS network (HYB-3)");
        } else if (const VirtualPrivateGateway* g = tr.net.get<VirtualPrivateGateway>(vif->gateway); g && g->vpc) {
            walk.currentVpc = *g->vpc;
            if (const auto gv = tr.graph.find(NodeKind::VirtualPrivateGateway, *vif->gateway))
                walk.replyExpect = {*gv};
            walk.v = throughGatewayTable(tr, *vif->gateway, next);
            return Step::Next;
        } else if (tr.graph.node(next).kind == NodeKind::VpcLocal) {
            walk.currentVpc = tr.graph.node(next).resource;
            if (const auto vgw = tr.net.virtualPrivateGatewayOf(walk.currentVpc)) {
                if (const auto gv = tr.graph.find(NodeKind::VirtualPrivateGateway, *vgw))
                    walk.replyExpect = {*gv};
                walk.v = throughGatewayTable(tr, *vgw, next);
                return Step::Next;
            }
        }
        walk.v = next;
        return Step::Next;
    }
};

class DxGatewayHop final : public DeviceHandler {
public:
    DxGatewayHop() : DeviceHandler({NodeKind::DxGatewayDown}) {}
    Step forward(Trace& tr, Walk& walk) const override
    {
        const auto e = tr.graph.nextHop(walk.v, walk.p.dst);
        if (!e) {
            tr.block("NO_ROUTE_TO_DESTINATION", walk.id, "Direct Connect gateway " + walk.id + " has no transit VIF route to " + walk.p.dst.toString(), true);
            return Step::Stop;
        }
        tr.hop(walk.id, "route", "route " + tr.graph.edge(*e).text, walk.p);
        walk.v = tr.graph.target(*e);
        return Step::Next;
    }
};

class OnPremisesHop final : public DeviceHandler {
public:
    OnPremisesHop() : DeviceHandler({NodeKind::OnPremises}) {}
    Step forward(Trace& tr, Walk& walk) const override
    {
        tr.dep(walk.id);
        if ((tr.target.kind == Target::Kind::OnPremHost || tr.target.kind == Target::Kind::OnPremAddress) &&
            tr.target.network == walk.node.resource && walk.p.dst == tr.target.address) {
            deliverOnPremises(tr, walk.id, walk.p, walk.arrival);
            return Step::Stop;
        }
        const auto e = tr.graph.nextHop(walk.v, walk.p.dst);
        if (!e) {
            // Without a breakout (the default, DEF-1) an on-premises network reaches only what its
            // links into AWS advertise: say so when the address is not a private one it could learn.
            const OnPremisesNetwork* network = tr.net.get<OnPremisesNetwork>(walk.node.resource);
            const bool noBreakout = network && !network->internetBreakout && !walk.p.dst.isPrivate();
            tr.block("NO_ROUTE_TO_DESTINATION", walk.id,
                     "on-premises network " + walk.id + " has no route to " + walk.p.dst.toString() +
                         (noBreakout ? ": it has no internet breakout (internetBreakout is off, the default)" : "") + " (HYB-4)",
                     true);
            return Step::Stop;
        }
        const Vertex next = tr.graph.target(*e);
        if (tr.graph.node(next).kind == NodeKind::OnPremisesLocal) {
            if (tr.target.kind == Target::Kind::OnPremAddress || tr.target.kind == Target::Kind::OnPremHost) {
                deliverOnPremises(tr, walk.id, walk.p, walk.arrival);
                return Step::Stop;
            }
            tr.block("NO_PATH", walk.id, walk.p.dst.toString() + " is inside on-premises network " + walk.id + ", not the destination", true);
            return Step::Stop;
        }
        tr.hop(walk.id, "route", "route " + tr.graph.edge(*e).text, walk.p);
        if (next == tr.graph.internet())
            tr.leavePrivateNetwork(walk.id, "on-premises network " + walk.id + " sends the packet out of its own internet breakout (HYB-4)");
        walk.arrival = Arrival::OnPremises;
        walk.v = next;
        return Step::Next;
    }
};

class AwsPublicHop final : public DeviceHandler {
public:
    AwsPublicHop() : DeviceHandler({NodeKind::AwsPublic}) {}
    Step forward(Trace& tr, Walk& walk) const override
    {
        if (tr.target.kind == Target::Kind::ServicePublic) {
            tr.hop(tr.target.resource.str(), "deliver", "reached the public endpoint of " + tr.target.resource.str(), walk.p);
            tr.delivered = true;
        } else {
            tr.block("NO_PATH", walk.id, "a public VIF reaches only AWS public endpoints", true);
        }
        return Step::Stop;
    }
};

} // namespace

void addHybridDevices(DeviceRegistry& registry)
{
    static const VpnHop vpnHop;
    registry.add(vpnHop);
    static const VirtualInterfaceHop virtualInterfaceHop;
    registry.add(virtualInterfaceHop);
    static const DxGatewayHop dxGatewayHop;
    registry.add(dxGatewayHop);
    static const OnPremisesHop onPremisesHop;
    registry.add(onPremisesHop);
    static const AwsPublicHop awsPublicHop;
    registry.add(awsPublicHop);
}

} // namespace pp::trace
