#pragma once

#include "canvas/Style.h"
#include "export/Exporter.h"

#include <QImage>
#include <QRectF>
#include <QSet>
#include <QSize>
#include <QString>
#include <functional>
#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

class QPainter;
class QSvgRenderer;

namespace pp::ui {

class Document;
class DiagramScene;
class ExportScene;

// Icons drawn by an export's own SVG renderers. style::paintIcon's shared renderers belong to
// the GUI thread, and an export may run on another; the drawing is the same (the icon's vectors).
class IconRenderers {
public:
    IconRenderers();
    ~IconRenderers();
    bool draw(QPainter& painter, const QString& icon, const QRectF& target);

private:
    std::unordered_map<QString, std::unique_ptr<QSvgRenderer>> m_renderers; // by icon name
};

// An image that exports paint on, with its own icon renderers.
class ExportImage : public QImage, public style::IconSink {
public:
    using QImage::QImage;
    bool drawIcon(QPainter& painter, const QString& icon, const QRectF& target) override
    {
        return m_icons.draw(painter, icon, target);
    }

private:
    IconRenderers m_icons;
};

// One drawing prepared for export: its own scene in export mode (the editor's scene keeps its
// selection, caches and grid), what is visible, and where everything goes.
//
// Everything in it belongs to the thread that built it; it reads `document` (which must outlive
// it) while it is built and painted.
class ExportLayout {
public:
    ExportLayout(Document& document, const ExportOptions& options, const QSet<QString>& selection,
                 const FlowId& shownFlow);
    ~ExportLayout();
    ExportLayout(const ExportLayout&) = delete;
    ExportLayout& operator=(const ExportLayout&) = delete;

    // The drawing's size in output pixels, or an error for sizes no image can have.
    QSize pixelSize(double* scaleOut, QString* error) const;

    // Paints background, drawing and legend onto a device of `size` output pixels, at `scale`
    // with a margin of `border` output pixels (the options' own unless given).
    //
    // `afterItem`, if given, is told the fraction of the items drawn after each one, and may
    // return false to stop: then paint() returns false and the device holds part of the drawing.
    bool paint(QPainter& painter, QSize size, double scale, std::optional<int> borderOverride = std::nullopt,
               const std::function<bool(double)>& afterItem = {});
    // The same picture's rows `band` (device rows of the whole `size`), painted onto a device
    // of the band's height: only the items that reach into it are drawn. Bands painted one
    // after another give the pixels paint() gives.
    bool paintBand(QPainter& painter, QSize size, double scale, QRect band,
                   const std::function<bool(double)>& afterItem = {});

    // How many resources, flows and links are drawn (for estimates of vector file sizes).
    int visibleItemCount() const;

    QString title() const;

    // The scene drawn, for writers that describe it instead of painting it (draw.io): what
    // paint() draws is what is visible and has contents.
    const DiagramScene& scene() const;

private:
    struct LegendRow;
    QRectF keepOnly(const QSet<QString>& selection);
    std::vector<LegendRow> legendRows() const;
    double legendWidth() const;
    void paintLegend(QPainter& painter) const;
    void paintBackground(QPainter& painter, QSize size) const;
    void transform(QPainter& painter, double scale, double border) const;

    Document& m_document;
    ExportOptions m_options;
    std::unique_ptr<ExportScene> m_scene;
    QRectF m_diagram; // scene area of the drawing
    QRectF m_legend;  // scene area of the legend (empty: none)
    QRectF m_content; // both
};

} // namespace pp::ui
