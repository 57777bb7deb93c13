#pragma once

// Where pasted shapes go (see pasteSelection in Clipboard.h). Internal to core/edit.

#include "edit/Clipboard.h"

#include <string>
#include <unordered_map>
#include <vector>

namespace pp {

inline constexpr double kContainerHeader = 40; // the title band at the top of every container shape
inline constexpr double kContainerMargin = 20; // between a container's edges and the shapes it holds
inline constexpr double kPasteGrid = 20;       // step of the search for a free spot

// The containers of the drawing: Regions, VPCs, subnets and on-premises networks.
bool isContainerKind(Kind kind);

// A design's shapes by resource, for walking up containers.
class Drawing {
public:
    explicit Drawing(const Design& design);

    const Shape* shape(const ResourceId& id) const;
    // The canvas position of the top-left corner of the shape of `id`; the canvas origin for none
    // or an undrawn resource.
    Point origin(const std::optional<ResourceId>& id) const;
    // `from` and the shapes it is drawn in, innermost first.
    std::vector<ResourceId> chain(const std::optional<ResourceId>& from) const;
    // Shapes drawn directly in `container` (on the canvas for none).
    std::vector<const Shape*> children(const std::optional<ResourceId>& container) const;
    const Design& design() const { return m_design; }

private:
    const Design& m_design;
    std::unordered_map<std::string, const Shape*> m_shapes;
};

// How far a tile's labels (its name, wrapped on up to two lines, and the line under it) may reach
// on the canvas: past each side of the tile, and below it (ui/canvas/TileLabel.cpp; the canvas
// narrows them when a neighbour is closer, so a clean drawing leaves them this much room).
inline constexpr double kTileLabelReach = 20;
inline constexpr double kTileLabelBelow = 18;

// A rectangle by its edges, in the coordinates of a shape's parent.
struct Area {
    double left = 0;
    double top = 0;
    double right = 0;
    double bottom = 0;
    friend bool operator==(const Area&, const Area&) = default;
};

// What a shape covers on the canvas: a container its box (its title is inside); a tile its box
// and the room its labels may take beside and below it.
Area footprintOf(const Shape& shape, bool container);

// What makes a drawing unreadable: a footprint that is not inside its container's box below the
// title band, or two siblings whose footprints overlap.
enum class LayoutProblemKind {
    OutsideContainer, // `shape` sticks out of its container (`other`)
    CoversSibling,    // `shape` and the later `other`, drawn in the same container, overlap
};
struct LayoutProblem {
    LayoutProblemKind kind = LayoutProblemKind::OutsideContainer;
    ResourceId shape;
    ResourceId other;
    friend bool operator==(const LayoutProblem&, const LayoutProblem&) = default;
};
// Every problem of the design's drawing, in the order of its shapes (none for a clean drawing).
std::vector<LayoutProblem> layoutProblems(const Design& design);

// Lays out the shapes of the top-level copies. On input each is in canvas coordinates with the
// parent chosen for it; on output it is relative to that parent, the group's bounding box at
// `target` (keeping the shapes' layout), below the title band and inside the edge of containers,
// and moved right (then down) on the paste grid until it covers no shape already there.
void placeTopLevelShapes(const Drawing& drawing, std::vector<Shape>& shapes, const PasteTarget& target);

// Stages into `builder` the growth of the containers of `placed` (and of their containers) so that
// each holds what it contains with a margin. A container that grows never covers a sibling: the
// siblings it would come near (closer than 20 units for containers and shapes on the canvas, 10
// for tiles) move right or down, those in turn push theirs, and the parent grows to hold them.
void growContainers(const Drawing& drawing, const std::vector<Shape>& placed, ChangeSetBuilder& builder);

} // namespace pp
