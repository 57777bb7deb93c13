#pragma once

// The drawing follows the model: every edit, whatever built it (a palette drop, the inspector, a
// smart default, a deletion), leaves each tile it touches in the container the model puts it in,
// at a spot where it covers no sibling, inside containers grown to hold it.

#include "edit/ChangeSet.h"

#include <functional>
#include <vector>

namespace pp {

// Where the model puts a resource's tile.
struct Home {
    // The shapes it may be drawn in. Empty: no rule (a Region, an AWS service, a detached gateway
    // may be drawn anywhere).
    std::vector<ResourceId> accepted;
    // Where to move it when it is drawn elsewhere: the first of these that is drawn. Usually
    // `accepted`; an interface endpoint whose one subnet is not drawn falls back to its VPC.
    std::vector<ResourceId> order;
};

using ResourceLookup = std::function<const Resource*(const ResourceId&)>;

// - instances and NAT gateways: their subnet;
// - interface and Gateway Load Balancer endpoints with subnets: one of their subnets, or their VPC
//   when they span several (drawn across them); first choice their first subnet;
// - gateway endpoints and endpoints without subnets, internet / egress-only / virtual private
//   gateways (when attached), route tables, security groups, network ACLs: their VPC, never a
//   subnet;
// - Resolver endpoints and load balancers: their VPC (or one of their subnets);
// - subnets: their VPC; VPCs: their Region; on-premises hosts and customer gateways: their network.
// `find` looks up other resources (a load balancer's subnet, for its VPC).
Home homeOf(const Resource& resource, const ResourceLookup& find);

// `change` extended with the shape changes that keep the drawing faithful to the model after it:
// - a resource the change adds or modifies, drawn outside its home (homeOf), moves into it;
// - a tile that moves that way, and every shape the change adds, goes to the first free spot at or
//   after its position (right along its row, then down, on a 20-unit grid, 10 units clear of its
//   siblings; containers and shapes on the canvas stay on their row, beside their siblings, 20
//   units clear);
// - the containers of those shapes (and theirs) grow to hold them with a 20-unit margin, and
//   push aside the siblings they would now come near (growContainers in PasteLayout.h);
// - a change that only moves shapes in the stacking order (restackShapes) is left as it is.
// Nothing else moves. A change that leaves nothing to fix comes back unchanged, so applying this
// twice is the same as once; its inverse still restores the design exactly. A change that does not
// apply to `design` comes back unchanged too.
ChangeSet followModel(const Design& design, ChangeSet change);

} // namespace pp
