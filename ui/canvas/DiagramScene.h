#pragma once

// moc does not need the core (and cannot parse its C++20 concepts).
#ifndef Q_MOC_RUN
#include "analysis/AnalysisResult.h"
#include "design/Design.h"
#endif

#include <QGraphicsScene>
#include <QHash>
#include <QSet>
#include <QTimer>
#include <functional>
#include <string>
#include <unordered_map>

namespace pp::ui {

class Document;
class ResourceItem;
class FlowItem;
class LinkItem;
class ConnectorItem;
class ExposureBadge;

// The canvas: one item per drawn resource, per flow and per structural link, kept in id -> item
// maps (the QtNodes way). The document's changes are applied in place from the ids a change
// touched: items are added, removed, re-parented or moved; everything else (the selection, the
// view, unrelated items and their routes) survives an edit. Only opening a document builds the
// scene from scratch.
//
// Picking follows one order, whatever the stacking: a container's resize handle, a tile, a
// connector (near its stroke), a container's body, the empty canvas.
class DiagramScene : public QGraphicsScene {
    Q_OBJECT
public:
    explicit DiagramScene(Document& document, QObject* parent = nullptr);
    ~DiagramScene() override;

    // How the scene draws: the interactive canvas, or an export of it.
    struct Presentation {
        bool exporting = false;     // no grid, no selection marks, no item caches, full detail at any zoom
        bool verdictColours = true; // flows coloured by verdict; false: all in one neutral colour
        bool publicPaths = false;   // ring the hops of every public flow, not only the selected flow's
    };
    void setPresentation(const Presentation& presentation);
    const Presentation& presentation() const { return m_presentation; }

    ResourceItem* itemFor(const std::string& id) const;
    const QHash<QString, ResourceItem*>& resourceItems() const { return m_items; }
    // The view is zoomed far out (below ResourceItem::kMarkZoom): details that cannot be read are
    // not drawn at all.
    void setFarOut(bool far);
    // The tooltip for the point (what the canvas shows on hover; empty: none).
    QString toolTipAt(const QPointF& scenePos);
    // Room around the content, in the scene rectangle and when the view fits it.
    static constexpr double kSceneMargin = 40;
    // How far apart lines that share a stretch are drawn.
    static constexpr double kParallelGap = 6;
    // Told how far drawing a whole design has got (percent) and what it is doing: the window
    // shows it while a big design opens. Called from inside the rebuild: it must not run events.
    using Progress = std::function<void(int percent, const QString& stage)>;
    void setProgress(Progress progress) { m_progress = std::move(progress); }
    // Where everything is drawn: the union of the top-level items (containers hold what they
    // draw). Unlike QGraphicsScene::itemsBoundingRect it neither lists nor sorts every item.
    QRectF contentRect() const;
    FlowItem* flowItemFor(const std::string& id) const;
    int itemCount() const { return int(m_items.size()); }
    int linkCount() const { return int(m_links.size()); }
    QList<ResourceId> selectedResources() const;
    QList<FlowId> selectedFlows() const;
    // Selects exactly these resources and flows (ids of either), nothing else.
    void selectIds(const QStringList& ids);
    // Highlights the hops of a flow on the canvas (empty id: none).
    void showFlowPath(const FlowId& flow);
    const FlowId& shownFlow() const { return m_shownFlow; }
    // Highlights the hops of a path that is not a drawn flow (a policy violation's; nullopt: none).
    void showTrace(std::optional<FlowResult> trace);
    const std::optional<FlowResult>& shownTrace() const { return m_shownTrace; }
    // Whether the tile is ringed as the place where a public flow leaves the private network.
    bool isExitHighlighted(const ResourceItem* item) const;
    // The colour of exit rings and exposure badges (the public verdict's, or neutral without
    // verdict colours).
    QColor exitColour() const;
    // The internet exposure of a drawn workload (nullptr: none), and its badge on the canvas.
    const Exposure* exposureOf(const std::string& id) const;
    ExposureBadge* exposureBadgeFor(const std::string& id) const
    {
        const auto it = m_exposureBadges.find(id);
        return it == m_exposureBadges.end() ? nullptr : it->second.badge;
    }
    // What a click at `scenePos` picks, in the canvas's order (handle, tile, connector, container
    // body); nullptr on empty canvas.
    QGraphicsItem* pick(const QPointF& scenePos) const;
    // The resource under `scenePos` that a flow or link may start or end at: a tile, else the
    // innermost container.
    ResourceItem* resourceAt(const QPointF& scenePos) const;
    // A shape moved or was resized: connectors follow. With the item (during a drag), only the
    // connectors attached to it or to what it holds are routed again, around the others as they
    // are; without, every connector is.
    void itemMoved(ResourceItem* moved = nullptr);
    void commitResize(ResourceItem* item); // a resize ended: one change-set
    // Cancels a drag in progress (Escape): the dragged shapes go back, nothing is recorded.
    bool cancelDrag();
    bool isDragging() const { return m_pressed; }

signals:
    void statusMessage(const QString& message);
    // The selection changed and the scene is consistent again. Emitted once after an edit, never
    // while items are being added or removed (listeners may read the scene freely).
    void selectionSettled();
    // The user double-clicked a resource or flow (rename in place).
    void renameRequested(QGraphicsItem* item);

public slots:
    void rebuild();
    void refreshStyles();

protected:
    void mousePressEvent(QGraphicsSceneMouseEvent* event) override;
    void mouseMoveEvent(QGraphicsSceneMouseEvent* event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent* event) override;
    void mouseDoubleClickEvent(QGraphicsSceneMouseEvent* event) override;
    void drawBackground(QPainter* painter, const QRectF& rect) override;
    void helpEvent(QGraphicsSceneHelpEvent* event) override;

private:
    void onChanged(const QSet<QString>& ids);
    void onSelectionChanged();
    // Creates or updates the items of these drawn resources (parents before children).
    // The scene rectangle around the content (reset: exactly; else only ever grown).
    void fitSceneRect(bool reset);
    // The tiles drawn in `container` (nullptr: on the canvas) paint their labels again.
    void refitLabelsIn(QGraphicsItem* container);
    void syncShapes(const std::vector<const Shape*>& shapes, QList<ResourceItem*>* moved);
    void syncFlow(const Flow& flow);
    void syncLinks();
    void removeFlowItem(const QString& id);
    void removeResourceItem(const QString& id);
    void updateHighlights();
    // Routes the connectors attached to `moved` (or to what they hold) or running across them;
    // all connectors when `moved` is empty; only connectors never routed yet with `newOnly`.
    void routeConnectors(const QList<ResourceItem*>& moved, bool quick = false, bool newOnly = false);
    // The pairs of drawn resources a structural link joins (derived from the model), and the
    // resource whose reference makes the link.
    struct LinkEnds {
        std::string from;
        std::string to;
        std::string maker;
    };
    std::vector<LinkEnds> linkEnds() const;
    // The devices each drawn flow passes through, from the analysis: flows whose path changed
    // are routed again.
    void syncFlowLegs();
    // Badges on the workloads the analysis finds exposed to the internet.
    void syncExposure();
    // Connectors that must not take a press at `scenePos` because a tile or handle is under them.
    QList<QGraphicsItem*> connectorsOverTiles(const QPointF& scenePos) const;
    void commitDrag();
    void settleRoutes();
    // Above this many drawn resources, routing after a move is limited to what the move concerns.
    static constexpr int kFullSettleLimit = 3000;

    Document& m_document;
    QHash<QString, ResourceItem*> m_items;
    QHash<QString, FlowItem*> m_flows;
    QHash<QString, LinkItem*> m_links; // keyed "from\nto"
    // Keyed by the model's ids: synced from thousands of exposures after every edit, without
    // conversions. `sweep`: the last syncExposure() that found the workload exposed.
    struct Badge {
        ExposureBadge* badge = nullptr; // a child of its tile
        unsigned sweep = 0;
    };
    std::unordered_map<std::string, Badge> m_exposureBadges;
    unsigned m_exposureSweep = 0;
    QStringList m_linkOrder;           // the links' keys in model order: routing order, so routes are deterministic
    QHash<ResourceItem*, QColor> m_highlighted; // the rings drawn now
    FlowId m_shownFlow;
    std::optional<FlowResult> m_shownTrace;
    int m_updating = 0;               // > 0 while items are added or removed
    bool m_selectionDirty = false;    // the selection changed while updating
    Presentation m_presentation;
    QSet<ResourceItem*> m_dragged;    // moved by the mouse since the last change of the document
    bool m_pressed = false;           // a left-button press on an item, not yet released
    QSet<ResourceItem*> m_unsettled;  // moved since the last settling pass
    Progress m_progress;
    bool m_farOut = false;
    QSet<QGraphicsItem*> m_leftFrom; // containers that lost a tile during the current update
    QTimer m_settle;                  // a full routing pass shortly after shapes moved
};

} // namespace pp::ui
