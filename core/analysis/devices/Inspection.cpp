// Inspection (rules SVC-8, INS-1 and middlebox routing): Gateway Load Balancer endpoints, and
// workloads whose network interface is a route target (appliances). Each detour is recorded on
// the trace, so that the reply can be required to come back through it (INS-1).

#include "analysis/trace/Device.h"

namespace pp::trace {
namespace {

class GwlbEndpointHop final : public DeviceHandler {
public:
    GwlbEndpointHop() : DeviceHandler({NodeKind::GwlbEndpoint}) {}
    Step forward(Trace& tr, Walk& walk) const override
    {
        const VpcEndpoint* e = tr.available<VpcEndpoint>(walk, "Gateway Load Balancer endpoint", "available");
        if (!e)
            return Step::Stop;
        if (boost::out_degree(walk.v, tr.graph.graph()) == 0) {
            tr.block("CANNOT_ROUTE", walk.id, "Gateway Load Balancer endpoint " + walk.id + " has no subnet", true);
            return Step::Stop;
        }
        tr.hop(walk.id, "forward", "inspected by the appliances behind " + e->service.str() + " (GENEVE, UDP 6081), then routed on (SVC-8)", walk.p);
        tr.inspections.emplace_back(walk.v, walk.currentVpc);
        walk.v = tr.soleSuccessor(walk.v);
        return Step::Next;
    }
};

class MiddleboxHop final : public DeviceHandler {
public:
    MiddleboxHop() : DeviceHandler({NodeKind::Middlebox}) {}
    Step forward(Trace& tr, Walk& walk) const override
    {
        tr.hop(walk.id, "forward", "forwarded by the network interface of " + walk.id, walk.p);
        tr.inspections.emplace_back(walk.v, walk.currentVpc);
        walk.v = tr.soleSuccessor(walk.v);
        return Step::Next;
    }
};

} // namespace

// GWLB endpoints front stateful appliances (INS-1): a reply around them drops the flow. A
// middlebox interface may be stateless (a router) or stateful (a firewall): PrivatePath cannot
// tell, so a reply around it is a note, not a drop (Trace::checkReturnPath reads the rule).
const char* inspectionRule(const Trace& tr, Vertex detour)
{
    return tr.graph.node(detour).kind == NodeKind::Middlebox ? kMiddleboxReturnRule : "INS-1";
}

// The reply to `replyTo` enters `vpc` through `gateway`. When the request was inspected in that
// VPC (after any NAT), the gateway's route table must send the reply back through the same
// detour (INS-1); without a gateway route table the local route takes it straight to its
// subnet, around the detour (RT-9).
void checkReplyThroughGateway(Trace& tr, const ResourceId& gateway, const std::optional<ResourceId>& table, const ResourceId& vpc,
                              const IpAddress& replyTo)
{
    const std::optional<Vertex> inspected = tr.inspectionIn(vpc, true);
    if (!inspected)
        return;
    const char* rule = inspectionRule(tr, *inspected);
    const std::string detour = tr.graph.node(*inspected).resource.str();
    const std::optional<Vertex> tableVertex = table ? tr.graph.find(NodeKind::RouteTable, *table) : std::nullopt;
    if (table)
        tr.dep(table->str());
    if (tableVertex) {
        tr.replyRoutes.push_back({*tableVertex, replyTo, {*inspected}, table->str(), rule, {}});
        // From the detour's subnet the reply goes on into the VPC by its local route.
        const Vertex detourTable = tr.detourExit(*inspected);
        const auto local = tr.graph.find(NodeKind::VpcLocal, vpc);
        if (local && tr.graph.node(detourTable).kind == NodeKind::RouteTable)
            tr.replyRoutes.push_back({detourTable, replyTo, {*local}, detour, rule, {}});
        return;
    }
    ReplyRoute around;
    around.from = *inspected;
    around.replyDestination = replyTo;
    around.where = gateway.str();
    around.rule = rule;
    around.bypass = "the reply to " + replyTo.toString() + " enters " + vpc.str() + " through " + gateway.str() +
                    ", which has no gateway route table, so the local route takes it straight to its subnet, around " + detour +
                    "; associate a route table with " + gateway.str() + " that sends the subnet's CIDR to " + detour + " (RT-9)";
    tr.replyRoutes.push_back(std::move(around));
}

void addInspectionDevices(DeviceRegistry& registry)
{
    static const GwlbEndpointHop gwlbEndpointHop;
    registry.add(gwlbEndpointHop);
    static const MiddleboxHop middleboxHop;
    registry.add(middleboxHop);
}

} // namespace pp::trace
