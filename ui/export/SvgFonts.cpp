#include "export/SvgFonts.h"

#include <QFile>
#include <QPainterPath>
#include <QXmlStreamWriter>
#include <cmath>
#include <hb-subset.h>
#include <memory>

namespace pp::ui {

namespace {

template <typename T, void (*Destroy)(T*)>
struct HbDeleter {
    void operator()(T* p) const { Destroy(p); }
};
template <typename T, void (*Destroy)(T*)>
using HbPtr = std::unique_ptr<T, HbDeleter<T, Destroy>>;

constexpr double kUnits = 1000; // glyph outlines are drawn at this many units an em

QByteArray bundledFace(bool bold)
{
    QFile file(bold ? QStringLiteral(":/fonts/Lato-Bold.ttf") : QStringLiteral(":/fonts/Lato-Regular.ttf"));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QString glyphId(int face, quint32 glyph)
{
    return QStringLiteral("glyph-%1-%2").arg(face ? QStringLiteral("b") : QStringLiteral("r")).arg(glyph);
}

// Outline path data in whole glyph units (1/1000 em: far below a pixel at any label size).
QString outlineData(const QPainterPath& path)
{
    auto n = [](double v) { return QString::number(std::lround(v)); };
    QString d;
    for (int i = 0; i < path.elementCount(); ++i) {
        const QPainterPath::Element e = path.elementAt(i);
        switch (e.type) {
        case QPainterPath::MoveToElement:
            d += QLatin1Char('M') + n(e.x) + QLatin1Char(' ') + n(e.y);
            break;
        case QPainterPath::LineToElement:
            d += QLatin1Char('L') + n(e.x) + QLatin1Char(' ') + n(e.y);
            break;
        case QPainterPath::CurveToElement: {
            const QPainterPath::Element c2 = path.elementAt(i + 1);
            const QPainterPath::Element end = path.elementAt(i + 2);
            d += QLatin1Char('C') + n(e.x) + QLatin1Char(' ') + n(e.y) + QLatin1Char(' ') + n(c2.x) +
                 QLatin1Char(' ') + n(c2.y) + QLatin1Char(' ') + n(end.x) + QLatin1Char(' ') + n(end.y);
            i += 2;
            break;
        }
        case QPainterPath::CurveToDataElement:
            break;
        }
    }
    return d;
}

} // namespace

SvgGlyphRun SvgFonts::glyphs(const QString& text, bool bold, double pixels, double width)
{
    SvgGlyphRun run;
    QRawFont& face = m_faces[bold ? 1 : 0];
    if (!face.isValid())
        face.loadFromData(bundledFace(bold), kUnits, QFont::PreferNoHinting);
    if (!face.isValid() || pixels <= 0)
        return run;
    const QList<quint32> indexes = face.glyphIndexesForString(text);
    const QList<QPointF> advances = face.advancesForGlyphIndexes(indexes, QRawFont::KernedAdvances);
    double total = 0;
    for (const QPointF& a : advances)
        total += a.x();
    run.scale = pixels / kUnits;
    // Qt laid the text out (kerning, rounding): the glyphs are spread to the same width.
    const double spread = width > 0 && total > 0 ? width / (total * run.scale) : 1.0;
    double x = 0;
    for (qsizetype i = 0; i < indexes.size(); ++i) {
        const auto key = std::make_pair(bold ? 1 : 0, indexes[i]);
        auto it = m_outlines.find(key);
        if (it == m_outlines.end())
            it = m_outlines.emplace(key, outlineData(face.pathForGlyph(indexes[i]))).first;
        if (!it->second.isEmpty()) // spaces have no outline
            run.glyphs.emplace_back(glyphId(key.first, key.second), int(std::lround(x * spread)));
        x += i < advances.size() ? advances[i].x() : 0;
    }
    return run;
}

void SvgFonts::writeGlyphs(QXmlStreamWriter& writer) const
{
    for (const auto& [key, data] : m_outlines) {
        if (data.isEmpty())
            continue;
        writer.writeEmptyElement(QStringLiteral("path"));
        writer.writeAttribute(QStringLiteral("id"), glyphId(key.first, key.second));
        writer.writeAttribute(QStringLiteral("d"), data);
    }
}

void SvgFonts::use(const QString& text, bool bold)
{
    std::set<char32_t>& used = bold ? m_bold : m_regular;
    for (char32_t c : text.toUcs4())
        used.insert(c);
}

QString SvgFonts::styleSheet(const QString& family) const
{
    QString css;
    for (bool bold : {false, true}) {
        const std::set<char32_t>& used = bold ? m_bold : m_regular;
        if (used.empty())
            continue;
        const QByteArray font = subsetBundledFont(bold, used);
        if (font.isEmpty())
            continue;
        css += QStringLiteral("@font-face { font-family: '%1'; font-weight: %2; font-style: normal; "
                              "src: url(data:font/ttf;base64,%3) format('truetype'); }\n")
                   .arg(family, bold ? QStringLiteral("bold") : QStringLiteral("normal"),
                        QString::fromLatin1(font.toBase64()));
    }
    return css;
}

QByteArray subsetBundledFont(bool bold, const std::set<char32_t>& characters)
{
    const QByteArray data = bundledFace(bold);
    if (data.isEmpty())
        return {};
    HbPtr<hb_blob_t, hb_blob_destroy> blob(
        hb_blob_create(data.constData(), unsigned(data.size()), HB_MEMORY_MODE_READONLY, nullptr, nullptr));
    HbPtr<hb_face_t, hb_face_destroy> face(hb_face_create(blob.get(), 0));
    HbPtr<hb_subset_input_t, hb_subset_input_destroy> input(hb_subset_input_create_or_fail());
    if (!input)
        return {};
    hb_set_t* unicodes = hb_subset_input_unicode_set(input.get());
    for (char32_t c : characters)
        hb_set_add(unicodes, hb_codepoint_t(c));
    // The ellipsis of shortened labels is drawn by viewers too; hinting is for screens at small
    // sizes, which browsers ignore for scaled SVG text.
    hb_set_add(unicodes, 0x2026);
    hb_subset_input_set_flags(input.get(), HB_SUBSET_FLAGS_NO_HINTING);
    HbPtr<hb_face_t, hb_face_destroy> subset(hb_subset_or_fail(face.get(), input.get()));
    if (!subset)
        return {};
    HbPtr<hb_blob_t, hb_blob_destroy> out(hb_face_reference_blob(subset.get()));
    unsigned int length = 0;
    const char* bytes = hb_blob_get_data(out.get(), &length);
    return QByteArray(bytes, qsizetype(length));
}

} // namespace pp::ui
