#pragma once

// moc does not need the core (and cannot parse its C++20 concepts).
#ifndef Q_MOC_RUN
#include "model/Design.h"
#endif

#include <QGraphicsScene>
#include <QHash>
#include <QSet>
#include <QTimer>

namespace pp::ui {

class Document;
class ResourceItem;
class FlowItem;

// The canvas: one item per drawn resource and per flow, built from the document. It turns
// finished drags into change-sets and shows the selected flow's path.
class DiagramScene : public QGraphicsScene {
    Q_OBJECT
public:
    explicit DiagramScene(Document& document, QObject* parent = nullptr);

    // How the scene draws: the interactive canvas, or an export of it.
    struct Presentation {
        bool exporting = false;     // no grid, no selection marks, no item caches, full detail at any zoom
        bool verdictColours = true; // flows coloured by verdict; false: all in one neutral colour
        bool publicPaths = false;   // ring the hops of every public flow, not only the selected flow's
    };
    void setPresentation(const Presentation& presentation);
    const Presentation& presentation() const { return m_presentation; }

    ResourceItem* itemFor(const std::string& id) const;
    FlowItem* flowItemFor(const std::string& id) const;
    QList<ResourceId> selectedResources() const;
    // Highlights the hops of a flow on the canvas (empty id: none).
    void showFlowPath(const FlowId& flow);
    const FlowId& shownFlow() const { return m_shownFlow; }
    // A shape moved or was resized: connectors follow. With the item (during a drag), only the
    // connectors attached to it or to what it holds are routed again, around the others as they
    // are; without, every connector is.
    void itemMoved(ResourceItem* moved = nullptr);
    void commitResize(ResourceItem* item); // a resize ended: one change-set

signals:
    void statusMessage(const QString& message);

public slots:
    void rebuild();
    void refreshStyles();

protected:
    void mousePressEvent(QGraphicsSceneMouseEvent* event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent* event) override;
    void drawBackground(QPainter* painter, const QRectF& rect) override;

private:
    void onChanged(const QSet<QString>& ids);
    void updateHighlights();
    // Routes the connectors attached to `moved` (or to what they hold) or running across them;
    // all connectors when `moved` is empty.
    void routeConnectors(const QList<ResourceItem*>& moved, bool quick = false);
    QString structure() const;
    // The pairs of drawn resources a structural link joins (derived from the model).
    std::vector<std::pair<std::string, std::string>> linkEnds() const;

    Document& m_document;
    QHash<QString, ResourceItem*> m_items;
    QHash<QString, FlowItem*> m_flows;
    QList<class LinkItem*> m_links;
    FlowId m_shownFlow;
    QString m_structure;
    bool m_rebuilding = false;
    Presentation m_presentation;
    QSet<ResourceItem*> m_dragged; // moved by the mouse since the last change of the document
    QTimer m_settle;               // a full routing pass shortly after shapes moved
};

} // namespace pp::ui
