// AWS Network Firewall (rule INS-3): a route table sends traffic to the firewall by its id; the
// firewall's endpoint in the packet's Availability Zone inspects it with the stateless rules
// (first match in priority order, else the default action), then, when they forward it, the
// stateful rules in strict order, the domain list, and the stateful default. A drop names the
// rule. A firewall that lets the packet through is an inspection detour like a Gateway Load
// Balancer endpoint (INS-1): the reply must come back through it, and its stateless rules see the
// reply too.

#include "analysis/Tracer.h"
#include "analysis/trace/Device.h"

#include <algorithm>

namespace pp::trace {
namespace {

struct Decision {
    bool pass = true;
    const char* code = nullptr; // for a drop
    std::string why;            // "stateless rule 2 (block telnet) drops it"
};

std::string ruleName(const char* group, std::size_t index, const std::string& description)
{
    return std::string(group) + " rule " + std::to_string(index + 1) + (description.empty() ? "" : " (" + description + ")");
}

template <class Rule>
bool matches(const Rule& rule, const Packet& p, int port)
{
    if (rule.protocol != Protocol::All && rule.protocol != p.query.protocol)
        return false;
    if (rule.source && !rule.source->contains(p.src))
        return false;
    if (rule.destination && !rule.destination->contains(p.dst))
        return false;
    if (rule.protocol == Protocol::Tcp || rule.protocol == Protocol::Udp)
        return port >= rule.fromPort && port <= rule.toPort;
    return true;
}

// The stateless rules on one packet: pass, drop, or forward to the stateful rules (nullopt).
std::optional<Decision> stateless(const NetworkFirewall& fw, const Packet& p, int port)
{
    for (std::size_t i = 0; i < fw.statelessRules.size(); ++i) {
        const StatelessFirewallRule& rule = fw.statelessRules[i];
        if (!matches(rule, p, port))
            continue;
        const std::string name = ruleName("stateless", i, rule.description);
        switch (rule.action) {
        case StatelessAction::Pass: return Decision{true, nullptr, name + " passes it"};
        case StatelessAction::Drop: return Decision{false, "FIREWALL_STATELESS_DROP", name + " drops it"};
        case StatelessAction::Forward: return std::nullopt;
        }
    }
    switch (fw.statelessDefaultAction) {
    case StatelessAction::Pass: return Decision{true, nullptr, "no stateless rule matches; the stateless default passes it"};
    case StatelessAction::Drop: return Decision{false, "FIREWALL_STATELESS_DROP", "no stateless rule matches and the stateless default drops it"};
    case StatelessAction::Forward: break;
    }
    return std::nullopt;
}

// The name a client uses for the flow's destination, as HTTP Host or TLS SNI carry it.
std::string destinationName(const Trace& tr)
{
    if (const InternetHost* h = tr.net.get<InternetHost>(tr.flow.destination))
        return h->dnsName;
    if (const AwsService* s = tr.net.get<AwsService>(tr.flow.destination))
        return s->service + "." + tr.net.regionCodeOf(s->region) + ".amazonaws.com";
    if (const EndpointService* e = tr.net.get<EndpointService>(tr.flow.destination))
        return e->privateDnsName;
    return {};
}

bool domainMatches(const std::string& entry, const std::string& name)
{
    if (entry.empty() || name.empty())
        return false;
    if (entry.front() == '.') // ".example.com": the domain and its subdomains
        return name == entry.substr(1) || (name.size() > entry.size() && name.compare(name.size() - entry.size(), entry.size(), entry) == 0);
    return name == entry;
}

Decision stateful(const Trace& tr, const NetworkFirewall& fw, const Packet& p, std::vector<std::string>& alerts)
{
    for (std::size_t i = 0; i < fw.statefulRules.size(); ++i) {
        const StatefulFirewallRule& rule = fw.statefulRules[i];
        if (!matches(rule, p, p.query.port))
            continue;
        const std::string name = ruleName("stateful", i, rule.description);
        switch (rule.action) {
        case StatefulAction::Pass: return Decision{true, nullptr, name + " passes the connection"};
        case StatefulAction::Drop: return Decision{false, "FIREWALL_STATEFUL_DROP", name + " drops the connection"};
        case StatefulAction::Alert: alerts.push_back(name); break;
        }
    }
    const bool web = p.query.protocol == Protocol::Tcp && (p.query.port == 80 || p.query.port == 443);
    if (!fw.domains.empty() && web) {
        const std::string name = destinationName(tr);
        const bool listed = std::any_of(fw.domains.begin(), fw.domains.end(), [&](const std::string& d) { return domainMatches(d, name); });
        const std::string what = name.empty() ? std::string("a destination without a DNS name") : name;
        if (fw.domainListType == DomainListType::Allow && !listed)
            return Decision{false, "FIREWALL_DOMAIN_DROP",
                            "the domain allowlist does not list " + what + (name.empty() ? " (give the host its dnsName)" : "")};
        if (fw.domainListType == DomainListType::Deny && listed)
            return Decision{false, "FIREWALL_DOMAIN_DROP", "the domain denylist lists " + what};
        if (fw.domainListType == DomainListType::Allow)
            return Decision{true, nullptr, "the domain allowlist lists " + what};
    }
    if (fw.statefulDefaultAction == StatefulAction::Drop)
        return Decision{false, "FIREWALL_STATEFUL_DROP", "no stateful rule passes the connection and the stateful default drops it"};
    return Decision{true, nullptr, "no stateful rule drops the connection"};
}

class NetworkFirewallHop final : public DeviceHandler {
public:
    NetworkFirewallHop() : DeviceHandler({NodeKind::FirewallEndpoint}) {}
    Step forward(Trace& tr, Walk& walk) const override
    {
        const NetworkFirewall* fw = tr.net.get<NetworkFirewall>(walk.node.resource);
        const auto& g = tr.graph.graph();
        if (!fw || boost::out_degree(walk.v, g) == 0) {
            tr.block("CANNOT_ROUTE", walk.id, "network firewall " + walk.id + " has no firewall subnet, so no endpoint (INS-3)", true);
            return Step::Stop;
        }
        // The endpoint in the AZ the packet is in: the source's, or, for traffic arriving from
        // outside the VPC, the destination's.
        const ResourceId& here = walk.currentVpc == tr.sourceVpc ? tr.sourceSubnet : tr.target.subnet;
        const std::string az = here.empty() ? std::string() : tr.net.availabilityZoneOf(here);
        std::optional<ResourceId> endpointSubnet;
        for (const ResourceId& subnet : fw->subnets)
            if (!endpointSubnet && !az.empty() && tr.net.availabilityZoneOf(subnet) == az && tr.graph.routeTableOfSubnet(subnet))
                endpointSubnet = subnet;
        if (!endpointSubnet) {
            endpointSubnet = fw->subnets.front();
            if (!az.empty())
                tr.note("FIREWALL_ENDPOINT_OTHER_AZ", walk.id,
                        "network firewall " + walk.id + " has no endpoint in " + az + "; the packet crosses to its endpoint in " +
                            tr.net.availabilityZoneOf(*endpointSubnet) + " (" + endpointSubnet->str() + "), at inter-AZ cost (INS-3)");
        }
        tr.dep(endpointSubnet->str());
        const std::optional<Vertex> exit = tr.graph.routeTableOfSubnet(*endpointSubnet);
        if (!exit) {
            tr.block("CANNOT_ROUTE", walk.id, "firewall subnet " + endpointSubnet->str() + " has no route table", true);
            return Step::Stop;
        }

        std::vector<std::string> alerts;
        std::optional<Decision> d = stateless(*fw, walk.p, walk.p.query.port);
        if (!d)
            d = stateful(tr, *fw, walk.p, alerts);
        for (const std::string& alert : alerts)
            tr.note("FIREWALL_ALERT", walk.id, "network firewall " + walk.id + ": " + alert + " alerts on the connection (logged, not dropped)");
        if (!d->pass) {
            tr.block(d->code, walk.id, "network firewall " + walk.id + ": " + d->why + " (INS-3)", true);
            return Step::Stop;
        }
        tr.hop(walk.id, "forward", "inspected by its endpoint in " + endpointSubnet->str() + ": " + d->why + " (INS-3)", walk.p);

        // The stateless rules see the reply on its own (a stateful pass covers it).
        Packet reply = walk.p;
        std::swap(reply.src, reply.dst);
        if (const std::optional<Decision> back = stateless(*fw, reply, kEphemeralPort); back && !back->pass)
            tr.replyBlocks.push_back({back->code, walk.id,
                                      "return traffic: network firewall " + walk.id + ": " + back->why +
                                          " (stateless rules see replies too; INS-3)"});

        tr.inspections.emplace_back(walk.v, walk.currentVpc);
        tr.detourExits[walk.v] = *exit;
        walk.v = *exit;
        return Step::Next;
    }
};

} // namespace

void addFirewallDevices(DeviceRegistry& registry)
{
    static const NetworkFirewallHop networkFirewallHop;
    registry.add(networkFirewallHop);
}

} // namespace pp::trace
