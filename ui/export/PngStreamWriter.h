#pragma once

#include <QByteArray>
#include <QImage>
#include <QSize>
#include <QString>
#include <utility>
#include <vector>

class QIODevice;

namespace pp::ui {

// Writes a PNG a band of rows at a time (libpng's row API), so a huge export never holds the
// whole picture: only the band being drawn and the compressed output are in memory.
// QImageWriter needs the whole QImage at once, which for a 28,000 × 8,000 export is ~900 MB.
//
// Use: addText()/setDotsPerMeter(), begin(), writeRows() until `size.height()` rows are written,
// finish(). Any failure (the device refusing bytes, e.g. a cancelled export) makes every later
// call return false; errorString() says why.
class PngStreamWriter {
public:
    // `alpha`: written as RGBA, else RGB. `compression`: zlib level 0..9.
    PngStreamWriter(QIODevice* device, QSize size, bool alpha, int compression = 6);
    ~PngStreamWriter();
    PngStreamWriter(const PngStreamWriter&) = delete;
    PngStreamWriter& operator=(const PngStreamWriter&) = delete;

    void setDotsPerMeter(int dotsPerMeter) { m_dotsPerMeter = dotsPerMeter; }
    // A text chunk: Latin-1 text as tEXt, anything else as compressed UTF-8 iTXt.
    void addText(const QString& key, const QString& text);

    bool begin();
    // The next rows: `band` is as wide as the image, in any QImage format (premultiplied alpha
    // is undone).
    bool writeRows(const QImage& band);
    bool finish();

    int rowsWritten() const { return m_rows; }
    QString errorString() const { return m_error; }

    // Called from libpng's callbacks.
    bool writeBytes(const char* data, qint64 length);
    void fail(const char* message);

private:
    // The functions that call setjmp(): nothing in them changes after it.
    bool writeHeader(const void* textChunks, int textCount);
    bool writeConverted(const QImage& rows);
    bool writeEnd();

    QIODevice* m_device;
    QSize m_size;
    bool m_alpha;
    int m_compression;
    int m_dotsPerMeter = 0;
    std::vector<std::pair<QByteArray, QString>> m_texts;
    void* m_png = nullptr;  // png_structp (libpng's types stay out of this header)
    void* m_info = nullptr; // png_infop
    int m_rows = 0;
    bool m_failed = false;
    QString m_error;
};

} // namespace pp::ui
