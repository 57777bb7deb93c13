#include "export/Exporter.h"

#include "canvas/Style.h"
#include "document/Document.h"
#include "export/DrawioWriter.h"
#include "export/ExportLayout.h"
#include "export/PngStreamWriter.h"
#include "export/SvgPaintDevice.h"
#include "io/DesignFile.h"
#include "report/CheckReport.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFileInfo>
#include <QImage>
#include <QImageReader>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QFile>
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
    if (n == QLatin1String("drawio"))
        return ExportFormat::Drawio;
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
    case ExportFormat::Drawio:
        return QStringLiteral("drawio");
    }
    return {};
}

QString exportExtension(ExportFormat format)
{
    switch (format) {
    case ExportFormat::Json:
        return QStringLiteral("privatepath");
    case ExportFormat::Report:
        return QStringLiteral("report.json");
    default:
        return exportFormatName(format);
    }
}

ExportTarget exportTargetFor(const QString& path, ExportFormat chosen)
{
    const QString name = QFileInfo(path).fileName();
    if (const auto format = exportFormatFromPath(path)) {
        const bool report = *format == ExportFormat::Json &&
                            name.endsWith(QLatin1String(".json"), Qt::CaseInsensitive) &&
                            (chosen == ExportFormat::Report ||
                             name.endsWith(QLatin1String(".report.json"), Qt::CaseInsensitive));
        return {path, report ? ExportFormat::Report : *format};
    }
    QString base = path;
    while (base.endsWith(QLatin1Char('.')))
        base.chop(1);
    return {base + QLatin1Char('.') + exportExtension(chosen), chosen};
}

namespace {

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

QString tr(const char* text)
{
    return QCoreApplication::translate("export", text);
}

class ExportPdfWriter : public QPdfWriter, public style::IconSink {
public:
    using QPdfWriter::QPdfWriter;
    bool drawIcon(QPainter& painter, const QString& icon, const QRectF& target) override
    {
        return m_icons.draw(painter, icon, target);
    }

private:
    IconRenderers m_icons;
};

// The encoder's output, refused once the export is cancelled (the PNG writer then stops).
class CancellableBuffer : public QBuffer {
public:
    CancellableBuffer(QByteArray* bytes, ExportMonitor* monitor) : QBuffer(bytes), m_monitor(monitor) {}

protected:
    qint64 writeData(const char* data, qint64 length) override
    {
        if (m_monitor && m_monitor->cancelled())
            return -1;
        return QBuffer::writeData(data, length);
    }

private:
    ExportMonitor* m_monitor;
};

bool isDrawing(ExportFormat format)
{
    return format == ExportFormat::Png || format == ExportFormat::Svg || format == ExportFormat::Pdf;
}

// Rough sizes, measured on the bundled examples and generated designs of 1,000 and 10,000
// resources: a diagram is mostly flat colour, which PNG compresses to 0.01-0.05 bytes a pixel
// (less the larger the scale); the embedded design compresses to about 5 % of its JSON; vector
// files grow with what is drawn (about 700 bytes an item in SVG, 250 in PDF), not with the scale.
constexpr double kPngBytesPerPixel = 0.02;
constexpr double kEmbeddedDesignRatio = 0.05;
constexpr qint64 kSvgBytesPerItem = 700;
constexpr qint64 kPdfBytesPerItem = 250;
constexpr qint64 kVectorBaseBytes = 50'000; // icon symbols, the embedded font subset
// draw.io files carry each tile's icon in its style (draw.io has no shared symbols): about 1.2 kB
// a tile, 0.5 kB an edge.
constexpr qint64 kDrawioBytesPerItem = 1'500;

} // namespace

ExportEstimate pngEstimate(QSize pixelSize)
{
    ExportEstimate estimate;
    estimate.format = ExportFormat::Png;
    estimate.pixelSize = pixelSize;
    estimate.bytes = qint64(double(estimate.pixels()) * kPngBytesPerPixel);
    return estimate;
}

QString exportSizeText(const ExportEstimate& estimate)
{
    const double megabytes = double(estimate.bytes) / 1e6;
    const QString size = megabytes >= 10    ? QString::number(std::llround(megabytes))
                         : megabytes >= 0.1 ? QString::number(megabytes, 'f', 1)
                                            : QStringLiteral("0.1");
    if (estimate.pixelSize.isEmpty())
        return tr("about %1 MB").arg(size);
    const double megapixels = double(estimate.pixels()) / 1e6;
    return tr("%1 × %2 pixels (%3 megapixels), about %4 MB")
        .arg(estimate.pixelSize.width())
        .arg(estimate.pixelSize.height())
        .arg(megapixels >= 10 ? QString::number(std::llround(megapixels))
                              : QString::number(megapixels, 'f', 1))
        .arg(size);
}

QString exportLimitText(const ExportEstimate& estimate)
{
    if (estimate.overPixelLimit())
        return tr("over the limit of %1 megapixels for an image").arg(kLargeExportPixels / 1'000'000);
    if (estimate.overByteLimit())
        return tr("over the limit of %1 MB for a file").arg(kLargeExportBytes / 1'000'000);
    return {};
}

PreparedExport::PreparedExport(Document& document, const ExportOptions& options,
                               const QSet<QString>& selection, const FlowId& shownFlow)
    : m_document(document), m_options(options)
{
    m_estimate.format = options.format;
    if (options.format == ExportFormat::Json) {
        const std::string text = saveDesignToString(document.design());
        m_text = QByteArray(text.data(), qsizetype(text.size()));
    } else if (options.format == ExportFormat::Report) {
        FileCheck check;
        check.file = document.filePath().toStdString();
        check.loaded = true;
        analyzeInto(check, document.design());
        const std::string text = checkReportText({check}) + "\n";
        m_text = QByteArray(text.data(), qsizetype(text.size()));
    }
    if (!isDrawing(options.format) && options.format != ExportFormat::Drawio) {
        m_estimate.bytes = m_text.size();
        return;
    }
    if (options.format == ExportFormat::Drawio) {
        // Shapes in the design's own units, which draw.io zooms itself: the image options (size,
        // background, legend) do not apply; the thumbnail shows the diagram at scale 1.
        m_options.scale = 1;
        m_options.width = m_options.height = 0;
        m_options.transparent = false;
        m_options.legend = false;
    }
    m_layout = std::make_unique<ExportLayout>(document, m_options, selection, shownFlow);
    if (options.format == ExportFormat::Drawio) {
        // A diagram too large for an image still exports; it only has no thumbnail.
        QString tooLarge;
        m_drawingSize = m_layout->pixelSize(&m_scale, &tooLarge);
        m_estimate.bytes = kVectorBaseBytes + kDrawioBytesPerItem * m_layout->visibleItemCount();
        return;
    }
    const QSize size = m_layout->pixelSize(&m_scale, &m_error);
    if (size.isEmpty())
        return;
    m_drawingSize = size;
    m_estimate.pixelSize = size;
    switch (options.format) {
    case ExportFormat::Png:
        m_estimate = pngEstimate(size);
        if (options.embedDesign)
            m_estimate.bytes +=
                qint64(kEmbeddedDesignRatio * double(saveDesignToString(document.design()).size()));
        break;
    case ExportFormat::Svg:
        m_estimate.bytes = kVectorBaseBytes + kSvgBytesPerItem * m_layout->visibleItemCount();
        break;
    case ExportFormat::Pdf:
        m_estimate.bytes = kVectorBaseBytes + kPdfBytesPerItem * m_layout->visibleItemCount();
        break;
    case ExportFormat::Json:
    case ExportFormat::Report:
    case ExportFormat::Drawio:
        break;
    }
}

PreparedExport::~PreparedExport() = default;

QImage PreparedExport::thumbnail(QSize box)
{
    const QSize full = m_drawingSize;
    if (!m_layout || full.isEmpty())
        return {};
    const double fit =
        std::min({1.0, double(box.width()) / full.width(), double(box.height()) / full.height()});
    const QSize size(std::max(1, int(std::lround(full.width() * fit))),
                     std::max(1, int(std::lround(full.height() * fit))));
    ExportImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    {
        QPainter painter(&image);
        m_layout->paint(painter, size, m_scale * fit, int(std::lround(std::max(0, m_options.border) * fit)));
    }
    return QImage(image);
}

ExportResult PreparedExport::render(ExportMonitor* monitor)
{
    ExportResult result;
    if (!m_error.isEmpty()) {
        result.error = m_error;
        return result;
    }
    if (!m_layout) {
        result.bytes = m_text;
        return result;
    }
    auto cancelled = [&] { return monitor && monitor->cancelled(); };
    auto report = [&](ExportStage stage, double done) {
        if (monitor)
            monitor->progress(stage, done);
    };
    auto stop = [&] {
        ExportResult none;
        none.cancelled = true;
        return none;
    };
    // Drawing item by item, reported as `share` of the whole; without a monitor the scene draws
    // in one go (the same pixels).
    auto drawing = [&](double share) -> std::function<bool(double)> {
        if (!monitor)
            return {};
        return [&, share](double done) {
            report(ExportStage::Drawing, share * done);
            return !cancelled();
        };
    };
    const QSize size = m_estimate.pixelSize;
    result.pixelSize = m_drawingSize;
    report(ExportStage::Drawing, 0);

    switch (m_options.format) {
    case ExportFormat::Png: {
        if (!renderPng(result, monitor))
            return cancelled() ? stop() : result;
        break;
    }
    case ExportFormat::Svg: {
        SvgPaintDevice device(QSizeF(size), m_layout->title());
        {
            QPainter painter(&device);
            if (!m_layout->paint(painter, size, m_scale, std::nullopt, drawing(0.9)))
                return stop();
        }
        report(ExportStage::Encoding, 0.9);
        result.bytes = device.document();
        break;
    }
    case ExportFormat::Pdf: {
        QBuffer buffer(&result.bytes);
        buffer.open(QIODevice::WriteOnly);
        {
            ExportPdfWriter writer(&buffer);
            writer.setResolution(96);
            writer.setCreator(QStringLiteral("PrivatePath"));
            writer.setTitle(m_layout->title());
            writer.setPageSize(QPageSize(QSizeF(size) * 72.0 / 96.0, QPageSize::Point, QString(), QPageSize::ExactMatch));
            writer.setPageMargins(QMarginsF(0, 0, 0, 0));
            QPainter painter(&writer);
            if (!m_layout->paint(painter, size, m_scale, std::nullopt, drawing(0.8)))
                return stop();
            report(ExportStage::Encoding, 0.8);
        }
        buffer.close();
        result.bytes = deterministicPdf(result.bytes);
        break;
    }
    case ExportFormat::Drawio:
        result.bytes = drawioDocument(m_layout->scene(), m_document, m_layout->title());
        report(ExportStage::Encoding, 0.9);
        break;
    case ExportFormat::Json:
    case ExportFormat::Report:
        break;
    }
    if (cancelled())
        return stop();
    report(ExportStage::Encoding, 1);
    return result;
}

int PreparedExport::bandRows() const
{
    if (m_bandRows > 0)
        return m_bandRows;
    // About 32 MB of pixels a band: few enough bands that the items crossing several (frames,
    // long flows) are not drawn too often, small enough that memory stays bounded.
    constexpr qint64 kBandBytes = 32 << 20;
    const qint64 rowBytes = 4 * qint64(std::max(1, m_estimate.pixelSize.width()));
    return int(std::clamp<qint64>(kBandBytes / rowBytes, 16, std::max(16, m_estimate.pixelSize.height())));
}

bool PreparedExport::renderPng(ExportResult& result, ExportMonitor* monitor)
{
    const QSize size = m_estimate.pixelSize;
    const int rowsPerBand = std::min(bandRows(), size.height());
    // Opaque images paint faster and are written without an alpha channel.
    ExportImage band(size.width(), rowsPerBand,
                     m_options.transparent ? QImage::Format_ARGB32_Premultiplied : QImage::Format_RGB32);
    if (band.isNull()) {
        result.error = tr("Not enough memory for a %1 × %2 image.").arg(size.width()).arg(size.height());
        return false;
    }
    CancellableBuffer buffer(&result.bytes, monitor);
    buffer.open(QIODevice::WriteOnly);
    // The embedded design and the resolution go before the pixels, which are compressed band by
    // band as they are drawn (level 6 is zlib's and Qt's default).
    PngStreamWriter writer(&buffer, size, m_options.transparent);
    writer.setDotsPerMeter(int(std::lround(std::max(1, m_options.dpi) / 0.0254)));
    writer.addText(QStringLiteral("Software"), QStringLiteral("PrivatePath"));
    if (m_options.embedDesign)
        writer.addText(QString::fromLatin1(kPngDesignKey),
                       QString::fromStdString(saveDesignToString(m_document.design())));
    bool ok = writer.begin();
    const int bands = (size.height() + rowsPerBand - 1) / rowsPerBand;
    for (int i = 0; ok && i < bands; ++i) {
        const QRect rows(0, i * rowsPerBand, size.width(), std::min(rowsPerBand, size.height() - i * rowsPerBand));
        // Progress counts bands (drawn and compressed), and items within the band.
        std::function<bool(double)> afterItem;
        if (monitor)
            afterItem = [&, i](double done) {
                monitor->progress(ExportStage::Drawing, 0.99 * (i + done) / bands);
                return !monitor->cancelled();
            };
        band.fill(Qt::transparent);
        {
            QPainter painter(&band);
            ok = m_layout->paintBand(painter, size, m_scale, rows, afterItem);
        }
        if (!ok)
            return false;
        ok = writer.writeRows(rows.height() == band.height() ? QImage(band) : band.copy(0, 0, size.width(), rows.height()));
        if (monitor) {
            monitor->progress(ExportStage::Drawing, 0.99 * (i + 1) / bands);
            if (monitor->cancelled())
                return false;
        }
    }
    if (!ok || !writer.finish()) {
        if (!(monitor && monitor->cancelled()))
            result.error = tr("The image could not be written: %1").arg(writer.errorString());
        result.bytes.clear();
        return false;
    }
    return true;
}

ExportPreview renderPreview(Document& document, const ExportOptions& options, const QSet<QString>& selection,
                            const FlowId& shownFlow, QSize box)
{
    PreparedExport prepared(document, options, selection, shownFlow);
    ExportPreview preview;
    preview.error = prepared.error();
    preview.estimate = prepared.estimate();
    preview.fullSize = preview.error.isEmpty() ? prepared.drawingSize() : QSize();
    preview.image = prepared.thumbnail(box);
    return preview;
}

ExportResult renderExport(Document& document, const ExportOptions& options, const QSet<QString>& selection,
                          const FlowId& shownFlow)
{
    return PreparedExport(document, options, selection, shownFlow).render();
}

bool writeExportFile(const QString& path, const QByteArray& bytes, bool overwrite, QString* error,
                     ExportMonitor* monitor)
{
    if (QFileInfo(path).isSymLink()) {
        if (error)
            *error = tr("%1 is a symbolic link; exports are never written through links.").arg(path);
        return false;
    }
    WriteOptions options;
    options.replace = overwrite;
    if (monitor)
        options.progress = [monitor](std::size_t written, std::size_t total) {
            if (monitor->cancelled())
                return false;
            monitor->progress(ExportStage::Writing, double(written) / double(total));
            return !monitor->cancelled();
        };
    const SaveResult saved = writeFileAtomically(QFile::encodeName(path).toStdString(),
                                                 std::string_view(bytes.constData(), std::size_t(bytes.size())), options);
    if (error)
        *error = saved.ok || saved.cancelled ? QString() : QString::fromStdString(saved.error);
    return saved.ok;
}

QByteArray designEmbeddedInPng(const QString& path)
{
    QImageReader reader(path, "png");
    return reader.text(QString::fromLatin1(kPngDesignKey)).toUtf8();
}

} // namespace pp::ui
