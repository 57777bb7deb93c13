#pragma once

#include "model/Flow.h"

#include <QGraphicsPathItem>

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

} // namespace pp::ui
