#pragma once

#include "edit/Addressing.h"
#include "edit/ChangeSet.h"

#include <QPointF>
#include <functional>
#include <QString>

namespace pp::ui {

// What dropping a palette entry creates: the resource with sensible defaults (the next free CIDR
// for a subnet, the next free address for an instance...), its shape, and anything it cannot
// live without (a Region around a VPC dropped on the empty canvas, a VPC's main route table).
// Containment cannot break: a subnet is refused outside a VPC, an instance outside a subnet. A
// drop means what it shows: a VPC endpoint dropped into a subnet is an interface endpoint there
// (on a VPC's body, an S3 gateway endpoint of the VPC); a route table dropped onto a subnet is a
// table of its VPC, drawn in the VPC below the subnet and associated with it. Shapes land at a
// free spot and containers grow to hold them (followModel).
struct Placement {
    std::optional<ChangeSet> change; // nullopt: refused
    QString refusal;                 // why, for the status bar
    QString message;                 // what was done, for the status bar (when it says more than "Added")
    ResourceId created;
};

// The first free address from .10 of a subnet, or nullopt when it is full (core/edit/Addressing.h).
using pp::nextFreeAddress;

// `container`: the resource whose shape is under the drop point (innermost), if any; `at`: the
// drop point on the canvas; `originOf`: where a drawn resource's shape starts on the canvas.
Placement placeResource(const Design& design, Kind kind, const std::optional<ResourceId>& container, QPointF at,
                        const std::function<QPointF(const ResourceId&)>& originOf);

} // namespace pp::ui
