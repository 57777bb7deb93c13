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

private:
    const Design& m_design;
    std::unordered_map<std::string, const Shape*> m_shapes;
};

// Lays out the shapes of the top-level copies. On input each is in canvas coordinates with the
// parent chosen for it; on output it is relative to that parent, the group's bounding box at
// `target` (keeping the shapes' layout), below the title band and inside the edge of containers,
// and moved right (then down) on the paste grid until it covers no shape already there.
void placeTopLevelShapes(const Drawing& drawing, std::vector<Shape>& shapes, const PasteTarget& target);

// Stages into `builder` the growth of the containers of `placed` (and of their containers) so that
// each holds what it contains with a margin.
void growContainers(const Drawing& drawing, const std::vector<Shape>& placed, ChangeSetBuilder& builder);

} // namespace pp
