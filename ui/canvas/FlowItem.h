#pragma once

#include "model/Flow.h"

#include <QGraphicsPathItem>

namespace pp::ui {

class Document;
class ResourceItem;

// A flow drawn from its source to its destination, routed orthogonally and coloured by its
// verdict (dashed when unreachable). It follows the shapes when they move.
class FlowItem : public QGraphicsPathItem {
public:
    enum { Type = UserType + 2 };
    FlowItem(const Document& document, FlowId id, ResourceItem* source, ResourceItem* destination);

    int type() const override { return Type; }
    const FlowId& flowId() const { return m_id; }
    void updateRoute();
    void updateStyle();
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;
    QRectF boundingRect() const override;

private:
    const Document& m_document;
    FlowId m_id;
    ResourceItem* m_source;
    ResourceItem* m_destination;
    QColor m_colour;
};

} // namespace pp::ui
