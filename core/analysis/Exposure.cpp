#include "analysis/Exposure.h"

#include <algorithm>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/filtered_graph.hpp>
#include <boost/graph/reverse_graph.hpp>
#include <functional>
#include <set>
#include <unordered_map>

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
};

class ExposureAnalysis {
public:
    ExposureAnalysis(const Network& n, const ForwardingGraph& g) : m_n(n), m_g(g), m_internet(internetRepresentative(IpFamily::V4)) {}

    std::vector<Exposure> run()
    {
        reachInternet();
        std::vector<Exposure> out;
        // Workloads with the same subnet, public-IP flag and security groups are exposed alike;
        // only load balancer targets need their own look.
        struct Seen {
            bool publicIp;
            const ResourceIds* groups;
            Exposure exposure;
        };
        std::unordered_map<std::string_view, std::vector<Seen>> memo;
        m_n.design().forEach<Workload>([&](const Resource& r, const Workload& w) {
            const bool ownLook = m_n.hasInstanceTargets() && !m_n.loadBalancersTargeting(r.id).empty();
            std::vector<Seen>* seen = ownLook ? nullptr : &memo[w.subnet.str()];
            Exposure e;
            bool found = false;
            if (seen)
                for (const Seen& s : *seen)
                    if (s.publicIp == w.publicIp && *s.groups == w.securityGroups) {
                        e = s.exposure;
                        found = true;
                        break;
                    }
            if (!found) {
                egress(r, w, e);
                ingress(r, w, e);
                if (seen)
                    seen->push_back({w.publicIp, &w.securityGroups, e});
            }
            e.workload = r.id.str();
            if (e.egress || e.ingress)
                out.push_back(std::move(e));
        });
        return out;
    }

private:
    // Breadth-first search from the internet over reversed chosen edges: the vertices whose
    // internet-bound traffic ends up on the internet.
    void reachInternet()
    {
        const auto& graph = m_g.graph();
        std::set<Edge> chosen;
        for (auto [v, end] = boost::vertices(graph); v != end; ++v)
            if (const auto e = m_g.nextHop(*v, m_internet))
                chosen.insert(*e);
        std::function<bool(const Edge&)> keep = [&](const Edge& e) { return chosen.count(e) > 0; };
        boost::filtered_graph<ForwardingGraphType, std::function<bool(const Edge&)>> forward(graph, keep);
        auto reversed = boost::make_reverse_graph(forward);
        m_reaches.assign(boost::num_vertices(graph), false);
        struct Recorder : boost::default_bfs_visitor {
            std::vector<bool>* reached;
            void discover_vertex(Vertex v, const decltype(reversed)&) const { (*reached)[v] = true; }
        } recorder;
        recorder.reached = &m_reaches;
        std::vector<boost::default_color_type> colors(boost::num_vertices(graph));
        boost::breadth_first_search(reversed, m_g.internet(),
                                    boost::visitor(recorder).color_map(boost::make_iterator_property_map(colors.begin(), boost::get(boost::vertex_index, graph))));
    }

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

    const InternetRoute& routeFrom(Vertex rt)
    {
        if (const auto it = m_routes.find(rt); it != m_routes.end())
            return it->second;
        InternetRoute route;
        if (m_reaches[rt]) {
            route.reaches = true;
            bool natSeen = false, privateNat = false;
            std::set<Vertex> visited;
            for (Vertex v = rt; v != m_g.internet() && visited.insert(v).second;) {
                const ForwardingNode& node = m_g.node(v);
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
            if (privateNat)
                route.reaches = false; // IGW-5: a private NAT never reaches the internet
        }
        return m_routes.emplace(rt, std::move(route)).first->second;
    }

    void egress(const Resource& r, const Workload& w, Exposure& e)
    {
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
            if (!lb || lb->internal || lb->subnets.empty())
                continue;
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
    std::vector<bool> m_reaches;
    std::map<Vertex, InternetRoute> m_routes;
};

} // namespace

std::vector<Exposure> computeExposure(const Network& network, const ForwardingGraph& graph)
{
    return ExposureAnalysis(network, graph).run();
}

} // namespace pp
