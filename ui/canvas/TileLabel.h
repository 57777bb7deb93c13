#pragma once

#include <QRectF>
#include <QString>
#include <QStringList>

class QFont;
class QPaintDevice;
class QPainter;

namespace pp::ui {

class ResourceItem;

// A tile's name as drawn: wrapped at word boundaries (or inside a word too long for a line),
// the last line elided at its end when the rest does not fit.
struct TileLabelLines {
    QStringList lines;
    bool elided = false; // part of the text is not shown
};

// Lays `text` out in at most `maxLines` lines of at most `width` (measured with `font` on
// `device`, as it will be drawn).
TileLabelLines wrapTileLabel(const QString& text, const QFont& font, double width, int maxLines,
                             QPaintDevice* device = nullptr);

// Where a tile's labels may go (item coordinates): centred under the tile, as wide as the tile
// plus half the gap to the nearest sibling on either side (so two neighbours' labels never
// meet), at most 20 units past the tile's sides and inside its container; from `top` down to
// above the sibling below, at most 18 units under the tile. Never narrower than the tile, and
// always one line high.
struct TileLabelRoom {
    double width = 0;
    double bottom = 0;
};
TileLabelRoom tileLabelRoom(const ResourceItem& tile, double top, double lineHeight);

// Paints a tile's name (up to two lines) and the line under it (address...), centred from `top`
// down, in the room tileLabelRoom() gives. When the name is not drawn whole on one line, a
// device that is a TileLabelSink receives the full text. Returns the area the labels cover.
QRectF paintTileLabel(QPainter& painter, const ResourceItem& tile, const QString& name, const QString& detail,
                      double top);

// A paint device that keeps a tile's full label when the drawing shows it shortened (the SVG
// export: a <title> tooltip).
class TileLabelSink {
public:
    virtual ~TileLabelSink() = default;
    // `area`: the tile and its labels, in the painter's logical coordinates.
    virtual void fullLabel(QPainter& painter, const QString& text, const QRectF& area) = 0;
};

} // namespace pp::ui
