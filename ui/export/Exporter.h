#pragma once

// moc does not need the core (and cannot parse its C++20 concepts).
#ifndef Q_MOC_RUN
#include "model/Design.h"
#endif

#include <QByteArray>
#include <QImage>
#include <QRectF>
#include <QSet>
#include <QSize>
#include <QString>
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
};

// "png" -> Png...; also "report". Empty when unknown.
std::optional<ExportFormat> exportFormatFromName(const QString& name);
// From the output file's extension (.png, .svg, .pdf, .json, .privatepath). Empty when unknown.
std::optional<ExportFormat> exportFormatFromPath(const QString& path);
QString exportFormatName(ExportFormat format);

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

struct ExportResult {
    QByteArray bytes;
    QString error; // non-empty: nothing was produced
    QSize pixelSize; // PNG/SVG/PDF: the drawing's size in output pixels
};

// Renders a document the way the canvas draws it, in export mode (no grid, no selection marks,
// full detail, the bundled font). `selection` is the ids of the resources selected in the editor
// (used by `selectionOnly`); `shownFlow` is a flow whose path is drawn hop by hop, as on the
// canvas when it is selected (empty: none).
//
// The output is deterministic: the same design and options give the same bytes.
ExportResult renderExport(Document& document, const ExportOptions& options, const QSet<QString>& selection = {},
                          const FlowId& shownFlow = {});

struct ExportPreview {
    QImage image;   // the drawing as the export will show it, shrunk to fit the box
    QSize fullSize; // the export's real size in output pixels (empty: see error)
    QString error;
};

// For the export dialog: one layout gives both the real size and a picture of it within `box`.
ExportPreview renderPreview(Document& document, const ExportOptions& options, const QSet<QString>& selection,
                            const FlowId& shownFlow, QSize box);

// Writes export bytes to `path` atomically (QSaveFile). Refuses an existing file unless
// `overwrite`, and never writes through a symbolic link. On failure the old file (if any) is
// untouched, no temporary file is left, and `error` says why.
bool writeExportFile(const QString& path, const QByteArray& bytes, bool overwrite, QString* error);

// Reads the design embedded in a PNG export, or returns an empty string.
QByteArray designEmbeddedInPng(const QString& path);

} // namespace pp::ui
