#include "canvas/FlowItem.h"

#include "canvas/DiagramScene.h"
#include "canvas/ResourceItem.h"
#include "canvas/Routing.h"
#include "canvas/Style.h"
#include "document/Document.h"

#include <QGraphicsScene>
#include <QGraphicsSceneMouseEvent>
#include <QPainter>
#include <QStyleOptionGraphicsItem>
#include <cmath>

namespace pp::ui {

FlowItem::FlowItem(const Document& document, FlowId id, ResourceItem* source, ResourceItem* destination)
    : m_document(document), m_id(std::move(id)), m_source(source), m_destination(destination)
{
    setFlags(ItemIsSelectable);
    setZValue(5);
    updateStyle();
    updateRoute(nullptr); // the scene routes around tiles once everything is placed
}

void FlowItem::updateRoute(const RouteObstacles* obstacles) { setPath(orthogonalRoute(m_source, m_destination, obstacles)); }

LinkItem::LinkItem(ResourceItem* from, ResourceItem* to) : m_from(from), m_to(to)
{
    setPen(QPen(QColor(0x90, 0xA4, 0xAE), 1.4));
    setZValue(1);
    updateRoute(nullptr);
}

void LinkItem::updateRoute(const RouteObstacles* obstacles) { setPath(orthogonalRoute(m_from, m_to, obstacles)); }

void FlowItem::updateStyle()
{
    const FlowResult* r = m_document.flowResult(m_id);
    const Verdict verdict = r ? r->verdict : Verdict::Unreachable;
    const auto* diagram = dynamic_cast<const DiagramScene*>(scene());
    const bool coloured = !diagram || diagram->presentation().verdictColours;
    // Without verdict colours (an export for documentation): every flow the same dark grey.
    m_colour = coloured ? style::verdictColor(verdict) : style::neutralFlowColor();
    QPen pen(m_colour, 2.5);
    if (coloured && verdict == Verdict::Unreachable)
        pen.setStyle(Qt::DashLine);
    pen.setCapStyle(Qt::RoundCap);
    pen.setJoinStyle(Qt::RoundJoin);
    setPen(pen);
    const Flow* flow = m_document.design().findFlow(m_id);
    setToolTip(QStringLiteral("%1: %2").arg(QString::fromStdString(flow && !flow->name.empty() ? flow->name : m_id.str()),
                                            style::verdictLabel(verdict)));
    update();
}

void FlowItem::mousePressEvent(QGraphicsSceneMouseEvent* event)
{
    // A flow drawn over a selected container's resize handle must not take the handle's press:
    // the press goes on to the container below.
    if (QGraphicsScene* s = scene())
        for (QGraphicsItem* item : s->selectedItems())
            if (auto* r = dynamic_cast<ResourceItem*>(item); r && style::isContainer(r->kind()) &&
                                                           r->resizeHandle().contains(r->mapFromScene(event->scenePos()))) {
                event->ignore();
                return;
            }
    QGraphicsPathItem::mousePressEvent(event);
}

QRectF FlowItem::boundingRect() const { return QGraphicsPathItem::boundingRect().adjusted(-12, -12, 12, 12); }

void FlowItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget)
{
    // Zoomed far out, thin aliased lines are as readable and much cheaper.
    const auto* diagram = dynamic_cast<const DiagramScene*>(scene());
    const bool exporting = diagram && diagram->presentation().exporting;
    const double detail = QStyleOptionGraphicsItem::levelOfDetailFromTransform(painter->worldTransform());
    if (detail < 0.35 && !exporting) {
        painter->setPen(QPen(m_colour, 0, pen().style()));
        painter->drawPath(path());
        return;
    }
    painter->setRenderHint(QPainter::Antialiasing);
    if ((option->state & QStyle::State_Selected) && !exporting) {
        QPen glow(m_colour.lighter(160), 8);
        glow.setCapStyle(Qt::RoundCap);
        painter->strokePath(path(), glow);
    }
    QStyleOptionGraphicsItem plain(*option);
    plain.state &= ~QStyle::State_Selected;
    QGraphicsPathItem::paint(painter, &plain, widget);
    // Arrow head at the destination.
    const QPainterPath& p = path();
    if (p.elementCount() < 2)
        return;
    const QPointF tip = p.elementAt(p.elementCount() - 1);
    const QPointF from = p.elementAt(p.elementCount() - 2);
    const double angle = std::atan2(tip.y() - from.y(), tip.x() - from.x());
    QPolygonF head;
    head << tip << tip - QPointF(std::cos(angle - 0.45) * 12, std::sin(angle - 0.45) * 12)
         << tip - QPointF(std::cos(angle + 0.45) * 12, std::sin(angle + 0.45) * 12);
    painter->setPen(Qt::NoPen);
    painter->setBrush(m_colour);
    painter->drawPolygon(head);
}

} // namespace pp::ui
