#include "analysis/Exposure.h"

#include <algorithm>
#include <optional>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace pp {

IpAddress internetRepresentative(IpFamily family)
{
    return family == IpFamily::V4 ? *IpAddress::parse("8.8.8.8") : *IpAddress::parse("2001:4860:4860::8888");
}

namespace {

// What a subnet's route table does with internet traffic: the gateways on the way (empty if it
// does not get there) and whether the source itself needs a public IP (direct IGW route).
struct InternetRoute {
    bool reaches = false;
    bool needsPublicIp = false;
    std::vector<std::string> via;
    std::vector<std::uint64_t> chain; // the resources and contexts of every vertex walked (hashed): what the answer read
};

// Dependencies are kept as hashes of ids: a collision only makes an answer be computed again.
std::uint64_t hashId(std::string_view id) { return std::hash<std::string_view>{}(id); }

class ExposureAnalysis {
public:
    ExposureAnalysis(const Network& n, const ForwardingGraph& g) : m_n(n), m_g(g), m_internet(internetRepresentative(IpFamily::V4)) {}

    // `cache`: track what each workload's answer is read from, and re-use the answer in
    // `previous` (moved from) of those none of whose dependencies is in `changed`.
    std::vector<Exposure> run(ExposureCache* cache, std::vector<Exposure>* previous, const std::set<std::string>* changed)
    {
        m_tracking = cache != nullptr;
        const std::vector<Resource>& resources = m_n.design().resources();
        const bool incremental = cache && previous && changed;
        // The last run's answers that read a changed id, by their position then.
        std::vector<char> invalid;
        if (incremental) {
            invalid.assign(cache->entries.size(), 0);
            for (const std::string& id : *changed)
                if (const auto it = cache->readers.find(hashId(id)); it != cache->readers.end())
                    for (const std::size_t position : it->second)
                        invalid[position] = 1;
        }
        // Where a workload was, when resources were inserted or removed before it.
        std::unordered_map<std::string_view, std::size_t> moved;
        auto lastPosition = [&](std::size_t i, const std::string& id) -> std::optional<std::size_t> {
            if (i < cache->entries.size() && cache->entries[i].workload == id)
                return i;
            if (moved.empty())
                for (std::size_t k = 0; k < cache->entries.size(); ++k)
                    if (!cache->entries[k].workload.empty())
                        moved.emplace(cache->entries[k].workload, k);
            const auto it = moved.find(id);
            return it == moved.end() ? std::nullopt : std::optional(it->second);
        };

        std::vector<Exposure> out;
        std::vector<ExposureCache::Entry> entries(cache ? resources.size() : 0);
        std::vector<std::size_t> computed; // positions answered again
        bool samePositions = cache && resources.size() == cache->entries.size();
        // Workloads with the same subnet, public-IP flag and security groups are exposed alike;
        // only load balancer targets need their own look.
        struct Seen {
            bool publicIp;
            const ResourceIds* groups;
            Exposure exposure;
            std::vector<std::uint64_t> dependencies;
        };
        std::unordered_map<std::string_view, std::vector<Seen>> memo;
        for (std::size_t i = 0; i < resources.size(); ++i) {
            const Resource& r = resources[i];
            const Workload* w = r.as<Workload>();
            if (!w)
                continue;
            if (incremental) {
                // An incremental run keeps a workload's answer when nothing it was read from changed.
                const auto last = lastPosition(i, r.id.str());
                samePositions = samePositions && last == i;
                if (last && !invalid[*last]) {
                    ExposureCache::Entry& entry = entries[i];
                    entry = std::move(cache->entries[*last]);
                    if (entry.index >= 0) {
                        out.push_back(std::move((*previous)[std::size_t(entry.index)]));
                        entry.index = int(out.size()) - 1;
                    }
                    continue;
                }
            }
            const bool ownLook = m_n.hasInstanceTargets() && !m_n.loadBalancersTargeting(r.id).empty();
            std::vector<Seen>* seen = ownLook ? nullptr : &memo[w->subnet.str()];
            Exposure e;
            bool found = false;
            m_deps.clear();
            if (seen)
                for (const Seen& s : *seen)
                    if (s.publicIp == w->publicIp && *s.groups == w->securityGroups) {
                        e = s.exposure;
                        m_deps = s.dependencies;
                        found = true;
                        break;
                    }
            if (!found) {
                egress(r, *w, e);
                ingress(r, *w, e);
                if (seen)
                    seen->push_back({w->publicIp, &w->securityGroups, e, m_deps});
            }
            e.workload = r.id.str();
            const bool exposed = e.egress || e.ingress;
            if (exposed)
                out.push_back(std::move(e));
            if (cache) {
                ExposureCache::Entry& entry = entries[i];
                entry.workload = r.id.str();
                entry.dependencies.assign(m_deps.begin(), m_deps.end());
                entry.dependencies.push_back(hashId(r.id.str()));
                entry.index = exposed ? int(out.size()) - 1 : -1;
                computed.push_back(i);
            }
        }
        if (cache) {
            // The readers of each id: added to for the answers computed again while positions
            // hold (their old entries only cost a look), rebuilt when they moved or piled up.
            std::size_t total = 0;
            for (const ExposureCache::Entry& entry : entries)
                total += entry.dependencies.size();
            if (incremental && samePositions && cache->staleReaders < total) {
                for (const std::size_t i : computed) {
                    cache->staleReaders += cache->entries[i].dependencies.size();
                    for (const std::uint64_t id : entries[i].dependencies)
                        cache->readers[id].push_back(i);
                }
            } else {
                cache->readers.clear();
                cache->staleReaders = 0;
                for (std::size_t i = 0; i < entries.size(); ++i)
                    for (const std::uint64_t id : entries[i].dependencies)
                        cache->readers[id].push_back(i);
            }
            cache->entries = std::move(entries);
        }
        return out;
    }

private:
    // NACLs are first-match with deny rules, so "all traffic" is not a fair question: a workload
    // is exposed when the ACL lets some common traffic through (web, SSH, DNS, ICMP, or anything).
    bool aclAllowsSomething(const ResourceId& subnet, Direction d) const
    {
        static const PortQuery probes[] = {{Protocol::Tcp, 443, false}, {Protocol::Tcp, 80, false}, {Protocol::Tcp, 22, false},
                                           {Protocol::Udp, 53, false},  {Protocol::Icmp, 0, false},  {Protocol::Tcp, 0, true}};
        for (const PortQuery& q : probes)
            if (m_n.networkAclAllows(subnet, d, q, m_internet, false).allowed)
                return true;
        return false;
    }

    // Where internet-bound traffic from `rt` goes: each vertex chooses at most one edge, so the
    // walk along the choices either ends on the internet or does not get there.
    const InternetRoute& routeFrom(Vertex rt)
    {
        if (const auto it = m_routes.find(rt); it != m_routes.end())
            return it->second;
        InternetRoute route;
        bool natSeen = false, privateNat = false;
        std::set<Vertex> visited;
        Vertex v = rt;
        for (; v != m_g.internet() && visited.insert(v).second;) {
            const ForwardingNode& node = m_g.node(v);
            for (const ResourceId* id : {&node.resource, &node.context})
                if (!id->empty())
                    route.chain.push_back(hashId(id->str()));
            if (node.kind == NodeKind::NatGateway) {
                natSeen = true;
                const NatGateway* nat = m_n.get<NatGateway>(node.resource);
                privateNat = privateNat || (nat && (nat->connectivity == NatConnectivity::Private || nat->state != LifecycleState::Available));
            }
            if (node.kind == NodeKind::InternetGateway && !natSeen)
                route.needsPublicIp = true;
            if (node.kind != NodeKind::RouteTable && !node.resource.empty())
                route.via.push_back(node.resource.str());
            const auto e = m_g.nextHop(v, m_internet);
            if (!e)
                break;
            v = m_g.target(*e);
        }
        // IGW-5: a private NAT never reaches the internet.
        route.reaches = v == m_g.internet() && !privateNat;
        if (!route.reaches) {
            route.via.clear();
            route.needsPublicIp = false;
        }
        return m_routes.emplace(rt, std::move(route)).first->second;
    }

    // Records what an answer read: the subnet, its VPC, route table, ACL and the route to the
    // internet, and the security groups of `guarded` (with the prefix lists their rules name).
    void read(const std::string& id)
    {
        if (m_tracking)
            m_deps.push_back(hashId(id));
    }
    void readSubnet(const ResourceId& subnet)
    {
        if (!m_tracking)
            return;
        read(subnet.str());
        if (const auto vpc = m_n.vpcOf(subnet))
            read(vpc->str());
        if (const auto acl = m_n.networkAclIdOf(subnet))
            read(acl->str());
        if (const auto rt = m_g.routeTableOfSubnet(subnet)) {
            const InternetRoute& route = routeFrom(*rt);
            m_deps.insert(m_deps.end(), route.chain.begin(), route.chain.end());
        }
    }
    void readGroups(const ResourceId& guarded)
    {
        if (!m_tracking)
            return;
        for (const ResourceId& g : m_n.securityGroupsOf(guarded)) {
            read(g.str());
            if (const SecurityGroup* sg = m_n.get<SecurityGroup>(g))
                for (const auto* rules : {&sg->inbound, &sg->outbound})
                    for (const SecurityGroupRule& rule : *rules)
                        if (rule.prefixList)
                            read(rule.prefixList->str());
        }
    }

    void egress(const Resource& r, const Workload& w, Exposure& e)
    {
        readSubnet(w.subnet);
        readGroups(r.id);
        const auto rt = m_g.routeTableOfSubnet(w.subnet);
        if (!rt)
            return;
        const InternetRoute& route = routeFrom(*rt);
        if (!route.reaches || (route.needsPublicIp && !w.publicIp))
            return;
        PortQuery any;
        any.protocol = Protocol::All;
        if (!m_n.securityGroupsAllow(r.id, Direction::Outbound, any, m_internet, std::nullopt, false).allowed)
            return;
        if (!aclAllowsSomething(w.subnet, Direction::Outbound))
            return;
        e.egress = true;
        e.egressVia = route.via;
    }

    std::vector<std::string> openPorts(const ResourceId& id, const IpAddress& from)
    {
        std::vector<std::string> ports;
        for (const ResourceId& g : m_n.securityGroupsOf(id))
            if (const SecurityGroup* sg = m_n.get<SecurityGroup>(g))
                for (const SecurityGroupRule& rule : sg->inbound)
                    if (rule.cidr && rule.cidr->contains(from)) {
                        std::string text(enumName(rule.protocol));
                        if (rule.protocol == Protocol::Tcp || rule.protocol == Protocol::Udp)
                            text += rule.fromPort == rule.toPort ? " " + std::to_string(rule.fromPort)
                                                                 : " " + std::to_string(rule.fromPort) + "-" + std::to_string(rule.toPort);
                        ports.push_back(text + " from " + rule.cidr->toString() + " (" + g.str() + ")");
                    }
        return ports;
    }

    // Reachable from the internet directly: public IP, attached IGW, a route back to it, and
    // security group and ACL rules open to public sources.
    bool directlyReachable(const ResourceId& id, const ResourceId& subnet, std::string& igwOut)
    {
        const auto vpc = m_n.vpcOf(id);
        const auto igw = vpc ? m_n.internetGatewayOf(*vpc) : std::nullopt;
        const auto rt = m_g.routeTableOfSubnet(subnet);
        if (!igw || !rt)
            return false;
        const auto e = m_g.nextHop(*rt, m_internet);
        if (!e || m_g.node(m_g.target(*e)).kind != NodeKind::InternetGateway)
            return false;
        if (!aclAllowsSomething(subnet, Direction::Inbound))
            return false;
        igwOut = igw->str();
        return true;
    }

    void ingress(const Resource& r, const Workload& w, Exposure& e)
    {
        PortQuery any;
        any.protocol = Protocol::All;
        std::string igw;
        if (w.publicIp && directlyReachable(r.id, w.subnet, igw) &&
            m_n.securityGroupsAllow(r.id, Direction::Inbound, any, m_internet, std::nullopt, false).allowed) {
            e.ingress = true;
            e.ingressVia = {igw};
            e.openPorts = openPorts(r.id, m_internet);
            return;
        }
        // Through an internet-facing load balancer that targets it.
        for (const ResourceId& lbId : m_n.loadBalancersTargeting(r.id)) {
            const LoadBalancer* lb = m_n.get<LoadBalancer>(lbId);
            read(lbId.str());
            if (!lb || lb->internal || lb->subnets.empty())
                continue;
            readSubnet(lb->subnets.front());
            readGroups(lbId);
            if (!directlyReachable(lbId, lb->subnets.front(), igw))
                continue;
            if (m_n.hasSecurityGroups(lbId) && !m_n.securityGroupsAllow(lbId, Direction::Inbound, any, m_internet, std::nullopt).allowed)
                continue;
            // NLB-2: the target sees the internet client's address when its target group preserves
            // it (AWS's default for instance targets), else the load balancer's; a rule naming the
            // load balancer's security group admits either.
            const auto target = std::find_if(lb->targets.begin(), lb->targets.end(),
                                             [&](const LoadBalancerTarget& t) { return t.instance == r.id; });
            const bool preserved = target != lb->targets.end() && preservesClientIp(*lb, *target, Protocol::Tcp);
            const IpAddress source = preserved ? m_internet : m_n.interfaceAddress(lbId, lb->subnets.front());
            const std::optional<ResourceId> peer = m_n.hasSecurityGroups(lbId) ? std::optional<ResourceId>(lbId) : std::nullopt;
            if (!m_n.securityGroupsAllow(r.id, Direction::Inbound, any, source, peer).allowed)
                continue;
            e.ingress = true;
            e.ingressVia = {igw, lbId.str()};
            for (const Listener& l : lb->listeners)
                e.openPorts.push_back(std::string(enumName(l.protocol)) + " " + std::to_string(l.port) + " (listener of " + lbId.str() + ")");
            return;
        }
    }

    const Network& m_n;
    const ForwardingGraph& m_g;
    IpAddress m_internet;
    std::map<Vertex, InternetRoute> m_routes;
    bool m_tracking = false;
    std::vector<std::uint64_t> m_deps; // what the workload being looked at was read from (hashed ids)
};

} // namespace

std::vector<Exposure> computeExposure(const Network& network, const ForwardingGraph& graph)
{
    return ExposureAnalysis(network, graph).run(nullptr, nullptr, nullptr);
}

std::vector<Exposure> computeExposure(const Network& network, const ForwardingGraph& graph, ExposureCache& cache,
                                      std::vector<Exposure>* previous, const std::set<std::string>* changed)
{
    return ExposureAnalysis(network, graph).run(&cache, previous, changed);
}

} // namespace pp
