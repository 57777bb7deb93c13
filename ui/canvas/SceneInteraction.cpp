#include "canvas/DiagramScene.h"

#include "canvas/ExposureBadge.h"
#include "canvas/FlowItem.h"
#include "canvas/Placement.h"
#include "canvas/ResourceItem.h"
#include "canvas/Style.h"
#include "design/Placement.h"
#include "document/Document.h"
#include "edit/Move.h"

#include <QGraphicsSceneHelpEvent>
#include <QGraphicsSceneMouseEvent>
#include <QToolTip>
#include <cmath>

// How the canvas answers the mouse: what a click picks, drags committed as one change-set,
// resizes, double-click to rename, Escape to cancel a drag.

namespace pp::ui {

QGraphicsItem* DiagramScene::pick(const QPointF& scenePos) const
{
    const QList<QGraphicsItem*> under = items(scenePos, Qt::IntersectsItemShape, Qt::DescendingOrder);
    // 1. A container's resize handle (the innermost first).
    for (QGraphicsItem* item : under)
        if (auto* r = dynamic_cast<ResourceItem*>(item); r && style::isContainer(r->kind()) &&
                                                        r->resizeHandle().contains(r->mapFromScene(scenePos)))
            return r;
    // 2. A tile.
    for (QGraphicsItem* item : under)
        if (auto* r = dynamic_cast<ResourceItem*>(item); r && !style::isContainer(r->kind()))
            return r;
    // 3. A connector: flows before links.
    for (QGraphicsItem* item : under)
        if (dynamic_cast<FlowItem*>(item))
            return item;
    for (QGraphicsItem* item : under)
        if (dynamic_cast<LinkItem*>(item))
            return item;
    // 4. The innermost container's body.
    for (QGraphicsItem* item : under)
        if (dynamic_cast<ResourceItem*>(item))
            return item;
    return nullptr;
}

ResourceItem* DiagramScene::resourceAt(const QPointF& scenePos) const
{
    for (QGraphicsItem* item : items(scenePos, Qt::IntersectsItemShape, Qt::DescendingOrder))
        if (auto* r = dynamic_cast<ResourceItem*>(item); r && !style::isContainer(r->kind()))
            return r;
    for (QGraphicsItem* item : items(scenePos, Qt::IntersectsItemShape, Qt::DescendingOrder))
        if (auto* r = dynamic_cast<ResourceItem*>(item))
            return r;
    return nullptr;
}

void DiagramScene::mousePressEvent(QGraphicsSceneMouseEvent* event)
{
    QGraphicsItem* picked = pick(event->scenePos());
    if (event->button() == Qt::LeftButton && (event->modifiers() & (Qt::AltModifier | Qt::ShiftModifier)) &&
        (!picked || (dynamic_cast<ResourceItem*>(picked) && style::isContainer(static_cast<ResourceItem*>(picked)->kind())))) {
        // Alt or Shift on a container's body: a rubber band (the view draws it), not a drag.
        event->ignore();
        return;
    }
    // Qt delivers the press to the topmost item that accepts it; the items stacked above the one
    // picked (a flow over a tile, a tile over a handle) do not take it.
    QList<QGraphicsItem*> muted;
    if (picked)
        for (QGraphicsItem* item : items(event->scenePos(), Qt::IntersectsItemShape, Qt::DescendingOrder)) {
            if (item == picked)
                break;
            if (item->acceptedMouseButtons() != Qt::NoButton) {
                muted << item;
                item->setAcceptedMouseButtons(Qt::NoButton);
            }
        }
    QGraphicsScene::mousePressEvent(event);
    for (QGraphicsItem* item : std::as_const(muted))
        item->setAcceptedMouseButtons(Qt::AllButtons);
    m_pressed = event->button() == Qt::LeftButton && mouseGrabberItem();
    for (QGraphicsItem* item : selectedItems())
        if (auto* r = dynamic_cast<ResourceItem*>(item))
            r->markDragStart();
}

void DiagramScene::mouseMoveEvent(QGraphicsSceneMouseEvent* event)
{
    if (m_pressed || !(event->buttons() & Qt::LeftButton))
        QGraphicsScene::mouseMoveEvent(event);
}

void DiagramScene::mouseReleaseEvent(QGraphicsSceneMouseEvent* event)
{
    const bool pressed = std::exchange(m_pressed, false);
    QGraphicsScene::mouseReleaseEvent(event);
    if (pressed && event->button() == Qt::LeftButton)
        commitDrag();
}

void DiagramScene::mouseDoubleClickEvent(QGraphicsSceneMouseEvent* event)
{
    QGraphicsItem* picked = pick(event->scenePos());
    if (event->button() == Qt::LeftButton && picked && (dynamic_cast<ResourceItem*>(picked) || dynamic_cast<FlowItem*>(picked))) {
        clearSelection();
        picked->setSelected(true);
        emit renameRequested(picked);
        event->accept();
        return;
    }
    QGraphicsScene::mouseDoubleClickEvent(event);
}

void DiagramScene::helpEvent(QGraphicsSceneHelpEvent* event)
{
    const QString text = toolTipAt(event->scenePos());
    if (text.isEmpty()) {
        QToolTip::hideText();
        event->ignore();
        return;
    }
    QToolTip::showText(event->screenPos(), text, event->widget());
    event->accept();
}

QString DiagramScene::toolTipAt(const QPointF& scenePos)
{
    // A badge gives its findings, a tile or container its kind and full name (labels may be
    // shortened on the canvas), an exposure badge how the workload is exposed, a flow its verdict
    // and first reason. Written when asked, from the names as they are now.
    QGraphicsItem* picked = pick(scenePos);
    QString text;
    if (auto* r = dynamic_cast<ResourceItem*>(picked)) {
        const Resource* resource = m_document.design().find(r->resourceId());
        const auto& findings = m_document.findingsOf(r->resourceId().str());
        const auto& violations = m_document.violationsOf(r->resourceId().str());
        if ((!findings.empty() || !violations.empty()) && r->badgeRect().contains(r->mapFromScene(scenePos))) {
            QStringList lines;
            for (const Finding* f : findings)
                lines << QStringLiteral("<b>%1</b> %2").arg(QString::fromStdString(f->code), QString::fromStdString(f->message).toHtmlEscaped());
            for (const PolicyViolation* v : violations)
                lines << QStringLiteral("<b>%1</b> %2").arg(QString::fromStdString(v->code),
                                                            tr("policy %1: %2").arg(QString::fromStdString(v->policy),
                                                                                    QString::fromStdString(v->message).toHtmlEscaped()));
            text = lines.join(QStringLiteral("<br>"));
        } else if (resource) {
            const auto [title, subtitle] = ResourceItem::labels(*resource);
            text = QStringLiteral("<b>%1</b> — %2<br>%3").arg(title.toHtmlEscaped(), style::kindLabel(resource->kind()),
                                                            QString::fromStdString(resource->id.str()));
            if (!subtitle.isEmpty())
                text += QStringLiteral(" · ") + subtitle.toHtmlEscaped();
            if (const Exposure* e = exposureOf(r->resourceId().str()))
                for (const QString& sentence : exposureSentences(*e, m_document.design()))
                    text += QStringLiteral("<br>") + sentence.toHtmlEscaped();
            if (!findings.empty())
                text += QStringLiteral("<br>") + tr("%n finding(s): point at the badge", nullptr, int(findings.size()));
            if (!violations.empty())
                text += QStringLiteral("<br>") + tr("%n policy violation(s): point at the badge", nullptr, int(violations.size()));
        }
    } else if (auto* badge = dynamic_cast<ExposureBadge*>(picked)) {
        QStringList lines;
        for (const QString& sentence : exposureSentences(badge->exposure(), m_document.design()))
            lines << sentence.toHtmlEscaped();
        text = lines.join(QStringLiteral("<br>"));
    } else if (picked) {
        text = picked->toolTip();
    }
    return text;
}

bool DiagramScene::cancelDrag()
{
    if (!m_pressed)
        return false;
    m_pressed = false;
    if (QGraphicsItem* grabber = mouseGrabberItem())
        grabber->ungrabMouse();
    for (ResourceItem* item : m_items)
        item->cancelGesture();
    m_dragged.clear();
    settleRoutes();
    emit statusMessage(tr("Cancelled."));
    return true;
}

void DiagramScene::commitDrag()
{
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
                r->placeAt(r->dragStart());
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
                        r->placeAt(r->dragStart());
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
                        // Dropped into a subnet, a NAT gateway is zonal there (NAT-1).
                        n->availabilityMode = NatAvailabilityMode::Zonal;
                        n->vpc.reset();
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
    // Whatever was recorded (or not: a move that snapped back to where it was is no change), the
    // moved items end where the model says.
    const Design& after = m_document.design();
    for (const Shape& s : after.diagram.shapes)
        if (ResourceItem* item = itemFor(s.resource.str()); item && item->isSelected() && item->pos() != QPointF(s.x, s.y)) {
            item->placeAt(QPointF(s.x, s.y));
            item->markDragStart();
            itemMoved(item);
        }
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

} // namespace pp::ui
