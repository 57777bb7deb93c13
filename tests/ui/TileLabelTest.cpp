// Tile labels on the canvas (and so in every export): wrapped to two lines, then elided, in the
// room their neighbours leave, so a label never runs into the label or the box next to it.
#include "canvas/DiagramScene.h"
#include "canvas/ResourceItem.h"
#include "canvas/Style.h"
#include "canvas/TileLabel.h"
#include "document/Document.h"

#include <QDir>
#include <QFontMetricsF>
#include <QImage>
#include <QPainter>
#include <gtest/gtest.h>

namespace pp::ui {
namespace {

QFont labelFont()
{
    QFont font = style::canvasFont();
    font.setPointSizeF(font.pointSizeF() * 0.85);
    return font;
}

TEST(TileLabel, ShortNamesStayOnOneLine)
{
    const TileLabelLines lines = wrapTileLabel(QStringLiteral("App servers"), labelFont(), 100, 2);
    EXPECT_EQ(lines.lines, QStringList{QStringLiteral("App servers")});
    EXPECT_FALSE(lines.elided);
}

TEST(TileLabel, LongNamesWrapAtWordsThenElide)
{
    const QFont font = labelFont();
    const QFontMetricsF metrics(font);
    const TileLabelLines two = wrapTileLabel(QStringLiteral("App routes: S3 endpoint"), font, 90, 2);
    EXPECT_EQ(two.lines, (QStringList{QStringLiteral("App routes: S3"), QStringLiteral("endpoint")}));
    EXPECT_FALSE(two.elided) << "every word is shown";

    const QString longer = QStringLiteral("Shared services route table for the production accounts");
    const TileLabelLines cut = wrapTileLabel(longer, font, 90, 2);
    ASSERT_EQ(cut.lines.size(), 2);
    EXPECT_TRUE(cut.elided);
    EXPECT_TRUE(cut.lines.last().endsWith(QChar(0x2026))) << cut.lines.last().toStdString();
    for (const QString& line : cut.lines)
        EXPECT_LE(metrics.horizontalAdvance(line), 90.5) << line.toStdString();

    const TileLabelLines one = wrapTileLabel(longer, font, 90, 1);
    ASSERT_EQ(one.lines.size(), 1);
    EXPECT_TRUE(one.elided);
}

struct Placed {
    QString name;
    QRectF box;   // the tile, scene coordinates
    QRectF label; // its labels, scene coordinates
};

// Every tile of `file` with the area its labels take, as the canvas paints them.
std::vector<Placed> tilesOf(const QString& file)
{
    Document document;
    QString error;
    EXPECT_TRUE(document.open(file, &error)) << error.toStdString();
    DiagramScene scene(document);
    QImage image(16, 16, QImage::Format_ARGB32_Premultiplied);
    QPainter painter(&image);
    std::vector<Placed> tiles;
    for (QGraphicsItem* item : scene.items()) {
        auto* tile = dynamic_cast<ResourceItem*>(item);
        if (!tile || style::isContainer(tile->kind()))
            continue;
        const Resource* r = document.design().find(tile->resourceId());
        if (!r)
            continue;
        const auto [name, detail] = ResourceItem::labels(*r);
        const double icon = std::min(40.0, tile->size().height() - 22);
        const QRectF label = paintTileLabel(painter, *tile, name, detail, icon + 3);
        tiles.push_back({name, tile->mapRectToScene(QRectF(QPointF(0, 0), tile->size())), tile->mapRectToScene(label)});
    }
    return tiles;
}

TEST(TileLabel, NeighboursLabelsNeverOverlapInAnyExample)
{
    const QDir examples(QStringLiteral(PRIVATEPATH_SOURCE_DIR "/resources/examples"));
    const QStringList files = examples.entryList({QStringLiteral("*.privatepath")});
    ASSERT_FALSE(files.isEmpty());
    for (const QString& file : files) {
        SCOPED_TRACE(file.toStdString());
        const std::vector<Placed> tiles = tilesOf(examples.filePath(file));
        for (const Placed& a : tiles)
            for (const Placed& b : tiles) {
                if (&a == &b)
                    continue;
                // Half a unit of slack for antialiasing.
                EXPECT_FALSE(a.label.adjusted(0.5, 0.5, -0.5, -0.5).intersects(b.label))
                    << a.name.toStdString() << " runs into the label of " << b.name.toStdString();
                EXPECT_FALSE(a.label.adjusted(0.5, 0.5, -0.5, -0.5).intersects(b.box))
                    << a.name.toStdString() << " runs into the tile " << b.name.toStdString();
            }
    }
}

TEST(TileLabel, S3ExampleRouteTableNameWrapsInsteadOfRunningIntoItsNeighbour)
{
    const std::vector<Placed> tiles = tilesOf(QStringLiteral(PRIVATEPATH_SOURCE_DIR "/resources/examples/s3-gateway-endpoint.privatepath"));
    const auto find = [&](const QString& name) {
        return std::find_if(tiles.begin(), tiles.end(), [&](const Placed& p) { return p.name == name; });
    };
    const auto routes = find(QStringLiteral("App routes: NAT + S3 endpoint"));
    const auto servers = find(QStringLiteral("App servers"));
    ASSERT_NE(routes, tiles.end());
    ASSERT_NE(servers, tiles.end());
    EXPECT_LT(routes->label.right(), servers->label.left());
    EXPECT_GT(routes->label.height(), QFontMetricsF(labelFont()).height() * 1.5) << "two lines";
}

} // namespace
} // namespace pp::ui
