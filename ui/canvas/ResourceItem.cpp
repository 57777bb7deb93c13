#include "canvas/ResourceItem.h"

#include "canvas/DiagramScene.h"
#include "canvas/Style.h"
#include "canvas/TitleOverlay.h"
#include "canvas/TileLabel.h"
#include "document/Document.h"

#include <QFontMetricsF>
#include <QGraphicsSceneMouseEvent>
#include <QPainter>
#include <QStyleOptionGraphicsItem>
#include <algorithm>
#include <cmath>

namespace pp::ui {

ResourceItem::ResourceItem(const Document& document, ResourceId id, QSizeF size)
    : m_document(document), m_id(std::move(id)), m_size(size)
{
    // An id names one resource of one kind for the item's whole life (a kind never changes).
    const Resource* r = m_document.design().find(m_id);
    m_kind = r ? r->kind() : Kind::Region;
    m_markColour = r ? style::markColor(*r) : style::kindColor(m_kind);
    setFlags(ItemIsSelectable | ItemIsMovable | ItemSendsGeometryChanges);
    setAcceptHoverEvents(true);
    setZValue(style::isContainer(kind()) ? 0 : 2);
    // Tiles are small and many: repaint them from a cached pixmap.
    if (!style::isContainer(kind()))
        setCacheMode(DeviceCoordinateCache);
}

Kind ResourceItem::kind() const { return m_kind; }

void ResourceItem::modelChanged()
{
    m_labelWidth = -1;
    if (const Resource* r = m_document.design().find(m_id))
        m_markColour = style::markColor(*r); // a service changed to one of another category
    update();
    repaintInContainer();
}

QRectF ResourceItem::boundingRect() const
{
    // Tiles draw their label below and wider than the box, and every item may carry a badge at
    // its top-right corner: all of it must be inside (the item cache clips to this).
    if (style::isContainer(kind()))
        return QRectF(QPointF(-8, -8), m_size + QSizeF(16, 16));
    return QRectF(QPointF(-24, -8), m_size + QSizeF(48, 28));
}

QPainterPath ResourceItem::shape() const
{
    QPainterPath path;
    path.setFillRule(Qt::WindingFill); // overlapping parts (header, frame, handle) must add up, not cancel
    if (style::isContainer(kind())) {
        // Containers are picked by their whole body (their contents are stacked above them, so a
        // click on a tile still picks the tile) and by their resize handle.
        path.addRoundedRect(QRectF(QPointF(0, 0), m_size), 10, 10);
        path.addRect(resizeHandle());
    } else {
        path.addRect(QRectF(QPointF(0, 0), m_size));
    }
    return path;
}

bool ResourceItem::canChangeContainer() const
{
    const Kind k = kind();
    if (k == Kind::Workload || k == Kind::NatGateway || k == Kind::Subnet)
        return true;
    // Gateways drawn in a VPC can be attached to another one.
    const auto* parent = dynamic_cast<const ResourceItem*>(parentItem());
    return (k == Kind::InternetGateway || k == Kind::EgressOnlyInternetGateway || k == Kind::VirtualPrivateGateway) && parent &&
           parent->kind() == Kind::Vpc;
}

QRectF ResourceItem::resizeHandle() const
{
    return QRectF(m_size.width() - 10, m_size.height() - 10, 14, 14);
}

QSizeF ResourceItem::minimumSize() const
{
    QSizeF least(120, style::kHeader + 40);
    for (QGraphicsItem* child : childItems())
        if (const auto* r = dynamic_cast<const ResourceItem*>(child)) {
            least.setWidth(std::max(least.width(), r->pos().x() + r->size().width() + 10));
            least.setHeight(std::max(least.height(), r->pos().y() + r->size().height() + 10));
        }
    return least;
}

void ResourceItem::mousePressEvent(QGraphicsSceneMouseEvent* event)
{
    if (event->button() == Qt::LeftButton && style::isContainer(kind()) && resizeHandle().contains(event->pos())) {
        // The handle works on the first press, selected or not.
        if (!(event->modifiers() & Qt::ControlModifier) && scene()) {
            scene()->clearSelection();
            setSelected(true);
        }
        m_resizing = true;
        m_sizeStart = m_size;
        event->accept();
        return;
    }
    QGraphicsItem::mousePressEvent(event);
}

void ResourceItem::mouseMoveEvent(QGraphicsSceneMouseEvent* event)
{
    if (!m_resizing) {
        QGraphicsItem::mouseMoveEvent(event);
        return;
    }
    const QSizeF least = minimumSize();
    QSizeF next(std::round(event->pos().x() / style::kGrid) * style::kGrid, std::round(event->pos().y() / style::kGrid) * style::kGrid);
    next = next.expandedTo(least);
    if (const auto* parent = dynamic_cast<const ResourceItem*>(parentItem()))
        next = next.boundedTo(QSizeF(parent->size().width() - pos().x(), parent->size().height() - pos().y()));
    setSize(next);
    if (auto* s = dynamic_cast<DiagramScene*>(scene()))
        s->itemMoved(this);
}

void ResourceItem::mouseReleaseEvent(QGraphicsSceneMouseEvent* event)
{
    if (!m_resizing) {
        QGraphicsItem::mouseReleaseEvent(event);
        return;
    }
    m_resizing = false;
    if (auto* s = dynamic_cast<DiagramScene*>(scene()))
        s->commitResize(this);
}

void ResourceItem::hoverMoveEvent(QGraphicsSceneHoverEvent* event)
{
    const bool onHandle = style::isContainer(kind()) && resizeHandle().contains(event->pos());
    setCursor(onHandle ? Qt::SizeFDiagCursor : Qt::ArrowCursor);
    QGraphicsItem::hoverMoveEvent(event);
}

void ResourceItem::setSize(QSizeF size)
{
    repaintInContainer();
    prepareGeometryChange();
    m_size = size;
    repaintInContainer();
}

void ResourceItem::setHighlight(const QColor& colour)
{
    if (m_highlight == colour)
        return;
    m_highlight = colour;
    update();
    repaintInContainer();
}

void ResourceItem::cancelGesture()
{
    if (m_resizing) {
        m_resizing = false;
        setSize(m_sizeStart);
    }
    if (pos() != m_dragStart)
        placeAt(m_dragStart);
}

void ResourceItem::placeAt(QPointF pos)
{
    m_placing = true;
    setPos(pos);
    m_placing = false;
}

QRectF ResourceItem::badgeRect() const { return QRectF(m_size.width() - 14, -6, 18, 18); }

std::pair<QString, QString> ResourceItem::labels(const Resource& r)
{
    QString text;
    if (const Vpc* v = r.as<Vpc>(); v && !v->ipv4Cidrs.empty())
        text = QString::fromStdString(v->ipv4Cidrs.front().toString());
    else if (const Subnet* s = r.as<Subnet>())
        text = QString::fromStdString(s->cidr.toString() + "  " + s->availabilityZone);
    else if (const Region* region = r.as<Region>())
        text = QString::fromStdString(region->code);
    else if (const Workload* w = r.as<Workload>(); w && w->privateIp)
        text = QString::fromStdString(w->privateIp->toString());
    return {QString::fromStdString(r.displayName()), text};
}

QRectF ResourceItem::headerLabelRect() const
{
    if (!style::isContainer(m_kind))
        return {};
    if (m_labelWidth < 0) {
        // Measured once per change of the resource: routing asks for every container on each pass.
        const Resource* r = m_document.design().find(m_id);
        if (!r)
            return {};
        const auto [label, text] = labels(*r);
        QFont bold = style::canvasFont();
        bold.setBold(true);
        QFont small = style::canvasFont();
        small.setPointSizeF(small.pointSizeF() * 0.85);
        m_labelWidth = 38 + std::max(QFontMetricsF(bold).horizontalAdvance(label), QFontMetricsF(small).horizontalAdvance(text)) + 6;
    }
    return QRectF(4, 4, std::min(m_labelWidth, m_size.width() - 8), 36);
}

void ResourceItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*)
{
    const Kind k = m_kind;
    const QColor colour = style::kindColor(k);
    const auto* diagram = dynamic_cast<const DiagramScene*>(scene());
    // Exports draw everything at full detail and without the editor's selection marks.
    const bool exporting = diagram && diagram->presentation().exporting;
    const bool selected = (option->state & QStyle::State_Selected) && !exporting;
    const QRectF box(QPointF(0, 0), m_size);
    // Far out (fit-to-view of a large estate) text is unreadable and icons are specks: marks.
    const Detail detail = detailFor(k, QStyleOptionGraphicsItem::levelOfDetailFromTransform(painter->worldTransform()), exporting);
    if (detail == Detail::Mark) {
        paintMark(painter, m_markColour, selected);
        paintChildMarks(painter);
        return;
    }
    const Resource* r = m_document.design().find(m_id);
    if (!r)
        return;
    painter->setRenderHint(QPainter::Antialiasing);
    const auto [label, text] = labels(*r);

    // The path ring goes around the tile and its label (labels can be wider than the tile).
    QRectF ring = box.adjusted(-2, -2, 2, 2);
    if (style::isContainer(k)) {
        // Opaque tints: blending large translucent boxes on every repaint is slow.
        painter->setBrush(style::tint(colour, k == Kind::Region ? 0.05 : 0.09));
        // Regions and on-premises networks get a lighter frame. (Not dashed: Qt dashes the whole
        // outline of a huge box on every paint, which costs tens of milliseconds.)
        QPen pen(k == Kind::Region || k == Kind::OnPremisesNetwork ? colour.lighter(150) : colour, selected ? 3 : 1.6);
        painter->setPen(pen);
        painter->drawRoundedRect(box, 10, 10);
        style::paintIcon(*painter, k, QRectF(8, 8, 24, 24));
        if (selected) {
            painter->setPen(Qt::NoPen);
            painter->setBrush(colour);
            painter->drawRect(resizeHandle().adjusted(2, 2, -2, -2));
        } else if (!exporting) {
            // A grip shows where the handle is before the container is selected.
            painter->setPen(QPen(colour.lighter(130), 1.2));
            const QPointF corner(m_size.width() - 4, m_size.height() - 4);
            for (double d : {5.0, 9.0})
                painter->drawLine(corner - QPointF(d, 0), corner - QPointF(0, d));
        }
        // Zoomed out, the view draws the title at screen size over what the container holds.
        if (detail == Detail::Full) {
            painter->setPen(colour.darker(140));
            QFont font = style::canvasFont();
            font.setBold(true);
            painter->setFont(font);
            const QFontMetricsF metrics(font, painter->device());
            const QString title = metrics.elidedText(label, Qt::ElideRight, std::max(20.0, m_size.width() - 50));
            painter->drawText(QPointF(38, 20), title);
            font.setBold(false);
            font.setPointSizeF(font.pointSizeF() * 0.85);
            painter->setFont(font);
            painter->setPen(QColor(0x42, 0x42, 0x42));
            painter->drawText(QPointF(38, 34), QFontMetricsF(font, painter->device()).elidedText(text, Qt::ElideRight, std::max(20.0, m_size.width() - 50)));
        }
    } else {
        painter->setPen(selected ? QPen(colour.darker(130), 2, Qt::DashLine) : Qt::NoPen);
        painter->setBrush(selected ? QBrush(QColor(255, 255, 255, 200)) : QBrush(Qt::NoBrush));
        painter->drawRoundedRect(box, 6, 6);
        // Where connectors end and badges sit, too (style::tileIconRect).
        const QRectF iconRect = style::tileIconRect(m_size);
        const double icon = iconRect.height();
        // An AWS service shows its category's icon: it follows the service at the next paint.
        style::paintIcon(*painter, style::iconName(*r), iconRect, colour);
        // Wrapped and elided to the room its neighbours leave (TileLabel.h).
        const QRectF shown = paintTileLabel(*painter, *this, label, text, icon + 3);
        // Kept inside the bounding rectangle, which the item cache clips to.
        ring |= QRectF(shown.left() - 5, -2, shown.width() + 10, std::max(m_size.height(), shown.bottom()) + 4) & QRectF(-21, -6, m_size.width() + 42, m_size.height() + 24);
    }
    paintChildMarks(painter);
    if (m_highlight.isValid()) {
        painter->setPen(QPen(m_highlight, 4));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(ring, 10, 10);
    }
    // A badge for findings: red for errors, amber for warnings.
    bool error = false, warning = false;
    for (const Finding* f : m_document.findingsOf(m_id.str())) {
        error = error || f->severity == Severity::Error;
        warning = warning || f->severity == Severity::Warning;
    }
    error = error || !m_document.violationsOf(m_id.str()).empty(); // a broken policy fails a check like an error
    if (error || warning) {
        const QRectF badge = badgeRect();
        painter->setPen(QPen(Qt::white, 1.5));
        painter->setBrush(style::badgeColor(error ? Severity::Error : Severity::Warning));
        painter->drawEllipse(badge);
        QFont font = style::canvasFont();
        font.setBold(true);
        painter->setFont(font);
        painter->drawText(badge, Qt::AlignCenter, QStringLiteral("!"));
    }
}

ResourceItem::Detail ResourceItem::detailFor(Kind kind, double levelOfDetail, bool exporting)
{
    if (exporting)
        return Detail::Full;
    if (levelOfDetail < kMarkZoom)
        return Detail::Mark;
    return style::isContainer(kind) && levelOfDetail < TitleOverlay::kBelowZoom ? Detail::Untitled : Detail::Full;
}

void ResourceItem::paintMark(QPainter* painter, const QColor& colour, bool selected) const
{
    // Hairlines and unblended, aliased fills: the cheapest a painter draws, tens of thousands a frame.
    painter->setRenderHint(QPainter::Antialiasing, false);
    const QRectF box(QPointF(0, 0), m_size);
    if (!style::isContainer(m_kind)) {
        paintTileMark(painter, box, colour, selected, m_highlight);
        return;
    }
    // The frame as four one-pixel fills around the tinted inside: plain fills are the raster
    // engine's fast path, a stroked outline is not (thousands of subnets at fit-to-view).
    const QColor frame = selected ? QColor(Qt::black) : colour;
    const double zoom = std::max(1e-6, painter->worldTransform().m11());
    const double px = std::min(1 / zoom, std::min(box.width(), box.height()) / 2);
    painter->fillRect(QRectF(0, 0, box.width(), px), frame);
    painter->fillRect(QRectF(0, box.height() - px, box.width(), px), frame);
    painter->fillRect(QRectF(0, px, px, box.height() - 2 * px), frame);
    painter->fillRect(QRectF(box.width() - px, px, px, box.height() - 2 * px), frame);
    painter->fillRect(box.adjusted(px, px, -px, -px), style::tint(colour, m_kind == Kind::Region ? 0.05 : 0.09));
    if (m_highlight.isValid()) {
        QPen ring(m_highlight, 2);
        ring.setCosmetic(true);
        painter->setPen(ring);
        painter->setBrush(Qt::NoBrush);
        painter->drawRect(box.adjusted(-4, -4, 4, 4));
    }
}

void ResourceItem::paintTileMark(QPainter* painter, const QRectF& box, const QColor& colour, bool selected, const QColor& highlight)
{
    painter->fillRect(box, colour);
    if (selected) {
        painter->setPen(QPen(Qt::black, 0));
        painter->setBrush(Qt::NoBrush);
        painter->drawRect(box);
    }
    if (highlight.isValid()) {
        QPen ring(highlight, 2);
        ring.setCosmetic(true);
        painter->setPen(ring);
        painter->setBrush(Qt::NoBrush);
        painter->drawRect(box.adjusted(-4, -4, 4, 4));
    }
}

void ResourceItem::paintChildMarks(QPainter* painter) const
{
    if (!m_childMarksValid) {
        m_childMarks.clear();
        for (QGraphicsItem* child : childItems()) {
            if (!(child->flags() & ItemHasNoContents) || !child->isVisible() || child->type() != Type)
                continue;
            const auto* tile = static_cast<const ResourceItem*>(child);
            m_childMarks.push_back({QRectF(tile->pos(), tile->m_size), tile->m_markColour.rgb(), tile->isSelected(), tile->m_highlight});
        }
        std::stable_sort(m_childMarks.begin(), m_childMarks.end(), [](const ChildMark& a, const ChildMark& b) { return a.colour < b.colour; });
        m_childMarksValid = true;
    }
    if (m_childMarks.empty())
        return;
    painter->setRenderHint(QPainter::Antialiasing, false);
    // fillRect: the raster engine's fast path for plain boxes (drawRects of QRectF is not).
    QColor colour;
    for (std::size_t i = 0; i < m_childMarks.size(); ++i) {
        if (i == 0 || m_childMarks[i].colour != m_childMarks[i - 1].colour)
            colour = QColor(m_childMarks[i].colour);
        painter->fillRect(m_childMarks[i].box, colour);
    }
    for (const ChildMark& mark : m_childMarks)
        if (mark.selected || mark.highlight.isValid())
            paintTileMark(painter, mark.box, QColor(mark.colour), mark.selected, mark.highlight);
}

void ResourceItem::setDrawnByContainer(bool on)
{
    on = on && !style::isContainer(m_kind) && parentItem() && parentItem()->type() == Type;
    if (on == drawnByContainer())
        return;
    setFlag(ItemHasNoContents, on);
    update();
    if (auto* container = static_cast<ResourceItem*>(parentItem())) {
        container->invalidateChildMarks();
        container->update(mapRectToParent(boundingRect()));
    }
}

void ResourceItem::repaintInContainer()
{
    if (auto* container = dynamic_cast<ResourceItem*>(parentItem()))
        container->invalidateChildMarks();
    if (drawnByContainer())
        if (QGraphicsItem* container = parentItem())
            container->update(mapRectToParent(boundingRect()).adjusted(-6, -6, 6, 6));
}

QVariant ResourceItem::itemChange(GraphicsItemChange change, const QVariant& value)
{
    if (change == ItemChildAddedChange || change == ItemChildRemovedChange)
        invalidateChildMarks();
    if (change == ItemVisibleHasChanged)
        repaintInContainer();
    if (change == ItemPositionChange)
        repaintInContainer(); // where it was; where it goes is repainted once it is there
    if (change == ItemPositionChange && !m_placing) {
        // Snap to the grid, and keep the shape inside its container.
        QPointF p = value.toPointF();
        p.setX(std::round(p.x() / style::kGrid) * style::kGrid);
        p.setY(std::round(p.y() / style::kGrid) * style::kGrid);
        if (const auto* parent = dynamic_cast<const ResourceItem*>(parentItem()); parent && !canChangeContainer()) {
            const QSizeF room = parent->size();
            p.setX(std::clamp(p.x(), 0.0, std::max(0.0, room.width() - m_size.width())));
            p.setY(std::clamp(p.y(), style::kHeader, std::max(style::kHeader, room.height() - m_size.height())));
        }
        return p;
    }
    if (change == ItemPositionHasChanged || change == ItemSelectedHasChanged)
        repaintInContainer();
    if (change == ItemParentChange && drawnByContainer()) {
        // Out of the container that drew it: drawn again by itself until the view says otherwise.
        repaintInContainer();
        setFlag(ItemHasNoContents, false);
    }
    if (change == ItemPositionHasChanged)
        if (auto* s = dynamic_cast<DiagramScene*>(scene()))
            s->itemMoved(this);
    return QGraphicsItem::itemChange(change, value);
}

} // namespace pp::ui
