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

void growContainers(const Drawing& drawing, const std::vector<Shape>& placed, ChangeSetBuilder& builder)
{
    std::map<std::string, Shape> grown; // by resource id: deterministic order
    auto current = [&](const ResourceId& id) -> Shape* {
        auto it = grown.find(id.str());
        if (it == grown.end()) {
            const Shape* s = drawing.shape(id);
            if (!s)
                return nullptr;
            it = grown.emplace(id.str(), *s).first;
        }
        return &it->second;
    };
    for (const Shape& p : placed) {
        double right = p.x + p.width, bottom = p.y + p.height;
        std::optional<ResourceId> at = p.parent;
        for (int guard = 0; at && guard < 64; ++guard) {
            Shape* container = current(*at);
            if (!container || (right + kContainerMargin <= container->width &&
                               bottom + kContainerMargin <= container->height))
                break;
            container->width = std::max(container->width, right + kContainerMargin);
            container->height = std::max(container->height, bottom + kContainerMargin);
            right = container->x + container->width;
            bottom = container->y + container->height;
            at = container->parent;
        }
    }
    for (const auto& [id, s] : grown)
        if (!(s == *drawing.shape(s.resource)))
            builder.setShape(s);
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
