#include "import/AutoLayout.h"

#include "edit/Defaults.h"
#include "import/GraphLayout.h"
#include "model/References.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

namespace pp {

namespace {

// Tiles are 90 x 70; the steps leave room for their labels (kTileLabelReach beside, kTileLabelBelow under).
constexpr double kTileW = 90, kTileH = 70;
constexpr double kStepX = 140, kStepY = 120;
constexpr double kInsetX = 30, kInsetY = 50; // first tile in a container
constexpr double kGap = 30;                  // between subnets
constexpr double kHeader = 60;               // first container in a container
constexpr double kRegionMargin = 40;         // around the graph of a Region's VPCs
constexpr double kGraphGap = 80;             // between VPCs, Regions, on-premises networks
constexpr int kTilesPerRow = 3;

struct Box {
    double width = 0;
    double height = 0;
};

// Size of a grid of `n` tiles with `columns` columns, margins included.
Box tileGrid(std::size_t n, int columns)
{
    const int cols = std::max(1, std::min<int>(columns, int(n)));
    const int rows = n == 0 ? 0 : int((n + std::size_t(cols) - 1) / std::size_t(cols));
    // Right: the last tile's label reach plus a margin; bottom: its label plus a margin.
    return {kInsetX + cols * kStepX + 20, rows == 0 ? 0.0 : rows * kStepY + 30};
}

int tilesPerRow(double width) { return std::max(1, int((width - kInsetX - 20) / kStepX)); }

double rowsHeight(std::size_t tiles, double width)
{
    const int perRow = tilesPerRow(width);
    return tiles == 0 ? 0 : double((int(tiles) + perRow - 1) / perRow) * kStepY + 10;
}

// A container drawn on its own, before it has a place: its size and its contents (each shape
// relative to its parent, the container's own shape left out).
struct Drawing {
    Box box;
    std::vector<Shape> contents;
};

// Resources drawn as a line between their ends, not as a shape.
bool isLink(Kind kind)
{
    return kind == Kind::VpcPeering || kind == Kind::TransitGatewayAttachment || kind == Kind::VpnConnection;
}

bool isEdgeGateway(Kind kind)
{
    return kind == Kind::InternetGateway || kind == Kind::EgressOnlyInternetGateway || kind == Kind::VirtualPrivateGateway;
}

class Layout {
public:
    Layout(const Design& design, const std::function<bool(const ResourceId&)>& drawn) : m_design(design), m_drawn(drawn) {}

    Diagram run()
    {
        classify();
        for (const ResourceId& vpc : m_vpcs)
            m_drawings[vpc.str()] = drawVpc(vpc);
        for (const ResourceId& id : m_outside)
            if (m_design.find(id)->kind() == Kind::OnPremisesNetwork)
                m_drawings[id.str()] = drawOnPremises(id);
        for (const ResourceId& region : m_regions)
            m_drawings[region.str()] = drawRegion(region);
        placeTopLevel();
        return std::move(m_diagram);
    }

private:
    // ---- What goes where ---------------------------------------------------------------------

    std::optional<ResourceId> vpcOf(const Resource& r) const
    {
        return std::visit(
            [&](const auto& d) -> std::optional<ResourceId> {
                using T = std::decay_t<decltype(d)>;
                if constexpr (std::is_same_v<T, InternetGateway> || std::is_same_v<T, VirtualPrivateGateway>)
                    return d.vpc;
                else if constexpr (std::is_same_v<T, EndpointService>) {
                    const LoadBalancer* lb = m_design.findAs<LoadBalancer>(d.loadBalancer);
                    return lb && !lb->subnets.empty() ? subnetVpc(lb->subnets.front()) : std::nullopt;
                } else if constexpr (std::is_same_v<T, LoadBalancer>)
                    return d.subnets.empty() ? std::nullopt : subnetVpc(d.subnets.front());
                else if constexpr (std::is_same_v<T, Vpc> || std::is_same_v<T, Subnet>)
                    return std::nullopt;
                else if constexpr (requires { { d.vpc } -> std::convertible_to<const ResourceId&>; })
                    return d.vpc;
                else
                    return std::nullopt;
            },
            r.data);
    }
    std::optional<ResourceId> subnetVpc(const ResourceId& subnet) const
    {
        const Subnet* s = m_design.findAs<Subnet>(subnet);
        return s ? std::optional<ResourceId>(s->vpc) : std::nullopt;
    }
    // The Region a region-level tile belongs to, when it names one (a transit gateway, a service).
    std::optional<ResourceId> regionOf(const Resource& r) const
    {
        return std::visit(
            [&](const auto& d) -> std::optional<ResourceId> {
                if constexpr (requires { { d.region } -> std::convertible_to<const ResourceId&>; })
                    return d.region;
                else
                    return std::nullopt;
            },
            r.data);
    }
    bool drawn(const ResourceId& id) const { return !m_drawn || m_drawn(id); }
    bool drawnIn(const std::optional<ResourceId>& container) const
    {
        return container && m_design.find(*container) && drawn(*container);
    }
    void putIn(const ResourceId& container, const ResourceId& id)
    {
        m_children[container.str()].push_back(id);
        m_container[id.str()] = container;
    }

    // Sorts every drawn resource into the container it is drawn in.
    void classify()
    {
        std::vector<ResourceId> regionless;
        for (const Resource& r : m_design.resources()) {
            if (!drawn(r.id))
                continue;
            std::optional<ResourceId> in;
            switch (r.kind()) {
            case Kind::Region:
                m_regions.push_back(r.id);
                continue;
            case Kind::Vpc:
                in = r.as<Vpc>()->region;
                m_vpcs.push_back(r.id);
                if (drawnIn(in))
                    putIn(*in, r.id);
                else
                    m_outside.push_back(r.id); // its Region is not drawn: the VPC stands at the top level
                continue;
            case Kind::Subnet:
                in = r.as<Subnet>()->vpc;
                break;
            case Kind::Workload:
                in = r.as<Workload>()->subnet;
                break;
            case Kind::NatGateway:
                if (const NatGateway* n = r.as<NatGateway>(); n->subnet) {
                    in = *n->subnet;
                    break;
                } else if (drawnIn(n->vpc)) { // a regional NAT gateway: a tile of its VPC (NAT-1)
                    m_vpcTiles[n->vpc->str()].push_back(r.id);
                    m_container[r.id.str()] = *n->vpc;
                } else {
                    regionless.push_back(r.id);
                }
                continue;
            case Kind::OnPremisesHost:
                in = r.as<OnPremisesHost>()->network;
                break;
            case Kind::VpcPeering:
            case Kind::TransitGatewayAttachment:
            case Kind::VpnConnection:
                // Links between their ends; a drawing being arranged may show one as a tile (a
                // VPN connection between its customer gateway and its Region): it stays one.
                if (m_drawn)
                    m_outside.push_back(r.id);
                continue;
            case Kind::OnPremisesNetwork:
            case Kind::CustomerGateway:
            case Kind::InternetHost:
                m_outside.push_back(r.id);
                continue;
            default:
                if (const auto vpc = vpcOf(r); drawnIn(vpc)) {
                    m_vpcTiles[vpc->str()].push_back(r.id);
                    m_container[r.id.str()] = *vpc;
                } else {
                    regionless.push_back(r.id);
                }
                continue;
            }
            if (drawnIn(in))
                putIn(*in, r.id);
            else
                m_outside.push_back(r.id);
        }
        // Region-level tiles go in their own Region, else the first one, else outside.
        for (const ResourceId& id : regionless) {
            std::optional<ResourceId> region = regionOf(*m_design.find(id));
            if (!drawnIn(region) || m_design.find(*region)->kind() != Kind::Region)
                region = m_regions.empty() ? std::nullopt : std::optional<ResourceId>(m_regions.front());
            if (region) {
                m_regionTiles[region->str()].push_back(id);
                m_container[id.str()] = *region;
            } else {
                m_outside.push_back(id);
            }
        }
    }

    // ---- Containers on their own -------------------------------------------------------------

    // Tiles in rows inside `parent`, starting at `top` (relative to the parent).
    static void placeTiles(std::vector<Shape>& out, const std::vector<ResourceId>& tiles, const ResourceId& parent, double top,
                           double width)
    {
        const int perRow = tilesPerRow(width);
        for (std::size_t i = 0; i < tiles.size(); ++i)
            out.push_back(Shape{tiles[i], parent, kInsetX + double(int(i) % perRow) * kStepX,
                                top + kInsetY + double(int(i) / perRow) * kStepY, kTileW, kTileH});
    }

    Box subnetBox(const ResourceId& subnet)
    {
        const Box grid = tileGrid(m_children[subnet.str()].size(), kTilesPerRow);
        return {std::max(200.0, grid.width), std::max(140.0, grid.height)};
    }

    // A VPC: its internet and VPN gateways in a row along its top edge; its subnets in one column
    // per Availability Zone (in zone order, public subnets above private ones), each holding its
    // workloads and NAT gateways; its other tiles (route tables, security groups, ACLs,
    // endpoints, load balancers) in rows under the subnets.
    Drawing drawVpc(const ResourceId& vpc)
    {
        Drawing d;
        std::vector<ResourceId> edge, tiles;
        for (const ResourceId& id : m_vpcTiles[vpc.str()])
            (isEdgeGateway(m_design.find(id)->kind()) ? edge : tiles).push_back(id);
        const double top = edge.empty() ? kHeader : kHeader + kStepY;

        std::map<std::string, std::vector<ResourceId>> columns;
        for (const ResourceId& s : m_children[vpc.str()])
            if (const Subnet* subnet = m_design.findAs<Subnet>(s))
                columns[subnet->availabilityZone].push_back(s);
        double cx = kInsetX, areaBottom = top, areaRight = 0;
        std::vector<Shape> subnets;
        for (auto& [zone, ids] : columns) {
            std::stable_partition(ids.begin(), ids.end(), [&](const ResourceId& s) { return isPublicSubnet(m_design, s); });
            double cy = top, columnWidth = 0;
            for (const ResourceId& s : ids) {
                const Box b = subnetBox(s);
                subnets.push_back(Shape{s, vpc, cx, cy, b.width, b.height});
                cy += b.height + kGap;
                columnWidth = std::max(columnWidth, b.width);
            }
            areaBottom = std::max(areaBottom, cy);
            cx += columnWidth + kGap;
            areaRight = cx;
        }
        d.box.width = std::max({areaRight, tileGrid(tiles.size(), 4).width, tileGrid(edge.size(), 8).width, 320.0});
        d.box.height = areaBottom + rowsHeight(tiles.size(), d.box.width) + 20;
        placeTiles(d.contents, edge, vpc, kHeader - kInsetY + 10, d.box.width);
        for (const Shape& s : subnets) {
            d.contents.push_back(s);
            placeTiles(d.contents, m_children[s.resource.str()], s.resource, 0, s.width);
        }
        placeTiles(d.contents, tiles, vpc, areaBottom - kInsetY + 10, d.box.width);
        return d;
    }

    Drawing drawOnPremises(const ResourceId& network)
    {
        Drawing d;
        const std::vector<ResourceId>& hosts = m_children[network.str()];
        const Box grid = tileGrid(hosts.size(), kTilesPerRow);
        d.box = {std::max(240.0, grid.width), std::max(160.0, grid.height)};
        placeTiles(d.contents, hosts, network, 0, d.box.width);
        return d;
    }

    // ---- The graph between containers --------------------------------------------------------

    // Every pair of drawn things a resource joins: a peering its two VPCs, an attachment its
    // transit gateway and VPC, a VPN connection its two gateways, an endpoint the service it
    // reaches... `nodeOf` maps a resource to the graph node standing for it (-1: none).
    template <class NodeOf>
    std::vector<GraphEdge> edgesBetween(NodeOf nodeOf) const
    {
        std::set<std::pair<std::size_t, std::size_t>> pairs;
        auto join = [&](long a, long b) {
            if (a >= 0 && b >= 0 && a != b)
                pairs.emplace(std::size_t(std::min(a, b)), std::size_t(std::max(a, b)));
        };
        for (const Resource& r : m_design.resources()) {
            const std::vector<ResourceId> refs = referencesOf(r);
            if (refs.empty())
                continue;
            const long self = drawn(r.id) ? nodeOf(r.id) : -1;
            std::vector<long> ends;
            for (const ResourceId& ref : refs)
                ends.push_back(nodeOf(ref));
            if (self >= 0) {
                for (long e : ends)
                    join(self, e);
            } else if (isLink(r.kind()) && ends.size() >= 2) {
                // Its two ends come first (requester and accepter; transit gateway and what it
                // attaches; customer gateway and AWS gateway); later references (subnets, a route
                // table) are details of one end.
                join(ends[0], ends[1]);
            }
        }
        std::vector<GraphEdge> edges;
        for (const auto& [a, b] : pairs)
            edges.push_back({a, b});
        return edges;
    }

    // The container chain of `id` up to, but not including, `stop` (or the top).
    ResourceId ancestorBelow(const ResourceId& id, const std::optional<ResourceId>& stop) const
    {
        ResourceId at = id;
        for (int guard = 0; guard < 8; ++guard) {
            const auto it = m_container.find(at.str());
            if (it == m_container.end() || (stop && it->second == *stop))
                return at;
            at = it->second;
        }
        return at;
    }

    // A Region: its VPCs and the tiles linked to them placed by the graph layout, under a header;
    // the Region's unlinked tiles (prefix lists, hosted zones...) in rows below.
    Drawing drawRegion(const ResourceId& region)
    {
        Drawing d;
        std::vector<ResourceId> members;
        for (const ResourceId& vpc : m_children[region.str()])
            members.push_back(vpc);
        for (const ResourceId& tile : m_regionTiles[region.str()])
            members.push_back(tile);
        std::unordered_map<std::string, long> index;
        for (std::size_t i = 0; i < members.size(); ++i)
            index[members[i].str()] = long(i);
        const auto nodeOf = [&](const ResourceId& id) -> long {
            const auto it = index.find(ancestorBelow(id, region).str());
            return it == index.end() ? -1 : it->second;
        };
        const std::vector<GraphEdge> edges = edgesBetween(nodeOf);
        std::vector<bool> linked(members.size(), false);
        for (const GraphEdge& e : edges)
            linked[e.from] = linked[e.to] = true;
        // The graph: every VPC, and the tiles with a link.
        std::vector<std::size_t> inGraph;
        std::vector<long> graphIndex(members.size(), -1);
        std::vector<GraphBox> boxes;
        std::vector<ResourceId> loose;
        for (std::size_t i = 0; i < members.size(); ++i) {
            const bool vpc = i < m_children[region.str()].size();
            if (!vpc && !linked[i]) {
                loose.push_back(members[i]);
                continue;
            }
            graphIndex[i] = long(inGraph.size());
            inGraph.push_back(i);
            boxes.push_back(vpc ? GraphBox{m_drawings[members[i].str()].box.width, m_drawings[members[i].str()].box.height}
                                : GraphBox{kStepX, kStepY});
        }
        std::vector<GraphEdge> graphEdges;
        for (const GraphEdge& e : edges)
            if (graphIndex[e.from] >= 0 && graphIndex[e.to] >= 0)
                graphEdges.push_back({std::size_t(graphIndex[e.from]), std::size_t(graphIndex[e.to])});
        const GraphPlacement placed = layOutGraph(boxes, graphEdges, kGraphGap);

        for (std::size_t k = 0; k < inGraph.size(); ++k) {
            const ResourceId& id = members[inGraph[k]];
            const double x = kRegionMargin + placed.topLeft[k].x, y = kHeader + placed.topLeft[k].y;
            if (inGraph[k] < m_children[region.str()].size()) { // a VPC
                Drawing& vpc = m_drawings[id.str()];
                d.contents.push_back(Shape{id, region, x, y, vpc.box.width, vpc.box.height});
                d.contents.insert(d.contents.end(), vpc.contents.begin(), vpc.contents.end());
            } else { // a tile centred in its cell
                d.contents.push_back(Shape{id, region, x + (kStepX - kTileW) / 2, y + 10, kTileW, kTileH});
            }
        }
        const double graphBottom = kHeader + placed.height + (inGraph.empty() ? 0 : 20);
        d.box.width = std::max({kRegionMargin * 2 + placed.width, tileGrid(loose.size(), 6).width, 400.0});
        placeTiles(d.contents, loose, region, graphBottom - kInsetY + 10, d.box.width);
        d.box.height = std::max(graphBottom + rowsHeight(loose.size(), d.box.width) + 20, 200.0);
        return d;
    }

    // Regions, on-premises networks, customer gateways and internet hosts: the top-level graph.
    void placeTopLevel()
    {
        std::vector<ResourceId> members = m_regions;
        members.insert(members.end(), m_outside.begin(), m_outside.end());
        std::unordered_map<std::string, long> index;
        for (std::size_t i = 0; i < members.size(); ++i)
            index[members[i].str()] = long(i);
        const auto nodeOf = [&](const ResourceId& id) -> long {
            const auto it = index.find(ancestorBelow(id, std::nullopt).str());
            return it == index.end() ? -1 : it->second;
        };
        std::vector<GraphBox> boxes;
        for (const ResourceId& id : members) {
            const auto it = m_drawings.find(id.str());
            boxes.push_back(it != m_drawings.end() ? GraphBox{it->second.box.width, it->second.box.height} : GraphBox{kStepX, kStepY});
        }
        const GraphPlacement placed = layOutGraph(boxes, edgesBetween(nodeOf), kGraphGap);
        for (std::size_t i = 0; i < members.size(); ++i) {
            const ResourceId& id = members[i];
            const double x = placed.topLeft[i].x, y = placed.topLeft[i].y;
            const auto it = m_drawings.find(id.str());
            if (it == m_drawings.end()) {
                m_diagram.shapes.push_back(Shape{id, std::nullopt, x + (kStepX - kTileW) / 2, y + 10, kTileW, kTileH});
                continue;
            }
            m_diagram.shapes.push_back(Shape{id, std::nullopt, x, y, it->second.box.width, it->second.box.height});
            m_diagram.shapes.insert(m_diagram.shapes.end(), it->second.contents.begin(), it->second.contents.end());
        }
    }

    const Design& m_design;
    const std::function<bool(const ResourceId&)>& m_drawn;
    Diagram m_diagram;
    std::vector<ResourceId> m_regions;
    std::vector<ResourceId> m_vpcs;
    std::vector<ResourceId> m_outside; // top level, beside the Regions
    std::unordered_map<std::string, std::vector<ResourceId>> m_children;    // container -> contents
    std::unordered_map<std::string, std::vector<ResourceId>> m_vpcTiles;    // VPC -> its non-subnet tiles
    std::unordered_map<std::string, std::vector<ResourceId>> m_regionTiles; // Region -> its tiles
    std::unordered_map<std::string, ResourceId> m_container;                // drawn resource -> its container
    std::unordered_map<std::string, Drawing> m_drawings;                    // VPCs, on-premises networks, Regions
};

} // namespace

Diagram automaticLayout(const Design& design, const std::function<bool(const ResourceId&)>& drawn)
{
    return Layout(design, drawn).run();
}

void layOutAutomatically(Design& design)
{
    design.diagram = automaticLayout(design, {});
}

} // namespace pp
