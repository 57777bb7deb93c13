#pragma once

// A readable first drawing for a design that has none (an imported one), and Layout → Arrange
// Automatically in the editor. Two parts:
// - Each container is drawn on its own: a VPC holds its internet and VPN gateways in a row along
//   its top edge, its subnets in one column per Availability Zone (public subnets above private
//   ones) and, below them, its other tiles (route tables, security groups, ACLs, endpoints, load
//   balancers); a subnet holds its workloads and NAT gateways in rows of up to three; an
//   on-premises network its hosts.
// - Between containers, a graph (GraphLayout.h, Graphviz's dot) places a Region's VPCs and the
//   Region's tiles linked to them (a transit gateway between the VPCs it attaches, a service near
//   the VPCs whose endpoints reach it, peered VPCs side by side); then, at the top, the Regions,
//   on-premises networks, customer gateways and internet hosts, by the links between them (a
//   customer gateway between its network and the Region of its VPN). Unlinked Region-level tiles
//   (prefix lists, hosted zones...) go in rows under the Region's graph.
// Nothing overlaps (layoutProblems in edit/PasteLayout.h finds nothing); the same design gives the
// same drawing. Peerings, attachments and VPN connections are not drawn: the canvas links their
// ends.

#include "design/Design.h"

#include <functional>

namespace pp {

// The automatic layout of the resources `drawn` accepts (all when empty): every shape, each
// container listed before its contents.
Diagram automaticLayout(const Design& design, const std::function<bool(const ResourceId&)>& drawn);

// Replaces the design's shapes with the automatic layout (connectors and notes are cleared too).
void layOutAutomatically(Design& design);

} // namespace pp
