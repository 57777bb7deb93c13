#pragma once

#include "model/Flow.h"

#include <QGraphicsPathItem>
#include <QHash>
#include <QLineF>
#include <vector>

namespace pp::ui {

class Document;
class ResourceItem;
class RouteObstacles;

// A flow drawn from its source to its destination, routed orthogonally and coloured by its
// verdict (dashed when unreachable). It follows the shapes when they move.
class FlowItem : public QGraphicsPathItem {
public:
    enum { Type = UserType + 2 };
    FlowItem(const Document& document, FlowId id, ResourceItem* source, ResourceItem* destination);

    int type() const override { return Type; }
    const FlowId& flowId() const { return m_id; }
    ResourceItem* source() const { return m_source; }
    ResourceItem* destination() const { return m_destination; }
    void updateRoute(const RouteObstacles* obstacles);
    void updateStyle();
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;
    QRectF boundingRect() const override;

protected:
    void mousePressEvent(QGraphicsSceneMouseEvent* event) override;

private:
    const Document& m_document;
    FlowId m_id;
    ResourceItem* m_source;
    ResourceItem* m_destination;
    QColor m_colour;
};

// A structural link between two drawn resources (an endpoint and its service, a peering and its
// VPCs, an attachment and its transit gateway, a VPN and its gateways...), derived from the
// model's references and routed like flows, thin and grey under them.
class LinkItem : public QGraphicsPathItem {
public:
    enum { Type = UserType + 3 };
    LinkItem(ResourceItem* from, ResourceItem* to);
    int type() const override { return Type; }
    void updateRoute(const RouteObstacles* obstacles);
    ResourceItem* from() const { return m_from; }
    ResourceItem* to() const { return m_to; }

private:
    ResourceItem* m_from;
    ResourceItem* m_to;
};

// Where connectors should not run: the footprints (box and label) of the drawn tiles and the
// title blocks of containers (their frames must be crossed, their titles need not be), in a
// uniform grid so a route's segments are checked against nearby ones only. Built once per
// routing pass (O(tiles)).
class RouteObstacles {
public:
    explicit RouteObstacles(const QList<ResourceItem*>& items);
    // The number of distinct tiles other than `from` and `to` that the polyline runs through.
    int crossed(const QPolygonF& line, const ResourceItem* from, const ResourceItem* to) const;
    // Connectors already routed: later ones avoid running along them, so two flows do not
    // merge into one line.
    void addRoute(const QPolygonF& line);
    // How long the polyline runs on top of (within a few pixels of, in the same direction)
    // the connectors already routed.
    double overlap(const QPolygonF& line) const;
    // Quick passes (while the mouse drags a shape) skip the costliest candidates; the full pass
    // after the drop finds the same routes a fresh drawing gets.
    void setQuick(bool quick) { m_quick = quick; }
    bool quick() const { return m_quick; }

private:
    static constexpr double kCell = 200;
    template <class F>
    void forCells(const QRectF& area, F&& f) const;
    std::vector<std::pair<const ResourceItem*, QRectF>> m_tiles;
    QHash<quint64, std::vector<int>> m_cells; // cell -> indexes into m_tiles
    std::vector<QLineF> m_segments;
    QHash<quint64, std::vector<int>> m_segmentCells; // cell -> indexes into m_segments
    bool m_quick = false;
};

// The orthogonal route between two items, around the tiles in `obstacles` when one exists
// (nullptr: the shortest candidate).
QPainterPath orthogonalRoute(const ResourceItem* from, const ResourceItem* to, const RouteObstacles* obstacles);

} // namespace pp::ui
