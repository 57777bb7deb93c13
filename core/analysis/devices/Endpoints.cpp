// VPC endpoints and PrivateLink (rules GW-*, IF-*, SVC-1 to SVC-6): gateway endpoints, interface
// endpoints and the DNS that leads to them, endpoint services, and AWS services as destinations.

#include "analysis/trace/Device.h"

#include "aws/AwsData.h"

#include <algorithm>

namespace pp::trace {
namespace {

// Interface endpoints of `service` in `vpc`. `withInterfaces`: only those with a subnet, the
// ones that have network interfaces and so DNS records (an endpoint without a subnet is an
// invalid design, ENDPOINT_WITHOUT_SUBNET, and AWS gives it no addresses to resolve to: IF-1).
std::vector<const Resource*> interfaceEndpoints(const Trace& tr, const ResourceId& vpc, const ResourceId& service,
                                                bool withInterfaces = false)
{
    std::vector<const Resource*> out;
    for (const ResourceId& id : tr.net.endpointsIn(vpc)) {
        const Resource* r = tr.net.design().find(id);
        const VpcEndpoint* e = r ? r->as<VpcEndpoint>() : nullptr;
        if (e && e->service == service && e->endpointType == EndpointType::Interface && (!withInterfaces || !e->subnets.empty()))
            out.push_back(r);
    }
    return out;
}

bool hasInterfaces(const Trace& tr, const ResourceId& endpoint)
{
    const VpcEndpoint* e = tr.net.get<VpcEndpoint>(endpoint);
    return !e || e->endpointType != EndpointType::Interface || !e->subnets.empty();
}

ResourceId endpointSubnetFor(Trace& tr, const VpcEndpoint& e, const std::string& az, const std::string& endpointId, bool inVpcClient)
{
    for (const ResourceId& s : e.subnets)
        if (tr.net.availabilityZoneOf(s) == az)
            return s;
    if (e.subnets.empty())
        return {};
    if (inVpcClient && !az.empty())
        tr.note("AVAILABILITY_ZONE_CROSSED", endpointId,
                "no endpoint interface in " + az + "; the flow crosses to " + tr.net.availabilityZoneOf(e.subnets.front()) +
                    " (IF-5)");
    return e.subnets.front();
}

// Resolves an AWS service name for a client, in the VPC whose Amazon DNS answers
// (rules IF-2, IF-3, IF-4, IF-6, PCX-5). `viaResolver`: the query came through an inbound
// Resolver endpoint from on premises.
std::optional<ResourceId> privateAnswer(Trace& tr, const ResourceId& answeringVpc, const ResourceId& service, const std::string& name,
                                        bool viaResolver, bool& privateDnsOffSeen)
{
    tr.dep(answeringVpc.str());
    const Vpc* vpc = tr.net.get<Vpc>(answeringVpc);
    if (vpc && vpc->enableDnsSupport) {
        for (const Resource* r : interfaceEndpoints(tr, answeringVpc, service)) {
            const VpcEndpoint* e = r->as<VpcEndpoint>();
            tr.dep(r->id.str());
            if (e->subnets.empty())
                continue; // no network interfaces, so no DNS records: the name resolves as without it (IF-1)
            if (!e->privateDns) {
                privateDnsOffSeen = true;
                continue;
            }
            if (e->privateDnsOnlyForInboundResolverEndpoint && !viaResolver)
                continue; // IF-6: in-VPC clients use the gateway endpoint
            return r->id;
        }
    }
    for (const ResourceId& z : tr.net.hostedZonesFor(name)) {
        const PrivateHostedZone* zone = tr.net.get<PrivateHostedZone>(z);
        tr.dep(z.str());
        if (zone && zone->aliasTarget && std::find(zone->vpcs.begin(), zone->vpcs.end(), answeringVpc) != zone->vpcs.end() &&
            hasInterfaces(tr, *zone->aliasTarget)) {
            tr.dep(zone->aliasTarget->str());
            return zone->aliasTarget;
        }
    }
    return std::nullopt;
}

std::optional<Target> resolveService(Trace& tr, const ResourceId& serviceId, const Client& client, const Packet& p)
{
    const AwsService* s = tr.net.get<AwsService>(serviceId);
    const std::string name = tr.flow.dnsName.empty() ? serviceDefaultDnsName(s->service, tr.net.regionCodeOf(s->region)) : tr.flow.dnsName;
    bool privateDnsOff = false;
    std::optional<ResourceId> endpoint;
    std::string resolver;
    bool inVpcClient = false;
    if (client.vpc) {
        endpoint = privateAnswer(tr, *client.vpc, serviceId, name, false, privateDnsOff);
        resolver = client.vpc->str();
        inVpcClient = true;
    } else if (client.network) {
        const OnPremisesNetwork* n = tr.net.get<OnPremisesNetwork>(*client.network);
        for (const DnsForwardingRule& rule : n ? n->dnsForwarding : std::vector<DnsForwardingRule>{}) {
            const bool matches = name == rule.domain ||
                                 (name.size() > rule.domain.size() && name.compare(name.size() - rule.domain.size(), rule.domain.size(), rule.domain) == 0 &&
                                  name[name.size() - rule.domain.size() - 1] == '.');
            const ResolverEndpoint* r = tr.net.get<ResolverEndpoint>(rule.resolverEndpoint);
            if (!matches || !r)
                continue;
            resolver = rule.resolverEndpoint.str();
            endpoint = privateAnswer(tr, r->vpc, serviceId, name, true, privateDnsOff);
            break;
        }
    }
    if (endpoint) {
        Target t = endpointTarget(tr, *endpoint, client, inVpcClient && tr.net.get<VpcEndpoint>(*endpoint)->vpc == *client.vpc);
        Packet after = p;
        after.dst = t.address;
        tr.hop(resolver, "dns", name + " resolves to interface endpoint " + endpoint->str() + " (" + t.address.toString() +
                                    ", private DNS)", p, after);
        return t;
    }
    Target t;
    t.kind = Target::Kind::ServicePublic;
    t.resource = serviceId;
    bool assumed = false;
    const Cidrs prefixes = tr.net.serviceAddresses(serviceId, &assumed);
    // DST-1: the flow names the exact address, or PrivatePath picks one of the Regional prefix
    // list and says which. Prefix-list routes and rules then apply only if it is in the list.
    const std::optional<IpAddress>& named = tr.flow.destinationAddress;
    t.address = named ? *named : tr.net.servicePublicAddress(serviceId);
    Packet after = p;
    after.dst = t.address;
    tr.hop(resolver.empty() ? (client.network ? client.network->str() : tr.flow.source.str()) : resolver, "dns",
           name + " resolves to a public address of " + s->service + " (" + t.address.toString() +
               (named ? ", the flow's destinationAddress)" : ")"),
           p, after);
    if (assumed)
        tr.note("ASSUMED_ADDRESSES", serviceId.str(),
                "PrivatePath has no prefix list for " + s->service + " in " + tr.net.regionCodeOf(s->region) +
                    "; it assumes the service's public addresses; add a prefixList to be exact");
    else if (!named && !prefixes.empty())
        tr.note("ASSUMED_ADDRESSES", serviceId.str(),
                "the flow names no destinationAddress; PrivatePath uses " + t.address.toString() + ", an address of " + s->service +
                    "'s prefix list in " + tr.net.regionCodeOf(s->region) + " (" + prefixes.front().toString() + ") (DST-1)");
    else if (std::none_of(prefixes.begin(), prefixes.end(), [&](const Cidr& c) { return c.contains(*named); }))
        tr.note("DESTINATION_ADDRESS_NOT_IN_PREFIX_LIST", serviceId.str(),
                named->toString() + " is not in " + s->service + "'s prefix list in " + tr.net.regionCodeOf(s->region) +
                    ": its prefix-list routes (gateway endpoints) and rules do not apply to this flow (DST-1)");
    // Why it did not resolve privately, and what would change it.
    if (privateDnsOff)
        tr.hint("INTERFACE_ENDPOINT_PRIVATE_DNS_OFF", serviceId.str(),
                "an interface endpoint for " + s->service + " exists in " + resolver +
                    " but its private DNS is off, so " + name + " resolves publicly; turn private DNS on (IF-3)");
    if (!client.vpc || !endpoint) {
        // An endpoint elsewhere whose name is not shared with this client (IF-4, PCX-5).
        for (const ResourceId& id : tr.net.endpointsTo(serviceId)) {
            const VpcEndpoint* e = tr.net.get<VpcEndpoint>(id);
            if (!e || e->endpointType != EndpointType::Interface)
                continue; // gateway endpoints answer no DNS (an edit turning one into an interface endpoint touches the service)
            tr.dep(id.str());
            if (!e->privateDns || e->subnets.empty() || (client.vpc && e->vpc == *client.vpc))
                continue;
            tr.hint("PRIVATE_DNS_NOT_SHARED", id.str(),
                    "interface endpoint " + id.str() + " in " + e->vpc.str() + " serves " + name + " privately only inside " +
                        e->vpc.str() + "; share a private hosted zone with the client's VPC or forward DNS to a Resolver "
                                       "inbound endpoint in " + e->vpc.str() + " (IF-4)");
        }
    }
    return t;
}

// The packet reached an interface of the target endpoint: PrivateLink takes it to the service.
void privateLink(Trace& tr, const Packet& p)
{
    const VpcEndpoint* e = tr.net.get<VpcEndpoint>(tr.target.resource);
    const std::string id = tr.target.resource.str();
    if (e->state != EndpointState::Available) {
        tr.block("ENDPOINT_NOT_AVAILABLE", id,
                 "endpoint " + id + " is " + std::string(enumName(e->state)) + "; only an available endpoint carries traffic (SVC-2)", true);
        return;
    }
    tr.dep(e->service.str());
    if (e->endpointType == EndpointType::Resource || e->endpointType == EndpointType::ServiceNetwork) {
        // The flow names the configuration it reaches through a service network (or this resource
        // endpoint's own, when it names the endpoint).
        const bool viaEndpointName = tr.flow.destination == tr.target.resource;
        resourceLink(tr, p, tr.target.resource, viaEndpointName ? e->service : tr.flow.destination);
        return;
    }
    if (const AwsService* s = tr.net.get<AwsService>(e->service)) {
        tr.hop(e->service.str(), "deliver", "PrivateLink to " + s->service + " (" + tr.net.regionCodeOf(s->region) + ")", p);
        tr.delivered = true;
        return;
    }
    const EndpointService* svc = tr.net.get<EndpointService>(e->service);
    const LoadBalancer* lb = svc ? tr.net.get<LoadBalancer>(svc->loadBalancer) : nullptr;
    if (!lb) {
        tr.block("NO_PATH", e->service.str(), "endpoint service " + e->service.str() + " has no load balancer", true);
        return;
    }
    tr.hop(e->service.str(), "privateLink", "PrivateLink to endpoint service " + e->service.str() + " behind " + svc->loadBalancer.str(), p);
    // The provider's load balancer receives it in the endpoint's AZ if it can (SVC-4).
    const std::string az = tr.net.availabilityZoneOf(tr.target.subnet);
    ResourceId lbSubnet = lb->subnets.empty() ? ResourceId() : lb->subnets.front();
    bool sameAz = false;
    for (const ResourceId& s : lb->subnets)
        if (tr.net.availabilityZoneOf(s) == az) {
            lbSubnet = s;
            sameAz = true;
        }
    if (!sameAz && !lbSubnet.empty())
        tr.note("AVAILABILITY_ZONE_CROSSED", svc->loadBalancer.str(),
                "the load balancer is not enabled in " + az + "; the flow crosses to " + tr.net.availabilityZoneOf(lbSubnet));
    forwardThroughLoadBalancer(tr, svc->loadBalancer, *lb, lbSubnet, p, true);
}

class GatewayEndpointHop final : public DeviceHandler {
public:
    GatewayEndpointHop() : DeviceHandler({NodeKind::GatewayEndpoint}) {}
    Step forward(Trace& tr, Walk& walk) const override
    {
        const VpcEndpoint* e = tr.available<VpcEndpoint>(walk, "gateway endpoint", "available");
        if (!e)
            return Step::Stop;
        if (walk.arrival != Arrival::Local || !tr.net.vpcContains(walk.currentVpc, walk.p.src)) {
            tr.block("GATEWAY_ENDPOINT_REMOTE_SOURCE", walk.id,
                     "gateway endpoint " + walk.id + " cannot be used from the other side of a VPN, Direct Connect, peering or "
                                                "transit gateway (GW-6)", true);
            return Step::Stop;
        }
        if (walk.p.query.protocol != Protocol::Tcp && walk.p.query.protocol != Protocol::Icmp) {
            tr.block("VPCE_GATEWAY_PROTOCOL_RESTRICTION", walk.id,
                     "gateway endpoint " + walk.id + " carries TCP (and ICMP echo) only, not " + std::string(enumName(walk.p.query.protocol)) + " (GW-8)", true);
            return Step::Stop;
        }
        tr.hop(walk.id, "forward", "gateway endpoint to " + e->service.str() + " (GW-2)", walk.p);
        walk.v = tr.soleSuccessor(walk.v);
        return Step::Next;
    }
};

// An AWS service: reached privately through a gateway endpoint, or resolved by DNS as a destination.
class AwsServiceDevice final : public DeviceHandler {
public:
    AwsServiceDevice() : DeviceHandler({NodeKind::AwsService}, {Kind::AwsService}) {}
    std::optional<Target> resolve(Trace& tr, const Resource& r, const Client& client, const Packet& p) const override
    {
        return resolveService(tr, r.id, client, p);
    }
    Step forward(Trace& tr, Walk& walk) const override
    {
        tr.hop(walk.id, "deliver", "reached " + walk.id + " privately through a gateway endpoint", walk.p);
        if (tr.target.kind != Target::Kind::ServicePublic || tr.target.resource != walk.node.resource)
            tr.block("NO_PATH", walk.id, "the gateway endpoint leads to " + walk.id + ", not to " + tr.flow.destination.str(), true);
        tr.delivered = true;
        return Step::Stop;
    }
};

// A VPC endpoint as the destination: only an interface endpoint has addresses (its endpoint-specific
// DNS name, IF-3); PrivateLink carries what reaches them.
class InterfaceEndpointDevice final : public DeviceHandler {
public:
    InterfaceEndpointDevice() : DeviceHandler({}, {Kind::VpcEndpoint}) {}
    std::optional<Target> resolve(Trace& tr, const Resource& r, const Client& client, const Packet& p) const override
    {
        const VpcEndpoint* e = r.as<VpcEndpoint>();
        if (e->endpointType == EndpointType::ServiceNetwork) {
            tr.block("CANNOT_ROUTE", r.id.str(),
                     r.id.str() + " is a service-network endpoint: it has one DNS name per resource it reaches; make the flow's "
                                  "destination the resource configuration (PL-1)", true);
            return std::nullopt;
        }
        if (e->endpointType != EndpointType::Interface && e->endpointType != EndpointType::Resource) {
            tr.block("CANNOT_ROUTE", r.id.str(), r.id.str() + " is a " + std::string(enumName(e->endpointType)) +
                                                      " endpoint: it has no address to connect to", true);
            return std::nullopt;
        }
        if (e->subnets.empty()) {
            // No network interface, so its endpoint-specific names have no records (IF-1); the
            // design finding ENDPOINT_WITHOUT_SUBNET says why.
            tr.block("ENDPOINT_WITHOUT_SUBNET", r.id.str(),
                     "endpoint " + r.id.str() + " has no subnet, so it has no network interface and its DNS names no address (IF-1)", true);
            return std::nullopt;
        }
        Target target = endpointTarget(tr, r.id, client, client.vpc && *client.vpc == e->vpc);
        Packet after = p;
        after.dst = target.address;
        tr.hop(client.vpc ? client.vpc->str() : tr.flow.source.str(), "dns",
               "the endpoint-specific DNS name of " + r.id.str() + " resolves to " + target.address.toString() + " (IF-3)", p, after);
        return target;
    }
    void arrive(Trace& tr, const Packet& p) const override
    {
        tr.hop(tr.target.resource.str(), "deliver", "reached an interface of endpoint " + tr.target.resource.str() + " in " + tr.target.subnet.str(), p);
        privateLink(tr, p);
    }
};

// An endpoint service as the destination: reached through an interface endpoint of the client's VPC (SVC-6).
class EndpointServiceDevice final : public DeviceHandler {
public:
    EndpointServiceDevice() : DeviceHandler({}, {Kind::EndpointService}) {}
    std::optional<Target> resolve(Trace& tr, const Resource& r, const Client& client, const Packet& p) const override
    {
        const EndpointService* svc = r.as<EndpointService>();
        std::string resolver;
        const std::optional<ResourceId> vpc = resolvingVpc(tr, client, resolver);
        const auto endpoints = vpc ? interfaceEndpoints(tr, *vpc, r.id, true) : std::vector<const Resource*>{};
        if (endpoints.empty() && vpc && !interfaceEndpoints(tr, *vpc, r.id).empty()) {
            const ResourceId without = interfaceEndpoints(tr, *vpc, r.id).front()->id;
            tr.block("ENDPOINT_WITHOUT_SUBNET", without.str(),
                     "endpoint " + without.str() + " to " + r.id.str() +
                         " has no subnet, so it has no network interface and its DNS names no address (IF-1)", true);
            return std::nullopt;
        }
        if (endpoints.empty()) {
            tr.block("NO_PATH", r.id.str(),
                     "there is no interface endpoint to endpoint service " + r.id.str() +
                         (vpc ? " in " + vpc->str() : std::string(" for this client")), true);
            return std::nullopt;
        }
        const Resource* endpoint = endpoints.front();
        const VpcEndpoint* e = endpoint->as<VpcEndpoint>();
        const bool usesPrivateName = !svc->privateDnsName.empty() && (tr.flow.dnsName.empty() || tr.flow.dnsName == svc->privateDnsName);
        if (usesPrivateName) {
            if (!svc->privateDnsVerified) {
                tr.block("ENDPOINT_SERVICE_DNS_UNVERIFIED", r.id.str(),
                         svc->privateDnsName + " is not verified by the provider, so it does not resolve to " + endpoint->id.str() + " (SVC-6)", true);
                return std::nullopt;
            }
            if (!e->privateDns) {
                tr.block("INTERFACE_ENDPOINT_PRIVATE_DNS_OFF", endpoint->id.str(),
                         "private DNS of " + endpoint->id.str() + " is off, so " + svc->privateDnsName + " does not resolve to it", true);
                return std::nullopt;
            }
        }
        Target target = endpointTarget(tr, endpoint->id, client, client.vpc && *client.vpc == e->vpc);
        Packet after = p;
        after.dst = target.address;
        tr.hop(resolver, "dns",
               (usesPrivateName ? svc->privateDnsName : "the endpoint-specific name of " + endpoint->id.str()) + " resolves to " +
                   endpoint->id.str() + " (" + target.address.toString() + ")",
               p, after);
        return target;
    }
};

} // namespace

std::optional<ResourceId> resolvingVpc(const Trace& tr, const Client& client, std::string& resolver)
{
    if (client.vpc) {
        resolver = client.vpc->str();
        return client.vpc;
    }
    if (const OnPremisesNetwork* n = client.network ? tr.net.get<OnPremisesNetwork>(*client.network) : nullptr)
        for (const DnsForwardingRule& rule : n->dnsForwarding)
            if (const ResolverEndpoint* re = tr.net.get<ResolverEndpoint>(rule.resolverEndpoint)) {
                resolver = rule.resolverEndpoint.str();
                return re->vpc;
            }
    return std::nullopt;
}

Target endpointTarget(Trace& tr, const ResourceId& endpointId, const Client& client, bool inVpcClient)
{
    const VpcEndpoint* e = tr.net.get<VpcEndpoint>(endpointId);
    Target t;
    t.kind = Target::Kind::EndpointEni;
    t.resource = endpointId;
    t.vpc = e->vpc;
    t.subnet = endpointSubnetFor(tr, *e, client.az, endpointId.str(), inVpcClient);
    t.address = tr.net.interfaceAddress(endpointId, t.subnet);
    return t;
}

void serviceHints(Trace& tr, const std::string& table)
{
    const AwsService* s = tr.net.get<AwsService>(tr.target.resource);
    if (!s || tr.sourceVpc.empty())
        return;
    const std::string region = tr.net.regionCodeOf(s->region);
    if (serviceHasGatewayEndpoint(s->service) && region == tr.net.regionCodeOfVpc(tr.sourceVpc)) {
        std::string existing;
        for (const ResourceId& id : tr.net.endpointsIn(tr.sourceVpc))
            if (const VpcEndpoint* e = tr.net.get<VpcEndpoint>(id); e && e->endpointType == EndpointType::Gateway && e->service == tr.target.resource)
                existing = id.str();
        // GW-4: associated, but a more specific (or equally specific static) route wins.
        const ResourceIds& onTable = tr.net.gatewayEndpointsOn(ResourceId(table));
        const auto associated = std::find_if(onTable.begin(), onTable.end(), [&](const ResourceId& e) {
            const VpcEndpoint* endpoint = tr.net.get<VpcEndpoint>(e);
            return endpoint && endpoint->service == tr.target.resource;
        });
        const auto rt = tr.graph.find(NodeKind::RouteTable, ResourceId(table));
        if (associated != onTable.end() && rt) {
            int endpointLength = -1;
            for (auto [e, end] = boost::out_edges(*rt, tr.graph.graph()); e != end; ++e)
                if (tr.graph.node(tr.graph.target(*e)).resource == *associated && tr.graph.edge(*e).prefix &&
                    tr.graph.edge(*e).prefix->contains(tr.target.address))
                    endpointLength = std::max(endpointLength, tr.graph.edge(*e).prefix->prefixLength());
            if (const auto chosen = tr.graph.nextHop(*rt, tr.target.address); chosen && endpointLength >= 0) {
                const ForwardingEdge& winner = tr.graph.edge(*chosen);
                const bool longer = winner.prefix && winner.prefix->prefixLength() > endpointLength;
                tr.hint(longer ? "MORE_SPECIFIC_ROUTE" : "HIGHER_PRIORITY_ROUTE", table,
                        "route " + winner.text + " in " + table + " beats the prefix-list route of gateway endpoint " +
                            associated->str() + (longer ? " (longer prefix)" : " (static routes win at equal length)") +
                            "; remove or narrow it to keep the flow private (GW-4)");
            }
            return;
        }
        // `table` is a VPC's id where the VPC has no main route table resource (RT-4).
        const std::string tableName =
            tr.net.get<RouteTable>(ResourceId(table)) ? "route table " + table : "the main route table of " + table;
        if (!existing.empty())
            tr.hint("GATEWAY_ENDPOINT_NOT_ASSOCIATED", existing,
                    "gateway endpoint " + existing + " for " + s->service + " exists in " + tr.sourceVpc.str() +
                        " but is not associated with " + tableName + "; associate it to keep the flow private (GW-2)");
        else
            tr.hint("USE_GATEWAY_ENDPOINT", table,
                    "a gateway endpoint for " + s->service + " associated with " + tableName + " would keep the flow private (GW-2)");
    } else if (interfaceEndpoints(tr, tr.sourceVpc, tr.target.resource, true).empty()) {
        tr.hint("USE_INTERFACE_ENDPOINT", tr.sourceVpc.str(),
                "an interface endpoint for " + s->service + " in " + tr.sourceVpc.str() + " with private DNS on would keep the flow private (IF-2)");
    }
}


void addEndpointDevices(DeviceRegistry& registry)
{
    static const GatewayEndpointHop gatewayEndpointHop;
    registry.add(gatewayEndpointHop);
    static const AwsServiceDevice awsServiceDevice;
    registry.add(awsServiceDevice);
    static const InterfaceEndpointDevice interfaceEndpointDevice;
    registry.add(interfaceEndpointDevice);
    static const EndpointServiceDevice endpointServiceDevice;
    registry.add(endpointServiceDevice);
}

} // namespace pp::trace
