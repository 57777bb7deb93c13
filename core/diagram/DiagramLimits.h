#pragma once

#include <cstddef>

namespace pp {

// Ranges of diagram numbers (docs/file-format.md, "Diagram"), enforced by the loader and kept by
// every edit (edit/DiagramBounds.h): far beyond any drawing (a 10,000-shape design spans about
// 10^5 units) and small enough that every export's size and every coordinate stay exact and
// finite. Coordinates are as stored, relative to the parent shape.
inline constexpr double kMaxDiagramCoordinate = 1e7; // |x| and |y| of shapes, notes and waypoints
inline constexpr double kMaxDiagramSize = 1e6;       // width and height of shapes and notes (and > 0)
// Shapes inside shapes: a Region holds a VPC, a subnet, a workload (4 levels). Drawing and
// exporting nest their items as deep, and Qt walks item trees recursively (10,000 levels overflow
// the stack). A shape may have at most this many shapes above it.
inline constexpr std::size_t kMaxShapeNesting = 64;

} // namespace pp
