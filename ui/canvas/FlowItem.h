#pragma once

#include "model/Flow.h"

#include <QGraphicsPathItem>

#include <vector>
#include <QPolygonF>

#include <functional>

namespace pp::ui {

class Document;
class ResourceItem;
class RouteObstacles;

// A line routed orthogonally between two drawn resources, through the tiles of the devices it
// passes (its waypoints): one leg per pair of consecutive tiles. It is picked only near its
// stroke (a band a few pixels wide at any zoom) or on its label, never inside the area its
// route encloses.
class ConnectorItem : public QGraphicsPathItem {
public:
    ConnectorItem(ResourceItem* from, ResourceItem* to);
    ResourceItem* from() const { return m_from; }
    ResourceItem* to() const { return m_to; }
    // The tiles between the ends that the line passes through, in order.
    const QList<ResourceItem*>& via() const { return m_via; }
    // Sets the tiles passed through; true when they changed (the line must be routed again).
    bool setVia(const QList<ResourceItem*>& via);
    // The tiles the line joins, in order: from, via, then `to` unless it is one of the via (a
    // flow whose packet goes on from its destination ends at the last device it reaches).
    QList<ResourceItem*> chain() const;
    // Forgets a tile about to be deleted.
    void forget(const ResourceItem* item);
    // Whether the line starts or ends at `item`, passes through it, or through what it holds.
    bool touches(const ResourceItem* item) const;
    void updateRoute(const RouteObstacles* obstacles);
    // Replaces the route's legs (after spreadParallelRuns has moved shared stretches apart).
    void setLegs(const QList<QPolygonF>& legs);
    // Puts the label where it covers none of `taken` (placeLabelOnRoute).
    void placeLabelAvoiding(const std::vector<QRectF>& taken);
    // The legs of the route, one between each two tiles of chain(), in scene coordinates.
    const QList<QPolygonF>& legs() const { return m_legs; }
    // False until the scene has routed it around the other shapes (a new connector).
    bool isRouted() const { return m_routed; }
    void setRouted(bool routed) { m_routed = routed; }
    QPainterPath shape() const override;
    QRectF boundingRect() const override;
    // The label drawn on the line (empty: none) and where it is drawn (item coordinates).
    const QString& label() const { return m_label; }
    QRectF labelRect() const { return m_labelRect; }

protected:
    // The view's scale, to keep the pick band the same number of pixels at every zoom.
    double viewScale() const;
    void setLabel(const QString& label);
    // Draws the label on its white plate (after the line), with an optional leading icon.
    void paintLabel(QPainter* painter, const QColor& colour, const std::function<void(QPainter*, const QRectF&)>& icon = {}) const;
    // Room at the start of the label for an icon (pixels of label height), 0 for none.
    virtual bool hasLabelIcon() const { return false; }

private:
    void placeLabel();
    QSizeF labelSize() const;

    ResourceItem* m_from;
    ResourceItem* m_to;
    QList<ResourceItem*> m_via;
    QList<QPolygonF> m_legs;
    QString m_label;
    QRectF m_labelRect;
    bool m_routed = true;
};

// A flow drawn from its source through the devices its forward path crosses to its destination,
// labelled with its name and protocol/port. Verdicts are told apart by colour, line style and an
// icon on the label: private solid with a check mark; public solid up to the hop where it leaves
// the private network and dash-dotted after it, with an exit mark; unreachable solid as far as
// the packet got, dashed after, with a cross. Its tooltip names it, its verdict and the first
// reason.
class FlowItem : public ConnectorItem {
public:
    enum { Type = UserType + 2 };
    FlowItem(const Document& document, FlowId id, ResourceItem* source, ResourceItem* destination);

    int type() const override { return Type; }
    const FlowId& flowId() const { return m_id; }
    ResourceItem* source() const { return from(); }
    ResourceItem* destination() const { return to(); }
    // The leg after which the flow is outside the private network (-1: none), and the leg on
    // which it is blocked (-1: none). Set by the scene from the analysis.
    void setLegStyles(int exitLeg, int blockedLeg);
    int exitLeg() const { return m_exitLeg; }
    int blockedLeg() const { return m_blockedLeg; }
    Verdict verdict() const { return m_verdict; }
    // How a leg is stroked: solid; dash-dotted outside the private network (public, after the
    // exit); dashed where the packet could not go (unreachable).
    QPen legPen(int leg) const;
    void updateStyle();
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

protected:
    bool hasLabelIcon() const override { return true; }

private:
    const Document& m_document;
    FlowId m_id;
    QColor m_colour;
    Verdict m_verdict = Verdict::Unreachable;
    int m_exitLeg = -1;
    int m_blockedLeg = -1;
};

// A structural link between two drawn resources (an endpoint and its service, a peering and its
// VPCs, an attachment and its transit gateway, a VPN and its gateways...), derived from the
// model's references and routed like flows, under them. Coloured and styled by what makes the
// link (a VPN dashed: its tunnel crosses the internet), with a short label and a tooltip.
class LinkItem : public ConnectorItem {
public:
    enum { Type = UserType + 3 };
    // `maker`: the resource whose reference makes the link (drawn or not).
    LinkItem(const Document& document, ResourceItem* from, ResourceItem* to, std::string maker);
    int type() const override { return Type; }
    const std::string& maker() const { return m_maker; }
    // The model changed: label, tooltip and style again.
    void updateStyle();
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    const Document& m_document;
    std::string m_maker;
};

} // namespace pp::ui
