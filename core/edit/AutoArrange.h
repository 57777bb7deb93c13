#pragma once

// Layout → Arrange Automatically: the importer's automatic layout (import/AutoLayout.h) applied
// to what is already drawn, as one change-set (one undo step) that only changes shapes and
// connectors.
//
// - Nothing selected: the whole design is drawn as the automatic layout draws it (the
//   containers' contents, and the graph between containers by Graphviz), resources not drawn yet
//   included (a design written by hand without a drawing gets one). Peerings, attachments and
//   VPN connections stay lines between their ends unless they are already drawn as tiles. Notes
//   stay where they are; connectors lose their bend points (they were drawn for the old places),
//   so the canvas routes them again.
// - A selection: each selected container (Region, VPC, subnet, on-premises network) whose own
//   container is not selected too keeps its place and gets the automatic layout inside: its
//   contents are placed, and it takes the size they need; the containers around it grow when it
//   no longer fits. Connectors touching what moved lose their bend points. Selected tiles that
//   are not containers are left alone (there is nothing inside them to arrange).
// An arrangement that changes nothing is an empty change-set.

#include "edit/ChangeSet.h"

#include <vector>

namespace pp {

ChangeSet arrangeAutomatically(const Design& design, const std::vector<ResourceId>& selection);

} // namespace pp
