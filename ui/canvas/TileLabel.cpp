#include "canvas/TileLabel.h"

#include "canvas/ResourceItem.h"
#include "canvas/Style.h"

#include <QFontMetricsF>
#include <QGraphicsScene>
#include <QPainter>
#include <QTextLayout>
#include <algorithm>
#include <cmath>

namespace pp::ui {

namespace {

// How far a label may reach past its tile's sides and bottom: ResourceItem's bounding
// rectangle (which its item cache clips to) leaves 24 and 20 units, less a margin.
constexpr double kReach = 20;
constexpr double kBelow = 18;
// Kept free between a label and what is next to it.
constexpr double kGap = 2;

} // namespace

TileLabelLines wrapTileLabel(const QString& text, const QFont& font, double width, int maxLines,
                             QPaintDevice* device)
{
    const QFontMetricsF metrics(font, device);
    TileLabelLines out;
    if (maxLines <= 1 || metrics.horizontalAdvance(text) <= width) {
        const QString line = metrics.elidedText(text, Qt::ElideRight, width);
        out.lines << line;
        out.elided = line != text;
        return out;
    }
    QTextLayout layout(text, font, device);
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    layout.setTextOption(option);
    layout.beginLayout();
    qsizetype end = 0;
    for (int i = 0; i < maxLines - 1; ++i) {
        QTextLine line = layout.createLine();
        if (!line.isValid())
            break;
        line.setLineWidth(width);
        out.lines << text.mid(line.textStart(), line.textLength()).trimmed();
        end = line.textStart() + line.textLength();
    }
    layout.endLayout();
    const QString rest = text.mid(end).trimmed();
    if (!rest.isEmpty()) {
        const QString last = metrics.elidedText(rest, Qt::ElideRight, width);
        out.lines << last;
        out.elided = last != rest;
    }
    return out;
}

TileLabelRoom tileLabelRoom(const ResourceItem& tile, double top, double lineHeight)
{
    const QSizeF size = tile.size();
    double left = -kReach;
    double right = size.width() + kReach;
    double bottom = size.height() + kBelow;
    if (const auto* parent = dynamic_cast<const ResourceItem*>(tile.parentItem())) {
        const QRectF inside(-tile.pos(), parent->size());
        left = std::max(left, inside.left() + 2 * kGap);
        right = std::min(right, inside.right() - 2 * kGap);
    }
    // Siblings whose box or label could meet this label: the label's widest area, widened by what
    // a neighbour's own label may reach towards it. Only siblings count, so they are taken from the
    // container (a few dozen), not searched in the scene (whose index may be off, far out or while
    // exporting, which made every tile's paint visit every item).
    const QRectF zone(-3 * kReach, top - kBelow, size.width() + 6 * kReach, bottom - top + kBelow);
    QList<QGraphicsItem*> siblings;
    if (const QGraphicsItem* parent = tile.parentItem())
        siblings = parent->childItems();
    else if (const QGraphicsScene* scene = tile.scene())
        siblings = scene->items(tile.mapRectToScene(zone), Qt::IntersectsItemBoundingRect);
    for (const QGraphicsItem* item : std::as_const(siblings)) {
        if (item == &tile || item->parentItem() != tile.parentItem() || item->type() != ResourceItem::Type ||
            !item->isVisible() || (item->flags() & QGraphicsItem::ItemHasNoContents))
            continue;
        const auto* other = static_cast<const ResourceItem*>(item);
        const QRectF box(other->pos() - tile.pos(), other->size());
        if (!box.adjusted(-kReach, 0, kReach, kBelow).intersects(zone))
            continue;
        // A tile's label hangs below its box.
        const double reachesDown = box.bottom() + (style::isContainer(other->kind()) ? 0 : kBelow);
        const bool beside = box.top() < bottom && reachesDown > top;
        if (box.top() >= size.height() - 1 && box.right() > left && box.left() < right) {
            bottom = std::min(bottom, box.top() - kGap); // below: the label stops above it
        } else if (beside && box.left() >= size.width() - 1) {
            right = std::min(right, size.width() + (box.left() - size.width()) / 2 - kGap / 2);
        } else if (beside && box.right() <= 1) {
            left = std::max(left, box.right() / 2 + kGap / 2);
        }
    }
    // Centred under the tile: the narrower side decides.
    const double half = std::max(size.width() / 2, std::min(size.width() / 2 - left, right - size.width() / 2));
    return {2 * half, std::max(bottom, top + lineHeight)};
}

QRectF paintTileLabel(QPainter& painter, const ResourceItem& tile, const QString& name, const QString& detail,
                      double top)
{
    QFont font = style::canvasFont();
    font.setPointSizeF(font.pointSizeF() * 0.85);
    painter.setFont(font);
    const QFontMetricsF metrics(font, painter.device());
    const double lineHeight = metrics.height();
    const TileLabelRoom room = tileLabelRoom(tile, top, lineHeight);
    const int rows = std::max(1, int(std::floor((room.bottom - top) / lineHeight + 0.01)));
    const int nameLines = detail.isEmpty() ? std::min(2, rows) : std::clamp(rows - 1, 1, 2);
    const TileLabelLines lines = wrapTileLabel(name, font, room.width, nameLines, painter.device());
    const double left = (tile.size().width() - room.width) / 2;

    double y = top;
    double widest = 0;
    painter.setPen(QColor(0x21, 0x21, 0x21));
    for (const QString& line : lines.lines) {
        painter.drawText(QRectF(left, y, room.width, lineHeight), Qt::AlignHCenter, line);
        widest = std::max(widest, metrics.horizontalAdvance(line));
        y += lineHeight;
    }
    bool detailShortened = false;
    if (!detail.isEmpty() && lines.lines.size() < rows) {
        const QString shown = metrics.elidedText(detail, Qt::ElideRight, room.width);
        detailShortened = shown != detail;
        painter.setPen(QColor(0x61, 0x61, 0x61));
        painter.drawText(QRectF(left, y, room.width, lineHeight), Qt::AlignHCenter, shown);
        widest = std::max(widest, metrics.horizontalAdvance(shown));
        y += lineHeight;
    } else {
        detailShortened = !detail.isEmpty();
    }
    const QSizeF size = tile.size();
    const QRectF area((size.width() - widest) / 2, top, widest, y - top);
    if (lines.lines.size() > 1 || lines.elided || detailShortened)
        if (auto* sink = dynamic_cast<TileLabelSink*>(painter.device())) {
            const QString full = detail.isEmpty() ? name : name + QLatin1Char('\n') + detail;
            sink->fullLabel(painter, full, QRectF(QPointF(0, 0), size) | area);
        }
    return area;
}

} // namespace pp::ui
