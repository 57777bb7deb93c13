#include "edit/Arrange.h"

#include <algorithm>
#include <limits>
#include <unordered_map>
#include <unordered_set>

namespace pp {

namespace {

// A container's title band: shapes inside it stay below (the canvas keeps them there too).
constexpr double kHeader = 40;
// Room kept between a container's content and its right and bottom edges (as the canvas's resize).
constexpr double kContentMargin = 10;

class Shapes {
public:
    explicit Shapes(const Design& design)
    {
        for (const Shape& s : design.diagram.shapes)
            m_byId.emplace(s.resource, &s);
    }

    const Shape* find(const ResourceId& id) const
    {
        const auto it = m_byId.find(id);
        return it == m_byId.end() ? nullptr : it->second;
    }

    const Shape* parentOf(const Shape& shape) const { return shape.parent ? find(*shape.parent) : nullptr; }

private:
    std::unordered_map<ResourceId, const Shape*> m_byId;
};

bool hasSelectedAncestor(const Shapes& shapes, const Shape& shape,
                         const std::unordered_set<ResourceId>& selected)
{
    // The guard stops on a (malformed) cycle of parents.
    const Shape* at = &shape;
    for (int guard = 0; guard < 256; ++guard) {
        at = shapes.parentOf(*at);
        if (!at)
            return false;
        if (selected.count(at->resource))
            return true;
    }
    return false;
}

// The selected shapes that move on their own, once each, in selection order.
std::vector<Shape> topLevelSelection(const Shapes& shapes, const std::vector<ResourceId>& ids)
{
    std::unordered_set<ResourceId> selected;
    for (const ResourceId& id : ids)
        if (shapes.find(id))
            selected.insert(id);
    std::vector<Shape> out;
    std::unordered_set<ResourceId> taken;
    for (const ResourceId& id : ids) {
        const Shape* s = shapes.find(id);
        if (s && !hasSelectedAncestor(shapes, *s, selected) && taken.insert(id).second)
            out.push_back(*s);
    }
    return out;
}

// Groups by parent shape, groups in the order of their first shape, shapes in selection order.
std::vector<std::vector<Shape>> byParent(const std::vector<Shape>& selection)
{
    std::vector<std::vector<Shape>> groups;
    for (const Shape& s : selection) {
        auto group = std::find_if(groups.begin(), groups.end(),
                                  [&](const std::vector<Shape>& g) { return g.front().parent == s.parent; });
        if (group == groups.end())
            groups.push_back({s});
        else
            group->push_back(s);
    }
    return groups;
}

void keepInside(const Shapes& shapes, Shape& shape)
{
    const Shape* parent = shapes.parentOf(shape);
    if (!parent)
        return;
    shape.x = std::clamp(shape.x, 0.0, std::max(0.0, parent->width - shape.width));
    shape.y = std::clamp(shape.y, kHeader, std::max(kHeader, parent->height - shape.height));
}

// The least width and height that still hold the shape's child shapes (0 without children).
std::pair<double, double> contentExtent(const Design& design, const ResourceId& container)
{
    double width = 0, height = 0;
    for (const Shape& child : design.diagram.shapes)
        if (child.parent == container) {
            width = std::max(width, child.x + child.width + kContentMargin);
            height = std::max(height, child.y + child.height + kContentMargin);
        }
    return {width, height};
}

} // namespace

ChangeSet alignShapes(const Design& design, const std::vector<ResourceId>& ids, Alignment alignment)
{
    const Shapes shapes(design);
    ChangeSetBuilder builder(design);
    for (std::vector<Shape>& group : byParent(topLevelSelection(shapes, ids))) {
        if (group.size() < 2)
            continue;
        constexpr double inf = std::numeric_limits<double>::infinity();
        double left = inf, top = inf, right = -inf, bottom = -inf;
        for (const Shape& s : group) {
            left = std::min(left, s.x);
            top = std::min(top, s.y);
            right = std::max(right, s.x + s.width);
            bottom = std::max(bottom, s.y + s.height);
        }
        for (Shape& s : group) {
            switch (alignment) {
            case Alignment::Left:
                s.x = left;
                break;
            case Alignment::HorizontalCentre:
                s.x = (left + right) / 2 - s.width / 2;
                break;
            case Alignment::Right:
                s.x = right - s.width;
                break;
            case Alignment::Top:
                s.y = top;
                break;
            case Alignment::VerticalCentre:
                s.y = (top + bottom) / 2 - s.height / 2;
                break;
            case Alignment::Bottom:
                s.y = bottom - s.height;
                break;
            }
            keepInside(shapes, s);
            builder.setShape(s);
        }
    }
    return builder.build();
}

ChangeSet distributeShapes(const Design& design, const std::vector<ResourceId>& ids,
                           Distribution distribution)
{
    const bool horizontal = distribution == Distribution::Horizontal;
    auto start = [&](const Shape& s) { return horizontal ? s.x : s.y; };
    auto length = [&](const Shape& s) { return horizontal ? s.width : s.height; };

    const Shapes shapes(design);
    ChangeSetBuilder builder(design);
    for (std::vector<Shape>& group : byParent(topLevelSelection(shapes, ids))) {
        if (group.size() < 3)
            continue;
        std::stable_sort(group.begin(), group.end(), [&](const Shape& a, const Shape& b) {
            return start(a) + length(a) / 2 < start(b) + length(b) / 2;
        });
        double between = 0;
        for (std::size_t i = 1; i + 1 < group.size(); ++i)
            between += length(group[i]);
        const double firstEnd = start(group.front()) + length(group.front());
        const double gap = (start(group.back()) - firstEnd - between) / double(group.size() - 1);
        double next = firstEnd + gap;
        for (std::size_t i = 1; i + 1 < group.size(); ++i) {
            Shape& s = group[i];
            (horizontal ? s.x : s.y) = next;
            next += length(s) + gap;
            keepInside(shapes, s);
            builder.setShape(s);
        }
    }
    return builder.build();
}

ChangeSet makeSameSize(const Design& design, const std::vector<ResourceId>& ids)
{
    const Shapes shapes(design);
    const auto anchorId =
        std::find_if(ids.begin(), ids.end(), [&](const ResourceId& id) { return shapes.find(id); });
    if (anchorId == ids.end())
        return {};
    const Shape anchor = *shapes.find(*anchorId);
    ChangeSetBuilder builder(design);
    for (Shape s : topLevelSelection(shapes, ids)) {
        if (s.resource == anchor.resource)
            continue;
        const auto [leastWidth, leastHeight] = contentExtent(design, s.resource);
        s.width = std::max(anchor.width, leastWidth);
        s.height = std::max(anchor.height, leastHeight);
        keepInside(shapes, s);
        // Still sticking out: the shape is larger than its parent's room. Cut it to the room, but
        // never below what its content needs (such a container sticks out of its parent).
        if (const Shape* parent = shapes.parentOf(s)) {
            if (const double room = parent->width - s.x; room > 0 && s.width > room)
                s.width = std::max(room, leastWidth);
            if (const double room = parent->height - s.y; room > 0 && s.height > room)
                s.height = std::max(room, leastHeight);
        }
        builder.setShape(s);
    }
    return builder.build();
}

ChangeSet nudgeShapes(const Design& design, const std::vector<ResourceId>& ids, double dx, double dy)
{
    if (dx == 0 && dy == 0)
        return {}; // not even pulling a stray shape back inside: nudging by nothing changes nothing
    const Shapes shapes(design);
    ChangeSetBuilder builder(design);
    for (Shape s : topLevelSelection(shapes, ids)) {
        s.x += dx;
        s.y += dy;
        keepInside(shapes, s);
        builder.setShape(s);
    }
    return builder.build();
}

ChangeSet restackShapes(const Design& design, const std::vector<ResourceId>& ids, Stacking stacking)
{
    const std::vector<Shape>& shapes = design.diagram.shapes;
    std::unordered_set<ResourceId> selected(ids.begin(), ids.end());
    std::vector<std::size_t> moving; // indexes in the drawing order
    for (std::size_t i = 0; i < shapes.size(); ++i)
        if (selected.erase(shapes[i].resource) > 0) // once each, even when a file draws a resource twice
            moving.push_back(i);
    if (moving.empty())
        return {};

    // Already there: no unselected sibling above (below) any selected shape. By container ("" for
    // the canvas): the last (first) unselected shape's index.
    const bool front = stacking == Stacking::Front;
    const std::unordered_set<std::size_t> isMoving(moving.begin(), moving.end());
    std::unordered_map<std::string, std::size_t> unselected;
    auto key = [&](std::size_t i) { return shapes[i].parent ? shapes[i].parent->str() : std::string(); };
    for (std::size_t i = 0; i < shapes.size(); ++i)
        if (!isMoving.count(i) && (front || !unselected.count(key(i))))
            unselected[key(i)] = i;
    const bool already = std::all_of(moving.begin(), moving.end(), [&](std::size_t i) {
        const auto it = unselected.find(key(i));
        return it == unselected.end() || (front ? i > it->second : i < it->second);
    });
    if (already)
        return {};

    ChangeSet change;
    for (std::size_t i : moving)
        change.shapes.push_back({shapes[i].resource, shapes[i], std::nullopt, i});
    for (std::size_t n = 0; n < moving.size(); ++n) {
        const Shape& s = shapes[moving[n]];
        change.shapes.push_back({s.resource, std::nullopt, s, front ? kAtEnd : n});
    }
    return change;
}

bool onlyRestacks(const ChangeSet& change)
{
    if (change.shapes.empty() || !change.resources.empty() || !change.flows.empty())
        return false;
    // Each shape once removed and once inserted, unchanged.
    std::unordered_map<ResourceId, std::pair<const ShapeChange*, const ShapeChange*>> entries;
    for (const ShapeChange& c : change.shapes) {
        auto& [removal, insertion] = entries[c.resource];
        const ShapeChange*& slot = c.before && !c.after ? removal : insertion;
        if (slot || (c.before && c.after) || (!c.before && !c.after))
            return false;
        slot = &c;
    }
    return std::all_of(entries.begin(), entries.end(), [](const auto& entry) {
        const auto& [removal, insertion] = entry.second;
        return removal && insertion && removal->before == insertion->after;
    });
}

} // namespace pp
