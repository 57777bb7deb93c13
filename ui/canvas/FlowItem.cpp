#include "canvas/FlowItem.h"
#include "canvas/ParallelRuns.h"

#include "canvas/DiagramScene.h"
#include "canvas/ResourceItem.h"
#include "canvas/Routing.h"
#include "canvas/Style.h"
#include "document/Document.h"

#include <QGraphicsScene>
#include <QGraphicsView>
#include <QPainter>
#include <QPainterPathStroker>
#include <QStyleOptionGraphicsItem>
#include <QVarLengthArray>
#include <array>
#include <cmath>

namespace pp::ui {
namespace {

constexpr double kLabelPad = 4;

QFont labelFont()
{
    QFont font = style::canvasFont();
    font.setPointSizeF(font.pointSizeF() * 0.8);
    return font;
}

// An arrow head at the end of `line`, `size` pixels long.
void paintArrowHead(QPainter* painter, const QPolygonF& line, double size, const QColor& colour)
{
    if (line.size() < 2)
        return;
    const QPointF tip = line.last();
    const QPointF from = line[line.size() - 2];
    const double angle = std::atan2(tip.y() - from.y(), tip.x() - from.x());
    QPolygonF head;
    head << tip << tip - QPointF(std::cos(angle - 0.45) * size, std::sin(angle - 0.45) * size)
         << tip - QPointF(std::cos(angle + 0.45) * size, std::sin(angle + 0.45) * size);
    painter->setPen(Qt::NoPen);
    painter->setBrush(colour);
    painter->drawPolygon(head);
}

// The point `distance` along the polyline from its start.
QPointF pointAlong(const QPolygonF& line, double distance)
{
    for (int i = 0; i + 1 < line.size(); ++i) {
        const QLineF segment(line[i], line[i + 1]);
        if (distance <= segment.length())
            return segment.pointAt(segment.length() > 0 ? distance / segment.length() : 0);
        distance -= segment.length();
    }
    return line.isEmpty() ? QPointF() : line.last();
}

// Strokes a polyline, only where it meets `clip` (what is being painted, plus a margin), keeping
// the dash pattern's phase as if the whole line were drawn. Dashing a long line in full costs
// thousands of dashes per band of a big export; most of them are off the band.
// Segment by segment with square caps: Qt's raster engine draws lines with flat or square caps
// with its line rasteriser, round ones through the general path stroker, which made a big PNG
// export spend most of its time on connectors. A square cap closes an orthogonal route's corner
// as a join would, and extends a dash as much as a round one.
void strokeClipped(QPainter* painter, const QPolygonF& route, const QPen& pen, const QRectF& clip)
{
    // Straight runs as one segment each: two caps meeting mid-run would blend their edges twice.
    QPolygonF line;
    line.reserve(route.size());
    for (const QPointF& p : route) {
        if (!line.isEmpty() && line.last() == p)
            continue;
        if (line.size() >= 2) {
            const QPointF a = line[line.size() - 2], b = line.last();
            const double cross = (b.x() - a.x()) * (p.y() - b.y()) - (b.y() - a.y()) * (p.x() - b.x());
            const double dot = (b.x() - a.x()) * (p.x() - b.x()) + (b.y() - a.y()) * (p.y() - b.y());
            if (std::abs(cross) < 1e-9 && dot > 0) {
                line.last() = p;
                continue;
            }
        }
        line.append(p);
    }
    QPen square = pen;
    square.setCapStyle(Qt::SquareCap);
    const QRectF area = clip.adjusted(-pen.widthF() - 2, -pen.widthF() - 2, pen.widthF() + 2, pen.widthF() + 2);
    const bool dashed = pen.style() != Qt::SolidLine;
    if (!dashed && area.contains(line.boundingRect())) {
        QVarLengthArray<QLineF, 16> segments;
        for (int i = 0; i + 1 < line.size(); ++i)
            segments.append(QLineF(line[i], line[i + 1]));
        painter->setPen(square);
        painter->drawLines(segments.data(), int(segments.size()));
        return;
    }
    double along = 0;
    for (int i = 0; i + 1 < line.size(); ++i) {
        const QLineF segment(line[i], line[i + 1]);
        const double length = segment.length();
        // Liang-Barsky against the rectangle.
        double t0 = 0, t1 = 1;
        const double dx = segment.dx(), dy = segment.dy();
        const std::array<std::pair<double, double>, 4> edges{{{-dx, segment.x1() - area.left()},
                                                              {dx, area.right() - segment.x1()},
                                                              {-dy, segment.y1() - area.top()},
                                                              {dy, area.bottom() - segment.y1()}}};
        bool inside = true;
        for (const auto& [p, q] : edges) {
            if (std::abs(p) < 1e-12) {
                if (q < 0)
                    inside = false;
                continue;
            }
            const double t = q / p;
            if (p < 0)
                t0 = std::max(t0, t);
            else
                t1 = std::min(t1, t);
        }
        if (inside && t0 <= t1) {
            QPen part = square;
            if (dashed && pen.widthF() > 0)
                part.setDashOffset((along + t0 * length) / pen.widthF());
            painter->setPen(part);
            painter->drawLine(segment.pointAt(t0), segment.pointAt(t1));
        }
        along += length;
    }
}

QString protocolText(const Flow& flow)
{
    switch (flow.protocol) {
    case Protocol::All:
        return QObject::tr("all traffic");
    case Protocol::Icmp:
        return QStringLiteral("ICMP");
    case Protocol::Icmpv6:
        return QStringLiteral("ICMPv6");
    case Protocol::Tcp:
    case Protocol::Udp:
        break;
    }
    const QString name = flow.protocol == Protocol::Tcp ? QStringLiteral("TCP") : QStringLiteral("UDP");
    return flow.port ? QStringLiteral("%1 %2").arg(name).arg(*flow.port) : name;
}

bool isDetailed(const QPainter* painter, bool exporting, double threshold)
{
    return exporting || QStyleOptionGraphicsItem::levelOfDetailFromTransform(painter->worldTransform()) >= threshold;
}

QString enumText(std::string_view name) { return QString::fromUtf8(name.data(), qsizetype(name.size())); }

bool isExporting(const QGraphicsItem* item)
{
    const auto* diagram = dynamic_cast<const DiagramScene*>(item->scene());
    return diagram && diagram->presentation().exporting;
}

} // namespace

ConnectorItem::ConnectorItem(ResourceItem* from, ResourceItem* to) : m_from(from), m_to(to)
{
    // Paint gets the exposed rectangle: long lines are stroked only where they are seen.
    setFlag(ItemUsesExtendedStyleOption);
}

bool ConnectorItem::setVia(const QList<ResourceItem*>& via)
{
    // Two empty lists are not compared with ==: Qt 6.4 then passes a null pointer to memcmp
    // (undefined behaviour that UBSan reports from the monkey test).
    if (via.size() == m_via.size() && (via.isEmpty() || via == m_via))
        return false;
    m_via = via;
    return true;
}

void ConnectorItem::forget(const ResourceItem* item)
{
    if (m_via.removeAll(const_cast<ResourceItem*>(item)) > 0)
        m_routed = false;
}

bool ConnectorItem::touches(const ResourceItem* item) const
{
    auto at = [&](const ResourceItem* end) { return end == item || item->isAncestorOf(end); };
    return at(m_from) || at(m_to) || std::any_of(m_via.begin(), m_via.end(), at);
}

QList<ResourceItem*> ConnectorItem::chain() const
{
    QList<ResourceItem*> out;
    out << m_from << m_via;
    if (!m_via.contains(m_to)) // else the packet goes on from the destination (FlowLegs)
        out << m_to;
    return out;
}

void ConnectorItem::updateRoute(const RouteObstacles* obstacles)
{
    const QList<ResourceItem*> chain = this->chain();
    QList<QPolygonF> legs;
    QPainterPath path;
    for (int i = 0; i + 1 < chain.size(); ++i) {
        if (chain[i] == chain[i + 1])
            continue;
        const QPolygonF leg = orthogonalRoute(chain[i], chain[i + 1], obstacles).toSubpathPolygons().value(0);
        legs << leg;
        path.addPolygon(leg);
    }
    m_legs = legs;
    prepareGeometryChange();
    setPath(path);
    placeLabel();
}

void ConnectorItem::setLegs(const QList<QPolygonF>& legs)
{
    QPainterPath path;
    for (const QPolygonF& leg : legs)
        path.addPolygon(leg);
    m_legs = legs;
    prepareGeometryChange();
    setPath(path);
    placeLabel();
}

void ConnectorItem::placeLabelAvoiding(const std::vector<QRectF>& taken)
{
    if (m_label.isEmpty() || m_legs.isEmpty())
        return;
    const QRectF r = placeLabelOnRoute(m_legs, labelSize(), taken);
    if (r == m_labelRect)
        return;
    prepareGeometryChange();
    m_labelRect = r;
    update();
}

QSizeF ConnectorItem::labelSize() const
{
    const QFontMetricsF metrics(labelFont());
    const double height = metrics.height() + 2;
    return {metrics.horizontalAdvance(m_label) + 2 * kLabelPad + (hasLabelIcon() ? height + 2 : 0), height};
}

void ConnectorItem::setLabel(const QString& label)
{
    if (label == m_label)
        return;
    prepareGeometryChange();
    m_label = label;
    placeLabel();
    update();
}

void ConnectorItem::placeLabel()
{
    // On the longest straight run, at its middle: the label reads as belonging to that line. (The
    // scene then moves labels that would cover each other: placeLabelAvoiding.)
    m_labelRect = m_label.isEmpty() || m_legs.isEmpty() ? QRectF() : placeLabelOnRoute(m_legs, labelSize(), {});
}

double ConnectorItem::viewScale() const
{
    const QGraphicsScene* s = scene();
    if (!s || s->views().isEmpty())
        return 1.0;
    return std::max(1e-3, s->views().first()->transform().m11());
}

QPainterPath ConnectorItem::shape() const
{
    // About 8 pixels wide at any zoom (within what boundingRect() covers), and the label.
    QPainterPathStroker stroker;
    stroker.setWidth(std::clamp(8.0 / viewScale(), 3.0, 22.0));
    stroker.setCapStyle(Qt::RoundCap);
    stroker.setJoinStyle(Qt::RoundJoin);
    QPainterPath out = stroker.createStroke(path());
    if (!m_labelRect.isEmpty())
        out.addRect(m_labelRect);
    return out;
}

QRectF ConnectorItem::boundingRect() const { return (path().boundingRect() | m_labelRect).adjusted(-12, -12, 12, 12); }

void ConnectorItem::paintLabel(QPainter* painter, const QColor& colour, const std::function<void(QPainter*, const QRectF&)>& icon) const
{
    if (m_labelRect.isEmpty())
        return;
    painter->setPen(QPen(colour, 1));
    painter->setBrush(QColor(255, 255, 255, 235));
    painter->drawRoundedRect(m_labelRect, 3, 3);
    QRectF text = m_labelRect.adjusted(kLabelPad, 0, -kLabelPad, 0);
    if (icon) {
        const double d = m_labelRect.height() - 4;
        icon(painter, QRectF(m_labelRect.left() + 2, m_labelRect.top() + 2, d, d));
        text.setLeft(m_labelRect.left() + d + 4 + 2);
    }
    painter->setFont(labelFont());
    painter->setPen(colour.darker(130));
    painter->drawText(text, Qt::AlignVCenter | Qt::AlignLeft, m_label);
}

// ---- Flows ------------------------------------------------------------------------------------

FlowItem::FlowItem(const Document& document, FlowId id, ResourceItem* source, ResourceItem* destination)
    : ConnectorItem(source, destination), m_document(document), m_id(std::move(id))
{
    setFlags(ItemIsSelectable);
    setZValue(5);
    updateStyle();
    updateRoute(nullptr); // the scene routes around tiles once everything is placed
}

void FlowItem::setLegStyles(int exitLeg, int blockedLeg)
{
    if (exitLeg == m_exitLeg && blockedLeg == m_blockedLeg)
        return;
    m_exitLeg = exitLeg;
    m_blockedLeg = blockedLeg;
    update();
}

void FlowItem::updateStyle()
{
    const FlowResult* r = m_document.flowResult(m_id);
    m_verdict = r ? r->verdict : Verdict::Unreachable;
    const auto* diagram = dynamic_cast<const DiagramScene*>(scene());
    const bool coloured = !diagram || diagram->presentation().verdictColours;
    // Without verdict colours (an export for documentation): every flow the same dark grey; the
    // line styles and the label's icon still tell the verdicts apart.
    m_colour = coloured ? style::verdictColor(m_verdict) : style::neutralFlowColor();
    QPen pen(m_colour, 2.5);
    pen.setCapStyle(Qt::RoundCap);
    pen.setJoinStyle(Qt::RoundJoin);
    setPen(pen);
    const Flow* flow = m_document.design().findFlow(m_id);
    const QString name = QString::fromStdString(flow && !flow->name.empty() ? flow->name : m_id.str());
    setLabel(flow ? name + QStringLiteral(" · ") + protocolText(*flow) : name);
    // Name, verdict and the first reason (why it is blocked, or where it leaves the private network).
    QString tip = QStringLiteral("<b>%1</b>: %2").arg(name.toHtmlEscaped(), style::verdictLabel(m_verdict));
    if (flow)
        tip += QStringLiteral(" (%1)").arg(protocolText(*flow));
    const Explanation* reason = nullptr;
    if (r && !r->blocking.empty())
        reason = &r->blocking.front();
    else if (r && !r->notes.empty())
        reason = &r->notes.front();
    if (reason)
        tip += QStringLiteral("<br>") + QString::fromStdString(reason->message).toHtmlEscaped();
    else if (r && r->leavesAt && *r->leavesAt < r->path.size())
        tip += QStringLiteral("<br>") + QObject::tr("Leaves the private network at %1.").arg(QString::fromStdString(r->path[*r->leavesAt].resource));
    setToolTip(tip);
    update();
}

QPen FlowItem::legPen(int leg) const
{
    QPen p = pen();
    if (m_verdict == Verdict::Public && m_exitLeg >= 0 && leg >= m_exitLeg)
        p.setDashPattern({4, 2, 1, 2});
    else if (m_verdict == Verdict::Unreachable && (m_blockedLeg < 0 || leg >= m_blockedLeg))
        p.setDashPattern({3, 2.5});
    return p;
}

void FlowItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*)
{
    const bool exporting = isExporting(this);
    // Zoomed far out, thin aliased lines are as readable and much cheaper.
    if (!isDetailed(painter, exporting, 0.35)) {
        painter->setRenderHint(QPainter::Antialiasing, false); // the view turns it on for every item
        painter->setPen(QPen(m_colour, 0, m_verdict == Verdict::Unreachable ? Qt::DashLine : Qt::SolidLine));
        painter->drawPath(path());
        return;
    }
    painter->setRenderHint(QPainter::Antialiasing);
    if ((option->state & QStyle::State_Selected) && !exporting) {
        QPen glow(m_colour.lighter(160), 8);
        glow.setCapStyle(Qt::RoundCap);
        glow.setJoinStyle(Qt::RoundJoin);
        painter->strokePath(path(), glow);
    }
    const QList<QPolygonF>& all = legs();
    for (int i = 0; i < all.size(); ++i) {
        painter->setBrush(Qt::NoBrush);
        strokeClipped(painter, all[i], legPen(i), option->exposedRect);
        // Into every device it passes, and into the destination.
        paintArrowHead(painter, all[i], i + 1 == all.size() ? 12 : 9, m_colour);
    }
    // Where it leaves the private network: a ring on the line as it leaves that tile. Where it
    // is blocked: a cross on the line after the last device it reached.
    auto mark = [&](int leg, Verdict verdict) {
        if (leg < 0 || leg >= all.size())
            return;
        const QPointF at = pointAlong(all[leg], 12);
        style::paintVerdictIcon(*painter, QRectF(at - QPointF(7, 7), QSizeF(14, 14)), verdict, m_colour);
    };
    if (m_verdict == Verdict::Public)
        mark(m_exitLeg, Verdict::Public);
    else if (m_verdict == Verdict::Unreachable)
        mark(m_blockedLeg < 0 ? 0 : m_blockedLeg, Verdict::Unreachable);
    if (isDetailed(painter, exporting, 0.5))
        paintLabel(painter, m_colour, [this](QPainter* p, const QRectF& r) { style::paintVerdictIcon(*p, r, m_verdict, m_colour); });
}

// ---- Structural links ---------------------------------------------------------------------------

LinkItem::LinkItem(const Document& document, ResourceItem* from, ResourceItem* to, std::string maker)
    : ConnectorItem(from, to), m_document(document), m_maker(std::move(maker))
{
    setZValue(1);
    updateStyle();
    updateRoute(nullptr);
}

void LinkItem::updateStyle()
{
    const Design& d = m_document.design();
    const Resource* maker = d.find(ResourceId(m_maker));
    const Resource* a = d.find(from()->resourceId());
    const Resource* b = d.find(to()->resourceId());
    if (!maker || !a || !b)
        return;
    const Kind kind = maker->kind();
    QColor colour = style::kindColor(kind);
    double width = 2.0;
    Qt::PenStyle line = Qt::SolidLine;
    QString label;
    QString state;
    auto lifecycle = [&](LifecycleState s) {
        if (s != LifecycleState::Available)
            state = enumText(enumName(s));
    };
    const bool drawnMaker = maker->id == a->id || maker->id == b->id;
    if (const VpcPeering* p = maker->as<VpcPeering>()) {
        if (p->state != PeeringState::Active)
            state = enumText(enumName(p->state));
    } else if (const TransitGatewayAttachment* att = maker->as<TransitGatewayAttachment>()) {
        lifecycle(att->state);
    } else if (const VpnConnection* v = maker->as<VpnConnection>()) {
        lifecycle(v->state);
        line = Qt::DashLine; // its tunnel's outer packets cross the internet
        if (drawnMaker)
            label = QObject::tr("VPN");
    } else if (maker->as<CustomerGateway>()) {
        line = Qt::DashLine;
    } else if (const DirectConnectVirtualInterface* vif = maker->as<DirectConnectVirtualInterface>()) {
        lifecycle(vif->state);
        width = 3.0;
    } else if (kind == Kind::DirectConnectGateway) {
        width = 3.0;
    } else if (const VpcEndpoint* e = maker->as<VpcEndpoint>()) {
        width = 1.6;
        line = Qt::DotLine;
        label = e->endpointType == EndpointType::Gateway ? QObject::tr("gateway endpoint") : QObject::tr("PrivateLink");
    } else {
        // An endpoint service and its load balancer, a load balancer and its targets.
        width = 1.4;
        colour = QColor(0x78, 0x90, 0x9C);
    }
    if (!drawnMaker)
        label = QString::fromStdString(maker->displayName());
    if (!state.isEmpty()) {
        colour = QColor(0x9E, 0x9E, 0x9E);
        line = Qt::DashLine;
        label = label.isEmpty() ? state : label + QStringLiteral(" (") + state + QLatin1Char(')');
    }
    QPen pen(colour, width, line);
    pen.setCapStyle(Qt::RoundCap); // drawn segment by segment: round caps close the corners
    pen.setJoinStyle(Qt::RoundJoin);
    setPen(pen);
    setLabel(label);
    auto named = [](const Resource& r) {
        return QString::fromStdString(r.displayName()).toHtmlEscaped() +
               (r.name.empty() ? QString() : QStringLiteral(" (%1)").arg(QString::fromStdString(r.id.str()).toHtmlEscaped()));
    };
    QString tip = QStringLiteral("<b>%1</b>: %2<br>%3 → %4")
                      .arg(style::kindLabel(kind), named(*maker), named(*a), named(*b));
    if (!state.isEmpty())
        tip += QStringLiteral("<br>") + QObject::tr("State: %1 (carries no traffic)").arg(state);
    setToolTip(tip);
    update();
}

void LinkItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*)
{
    const bool exporting = isExporting(this);
    if (!isDetailed(painter, exporting, 0.35)) {
        // Far out: aliased hairlines.
        painter->setRenderHint(QPainter::Antialiasing, false);
        painter->setPen(QPen(pen().color(), 0));
        painter->drawPath(path());
        return;
    }
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setBrush(Qt::NoBrush);
    for (const QPolygonF& leg : legs())
        strokeClipped(painter, leg, pen(), option->exposedRect);
    if (isDetailed(painter, exporting, 0.6))
        paintLabel(painter, pen().color());
}

} // namespace pp::ui
