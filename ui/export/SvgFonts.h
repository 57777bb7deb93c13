#pragma once

#include <QByteArray>
#include <QRawFont>
#include <QString>
#include <map>
#include <set>
#include <utility>
#include <vector>

class QXmlStreamWriter;

namespace pp::ui {

// A text's glyphs as outlines: each glyph's <path> is defined once and placed with <use>.
struct SvgGlyphRun {
    double scale = 0; // glyph units to pixels (the outlines are 1000 units an em)
    std::vector<std::pair<QString, int>> glyphs; // the glyph's element id, its x in glyph units
};

// The bundled font (Lato, SIL OFL 1.1) in an SVG export, twice:
// - embedded as @font-face data, for the <text> elements (which viewers select, search and
//   read aloud). Only the characters the drawing uses are kept: HarfBuzz's subsetter cuts each
//   face (660 kB) down to those glyphs, typically 10-20 kB;
// - as glyph outlines, which is what is seen: renderers that ignore CSS fonts (librsvg, so
//   rsvg-convert and GNOME's viewers; Inkscape) then still draw exactly the canvas's letters.
class SvgFonts {
public:
    // Text drawn in the regular or the bold face.
    void use(const QString& text, bool bold);
    // A style sheet of @font-face rules for `family`, one per face used, each holding its
    // subset as base64 TrueType data; empty when no text was drawn. Deterministic.
    QString styleSheet(const QString& family) const;

    // `text` in the bundled face at `pixels` size, its glyphs spread to Qt's layout `width`.
    SvgGlyphRun glyphs(const QString& text, bool bold, double pixels, double width);
    // A <path> of every glyph glyphs() placed, in a deterministic order (for <defs>).
    void writeGlyphs(QXmlStreamWriter& writer) const;

private:
    std::set<char32_t> m_regular;
    std::set<char32_t> m_bold;
    QRawFont m_faces[2]; // regular, bold: loaded on first use
    std::map<std::pair<int, quint32>, QString> m_outlines; // (face, glyph index) -> path data
};

// The subset of the bundled face (":/fonts/Lato-Regular.ttf" or -Bold) holding the glyphs of
// `characters`, as a TrueType file; empty if it could not be made.
QByteArray subsetBundledFont(bool bold, const std::set<char32_t>& characters);

} // namespace pp::ui
