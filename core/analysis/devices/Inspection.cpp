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

void addInspectionDevices(DeviceRegistry& registry)
{
    static const GwlbEndpointHop gwlbEndpointHop;
    registry.add(gwlbEndpointHop);
    static const MiddleboxHop middleboxHop;
    registry.add(middleboxHop);
}

} // namespace pp::trace
