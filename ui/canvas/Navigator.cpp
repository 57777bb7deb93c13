#include "canvas/Navigator.h"

#include "canvas/DiagramScene.h"
#include "canvas/DiagramView.h"

#include <QElapsedTimer>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>

namespace pp::ui {
namespace {
// The least time between two renders after changes; a render that took longer than a fifth of it
// stretches it, so the overview never takes more than a fifth of the time of an editing session.
constexpr int kRefreshMs = 400;
} // namespace

Navigator::Navigator(DiagramView* view, QWidget* parent) : QWidget(parent), m_view(view)
{
    setObjectName(QStringLiteral("navigator"));
    setMinimumSize(120, 80);
    setCursor(Qt::PointingHandCursor);
    setToolTip(tr("The whole design: click to show a place, drag the rectangle to pan"));
    m_refresh.setSingleShot(true);
    m_interval = kRefreshMs;
    connect(&m_refresh, &QTimer::timeout, this, [this] {
        if (isVisible())
            refreshNow();
    });
    connect(m_view, &DiagramView::visibleAreaChanged, this, qOverload<>(&QWidget::update));
}

void Navigator::scheduleRefresh()
{
    m_dirty = true;
    if (m_refresh.isActive())
        return;
    // The first change after a quiet spell shows at once (once the current event is handled);
    // changes that follow within the interval wait for it.
    const qint64 since = m_sinceRender.isValid() ? m_sinceRender.elapsed() : m_interval;
    m_refresh.start(int(std::max<qint64>(0, m_interval - since)));
}

void Navigator::refreshNow()
{
    m_refresh.stop();
    m_dirty = false;
    QGraphicsScene* scene = m_view->scene();
    const qreal ratio = devicePixelRatioF();
    m_pixmap = QPixmap((QSizeF(size()) * ratio).toSize());
    m_pixmap.setDevicePixelRatio(ratio);
    m_pixmap.fill(QColor(0xFA, 0xFA, 0xFA));
    const auto* diagram = dynamic_cast<const DiagramScene*>(scene);
    m_area = diagram ? diagram->contentRect().adjusted(-40, -40, 40, 40) : scene ? scene->itemsBoundingRect().adjusted(-40, -40, 40, 40) : QRectF();
    m_drawn = QSizeF(size());
    if (!scene || m_area.isEmpty()) {
        update();
        return;
    }
    QElapsedTimer timer;
    timer.start();
    {
        QPainter painter(&m_pixmap);
        // Items choose their level of detail from the painter: at this scale, marks and hairlines.
        scene->render(&painter, sceneToWidget().mapRect(m_area), m_area, Qt::KeepAspectRatio);
    }
    m_interval = std::max<int>(kRefreshMs, int(timer.elapsed()) * 5);
    m_sinceRender.start();
    update();
}

QTransform Navigator::sceneToWidget() const
{
    if (m_area.isEmpty() || m_drawn.isEmpty())
        return {};
    // Scaled to fit, aspect kept, centred.
    const double scale = std::min(m_drawn.width() / m_area.width(), m_drawn.height() / m_area.height());
    const QPointF offset((m_drawn.width() - m_area.width() * scale) / 2, (m_drawn.height() - m_area.height() * scale) / 2);
    return QTransform::fromTranslate(-m_area.left(), -m_area.top()) * QTransform::fromScale(scale, scale) *
           QTransform::fromTranslate(offset.x(), offset.y());
}

QRectF Navigator::visibleRect() const { return sceneToWidget().mapRect(m_view->visibleSceneRect()); }

QPointF Navigator::toScene(QPointF pos) const { return sceneToWidget().inverted().map(pos); }

void Navigator::paintEvent(QPaintEvent*)
{
    if (m_dirty && !m_refresh.isActive())
        scheduleRefresh(); // first shown, or shown again after changes while hidden
    QPainter painter(this);
    painter.drawPixmap(0, 0, m_pixmap);
    // Dim what the canvas does not show; frame what it does.
    const QRectF shown = visibleRect().intersected(QRectF(rect()).adjusted(0, 0, -1, -1));
    QPainterPath outside;
    outside.addRect(QRectF(rect()));
    QPainterPath inside;
    inside.addRect(shown);
    painter.fillPath(outside.subtracted(inside), QColor(0, 0, 0, 40));
    painter.setPen(QPen(palette().highlight().color(), 2));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(shown);
}

void Navigator::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    scheduleRefresh();
}

void Navigator::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (m_dirty)
        scheduleRefresh();
}

void Navigator::panTo(QPointF widgetPos) { m_view->centerOn(toScene(widgetPos - m_grab)); }

void Navigator::mousePressEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton)
        return;
    const QRectF shown = visibleRect();
    // A press on the rectangle grabs it where it was pressed; elsewhere centres the view there.
    m_grab = shown.contains(event->position()) ? event->position() - shown.center() : QPointF();
    m_dragging = true;
    panTo(event->position());
}

void Navigator::mouseMoveEvent(QMouseEvent* event)
{
    if (m_dragging)
        panTo(event->position());
}

void Navigator::mouseReleaseEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton)
        m_dragging = false;
}

} // namespace pp::ui
