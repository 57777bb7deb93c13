#include "compare/CompareOverlay.h"

#include "canvas/DiagramScene.h"
#include "canvas/FlowItem.h"
#include "canvas/ResourceItem.h"
#include "canvas/Style.h"

#include <QPainter>
#include <QPainterPathStroker>
#include <unordered_map>

namespace pp::ui {
namespace {

const QColor kAdded(0x2E, 0x7D, 0x32);
const QColor kChanged(0xEF, 0x6C, 0x00);
const QColor kRemoved(0xC6, 0x28, 0x28);

QColor colourOf(ChangeKind change, bool worse)
{
    if (worse || change == ChangeKind::Removed)
        return kRemoved;
    return change == ChangeKind::Added ? kAdded : kChanged;
}

// The absolute boxes of a design's shapes (shapes are placed relative to their parent's corner).
std::unordered_map<std::string, QRectF> absoluteBoxes(const Design& design)
{
    std::unordered_map<std::string, const Shape*> byId;
    for (const Shape& s : design.diagram.shapes)
        byId[s.resource.str()] = &s;
    std::unordered_map<std::string, QRectF> out;
    for (const Shape& s : design.diagram.shapes) {
        QPointF origin(s.x, s.y);
        const Shape* at = &s;
        for (int depth = 0; at->parent && depth < 64; ++depth) { // the loader refuses cycles; the cap is a guard
            const auto it = byId.find(at->parent->str());
            if (it == byId.end())
                break;
            at = it->second;
            origin += QPointF(at->x, at->y);
        }
        out[s.resource.str()] = QRectF(origin, QSizeF(s.width, s.height));
    }
    return out;
}

} // namespace

CompareOverlay::CompareOverlay(DiagramScene& scene) : m_scene(scene)
{
    setObjectName(QStringLiteral("compareOverlay"));
    setZValue(1e6);
    setAcceptedMouseButtons(Qt::NoButton);
    setAcceptHoverEvents(false);
    m_scene.addItem(this);
}

void CompareOverlay::setChanges(const DesignDiff& diff, const Design& other)
{
    m_marks.clear();
    m_ghostRects.clear();
    const auto boxes = absoluteBoxes(other);
    for (const ResourceDiff& r : diff.resources) {
        Mark mark;
        mark.id = QString::fromStdString(r.id);
        mark.change = r.change;
        if (r.change == ChangeKind::Removed) {
            const auto box = boxes.find(r.id);
            if (box == boxes.end())
                continue; // not drawn in the other version: listed in the panel only
            mark.kind = Mark::Ghost;
            mark.rect = box->second;
            const Resource* old = other.find(ResourceId(r.id));
            mark.label = old && !old->name.empty() ? QString::fromStdString(old->name) : mark.id;
            m_ghostRects.insert(mark.id, mark.rect);
        }
        m_marks.push_back(std::move(mark));
    }
    for (const FlowDiff& f : diff.flows) {
        if (f.change == ChangeKind::Removed)
            continue;
        Mark mark;
        mark.id = QString::fromStdString(f.flow);
        mark.kind = Mark::Flow;
        mark.change = f.change;
        mark.worse = f.newlyPublic() || f.expectBroken;
        m_marks.push_back(std::move(mark));
    }
    refresh();
}

void CompareOverlay::refresh()
{
    QRectF bounds;
    for (Mark& mark : m_marks) {
        if (mark.kind == Mark::Resource) {
            const ResourceItem* item = m_scene.itemFor(mark.id.toStdString());
            mark.rect = item ? item->mapRectToScene(QRectF(QPointF(0, 0), item->size())) : QRectF();
        } else if (mark.kind == Mark::Flow) {
            const FlowItem* item = m_scene.flowItemFor(mark.id.toStdString());
            mark.path = item ? item->mapToScene(item->path()) : QPainterPath();
            mark.rect = mark.path.boundingRect();
        }
        if (!mark.rect.isNull())
            bounds |= mark.rect.adjusted(-24, -24, 24, 24);
    }
    prepareGeometryChange();
    m_bounds = bounds;
    update();
}

void CompareOverlay::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*)
{
    painter->setRenderHint(QPainter::Antialiasing);
    QFont font = style::canvasFont();
    font.setBold(true);
    painter->setFont(font);
    for (const Mark& mark : m_marks) {
        if (mark.rect.isNull() && mark.path.isEmpty())
            continue;
        const QColor colour = colourOf(mark.change, mark.worse);
        if (mark.kind == Mark::Flow) {
            QColor band = colour;
            band.setAlpha(70);
            QPen pen(band, 14, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
            painter->strokePath(mark.path, pen);
            continue;
        }
        const QRectF frame = mark.rect.adjusted(-6, -6, 6, 6);
        const Qt::PenStyle line = mark.kind == Mark::Ghost ? Qt::DashLine : mark.change == ChangeKind::Added ? Qt::SolidLine : Qt::DotLine;
        painter->setPen(QPen(colour, 3, line));
        QColor fill = colour;
        fill.setAlpha(mark.kind == Mark::Ghost ? 30 : 0);
        painter->setBrush(fill);
        painter->drawRoundedRect(frame, 8, 8);
        if (mark.kind == Mark::Ghost) {
            QFont struck = font;
            struck.setStrikeOut(true);
            painter->setFont(struck);
            painter->setPen(colour);
            painter->drawText(frame.adjusted(8, 8, -8, -8), Qt::AlignCenter | Qt::TextWordWrap, mark.label);
            painter->setFont(font);
        }
        // The tag in the top-left corner: + added, ~ changed, − removed.
        const QRectF tag(frame.left() - 9, frame.top() - 9, 18, 18);
        painter->setPen(QPen(Qt::white, 1.5));
        painter->setBrush(colour);
        painter->drawEllipse(tag);
        const QString sign = mark.kind == Mark::Ghost ? QStringLiteral("−") : mark.change == ChangeKind::Added ? QStringLiteral("+") : QStringLiteral("~");
        painter->drawText(tag, Qt::AlignCenter, sign);
    }
}

} // namespace pp::ui
