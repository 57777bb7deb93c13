#include "import/GraphLayout.h"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/connected_components.hpp>
#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace pp {

namespace {

constexpr double kPointsPerInch = 72.0; // Graphviz sizes are in inches, positions in points

// Graphviz keeps global state and is not thread-safe: one context, one layout at a time.
std::mutex& graphvizMutex()
{
    static std::mutex mutex;
    return mutex;
}

GVC_t* graphvizContext()
{
    static GVC_t* context = gvContext(); // loads the installed plugins (config6 of libgvc6)
    return context;
}

std::string inches(double points)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.4f", points / kPointsPerInch);
    return text;
}

void set(void* object, const char* name, const std::string& value)
{
    agsafeset(object, const_cast<char*>(name), const_cast<char*>(value.c_str()), const_cast<char*>(""));
}

struct Component {
    std::vector<std::size_t> nodes; // in input order
    std::vector<GraphEdge> edges;   // global node indexes
};

// One component laid out by dot: top-left corners relative to the component's own box.
struct Drawn {
    std::vector<GraphPlacement::Corner> corners;
    double width = 0;
    double height = 0;
};

// Edge directions for dot (ranks go left to right along them): a hub's edges alternate, so that
// its neighbours sit on both sides of it; other edges go from the earlier node to the later one.
std::vector<GraphEdge> orient(const Component& c, const std::vector<std::size_t>& degree)
{
    std::vector<GraphEdge> out;
    std::map<std::size_t, std::size_t> seenAtHub; // hub -> its edges oriented so far
    for (const GraphEdge& e : c.edges) {
        std::size_t a = std::min(e.from, e.to), b = std::max(e.from, e.to);
        const bool aHub = degree[a] >= 3 && degree[a] > degree[b];
        const bool bHub = degree[b] >= 3 && degree[b] > degree[a];
        if (aHub || bHub) {
            const std::size_t hub = aHub ? a : b, other = aHub ? b : a;
            const bool before = seenAtHub[hub]++ % 2 == 0;
            out.push_back(before ? GraphEdge{other, hub} : GraphEdge{hub, other});
        } else {
            out.push_back(GraphEdge{a, b});
        }
    }
    return out;
}

std::optional<Drawn> drawWithDot(const Component& c, const std::vector<GraphBox>& boxes, const std::vector<std::size_t>& degree,
                                 double gap)
{
    const std::lock_guard lock(graphvizMutex());
    GVC_t* gvc = graphvizContext();
    if (!gvc)
        return std::nullopt;
    Agraph_t* g = agopen(const_cast<char*>("layout"), Agdirected, nullptr);
    set(g, "rankdir", "LR");
    set(g, "nodesep", inches(gap));
    set(g, "ranksep", inches(gap * 1.5));
    set(g, "splines", "false"); // only the boxes' places are used; the canvas routes the links
    std::vector<Agnode_t*> nodes(boxes.size(), nullptr);
    for (std::size_t i : c.nodes) {
        const std::string name = "n" + std::to_string(i);
        Agnode_t* n = agnode(g, const_cast<char*>(name.c_str()), 1);
        set(n, "shape", "box");
        set(n, "fixedsize", "true");
        set(n, "label", "");
        set(n, "width", inches(boxes[i].width));
        set(n, "height", inches(boxes[i].height));
        nodes[i] = n;
    }
    for (const GraphEdge& e : orient(c, degree))
        agedge(g, nodes[e.from], nodes[e.to], nullptr, 1);
    std::optional<Drawn> drawn;
    if (gvLayout(gvc, g, "dot") == 0) {
        const boxf bb = GD_bb(g);
        Drawn d;
        double right = 0, bottom = 0;
        for (std::size_t i : c.nodes) {
            const pointf centre = ND_coord(nodes[i]);
            const double x = std::max(0.0, centre.x - boxes[i].width / 2 - bb.LL.x);
            const double y = std::max(0.0, (bb.UR.y - centre.y) - boxes[i].height / 2);
            d.corners.push_back({x, y});
            right = std::max(right, x + boxes[i].width);
            bottom = std::max(bottom, y + boxes[i].height);
        }
        d.width = right;
        d.height = bottom;
        drawn = std::move(d);
        gvFreeLayout(gvc, g);
    }
    agclose(g);
    return drawn;
}

// The fallback when Graphviz cannot lay out (no layout plugin installed): a row.
Drawn drawInARow(const Component& c, const std::vector<GraphBox>& boxes, double gap)
{
    Drawn d;
    double x = 0;
    for (std::size_t i : c.nodes) {
        d.corners.push_back({x, 0});
        x += boxes[i].width + gap;
        d.height = std::max(d.height, boxes[i].height);
    }
    d.width = std::max(0.0, x - gap);
    return d;
}

} // namespace

GraphPlacement layOutGraph(const std::vector<GraphBox>& nodes, const std::vector<GraphEdge>& edges, double gap)
{
    GraphPlacement out;
    out.topLeft.resize(nodes.size());
    if (nodes.empty())
        return out;

    using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;
    Graph graph(nodes.size());
    std::vector<std::size_t> degree(nodes.size(), 0);
    std::vector<GraphEdge> kept;
    for (const GraphEdge& e : edges) {
        if (e.from >= nodes.size() || e.to >= nodes.size() || e.from == e.to)
            continue;
        boost::add_edge(e.from, e.to, graph);
        ++degree[e.from];
        ++degree[e.to];
        kept.push_back(e);
    }
    std::vector<int> componentOf(nodes.size());
    const int count = boost::connected_components(graph, componentOf.data());
    // Components numbered by their first node (connected_components numbers them so already:
    // it visits the vertices in order), each with its nodes in input order.
    std::vector<Component> components(static_cast<std::size_t>(count));
    for (std::size_t i = 0; i < nodes.size(); ++i)
        components[std::size_t(componentOf[i])].nodes.push_back(i);
    for (const GraphEdge& e : kept)
        components[std::size_t(componentOf[e.from])].edges.push_back(e);

    std::vector<Drawn> drawn;
    drawn.reserve(components.size());
    double area = 0, widest = 0;
    for (const Component& c : components) {
        std::optional<Drawn> d;
        if (c.nodes.size() > 1)
            d = drawWithDot(c, nodes, degree, gap);
        out.usedGraphviz = out.usedGraphviz || d.has_value();
        drawn.push_back(d ? std::move(*d) : drawInARow(c, nodes, gap));
        area += (drawn.back().width + gap) * (drawn.back().height + gap);
        widest = std::max(widest, drawn.back().width);
    }

    // Rows of components, about as wide as the drawing is high (a landscape page: 1.4 : 1).
    const double rowWidth = std::max(widest, std::sqrt(area * 1.4));
    double x = 0, y = 0, rowHeight = 0;
    for (std::size_t k = 0; k < components.size(); ++k) {
        const Drawn& d = drawn[k];
        if (x > 0 && x + d.width > rowWidth) {
            x = 0;
            y += rowHeight + gap;
            rowHeight = 0;
        }
        for (std::size_t j = 0; j < components[k].nodes.size(); ++j)
            out.topLeft[components[k].nodes[j]] = {x + d.corners[j].x, y + d.corners[j].y};
        out.width = std::max(out.width, x + d.width);
        out.height = std::max(out.height, y + d.height);
        x += d.width + gap;
        rowHeight = std::max(rowHeight, d.height);
    }
    return out;
}

} // namespace pp
