#pragma once

#include <QList>
#include <QPolygonF>
#include <QRectF>

#include <vector>

namespace pp::ui {

// Connectors that share a stretch of line are drawn side by side, not on top of each other.
//
// `routes[i]` holds the legs of connector i: orthogonal polylines in scene coordinates. Where
// straight runs of two or more connectors lie on the same line and overlap, each connector's run
// moves across the line so that they are `gap` apart, centred on where they were; the connectors
// keep the same order (their order in `routes`) on every shared stretch, so lanes do not cross
// between two stretches. The runs next to a moved one stay orthogonal (only the shared
// coordinate changes); a run that starts or ends a leg slides along the side of its tile.
// Consecutive duplicate and collinear points are dropped first. Returns whether anything moved.
bool spreadParallelRuns(std::vector<QList<QPolygonF>>& routes, double gap);

// Where a label of `size` goes on a route so that it covers none of `taken`: the middle of the
// longest straight run when that is free, else the first free spot (middle first, then stepping
// outwards) on the runs long enough to hold it, longest first; if none is free, the middle of the
// longest run.
QRectF placeLabelOnRoute(const QList<QPolygonF>& legs, QSizeF size, const std::vector<QRectF>& taken);

} // namespace pp::ui
