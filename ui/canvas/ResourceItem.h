#pragma once

#include "design/Design.h"

#include <QGraphicsItem>
#include <vector>

namespace pp::ui {

class Document;

// A resource on the canvas. It holds only the resource's id and paints from the model
// (STYLE rule 5); its position mirrors the shape's and is written back through a change-set
// when a drag ends. Child items are the shapes drawn inside it (subnets in a VPC...), so moving
// a container moves its contents.
class ResourceItem : public QGraphicsItem {
public:
    enum { Type = UserType + 1 };
    ResourceItem(const Document& document, ResourceId id, QSizeF size);

    int type() const override { return Type; }
    const ResourceId& resourceId() const { return m_id; }
    Kind kind() const;
    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

    QSizeF size() const { return m_size; }
    // The resource changed in the model (name, addresses...): measure and paint again.
    void modelChanged();
    void setSize(QSizeF size);
    // Part of the selected flow's path: drawn with a ring in `colour` (invalid colour = none).
    void setHighlight(const QColor& colour);
    QColor highlight() const { return m_highlight; } // the ring drawn now (invalid: none)
    // Puts the item where the model says, as is: no grid snap, no clamping (those are for the mouse).
    void placeAt(QPointF pos);
    // Escape during a drag or resize: back to where and how big it was when the gesture began.
    void cancelGesture();
    // Where the findings badge is drawn (item coordinates), when the resource has findings.
    QRectF badgeRect() const;
    // Where the drag began, to tell moved items and to snap back refused moves.
    QPointF dragStart() const { return m_dragStart; }
    void markDragStart() { m_dragStart = pos(); }

    // Containers can be resized by the handle at their bottom-right corner, never smaller than
    // what they hold.
    QRectF resizeHandle() const;
    // Instances and NAT gateways can be dragged into another subnet; subnets, and internet,
    // egress-only and virtual private gateways drawn in a VPC, into another VPC (the model
    // follows); everything else stays in its container.
    bool canChangeContainer() const;
    QSizeF minimumSize() const;
    // Containers: where their title and subtitle are drawn (item coordinates); connectors keep
    // off it. Empty for tiles.
    QRectF headerLabelRect() const;
    // A resource's title and the line under it (CIDR, AZ, address...).
    static std::pair<QString, QString> labels(const Resource& resource);

    // How much of a resource is drawn at a zoom. Exports always draw Full.
    enum class Detail {
        Full,     // icon, frame, title and labels, grip, badge
        Untitled, // containers between kTitleZoom and kMarkZoom: Full without their title and
                  // subtitle, which the view draws at screen size instead (TitleOverlay)
        Mark,     // below kMarkZoom: tiles a box filled with the kind's colour, containers a tinted
                  // box with a hairline frame; no icon, text or badge
    };
    static constexpr double kMarkZoom = 0.35;
    static Detail detailFor(Kind kind, double levelOfDetail, bool exporting);
    // Far out, a tile inside a container is drawn by that container, as a mark among its
    // siblings' (the view's own work per item cost more than painting the marks: 10,000 tiles).
    // The tile stays where it is for picking, selection and tooltips; only its paint moves.
    void setDrawnByContainer(bool on);
    bool drawnByContainer() const { return flags() & ItemHasNoContents; }

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant& value) override;
    void mousePressEvent(QGraphicsSceneMouseEvent* event) override;
    void mouseMoveEvent(QGraphicsSceneMouseEvent* event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent* event) override;
    void hoverMoveEvent(QGraphicsSceneHoverEvent* event) override;

private:
    void paintMark(QPainter* painter, const QColor& colour, bool selected) const;
    // The marks of the tiles this container draws (setDrawnByContainer).
    void paintChildMarks(QPainter* painter) const;
    static void paintTileMark(QPainter* painter, const QRectF& box, const QColor& colour, bool selected, const QColor& highlight);
    // A tile drawn by its container: the container paints again where the tile is.
    void repaintInContainer();
    // The marks a container draws for its children (paintChildMarks), kept until a child moves,
    // resizes, changes colour, selection or highlight, comes or goes: far out, reading tens of
    // thousands of scattered items on every repaint cost more than drawing their marks.
    struct ChildMark {
        QRectF box;
        QRgb colour;
        bool selected;
        QColor highlight;
    };
    void invalidateChildMarks() { m_childMarksValid = false; }
    mutable std::vector<ChildMark> m_childMarks; // sorted by colour
    mutable bool m_childMarksValid = false;
    const Document& m_document;
    ResourceId m_id;
    Kind m_kind;
    QColor m_markColour; // far out (style::markColor)
    mutable double m_labelWidth = -1; // container title width, measured lazily
    QSizeF m_size;
    QColor m_highlight;
    QPointF m_dragStart;
    bool m_resizing = false;
    bool m_placing = false; // placeAt() in progress
    QSizeF m_sizeStart; // the size when a resize began
};

} // namespace pp::ui
