#pragma once

#include "model/Flow.h"

#include <QGraphicsPathItem>

namespace pp::ui {

class Document;
class ResourceItem;
class RouteObstacles;

// A line routed orthogonally between two drawn resources. It is picked only near its stroke (a
// band a few pixels wide at any zoom), never inside the area its route encloses.
class ConnectorItem : public QGraphicsPathItem {
public:
    ConnectorItem(ResourceItem* from, ResourceItem* to);
    ResourceItem* from() const { return m_from; }
    ResourceItem* to() const { return m_to; }
    void updateRoute(const RouteObstacles* obstacles);
    // False until the scene has routed it around the other shapes (a new connector).
    bool isRouted() const { return m_routed; }
    void setRouted(bool routed) { m_routed = routed; }
    QPainterPath shape() const override;
    QRectF boundingRect() const override;

protected:
    // The view's scale, to keep the pick band the same number of pixels at every zoom.
    double viewScale() const;

private:
    ResourceItem* m_from;
    ResourceItem* m_to;
    bool m_routed = true;
};

// A flow drawn from its source to its destination, coloured by its verdict (dashed when
// unreachable). Its tooltip names it, its verdict and the first reason.
class FlowItem : public ConnectorItem {
public:
    enum { Type = UserType + 2 };
    FlowItem(const Document& document, FlowId id, ResourceItem* source, ResourceItem* destination);

    int type() const override { return Type; }
    const FlowId& flowId() const { return m_id; }
    ResourceItem* source() const { return from(); }
    ResourceItem* destination() const { return to(); }
    void updateStyle();
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    const Document& m_document;
    FlowId m_id;
    QColor m_colour;
};

// A structural link between two drawn resources (an endpoint and its service, a peering and its
// VPCs, an attachment and its transit gateway, a VPN and its gateways...), derived from the
// model's references and routed like flows, thin and grey under them.
class LinkItem : public ConnectorItem {
public:
    enum { Type = UserType + 3 };
    LinkItem(ResourceItem* from, ResourceItem* to);
    int type() const override { return Type; }
};

} // namespace pp::ui
