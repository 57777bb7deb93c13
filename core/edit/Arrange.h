#pragma once

// Arranging drawn shapes: align, distribute, same size, nudge, stacking order. Each function
// returns one change-set (one undo step) that only changes shapes; an edit that would change
// nothing returns an empty one.
//
// Rules shared by all of them:
// - `ids` is the selection, in the order the user selected it. Ids without a shape and repeated
//   ids are ignored.
// - A selected shape whose ancestor shape is also selected is left alone: it moves with that
//   ancestor (coordinates are relative to the parent).
// - Shapes are arranged among the selected shapes with the same parent shape, in that parent's
//   coordinates: selecting tiles in two subnets aligns the tiles of each subnet among themselves,
//   never across subnets. Top-level shapes (no parent) form one group on the canvas.
// - Results stay inside the parent shape, as the canvas keeps a dragged shape: x >= 0, y >= 40
//   (below the parent's title band), right and bottom edges within the parent's width and height
//   (a shape larger than its parent is put at x = 0 / y = 40). Top-level shapes are not bounded.
// - Positions are exact: nothing snaps to the grid.

#include "edit/ChangeSet.h"

#include <vector>

namespace pp {

// Which edge or centre line `alignShapes` lines the shapes up on, taken from the bounding box of
// the shapes of one group (as draw.io does for edges), not from one anchor shape (Visio's "align
// to the first selected").
enum class Alignment {
    Left,             // left edges on the leftmost left edge
    HorizontalCentre, // vertical centre lines on the bounding box's vertical centre line
    Right,            // right edges on the rightmost right edge
    Top,              // top edges on the topmost top edge
    VerticalCentre,   // horizontal centre lines on the bounding box's horizontal centre line
    Bottom,           // bottom edges on the lowest bottom edge
};

// The axis along which `distributeShapes` spaces the shapes.
enum class Distribution {
    Horizontal, // equal horizontal gaps between neighbours, ordered left to right
    Vertical,   // equal vertical gaps between neighbours, ordered top to bottom
};

// Aligns the selected shapes (tiles and containers alike) group by group; a group of one shape
// stays where it is, so fewer than two shapes change nothing. Only the aligned coordinate
// changes (x for Left/HorizontalCentre/Right, y for the others), unless keeping a shape inside its
// parent moves it.
ChangeSet alignShapes(const Design& design, const std::vector<ResourceId>& ids, Alignment alignment);

// Spaces each group of at least three shapes so the gaps between neighbours are equal. Shapes are
// ordered by their centre along the axis (ties keep the selection order); the first and last stay
// where they are and the ones between move along the axis only. The gap is negative when the
// shapes between are wider than the room (they overlap evenly). Fewer than three change nothing.
ChangeSet distributeShapes(const Design& design, const std::vector<ResourceId>& ids,
                           Distribution distribution);

// Gives every selected shape the width and height of the first selected shape that has one (the
// anchor), keeping its top-left corner. A shape containing other shapes never becomes smaller
// than they need: the right and bottom edges of its child shapes plus a 10 margin. A shape that
// would stick out of its parent is moved back inside, then cut to the parent's size if still too
// large (never below its content). Fewer than two shapes change nothing.
ChangeSet makeSameSize(const Design& design, const std::vector<ResourceId>& ids);

// Moves every selected shape by (dx, dy), each as far as its parent lets it: a shape at its
// parent's edge stops there (others keep moving), and a container never leaves its parent.
// Nudging by (0, 0) changes nothing, even for a shape already outside its parent's bounds.
ChangeSet nudgeShapes(const Design& design, const std::vector<ResourceId>& ids, double dx, double dy);

// Stacking order (Bring to Front, Send to Back): among the shapes drawn in one container (or on
// the canvas), a shape later in `diagram.shapes` is drawn above an earlier one. The canvas keeps
// tiles above containers whatever the order (a container's body must never hide a tile, nor a
// top-level container the links). Positions and sizes never change, so the rules above about
// nesting and bounds do not apply: every selected shape moves among its own siblings.
// Which end of the stacking order `restackShapes` moves the selection to.
enum class Stacking {
    Front, // Bring to Front: to the end of the order, above every sibling
    Back,  // Send to Back: to the start of the order, below every sibling
};

// Moves the selected shapes (ids without a shape and repeated ids are ignored) to the front or the
// back of the stacking order, keeping their order among themselves. One change-set that only
// reorders: each moved shape is removed and inserted again, unchanged, at its new place (see
// applyChangeSet). Empty when every selected shape is already above (below) all its unselected
// siblings: the command would change nothing the user can see.
ChangeSet restackShapes(const Design& design, const std::vector<ResourceId>& ids, Stacking stacking);

// True when `change` only moves shapes in the stacking order (each shape it touches is removed and
// inserted again): nothing to lay out.
bool onlyRestacks(const ChangeSet& change);

} // namespace pp
