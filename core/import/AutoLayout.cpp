#include "import/AutoLayout.h"

#include "edit/Defaults.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

namespace pp {

namespace {

// Tiles are 90 x 70; the steps leave room for their labels (kTileLabelReach beside, kTileLabelBelow under).
constexpr double kTileW = 90, kTileH = 70;
constexpr double kStepX = 140, kStepY = 120;
constexpr double kInsetX = 30, kInsetY = 50; // first tile in a container
constexpr double kGap = 30;                  // between containers
constexpr double kHeader = 60;               // first container in a container
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

class Layout {
public:
    explicit Layout(const Design& design) : m_design(design) {}

    Diagram run()
    {
        classify();
        double x = 0;
        for (const ResourceId& region : m_regions)
            x += layOutRegion(region, x, 0).width + 80;
        // Outside every Region: on-premises networks and the customer gateways in front of them.
        double y = 0;
        for (const ResourceId& id : m_outside) {
            const Resource* r = m_design.find(id);
            if (r->kind() == Kind::OnPremisesNetwork) {
                const std::vector<ResourceId>& hosts = m_children[id.str()];
                const Box grid = tileGrid(hosts.size(), kTilesPerRow);
                const Box box{std::max(240.0, grid.width), std::max(160.0, grid.height)};
                shape(id, std::nullopt, x, y, box.width, box.height);
                placeTiles(hosts, id, 0, box.width);
                y += box.height + 40;
            } else {
                shape(id, std::nullopt, x + kInsetX, y + kInsetY - 40, kTileW, kTileH);
                y += kStepY;
            }
        }
        return std::move(m_diagram);
    }

private:
    void shape(const ResourceId& id, std::optional<ResourceId> parent, double x, double y, double w, double h)
    {
        m_diagram.shapes.push_back(Shape{id, std::move(parent), x, y, w, h});
    }

    // Tiles in rows of kTilesPerRow inside `parent`, starting at `top` (relative to the parent).
    void placeTiles(const std::vector<ResourceId>& tiles, const ResourceId& parent, double top, double width)
    {
        const int perRow = std::max(1, int((width - kInsetX - 20) / kStepX));
        for (std::size_t i = 0; i < tiles.size(); ++i)
            shape(tiles[i], parent, kInsetX + double(int(i) % perRow) * kStepX, top + kInsetY + double(int(i) / perRow) * kStepY,
                  kTileW, kTileH);
    }

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

    // Sorts every resource into the container it is drawn in.
    void classify()
    {
        for (const Resource& r : m_design.resources()) {
            switch (r.kind()) {
            case Kind::Region:
                m_regions.push_back(r.id);
                continue;
            case Kind::Vpc:
                m_children[r.as<Vpc>()->region.str()].push_back(r.id);
                continue;
            case Kind::Subnet:
                m_children[r.as<Subnet>()->vpc.str()].push_back(r.id);
                continue;
            case Kind::Workload:
                m_children[r.as<Workload>()->subnet.str()].push_back(r.id);
                continue;
            case Kind::NatGateway:
                if (const NatGateway* n = r.as<NatGateway>(); n->subnet || n->vpc)
                    m_children[(n->subnet ? *n->subnet : *n->vpc).str()].push_back(r.id);
                continue;
            case Kind::OnPremisesHost:
                m_children[r.as<OnPremisesHost>()->network.str()].push_back(r.id);
                continue;
            case Kind::VpcPeering:
            case Kind::TransitGatewayAttachment:
            case Kind::VpnConnection:
                continue; // links between their ends
            case Kind::OnPremisesNetwork:
            case Kind::CustomerGateway:
            case Kind::InternetHost:
                m_outside.push_back(r.id);
                continue;
            default:
                break;
            }
            if (const auto vpc = vpcOf(r); vpc && m_design.find(*vpc))
                m_vpcTiles[vpc->str()].push_back(r.id);
            else
                m_regionTiles.push_back(r.id);
        }
        if (m_regions.empty())
            for (const ResourceId& id : m_regionTiles)
                m_outside.push_back(id);
    }

    Box subnetBox(const ResourceId& subnet)
    {
        const Box grid = tileGrid(m_children[subnet.str()].size(), kTilesPerRow);
        return {std::max(200.0, grid.width), std::max(140.0, grid.height)};
    }

    Box layOutVpc(const ResourceId& vpc, const ResourceId& region, double x, double y)
    {
        // One column per AZ, in AZ order; public subnets first in each column.
        std::map<std::string, std::vector<ResourceId>> columns;
        for (const ResourceId& s : m_children[vpc.str()])
            columns[m_design.findAs<Subnet>(s)->availabilityZone].push_back(s);
        std::vector<std::pair<ResourceId, Box>> placed;
        double cx = kInsetX, areaBottom = kHeader, areaRight = 0;
        std::vector<Shape> subnetShapes;
        for (auto& [zone, subnets] : columns) {
            std::stable_partition(subnets.begin(), subnets.end(),
                                  [&](const ResourceId& s) { return isPublicSubnet(m_design, s); });
            double cy = kHeader, colWidth = 0;
            for (const ResourceId& s : subnets) {
                const Box b = subnetBox(s);
                subnetShapes.push_back(Shape{s, vpc, cx, cy, b.width, b.height});
                cy += b.height + kGap;
                colWidth = std::max(colWidth, b.width);
            }
            areaBottom = std::max(areaBottom, cy);
            cx += colWidth + kGap;
            areaRight = cx;
        }
        const std::vector<ResourceId>& tiles = m_vpcTiles[vpc.str()];
        const double width = std::max({areaRight, tileGrid(tiles.size(), 4).width, 320.0});
        const int perRow = std::max(1, int((width - kInsetX - 20) / kStepX));
        const double tilesHeight = tiles.empty() ? 0 : (double((int(tiles.size()) + perRow - 1) / perRow) * kStepY) + 10;
        const double height = areaBottom + tilesHeight + 20;
        shape(vpc, region, x, y, width, height);
        for (Shape& s : subnetShapes) {
            m_diagram.shapes.push_back(s);
            placeTiles(m_children[s.resource.str()], s.resource, 0, s.width);
        }
        placeTiles(tiles, vpc, areaBottom - kInsetY + 10, width);
        return {width, height};
    }

    Box layOutRegion(const ResourceId& region, double x, double y)
    {
        const std::size_t regionIndex = m_diagram.shapes.size();
        shape(region, std::nullopt, x, y, 0, 0);
        const std::vector<ResourceId>& vpcs = m_children[region.str()];
        // VPCs in rows of up to ceil(sqrt(n)).
        const int perRow = std::max(1, int(std::ceil(std::sqrt(double(vpcs.size())))));
        double cx = 40, cy = kHeader, rowHeight = 0, right = 40;
        for (std::size_t i = 0; i < vpcs.size(); ++i) {
            if (i > 0 && int(i) % perRow == 0) {
                cx = 40;
                cy += rowHeight + 40;
                rowHeight = 0;
            }
            const Box b = layOutVpc(vpcs[i], region, cx, cy);
            cx += b.width + 40;
            right = std::max(right, cx);
            rowHeight = std::max(rowHeight, b.height);
        }
        double bottom = cy + rowHeight + (vpcs.empty() ? 0 : 20);
        const double width = std::max({right, tileGrid(m_regionTiles.size(), 6).width, 400.0});
        // Region-level tiles below the VPCs.
        placeTiles(m_regionTiles, region, bottom - kInsetY + 10, width);
        const int tilesPerRow = std::max(1, int((width - kInsetX - 20) / kStepX));
        if (!m_regionTiles.empty())
            bottom += double((int(m_regionTiles.size()) + tilesPerRow - 1) / tilesPerRow) * kStepY + 10;
        m_regionTiles.clear(); // one Region gets them
        Shape& r = m_diagram.shapes[regionIndex];
        r.width = width;
        r.height = std::max(bottom + 20, 200.0);
        return {r.width, r.height};
    }

    const Design& m_design;
    Diagram m_diagram;
    std::vector<ResourceId> m_regions;
    std::vector<ResourceId> m_outside;
    std::vector<ResourceId> m_regionTiles;
    std::unordered_map<std::string, std::vector<ResourceId>> m_children; // container -> contents
    std::unordered_map<std::string, std::vector<ResourceId>> m_vpcTiles; // VPC -> its non-subnet tiles
};

} // namespace

void layOutAutomatically(Design& design)
{
    design.diagram = Layout(design).run();
}

} // namespace pp
