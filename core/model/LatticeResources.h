#pragma once

// VPC Lattice resources reached over PrivateLink (rules PL-1, PL-2): a provider's resource
// gateway, the resource configurations that describe what it lets consumers reach, and the
// service networks that gather them. Consumers connect through VPC endpoints of type `resource`
// or `serviceNetwork` (VpcEndpoint).

#include "model/Resources.h"

namespace pp {

// A range of TCP ports, both ends included.
struct PortRange {
    friend bool operator==(const PortRange&, const PortRange&) = default;
    int fromPort = 0;
    int toPort = 65535;
};
template <class A>
void describe(A& a, PortRange& v)
{
    a.req("fromPort", v.fromPort, {.doc = "First port of the range.", .min = 0, .max = 65535});
    a.req("toPort", v.toPort, {.doc = "Last port of the range.", .min = 0, .max = 65535});
}

struct ResourceGateway {
    friend bool operator==(const ResourceGateway&, const ResourceGateway&) = default;
    ResourceId vpc;
    ResourceIds subnets;
    ResourceIds securityGroups;
};
template <class A>
void describe(A& a, ResourceGateway& v)
{
    a.req("vpc", v.vpc, {.doc = "The provider VPC the resources are reached from.", .kinds = {Kind::Vpc}});
    a.opt("subnets", v.subnets,
          {.doc = "Subnets where it has network interfaces, one per Availability Zone. Resources see these "
                  "addresses as the source of every consumer's connection (rule PL-1).",
           .kinds = {Kind::Subnet}});
    a.opt("securityGroups", v.securityGroups,
          {.doc = "Security groups of its interfaces: their outbound rules decide what it may connect to; a "
                  "resource's inbound rules must admit them (or its subnets). Absent = the VPC's default group.",
           .kinds = {Kind::SecurityGroup}});
}

struct ResourceConfiguration {
    friend bool operator==(const ResourceConfiguration&, const ResourceConfiguration&) = default;
    ResourceConfigurationType configurationType = ResourceConfigurationType::Single;
    std::optional<ResourceId> resourceGateway;
    std::optional<ResourceId> group;
    std::optional<ResourceId> resource;
    std::optional<IpAddress> ipAddress;
    std::string domainName;
    std::vector<PortRange> portRanges;
    std::vector<std::string> allowedPrincipals;
};
template <class A>
void describe(A& a, ResourceConfiguration& v)
{
    a.opt("configurationType", v.configurationType, ResourceConfigurationType::Single,
          {.doc = "`single`: one resource; `group`: a container of `child` configurations that share its resource "
                  "gateway and are shared together; `child`: one resource of a group."});
    a.opt("resourceGateway", v.resourceGateway,
          {.doc = "`single` and `group`: the resource gateway consumers' connections go through (a child uses its "
                  "group's).",
           .kinds = {Kind::ResourceGateway}});
    a.opt("group", v.group, {.doc = "`child`: the group configuration it belongs to.", .kinds = {Kind::ResourceConfiguration}});
    a.opt("resource", v.resource,
          {.doc = "The resource by reference: a workload (an RDS database, an instance) or an on-premises host. "
                  "One of `resource`, `ipAddress` or `domainName` (not for a group).",
           .kinds = {Kind::Workload, Kind::OnPremisesHost, Kind::InternetHost}});
    a.opt("ipAddress", v.ipAddress,
          {.doc = "The resource by IP address, reached from the resource gateway's VPC (it may be on premises or in a "
                  "peered VPC, PL-1). With `domainName`: the address the name resolves to."});
    a.opt("domainName", v.domainName, std::string(),
          {.doc = "The resource by public DNS name, resolved by the resource gateway; PrivatePath resolves it to the "
                  "internet host with that `dnsName`, or to `ipAddress`."});
    a.opt("portRanges", v.portRanges,
          {.doc = "TCP ports consumers may connect to (absent = all). Resource configurations carry TCP only."});
    a.opt("allowedPrincipals", v.allowedPrincipals,
          {.doc = "Accounts it is shared with (AWS RAM): account ids, ARNs or `*`. A consumer in another account "
                  "needs to be listed to create an endpoint to it or reach it through a service network."});
}

struct ServiceNetwork {
    friend bool operator==(const ServiceNetwork&, const ServiceNetwork&) = default;
    ResourceIds resourceConfigurations;
    std::vector<std::string> allowedPrincipals;
};
template <class A>
void describe(A& a, ServiceNetwork& v)
{
    a.opt("resourceConfigurations", v.resourceConfigurations,
          {.doc = "The `single` and `group` resource configurations associated with it; a group brings its "
                  "children. Consumers reach each through one service-network endpoint.",
           .kinds = {Kind::ResourceConfiguration}});
    a.opt("allowedPrincipals", v.allowedPrincipals,
          {.doc = "Accounts it is shared with (AWS RAM): account ids, ARNs or `*`."});
}

} // namespace pp
