#include "export/Exporter.h"

#include "canvas/DiagramScene.h"
#include "canvas/FlowItem.h"
#include "canvas/ResourceItem.h"
#include "canvas/Style.h"
#include "document/Document.h"
#include "export/SvgPaintDevice.h"
#include "io/DesignFile.h"
#include "report/CheckReport.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QFileInfo>
#include <QFontMetricsF>
#include <QImage>
#include <QImageReader>
#include <QImageWriter>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QSaveFile>
#include <cmath>

namespace pp::ui {

std::optional<ExportFormat> exportFormatFromName(const QString& name)
{
    const QString n = name.toLower();
    if (n == QLatin1String("png"))
        return ExportFormat::Png;
    if (n == QLatin1String("svg"))
        return ExportFormat::Svg;
    if (n == QLatin1String("pdf"))
        return ExportFormat::Pdf;
    if (n == QLatin1String("json"))
        return ExportFormat::Json;
    if (n == QLatin1String("report"))
        return ExportFormat::Report;
    return std::nullopt;
}

std::optional<ExportFormat> exportFormatFromPath(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("privatepath"))
        return ExportFormat::Json;
    return exportFormatFromName(suffix);
}

QString exportFormatName(ExportFormat format)
{
    switch (format) {
    case ExportFormat::Png:
        return QStringLiteral("png");
    case ExportFormat::Svg:
        return QStringLiteral("svg");
    case ExportFormat::Pdf:
        return QStringLiteral("pdf");
    case ExportFormat::Json:
        return QStringLiteral("json");
    case ExportFormat::Report:
        return QStringLiteral("report");
    }
    return {};
}

namespace {

constexpr double kLegendRow = 22;
constexpr double kLegendGap = 16; // between the drawing and the legend

// One drawing prepared for export: its own scene in export mode (the editor's scene keeps its
// selection, caches and grid), what is visible, and where everything goes.
class Layout {
public:
    Layout(Document& document, const ExportOptions& options, const QSet<QString>& selection, const FlowId& shownFlow)
        : m_document(document), m_options(options), m_scene(document)
    {
        DiagramScene::Presentation presentation;
        presentation.exporting = true;
        presentation.verdictColours = options.verdictColours;
        presentation.publicPaths = options.publicPaths;
        m_scene.setPresentation(presentation);
        if (!shownFlow.empty())
            m_scene.showFlowPath(shownFlow);
        if (options.selectionOnly) {
            m_diagram = keepOnly(selection);
        } else {
            for (QGraphicsItem* item : m_scene.items())
                if (item->isVisible())
                    m_diagram |= item->sceneBoundingRect();
        }
        m_diagram = QRectF(m_diagram.toAlignedRect());
        if (m_diagram.isEmpty())
            m_diagram = QRectF(0, 0, 200, 100); // an empty design still exports (a blank page)
        m_content = m_diagram;
        if (options.legend) {
            m_legend = QRectF(m_diagram.left(), m_diagram.bottom() + kLegendGap, legendWidth(), legendRows().size() * kLegendRow + 12);
            m_content |= m_legend;
        }
    }

    // The drawing's size in output pixels, or an error for sizes no image can have.
    QSize pixelSize(double* scaleOut, QString* error) const
    {
        const double border = std::max(0, m_options.border);
        double scale = m_options.scale;
        if (m_options.width > 0)
            scale = (m_options.width - 2 * border) / m_content.width();
        else if (m_options.height > 0)
            scale = (m_options.height - 2 * border) / m_content.height();
        if (!(scale > 0) || !std::isfinite(scale)) {
            if (error)
                *error = QCoreApplication::translate("export", "The size leaves no room for the drawing inside the %1-pixel border.").arg(m_options.border);
            return {};
        }
        QSize size(int(std::ceil(m_content.width() * scale - 1e-6) + 2 * border), int(std::ceil(m_content.height() * scale - 1e-6) + 2 * border));
        if (m_options.width > 0)
            size.setWidth(m_options.width);
        if (m_options.height > 0 && m_options.width <= 0)
            size.setHeight(m_options.height);
        if (size.width() > kMaxImageSide || size.height() > kMaxImageSide) {
            if (error)
                *error = QCoreApplication::translate("export", "The export would be %1 × %2 pixels; the largest side allowed is %3. Use a smaller scale.")
                             .arg(size.width())
                             .arg(size.height())
                             .arg(kMaxImageSide);
            return {};
        }
        if (scaleOut)
            *scaleOut = scale;
        return size;
    }

    // Paints background, drawing and legend onto a device of `size` output pixels.
    // Draws at `scale` with a margin of `border` output pixels (the options' own unless given).
    void paint(QPainter& painter, QSize size, double scale, std::optional<int> borderOverride = std::nullopt)
    {
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setRenderHint(QPainter::TextAntialiasing);
        painter.setRenderHint(QPainter::SmoothPixmapTransform);
        if (!m_options.transparent)
            painter.fillRect(QRectF(QPointF(0, 0), QSizeF(size)), Qt::white);
        const double border = std::max(0, borderOverride.value_or(m_options.border));
        painter.translate(border, border);
        painter.scale(scale, scale);
        painter.translate(-m_content.topLeft());
        m_scene.render(&painter, m_diagram, m_diagram, Qt::IgnoreAspectRatio);
        if (m_options.legend)
            paintLegend(painter);
    }

    QString title() const
    {
        const QString file = m_document.filePath();
        return file.isEmpty() ? QCoreApplication::translate("export", "PrivatePath design") : QFileInfo(file).completeBaseName();
    }

private:
    // Hides everything but the selected resources, what they contain, and the flows and links
    // between them; returns the bounds of what stays.
    QRectF keepOnly(const QSet<QString>& selection)
    {
        auto kept = [&](const ResourceItem* item) {
            for (const QGraphicsItem* i = item; i; i = i->parentItem())
                if (const auto* r = dynamic_cast<const ResourceItem*>(i); r && selection.contains(QString::fromStdString(r->resourceId().str())))
                    return true;
            return false;
        };
        QRectF bounds;
        for (QGraphicsItem* item : m_scene.items()) {
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

    struct LegendRow {
        enum class Sample { Line, DashedLine, Ring, Badge } sample;
        QColor colour;
        QString text;
    };

    std::vector<LegendRow> legendRows() const
    {
        std::vector<LegendRow> rows;
        if (m_options.verdictColours) {
            rows.push_back({LegendRow::Sample::Line, style::verdictColor(Verdict::Private), QCoreApplication::translate("export", "Flow stays private")});
            rows.push_back({LegendRow::Sample::Line, style::verdictColor(Verdict::Public), QCoreApplication::translate("export", "Flow leaves the private network (public)")});
            rows.push_back({LegendRow::Sample::DashedLine, style::verdictColor(Verdict::Unreachable), QCoreApplication::translate("export", "Flow is unreachable")});
        } else {
            rows.push_back({LegendRow::Sample::Line, style::neutralFlowColor(), QCoreApplication::translate("export", "Flow")});
        }
        if (m_options.publicPaths)
            rows.push_back({LegendRow::Sample::Ring, style::publicPathRingColor(),
                            QCoreApplication::translate("export", "Hop on a public path")});
        rows.push_back({LegendRow::Sample::Ring, style::verdictColor(Verdict::Public),
                        QCoreApplication::translate("export", "Where a path leaves the private network")});
        rows.push_back({LegendRow::Sample::Badge, style::badgeColor(Severity::Error), QCoreApplication::translate("export", "Resource with an error finding")});
        rows.push_back({LegendRow::Sample::Badge, style::badgeColor(Severity::Warning), QCoreApplication::translate("export", "Resource with a warning")});
        return rows;
    }

    double legendWidth() const
    {
        QFont font = style::canvasFont();
        const QFontMetricsF metrics(font);
        double widest = 0;
        for (const LegendRow& row : legendRows())
            widest = std::max(widest, metrics.horizontalAdvance(row.text));
        return std::ceil(widest + 64);
    }

    void paintLegend(QPainter& painter) const
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
                QPen pen(row.colour, 2.5, row.sample == LegendRow::Sample::DashedLine ? Qt::DashLine : Qt::SolidLine, Qt::RoundCap);
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
            painter.drawText(QRectF(m_legend.left() + 50, y, m_legend.width() - 56, kLegendRow), Qt::AlignVCenter | Qt::AlignLeft, row.text);
            y += kLegendRow;
        }
        painter.restore();
    }

    Document& m_document;
    ExportOptions m_options;
    DiagramScene m_scene;
    QRectF m_diagram; // scene area of the drawing
    QRectF m_legend;  // scene area of the legend (empty: none)
    QRectF m_content; // both
};

// Qt's PDF writer stamps the current time and a random document id into every file. Both are
// replaced (same lengths, so the cross-reference offsets stay right) by values derived from the
// content, so the same design gives the same bytes.
QByteArray deterministicPdf(QByteArray pdf)
{
    const QByteArray digest = QCryptographicHash::hash(pdf, QCryptographicHash::Sha256).toHex();
    static const QRegularExpression date(QStringLiteral(R"(D:\d{14}[^)]*)"));
    static const QRegularExpression xmpDate(QStringLiteral(R"((<xmp:(?:CreateDate|ModifyDate|MetadataDate)>)([^<]*)(</xmp))"));
    static const QRegularExpression id(QStringLiteral(R"(/ID \[ ?<([0-9a-fA-F]+)> ?<([0-9a-fA-F]+)>)"));
    static const QRegularExpression uuid(QStringLiteral(R"(uuid:[0-9a-fA-F-]{36})"));
    QString text = QString::fromLatin1(pdf); // Latin-1 keeps every byte at its offset
    auto replaceAll = [&](const QRegularExpression& re, auto make) {
        QString out;
        qsizetype last = 0;
        for (auto it = re.globalMatch(text); it.hasNext();) {
            const QRegularExpressionMatch m = it.next();
            out += QStringView(text).mid(last, m.capturedStart() - last);
            out += make(m);
            last = m.capturedEnd();
        }
        out += QStringView(text).mid(last);
        text = out;
    };
    auto fill = [](qsizetype length, QChar c) { return QString(length, c); };
    replaceAll(date, [&](const QRegularExpressionMatch& m) {
        QString fixed = QStringLiteral("D:20000101000000");
        return (fixed + fill(m.capturedLength() - fixed.size(), QLatin1Char(' '))).left(m.capturedLength());
    });
    replaceAll(xmpDate, [&](const QRegularExpressionMatch& m) {
        QString fixed = QStringLiteral("2000-01-01T00:00:00Z");
        const qsizetype n = m.capturedLength(2);
        fixed = (fixed + fill(std::max<qsizetype>(0, n - fixed.size()), QLatin1Char(' '))).left(n);
        return m.captured(1) + fixed + m.captured(3);
    });
    replaceAll(id, [&](const QRegularExpressionMatch& m) {
        const QString hex = QString::fromLatin1(digest);
        QString a = (hex + hex).left(m.capturedLength(1));
        QString b = (hex + hex).left(m.capturedLength(2));
        QString whole = m.captured(0);
        whole.replace(m.capturedStart(1) - m.capturedStart(0), m.capturedLength(1), a);
        whole.replace(m.capturedStart(2) - m.capturedStart(0), m.capturedLength(2), b);
        return whole;
    });
    replaceAll(uuid, [&](const QRegularExpressionMatch&) {
        const QString h = QString::fromLatin1(digest);
        return QStringLiteral("uuid:%1-%2-%3-%4-%5").arg(h.mid(0, 8), h.mid(8, 4), h.mid(12, 4), h.mid(16, 4), h.mid(20, 12));
    });
    return text.toLatin1();
}

} // namespace

ExportPreview renderPreview(Document& document, const ExportOptions& options, const QSet<QString>& selection,
                            const FlowId& shownFlow, QSize box)
{
    ExportPreview preview;
    Layout layout(document, options, selection, shownFlow);
    double scale = 1;
    preview.fullSize = layout.pixelSize(&scale, &preview.error);
    if (preview.fullSize.isEmpty())
        return preview;
    // The export's own drawing, shrunk (scale and border alike) to fit the box.
    const double fit = std::min({1.0, double(box.width()) / preview.fullSize.width(), double(box.height()) / preview.fullSize.height()});
    const QSize size(std::max(1, int(std::lround(preview.fullSize.width() * fit))), std::max(1, int(std::lround(preview.fullSize.height() * fit))));
    preview.image = QImage(size, QImage::Format_ARGB32_Premultiplied);
    preview.image.fill(Qt::transparent);
    QPainter painter(&preview.image);
    layout.paint(painter, size, scale * fit, int(std::lround(std::max(0, options.border) * fit)));
    return preview;
}

ExportResult renderExport(Document& document, const ExportOptions& options, const QSet<QString>& selection, const FlowId& shownFlow)
{
    ExportResult result;
    if (options.format == ExportFormat::Json) {
        const std::string text = saveDesignToString(document.design());
        result.bytes = QByteArray(text.data(), qsizetype(text.size()));
        return result;
    }
    if (options.format == ExportFormat::Report) {
        FileCheck check;
        check.file = document.filePath().toStdString();
        check.loaded = true;
        analyzeInto(check, document.design());
        const std::string text = checkReportJson({check}).dump(2) + "\n";
        result.bytes = QByteArray(text.data(), qsizetype(text.size()));
        return result;
    }

    Layout layout(document, options, selection, shownFlow);
    double scale = 1;
    const QSize size = layout.pixelSize(&scale, &result.error);
    if (size.isEmpty())
        return result;
    result.pixelSize = size;

    switch (options.format) {
    case ExportFormat::Png: {
        // Opaque images paint faster and are written without an alpha channel.
        QImage image(size, options.transparent ? QImage::Format_ARGB32_Premultiplied : QImage::Format_RGB32);
        if (image.isNull()) {
            result.error = QCoreApplication::translate("export", "Not enough memory for a %1 × %2 image.").arg(size.width()).arg(size.height());
            return result;
        }
        image.fill(Qt::transparent);
        {
            QPainter painter(&image);
            layout.paint(painter, size, scale);
        }
        // Set after painting: the image's resolution would otherwise change the size of the text.
        const int dotsPerMeter = int(std::lround(std::max(1, options.dpi) / 0.0254));
        image.setDotsPerMeterX(dotsPerMeter);
        image.setDotsPerMeterY(dotsPerMeter);
        image.setText(QStringLiteral("Software"), QStringLiteral("PrivatePath"));
        if (options.embedDesign)
            image.setText(QString::fromLatin1(kPngDesignKey), QString::fromStdString(saveDesignToString(document.design())));
        QBuffer buffer(&result.bytes);
        buffer.open(QIODevice::WriteOnly);
        QImageWriter writer(&buffer, "png");
        if (!writer.write(options.transparent ? image.convertToFormat(QImage::Format_ARGB32) : image)) {
            result.error = writer.errorString();
            result.bytes.clear();
        }
        return result;
    }
    case ExportFormat::Svg: {
        SvgPaintDevice device(QSizeF(size), layout.title());
        {
            QPainter painter(&device);
            layout.paint(painter, size, scale);
        }
        result.bytes = device.document();
        return result;
    }
    case ExportFormat::Pdf: {
        QBuffer buffer(&result.bytes);
        buffer.open(QIODevice::WriteOnly);
        {
            QPdfWriter writer(&buffer);
            writer.setResolution(96);
            writer.setCreator(QStringLiteral("PrivatePath"));
            writer.setTitle(layout.title());
            writer.setPageSize(QPageSize(QSizeF(size) * 72.0 / 96.0, QPageSize::Point, QString(), QPageSize::ExactMatch));
            writer.setPageMargins(QMarginsF(0, 0, 0, 0));
            QPainter painter(&writer);
            layout.paint(painter, size, scale);
        }
        buffer.close();
        result.bytes = deterministicPdf(result.bytes);
        return result;
    }
    case ExportFormat::Json:
    case ExportFormat::Report:
        break;
    }
    return result;
}

bool writeExportFile(const QString& path, const QByteArray& bytes, bool overwrite, QString* error)
{
    const QFileInfo info(path);
    if (info.isSymLink()) {
        if (error)
            *error = QCoreApplication::translate("export", "%1 is a symbolic link; exports are never written through links.").arg(path);
        return false;
    }
    if (info.exists() && info.isDir()) {
        if (error)
            *error = QCoreApplication::translate("export", "%1 is a directory.").arg(path);
        return false;
    }
    if (info.exists() && !overwrite) {
        if (error)
            *error = QCoreApplication::translate("export", "%1 already exists; use --force to replace it.").arg(path);
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = QCoreApplication::translate("export", "Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    if (file.write(bytes) != bytes.size() || !file.commit()) {
        if (error)
            *error = QCoreApplication::translate("export", "Cannot write %1: %2").arg(path, file.errorString());
        file.cancelWriting();
        return false;
    }
    return true;
}

QByteArray designEmbeddedInPng(const QString& path)
{
    QImageReader reader(path, "png");
    return reader.text(QString::fromLatin1(kPngDesignKey)).toUtf8();
}

} // namespace pp::ui
