#pragma once

// moc does not need the core (and cannot parse its C++20 concepts).
#ifndef Q_MOC_RUN
#include "design/Design.h"
#endif

#include <QByteArray>
#include <QImage>
#include <QRectF>
#include <QSet>
#include <QSize>
#include <QString>
#include <memory>
#include <optional>

class QPainter;

namespace pp::ui {

class Document;
class DiagramScene;

enum class ExportFormat {
    Png,    // raster image; DPI metadata; the design optionally embedded in a text chunk
    Svg,    // plain SVG 1.1 written with QXmlStreamWriter
    Pdf,    // vector, fonts embedded, one page fitted to the diagram
    Json,   // the design file itself (canonical JSON)
    Report, // the analysis report, as `privatepath check --format json`
    Drawio, // a draw.io (diagrams.net) file: uncompressed mxGraph XML, editable shapes (DrawioWriter.h)
};

// "png" -> Png...; also "report" and "drawio". Empty when unknown.
std::optional<ExportFormat> exportFormatFromName(const QString& name);
// From the output file's extension (.png, .svg, .pdf, .json, .privatepath, .drawio). Empty when unknown.
std::optional<ExportFormat> exportFormatFromPath(const QString& path);
QString exportFormatName(ExportFormat format);
// The file name extension of each format: "png", "svg", "pdf", "privatepath", "report.json", "drawio".
QString exportExtension(ExportFormat format);

// Where an export named `path` goes, and in which format.
struct ExportTarget {
    QString path;
    ExportFormat format;
};
// The extension decides: .png, .svg, .pdf, .drawio; .privatepath for the design; .json for the design,
// or for the report when `chosen` is the report or the name ends in ".report.json". A name
// without one of these extensions keeps `chosen` and gets its extension appended
// ("diagram" -> "diagram.png", "notes.v2" -> "notes.v2.png").
ExportTarget exportTargetFor(const QString& path, ExportFormat chosen);

// What an export contains and how it looks. The same options drive the command line and the
// editor's dialog (which remembers them).
struct ExportOptions {
    ExportFormat format = ExportFormat::Png;
    // Size: `width` or `height` (output pixels, > 0) win over `scale`; the other side follows.
    double scale = 1.0;
    int width = 0;
    int height = 0;
    int border = 20;            // empty margin around the drawing, in output pixels
    bool transparent = false;   // PNG/SVG/PDF: no white background
    bool verdictColours = true; // flows coloured private / public / unreachable (else neutral)
    bool publicPaths = true;    // ring the hops of every public flow
    bool legend = false;        // explain the colours under the drawing
    bool selectionOnly = false; // only the selected resources (with what they contain)
    bool embedDesign = true;    // PNG: the design in a text chunk, so the image can be reopened
    int dpi = 96;               // PNG: resolution written into the file
};

// The PNG text chunk key holding the embedded design.
inline constexpr const char* kPngDesignKey = "privatepath";

// The largest side an image export may have (Qt's raster engine limit).
inline constexpr int kMaxImageSide = 32767;

// Exports above either limit are confirmed first: the dialog asks ("Export anyway"), the
// command line refuses them unless --force. A 100-megapixel image is drawn band by band in
// bounded memory, but takes seconds to draw and compress, and most viewers struggle with it;
// 200 MB is more than most viewers, mail and wiki pages accept.
inline constexpr qint64 kLargeExportPixels = 100'000'000;
inline constexpr qint64 kLargeExportBytes = 200'000'000;

// What an export will be, known before it is rendered.
struct ExportEstimate {
    ExportFormat format = ExportFormat::Png;
    QSize pixelSize;  // PNG/SVG/PDF: the drawing in output pixels (empty for the JSON and draw.io formats)
    qint64 bytes = 0; // about how large the file will be (exact for the JSON formats)

    qint64 pixels() const { return qint64(pixelSize.width()) * pixelSize.height(); }
    // Only images are limited by their pixels: an SVG or PDF costs the same at any scale.
    bool overPixelLimit() const { return format == ExportFormat::Png && pixels() > kLargeExportPixels; }
    bool overByteLimit() const { return bytes > kLargeExportBytes; }
    bool isLarge() const { return overPixelLimit() || overByteLimit(); }
};

// A PNG of `pixelSize` (without an embedded design), e.g. for the clipboard.
ExportEstimate pngEstimate(QSize pixelSize);

// "12000 × 9000 pixels (108 megapixels), about 35 MB" (no pixels for the JSON formats).
QString exportSizeText(const ExportEstimate& estimate);
// Which limit a large export is over: "over the limit of 100 megapixels".
QString exportLimitText(const ExportEstimate& estimate);

struct ExportResult {
    QByteArray bytes;
    QString error;   // non-empty: nothing was produced
    QSize pixelSize; // PNG/SVG/PDF: the drawing's size in output pixels (draw.io: in diagram units)
    bool cancelled = false; // stopped by its monitor: nothing was produced
};

// What a long export does now.
enum class ExportStage {
    Preparing, // building and laying out the drawing (and, off the GUI thread, analysing the copy)
    Drawing,   // painting the picture
    Encoding,  // compressing the image, or finishing the vector file
    Writing,   // writing the file
};

// Progress and cancellation of a long export, for the thread that renders it. Rendering asks
// cancelled() between bands of the image and blocks of output, and stops with `cancelled` set.
class ExportMonitor {
public:
    virtual ~ExportMonitor() = default;
    virtual bool cancelled() const = 0;
    // `done`: the fraction of the whole export finished, 0..1.
    virtual void progress(ExportStage stage, double done) = 0;
};

class ExportLayout;

// An export whose drawing is built and laid out, so its size is known (and can be checked
// against the limits) before the rendering, which may be long. Belongs to the thread that made
// it; reads `document`, which must outlive it.
class PreparedExport {
public:
    PreparedExport(Document& document, const ExportOptions& options, const QSet<QString>& selection = {},
                   const FlowId& shownFlow = {});
    ~PreparedExport();
    PreparedExport(const PreparedExport&) = delete;
    PreparedExport& operator=(const PreparedExport&) = delete;

    // Why this export cannot be made (a size no image can have); empty when it can.
    const QString& error() const { return m_error; }
    const ExportEstimate& estimate() const { return m_estimate; }
    // The drawing's size in output pixels (draw.io: in diagram units; empty when too large for a
    // thumbnail).
    QSize drawingSize() const { return m_drawingSize; }
    ExportResult render(ExportMonitor* monitor = nullptr);
    // The drawing shrunk (scale and border alike) to fit `box`, for the dialog's preview.
    QImage thumbnail(QSize box);
    // PNG: how many rows are drawn and compressed at a time (0: about 32 MB of pixels).
    void setBandRows(int rows) { m_bandRows = rows; }

private:
    int bandRows() const;
    bool renderPng(ExportResult& result, ExportMonitor* monitor);

    Document& m_document;
    ExportOptions m_options;
    std::unique_ptr<ExportLayout> m_layout; // the drawing formats only
    double m_scale = 1;
    QString m_error;
    ExportEstimate m_estimate;
    QByteArray m_text; // the JSON formats: the whole output
    QSize m_drawingSize; // what thumbnail() shrinks: the image's pixels, or draw.io's diagram at scale 1
    int m_bandRows = 0;
};

// Renders a document the way the canvas draws it, in export mode (no grid, no selection marks,
// full detail, the bundled font). `selection` is the ids of the resources selected in the editor
// (used by `selectionOnly`); `shownFlow` is a flow whose path is drawn hop by hop, as on the
// canvas when it is selected (empty: none; the editor's selection and highlights are never drawn
// otherwise).
//
// The output is deterministic: the same design and options give the same bytes.
ExportResult renderExport(Document& document, const ExportOptions& options, const QSet<QString>& selection = {},
                          const FlowId& shownFlow = {});

struct ExportPreview {
    QImage image;   // the drawing as the export will show it, shrunk to fit the box
    QSize fullSize; // the export's real size in output pixels, draw.io's in diagram units (empty: see error)
    QString error;
    ExportEstimate estimate;
};

// For the export dialog: one layout gives both the real size and a picture of it within `box`.
ExportPreview renderPreview(Document& document, const ExportOptions& options, const QSet<QString>& selection,
                            const FlowId& shownFlow, QSize box);

// Writes export bytes to `path` atomically (writeFileAtomically). Refuses an existing file unless
// `overwrite`, and never writes through a symbolic link. On failure the old file (if any) is
// untouched, no temporary file is left, and `error` says why. With a `monitor`, writing stops
// when it is cancelled (false, `error` empty), with the same guarantees.
bool writeExportFile(const QString& path, const QByteArray& bytes, bool overwrite, QString* error,
                     ExportMonitor* monitor = nullptr);

// Reads the design embedded in a PNG export, or returns an empty string.
QByteArray designEmbeddedInPng(const QString& path);

} // namespace pp::ui
