#pragma once

// Smart defaults the editor offers, so a sketch is fast. Each returns a change-set to apply as
// one undoable step (empty when there is nothing to do).

#include "edit/ChangeSet.h"

namespace pp {

// The VPC's main route table as a resource (RT-4); nullopt when it has none and the engine uses an
// implicit one with only the local routes.
std::optional<ResourceId> mainRouteTableOf(const Design& design, const ResourceId& vpc);

// The route table a subnet uses (RT-4), for the inspectors and the canvas.
struct EffectiveRouteTable {
    // The table resource; nullopt when the subnet uses its VPC's implicit main table (the VPC has
    // no route table resource with `main: true`: AWS's main table with only the local routes).
    std::optional<ResourceId> table;
    bool associated = false; // explicitly associated with the subnet (`routeTable` set)
    bool main = false;       // the VPC's main table (explicit or implicit); may also be associated
    friend bool operator==(const EffectiveRouteTable&, const EffectiveRouteTable&) = default;
};

// The subnet's explicitly associated route table, else its VPC's main table, else the implicit
// main table (as the engine routes, core/analysis/Network.cpp). nullopt for an unknown subnet.
std::optional<EffectiveRouteTable> effectiveRouteTableOf(const Design& design, const ResourceId& subnet);

// The main route table of a new VPC, as a real object: subnets use it until they are associated
// with another table, so the NAT default route, gateway endpoint associations and the public
// switch have a table to name. Stages it into `builder` (named "<VPC name> main", id "rt-N" free in
// the design and the builder); with `vpcShape`, its tile goes in the VPC's bottom-left corner.
// Returns its id.
ResourceId addMainRouteTable(ChangeSetBuilder& builder, const Design& design, const Resource& vpc,
                             const Shape* vpcShape);

// What opening a file puts right in its drawing, as one change-set (empty when nothing):
// - every drawn VPC without a main route table gets one (addMainRouteTable): AWS always has one,
//   and a user must see which table the subnets without an association use; it routes exactly as
//   the implicit table did (only the local routes), so no verdict changes;
// - every tile drawn outside the container its model names moves into it, at a free spot;
//   containers grow and push their siblings aside (followModel).
ChangeSet drawAsTheModelSays(const Design& design);

// AWS's "set main route table": when `change` makes a route table the main one of its VPC, the
// VPC's other main tables stop being main (a VPC has one, RT-4), in the same change.
ChangeSet keepOneMainRouteTable(const Design& design, ChangeSet change);

// A subnet is public exactly when its route table sends 0.0.0.0/0 to an internet gateway (RT-4).
bool isPublicSubnet(const Design& design, const ResourceId& subnet);

// Makes a subnet public: uses the VPC's internet gateway (attaching a new one if there is none)
// and a route table of the VPC that already routes 0.0.0.0/0 to it, or creates one, and
// associates the subnet with it. Making it private associates it back with the main table.
// Tiles for new resources go in the VPC's shape (never in the subnet's), when it is drawn, at free
// spots along its bottom edge (see followModel).
ChangeSet setSubnetPublic(const Design& design, const ResourceId& subnet, bool makePublic);

// The default route through a new NAT gateway: 0.0.0.0/0 -> nat in every route table of its VPC
// that private subnets use (including the main table) and that has no 0.0.0.0/0 route yet. When
// private subnets use the implicit main table of a VPC without one, the main table is created
// (addMainRouteTable) with that route.
ChangeSet natDefaultRoutes(const Design& design, const ResourceId& nat);

} // namespace pp
