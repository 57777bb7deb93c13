#pragma once

#include <QElapsedTimer>
#include <QPixmap>
#include <QTimer>
#include <QWidget>

namespace pp::ui {

class DiagramView;

// The overview: the whole design small, with the part the canvas shows drawn as a rectangle.
// Clicking moves the view there; dragging the rectangle pans the view.
//
// Cheap on a 50,000-resource design: the scene is rendered once into a pixmap (at the low
// level of detail the items choose at that scale) and only the rectangle is drawn per paint. The
// pixmap is rendered again after the design changes, at most once per refresh interval (longer
// when rendering took long), never while the overview is hidden.
class Navigator : public QWidget {
    Q_OBJECT
public:
    explicit Navigator(DiagramView* view, QWidget* parent = nullptr);

    // The canvas's visible area, in this widget's coordinates.
    QRectF visibleRect() const;
    // The scene point shown at `pos` of this widget.
    QPointF toScene(QPointF pos) const;
    // Renders the overview again now (tests; otherwise it follows changes by itself).
    void refreshNow();
    QSize sizeHint() const override { return {260, 170}; }

public slots:
    // The design changed: render again soon.
    void scheduleRefresh();

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void showEvent(QShowEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;

private:
    QTransform sceneToWidget() const;
    void panTo(QPointF widgetPos);

    DiagramView* m_view;
    QPixmap m_pixmap;   // the scene rendered into the widget's size
    QRectF m_area;      // the scene area the pixmap shows
    QSizeF m_drawn;     // the widget's size when the pixmap was rendered (the mapping follows the pixmap until the next render)
    QTimer m_refresh;   // throttles renders after changes
    QElapsedTimer m_sinceRender; // invalid until the first render
    int m_interval;              // the least time between two renders, in ms
    bool m_dirty = true;
    bool m_dragging = false;
    QPointF m_grab;     // while dragging: the press point's offset from the visible rectangle's centre
};

} // namespace pp::ui
