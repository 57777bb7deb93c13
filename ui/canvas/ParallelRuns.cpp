#include "canvas/ParallelRuns.h"

#include <QLineF>

#include <algorithm>
#include <cmath>
#include <map>

namespace pp::ui {
namespace {

// Runs shorter than this in common are crossings or corners, not shared stretches.
constexpr double kMinOverlap = 2.0;

QPolygonF simplified(const QPolygonF& in)
{
    QPolygonF out;
    for (const QPointF& p : in) {
        if (!out.isEmpty() && out.back() == p)
            continue;
        // The middle of three points on one horizontal or vertical line adds nothing.
        if (out.size() >= 2) {
            const QPointF& a = out[out.size() - 2];
            const QPointF& b = out.back();
            if ((a.y() == b.y() && b.y() == p.y()) || (a.x() == b.x() && b.x() == p.x())) {
                out.back() = p;
                continue;
            }
        }
        out << p;
    }
    return out;
}

struct Run {
    int route;
    int leg;
    int index; // the run goes from point `index` to `index + 1`
    bool horizontal;
    double at;       // y of a horizontal run, x of a vertical one
    double from, to; // its extent along the line
};

} // namespace

bool spreadParallelRuns(std::vector<QList<QPolygonF>>& routes, double gap)
{
    std::vector<Run> runs;
    for (int r = 0; r < int(routes.size()); ++r)
        for (int l = 0; l < routes[r].size(); ++l) {
            QPolygonF& leg = routes[r][l];
            leg = simplified(leg);
            for (int i = 0; i + 1 < leg.size(); ++i) {
                const QPointF a = leg[i], b = leg[i + 1];
                if (a.y() == b.y())
                    runs.push_back({r, l, i, true, a.y(), std::min(a.x(), b.x()), std::max(a.x(), b.x())});
                else if (a.x() == b.x())
                    runs.push_back({r, l, i, false, a.x(), std::min(a.y(), b.y()), std::max(a.y(), b.y())});
            }
        }
    // The runs on each line, in order along it.
    std::map<std::pair<bool, long long>, std::vector<const Run*>> lines;
    for (const Run& run : runs)
        lines[{run.horizontal, std::llround(run.at * 64)}].push_back(&run);
    struct Shift {
        const Run* run;
        double by;
    };
    std::vector<Shift> shifts;
    for (auto& [line, onLine] : lines) {
        if (onLine.size() < 2)
            continue;
        std::sort(onLine.begin(), onLine.end(), [](const Run* a, const Run* b) { return a->from < b->from; });
        for (std::size_t first = 0; first < onLine.size();) {
            // A stretch: runs that overlap one after the other.
            std::size_t last = first + 1;
            double end = onLine[first]->to;
            while (last < onLine.size() && onLine[last]->from < end - kMinOverlap) {
                end = std::max(end, onLine[last]->to);
                ++last;
            }
            std::vector<int> lanes; // the connectors on this stretch, in their order
            for (std::size_t i = first; i < last; ++i)
                lanes.push_back(onLine[i]->route);
            std::sort(lanes.begin(), lanes.end());
            lanes.erase(std::unique(lanes.begin(), lanes.end()), lanes.end());
            if (lanes.size() > 1)
                for (std::size_t i = first; i < last; ++i) {
                    const auto rank = std::find(lanes.begin(), lanes.end(), onLine[i]->route) - lanes.begin();
                    const double by = (double(rank) - double(lanes.size() - 1) / 2.0) * gap;
                    if (by != 0)
                        shifts.push_back({onLine[i], by});
                }
            first = last;
        }
    }
    for (const Shift& s : shifts) {
        QPolygonF& leg = routes[s.run->route][s.run->leg];
        for (int i : {s.run->index, s.run->index + 1})
            (s.run->horizontal ? leg[i].ry() : leg[i].rx()) += s.by;
    }
    return !shifts.empty();
}

QRectF placeLabelOnRoute(const QList<QPolygonF>& legs, QSizeF size, const std::vector<QRectF>& taken)
{
    std::vector<QLineF> segments;
    for (const QPolygonF& leg : legs)
        for (int i = 0; i + 1 < leg.size(); ++i)
            if (leg[i] != leg[i + 1])
                segments.emplace_back(leg[i], leg[i + 1]);
    if (segments.empty())
        return {};
    std::stable_sort(segments.begin(), segments.end(), [](const QLineF& a, const QLineF& b) { return a.length() > b.length(); });
    auto at = [&](QPointF centre) {
        QRectF r(QPointF(), size);
        r.moveCenter(centre);
        return r;
    };
    auto free = [&](const QRectF& r) {
        return std::none_of(taken.begin(), taken.end(), [&](const QRectF& t) { return t.intersects(r); });
    };
    for (const QLineF& s : segments) {
        const bool horizontal = s.dy() == 0;
        const double room = s.length() - (horizontal ? size.width() : size.height());
        if (room < 0 && &s != &segments.front())
            break; // the rest are shorter still
        // The middle, then outwards by half a label at a time.
        const double step = std::max(4.0, (horizontal ? size.width() : size.height()) / 2);
        for (double off = 0; off <= std::max(0.0, room / 2); off += step)
            for (double sign : {1.0, -1.0}) {
                const QRectF r = at(s.pointAt(0.5 + sign * off / std::max(1.0, s.length())));
                if (free(r))
                    return r;
                if (off == 0)
                    break;
            }
    }
    return at(segments.front().center());
}

} // namespace pp::ui
