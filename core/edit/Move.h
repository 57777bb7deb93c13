#pragma once

// Moving resources to another container where the model has to follow the drawing.

#include "edit/ChangeSet.h"

#include <string>

namespace pp {

// Stages into `builder` the model side of moving a subnet, with the instances and NAT gateways it
// holds, into another VPC of the same Region:
// - the subnet gets the first free block of the same size in the new VPC's IPv4 ranges (its
//   IPv6 block is dropped: it belonged to the old VPC's range);
// - an explicit route table or network ACL of the old VPC is dropped, so the new VPC's main
//   table and default ACL apply (RT-4, ACL-1);
// - instances get addresses in the new block (from .10, in order) and lose their security
//   groups, which belong to the old VPC; NAT gateways lose their fixed private address.
// The shape is the caller's business. Refused (false, `refusal` says why, nothing staged) when
// the VPC is in another Region or lacks the subnet's AZ, has no free block of that size, or when
// something else uses the subnet (an endpoint, attachment, load balancer or Resolver endpoint):
// those would end up spanning two VPCs.
bool moveSubnetToVpc(ChangeSetBuilder& builder, const Design& design, const ResourceId& subnet, const ResourceId& vpc,
                     std::string* refusal);

// Stages moving an internet gateway, egress-only internet gateway or virtual private gateway to
// another VPC of the same Region (detach, attach): the old VPC's route tables lose their routes
// to it and stop propagating from it (a route cannot target another VPC's gateway, RT-6).
// `removedRoutes` counts the routes dropped. Refused when the VPC already has a gateway of
// that kind (one per VPC) or is in another Region.
bool moveGatewayToVpc(ChangeSetBuilder& builder, const Design& design, const ResourceId& gateway, const ResourceId& vpc,
                      int* removedRoutes, std::string* refusal);

} // namespace pp
