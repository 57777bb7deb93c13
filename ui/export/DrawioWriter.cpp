#include "export/DrawioWriter.h"

#include "canvas/DiagramScene.h"
#include "canvas/FlowItem.h"
#include "canvas/ResourceItem.h"
#include "canvas/Style.h"
#include "canvas/TileLabel.h"
#include "document/Document.h"
#include "export/SvgPaintDevice.h"

#include <QFile>
#include <QFontMetricsF>
#include <QStringList>
#include <QXmlStreamWriter>
#include <algorithm>
#include <functional>
#include <initializer_list>
#include <map>
#include <vector>

namespace pp::ui {

QString drawioSvgDataUri(const QByteArray& svg)
{
    return QStringLiteral("data:image/svg+xml,") + QString::fromLatin1(svg.toBase64());
}

namespace {

// The text sizes of the canvas font (9.5 pt; tile labels at 85 %) in draw.io's pixels.
constexpr int kTitleFontSize = 13;
constexpr int kTileFontSize = 11;
constexpr int kLinkFontSize = 10;

QString colour(const QColor& c) { return c.name(QColor::HexRgb).toUpper(); }

// A draw.io style: "key=value;" pairs in the order given (so the same cell gives the same text).
class Style {
public:
    Style& set(const char* key, const QString& value)
    {
        m_text += QLatin1String(key) + QLatin1Char('=') + value + QLatin1Char(';');
        return *this;
    }
    Style& set(const char* key, double value) { return set(key, xmlNumber(value)); }
    const QString& text() const { return m_text; }

private:
    QString m_text;
};

bool drawn(const QGraphicsItem* item)
{
    return item->isVisible() && !(item->flags() & QGraphicsItem::ItemHasNoContents);
}

// Where the canvas puts a connector's label, as draw.io places an edge label: the leg whose
// route passes nearest to the label's centre, the relative position along it (-1 at its
// start, 1 at its end) of the nearest point, and the label's offset from that point.
struct LabelPlace {
    qsizetype leg = -1;
    double along = 0;
    QPointF offset;
};

class Writer {
public:
    Writer(const DiagramScene& scene, const Document& document, QByteArray* out)
        : m_scene(scene), m_document(document), m_xml(out)
    {
    }

    void write(const QString& title)
    {
        m_xml.setAutoFormatting(true);
        m_xml.setAutoFormattingIndent(2);
        m_xml.writeStartDocument();
        m_xml.writeStartElement(QStringLiteral("mxfile"));
        m_xml.writeAttribute(QStringLiteral("host"), QStringLiteral("PrivatePath"));
        m_xml.writeAttribute(QStringLiteral("type"), QStringLiteral("device"));
        m_xml.writeStartElement(QStringLiteral("diagram"));
        m_xml.writeAttribute(QStringLiteral("id"), QStringLiteral("privatepath"));
        m_xml.writeAttribute(QStringLiteral("name"), xmlSafe(title));
        m_xml.writeStartElement(QStringLiteral("mxGraphModel"));
        // No page: the design's coordinates are kept as they are, negative ones too.
        const std::initializer_list<std::pair<const char*, const char*>> model = {
            {"grid", "1"}, {"gridSize", "10"}, {"guides", "1"}, {"tooltips", "1"}, {"connect", "1"}, {"arrows", "1"},
            {"fold", "1"}, {"page", "0"}, {"pageScale", "1"}, {"math", "0"}, {"shadow", "0"}};
        for (const auto& [key, value] : model)
            m_xml.writeAttribute(QLatin1String(key), QLatin1String(value));
        m_xml.writeStartElement(QStringLiteral("root"));
        m_xml.writeEmptyElement(QStringLiteral("mxCell"));
        m_xml.writeAttribute(QStringLiteral("id"), QStringLiteral("0"));
        m_xml.writeEmptyElement(QStringLiteral("mxCell"));
        m_xml.writeAttribute(QStringLiteral("id"), QStringLiteral("1"));
        m_xml.writeAttribute(QStringLiteral("parent"), QStringLiteral("0"));
        writeShapes();
        writeLinks();
        writeFlows();
        m_xml.writeEndElement(); // root
        m_xml.writeEndElement(); // mxGraphModel
        m_xml.writeEndElement(); // diagram
        m_xml.writeEndElement(); // mxfile
        m_xml.writeEndDocument();
    }

private:
    static QString cellId(const ResourceItem* item) { return QStringLiteral("r:") + QString::fromStdString(item->resourceId().str()); }

    // The nearest enclosing resource that has a cell (nullptr: the layer).
    const ResourceItem* drawnContainer(const ResourceItem* item) const
    {
        for (const QGraphicsItem* p = item->parentItem(); p; p = p->parentItem())
            if (p->type() == ResourceItem::Type && drawn(p))
                return static_cast<const ResourceItem*>(p);
        return nullptr;
    }

    // Containers before what they hold; within one container, containers before tiles (the
    // canvas stacks tiles above containers); otherwise in the design's order.
    std::vector<const ResourceItem*> shapesInOrder() const
    {
        struct Entry {
            int depth;
            bool tile;
            const ResourceItem* item;
        };
        std::vector<Entry> entries;
        for (const Shape& s : m_document.design().diagram.shapes) {
            const ResourceItem* item = m_scene.itemFor(s.resource.str());
            if (!item || !drawn(item))
                continue;
            int depth = 0;
            for (const ResourceItem* c = drawnContainer(item); c; c = drawnContainer(c))
                ++depth;
            entries.push_back({depth, !style::isContainer(item->kind()), item});
        }
        std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
            return a.depth != b.depth ? a.depth < b.depth : a.tile < b.tile;
        });
        std::vector<const ResourceItem*> out;
        out.reserve(entries.size());
        for (const Entry& e : entries)
            out.push_back(e.item);
        return out;
    }

    // The icon's SVG as a style value, read once per icon from the app's resources (empty when
    // the icon is missing: the cell then has no image).
    QString iconUri(const QString& icon)
    {
        auto it = m_icons.find(icon);
        if (it == m_icons.end()) {
            QFile file(style::iconPath(icon));
            QString uri;
            if (file.open(QIODevice::ReadOnly))
                uri = drawioSvgDataUri(file.readAll());
            it = m_icons.emplace(icon, uri).first;
        }
        return it->second;
    }

    // A tile's name broken into lines where the canvas breaks it: draw.io does not wrap plain
    // text labels. Nothing is left out: a name the canvas shortens is written whole.
    static QString wrappedTileName(const ResourceItem& tile, const QString& name)
    {
        QFont font = style::canvasFont();
        font.setPointSizeF(font.pointSizeF() * 0.85);
        const double top = style::tileIconRect(tile.size()).height() + 3;
        const TileLabelRoom room = tileLabelRoom(tile, top, QFontMetricsF(font).height());
        const TileLabelLines lines = wrapTileLabel(name, font, room.width, 6);
        return lines.elided ? name : lines.lines.join(QLatin1Char('\n'));
    }

    void writeGeometry(const QRectF& box)
    {
        m_xml.writeEmptyElement(QStringLiteral("mxGeometry"));
        m_xml.writeAttribute(QStringLiteral("x"), xmlNumber(box.x()));
        m_xml.writeAttribute(QStringLiteral("y"), xmlNumber(box.y()));
        m_xml.writeAttribute(QStringLiteral("width"), xmlNumber(box.width()));
        m_xml.writeAttribute(QStringLiteral("height"), xmlNumber(box.height()));
        m_xml.writeAttribute(QStringLiteral("as"), QStringLiteral("geometry"));
    }

    void writeVertex(const QString& id, const QString& value, const Style& style, const QString& parent, const QRectF& box)
    {
        m_xml.writeStartElement(QStringLiteral("mxCell"));
        m_xml.writeAttribute(QStringLiteral("id"), id);
        m_xml.writeAttribute(QStringLiteral("value"), xmlSafe(value));
        m_xml.writeAttribute(QStringLiteral("style"), style.text());
        m_xml.writeAttribute(QStringLiteral("vertex"), QStringLiteral("1"));
        m_xml.writeAttribute(QStringLiteral("parent"), parent);
        writeGeometry(box);
        m_xml.writeEndElement();
    }

    void writeShapes()
    {
        for (const ResourceItem* item : shapesInOrder()) {
            const Resource* r = m_document.design().find(item->resourceId());
            if (!r)
                continue;
            const ResourceItem* container = drawnContainer(item);
            const QPointF at = container ? item->scenePos() - container->scenePos() : item->scenePos();
            const QRectF box(at, item->size());
            const auto [name, detail] = ResourceItem::labels(*r);
            const QString shownName = style::isContainer(item->kind()) ? name : wrappedTileName(*item, name);
            const QString value = detail.isEmpty() ? shownName : shownName + QLatin1Char('\n') + detail;
            const QString id = cellId(item);
            const Kind kind = item->kind();
            const QColor kc = style::kindColor(kind);
            Style s;
            // The label shape: a (rounded) box with an image, which is how a draw.io vertex
            // shows both an icon and its text. Its image sits `spacing` + 5 from the edge.
            s.set("shape", QStringLiteral("label")).set("html", QStringLiteral("0"));
            if (style::isContainer(kind)) {
                s.set("container", QStringLiteral("1"))
                    .set("collapsible", QStringLiteral("0"))
                    .set("recursiveResize", QStringLiteral("0"))
                    .set("rounded", QStringLiteral("1"))
                    .set("absoluteArcSize", QStringLiteral("1"))
                    .set("arcSize", 20)
                    .set("fillColor", colour(style::tint(kc, kind == Kind::Region ? 0.05 : 0.09)))
                    .set("strokeColor", colour(kind == Kind::Region || kind == Kind::OnPremisesNetwork ? kc.lighter(150) : kc))
                    .set("strokeWidth", item->highlight().isValid() ? 4 : 1.6);
                if (item->highlight().isValid())
                    s.set("strokeColor", colour(item->highlight()));
                // Icon 24 × 24 at (8, 8), title from x = 38, as on the canvas.
                const QString icon = iconUri(style::iconName(kind));
                if (!icon.isEmpty())
                    s.set("image", icon).set("imageWidth", 24).set("imageHeight", 24).set("imageAlign", QStringLiteral("left"))
                        .set("imageVerticalAlign", QStringLiteral("top"));
                s.set("spacing", 3)
                    .set("spacingLeft", 35)
                    .set("spacingTop", 3)
                    .set("align", QStringLiteral("left"))
                    .set("verticalAlign", QStringLiteral("top"))
                    .set("fontStyle", 1)
                    .set("fontSize", kTitleFontSize)
                    .set("fontColor", colour(kc.darker(140)));
            } else {
                const QRectF icon = style::tileIconRect(item->size());
                if (item->highlight().isValid())
                    s.set("rounded", QStringLiteral("1"))
                        .set("absoluteArcSize", QStringLiteral("1"))
                        .set("arcSize", 20)
                        .set("fillColor", QStringLiteral("none"))
                        .set("strokeColor", colour(item->highlight()))
                        .set("strokeWidth", 4);
                else
                    s.set("fillColor", QStringLiteral("none")).set("strokeColor", QStringLiteral("none"));
                const QString uri = iconUri(style::iconName(*r));
                if (!uri.isEmpty())
                    s.set("image", uri)
                        .set("imageWidth", icon.width())
                        .set("imageHeight", icon.height())
                        .set("imageAlign", QStringLiteral("center"))
                        .set("imageVerticalAlign", QStringLiteral("top"));
                // spacing -3 puts the icon at y = 2 (tileIconRect); the text starts 3 below the
                // icon, as paintTileLabel draws it.
                s.set("spacing", -3)
                    .set("spacingTop", icon.height() + 3 + 3)
                    .set("align", QStringLiteral("center"))
                    .set("verticalAlign", QStringLiteral("top"))
                    .set("fontSize", kTileFontSize)
                    .set("fontColor", QStringLiteral("#212121"));
            }
            writeVertex(id, value, s, container ? cellId(container) : QStringLiteral("1"), box);
            writeBadge(item, id);
        }
    }

    // The canvas's findings badge: red for errors and broken policies, amber for warnings.
    void writeBadge(const ResourceItem* item, const QString& parent)
    {
        const std::string& rid = item->resourceId().str();
        bool error = !m_document.violationsOf(rid).empty(), warning = false;
        for (const Finding* f : m_document.findingsOf(rid)) {
            error = error || f->severity == Severity::Error;
            warning = warning || f->severity == Severity::Warning;
        }
        if (!error && !warning)
            return;
        Style s;
        s.set("shape", QStringLiteral("ellipse"))
            .set("html", QStringLiteral("0"))
            .set("fillColor", colour(style::badgeColor(error ? Severity::Error : Severity::Warning)))
            .set("strokeColor", QStringLiteral("#FFFFFF"))
            .set("strokeWidth", 1.5)
            .set("fontColor", QStringLiteral("#FFFFFF"))
            .set("fontStyle", 1)
            .set("fontSize", kTileFontSize)
            .set("movable", QStringLiteral("0"))
            .set("resizable", QStringLiteral("0"));
        writeVertex(QStringLiteral("b:") + QString::fromStdString(rid), QStringLiteral("!"), s, parent, item->badgeRect());
    }

    void writePoint(const QPointF& p, const QString& as = {})
    {
        m_xml.writeEmptyElement(QStringLiteral("mxPoint"));
        m_xml.writeAttribute(QStringLiteral("x"), xmlNumber(p.x()));
        m_xml.writeAttribute(QStringLiteral("y"), xmlNumber(p.y()));
        if (!as.isEmpty())
            m_xml.writeAttribute(QStringLiteral("as"), as);
    }

    // Where a route meets a cell, as draw.io's fixed connection point (fractions of its box),
    // so draw.io keeps the canvas's end points instead of choosing its own.
    static void terminal(Style& s, const char* prefix, const ResourceItem* item, const QPointF& at)
    {
        const QRectF box(item->scenePos(), item->size());
        if (box.width() <= 0 || box.height() <= 0)
            return;
        const QByteArray p(prefix);
        s.set((p + "X").constData(), std::clamp((at.x() - box.left()) / box.width(), 0.0, 1.0))
            .set((p + "Y").constData(), std::clamp((at.y() - box.top()) / box.height(), 0.0, 1.0))
            .set((p + "Perimeter").constData(), 0);
    }

    // One leg: an edge from the cell of `from` to the cell of `to` through the route's points.
    void writeEdge(const QString& id, const QString& value, Style style, const ResourceItem* from, const ResourceItem* to,
                   const QPolygonF& route, const LabelPlace* label = nullptr)
    {
        const bool hasFrom = from && hasCell(from), hasTo = to && hasCell(to);
        if (route.size() >= 2) {
            if (hasFrom)
                terminal(style, "exit", from, route.first());
            if (hasTo)
                terminal(style, "entry", to, route.last());
        }
        m_xml.writeStartElement(QStringLiteral("mxCell"));
        m_xml.writeAttribute(QStringLiteral("id"), id);
        m_xml.writeAttribute(QStringLiteral("value"), xmlSafe(value));
        m_xml.writeAttribute(QStringLiteral("style"), style.text());
        m_xml.writeAttribute(QStringLiteral("edge"), QStringLiteral("1"));
        m_xml.writeAttribute(QStringLiteral("parent"), QStringLiteral("1"));
        if (hasFrom)
            m_xml.writeAttribute(QStringLiteral("source"), cellId(from));
        if (hasTo)
            m_xml.writeAttribute(QStringLiteral("target"), cellId(to));
        m_xml.writeStartElement(QStringLiteral("mxGeometry"));
        if (label)
            m_xml.writeAttribute(QStringLiteral("x"), xmlNumber(label->along));
        m_xml.writeAttribute(QStringLiteral("relative"), QStringLiteral("1"));
        m_xml.writeAttribute(QStringLiteral("as"), QStringLiteral("geometry"));
        if (label)
            writePoint(label->offset, QStringLiteral("offset"));
        if (route.size() >= 2) {
            // Used by draw.io only where an end has no cell; kept for readers that ignore cells.
            writePoint(route.first(), QStringLiteral("sourcePoint"));
            writePoint(route.last(), QStringLiteral("targetPoint"));
        }
        if (route.size() > 2) {
            m_xml.writeStartElement(QStringLiteral("Array"));
            m_xml.writeAttribute(QStringLiteral("as"), QStringLiteral("points"));
            for (qsizetype i = 1; i + 1 < route.size(); ++i)
                writePoint(route[i]);
            m_xml.writeEndElement();
        }
        m_xml.writeEndElement(); // mxGeometry
        m_xml.writeEndElement(); // mxCell
    }

    // The tiles each leg of a connector joins (as ConnectorItem::updateRoute pairs them).
    static std::vector<std::pair<const ResourceItem*, const ResourceItem*>> legEnds(const ConnectorItem& c)
    {
        std::vector<std::pair<const ResourceItem*, const ResourceItem*>> out;
        const QList<ResourceItem*> chain = c.chain();
        for (qsizetype i = 0; i + 1 < chain.size(); ++i)
            if (chain[i] != chain[i + 1])
                out.emplace_back(chain[i], chain[i + 1]);
        return out;
    }

    static LabelPlace labelPlace(const ConnectorItem& c)
    {
        LabelPlace place;
        if (c.label().isEmpty())
            return place;
        const QPointF centre = c.labelRect().center();
        double bestDistance = 1e300;
        for (qsizetype leg = 0; leg < c.legs().size(); ++leg) {
            const QPolygonF& route = c.legs()[leg];
            double total = 0;
            for (qsizetype i = 0; i + 1 < route.size(); ++i)
                total += QLineF(route[i], route[i + 1]).length();
            double before = 0;
            for (qsizetype i = 0; i + 1 < route.size(); ++i) {
                const QLineF segment(route[i], route[i + 1]);
                const QPointF d = segment.p2() - segment.p1();
                const double length2 = QPointF::dotProduct(d, d);
                const double t = length2 > 0 ? std::clamp(QPointF::dotProduct(centre - segment.p1(), d) / length2, 0.0, 1.0) : 0;
                const QPointF nearest = segment.pointAt(t);
                const QPointF v = centre - nearest;
                const double distance = QPointF::dotProduct(v, v);
                if (distance < bestDistance) {
                    bestDistance = distance;
                    place.leg = leg;
                    place.along = total > 0 ? 2 * (before + t * segment.length()) / total - 1 : 0;
                    place.offset = v;
                }
                before += segment.length();
            }
        }
        return place;
    }

    static void stroke(Style& s, const QPen& pen)
    {
        s.set("strokeColor", colour(pen.color())).set("strokeWidth", pen.widthF());
        if (pen.style() != Qt::SolidLine) {
            // draw.io, like Qt, measures dashes in stroke widths.
            QStringList pattern;
            for (double d : pen.dashPattern())
                pattern << xmlNumber(d);
            s.set("dashed", 1).set("dashPattern", pattern.join(QLatin1Char(' ')));
        }
    }

    static void labelStyle(Style& s, const QColor& line)
    {
        s.set("fontSize", kLinkFontSize)
            .set("fontColor", colour(line.darker(130)))
            .set("labelBackgroundColor", QStringLiteral("#FFFFFF"))
            .set("labelBorderColor", colour(line));
    }

    void writeConnector(const ConnectorItem& c, const QString& idPrefix, const std::function<void(Style&, int)>& styleLeg)
    {
        const auto ends = legEnds(c);
        const LabelPlace label = labelPlace(c);
        for (qsizetype leg = 0; leg < c.legs().size(); ++leg) {
            Style s;
            s.set("html", QStringLiteral("0")).set("edgeStyle", QStringLiteral("none")).set("rounded", QStringLiteral("0"));
            styleLeg(s, int(leg));
            const auto [from, to] = leg < qsizetype(ends.size()) ? ends[std::size_t(leg)]
                                                                : std::pair<const ResourceItem*, const ResourceItem*>{};
            const bool labelled = leg == label.leg;
            writeEdge(idPrefix + QString::number(leg), labelled ? c.label() : QString(), s, from, to, c.legs()[leg],
                      labelled ? &label : nullptr);
        }
    }

    void writeLinks()
    {
        // Links have no id of their own: ordered by their ends' ids, which name them.
        std::map<QString, const LinkItem*> links;
        for (const QGraphicsItem* item : m_scene.items())
            if (item->type() == LinkItem::Type && item->isVisible()) {
                const auto* link = static_cast<const LinkItem*>(item);
                links.emplace(QStringLiteral("l:") + QString::fromStdString(link->from()->resourceId().str()) + QLatin1Char(':') +
                                  QString::fromStdString(link->to()->resourceId().str()) + QLatin1Char(':'),
                              link);
            }
        for (const auto& [prefix, link] : links)
            writeConnector(*link, prefix, [&](Style& s, int) {
                stroke(s, link->pen());
                s.set("endArrow", QStringLiteral("none")).set("startArrow", QStringLiteral("none"));
                labelStyle(s, link->pen().color());
            });
    }

    void writeFlows()
    {
        for (const Flow& flow : m_document.design().flows()) {
            const FlowItem* item = m_scene.flowItemFor(flow.id.str());
            if (!item || !item->isVisible())
                continue;
            const qsizetype last = item->legs().size() - 1;
            writeConnector(*item, QStringLiteral("f:") + QString::fromStdString(flow.id.str()) + QLatin1Char(':'),
                           [&](Style& s, int leg) {
                               stroke(s, item->legPen(leg));
                               // Arrow heads into every device it passes, a larger one into the end.
                               s.set("endArrow", QStringLiteral("block"))
                                   .set("endFill", 1)
                                   .set("endSize", leg == last ? 8 : 6)
                                   .set("startArrow", QStringLiteral("none"));
                               labelStyle(s, item->pen().color());
                           });
        }
    }

    static bool hasCell(const ResourceItem* item) { return drawn(item); }

    const DiagramScene& m_scene;
    const Document& m_document;
    QXmlStreamWriter m_xml;
    std::map<QString, QString> m_icons; // icon name -> data URI
};

} // namespace

QByteArray drawioDocument(const DiagramScene& scene, const Document& document, const QString& title)
{
    QByteArray out;
    Writer(scene, document, &out).write(title);
    return out;
}

} // namespace pp::ui
