// Load balancers (rules SVC-3 to SVC-5, NLB-1): as destinations, listeners, the Availability Zone
// a client enters one in, and forwarding to the targets that AZ may use.

#include "analysis/trace/Device.h"

#include <algorithm>
#include <set>

namespace pp::trace {
namespace {

std::string joinAzs(const std::vector<std::string>& azs)
{
    std::string out;
    for (std::size_t i = 0; i < azs.size(); ++i)
        out += (i == 0 ? "" : i + 1 == azs.size() ? " and " : ", ") + azs[i];
    return out;
}

// The AZ ids the load balancer is enabled in (its subnets' AZs), in the order of its subnets.
std::vector<std::string> enabledAzs(const Trace& tr, const LoadBalancer& lb)
{
    std::vector<std::string> out;
    for (const ResourceId& s : lb.subnets)
        if (const std::string az = tr.net.availabilityZoneOf(s); !az.empty() && std::find(out.begin(), out.end(), az) == out.end())
            out.push_back(az);
    return out;
}

// The AZ a target is registered in (rule NLB-1): an instance's subnet's AZ; for an IP target, the
// AZ of the subnet of the load balancer's VPC that holds the address. An IP outside that VPC (a
// peered VPC, on premises) is registered with the Availability Zone "all", served from every
// enabled AZ: "".
std::string targetAz(Trace& tr, const ResourceId& lbVpc, const LoadBalancerTarget& t)
{
    if (t.instance) {
        const Workload* w = tr.net.get<Workload>(*t.instance);
        if (!w)
            return {};
        tr.dep(w->subnet.str());
        return tr.net.availabilityZoneOf(w->subnet);
    }
    std::string az;
    tr.net.design().forEach<Subnet>([&](const Resource& r, const Subnet& s) {
        if (az.empty() && s.vpc == lbVpc && t.ip && (s.cidr.contains(*t.ip) || (s.ipv6Cidr && s.ipv6Cidr->contains(*t.ip)))) {
            tr.dep(r.id.str());
            az = s.availabilityZone;
        }
    });
    return az;
}

std::string targetName(const LoadBalancerTarget& t) { return t.instance ? t.instance->str() : t.ip ? t.ip->toString() : std::string(); }

// Whether the load balancer's node in `entryAz` sends to a target registered in `az` (rule
// NLB-1): only targets in enabled AZs receive traffic, and without cross-zone load balancing
// only those of the node's own AZ.
bool servedFrom(const LoadBalancer& lb, const std::vector<std::string>& enabled, const std::string& entryAz, const std::string& az)
{
    if (az.empty())
        return true; // an IP target outside the VPC ("all")
    if (std::find(enabled.begin(), enabled.end(), az) == enabled.end())
        return false;
    return lb.crossZone || az == entryAz;
}

// The subnet where a client that resolves the load balancer's DNS name enters it (rule NLB-1).
// The name answers with the node address of every enabled AZ that can send to a target: without
// cross-zone load balancing an AZ with no target is taken out of DNS (when no AZ has one, DNS
// fails open and answers them all). PrivatePath assumes the client uses the answer in its own
// AZ, else the first one, and says so when the choice decides which targets are candidates.
ResourceId dnsEntrySubnet(Trace& tr, const ResourceId& lbId, const LoadBalancer& lb, const Client& client)
{
    const std::vector<std::string> enabled = enabledAzs(tr, lb);
    const auto lbVpc = tr.net.vpcOf(lbId).value_or(ResourceId());
    std::vector<std::string> targetAzs;
    for (const LoadBalancerTarget& t : lb.targets)
        targetAzs.push_back(targetAz(tr, lbVpc, t));
    std::vector<std::string> answered;
    for (const std::string& az : enabled)
        if (std::any_of(targetAzs.begin(), targetAzs.end(), [&](const std::string& t) { return servedFrom(lb, enabled, az, t); }))
            answered.push_back(az);
    const bool failOpen = answered.empty();
    if (failOpen)
        answered = enabled;
    const auto subnetIn = [&](const std::string& az) {
        for (const ResourceId& s : lb.subnets)
            if (tr.net.availabilityZoneOf(s) == az)
                return s;
        return lb.subnets.front();
    };
    const bool own = std::find(answered.begin(), answered.end(), client.az) != answered.end();
    const std::string chosen = own ? client.az : answered.empty() ? std::string() : answered.front();
    if (!lb.crossZone && enabled.size() > 1 && !chosen.empty()) {
        const bool ownLeftOut = !own && std::find(enabled.begin(), enabled.end(), client.az) != enabled.end();
        tr.note("LOAD_BALANCER_AZ_ASSUMED", lbId.str(),
                "the DNS name of " + lbId.str() + " answers with its addresses in " + joinAzs(answered) +
                    (failOpen ? " (no AZ has a target, so DNS answers them all)"
                              : " (cross-zone load balancing is off, so only AZs with a target are answered)") +
                    (ownLeftOut ? "; " + client.az + ", the client's AZ, has no target and is not answered" : std::string()) +
                    "; PrivatePath assumes the client uses the one in " + chosen + (own ? ", its own AZ" : std::string()) +
                    " (NLB-1)");
    }
    return chosen.empty() ? lb.subnets.front() : subnetIn(chosen);
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
            t.subnet = lb->subnets.empty() ? ResourceId() : dnsEntrySubnet(tr, r.id, *lb, client);
            t.address = tr.net.publicAddressOf(r.id);
            return t;
        }
        if (lb->subnets.empty()) {
            tr.block("NO_PATH", r.id.str(), "load balancer " + r.id.str() + " has no subnet", true);
            return std::nullopt;
        }
        t.kind = Target::Kind::LoadBalancerEni;
        t.subnet = dnsEntrySubnet(tr, r.id, *lb, client);
        t.address = tr.net.interfaceAddress(r.id, t.subnet);
        return t;
    }
    void arrive(Trace& tr, const Packet& p) const override
    {
        // Copies: forwarding replaces tr.target with each target in turn.
        const ResourceId lbId = tr.target.resource;
        const ResourceId lbSubnet = tr.target.subnet;
        const LoadBalancer* lb = tr.net.get<LoadBalancer>(lbId);
        tr.hop(lbId.str(), "deliver", "reached load balancer " + lbId.str(), p);
        forwardThroughLoadBalancer(tr, lbId, *lb, lbSubnet, p, false);
    }
};

} // namespace

Target targetAtAddress(Trace& tr, const IpAddress& address)
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

void forwardThroughLoadBalancer(Trace& tr, const ResourceId& lbId, const LoadBalancer& lb, const ResourceId& lbSubnet, const Packet& p,
                                bool viaPrivateLink)
{
    tr.dep(lbId.str());
    const bool guarded = tr.net.hasSecurityGroups(lbId);
    // NLB-2: a client's traffic meets the load balancer's inbound rules where it reaches its
    // interface (deliverInVpc); PrivateLink traffic only when the load balancer enforces them on
    // it (AWS's default), and then as coming from the client's private address.
    if (viaPrivateLink && guarded) {
        if (lb.enforceSecurityGroupInboundRulesOnPrivateLinkTraffic)
            tr.checkSecurityGroups(lbId, Direction::Inbound, p, p.src, std::nullopt);
        else
            tr.hop(lbId.str(), "securityGroup",
                   "the inbound rules of " + lbId.str() + "'s security groups do not apply to PrivateLink traffic "
                   "(enforceSecurityGroupInboundRulesOnPrivateLinkTraffic is off, NLB-2)",
                   p);
    }
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
    // NLB-1: the node of the AZ the flow entered in sends only to targets of that AZ unless
    // cross-zone load balancing is on, and never to targets of AZs the load balancer is not
    // enabled in.
    const std::vector<std::string> enabled = enabledAzs(tr, lb);
    const std::string entryAz = tr.net.availabilityZoneOf(lbSubnet);
    std::vector<std::pair<const LoadBalancerTarget*, std::string>> candidates;
    std::vector<std::string> elsewhere, notEnabled;
    for (const LoadBalancerTarget& t : lb.targets) {
        const std::string az = targetAz(tr, lbVpc, t);
        if (servedFrom(lb, enabled, entryAz, az))
            candidates.emplace_back(&t, az);
        else if (std::find(enabled.begin(), enabled.end(), az) == enabled.end())
            notEnabled.push_back(targetName(t) + " (" + az + ")");
        else
            elsewhere.push_back(targetName(t) + " (" + az + ")");
    }
    if (candidates.empty()) {
        std::string why;
        if (!elsewhere.empty())
            why = "its targets " + joinAzs(elsewhere) + " are in other AZs and cross-zone load balancing (crossZone) is off";
        if (!notEnabled.empty())
            why += (why.empty() ? "" : "; ") + std::string("targets ") + joinAzs(notEnabled) + " are in AZs where " + lbId.str() +
                   " is not enabled, so they receive no traffic";
        tr.block("LOAD_BALANCER_NO_TARGET_IN_AZ", lbId.str(),
                 "load balancer " + lbId.str() + " receives the flow in " + entryAz + ", where it has no target: " + why +
                     (elsewhere.empty() ? std::string() : "; turn crossZone on or register a target in " + entryAz) + " (NLB-1)",
                 true);
        return;
    }
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
    for (const auto& [candidate, az] : candidates) {
        const LoadBalancerTarget& t = *candidate;
        tr.result = before.result;
        tr.replyRoutes = before.replies;
        tr.crossings = before.crossings;
        tr.delivered = before.delivered;
        tr.stopped = before.stopped;
        tr.leftPrivate = before.left;
        Packet inner = p;
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
            target = targetAtAddress(tr, *t.ip);
        }
        inner.dst = target.address;
        // NLB-2: the target sees the client's address when its target group preserves it (never
        // for PrivateLink traffic; PrivatePath assumes it only for targets in the load balancer's
        // VPC), else the load balancer's private address in the AZ it received the flow in.
        const bool inVpc = target.kind == Target::Kind::Interface && target.vpc == lbVpc;
        const bool preserved = !viaPrivateLink && inVpc && preservesClientIp(lb, t, p.query.protocol);
        inner.src = preserved ? p.src : lbAddress;
        std::string sourceText;
        if (preserved)
            sourceText = "the source stays the client's address " + p.src.toString() + " (client IP preservation, NLB-2)";
        else if (viaPrivateLink)
            sourceText = "the source becomes the load balancer's address " + lbAddress.toString() +
                         " (PrivateLink traffic always does: SVC-3, NLB-2)";
        else if (preservesClientIp(lb, t, p.query.protocol))
            sourceText = "the source becomes the load balancer's address " + lbAddress.toString() +
                         " (PrivatePath assumes client IP preservation only for targets in the load balancer's VPC, NLB-2)";
        else
            sourceText = "the source becomes the load balancer's address " + lbAddress.toString() + " (client IP preservation is off" +
                         (lb.preserveClientIp ? std::string() : std::string(" by default for IP targets over TCP")) + ", NLB-2)";
        tr.target = target;
        if (!az.empty() && az != entryAz)
            tr.note("AVAILABILITY_ZONE_CROSSED", lbId.str(),
                    "cross-zone load balancing of " + lbId.str() + " sends the flow from " + entryAz + " to target " + targetName(t) +
                        " in " + az + " (NLB-1)");
        tr.hop(lbId.str(), "translate",
               "forwards to target " + targetName(t) + ":" + std::to_string(t.port) + "; " + sourceText, p, inner);
        // The load balancer's outbound rules apply to what it sends to targets (NLB-2).
        if (guarded)
            tr.checkSecurityGroups(lbId, Direction::Outbound, inner, inner.dst,
                                   inVpc ? std::optional<ResourceId>(target.resource) : std::nullopt);
        sendFromInterface(tr, lbId, guarded, lbSubnet, lbVpc, inner);
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


void sendFromInterface(Trace& tr, const ResourceId& sender, bool senderGuarded, const ResourceId& fromSubnet, const ResourceId& vpc,
                       const Packet& p)
{
    const ResourceId savedSubnet = tr.sourceSubnet;
    tr.sourceSubnet = fromSubnet;
    const auto savedNat = tr.natSubnet;
    tr.natSubnet.reset();
    const Target target = tr.target;
    if (target.kind == Target::Kind::Interface && target.vpc == vpc) {
        if (target.subnet != fromSubnet)
            tr.checkAcl(fromSubnet, Direction::Outbound, p, p.dst);
        // A rule naming the sender's security group admits it (NLB-2, PL-1); a sender without
        // groups can be named by none.
        tr.checkSecurityGroups(target.resource, Direction::Inbound, p, p.src,
                               senderGuarded ? std::optional<ResourceId>(sender) : std::nullopt);
        if (target.subnet != fromSubnet)
            tr.checkAcl(target.subnet, Direction::Inbound, p, p.src);
        tr.hop(target.resource.str(), "deliver", "delivered to " + target.resource.str() + " (" + p.dst.toString() + ")", p);
        tr.delivered = true;
        tr.target = target;
    } else if (const auto rt = tr.graph.routeTableOfSubnet(fromSubnet)) {
        tr.checkAcl(fromSubnet, Direction::Outbound, p, p.dst);
        tr.walk(*rt, p, Arrival::Local, vpc);
    }
    tr.sourceSubnet = savedSubnet;
    tr.natSubnet = savedNat;
}

void addLoadBalancerDevices(DeviceRegistry& registry)
{
    static const LoadBalancerDevice loadBalancerDevice;
    registry.add(loadBalancerDevice);
}

} // namespace pp::trace
