#include "canvas/DiagramView.h"

#include "canvas/DiagramScene.h"
#include "canvas/Placement.h"
#include "canvas/ResourceItem.h"
#include "canvas/Style.h"
#include "document/Document.h"
#include "panels/PalettePanel.h"

#include "canvas/FlowItem.h"
#include "model/Flow.h"

#include <QDragEnterEvent>
#include <QGraphicsLineItem>
#include <QLineEdit>
#include <QMimeData>
#include <QScrollBar>
#include <QUrl>
#include <QTimer>
#include <QWheelEvent>

#include <algorithm>
#include <set>

namespace pp::ui {

DiagramView::DiagramView(Document& document, DiagramScene* scene, QWidget* parent)
    : QGraphicsView(scene, parent), m_document(document), m_scene(scene)
{
    setObjectName(QStringLiteral("canvas"));
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    setDragMode(QGraphicsView::RubberBandDrag);
    setAcceptDrops(true);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setViewportUpdateMode(QGraphicsView::SmartViewportUpdate);
    // A band selects what it encloses (containers are picked by their whole body: a band drawn
    // inside a VPC must not select the VPC).
    setRubberBandSelectionMode(Qt::ContainsItemShape);
    setFocusPolicy(Qt::StrongFocus);
    // Shapes added while zoomed far out are drawn as marks too, without a cache (adaptToZoom).
    connect(&m_document, &Document::changed, this, [this](const QSet<QString>& ids) {
        if (m_far)
            setTileCaching(ids, false);
    });
    // A rebuilt scene has no index and tiles that cache and draw themselves: the state for the
    // zoom is set once the zoom is known (opening fits the view first, right after this).
    connect(&m_document, &Document::reloaded, this, [this] {
        m_fresh = true;
        QTimer::singleShot(0, this, &DiagramView::adaptToZoom);
    });
}

double DiagramView::zoom() const { return transform().m11(); }

void DiagramView::scaleBy(double factor)
{
    // Fit to view may go further out than the wheel (a 50,000-resource estate needs it).
    const double next = std::clamp(zoom() * factor, std::min(0.05, zoom()), 8.0);
    scale(next / zoom(), next / zoom());
    viewChanged();
}

void DiagramView::setZoom(double zoom)
{
    const ViewportAnchor anchor = transformationAnchor();
    setTransformationAnchor(AnchorViewCenter);
    scaleBy(zoom / this->zoom());
    setTransformationAnchor(anchor);
}

void DiagramView::viewChanged()
{
    if (!qFuzzyCompare(zoom(), m_shownZoom)) {
        m_shownZoom = zoom();
        adaptToZoom();
        emit zoomChanged(m_shownZoom);
    }
    emit visibleAreaChanged();
}

void DiagramView::adaptToZoom()
{
    const bool far = zoom() < ResourceItem::kMarkZoom;
    const bool fresh = std::exchange(m_fresh, false);
    if (far == m_far && !fresh)
        return;
    m_far = far;
    // Everything is in sight far out: the BSP index answers "what is in this rectangle" by
    // listing each big container once per cell, which took more time than painting the marks
    // (16 ms a frame at 10,000 resources). Zoomed in, it is what makes painting and picking fast.
    m_scene->setItemIndexMethod(far ? QGraphicsScene::NoIndex : QGraphicsScene::BspTreeIndex);
    m_scene->setFarOut(far);
    if (fresh && !far)
        return; // new tiles already cache and draw themselves
    for (ResourceItem* item : m_scene->resourceItems())
        setTileDetail(item, !far);
}

void DiagramView::setTileCaching(const QSet<QString>& ids, bool on)
{
    for (const QString& id : ids)
        if (ResourceItem* item = m_scene->itemFor(id.toStdString()))
            setTileDetail(item, on);
}

void DiagramView::setTileDetail(ResourceItem* item, bool near)
{
    // A mark is one fill: a cached pixmap of it costs a lookup and a blit instead. And far out
    // the container paints its tiles' marks itself (ResourceItem::setDrawnByContainer).
    if (style::isContainer(item->kind()))
        return;
    item->setCacheMode(near ? QGraphicsItem::DeviceCoordinateCache : QGraphicsItem::NoCache);
    item->setDrawnByContainer(!near);
}

QRectF DiagramView::visibleSceneRect() const { return mapToScene(viewport()->rect()).boundingRect(); }

QList<TitleOverlay::Title> DiagramView::overlayTitles() const
{
    return TitleOverlay::layout(m_document.design(), *m_scene, viewportTransform(), QRectF(viewport()->rect()));
}

void DiagramView::drawForeground(QPainter* painter, const QRectF& rect)
{
    QGraphicsView::drawForeground(painter, rect);
    if (zoom() >= TitleOverlay::kBelowZoom)
        return;
    painter->save();
    painter->setWorldTransform(QTransform());
    TitleOverlay::paint(*painter, overlayTitles());
    painter->restore();
}

void DiagramView::scrollContentsBy(int dx, int dy)
{
    QGraphicsView::scrollContentsBy(dx, dy);
    // Titles stay at screen size: after a scroll the view redraws them all, not only what scrolled in.
    if (zoom() < TitleOverlay::kBelowZoom)
        viewport()->update();
    emit visibleAreaChanged();
}

void DiagramView::resizeEvent(QResizeEvent* event)
{
    QGraphicsView::resizeEvent(event);
    emit visibleAreaChanged();
}

void DiagramView::zoomIn() { scaleBy(1.25); }
void DiagramView::zoomOut() { scaleBy(0.8); }
void DiagramView::zoomReset()
{
    setTransform(QTransform());
    viewChanged();
}

void DiagramView::fitAll()
{
    const double m = DiagramScene::kSceneMargin;
    const QRectF bounds = m_scene->contentRect().adjusted(-m, -m, m, m);
    if (!bounds.isEmpty())
        fitInView(bounds, Qt::KeepAspectRatio);
    viewChanged();
}

void DiagramView::fitSelection()
{
    QRectF area;
    for (QGraphicsItem* item : m_scene->selectedItems())
        area = area.united(item->sceneBoundingRect());
    if (area.isEmpty())
        return;
    fitInView(area.adjusted(-60, -60, 60, 60), Qt::KeepAspectRatio);
    if (zoom() > 2.0)
        scaleBy(2.0 / zoom());
    viewChanged();
}

void DiagramView::centreOn(const QStringList& ids)
{
    QStringList drawn;
    QRectF area;
    for (const QString& id : ids)
        if (ResourceItem* item = m_scene->itemFor(id.toStdString())) {
            drawn << id;
            area = area.united(item->sceneBoundingRect());
        }
    m_scene->selectIds(drawn);
    if (area.isNull())
        return;
    // Zoom in until it is readable (tiles at least at 60 %), out until it fits.
    const QRectF visible = mapToScene(viewport()->rect()).boundingRect();
    if (area.width() > visible.width() * 0.9 || area.height() > visible.height() * 0.9 || zoom() < 0.6)
        fitInView(area.adjusted(-120, -120, 120, 120), Qt::KeepAspectRatio);
    if (zoom() > 1.0)
        scaleBy(1.0 / zoom());
    centerOn(area.center());
    viewChanged();
    setFocus();
}

void DiagramView::ensureSelectionVisible()
{
    QRectF area;
    for (QGraphicsItem* item : m_scene->selectedItems())
        area = area.united(item->sceneBoundingRect());
    if (area.isNull())
        return;
    const QRectF visible = mapToScene(viewport()->rect()).boundingRect();
    if (area.width() > visible.width() || area.height() > visible.height())
        fitInView(area.adjusted(-60, -60, 60, 60), Qt::KeepAspectRatio);
    else
        ensureVisible(area, 40, 40);
    viewChanged();
}

void DiagramView::wheelEvent(QWheelEvent* event)
{
    if (event->angleDelta().y() == 0) {
        QGraphicsView::wheelEvent(event);
        return;
    }
    scaleBy(event->angleDelta().y() > 0 ? 1.15 : 1 / 1.15);
    event->accept();
}

namespace {

// A design file dropped from a file manager.
QString droppedFile(const QMimeData* mime)
{
    for (const QUrl& url : mime->urls())
        if (url.isLocalFile())
            return url.toLocalFile();
    return {};
}

} // namespace

void DiagramView::dragEnterEvent(QDragEnterEvent* event)
{
    if (event->mimeData()->hasFormat(kKindMimeType) || !droppedFile(event->mimeData()).isEmpty())
        event->acceptProposedAction();
    else
        QGraphicsView::dragEnterEvent(event);
}

void DiagramView::dragMoveEvent(QDragMoveEvent* event)
{
    if (event->mimeData()->hasFormat(kKindMimeType) || !droppedFile(event->mimeData()).isEmpty())
        event->acceptProposedAction();
    else
        QGraphicsView::dragMoveEvent(event);
}

void DiagramView::dropEvent(QDropEvent* event)
{
    if (const QString file = droppedFile(event->mimeData()); !file.isEmpty() && !event->mimeData()->hasFormat(kKindMimeType)) {
        event->acceptProposedAction();
        emit fileDropped(file);
        return;
    }
    if (!event->mimeData()->hasFormat(kKindMimeType)) {
        QGraphicsView::dropEvent(event);
        return;
    }
    const int kind = event->mimeData()->data(kKindMimeType).toInt();
    if (dropKind(kind, mapToScene(event->position().toPoint())))
        event->acceptProposedAction();
    else
        event->ignore();
}

bool DiagramView::dropKind(int kind, QPointF scenePos)
{
    // The innermost drawn resource under the point is the container candidate.
    std::optional<ResourceId> container;
    for (QGraphicsItem* item : m_scene->items(scenePos, Qt::IntersectsItemBoundingRect, Qt::DescendingOrder)) // topmost first
        if (auto* r = dynamic_cast<ResourceItem*>(item); r && r->sceneBoundingRect().contains(scenePos)) {
            container = r->resourceId();
            break;
        }
    const Placement placement = placeResource(
        m_document.design(), Kind(kind), container, scenePos, [this](const ResourceId& id) {
            const ResourceItem* item = m_scene->itemFor(id.str());
            return item ? item->scenePos() : QPointF();
        });
    if (!placement.change) {
        emit statusMessage(placement.refusal);
        return false;
    }
    if (!m_document.apply(*placement.change, tr("Add %1").arg(style::kindLabel(Kind(kind)))))
        return false; // refused: the document said why in the status bar
    if (m_scene->itemFor(placement.created.str())) {
        m_scene->selectIds({QString::fromStdString(placement.created.str())});
        // The scene grows its rectangle lazily: asking for it now lets the scroll bars reach what
        // was just added, so the view can bring all of it (title included) into sight.
        m_scene->sceneRect();
        ensureSelectionVisible();
    }
    emit statusMessage(placement.message.isEmpty() ? tr("Added %1").arg(QString::fromStdString(placement.created.str()))
                                                   : placement.message);
    if (Kind(kind) == Kind::NatGateway)
        emit natGatewayAdded(QString::fromStdString(placement.created.str()));
    return true;
}

void DiagramView::setFlowMode(bool on)
{
    if (on == m_flowMode)
        return;
    m_flowMode = on;
    if (!on)
        cancelFlow();
    setDragMode(on ? QGraphicsView::NoDrag : QGraphicsView::RubberBandDrag);
    viewport()->setCursor(on ? Qt::CrossCursor : Qt::ArrowCursor);
    emit statusMessage(on ? tr("Drag from a client to what it connects to (a flow), or between two VPCs, a VPC and a "
                               "transit gateway, an endpoint and a service, a customer gateway and a VPN gateway, an "
                               "on-premises network and a Direct Connect gateway (a link). Escape leaves Draw Flow.")
                          : QString());
    emit flowModeChanged(on);
}

void DiagramView::cancelFlow()
{
    delete m_rubberFlow;
    m_rubberFlow = nullptr;
    m_flowSource = nullptr;
    m_flowFromMenu = false;
}

bool DiagramView::canStartConnection(Kind kind)
{
    static const KindMask linkEnds{Kind::Vpc,           Kind::TransitGateway,        Kind::VpcEndpoint,
                                   Kind::AwsService,    Kind::EndpointService,       Kind::CustomerGateway,
                                   Kind::OnPremisesNetwork, Kind::VirtualPrivateGateway, Kind::DirectConnectGateway};
    return kFlowEndpoints.contains(kind) || linkEnds.contains(kind);
}

void DiagramView::startFlowFrom(const ResourceId& source)
{
    ResourceItem* item = m_scene->itemFor(source.str());
    if (!item)
        return;
    setFlowMode(true);
    m_flowSource = item;
    m_flowFromMenu = true;
    setMouseTracking(true);
    emit statusMessage(tr("Click what %1 connects to (Escape cancels).").arg(QString::fromStdString(source.str())));
}

ResourceItem* DiagramView::resourceAt(const QPoint& viewPos) const { return m_scene->resourceAt(mapToScene(viewPos)); }

namespace {

// Adds a new resource with a fresh id starting with `prefix`.
template <class Data>
void addNew(ChangeSetBuilder& b, Document& document, const char* prefix, Data data)
{
    Resource r;
    r.id = ResourceId(document.freshId(prefix));
    r.data = std::move(data);
    b.add(r);
}

} // namespace

bool DiagramView::connectLink(const ResourceId& source, const ResourceId& destination)
{
    // Dragging between two things that can be linked creates the link the model knows for them.
    const Design& d = m_document.design();
    const Resource* from = d.find(source);
    const Resource* to = d.find(destination);
    if (!from || !to || source == destination)
        return false;
    auto either = [&](Kind a, Kind b) -> std::pair<const Resource*, const Resource*> {
        if (from->kind() == a && to->kind() == b)
            return {from, to};
        if (from->kind() == b && to->kind() == a)
            return {to, from};
        return {nullptr, nullptr};
    };
    ChangeSetBuilder b(d);
    QString text;
    if (from->kind() == Kind::Vpc && to->kind() == Kind::Vpc) {
        addNew(b, m_document, "pcx", VpcPeering{source, destination, PeeringState::Active});
        text = tr("Peer %1 with %2").arg(QString::fromStdString(source.str()), QString::fromStdString(destination.str()));
    } else if (auto [vpc, tgw] = either(Kind::Vpc, Kind::TransitGateway); vpc) {
        TransitGatewayAttachment a;
        a.transitGateway = tgw->id;
        a.attachmentType = TgwAttachmentType::Vpc;
        a.resource = vpc->id;
        std::set<std::string> azs; // one subnet per AZ
        d.forEach<Subnet>([&](const Resource& r, const Subnet& s) {
            if (s.vpc == vpc->id && azs.insert(s.availabilityZone).second)
                a.subnets.push_back(r.id);
        });
        addNew(b, m_document, "tgw-att", a);
        text = tr("Attach %1 to %2").arg(QString::fromStdString(vpc->id.str()), QString::fromStdString(tgw->id.str()));
    } else if (auto [endpoint, service] = either(Kind::VpcEndpoint, Kind::AwsService); endpoint) {
        Resource changed = *endpoint;
        changed.as<VpcEndpoint>()->service = service->id;
        b.modify(changed);
        text = tr("Connect %1 to %2").arg(QString::fromStdString(endpoint->id.str()), QString::fromStdString(service->id.str()));
    } else if (auto [endpoint2, offered] = either(Kind::VpcEndpoint, Kind::EndpointService); endpoint2) {
        Resource changed = *endpoint2;
        changed.as<VpcEndpoint>()->service = offered->id;
        changed.as<VpcEndpoint>()->endpointType = EndpointType::Interface;
        b.modify(changed);
        text = tr("Connect %1 to %2").arg(QString::fromStdString(endpoint2->id.str()), QString::fromStdString(offered->id.str()));
    } else if (auto [endpoint3, lattice] = either(Kind::VpcEndpoint, Kind::ResourceConfiguration); endpoint3) {
        // A resource endpoint to the configuration (PL-2).
        Resource changed = *endpoint3;
        changed.as<VpcEndpoint>()->service = lattice->id;
        changed.as<VpcEndpoint>()->endpointType = EndpointType::Resource;
        b.modify(changed);
        text = tr("Connect %1 to %2").arg(QString::fromStdString(endpoint3->id.str()), QString::fromStdString(lattice->id.str()));
    } else if (auto [endpoint4, network] = either(Kind::VpcEndpoint, Kind::ServiceNetwork); endpoint4) {
        Resource changed = *endpoint4;
        changed.as<VpcEndpoint>()->service = network->id;
        changed.as<VpcEndpoint>()->endpointType = EndpointType::ServiceNetwork;
        b.modify(changed);
        text = tr("Connect %1 to %2").arg(QString::fromStdString(endpoint4->id.str()), QString::fromStdString(network->id.str()));
    } else if (auto [config, network2] = either(Kind::ResourceConfiguration, Kind::ServiceNetwork); config) {
        Resource changed = *network2;
        ResourceIds& held = changed.as<ServiceNetwork>()->resourceConfigurations;
        if (std::find(held.begin(), held.end(), config->id) != held.end()) {
            emit statusMessage(tr("%1 is already in %2").arg(QString::fromStdString(config->id.str()), QString::fromStdString(network2->id.str())));
            return true;
        }
        held.push_back(config->id);
        b.modify(changed);
        text = tr("Associate %1 with %2").arg(QString::fromStdString(config->id.str()), QString::fromStdString(network2->id.str()));
    } else if (auto [config2, gateway] = either(Kind::ResourceConfiguration, Kind::ResourceGateway); config2) {
        Resource changed = *config2;
        changed.as<ResourceConfiguration>()->resourceGateway = gateway->id;
        b.modify(changed);
        text = tr("Reach %1 through %2").arg(QString::fromStdString(config2->id.str()), QString::fromStdString(gateway->id.str()));
    } else if (to->kind() == Kind::ResourceConfiguration &&
               (from->kind() == Kind::Workload || from->kind() == Kind::OnPremisesHost || from->kind() == Kind::InternetHost)) {
        // Dragged from the resource onto its configuration: the configuration describes it.
        Resource changed = *to;
        ResourceConfiguration* c = changed.as<ResourceConfiguration>();
        c->resource = from->id;
        c->ipAddress.reset();
        c->domainName.clear();
        b.modify(changed);
        text = tr("%1 describes %2").arg(QString::fromStdString(to->id.str()), QString::fromStdString(from->id.str()));
    } else if (auto [cgw, awsEnd] = either(Kind::CustomerGateway, Kind::VirtualPrivateGateway); cgw) {
        text = addVpn(b, *cgw, *awsEnd);
    } else if (auto [cgw2, tgw2] = either(Kind::CustomerGateway, Kind::TransitGateway); cgw2) {
        text = addVpn(b, *cgw2, *tgw2);
    } else if (auto [onPrem, cgw3] = either(Kind::OnPremisesNetwork, Kind::CustomerGateway); onPrem) {
        Resource changed = *cgw3;
        changed.as<CustomerGateway>()->onPremises = onPrem->id;
        b.modify(changed);
        text = tr("Put %1 in %2").arg(QString::fromStdString(cgw3->id.str()), QString::fromStdString(onPrem->id.str()));
    } else if (auto [vgw, vpc2] = either(Kind::VirtualPrivateGateway, Kind::Vpc); vgw) {
        Resource changed = *vgw;
        changed.as<VirtualPrivateGateway>()->vpc = vpc2->id;
        b.modify(changed);
        text = tr("Attach %1 to %2").arg(QString::fromStdString(vgw->id.str()), QString::fromStdString(vpc2->id.str()));
    } else if (auto [onPrem2, dxEnd] = either(Kind::OnPremisesNetwork, Kind::DirectConnectGateway); onPrem2) {
        text = addVirtualInterface(b, *onPrem2, *dxEnd);
    } else if (auto [onPrem3, vgw3] = either(Kind::OnPremisesNetwork, Kind::VirtualPrivateGateway); onPrem3) {
        text = addVirtualInterface(b, *onPrem3, *vgw3);
    } else if (auto [dxgw, vgw4] = either(Kind::DirectConnectGateway, Kind::VirtualPrivateGateway); dxgw) {
        text = associateDirectConnectGateway(b, *dxgw, *vgw4);
    } else if (auto [dxgw2, tgw4] = either(Kind::DirectConnectGateway, Kind::TransitGateway); dxgw2) {
        text = associateDirectConnectGateway(b, *dxgw2, *tgw4);
    } else {
        return false;
    }
    if (text.isEmpty())
        return true; // a link they already have: nothing to add, the status bar says so
    m_document.apply(b.build(), text);
    emit statusMessage(text);
    return true;
}

QString DiagramView::addVpn(ChangeSetBuilder& b, const Resource& customerGateway, const Resource& awsEnd)
{
    // A Site-to-Site VPN between the customer gateway and the AWS end, carrying the on-premises
    // prefixes; BGP, so the on-premises router learns the VPC prefixes without static routes.
    const Design& d = m_document.design();
    VpnConnection vpn;
    vpn.customerGateway = customerGateway.id;
    vpn.gateway = awsEnd.id;
    vpn.routing = VpnRouting::Dynamic;
    if (const auto* onPrem = d.findAs<OnPremisesNetwork>(customerGateway.as<CustomerGateway>()->onPremises))
        vpn.remoteCidrs = onPrem->cidrs;
    addNew(b, m_document, "vpn", vpn);
    return tr("Connect %1 to %2 over a Site-to-Site VPN")
        .arg(QString::fromStdString(customerGateway.id.str()), QString::fromStdString(awsEnd.id.str()));
}

QString DiagramView::addVirtualInterface(ChangeSetBuilder& b, const Resource& onPremises, const Resource& awsEnd)
{
    // A Direct Connect virtual interface: private to a virtual private gateway or to a DX gateway
    // that serves VPCs; transit to a DX gateway associated with transit gateways.
    const Design& d = m_document.design();
    DirectConnectVirtualInterface vif;
    vif.onPremises = onPremises.id;
    vif.gateway = awsEnd.id;
    vif.vifType = VifType::Private;
    if (const auto* dxgw = awsEnd.as<DirectConnectGateway>())
        for (const DirectConnectGatewayAssociation& a : dxgw->associations)
            if (const Resource* target = d.find(a.gateway); target && target->kind() == Kind::TransitGateway)
                vif.vifType = VifType::Transit;
    vif.advertisedPrefixes = onPremises.as<OnPremisesNetwork>()->cidrs;
    addNew(b, m_document, "dxvif", vif);
    return tr("Connect %1 to %2 over Direct Connect")
        .arg(QString::fromStdString(onPremises.id.str()), QString::fromStdString(awsEnd.id.str()));
}

QString DiagramView::associateDirectConnectGateway(ChangeSetBuilder& b, const Resource& dxGateway, const Resource& awsEnd)
{
    // The association's allowed prefixes default to the CIDRs of the VPCs behind the gateway,
    // which is what AWS proposes for a virtual private gateway.
    const Design& d = m_document.design();
    DirectConnectGatewayAssociation association;
    association.gateway = awsEnd.id;
    auto addVpcCidrs = [&](const ResourceId& vpcId) {
        if (const Vpc* vpc = d.findAs<Vpc>(vpcId))
            association.allowedPrefixes.insert(association.allowedPrefixes.end(), vpc->ipv4Cidrs.begin(), vpc->ipv4Cidrs.end());
    };
    if (const auto* vgw = awsEnd.as<VirtualPrivateGateway>(); vgw && vgw->vpc)
        addVpcCidrs(*vgw->vpc);
    d.forEach<TransitGatewayAttachment>([&](const Resource&, const TransitGatewayAttachment& a) {
        if (a.transitGateway == awsEnd.id && a.attachmentType == TgwAttachmentType::Vpc)
            addVpcCidrs(a.resource);
    });
    Resource changed = dxGateway;
    auto& associations = changed.as<DirectConnectGateway>()->associations;
    for (const DirectConnectGatewayAssociation& a : associations)
        if (a.gateway == awsEnd.id) {
            emit statusMessage(tr("%1 is already associated with %2.")
                                   .arg(QString::fromStdString(dxGateway.id.str()), QString::fromStdString(awsEnd.id.str())));
            return {};
        }
    associations.push_back(association);
    b.modify(changed);
    return tr("Associate %1 with %2").arg(QString::fromStdString(dxGateway.id.str()), QString::fromStdString(awsEnd.id.str()));
}

bool DiagramView::connectFlow(const ResourceId& source, const ResourceId& destination)
{
    const Design& d = m_document.design();
    const Resource* from = d.find(source);
    const Resource* to = d.find(destination);
    const KindMask allowed = kFlowEndpoints;
    if (!from || !to || source == destination || !allowed.contains(from->kind()) || !allowed.contains(to->kind())) {
        emit statusMessage(tr("A flow goes from a workload or host to a workload, host, service, endpoint or load balancer."));
        return false;
    }
    Flow flow;
    flow.id = FlowId(m_document.freshId("flow"));
    flow.name = from->displayName() + " to " + to->displayName();
    flow.source = source;
    flow.destination = destination;
    flow.protocol = Protocol::Tcp;
    flow.port = 443;
    m_document.apply(ChangeSetBuilder(d).addFlow(flow).build(), tr("Add flow"));
    emit flowAdded(QString::fromStdString(flow.id.str()));
    emit statusMessage(tr("Added %1 (tcp 443); change protocol, port and DNS name in the inspector.").arg(QString::fromStdString(flow.id.str())));
    return true;
}

void DiagramView::mouseMoveEvent(QMouseEvent* event)
{
    if (m_flowMode && m_flowSource) {
        const QPointF start = m_flowSource->sceneBoundingRect().center();
        if (!m_rubberFlow) {
            m_rubberFlow = m_scene->addLine(QLineF(start, start), QPen(QColor(0x37, 0x47, 0x4F), 2, Qt::DashLine));
            m_rubberFlow->setZValue(10);
        }
        m_rubberFlow->setLine(QLineF(start, mapToScene(event->position().toPoint())));
        return;
    }
    QGraphicsView::mouseMoveEvent(event);
}

void DiagramView::mousePressEvent(QMouseEvent* event)
{
    if (m_rename)
        finishRename(true);
    if (m_flowMode && event->button() == Qt::LeftButton) {
        if (m_flowFromMenu)
            return; // ends on release
        m_flowSource = resourceAt(event->position().toPoint());
        const Resource* r = m_flowSource ? m_document.design().find(m_flowSource->resourceId()) : nullptr;
        if (!r) {
            emit statusMessage(tr("Start on an instance, host, service, endpoint or load balancer (a flow), or on a VPC, "
                                  "gateway or network (a link)."));
        } else if (!canStartConnection(r->kind())) {
            emit statusMessage(tr("A %1 cannot be the end of a flow or link: start on an instance, host, service, endpoint or "
                                  "load balancer, or on a VPC, gateway or network.")
                                   .arg(style::kindLabel(r->kind()).toLower()));
            m_flowSource = nullptr;
        }
        return;
    }
    if (event->button() == Qt::MiddleButton) {
        setDragMode(QGraphicsView::ScrollHandDrag);
        QMouseEvent press(event->type(), event->position(), event->globalPosition(), Qt::LeftButton, Qt::LeftButton, event->modifiers());
        QGraphicsView::mousePressEvent(&press);
        return;
    }
    QGraphicsView::mousePressEvent(event);
}

void DiagramView::mouseReleaseEvent(QMouseEvent* event)
{
    if (m_flowMode && event->button() == Qt::LeftButton) {
        ResourceItem* target = resourceAt(event->position().toPoint());
        ResourceItem* source = m_flowSource;
        const bool fromMenu = m_flowFromMenu;
        cancelFlow();
        if (fromMenu)
            setMouseTracking(false);
        if (source && target && target != source && !connectLink(source->resourceId(), target->resourceId()))
            connectFlow(source->resourceId(), target->resourceId());
        if (fromMenu)
            setFlowMode(false);
        return;
    }
    QGraphicsView::mouseReleaseEvent(event);
    if (dragMode() == QGraphicsView::ScrollHandDrag)
        setDragMode(QGraphicsView::RubberBandDrag);
}

void DiagramView::keyPressEvent(QKeyEvent* event)
{
    if (event->key() == Qt::Key_Escape) {
        // Escape cancels the innermost thing in progress: a drag, Draw Flow, then the selection.
        if (m_scene->cancelDrag()) {
        } else if (m_flowMode) {
            setFlowMode(false);
            emit statusMessage(tr("Left Draw Flow."));
        } else {
            m_scene->clearSelection();
        }
        event->accept();
        return;
    }
    const bool arrow = event->key() == Qt::Key_Left || event->key() == Qt::Key_Right || event->key() == Qt::Key_Up || event->key() == Qt::Key_Down;
    if (arrow && !m_scene->selectedItems().isEmpty() && !(event->modifiers() & (Qt::ControlModifier | Qt::AltModifier))) {
        // One pixel, or a grid step with Shift.
        const double step = event->modifiers() & Qt::ShiftModifier ? style::kGrid : 1.0;
        const double dx = event->key() == Qt::Key_Left ? -step : event->key() == Qt::Key_Right ? step : 0;
        const double dy = event->key() == Qt::Key_Up ? -step : event->key() == Qt::Key_Down ? step : 0;
        emit nudgeRequested(dx, dy);
        event->accept();
        return;
    }
    QGraphicsView::keyPressEvent(event);
}

void DiagramView::contextMenuEvent(QContextMenuEvent* event)
{
    if (m_flowMode)
        setFlowMode(false);
    emit contextMenuRequested(mapToScene(event->pos()), event->globalPos());
    event->accept();
}

void DiagramView::startRename(QGraphicsItem* item)
{
    if (m_rename)
        finishRename(true);
    const Design& d = m_document.design();
    QString current;
    QRectF area;
    if (auto* r = dynamic_cast<ResourceItem*>(item)) {
        const Resource* resource = d.find(r->resourceId());
        if (!resource)
            return;
        m_renamed = QString::fromStdString(resource->id.str());
        current = QString::fromStdString(resource->name);
        // Over the label: a container's title, a tile's caption under its icon.
        area = style::isContainer(r->kind()) ? r->mapRectToScene(QRectF(34, 6, std::max(160.0, r->size().width() - 44), 22))
                                             : r->mapRectToScene(QRectF(-30, r->size().height() - 20, r->size().width() + 60, 22));
    } else if (auto* f = dynamic_cast<FlowItem*>(item)) {
        const Flow* flow = d.findFlow(f->flowId());
        if (!flow)
            return;
        m_renamed = QString::fromStdString(flow->id.str());
        current = QString::fromStdString(flow->name);
        const QPointF middle = f->path().pointAtPercent(0.5);
        area = QRectF(middle - QPointF(110, 11), QSizeF(220, 22));
    } else {
        return;
    }
    ensureVisible(area, 20, 20);
    const QRect rect = mapFromScene(area).boundingRect();
    m_rename = new QLineEdit(current, viewport());
    m_rename->setObjectName(QStringLiteral("renameEditor"));
    m_rename->setPlaceholderText(m_renamed);
    m_rename->setGeometry(QRect(rect.topLeft(), QSize(std::max(rect.width(), 160), std::max(rect.height(), m_rename->sizeHint().height()))));
    m_rename->selectAll();
    m_rename->installEventFilter(this);
    connect(m_rename, &QLineEdit::returnPressed, this, [this] { finishRename(true); });
    m_rename->show();
    m_rename->setFocus();
}

bool DiagramView::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_rename) {
        if (event->type() == QEvent::KeyPress && static_cast<QKeyEvent*>(event)->key() == Qt::Key_Escape) {
            finishRename(false);
            return true;
        }
        if (event->type() == QEvent::FocusOut) {
            // Deferred: the editor must not be deleted inside its own focus event.
            QTimer::singleShot(0, this, [this] {
                if (m_rename && !m_rename->hasFocus())
                    finishRename(true);
            });
        }
    }
    return QGraphicsView::eventFilter(watched, event);
}

void DiagramView::finishRename(bool commit)
{
    QLineEdit* editor = std::exchange(m_rename, nullptr);
    if (!editor)
        return;
    editor->removeEventFilter(this);
    const std::string name = editor->text().trimmed().toStdString();
    editor->hide();
    editor->deleteLater();
    setFocus();
    if (!commit)
        return;
    const Design& d = m_document.design();
    const std::string id = m_renamed.toStdString();
    ChangeSetBuilder b(d);
    if (const Resource* r = d.find(ResourceId(id)); r && r->name != name) {
        Resource changed = *r;
        changed.name = name;
        b.modify(changed);
    } else if (const Flow* f = d.findFlow(FlowId(id)); f && f->name != name) {
        Flow changed = *f;
        changed.name = name;
        b.modifyFlow(changed);
    }
    ChangeSet change = b.build();
    if (!change.empty())
        m_document.apply(std::move(change), tr("Rename %1").arg(m_renamed));
}

} // namespace pp::ui
