// Load balancers (rules SVC-3 to SVC-5): as destinations, listeners, and forwarding to their targets.

#include "analysis/trace/Device.h"

#include <algorithm>

namespace pp::trace {
namespace {

// Who owns an IP target: a workload, an on-premises host, or an address of an on-premises
// network (SVC-5).
Target ipTarget(Trace& tr, const IpAddress& address)
{
    Target t;
    t.address = address;
    t.kind = Target::Kind::OnPremAddress;
    for (const Resource& r : tr.net.design().resources()) {
        if (const Workload* w = r.as<Workload>(); w && w->privateIp == address) {
            t.kind = Target::Kind::Interface;
            t.resource = r.id;
            t.subnet = w->subnet;
            t.vpc = tr.net.vpcOf(r.id).value_or(ResourceId());
            return t;
        }
        if (const OnPremisesHost* h = r.as<OnPremisesHost>(); h && h->address == address) {
            t.kind = Target::Kind::OnPremHost;
            t.resource = r.id;
            t.network = h->network;
            return t;
        }
        if (const OnPremisesNetwork* n = r.as<OnPremisesNetwork>())
            if (std::any_of(n->cidrs.begin(), n->cidrs.end(), [&](const Cidr& c) { return c.contains(address); }))
                t.network = r.id;
    }
    t.resource = t.network;
    return t;
}

// A load balancer as the destination: from outside its VPC the public address of an internet-facing one.
class LoadBalancerDevice final : public DeviceHandler {
public:
    LoadBalancerDevice() : DeviceHandler({}, {Kind::LoadBalancer}) {}
    std::optional<Target> resolve(Trace& tr, const Resource& r, const Client& client, const Packet&) const override
    {
        const LoadBalancer* lb = r.as<LoadBalancer>();
        Target t;
        t.resource = r.id;
        const auto vpc = tr.net.vpcOf(r.id);
        t.vpc = vpc.value_or(ResourceId());
        const bool outside = !client.vpc || !vpc || *client.vpc != *vpc;
        if (!lb->internal && outside) {
            t.kind = Target::Kind::PublicInterface;
            t.subnet = lb->subnets.empty() ? ResourceId() : lb->subnets.front();
            t.address = tr.net.publicAddressOf(r.id);
            return t;
        }
        if (lb->subnets.empty()) {
            tr.block("NO_PATH", r.id.str(), "load balancer " + r.id.str() + " has no subnet", true);
            return std::nullopt;
        }
        t.kind = Target::Kind::LoadBalancerEni;
        t.subnet = lb->subnets.front();
        for (const ResourceId& s : lb->subnets)
            if (tr.net.availabilityZoneOf(s) == client.az)
                t.subnet = s;
        t.address = tr.net.interfaceAddress(r.id, t.subnet);
        return t;
    }
    void arrive(Trace& tr, const Packet& p) const override
    {
        const LoadBalancer* lb = tr.net.get<LoadBalancer>(tr.target.resource);
        tr.hop(tr.target.resource.str(), "deliver", "reached load balancer " + tr.target.resource.str(), p);
        forwardThroughLoadBalancer(tr, tr.target.resource, *lb, tr.target.subnet, p);
    }
};

} // namespace

void forwardThroughLoadBalancer(Trace& tr, const ResourceId& lbId, const LoadBalancer& lb, const ResourceId& lbSubnet, const Packet& p)
{
    tr.dep(lbId.str());
    if (!lb.listeners.empty() &&
        std::none_of(lb.listeners.begin(), lb.listeners.end(), [&](const Listener& l) {
            return l.port == p.query.port && (l.protocol == Protocol::All || l.protocol == p.query.protocol);
        })) {
        tr.block("LB_LISTENER_MISMATCH", lbId.str(),
                 "load balancer " + lbId.str() + " has no listener for " + describeQuery(p.query), true);
        return;
    }
    if (lb.targets.empty()) {
        tr.block("NO_PATH", lbId.str(), "load balancer " + lbId.str() + " has no targets", true);
        return;
    }
    const IpAddress lbAddress = tr.net.interfaceAddress(lbId, lbSubnet);
    const auto lbVpc = tr.net.vpcOf(lbId).value_or(ResourceId());
    // Try the targets in order; report the first that is reached, else the first one's problems.
    struct Attempt {
        FlowResult result;
        std::vector<ReplyRoute> replies;
        std::vector<AclCrossing> crossings;
        bool delivered, stopped, left;
    };
    const Attempt before{tr.result, tr.replyRoutes, tr.crossings, tr.delivered, tr.stopped, tr.leftPrivate};
    std::optional<Attempt> firstFailure;
    const Target outer = tr.target;
    for (const LoadBalancerTarget& t : lb.targets) {
        tr.result = before.result;
        tr.replyRoutes = before.replies;
        tr.crossings = before.crossings;
        tr.delivered = before.delivered;
        tr.stopped = before.stopped;
        tr.leftPrivate = before.left;
        Packet inner = p;
        inner.src = lbAddress;
        inner.query.port = t.port;
        Target target;
        if (t.instance) {
            const Workload* w = tr.net.get<Workload>(*t.instance);
            target.kind = Target::Kind::Interface;
            target.resource = *t.instance;
            target.subnet = w ? w->subnet : ResourceId();
            target.vpc = tr.net.vpcOf(*t.instance).value_or(ResourceId());
            target.address = tr.net.interfaceAddress(*t.instance, target.subnet);
        } else {
            target = ipTarget(tr, *t.ip);
        }
        inner.dst = target.address;
        tr.target = target;
        tr.hop(lbId.str(), "translate",
               "forwards to target " + (t.instance ? t.instance->str() : t.ip->toString()) + ":" + std::to_string(t.port) +
                   "; the source becomes the load balancer's address " + lbAddress.toString() + " (SVC-3)",
               p, inner);
        const ResourceId savedSubnet = tr.sourceSubnet;
        tr.sourceSubnet = lbSubnet;
        const auto savedNat = tr.natSubnet;
        tr.natSubnet.reset();
        if (target.kind == Target::Kind::Interface && target.vpc == lbVpc) {
            if (target.subnet != lbSubnet)
                tr.checkAcl(lbSubnet, Direction::Outbound, inner, inner.dst);
            const Target saved = tr.target;
            tr.checkSecurityGroups(target.resource, Direction::Inbound, inner, inner.src, std::optional<ResourceId>(lbId));
            if (target.subnet != lbSubnet)
                tr.checkAcl(target.subnet, Direction::Inbound, inner, inner.src);
            tr.hop(target.resource.str(), "deliver", "delivered to target " + target.resource.str() + " (" + inner.dst.toString() + ")", inner);
            tr.delivered = true;
            tr.target = saved;
        } else if (const auto rt = tr.graph.routeTableOfSubnet(lbSubnet)) {
            tr.checkAcl(lbSubnet, Direction::Outbound, inner, inner.dst);
            tr.walk(*rt, inner, Arrival::Local, lbVpc);
        }
        tr.sourceSubnet = savedSubnet;
        tr.natSubnet = savedNat;
        if (tr.delivered && tr.result.blocking.size() == before.result.blocking.size()) {
            tr.target = outer;
            return;
        }
        if (!firstFailure)
            firstFailure = Attempt{tr.result, tr.replyRoutes, tr.crossings, tr.delivered, tr.stopped, tr.leftPrivate};
    }
    tr.result = firstFailure->result;
    tr.replyRoutes = firstFailure->replies;
    tr.crossings = firstFailure->crossings;
    tr.delivered = firstFailure->delivered;
    tr.stopped = firstFailure->stopped;
    tr.leftPrivate = firstFailure->left;
    tr.target = outer;
}


void addLoadBalancerDevices(DeviceRegistry& registry)
{
    static const LoadBalancerDevice loadBalancerDevice;
    registry.add(loadBalancerDevice);
}

} // namespace pp::trace
