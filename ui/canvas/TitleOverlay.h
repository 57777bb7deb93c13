#pragma once

#include <QColor>
#include <QList>
#include <QRectF>
#include <QString>
#include <QTransform>

class QPainter;

namespace pp {
class Design;
}

namespace pp::ui {

class DiagramScene;

// Container titles at screen size. Zoomed out, a VPC's or subnet's own title (drawn in scene
// units by ResourceItem) shrinks below reading size, and the shapes it holds paint over it. The
// view then draws the titles of the containers in sight on top of everything, at a fixed pixel
// size, elided to each container's width on screen; outer containers first, and a title that would
// overlap one already placed is left out (a subnet's under its VPC's). Never in exports: they
// draw through the scene at full detail.
class TitleOverlay {
public:
    // Below this zoom ResourceItem leaves container titles to the overlay.
    static constexpr double kBelowZoom = 0.7;
    // The titles' size on screen, in device-independent pixels.
    static constexpr int kPixelSize = 12;

    struct Title {
        QString resource; // the container's id
        QString text;     // as shown (elided)
        QRectF rect;      // in viewport coordinates
        QColor colour;    // the container's kind colour
    };

    // What would be drawn for a viewport of `viewportRect` under `sceneToViewport` (empty at or
    // above kBelowZoom).
    static QList<Title> layout(const Design& design, const DiagramScene& scene, const QTransform& sceneToViewport,
                               const QRectF& viewportRect);
    // Draws `titles` in the painter's current coordinates (the viewport's).
    static void paint(QPainter& painter, const QList<Title>& titles);
};

} // namespace pp::ui
