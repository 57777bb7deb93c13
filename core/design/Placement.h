#pragma once

#include "design/Design.h"

#include <optional>

namespace pp {

// The VPC a resource lives in: itself for a VPC; through its subnet for workloads and NAT
// gateways; its `vpc` field for most others; its first subnet's VPC for a load balancer; none for
// Regions, services, on-premises networks and the like (or for an unknown id).
std::optional<ResourceId> vpcOfResource(const Design& design, const ResourceId& id);

} // namespace pp
