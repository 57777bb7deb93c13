#include "edit/Defaults.h"

#include <set>

namespace pp {
namespace {

const Cidr kDefaultRoute = *Cidr::parse("0.0.0.0/0");

std::optional<ResourceId> tableOf(const Design& d, const Subnet& s)
{
    if (s.routeTable)
        return s.routeTable;
    std::optional<ResourceId> main;
    d.forEach<RouteTable>([&](const Resource& r, const RouteTable& t) {
        if (t.vpc == s.vpc && t.main && !main)
            main = r.id;
    });
    return main;
}

bool routesToInternetGateway(const Design& d, const RouteTable& t)
{
    for (const Route& route : t.routes)
        if (route.destination == kDefaultRoute && d.findAs<InternetGateway>(route.target))
            return true;
    return false;
}

std::string freshId(const Design& d, const std::string& prefix)
{
    for (int n = 1;; ++n)
        if (!d.containsId(prefix + "-" + std::to_string(n)))
            return prefix + "-" + std::to_string(n);
}

} // namespace

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
    // Where new shapes go: inside the VPC's shape, along its bottom edge.
    const Shape* vpcShape = nullptr;
    for (const Shape& shape : d.diagram.shapes)
        if (shape.resource == subnet->vpc)
            vpcShape = &shape;
    double nextX = 20;
    auto place = [&](const ResourceId& id) {
        if (!vpcShape)
            return;
        b.setShape(Shape{id, subnet->vpc, nextX, std::max(40.0, vpcShape->height - 90), 90, 70});
        nextX += 110;
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
        gateway.data = InternetGateway{subnet->vpc};
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
    return b.build();
}

ChangeSet natDefaultRoutes(const Design& d, const ResourceId& natId)
{
    ChangeSetBuilder b(d);
    const NatGateway* nat = d.findAs<NatGateway>(natId);
    const Subnet* natSubnet = nat ? d.findAs<Subnet>(nat->subnet) : nullptr;
    if (!natSubnet)
        return b.build();
    std::set<std::string> tables;
    d.forEach<Subnet>([&](const Resource& r, const Subnet& s) {
        if (s.vpc == natSubnet->vpc && !isPublicSubnet(d, r.id))
            if (const auto t = tableOf(d, s))
                tables.insert(t->str());
    });
    for (const std::string& id : tables) {
        const Resource* r = d.find(ResourceId(id));
        RouteTable t = *r->as<RouteTable>();
        bool hasDefault = false;
        for (const Route& route : t.routes)
            hasDefault = hasDefault || route.destination == kDefaultRoute;
        if (hasDefault)
            continue;
        t.routes.push_back(Route{kDefaultRoute, std::nullopt, natId, RouteOrigin::Static, RouteState::Active});
        Resource changed = *r;
        changed.data = t;
        b.modify(changed);
    }
    return b.build();
}

} // namespace pp
