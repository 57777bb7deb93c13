#include "canvas/TitleOverlay.h"

#include "canvas/DiagramScene.h"
#include "canvas/ResourceItem.h"
#include "canvas/Style.h"
#include "design/Design.h"

#include <QFontMetricsF>
#include <QPainter>
#include <algorithm>

namespace pp::ui {
namespace {

QFont titleFont()
{
    QFont font = style::canvasFont();
    font.setPixelSize(TitleOverlay::kPixelSize);
    font.setBold(true);
    return font;
}

int depthOf(const QGraphicsItem* item)
{
    int depth = 0;
    for (const QGraphicsItem* p = item->parentItem(); p; p = p->parentItem())
        ++depth;
    return depth;
}

} // namespace

QList<TitleOverlay::Title> TitleOverlay::layout(const Design& design, const DiagramScene& scene, const QTransform& sceneToViewport,
                                                const QRectF& viewportRect)
{
    const double zoom = sceneToViewport.m11();
    if (zoom >= kBelowZoom || scene.presentation().exporting)
        return {};
    const QFont font = titleFont();
    const QFontMetricsF metrics(font);
    const double height = metrics.height() + 2;
    struct Candidate {
        int depth;
        QRectF box; // the container on screen
        const ResourceItem* item;
        const Resource* resource;
    };
    std::vector<Candidate> candidates;
    for (const Shape& shape : design.diagram.shapes) {
        // Far too small on screen to hold a word (most shapes of a big design, far out): skipped
        // before anything is looked up.
        if (shape.width * zoom < 40 || shape.height * zoom < height * 1.5)
            continue;
        const Resource* resource = design.find(shape.resource);
        if (!resource || !style::isContainer(resource->kind()))
            continue;
        const Resource& r = *resource;
        const ResourceItem* item = scene.itemFor(r.id.str());
        if (!item || !item->isVisible())
            continue;
        const QRectF box = sceneToViewport.mapRect(QRectF(item->scenePos(), item->size()));
        // Too small to hold a word: a title there would cover its neighbours instead.
        if (box.width() < 40 || box.height() < height * 1.5 || !box.intersects(viewportRect))
            continue;
        candidates.push_back({depthOf(item), box, item, &r});
    }
    // Outer containers first: a VPC's name wins over its subnets'.
    std::stable_sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) { return a.depth < b.depth; });
    QList<Title> titles;
    for (const Candidate& c : candidates) {
        // Past the kind's icon while it is still drawn (ResourceItem draws it down to 0.35).
        const double indent = std::max(4.0, 38 * zoom);
        const double room = c.box.width() - indent - 4;
        const QString text = metrics.elidedText(QString::fromStdString(c.resource->displayName()), Qt::ElideRight, room);
        if (text.isEmpty() || text == QStringLiteral("…"))
            continue;
        QRectF rect(c.box.left() + indent - 2, c.box.top() + 2, metrics.horizontalAdvance(text) + 4, height);
        // Under an outer container's title (a VPC at the top of its Region): moved down below it
        // while it stays inside its own container.
        for (int attempt = 0; attempt < 3; ++attempt) {
            double below = -1;
            for (const Title& t : titles)
                if (t.rect.intersects(rect))
                    below = std::max(below, t.rect.bottom() + 1);
            if (below < 0)
                break;
            rect.moveTop(below);
        }
        const bool free = std::none_of(titles.cbegin(), titles.cend(), [&](const Title& t) { return t.rect.intersects(rect); });
        if (free && rect.bottom() <= c.box.bottom() - 2)
            titles.push_back({QString::fromStdString(c.resource->id.str()), text, rect, style::kindColor(c.resource->kind())});
    }
    return titles;
}

void TitleOverlay::paint(QPainter& painter, const QList<Title>& titles)
{
    if (titles.isEmpty())
        return;
    painter.save();
    const QFont font = titleFont();
    painter.setFont(font);
    painter.setRenderHint(QPainter::TextAntialiasing);
    for (const Title& t : titles) {
        // A backdrop keeps the title legible over the tiles and links drawn under it.
        painter.fillRect(t.rect, QColor(255, 255, 255, 215));
        painter.setPen(t.colour.darker(150));
        painter.drawText(t.rect.adjusted(2, 0, -1, 0), Qt::AlignLeft | Qt::AlignVCenter, t.text);
    }
    painter.restore();
}

} // namespace pp::ui
