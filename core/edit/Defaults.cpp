#include "edit/Defaults.h"

#include "edit/DiagramFollow.h"
#include "edit/PasteLayout.h"

#include <algorithm>
#include <set>
#include <string_view>
#include <unordered_map>

namespace pp {
namespace {

const Cidr kDefaultRoute = *Cidr::parse("0.0.0.0/0");

std::optional<ResourceId> mainTable(const Design& d, const ResourceId& vpc)
{
    std::optional<ResourceId> main;
    d.forEach<RouteTable>([&](const Resource& r, const RouteTable& t) {
        if (t.vpc == vpc && t.main && !main)
            main = r.id;
    });
    return main;
}

std::optional<ResourceId> tableOf(const Design& d, const Subnet& s)
{
    return s.routeTable ? s.routeTable : mainTable(d, s.vpc);
}

bool routesToInternetGateway(const Design& d, const RouteTable& t)
{
    for (const Route& route : t.routes)
        if (route.destination == kDefaultRoute && d.findAs<InternetGateway>(route.target))
            return true;
    return false;
}

std::string freshId(const Design& d, const std::string& prefix, const ChangeSetBuilder* staged = nullptr)
{
    for (int n = 1;; ++n) {
        const std::string id = prefix + "-" + std::to_string(n);
        if (!d.containsId(id) && !(staged && staged->current(ResourceId(id))))
            return id;
    }
}

// A tile's size (the canvas's default for everything but containers).
constexpr double kTileWidth = 90;
constexpr double kTileHeight = 70;

// A tile in the bottom-left corner of a container, where VPC-level resources go; followModel
// moves it along the row when that spot is taken.
Shape cornerTile(const ResourceId& id, const Shape& container)
{
    return Shape{id, container.resource, kContainerMargin,
                 std::max(kContainerHeader, container.height - kTileHeight - kContainerMargin), kTileWidth, kTileHeight};
}

const Shape* shapeOf(const Design& d, const ResourceId& id)
{
    for (const Shape& s : d.diagram.shapes)
        if (s.resource == id)
            return &s;
    return nullptr;
}

} // namespace

std::optional<ResourceId> mainRouteTableOf(const Design& d, const ResourceId& vpc) { return mainTable(d, vpc); }

std::optional<EffectiveRouteTable> effectiveRouteTableOf(const Design& d, const ResourceId& subnet)
{
    const Subnet* s = d.findAs<Subnet>(subnet);
    if (!s)
        return std::nullopt;
    EffectiveRouteTable out;
    const std::optional<ResourceId> main = mainTable(d, s->vpc);
    out.associated = s->routeTable.has_value();
    out.table = s->routeTable ? s->routeTable : main;
    out.main = !s->routeTable || s->routeTable == main;
    return out;
}

ChangeSet drawAsTheModelSays(const Design& d)
{
    // One pass over the shapes and tables (a design of 50,000 resources opens through here).
    std::unordered_map<std::string_view, const Shape*> shapes;
    for (const Shape& s : d.diagram.shapes)
        shapes.emplace(s.resource.str(), &s);
    std::set<std::string_view> withMain;
    d.forEach<RouteTable>([&](const Resource&, const RouteTable& t) {
        if (t.main)
            withMain.insert(t.vpc.str());
    });
    ChangeSetBuilder b(d);
    d.forEach<Vpc>([&](const Resource& vpc, const Vpc&) {
        if (const auto it = shapes.find(vpc.id.str()); it != shapes.end() && !withMain.count(vpc.id.str()))
            addMainRouteTable(b, d, vpc, it->second);
    });
    ChangeSet change = b.build();
    // Each tile drawn outside the containers its model allows counts as touched, so followModel
    // moves it home (the rest it would leave where it is anyway).
    const std::size_t added = change.resources.size();
    const ResourceLookup find = [&](const ResourceId& id) { return d.find(id); };
    for (const Shape& s : d.diagram.shapes) {
        const Resource* r = d.find(s.resource);
        if (!r)
            continue;
        const Home home = homeOf(*r, find);
        if (!home.accepted.empty() && !(s.parent && std::find(home.accepted.begin(), home.accepted.end(), *s.parent) != home.accepted.end()))
            change.resources.push_back({r->id, *r, *r, kAtEnd});
    }
    change = followModel(d, std::move(change));
    change.resources.erase(change.resources.begin() + std::ptrdiff_t(added), change.resources.end());
    return change;
}

ResourceId addMainRouteTable(ChangeSetBuilder& b, const Design& d, const Resource& vpc, const Shape* vpcShape)
{
    Resource rt;
    rt.id = ResourceId(freshId(d, "rt", &b));
    rt.name = vpc.displayName() + " main";
    rt.data = RouteTable{vpc.id, true, {}, {}};
    b.add(rt);
    if (vpcShape)
        b.setShape(cornerTile(rt.id, *vpcShape));
    return rt.id;
}

ChangeSet keepOneMainRouteTable(const Design& d, ChangeSet change)
{
    std::vector<std::pair<ResourceId, ResourceId>> madeMain; // table, VPC
    for (const ResourceChange& c : change.resources) {
        const RouteTable* after = c.after ? c.after->as<RouteTable>() : nullptr;
        const RouteTable* before = c.before ? c.before->as<RouteTable>() : nullptr;
        if (after && after->main && !(before && before->main && before->vpc == after->vpc))
            madeMain.emplace_back(c.id, after->vpc);
    }
    // Named copies, not structured bindings: clang before 16 (the fuzz build) cannot capture those.
    for (const auto& made : madeMain) {
        const ResourceId& table = made.first;
        const ResourceId& vpc = made.second;
        d.forEach<RouteTable>([&](const Resource& r, const RouteTable&) {
            if (r.id == table)
                return;
            auto it = std::find_if(change.resources.begin(), change.resources.end(),
                                   [&](const ResourceChange& c) { return c.id == r.id; });
            if (it == change.resources.end()) {
                const RouteTable& t = *r.as<RouteTable>();
                if (t.vpc != vpc || !t.main)
                    return;
                change.resources.push_back({r.id, r, r, d.indexOf(r.id).value_or(kAtEnd)});
                it = change.resources.end() - 1;
            }
            if (RouteTable* t = it->after ? it->after->as<RouteTable>() : nullptr; t && t->vpc == vpc)
                t->main = false;
        });
    }
    return change;
}

bool isPublicSubnet(const Design& d, const ResourceId& subnet)
{
    const Subnet* s = d.findAs<Subnet>(subnet);
    if (!s)
        return false;
    const RouteTable* t = d.findAs<RouteTable>(tableOf(d, *s).value_or(ResourceId()));
    return t && routesToInternetGateway(d, *t);
}

ChangeSet setSubnetPublic(const Design& d, const ResourceId& subnetId, bool makePublic)
{
    ChangeSetBuilder b(d);
    const Resource* subnetResource = d.find(subnetId);
    const Subnet* subnet = subnetResource ? subnetResource->as<Subnet>() : nullptr;
    if (!subnet || isPublicSubnet(d, subnetId) == makePublic)
        return b.build();
    Resource changed = *subnetResource;
    Subnet& s = std::get<Subnet>(changed.data);
    if (!makePublic) {
        s.routeTable.reset(); // back to the main table
        b.modify(changed);
        return b.build();
    }
    // New tiles go in the VPC, along its bottom edge: they belong to the VPC, not to this subnet.
    const Shape* vpcShape = shapeOf(d, subnet->vpc);
    double nextX = kContainerMargin;
    auto place = [&](const ResourceId& id) {
        if (!vpcShape)
            return;
        Shape tile = cornerTile(id, *vpcShape);
        tile.x = nextX;
        b.setShape(tile);
        nextX += kTileWidth + kContainerMargin;
    };
    std::optional<ResourceId> igw;
    d.forEach<InternetGateway>([&](const Resource& r, const InternetGateway& g) {
        if (g.vpc == subnet->vpc && !igw)
            igw = r.id;
    });
    if (!igw) {
        Resource gateway;
        gateway.id = ResourceId(freshId(d, "igw"));
        gateway.name = "Internet gateway";
        gateway.data = InternetGateway{.vpc = subnet->vpc, .routeTable = {}};
        b.add(gateway);
        place(gateway.id);
        igw = gateway.id;
    }
    std::optional<ResourceId> table;
    d.forEach<RouteTable>([&](const Resource& r, const RouteTable& t) {
        if (t.vpc == subnet->vpc && !table && routesToInternetGateway(d, t))
            table = r.id;
    });
    if (!table) {
        Resource rt;
        rt.id = ResourceId(freshId(d, "rt-public"));
        rt.name = "Public routes";
        RouteTable routes{subnet->vpc, false, {}, {}};
        routes.routes.push_back(Route{kDefaultRoute, std::nullopt, *igw, RouteOrigin::Static, RouteState::Active});
        rt.data = routes;
        b.add(rt);
        place(rt.id);
        table = rt.id;
    }
    s.routeTable = table;
    b.modify(changed);
    return followModel(d, b.build());
}

ChangeSet natDefaultRoutes(const Design& d, const ResourceId& natId)
{
    ChangeSetBuilder b(d);
    const NatGateway* nat = d.findAs<NatGateway>(natId);
    const Subnet* natSubnet = nat && nat->subnet ? d.findAs<Subnet>(*nat->subnet) : nullptr;
    // A zonal NAT gateway's VPC is its subnet's; a regional one names its VPC (NAT-1).
    const Resource* vpc = natSubnet ? d.find(natSubnet->vpc) : nat && nat->vpc ? d.find(*nat->vpc) : nullptr;
    if (!vpc)
        return b.build();
    const Route defaultRoute{kDefaultRoute, std::nullopt, natId, RouteOrigin::Static, RouteState::Active};
    std::set<std::string> tables;
    bool implicitMain = false;
    d.forEach<Subnet>([&](const Resource& r, const Subnet& s) {
        if (s.vpc == vpc->id && !isPublicSubnet(d, r.id)) {
            if (const auto t = tableOf(d, s))
                tables.insert(t->str());
            else
                implicitMain = true;
        }
    });
    for (const std::string& id : tables) {
        const Resource* r = d.find(ResourceId(id));
        const RouteTable* table = r ? r->as<RouteTable>() : nullptr;
        if (!table)
            continue;
        RouteTable t = *table;
        bool hasDefault = false;
        for (const Route& route : t.routes)
            hasDefault = hasDefault || route.destination == kDefaultRoute;
        if (hasDefault)
            continue;
        t.routes.push_back(defaultRoute);
        Resource changed = *r;
        changed.data = t;
        b.modify(changed);
    }
    if (implicitMain) {
        // The subnets use the VPC's implicit main table: it becomes a real one, with the route.
        const ResourceId id = addMainRouteTable(b, d, *vpc, shapeOf(d, vpc->id));
        Resource main = *b.current(id);
        std::get<RouteTable>(main.data).routes.push_back(defaultRoute);
        b.add(main);
    }
    return followModel(d, b.build());
}

} // namespace pp
