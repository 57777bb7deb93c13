#include "export/ExportLayout.h"

#include "canvas/DiagramScene.h"
#include "canvas/FlowItem.h"
#include "canvas/ResourceItem.h"
#include "canvas/Style.h"
#include "document/Document.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QFontMetricsF>
#include <QPainter>
#include <QStyleOptionGraphicsItem>
#include <QSvgRenderer>
#include <cmath>
#include <utility>

namespace pp::ui {

namespace {

constexpr double kLegendRow = 22;
constexpr double kLegendGap = 16; // between the drawing and the legend

QString tr(const char* text)
{
    return QCoreApplication::translate("export", text);
}

} // namespace

// The scene of an export. QGraphicsScene::render() finds the items in the area it draws and
// hands them to drawItems() in stacking order; this drawItems() paints them one by one as
// QGraphicsScene's own does (the same transform, style option and painter state), and between
// two items reports progress and may stop.
class ExportScene : public DiagramScene {
public:
    using DiagramScene::DiagramScene;

    std::function<bool(double)> afterItem; // see ExportLayout::paint()
    bool stopped = false;                  // afterItem() returned false during the last render()

protected:
    void drawItems(QPainter* painter, int count, QGraphicsItem* items[],
                   const QStyleOptionGraphicsItem options[], QWidget* widget) override
    {
        if (!afterItem) {
            QGraphicsScene::drawItems(painter, count, items, options, widget);
            return;
        }
        QGraphicsScene::drawItems(painter, 0, items, options, widget); // polishes new items, draws none
        const QTransform view = painter->worldTransform();
        const qreal opacity = painter->opacity();
        for (int i = 0; i < count; ++i) {
            QGraphicsItem* item = items[i];
            if (item->isVisible() && !(item->flags() & QGraphicsItem::ItemHasNoContents) &&
                item->effectiveOpacity() > 0) {
                // In QGraphicsScene's order of painter calls, so vector output is the same too.
                QTransform transform = item->sceneTransform();
                transform *= view;
                painter->setWorldTransform(transform);
                painter->save();
                painter->setOpacity(opacity * item->effectiveOpacity());
                item->paint(painter, &options[i], widget);
                painter->restore();
            }
            if (!afterItem(double(i + 1) / count)) {
                stopped = true;
                break;
            }
        }
        painter->setWorldTransform(view);
        painter->setOpacity(opacity);
    }
};

IconRenderers::IconRenderers() = default;
IconRenderers::~IconRenderers() = default;

bool IconRenderers::draw(QPainter& painter, const QString& icon, const QRectF& target)
{
    auto it = m_renderers.find(icon);
    if (it == m_renderers.end())
        it = m_renderers.emplace(icon, std::make_unique<QSvgRenderer>(style::iconPath(icon))).first;
    if (!it->second->isValid())
        return false;
    it->second->render(&painter, target);
    return true;
}

struct ExportLayout::LegendRow {
    enum class Sample { Line, DashedLine, Ring, Badge } sample;
    QColor colour;
    QString text;
};

ExportLayout::ExportLayout(Document& document, const ExportOptions& options, const QSet<QString>& selection,
                           const FlowId& shownFlow)
    : m_document(document), m_options(options), m_scene(std::make_unique<ExportScene>(document))
{
    DiagramScene::Presentation presentation;
    presentation.exporting = true;
    presentation.verdictColours = options.verdictColours;
    presentation.publicPaths = options.publicPaths;
    m_scene->setPresentation(presentation);
    if (!shownFlow.empty())
        m_scene->showFlowPath(shownFlow);
    if (options.selectionOnly) {
        m_diagram = keepOnly(selection);
    } else {
        for (QGraphicsItem* item : m_scene->items())
            if (item->isVisible())
                m_diagram |= item->sceneBoundingRect();
    }
    m_diagram = QRectF(m_diagram.toAlignedRect());
    if (m_diagram.isEmpty())
        m_diagram = QRectF(0, 0, 200, 100); // an empty design still exports (a blank page)
    m_content = m_diagram;
    if (options.legend) {
        m_legend = QRectF(m_diagram.left(), m_diagram.bottom() + kLegendGap, legendWidth(),
                          double(legendRows().size()) * kLegendRow + 12);
        m_content |= m_legend;
    }
}

ExportLayout::~ExportLayout() = default;

QSize ExportLayout::pixelSize(double* scaleOut, QString* error) const
{
    const double border = std::max(0, m_options.border);
    double scale = m_options.scale;
    if (m_options.width > 0)
        scale = (m_options.width - 2 * border) / m_content.width();
    else if (m_options.height > 0)
        scale = (m_options.height - 2 * border) / m_content.height();
    if (!(scale > 0) || !std::isfinite(scale)) {
        if (error)
            *error = tr("The size leaves no room for the drawing inside the %1-pixel border.")
                         .arg(m_options.border);
        return {};
    }
    // Computed in doubles: a huge scale must give an error, not an overflowed int.
    const double width = std::ceil(m_content.width() * scale - 1e-6) + 2 * border;
    const double height = std::ceil(m_content.height() * scale - 1e-6) + 2 * border;
    QSize size(int(std::min(width, 1e9)), int(std::min(height, 1e9)));
    if (m_options.width > 0)
        size.setWidth(m_options.width);
    if (m_options.height > 0 && m_options.width <= 0)
        size.setHeight(m_options.height);
    if (size.width() > kMaxImageSide || size.height() > kMaxImageSide) {
        if (error)
            *error =
                tr("The export would be %1 × %2 pixels; the largest side allowed is %3. Use a smaller scale.")
                    .arg(size.width())
                    .arg(size.height())
                    .arg(kMaxImageSide);
        return {};
    }
    if (scaleOut)
        *scaleOut = scale;
    return size;
}

void ExportLayout::paintBackground(QPainter& painter, QSize size) const
{
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    if (!m_options.transparent)
        painter.fillRect(QRectF(QPointF(0, 0), QSizeF(size)), Qt::white);
}

void ExportLayout::transform(QPainter& painter, double scale, double border) const
{
    painter.translate(border, border);
    painter.scale(scale, scale);
    painter.translate(-m_content.topLeft());
}

bool ExportLayout::paint(QPainter& painter, QSize size, double scale, std::optional<int> borderOverride,
                         const std::function<bool(double)>& afterItem)
{
    paintBackground(painter, size);
    transform(painter, scale, std::max(0, borderOverride.value_or(m_options.border)));
    m_scene->afterItem = afterItem;
    m_scene->render(&painter, m_diagram, m_diagram, Qt::IgnoreAspectRatio);
    m_scene->afterItem = {};
    if (std::exchange(m_scene->stopped, false))
        return false;
    if (m_options.legend)
        paintLegend(painter);
    return true;
}

bool ExportLayout::paintBand(QPainter& painter, QSize size, double scale, QRect band,
                             const std::function<bool(double)>& afterItem)
{
    // The background in the band's own pixels: filled after the shift, its edge would blend.
    paintBackground(painter, QSize(size.width(), band.height()));
    painter.translate(0, -band.top());
    const double border = std::max(0, m_options.border);
    transform(painter, scale, border);
    // The band in scene coordinates, a few pixels taller: the scene clips its drawing to the
    // area it is given, and those edges must fall outside the band's rows.
    const double slack = 4 / scale;
    const QRectF rows(m_content.left(), m_content.top() + (band.top() - border) / scale - slack, m_content.width(),
                      band.height() / scale + 2 * slack);
    const QRectF source = m_diagram & rows;
    if (!source.isEmpty()) {
        m_scene->afterItem = afterItem;
        // The same clip edges as paint()'s on the left and right; above and below, off the band.
        m_scene->render(&painter, source, source, Qt::IgnoreAspectRatio);
        m_scene->afterItem = {};
        if (std::exchange(m_scene->stopped, false))
            return false;
    }
    if (m_options.legend && m_legend.intersects(rows))
        paintLegend(painter);
    return true;
}

int ExportLayout::visibleItemCount() const
{
    int n = 0;
    for (QGraphicsItem* item : m_scene->items())
        if (item->isVisible() && !(item->flags() & QGraphicsItem::ItemHasNoContents))
            ++n;
    return n;
}

const DiagramScene& ExportLayout::scene() const { return *m_scene; }

QString ExportLayout::title() const
{
    const QString file = m_document.filePath();
    return file.isEmpty() ? tr("PrivatePath design") : QFileInfo(file).completeBaseName();
}

// Hides everything but the selected resources, what they contain, and the flows and links
// between them; returns the bounds of what stays.
QRectF ExportLayout::keepOnly(const QSet<QString>& selection)
{
    auto kept = [&](const ResourceItem* item) {
        for (const QGraphicsItem* i = item; i; i = i->parentItem())
            if (const auto* r = dynamic_cast<const ResourceItem*>(i);
                r && selection.contains(QString::fromStdString(r->resourceId().str())))
                return true;
        return false;
    };
    QRectF bounds;
    for (QGraphicsItem* item : m_scene->items()) {
        if (auto* r = dynamic_cast<ResourceItem*>(item)) {
            // An unselected container of a selected shape is not drawn, but stays in the tree
            // (hiding it would hide its contents).
            if (kept(r))
                bounds |= r->sceneBoundingRect();
            else
                r->setFlag(QGraphicsItem::ItemHasNoContents);
        } else if (auto* f = dynamic_cast<FlowItem*>(item)) {
            f->setVisible(kept(f->source()) && kept(f->destination()));
        } else if (auto* l = dynamic_cast<LinkItem*>(item)) {
            l->setVisible(kept(l->from()) && kept(l->to()));
        }
        if (!dynamic_cast<ResourceItem*>(item) && item->isVisible())
            bounds |= item->sceneBoundingRect();
    }
    return bounds;
}

std::vector<ExportLayout::LegendRow> ExportLayout::legendRows() const
{
    using Sample = LegendRow::Sample;
    std::vector<LegendRow> rows;
    if (m_options.verdictColours) {
        rows.push_back({Sample::Line, style::verdictColor(Verdict::Private), tr("Flow stays private")});
        rows.push_back({Sample::Line, style::verdictColor(Verdict::Public),
                        tr("Flow leaves the private network (public)")});
        rows.push_back(
            {Sample::DashedLine, style::verdictColor(Verdict::Unreachable), tr("Flow is unreachable")});
    } else {
        rows.push_back({Sample::Line, style::neutralFlowColor(), tr("Flow")});
    }
    if (m_options.publicPaths)
        rows.push_back({Sample::Ring, style::publicPathRingColor(), tr("Hop on a public path")});
    rows.push_back(
        {Sample::Ring, style::verdictColor(Verdict::Public), tr("Where a path leaves the private network")});
    rows.push_back({Sample::Badge, style::badgeColor(Severity::Error), tr("Resource with an error finding")});
    rows.push_back({Sample::Badge, style::badgeColor(Severity::Warning), tr("Resource with a warning")});
    return rows;
}

double ExportLayout::legendWidth() const
{
    QFont font = style::canvasFont();
    const QFontMetricsF metrics(font);
    double widest = 0;
    for (const LegendRow& row : legendRows())
        widest = std::max(widest, metrics.horizontalAdvance(row.text));
    return std::ceil(widest + 64);
}

void ExportLayout::paintLegend(QPainter& painter) const
{
    painter.save();
    painter.setPen(QPen(QColor(0xB0, 0xBE, 0xC5), 1));
    painter.setBrush(QColor(0xFF, 0xFF, 0xFF));
    painter.drawRoundedRect(m_legend, 6, 6);
    QFont font = style::canvasFont();
    painter.setFont(font);
    double y = m_legend.top() + 6;
    for (const LegendRow& row : legendRows()) {
        const QPointF middle(m_legend.left() + 26, y + kLegendRow / 2);
        switch (row.sample) {
        case LegendRow::Sample::Line:
        case LegendRow::Sample::DashedLine: {
            QPen pen(row.colour, 2.5,
                     row.sample == LegendRow::Sample::DashedLine ? Qt::DashLine : Qt::SolidLine,
                     Qt::RoundCap);
            painter.setPen(pen);
            painter.drawLine(middle - QPointF(14, 0), middle + QPointF(14, 0));
            break;
        }
        case LegendRow::Sample::Ring:
            painter.setPen(QPen(row.colour, 3));
            painter.setBrush(Qt::NoBrush);
            painter.drawRoundedRect(QRectF(middle - QPointF(12, 8), QSizeF(24, 16)), 5, 5);
            break;
        case LegendRow::Sample::Badge:
            painter.setPen(QPen(Qt::white, 1.5));
            painter.setBrush(row.colour);
            painter.drawEllipse(middle, 8, 8);
            break;
        }
        painter.setPen(QColor(0x21, 0x21, 0x21));
        painter.drawText(QRectF(m_legend.left() + 50, y, m_legend.width() - 56, kLegendRow),
                         Qt::AlignVCenter | Qt::AlignLeft, row.text);
        y += kLegendRow;
    }
    painter.restore();
}

} // namespace pp::ui
