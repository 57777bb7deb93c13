#include "canvas/DiagramScene.h"
#include "canvas/ParallelRuns.h"

#include "canvas/FlowItem.h"
#include "canvas/ExposureBadge.h"
#include "canvas/FlowLegs.h"
#include "canvas/ResourceItem.h"
#include "canvas/Routing.h"
#include "canvas/Style.h"
#include "document/Document.h"
#include "model/References.h"

#include <QLocale>
#include <QPainter>
#include <cmath>
#include <functional>
#include <set>
#include <unordered_map>

namespace pp::ui {
namespace {

QString linkKey(const std::string& from, const std::string& to) { return QString::fromStdString(from + "\n" + to); }

// Counts nested updates; the outermost one tells the selection's listeners once it is done.
class UpdateGuard {
public:
    UpdateGuard(int& depth, const std::function<void()>& done) : m_depth(depth), m_done(done) { ++m_depth; }
    ~UpdateGuard()
    {
        if (--m_depth == 0)
            m_done();
    }
    UpdateGuard(const UpdateGuard&) = delete;
    UpdateGuard& operator=(const UpdateGuard&) = delete;

private:
    int& m_depth;
    std::function<void()> m_done;
};

} // namespace

DiagramScene::DiagramScene(Document& document, QObject* parent) : QGraphicsScene(parent), m_document(document)
{
    connect(&m_document, &Document::reloaded, this, &DiagramScene::rebuild);
    connect(&m_document, &Document::changed, this, &DiagramScene::onChanged);
    connect(&m_document, &Document::analysisUpdated, this, &DiagramScene::refreshStyles);
    connect(this, &QGraphicsScene::selectionChanged, this, &DiagramScene::onSelectionChanged);
    setFont(style::canvasFont());
    m_settle.setSingleShot(true);
    m_settle.setInterval(300); // once the hand has left the mouse: a full pass takes ~0.1 s at 2,000 resources
    connect(&m_settle, &QTimer::timeout, this, &DiagramScene::settleRoutes);
    rebuild();
}

DiagramScene::~DiagramScene()
{
    // Items are destroyed by QGraphicsScene's destructor and may signal on the way: no one listens.
    disconnect();
    m_updating = 1;
    m_items.clear();
    m_flows.clear();
    m_links.clear();
    m_highlighted.clear();
    m_exposureBadges.clear();
}

ResourceItem* DiagramScene::itemFor(const std::string& id) const { return m_items.value(QString::fromStdString(id)); }
FlowItem* DiagramScene::flowItemFor(const std::string& id) const { return m_flows.value(QString::fromStdString(id)); }

void DiagramScene::onSelectionChanged()
{
    if (m_updating > 0) {
        m_selectionDirty = true;
        return;
    }
    updateHighlights(); // a selected exposed workload shows how it meets the internet
    emit selectionSettled();
}

void DiagramScene::rebuild()
{
    // A new or reopened document: nothing selected, no path shown from the one before.
    UpdateGuard guard(m_updating, [this] {
        if (std::exchange(m_selectionDirty, false))
            emit selectionSettled();
    });
    clearSelection();
    m_settle.stop();
    m_dragged.clear();
    m_unsettled.clear();
    m_highlighted.clear();
    m_exposureBadges.clear();
    m_items.clear();
    m_flows.clear();
    m_links.clear();
    m_shownFlow = FlowId();
    m_shownTrace.reset();
    m_pressed = false;
    clear();
    // Items go into a plain list while they are made; the view picks the index the zoom needs
    // once it knows the zoom (DiagramView::adaptToZoom): building a spatial index for 50,000
    // items, only to drop it at fit-to-view, cost a quarter of a second.
    setItemIndexMethod(QGraphicsScene::NoIndex);
    m_selectionDirty = true;
    const Design& d = m_document.design();
    auto report = [this](int percent, const QString& stage) {
        if (m_progress)
            m_progress(percent, stage);
    };
    std::vector<const Shape*> shapes;
    for (const Shape& s : d.diagram.shapes)
        if (d.find(s.resource))
            shapes.push_back(&s);
    report(35, tr("Drawing %1 resources…").arg(QLocale().toString(qulonglong(shapes.size()))));
    syncShapes(shapes, nullptr);
    for (const Flow& f : d.flows())
        syncFlow(f);
    syncLinks();
    report(55, tr("Marking exposure and flow paths…"));
    syncFlowLegs();
    syncExposure();
    report(65, tr("Routing %1 connectors…").arg(QLocale().toString(m_flows.size() + m_links.size())));
    routeConnectors({});
    updateHighlights();
    fitSceneRect(true);
}

void DiagramScene::refitLabelsIn(QGraphicsItem* container)
{
    const QList<QGraphicsItem*> siblings = container ? container->childItems() : QList<QGraphicsItem*>();
    for (QGraphicsItem* item : siblings)
        if (item->type() == ResourceItem::Type && !style::isContainer(static_cast<ResourceItem*>(item)->kind()))
            item->update(); // also drops its cached image
    // On the canvas itself, tiles are few (services, internet hosts): each repaints, cheaply.
    if (!container)
        for (ResourceItem* item : std::as_const(m_items))
            if (!item->parentItem() && !style::isContainer(item->kind()))
                item->update();
}

void DiagramScene::setFarOut(bool far)
{
    // Far out a badge is a speck nobody can read, and thousands of them cost the view work per
    // item on every repaint: hidden until the view comes closer.
    if (far == m_farOut)
        return;
    m_farOut = far;
    for (const auto& [id, entry] : m_exposureBadges)
        entry.badge->setVisible(!far);
}

QRectF DiagramScene::contentRect() const
{
    QRectF area;
    for (const ResourceItem* item : m_items)
        if (!item->parentItem())
            area |= item->sceneBoundingRect();
    for (const FlowItem* flow : m_flows)
        area |= flow->sceneBoundingRect();
    for (const LinkItem* link : m_links)
        area |= link->sceneBoundingRect();
    return area;
}

void DiagramScene::fitSceneRect(bool reset)
{
    // An explicit rectangle: without one, Qt recomputes the bounding box of every item (sorted)
    // after each edit that moves or resizes anything, which at 10,000 items costs more than the
    // edit. It grows with the content, like Qt's own (and during a drag, itemMoved); the margin
    // is fit-to-view's, so a fitted view has no scroll bars.
    const QRectF wanted = contentRect().adjusted(-kSceneMargin, -kSceneMargin, kSceneMargin, kSceneMargin);
    const QRectF next = reset || sceneRect().isEmpty() ? wanted : sceneRect().united(wanted);
    if (next != sceneRect())
        setSceneRect(next);
}

void DiagramScene::syncShapes(const std::vector<const Shape*>& shapes, QList<ResourceItem*>* moved)
{
    // Parents before children: a shape's parent may come later in the list, or be created by the
    // same change.
    std::vector<const Shape*> pending = shapes;
    // A container that grows changes the bounding box of everything under it: with the BSP index,
    // Qt takes each descendant out of the index and puts it back one by one (20 ms for a Region
    // of 10,000). Dropping the index for the batch and rebuilding it once is cheaper.
    const bool bulk = itemIndexMethod() == QGraphicsScene::BspTreeIndex &&
                      std::any_of(shapes.begin(), shapes.end(), [&](const Shape* s) {
                          const ResourceItem* item = m_items.value(QString::fromStdString(s->resource.str()));
                          return item && item->size() != QSizeF(s->width, s->height) && item->childItems().size() > 0;
                      });
    if (bulk)
        setItemIndexMethod(QGraphicsScene::NoIndex);
    std::set<std::string> waiting;
    for (const Shape* s : pending)
        waiting.insert(s->resource.str());
    for (bool progress = true; !pending.empty();) {
        const bool stuck = !progress; // a parent loop in a broken file: draw the rest at the top
        progress = false;
        for (auto it = pending.begin(); it != pending.end();) {
            const Shape* s = *it;
            if (!stuck && s->parent && *s->parent != s->resource && waiting.count(s->parent->str())) {
                ++it;
                continue;
            }
            const QString id = QString::fromStdString(s->resource.str());
            ResourceItem* parent = s->parent ? itemFor(s->parent->str()) : nullptr;
            ResourceItem* item = m_items.value(id);
            bool changed = false;
            if (!item) {
                item = new ResourceItem(m_document, s->resource, QSizeF(s->width, s->height));
                if (m_presentation.exporting)
                    item->setCacheMode(QGraphicsItem::NoCache);
                if (parent)
                    item->setParentItem(parent);
                else
                    addItem(item);
                m_items.insert(id, item);
                changed = true;
            } else if (item->parentItem() != parent && parent != item && !(parent && item->isAncestorOf(parent))) {
                item->setParentItem(parent);
                changed = true;
            }
            if (item->pos() != QPointF(s->x, s->y)) {
                item->placeAt(QPointF(s->x, s->y));
                changed = true;
            }
            if (item->size() != QSizeF(s->width, s->height)) {
                // A container growing or shrinking moves nothing it holds: connectors need another
                // look only where its title block is.
                item->setSize(QSizeF(s->width, s->height));
                changed = changed || !style::isContainer(item->kind());
            }
            item->markDragStart();
            // A drag's items are already where the model says; routes across them must still be settled.
            if (moved && (changed || m_dragged.contains(item)))
                *moved << item;
            item->update();
            waiting.erase(s->resource.str());
            it = pending.erase(it);
            progress = true;
        }
    }
    if (bulk)
        setItemIndexMethod(QGraphicsScene::BspTreeIndex);
    // Stacking among siblings follows the drawing's order (Bring to Front, Send to Back): z is the
    // item's band (containers 0, tiles 2: tiles stay above containers, top-level containers below
    // the links at 1) plus its rank among the siblings of the synced shapes' containers.
    std::set<std::string> containers; // "" = the canvas
    for (const Shape* s : shapes)
        containers.insert(s->parent ? s->parent->str() : std::string());
    const std::vector<Shape>& all = m_document.design().diagram.shapes;
    std::unordered_map<std::string, int> rank;
    for (const Shape& s : all)
        if (const std::string key = s.parent ? s.parent->str() : std::string(); containers.count(key))
            if (ResourceItem* item = itemFor(s.resource.str())) {
                const double band = style::isContainer(item->kind()) ? 0 : 2;
                item->setZValue(band + double(++rank[key]) / double(all.size() + 1));
            }
}

void DiagramScene::syncFlow(const Flow& f)
{
    const QString id = QString::fromStdString(f.id.str());
    ResourceItem* from = itemFor(f.source.str());
    ResourceItem* to = itemFor(f.destination.str());
    FlowItem* item = m_flows.value(id);
    if (item && (item->source() != from || item->destination() != to)) {
        removeFlowItem(id);
        item = nullptr;
    }
    if (!from || !to) // not drawn: listed in the panels only
        return;
    if (!item) {
        item = new FlowItem(m_document, f.id, from, to);
        addItem(item);
        m_flows.insert(id, item);
        item->setRouted(false);
    }
    item->updateStyle();
}

void DiagramScene::syncLinks()
{
    // Links are derived from the model's references: compare the wanted set with the drawn one.
    QSet<QString> wanted;
    QStringList order;
    for (const auto& [from, to, maker] : linkEnds()) {
        const QString key = linkKey(from, to);
        wanted.insert(key);
        order << key;
        if (LinkItem* drawn = m_links.value(key)) {
            if (drawn->maker() == maker)
                continue;
            delete drawn; // another resource makes it now: another label and style
            m_links.remove(key);
        }
        auto* link = new LinkItem(m_document, itemFor(from), itemFor(to), maker);
        addItem(link);
        link->setRouted(false);
        m_links.insert(key, link);
    }
    m_linkOrder = order;
    for (auto it = m_links.begin(); it != m_links.end();) {
        if (wanted.contains(it.key())) {
            ++it;
            continue;
        }
        delete it.value();
        it = m_links.erase(it);
    }
}

void DiagramScene::removeFlowItem(const QString& id)
{
    FlowItem* item = m_flows.take(id);
    if (!item)
        return;
    if (m_shownFlow.str() == id.toStdString())
        m_shownFlow = FlowId();
    delete item;
}

void DiagramScene::removeResourceItem(const QString& id)
{
    ResourceItem* item = m_items.value(id);
    if (!item)
        return;
    // Connectors at it go first: they point at their ends.
    for (auto it = m_links.begin(); it != m_links.end();) {
        if (it.value()->from() == item || it.value()->to() == item) {
            delete it.value();
            it = m_links.erase(it);
        } else {
            ++it;
        }
    }
    QStringList flows;
    for (auto it = m_flows.cbegin(); it != m_flows.cend(); ++it)
        if (it.value()->source() == item || it.value()->destination() == item)
            flows << it.key();
    for (const QString& flow : flows)
        removeFlowItem(flow);
    for (FlowItem* flow : std::as_const(m_flows))
        flow->forget(item);
    // What it holds is not deleted with it: it has its own entry (removed or re-parented).
    for (QGraphicsItem* child : item->childItems())
        if (dynamic_cast<ResourceItem*>(child))
            child->setParentItem(nullptr);
    m_items.remove(id);
    m_exposureBadges.erase(id.toStdString()); // deleted with its tile
    m_highlighted.remove(item);
    m_dragged.remove(item);
    m_unsettled.remove(item);
    m_leftFrom.remove(item);
    // Far out its container painted its mark (ResourceItem::setDrawnByContainer).
    if (QGraphicsItem* container = item->parentItem(); container && item->drawnByContainer())
        container->update(item->mapRectToParent(item->boundingRect()));
    if (m_updating > 0)
        m_leftFrom.insert(item->parentItem()); // its neighbours' labels may take the room
    delete item;
}

void DiagramScene::onChanged(const QSet<QString>& ids)
{
    UpdateGuard guard(m_updating, [this] {
        if (std::exchange(m_selectionDirty, false))
            emit selectionSettled();
    });
    const Design& d = m_document.design();
    // The touched ids' shapes, in one pass over the drawing.
    std::unordered_map<std::string, const Shape*> shapes;
    for (const Shape& s : d.diagram.shapes)
        if (ids.contains(QString::fromStdString(s.resource.str())) && d.find(s.resource))
            shapes[s.resource.str()] = &s;
    // Removed: no longer drawn (or no longer in the model). Their connectors go with them; what
    // they held is re-placed below from its own shape.
    QSet<QString> orphans;
    for (const QString& id : ids) {
        ResourceItem* item = m_items.value(id);
        if (!item || shapes.count(id.toStdString()))
            continue;
        for (QGraphicsItem* child : item->childItems())
            if (auto* r = dynamic_cast<ResourceItem*>(child))
                orphans.insert(QString::fromStdString(r->resourceId().str()));
        removeResourceItem(id);
    }
    for (const QString& id : ids)
        if (m_flows.contains(id) && !d.findFlow(FlowId(id.toStdString())))
            removeFlowItem(id);
    // Added, moved, resized or re-parented.
    std::vector<const Shape*> sync;
    for (const auto& [id, shape] : shapes)
        sync.push_back(shape);
    if (!orphans.isEmpty())
        for (const Shape& s : d.diagram.shapes)
            if (orphans.contains(QString::fromStdString(s.resource.str())) && !shapes.count(s.resource.str()) && d.find(s.resource))
                sync.push_back(&s);
    std::sort(sync.begin(), sync.end(), [](const Shape* a, const Shape* b) { return a->resource.str() < b->resource.str(); });
    QList<ResourceItem*> moved;
    syncShapes(sync, &moved);
    // Tile labels fit the room their neighbours leave (TileLabel.h): the neighbours of what
    // moved, arrived or left measure theirs again.
    QSet<QGraphicsItem*> containers = m_leftFrom;
    m_leftFrom.clear();
    for (ResourceItem* item : std::as_const(moved))
        containers.insert(item->parentItem());
    for (QGraphicsItem* container : std::as_const(containers))
        refitLabelsIn(container);
    for (ResourceItem* item : std::as_const(m_dragged))
        if (!moved.contains(item))
            moved << item;
    m_dragged.clear();
    // Flows: the touched ones, and any whose ends have just been drawn.
    for (const Flow& f : d.flows())
        if (ids.contains(QString::fromStdString(f.id.str())) || !m_flows.contains(QString::fromStdString(f.id.str())))
            syncFlow(f);
    syncLinks();
    // Touched resources repaint (names, addresses, badges); connectors at or across what moved
    // are routed at once, all of them shortly after, so the canvas matches a fresh drawing.
    for (const QString& id : ids)
        if (ResourceItem* item = m_items.value(id))
            item->modelChanged();
    for (LinkItem* link : std::as_const(m_links))
        if (ids.contains(QString::fromStdString(link->maker())))
            link->updateStyle();
    syncFlowLegs();
    syncExposure();
    if (!moved.isEmpty()) {
        routeConnectors(moved, m_items.size() > kFullSettleLimit);
        for (ResourceItem* item : std::as_const(moved))
            m_unsettled.insert(item);
        m_settle.start();
    } else {
        routeConnectors({}, false, true);
    }
    updateHighlights();
    fitSceneRect(false);
}

void DiagramScene::refreshStyles()
{
    for (FlowItem* f : std::as_const(m_flows))
        f->updateStyle();
    for (ResourceItem* r : std::as_const(m_items))
        r->update();
    // A result computed in the background: flows follow their new paths now. (During an edit
    // the scene is not in step with the model yet: onChanged() does it once the items are.)
    if (m_updating == 0 && !m_document.isApplying()) {
        syncExposure();
        syncFlowLegs();
        routeConnectors({}, false, true);
    }
    updateHighlights();
}

void DiagramScene::syncExposure()
{
    const unsigned sweep = ++m_exposureSweep;
    for (const Exposure& e : m_document.analysis().exposure) {
        if (!e.egress && !e.ingress)
            continue;
        auto it = m_exposureBadges.find(e.workload);
        if (it == m_exposureBadges.end()) {
            ResourceItem* tile = m_items.value(QString::fromStdString(e.workload));
            if (!tile)
                continue;
            auto* badge = new ExposureBadge(tile);
            badge->setVisible(!m_farOut);
            badge->setExposure(e, m_document.design());
            it = m_exposureBadges.emplace(e.workload, Badge{badge, sweep}).first;
        } else if (!(it->second.badge->exposure() == e)) {
            it->second.badge->setExposure(e, m_document.design());
        }
        // Unchanged: no new sentences (thousands of workloads on a big design).
        it->second.sweep = sweep;
    }
    std::erase_if(m_exposureBadges, [&](const auto& entry) {
        if (entry.second.sweep == sweep)
            return false;
        delete entry.second.badge;
        return true;
    });
}

const Exposure* DiagramScene::exposureOf(const std::string& id) const
{
    for (const Exposure& e : m_document.analysis().exposure)
        if (e.workload == id)
            return &e;
    return nullptr;
}

void DiagramScene::syncFlowLegs()
{
    const auto lookup = [this](const std::string& id) { return itemFor(id); };
    for (const FlowResult& result : m_document.analysis().flows) {
        FlowItem* flow = m_flows.value(QString::fromStdString(result.flow.str()));
        if (!flow)
            continue;
        const FlowLegs legs = flowLegs(result, flow->source(), flow->destination(), lookup);
        if (flow->setVia(legs.via))
            flow->setRouted(false);
        flow->setLegStyles(legs.exitLeg, legs.blockedLeg);
    }
}

void DiagramScene::settleRoutes()
{
    // Small designs: every connector, so the canvas shows exactly what a fresh drawing (an export,
    // a reopened file) gets. Large ones: the connectors at or across what moved, fully routed (a
    // full pass over 10,000 resources would freeze the window for seconds after every move).
    const QList<ResourceItem*> moved(m_unsettled.begin(), m_unsettled.end());
    m_unsettled.clear();
    routeConnectors(m_items.size() > kFullSettleLimit ? moved : QList<ResourceItem*>{});
}

void DiagramScene::itemMoved(ResourceItem* moved)
{
    if (m_updating > 0)
        return;
    if (!moved) {
        routeConnectors({});
        return;
    }
    m_dragged.insert(moved);
    m_unsettled.insert(moved);
    routeConnectors({moved}, true);
    // Dragged out past the edge: the scroll bars reach it while it moves.
    if (const QRectF at = moved->sceneBoundingRect().adjusted(-kSceneMargin, -kSceneMargin, kSceneMargin, kSceneMargin); !sceneRect().contains(at))
        setSceneRect(sceneRect().united(at));
}

void DiagramScene::routeConnectors(const QList<ResourceItem*>& moved, bool quick, bool newOnly)
{
    // Links first (in model order), then flows by id: the same design always routes the same way.
    std::vector<ConnectorItem*> connectors;
    for (const QString& key : std::as_const(m_linkOrder))
        if (LinkItem* l = m_links.value(key))
            connectors.push_back(l);
    QList<FlowItem*> flows = m_flows.values();
    std::sort(flows.begin(), flows.end(), [](const FlowItem* a, const FlowItem* b) { return a->flowId().str() < b->flowId().str(); });
    connectors.insert(connectors.end(), flows.begin(), flows.end());

    // Affected: new, attached to a moved shape (or to what it holds), or running across where one is now.
    std::vector<QRectF> areas;
    for (const ResourceItem* m : moved)
        areas.push_back(style::isContainer(m->kind()) ? m->headerLabelRect().translated(m->scenePos())
                                                      : QRectF(m->scenePos(), m->size()).adjusted(-6, -4, 6, 26));
    auto affected = [&](const ConnectorItem* c) {
        if (!c->isRouted())
            return true;
        if (newOnly)
            return false;
        if (moved.isEmpty())
            return true;
        for (const ResourceItem* m : moved)
            if (c->touches(m))
                return true;
        const QPainterPath& path = c->path();
        return std::any_of(areas.begin(), areas.end(),
                           [&](const QRectF& area) { return path.boundingRect().intersects(area) && path.intersects(area); });
    };
    std::vector<bool> reroute;
    bool any = false;
    for (const ConnectorItem* c : connectors) {
        reroute.push_back(affected(c));
        any = any || reroute.back();
    }
    if (!any)
        return;

    // Connectors that stay as they are count as already routed.
    RouteObstacles obstacles(m_items.values());
    obstacles.setQuick(quick);
    auto add = [&](const ConnectorItem* c) {
        for (const QPolygonF& leg : c->legs())
            obstacles.addRoute(leg);
    };
    for (std::size_t i = 0; i < connectors.size(); ++i)
        if (!reroute[i])
            add(connectors[i]);
    for (std::size_t i = 0; i < connectors.size(); ++i)
        if (reroute[i]) {
            connectors[i]->updateRoute(&obstacles);
            connectors[i]->setRouted(true);
            add(connectors[i]);
        }
    // Lines that share a stretch run side by side, and no label covers another.
    std::vector<QList<QPolygonF>> routes;
    routes.reserve(connectors.size());
    for (const ConnectorItem* c : connectors)
        routes.push_back(c->legs());
    if (spreadParallelRuns(routes, kParallelGap))
        for (std::size_t i = 0; i < connectors.size(); ++i)
            if (routes[i] != connectors[i]->legs())
                connectors[i]->setLegs(routes[i]);
    std::vector<QRectF> labels;
    for (ConnectorItem* c : connectors)
        if (!c->label().isEmpty()) {
            c->placeLabelAvoiding(labels);
            labels.push_back(c->labelRect());
        }
}

QList<ResourceId> DiagramScene::selectedResources() const
{
    QList<ResourceId> out;
    for (QGraphicsItem* item : selectedItems())
        if (auto* r = dynamic_cast<ResourceItem*>(item))
            out << r->resourceId();
    return out;
}

QList<FlowId> DiagramScene::selectedFlows() const
{
    QList<FlowId> out;
    for (QGraphicsItem* item : selectedItems())
        if (auto* f = dynamic_cast<FlowItem*>(item))
            out << f->flowId();
    return out;
}

void DiagramScene::selectIds(const QStringList& ids)
{
    UpdateGuard guard(m_updating, [this] {
        if (std::exchange(m_selectionDirty, false))
            emit selectionSettled();
    });
    clearSelection();
    for (const QString& id : ids) {
        if (ResourceItem* r = m_items.value(id))
            r->setSelected(true);
        else if (FlowItem* f = m_flows.value(id))
            f->setSelected(true);
    }
}

void DiagramScene::setPresentation(const Presentation& presentation)
{
    m_presentation = presentation;
    if (presentation.exporting) {
        clearSelection();
        for (ResourceItem* item : std::as_const(m_items))
            item->setCacheMode(QGraphicsItem::NoCache);
    }
    for (FlowItem* f : std::as_const(m_flows))
        f->updateStyle();
    updateHighlights();
    update();
}

void DiagramScene::showFlowPath(const FlowId& flow)
{
    m_shownFlow = flow;
    updateHighlights();
}

void DiagramScene::showTrace(std::optional<FlowResult> trace)
{
    m_shownTrace = std::move(trace);
    updateHighlights();
}

void DiagramScene::updateHighlights()
{
    QHash<ResourceItem*, QColor> rings;
    // Containers (the VPC answering DNS, a subnet) are not ringed: only the hops inside them.
    auto ring = [&](const FlowResult& result, const QColor& colour) {
        for (std::size_t i = 0; i < result.path.size(); ++i)
            if (ResourceItem* item = itemFor(result.path[i].resource); item && !style::isContainer(item->kind()))
                rings[item] = result.leavesAt && *result.leavesAt == i ? style::verdictColor(Verdict::Public) : colour;
    };
    // Where every drawn public flow leaves the private network, always; with the presentation's
    // option, all its hops.
    for (const FlowResult& result : m_document.analysis().flows) {
        if (result.verdict != Verdict::Public || !m_flows.contains(QString::fromStdString(result.flow.str())))
            continue;
        if (m_presentation.publicPaths)
            ring(result, style::publicPathRingColor());
        else if (result.leavesAt && *result.leavesAt < result.path.size())
            if (ResourceItem* item = itemFor(result.path[*result.leavesAt].resource); item && !style::isContainer(item->kind()))
                rings[item] = exitColour();
    }
    // A selected exposed workload: the devices through which it reaches the internet or is
    // reached from it.
    if (const QList<QGraphicsItem*> selected = selectedItems(); selected.size() == 1)
        if (auto* tile = dynamic_cast<ResourceItem*>(selected.front()))
            if (const Exposure* e = exposureOf(tile->resourceId().str()))
                for (const auto* via : {&e->egressVia, &e->ingressVia})
                    for (std::size_t i = 0; i < via->size(); ++i)
                        if (ResourceItem* item = itemFor((*via)[i]); item && !style::isContainer(item->kind()))
                            rings[item] = exitColour();
    if (m_shownFlow.empty() || !m_flows.contains(QString::fromStdString(m_shownFlow.str())))
        m_shownFlow = FlowId();
    else if (const FlowResult* result = m_document.flowResult(m_shownFlow))
        ring(*result, style::verdictColor(result->verdict));
    if (m_shownTrace)
        ring(*m_shownTrace, style::verdictColor(m_shownTrace->verdict));
    // Only the items whose ring changes are repainted.
    for (auto it = m_highlighted.cbegin(); it != m_highlighted.cend(); ++it)
        if (!rings.contains(it.key()))
            it.key()->setHighlight(QColor());
    for (auto it = rings.cbegin(); it != rings.cend(); ++it)
        if (m_highlighted.value(it.key()) != it.value())
            it.key()->setHighlight(it.value());
    m_highlighted = rings;
}

bool DiagramScene::isExitHighlighted(const ResourceItem* item) const
{
    return m_highlighted.value(const_cast<ResourceItem*>(item)) == exitColour();
}

QColor DiagramScene::exitColour() const
{
    // Without verdict colours (grey print), the ring is still there, in the flows' one colour.
    return m_presentation.verdictColours ? style::verdictColor(Verdict::Public) : style::neutralFlowColor();
}

std::vector<DiagramScene::LinkEnds> DiagramScene::linkEnds() const
{
    std::vector<LinkEnds> out;
    const Design& d = m_document.design();
    static const KindMask linking{Kind::VpcEndpoint, Kind::EndpointService, Kind::LoadBalancer, Kind::VpcPeering,
                                  Kind::TransitGatewayAttachment, Kind::VpnConnection, Kind::CustomerGateway,
                                  Kind::DirectConnectVirtualInterface, Kind::DirectConnectGateway,
                                  Kind::ResourceConfiguration, Kind::ServiceNetwork};
    static const KindMask linked{Kind::Vpc, Kind::AwsService, Kind::EndpointService, Kind::LoadBalancer,
                                 Kind::Workload, Kind::TransitGateway, Kind::VirtualPrivateGateway,
                                 Kind::CustomerGateway, Kind::DirectConnectGateway, Kind::OnPremisesNetwork,
                                 Kind::VpnConnection, Kind::ResourceGateway, Kind::ResourceConfiguration,
                                 Kind::ServiceNetwork, Kind::OnPremisesHost, Kind::InternetHost};
    for (const Resource& r : d.resources()) {
        if (!linking.contains(r.kind()))
            continue;
        ResourceItem* from = itemFor(r.id.str());
        if (!from) {
            // A peering, attachment, VPN or virtual interface that is not drawn itself links its two
            // ends directly.
            std::pair<ResourceId, ResourceId> ends;
            if (const VpcPeering* p = r.as<VpcPeering>())
                ends = {p->requesterVpc, p->accepterVpc};
            else if (const TransitGatewayAttachment* a = r.as<TransitGatewayAttachment>())
                ends = {a->transitGateway, a->resource};
            else if (const VpnConnection* v = r.as<VpnConnection>())
                ends = {v->customerGateway, v->gateway};
            else if (const DirectConnectVirtualInterface* vif = r.as<DirectConnectVirtualInterface>(); vif && vif->gateway)
                ends = {vif->onPremises, *vif->gateway};
            if (!ends.first.empty() && itemFor(ends.first.str()) && itemFor(ends.second.str()))
                out.push_back({ends.first.str(), ends.second.str(), r.id.str()});
            continue;
        }
        std::set<std::string> done;
        for (const ResourceId& ref : referencesOf(r)) {
            const Resource* target = d.find(ref);
            ResourceItem* to = target && linked.contains(target->kind()) ? itemFor(ref.str()) : nullptr;
            // Not to what draws around it (an endpoint inside its VPC).
            if (!to || to->isAncestorOf(from) || !done.insert(ref.str()).second)
                continue;
            out.push_back({r.id.str(), ref.str(), r.id.str()});
        }
    }
    return out;
}
void DiagramScene::drawBackground(QPainter* painter, const QRectF& rect)
{
    if (m_presentation.exporting)
        return; // the export paints its own background (white or transparent)
    painter->fillRect(rect, QColor(0xFA, 0xFA, 0xFA));
    // Grid lines at least 12 device pixels apart: zoomed out, coarser (or none).
    double step = style::kGrid * 4;
    const double scale = painter->worldTransform().m11();
    while (step * scale < 12)
        step *= 5;
    if (rect.width() / step > 400)
        return;
    painter->setRenderHint(QPainter::Antialiasing, false); // axis-aligned hairlines: crisp and cheap
    painter->setPen(QPen(QColor(0xE6, 0xE6, 0xE6), 0));
    for (double x = std::floor(rect.left() / step) * step; x < rect.right(); x += step)
        painter->drawLine(QPointF(x, rect.top()), QPointF(x, rect.bottom()));
    for (double y = std::floor(rect.top() / step) * step; y < rect.bottom(); y += step)
        painter->drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y));
}
} // namespace pp::ui
