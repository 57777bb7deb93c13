#pragma once

// Orthogonal routing of connectors (flows and structural links) around the tiles of the canvas.

#include <QHash>
#include <QLineF>
#include <QList>
#include <QPainterPath>
#include <QPolygonF>
#include <QRectF>
#include <climits>
#include <vector>

namespace pp::ui {

class ResourceItem;

// Where connectors should not run: the footprints (box and label) of the drawn tiles and the
// title blocks of containers (their frames must be crossed, their titles need not be), in a
// uniform grid so a route's segments are checked against nearby ones only. Built once per
// routing pass (O(tiles)).
class RouteObstacles {
public:
    explicit RouteObstacles(const QList<ResourceItem*>& items);
    // The number of distinct tiles other than `from` and `to` that the polyline runs through;
    // counting stops once it exceeds `limit` (the answer is then more than `limit`).
    int crossed(const QPolygonF& line, const ResourceItem* from, const ResourceItem* to, int limit = INT_MAX) const;
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
    // Marks of what a query has already counted (compared with m_stamp): no search, no clearing.
    mutable std::vector<unsigned> m_tileStamp;
    mutable std::vector<unsigned> m_segmentStamp;
    mutable unsigned m_stamp = 0;
};

// The orthogonal route between two items, around the tiles in `obstacles` when one exists
// (nullptr: the shortest candidate).
QPainterPath orthogonalRoute(const ResourceItem* from, const ResourceItem* to, const RouteObstacles* obstacles);

} // namespace pp::ui
