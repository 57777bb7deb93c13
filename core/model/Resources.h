#pragma once

// The network model: one struct per resource kind, each with the describe() function that lists
// its fields for the file format (see Describe.h). Field meanings follow the AWS APIs; the
// rules they take part in are named in NETWORK-RULES.md terms (e.g. rule IGW-4).

#include "model/Cidr.h"
#include "model/Describe.h"
#include "model/Enums.h"
#include "model/Id.h"

#include <string>
#include <vector>

namespace pp {

using ResourceIds = std::vector<ResourceId>;
using Cidrs = std::vector<Cidr>;


// ---- Regions and VPCs ---------------------------------------------------------------------

struct Region {
    friend bool operator==(const Region&, const Region&) = default;
    std::string code;                           // "us-east-1"
    std::string partition = "aws";              // "aws", "aws-cn", "aws-us-gov"
    std::vector<std::string> availabilityZones; // AZ ids such as "use1-az1" (not names)
};
template <class A>
void describe(A& a, Region& v)
{
    a.req("code", v.code, {.doc = "AWS Region code, e.g. `us-east-1`."});
    a.opt("partition", v.partition, std::string("aws"), {.doc = "AWS partition: `aws`, `aws-cn` or `aws-us-gov`."});
    a.opt("availabilityZones", v.availabilityZones,
          {.doc = "Availability Zone ids (e.g. `use1-az1`) that subnets and load balancers may use. AZ ids, "
                  "not names, identify the same zone in every account (rule SVC-4)."});
}

struct Vpc {
    friend bool operator==(const Vpc&, const Vpc&) = default;
    ResourceId region;
    std::string account;     // 12-digit AWS account id owning the VPC; "" = unspecified
    Cidrs ipv4Cidrs;         // primary block first, then secondary blocks
    std::optional<Cidr> ipv6Cidr;
    bool enableDnsSupport = true;
    bool enableDnsHostnames = false;
};
template <class A>
void describe(A& a, Vpc& v)
{
    a.req("region", v.region, {.doc = "The Region the VPC is in.", .kinds = {Kind::Region}});
    a.opt("account", v.account, std::string(),
          {.doc = "The 12-digit AWS account that owns the VPC; matched against endpoint services' allowed "
                  "principals (rule SVC-2)."});
    a.req("ipv4Cidrs", v.ipv4Cidrs,
          {.doc = "IPv4 CIDR blocks, primary first (each /16 to /28).", .family = IpFamily::V4});
    a.opt("ipv6Cidr", v.ipv6Cidr, {.doc = "The VPC's IPv6 block (a /56), if it has one.", .family = IpFamily::V6});
    a.opt("enableDnsSupport", v.enableDnsSupport, true,
          {.doc = "VPC attribute `enableDnsSupport`: the Amazon DNS server answers in this VPC."});
    a.opt("enableDnsHostnames", v.enableDnsHostnames, false,
          {.doc = "VPC attribute `enableDnsHostnames`. Private DNS of interface endpoints needs both DNS "
                  "attributes on (rule IF-2). AWS's default for a new VPC is off."});
}

struct Subnet {
    friend bool operator==(const Subnet&, const Subnet&) = default;
    ResourceId vpc;
    Cidr cidr;
    std::optional<Cidr> ipv6Cidr;
    std::string availabilityZone; // AZ id
    std::optional<ResourceId> routeTable;
    std::optional<ResourceId> networkAcl;
};
template <class A>
void describe(A& a, Subnet& v)
{
    a.req("vpc", v.vpc, {.doc = "The VPC the subnet belongs to.", .kinds = {Kind::Vpc}});
    a.req("cidr", v.cidr, {.doc = "IPv4 CIDR block inside one of the VPC's blocks.", .family = IpFamily::V4});
    a.opt("ipv6Cidr", v.ipv6Cidr, {.doc = "IPv6 block (a /64 of the VPC's block).", .family = IpFamily::V6});
    a.req("availabilityZone", v.availabilityZone, {.doc = "AZ id, one of the Region's `availabilityZones`."});
    a.opt("routeTable", v.routeTable,
          {.doc = "Explicitly associated route table; absent = the VPC's main route table (rule RT-4).",
           .kinds = {Kind::RouteTable}});
    a.opt("networkAcl", v.networkAcl,
          {.doc = "Associated network ACL; absent = the VPC's default NACL, which allows everything (ACL-1).",
           .kinds = {Kind::NetworkAcl}});
}

struct Route {
    friend bool operator==(const Route&, const Route&) = default;
    std::optional<Cidr> destination;
    std::optional<ResourceId> destinationPrefixList;
    ResourceId target; // or kLocalTarget
    RouteOrigin origin = RouteOrigin::Static;
    RouteState state = RouteState::Active;
};
template <class A>
void describe(A& a, Route& v)
{
    a.opt("destination", v.destination, {.doc = "Destination CIDR (IPv4 or IPv6)."});
    a.opt("destinationPrefixList", v.destinationPrefixList,
          {.doc = "Destination prefix list (instead of `destination`).", .kinds = {Kind::PrefixList}});
    a.oneOf(std::array{"destination", "destinationPrefixList"});
    a.req("target", v.target,
          {.doc = "Where matching packets go: `local`, or an internet, egress-only, NAT, transit or virtual "
                  "private gateway, a VPC peering, a Gateway Load Balancer endpoint, a Network Firewall, or a "
                  "workload's network interface. Gateway-endpoint routes come from the endpoint's `routeTables` instead (GW-2).",
           .kinds = {Kind::InternetGateway, Kind::EgressOnlyInternetGateway, Kind::NatGateway, Kind::VpcPeering,
                     Kind::TransitGateway, Kind::VirtualPrivateGateway, Kind::VpcEndpoint, Kind::Workload,
                     Kind::NetworkFirewall},
           .allowLocal = true});
    a.opt("origin", v.origin, RouteOrigin::Static, {.doc = "How the route was created."});
    a.opt("state", v.state, RouteState::Active, {.doc = "`blackhole` routes drop matching packets."});
}

struct RouteTable {
    friend bool operator==(const RouteTable&, const RouteTable&) = default;
    ResourceId vpc;
    bool main = false;
    std::vector<Route> routes; // the local route of every VPC block is implicit
    ResourceIds propagatingGateways;
};
template <class A>
void describe(A& a, RouteTable& v)
{
    a.req("vpc", v.vpc, {.doc = "The VPC the table belongs to.", .kinds = {Kind::Vpc}});
    a.opt("main", v.main, false, {.doc = "The VPC's main route table, used by subnets with no explicit table."});
    a.opt("routes", v.routes,
          {.doc = "Routes besides the implicit `local` route for each VPC CIDR block, which every table has."});
    a.opt("propagatingGateways", v.propagatingGateways,
          {.doc = "Virtual private gateways whose VPN/Direct Connect routes propagate into this table.",
           .kinds = {Kind::VirtualPrivateGateway}});
}

struct InternetGateway {
    friend bool operator==(const InternetGateway&, const InternetGateway&) = default;
    std::optional<ResourceId> vpc;
    std::optional<ResourceId> routeTable; // gateway route table (edge association, RT-9)
};
template <class A>
void describe(A& a, InternetGateway& v)
{
    a.opt("vpc", v.vpc, {.doc = "The attached VPC; absent = detached.", .kinds = {Kind::Vpc}});
    a.opt("routeTable", v.routeTable,
          {.doc = "A gateway route table associated with this gateway (an edge association, ingress routing): "
                  "traffic entering the VPC through the gateway is routed by it, e.g. to a firewall, before it "
                  "reaches its subnet (rule RT-9). Absent = the local route delivers it directly.",
           .kinds = {Kind::RouteTable}});
}

struct EgressOnlyInternetGateway {
    friend bool operator==(const EgressOnlyInternetGateway&, const EgressOnlyInternetGateway&) = default;
    ResourceId vpc;
};
template <class A>
void describe(A& a, EgressOnlyInternetGateway& v)
{
    a.req("vpc", v.vpc, {.doc = "The VPC it serves (IPv6 outbound only, rule IGW-7).", .kinds = {Kind::Vpc}});
}

struct NatGateway {
    friend bool operator==(const NatGateway&, const NatGateway&) = default;
    NatAvailabilityMode availabilityMode = NatAvailabilityMode::Zonal;
    std::optional<ResourceId> subnet; // zonal: its subnet (exactly one of subnet and vpc is set)
    std::optional<ResourceId> vpc;    // regional: its VPC
    NatConnectivity connectivity = NatConnectivity::Public;
    std::optional<IpAddress> elasticIp;
    std::optional<IpAddress> privateIp;
    LifecycleState state = LifecycleState::Available;
};
template <class A>
void describe(A& a, NatGateway& v)
{
    a.opt("availabilityMode", v.availabilityMode, NatAvailabilityMode::Zonal,
          {.doc = "`zonal`: in one subnet (a public one in a public subnet); `regional`: belongs to the VPC, spans "
                  "the AZs where the VPC has workloads and needs no public subnet, only the VPC's internet gateway "
                  "for public connectivity (rule NAT-1)."});
    a.opt("subnet", v.subnet, {.doc = "Zonal NAT gateways: the subnet it is in.", .kinds = {Kind::Subnet}});
    a.opt("vpc", v.vpc, {.doc = "Regional NAT gateways: the VPC it belongs to.", .kinds = {Kind::Vpc}});
    a.oneOf(std::array{"subnet", "vpc"});
    if constexpr (requires { a.conflict("", std::string()); }) {
        if (v.availabilityMode == NatAvailabilityMode::Regional && v.subnet)
            a.conflict("subnet", "a regional NAT gateway belongs to a VPC and is in no subnet: give 'vpc' instead of 'subnet' (NAT-1)");
        else if (v.availabilityMode == NatAvailabilityMode::Zonal && v.vpc)
            a.conflict("vpc", "a zonal NAT gateway is in one subnet: give 'subnet' instead of 'vpc', or make it "
                              "\"availabilityMode\": \"regional\" (NAT-1)");
    }
    a.opt("connectivity", v.connectivity, NatConnectivity::Public, {.doc = "Public or private NAT gateway."});
    a.opt("elasticIp", v.elasticIp,
          {.doc = "The Elastic IP of a public NAT gateway (required for public ones, rule IGW-4).",
           .family = IpFamily::V4});
    a.opt("privateIp", v.privateIp, {.doc = "Private address in the subnet.", .family = IpFamily::V4});
    a.opt("state", v.state, LifecycleState::Available, {.doc = "Only `available` forwards traffic."});
}

// ---- Security ------------------------------------------------------------------------------

struct SecurityGroupRule {
    friend bool operator==(const SecurityGroupRule&, const SecurityGroupRule&) = default;
    Protocol protocol = Protocol::All;
    int fromPort = 0;
    int toPort = 65535;
    std::optional<Cidr> cidr;
    std::optional<ResourceId> securityGroup;
    std::optional<ResourceId> prefixList;
    std::string description;
};
template <class A>
void describe(A& a, SecurityGroupRule& v)
{
    a.req("protocol", v.protocol, {.doc = "IP protocol; `all` matches every protocol and port."});
    a.opt("fromPort", v.fromPort, 0, {.doc = "First port (or ICMP type) of the range.", .min = 0, .max = 65535});
    a.opt("toPort", v.toPort, 65535, {.doc = "Last port of the range.", .min = 0, .max = 65535});
    a.opt("cidr", v.cidr, {.doc = "Peer CIDR block (IPv4 or IPv6)."});
    a.opt("securityGroup", v.securityGroup,
          {.doc = "Peer security group: its members (rule SG-2).", .kinds = {Kind::SecurityGroup}});
    a.opt("prefixList", v.prefixList, {.doc = "Peer prefix list, e.g. S3's.", .kinds = {Kind::PrefixList}});
    a.oneOf(std::array{"cidr", "securityGroup", "prefixList"});
    a.opt("description", v.description, std::string(), {.doc = "Free text."});
}

struct SecurityGroup {
    friend bool operator==(const SecurityGroup&, const SecurityGroup&) = default;
    ResourceId vpc;
    bool isDefault = false;
    std::vector<SecurityGroupRule> inbound;
    // Empty in a group built in code; a file that leaves `outbound` out gets awsDefaultOutbound().
    std::vector<SecurityGroupRule> outbound;
};

// The egress rules AWS gives a new security group (rule DEF-1): all traffic to 0.0.0.0/0 and, for
// a VPC with IPv6, to ::/0 (harmless without IPv6). What a file's absent `outbound` means.
const std::vector<SecurityGroupRule>& awsDefaultOutbound();
// Whether the group's egress is exactly AWS's default (as written by leaving `outbound` out): a
// path that passes it relies on a default, and its notes say so.
inline bool hasDefaultOutbound(const SecurityGroup& group) { return group.outbound == awsDefaultOutbound(); }
template <class A>
void describe(A& a, SecurityGroup& v)
{
    a.req("vpc", v.vpc, {.doc = "The VPC the group belongs to.", .kinds = {Kind::Vpc}});
    a.opt("isDefault", v.isDefault, false,
          {.doc = "The VPC's default group, given to resources created without a group (rule SG-3)."});
    a.opt("inbound", v.inbound, {.doc = "Inbound allow rules (security groups have no deny rules)."});
    a.opt("outbound", v.outbound, awsDefaultOutbound(),
          {.doc = "Outbound allow rules. Absent = AWS's default for a new group, all traffic to `0.0.0.0/0` and `::/0` "
                  "(rule DEF-1); write `[]` for a group that allows no egress."});
}

struct NetworkAclEntry {
    friend bool operator==(const NetworkAclEntry&, const NetworkAclEntry&) = default;
    int ruleNumber = 0;
    Protocol protocol = Protocol::All;
    int fromPort = 0;
    int toPort = 65535;
    Cidr cidr;
    RuleAction action = RuleAction::Allow;
};
template <class A>
void describe(A& a, NetworkAclEntry& v)
{
    a.req("ruleNumber", v.ruleNumber,
          {.doc = "Evaluation order: the lowest matching number wins (rule ACL-1).", .min = 1, .max = 32766});
    a.req("protocol", v.protocol, {.doc = "IP protocol."});
    a.opt("fromPort", v.fromPort, 0, {.doc = "First port of the range.", .min = 0, .max = 65535});
    a.opt("toPort", v.toPort, 65535, {.doc = "Last port of the range.", .min = 0, .max = 65535});
    a.req("cidr", v.cidr, {.doc = "The peer CIDR (NACLs cannot reference prefix lists)."});
    a.req("action", v.action, {.doc = "`allow` or `deny`."});
}

struct NetworkAcl {
    friend bool operator==(const NetworkAcl&, const NetworkAcl&) = default;
    ResourceId vpc;
    std::vector<NetworkAclEntry> inbound;
    std::vector<NetworkAclEntry> outbound;
};
template <class A>
void describe(A& a, NetworkAcl& v)
{
    a.req("vpc", v.vpc, {.doc = "The VPC the ACL belongs to.", .kinds = {Kind::Vpc}});
    a.opt("inbound", v.inbound, {.doc = "Inbound entries; an implicit deny follows the last."});
    a.opt("outbound", v.outbound, {.doc = "Outbound entries; remember replies on ephemeral ports (ACL-1)."});
}

// ---- Workloads -----------------------------------------------------------------------------

struct Workload {
    friend bool operator==(const Workload&, const Workload&) = default;
    WorkloadType workloadType = WorkloadType::Ec2Instance;
    ResourceId subnet;
    std::optional<IpAddress> privateIp;
    bool publicIp = false;
    std::optional<IpAddress> ipv6Address;
    ResourceIds securityGroups;
};
template <class A>
void describe(A& a, Workload& v)
{
    a.opt("workloadType", v.workloadType, WorkloadType::Ec2Instance, {.doc = "What runs here (a label and icon)."});
    a.req("subnet", v.subnet, {.doc = "The subnet its network interface is in.", .kinds = {Kind::Subnet}});
    a.opt("privateIp", v.privateIp, {.doc = "Primary private IPv4 address in the subnet.", .family = IpFamily::V4});
    a.opt("publicIp", v.publicIp, false,
          {.doc = "Has a public IPv4 address (auto-assigned or Elastic IP), needed to use an internet gateway "
                  "(rule IGW-2)."});
    a.opt("ipv6Address", v.ipv6Address, {.doc = "IPv6 address, if any.", .family = IpFamily::V6});
    a.opt("securityGroups", v.securityGroups,
          {.doc = "Security groups of its interface; absent = the VPC's default group (rule SG-3).",
           .kinds = {Kind::SecurityGroup}});
}

// ---- PrivateLink ---------------------------------------------------------------------------

struct VpcEndpoint {
    friend bool operator==(const VpcEndpoint&, const VpcEndpoint&) = default;
    ResourceId vpc;
    EndpointType endpointType = EndpointType::Interface;
    ResourceId service;
    ResourceIds subnets;
    ResourceIds routeTables;
    ResourceIds securityGroups;
    bool privateDns = true;
    bool privateDnsOnlyForInboundResolverEndpoint = false;
    EndpointState state = EndpointState::Available;
};
template <class A>
void describe(A& a, VpcEndpoint& v)
{
    a.req("vpc", v.vpc, {.doc = "The consumer VPC.", .kinds = {Kind::Vpc}});
    a.req("endpointType", v.endpointType,
          {.doc = "Gateway, interface, Gateway Load Balancer, resource or service-network endpoint; the type "
                  "decides what `service` may be (rule PL-2)."});
    a.req("service", v.service,
          {.doc = "What it connects to: an AWS service (gateway, interface), an endpoint service (interface: behind "
                  "a Network Load Balancer; gatewayLoadBalancer: behind a Gateway Load Balancer), a resource "
                  "configuration (resource) or a service network (serviceNetwork).",
           .kinds = {Kind::AwsService, Kind::EndpointService, Kind::ResourceConfiguration, Kind::ServiceNetwork}});
    a.opt("subnets", v.subnets,
          {.doc = "Interface, GWLB, resource and service-network endpoints: subnets that get an endpoint ENI, at "
                  "most one per AZ (IF-1).",
           .kinds = {Kind::Subnet}});
    a.opt("routeTables", v.routeTables,
          {.doc = "Gateway endpoints: route tables that get the service's prefix-list route (GW-2).",
           .kinds = {Kind::RouteTable}});
    a.opt("securityGroups", v.securityGroups,
          {.doc = "Interface, resource and service-network endpoints: security groups of the ENIs; absent = the "
                  "VPC's default group (SG-3).",
           .kinds = {Kind::SecurityGroup}});
    a.opt("privateDns", v.privateDns, true,
          {.doc = "Interface endpoints: the service's default DNS name resolves to the endpoint in this VPC "
                  "(IF-2). AWS's default is on."});
    a.opt("privateDnsOnlyForInboundResolverEndpoint", v.privateDnsOnlyForInboundResolverEndpoint, false,
          {.doc = "S3 interface endpoints: private DNS answers only queries via a Resolver inbound endpoint; "
                  "in-VPC clients use the gateway endpoint (IF-6)."});
    a.opt("state", v.state, EndpointState::Available, {.doc = "Only `available` carries traffic (SVC-2)."});
}

struct EndpointService {
    friend bool operator==(const EndpointService&, const EndpointService&) = default;
    ResourceId loadBalancer;
    bool acceptanceRequired = true;
    std::vector<std::string> allowedPrincipals;
    std::string privateDnsName;
    bool privateDnsVerified = false;
    std::vector<std::string> supportedRegions;
    bool marketplace = false;
};
template <class A>
void describe(A& a, EndpointService& v)
{
    a.req("loadBalancer", v.loadBalancer,
          {.doc = "The Network or Gateway Load Balancer fronting the service (SVC-1).", .kinds = {Kind::LoadBalancer}});
    a.opt("acceptanceRequired", v.acceptanceRequired, true,
          {.doc = "Connection requests wait in `pendingAcceptance` until accepted (SVC-2). AWS's default is on."});
    a.opt("allowedPrincipals", v.allowedPrincipals,
          {.doc = "Account ids (or ARNs, or `*`) allowed to create endpoints to the service."});
    a.opt("privateDnsName", v.privateDnsName, std::string(), {.doc = "Provider's private DNS name, e.g. `api.vendor.example`."});
    a.opt("privateDnsVerified", v.privateDnsVerified, false,
          {.doc = "The provider verified the domain; only then do consumers resolve the name privately (SVC-6)."});
    a.opt("supportedRegions", v.supportedRegions,
          {.doc = "Region codes besides the service's own from which consumers may connect (SVC-7)."});
    a.opt("marketplace", v.marketplace, false, {.doc = "Offered as an AWS Marketplace SaaS product."});
}

struct LoadBalancerTarget {
    friend bool operator==(const LoadBalancerTarget&, const LoadBalancerTarget&) = default;
    std::optional<ResourceId> instance;
    std::optional<IpAddress> ip;
    int port = 0;
};
template <class A>
void describe(A& a, LoadBalancerTarget& v)
{
    a.opt("instance", v.instance, {.doc = "An instance target.", .kinds = {Kind::Workload}});
    a.opt("ip", v.ip, {.doc = "An IP target: private address in the VPC, a peered VPC or on premises (SVC-5)."});
    a.oneOf(std::array{"instance", "ip"});
    a.req("port", v.port, {.doc = "Target port.", .min = 1, .max = 65535});
}

struct Listener {
    friend bool operator==(const Listener&, const Listener&) = default;
    Protocol protocol = Protocol::Tcp;
    int port = 0;
};
template <class A>
void describe(A& a, Listener& v)
{
    a.req("protocol", v.protocol, {.doc = "Listener protocol: `tcp` or `udp` (`all` = TCP and UDP)."});
    a.req("port", v.port, {.doc = "Listener port.", .min = 1, .max = 65535});
}

struct LoadBalancer {
    friend bool operator==(const LoadBalancer&, const LoadBalancer&) = default;
    LoadBalancerType lbType = LoadBalancerType::Network;
    bool internal = true;
    ResourceIds subnets;
    ResourceIds securityGroups;
    bool crossZone = false;
    std::vector<Listener> listeners;
    std::vector<LoadBalancerTarget> targets;
    std::optional<bool> preserveClientIp; // absent = AWS's default (preservesClientIp)
    bool enforceSecurityGroupInboundRulesOnPrivateLinkTraffic = true;
};
template <class A>
void describe(A& a, LoadBalancer& v)
{
    a.req("lbType", v.lbType, {.doc = "Network or Gateway Load Balancer."});
    a.opt("internal", v.internal, true, {.doc = "Internal (private addresses only) or internet-facing."});
    a.req("subnets", v.subnets,
          {.doc = "One subnet per enabled AZ; their AZs are where consumers may place endpoints (SVC-4).",
           .kinds = {Kind::Subnet}});
    a.opt("securityGroups", v.securityGroups,
          {.doc = "Network Load Balancer security groups, chosen at creation (none = all traffic passes). Their inbound "
                  "rules filter clients, their outbound rules what reaches targets, and a target's rule naming one "
                  "admits the load balancer (rule NLB-2).",
           .kinds = {Kind::SecurityGroup}});
    a.opt("enforceSecurityGroupInboundRulesOnPrivateLinkTraffic", v.enforceSecurityGroupInboundRulesOnPrivateLinkTraffic, true,
          {.doc = "With security groups: their inbound rules also filter traffic arriving over PrivateLink, by the "
                  "client's private address (rule NLB-2). On by default, as AWS creates it."});
    a.opt("crossZone", v.crossZone, false,
          {.doc = "Cross-zone load balancing: the node of each AZ may send to targets in every enabled AZ. Off by "
                  "default for Network and Gateway Load Balancers: a node sends only to its own AZ's targets, and a "
                  "PrivateLink endpoint interface reaches the node of its own AZ (rule NLB-1)."});
    a.opt("preserveClientIp", v.preserveClientIp,
          {.doc = "Client IP preservation of the target group (`preserve_client_ip.enabled`): targets see the "
                  "client's address as the source instead of the load balancer's. Absent = AWS's default: on for "
                  "instance targets, off for IP targets over TCP; always on for UDP. PrivateLink traffic always "
                  "arrives from the load balancer's addresses (rule NLB-2)."});
    a.opt("listeners", v.listeners, {.doc = "Listeners (protocol and port)."});
    a.opt("targets", v.targets, {.doc = "Registered targets."});
}

// Whether targets see the client's address as the source (rule NLB-2): AWS preserves it always for
// UDP, else as `preserveClientIp` says, by default for instance targets and not for IP targets.
inline bool preservesClientIp(const LoadBalancer& lb, const LoadBalancerTarget& target, Protocol protocol)
{
    if (protocol == Protocol::Udp)
        return true;
    return lb.preserveClientIp.value_or(target.instance.has_value());
}

// ---- Services and the outside world --------------------------------------------------------

struct AwsService {
    friend bool operator==(const AwsService&, const AwsService&) = default;
    std::string service; // endpoint service short name: "s3", "dynamodb", "sqs", "execute-api"...
    ResourceId region;
};
template <class A>
void describe(A& a, AwsService& v)
{
    a.req("service", v.service, {.doc = "Service short name as in `com.amazonaws.<region>.<service>`, e.g. `s3`."});
    a.req("region", v.region, {.doc = "The Region of the service's endpoints.", .kinds = {Kind::Region}});
}

struct PrefixList {
    friend bool operator==(const PrefixList&, const PrefixList&) = default;
    std::string prefixListName; // "com.amazonaws.us-east-1.s3" or a customer name
    Cidrs cidrs;
    std::optional<ResourceId> awsService;
};
template <class A>
void describe(A& a, PrefixList& v)
{
    a.req("prefixListName", v.prefixListName, {.doc = "Prefix list name, e.g. `com.amazonaws.us-east-1.s3`."});
    a.opt("cidrs", v.cidrs,
          {.doc = "Entries. For an AWS-managed list empty = PrivatePath's bundled copy of AWS's list."});
    a.opt("awsService", v.awsService,
          {.doc = "The AWS service this managed list belongs to (S3, DynamoDB).", .kinds = {Kind::AwsService}});
}

struct InternetHost {
    friend bool operator==(const InternetHost&, const InternetHost&) = default;
    IpAddress address;
    std::string dnsName;
};
template <class A>
void describe(A& a, InternetHost& v)
{
    a.req("address", v.address, {.doc = "Its public IP address."});
    a.opt("dnsName", v.dnsName, std::string(), {.doc = "The DNS name clients use, if any."});
}

// ---- Peering and transit -------------------------------------------------------------------

struct VpcPeering {
    friend bool operator==(const VpcPeering&, const VpcPeering&) = default;
    ResourceId requesterVpc;
    ResourceId accepterVpc;
    PeeringState state = PeeringState::Active;
};
template <class A>
void describe(A& a, VpcPeering& v)
{
    a.req("requesterVpc", v.requesterVpc, {.doc = "The requesting VPC.", .kinds = {Kind::Vpc}});
    a.req("accepterVpc", v.accepterVpc, {.doc = "The accepting VPC.", .kinds = {Kind::Vpc}});
    a.opt("state", v.state, PeeringState::Active, {.doc = "Only `active` carries traffic (PCX-1)."});
}

struct TransitGateway {
    friend bool operator==(const TransitGateway&, const TransitGateway&) = default;
    ResourceId region;
    std::optional<ResourceId> defaultAssociationRouteTable;
    std::optional<ResourceId> defaultPropagationRouteTable;
    bool securityGroupReferencing = false;
};
template <class A>
void describe(A& a, TransitGateway& v)
{
    a.req("region", v.region, {.doc = "The Region of the transit gateway.", .kinds = {Kind::Region}});
    a.opt("defaultAssociationRouteTable", v.defaultAssociationRouteTable,
          {.doc = "Attachments without an explicit `routeTable` are associated with this table.",
           .kinds = {Kind::TransitGatewayRouteTable}});
    a.opt("defaultPropagationRouteTable", v.defaultPropagationRouteTable,
          {.doc = "Every attachment propagates its routes into this table.", .kinds = {Kind::TransitGatewayRouteTable}});
    a.opt("securityGroupReferencing", v.securityGroupReferencing, false,
          {.doc = "Security group referencing support: inbound rules may name groups of VPCs attached to this transit "
                  "gateway, where their attachments allow it too (rule SGR-1). Off by default, as AWS creates it."});
}

struct TransitGatewayRoute {
    friend bool operator==(const TransitGatewayRoute&, const TransitGatewayRoute&) = default;
    Cidr destination;
    std::optional<ResourceId> attachment;
    bool blackhole = false;
};
template <class A>
void describe(A& a, TransitGatewayRoute& v)
{
    a.req("destination", v.destination, {.doc = "Destination CIDR."});
    a.opt("attachment", v.attachment,
          {.doc = "Next attachment; absent only for a blackhole route.", .kinds = {Kind::TransitGatewayAttachment}});
    a.opt("blackhole", v.blackhole, false, {.doc = "Drop matching packets (TGW-1)."});
}

struct TransitGatewayRouteTable {
    friend bool operator==(const TransitGatewayRouteTable&, const TransitGatewayRouteTable&) = default;
    ResourceId transitGateway;
    std::vector<TransitGatewayRoute> routes;
    ResourceIds propagations;
};
template <class A>
void describe(A& a, TransitGatewayRouteTable& v)
{
    a.req("transitGateway", v.transitGateway, {.doc = "The owning transit gateway.", .kinds = {Kind::TransitGateway}});
    a.opt("routes", v.routes, {.doc = "Static and blackhole routes."});
    a.opt("propagations", v.propagations,
          {.doc = "Attachments whose routes propagate into this table.", .kinds = {Kind::TransitGatewayAttachment}});
}

struct TransitGatewayAttachment {
    friend bool operator==(const TransitGatewayAttachment&, const TransitGatewayAttachment&) = default;
    ResourceId transitGateway;
    TgwAttachmentType attachmentType = TgwAttachmentType::Vpc;
    ResourceId resource;
    ResourceIds subnets;
    std::optional<ResourceId> routeTable;
    LifecycleState state = LifecycleState::Available;
    bool securityGroupReferencing = true; // VPC attachments (SGR-1)
    bool applianceMode = false;           // VPC attachments (INS-2)
};
template <class A>
void describe(A& a, TransitGatewayAttachment& v)
{
    a.req("transitGateway", v.transitGateway, {.doc = "The transit gateway.", .kinds = {Kind::TransitGateway}});
    a.req("attachmentType", v.attachmentType, {.doc = "What is attached."});
    a.req("resource", v.resource,
          {.doc = "The attached VPC, VPN connection, Direct Connect gateway or peer transit gateway.",
           .kinds = {Kind::Vpc, Kind::VpnConnection, Kind::DirectConnectGateway, Kind::TransitGateway}});
    a.opt("subnets", v.subnets, {.doc = "VPC attachments: one subnet per AZ.", .kinds = {Kind::Subnet}});
    a.opt("routeTable", v.routeTable,
          {.doc = "The associated transit gateway route table (at most one, TGW-1).",
           .kinds = {Kind::TransitGatewayRouteTable}});
    a.opt("securityGroupReferencing", v.securityGroupReferencing, true,
          {.doc = "VPC attachments: security group referencing support. On by default, as AWS creates a VPC "
                  "attachment, but it works only when the transit gateway's is on too (rule SGR-1)."});
    a.opt("applianceMode", v.applianceMode, false,
          {.doc = "VPC attachments: appliance mode support. On, the transit gateway sends both directions of a flow "
                  "through one AZ of the attached VPC, as stateful inspection appliances there need when the two "
                  "ends are in different AZs (rule INS-2). Off by default, as AWS creates an attachment."});
    a.opt("state", v.state, LifecycleState::Available, {.doc = "Only `available` carries traffic."});
}

// ---- Hybrid connectivity -------------------------------------------------------------------

struct VirtualPrivateGateway {
    friend bool operator==(const VirtualPrivateGateway&, const VirtualPrivateGateway&) = default;
    std::optional<ResourceId> vpc;
    std::optional<ResourceId> routeTable; // gateway route table (edge association, RT-9)
    std::int64_t asn = 64512;
};
template <class A>
void describe(A& a, VirtualPrivateGateway& v)
{
    a.opt("vpc", v.vpc, {.doc = "The attached VPC; absent = detached.", .kinds = {Kind::Vpc}});
    a.opt("routeTable", v.routeTable,
          {.doc = "A gateway route table associated with this gateway (an edge association, ingress routing): "
                  "traffic from VPN and Direct Connect entering the VPC is routed by it before it reaches its "
                  "subnet (rule RT-9). Absent = the local route delivers it directly.",
           .kinds = {Kind::RouteTable}});
    a.opt("asn", v.asn, std::int64_t(64512), {.doc = "Amazon-side BGP ASN.", .min = 1, .max = 4294967294});
}

struct CustomerGateway {
    friend bool operator==(const CustomerGateway&, const CustomerGateway&) = default;
    ResourceId onPremises;
    IpAddress ipAddress;
    std::int64_t asn = 65000;
};
template <class A>
void describe(A& a, CustomerGateway& v)
{
    a.req("onPremises", v.onPremises, {.doc = "The on-premises network behind the device.", .kinds = {Kind::OnPremisesNetwork}});
    a.req("ipAddress", v.ipAddress, {.doc = "The device's public IPv4 address.", .family = IpFamily::V4});
    a.opt("asn", v.asn, std::int64_t(65000), {.doc = "Customer-side BGP ASN.", .min = 1, .max = 4294967294});
}

struct VpnConnection {
    friend bool operator==(const VpnConnection&, const VpnConnection&) = default;
    ResourceId customerGateway;
    ResourceId gateway;
    VpnRouting routing = VpnRouting::Static;
    Cidrs remoteCidrs;
    LifecycleState state = LifecycleState::Available;
};
template <class A>
void describe(A& a, VpnConnection& v)
{
    a.req("customerGateway", v.customerGateway, {.doc = "The on-premises end.", .kinds = {Kind::CustomerGateway}});
    a.req("gateway", v.gateway,
          {.doc = "The AWS end: a virtual private gateway or a transit gateway.",
           .kinds = {Kind::VirtualPrivateGateway, Kind::TransitGateway}});
    a.opt("routing", v.routing, VpnRouting::Static, {.doc = "Static routes or BGP."});
    a.opt("remoteCidrs", v.remoteCidrs,
          {.doc = "On-premises prefixes reachable over the VPN (static routes, or what BGP advertises). "
                  "VGW VPNs carry IPv4 only (HYB-1)."});
    a.opt("state", v.state, LifecycleState::Available, {.doc = "Only `available` carries traffic."});
}

struct DirectConnectGatewayAssociation {
    friend bool operator==(const DirectConnectGatewayAssociation&, const DirectConnectGatewayAssociation&) = default;
    ResourceId gateway;
    Cidrs allowedPrefixes;
};
template <class A>
void describe(A& a, DirectConnectGatewayAssociation& v)
{
    a.req("gateway", v.gateway, {.doc = "Associated virtual private gateway or transit gateway.",
                                 .kinds = {Kind::VirtualPrivateGateway, Kind::TransitGateway}});
    a.opt("allowedPrefixes", v.allowedPrefixes,
          {.doc = "Prefixes advertised to on premises; transit associations advertise only these (HYB-3)."});
}

struct DirectConnectGateway {
    friend bool operator==(const DirectConnectGateway&, const DirectConnectGateway&) = default;
    std::int64_t asn = 64512;
    std::vector<DirectConnectGatewayAssociation> associations;
};
template <class A>
void describe(A& a, DirectConnectGateway& v)
{
    a.opt("asn", v.asn, std::int64_t(64512), {.doc = "Amazon-side BGP ASN.", .min = 1, .max = 4294967294});
    a.opt("associations", v.associations, {.doc = "Gateways it is associated with."});
}

struct DirectConnectVirtualInterface {
    friend bool operator==(const DirectConnectVirtualInterface&, const DirectConnectVirtualInterface&) = default;
    VifType vifType = VifType::Private;
    ResourceId onPremises;
    std::optional<ResourceId> gateway;
    std::optional<ResourceId> region;
    Cidrs advertisedPrefixes;
    LifecycleState state = LifecycleState::Available;
};
template <class A>
void describe(A& a, DirectConnectVirtualInterface& v)
{
    a.req("vifType", v.vifType, {.doc = "Private, transit or public virtual interface."});
    a.req("onPremises", v.onPremises, {.doc = "The on-premises network on the customer side.", .kinds = {Kind::OnPremisesNetwork}});
    a.opt("gateway", v.gateway,
          {.doc = "Private VIF: a virtual private gateway or DX gateway; transit VIF: a DX gateway.",
           .kinds = {Kind::VirtualPrivateGateway, Kind::DirectConnectGateway}});
    a.opt("region", v.region, {.doc = "Public VIF: the Region whose public services it reaches.", .kinds = {Kind::Region}});
    a.opt("advertisedPrefixes", v.advertisedPrefixes,
          {.doc = "Prefixes the customer advertises over BGP (on-premises networks, or public prefixes)."});
    a.opt("state", v.state, LifecycleState::Available, {.doc = "Only `available` carries traffic."});
}

struct DnsForwardingRule {
    friend bool operator==(const DnsForwardingRule&, const DnsForwardingRule&) = default;
    std::string domain;
    ResourceId resolverEndpoint;
};
template <class A>
void describe(A& a, DnsForwardingRule& v)
{
    a.req("domain", v.domain, {.doc = "Domain whose queries are forwarded, e.g. `amazonaws.com`."});
    a.req("resolverEndpoint", v.resolverEndpoint,
          {.doc = "The Route 53 Resolver inbound endpoint receiving them (IF-4).", .kinds = {Kind::ResolverEndpoint}});
}

// A route in the on-premises router: traffic to `destination` goes over `via`. Prefixes that
// AWS advertises over BGP (VPN, Direct Connect) need no entry; other traffic uses the internet
// breakout if there is one.
struct OnPremisesRoute {
    friend bool operator==(const OnPremisesRoute&, const OnPremisesRoute&) = default;
    std::optional<Cidr> destination;
    std::optional<ResourceId> destinationPrefixList;
    ResourceId via;
};
template <class A>
void describe(A& a, OnPremisesRoute& v)
{
    a.opt("destination", v.destination, {.doc = "Destination CIDR."});
    a.opt("destinationPrefixList", v.destinationPrefixList,
          {.doc = "Destination prefix list (e.g. S3's), instead of `destination`.", .kinds = {Kind::PrefixList}});
    a.oneOf(std::array{"destination", "destinationPrefixList"});
    a.req("via", v.via,
          {.doc = "The link carrying it: a VPN connection or a Direct Connect virtual interface.",
           .kinds = {Kind::VpnConnection, Kind::DirectConnectVirtualInterface}});
}

struct OnPremisesNetwork {
    friend bool operator==(const OnPremisesNetwork&, const OnPremisesNetwork&) = default;
    Cidrs cidrs;
    bool internetBreakout = false;
    std::vector<OnPremisesRoute> routes;
    std::vector<DnsForwardingRule> dnsForwarding;
};
template <class A>
void describe(A& a, OnPremisesNetwork& v)
{
    a.req("cidrs", v.cidrs, {.doc = "The network's address ranges."});
    a.opt("internetBreakout", v.internetBreakout, false,
          {.doc = "Has its own internet access; names resolved publicly are reached that way (HYB-4). Absent = none, "
                  "unless you draw one (rule DEF-1)."});
    a.opt("routes", v.routes,
          {.doc = "Static routes of the on-premises router into AWS links, besides the prefixes AWS advertises."});
    a.opt("dnsForwarding", v.dnsForwarding, {.doc = "Conditional DNS forwarding to Route 53 Resolver."});
}

struct OnPremisesHost {
    friend bool operator==(const OnPremisesHost&, const OnPremisesHost&) = default;
    ResourceId network;
    IpAddress address;
};
template <class A>
void describe(A& a, OnPremisesHost& v)
{
    a.req("network", v.network, {.doc = "The on-premises network.", .kinds = {Kind::OnPremisesNetwork}});
    a.req("address", v.address, {.doc = "Its address inside one of the network's CIDRs."});
}

struct ResolverEndpoint {
    friend bool operator==(const ResolverEndpoint&, const ResolverEndpoint&) = default;
    ResourceId vpc;
    ResolverDirection direction = ResolverDirection::Inbound;
    ResourceIds subnets;
    ResourceIds securityGroups;
};
template <class A>
void describe(A& a, ResolverEndpoint& v)
{
    a.req("vpc", v.vpc, {.doc = "The VPC whose DNS it answers for.", .kinds = {Kind::Vpc}});
    a.opt("direction", v.direction, ResolverDirection::Inbound, {.doc = "Inbound (queries from outside) or outbound."});
    a.opt("subnets", v.subnets, {.doc = "Subnets of its IP addresses (AWS wants two, in two AZs).", .kinds = {Kind::Subnet}});
    a.opt("securityGroups", v.securityGroups, {.doc = "Its security groups (DNS is UDP/TCP 53).", .kinds = {Kind::SecurityGroup}});
}

struct PrivateHostedZone {
    friend bool operator==(const PrivateHostedZone&, const PrivateHostedZone&) = default;
    std::string domain;
    ResourceIds vpcs;
    std::optional<ResourceId> aliasTarget;
};
template <class A>
void describe(A& a, PrivateHostedZone& v)
{
    a.req("domain", v.domain, {.doc = "The zone's domain, e.g. `sqs.us-east-1.amazonaws.com`."});
    a.opt("vpcs", v.vpcs, {.doc = "VPCs associated with (sharing) the zone (IF-4).", .kinds = {Kind::Vpc}});
    a.opt("aliasTarget", v.aliasTarget,
          {.doc = "The interface endpoint the zone's apex aliases.", .kinds = {Kind::VpcEndpoint}});
}

} // namespace pp
