// Workloads and hosts, the ends of flows: how a client finds them (DNS) and delivery to them.

#include "analysis/trace/Device.h"

namespace pp::trace {
namespace {

// A workload: its private address, or from the internet its public IP or IPv6 address (IGW-1).
class WorkloadDestination final : public DeviceHandler {
public:
    WorkloadDestination() : DeviceHandler({}, {Kind::Workload}) {}
    std::optional<Target> resolve(Trace& tr, const Resource& r, const Client& client, const Packet& p) const override
    {
        const Workload* w = r.as<Workload>();
        Target t;
        t.resource = r.id;
        const auto vpc = tr.net.vpcOf(tr.flow.destination);
        if (client.internet) {
            // IPv6 addresses are global: an IPv6 client reaches the workload's IPv6 address.
            const bool v6 = !p.src.isV4();
            if (v6 ? !w->ipv6Address : !w->publicIp) {
                tr.block("NO_PATH", r.id.str(),
                         r.id.str() + (v6 ? " has no IPv6 address" : " has no public IP") +
                             ", so it cannot be reached from the internet (IGW-1)",
                         true);
                return std::nullopt;
            }
            t.kind = Target::Kind::PublicInterface;
            t.address = v6 ? *w->ipv6Address : tr.net.publicAddressOf(r.id);
        } else {
            t.kind = Target::Kind::Interface;
            t.address = tr.net.interfaceAddress(r.id, w->subnet);
        }
        t.subnet = w->subnet;
        t.vpc = vpc.value_or(ResourceId());
        return t;
    }
};

class OnPremisesHostDestination final : public DeviceHandler {
public:
    OnPremisesHostDestination() : DeviceHandler({}, {Kind::OnPremisesHost}) {}
    std::optional<Target> resolve(Trace&, const Resource& r, const Client&, const Packet&) const override
    {
        const OnPremisesHost* h = r.as<OnPremisesHost>();
        Target t;
        t.resource = r.id;
        t.kind = Target::Kind::OnPremHost;
        t.network = h->network;
        t.address = h->address;
        return t;
    }
};

class InternetHostDestination final : public DeviceHandler {
public:
    InternetHostDestination() : DeviceHandler({}, {Kind::InternetHost}) {}
    std::optional<Target> resolve(Trace& tr, const Resource& r, const Client& client, const Packet& p) const override
    {
        const InternetHost* h = r.as<InternetHost>();
        Target t;
        t.resource = r.id;
        t.kind = Target::Kind::InternetHost;
        // DST-1: the flow may name the exact address (a host behind many addresses).
        t.address = tr.flow.destinationAddress ? *tr.flow.destinationAddress : h->address;
        if (!h->dnsName.empty() || !tr.flow.dnsName.empty()) {
            Packet after = p;
            after.dst = t.address;
            tr.hop(client.vpc ? client.vpc->str() : tr.flow.source.str(), "dns",
                   (tr.flow.dnsName.empty() ? h->dnsName : tr.flow.dnsName) + " resolves to " + t.address.toString() +
                       (tr.flow.destinationAddress ? " (the flow's destinationAddress)" : ""),
                   p, after);
        }
        return t;
    }
};

} // namespace

void addHostDevices(DeviceRegistry& registry)
{
    static const WorkloadDestination workloadDestination;
    registry.add(workloadDestination);
    static const OnPremisesHostDestination onPremisesHostDestination;
    registry.add(onPremisesHostDestination);
    static const InternetHostDestination internetHostDestination;
    registry.add(internetHostDestination);
}

} // namespace pp::trace
