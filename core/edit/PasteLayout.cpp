#include "edit/PasteLayout.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>

namespace pp {

bool isContainerKind(Kind kind)
{
    return kind == Kind::Region || kind == Kind::Vpc || kind == Kind::Subnet ||
           kind == Kind::OnPremisesNetwork;
}

Drawing::Drawing(const Design& design) : m_design(design)
{
    m_shapes.reserve(design.diagram.shapes.size());
    for (const Shape& s : design.diagram.shapes)
        m_shapes.emplace(s.resource.str(), &s);
}

const Shape* Drawing::shape(const ResourceId& id) const
{
    const auto it = m_shapes.find(id.str());
    return it == m_shapes.end() ? nullptr : it->second;
}

Point Drawing::origin(const std::optional<ResourceId>& id) const
{
    Point p;
    std::optional<ResourceId> at = id;
    for (int guard = 0; at && guard < 64; ++guard) {
        const Shape* s = shape(*at);
        if (!s)
            break;
        p.x += s->x;
        p.y += s->y;
        at = s->parent;
    }
    return p;
}

std::vector<ResourceId> Drawing::chain(const std::optional<ResourceId>& from) const
{
    std::vector<ResourceId> out;
    for (std::optional<ResourceId> at = from; at && out.size() < 64;) {
        out.push_back(*at);
        const Shape* s = shape(*at);
        at = s ? s->parent : std::nullopt;
    }
    return out;
}

std::vector<const Shape*> Drawing::children(const std::optional<ResourceId>& container) const
{
    std::vector<const Shape*> out;
    for (const Shape& s : m_design.diagram.shapes)
        if (s.parent == container)
            out.push_back(&s);
    return out;
}

namespace {

bool overlap(const Shape& a, double dx, double dy, const Shape& b)
{
    return a.x + dx < b.x + b.width && b.x < a.x + dx + a.width && a.y + dy < b.y + b.height &&
           b.y < a.y + dy + a.height;
}

// One placed shape and what it must stay clear of.
struct Lane {
    Shape* shape;
    std::vector<const Shape*> siblings;
    double right; // its right edge plus the margin may not pass this (unless the group stays put)
};

} // namespace

void placeTopLevelShapes(const Drawing& drawing, std::vector<Shape>& shapes, const PasteTarget& target)
{
    if (shapes.empty())
        return;
    double left = std::numeric_limits<double>::max(), top = std::numeric_limits<double>::max();
    for (const Shape& s : shapes) {
        left = std::min(left, s.x);
        top = std::min(top, s.y);
    }
    const Point base = drawing.origin(target.container);
    double shiftX = 0, shiftY = 0;
    for (Shape& s : shapes) {
        const Point parent = drawing.origin(s.parent);
        s.x += base.x + target.x - left - parent.x;
        s.y += base.y + target.y - top - parent.y;
        if (s.parent) {
            shiftX = std::max(shiftX, kContainerMargin - s.x);
            shiftY = std::max(shiftY, kContainerHeader - s.y);
        }
    }

    // Pulled back left and up when the pointer is near the container's right or bottom edge, so
    // the copy lands inside it rather than making it grow over its neighbours (never past the
    // margin and title band).
    double pullX = 0, pullY = 0, roomX = std::numeric_limits<double>::max(), roomY = std::numeric_limits<double>::max();
    for (const Shape& s : shapes)
        if (const Shape* container = s.parent ? drawing.shape(*s.parent) : nullptr) {
            pullX = std::min(pullX, container->width - kContainerMargin - (s.x + shiftX + s.width));
            pullY = std::min(pullY, container->height - kContainerMargin - (s.y + shiftY + s.height));
            roomX = std::min(roomX, s.x + shiftX - kContainerMargin);
            roomY = std::min(roomY, s.y + shiftY - kContainerHeader);
        }
    shiftX += std::max(pullX, -std::max(0.0, roomX));
    shiftY += std::max(pullY, -std::max(0.0, roomY));

    std::vector<Lane> lanes;
    double below = 0; // moving down this far clears every sibling
    for (Shape& s : shapes) {
        s.x += shiftX;
        s.y += shiftY;
        Lane lane{&s, drawing.children(s.parent), 0};
        if (const Shape* container = s.parent ? drawing.shape(*s.parent) : nullptr) {
            lane.right = container->width;
        } else {
            // On the canvas (or in an undrawn container): as far as just past the rightmost sibling.
            double rightmost = s.x;
            for (const Shape* sibling : lane.siblings)
                rightmost = std::max(rightmost, sibling->x + sibling->width);
            lane.right = rightmost + s.width + 2 * kContainerMargin;
        }
        for (const Shape* sibling : lane.siblings)
            below = std::max(below, sibling->y + sibling->height - s.y);
        lanes.push_back(std::move(lane));
    }
    auto clear = [&](double dx, double dy) {
        for (const Lane& lane : lanes)
            for (const Shape* sibling : lane.siblings)
                if (overlap(*lane.shape, dx, dy, *sibling))
                    return false;
        return true;
    };
    auto fits = [&](double dx) {
        return std::all_of(lanes.begin(), lanes.end(), [&](const Lane& lane) {
            return lane.shape->x + dx + lane.shape->width + kContainerMargin <= lane.right;
        });
    };
    // Row by row on the grid. From `lastRow` down the group is below every sibling, so clear.
    const double lastRow = std::ceil(std::max(0.0, below) / kPasteGrid) * kPasteGrid;
    double dx = 0, dy = 0;
    auto search = [&] {
        for (dy = 0; dy < lastRow; dy += kPasteGrid)
            for (dx = 0; dx == 0 || fits(dx); dx += kPasteGrid)
                if (clear(dx, dy))
                    return;
        dx = 0;
        dy = lastRow;
    };
    search();
    for (Shape& s : shapes) {
        s.x += dx;
        s.y += dy;
    }
}

namespace {

// Closer than `gap` (or overlapping).
bool crowds(const Shape& a, const Shape& b, double gap)
{
    return a.x < b.x + b.width + gap && b.x < a.x + a.width + gap && a.y < b.y + b.height + gap &&
           b.y < a.y + a.height + gap;
}

} // namespace

void growContainers(const Drawing& drawing, const std::vector<Shape>& placed, ChangeSetBuilder& builder)
{
    std::map<std::string, Shape> working; // shapes grown or pushed, by resource id: deterministic order
    auto current = [&](const ResourceId& id) -> Shape* {
        auto it = working.find(id.str());
        if (it == working.end()) {
            const Shape* s = drawing.shape(id);
            if (!s)
                return nullptr;
            it = working.emplace(id.str(), *s).first;
        }
        return &it->second;
    };
    // Grows `container` to hold a shape ending at (right, bottom); true when it grew.
    auto hold = [&](const ResourceId& container, double right, double bottom) {
        Shape* c = current(container);
        if (!c || (right + kContainerMargin <= c->width && bottom + kContainerMargin <= c->height))
            return false;
        c->width = std::max(c->width, right + kContainerMargin);
        c->height = std::max(c->height, bottom + kContainerMargin);
        return true;
    };
    // Containers that grew, in the order they did: each may now cover a sibling.
    std::vector<ResourceId> grown;
    for (const Shape& p : placed)
        if (p.parent && hold(*p.parent, p.x + p.width, p.y + p.height))
            grown.push_back(*p.parent);

    // A container that grew pushes the siblings it now comes near aside, right or down (whichever
    // moves it less when it lay diagonally), to the clearance the placement gives the pushed
    // shape (followModel's freeSpot: 20 for containers and shapes on the canvas, 10 for tiles); a
    // pushed sibling pushes those it now comes near in turn. Shapes already that close before are
    // left as they were. The parent grows to hold what moved, and so on upwards.
    for (std::size_t next = 0; next < grown.size() && next < 4096; ++next) {
        const Shape* first = current(grown[next]);
        if (!first)
            continue;
        const std::optional<ResourceId> parent = first->parent;
        const std::vector<const Shape*> siblings = drawing.children(parent);
        std::vector<ResourceId> movers{grown[next]};
        double right = first->x + first->width, bottom = first->y + first->height;
        for (std::size_t m = 0; m < movers.size() && m < 4096; ++m) {
            const Shape mover = *current(movers[m]);
            const Shape& before = *drawing.shape(movers[m]);
            for (const Shape* original : siblings) {
                if (original->resource == mover.resource)
                    continue;
                const Resource* r = drawing.design().find(original->resource);
                const bool wide = !parent || (r && isContainerKind(r->kind()));
                const double gap = wide ? kContainerMargin : kContainerMargin / 2;
                Shape& other = *current(original->resource);
                if (!crowds(mover, other, gap) || crowds(before, *original, gap))
                    continue;
                // Only what lay right of or below it: pushes never go back left or up (a tile
                // pushed below a subnet does not push the subnet).
                const bool onTheRight = original->x >= before.x + before.width;
                const bool below = original->y >= before.y + before.height;
                if (!onTheRight && !below)
                    continue;
                const double dx = mover.x + mover.width + gap - other.x;
                const double dy = mover.y + mover.height + gap - other.y;
                if (onTheRight && (!below || dx <= dy))
                    other.x += dx;
                else
                    other.y += dy;
                movers.push_back(other.resource);
                right = std::max(right, other.x + other.width);
                bottom = std::max(bottom, other.y + other.height);
            }
        }
        if (parent && hold(*parent, right, bottom))
            grown.push_back(*parent);
    }
    for (const auto& [id, s] : working)
        if (!(s == *drawing.shape(s.resource)))
            builder.setShape(s);
}

Area footprintOf(const Shape& s, bool container)
{
    if (container)
        return {s.x, s.y, s.x + s.width, s.y + s.height};
    return {s.x - kTileLabelReach, s.y, s.x + s.width + kTileLabelReach, s.y + s.height + kTileLabelBelow};
}

std::vector<LayoutProblem> layoutProblems(const Design& design)
{
    const Drawing drawing(design);
    auto footprint = [&](const Shape& s) {
        const Resource* r = design.find(s.resource);
        return footprintOf(s, r && isContainerKind(r->kind()));
    };
    std::vector<LayoutProblem> out;
    const std::vector<Shape>& shapes = design.diagram.shapes;
    for (std::size_t i = 0; i < shapes.size(); ++i) {
        const Shape& s = shapes[i];
        const Area a = footprint(s);
        if (const Shape* container = s.parent ? drawing.shape(*s.parent) : nullptr)
            if (a.left < 0 || a.top < kContainerHeader || a.right > container->width ||
                a.bottom > container->height)
                out.push_back({LayoutProblemKind::OutsideContainer, s.resource, container->resource});
        for (std::size_t j = i + 1; j < shapes.size(); ++j)
            if (shapes[j].parent == s.parent) {
                const Area b = footprint(shapes[j]);
                if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom)
                    out.push_back({LayoutProblemKind::CoversSibling, s.resource, shapes[j].resource});
            }
    }
    return out;
}

std::vector<ResourceId> topLevelOf(const Design& design, const std::vector<ResourceId>& ids)
{
    const Drawing drawing(design);
    std::set<std::string> selected;
    for (const ResourceId& id : ids)
        selected.insert(id.str());
    std::vector<ResourceId> out;
    std::set<std::string> seen;
    for (const ResourceId& id : ids) {
        const Shape* s = drawing.shape(id);
        if (!s || !seen.insert(id.str()).second)
            continue;
        const auto up = drawing.chain(s->parent);
        if (std::none_of(up.begin(), up.end(),
                         [&](const ResourceId& a) { return selected.count(a.str()) > 0; }))
            out.push_back(id);
    }
    return out;
}

PasteTarget duplicateTarget(const Design& design, const std::vector<ResourceId>& selection)
{
    const auto tops = topLevelOf(design, selection);
    if (tops.empty())
        return {};
    const Drawing drawing(design);
    double left = std::numeric_limits<double>::max(), top = left;
    double right = std::numeric_limits<double>::lowest(), bottom = right;
    for (const ResourceId& id : tops) {
        const Shape* s = drawing.shape(id);
        const Point at = drawing.origin(id);
        left = std::min(left, at.x);
        top = std::min(top, at.y);
        right = std::max(right, at.x + s->width);
        bottom = std::max(bottom, at.y + s->height);
    }
    PasteTarget target;
    target.container = drawing.shape(tops.front())->parent;
    const Point origin = drawing.origin(target.container);
    target.x = right + kContainerMargin - origin.x;
    target.y = top - origin.y;
    const Shape* container = target.container ? drawing.shape(*target.container) : nullptr;
    if (container && target.x + (right - left) + kContainerMargin > container->width) {
        target.x = left - origin.x;
        target.y = bottom + kContainerMargin - origin.y;
    }
    return target;
}

} // namespace pp
