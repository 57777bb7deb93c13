#include "canvas/FlowItem.h"

#include "canvas/DiagramScene.h"
#include "canvas/ResourceItem.h"
#include "canvas/Style.h"
#include "document/Document.h"

#include <QGraphicsScene>
#include <QGraphicsSceneMouseEvent>
#include <QPainter>
#include <QSet>
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

namespace {

// A tile's footprint for routing: its box and the label under it.
QRectF footprint(const ResourceItem* item)
{
    return QRectF(item->scenePos() + QPointF(-6, -4), item->size() + QSizeF(12, 30));
}

quint64 cellKey(qint64 x, qint64 y) { return (quint64(quint32(qint32(x))) << 32) | quint32(qint32(y)); }

double length(const QPolygonF& line)
{
    double total = 0;
    for (int i = 0; i + 1 < line.size(); ++i)
        total += std::abs(line[i + 1].x() - line[i].x()) + std::abs(line[i + 1].y() - line[i].y());
    return total;
}

} // namespace

RouteObstacles::RouteObstacles(const QList<ResourceItem*>& items)
{
    for (const ResourceItem* item : items) {
        if (style::isContainer(item->kind()) || !item->isVisible())
            continue;
        const QRectF box = footprint(item);
        const int index = int(m_tiles.size());
        m_tiles.emplace_back(item, box);
        for (qint64 cx = qint64(std::floor(box.left() / kCell)); cx <= qint64(std::floor(box.right() / kCell)); ++cx)
            for (qint64 cy = qint64(std::floor(box.top() / kCell)); cy <= qint64(std::floor(box.bottom() / kCell)); ++cy)
                m_cells[cellKey(cx, cy)].push_back(index);
    }
}

int RouteObstacles::crossed(const QPolygonF& line, const ResourceItem* from, const ResourceItem* to) const
{
    std::vector<int> hit;
    for (int i = 0; i + 1 < line.size(); ++i) {
        const QRectF segment = QRectF(line[i], line[i + 1]).normalized().adjusted(-0.5, -0.5, 0.5, 0.5);
        for (qint64 cx = qint64(std::floor(segment.left() / kCell)); cx <= qint64(std::floor(segment.right() / kCell)); ++cx)
            for (qint64 cy = qint64(std::floor(segment.top() / kCell)); cy <= qint64(std::floor(segment.bottom() / kCell)); ++cy) {
                const auto it = m_cells.constFind(cellKey(cx, cy));
                if (it == m_cells.constEnd())
                    continue;
                for (int index : *it) {
                    const auto& [tile, box] = m_tiles[std::size_t(index)];
                    if (tile != from && tile != to && box.intersects(segment) && std::find(hit.begin(), hit.end(), index) == hit.end())
                        hit.push_back(index);
                }
            }
    }
    return int(hit.size());
}

QPainterPath orthogonalRoute(const ResourceItem* from, const ResourceItem* to, const RouteObstacles* obstacles)
{
    // Candidate orthogonal routes between the two boxes: side to side with one vertical run
    // (at several places), top/bottom to top/bottom with one horizontal run, the two L-shapes,
    // and detours around both boxes. The route crossing the fewest other tiles wins, then the
    // shortest with the fewest bends; ties keep the first, so routing is deterministic.
    // (Not a full obstacle-avoiding router: when every candidate crosses a tile, one does.)
    const QRectF a(from->scenePos(), from->size());
    const QRectF b(to->scenePos(), to->size());
    constexpr double gap = 16; // how far a detour stays clear of the boxes
    std::vector<QPolygonF> candidates;
    const bool rightwards = b.center().x() >= a.center().x();
    const bool downwards = b.center().y() >= a.center().y();
    const bool apartX = b.left() > a.right() || b.right() < a.left();
    const bool apartY = b.top() > a.bottom() || b.bottom() < a.top();
    if (apartX) {
        const QPointF start(rightwards ? a.right() : a.left(), a.center().y());
        const QPointF end(rightwards ? b.left() : b.right(), b.center().y());
        for (double f : {0.5, 0.25, 0.75, 0.1, 0.9}) {
            const double x = start.x() + (end.x() - start.x()) * f;
            candidates.push_back(QPolygonF{start, QPointF(x, start.y()), QPointF(x, end.y()), end});
        }
    }
    if (apartY) {
        const QPointF start(a.center().x(), downwards ? a.bottom() : a.top());
        const QPointF end(b.center().x(), downwards ? b.top() : b.bottom());
        for (double f : {0.5, 0.25, 0.75}) {
            const double y = start.y() + (end.y() - start.y()) * f;
            candidates.push_back(QPolygonF{start, QPointF(start.x(), y), QPointF(end.x(), y), end});
        }
    }
    if (b.center().x() > a.right() || b.center().x() < a.left()) {
        if (apartY) {
            // Sideways out of the source, down (or up) into the destination.
            const QPointF start(rightwards ? a.right() : a.left(), a.center().y());
            const QPointF end(b.center().x(), downwards ? b.top() : b.bottom());
            if ((downwards && start.y() < end.y()) || (!downwards && start.y() > end.y()))
                candidates.push_back(QPolygonF{start, QPointF(end.x(), start.y()), end});
        }
    }
    if (a.center().x() > b.right() || a.center().x() < b.left()) {
        if (apartY) {
            // Down (or up) out of the source, sideways into the destination.
            const QPointF start(a.center().x(), downwards ? a.bottom() : a.top());
            const QPointF end(rightwards ? b.left() : b.right(), b.center().y());
            if ((downwards && start.y() < end.y()) || (!downwards && start.y() > end.y()))
                candidates.push_back(QPolygonF{start, QPointF(start.x(), end.y()), end});
        }
    }
    // Detours: around the right or left of both boxes, or below or above them, farther out
    // step by step.
    for (int step = 0; step < 5; ++step) {
        const double out = gap + step * 40;
        const double right = std::max(a.right(), b.right()) + out;
        candidates.push_back(QPolygonF{QPointF(a.right(), a.center().y()), QPointF(right, a.center().y()),
                                       QPointF(right, b.center().y()), QPointF(b.right(), b.center().y())});
        const double left = std::min(a.left(), b.left()) - out;
        candidates.push_back(QPolygonF{QPointF(a.left(), a.center().y()), QPointF(left, a.center().y()),
                                       QPointF(left, b.center().y()), QPointF(b.left(), b.center().y())});
        const double below = std::max(a.bottom(), b.bottom()) + out + 26; // under the labels
        candidates.push_back(QPolygonF{QPointF(a.center().x(), a.bottom()), QPointF(a.center().x(), below),
                                       QPointF(b.center().x(), below), QPointF(b.center().x(), b.bottom())});
        const double above = std::min(a.top(), b.top()) - out;
        candidates.push_back(QPolygonF{QPointF(a.center().x(), a.top()), QPointF(a.center().x(), above),
                                       QPointF(b.center().x(), above), QPointF(b.center().x(), b.top())});
    }
    // Cheapest first (length, then bends); the first route that crosses no tile is the answer,
    // so most connectors need one or two lookups. Otherwise the one crossing the fewest wins.
    auto cost = [](const QPolygonF& line) { return length(line) + 40.0 * double(line.size() - 2); };
    std::stable_sort(candidates.begin(), candidates.end(), [&](const QPolygonF& x, const QPolygonF& y) { return cost(x) < cost(y); });
    const QPolygonF* best = nullptr;
    int fewest = 0;
    for (const QPolygonF& line : candidates) {
        const int crossed = obstacles ? obstacles->crossed(line, from, to) : 0;
        if (!best || crossed < fewest) {
            best = &line;
            fewest = crossed;
        }
        if (crossed == 0)
            break;
    }
    QPainterPath path;
    if (best)
        path.addPolygon(*best);
    return path;
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
    m_colour = coloured ? style::verdictColor(verdict) : QColor(0x45, 0x5A, 0x64);
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
