#pragma once

// Enumerations of the network model, with their file spelling. Each enumerator's comment gives
// its meaning; docs/file-format.md lists the same values.

#include "model/Describe.h"

namespace pp {

enum class Protocol : std::uint8_t {
    All,    // every protocol and port ("-1" in AWS)
    Tcp,
    Udp,
    Icmp,
    Icmpv6,
};
template <>
struct EnumTraits<Protocol> {
    static constexpr std::array names{std::string_view("all"), std::string_view("tcp"), std::string_view("udp"),
                                      std::string_view("icmp"), std::string_view("icmpv6")};
};

enum class RuleAction : std::uint8_t { Allow, Deny };
template <>
struct EnumTraits<RuleAction> {
    static constexpr std::array names{std::string_view("allow"), std::string_view("deny")};
};

enum class RouteOrigin : std::uint8_t {
    Static,     // entered by the user (CreateRoute)
    Propagated, // learned from a virtual private gateway (VPN BGP or Direct Connect)
};
template <>
struct EnumTraits<RouteOrigin> {
    static constexpr std::array names{std::string_view("static"), std::string_view("propagated")};
};

enum class RouteState : std::uint8_t {
    Active,
    Blackhole, // the target is gone: matching packets are dropped (rule RT-5)
};
template <>
struct EnumTraits<RouteState> {
    static constexpr std::array names{std::string_view("active"), std::string_view("blackhole")};
};

// The life-cycle state of gateways, attachments, connections and interfaces. Only `available`
// carries traffic.
enum class LifecycleState : std::uint8_t { Available, Pending, Down, Failed, Deleted };
template <>
struct EnumTraits<LifecycleState> {
    static constexpr std::array names{std::string_view("available"), std::string_view("pending"),
                                      std::string_view("down"), std::string_view("failed"),
                                      std::string_view("deleted")};
};

enum class PeeringState : std::uint8_t { Active, PendingAcceptance, Rejected, Failed, Expired, Deleted };
template <>
struct EnumTraits<PeeringState> {
    static constexpr std::array names{std::string_view("active"),  std::string_view("pendingAcceptance"),
                                      std::string_view("rejected"), std::string_view("failed"),
                                      std::string_view("expired"), std::string_view("deleted")};
};

// A VPC endpoint's state; only `available` carries traffic (rule SVC-2).
enum class EndpointState : std::uint8_t { Available, PendingAcceptance, Pending, Rejected, Failed, Expired, Deleted };
template <>
struct EnumTraits<EndpointState> {
    static constexpr std::array names{std::string_view("available"), std::string_view("pendingAcceptance"),
                                      std::string_view("pending"),   std::string_view("rejected"),
                                      std::string_view("failed"),    std::string_view("expired"),
                                      std::string_view("deleted")};
};

enum class NatConnectivity : std::uint8_t {
    Public,  // has an Elastic IP; reaches the internet through the VPC's internet gateway
    Private, // translates to its private address; never reaches the internet (rule IGW-5)
};
template <>
struct EnumTraits<NatConnectivity> {
    static constexpr std::array names{std::string_view("public"), std::string_view("private")};
};

// Rule NAT-1: where a NAT gateway lives.
enum class NatAvailabilityMode : std::uint8_t {
    Zonal,    // in one subnet of one AZ; a public one sits in a public subnet
    Regional, // belongs to the VPC and spans the AZs where it has workloads; needs no public subnet
};
template <>
struct EnumTraits<NatAvailabilityMode> {
    static constexpr std::array names{std::string_view("zonal"), std::string_view("regional")};
};

enum class WorkloadType : std::uint8_t {
    Ec2Instance,
    LambdaFunction, // a VPC-attached function
    EcsTask,
    EksPod,
    RdsDatabase,
    ElastiCacheNode,
    NetworkInterface, // a bare elastic network interface
    Other,
};
template <>
struct EnumTraits<WorkloadType> {
    static constexpr std::array names{std::string_view("ec2Instance"),    std::string_view("lambdaFunction"),
                                      std::string_view("ecsTask"),        std::string_view("eksPod"),
                                      std::string_view("rdsDatabase"),    std::string_view("elastiCacheNode"),
                                      std::string_view("networkInterface"), std::string_view("other")};
};

enum class EndpointType : std::uint8_t {
    Gateway,             // S3 / DynamoDB prefix-list route target (section 5)
    Interface,           // PrivateLink ENIs in subnets (sections 6, 7)
    GatewayLoadBalancer, // route target in one subnet, sends to a GWLB endpoint service (SVC-8)
    Resource,            // ENIs in subnets, to one resource configuration (PL-1)
    ServiceNetwork,      // ENIs in subnets, to a VPC Lattice service network (PL-1)
};
template <>
struct EnumTraits<EndpointType> {
    static constexpr std::array names{std::string_view("gateway"), std::string_view("interface"),
                                      std::string_view("gatewayLoadBalancer"), std::string_view("resource"),
                                      std::string_view("serviceNetwork")};
};

enum class LoadBalancerType : std::uint8_t { Network, Gateway };
template <>
struct EnumTraits<LoadBalancerType> {
    static constexpr std::array names{std::string_view("network"), std::string_view("gateway")};
};

enum class TgwAttachmentType : std::uint8_t { Vpc, Vpn, DirectConnectGateway, Peering };
template <>
struct EnumTraits<TgwAttachmentType> {
    static constexpr std::array names{std::string_view("vpc"), std::string_view("vpn"),
                                      std::string_view("directConnectGateway"), std::string_view("peering")};
};

enum class VpnRouting : std::uint8_t {
    Static,  // remote networks listed in staticRoutes
    Dynamic, // remote networks learned over BGP (listed in staticRoutes as what is advertised)
};
template <>
struct EnumTraits<VpnRouting> {
    static constexpr std::array names{std::string_view("static"), std::string_view("dynamic")};
};

enum class VifType : std::uint8_t {
    Private, // to one VPC's virtual private gateway, or to several through a DX gateway
    Transit, // to transit gateways through a DX gateway
    Public,  // to AWS public endpoints on public addresses
};
template <>
struct EnumTraits<VifType> {
    static constexpr std::array names{std::string_view("private"), std::string_view("transit"),
                                      std::string_view("public")};
};

enum class ResolverDirection : std::uint8_t { Inbound, Outbound };
template <>
struct EnumTraits<ResolverDirection> {
    static constexpr std::array names{std::string_view("inbound"), std::string_view("outbound")};
};

// AWS Network Firewall (rule INS-3). Stateless rules pass, drop or forward a packet to the
// stateful engine; stateful rules pass or drop a connection, or alert (log it and go on).
enum class StatelessAction : std::uint8_t { Pass, Drop, Forward };
template <>
struct EnumTraits<StatelessAction> {
    static constexpr std::array names{std::string_view("pass"), std::string_view("drop"), std::string_view("forward")};
};
enum class StatefulAction : std::uint8_t { Pass, Drop, Alert };
template <>
struct EnumTraits<StatefulAction> {
    static constexpr std::array names{std::string_view("pass"), std::string_view("drop"), std::string_view("alert")};
};
// A domain list rule group: only the listed domains (allow), or every domain but them (deny).
enum class DomainListType : std::uint8_t { Allow, Deny };
template <>
struct EnumTraits<DomainListType> {
    static constexpr std::array names{std::string_view("allow"), std::string_view("deny")};
};

// A resource configuration (PL-1): one resource, a group of them, or one resource of a group.
enum class ResourceConfigurationType : std::uint8_t { Single, Group, Child };
template <>
struct EnumTraits<ResourceConfigurationType> {
    static constexpr std::array names{std::string_view("single"), std::string_view("group"), std::string_view("child")};
};

enum class Verdict : std::uint8_t {
    Private,     // every hop stays on private addresses inside AWS or a private hybrid link
    Public,      // some hop leaves the private network
    Unreachable, // some hop drops the flow
};
template <>
struct EnumTraits<Verdict> {
    static constexpr std::array names{std::string_view("private"), std::string_view("public"),
                                      std::string_view("unreachable")};
};

} // namespace pp
