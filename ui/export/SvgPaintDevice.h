#pragma once

#include "canvas/Style.h"
#include "canvas/TileLabel.h"

#include <QByteArray>
#include <QPaintDevice>
#include <QRectF>
#include <QString>
#include <memory>

namespace pp::ui {

class SvgPaintEngine;

// A paint device that writes plain SVG 1.1 with QXmlStreamWriter: whatever is painted on it
// (the same scene the canvas shows) becomes <path>, <rect>, <text>... elements.
//
// Why not QSvgGenerator: its Qt 6.4 engine leaves gaps in escaping and writes text as
// HTML-ish spans some viewers drop. Here every string passes through the XML writer (and
// characters XML 1.0 forbids are replaced), text stays <text> in the bundled font, which is
// embedded (a subset, as @font-face data; SvgFonts.h), with generic fallbacks for viewers that
// ignore CSS fonts, and icons are embedded once as <symbol> and placed with <use>, so the file
// references nothing outside itself and contains no script or event attributes.
//
// Coordinates are written in device units (the painter's transform applied), rounded to 1/100,
// so the output is byte-for-byte deterministic.
class SvgPaintDevice : public QPaintDevice, public style::IconSink, public TileLabelSink {
public:
    // `size`: the drawing's width and height in CSS pixels (also the viewBox).
    explicit SvgPaintDevice(QSizeF size, QString title = {});
    ~SvgPaintDevice() override;

    QPaintEngine* paintEngine() const override;
    bool drawIcon(QPainter& painter, const QString& icon, const QRectF& target) override;
    // A <title> tooltip over the tile holding its whole label.
    void fullLabel(QPainter& painter, const QString& text, const QRectF& area) override;

    // The finished document (call after the painter has ended).
    QByteArray document() const;

protected:
    int metric(PaintDeviceMetric metric) const override;

private:
    QSizeF m_size;
    std::unique_ptr<SvgPaintEngine> m_engine;
};

// Replaces characters XML 1.0 cannot carry (controls other than tab/newline/return,
// U+FFFE/U+FFFF, unpaired surrogates) with U+FFFD, so any label yields a well-formed file.
QString xmlSafe(const QString& text);
// Numbers as SVG and draw.io files carry them: at most two decimals, no trailing zeros, never "-0".
QString xmlNumber(double v);

} // namespace pp::ui
