#include "canvas/FlowItem.h"

#include "canvas/DiagramScene.h"
#include "canvas/ResourceItem.h"
#include "canvas/Routing.h"
#include "canvas/Style.h"
#include "document/Document.h"

#include <QGraphicsScene>
#include <QGraphicsView>
#include <QPainterPathStroker>
#include <QGraphicsSceneMouseEvent>
#include <QPainter>
#include <QStyleOptionGraphicsItem>
#include <cmath>

namespace pp::ui {

ConnectorItem::ConnectorItem(ResourceItem* from, ResourceItem* to) : m_from(from), m_to(to) {}

void ConnectorItem::updateRoute(const RouteObstacles* obstacles) { setPath(orthogonalRoute(m_from, m_to, obstacles)); }

double ConnectorItem::viewScale() const
{
    const QGraphicsScene* s = scene();
    if (!s || s->views().isEmpty())
        return 1.0;
    return std::max(1e-3, s->views().first()->transform().m11());
}

QPainterPath ConnectorItem::shape() const
{
    // About 8 pixels wide at any zoom (within what boundingRect() covers).
    QPainterPathStroker stroker;
    stroker.setWidth(std::clamp(8.0 / viewScale(), 3.0, 22.0));
    stroker.setCapStyle(Qt::RoundCap);
    stroker.setJoinStyle(Qt::RoundJoin);
    return stroker.createStroke(path());
}

QRectF ConnectorItem::boundingRect() const { return path().boundingRect().adjusted(-12, -12, 12, 12); }

FlowItem::FlowItem(const Document& document, FlowId id, ResourceItem* source, ResourceItem* destination)
    : ConnectorItem(source, destination), m_document(document), m_id(std::move(id))
{
    setFlags(ItemIsSelectable);
    setZValue(5);
    updateStyle();
    updateRoute(nullptr); // the scene routes around tiles once everything is placed
}

LinkItem::LinkItem(ResourceItem* from, ResourceItem* to) : ConnectorItem(from, to)
{
    setPen(QPen(QColor(0x90, 0xA4, 0xAE), 1.4));
    setZValue(1);
    updateRoute(nullptr);
}

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
    // Name, verdict and the first reason (why it is blocked, or where it leaves the private network).
    QString tip = QStringLiteral("<b>%1</b>: %2")
                      .arg(QString::fromStdString(flow && !flow->name.empty() ? flow->name : m_id.str()).toHtmlEscaped(),
                           style::verdictLabel(verdict));
    const Explanation* reason = nullptr;
    if (r && !r->blocking.empty())
        reason = &r->blocking.front();
    else if (r && !r->notes.empty())
        reason = &r->notes.front();
    if (reason)
        tip += QStringLiteral("<br>") + QString::fromStdString(reason->message).toHtmlEscaped();
    else if (r && r->leavesAt && *r->leavesAt < r->path.size())
        tip += QStringLiteral("<br>") + QObject::tr("Leaves the private network at %1.").arg(QString::fromStdString(r->path[*r->leavesAt].resource));
    setToolTip(tip);
    update();
}

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
