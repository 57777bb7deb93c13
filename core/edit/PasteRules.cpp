#include "edit/PasteRules.h"

#include "design/Placement.h"
#include "edit/PasteLayout.h"

#include <algorithm>

namespace pp {

namespace {

bool allDigits(std::string_view text)
{
    return !text.empty() &&
           std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "instances", "NAT gateways"...: for messages.
std::string plural(const Resource& r)
{
    switch (r.kind()) {
    case Kind::Workload:
        return "instances";
    case Kind::NatGateway:
        return "NAT gateways";
    case Kind::Vpc:
        return "VPCs";
    case Kind::RouteTable:
        return "route tables";
    case Kind::InternetGateway:
        return "internet gateways";
    case Kind::EgressOnlyInternetGateway:
        return "egress-only internet gateways";
    case Kind::SecurityGroup:
        return "security groups";
    case Kind::NetworkAcl:
        return "network ACLs";
    case Kind::VirtualPrivateGateway:
        return "virtual private gateways";
    case Kind::ResolverEndpoint:
        return "Resolver endpoints";
    case Kind::NetworkFirewall:
        return "network firewalls";
    case Kind::ResourceGateway:
        return "resource gateways";
    case Kind::ResourceConfiguration:
        return "resource configurations";
    case Kind::ServiceNetwork:
        return "service networks";
    case Kind::LoadBalancer:
        return "load balancers";
    case Kind::VpcEndpoint:
        switch (r.as<VpcEndpoint>()->endpointType) {
        case EndpointType::Gateway:
            return "gateway endpoints";
        case EndpointType::Resource:
            return "resource endpoints";
        case EndpointType::ServiceNetwork:
            return "service-network endpoints";
        case EndpointType::Interface:
        case EndpointType::GatewayLoadBalancer:
            break;
        }
        return "interface endpoints";
    case Kind::OnPremisesHost:
        return "on-premises hosts";
    case Kind::CustomerGateway:
        return "customer gateways";
    default:
        return std::string(kindInfo(r.kind()).name) + "s";
    }
}

} // namespace

Need needOf(const Resource& r)
{
    switch (r.kind()) {
    case Kind::Region:
    case Kind::InternetHost:
    case Kind::OnPremisesNetwork:
        return Need::Canvas;
    case Kind::Vpc:
        return Need::Region;
    case Kind::AwsService:
    case Kind::TransitGateway:
        return Need::RegionOrCanvas;
    case Kind::Subnet:
    case Kind::RouteTable:
    case Kind::InternetGateway:
    case Kind::EgressOnlyInternetGateway:
    case Kind::SecurityGroup:
    case Kind::NetworkAcl:
    case Kind::VirtualPrivateGateway:
    case Kind::ResolverEndpoint:
    case Kind::NetworkFirewall:
    case Kind::ResourceGateway:
    case Kind::LoadBalancer:
        return Need::Vpc;
    case Kind::Workload:
    case Kind::NatGateway:
        return Need::Subnet;
    case Kind::VpcEndpoint:
        return r.as<VpcEndpoint>()->endpointType == EndpointType::Gateway ? Need::Vpc : Need::SubnetOrVpc;
    case Kind::OnPremisesHost:
    case Kind::CustomerGateway:
        return Need::OnPremises;
    default:
        return Need::Anywhere;
    }
}

std::optional<ResourceId> containerField(const Resource& r)
{
    return std::visit(
        [](const auto& d) -> std::optional<ResourceId> {
            using T = std::decay_t<decltype(d)>;
            if constexpr (std::is_same_v<T, Workload>)
                return d.subnet;
            else if constexpr (std::is_same_v<T, NatGateway>)
                return d.subnet ? d.subnet : d.vpc; // zonal or regional (NAT-1)
            else if constexpr (std::is_same_v<T, Vpc> || std::is_same_v<T, AwsService> ||
                               std::is_same_v<T, TransitGateway>)
                return d.region;
            else if constexpr (std::is_same_v<T, OnPremisesHost>)
                return d.network;
            else if constexpr (std::is_same_v<T, CustomerGateway>)
                return d.onPremises;
            else if constexpr (std::is_same_v<T, LoadBalancer>)
                return d.subnets.empty() ? std::nullopt : std::optional(d.subnets.front());
            else if constexpr (requires { std::optional<ResourceId>(d.vpc); })
                return d.vpc;
            else
                return std::nullopt;
        },
        r.data);
}

void setContainerField(Resource& r, const ResourceId& to)
{
    std::visit(
        [&](auto& d) {
            using T = std::decay_t<decltype(d)>;
            if constexpr (std::is_same_v<T, Workload>)
                d.subnet = to;
            else if constexpr (std::is_same_v<T, NatGateway>)
                (d.availabilityMode == NatAvailabilityMode::Regional ? d.vpc : d.subnet) = to;
            else if constexpr (std::is_same_v<T, Vpc> || std::is_same_v<T, AwsService> ||
                               std::is_same_v<T, TransitGateway>)
                d.region = to;
            else if constexpr (std::is_same_v<T, OnPremisesHost>)
                d.network = to;
            else if constexpr (std::is_same_v<T, CustomerGateway>)
                d.onPremises = to;
            else if constexpr (requires { d.vpc = to; })
                d.vpc = to;
        },
        r.data);
}

std::optional<Spot> resolve(const Design& design, const std::vector<ResourceId>& chain, Need need)
{
    auto first = [&](Kind kind) -> std::optional<ResourceId> {
        for (const ResourceId& id : chain)
            if (const Resource* r = design.find(id); r && r->kind() == kind)
                return id;
        return std::nullopt;
    };
    const auto subnet = first(Kind::Subnet), vpc = first(Kind::Vpc), region = first(Kind::Region);
    const auto subnetVpc = subnet ? vpcOfResource(design, *subnet) : std::nullopt;
    switch (need) {
    case Need::Anywhere:
        for (const ResourceId& id : chain)
            if (const Resource* r = design.find(id); r && isContainerKind(r->kind()))
                return Spot{id, std::nullopt, std::nullopt};
        return Spot{};
    case Need::Canvas:
        return Spot{};
    case Need::Region:
        return region ? std::optional(Spot{region, region, std::nullopt}) : std::nullopt;
    case Need::RegionOrCanvas:
        return region ? Spot{region, region, std::nullopt} : Spot{};
    case Need::Vpc:
        if (!vpc)
            return std::nullopt;
        return Spot{vpc, vpc, subnetVpc == vpc ? subnet : std::nullopt};
    case Need::Subnet:
        return subnet ? std::optional(Spot{subnet, subnet, subnet}) : std::nullopt;
    case Need::SubnetOrVpc:
        if (subnet && subnetVpc)
            return Spot{subnet, subnetVpc, subnet};
        return vpc ? std::optional(Spot{vpc, vpc, std::nullopt}) : std::nullopt;
    case Need::OnPremises:
        if (const auto network = first(Kind::OnPremisesNetwork))
            return Spot{network, network, std::nullopt};
        return std::nullopt;
    }
    return std::nullopt;
}

std::string refusalFor(const Resource& r, Need need)
{
    const char* where = need == Need::Vpc          ? "a VPC"
                        : need == Need::Region     ? "a Region"
                        : need == Need::OnPremises ? "an on-premises network"
                                                   : "a subnet";
    return "Paste " + plural(r) + " into " + where + ".";
}

std::string freshId(const std::string& id, const std::function<bool(const std::string&)>& taken)
{
    if (!taken(id))
        return id;
    std::string stem = id;
    if (const auto dash = id.rfind('-'); dash != std::string::npos && dash > 0) {
        const std::string_view number = std::string_view(id).substr(dash + 1);
        if (allDigits(number) && number.size() <= 3 && number[0] != '0')
            stem = id.substr(0, dash);
    }
    stem.resize(std::min<std::size_t>(stem.size(), 120)); // ids have at most 128 characters
    for (int n = 2;; ++n)
        if (const std::string candidate = stem + "-" + std::to_string(n); !taken(candidate))
            return candidate;
}

std::string copyName(const std::string& name, const std::set<std::string>& taken)
{
    if (name.empty())
        return name;
    std::string stem = name;
    if (const auto open = name.rfind(" (copy"); open != std::string::npos && name.back() == ')') {
        const std::string_view inner = std::string_view(name).substr(open + 6, name.size() - open - 7);
        if (inner.empty() || (inner[0] == ' ' && allDigits(inner.substr(1))))
            stem = name.substr(0, open);
    }
    if (!taken.count(stem + " (copy)"))
        return stem + " (copy)";
    for (int n = 2;; ++n)
        if (std::string candidate = stem + " (copy " + std::to_string(n) + ")"; !taken.count(candidate))
            return candidate;
}

IpAddress unusedFrom(IpAddress address, const std::set<Uint128>& used)
{
    Uint128 value = address.value();
    const Uint128 top = address.isV4() ? Uint128(0xFFFFFFFFu) : ~Uint128(0);
    while (used.count(value) && value < top)
        ++value;
    return address.isV4() ? IpAddress::v4(std::uint32_t(value)) : IpAddress::v6(value);
}

void dropHollowEntries(Resource& r)
{
    if (SecurityGroup* g = r.as<SecurityGroup>())
        for (auto* rules : {&g->inbound, &g->outbound})
            std::erase_if(*rules, [](const SecurityGroupRule& rule) {
                return !rule.cidr && !rule.securityGroup && !rule.prefixList;
            });
    if (RouteTable* t = r.as<RouteTable>())
        std::erase_if(t->routes,
                      [](const Route& route) { return !route.destination && !route.destinationPrefixList; });
    if (LoadBalancer* lb = r.as<LoadBalancer>())
        std::erase_if(lb->targets, [](const LoadBalancerTarget& t) { return !t.instance && !t.ip; });
    if (TransitGatewayRouteTable* t = r.as<TransitGatewayRouteTable>())
        std::erase_if(t->routes,
                      [](const TransitGatewayRoute& route) { return !route.blackhole && !route.attachment; });
    if (OnPremisesNetwork* n = r.as<OnPremisesNetwork>())
        std::erase_if(n->routes, [](const OnPremisesRoute& route) {
            return !route.destination && !route.destinationPrefixList;
        });
}

} // namespace pp
