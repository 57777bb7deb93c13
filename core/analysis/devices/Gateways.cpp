// Gateways (rules IGW-*, RT-5, HYB-1): internet gateways both ways, egress-only internet gateways,
// NAT gateways and virtual private gateways.

#include "analysis/trace/Device.h"

namespace pp::trace {
namespace {

class InternetGatewayHop final : public DeviceHandler {
public:
    InternetGatewayHop() : DeviceHandler({NodeKind::InternetGateway}) {}
    Step forward(Trace& tr, Walk& walk) const override
    {
        const InternetGateway* igw = tr.net.get<InternetGateway>(walk.node.resource);
        if (!igw || !igw->vpc || *igw->vpc != walk.currentVpc) {
            tr.block("BAD_STATE_ROUTE", walk.id, "internet gateway " + walk.id + " is not attached to " + walk.currentVpc.str() + " (RT-5)", true);
            return Step::Stop;
        }
        if (tr.classOf(walk.p.dst) == AddressClass::Private) {
            tr.block("IGW_DESTINATION_ADDRESS_NOT_IN_RFC1918_EGRESS", walk.id,
                     "internet gateway " + walk.id + " does not forward to the private address " + walk.p.dst.toString() + " (IGW-3)", true);
            return Step::Stop;
        }
        if (tr.privateNat) {
            tr.block("CANNOT_ROUTE", tr.privateNat->str(),
                     "private NAT gateway " + tr.privateNat->str() + " never reaches the internet (IGW-5)", true);
            return Step::Stop;
        }
        Packet after = walk.p;
        std::string translated;
        const Workload* sourceWorkload = tr.net.get<Workload>(tr.flow.source);
        if (!walk.p.src.isV4() && sourceWorkload && sourceWorkload->ipv6Address == walk.p.src && walk.arrival == Arrival::Local) {
            translated = "IPv6 source " + walk.p.src.toString() + " is a global address";
        } else if (tr.publicNat && !tr.publicNatEip) {
            tr.block("IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS", tr.publicNat->str(),
                     "NAT gateway " + tr.publicNat->str() + " has no Elastic IP, so internet gateway " + walk.id +
                         " cannot carry its traffic (IGW-4)",
                     true);
            return Step::Stop;
        } else if (tr.publicNat && tr.publicNatEip) {
            after.src = *tr.publicNatEip;
            translated = "source " + walk.p.src.toString() + " (" + tr.publicNat->str() + ") becomes its Elastic IP " + after.src.toString();
        } else if (const Workload* w = tr.net.get<Workload>(tr.flow.source);
                   w && w->publicIp && walk.arrival == Arrival::Local && walk.p.src == tr.net.interfaceAddress(tr.flow.source, w->subnet)) {
            after.src = tr.net.publicAddressOf(tr.flow.source);
            translated = "source " + walk.p.src.toString() + " becomes the public IP of " + tr.flow.source.str();
        } else {
            tr.block("IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS", tr.flow.source.str(),
                     "the source " + walk.p.src.toString() + " has no public IP, so internet gateway " + walk.id +
                         " cannot carry it (IGW-2); use a NAT gateway or a public IP",
                     true);
            return Step::Stop;
        }
        // The reply comes back through this gateway, past its gateway route table (RT-9).
        checkReplyThroughGateway(tr, walk.node.resource, igw->routeTable, walk.currentVpc, walk.p.src);
        tr.hop(walk.id, "translate", translated + "; to the internet", walk.p, after);
        tr.leavePrivateNetwork(walk.id, "internet gateway " + walk.id + " sends the packet to the internet on public addresses");
        walk.p = after;
        walk.v = tr.graph.internet();
        return Step::Next;
    }
};

class EgressOnlyGatewayHop final : public DeviceHandler {
public:
    EgressOnlyGatewayHop() : DeviceHandler({NodeKind::EgressOnlyGateway}) {}
    Step forward(Trace& tr, Walk& walk) const override
    {
        if (walk.p.dst.isV4()) {
            tr.block("CANNOT_ROUTE", walk.id, "egress-only internet gateway " + walk.id + " carries IPv6 only (IGW-7)", true);
            return Step::Stop;
        }
        tr.hop(walk.id, "forward", "IPv6, outbound only; to the internet", walk.p);
        tr.leavePrivateNetwork(walk.id, "egress-only internet gateway " + walk.id + " sends the packet to the internet");
        walk.v = tr.graph.internet();
        return Step::Next;
    }
};

class NatGatewayHop final : public DeviceHandler {
public:
    NatGatewayHop() : DeviceHandler({NodeKind::NatGateway}) {}
    Step forward(Trace& tr, Walk& walk) const override
    {
        const NatGateway* nat = tr.available<NatGateway>(walk, "NAT gateway", "available (RT-5)");
        if (!nat)
            return Step::Stop;
        if (walk.arrival == Arrival::Peering || walk.arrival == Arrival::Vpn || walk.arrival == Arrival::DirectConnect || walk.arrival == Arrival::OnPremises) {
            tr.block("NGW_REQUIRES_SOURCE_IN_VPC", walk.id,
                     "traffic that arrived over VPC peering, VPN or Direct Connect cannot use NAT gateway " + walk.id + " (IGW-5)", true);
            return Step::Stop;
        }
        // A zonal NAT gateway is in a subnet, whose ACL it crosses; a regional one belongs to the
        // VPC and is in no subnet (NAT-1).
        if (nat->subnet)
            tr.checkAcl(*nat->subnet, Direction::Inbound, walk.p, walk.p.src);
        Packet after = walk.p;
        after.src = tr.net.interfaceAddress(walk.node.resource, nat->subnet.value_or(ResourceId()));
        tr.hop(walk.id, "translate",
               "source " + walk.p.src.toString() + " becomes the " +
                   (nat->availabilityMode == NatAvailabilityMode::Regional ? "regional " : "") + "NAT gateway's address " +
                   after.src.toString(),
               walk.p, after);
        tr.inspectionsBeforeNat = tr.inspections.size();
        if (nat->connectivity == NatConnectivity::Private)
            tr.privateNat = walk.node.resource;
        else {
            tr.publicNat = walk.node.resource;
            tr.publicNatEip = nat->elasticIp;
            if (!nat->elasticIp && nat->availabilityMode == NatAvailabilityMode::Regional) {
                // AWS allocates a regional NAT gateway's Elastic IPs when none are given (NAT-1).
                tr.publicNatEip = tr.net.publicAddressOf(walk.node.resource);
                tr.note("ASSUMED_ADDRESSES", walk.id,
                        "regional NAT gateway " + walk.id + " has no elasticIp; AWS allocates its addresses, PrivatePath assumes " +
                            tr.publicNatEip->toString());
            }
        }
        if (nat->subnet)
            tr.checkAcl(*nat->subnet, Direction::Outbound, after, after.dst);
        // The reply comes back to the NAT gateway, which sends it on to the original source
        // with its own subnet's route table (TGW-2 for centralized egress). Behind an inspection
        // endpoint, that route must lead back to the endpoint the request came through, and the
        // endpoint's subnet on to the source (INS-1); a route that bypasses it is asymmetric.
        // (A regional NAT gateway has no subnet route table: its return path is not checked.)
        if (const auto natTable = nat->subnet ? tr.graph.routeTableOfSubnet(*nat->subnet) : std::nullopt) {
            std::vector<Vertex> back;
            const std::optional<Vertex> inspected = tr.inspectionIn(walk.currentVpc);
            const auto local = tr.graph.find(NodeKind::VpcLocal, walk.currentVpc);
            if (inspected) {
                back.push_back(*inspected);
                const ForwardingNode& detour = tr.graph.node(*inspected);
                const auto detourTable =
                    boost::out_degree(*inspected, tr.graph.graph()) ? std::optional<Vertex>(tr.detourExit(*inspected)) : std::nullopt;
                std::vector<Vertex> onward;
                if (walk.arrival == Arrival::Transit && walk.transitEgress) {
                    if (const auto in = tr.graph.find(NodeKind::TgwIngress, *walk.transitEgress))
                        onward.push_back(*in);
                } else if (local) {
                    onward.push_back(*local);
                }
                if (detourTable && tr.graph.node(*detourTable).kind == NodeKind::RouteTable)
                    tr.replyRoutes.push_back({*detourTable, walk.p.src, onward, detour.resource.str(), inspectionRule(tr, *inspected), {}});
            } else if (walk.arrival == Arrival::Transit && walk.transitEgress) {
                if (const auto in = tr.graph.find(NodeKind::TgwIngress, *walk.transitEgress))
                    back.push_back(*in);
            } else if (local) {
                back.push_back(*local);
            }
            tr.replyRoutes.push_back({*natTable, walk.p.src, back, nat->subnet->str(), inspected ? inspectionRule(tr, *inspected) : "TGW-2, IGW-5", {}});
        }
        // natSubnet also marks the packet as translated: a regional NAT gateway stands in with its VPC.
        tr.natSubnet = nat->subnet ? nat->subnet : nat->vpc;
        walk.p = after;
        const auto e = tr.graph.nextHop(walk.v, walk.p.dst);
        if (!e) {
            tr.block("NO_ROUTE_TO_DESTINATION", walk.id,
                     nat->availabilityMode == NatAvailabilityMode::Regional
                         ? "regional NAT gateway " + walk.id + " needs an internet gateway on " + nat->vpc.value_or(ResourceId()).str() +
                               " for public connectivity (NAT-1)"
                         : "NAT gateway " + walk.id + " has no route table",
                     true);
            return Step::Stop;
        }
        walk.v = tr.graph.target(*e);
        return Step::Next;
    }
};

class VirtualPrivateGatewayHop final : public DeviceHandler {
public:
    VirtualPrivateGatewayHop() : DeviceHandler({NodeKind::VirtualPrivateGateway}) {}
    Step forward(Trace& tr, Walk& walk) const override
    {
        const VirtualPrivateGateway* g = tr.net.get<VirtualPrivateGateway>(walk.node.resource);
        if (!g || !g->vpc || *g->vpc != walk.currentVpc) {
            tr.block("BAD_STATE_ROUTE", walk.id, "virtual private gateway " + walk.id + " is not attached to " + walk.currentVpc.str(), true);
            return Step::Stop;
        }
        if (walk.arrival != Arrival::Local) {
            tr.block("CANNOT_ROUTE", walk.id, "traffic that entered " + walk.currentVpc.str() + " from outside cannot leave through " + walk.id +
                                             ": no edge-to-edge routing (PCX-4)", true);
            return Step::Stop;
        }
        const auto e = tr.graph.nextHop(walk.v, walk.p.dst);
        if (!e) {
            tr.block("NO_ROUTE_TO_DESTINATION", walk.id, "virtual private gateway " + walk.id + " has no VPN or Direct Connect route to " + walk.p.dst.toString() + " (HYB-1)", true);
            return Step::Stop;
        }
        checkReplyThroughGateway(tr, walk.node.resource, g->routeTable, walk.currentVpc, walk.p.src);
        tr.hop(walk.id, "route", "route " + tr.graph.edge(*e).text, walk.p);
        walk.v = tr.graph.target(*e);
        return Step::Next;
    }
};

// The packet comes in from the internet: to a host there, a public service endpoint, or through
// the internet gateway of the target's VPC.
void arriveFromInternet(Trace& tr, const Packet& p)
{
    switch (tr.target.kind) {
    case Target::Kind::InternetHost:
        tr.hop(tr.target.resource.str(), "deliver", "reached " + p.dst.toString() + " on the internet", p);
        tr.delivered = true;
        return;
    case Target::Kind::ServicePublic: {
        tr.hop(tr.target.resource.str(), "deliver", "reached the public endpoint of " + tr.target.resource.str(), p);
        tr.delivered = true;
        const AwsService* s = tr.net.get<AwsService>(tr.target.resource);
        if (s && !tr.sourceVpc.empty() && tr.net.regionCodeOf(s->region) == tr.net.regionCodeOfVpc(tr.sourceVpc))
            tr.note("STAYS_ON_AWS_NETWORK", tr.target.resource.str(),
                    "traffic to " + s->service + " in the same Region uses public addresses but stays on the AWS network (IGW-6)");
        return;
    }
    case Target::Kind::PublicInterface: {
        const auto igw = tr.net.internetGatewayOf(tr.target.vpc);
        if (!igw) {
            tr.block("NO_ROUTE_TO_DESTINATION", tr.target.vpc.str(), tr.target.vpc.str() + " has no internet gateway, so " +
                                                                       tr.target.resource.str() + " is not reachable from the internet (IGW-1)", true);
            return;
        }
        Packet inside = p;
        inside.dst = tr.target.kind == Target::Kind::PublicInterface && tr.net.get<LoadBalancer>(tr.target.resource)
                         ? tr.net.interfaceAddress(tr.target.resource, tr.target.subnet)
                         : tr.net.interfaceAddress(tr.target.resource, tr.target.subnet);
        if (!p.dst.isV4())
            inside.dst = p.dst; // IPv6: no translation
        tr.hop(igw->str(), p.dst.isV4() ? "translate" : "forward",
               p.dst.isV4() ? "from the internet; destination " + p.dst.toString() + " becomes the private address " + inside.dst.toString()
                            : "from the internet to the global IPv6 address " + p.dst.toString(),
               p, inside);
        tr.leavePrivateNetwork(igw->str(), "the connection comes in from the internet through internet gateway " + igw->str());
        std::vector<Vertex> expect;
        if (const auto gv = tr.graph.find(NodeKind::InternetGateway, *igw))
            expect.push_back(*gv);
        // Ingress routing: a gateway route table decides where the packet goes in the VPC, e.g.
        // through a firewall first (RT-9).
        if (const InternetGateway* g = tr.net.get<InternetGateway>(*igw); g && g->routeTable) {
            tr.dep(g->routeTable->str());
            if (const auto table = tr.graph.find(NodeKind::RouteTable, *g->routeTable)) {
                tr.walk(*table, inside, Arrival::Internet, tr.target.vpc, expect);
                return;
            }
        }
        deliverInVpc(tr, tr.target.vpc, inside, Arrival::Internet, expect);
        return;
    }
    default:
        tr.block("NO_ROUTE_TO_DESTINATION", tr.target.resource.str(),
                 "the internet does not route to the private address " + p.dst.toString(), true);
    }
}

class InternetHop final : public DeviceHandler {
public:
    InternetHop() : DeviceHandler({NodeKind::Internet}) {}
    Step forward(Trace& tr, Walk& walk) const override
    {
        arriveFromInternet(tr, walk.p);
        return Step::Stop;
    }
};

} // namespace

void addGatewayDevices(DeviceRegistry& registry)
{
    static const InternetGatewayHop internetGatewayHop;
    registry.add(internetGatewayHop);
    static const EgressOnlyGatewayHop egressOnlyGatewayHop;
    registry.add(egressOnlyGatewayHop);
    static const NatGatewayHop natGatewayHop;
    registry.add(natGatewayHop);
    static const VirtualPrivateGatewayHop virtualPrivateGatewayHop;
    registry.add(virtualPrivateGatewayHop);
    static const InternetHop internetHop;
    registry.add(internetHop);
}

} // namespace pp::trace
