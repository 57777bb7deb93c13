#pragma once

// Places boxes of given sizes joined by edges, with no overlaps, as a layered drawing: the
// graph between containers of the automatic layout (VPCs, transit gateways, on-premises
// networks...; AutoLayout.h). Each connected component (Boost.Graph) is laid out by Graphviz's
// `dot` through its C API (gvc/cgraph), left to right; the components are then packed in rows,
// in the order of their first node. A node alone needs no Graphviz. Graphviz is only ever given
// one component of container-level nodes, never a whole design: it stays fast (a few hundred
// nodes at most) where Graphviz with clusters over thousands of nodes takes seconds.
//
// The same input gives the same output. A node with edges to three or more nodes of smaller
// degree (a transit gateway and its VPCs) gets half of them on each side, so it is drawn between
// the nodes it joins.

#include <cstddef>
#include <vector>

namespace pp {

struct GraphBox {
    double width = 0;
    double height = 0;
};

struct GraphEdge {
    std::size_t from = 0;
    std::size_t to = 0;
};

struct GraphPlacement {
    struct Corner {
        double x = 0;
        double y = 0;
    };
    std::vector<Corner> topLeft; // per node, from the drawing's top-left corner (0, 0)
    double width = 0;            // of the whole drawing
    double height = 0;
    bool usedGraphviz = false;   // false when no component needed it (or Graphviz failed: rows)
};

// `gap` is the least distance between two boxes. Edges naming a node out of range, and loops,
// are ignored.
GraphPlacement layOutGraph(const std::vector<GraphBox>& nodes, const std::vector<GraphEdge>& edges, double gap);

} // namespace pp
