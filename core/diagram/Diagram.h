#pragma once

#include "model/Describe.h"
#include "model/Id.h"

#include <optional>
#include <string>
#include <vector>

namespace pp {

// Where resources are drawn. Separate from the model: analysis never reads it.

struct Point {
    double x = 0;
    double y = 0;
    friend bool operator==(const Point&, const Point&) = default;
};
template <class A>
void describe(A& a, Point& v)
{
    a.req("x", v.x, {.doc = "Horizontal position in diagram units (1 unit = 1 pixel at 100 % zoom)."});
    a.req("y", v.y, {.doc = "Vertical position; y grows downwards."});
}

// The box fields shared by shapes and notes, relative to the parent's top-left corner.
template <class A, class Boxed>
void describeBox(A& a, Boxed& v)
{
    a.req("x", v.x, {.doc = "Left edge, relative to the parent."});
    a.req("y", v.y, {.doc = "Top edge, relative to the parent."});
    a.req("width", v.width, {.doc = "Width (> 0)."});
    a.req("height", v.height, {.doc = "Height (> 0)."});
}

// A resource's box. Coordinates are relative to the parent shape's top-left corner (or to the
// canvas origin without a parent), so moving a container changes one shape, not its contents.
struct Shape {
    ResourceId resource;
    std::optional<ResourceId> parent;
    double x = 0;
    double y = 0;
    double width = 0;
    double height = 0;
    friend bool operator==(const Shape&, const Shape&) = default;
};
template <class A>
void describe(A& a, Shape& v)
{
    a.req("resource", v.resource, {.doc = "The resource drawn.", .kinds = KindMask::all()});
    a.opt("parent", v.parent, {.doc = "The containing shape's resource.", .kinds = KindMask::all()});
    describeBox(a, v);
}

// Bend points of a drawn link, in canvas coordinates. `owner` is the flow or resource that
// defines the link (a flow, a peering, an attachment...); `target` picks one link when the owner
// has several (an endpoint drawn to each of its subnets).
struct Connector {
    std::string owner;
    std::string target;
    std::vector<Point> waypoints;
    friend bool operator==(const Connector&, const Connector&) = default;
};
template <class A>
void describe(A& a, Connector& v)
{
    a.req("owner", v.owner, {.doc = "Id of the flow or resource whose link this is."});
    a.opt("target", v.target, std::string(), {.doc = "Id of the far end, when the owner has several links."});
    a.opt("waypoints", v.waypoints, {.doc = "Bend points in canvas coordinates."});
}

// A text box on the canvas (a caption, an exercise instruction). Not part of the network.
struct Note {
    std::string text;
    std::optional<ResourceId> parent;
    double x = 0;
    double y = 0;
    double width = 0;
    double height = 0;
    friend bool operator==(const Note&, const Note&) = default;
};
template <class A>
void describe(A& a, Note& v)
{
    a.req("text", v.text, {.doc = "The note's text (plain text; line breaks allowed)."});
    a.opt("parent", v.parent, {.doc = "The shape it is drawn in; absent = the canvas.", .kinds = KindMask::all()});
    describeBox(a, v);
}

// Moves a shape or note up through its parents while `leave(parent id)` says so, keeping it at
// the same place on the canvas (coordinates are relative to the parent). `shapeOf` finds a
// drawn resource's shape. Used when a container is deleted or not copied.
template <class Boxed, class ShapeOf, class Leave>
void liftOut(Boxed& item, const ShapeOf& shapeOf, const Leave& leave)
{
    for (int guard = 0; item.parent && leave(*item.parent) && guard < 256; ++guard) {
        const Shape* parent = shapeOf(*item.parent);
        if (!parent) {
            item.parent.reset();
            return;
        }
        item.x += parent->x;
        item.y += parent->y;
        item.parent = parent->parent;
    }
}

struct Diagram {
    std::vector<Shape> shapes;
    std::vector<Connector> connectors;
    std::vector<Note> notes;
    friend bool operator==(const Diagram&, const Diagram&) = default;
};

} // namespace pp
