// Routing (rules RT-*): route tables, delivery inside a VPC, and the places where a packet is dropped.

#include "analysis/trace/Device.h"

#include <algorithm>

namespace pp::trace {
namespace {

// Why a route table has no route: a hint when an endpoint would have given one.
void noRouteHints(Trace& tr, const std::string& table, const Packet&)
{
    if (tr.target.kind == Target::Kind::ServicePublic)
        serviceHints(tr, table);
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
            noRouteHints(tr, table, walk.p);
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
    // source's own address: in the same VPC or across a peering (SG-2).
    const Workload* sourceWorkload = tr.net.get<Workload>(tr.flow.source);
    const bool ownAddress = sourceWorkload && !tr.natSubnet &&
                            (p.src == tr.net.interfaceAddress(tr.flow.source, sourceWorkload->subnet) || p.src == sourceWorkload->ipv6Address);
    const std::optional<ResourceId> peer =
        (arrival == Arrival::Local || arrival == Arrival::Peering) && ownAddress ? std::optional<ResourceId>(tr.flow.source) : std::nullopt;
    tr.checkSecurityGroups(tr.target.resource, Direction::Inbound, p, p.src, peer);
    if (arrival != Arrival::Local) {
        const char* rule = arrival == Arrival::Peering    ? "PCX-1"
                           : arrival == Arrival::Transit  ? "TGW-2"
                           : arrival == Arrival::Internet ? "IGW-1"
                                                          : "HYB-1";
        if (const auto rt = tr.graph.routeTableOfSubnet(tr.target.subnet))
            tr.replyRoutes.push_back({*rt, p.src, replyExpect, tr.target.subnet.str(), rule});
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
