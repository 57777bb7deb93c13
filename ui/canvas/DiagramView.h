#pragma once

#ifndef Q_MOC_RUN
#include "model/Id.h"
#include "model/Kind.h"
#endif

#include "canvas/TitleOverlay.h"

#include <QGraphicsView>

class QGraphicsLineItem;
class QLineEdit;

namespace pp {
class ChangeSetBuilder;
struct Resource;
} // namespace pp

namespace pp::ui {

class Document;
class DiagramScene;
class ResourceItem;

// The canvas view: zoom with the wheel or keys, fit to view, pan by dragging with the middle
// button, rubber-band selection, drops from the palette (and of design files), the keyboard
// (arrows nudge, Escape cancels), renaming in place, and Draw Flow.
class DiagramView : public QGraphicsView {
    Q_OBJECT
public:
    DiagramView(Document& document, DiagramScene* scene, QWidget* parent = nullptr);

    double zoom() const;
    // Zooms to `zoom` (1 = 100 %) about the centre of the view.
    void setZoom(double zoom);
    // The part of the scene in sight.
    QRectF visibleSceneRect() const;
    // The container titles drawn at screen size over the canvas at this zoom (see TitleOverlay).
    QList<TitleOverlay::Title> overlayTitles() const;
    // Creates a resource of `kind` dropped at `scenePos` (what a palette drop does).
    bool dropKind(int kind, QPointF scenePos);
    // Flow mode: dragging from one resource to another draws a flow between them.
    void setFlowMode(bool on);
    bool flowMode() const { return m_flowMode; }
    // Creates a flow from `source` to `destination` (what a flow drag does).
    bool connectFlow(const ResourceId& source, const ResourceId& destination);
    // Creates the structural link between two resources, if they have one: a peering between
    // VPCs, an attachment between a VPC and a transit gateway, an endpoint's service, a
    // Site-to-Site VPN between a customer gateway and a virtual private or transit gateway, a
    // customer gateway's on-premises network, a virtual private gateway's VPC, a Direct Connect
    // virtual interface from an on-premises network, a DX gateway association.
    bool connectLink(const ResourceId& source, const ResourceId& destination);
    // Whether a flow or link can start at a resource of this kind.
    static bool canStartConnection(Kind kind);
    // Draw Flow from this resource: the next click (or release) on another one ends it.
    void startFlowFrom(const ResourceId& source);
    // Renames a resource or flow in place: an editor over its label; Enter commits, Escape cancels.
    void startRename(QGraphicsItem* item);
    QLineEdit* renameEditor() const { return m_rename; }

public slots:
    void zoomIn();
    void zoomOut();
    void zoomReset();
    void fitAll();
    void fitSelection();
    // Selects these resources and brings them into view (zooming in when they are too small to
    // read), and gives the canvas the focus.
    void centreOn(const QStringList& ids);
    // Scrolls so the selection is in view (zooming out only when it does not fit).
    void ensureSelectionVisible();

signals:
    void statusMessage(const QString& message);
    void natGatewayAdded(const QString& id);
    void flowAdded(const QString& id);
    void flowModeChanged(bool on);
    void nudgeRequested(double dx, double dy);
    void contextMenuRequested(QPointF scenePos, QPoint globalPos);
    void fileDropped(const QString& path);
    // The zoom changed (1 = 100 %).
    void zoomChanged(double zoom);
    // What is in sight changed: scrolled, zoomed or resized (the navigator follows).
    void visibleAreaChanged();

protected:
    void wheelEvent(QWheelEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dragMoveEvent(QDragMoveEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;
    void drawForeground(QPainter* painter, const QRectF& rect) override;
    void scrollContentsBy(int dx, int dy) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void scaleBy(double factor);
    // After any change of the transform: tells the zoom and the visible area to listeners.
    void viewChanged();
    // Far out (below ResourceItem::kMarkZoom) the scene is drawn as marks: no spatial index and
    // no tile caches, which cost more there than they save. Called when the zoom crosses it.
    void adaptToZoom();
    void setTileCaching(const QSet<QString>& ids, bool on);
    static void setTileDetail(ResourceItem* item, bool near);
    class ResourceItem* resourceAt(const QPoint& viewPos) const;
    void finishRename(bool commit);
    void cancelFlow();
    QString addVpn(ChangeSetBuilder& b, const Resource& customerGateway, const struct Resource& awsEnd);
    QString addVirtualInterface(ChangeSetBuilder& b, const Resource& onPremises, const struct Resource& awsEnd);
    QString associateDirectConnectGateway(ChangeSetBuilder& b, const Resource& dxGateway, const struct Resource& awsEnd);
    Document& m_document;
    DiagramScene* m_scene;
    bool m_flowMode = false;
    class ResourceItem* m_flowSource = nullptr;
    QGraphicsLineItem* m_rubberFlow = nullptr;
    bool m_flowFromMenu = false; // the flow started from a context menu: it ends on the next click
    QLineEdit* m_rename = nullptr;
    QString m_renamed; // the id being renamed
    double m_shownZoom = 1.0; // the zoom last announced by zoomChanged
    bool m_fresh = false;     // the scene was rebuilt: its index and tiles wait for adaptToZoom
    bool m_far = false;       // zoomed out below ResourceItem::kMarkZoom (see adaptToZoom)
};

} // namespace pp::ui
