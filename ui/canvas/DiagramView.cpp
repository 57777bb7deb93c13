#include "canvas/DiagramView.h"

#include "canvas/DiagramScene.h"
#include "canvas/Placement.h"
#include "canvas/ResourceItem.h"
#include "canvas/Style.h"
#include "document/Document.h"
#include "panels/PalettePanel.h"

#include <QDragEnterEvent>
#include <set>
#include <QGraphicsLineItem>
#include <QMimeData>
#include <QScrollBar>
#include <QWheelEvent>

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
}

double DiagramView::zoom() const { return transform().m11(); }

void DiagramView::scaleBy(double factor)
{
    const double next = std::clamp(zoom() * factor, 0.05, 8.0);
    scale(next / zoom(), next / zoom());
}

void DiagramView::zoomIn() { scaleBy(1.25); }
void DiagramView::zoomOut() { scaleBy(0.8); }
void DiagramView::zoomReset() { setTransform(QTransform()); }

void DiagramView::fitAll()
{
    const QRectF bounds = m_scene->itemsBoundingRect().adjusted(-40, -40, 40, 40);
    if (!bounds.isEmpty())
        fitInView(bounds, Qt::KeepAspectRatio);
}

void DiagramView::centreOn(const QStringList& ids)
{
    m_scene->clearSelection();
    QRectF area;
    for (const QString& id : ids)
        if (ResourceItem* item = m_scene->itemFor(id.toStdString())) {
            item->setSelected(true);
            area = area.united(item->sceneBoundingRect());
        }
    if (!area.isNull())
        centerOn(area.center());
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

void DiagramView::dragEnterEvent(QDragEnterEvent* event)
{
    if (event->mimeData()->hasFormat(kKindMimeType))
        event->acceptProposedAction();
    else
        QGraphicsView::dragEnterEvent(event);
}

void DiagramView::dragMoveEvent(QDragMoveEvent* event)
{
    if (event->mimeData()->hasFormat(kKindMimeType))
        event->acceptProposedAction();
    else
        QGraphicsView::dragMoveEvent(event);
}

void DiagramView::dropEvent(QDropEvent* event)
{
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
    m_document.apply(*placement.change, tr("Add %1").arg(style::kindLabel(Kind(kind))));
    if (ResourceItem* item = m_scene->itemFor(placement.created.str())) {
        m_scene->clearSelection();
        item->setSelected(true);
    }
    emit statusMessage(tr("Added %1").arg(QString::fromStdString(placement.created.str())));
    if (Kind(kind) == Kind::NatGateway)
        emit natGatewayAdded(QString::fromStdString(placement.created.str()));
    return true;
}

void DiagramView::setFlowMode(bool on)
{
    m_flowMode = on;
    setDragMode(on ? QGraphicsView::NoDrag : QGraphicsView::RubberBandDrag);
    viewport()->setCursor(on ? Qt::CrossCursor : Qt::ArrowCursor);
    emit statusMessage(on ? tr("Drag from a client to what it connects to (a flow), or between two VPCs, a VPC and a "
                               "transit gateway, an endpoint and a service, a customer gateway and a VPN gateway, an "
                               "on-premises network and a Direct Connect gateway (a link).")
                          : QString());
}

ResourceItem* DiagramView::resourceAt(const QPoint& viewPos) const
{
    // A tile under the pointer, else the VPC or on-premises network whose frame or header is there
    // (for peerings, attachments, customer gateways and Direct Connect).
    const QPointF scenePos = mapToScene(viewPos);
    ResourceItem* container = nullptr;
    for (QGraphicsItem* item : m_scene->items(scenePos))
        if (auto* r = dynamic_cast<ResourceItem*>(item)) {
            if (!style::isContainer(r->kind()))
                return r;
            if (!container && (r->kind() == Kind::Vpc || r->kind() == Kind::OnPremisesNetwork))
                container = r;
        }
    return container;
}

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
    if (m_flowMode && event->button() == Qt::LeftButton) {
        m_flowSource = resourceAt(event->position().toPoint());
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
        delete m_rubberFlow;
        m_rubberFlow = nullptr;
        ResourceItem* target = resourceAt(event->position().toPoint());
        ResourceItem* source = m_flowSource;
        m_flowSource = nullptr;
        if (source && target && !connectLink(source->resourceId(), target->resourceId()))
            connectFlow(source->resourceId(), target->resourceId());
        return;
    }
    QGraphicsView::mouseReleaseEvent(event);
    if (dragMode() == QGraphicsView::ScrollHandDrag)
        setDragMode(QGraphicsView::RubberBandDrag);
}

} // namespace pp::ui
