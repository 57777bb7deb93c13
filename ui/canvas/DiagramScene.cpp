#include "canvas/DiagramScene.h"

#include "canvas/FlowItem.h"
#include "canvas/ResourceItem.h"
#include "canvas/Routing.h"
#include "canvas/Style.h"
#include "canvas/Placement.h"
#include "document/Document.h"
#include "edit/Move.h"
#include "model/Placement.h"
#include "model/References.h"

#include <functional>
#include <set>

#include <QGraphicsSceneMouseEvent>
#include <QPainter>
#include <cmath>

namespace pp::ui {

DiagramScene::DiagramScene(Document& document, QObject* parent) : QGraphicsScene(parent), m_document(document)
{
    connect(&m_document, &Document::reloaded, this, &DiagramScene::rebuild);
    connect(&m_document, &Document::changed, this, &DiagramScene::onChanged);
    connect(&m_document, &Document::analysisUpdated, this, &DiagramScene::refreshStyles);
    setFont(style::canvasFont());
    m_settle.setSingleShot(true);
    m_settle.setInterval(300); // once the hand has left the mouse: a full pass takes ~0.1 s at 2,000 resources
    connect(&m_settle, &QTimer::timeout, this, [this] { routeConnectors({}); });
    rebuild();
}

ResourceItem* DiagramScene::itemFor(const std::string& id) const { return m_items.value(QString::fromStdString(id)); }
FlowItem* DiagramScene::flowItemFor(const std::string& id) const { return m_flows.value(QString::fromStdString(id)); }

void DiagramScene::rebuild()
{
    m_rebuilding = true;
    QStringList selected;
    for (QGraphicsItem* item : selectedItems()) {
        if (auto* r = dynamic_cast<ResourceItem*>(item))
            selected << QString::fromStdString(r->resourceId().str());
        else if (auto* f = dynamic_cast<FlowItem*>(item))
            selected << QString::fromStdString(f->flowId().str());
    }
    clear();
    m_settle.stop();
    m_dragged.clear();
    m_links.clear();
    m_items.clear();
    m_flows.clear();
    const Design& d = m_document.design();
    // Parents before children: a shape's parent may come later in the list.
    std::vector<const Shape*> pending;
    for (const Shape& s : d.diagram.shapes)
        if (d.find(s.resource))
            pending.push_back(&s);
    for (bool progress = true; progress && !pending.empty();) {
        progress = false;
        for (auto it = pending.begin(); it != pending.end();) {
            const Shape* s = *it;
            ResourceItem* parent = s->parent ? itemFor(s->parent->str()) : nullptr;
            if (s->parent && !parent && d.find(*s->parent) && std::any_of(pending.begin(), pending.end(), [&](const Shape* p) {
                    return p->resource == *s->parent;
                })) {
                ++it;
                continue;
            }
            auto* item = new ResourceItem(m_document, s->resource, QSizeF(s->width, s->height));
            if (parent)
                item->setParentItem(parent);
            else
                addItem(item);
            item->setPos(s->x, s->y);
            m_items.insert(QString::fromStdString(s->resource.str()), item);
            it = pending.erase(it);
            progress = true;
        }
    }
    // Structural links: what connects two drawn things (not what contains or guards them).
    m_links.clear();
    for (const auto& [from, to] : linkEnds()) {
        auto* link = new LinkItem(itemFor(from), itemFor(to));
        addItem(link);
        m_links << link;
    }
    for (const Flow& f : d.flows()) {
        ResourceItem* from = itemFor(f.source.str());
        ResourceItem* to = itemFor(f.destination.str());
        if (!from || !to)
            continue;
        auto* item = new FlowItem(m_document, f.id, from, to);
        addItem(item);
        m_flows.insert(QString::fromStdString(f.id.str()), item);
    }
    for (const QString& id : selected) {
        if (ResourceItem* r = m_items.value(id))
            r->setSelected(true);
        if (FlowItem* f = m_flows.value(id))
            f->setSelected(true);
    }
    if (m_presentation.exporting)
        for (ResourceItem* item : std::as_const(m_items))
            item->setCacheMode(QGraphicsItem::NoCache);
    routeConnectors({});
    m_rebuilding = false;
    m_structure = structure();
    showFlowPath(m_shownFlow);
}

std::vector<std::pair<std::string, std::string>> DiagramScene::linkEnds() const
{
    std::vector<std::pair<std::string, std::string>> out;
    const Design& d = m_document.design();
    static const KindMask linking{Kind::VpcEndpoint, Kind::EndpointService, Kind::LoadBalancer, Kind::VpcPeering,
                                  Kind::TransitGatewayAttachment, Kind::VpnConnection, Kind::CustomerGateway,
                                  Kind::DirectConnectVirtualInterface, Kind::DirectConnectGateway};
    static const KindMask linked{Kind::Vpc, Kind::AwsService, Kind::EndpointService, Kind::LoadBalancer,
                                 Kind::Workload, Kind::TransitGateway, Kind::VirtualPrivateGateway,
                                 Kind::CustomerGateway, Kind::DirectConnectGateway, Kind::OnPremisesNetwork,
                                 Kind::VpnConnection};
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
                out.emplace_back(ends.first.str(), ends.second.str());
            continue;
        }
        std::set<std::string> done;
        for (const ResourceId& ref : referencesOf(r)) {
            const Resource* target = d.find(ref);
            ResourceItem* to = target && linked.contains(target->kind()) ? itemFor(ref.str()) : nullptr;
            // Not to what draws around it (an endpoint inside its VPC).
            if (!to || to->isAncestorOf(from) || !done.insert(ref.str()).second)
                continue;
            out.emplace_back(r.id.str(), ref.str());
        }
    }
    return out;
}

QString DiagramScene::structure() const
{
    // What the item tree depends on: which shapes exist and in which parent, and which flows
    // connect which shapes. Anything else is a repaint or a move.
    QString out;
    const Design& d = m_document.design();
    for (const Shape& s : d.diagram.shapes)
        out += QString::fromStdString(s.resource.str() + "<" + (s.parent ? s.parent->str() : std::string()) + (d.find(s.resource) ? "" : "!") + "|");
    for (const Flow& f : d.flows())
        out += QString::fromStdString(f.id.str() + ":" + f.source.str() + ">" + f.destination.str() + "|");
    for (const auto& [from, to] : linkEnds())
        out += QString::fromStdString(from + "-" + to + "|");
    return out;
}

void DiagramScene::onChanged(const QSet<QString>&)
{
    if (structure() != m_structure) {
        rebuild();
        return;
    }
    // Same items: follow the shapes' new geometry and repaint. Connectors are routed again only
    // when something moved or was resized (a property edit leaves every route as it was).
    m_rebuilding = true;
    QList<ResourceItem*> moved;
    for (const Shape& s : m_document.design().diagram.shapes)
        if (ResourceItem* item = itemFor(s.resource.str())) {
            bool changed = false;
            if (item->pos() != QPointF(s.x, s.y)) {
                item->setPos(s.x, s.y);
                changed = true;
            }
            if (item->size() != QSizeF(s.width, s.height)) {
                item->setSize(QSizeF(s.width, s.height));
                changed = true;
            }
            // A drag's items are already where the model says; routes across them must still be settled.
            if (changed || m_dragged.contains(item))
                moved << item;
            item->update();
        }
    m_rebuilding = false;
    m_dragged.clear();
    if (!moved.isEmpty()) {
        // At once: the connectors at or across what moved. Shortly after: all of them, so the
        // canvas shows exactly the routes a fresh drawing (an export, a reopened file) gets.
        routeConnectors(moved);
        m_settle.start();
    }
    refreshStyles();
}

void DiagramScene::refreshStyles()
{
    for (FlowItem* f : std::as_const(m_flows))
        f->updateStyle();
    for (ResourceItem* r : std::as_const(m_items))
        r->update();
    showFlowPath(m_shownFlow);
}

void DiagramScene::itemMoved(ResourceItem* moved)
{
    if (m_rebuilding)
        return;
    if (!moved) {
        routeConnectors({});
        return;
    }
    m_dragged.insert(moved);
    routeConnectors({moved}, true);
}

void DiagramScene::routeConnectors(const QList<ResourceItem*>& moved, bool quick)
{
    // Links first (in model order), then flows by id: the same design always routes the same way.
    struct Connector {
        QGraphicsPathItem* item;
        const ResourceItem* from;
        const ResourceItem* to;
        std::function<void(const RouteObstacles*)> route;
    };
    std::vector<Connector> connectors;
    for (LinkItem* l : std::as_const(m_links))
        connectors.push_back({l, l->from(), l->to(), [l](const RouteObstacles* o) { l->updateRoute(o); }});
    QList<FlowItem*> flows = m_flows.values();
    std::sort(flows.begin(), flows.end(), [](const FlowItem* a, const FlowItem* b) { return a->flowId().str() < b->flowId().str(); });
    for (FlowItem* f : std::as_const(flows))
        connectors.push_back({f, f->source(), f->destination(), [f](const RouteObstacles* o) { f->updateRoute(o); }});

    // Affected: attached to a moved shape (or to what it holds), or running across where one is now.
    std::vector<QRectF> areas;
    for (const ResourceItem* m : moved)
        areas.push_back(QRectF(m->scenePos(), m->size()).adjusted(-6, -4, 6, 26));
    auto affected = [&](const Connector& c) {
        if (moved.isEmpty())
            return true;
        for (const ResourceItem* m : moved)
            if (m == c.from || m == c.to || m->isAncestorOf(c.from) || m->isAncestorOf(c.to))
                return true;
        const QPainterPath& path = c.item->path();
        return std::any_of(areas.begin(), areas.end(),
                           [&](const QRectF& area) { return path.boundingRect().intersects(area) && path.intersects(area); });
    };
    std::vector<bool> reroute;
    for (const Connector& c : connectors)
        reroute.push_back(affected(c));

    // Connectors that stay as they are count as already routed.
    RouteObstacles obstacles(m_items.values());
    obstacles.setQuick(quick);
    for (std::size_t i = 0; i < connectors.size(); ++i)
        if (!reroute[i])
            obstacles.addRoute(connectors[i].item->path().toSubpathPolygons().value(0));
    for (std::size_t i = 0; i < connectors.size(); ++i)
        if (reroute[i]) {
            connectors[i].route(&obstacles);
            obstacles.addRoute(connectors[i].item->path().toSubpathPolygons().value(0));
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

void DiagramScene::updateHighlights()
{
    for (ResourceItem* r : std::as_const(m_items))
        r->setHighlight(QColor());
    // Containers (the VPC answering DNS, a subnet) are not ringed: only the hops inside them.
    auto ring = [&](const FlowResult& result, const QColor& colour) {
        for (std::size_t i = 0; i < result.path.size(); ++i)
            if (ResourceItem* item = itemFor(result.path[i].resource); item && !style::isContainer(item->kind()))
                item->setHighlight(result.leavesAt && *result.leavesAt == i ? style::verdictColor(Verdict::Public) : colour);
    };
    if (m_presentation.publicPaths)
        for (const FlowResult& result : m_document.analysis().flows)
            if (result.verdict == Verdict::Public && m_flows.contains(QString::fromStdString(result.flow.str())))
                ring(result, style::publicPathRingColor());
    if (const FlowResult* result = m_shownFlow.empty() ? nullptr : m_document.flowResult(m_shownFlow))
        ring(*result, style::verdictColor(result->verdict));
}

void DiagramScene::mousePressEvent(QGraphicsSceneMouseEvent* event)
{
    QGraphicsScene::mousePressEvent(event);
    for (QGraphicsItem* item : selectedItems())
        if (auto* r = dynamic_cast<ResourceItem*>(item))
            r->markDragStart();
}

void DiagramScene::mouseReleaseEvent(QGraphicsSceneMouseEvent* event)
{
    QGraphicsScene::mouseReleaseEvent(event);
    // A finished drag is one change-set: the new positions of the moved shapes.
    const Design& d = m_document.design();
    ChangeSetBuilder builder(d);
    bool reparented = false;
    for (QGraphicsItem* item : selectedItems()) {
        auto* r = dynamic_cast<ResourceItem*>(item);
        if (!r || r->pos() == r->dragStart())
            continue;
        const Shape* shape = nullptr;
        for (const Shape& s : d.diagram.shapes)
            if (s.resource == r->resourceId())
                shape = &s;
        if (!shape)
            continue;
        Shape moved = *shape;
        moved.x = r->pos().x();
        moved.y = r->pos().y();
        if (r->canChangeContainer()) {
            // Where did it land? The innermost container of the right kind under its centre decides.
            const Kind holder = r->kind() == Kind::Workload || r->kind() == Kind::NatGateway ? Kind::Subnet : Kind::Vpc;
            const QPointF centre = r->mapToScene(QPointF(r->size().width() / 2, r->size().height() / 2));
            ResourceItem* container = nullptr;
            for (QGraphicsItem* under : items(centre, Qt::IntersectsItemBoundingRect))
                if (auto* candidate = dynamic_cast<ResourceItem*>(under); candidate && candidate != r && !r->isAncestorOf(candidate) &&
                                                                          candidate->kind() == holder &&
                                                                          QRectF(candidate->scenePos(), candidate->size()).contains(centre)) {
                    container = candidate;
                    break;
                }
            if (!container) {
                r->setPos(r->dragStart());
                emit statusMessage(holder == Kind::Vpc ? tr("%1 stays inside a VPC.").arg(QString::fromStdString(r->resourceId().str()))
                                                       : tr("%1 stays inside a subnet.").arg(QString::fromStdString(r->resourceId().str())));
                continue;
            }
            const QPointF inside = container->mapFromScene(r->scenePos());
            moved.x = std::clamp(std::round(inside.x() / style::kGrid) * style::kGrid, 0.0, std::max(0.0, container->size().width() - r->size().width()));
            moved.y = std::clamp(std::round(inside.y() / style::kGrid) * style::kGrid, style::kHeader,
                                 std::max(style::kHeader, container->size().height() - r->size().height()));
            if (container->resourceId() != moved.parent) {
                // Into another container: the model follows the drawing.
                Resource changed = *d.find(r->resourceId());
                if (holder == Kind::Vpc) {
                    std::string refusal;
                    int removedRoutes = 0;
                    const bool ok = changed.as<Subnet>()
                                        ? moveSubnetToVpc(builder, d, r->resourceId(), container->resourceId(), &refusal)
                                        : moveGatewayToVpc(builder, d, r->resourceId(), container->resourceId(), &removedRoutes, &refusal);
                    if (removedRoutes > 0)
                        emit statusMessage(tr("%1 is attached to %2; %n route(s) to it in its old VPC's tables were removed.", nullptr, removedRoutes)
                                               .arg(QString::fromStdString(r->resourceId().str()), QString::fromStdString(container->resourceId().str())));
                    if (!ok) {
                        r->setPos(r->dragStart());
                        emit statusMessage(tr("Cannot move %1 to %2: %3")
                                               .arg(QString::fromStdString(r->resourceId().str()),
                                                    QString::fromStdString(container->resourceId().str()), QString::fromStdString(refusal)));
                        continue;
                    }
                } else {
                    const auto oldVpc = vpcOfResource(d, r->resourceId());
                    const Subnet* target = d.findAs<Subnet>(container->resourceId());
                    if (Workload* w = changed.as<Workload>()) {
                        w->subnet = container->resourceId();
                        if (w->privateIp)
                            w->privateIp = nextFreeAddress(d, container->resourceId());
                        if (!oldVpc || !target || target->vpc != *oldVpc)
                            w->securityGroups.clear(); // groups belong to the old VPC
                    } else if (NatGateway* n = changed.as<NatGateway>()) {
                        n->subnet = container->resourceId();
                        n->privateIp.reset();
                    }
                    builder.modify(changed);
                }
                moved.parent = container->resourceId();
                reparented = true;
            }
        }
        builder.setShape(moved);
        r->markDragStart();
    }
    ChangeSet change = builder.build();
    if (!change.empty())
        m_document.apply(std::move(change), reparented ? tr("Move to another container") : tr("Move"));
}

void DiagramScene::commitResize(ResourceItem* item)
{
    ChangeSetBuilder builder(m_document.design());
    for (const Shape& s : m_document.design().diagram.shapes)
        if (s.resource == item->resourceId()) {
            Shape resized = s;
            resized.width = item->size().width();
            resized.height = item->size().height();
            builder.setShape(resized);
        }
    m_document.apply(builder.build(), tr("Resize"));
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
    painter->setPen(QPen(QColor(0xE6, 0xE6, 0xE6), 0));
    for (double x = std::floor(rect.left() / step) * step; x < rect.right(); x += step)
        painter->drawLine(QPointF(x, rect.top()), QPointF(x, rect.bottom()));
    for (double y = std::floor(rect.top() / step) * step; y < rect.bottom(); y += step)
        painter->drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y));
}

} // namespace pp::ui
