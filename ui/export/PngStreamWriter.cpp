#include "export/PngStreamWriter.h"

#include <QIODevice>
#include <csetjmp>
#include <png.h>

namespace pp::ui {

namespace {

// libpng reports errors through these and then longjmp()s back to the setjmp() of the call in
// progress. Every function below that calls setjmp() creates no object with a destructor after
// it, so the jump skips nothing.
void onError(png_structp png, png_const_charp message)
{
    static_cast<PngStreamWriter*>(png_get_error_ptr(png))->fail(message);
    png_longjmp(png, 1);
}

void onWarning(png_structp, png_const_charp) {}

void onWrite(png_structp png, png_bytep data, png_size_t length)
{
    if (!static_cast<PngStreamWriter*>(png_get_io_ptr(png))->writeBytes(reinterpret_cast<const char*>(data), qint64(length)))
        png_error(png, "the output refused the data");
}

void onFlush(png_structp) {}

png_structp pngOf(void* p) { return static_cast<png_structp>(p); }
png_infop infoOf(void* p) { return static_cast<png_infop>(p); }

} // namespace

PngStreamWriter::PngStreamWriter(QIODevice* device, QSize size, bool alpha, int compression)
    : m_device(device), m_size(size), m_alpha(alpha), m_compression(compression)
{
}

PngStreamWriter::~PngStreamWriter()
{
    if (m_png) {
        png_structp png = pngOf(m_png);
        png_infop info = infoOf(m_info);
        png_destroy_write_struct(&png, m_info ? &info : nullptr);
    }
}

void PngStreamWriter::addText(const QString& key, const QString& text)
{
    m_texts.emplace_back(key.toLatin1().left(79), text);
}

bool PngStreamWriter::writeBytes(const char* data, qint64 length)
{
    return m_device->write(data, length) == length;
}

void PngStreamWriter::fail(const char* message)
{
    m_failed = true;
    if (m_error.isEmpty())
        m_error = QString::fromLatin1(message);
}

bool PngStreamWriter::begin()
{
    if (m_png || m_size.isEmpty()) {
        fail("the image is empty");
        return false;
    }
    m_png = png_create_write_struct(PNG_LIBPNG_VER_STRING, this, onError, onWarning);
    if (!m_png) {
        fail("not enough memory for the PNG encoder");
        return false;
    }
    m_info = png_create_info_struct(pngOf(m_png));
    if (!m_info) {
        fail("not enough memory for the PNG encoder");
        return false;
    }
    // Latin-1 texts are kept as they are; the others (and the long embedded design) are
    // converted before the jump target is set.
    std::vector<QByteArray> keys, texts;
    keys.reserve(m_texts.size());
    texts.reserve(m_texts.size());
    std::vector<png_text> chunks(m_texts.size());
    for (std::size_t i = 0; i < m_texts.size(); ++i) {
        const QString& text = m_texts[i].second;
        bool latin1 = true;
        for (QChar c : text)
            latin1 = latin1 && c.unicode() < 0x100;
        keys.push_back(m_texts[i].first);
        texts.push_back(latin1 ? text.toLatin1() : text.toUtf8());
        png_text& chunk = chunks[i];
        chunk = png_text{};
        chunk.key = keys.back().data();
        chunk.text = texts.back().data();
        if (latin1) {
            chunk.compression = texts.back().size() > 1024 ? PNG_TEXT_COMPRESSION_zTXt : PNG_TEXT_COMPRESSION_NONE;
            chunk.text_length = png_size_t(texts.back().size());
        } else {
            chunk.compression = PNG_ITXT_COMPRESSION_zTXt;
            chunk.itxt_length = png_size_t(texts.back().size());
        }
    }
    return writeHeader(chunks.data(), int(chunks.size()));
}

bool PngStreamWriter::writeHeader(const void* textChunks, int textCount)
{
    png_structp const png = pngOf(m_png);
    png_infop const info = infoOf(m_info);
    if (setjmp(png_jmpbuf(png)))
        return false;
    png_set_write_fn(png, this, onWrite, onFlush);
    png_set_compression_level(png, m_compression);
    png_set_IHDR(png, info, png_uint_32(m_size.width()), png_uint_32(m_size.height()), 8,
                 m_alpha ? PNG_COLOR_TYPE_RGBA : PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    if (m_dotsPerMeter > 0)
        png_set_pHYs(png, info, png_uint_32(m_dotsPerMeter), png_uint_32(m_dotsPerMeter), PNG_RESOLUTION_METER);
    if (textCount > 0)
        png_set_text(png, info, static_cast<const png_text*>(textChunks), textCount);
    png_write_info(png, info);
    // Rows come as RGBX or RGBA bytes; the X byte is dropped.
    if (!m_alpha)
        png_set_filler(png, 0, PNG_FILLER_AFTER);
    return true;
}

bool PngStreamWriter::writeRows(const QImage& band)
{
    if (m_failed || !m_png)
        return false;
    if (band.width() != m_size.width() || m_rows + band.height() > m_size.height()) {
        fail("a band does not fit the image");
        return false;
    }
    // Byte order R, G, B, A/X whatever the machine's endianness; alpha not premultiplied.
    const QImage rows = band.convertToFormat(m_alpha ? QImage::Format_RGBA8888 : QImage::Format_RGBX8888);
    return writeConverted(rows);
}

namespace {

// Apart from the function that calls setjmp(), so that no local of that one changes after it.
void writeAllRows(png_structp png, const QImage& rows, int* written)
{
    for (int y = 0; y < rows.height(); ++y) {
        png_write_row(png, rows.constScanLine(y));
        ++*written;
    }
}

} // namespace

bool PngStreamWriter::writeConverted(const QImage& rows)
{
    png_structp const png = pngOf(m_png);
    if (setjmp(png_jmpbuf(png)))
        return false;
    writeAllRows(png, rows, &m_rows);
    return true;
}

bool PngStreamWriter::finish()
{
    if (m_failed || !m_png)
        return false;
    if (m_rows != m_size.height()) {
        fail("not every row was written");
        return false;
    }
    return writeEnd();
}

bool PngStreamWriter::writeEnd()
{
    png_structp const png = pngOf(m_png);
    if (setjmp(png_jmpbuf(png)))
        return false;
    png_write_end(png, infoOf(m_info));
    return true;
}

} // namespace pp::ui
