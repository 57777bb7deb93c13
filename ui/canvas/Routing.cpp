#include "canvas/Routing.h"

#include "canvas/ResourceItem.h"
#include "canvas/Style.h"

#include <algorithm>
#include <array>
#include <climits>
#include <cmath>
#include <utility>

namespace pp::ui {

namespace {

// A tile's footprint for routing: its box and the label under it.
QRectF footprint(const ResourceItem* item)
{
    return QRectF(item->scenePos() + QPointF(-6, -4), item->size() + QSizeF(12, 30));
}

// Where connectors meet a resource: a container's frame; a tile's icon (and the labels under it,
// so a connector leaving downwards does not cross them), not the invisible box around both.
QRectF attachRect(const ResourceItem* item)
{
    const QSizeF size = item->size();
    if (style::isContainer(item->kind()))
        return QRectF(item->scenePos(), size);
    const QRectF icon = style::tileIconRect(size);
    return QRectF(item->scenePos() + icon.topLeft(), QSizeF(icon.width(), size.height() - icon.top()));
}

quint64 cellKey(qint64 x, qint64 y) { return (quint64(quint32(qint32(x))) << 32) | quint32(qint32(y)); }

// Without repeated points and straight-through corners; empty when the line turns back on
// itself (a U-turn along its own segment reads as a dead end).
QPolygonF simplified(const QPolygonF& line)
{
    QPolygonF out;
    for (const QPointF& p : line)
        if (out.isEmpty() || QLineF(out.last(), p).length() > 0.01)
            out << p;
    for (int i = 1; i + 1 < out.size();) {
        const QPointF d1 = out[i] - out[i - 1], d2 = out[i + 1] - out[i];
        const bool collinear = std::abs(d1.x() * d2.y() - d1.y() * d2.x()) < 0.01;
        if (!collinear) {
            ++i;
            continue;
        }
        if (d1.x() * d2.x() + d1.y() * d2.y() < 0)
            return {};
        out.remove(i);
    }
    return out;
}

// Whether the line runs through the inside of a box other than where it leaves or enters.
bool entersOwnBoxes(const QPolygonF& line, const QRectF& a, const QRectF& b)
{
    const QRectF innerA = a.adjusted(1, 1, -1, -1), innerB = b.adjusted(1, 1, -1, -1);
    for (int i = 0; i + 1 < line.size(); ++i) {
        const QRectF segment = QRectF(line[i], line[i + 1]).normalized().adjusted(-0.01, -0.01, 0.01, 0.01);
        if ((i > 0 && innerA.intersects(segment)) || (i + 2 < line.size() && innerB.intersects(segment)))
            return true;
    }
    return false;
}

double length(const QPolygonF& line)
{
    double total = 0;
    for (int i = 0; i + 1 < line.size(); ++i)
        total += std::abs(line[i + 1].x() - line[i].x()) + std::abs(line[i + 1].y() - line[i].y());
    return total;
}

} // namespace

template <class F>
void RouteObstacles::forCells(const QRectF& area, F&& f) const
{
    for (qint64 cx = qint64(std::floor(area.left() / kCell)); cx <= qint64(std::floor(area.right() / kCell)); ++cx)
        for (qint64 cy = qint64(std::floor(area.top() / kCell)); cy <= qint64(std::floor(area.bottom() / kCell)); ++cy)
            f(cellKey(cx, cy));
}

RouteObstacles::RouteObstacles(const QList<ResourceItem*>& items)
{
    for (const ResourceItem* item : items) {
        if (!item->isVisible())
            continue;
        // Tiles with their labels, and the title block of containers (their frames must be crossed).
        const QRectF box = style::isContainer(item->kind()) ? item->headerLabelRect().translated(item->scenePos()) : footprint(item);
        if (box.isEmpty())
            continue;
        const int index = int(m_tiles.size());
        m_tiles.emplace_back(item, box);
        m_tileStamp.push_back(0);
        forCells(box, [&](quint64 key) { m_cells[key].push_back(index); });
    }
}

int RouteObstacles::crossed(const QPolygonF& line, const ResourceItem* from, const ResourceItem* to, int limit) const
{
    // Each tile counts once, however many segments and cells meet it: stamped, not searched (a
    // linear search over the tiles already hit was quadratic in the tiles near a connector).
    if (++m_stamp == 0) {
        std::fill(m_tileStamp.begin(), m_tileStamp.end(), 0u);
        m_stamp = 1;
    }
    int hit = 0;
    for (int i = 0; i + 1 < line.size() && hit <= limit; ++i) {
        const QRectF segment = QRectF(line[i], line[i + 1]).normalized().adjusted(-0.5, -0.5, 0.5, 0.5);
        forCells(segment, [&](quint64 key) {
            if (hit > limit)
                return;
            const auto it = m_cells.constFind(key);
            if (it == m_cells.constEnd())
                return;
            for (int index : *it) {
                const auto& [tile, box] = m_tiles[std::size_t(index)];
                if (m_tileStamp[std::size_t(index)] != m_stamp && tile != from && tile != to && box.intersects(segment)) {
                    m_tileStamp[std::size_t(index)] = m_stamp;
                    ++hit;
                }
            }
        });
    }
    return hit;
}

void RouteObstacles::addRoute(const QPolygonF& line)
{
    for (int i = 0; i + 1 < line.size(); ++i) {
        const int index = int(m_segments.size());
        m_segments.emplace_back(line[i], line[i + 1]);
        m_segmentStamp.push_back(0);
        forCells(QRectF(line[i], line[i + 1]).normalized(), [&](quint64 key) { m_segmentCells[key].push_back(index); });
    }
}

double RouteObstacles::overlap(const QPolygonF& line) const
{
    constexpr double near = 4; // closer than this reads as one line
    double total = 0;
    for (int i = 0; i + 1 < line.size(); ++i) {
        const QLineF a(line[i], line[i + 1]);
        const bool horizontal = std::abs(a.dy()) < 1e-6;
        // Each routed segment counts once per segment of the line (stamped, not searched).
        if (++m_stamp == 0) {
            std::fill(m_segmentStamp.begin(), m_segmentStamp.end(), 0u);
            std::fill(m_tileStamp.begin(), m_tileStamp.end(), 0u);
            m_stamp = 1;
        }
        forCells(QRectF(a.p1(), a.p2()).normalized().adjusted(-near, -near, near, near), [&](quint64 key) {
            const auto it = m_segmentCells.constFind(key);
            if (it == m_segmentCells.constEnd())
                return;
            for (int index : *it) {
                if (std::exchange(m_segmentStamp[std::size_t(index)], m_stamp) == m_stamp)
                    continue;
                const QLineF& b = m_segments[std::size_t(index)];
                if (horizontal != (std::abs(b.dy()) < 1e-6))
                    continue;
                // Same direction and close: the length they share.
                const double offset = horizontal ? std::abs(a.y1() - b.y1()) : std::abs(a.x1() - b.x1());
                if (offset >= near)
                    continue;
                // (Values, not std::minmax: its references would dangle on the temporaries.)
                const double a0 = horizontal ? std::min(a.x1(), a.x2()) : std::min(a.y1(), a.y2());
                const double a1 = horizontal ? std::max(a.x1(), a.x2()) : std::max(a.y1(), a.y2());
                const double b0 = horizontal ? std::min(b.x1(), b.x2()) : std::min(b.y1(), b.y2());
                const double b1 = horizontal ? std::max(b.x1(), b.x2()) : std::max(b.y1(), b.y2());
                total += std::max(0.0, std::min(a1, b1) - std::max(a0, b0));
            }
        });
    }
    return total;
}

QPainterPath orthogonalRoute(const ResourceItem* from, const ResourceItem* to, const RouteObstacles* obstacles)
{
    // Candidate orthogonal routes between the two boxes: side to side with one vertical run
    // (at several places), top/bottom to top/bottom with one horizontal run, the two L-shapes,
    // and detours around both boxes. The route crossing the fewest other tiles wins, then the
    // shortest with the fewest bends; ties keep the first, so routing is deterministic.
    // (Not a full obstacle-avoiding router: when every candidate crosses a tile, one does.)
    const QRectF a = attachRect(from);
    const QRectF b = attachRect(to);
    constexpr double gap = 16; // how far a detour stays clear of the boxes
    std::vector<QPolygonF> candidates;
    const bool rightwards = b.center().x() >= a.center().x();
    const bool downwards = b.center().y() >= a.center().y();
    const bool apartX = b.left() > a.right() || b.right() < a.left();
    const bool apartY = b.top() > a.bottom() || b.bottom() < a.top();
    // Every family is tried with the ends at the middle of their sides and shifted along them, so
    // connectors meeting the same side can arrive side by side instead of on top of each other.
    auto generate = [&](double shiftA, double shiftB) {
        // Where a connector meets a box: the middle of a side, shifted along it (kept off the corners).
        const QPointF ac(std::clamp(a.center().x() + shiftA, a.left() + 8, a.right() - 8),
                         std::clamp(a.center().y() + shiftA, a.top() + 8, a.bottom() - 8));
        const QPointF bc(std::clamp(b.center().x() + shiftB, b.left() + 8, b.right() - 8),
                         std::clamp(b.center().y() + shiftB, b.top() + 8, b.bottom() - 8));
        if (apartX) {
            const QPointF start(rightwards ? a.right() : a.left(), ac.y());
            const QPointF end(rightwards ? b.left() : b.right(), bc.y());
            for (double f : {0.5, 0.25, 0.75, 0.1, 0.9}) {
                const double x = start.x() + (end.x() - start.x()) * f;
                candidates.push_back(QPolygonF{start, QPointF(x, start.y()), QPointF(x, end.y()), end});
            }
        }
        if (apartY) {
            const QPointF start(ac.x(), downwards ? a.bottom() : a.top());
            const QPointF end(bc.x(), downwards ? b.top() : b.bottom());
            for (double f : {0.5, 0.25, 0.75}) {
                const double y = start.y() + (end.y() - start.y()) * f;
                candidates.push_back(QPolygonF{start, QPointF(start.x(), y), QPointF(end.x(), y), end});
            }
        }
        if ((bc.x() > a.right() || bc.x() < a.left()) && apartY) {
            // Sideways out of the source, down (or up) into the destination.
            const QPointF start(rightwards ? a.right() : a.left(), ac.y());
            const QPointF end(bc.x(), downwards ? b.top() : b.bottom());
            if ((downwards && start.y() < end.y()) || (!downwards && start.y() > end.y()))
                candidates.push_back(QPolygonF{start, QPointF(end.x(), start.y()), end});
        }
        if ((ac.x() > b.right() || ac.x() < b.left()) && apartY) {
            // Down (or up) out of the source, sideways into the destination.
            const QPointF start(ac.x(), downwards ? a.bottom() : a.top());
            const QPointF end(rightwards ? b.left() : b.right(), bc.y());
            if ((downwards && start.y() < end.y()) || (!downwards && start.y() > end.y()))
                candidates.push_back(QPolygonF{start, QPointF(start.x(), end.y()), end});
        }
        // Detours: around the right or left of both boxes, or below or above them, farther out
        // step by step.
        for (int step = 0; step < 5; ++step) {
            const double out = gap + step * 40;
            const double right = std::max(a.right(), b.right()) + out;
            candidates.push_back(QPolygonF{QPointF(a.right(), ac.y()), QPointF(right, ac.y()), QPointF(right, bc.y()), QPointF(b.right(), bc.y())});
            const double left = std::min(a.left(), b.left()) - out;
            candidates.push_back(QPolygonF{QPointF(a.left(), ac.y()), QPointF(left, ac.y()), QPointF(left, bc.y()), QPointF(b.left(), bc.y())});
            const double below = std::max(a.bottom(), b.bottom()) + out + 26; // under the labels
            candidates.push_back(QPolygonF{QPointF(ac.x(), a.bottom()), QPointF(ac.x(), below), QPointF(bc.x(), below), QPointF(bc.x(), b.bottom())});
            const double above = std::min(a.top(), b.top()) - out;
            candidates.push_back(QPolygonF{QPointF(ac.x(), a.top()), QPointF(ac.x(), above), QPointF(bc.x(), above), QPointF(bc.x(), b.top())});
        }
    };
    // Cheapest first (length, then bends); crossing a tile costs far more than any detour, and
    // running along another connector three times its length, so a short detour that keeps two
    // flows apart is preferred. Sorted by cost, the search stops once no candidate can win.
    auto cost = [](const QPolygonF& line) { return length(line) + 40.0 * double(line.size() - 2); };
    QPolygonF best;
    double bestScore = 0;
    int bestCrossed = 0;
    double bestOverlap = 0;
    auto search = [&] {
        std::stable_sort(candidates.begin(), candidates.end(), [&](const QPolygonF& x, const QPolygonF& y) { return cost(x) < cost(y); });
        for (const QPolygonF& line : candidates) {
            if (!best.isEmpty() && cost(line) >= bestScore)
                break;
            // More tiles crossed than the best so far cannot win: counting stops there.
            const int crossed = obstacles ? obstacles->crossed(line, from, to, best.isEmpty() ? INT_MAX : bestCrossed) : 0;
            const double overlap = obstacles && crossed == 0 ? obstacles->overlap(line) : 0.0;
            const double score = crossed * 100000.0 + cost(line) + 3 * overlap;
            if (best.isEmpty() || score < bestScore) {
                best = line;
                bestScore = score;
                bestCrossed = crossed;
                bestOverlap = overlap;
            }
        }
    };
    generate(0, 0);
    search();
    // Everything simple crosses something: try leaving and entering by any side, with a stub
    // out of each box and one or two runs between the stubs (routes around whole groups of
    // tiles, over a Region's title, between rows...).
    if (bestCrossed > 0 && !(obstacles && obstacles->quick())) {
        candidates.clear();
        struct Side {
            QPointF at;
            QPointF out;
        };
        auto sides = [](const QRectF& r) {
            return std::array<Side, 4>{Side{QPointF(r.right(), r.center().y()), QPointF(1, 0)}, Side{QPointF(r.left(), r.center().y()), QPointF(-1, 0)},
                                       Side{QPointF(r.center().x(), r.bottom()), QPointF(0, 1)}, Side{QPointF(r.center().x(), r.top()), QPointF(0, -1)}};
        };
        for (const Side& sa : sides(a))
            for (const Side& sb : sides(b))
                for (double stub : {16.0, 56.0, 96.0, 176.0}) {
                    // Out of the bottom, clear the label under the tile first.
                    const QPointF p1 = sa.at + sa.out * (stub + (sa.out.y() > 0 ? 26 : 0));
                    const QPointF p3 = sb.at + sb.out * (stub + (sb.out.y() > 0 ? 26 : 0));
                    for (const QPolygonF& raw : {QPolygonF{sa.at, p1, QPointF(p1.x(), p3.y()), p3, sb.at},
                                                 QPolygonF{sa.at, p1, QPointF(p3.x(), p1.y()), p3, sb.at}}) {
                        const QPolygonF line = simplified(raw);
                        if (!line.isEmpty() && !entersOwnBoxes(line, a, b))
                            candidates.push_back(line);
                    }
                }
        search();
    }
    // Only a clear route that runs along another connector tries ends shifted along their sides
    // (a shift of a few pixels never clears a tile, and most routes need no second round).
    if (bestCrossed == 0 && bestOverlap > 0) {
        candidates.clear();
        for (const auto& [shiftA, shiftB] : std::initializer_list<std::pair<double, double>>{
                 {0, 10}, {0, -10}, {10, 0}, {-10, 0}, {10, 10}, {-10, -10}, {0, 20}, {0, -20}, {20, 0}, {-20, 0}})
            generate(shiftA, shiftB);
        search();
    }
    QPainterPath path;
    path.addPolygon(best);
    return path;
}

} // namespace pp::ui
