#include "analysis/Tracer.h"

#include "analysis/AwsData.h"

#include <algorithm>

namespace pp {
namespace {

struct Packet {
    IpAddress src;
    IpAddress dst;
    PortQuery query;
};

// How the packet entered the routing domain it is in (rules IGW-5, GW-6, PCX-4).
enum class Arrival { Local, Peering, Transit, Vpn, DirectConnect, Internet, OnPremises };

// Where the flow is meant to arrive, after DNS.
struct Target {
    enum class Kind { Interface, EndpointEni, LoadBalancerEni, PublicInterface, OnPremHost, OnPremAddress, InternetHost, ServicePublic };
    Kind kind = Kind::Interface;
    ResourceId resource;   // what is reached (workload, endpoint, load balancer, host, service)
    ResourceId subnet;     // for interfaces
    ResourceId vpc;        // for interfaces
    ResourceId network;    // on-premises network
    IpAddress address;     // the destination address used on the wire
};

// A reply must come back the way the request went: when the request entered a routing domain
// through `expect`, the reply's lookup in `from` must lead back there.
struct ReplyRoute {
    Vertex from;
    IpAddress replyDestination;
    std::vector<Vertex> expect;
    std::string where; // id reported if it fails
    std::string rule;  // the rule that needs this return route
};

struct AclCrossing {
    ResourceId subnet;
    Direction direction;
    IpAddress peer;
};

std::string joinIds(const std::vector<std::string>& ids)
{
    std::string out;
    for (const std::string& id : ids)
        out += (out.empty() ? "" : ", ") + id;
    return out;
}

class FlowTracer {
public:
    FlowTracer(const Network& network, const ForwardingGraph& graph, const Flow& flow, std::set<std::string>* deps)
        : m_n(network), m_g(graph), m_flow(flow), m_deps(deps)
    {
        m_result.flow = flow.id;
        m_query.protocol = flow.protocol;
        m_query.port = flow.port.value_or(0);
    }

    FlowResult run()
    {
        dep(m_flow.source.str());
        dep(m_flow.destination.str());
        start();
        finish();
        return std::move(m_result);
    }

private:
    // ---- bookkeeping ----
    void dep(const std::string& id)
    {
        if (m_deps && !id.empty())
            m_deps->insert(id);
    }
    AddressClass classOf(const IpAddress& a) const { return m_n.isPrivateAddress(a) ? AddressClass::Private : AddressClass::Public; }
    void hop(const std::string& resource, const char* action, std::string detail, const Packet& before, const Packet& after)
    {
        dep(resource);
        Hop h;
        h.resource = resource;
        h.action = action;
        h.detail = std::move(detail);
        h.source = after.src.toString();
        h.destination = after.dst.toString();
        h.sourceClassBefore = classOf(before.src);
        h.sourceClassAfter = classOf(after.src);
        h.destinationClassBefore = classOf(before.dst);
        h.destinationClassAfter = classOf(after.dst);
        m_result.path.push_back(std::move(h));
        m_lastPacket = after;
    }
    void hop(const std::string& resource, const char* action, std::string detail, const Packet& p)
    {
        hop(resource, action, std::move(detail), p, p);
    }
    // Records a blocking reason. A hard block stops the trace; a soft one (a security group or an
    // ACL) lets it go on so that every blocking component is found, not only the first.
    void block(const char* code, const std::string& resource, std::string message, bool hard)
    {
        dep(resource);
        // The hop where the packet is dropped is part of the path, so the user sees where it ends.
        if (hard && !m_result.path.empty() && m_n.design().containsId(resource) &&
            !(m_result.path.back().resource == resource && m_result.path.back().action == "drop"))
            hop(resource, "drop", message, m_lastPacket);
        m_result.blocking.push_back({code, resource, std::move(message)});
        if (hard)
            m_stopped = true;
    }
    void note(const char* code, const std::string& resource, std::string message)
    {
        const bool seen = std::any_of(m_result.notes.begin(), m_result.notes.end(),
                                      [&](const Explanation& e) { return e.code == code && e.resource == resource; });
        if (!seen)
            m_result.notes.push_back({code, resource, std::move(message)});
    }
    void hint(const char* code, const std::string& resource, std::string message)
    {
        m_result.hints.push_back({code, resource, std::move(message)});
    }
    void leavePrivateNetwork(const std::string& resource, std::string why)
    {
        if (m_leftPrivate)
            return;
        m_leftPrivate = true;
        m_result.leavesAt = m_result.path.empty() ? 0 : m_result.path.size() - 1;
        m_leavingReason = {"PATH_LEAVES_PRIVATE_NETWORK", resource, std::move(why)};
    }

    // ---- security checks ----
    void checkSecurityGroups(const ResourceId& guarded, Direction d, const Packet& p, const IpAddress& peer,
                             const std::optional<ResourceId>& peerResource)
    {
        if (!m_n.hasSecurityGroups(guarded))
            return;
        for (const ResourceId& g : m_n.securityGroupsOf(guarded))
            dep(g.str());
        const RuleDecision decision = m_n.securityGroupsAllow(guarded, d, p.query, peer, peerResource);
        if (!decision.allowed) {
            const std::string at = decision.deciding == "default security group" ? guarded.str() : decision.deciding;
            hop(at, "securityGroup", "denied: " + decision.rule, p);
            block("ENI_SG_RULES_MISMATCH", at, "security group of " + guarded.str() + ": " + decision.rule, false);
        } else
            hop(decision.deciding == "default security group" ? guarded.str() : decision.deciding, "securityGroup",
                decision.rule, p);
    }
    void checkAcl(const ResourceId& subnet, Direction d, const Packet& p, const IpAddress& peer)
    {
        dep(subnet.str());
        const auto acl = m_n.networkAclIdOf(subnet);
        if (!acl)
            return; // the default ACL allows everything (ACL-1)
        dep(acl->str());
        m_crossings.push_back({subnet, d, peer});
        const RuleDecision decision = m_n.networkAclAllows(subnet, d, p.query, peer);
        if (!decision.allowed) {
            hop(acl->str(), "networkAcl", "denied: " + decision.rule, p);
            block("SUBNET_ACL_RESTRICTION", acl->str(), "network ACL of " + subnet.str() + ": " + decision.rule, false);
        } else
            hop(acl->str(), "networkAcl", decision.rule, p);
    }

    // ---- DNS and destinations ----
    struct Client {
        std::optional<ResourceId> vpc, subnet, network;
        bool internet = false;
        std::string az;
    };

    // Interface endpoints of `service` in `vpc`.
    std::vector<const Resource*> interfaceEndpoints(const ResourceId& vpc, const ResourceId& service) const
    {
        std::vector<const Resource*> out;
        for (const ResourceId& id : m_n.endpointsIn(vpc)) {
            const Resource* r = m_n.design().find(id);
            const VpcEndpoint* e = r ? r->as<VpcEndpoint>() : nullptr;
            if (e && e->service == service && e->endpointType == EndpointType::Interface)
                out.push_back(r);
        }
        return out;
    }

    ResourceId endpointSubnetFor(const VpcEndpoint& e, const std::string& az, const std::string& endpointId, bool inVpcClient)
    {
        for (const ResourceId& s : e.subnets)
            if (m_n.availabilityZoneOf(s) == az)
                return s;
        if (e.subnets.empty())
            return {};
        if (inVpcClient && !az.empty())
            note("AVAILABILITY_ZONE_CROSSED", endpointId,
                 "no endpoint interface in " + az + "; the flow crosses to " + m_n.availabilityZoneOf(e.subnets.front()) +
                     " (IF-5)");
        return e.subnets.front();
    }

    Target endpointTarget(const ResourceId& endpointId, const Client& client, bool inVpcClient)
    {
        const VpcEndpoint* e = m_n.get<VpcEndpoint>(endpointId);
        Target t;
        t.kind = Target::Kind::EndpointEni;
        t.resource = endpointId;
        t.vpc = e->vpc;
        t.subnet = endpointSubnetFor(*e, client.az, endpointId.str(), inVpcClient);
        t.address = m_n.interfaceAddress(endpointId, t.subnet);
        return t;
    }

    // Resolves an AWS service name for a client, in the VPC whose Amazon DNS answers
    // (rules IF-2, IF-3, IF-4, IF-6, PCX-5). `viaResolver`: the query came through an inbound
    // Resolver endpoint from on premises.
    std::optional<ResourceId> privateAnswer(const ResourceId& answeringVpc, const ResourceId& service, const std::string& name,
                                            bool viaResolver, bool& privateDnsOffSeen)
    {
        dep(answeringVpc.str());
        const Vpc* vpc = m_n.get<Vpc>(answeringVpc);
        if (vpc && vpc->enableDnsSupport) {
            for (const Resource* r : interfaceEndpoints(answeringVpc, service)) {
                const VpcEndpoint* e = r->as<VpcEndpoint>();
                dep(r->id.str());
                if (!e->privateDns) {
                    privateDnsOffSeen = true;
                    continue;
                }
                if (e->privateDnsOnlyForInboundResolverEndpoint && !viaResolver)
                    continue; // IF-6: in-VPC clients use the gateway endpoint
                return r->id;
            }
        }
        for (const ResourceId& z : m_n.hostedZonesFor(name)) {
            const PrivateHostedZone* zone = m_n.get<PrivateHostedZone>(z);
            dep(z.str());
            if (zone && zone->aliasTarget && std::find(zone->vpcs.begin(), zone->vpcs.end(), answeringVpc) != zone->vpcs.end())
                return zone->aliasTarget;
        }
        return std::nullopt;
    }

    std::optional<Target> resolveService(const ResourceId& serviceId, const Client& client, const Packet& p)
    {
        const AwsService* s = m_n.get<AwsService>(serviceId);
        const std::string name = m_flow.dnsName.empty() ? serviceDefaultDnsName(s->service, m_n.regionCodeOf(s->region)) : m_flow.dnsName;
        bool privateDnsOff = false;
        std::optional<ResourceId> endpoint;
        std::string resolver;
        bool inVpcClient = false;
        if (client.vpc) {
            endpoint = privateAnswer(*client.vpc, serviceId, name, false, privateDnsOff);
            resolver = client.vpc->str();
            inVpcClient = true;
        } else if (client.network) {
            const OnPremisesNetwork* n = m_n.get<OnPremisesNetwork>(*client.network);
            for (const DnsForwardingRule& rule : n ? n->dnsForwarding : std::vector<DnsForwardingRule>{}) {
                const bool matches = name == rule.domain ||
                                     (name.size() > rule.domain.size() && name.compare(name.size() - rule.domain.size(), rule.domain.size(), rule.domain) == 0 &&
                                      name[name.size() - rule.domain.size() - 1] == '.');
                const ResolverEndpoint* r = m_n.get<ResolverEndpoint>(rule.resolverEndpoint);
                if (!matches || !r)
                    continue;
                resolver = rule.resolverEndpoint.str();
                endpoint = privateAnswer(r->vpc, serviceId, name, true, privateDnsOff);
                break;
            }
        }
        if (endpoint) {
            Target t = endpointTarget(*endpoint, client, inVpcClient && m_n.get<VpcEndpoint>(*endpoint)->vpc == *client.vpc);
            Packet after = p;
            after.dst = t.address;
            hop(resolver, "dns", name + " resolves to interface endpoint " + endpoint->str() + " (" + t.address.toString() +
                                     ", private DNS)", p, after);
            return t;
        }
        Target t;
        t.kind = Target::Kind::ServicePublic;
        t.resource = serviceId;
        bool assumed = false;
        (void)m_n.serviceAddresses(serviceId, &assumed);
        t.address = m_n.servicePublicAddress(serviceId);
        Packet after = p;
        after.dst = t.address;
        hop(resolver.empty() ? (client.network ? client.network->str() : m_flow.source.str()) : resolver, "dns",
            name + " resolves to a public address of " + s->service + " (" + t.address.toString() + ")", p, after);
        if (assumed)
            note("ASSUMED_ADDRESSES", serviceId.str(),
                 "PrivatePath has no prefix list for " + s->service + " in " + m_n.regionCodeOf(s->region) +
                     "; it assumes the service's public addresses; add a prefixList to be exact");
        // Why it did not resolve privately, and what would change it.
        if (privateDnsOff)
            hint("INTERFACE_ENDPOINT_PRIVATE_DNS_OFF", serviceId.str(),
                 "an interface endpoint for " + s->service + " exists in " + resolver +
                     " but its private DNS is off, so " + name + " resolves publicly; turn private DNS on (IF-3)");
        if (!client.vpc || !endpoint) {
            // An endpoint elsewhere whose name is not shared with this client (IF-4, PCX-5).
            for (const ResourceId& id : m_n.endpointsTo(serviceId)) {
                const VpcEndpoint* e = m_n.get<VpcEndpoint>(id);
                if (!e || e->endpointType != EndpointType::Interface)
                    continue; // gateway endpoints answer no DNS (an edit turning one into an interface endpoint touches the service)
                dep(id.str());
                if (!e->privateDns || (client.vpc && e->vpc == *client.vpc))
                    continue;
                hint("PRIVATE_DNS_NOT_SHARED", id.str(),
                     "interface endpoint " + id.str() + " in " + e->vpc.str() + " serves " + name + " privately only inside " +
                         e->vpc.str() + "; share a private hosted zone with the client's VPC or forward DNS to a Resolver "
                                        "inbound endpoint in " + e->vpc.str() + " (IF-4)");
            }
        }
        return t;
    }

    std::optional<Target> resolve(const Client& client, const Packet& p)
    {
        const Resource* r = m_n.design().find(m_flow.destination);
        Target t;
        t.resource = m_flow.destination;
        if (const Workload* w = r->as<Workload>()) {
            const auto vpc = m_n.vpcOf(m_flow.destination);
            if (client.internet) {
                // IPv6 addresses are global: an IPv6 client reaches the workload's IPv6 address.
                const bool v6 = !p.src.isV4();
                if (v6 ? !w->ipv6Address : !w->publicIp) {
                    block("NO_PATH", r->id.str(),
                          r->id.str() + (v6 ? " has no IPv6 address" : " has no public IP") +
                              ", so it cannot be reached from the internet (IGW-1)",
                          true);
                    return std::nullopt;
                }
                t.kind = Target::Kind::PublicInterface;
                t.address = v6 ? *w->ipv6Address : m_n.publicAddressOf(r->id);
            } else {
                t.kind = Target::Kind::Interface;
                t.address = m_n.interfaceAddress(r->id, w->subnet);
            }
            t.subnet = w->subnet;
            t.vpc = vpc.value_or(ResourceId());
            return t;
        }
        if (const OnPremisesHost* h = r->as<OnPremisesHost>()) {
            t.kind = Target::Kind::OnPremHost;
            t.network = h->network;
            t.address = h->address;
            return t;
        }
        if (const InternetHost* h = r->as<InternetHost>()) {
            t.kind = Target::Kind::InternetHost;
            t.address = h->address;
            if (!h->dnsName.empty() || !m_flow.dnsName.empty()) {
                Packet after = p;
                after.dst = h->address;
                hop(client.vpc ? client.vpc->str() : m_flow.source.str(), "dns",
                    (m_flow.dnsName.empty() ? h->dnsName : m_flow.dnsName) + " resolves to " + h->address.toString(), p, after);
            }
            return t;
        }
        if (r->as<AwsService>())
            return resolveService(r->id, client, p);
        if (const VpcEndpoint* e = r->as<VpcEndpoint>()) {
            if (e->endpointType != EndpointType::Interface) {
                block("CANNOT_ROUTE", r->id.str(), r->id.str() + " is a " + std::string(enumName(e->endpointType)) +
                                                       " endpoint: it has no address to connect to", true);
                return std::nullopt;
            }
            Target target = endpointTarget(r->id, client, client.vpc && *client.vpc == e->vpc);
            Packet after = p;
            after.dst = target.address;
            hop(client.vpc ? client.vpc->str() : m_flow.source.str(), "dns",
                "the endpoint-specific DNS name of " + r->id.str() + " resolves to " + target.address.toString() + " (IF-3)", p, after);
            return target;
        }
        if (const EndpointService* svc = r->as<EndpointService>()) {
            std::optional<ResourceId> vpc = client.vpc;
            std::string resolver = vpc ? vpc->str() : std::string();
            if (!vpc && client.network) {
                if (const OnPremisesNetwork* n = m_n.get<OnPremisesNetwork>(*client.network))
                    for (const DnsForwardingRule& rule : n->dnsForwarding)
                        if (const ResolverEndpoint* re = m_n.get<ResolverEndpoint>(rule.resolverEndpoint)) {
                            vpc = re->vpc;
                            resolver = rule.resolverEndpoint.str();
                            break;
                        }
            }
            const auto endpoints = vpc ? interfaceEndpoints(*vpc, r->id) : std::vector<const Resource*>{};
            if (endpoints.empty()) {
                block("NO_PATH", r->id.str(),
                      "there is no interface endpoint to endpoint service " + r->id.str() +
                          (vpc ? " in " + vpc->str() : std::string(" for this client")), true);
                return std::nullopt;
            }
            const Resource* endpoint = endpoints.front();
            const VpcEndpoint* e = endpoint->as<VpcEndpoint>();
            const bool usesPrivateName = !svc->privateDnsName.empty() && (m_flow.dnsName.empty() || m_flow.dnsName == svc->privateDnsName);
            if (usesPrivateName) {
                if (!svc->privateDnsVerified) {
                    block("ENDPOINT_SERVICE_DNS_UNVERIFIED", r->id.str(),
                          svc->privateDnsName + " is not verified by the provider, so it does not resolve to " + endpoint->id.str() + " (SVC-6)", true);
                    return std::nullopt;
                }
                if (!e->privateDns) {
                    block("INTERFACE_ENDPOINT_PRIVATE_DNS_OFF", endpoint->id.str(),
                          "private DNS of " + endpoint->id.str() + " is off, so " + svc->privateDnsName + " does not resolve to it", true);
                    return std::nullopt;
                }
            }
            Target target = endpointTarget(endpoint->id, client, client.vpc && *client.vpc == e->vpc);
            Packet after = p;
            after.dst = target.address;
            hop(resolver, "dns",
                (usesPrivateName ? svc->privateDnsName : "the endpoint-specific name of " + endpoint->id.str()) + " resolves to " +
                    endpoint->id.str() + " (" + target.address.toString() + ")",
                p, after);
            return target;
        }
        if (const LoadBalancer* lb = r->as<LoadBalancer>()) {
            const auto vpc = m_n.vpcOf(r->id);
            t.vpc = vpc.value_or(ResourceId());
            const bool outside = !client.vpc || !vpc || *client.vpc != *vpc;
            if (!lb->internal && outside) {
                t.kind = Target::Kind::PublicInterface;
                t.subnet = lb->subnets.empty() ? ResourceId() : lb->subnets.front();
                t.address = m_n.publicAddressOf(r->id);
                return t;
            }
            if (lb->subnets.empty()) {
                block("NO_PATH", r->id.str(), "load balancer " + r->id.str() + " has no subnet", true);
                return std::nullopt;
            }
            t.kind = Target::Kind::LoadBalancerEni;
            t.subnet = lb->subnets.front();
            for (const ResourceId& s : lb->subnets)
                if (m_n.availabilityZoneOf(s) == client.az)
                    t.subnet = s;
            t.address = m_n.interfaceAddress(r->id, t.subnet);
            return t;
        }
        block("NO_PATH", r->id.str(), r->id.str() + " cannot be the destination of a flow", true);
        return std::nullopt;
    }

    // ---- the walk ----
    void start()
    {
        const Resource* source = m_n.design().find(m_flow.source);
        Client client;
        Packet p;
        p.query = m_query;
        std::optional<Vertex> startVertex;
        if (const Workload* w = source->as<Workload>()) {
            client.vpc = m_n.vpcOf(source->id);
            client.subnet = w->subnet;
            client.az = m_n.availabilityZoneOf(w->subnet);
            p.src = m_n.interfaceAddress(source->id, w->subnet);
            m_sourceSubnet = w->subnet;
            m_sourceVpc = client.vpc.value_or(ResourceId());
            startVertex = m_g.routeTableOfSubnet(w->subnet);
        } else if (const OnPremisesHost* h = source->as<OnPremisesHost>()) {
            client.network = h->network;
            p.src = h->address;
            startVertex = m_g.find(NodeKind::OnPremises, h->network);
        } else if (const InternetHost* internetHost = source->as<InternetHost>()) {
            client.internet = true;
            p.src = internetHost->address;
            startVertex = m_g.internet();
        } else {
            const bool endpoint = source->as<VpcEndpoint>() != nullptr;
            block(endpoint ? "VPCE_INTRA_VPC_TRAFFIC" : "NO_PATH", source->id.str(),
                  source->id.str() + (endpoint ? " is an endpoint: it never initiates connections, it only carries replies (IF-7)"
                                               : " does not open connections; draw the flow from the client"),
                  true);
            return;
        }
        p.dst = p.src;
        hop(source->id.str(), "source", "opens " + describeQuery(m_query) + " to " + m_flow.destination.str(), p);
        if (m_sourceVpc.str().size())
            dep(m_sourceVpc.str());

        const auto target = resolve(client, p);
        if (!target || m_stopped)
            return;
        m_target = *target;
        p.dst = target->address;
        dep(target->subnet.str());
        // The source hop shows the destination the client ends up using.
        for (Hop& h : m_result.path) {
            if (h.action == "source" || h.action == "dns") {
                h.destination = p.dst.toString();
                h.destinationClassBefore = h.destinationClassAfter = classOf(p.dst);
            }
        }
        // Addresses PrivatePath had to assume (no privateIp): say so.
        for (const ResourceId& id : {m_flow.source, target->resource})
            if (const Workload* w = m_n.get<Workload>(id); w && !w->privateIp)
                note("ASSUMED_ADDRESSES", id.str(),
                     id.str() + " has no privateIp; PrivatePath assumes " + m_n.interfaceAddress(id, w->subnet).toString() +
                         ", the first usable address of " + w->subnet.str());
        // RT-3: IPv4 and IPv6 are separate; an IPv6 destination needs an IPv6 source address.
        if (p.dst.family() != p.src.family()) {
            const Workload* w = source->as<Workload>();
            if (w && w->ipv6Address && !p.dst.isV4()) {
                p.src = *w->ipv6Address;
            } else {
                block("CANNOT_ROUTE", source->id.str(),
                      source->id.str() + " has no " + (p.dst.isV4() ? std::string("IPv4") : std::string("IPv6")) +
                          " address to reach " + p.dst.toString() + " (RT-3)",
                      true);
                return;
            }
        }

        if (source->as<Workload>()) {
            checkSecurityGroups(source->id, Direction::Outbound, p, p.dst,
                                target->kind == Target::Kind::Interface ? std::optional<ResourceId>(target->resource) : std::nullopt);
            const bool sameSubnet = !target->subnet.empty() && target->subnet == m_sourceSubnet &&
                                    target->kind != Target::Kind::PublicInterface;
            if (!sameSubnet)
                checkAcl(m_sourceSubnet, Direction::Outbound, p, p.dst);
            if (sameSubnet) {
                deliverInVpc(m_sourceVpc, p, Arrival::Local, {});
                return;
            }
        }
        if (!startVertex) {
            block("NO_ROUTE_TO_DESTINATION", m_flow.source.str(), "no route table for " + m_flow.source.str(), true);
            return;
        }
        walk(*startVertex, p, source->as<OnPremisesHost>() ? Arrival::OnPremises
                                 : source->as<InternetHost>() ? Arrival::Internet
                                                              : Arrival::Local,
             m_sourceVpc);
    }

    std::string resourceOf(Vertex v) const
    {
        const ForwardingNode& node = m_g.node(v);
        return node.resource.empty() ? node.context.str() : node.resource.str();
    }

    void walk(Vertex v, Packet p, Arrival arrival, ResourceId currentVpc)
    {
        std::set<std::pair<Vertex, IpAddress>> visited;
        std::optional<ResourceId> transitIngress; // attachment the packet entered a transit gateway by
        std::optional<ResourceId> transitEgress;  // attachment it left the transit gateway by
        std::vector<Vertex> replyExpect;          // where a reply into the current domain must be sent
        for (int steps = 0; !m_stopped; ++steps) {
            if (steps >= 64 || !visited.insert({v, p.dst}).second) {
                block("CYCLIC_PATH_DETECTED", resourceOf(v),
                      "the packet to " + p.dst.toString() + " loops back to " + m_g.describe(v) + " (RT-7)", true);
                return;
            }
            const ForwardingNode node = m_g.node(v);
            const std::string id = node.resource.str();
            switch (node.kind) {
            case NodeKind::RouteTable: {
                // A VPC without a main route table resource has an implicit one: the VPC's id
                // stands for it in results, and the text names it.
                const std::string table = node.resource.empty() ? node.context.str() : id;
                const auto e = m_g.nextHop(v, p.dst);
                if (!e) {
                    block("NO_ROUTE_TO_DESTINATION", table,
                          m_g.describe(v) + " has no route to " + p.dst.toString() + " (RT-5)", true);
                    noRouteHints(table, p);
                    return;
                }
                const Vertex next = m_g.target(*e);
                hop(table, "route",
                    (node.resource.empty() ? m_g.describe(v) + ": route " : "route ") + m_g.edge(*e).text, p);
                if (next == m_g.blackhole()) {
                    block("BAD_STATE_ROUTE", table, "the route " + m_g.edge(*e).text + " is a blackhole (RT-5)", true);
                    return;
                }
                v = next;
                break;
            }
            case NodeKind::VpcLocal:
                deliverInVpc(node.resource, p, arrival, replyExpect);
                return;
            case NodeKind::InternetGateway: {
                const InternetGateway* igw = m_n.get<InternetGateway>(node.resource);
                if (!igw || !igw->vpc || *igw->vpc != currentVpc) {
                    block("BAD_STATE_ROUTE", id, "internet gateway " + id + " is not attached to " + currentVpc.str() + " (RT-5)", true);
                    return;
                }
                if (classOf(p.dst) == AddressClass::Private) {
                    block("IGW_DESTINATION_ADDRESS_NOT_IN_RFC1918_EGRESS", id,
                          "internet gateway " + id + " does not forward to the private address " + p.dst.toString() + " (IGW-3)", true);
                    return;
                }
                if (m_privateNat) {
                    block("CANNOT_ROUTE", m_privateNat->str(),
                          "private NAT gateway " + m_privateNat->str() + " never reaches the internet (IGW-5)", true);
                    return;
                }
                Packet after = p;
                std::string translated;
                const Workload* sourceWorkload = m_n.get<Workload>(m_flow.source);
                if (!p.src.isV4() && sourceWorkload && sourceWorkload->ipv6Address == p.src && arrival == Arrival::Local) {
                    translated = "IPv6 source " + p.src.toString() + " is a global address";
                } else if (m_publicNat && !m_publicNatEip) {
                    block("IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS", m_publicNat->str(),
                          "NAT gateway " + m_publicNat->str() + " has no Elastic IP, so internet gateway " + id +
                              " cannot carry its traffic (IGW-4)",
                          true);
                    return;
                } else if (m_publicNat && m_publicNatEip) {
                    after.src = *m_publicNatEip;
                    translated = "source " + p.src.toString() + " (" + m_publicNat->str() + ") becomes its Elastic IP " + after.src.toString();
                } else if (const Workload* w = m_n.get<Workload>(m_flow.source);
                           w && w->publicIp && arrival == Arrival::Local && p.src == m_n.interfaceAddress(m_flow.source, w->subnet)) {
                    after.src = m_n.publicAddressOf(m_flow.source);
                    translated = "source " + p.src.toString() + " becomes the public IP of " + m_flow.source.str();
                } else {
                    block("IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS", m_flow.source.str(),
                          "the source " + p.src.toString() + " has no public IP, so internet gateway " + id +
                              " cannot carry it (IGW-2); use a NAT gateway or a public IP",
                          true);
                    return;
                }
                hop(id, "translate", translated + "; to the internet", p, after);
                leavePrivateNetwork(id, "internet gateway " + id + " sends the packet to the internet on public addresses");
                p = after;
                v = m_g.internet();
                break;
            }
            case NodeKind::EgressOnlyGateway: {
                if (p.dst.isV4()) {
                    block("CANNOT_ROUTE", id, "egress-only internet gateway " + id + " carries IPv6 only (IGW-7)", true);
                    return;
                }
                hop(id, "forward", "IPv6, outbound only; to the internet", p);
                leavePrivateNetwork(id, "egress-only internet gateway " + id + " sends the packet to the internet");
                v = m_g.internet();
                break;
            }
            case NodeKind::NatGateway: {
                const NatGateway* nat = m_n.get<NatGateway>(node.resource);
                if (!nat || nat->state != LifecycleState::Available) {
                    block("BAD_STATE_ROUTE", id, "NAT gateway " + id + " is not available (RT-5)", true);
                    return;
                }
                if (arrival == Arrival::Peering || arrival == Arrival::Vpn || arrival == Arrival::DirectConnect || arrival == Arrival::OnPremises) {
                    block("NGW_REQUIRES_SOURCE_IN_VPC", id,
                          "traffic that arrived over VPC peering, VPN or Direct Connect cannot use NAT gateway " + id + " (IGW-5)", true);
                    return;
                }
                checkAcl(nat->subnet, Direction::Inbound, p, p.src);
                Packet after = p;
                after.src = m_n.interfaceAddress(node.resource, nat->subnet);
                hop(id, "translate", "source " + p.src.toString() + " becomes the NAT gateway's address " + after.src.toString(), p, after);
                if (nat->connectivity == NatConnectivity::Private)
                    m_privateNat = node.resource;
                else {
                    m_publicNat = node.resource;
                    m_publicNatEip = nat->elasticIp;
                }
                checkAcl(nat->subnet, Direction::Outbound, after, after.dst);
                // The reply comes back to the NAT gateway, which sends it on to the original source
                // with its own subnet's route table (TGW-2 for centralized egress).
                if (const auto natTable = m_g.routeTableOfSubnet(nat->subnet)) {
                    std::vector<Vertex> back;
                    if (arrival == Arrival::Transit && transitEgress) {
                        if (const auto in = m_g.find(NodeKind::TgwIngress, *transitEgress))
                            back.push_back(*in);
                    } else if (const auto local = m_g.find(NodeKind::VpcLocal, currentVpc)) {
                        back.push_back(*local);
                    }
                    m_replyRoutes.push_back({*natTable, p.src, back, nat->subnet.str(), "TGW-2, IGW-5"});
                }
                m_natSubnet = nat->subnet;
                p = after;
                const auto e = m_g.nextHop(v, p.dst);
                if (!e) {
                    block("NO_ROUTE_TO_DESTINATION", id, "NAT gateway " + id + " has no route table", true);
                    return;
                }
                v = m_g.target(*e);
                break;
            }
            case NodeKind::Peering: {
                const VpcPeering* pcx = m_n.get<VpcPeering>(node.resource);
                if (!pcx || pcx->state != PeeringState::Active) {
                    block("BAD_STATE_ROUTE", id, "VPC peering " + id + " is not active (PCX-1)", true);
                    return;
                }
                const ResourceId other = pcx->requesterVpc == currentVpc ? pcx->accepterVpc : pcx->requesterVpc;
                if (!m_n.vpcContains(other, p.dst)) {
                    block("PCX_REQUIRES_ADDRESS_IN_VPC_CIDR", id,
                          "peering " + id + " carries only traffic to " + other.str() + "'s CIDRs; " + p.dst.toString() +
                              " is not in them: peering is not transitive (PCX-3)",
                          true);
                    return;
                }
                if (!m_n.vpcContains(currentVpc, p.src)) {
                    block("PCX_REQUIRES_ADDRESS_IN_VPC_CIDR", id,
                          "peering " + id + " carries only traffic from " + currentVpc.str() + "'s CIDRs; the source " +
                              p.src.toString() + " is not in them (PCX-3, PCX-4)",
                          true);
                    return;
                }
                hop(id, "forward", "across the peering into " + other.str(), p);
                replyExpect = {v};
                arrival = Arrival::Peering;
                currentVpc = other;
                v = *m_g.find(NodeKind::VpcLocal, other);
                break;
            }
            case NodeKind::TgwIngress: {
                const TransitGatewayAttachment* a = m_n.get<TransitGatewayAttachment>(node.resource);
                if (!a || a->state != LifecycleState::Available) {
                    block("BAD_STATE_ROUTE", id, "transit gateway attachment " + id + " is not available", true);
                    return;
                }
                dep(a->transitGateway.str());
                if (boost::out_degree(v, m_g.graph()) == 0) {
                    hop(id, "forward", "into transit gateway " + a->transitGateway.str(), p);
                    block("TGW_ATTACH_MISSING_TGW_RTB_ASSOCIATION", id,
                          "attachment " + id + " is associated with no transit gateway route table (TGW-1)", true);
                    return;
                }
                hop(id, "forward", "into transit gateway " + a->transitGateway.str(), p);
                transitIngress = node.resource;
                v = m_g.target(*boost::out_edges(v, m_g.graph()).first);
                break;
            }
            case NodeKind::TgwRouteTable: {
                const auto e = m_g.nextHop(v, p.dst);
                if (!e) {
                    block("TGW_RTB_CANNOT_ROUTE", id, "transit gateway route table " + id + " has no route to " + p.dst.toString() + " (TGW-1)", true);
                    return;
                }
                hop(id, "route", "route " + m_g.edge(*e).text, p);
                const Vertex next = m_g.target(*e);
                if (next == m_g.blackhole()) {
                    block("BAD_STATE_ROUTE", id, "route " + m_g.edge(*e).text + " in " + id + " drops the packet (TGW-1)", true);
                    return;
                }
                // TGW-2: the reply enters through the egress attachment and must be routed back by
                // that attachment's route table to the ingress attachment.
                const ResourceId egress = m_g.node(next).resource;
                if (transitIngress) {
                    const auto egressTable = m_g.find(NodeKind::TgwIngress, egress);
                    const auto back = m_g.find(NodeKind::TgwEgress, *transitIngress);
                    if (egressTable && back && boost::out_degree(*egressTable, m_g.graph()) > 0)
                        m_replyRoutes.push_back({m_g.target(*boost::out_edges(*egressTable, m_g.graph()).first), p.src, {*back}, egress.str(), "TGW-2"});
                    else if (back)
                        m_replyRoutes.push_back({*back, p.src, {}, egress.str(), "TGW-1"}); // unassociated: cannot route back
                    replyExpect = {};
                    if (egressTable)
                        replyExpect.push_back(*egressTable);
                }
                v = next;
                break;
            }
            case NodeKind::TgwEgress: {
                const TransitGatewayAttachment* a = m_n.get<TransitGatewayAttachment>(node.resource);
                if (!a || a->state != LifecycleState::Available) {
                    block("BAD_STATE_ROUTE", id, "transit gateway attachment " + id + " is not available", true);
                    return;
                }
                if (boost::out_degree(v, m_g.graph()) == 0) {
                    block("CANNOT_ROUTE", id, "attachment " + id + " leads nowhere", true);
                    return;
                }
                hop(id, "forward", "out of transit gateway " + a->transitGateway.str() + " into " + a->resource.str(), p);
                arrival = Arrival::Transit;
                transitEgress = node.resource;
                if (a->attachmentType == TgwAttachmentType::Vpc)
                    currentVpc = a->resource;
                v = m_g.target(*boost::out_edges(v, m_g.graph()).first);
                break;
            }
            case NodeKind::VirtualPrivateGateway: {
                const VirtualPrivateGateway* g = m_n.get<VirtualPrivateGateway>(node.resource);
                if (!g || !g->vpc || *g->vpc != currentVpc) {
                    block("BAD_STATE_ROUTE", id, "virtual private gateway " + id + " is not attached to " + currentVpc.str(), true);
                    return;
                }
                if (arrival != Arrival::Local) {
                    block("CANNOT_ROUTE", id, "traffic that entered " + currentVpc.str() + " from outside cannot leave through " + id +
                                                  ": no edge-to-edge routing (PCX-4)", true);
                    return;
                }
                const auto e = m_g.nextHop(v, p.dst);
                if (!e) {
                    block("NO_ROUTE_TO_DESTINATION", id, "virtual private gateway " + id + " has no VPN or Direct Connect route to " + p.dst.toString() + " (HYB-1)", true);
                    return;
                }
                hop(id, "route", "route " + m_g.edge(*e).text, p);
                v = m_g.target(*e);
                break;
            }
            case NodeKind::VpnDown:
            case NodeKind::VpnUp: {
                const VpnConnection* vpn = m_n.get<VpnConnection>(node.resource);
                if (!vpn || vpn->state != LifecycleState::Available) {
                    block("BAD_STATE_ROUTE", id, "VPN connection " + id + " is not available", true);
                    return;
                }
                note("VPN_TUNNEL_OVER_INTERNET", id,
                     "VPN " + id + " carries private addresses inside an encrypted tunnel whose outer packets cross the internet (HYB-2)");
                if (node.kind == NodeKind::VpnDown) {
                    hop(id, "forward", "through the VPN tunnel to on premises", p);
                    arrival = Arrival::Vpn;
                    v = m_g.target(*boost::out_edges(v, m_g.graph()).first);
                    break;
                }
                hop(id, "forward", "through the VPN tunnel to " + vpn->gateway.str(), p);
                if (const VirtualPrivateGateway* g = m_n.get<VirtualPrivateGateway>(vpn->gateway); g && g->vpc)
                    hop(vpn->gateway.str(), "forward", "into " + g->vpc->str(), p);
                const auto e = m_g.nextHop(v, p.dst);
                if (!e) {
                    explainRemoteEntry(vpn->gateway, p, id);
                    return;
                }
                arrival = Arrival::Vpn;
                if (const VirtualPrivateGateway* g = m_n.get<VirtualPrivateGateway>(vpn->gateway)) {
                    if (g->vpc)
                        currentVpc = *g->vpc;
                    if (const auto gv = m_g.find(NodeKind::VirtualPrivateGateway, vpn->gateway))
                        replyExpect = {*gv};
                }
                v = m_g.target(*e);
                break;
            }
            case NodeKind::VifDown:
            case NodeKind::VifUp: {
                const DirectConnectVirtualInterface* vif = m_n.get<DirectConnectVirtualInterface>(node.resource);
                if (!vif || vif->state != LifecycleState::Available) {
                    block("BAD_STATE_ROUTE", id, "Direct Connect virtual interface " + id + " is not available", true);
                    return;
                }
                if (node.kind == NodeKind::VifDown) {
                    hop(id, "forward", "over Direct Connect to " + vif->onPremises.str(), p);
                    arrival = Arrival::DirectConnect;
                    v = m_g.target(*boost::out_edges(v, m_g.graph()).first);
                    break;
                }
                hop(id, "forward", "over Direct Connect (" + std::string(enumName(vif->vifType)) + " VIF)", p);
                const auto e = m_g.nextHop(v, p.dst);
                if (!e) {
                    if (vif->gateway)
                        explainRemoteEntry(*vif->gateway, p, id);
                    else
                        block("NO_ROUTE_TO_DESTINATION", id, "virtual interface " + id + " leads nowhere", true);
                    return;
                }
                arrival = Arrival::DirectConnect;
                if (vif->vifType == VifType::Public) {
                    leavePrivateNetwork(id, "public virtual interface " + id + " reaches AWS services on public addresses (HYB-3)");
                    note("STAYS_ON_AWS_NETWORK", id, "a public VIF uses public addresses but stays on the AWS network (HYB-3)");
                } else if (const VirtualPrivateGateway* g = m_n.get<VirtualPrivateGateway>(vif->gateway); g && g->vpc) {
                    currentVpc = *g->vpc;
                    if (const auto gv = m_g.find(NodeKind::VirtualPrivateGateway, *vif->gateway))
                        replyExpect = {*gv};
                } else if (m_g.node(m_g.target(*e)).kind == NodeKind::VpcLocal) {
                    currentVpc = m_g.node(m_g.target(*e)).resource;
                    if (const auto vgw = m_n.virtualPrivateGatewayOf(currentVpc))
                        if (const auto gv = m_g.find(NodeKind::VirtualPrivateGateway, *vgw))
                            replyExpect = {*gv};
                }
                v = m_g.target(*e);
                break;
            }
            case NodeKind::DxGatewayDown: {
                const auto e = m_g.nextHop(v, p.dst);
                if (!e) {
                    block("NO_ROUTE_TO_DESTINATION", id, "Direct Connect gateway " + id + " has no transit VIF route to " + p.dst.toString(), true);
                    return;
                }
                hop(id, "route", "route " + m_g.edge(*e).text, p);
                v = m_g.target(*e);
                break;
            }
            case NodeKind::OnPremises: {
                dep(id);
                if ((m_target.kind == Target::Kind::OnPremHost || m_target.kind == Target::Kind::OnPremAddress) &&
                    m_target.network == node.resource && p.dst == m_target.address) {
                    deliverOnPremises(id, p, arrival);
                    return;
                }
                const auto e = m_g.nextHop(v, p.dst);
                if (!e) {
                    block("NO_ROUTE_TO_DESTINATION", id, "on-premises network " + id + " has no route to " + p.dst.toString() + " (HYB-4)", true);
                    return;
                }
                const Vertex next = m_g.target(*e);
                if (m_g.node(next).kind == NodeKind::OnPremisesLocal) {
                    if (m_target.kind == Target::Kind::OnPremAddress || m_target.kind == Target::Kind::OnPremHost) {
                        deliverOnPremises(id, p, arrival);
                        return;
                    }
                    block("NO_PATH", id, p.dst.toString() + " is inside on-premises network " + id + ", not the destination", true);
                    return;
                }
                hop(id, "route", "route " + m_g.edge(*e).text, p);
                if (next == m_g.internet())
                    leavePrivateNetwork(id, "on-premises network " + id + " sends the packet out of its own internet breakout (HYB-4)");
                arrival = Arrival::OnPremises;
                v = next;
                break;
            }
            case NodeKind::GatewayEndpoint: {
                const VpcEndpoint* e = m_n.get<VpcEndpoint>(node.resource);
                if (!e || e->state != EndpointState::Available) {
                    block("BAD_STATE_ROUTE", id, "gateway endpoint " + id + " is not available", true);
                    return;
                }
                if (arrival != Arrival::Local || !m_n.vpcContains(currentVpc, p.src)) {
                    block("GATEWAY_ENDPOINT_REMOTE_SOURCE", id,
                          "gateway endpoint " + id + " cannot be used from the other side of a VPN, Direct Connect, peering or "
                                                     "transit gateway (GW-6)", true);
                    return;
                }
                if (p.query.protocol != Protocol::Tcp && p.query.protocol != Protocol::Icmp) {
                    block("VPCE_GATEWAY_PROTOCOL_RESTRICTION", id,
                          "gateway endpoint " + id + " carries TCP (and ICMP echo) only, not " + std::string(enumName(p.query.protocol)) + " (GW-8)", true);
                    return;
                }
                hop(id, "forward", "gateway endpoint to " + e->service.str() + " (GW-2)", p);
                v = m_g.target(*boost::out_edges(v, m_g.graph()).first);
                break;
            }
            case NodeKind::AwsService: {
                hop(id, "deliver", "reached " + id + " privately through a gateway endpoint", p);
                if (m_target.kind != Target::Kind::ServicePublic || m_target.resource != node.resource)
                    block("NO_PATH", id, "the gateway endpoint leads to " + id + ", not to " + m_flow.destination.str(), true);
                m_delivered = true;
                return;
            }
            case NodeKind::GwlbEndpoint: {
                const VpcEndpoint* e = m_n.get<VpcEndpoint>(node.resource);
                if (!e || e->state != EndpointState::Available) {
                    block("BAD_STATE_ROUTE", id, "Gateway Load Balancer endpoint " + id + " is not available", true);
                    return;
                }
                if (boost::out_degree(v, m_g.graph()) == 0) {
                    block("CANNOT_ROUTE", id, "Gateway Load Balancer endpoint " + id + " has no subnet", true);
                    return;
                }
                hop(id, "forward", "inspected by the appliances behind " + e->service.str() + " (GENEVE, UDP 6081), then routed on (SVC-8)", p);
                v = m_g.target(*boost::out_edges(v, m_g.graph()).first);
                break;
            }
            case NodeKind::Middlebox: {
                hop(id, "forward", "forwarded by the network interface of " + id, p);
                v = m_g.target(*boost::out_edges(v, m_g.graph()).first);
                break;
            }
            case NodeKind::Internet:
                arriveFromInternet(p);
                return;
            case NodeKind::AwsPublic:
                if (m_target.kind == Target::Kind::ServicePublic) {
                    hop(m_target.resource.str(), "deliver", "reached the public endpoint of " + m_target.resource.str(), p);
                    m_delivered = true;
                } else {
                    block("NO_PATH", id, "a public VIF reaches only AWS public endpoints", true);
                }
                return;
            case NodeKind::OnPremisesLocal:
            case NodeKind::Blackhole:
                block("BAD_STATE_ROUTE", resourceOf(v), "the packet is dropped", true);
                return;
            }
        }
    }

    // The packet entered a VPC from outside through `via` but its destination is not in the VPC:
    // AWS does not route it on (no edge-to-edge routing). Say which rule the user ran into.
    void explainRemoteEntry(const ResourceId& gateway, const Packet& p, const std::string& where)
    {
        const VirtualPrivateGateway* g = m_n.get<VirtualPrivateGateway>(gateway);
        if (g && g->vpc) {
            const auto table = m_g.routeTableVertex(m_n.mainRouteTable(*g->vpc), *g->vpc);
            // What would a route table of the VPC do with the destination?
            std::optional<Vertex> next;
            m_n.design().forEach<RouteTable>([&](const Resource& r, const RouteTable& t) {
                if (t.vpc != *g->vpc || next)
                    return;
                if (const auto rt = m_g.find(NodeKind::RouteTable, r.id))
                    if (const auto e = m_g.nextHop(*rt, p.dst); e && m_g.node(m_g.target(*e)).kind == NodeKind::GatewayEndpoint)
                        next = m_g.target(*e);
            });
            if (!next && table)
                if (const auto e = m_g.nextHop(*table, p.dst))
                    next = m_g.target(*e);
            if (next && m_g.node(*next).kind == NodeKind::GatewayEndpoint) {
                block("GATEWAY_ENDPOINT_REMOTE_SOURCE", m_g.node(*next).resource.str(),
                      "gateway endpoint " + m_g.node(*next).resource.str() + " in " + g->vpc->str() +
                          " cannot be used from the other side of a VPN or Direct Connect (GW-6)", true);
                return;
            }
            if (next && (m_g.node(*next).kind == NodeKind::NatGateway || m_g.node(*next).kind == NodeKind::InternetGateway)) {
                block("NGW_REQUIRES_SOURCE_IN_VPC", m_g.node(*next).resource.str(),
                      "traffic from " + where + " cannot use " + m_g.node(*next).resource.str() + " in " + g->vpc->str() +
                          ": no edge-to-edge routing (IGW-5, PCX-4)", true);
                return;
            }
        }
        block("NO_ROUTE_TO_DESTINATION", where,
              p.dst.toString() + " is not inside the VPC behind " + gateway.str() + "; AWS does not route it further (PCX-4)", true);
    }

    void deliverOnPremises(const std::string& network, const Packet& p, Arrival arrival)
    {
        hop(m_target.kind == Target::Kind::OnPremHost ? m_target.resource.str() : network, "deliver",
            "delivered to " + p.dst.toString() + " in " + network, p);
        m_delivered = true;
        // The on-premises router must send the reply back over a link into AWS (SVC-5, HYB-1).
        if (arrival == Arrival::Vpn || arrival == Arrival::DirectConnect) {
            const auto router = m_g.find(NodeKind::OnPremises, ResourceId(network));
            std::vector<Vertex> links;
            for (auto [e, end] = boost::out_edges(*router, m_g.graph()); e != end; ++e) {
                const NodeKind k = m_g.node(m_g.target(*e)).kind;
                if (k == NodeKind::VpnUp || k == NodeKind::VifUp)
                    links.push_back(m_g.target(*e));
            }
            m_replyRoutes.push_back({*router, p.src, links, network, "HYB-1"});
        }
    }

    void arriveFromInternet(const Packet& p)
    {
        switch (m_target.kind) {
        case Target::Kind::InternetHost:
            hop(m_target.resource.str(), "deliver", "reached " + p.dst.toString() + " on the internet", p);
            m_delivered = true;
            return;
        case Target::Kind::ServicePublic: {
            hop(m_target.resource.str(), "deliver", "reached the public endpoint of " + m_target.resource.str(), p);
            m_delivered = true;
            const AwsService* s = m_n.get<AwsService>(m_target.resource);
            if (s && !m_sourceVpc.empty() && m_n.regionCodeOf(s->region) == m_n.regionCodeOfVpc(m_sourceVpc))
                note("STAYS_ON_AWS_NETWORK", m_target.resource.str(),
                     "traffic to " + s->service + " in the same Region uses public addresses but stays on the AWS network (IGW-6)");
            return;
        }
        case Target::Kind::PublicInterface: {
            const auto igw = m_n.internetGatewayOf(m_target.vpc);
            if (!igw) {
                block("NO_ROUTE_TO_DESTINATION", m_target.vpc.str(), m_target.vpc.str() + " has no internet gateway, so " +
                                                                        m_target.resource.str() + " is not reachable from the internet (IGW-1)", true);
                return;
            }
            Packet inside = p;
            inside.dst = m_target.kind == Target::Kind::PublicInterface && m_n.get<LoadBalancer>(m_target.resource)
                             ? m_n.interfaceAddress(m_target.resource, m_target.subnet)
                             : m_n.interfaceAddress(m_target.resource, m_target.subnet);
            if (!p.dst.isV4())
                inside.dst = p.dst; // IPv6: no translation
            hop(igw->str(), p.dst.isV4() ? "translate" : "forward",
                p.dst.isV4() ? "from the internet; destination " + p.dst.toString() + " becomes the private address " + inside.dst.toString()
                             : "from the internet to the global IPv6 address " + p.dst.toString(),
                p, inside);
            leavePrivateNetwork(igw->str(), "the connection comes in from the internet through internet gateway " + igw->str());
            std::vector<Vertex> expect;
            if (const auto gv = m_g.find(NodeKind::InternetGateway, *igw))
                expect.push_back(*gv);
            deliverInVpc(m_target.vpc, inside, Arrival::Internet, expect);
            return;
        }
        default:
            block("NO_ROUTE_TO_DESTINATION", m_target.resource.str(),
                  "the internet does not route to the private address " + p.dst.toString(), true);
        }
    }

    // The packet is inside `vpc` for local delivery to the target interface.
    void deliverInVpc(const ResourceId& vpc, const Packet& p, Arrival arrival, const std::vector<Vertex>& replyExpect)
    {
        dep(vpc.str());
        const bool interface = m_target.kind == Target::Kind::Interface || m_target.kind == Target::Kind::EndpointEni ||
                               m_target.kind == Target::Kind::LoadBalancerEni || m_target.kind == Target::Kind::PublicInterface;
        if (!interface || m_target.vpc != vpc) {
            block("NO_PATH", vpc.str(),
                  p.dst.toString() + " is inside " + vpc.str() + " but the destination " + m_target.resource.str() +
                      (m_target.vpc.empty() ? std::string(" is not there") : " is in " + m_target.vpc.str()) +
                      " (overlapping CIDRs?)",
                  true);
            return;
        }
        if (arrival != Arrival::Local || m_target.subnet != m_sourceSubnet || m_natSubnet)
            checkAcl(m_target.subnet, Direction::Inbound, p, p.src);
        // A security group rule can name the source's group when the packet still carries the
        // source's own address: in the same VPC or across a peering (SG-2).
        const Workload* sourceWorkload = m_n.get<Workload>(m_flow.source);
        const bool ownAddress = sourceWorkload && !m_natSubnet &&
                                (p.src == m_n.interfaceAddress(m_flow.source, sourceWorkload->subnet) || p.src == sourceWorkload->ipv6Address);
        const std::optional<ResourceId> peer =
            (arrival == Arrival::Local || arrival == Arrival::Peering) && ownAddress ? std::optional<ResourceId>(m_flow.source) : std::nullopt;
        checkSecurityGroups(m_target.resource, Direction::Inbound, p, p.src, peer);
        if (arrival != Arrival::Local) {
            const char* rule = arrival == Arrival::Peering    ? "PCX-1"
                               : arrival == Arrival::Transit  ? "TGW-2"
                               : arrival == Arrival::Internet ? "IGW-1"
                                                              : "HYB-1";
            if (const auto rt = m_g.routeTableOfSubnet(m_target.subnet))
                m_replyRoutes.push_back({*rt, p.src, replyExpect, m_target.subnet.str(), rule});
        }
        switch (m_target.kind) {
        case Target::Kind::EndpointEni:
            hop(m_target.resource.str(), "deliver", "reached an interface of endpoint " + m_target.resource.str() + " in " + m_target.subnet.str(), p);
            privateLink(p);
            return;
        case Target::Kind::LoadBalancerEni:
        case Target::Kind::PublicInterface:
            if (const LoadBalancer* lb = m_n.get<LoadBalancer>(m_target.resource)) {
                hop(m_target.resource.str(), "deliver", "reached load balancer " + m_target.resource.str(), p);
                loadBalancer(m_target.resource, *lb, m_target.subnet, p);
                return;
            }
            [[fallthrough]];
        default:
            hop(m_target.resource.str(), "deliver", "delivered to " + m_target.resource.str() + " (" + p.dst.toString() + ")", p);
            m_delivered = true;
        }
    }

    void privateLink(const Packet& p)
    {
        const VpcEndpoint* e = m_n.get<VpcEndpoint>(m_target.resource);
        const std::string id = m_target.resource.str();
        if (e->state != EndpointState::Available) {
            block("ENDPOINT_NOT_AVAILABLE", id,
                  "endpoint " + id + " is " + std::string(enumName(e->state)) + "; only an available endpoint carries traffic (SVC-2)", true);
            return;
        }
        dep(e->service.str());
        if (const AwsService* s = m_n.get<AwsService>(e->service)) {
            hop(e->service.str(), "deliver", "PrivateLink to " + s->service + " (" + m_n.regionCodeOf(s->region) + ")", p);
            m_delivered = true;
            return;
        }
        const EndpointService* svc = m_n.get<EndpointService>(e->service);
        const LoadBalancer* lb = svc ? m_n.get<LoadBalancer>(svc->loadBalancer) : nullptr;
        if (!lb) {
            block("NO_PATH", e->service.str(), "endpoint service " + e->service.str() + " has no load balancer", true);
            return;
        }
        hop(e->service.str(), "privateLink", "PrivateLink to endpoint service " + e->service.str() + " behind " + svc->loadBalancer.str(), p);
        // The provider's load balancer receives it in the endpoint's AZ if it can (SVC-4).
        const std::string az = m_n.availabilityZoneOf(m_target.subnet);
        ResourceId lbSubnet = lb->subnets.empty() ? ResourceId() : lb->subnets.front();
        bool sameAz = false;
        for (const ResourceId& s : lb->subnets)
            if (m_n.availabilityZoneOf(s) == az) {
                lbSubnet = s;
                sameAz = true;
            }
        if (!sameAz && !lbSubnet.empty())
            note("AVAILABILITY_ZONE_CROSSED", svc->loadBalancer.str(),
                 "the load balancer is not enabled in " + az + "; the flow crosses to " + m_n.availabilityZoneOf(lbSubnet));
        loadBalancer(svc->loadBalancer, *lb, lbSubnet, p);
    }

    void loadBalancer(const ResourceId& lbId, const LoadBalancer& lb, const ResourceId& lbSubnet, const Packet& p)
    {
        dep(lbId.str());
        if (!lb.listeners.empty() &&
            std::none_of(lb.listeners.begin(), lb.listeners.end(), [&](const Listener& l) {
                return l.port == p.query.port && (l.protocol == Protocol::All || l.protocol == p.query.protocol);
            })) {
            block("LB_LISTENER_MISMATCH", lbId.str(),
                  "load balancer " + lbId.str() + " has no listener for " + describeQuery(p.query), true);
            return;
        }
        if (lb.targets.empty()) {
            block("NO_PATH", lbId.str(), "load balancer " + lbId.str() + " has no targets", true);
            return;
        }
        const IpAddress lbAddress = m_n.interfaceAddress(lbId, lbSubnet);
        const auto lbVpc = m_n.vpcOf(lbId).value_or(ResourceId());
        // Try the targets in order; report the first that is reached, else the first one's problems.
        struct Attempt {
            FlowResult result;
            std::vector<ReplyRoute> replies;
            std::vector<AclCrossing> crossings;
            bool delivered, stopped, left;
        };
        const Attempt before{m_result, m_replyRoutes, m_crossings, m_delivered, m_stopped, m_leftPrivate};
        std::optional<Attempt> firstFailure;
        const Target outer = m_target;
        for (const LoadBalancerTarget& t : lb.targets) {
            m_result = before.result;
            m_replyRoutes = before.replies;
            m_crossings = before.crossings;
            m_delivered = before.delivered;
            m_stopped = before.stopped;
            m_leftPrivate = before.left;
            Packet inner = p;
            inner.src = lbAddress;
            inner.query.port = t.port;
            Target target;
            if (t.instance) {
                const Workload* w = m_n.get<Workload>(*t.instance);
                target.kind = Target::Kind::Interface;
                target.resource = *t.instance;
                target.subnet = w ? w->subnet : ResourceId();
                target.vpc = m_n.vpcOf(*t.instance).value_or(ResourceId());
                target.address = m_n.interfaceAddress(*t.instance, target.subnet);
            } else {
                target = ipTarget(*t.ip);
            }
            inner.dst = target.address;
            m_target = target;
            hop(lbId.str(), "translate",
                "forwards to target " + (t.instance ? t.instance->str() : t.ip->toString()) + ":" + std::to_string(t.port) +
                    "; the source becomes the load balancer's address " + lbAddress.toString() + " (SVC-3)",
                p, inner);
            const ResourceId savedSubnet = m_sourceSubnet;
            m_sourceSubnet = lbSubnet;
            const auto savedNat = m_natSubnet;
            m_natSubnet.reset();
            if (target.kind == Target::Kind::Interface && target.vpc == lbVpc) {
                if (target.subnet != lbSubnet)
                    checkAcl(lbSubnet, Direction::Outbound, inner, inner.dst);
                const Target saved = m_target;
                checkSecurityGroups(target.resource, Direction::Inbound, inner, inner.src, std::optional<ResourceId>(lbId));
                if (target.subnet != lbSubnet)
                    checkAcl(target.subnet, Direction::Inbound, inner, inner.src);
                hop(target.resource.str(), "deliver", "delivered to target " + target.resource.str() + " (" + inner.dst.toString() + ")", inner);
                m_delivered = true;
                m_target = saved;
            } else if (const auto rt = m_g.routeTableOfSubnet(lbSubnet)) {
                checkAcl(lbSubnet, Direction::Outbound, inner, inner.dst);
                walk(*rt, inner, Arrival::Local, lbVpc);
            }
            m_sourceSubnet = savedSubnet;
            m_natSubnet = savedNat;
            if (m_delivered && m_result.blocking.size() == before.result.blocking.size()) {
                m_target = outer;
                return;
            }
            if (!firstFailure)
                firstFailure = Attempt{m_result, m_replyRoutes, m_crossings, m_delivered, m_stopped, m_leftPrivate};
        }
        m_result = firstFailure->result;
        m_replyRoutes = firstFailure->replies;
        m_crossings = firstFailure->crossings;
        m_delivered = firstFailure->delivered;
        m_stopped = firstFailure->stopped;
        m_leftPrivate = firstFailure->left;
        m_target = outer;
    }

    // Who owns an IP target: a workload, an on-premises host, or an address of an on-premises
    // network (SVC-5).
    Target ipTarget(const IpAddress& address)
    {
        Target t;
        t.address = address;
        t.kind = Target::Kind::OnPremAddress;
        for (const Resource& r : m_n.design().resources()) {
            if (const Workload* w = r.as<Workload>(); w && w->privateIp == address) {
                t.kind = Target::Kind::Interface;
                t.resource = r.id;
                t.subnet = w->subnet;
                t.vpc = m_n.vpcOf(r.id).value_or(ResourceId());
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

    // Why a route table has no route: a hint when an endpoint would have given one.
    void noRouteHints(const std::string& table, const Packet&)
    {
        if (m_target.kind == Target::Kind::ServicePublic)
            serviceHints(table);
    }

    void serviceHints(const std::string& table)
    {
        const AwsService* s = m_n.get<AwsService>(m_target.resource);
        if (!s || m_sourceVpc.empty())
            return;
        const std::string region = m_n.regionCodeOf(s->region);
        if (serviceHasGatewayEndpoint(s->service) && region == m_n.regionCodeOfVpc(m_sourceVpc)) {
            std::string existing;
            for (const ResourceId& id : m_n.endpointsIn(m_sourceVpc))
                if (const VpcEndpoint* e = m_n.get<VpcEndpoint>(id); e && e->endpointType == EndpointType::Gateway && e->service == m_target.resource)
                    existing = id.str();
            // GW-4: associated, but a more specific (or equally specific static) route wins.
            const ResourceIds& onTable = m_n.gatewayEndpointsOn(ResourceId(table));
            const auto associated = std::find_if(onTable.begin(), onTable.end(), [&](const ResourceId& e) {
                const VpcEndpoint* endpoint = m_n.get<VpcEndpoint>(e);
                return endpoint && endpoint->service == m_target.resource;
            });
            const auto rt = m_g.find(NodeKind::RouteTable, ResourceId(table));
            if (associated != onTable.end() && rt) {
                int endpointLength = -1;
                for (auto [e, end] = boost::out_edges(*rt, m_g.graph()); e != end; ++e)
                    if (m_g.node(m_g.target(*e)).resource == *associated && m_g.edge(*e).prefix &&
                        m_g.edge(*e).prefix->contains(m_target.address))
                        endpointLength = std::max(endpointLength, m_g.edge(*e).prefix->prefixLength());
                if (const auto chosen = m_g.nextHop(*rt, m_target.address); chosen && endpointLength >= 0) {
                    const ForwardingEdge& winner = m_g.edge(*chosen);
                    const bool longer = winner.prefix && winner.prefix->prefixLength() > endpointLength;
                    hint(longer ? "MORE_SPECIFIC_ROUTE" : "HIGHER_PRIORITY_ROUTE", table,
                         "route " + winner.text + " in " + table + " beats the prefix-list route of gateway endpoint " +
                             associated->str() + (longer ? " (longer prefix)" : " (static routes win at equal length)") +
                             "; remove or narrow it to keep the flow private (GW-4)");
                }
                return;
            }
            // `table` is a VPC's id where the VPC has no main route table resource (RT-4).
            const std::string tableName =
                m_n.get<RouteTable>(ResourceId(table)) ? "route table " + table : "the main route table of " + table;
            if (!existing.empty())
                hint("GATEWAY_ENDPOINT_NOT_ASSOCIATED", existing,
                     "gateway endpoint " + existing + " for " + s->service + " exists in " + m_sourceVpc.str() +
                         " but is not associated with " + tableName + "; associate it to keep the flow private (GW-2)");
            else
                hint("USE_GATEWAY_ENDPOINT", table,
                     "a gateway endpoint for " + s->service + " associated with " + tableName + " would keep the flow private (GW-2)");
        } else if (interfaceEndpoints(m_sourceVpc, m_target.resource).empty()) {
            hint("USE_INTERFACE_ENDPOINT", m_sourceVpc.str(),
                 "an interface endpoint for " + s->service + " in " + m_sourceVpc.str() + " with private DNS on would keep the flow private (IF-2)");
        }
    }

    // ---- the end ----
    void checkReturnPath()
    {
        if (m_query.protocol != Protocol::Tcp || !m_delivered || m_stopped || !m_result.blocking.empty())
            return;
        m_result.returnChecked = true;
        PortQuery reply;
        reply.protocol = m_query.protocol;
        reply.port = kEphemeralPort;
        for (const AclCrossing& c : m_crossings) {
            const Direction opposite = c.direction == Direction::Inbound ? Direction::Outbound : Direction::Inbound;
            const RuleDecision d = m_n.networkAclAllows(c.subnet, opposite, reply, c.peer);
            if (!d.allowed) {
                m_result.returnOk = false;
                block("SUBNET_ACL_RESTRICTION", d.deciding,
                      "return traffic: network ACL of " + c.subnet.str() + ": " + d.rule + " (replies use ephemeral ports, ACL-1)", false);
            }
        }
        for (const ReplyRoute& r : m_replyRoutes) {
            const auto e = m_g.nextHop(r.from, r.replyDestination);
            const bool ok = e && (r.expect.empty() ? false
                                                   : std::find(r.expect.begin(), r.expect.end(), m_g.target(*e)) != r.expect.end());
            if (ok)
                continue;
            m_result.returnOk = false;
            const ForwardingNode& from = m_g.node(r.from);
            const std::string where = from.resource.empty() ? from.context.str() : from.resource.str();
            std::string expected;
            for (const Vertex v : r.expect)
                expected += (expected.empty() ? "" : " or ") + m_g.describe(v);
            const bool viaEgressOnly = e && m_g.node(m_g.target(*e)).kind == NodeKind::EgressOnlyGateway;
            block(from.kind == NodeKind::TgwRouteTable ? "TGW_RTB_CANNOT_ROUTE" : "NO_ROUTE_TO_DESTINATION", where,
                  "return traffic: " + m_g.describe(r.from) + " has no route back to " + r.replyDestination.toString() +
                      (expected.empty() ? std::string() : " through " + expected) +
                      (e ? " (it uses " + m_g.edge(*e).text + ")" : std::string()) +
                      (viaEgressOnly ? "; an egress-only internet gateway carries only connections initiated from inside (IGW-7)"
                                     : " (" + r.rule + ")"),
                  false);
        }
    }

    void finish()
    {
        checkReturnPath();
        // Flows through an invalid design are unreachable (NETWORK-RULES section 1).
        std::set<std::string> reported;
        std::vector<std::string> involved;
        for (const Hop& h : m_result.path)
            involved.push_back(h.resource);
        involved.push_back(m_flow.id.str());
        for (const std::string& id : involved)
            for (const Finding* f : m_n.errorFindingsOf(id))
                if (reported.insert(f->code + "|" + joinIds(f->ids)).second)
                    m_result.blocking.push_back({f->code, id, "invalid design: " + f->message});
        if (!m_result.blocking.empty() || !m_delivered) {
            if (m_result.blocking.empty())
                m_result.blocking.push_back({"NO_PATH", m_flow.destination.str(), "the destination was not reached"});
            m_result.verdict = Verdict::Unreachable;
            m_result.leavesAt.reset();
            std::erase_if(m_result.notes, [](const Explanation& e) { return e.code == "STAYS_ON_AWS_NETWORK"; });
        } else if (m_leftPrivate) {
            m_result.verdict = Verdict::Public;
            m_result.notes.insert(m_result.notes.begin(), m_leavingReason);
            if (m_target.kind == Target::Kind::ServicePublic && m_result.hints.empty()) {
                std::string table;
                for (const Hop& h : m_result.path)
                    if (h.action == "route") {
                        table = h.resource;
                        break;
                    }
                serviceHints(table);
            }
        } else {
            m_result.verdict = Verdict::Private;
            m_result.hints.clear();
        }
        m_result.expected = m_flow.expect;
        if (m_flow.expect)
            m_result.expectationMet = *m_flow.expect == m_result.verdict;
    }

    const Network& m_n;
    const ForwardingGraph& m_g;
    const Flow& m_flow;
    std::set<std::string>* m_deps;
    FlowResult m_result;
    PortQuery m_query;
    Target m_target;
    ResourceId m_sourceSubnet, m_sourceVpc;
    std::optional<ResourceId> m_natSubnet, m_privateNat, m_publicNat;
    std::optional<IpAddress> m_publicNatEip;
    std::vector<ReplyRoute> m_replyRoutes;
    std::vector<AclCrossing> m_crossings;
    Explanation m_leavingReason;
    Packet m_lastPacket;
    bool m_stopped = false, m_delivered = false, m_leftPrivate = false;
};

} // namespace

FlowResult traceFlow(const Network& network, const ForwardingGraph& graph, const Flow& flow, std::set<std::string>* dependencies)
{
    if (!network.design().find(flow.source) || !network.design().find(flow.destination)) {
        FlowResult r;
        r.flow = flow.id;
        r.blocking.push_back({"NO_PATH", flow.id.str(), "the flow's source or destination does not exist"});
        return r;
    }
    return FlowTracer(network, graph, flow, dependencies).run();
}

} // namespace pp
