#include "analysis/trace/Device.h"

namespace pp::trace {

Step DeviceHandler::forward(Trace& trace, Walk& walk) const
{
    trace.block("BAD_STATE_ROUTE", trace.resourceOf(walk.v), "the packet is dropped", true);
    return Step::Stop;
}

std::optional<Target> DeviceHandler::resolve(Trace& trace, const Resource& destination, const Client&, const Packet&) const
{
    trace.block("NO_PATH", destination.id.str(), destination.id.str() + " cannot be the destination of a flow", true);
    return std::nullopt;
}

void DeviceHandler::arrive(Trace& trace, const Packet& p) const
{
    trace.deliverToTarget(p);
}

void DeviceRegistry::add(const DeviceHandler& handler)
{
    for (const NodeKind kind : handler.vertexKinds())
        m_byVertex[std::size_t(kind)] = &handler;
    for (const Kind kind : handler.resourceKinds())
        m_byResource[std::size_t(kind)] = &handler;
}

const DeviceRegistry& DeviceRegistry::standard()
{
    static const DeviceRegistry registry = [] {
        DeviceRegistry r;
        addRoutingDevices(r);
        addGatewayDevices(r);
        addEndpointDevices(r);
        addLoadBalancerDevices(r);
        addInspectionDevices(r);
        addFirewallDevices(r);
        addTransitDevices(r);
        addHybridDevices(r);
        addHostDevices(r);
        addLatticeDevices(r);
        return r;
    }();
    return registry;
}

} // namespace pp::trace
