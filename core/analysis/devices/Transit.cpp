// VPC peering and transit gateways (rules PCX-*, TGW-*): a packet moving between VPCs.

#include "analysis/trace/Device.h"

namespace pp::trace {
namespace {

class PeeringHop final : public DeviceHandler {
public:
    PeeringHop() : DeviceHandler({NodeKind::Peering}) {}
    Step forward(Trace& tr, Walk& walk) const override
    {
        const VpcPeering* pcx = tr.net.get<VpcPeering>(walk.node.resource);
        if (!pcx || pcx->state != PeeringState::Active) {
            tr.block("BAD_STATE_ROUTE", walk.id, "VPC peering " + walk.id + " is not active (PCX-1)", true);
            return Step::Stop;
        }
        const ResourceId other = pcx->requesterVpc == walk.currentVpc ? pcx->accepterVpc : pcx->requesterVpc;
        if (!tr.net.vpcContains(other, walk.p.dst)) {
            tr.block("PCX_REQUIRES_ADDRESS_IN_VPC_CIDR", walk.id,
                     "peering " + walk.id + " carries only traffic to " + other.str() + "'s CIDRs; " + walk.p.dst.toString() +
                         " is not in them: peering is not transitive (PCX-3)",
                     true);
            return Step::Stop;
        }
        if (!tr.net.vpcContains(walk.currentVpc, walk.p.src)) {
            tr.block("PCX_REQUIRES_ADDRESS_IN_VPC_CIDR", walk.id,
                     "peering " + walk.id + " carries only traffic from " + walk.currentVpc.str() + "'s CIDRs; the source " +
                         walk.p.src.toString() + " is not in them (PCX-3, PCX-4)",
                     true);
            return Step::Stop;
        }
        tr.hop(walk.id, "forward", "across the peering into " + other.str(), walk.p);
        walk.replyExpect = {walk.v};
        walk.arrival = Arrival::Peering;
        walk.currentVpc = other;
        walk.v = *tr.graph.find(NodeKind::VpcLocal, other);
        return Step::Next;
    }
};

// Into a transit gateway through an attachment.
class TgwIngressHop final : public DeviceHandler {
public:
    TgwIngressHop() : DeviceHandler({NodeKind::TgwIngress}) {}
    Step forward(Trace& tr, Walk& walk) const override
    {
        const TransitGatewayAttachment* a = tr.available<TransitGatewayAttachment>(walk, "transit gateway attachment", "available");
        if (!a)
            return Step::Stop;
        tr.dep(a->transitGateway.str());
        checkApplianceMode(tr, walk, walk.node.resource); // INS-2
        if (boost::out_degree(walk.v, tr.graph.graph()) == 0) {
            tr.hop(walk.id, "forward", "into transit gateway " + a->transitGateway.str(), walk.p);
            tr.block("TGW_ATTACH_MISSING_TGW_RTB_ASSOCIATION", walk.id,
                     "attachment " + walk.id + " is associated with no transit gateway route table (TGW-1)", true);
            return Step::Stop;
        }
        tr.hop(walk.id, "forward", "into transit gateway " + a->transitGateway.str(), walk.p);
        walk.transitIngress = walk.node.resource;
        walk.v = tr.soleSuccessor(walk.v);
        // The transit gateway itself is a device on the path, as in Reachability Analyzer's path
        // components (PATH-1): it looks the packet up in the attachment's route table.
        tr.hop(a->transitGateway.str(), "forward",
               "transit gateway " + a->transitGateway.str() + " routes by " + tr.resourceOf(walk.v) + ", the route table of " +
                   walk.id,
               walk.p);
        return Step::Next;
    }
};

class TgwRouteTableHop final : public DeviceHandler {
public:
    TgwRouteTableHop() : DeviceHandler({NodeKind::TgwRouteTable}) {}
    Step forward(Trace& tr, Walk& walk) const override
    {
        const auto e = tr.graph.nextHop(walk.v, walk.p.dst);
        if (!e) {
            tr.block("TGW_RTB_CANNOT_ROUTE", walk.id, "transit gateway route table " + walk.id + " has no route to " + walk.p.dst.toString() + " (TGW-1)", true);
            return Step::Stop;
        }
        // RT-10: say which route was chosen and, when it won a tie of equal prefixes, why.
        std::string detail = "route " + tr.graph.edge(*e).text;
        if (const auto other = tr.graph.runnerUp(walk.v, walk.p.dst, *e)) {
            const std::string why = ForwardingGraph::tieReason(tr.graph.edge(*e), tr.graph.edge(*other));
            detail += why.empty() ? ", listed before the equal route " + tr.graph.edge(*other).text
                                  : " over " + tr.graph.edge(*other).text + ": " + why + " (RT-10)";
        }
        tr.hop(walk.id, "route", std::move(detail), walk.p);
        const Vertex next = tr.graph.target(*e);
        if (next == tr.graph.blackhole()) {
            tr.block("BAD_STATE_ROUTE", walk.id, "route " + tr.graph.edge(*e).text + " in " + walk.id + " drops the packet (TGW-1)", true);
            return Step::Stop;
        }
        // TGW-2: the reply enters through the egress attachment and must be routed back by
        // that attachment's route table to the ingress attachment.
        const ResourceId egress = tr.graph.node(next).resource;
        if (walk.transitIngress) {
            const auto egressTable = tr.graph.find(NodeKind::TgwIngress, egress);
            const auto back = tr.graph.find(NodeKind::TgwEgress, *walk.transitIngress);
            if (egressTable && back && boost::out_degree(*egressTable, tr.graph.graph()) > 0)
                tr.replyRoutes.push_back({tr.graph.target(*boost::out_edges(*egressTable, tr.graph.graph()).first), walk.p.src, {*back}, egress.str(), "TGW-2", {}});
            else if (back)
                tr.replyRoutes.push_back({*back, walk.p.src, {}, egress.str(), "TGW-1", {}}); // unassociated: cannot route back
            walk.replyExpect = {};
            if (egressTable)
                walk.replyExpect.push_back(*egressTable);
        }
        walk.v = next;
        return Step::Next;
    }
};

// Out of a transit gateway through an attachment.
class TgwEgressHop final : public DeviceHandler {
public:
    TgwEgressHop() : DeviceHandler({NodeKind::TgwEgress}) {}
    Step forward(Trace& tr, Walk& walk) const override
    {
        const TransitGatewayAttachment* a = tr.available<TransitGatewayAttachment>(walk, "transit gateway attachment", "available");
        if (!a)
            return Step::Stop;
        if (boost::out_degree(walk.v, tr.graph.graph()) == 0) {
            tr.block("CANNOT_ROUTE", walk.id, "attachment " + walk.id + " leads nowhere", true);
            return Step::Stop;
        }
        tr.hop(walk.id, "forward", "out of transit gateway " + a->transitGateway.str() + " into " + a->resource.str(), walk.p);
        walk.arrival = Arrival::Transit;
        walk.transitEgress = walk.node.resource;
        if (walk.transitIngress)
            tr.transitAttachments = {{*walk.transitIngress, walk.node.resource}};
        if (a->attachmentType == TgwAttachmentType::Vpc)
            walk.currentVpc = a->resource;
        walk.v = tr.soleSuccessor(walk.v);
        return Step::Next;
    }
};

} // namespace

void addTransitDevices(DeviceRegistry& registry)
{
    static const PeeringHop peeringHop;
    registry.add(peeringHop);
    static const TgwIngressHop tgwIngressHop;
    registry.add(tgwIngressHop);
    static const TgwRouteTableHop tgwRouteTableHop;
    registry.add(tgwRouteTableHop);
    static const TgwEgressHop tgwEgressHop;
    registry.add(tgwEgressHop);
}

} // namespace pp::trace
