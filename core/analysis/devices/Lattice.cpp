// VPC Lattice resources over PrivateLink (rules PL-1, PL-2): a resource configuration as a
// flow's destination, reached through a resource endpoint or a service-network endpoint of the
// client's VPC, and the provider's resource gateway that connects to the resource with its own
// address as the source.

#include "analysis/trace/Device.h"

#include <algorithm>

namespace pp::trace {
namespace {

// The configuration that is shared and associated for `config`: its group for a child, else itself.
ResourceId sharedAs(const Trace& tr, const ResourceId& config)
{
    const ResourceConfiguration* c = tr.net.get<ResourceConfiguration>(config);
    return c && c->configurationType == ResourceConfigurationType::Child && c->group ? *c->group : config;
}

// Whether endpoint `e` leads to configuration `config`: a resource endpoint to it (or its group),
// a service-network endpoint to a service network it (or its group) is associated with.
bool reaches(Trace& tr, const VpcEndpoint& e, const ResourceId& config)
{
    const ResourceId shared = sharedAs(tr, config);
    if (e.endpointType == EndpointType::Resource)
        return e.service == config || e.service == shared;
    if (e.endpointType != EndpointType::ServiceNetwork)
        return false;
    tr.dep(e.service.str());
    const ServiceNetwork* network = tr.net.get<ServiceNetwork>(e.service);
    return network && std::any_of(network->resourceConfigurations.begin(), network->resourceConfigurations.end(),
                                  [&](const ResourceId& c) { return c == config || c == shared; });
}

// The resource and service-network endpoints of `vpc` that lead to `config`, resource endpoints
// first. `withInterfaces`: only those with a subnet (the others have no network interface, so
// no DNS records, IF-1).
std::vector<ResourceId> endpointsTo(Trace& tr, const ResourceId& vpc, const ResourceId& config, bool withInterfaces)
{
    std::vector<ResourceId> resource, network;
    for (const ResourceId& id : tr.net.endpointsIn(vpc)) {
        const VpcEndpoint* e = tr.net.get<VpcEndpoint>(id);
        if (!e || (e->endpointType != EndpointType::Resource && e->endpointType != EndpointType::ServiceNetwork))
            continue;
        tr.dep(id.str());
        if (!reaches(tr, *e, config) || (withInterfaces && e->subnets.empty()))
            continue;
        (e->endpointType == EndpointType::Resource ? resource : network).push_back(id);
    }
    resource.insert(resource.end(), network.begin(), network.end());
    return resource;
}

std::string describeResource(const ResourceConfiguration& c)
{
    if (c.resource)
        return c.resource->str();
    if (!c.domainName.empty())
        return c.domainName;
    return c.ipAddress ? c.ipAddress->toString() : std::string("nothing");
}

// A resource configuration as the destination: the client connects to the DNS name its VPC's
// endpoint gives the resource (PL-1).
class ResourceConfigurationDevice final : public DeviceHandler {
public:
    ResourceConfigurationDevice() : DeviceHandler({}, {Kind::ResourceConfiguration}) {}
    std::optional<Target> resolve(Trace& tr, const Resource& r, const Client& client, const Packet& p) const override
    {
        const ResourceConfiguration* config = r.as<ResourceConfiguration>();
        const std::string id = r.id.str();
        if (config->configurationType == ResourceConfigurationType::Group) {
            tr.block("CANNOT_ROUTE", id,
                     id + " is a group of resource configurations: consumers connect to one of its child configurations (PL-1)", true);
            return std::nullopt;
        }
        // On premises the name resolves in the VPC of the Resolver endpoint DNS is forwarded to.
        std::string resolver;
        const std::optional<ResourceId> vpc = resolvingVpc(tr, client, resolver);
        if (!vpc) {
            tr.block("NO_PATH", id, id + " is reached through an endpoint in a VPC; this client resolves no name in one (PL-1)", true);
            return std::nullopt;
        }
        const std::vector<ResourceId> endpoints = endpointsTo(tr, *vpc, r.id, true);
        if (endpoints.empty()) {
            const std::vector<ResourceId> without = endpointsTo(tr, *vpc, r.id, false);
            if (!without.empty()) {
                tr.block("ENDPOINT_WITHOUT_SUBNET", without.front().str(),
                         "endpoint " + without.front().str() + " to " + id +
                             " has no subnet, so it has no network interface and its DNS names no address (IF-1)", true);
                return std::nullopt;
            }
            tr.block("NO_PATH", id,
                     "there is no resource endpoint to " + id + ", nor a service-network endpoint to a service network holding it, in " +
                         vpc->str() + "; create one there (PL-1)", true);
            return std::nullopt;
        }
        const ResourceId endpoint = endpoints.front();
        const VpcEndpoint* e = tr.net.get<VpcEndpoint>(endpoint);
        Target target = endpointTarget(tr, endpoint, client, client.vpc && *client.vpc == e->vpc);
        Packet after = p;
        after.dst = target.address;
        const std::string kind = e->endpointType == EndpointType::Resource ? "resource endpoint " : "service-network endpoint ";
        const bool privateName = !config->domainName.empty() && e->privateDns;
        tr.hop(resolver, "dns",
               (privateName ? config->domainName + " resolves privately to " + kind + endpoint.str() + " ("
                            : "the DNS name that " + kind + endpoint.str() + " gives " + id + " resolves to its interface (") +
                   target.address.toString() + ")",
               p, after);
        return target;
    }
};

} // namespace

void resourceLink(Trace& tr, const Packet& p, const ResourceId& endpoint, const ResourceId& configId)
{
    tr.dep(configId.str());
    const VpcEndpoint* e = tr.net.get<VpcEndpoint>(endpoint);
    const ResourceConfiguration* config = tr.net.get<ResourceConfiguration>(configId);
    const std::string id = configId.str();
    if (!config || !reaches(tr, *e, configId)) {
        tr.block("NO_PATH", endpoint.str(), "endpoint " + endpoint.str() + " does not lead to " + id + " (PL-2)", true);
        return;
    }
    if (config->configurationType == ResourceConfigurationType::Group) {
        tr.block("CANNOT_ROUTE", id, id + " is a group: each of its child configurations has its own DNS name (PL-1)", true);
        return;
    }
    const ResourceConfiguration* group = nullptr;
    if (config->configurationType == ResourceConfigurationType::Child) {
        group = config->group ? tr.net.get<ResourceConfiguration>(*config->group) : nullptr;
        if (!group) {
            tr.block("NO_PATH", id, "child configuration " + id + " belongs to no group, so it has no resource gateway (PL-1)", true);
            return;
        }
        tr.dep(config->group->str());
    }
    const std::optional<ResourceId> gatewayId = group ? group->resourceGateway : config->resourceGateway;
    tr.hop(id, "privateLink",
           "PrivateLink to resource configuration " + id + (e->endpointType == EndpointType::ServiceNetwork ? " through service network " + e->service.str() : std::string()) +
               " (" + describeResource(*config) + ")",
           p);
    // Resource configurations carry TCP only, on their port ranges (a child's, else its group's).
    if (p.query.protocol != Protocol::Tcp) {
        tr.block("RESOURCE_PROTOCOL_RESTRICTION", id,
                 "resource configuration " + id + " carries TCP only, not " + std::string(enumName(p.query.protocol)) + " (PL-1)", true);
        return;
    }
    const std::vector<PortRange>& ranges = !config->portRanges.empty() || !group ? config->portRanges : group->portRanges;
    if (!ranges.empty() && !p.query.anyPort &&
        std::none_of(ranges.begin(), ranges.end(), [&](const PortRange& r) { return r.fromPort <= p.query.port && p.query.port <= r.toPort; })) {
        std::string list;
        for (const PortRange& r : ranges)
            list += (list.empty() ? "" : ", ") + (r.fromPort == r.toPort ? std::to_string(r.fromPort) : std::to_string(r.fromPort) + "-" + std::to_string(r.toPort));
        tr.block("RESOURCE_PORT_MISMATCH", id,
                 "resource configuration " + id + " allows TCP " + list + ", not port " + std::to_string(p.query.port) + " (PL-1)", true);
        return;
    }
    const ResourceGateway* gateway = gatewayId ? tr.net.get<ResourceGateway>(*gatewayId) : nullptr;
    if (!gateway) {
        tr.block("NO_PATH", id, "resource configuration " + id + " has no resource gateway (PL-1)", true);
        return;
    }
    const std::string gw = gatewayId->str();
    tr.dep(gw);
    if (gateway->subnets.empty()) {
        tr.block("RESOURCE_GATEWAY_WITHOUT_SUBNET", gw,
                 "resource gateway " + gw + " has no subnet, so it has no network interface to connect from (PL-1)", true);
        return;
    }
    // The gateway's interface in the endpoint's AZ connects, else its first one.
    const std::string az = tr.net.availabilityZoneOf(tr.target.subnet);
    ResourceId gatewaySubnet = gateway->subnets.front();
    bool sameAz = false;
    for (const ResourceId& s : gateway->subnets)
        if (!sameAz && tr.net.availabilityZoneOf(s) == az) {
            gatewaySubnet = s;
            sameAz = true;
        }
    if (!sameAz)
        tr.note("AVAILABILITY_ZONE_CROSSED", gw,
                "resource gateway " + gw + " has no interface in " + az + "; the flow crosses to " +
                    tr.net.availabilityZoneOf(gatewaySubnet) + " (PL-1)");
    // The resource: by reference, by address, or by a domain name PrivatePath resolves to a drawn
    // internet host (or to ipAddress).
    Target target;
    if (config->resource) {
        tr.dep(config->resource->str());
        const Resource* r = tr.net.design().find(*config->resource);
        if (const Workload* w = r ? r->as<Workload>() : nullptr) {
            target.kind = Target::Kind::Interface;
            target.resource = r->id;
            target.subnet = w->subnet;
            target.vpc = tr.net.vpcOf(r->id).value_or(ResourceId());
            target.address = tr.net.interfaceAddress(r->id, w->subnet);
        } else if (const OnPremisesHost* h = r ? r->as<OnPremisesHost>() : nullptr) {
            target.kind = Target::Kind::OnPremHost;
            target.resource = r->id;
            target.network = h->network;
            target.address = h->address;
        } else if (const InternetHost* host = r ? r->as<InternetHost>() : nullptr) {
            target.kind = Target::Kind::InternetHost;
            target.resource = r->id;
            target.address = host->address;
        }
    } else if (!config->domainName.empty() && !config->ipAddress) {
        tr.net.design().forEach<InternetHost>([&](const Resource& r, const InternetHost& h) {
            if (target.resource.empty() && h.dnsName == config->domainName) {
                tr.dep(r.id.str());
                target.kind = Target::Kind::InternetHost;
                target.resource = r.id;
                target.address = h.address;
            }
        });
        if (target.resource.empty()) {
            tr.block("RESOURCE_ADDRESS_UNKNOWN", id,
                     "resource gateway " + gw + " resolves " + config->domainName +
                         " in public DNS, which PrivatePath cannot do: draw the internet host with that dnsName or give " + id +
                         " an ipAddress (PL-1)", true);
            return;
        }
    } else if (config->ipAddress) {
        target = targetAtAddress(tr, *config->ipAddress);
        if (target.resource.empty() && !tr.net.isPrivateAddress(*config->ipAddress)) {
            target.kind = Target::Kind::InternetHost;
            target.resource = configId;
        }
    }
    if (target.resource.empty() && target.network.empty() && target.kind != Target::Kind::OnPremAddress) {
        tr.block("RESOURCE_ADDRESS_UNKNOWN", id, "resource configuration " + id + " names no resource, address or domain name (PL-1)", true);
        return;
    }
    const IpAddress gatewayAddress = tr.net.interfaceAddress(*gatewayId, gatewaySubnet);
    Packet inner = p;
    inner.src = gatewayAddress;
    inner.dst = target.address;
    tr.hop(gw, "translate",
           "resource gateway " + gw + " connects to " + describeResource(*config) + " (" + target.address.toString() +
               "); the source becomes its address " + gatewayAddress.toString() + " in " + gatewaySubnet.str() + " (PL-1)",
           p, inner);
    const bool inVpc = target.kind == Target::Kind::Interface && target.vpc == gateway->vpc;
    // Its outbound rules decide what it may connect to; the resource's inbound rules must admit it.
    tr.checkSecurityGroups(*gatewayId, Direction::Outbound, inner, inner.dst,
                           inVpc ? std::optional<ResourceId>(target.resource) : std::nullopt);
    const Target outer = tr.target;
    tr.target = target;
    sendFromInterface(tr, *gatewayId, true, gatewaySubnet, gateway->vpc, inner);
    tr.target = outer;
}

void addLatticeDevices(DeviceRegistry& registry)
{
    static const ResourceConfigurationDevice resourceConfigurationDevice;
    registry.add(resourceConfigurationDevice);
}

} // namespace pp::trace
