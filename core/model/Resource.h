#pragma once

#include "model/FirewallResources.h"
#include "model/LatticeResources.h"
#include "model/Resources.h"

#include <map>
#include <string>
#include <variant>

namespace pp {

// Alternatives in the order of enum Kind (checked below).
using ResourceData =
    std::variant<Region, Vpc, Subnet, RouteTable, InternetGateway, EgressOnlyInternetGateway, NatGateway,
                 SecurityGroup, NetworkAcl, Workload, VpcEndpoint, EndpointService, LoadBalancer, AwsService,
                 PrefixList, InternetHost, VpcPeering, TransitGateway, TransitGatewayRouteTable,
                 TransitGatewayAttachment, VirtualPrivateGateway, CustomerGateway, VpnConnection,
                 DirectConnectGateway, DirectConnectVirtualInterface, OnPremisesNetwork, OnPremisesHost,
                 ResolverEndpoint, PrivateHostedZone, NetworkFirewall, ResourceGateway,
                 ResourceConfiguration, ServiceNetwork>;
static_assert(std::variant_size_v<ResourceData> == kKindCount);
#if !defined(__clang__) || __clang_major__ >= 15 // clang 14 (the fuzz build) cannot evaluate this
template <class T>
constexpr Kind kindOf()
{
    return Kind(ResourceData(std::in_place_type<T>).index());
}
static_assert(kindOf<ServiceNetwork>() == Kind::ServiceNetwork && kindOf<Workload>() == Kind::Workload);
#endif
// Fields a file may carry for other tools: keys starting with "x-" on resources, flows and the
// document. Their values are kept as JSON and saved back in key order (values are normalised:
// object keys sorted, numbers in nlohmann's shortest form). Any other unknown key is reported and
// dropped.
using Extensions = std::map<std::string, std::string>; // key -> compact JSON text

// A resource's tags, as AWS has them: key -> value (the value may be empty). Kept sorted, so
// saving is deterministic. Lesson goals and policies select resources by tag (model/Tags.h).
using Tags = std::map<std::string, std::string>;

struct Resource {
    ResourceId id;
    std::string name; // display name; empty = show the id
    Tags tags;
    ResourceData data;
    Extensions extensions;

    Kind kind() const { return Kind(data.index()); }
    template <class T>
    const T* as() const { return std::get_if<T>(&data); }
    template <class T>
    T* as() { return std::get_if<T>(&data); }
    const std::string& displayName() const { return name.empty() ? id.str() : name; }

    friend bool operator==(const Resource&, const Resource&) = default;
};

} // namespace pp
