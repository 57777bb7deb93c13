#include "edit/DiagramBounds.h"

#include "diagram/DiagramLimits.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <unordered_map>

namespace pp {
namespace {

// The smallest size an edit may leave (the loader needs > 0; the canvas never draws smaller tiles).
constexpr double kMinSize = 1;

template <class Boxed>
bool clampBox(Boxed& box)
{
    const Boxed before = box;
    box.x = boundedCoordinate(box.x);
    box.y = boundedCoordinate(box.y);
    box.width = boundedSize(box.width);
    box.height = boundedSize(box.height);
    return !(box == before);
}

} // namespace

double boundedCoordinate(double value)
{
    if (std::isnan(value))
        return 0;
    return std::clamp(value, -kMaxDiagramCoordinate, kMaxDiagramCoordinate);
}

double boundedSize(double value)
{
    if (std::isnan(value))
        return kMinSize;
    return std::clamp(value, kMinSize, kMaxDiagramSize);
}

BoundedChange keepInDiagramBounds(const Design& design, ChangeSet change)
{
    BoundedChange out;
    bool reparented = false;
    for (ShapeChange& s : change.shapes)
        if (s.after) {
            out.clamped |= clampBox(*s.after);
            if (!s.before || s.before->parent != s.after->parent)
                reparented = true;
        }
    if (change.notesAfter)
        for (Note& note : *change.notesAfter)
            out.clamped |= clampBox(note);
    if (change.connectorsAfter)
        for (Connector& c : *change.connectorsAfter)
            for (Point& p : c.waypoints) {
                const Point before = p;
                p.x = boundedCoordinate(p.x);
                p.y = boundedCoordinate(p.y);
                out.clamped |= !(p == before);
            }
    // A clamped value may be the one already there (a shape at the edge pushed further): no change.
    if (out.clamped) {
        std::erase_if(change.shapes, [](const ShapeChange& s) { return s.before && s.after && *s.before == *s.after; });
        if (change.notesBefore && change.notesAfter && *change.notesBefore == *change.notesAfter)
            change.notesBefore.reset(), change.notesAfter.reset();
        if (change.connectorsBefore && change.connectorsAfter && *change.connectorsBefore == *change.connectorsAfter)
            change.connectorsBefore.reset(), change.connectorsAfter.reset();
    }

    // Nesting only changes when a shape is added or gets another parent: then the depth of every
    // shape after the change is computed once (linear, each shape's depth from its parent's).
    if (reparented) {
        std::unordered_map<std::string, std::optional<ResourceId>> parentOf;
        parentOf.reserve(design.diagram.shapes.size() + change.shapes.size());
        for (const Shape& s : design.diagram.shapes)
            parentOf[s.resource.str()] = s.parent;
        for (const ShapeChange& s : change.shapes) {
            if (s.after)
                parentOf[s.resource.str()] = s.after->parent;
            else if (std::none_of(change.shapes.begin(), change.shapes.end(),
                                  [&](const ShapeChange& o) { return o.resource == s.resource && o.after; }))
                parentOf.erase(s.resource.str()); // removed (not restacked: that re-inserts it)
        }
        enum : std::uint8_t { Unvisited, OnWalk, Done };
        std::unordered_map<std::string, std::pair<std::uint8_t, std::size_t>> state; // state, depth
        state.reserve(parentOf.size());
        std::vector<std::string> walk;
        for (const auto& [id, parent] : parentOf) {
            if (state[id].first == Done)
                continue;
            // Up the parents until a shape whose depth is known, the canvas, or the walk itself.
            walk.clear();
            std::string at = id;
            std::size_t base = 0;
            for (;;) {
                auto& st = state[at];
                if (st.first == Done) {
                    base = st.second + 1;
                    break;
                }
                if (st.first == OnWalk) {
                    out.tooDeep = ResourceId(at);
                    out.cycle = true;
                    out.change = std::move(change);
                    return out;
                }
                st.first = OnWalk;
                walk.push_back(at);
                const auto p = parentOf.find(at);
                if (p == parentOf.end() || !p->second || !parentOf.count(p->second->str()))
                    break; // drawn on the canvas (or in a shape that is not drawn)
                at = p->second->str();
            }
            // walk.back() has `base` shapes above it; each one before it one more.
            for (auto it = walk.rbegin(); it != walk.rend(); ++it, ++base) {
                state[*it] = {Done, base};
                if (base > kMaxShapeNesting && !out.tooDeep)
                    out.tooDeep = ResourceId(*it);
            }
        }
    }
    out.change = std::move(change);
    return out;
}

} // namespace pp
