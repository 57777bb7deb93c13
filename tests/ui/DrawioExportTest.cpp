// The draw.io export (File → Export, `privatepath export -o OUT.drawio`): the file is parsed back
// as draw.io reads it and checked against the design and the canvas it was drawn from.
#include "canvas/DiagramScene.h"
#include "canvas/FlowItem.h"
#include "canvas/ResourceItem.h"
#include "canvas/Style.h"
#include "document/Document.h"
#include "export/DrawioWriter.h"
#include "export/ExportDialog.h"
#include "export/ExportLayout.h"
#include "export/Exporter.h"

#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QSettings>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <gtest/gtest.h>
#include <algorithm>
#include <map>
#include <set>

namespace pp::ui {
namespace {

QString example(const QString& name) { return QStringLiteral(PRIVATEPATH_SOURCE_DIR "/resources/examples/") + name; }

QStringList examples()
{
    return QDir(QStringLiteral(PRIVATEPATH_SOURCE_DIR "/resources/examples")).entryList({QStringLiteral("*.privatepath")}, QDir::Files, QDir::Name);
}

// One mxCell as draw.io reads it.
struct Cell {
    QString id, value, parent, source, target;
    std::map<QString, QString> style; // "key=value;" pairs; a bare name maps to ""
    bool vertex = false, edge = false;
    QRectF geometry;
    QPolygonF points;          // Array as="points"
    QPointF sourcePoint, targetPoint;
    QString styleText;
};

struct DrawioFile {
    std::vector<Cell> cells;
    std::map<QString, std::size_t> byId;
    QString diagramName;
    int duplicateIds = 0;
    const Cell* find(const QString& id) const
    {
        const auto it = byId.find(id);
        return it == byId.end() ? nullptr : &cells[it->second];
    }
};

double number(const QXmlStreamAttributes& a, const char* name) { return a.value(QLatin1String(name)).toDouble(); }

DrawioFile parse(const QByteArray& bytes)
{
    DrawioFile file;
    QXmlStreamReader xml(bytes);
    QStringList path;
    while (!xml.atEnd()) {
        const auto token = xml.readNext();
        if (token == QXmlStreamReader::EndElement) {
            path.removeLast();
            continue;
        }
        if (token != QXmlStreamReader::StartElement)
            continue;
        const QString name = xml.name().toString();
        const QXmlStreamAttributes a = xml.attributes();
        path << name;
        if (name == QLatin1String("diagram"))
            file.diagramName = a.value(QLatin1String("name")).toString();
        if (name == QLatin1String("mxCell")) {
            EXPECT_EQ(path.join(QLatin1Char('/')), QStringLiteral("mxfile/diagram/mxGraphModel/root/mxCell"));
            Cell c;
            c.id = a.value(QLatin1String("id")).toString();
            c.value = a.value(QLatin1String("value")).toString();
            c.parent = a.value(QLatin1String("parent")).toString();
            c.source = a.value(QLatin1String("source")).toString();
            c.target = a.value(QLatin1String("target")).toString();
            c.vertex = a.value(QLatin1String("vertex")) == QLatin1String("1");
            c.edge = a.value(QLatin1String("edge")) == QLatin1String("1");
            c.styleText = a.value(QLatin1String("style")).toString();
            for (const QString& pair : c.styleText.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
                const qsizetype eq = pair.indexOf(QLatin1Char('='));
                c.style[eq < 0 ? pair : pair.left(eq)] = eq < 0 ? QString() : pair.mid(eq + 1);
            }
            file.duplicateIds += file.byId.count(c.id) ? 1 : 0;
            file.byId[c.id] = file.cells.size();
            file.cells.push_back(c);
        } else if (name == QLatin1String("mxGeometry") && !file.cells.empty()) {
            file.cells.back().geometry = QRectF(number(a, "x"), number(a, "y"), number(a, "width"), number(a, "height"));
        } else if (name == QLatin1String("mxPoint") && !file.cells.empty()) {
            const QPointF p(number(a, "x"), number(a, "y"));
            const auto as = a.value(QLatin1String("as"));
            if (as == QLatin1String("sourcePoint"))
                file.cells.back().sourcePoint = p;
            else if (as == QLatin1String("targetPoint"))
                file.cells.back().targetPoint = p;
            else if (path.value(path.size() - 2) == QLatin1String("Array"))
                file.cells.back().points << p;
        }
    }
    EXPECT_FALSE(xml.hasError()) << xml.errorString().toStdString() << " at line " << xml.lineNumber();
    return file;
}

QString cellOf(const std::string& resource) { return QStringLiteral("r:") + QString::fromStdString(resource); }

// Coordinates are written with two decimals.
void expectNear(const QPointF& a, const QPointF& b, const std::string& what)
{
    EXPECT_NEAR(a.x(), b.x(), 0.006) << what;
    EXPECT_NEAR(a.y(), b.y(), 0.006) << what;
}

class DrawioExport : public ::testing::Test {
protected:
    void open(const QString& path)
    {
        QString error;
        ASSERT_TRUE(document.open(path, &error)) << error.toStdString();
    }
    QByteArray render(ExportOptions options = {}, const QSet<QString>& selection = {})
    {
        options.format = ExportFormat::Drawio;
        const ExportResult r = renderExport(document, options, selection);
        EXPECT_TRUE(r.error.isEmpty()) << r.error.toStdString();
        return r.bytes;
    }
    Document document;
};

TEST_F(DrawioExport, EveryShapeIsOneCellInItsContainerWithTheDesignsGeometry)
{
    for (const QString& name : examples()) {
        SCOPED_TRACE(name.toStdString());
        open(example(name));
        const DrawioFile file = parse(render());
        EXPECT_EQ(file.duplicateIds, 0);
        ASSERT_GE(file.cells.size(), 2u);
        EXPECT_EQ(file.cells[0].id, QStringLiteral("0"));
        EXPECT_EQ(file.cells[1].id, QStringLiteral("1"));
        EXPECT_EQ(file.cells[1].parent, QStringLiteral("0"));
        std::size_t resourceCells = 0;
        for (const Cell& c : file.cells)
            resourceCells += c.id.startsWith(QStringLiteral("r:"));
        EXPECT_EQ(resourceCells, document.design().diagram.shapes.size());
        std::map<QString, std::size_t> order;
        for (std::size_t i = 0; i < file.cells.size(); ++i)
            order[file.cells[i].id] = i;
        for (const Shape& s : document.design().diagram.shapes) {
            const Cell* c = file.find(cellOf(s.resource.str()));
            ASSERT_NE(c, nullptr) << s.resource.str();
            EXPECT_TRUE(c->vertex);
            const QString parent = s.parent ? cellOf(s.parent->str()) : QStringLiteral("1");
            EXPECT_EQ(c->parent, parent) << s.resource.str();
            EXPECT_LT(order[parent], order[c->id]) << "a container comes before what it holds";
            EXPECT_EQ(c->geometry, QRectF(s.x, s.y, s.width, s.height)) << s.resource.str();
            const Resource* r = document.design().find(s.resource);
            ASSERT_NE(r, nullptr);
            EXPECT_EQ(c->style.count(QStringLiteral("container")) && c->style.at(QStringLiteral("container")) == QLatin1String("1"),
                      style::isContainer(r->kind()))
                << s.resource.str();
            // The whole name (tiles' broken into lines as on the canvas), then the line under it.
            QString value = c->value;
            value.remove(QLatin1Char('\n')).remove(QLatin1Char(' '));
            EXPECT_TRUE(value.startsWith(QString::fromStdString(r->displayName()).remove(QLatin1Char(' ')))) << c->value.toStdString();
        }
    }
}

TEST_F(DrawioExport, FlowsAndLinksJoinTheirTilesAlongTheCanvasRouteInTheirColours)
{
    open(example(QStringLiteral("s3-gateway-endpoint.privatepath")));
    for (const bool coloured : {true, false}) {
        SCOPED_TRACE(coloured ? "verdict colours" : "neutral");
        ExportOptions options;
        options.format = ExportFormat::Drawio;
        options.verdictColours = coloured;
        const DrawioFile file = parse(render(options));
        // The same scene the export was drawn from.
        ExportLayout layout(document, options, {}, {});
        const DiagramScene& scene = layout.scene();
        int flowEdges = 0, linkEdges = 0;
        for (const Cell& c : file.cells) {
            flowEdges += c.edge && c.id.startsWith(QStringLiteral("f:"));
            linkEdges += c.edge && c.id.startsWith(QStringLiteral("l:"));
        }
        int expectedLegs = 0;
        std::set<Verdict> verdicts;
        for (const Flow& flow : document.design().flows()) {
            const FlowItem* item = scene.flowItemFor(flow.id.str());
            ASSERT_NE(item, nullptr);
            const FlowResult* result = document.flowResult(flow.id);
            ASSERT_NE(result, nullptr);
            verdicts.insert(result->verdict);
            QList<ResourceItem*> chain = item->chain();
            chain.erase(std::unique(chain.begin(), chain.end()), chain.end());
            ASSERT_EQ(chain.size(), item->legs().size() + 1);
            bool labelled = false;
            for (qsizetype leg = 0; leg < item->legs().size(); ++leg) {
                ++expectedLegs;
                const QString id = QStringLiteral("f:%1:%2").arg(QString::fromStdString(flow.id.str())).arg(leg);
                const Cell* c = file.find(id);
                ASSERT_NE(c, nullptr) << id.toStdString();
                EXPECT_TRUE(c->edge);
                EXPECT_EQ(c->parent, QStringLiteral("1"));
                EXPECT_EQ(c->source, cellOf(chain[leg]->resourceId().str()));
                EXPECT_EQ(c->target, cellOf(chain[leg + 1]->resourceId().str()));
                const QPolygonF& route = item->legs()[leg];
                ASSERT_EQ(c->points.size(), route.size() - 2) << id.toStdString();
                for (qsizetype i = 0; i < c->points.size(); ++i)
                    expectNear(c->points[i], route[i + 1], id.toStdString());
                expectNear(c->sourcePoint, route.first(), id.toStdString());
                expectNear(c->targetPoint, route.last(), id.toStdString());
                const QColor expected = coloured ? style::verdictColor(result->verdict) : style::neutralFlowColor();
                EXPECT_EQ(c->style.at(QStringLiteral("strokeColor")), expected.name().toUpper());
                EXPECT_EQ(c->style.at(QStringLiteral("endArrow")), QStringLiteral("block"));
                EXPECT_EQ(c->style.count(QStringLiteral("dashed")) == 1, item->legPen(int(leg)).style() != Qt::SolidLine);
                labelled = labelled || c->value == item->label();
            }
            EXPECT_TRUE(labelled) << "the flow's name is on one of its legs: " << flow.id.str();
        }
        EXPECT_EQ(flowEdges, expectedLegs);
        EXPECT_GE(verdicts.size(), 2u) << "the example has private and public flows";
        int expectedLinkLegs = 0;
        for (const QGraphicsItem* item : scene.items())
            if (item->type() == LinkItem::Type)
                expectedLinkLegs += int(static_cast<const LinkItem*>(item)->legs().size());
        EXPECT_EQ(linkEdges, expectedLinkLegs);
        EXPECT_GT(linkEdges, 0);
    }
}

TEST_F(DrawioExport, LabelsArePlainEscapedTextAndEveryStyleSaysSo)
{
    QFile in(example(QStringLiteral("s3-gateway-endpoint.privatepath")));
    ASSERT_TRUE(in.open(QIODevice::ReadOnly));
    QByteArray text = in.readAll();
    const QByteArray hostile = R"(Tom <b>&amp; \"Jerry\"</b>;shape=ellipse;html=1)";
    ASSERT_TRUE(text.contains("\"name\": \"VPC-A\""));
    text.replace("\"name\": \"VPC-A\"", "\"name\": \"" + hostile + "\"");
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("hostile.privatepath"));
    QFile out(path);
    ASSERT_TRUE(out.open(QIODevice::WriteOnly));
    out.write(text);
    out.close();
    open(path);
    const QByteArray bytes = render();
    const DrawioFile file = parse(bytes);
    EXPECT_EQ(file.diagramName, QStringLiteral("hostile"));
    const Cell* vpc = file.find(QStringLiteral("r:vpc-a"));
    ASSERT_NE(vpc, nullptr);
    EXPECT_EQ(vpc->value, QStringLiteral("Tom <b>&amp; \"Jerry\"</b>;shape=ellipse;html=1\n10.0.0.0/16")) << "read back literally";
    EXPECT_FALSE(bytes.contains("<b>")) << "no markup in the file";
    EXPECT_EQ(vpc->style.at(QStringLiteral("shape")), QStringLiteral("label")) << "a name never reaches a style";
    for (const Cell& c : file.cells) {
        if (c.id == QLatin1String("0") || c.id == QLatin1String("1"))
            continue;
        EXPECT_EQ(c.style.count(QStringLiteral("html")), 1u) << c.id.toStdString();
        EXPECT_EQ(c.style.count(QStringLiteral("html")) ? c.style.at(QStringLiteral("html")) : QString(), QStringLiteral("0"))
            << c.id.toStdString();
    }
}

TEST_F(DrawioExport, TilesCarryTheirIconsAsSvgThatRenders)
{
    open(example(QStringLiteral("privatelink-aws-services.privatepath")));
    const DrawioFile file = parse(render());
    std::map<QString, QImage> icons;
    int tiles = 0;
    for (const Shape& s : document.design().diagram.shapes) {
        const Resource* r = document.design().find(s.resource);
        const Cell* c = file.find(cellOf(s.resource.str()));
        ASSERT_TRUE(r && c);
        if (style::isContainer(r->kind()))
            continue;
        ++tiles;
        ASSERT_TRUE(c->style.count(QStringLiteral("image"))) << s.resource.str();
        const QString uri = c->style.at(QStringLiteral("image"));
        const QString prefix = QStringLiteral("data:image/svg+xml,");
        ASSERT_TRUE(uri.startsWith(prefix)) << uri.left(40).toStdString();
        const auto decoded = QByteArray::fromBase64Encoding(uri.mid(prefix.size()).toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        ASSERT_TRUE(decoded) << s.resource.str();
        // The app's own icon, byte for byte.
        QFile icon(style::iconPath(style::iconName(*r)));
        ASSERT_TRUE(icon.open(QIODevice::ReadOnly));
        EXPECT_EQ(*decoded, icon.readAll());
        QSvgRenderer renderer(*decoded);
        ASSERT_TRUE(renderer.isValid()) << s.resource.str();
        QImage image(48, 48, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        QPainter painter(&image);
        renderer.render(&painter);
        painter.end();
        int painted = 0;
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x)
                painted += qAlpha(image.pixel(x, y)) > 0;
        EXPECT_GT(painted, 48 * 48 / 10) << "the icon draws something: " << s.resource.str();
        icons[style::iconName(*r)] = image;
        // Where the canvas draws it: centred at the top of the tile, the label below.
        const QRectF where = style::tileIconRect(QSizeF(s.width, s.height));
        EXPECT_EQ(c->style.at(QStringLiteral("imageWidth")).toDouble(), where.width());
        EXPECT_EQ(c->style.at(QStringLiteral("imageAlign")), QStringLiteral("center"));
        EXPECT_EQ(c->style.at(QStringLiteral("imageVerticalAlign")), QStringLiteral("top"));
        EXPECT_EQ(c->style.at(QStringLiteral("verticalAlign")), QStringLiteral("top"));
    }
    EXPECT_GT(tiles, 3);
    // With PRIVATEPATH_EXPORT_SCREENSHOTS set, the decoded icons side by side (for review).
    if (qEnvironmentVariableIsSet("PRIVATEPATH_EXPORT_SCREENSHOTS")) {
        QImage sheet(int(icons.size()) * 52, 52, QImage::Format_ARGB32_Premultiplied);
        sheet.fill(Qt::white);
        QPainter painter(&sheet);
        int x = 2;
        for (const auto& [name, image] : icons) {
            painter.drawImage(x, 2, image);
            x += 52;
        }
        painter.end();
        sheet.save(QStringLiteral("/tmp/export-drawio-icons.png"));
    }
}

TEST_F(DrawioExport, SameDesignGivesTheSameBytes)
{
    open(example(QStringLiteral("on-premises-application.privatepath")));
    const QByteArray first = render();
    EXPECT_EQ(render(), first);
    Document again;
    QString error;
    ASSERT_TRUE(again.open(example(QStringLiteral("on-premises-application.privatepath")), &error));
    ExportOptions options;
    options.format = ExportFormat::Drawio;
    EXPECT_EQ(renderExport(again, options).bytes, first);
    // Image options do not change a draw.io file.
    options.scale = 3;
    options.legend = true;
    options.transparent = true;
    EXPECT_EQ(renderExport(again, options).bytes, first);
}

TEST_F(DrawioExport, SelectionOnlyKeepsTheSelectedResourcesAndTheirContents)
{
    open(example(QStringLiteral("s3-gateway-endpoint.privatepath")));
    ExportOptions options;
    options.selectionOnly = true;
    const DrawioFile file = parse(render(options, {QStringLiteral("app-b")}));
    const Cell* subnet = file.find(QStringLiteral("r:app-b"));
    ASSERT_NE(subnet, nullptr);
    EXPECT_EQ(file.find(QStringLiteral("r:vpc-a")), nullptr) << "not the containers around it";
    EXPECT_EQ(file.find(QStringLiteral("r:use1")), nullptr);
    // The subnet stands on the layer where it is on the canvas.
    EXPECT_EQ(subnet->parent, QStringLiteral("1"));
    const Design& d = document.design();
    QPointF absolute;
    for (std::optional<ResourceId> id = ResourceId("app-b"); id;) {
        const auto it = std::find_if(d.diagram.shapes.begin(), d.diagram.shapes.end(), [&](const Shape& s) { return s.resource == *id; });
        ASSERT_NE(it, d.diagram.shapes.end());
        absolute += QPointF(it->x, it->y);
        id = it->parent;
    }
    EXPECT_EQ(subnet->geometry.topLeft(), absolute);
    int held = 0;
    for (const Shape& s : d.diagram.shapes)
        if (s.parent && s.parent->str() == "app-b") {
            const Cell* c = file.find(cellOf(s.resource.str()));
            ASSERT_NE(c, nullptr) << "its contents come along: " << s.resource.str();
            EXPECT_EQ(c->parent, QStringLiteral("r:app-b"));
            ++held;
        }
    EXPECT_GT(held, 0);
    for (const Cell& c : file.cells)
        if (c.edge) {
            EXPECT_TRUE(c.source.isEmpty() || file.find(c.source)) << c.id.toStdString();
            EXPECT_TRUE(c.target.isEmpty() || file.find(c.target)) << c.id.toStdString();
        }
}

TEST(DrawioDataUri, IsDrawiosStyleFormWithoutTheBase64Parameter)
{
    EXPECT_EQ(drawioSvgDataUri("<svg/>"), QStringLiteral("data:image/svg+xml,PHN2Zy8+"));
    EXPECT_FALSE(drawioSvgDataUri("<svg/>").contains(QLatin1Char(';')));
}

class DrawioExportDialog : public ::testing::Test {
protected:
    void SetUp() override
    {
        QSettings().remove(QStringLiteral("export"));
        QString error;
        ASSERT_TRUE(document.open(example(QStringLiteral("s3-gateway-endpoint.privatepath")), &error)) << error.toStdString();
    }
    void TearDown() override { QSettings().remove(QStringLiteral("export")); }
    Document document;
};

TEST_F(DrawioExportDialog, OffersDrawioPreviewsItAndWritesTheCommandLinesBytes)
{
    QTemporaryDir dir;
    ExportDialog dialog(document, {}, {});
    auto* format = dialog.findChild<QComboBox*>(QStringLiteral("format"));
    ASSERT_NE(format, nullptr);
    const int index = format->findData(int(ExportFormat::Drawio));
    ASSERT_GE(index, 0);
    EXPECT_EQ(format->itemText(index), QStringLiteral("draw.io diagram"));
    format->setCurrentIndex(index);
    dialog.refreshPreviewNow();
    EXPECT_FALSE(dialog.previewPixmap().isNull()) << "the picture the shapes make";
    EXPECT_TRUE(dialog.sizeText().contains(QStringLiteral("diagram units"))) << dialog.sizeText().toStdString();
    const QString path = dir.filePath(QStringLiteral("design.drawio"));
    QString error;
    ASSERT_TRUE(dialog.exportTo(path, &error)) << error.toStdString();
    QFile written(path);
    ASSERT_TRUE(written.open(QIODevice::ReadOnly));
    EXPECT_EQ(written.readAll(), renderExport(document, dialog.options()).bytes);
    // Copy puts the XML on the clipboard as text: draw.io takes it pasted.
    QGuiApplication::clipboard()->clear();
    QString copyError;
    ASSERT_TRUE(dialog.copyToClipboard(&copyError)) << copyError.toStdString();
    EXPECT_EQ(QGuiApplication::clipboard()->text().toUtf8(), renderExport(document, dialog.options()).bytes);
    // Remembered for next time.
    ExportDialog again(document, {}, {});
    EXPECT_EQ(again.options().format, ExportFormat::Drawio);
}

TEST(DrawioExportTarget, TheExtensionChoosesDrawio)
{
    EXPECT_TRUE(exportFormatFromPath(QStringLiteral("a/b.drawio")) == ExportFormat::Drawio);
    EXPECT_TRUE(exportFormatFromName(QStringLiteral("DRAWIO")) == ExportFormat::Drawio);
    EXPECT_EQ(exportExtension(ExportFormat::Drawio), QStringLiteral("drawio"));
    const ExportTarget t = exportTargetFor(QStringLiteral("/tmp/design"), ExportFormat::Drawio);
    EXPECT_EQ(t.path, QStringLiteral("/tmp/design.drawio"));
    EXPECT_EQ(t.format, ExportFormat::Drawio);
}

} // namespace
} // namespace pp::ui
