// PrivateLink and DNS: VPC endpoints and their associations, endpoint services and their allowed
// principals, managed prefix lists, Route 53 Resolver endpoints and private hosted zones.
#include "import/ImplicitResources.h"
#include "import/TerraformMapping.h"

#include <algorithm>

namespace pp {

namespace {

using Json = nlohmann::json;

void pushUnique(ResourceIds& ids, const ResourceId& id)
{
    if (std::find(ids.begin(), ids.end(), id) == ids.end())
        ids.push_back(id);
}

// The AWS service tile for "com.amazonaws.<region>.<service>", created on first use.
std::optional<ResourceId> awsServiceFor(ImportContext& ctx, const std::string& serviceName)
{
    const std::string prefix = "com.amazonaws.";
    if (!serviceName.starts_with(prefix) || serviceName.starts_with("com.amazonaws.vpce."))
        return std::nullopt;
    const std::string rest = serviceName.substr(prefix.size());
    const auto dot = rest.find('.');
    if (dot == std::string::npos)
        return std::nullopt;
    const std::string service = rest.substr(dot + 1);
    const std::string regionCode = rest.substr(0, dot);
    const std::string key = "awsService|" + regionCode + "|" + service;
    if (const std::string known = ctx.fact(key); !known.empty())
        return ResourceId(known);
    const ResourceId region = regionNamed(ctx, regionCode);
    const ResourceId id = ctx.freshId(service);
    ctx.addImplicit(id, service, AwsService{service, region});
    ctx.setFact(key, id.str());
    ctx.alias(serviceName, id);
    return id;
}

void mapEndpoint(ImportContext& ctx, const TfResource& r)
{
    const auto vpc = requireVpc(ctx, r);
    if (!vpc)
        return;
    VpcEndpoint e;
    e.vpc = *vpc;
    const std::string type = ctx.string(r, "vpc_endpoint_type").value_or("Gateway");
    e.endpointType = type == "Interface"             ? EndpointType::Interface
                     : type == "GatewayLoadBalancer" ? EndpointType::GatewayLoadBalancer
                     : type == "Resource"            ? EndpointType::Resource
                     : type == "ServiceNetwork"      ? EndpointType::ServiceNetwork
                                                     : EndpointType::Gateway;
    // A resource endpoint names its resource configuration, a service-network endpoint its
    // service network, by ARN (PL-2).
    const char* serviceAttribute = e.endpointType == EndpointType::Resource         ? "resource_configuration_arn"
                                   : e.endpointType == EndpointType::ServiceNetwork ? "service_network_arn"
                                                                                    : "service_name";
    const auto serviceName = ctx.string(r, serviceAttribute);
    std::optional<ResourceId> service = ctx.refer(r, serviceAttribute);
    if (!service && serviceName)
        service = awsServiceFor(ctx, *serviceName);
    if (!service) {
        ctx.checkUnknown(r, serviceAttribute);
        ctx.skip(r, "missingReference",
                 serviceName ? "its service " + *serviceName + " is neither an AWS service nor an imported endpoint service"
                             : "its service is unknown until apply and not an imported endpoint service");
        return;
    }
    e.service = *service;
    for (const ResourceId& s : ctx.referAll(r, "subnet_ids"))
        if (ctx.get<Subnet>(s))
            pushUnique(e.subnets, s);
    for (const ResourceId& t : ctx.referAll(r, "route_table_ids"))
        if (ctx.get<RouteTable>(t))
            pushUnique(e.routeTables, t);
    for (const ResourceId& g : ctx.referAll(r, "security_group_ids"))
        if (ctx.get<SecurityGroup>(g))
            pushUnique(e.securityGroups, g);
    // Terraform's default is off, unlike the console's.
    e.privateDns = ctx.boolean(r, "private_dns_enabled").value_or(false);
    const std::string state = ctx.string(r, "state").value_or("available");
    e.state = state == "pendingAcceptance" || state == "pending-acceptance" ? EndpointState::PendingAcceptance
              : state == "rejected"                                      ? EndpointState::Rejected
              : state == "pending"                                       ? EndpointState::Pending
                                                                         : EndpointState::Available;
    ctx.add(r, ctx.idFor(r), {}, e);
}

template <class Member>
void mapEndpointAssociation(ImportContext& ctx, const TfResource& r, const char* attribute, Kind kind, Member member)
{
    const auto endpointId = ctx.refer(r, "vpc_endpoint_id");
    VpcEndpoint* e = ctx.get<VpcEndpoint>(endpointId);
    const auto other = ctx.refer(r, attribute);
    const Resource* target = other ? ctx.find(*other) : nullptr;
    if (!e || !target || target->kind() != kind) {
        ctx.skip(r, "missingReference", "its endpoint or what it associates is not in the input or unknown");
        return;
    }
    pushUnique(e->*member, *other);
    ctx.mergedInto(r, *endpointId);
}

void mapEndpointRouteTable(ImportContext& ctx, const TfResource& r)
{
    mapEndpointAssociation(ctx, r, "route_table_id", Kind::RouteTable, &VpcEndpoint::routeTables);
}
void mapEndpointSubnet(ImportContext& ctx, const TfResource& r)
{
    mapEndpointAssociation(ctx, r, "subnet_id", Kind::Subnet, &VpcEndpoint::subnets);
}
void mapEndpointGroup(ImportContext& ctx, const TfResource& r)
{
    mapEndpointAssociation(ctx, r, "security_group_id", Kind::SecurityGroup, &VpcEndpoint::securityGroups);
}

void mapEndpointService(ImportContext& ctx, const TfResource& r)
{
    std::optional<ResourceId> lb;
    for (const char* attribute : {"network_load_balancer_arns", "gateway_load_balancer_arns"})
        for (const ResourceId& id : ctx.referAll(r, attribute))
            if (!lb && ctx.get<LoadBalancer>(id))
                lb = id;
    if (!lb) {
        ctx.skip(r, "missingReference", "its load balancer is not in the input (or is not a Network or Gateway one)");
        return;
    }
    EndpointService s;
    s.loadBalancer = *lb;
    s.acceptanceRequired = ctx.boolean(r, "acceptance_required").value_or(true);
    for (const char* attribute : {"allowed_principals", "supported_regions"}) {
        const Json& v = ctx.value(r, attribute);
        if (v.is_array())
            for (const Json& item : v)
                if (item.is_string())
                    (std::string(attribute) == "allowed_principals" ? s.allowedPrincipals : s.supportedRegions)
                        .push_back(item.get<std::string>());
    }
    s.privateDnsName = ctx.string(r, "private_dns_name").value_or("");
    const ResourceId id = ctx.idFor(r);
    ctx.add(r, id, {}, s);
    if (const auto name = ctx.string(r, "service_name"))
        ctx.alias(*name, id);
}

void mapAllowedPrincipal(ImportContext& ctx, const TfResource& r)
{
    const auto serviceId = ctx.refer(r, "vpc_endpoint_service_id");
    EndpointService* s = ctx.get<EndpointService>(serviceId);
    const auto principal = ctx.string(r, "principal_arn");
    if (!s || !principal) {
        ctx.skip(r, "missingReference", "its endpoint service is not in the input, or the principal is unknown");
        return;
    }
    s->allowedPrincipals.push_back(*principal);
    ctx.mergedInto(r, *serviceId);
}

void mapPrefixList(ImportContext& ctx, const TfResource& r)
{
    PrefixList list;
    list.prefixListName = ctx.string(r, "name").value_or(r.address);
    const Json& entries = ctx.value(r, "entry");
    if (entries.is_array())
        for (const Json& e : entries)
            if (e.is_object())
                if (const auto cidr = parseCidrText(e.value("cidr", Json())))
                    list.cidrs.push_back(*cidr);
    ctx.add(r, ctx.idFor(r), {}, list);
}

void mapResolverEndpoint(ImportContext& ctx, const TfResource& r)
{
    ResolverEndpoint e;
    e.direction = ctx.string(r, "direction").value_or("INBOUND") == "OUTBOUND" ? ResolverDirection::Outbound
                                                                               : ResolverDirection::Inbound;
    const Json& addresses = ctx.value(r, "ip_address");
    if (addresses.is_array())
        for (const Json& a : addresses)
            if (a.is_object())
                if (const auto s = ctx.referValue(r, a.value("subnet_id", Json()), "ip_address.subnet_id"); ctx.get<Subnet>(s))
                    pushUnique(e.subnets, *s);
    if (e.subnets.empty()) {
        ctx.skip(r, "missingReference", "its subnets are not in the input or unknown");
        return;
    }
    e.vpc = ctx.get<Subnet>(e.subnets.front())->vpc;
    for (const ResourceId& g : ctx.referAll(r, "security_group_ids"))
        if (ctx.get<SecurityGroup>(g))
            pushUnique(e.securityGroups, g);
    ctx.add(r, ctx.idFor(r), ctx.nameTag(r).empty() ? ctx.string(r, "name").value_or("") : "", e);
}

void mapHostedZone(ImportContext& ctx, const TfResource& r)
{
    const Json& vpcs = ctx.value(r, "vpc");
    if (!vpcs.is_array() || vpcs.empty()) {
        ctx.skip(r, "notModelled", "a public hosted zone answers on the internet, not inside a VPC");
        return;
    }
    PrivateHostedZone zone;
    std::string domain = ctx.string(r, "name").value_or("");
    if (!domain.empty() && domain.back() == '.')
        domain.pop_back();
    zone.domain = domain;
    for (const Json& v : vpcs)
        if (v.is_object())
            if (const auto vpc = ctx.referValue(r, v.value("vpc_id", Json()), "vpc.vpc_id"); ctx.get<Vpc>(vpc))
                pushUnique(zone.vpcs, *vpc);
    ctx.add(r, ctx.idFor(r), domain, zone);
    if (const auto zoneId = ctx.string(r, "zone_id"))
        ctx.alias(*zoneId, *ctx.byAddress(r.address));
}

void mapZoneAssociation(ImportContext& ctx, const TfResource& r)
{
    const auto zoneId = ctx.refer(r, "zone_id");
    PrivateHostedZone* zone = ctx.get<PrivateHostedZone>(zoneId);
    const auto vpc = ctx.refer(r, "vpc_id");
    if (!zone || !ctx.get<Vpc>(vpc)) {
        ctx.skip(r, "missingReference", "its zone or VPC is not in the input or unknown");
        return;
    }
    pushUnique(zone->vpcs, *vpc);
    ctx.mergedInto(r, *zoneId);
}

} // namespace

void addEndpointMappers(std::vector<TfMapperEntry>& out)
{
    out.insert(out.end(), {
                              {"aws_ec2_managed_prefix_list", 0, mapPrefixList},
                              {"aws_vpc_endpoint_service", 3, mapEndpointService},
                              {"aws_vpc_endpoint", 4, mapEndpoint},
                              {"aws_vpc_endpoint_route_table_association", 5, mapEndpointRouteTable},
                              {"aws_vpc_endpoint_subnet_association", 5, mapEndpointSubnet},
                              {"aws_vpc_endpoint_security_group_association", 5, mapEndpointGroup},
                              {"aws_vpc_endpoint_service_allowed_principal", 5, mapAllowedPrincipal},
                              {"aws_route53_resolver_endpoint", 2, mapResolverEndpoint},
                              {"aws_route53_zone", 2, mapHostedZone},
                              {"aws_route53_zone_association", 5, mapZoneAssociation},
                          });
}

} // namespace pp
