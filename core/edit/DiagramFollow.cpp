#include "edit/DiagramFollow.h"

#include "edit/Arrange.h"
#include "edit/PasteLayout.h"

#include <algorithm>
#include <set>
#include <unordered_map>

namespace pp {

Home homeOf(const Resource& resource, const ResourceLookup& find)
{
    Home home = std::visit(
        [&](const auto& d) -> Home {
            using T = std::decay_t<decltype(d)>;
            if constexpr (std::is_same_v<T, Workload>) {
                return {{d.subnet}, {}};
            } else if constexpr (std::is_same_v<T, NatGateway>) {
                // Zonal: in its subnet; regional: in its VPC (NAT-1).
                if (const auto in = d.subnet ? d.subnet : d.vpc)
                    return {{*in}, {}};
                return Home{};
            } else if constexpr (std::is_same_v<T, Subnet> || std::is_same_v<T, RouteTable> ||
                                 std::is_same_v<T, EgressOnlyInternetGateway> || std::is_same_v<T, SecurityGroup> ||
                                 std::is_same_v<T, NetworkAcl>) {
                return {{d.vpc}, {}};
            } else if constexpr (std::is_same_v<T, Vpc>) {
                return {{d.region}, {}};
            } else if constexpr (std::is_same_v<T, InternetGateway> || std::is_same_v<T, VirtualPrivateGateway>) {
                return d.vpc ? Home{{*d.vpc}, {}} : Home{};
            } else if constexpr (std::is_same_v<T, VpcEndpoint>) {
                if (d.endpointType == EndpointType::Gateway || d.subnets.empty())
                    return {{d.vpc}, {}};
                Home h{d.subnets, d.subnets};
                if (d.subnets.size() > 1)
                    h.accepted.push_back(d.vpc); // drawn across its subnets
                h.order.push_back(d.vpc);
                return h;
            } else if constexpr (std::is_same_v<T, NetworkFirewall> || std::is_same_v<T, ResolverEndpoint> ||
                                 std::is_same_v<T, ResourceGateway>) {
                // In its VPC, or drawn in one of its subnets.
                Home h{{d.vpc}, {d.vpc}};
                h.accepted.insert(h.accepted.end(), d.subnets.begin(), d.subnets.end());
                return h;
            } else if constexpr (std::is_same_v<T, LoadBalancer>) {
                const Resource* first = d.subnets.empty() ? nullptr : find(d.subnets.front());
                const Subnet* subnet = first ? first->template as<Subnet>() : nullptr;
                if (!subnet)
                    return {};
                Home h{{subnet->vpc}, {subnet->vpc}};
                h.accepted.insert(h.accepted.end(), d.subnets.begin(), d.subnets.end());
                return h;
            } else if constexpr (std::is_same_v<T, OnPremisesHost>) {
                return {{d.network}, {}};
            } else if constexpr (std::is_same_v<T, CustomerGateway>) {
                return {{d.onPremises}, {}};
            } else {
                return {};
            }
        },
        resource.data);
    if (home.order.empty())
        home.order = home.accepted;
    return home;
}

namespace {

bool contains(const std::vector<ResourceId>& ids, const ResourceId& id)
{
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

bool overlaps(double x, double y, const Shape& s, const Shape& other, double gap)
{
    return x < other.x + other.width + gap && other.x < x + s.width + gap && y < other.y + other.height + gap &&
           other.y < y + s.height + gap;
}

bool clearAt(double x, double y, const Shape& s, const std::vector<const Shape*>& siblings, double gap)
{
    return std::none_of(siblings.begin(), siblings.end(),
                        [&](const Shape* other) { return overlaps(x, y, s, *other, gap); });
}

// The first spot at or after the shape's position that keeps `gap` clear of every sibling. `wide`
// (containers, shapes on the canvas): along the row only, so they end up beside their siblings
// and the container grows. Tiles: along the row as far as the container's width, then the next
// rows, then below everything.
Point freeSpot(const Shape& s, const std::vector<const Shape*>& siblings, const Shape* container, bool wide)
{
    const double gap = wide ? kContainerMargin : kContainerMargin / 2;
    double x0 = s.x, y0 = s.y;
    if (container) {
        x0 = std::max(x0, kContainerMargin / 2);
        y0 = std::max(y0, kContainerHeader);
    }
    if (clearAt(x0, y0, s, siblings, gap))
        return {x0, y0};
    double rightmost = x0, bottom = y0;
    for (const Shape* other : siblings) {
        rightmost = std::max(rightmost, other->x + other->width + gap);
        bottom = std::max(bottom, other->y + other->height + gap);
    }
    const double limit = container ? container->width - kContainerMargin : rightmost + s.width;
    for (double y = y0; y < bottom; y += kPasteGrid) {
        for (double x = x0; x < rightmost + kPasteGrid; x += kPasteGrid) { // past `rightmost`: clear
            if (!wide && x > x0 && x + s.width > limit)
                break;
            if (clearAt(x, y, s, siblings, gap))
                return {x, y};
        }
        if (wide)
            return {rightmost, y0};
    }
    return {x0, bottom};
}

} // namespace

ChangeSet followModel(const Design& design, ChangeSet change)
{
    // A drag, a resize or a change of stacking order changes shapes only: nothing to follow.
    if (onlyRestacks(change))
        return change;
    const bool addsShapes =
        std::any_of(change.shapes.begin(), change.shapes.end(), [](const ShapeChange& c) { return !c.before && c.after; });
    const bool changesModel =
        std::any_of(change.resources.begin(), change.resources.end(), [](const ResourceChange& c) { return c.after.has_value(); });
    if (!addsShapes && !changesModel)
        return change;

    // The state after the change, looked up without copying the design.
    std::unordered_map<std::string, const Resource*> changed; // nullptr: removed
    for (const ResourceChange& c : change.resources)
        changed[c.id.str()] = c.after ? &*c.after : nullptr;
    const ResourceLookup find = [&](const ResourceId& id) -> const Resource* {
        const auto it = changed.find(id.str());
        return it != changed.end() ? it->second : design.find(id);
    };
    std::unordered_map<std::string, const Shape*> shapes;
    for (const Shape& s : design.diagram.shapes)
        shapes[s.resource.str()] = &s;
    for (const ShapeChange& c : change.shapes) {
        if (c.after)
            shapes[c.resource.str()] = &*c.after;
        else
            shapes.erase(c.resource.str());
    }
    auto shapeOf = [&](const ResourceId& id) -> const Shape* {
        const auto it = shapes.find(id.str());
        return it == shapes.end() ? nullptr : it->second;
    };

    // Tiles drawn outside their home, and where they go.
    std::vector<std::pair<ResourceId, ResourceId>> rehome;
    std::set<std::string> considered;
    auto checkHome = [&](const ResourceId& id) {
        const Resource* r = find(id);
        const Shape* s = shapeOf(id);
        if (!r || !s || !considered.insert(id.str()).second)
            return;
        const Home home = homeOf(*r, find);
        if (home.accepted.empty() || (s->parent && contains(home.accepted, *s->parent)))
            return;
        for (const ResourceId& to : home.order)
            if (to != id && shapeOf(to)) {
                if (to != s->parent)
                    rehome.emplace_back(id, to);
                return;
            }
    };
    for (const ResourceChange& c : change.resources)
        if (c.after)
            checkHome(c.id);
    std::vector<ResourceId> added;
    for (const ShapeChange& c : change.shapes)
        if (!c.before && c.after) {
            added.push_back(c.resource);
            checkHome(c.resource);
        }
    // Added shapes that cover a sibling or stick out of their container.
    bool crowded = false;
    if (!added.empty() && rehome.empty()) {
        std::unordered_map<std::string, std::vector<const Shape*>> children; // by parent; "" = the canvas
        for (const auto& [id, s] : shapes)
            children[s->parent ? s->parent->str() : std::string()].push_back(s);
        for (const ResourceId& id : added) {
            const Shape* s = shapeOf(id);
            if (const Shape* container = s->parent ? shapeOf(*s->parent) : nullptr)
                crowded = crowded || s->x + s->width + kContainerMargin > container->width ||
                          s->y + s->height + kContainerMargin > container->height;
            for (const Shape* other : children[s->parent ? s->parent->str() : std::string()])
                crowded = crowded || (other != s && overlaps(s->x, s->y, *s, *other, 0));
        }
    }
    if (rehome.empty() && !crowded)
        return change;

    Design after = design;
    if (!applyChangeSet(after, change))
        return change;
    std::unordered_map<std::string, Shape*> working;
    for (Shape& s : after.diagram.shapes)
        working[s.resource.str()] = &s;
    const Drawing drawing(after); // reads the shapes in place: it sees every move below
    std::set<std::string> dirty;

    for (const auto& [id, to] : rehome) {
        Shape& s = *working.at(id.str());
        const Point from = drawing.origin(s.parent), base = drawing.origin(to);
        const Shape& container = *working.at(to.str());
        double x = from.x + s.x - base.x, y = from.y + s.y - base.y;
        if (x < 0 || y < kContainerHeader || x + s.width > container.width || y + s.height > container.height) {
            x = kContainerMargin; // it was nowhere near: start at the container's top-left corner
            y = kContainerHeader;
        }
        s.parent = to;
        s.x = x;
        s.y = y;
        dirty.insert(id.str());
    }

    // Outer shapes first: a container finds its spot before what it holds looks for one.
    std::vector<ResourceId> toPlace;
    for (const auto& [id, to] : rehome)
        toPlace.push_back(id);
    for (const ResourceId& id : added)
        if (!contains(toPlace, id))
            toPlace.push_back(id);
    std::stable_sort(toPlace.begin(), toPlace.end(), [&](const ResourceId& a, const ResourceId& b) {
        return drawing.chain(a).size() < drawing.chain(b).size();
    });
    std::vector<Shape> placed;
    for (const ResourceId& id : toPlace) {
        Shape& s = *working.at(id.str());
        std::vector<const Shape*> siblings;
        for (const Shape* other : drawing.children(s.parent))
            if (other != &s)
                siblings.push_back(other);
        const Shape* container = s.parent ? drawing.shape(*s.parent) : nullptr;
        const Resource* r = after.find(id);
        const bool wide = !container || (r && isContainerKind(r->kind()));
        const Point spot = freeSpot(s, siblings, container, wide);
        if (spot.x != s.x || spot.y != s.y) {
            s.x = spot.x;
            s.y = spot.y;
            dirty.insert(id.str());
        }
        placed.push_back(s);
    }
    ChangeSetBuilder growth(after);
    growContainers(drawing, placed, growth);
    for (const ShapeChange& c : growth.build().shapes) {
        *working.at(c.resource.str()) = *c.after;
        dirty.insert(c.resource.str());
    }

    // Into the change: a shape it already changes takes its final value; any other gets an entry.
    for (const std::string& id : dirty) {
        const Shape& final = *working.at(id);
        auto it = std::find_if(change.shapes.begin(), change.shapes.end(),
                               [&](const ShapeChange& c) { return c.resource.str() == id; });
        if (it != change.shapes.end()) {
            it->after = final;
            if (it->before == it->after)
                change.shapes.erase(it);
            continue;
        }
        for (std::size_t i = 0; i < design.diagram.shapes.size(); ++i)
            if (design.diagram.shapes[i].resource.str() == id && !(design.diagram.shapes[i] == final))
                change.shapes.push_back({final.resource, design.diagram.shapes[i], final, i});
    }
    return change;
}

} // namespace pp
