// Inspection (rule SVC-8 and middlebox routing): Gateway Load Balancer endpoints, and workloads
// whose network interface is a route target (appliances).

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
        walk.v = tr.soleSuccessor(walk.v);
        return Step::Next;
    }
};

} // namespace

void addInspectionDevices(DeviceRegistry& registry)
{
    static const GwlbEndpointHop gwlbEndpointHop;
    registry.add(gwlbEndpointHop);
    static const MiddleboxHop middleboxHop;
    registry.add(middleboxHop);
}

} // namespace pp::trace
