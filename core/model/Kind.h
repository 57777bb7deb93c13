#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string_view>

namespace pp {

// Every kind of resource the model knows. The order is the order of the collections in a
// saved file and of ResourceData's alternatives; append new kinds at the end of a group only
// together with a schema migration.
enum class Kind : std::uint8_t {
    Region,
    Vpc,
    Subnet,
    RouteTable,
    InternetGateway,
    EgressOnlyInternetGateway,
    NatGateway,
    SecurityGroup,
    NetworkAcl,
    Workload,
    VpcEndpoint,
    EndpointService,
    LoadBalancer,
    AwsService,
    PrefixList,
    InternetHost,
    VpcPeering,
    TransitGateway,
    TransitGatewayRouteTable,
    TransitGatewayAttachment,
    VirtualPrivateGateway,
    CustomerGateway,
    VpnConnection,
    DirectConnectGateway,
    DirectConnectVirtualInterface,
    OnPremisesNetwork,
    OnPremisesHost,
    ResolverEndpoint,
    PrivateHostedZone,
    NetworkFirewall,
    ResourceGateway,
    ResourceConfiguration,
    ServiceNetwork,
};
inline constexpr int kKindCount = int(Kind::ServiceNetwork) + 1;

// A set of kinds, for "this reference may point at a VPC or a transit gateway".
class KindMask {
public:
    constexpr KindMask() = default;
    constexpr KindMask(std::initializer_list<Kind> kinds)
    {
        for (Kind k : kinds)
            m_bits |= bit(k);
    }
    static constexpr KindMask all()
    {
        KindMask m;
        m.m_bits = (std::uint64_t(1) << kKindCount) - 1;
        return m;
    }
    constexpr bool contains(Kind k) const { return (m_bits & bit(k)) != 0; }
    constexpr bool empty() const { return m_bits == 0; }

private:
    static constexpr std::uint64_t bit(Kind k) { return std::uint64_t(1) << int(k); }
    std::uint64_t m_bits = 0;
};

struct KindInfo {
    Kind kind;
    std::string_view name;       // singular lowerCamelCase, used in messages and the schema: "vpc"
    std::string_view collection; // the file's top-level key holding this kind: "vpcs"
};

const KindInfo& kindInfo(Kind kind);
std::optional<Kind> kindFromCollection(std::string_view collection);
std::optional<Kind> kindFromName(std::string_view name); // "vpc", "natGateway"…

} // namespace pp
