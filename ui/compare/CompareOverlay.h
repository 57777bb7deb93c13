#pragma once

// moc does not need the core (and cannot parse its C++20 concepts).
#ifndef Q_MOC_RUN
#include "diff/DesignDiff.h"
#endif

#include <QGraphicsObject>
#include <QHash>
#include <QString>
#include <vector>

namespace pp::ui {

class DiagramScene;

// File → Compare with…: the other version of the design drawn over the canvas, as one item above
// everything (it takes no clicks and is never exported: the export builds its own scene).
//   - added resources: a solid green frame and a "+" tag;
//   - changed resources: a dotted amber frame and a "~" tag;
//   - removed resources: a dashed red ghost where the other version drew them, with their name
//     struck through and a "−" tag;
//   - changed flows: a wide translucent band along the flow (green added, amber changed, red when
//     the change makes it public or breaks its expect).
// The frames follow the items: refresh() reads their places again after an edit.
class CompareOverlay : public QGraphicsObject {
    Q_OBJECT
public:
    explicit CompareOverlay(DiagramScene& scene);

    // The marks of `diff`, where `other` (the version compared with) drew its removed resources.
    void setChanges(const DesignDiff& diff, const Design& other);
    // Reads the places of the marked items again (after an edit or a move).
    void refresh();
    // Where a removed resource's ghost is drawn (null rect: not drawn in the other version).
    QRectF ghostRect(const QString& id) const { return m_ghostRects.value(id); }
    int markCount() const { return int(m_marks.size()); }

    QRectF boundingRect() const override { return m_bounds; }
    QPainterPath shape() const override { return {}; } // never under the mouse
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    struct Mark {
        QString id;
        enum Kind { Resource, Ghost, Flow } kind = Resource;
        ChangeKind change = ChangeKind::Changed;
        bool worse = false;   // a flow made public or whose expect broke
        QString label;        // a ghost's name
        QRectF rect;          // scene coordinates (resources, ghosts)
        QPainterPath path;    // scene coordinates (flows)
    };
    DiagramScene& m_scene;
    std::vector<Mark> m_marks;
    QHash<QString, QRectF> m_ghostRects;
    QRectF m_bounds;
};

} // namespace pp::ui
