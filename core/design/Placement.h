#pragma once

#include "design/Design.h"

#include <optional>

namespace pp {

// The VPC a resource lives in: itself for a VPC; through its subnet for workloads and NAT
// gateways; its `vpc` field for most others; its first subnet's VPC for a load balancer; none for
// Regions, services, on-premises networks and the like (or for an unknown id).
std::optional<ResourceId> vpcOfResource(const Design& design, const ResourceId& id);
// The same for a resource at hand (one lookup fewer).
std::optional<ResourceId> vpcOfResource(const Design& design, const Resource& resource);

// Whether resource `id` lies in `scope` (a VPC: the resource belongs to that VPC; a subnet or an
// on-premises network: it is that resource or refers to it, like a workload, NAT gateway, endpoint
// interface or host). Every resource is in an absent scope. Lesson goals and policy scopes select
// by it.
bool inScope(const Design& design, const ResourceId& id, const std::optional<ResourceId>& scope);

} // namespace pp
