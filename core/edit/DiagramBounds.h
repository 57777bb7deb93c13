#pragma once

// Keeps every edit's drawing inside the ranges the loader accepts (diagram/DiagramLimits.h), so a
// design saved from the editor always loads again: coordinates and sizes are clamped (a drag far
// away stops at the edge of the drawing, a resize at the largest size), and an edit that would nest
// shapes deeper than the limit, or draw a shape inside itself, is refused. The editor runs every
// change through it (ui/document/Document::apply), whatever built it: drags, resizes, the
// inspector, arrange, paste, duplicate, deletion lifting shapes out of their container.

#include "edit/ChangeSet.h"

#include <optional>

namespace pp {

struct BoundedChange {
    ChangeSet change;           // the change with its shapes, notes and waypoints clamped
    bool clamped = false;       // some number was outside its range and was brought back
    std::optional<ResourceId> tooDeep; // set: refuse the change, this shape would be nested too deep
    bool cycle = false;         // with tooDeep: the shape would be drawn inside itself
};

BoundedChange keepInDiagramBounds(const Design& design, ChangeSet change);

// A coordinate or size brought into its range (NaN becomes 0, or the smallest size).
double boundedCoordinate(double value);
double boundedSize(double value);

} // namespace pp
