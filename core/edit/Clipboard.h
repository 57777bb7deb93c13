#pragma once

// Copy, paste and duplicate through the file format (STYLE rule 9). A paste keeps the design
// valid: the copies get fresh ids, suffixed names and addresses that collide with nothing, land in
// a container that can hold them (or the paste is refused, saying why), and their references are
// remapped to the other copies or kept where they still hold in the new place.

#include "edit/ChangeSet.h"

#include <optional>
#include <string>
#include <vector>

namespace pp {

// Writes the resources, the flows between them and their shapes as a .privatepath document.
// Shapes whose container is not copied carry canvas coordinates.
std::string copySelection(const Design& design, const std::vector<ResourceId>& ids);

// Where a paste lands.
struct PasteTarget {
    // The innermost drawn container under the pointer (a subnet, VPC, Region, on-premises
    // network...); none = the canvas.
    std::optional<ResourceId> container;
    // Where the top-left corner of the pasted group's bounding box lands, relative to that
    // container's shape (or to the canvas).
    double x = 0;
    double y = 0;
};

struct PasteResult {
    ChangeSet change;
    std::vector<ResourceId> resources; // the copies' ids, in clipboard order: select them
    std::vector<FlowId> flows;
    // Clipboard ids left out, because a reference they cannot exist without has no valid target
    // here (a gateway endpoint whose AWS service is not in this design).
    std::vector<ResourceId> skipped;
};

// Builds the change that pastes `clipboard` (a copySelection document) into `design` at `target`:
// - every resource and flow gets an id unused in the design ("i-app" -> "i-app-2") and a named one
//   a name unused in the design ("App server" -> "App server (copy)", "App server (copy 2)"...);
// - each top-level copy (its container not copied) goes into the nearest container at or above
//   `target.container` of the kind its model needs: instances and NAT gateways into a subnet;
//   interface endpoints into a subnet (which becomes their subnet) or a VPC holding their subnets;
//   subnets, gateways, route tables, security groups, ACLs, gateway endpoints, load balancers and
//   Resolver endpoints into a VPC; VPCs into a Region; on-premises hosts and customer gateways
//   into an on-premises network; Regions, internet hosts and on-premises networks onto the
//   canvas; AWS services and transit gateways into a Region or onto the canvas; the rest where
//   they are dropped. The model follows: the copy's subnet, VPC, Region or network is that
//   container;
// - addresses collide with nothing: an instance gets the next free address of its new subnet, a
//   subnet the next free block of its size in its VPC, a VPC the next free block of its size in
//   10.0.0.0/8; what comes along with its subnet or VPC keeps its place in the new block (rules,
//   routes and targets inside a copied VPC's blocks follow). IPv6 blocks are re-picked where the
//   VPC has one, else dropped; NAT gateways placed on their own lose their fixed private address;
//   Elastic IPs and public addresses move to the next unused one;
// - references among the copies are remapped; references to resources of the design are kept
//   where they hold in the new place (same VPC, peering involving it, transit gateway attached to
//   it...), else dropped as removeWithDependents would; a copy that cannot exist without a
//   dropped reference is skipped. Rules that would clash are relaxed: a second main route table,
//   a second default security group, private DNS already served in the VPC, a route table already
//   associated with a gateway endpoint for the same service;
// - the top-level shapes keep their relative layout, move right (then down) on a 20-unit grid
//   off any shape already in their container, and their containers (and the containers' own
//   containers) grow to hold them with a 20-unit margin below a 40-unit title band.
// Refused (nullopt, `error` says why in English) when the clipboard holds no PrivatePath design,
// when a top-level copy has no container of its kind at the target ("Paste instances into a
// subnet."), when no free address or block is left, or when the VPC already has the one gateway
// of a kind it may have.
std::optional<PasteResult> pasteSelection(const Design& design, const std::string& clipboard,
                                          const PasteTarget& target, std::string* error = nullptr);

// Those of `ids` drawn inside none of the others (directly or further up), in the order given:
// the shapes a copy of `ids` places. Ids without a shape are left out.
std::vector<ResourceId> topLevelOf(const Design& design, const std::vector<ResourceId>& ids);

// Where Duplicate pastes a copy of `selection`: in the container of its first top-level shape,
// 20 units right of the selection's bounding box, or 20 units below it when the container is too
// narrow for that.
PasteTarget duplicateTarget(const Design& design, const std::vector<ResourceId>& selection);

} // namespace pp
