#include "export/SvgPaintDevice.h"

#include "export/SvgFonts.h"

#include <QBuffer>
#include <QFile>
#include <QPaintEngine>
#include <QPainter>
#include <QPainterPath>
#include <QTextItem>
#include <QXmlStreamReader>
#include <QXmlStreamWriter>
#include <cmath>
#include <vector>

namespace pp::ui {

QString xmlSafe(const QString& text)
{
    QString out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        const char16_t u = c.unicode();
        if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            out += c;
            out += text.at(++i);
            continue;
        }
        const bool allowed = (u >= 0x20 || u == 0x9 || u == 0xA || u == 0xD) && !c.isSurrogate() && u != 0xFFFE && u != 0xFFFF;
        out += allowed ? c : QChar(QChar::ReplacementCharacter);
    }
    return out;
}

QString xmlNumber(double v)
{
    if (!std::isfinite(v))
        return QStringLiteral("0");
    QString s = QString::number(v, 'f', 2);
    while (s.contains(QLatin1Char('.')) && (s.endsWith(QLatin1Char('0')) || s.endsWith(QLatin1Char('.'))))
        s.chop(1);
    if (s == QLatin1String("-0"))
        s = QStringLiteral("0");
    return s;
}

namespace {

QString num(double v) { return xmlNumber(v); }

QString pathData(const QPainterPath& path)
{
    QString d;
    for (int i = 0; i < path.elementCount(); ++i) {
        const QPainterPath::Element e = path.elementAt(i);
        switch (e.type) {
        case QPainterPath::MoveToElement:
            d += QStringLiteral("M%1 %2").arg(num(e.x), num(e.y));
            break;
        case QPainterPath::LineToElement:
            d += QStringLiteral("L%1 %2").arg(num(e.x), num(e.y));
            break;
        case QPainterPath::CurveToElement: {
            const QPainterPath::Element c2 = path.elementAt(i + 1);
            const QPainterPath::Element end = path.elementAt(i + 2);
            d += QStringLiteral("C%1 %2 %3 %4 %5 %6").arg(num(e.x), num(e.y), num(c2.x), num(c2.y), num(end.x), num(end.y));
            i += 2;
            break;
        }
        case QPainterPath::CurveToDataElement:
            break; // consumed with its CurveTo
        }
    }
    return d;
}

// The font families written into the file: the bundled font first, then what viewers without it
// should use instead.
QString fontFamilies(const QFont& font) { return QStringLiteral("%1, 'Helvetica Neue', Arial, sans-serif").arg(font.family()); }

} // namespace

class SvgPaintEngine final : public QPaintEngine {
public:
    SvgPaintEngine(QSizeF size, QString title)
        : QPaintEngine(QPaintEngine::AllFeatures), m_size(size), m_title(std::move(title))
    {
    }

    bool begin(QPaintDevice*) override
    {
        m_body.clear();
        m_buffer.setBuffer(&m_body);
        m_buffer.open(QIODevice::WriteOnly);
        m_writer.setDevice(&m_buffer);
        m_writer.setAutoFormatting(true);
        m_writer.setAutoFormattingIndent(1);
        return true;
    }
    bool end() override
    {
        m_buffer.close();
        return true;
    }
    Type type() const override { return QPaintEngine::User; }

    void updateState(const QPaintEngineState& changed) override
    {
        const DirtyFlags dirty = changed.state();
        if (dirty & DirtyPen)
            m_pen = changed.pen();
        if (dirty & DirtyBrush)
            m_brush = changed.brush();
        if (dirty & DirtyTransform)
            m_transform = changed.transform();
        if (dirty & DirtyOpacity)
            m_opacity = changed.opacity();
    }

    void drawPath(const QPainterPath& path) override
    {
        if (path.isEmpty())
            return;
        const QPainterPath mapped = m_transform.map(path);
        m_writer.writeStartElement(QStringLiteral("path"));
        m_writer.writeAttribute(QStringLiteral("d"), pathData(mapped));
        writePaint(true, mapped.fillRule() == Qt::OddEvenFill);
        m_writer.writeEndElement();
    }

    void drawPolygon(const QPointF* points, int count, PolygonDrawMode mode) override
    {
        QString list;
        for (int i = 0; i < count; ++i) {
            const QPointF p = m_transform.map(points[i]);
            if (i)
                list += QLatin1Char(' ');
            list += num(p.x()) + QLatin1Char(',') + num(p.y());
        }
        const bool polyline = mode == PolylineMode;
        m_writer.writeStartElement(polyline ? QStringLiteral("polyline") : QStringLiteral("polygon"));
        m_writer.writeAttribute(QStringLiteral("points"), list);
        writePaint(!polyline, mode == OddEvenMode);
        m_writer.writeEndElement();
    }

    void drawRects(const QRectF* rects, int count) override
    {
        for (int i = 0; i < count; ++i) {
            if (!axisAligned()) {
                QPainterPath path;
                path.addRect(rects[i]);
                drawPath(path);
                continue;
            }
            const QRectF r = m_transform.mapRect(rects[i]);
            m_writer.writeStartElement(QStringLiteral("rect"));
            m_writer.writeAttribute(QStringLiteral("x"), num(r.x()));
            m_writer.writeAttribute(QStringLiteral("y"), num(r.y()));
            m_writer.writeAttribute(QStringLiteral("width"), num(r.width()));
            m_writer.writeAttribute(QStringLiteral("height"), num(r.height()));
            writePaint(true, false);
            m_writer.writeEndElement();
        }
    }

    void drawLines(const QLineF* lines, int count) override
    {
        for (int i = 0; i < count; ++i) {
            const QLineF l = m_transform.map(lines[i]);
            m_writer.writeStartElement(QStringLiteral("line"));
            m_writer.writeAttribute(QStringLiteral("x1"), num(l.x1()));
            m_writer.writeAttribute(QStringLiteral("y1"), num(l.y1()));
            m_writer.writeAttribute(QStringLiteral("x2"), num(l.x2()));
            m_writer.writeAttribute(QStringLiteral("y2"), num(l.y2()));
            writePaint(false, false);
            m_writer.writeEndElement();
        }
    }

    void drawEllipse(const QRectF& rect) override
    {
        if (!axisAligned()) {
            QPainterPath path;
            path.addEllipse(rect);
            drawPath(path);
            return;
        }
        const QRectF r = m_transform.mapRect(rect);
        m_writer.writeStartElement(QStringLiteral("ellipse"));
        m_writer.writeAttribute(QStringLiteral("cx"), num(r.center().x()));
        m_writer.writeAttribute(QStringLiteral("cy"), num(r.center().y()));
        m_writer.writeAttribute(QStringLiteral("rx"), num(r.width() / 2));
        m_writer.writeAttribute(QStringLiteral("ry"), num(r.height() / 2));
        writePaint(true, false);
        m_writer.writeEndElement();
    }

    void drawTextItem(const QPointF& p, const QTextItem& item) override
    {
        const QString text = xmlSafe(item.text());
        if (text.trimmed().isEmpty())
            return;
        const QFont font = item.font();
        const double pixels = font.pixelSize() > 0 ? font.pixelSize() : font.pointSizeF() * 96.0 / 72.0;
        const bool bundled = font.family() == style::canvasFont().family() && !font.italic();
        const bool bold = font.weight() >= QFont::DemiBold;
        bool outlined = false;
        if (bundled) {
            m_fonts.use(text, bold);
            outlined = writeOutlines(p, m_fonts.glyphs(text, bold, pixels, item.width()));
        }
        m_writer.writeStartElement(QStringLiteral("text"));
        if (axisAligned()) {
            const QPointF at = m_transform.map(p);
            m_writer.writeAttribute(QStringLiteral("x"), num(at.x()));
            m_writer.writeAttribute(QStringLiteral("y"), num(at.y()));
            m_writer.writeAttribute(QStringLiteral("font-size"), num(pixels * scale()));
        } else {
            const QTransform& t = m_transform;
            m_writer.writeAttribute(QStringLiteral("transform"), QStringLiteral("matrix(%1 %2 %3 %4 %5 %6)")
                                                                     .arg(num(t.m11()), num(t.m12()), num(t.m21()), num(t.m22()), num(t.dx()), num(t.dy())));
            m_writer.writeAttribute(QStringLiteral("x"), num(p.x()));
            m_writer.writeAttribute(QStringLiteral("y"), num(p.y()));
            m_writer.writeAttribute(QStringLiteral("font-size"), num(pixels));
        }
        m_writer.writeAttribute(QStringLiteral("font-family"), fontFamilies(font));
        if (bold)
            m_writer.writeAttribute(QStringLiteral("font-weight"), QStringLiteral("bold"));
        if (font.italic())
            m_writer.writeAttribute(QStringLiteral("font-style"), QStringLiteral("italic"));
        // Outlined text is seen through its outlines; the text stays, unpainted, to be selected,
        // searched and read aloud.
        if (outlined)
            m_writer.writeAttribute(QStringLiteral("fill"), QStringLiteral("none"));
        else
            writeColour(QStringLiteral("fill"), m_pen.color());
        // The width the bundled font gives the text: a viewer drawing it with a fallback font
        // fits it to the same width, so labels stay inside their boxes as on the canvas.
        if (item.width() > 0)
            m_writer.writeAttribute(QStringLiteral("textLength"), num(item.width() * (axisAligned() ? scale() : 1.0)));
        if (item.width() > 0)
            m_writer.writeAttribute(QStringLiteral("lengthAdjust"), QStringLiteral("spacingAndGlyphs"));
        if (text != text.simplified())
            m_writer.writeAttribute(QStringLiteral("xml:space"), QStringLiteral("preserve"));
        m_writer.writeCharacters(text);
        m_writer.writeEndElement();
    }

    // The glyphs of a text drawn at `p` (logical coordinates), in the pen's colour.
    bool writeOutlines(const QPointF& p, const SvgGlyphRun& run)
    {
        if (run.glyphs.empty())
            return false;
        m_writer.writeStartElement(QStringLiteral("g"));
        const QString place = QStringLiteral("translate(%1 %2) scale(%3)");
        if (axisAligned()) {
            const QPointF at = m_transform.map(p);
            m_writer.writeAttribute(QStringLiteral("transform"),
                                    place.arg(num(at.x()), num(at.y()), QString::number(run.scale * scale(), 'g', 6)));
        } else {
            const QTransform& t = m_transform;
            m_writer.writeAttribute(QStringLiteral("transform"),
                                    QStringLiteral("matrix(%1 %2 %3 %4 %5 %6) ")
                                            .arg(num(t.m11()), num(t.m12()), num(t.m21()), num(t.m22()), num(t.dx()), num(t.dy())) +
                                        place.arg(num(p.x()), num(p.y()), QString::number(run.scale, 'g', 6)));
        }
        writeColour(QStringLiteral("fill"), m_pen.color());
        for (const auto& [id, x] : run.glyphs) {
            m_writer.writeEmptyElement(QStringLiteral("use"));
            m_writer.writeAttribute(QStringLiteral("xlink:href"), QLatin1Char('#') + id);
            if (x != 0)
                m_writer.writeAttribute(QStringLiteral("x"), QString::number(x));
        }
        m_writer.writeEndElement();
        return true;
    }

    void drawPixmap(const QRectF& r, const QPixmap& pm, const QRectF& sr) override
    {
        drawImage(r, pm.toImage(), sr, Qt::AutoColor);
    }

    void drawImage(const QRectF& r, const QImage& image, const QRectF& sr, Qt::ImageConversionFlags) override
    {
        // Raster content (none of our own drawing produces any) is embedded, never referenced.
        QByteArray png;
        QBuffer buffer(&png);
        buffer.open(QIODevice::WriteOnly);
        image.copy(sr.toAlignedRect()).save(&buffer, "PNG");
        const QRectF target = m_transform.mapRect(r);
        m_writer.writeStartElement(QStringLiteral("image"));
        m_writer.writeAttribute(QStringLiteral("x"), num(target.x()));
        m_writer.writeAttribute(QStringLiteral("y"), num(target.y()));
        m_writer.writeAttribute(QStringLiteral("width"), num(target.width()));
        m_writer.writeAttribute(QStringLiteral("height"), num(target.height()));
        m_writer.writeAttribute(QStringLiteral("preserveAspectRatio"), QStringLiteral("none"));
        m_writer.writeAttribute(QStringLiteral("xlink:href"), QStringLiteral("data:image/png;base64,") + QString::fromLatin1(png.toBase64()));
        m_writer.writeEndElement();
    }

    void useIcon(const QString& icon, const QRectF& target)
    {
        if (std::find(m_icons.begin(), m_icons.end(), icon) == m_icons.end())
            m_icons.push_back(icon);
        m_writer.writeEmptyElement(QStringLiteral("use"));
        m_writer.writeAttribute(QStringLiteral("xlink:href"), QStringLiteral("#") + symbolId(icon));
        m_writer.writeAttribute(QStringLiteral("x"), num(target.x()));
        m_writer.writeAttribute(QStringLiteral("y"), num(target.y()));
        m_writer.writeAttribute(QStringLiteral("width"), num(target.width()));
        m_writer.writeAttribute(QStringLiteral("height"), num(target.height()));
    }

    // `r` in device coordinates.
    void fullLabel(const QString& text, const QRectF& r)
    {
        // Invisible, but it takes the pointer: hovering the tile shows the whole label.
        m_writer.writeStartElement(QStringLiteral("rect"));
        m_writer.writeAttribute(QStringLiteral("x"), num(r.x()));
        m_writer.writeAttribute(QStringLiteral("y"), num(r.y()));
        m_writer.writeAttribute(QStringLiteral("width"), num(r.width()));
        m_writer.writeAttribute(QStringLiteral("height"), num(r.height()));
        m_writer.writeAttribute(QStringLiteral("fill"), QStringLiteral("none"));
        m_writer.writeAttribute(QStringLiteral("pointer-events"), QStringLiteral("all"));
        m_writer.writeTextElement(QStringLiteral("title"), xmlSafe(text));
        m_writer.writeEndElement();
    }

    QByteArray document() const
    {
        QByteArray out;
        QBuffer buffer(&out);
        buffer.open(QIODevice::WriteOnly);
        QXmlStreamWriter w(&buffer);
        w.setAutoFormatting(true);
        w.setAutoFormattingIndent(1);
        w.writeStartDocument();
        w.writeStartElement(QStringLiteral("svg"));
        w.writeDefaultNamespace(QStringLiteral("http://www.w3.org/2000/svg"));
        w.writeNamespace(QStringLiteral("http://www.w3.org/1999/xlink"), QStringLiteral("xlink"));
        w.writeAttribute(QStringLiteral("version"), QStringLiteral("1.1"));
        w.writeAttribute(QStringLiteral("width"), num(m_size.width()));
        w.writeAttribute(QStringLiteral("height"), num(m_size.height()));
        w.writeAttribute(QStringLiteral("viewBox"), QStringLiteral("0 0 %1 %2").arg(num(m_size.width()), num(m_size.height())));
        if (!m_title.isEmpty())
            w.writeTextElement(QStringLiteral("title"), xmlSafe(m_title));
        w.writeStartElement(QStringLiteral("defs"));
        // The bundled font itself, cut down to the characters drawn: no viewer substitutes its own.
        if (const QString css = m_fonts.styleSheet(style::canvasFont().family()); !css.isEmpty()) {
            w.writeStartElement(QStringLiteral("style"));
            w.writeAttribute(QStringLiteral("type"), QStringLiteral("text/css"));
            w.writeCharacters(css);
            w.writeEndElement();
        }
        for (const QString& icon : m_icons)
            writeSymbol(w, icon);
        m_fonts.writeGlyphs(w);
        w.writeEndElement(); // defs
        // The drawing itself was written as it was painted; the root element closes after it.
        buffer.write(m_body);
        buffer.write("</svg>\n");
        return out;
    }

private:
    // "icon-vpc", "icon-services-storage": an XML id cannot hold the icon name's slash.
    static QString symbolId(QString icon) { return QStringLiteral("icon-") + icon.replace(QLatin1Char('/'), QLatin1Char('-')); }

    // Copies the icon's SVG (our own, in the resources) into a <symbol>, without its <title>.
    static void writeSymbol(QXmlStreamWriter& w, const QString& icon)
    {
        QFile file(style::iconPath(icon));
        if (!file.open(QIODevice::ReadOnly))
            return;
        QXmlStreamReader r(&file);
        w.writeStartElement(QStringLiteral("symbol"));
        w.writeAttribute(QStringLiteral("id"), symbolId(icon));
        int depth = 0;
        int skipping = 0;
        while (!r.atEnd()) {
            switch (r.readNext()) {
            case QXmlStreamReader::StartElement:
                ++depth;
                if (depth == 1) {
                    w.writeAttribute(QStringLiteral("viewBox"), r.attributes().value(QLatin1String("viewBox")).toString());
                } else if (skipping || r.name() == QLatin1String("title") || r.name() == QLatin1String("desc")) {
                    ++skipping;
                } else {
                    w.writeStartElement(r.name().toString());
                    for (const QXmlStreamAttribute& a : r.attributes())
                        w.writeAttribute(a.qualifiedName().toString(), a.value().toString());
                }
                break;
            case QXmlStreamReader::EndElement:
                if (depth > 1) {
                    if (skipping)
                        --skipping;
                    else
                        w.writeEndElement();
                }
                --depth;
                break;
            case QXmlStreamReader::Characters:
                if (!skipping && !r.isWhitespace() && depth > 1)
                    w.writeCharacters(r.text().toString());
                break;
            default:
                break;
            }
        }
        w.writeEndElement(); // symbol
    }

    bool axisAligned() const { return m_transform.type() <= QTransform::TxScale; }
    double scale() const { return std::sqrt(std::abs(m_transform.determinant())); }

    void writeColour(const QString& attribute, const QColor& colour)
    {
        m_writer.writeAttribute(attribute, colour.name(QColor::HexRgb).toUpper());
        const double alpha = colour.alphaF() * m_opacity;
        if (alpha < 0.999)
            m_writer.writeAttribute(attribute + QStringLiteral("-opacity"), num(alpha));
    }

    void writePaint(bool fill, bool evenOdd)
    {
        const bool filled = fill && m_brush.style() != Qt::NoBrush;
        if (!filled) {
            m_writer.writeAttribute(QStringLiteral("fill"), QStringLiteral("none"));
        } else {
            // Gradients and patterns are not drawn by the canvas; a solid colour stands in.
            QColor colour = m_brush.color();
            if (const QGradient* g = m_brush.gradient(); g && !g->stops().isEmpty())
                colour = g->stops().first().second;
            writeColour(QStringLiteral("fill"), colour);
            if (evenOdd)
                m_writer.writeAttribute(QStringLiteral("fill-rule"), QStringLiteral("evenodd"));
        }
        if (m_pen.style() == Qt::NoPen || m_pen.brush().style() == Qt::NoBrush)
            return;
        writeColour(QStringLiteral("stroke"), m_pen.color());
        const bool cosmetic = m_pen.isCosmetic() || m_pen.widthF() == 0;
        const double width = cosmetic ? std::max(1.0, m_pen.widthF()) : m_pen.widthF() * scale();
        m_writer.writeAttribute(QStringLiteral("stroke-width"), num(width));
        switch (m_pen.capStyle()) {
        case Qt::SquareCap:
            m_writer.writeAttribute(QStringLiteral("stroke-linecap"), QStringLiteral("square"));
            break;
        case Qt::RoundCap:
            m_writer.writeAttribute(QStringLiteral("stroke-linecap"), QStringLiteral("round"));
            break;
        default:
            break;
        }
        switch (m_pen.joinStyle()) {
        case Qt::BevelJoin:
            m_writer.writeAttribute(QStringLiteral("stroke-linejoin"), QStringLiteral("bevel"));
            break;
        case Qt::RoundJoin:
            m_writer.writeAttribute(QStringLiteral("stroke-linejoin"), QStringLiteral("round"));
            break;
        default:
            break;
        }
        if (m_pen.style() != Qt::SolidLine) {
            QStringList dashes;
            for (double d : m_pen.dashPattern())
                dashes << num(d * std::max(1.0, width));
            if (!dashes.isEmpty())
                m_writer.writeAttribute(QStringLiteral("stroke-dasharray"), dashes.join(QLatin1Char(',')));
        }
    }

    QSizeF m_size;
    QString m_title;
    QByteArray m_body;
    QBuffer m_buffer;
    QXmlStreamWriter m_writer;
    QPen m_pen;
    QBrush m_brush;
    QTransform m_transform;
    double m_opacity = 1.0;
    std::vector<QString> m_icons; // icon names in order of first use, for a deterministic <defs>
    SvgFonts m_fonts;
};

SvgPaintDevice::SvgPaintDevice(QSizeF size, QString title)
    : m_size(size), m_engine(std::make_unique<SvgPaintEngine>(size, std::move(title)))
{
}

SvgPaintDevice::~SvgPaintDevice() = default;

QPaintEngine* SvgPaintDevice::paintEngine() const { return m_engine.get(); }

bool SvgPaintDevice::drawIcon(QPainter& painter, const QString& icon, const QRectF& target)
{
    if (painter.worldTransform().type() > QTransform::TxScale)
        return false;
    m_engine->useIcon(icon, painter.worldTransform().mapRect(target));
    return true;
}

void SvgPaintDevice::fullLabel(QPainter& painter, const QString& text, const QRectF& area)
{
    m_engine->fullLabel(text, painter.worldTransform().mapRect(area));
}

QByteArray SvgPaintDevice::document() const { return m_engine->document(); }

int SvgPaintDevice::metric(PaintDeviceMetric metric) const
{
    switch (metric) {
    case PdmWidth:
        return int(std::ceil(m_size.width()));
    case PdmHeight:
        return int(std::ceil(m_size.height()));
    case PdmWidthMM:
        return int(std::ceil(m_size.width() * 25.4 / 96));
    case PdmHeightMM:
        return int(std::ceil(m_size.height() * 25.4 / 96));
    case PdmNumColors:
        return 0x7fffffff;
    case PdmDepth:
        return 32;
    case PdmDpiX:
    case PdmDpiY:
    case PdmPhysicalDpiX:
    case PdmPhysicalDpiY:
        return 96; // CSS pixels: point sizes turn into the same pixel sizes as on the canvas
    case PdmDevicePixelRatio:
        return 1;
    case PdmDevicePixelRatioScaled:
        return int(devicePixelRatioFScale());
    }
    return 0;
}

} // namespace pp::ui
