#pragma once

// How each Terraform resource type becomes part of the model. One file per resource family
// (MapNetwork, MapRouting, MapSecurity, MapWorkloads, MapEndpoints, MapTransit) registers its mappers;
// the importer runs them pass by pass so that what a resource refers to is built before it:
//   pass 0  VPCs and Region-level resources (transit gateways, customer gateways, prefix lists)
//   pass 1  what lives in a VPC and others refer to (subnets, gateways, tables, groups, ACLs)
//   pass 2  resources in subnets (NAT gateways, workloads, load balancers, attachments, VPNs)
//   pass 3  what refers to those (endpoint services, listeners, interfaces, rules)
//   pass 4  VPC endpoints, target groups and Elastic IPs
//   pass 5  routes and associations, whose targets all exist by then

#include "import/ImportContext.h"

#include <optional>
#include <string_view>
#include <vector>

namespace pp {

using TfMapper = void (*)(ImportContext&, const TfResource&);

struct TfMapperEntry {
    std::string_view type; // Terraform resource type
    int pass = 0;
    TfMapper map = nullptr;
};

void addNetworkMappers(std::vector<TfMapperEntry>& out);
void addRoutingMappers(std::vector<TfMapperEntry>& out);
void addSecurityMappers(std::vector<TfMapperEntry>& out);
void addWorkloadMappers(std::vector<TfMapperEntry>& out);
void addEndpointMappers(std::vector<TfMapperEntry>& out);
void addTransitMappers(std::vector<TfMapperEntry>& out);
void addFirewallMappers(std::vector<TfMapperEntry>& out);
void addLatticeMappers(std::vector<TfMapperEntry>& out);

// Every mapper of every family.
const std::vector<TfMapperEntry>& terraformMappers();
// The Terraform types the importer maps (for the documentation and `--help`).
std::vector<std::string_view> supportedTerraformTypes();

inline constexpr int kMapperPasses = 6;

// ---- Helpers shared by the mappers -----------------------------------------------------------

// A CIDR attribute. Unknown until apply: recorded (ImportContext::noteUnknown), nullopt. Malformed:
// nullopt and `*malformed` set.
std::optional<Cidr> cidrOf(ImportContext& ctx, const TfResource& r, std::string_view attribute, bool* malformed = nullptr);
std::optional<Cidr> parseCidrText(const nlohmann::json& value);
std::optional<IpAddress> ipOf(ImportContext& ctx, const TfResource& r, std::string_view attribute);
// "-1"/"all", "tcp"/"6", "udp"/"17", "icmp"/"1", "icmpv6"/"58" (any case); nullopt for others.
std::optional<Protocol> protocolOf(const nlohmann::json& value);
// The VPC of `r` by its `vpc_id`, or, when that is an unknown indirect reference, the only VPC of
// its module or of the input (reported as the assumption `onlyVpc`); nullopt when none.
std::optional<ResourceId> vpcOf(ImportContext& ctx, const TfResource& r, std::string_view attribute = "vpc_id");
// vpcOf, and when there is none skips `r` (missingReference) and returns nullopt when absent.
std::optional<ResourceId> requireVpc(ImportContext& ctx, const TfResource& r, std::string_view attribute = "vpc_id");
// The kind of AWS resource an id names by its prefix ("nat-" -> "NAT gateway"), for messages.
std::string_view awsIdKind(std::string_view awsId);

} // namespace pp
