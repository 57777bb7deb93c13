#pragma once

// Smart defaults the editor offers, so a sketch is fast. Each returns a change-set to apply as
// one undoable step (empty when there is nothing to do).

#include "edit/ChangeSet.h"

namespace pp {

// A subnet is public exactly when its route table sends 0.0.0.0/0 to an internet gateway (RT-4).
bool isPublicSubnet(const Design& design, const ResourceId& subnet);

// Makes a subnet public: uses the VPC's internet gateway (attaching a new one if there is none)
// and a route table of the VPC that already routes 0.0.0.0/0 to it, or creates one, and
// associates the subnet with it. Making it private associates it back with the main table.
// Shapes for new resources are placed inside the VPC's shape when it is drawn.
ChangeSet setSubnetPublic(const Design& design, const ResourceId& subnet, bool makePublic);

// The default route through a new NAT gateway: 0.0.0.0/0 -> nat in every route table of its VPC
// that private subnets use (including the main table) and that has no 0.0.0.0/0 route yet.
ChangeSet natDefaultRoutes(const Design& design, const ResourceId& nat);

} // namespace pp
