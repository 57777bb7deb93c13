// Routing (rules RT-*): route tables, delivery inside a VPC, and the places where a packet is dropped.

#include "analysis/trace/Device.h"

#include <algorithm>

namespace pp::trace {
namespace {

// The NAT gateway a subnet in `vpc` and `az` would send its default route to: an available
// public one, in the same AZ if there is one (a NAT gateway serves its own AZ best).
std::optional<ResourceId> natGatewayFor(const Trace& tr, const ResourceId& vpc, const std::string& az)
{
    std::optional<ResourceId> any;
    std::optional<ResourceId> sameAz;
    for (const ResourceId& id : tr.net.natGatewaysIn(vpc)) {
        const NatGateway* n = tr.net.get<NatGateway>(id);
        if (!n || n->connectivity != NatConnectivity::Public || n->state != LifecycleState::Available)
            continue;
        if (!any)
            any = id;
        // A regional NAT gateway spans every AZ where the VPC has workloads (NAT-1).
        if (!sameAz && (!n->subnet || tr.net.availabilityZoneOf(*n->subnet) == az))
            sameAz = id;
    }
    return sameAz ? sameAz : any;
}

// A subnet whose route table has no default route sends nothing to public addresses: say which
// default route would carry the flow (RT-5). Only for the source's own table: elsewhere the
// missing route is a transit or return-path matter.
void defaultRouteHint(Trace& tr, const std::string& table, const Walk& walk)
{
    if (walk.arrival != Arrival::Local || walk.currentVpc.empty() || walk.currentVpc != tr.sourceVpc ||
        tr.classOf(walk.p.dst) != AddressClass::Public)
        return;
    const bool v4 = walk.p.dst.isV4();
    const std::string defaultRoute = v4 ? "0.0.0.0/0" : "::/0";
    const Workload* source = tr.net.get<Workload>(tr.flow.source);
    const auto igw = tr.net.internetGatewayOf(walk.currentVpc);
    std::string via;
    if (v4) {
        if (const auto nat = natGatewayFor(tr, walk.currentVpc, tr.net.availabilityZoneOf(tr.sourceSubnet)))
            via = defaultRoute + " -> " + nat->str() + " (the NAT gateway; IGW-4)";
        else if (igw && source && source->publicIp)
            via = defaultRoute + " -> " + igw->str() + " (the source has a public IP; IGW-1)";
        else
            via = defaultRoute + " -> a public NAT gateway in a public subnet (there is none in " + walk.currentVpc.str() + "; IGW-4)";
    } else {
        via = defaultRoute + " -> an egress-only internet gateway (or the internet gateway; IGW-7)";
    }
    std::string alternative;
    if (tr.target.kind == Target::Kind::ServicePublic)
        alternative = ", or keep it private with an endpoint for the service";
    tr.hint("NO_DEFAULT_ROUTE", table,
            tr.graph.describe(walk.v) + " has no default route (" + defaultRoute + "), so " + walk.p.dst.toString() +
                " is not routed; add " + via + alternative + " (RT-5)");
}

// Why a route table has no route: what endpoint or default route would have given one. The
// endpoint comes first: it keeps the flow private.
void noRouteHints(Trace& tr, const std::string& table, const Walk& walk)
{
    if (tr.target.kind == Target::Kind::ServicePublic)
        serviceHints(tr, table);
    defaultRouteHint(tr, table, walk);
}

class RouteTableHop final : public DeviceHandler {
public:
    RouteTableHop() : DeviceHandler({NodeKind::RouteTable}) {}
    Step forward(Trace& tr, Walk& walk) const override
    {
        // A VPC without a main route table resource has an implicit one: the VPC's walk.id
        // stands for it in results, and the text names it.
        const std::string table = walk.node.resource.empty() ? walk.node.context.str() : walk.id;
        const auto e = tr.graph.nextHop(walk.v, walk.p.dst);
        if (!e) {
            tr.block("NO_ROUTE_TO_DESTINATION", table,
                     tr.graph.describe(walk.v) + " has no route to " + walk.p.dst.toString() + " (RT-5)", true);
            noRouteHints(tr, table, walk);
            return Step::Stop;
        }
        const Vertex next = tr.graph.target(*e);
        const ForwardingEdge& route = tr.graph.edge(*e);
        tr.selectedRoutes.emplace(table, !route.viaPrefixList.empty() ? route.viaPrefixList.str()
                                                                      : (route.prefix ? route.prefix->toString() : std::string()));
        tr.hop(table, "route",
               (walk.node.resource.empty() ? tr.graph.describe(walk.v) + ": route " : "route ") + tr.graph.edge(*e).text, walk.p);
        if (next == tr.graph.blackhole()) {
            tr.block("BAD_STATE_ROUTE", table, "the route " + tr.graph.edge(*e).text + " is a blackhole (RT-5)", true);
            return Step::Stop;
        }
        walk.v = next;
        return Step::Next;
    }
};

// The local route: the destination is inside the VPC.
class VpcLocalHop final : public DeviceHandler {
public:
    VpcLocalHop() : DeviceHandler({NodeKind::VpcLocal}) {}
    Step forward(Trace& tr, Walk& walk) const override
    {
        deliverInVpc(tr, walk.node.resource, walk.p, walk.arrival, walk.replyExpect);
        return Step::Stop;
    }
};

// Where no device takes the packet on: a blackhole route, or an on-premises network's own
// addresses that are not the destination.
class DropHop final : public DeviceHandler {
public:
    DropHop() : DeviceHandler({NodeKind::OnPremisesLocal, NodeKind::Blackhole}) {}
    Step forward(Trace& tr, Walk& walk) const override
    {
        tr.block("BAD_STATE_ROUTE", tr.resourceOf(walk.v), "the packet is dropped", true);
        return Step::Stop;
    }
};

// The request came in through a gateway straight to its subnet, but the subnet sends the reply
// through an inspection detour: the detour never saw the request. Ingress routing would send
// the request through it too (RT-9).
void ingressRoutingHint(Trace& tr, Vertex table, const Packet& p, const std::vector<Vertex>& replyExpect)
{
    const auto e = tr.graph.nextHop(table, p.src);
    if (!e || replyExpect.empty())
        return;
    const ForwardingNode& detour = tr.graph.node(tr.graph.target(*e));
    const ForwardingNode& gateway = tr.graph.node(replyExpect.front());
    if ((detour.kind != NodeKind::GwlbEndpoint && detour.kind != NodeKind::Middlebox && detour.kind != NodeKind::FirewallEndpoint) ||
        (gateway.kind != NodeKind::InternetGateway && gateway.kind != NodeKind::VirtualPrivateGateway))
        return;
    const Subnet* subnet = tr.net.get<Subnet>(tr.target.subnet);
    const std::string cidr = subnet ? (p.dst.isV4() || !subnet->ipv6Cidr ? subnet->cidr.toString() : subnet->ipv6Cidr->toString())
                                    : tr.target.subnet.str();
    std::optional<ResourceId> edgeTable;
    if (const InternetGateway* igw = tr.net.get<InternetGateway>(gateway.resource))
        edgeTable = igw->routeTable;
    else if (const VirtualPrivateGateway* vgw = tr.net.get<VirtualPrivateGateway>(gateway.resource))
        edgeTable = vgw->routeTable;
    const std::string route = cidr + " -> " + detour.resource.str();
    tr.hint("NO_GATEWAY_ROUTE_TABLE", gateway.resource.str(),
            "replies from " + tr.target.subnet.str() + " go through " + detour.resource.str() + ", but requests through " +
                gateway.resource.str() + " reach the subnet directly; " +
                (edgeTable ? "add the route " + route + " to " + edgeTable->str() + ", the gateway route table of " + gateway.resource.str()
                           : "associate a gateway route table with " + gateway.resource.str() + " holding the route " + route) +
                " (ingress routing, RT-9)");
}

} // namespace

// The packet is inside `vpc` for local delivery to the target interface.
void deliverInVpc(Trace& tr, const ResourceId& vpc, const Packet& p, Arrival arrival, const std::vector<Vertex>& replyExpect)
{
    tr.dep(vpc.str());
    const bool interface = tr.target.kind == Target::Kind::Interface || tr.target.kind == Target::Kind::EndpointEni ||
                           tr.target.kind == Target::Kind::LoadBalancerEni || tr.target.kind == Target::Kind::PublicInterface;
    if (!interface || tr.target.vpc != vpc) {
        tr.block("NO_PATH", vpc.str(),
                 p.dst.toString() + " is inside " + vpc.str() + " but the destination " + tr.target.resource.str() +
                     (tr.target.vpc.empty() ? std::string(" is not there") : " is in " + tr.target.vpc.str()) +
                     " (overlapping CIDRs?)",
                 true);
        return;
    }
    if (arrival != Arrival::Local || tr.target.subnet != tr.sourceSubnet || tr.natSubnet)
        tr.checkAcl(tr.target.subnet, Direction::Inbound, p, p.src);
    // A security group rule can name the source's group when the packet still carries the
    // source's own address: in the same VPC, across a peering in one Region (SG-2, SGR-1), or
    // across a transit gateway whose attachments have security group referencing on (SGR-1).
    const Workload* sourceWorkload = tr.net.get<Workload>(tr.flow.source);
    const bool ownAddress = sourceWorkload && !tr.natSubnet &&
                            (p.src == tr.net.interfaceAddress(tr.flow.source, sourceWorkload->subnet) || p.src == sourceWorkload->ipv6Address);
    bool honoured = arrival == Arrival::Local;
    if (arrival == Arrival::Peering)
        honoured = tr.net.sgReferenceHonoured(tr.sourceVpc, vpc);
    else if (arrival == Arrival::Transit && tr.transitAttachments)
        honoured = tr.net.sgReferencingOverTransit(tr.transitAttachments->first, tr.transitAttachments->second);
    const std::optional<ResourceId> peer = honoured && ownAddress ? std::optional<ResourceId>(tr.flow.source) : std::nullopt;
    tr.checkSecurityGroups(tr.target.resource, Direction::Inbound, p, p.src, peer);
    if (const std::optional<Vertex> inspected = tr.inspectionIn(vpc); inspected && !tr.natSubnet) {
        // Stateful inspection in this VPC: the reply must go back through the same detour
        // (INS-1), and from the detour's subnet on the way the request came.
        const auto rt = tr.graph.routeTableOfSubnet(tr.target.subnet);
        if (rt && *rt != tr.detourExit(*inspected))
            tr.replyRoutes.push_back({*rt, p.src, {*inspected}, tr.target.subnet.str(), inspectionRule(tr, *inspected), {}});
        std::vector<Vertex> onward = replyExpect;
        if (arrival == Arrival::Local)
            if (const auto local = tr.graph.find(NodeKind::VpcLocal, vpc))
                onward = {*local};
        const Vertex detourTable = tr.detourExit(*inspected);
        if (tr.graph.node(detourTable).kind == NodeKind::RouteTable && !onward.empty())
            tr.replyRoutes.push_back({detourTable, p.src, onward, tr.graph.node(*inspected).resource.str(), inspectionRule(tr, *inspected), {}});
    } else if (arrival != Arrival::Local) {
        const char* rule = arrival == Arrival::Peering    ? "PCX-1"
                           : arrival == Arrival::Transit  ? "TGW-2"
                           : arrival == Arrival::Internet ? "IGW-1"
                                                          : "HYB-1";
        if (const auto rt = tr.graph.routeTableOfSubnet(tr.target.subnet)) {
            tr.replyRoutes.push_back({*rt, p.src, replyExpect, tr.target.subnet.str(), rule, {}});
            ingressRoutingHint(tr, *rt, p, replyExpect);
        }
    }
    tr.arriveAtTarget(p);
}


void addRoutingDevices(DeviceRegistry& registry)
{
    static const RouteTableHop routeTableHop;
    registry.add(routeTableHop);
    static const VpcLocalHop vpcLocalHop;
    registry.add(vpcLocalHop);
    static const DropHop dropHop;
    registry.add(dropHop);
}

} // namespace pp::trace
