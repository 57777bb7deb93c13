#pragma once

// A readable first drawing for a design that has none (an imported one): Regions hold their VPCs
// side by side; a VPC holds its subnets in one column per Availability Zone (public subnets above
// private ones) and, below them, the tiles of the VPC (gateways, route tables, security groups,
// ACLs, endpoints, load balancers); a subnet holds its workloads and NAT gateways in rows of up to
// three. Region-level tiles (transit gateways, AWS services, prefix lists, hosted zones) go in a
// row under the VPCs; on-premises networks and customer gateways to the right of the Regions.
// Nothing overlaps (layoutProblems in edit/PasteLayout.h finds nothing); the same design gives the
// same drawing. Peerings, attachments and VPN connections are not drawn: the canvas links their
// ends. This is the importer's own placement; it is not the Graphviz layout issue 16 asks for.

#include "design/Design.h"

namespace pp {

// Replaces the design's shapes with the automatic layout (connectors and notes are cleared too).
void layOutAutomatically(Design& design);

} // namespace pp
