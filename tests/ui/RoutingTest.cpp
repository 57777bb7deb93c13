// Connectors (flows and structural links) are routed orthogonally around the tiles between
// their ends, on the canvas and therefore in every export.
#include "canvas/DiagramScene.h"
#include "canvas/FlowItem.h"
#include "canvas/ResourceItem.h"
#include "canvas/Routing.h"
#include "canvas/Style.h"
#include "document/Document.h"
#include "generate/ScenarioGenerator.h"

#include <QDir>
#include <QTest>
#include <gtest/gtest.h>

namespace pp::ui {
namespace {

// The tiles and container titles (not the leg's ends) a leg of a connector runs through.
QStringList tilesCrossed(const DiagramScene& scene, const QPolygonF& line, const ResourceItem* from, const ResourceItem* to)
{
    QStringList crossed;
    for (QGraphicsItem* item : scene.items()) {
        const auto* tile = dynamic_cast<const ResourceItem*>(item);
        if (!tile || tile == from || tile == to)
            continue;
        // A container's frame may be crossed, its title not.
        const QRectF box = style::isContainer(tile->kind()) ? tile->headerLabelRect().translated(tile->scenePos())
                                                            : QRectF(tile->scenePos(), tile->size());
        for (int i = 0; i + 1 < line.size(); ++i)
            if (box.intersects(QRectF(line[i], line[i + 1]).normalized().adjusted(-0.5, -0.5, 0.5, 0.5))) {
                crossed << QString::fromStdString(tile->resourceId().str());
                break;
            }
    }
    return crossed;
}

TEST(Routing, ConnectorsOfTheBundledExamplesGoAroundTilesAndTitles)
{
    const QDir examples(QStringLiteral(PRIVATEPATH_SOURCE_DIR "/resources/examples"));
    int connectors = 0;
    for (const QString& name : examples.entryList({QStringLiteral("*.privatepath")})) {
        SCOPED_TRACE(name.toStdString());
        Document document;
        QString error;
        ASSERT_TRUE(document.open(examples.filePath(name), &error)) << error.toStdString();
        DiagramScene scene(document);
        for (QGraphicsItem* item : scene.items()) {
            auto* connector = dynamic_cast<ConnectorItem*>(item);
            if (!connector)
                continue;
            ++connectors;
            // Leg by leg: from one end or device it passes through to the next.
            QList<ResourceItem*> chain;
            chain << connector->from() << connector->via() << connector->to();
            ASSERT_EQ(connector->legs().size(), chain.size() - 1);
            for (int i = 0; i + 1 < chain.size(); ++i)
                EXPECT_EQ(tilesCrossed(scene, connector->legs()[i], chain[i], chain[i + 1]), QStringList())
                    << "connector " << connector->from()->resourceId().str() << " - " << connector->to()->resourceId().str() << ", leg " << i;
        }
    }
    EXPECT_GT(connectors, 20);
}

TEST(Routing, RoutesAreOrthogonalAndJoinTheirEnds)
{
    Document document;
    QString error;
    ASSERT_TRUE(document.open(QStringLiteral(PRIVATEPATH_SOURCE_DIR "/resources/examples/s3-gateway-endpoint.privatepath"), &error));
    DiagramScene scene(document);
    FlowItem* flow = scene.flowItemFor("flow-s3-via-nat");
    ASSERT_NE(flow, nullptr);
    ASSERT_FALSE(flow->legs().isEmpty());
    for (const QPolygonF& line : flow->legs()) {
        ASSERT_GE(line.size(), 2);
        for (int i = 0; i + 1 < line.size(); ++i)
            EXPECT_TRUE(qFuzzyCompare(line[i].x(), line[i + 1].x()) || qFuzzyCompare(line[i].y(), line[i + 1].y())) << "segment " << i;
    }
    // Ends on the border of the tiles' icons (where a connector visibly meets a tile).
    auto onIcon = [](const ResourceItem* tile, QPointF p) {
        const QRectF icon = style::tileIconRect(tile->size());
        const QRectF box(tile->scenePos() + icon.topLeft(), QSizeF(icon.width(), tile->size().height() - icon.top()));
        return box.adjusted(-0.5, -0.5, 0.5, 0.5).contains(p) && !box.adjusted(0.5, 0.5, -0.5, -0.5).contains(p);
    };
    EXPECT_TRUE(onIcon(flow->source(), flow->legs().first().first()));
    EXPECT_TRUE(onIcon(flow->destination(), flow->legs().last().last()));
}

TEST(Routing, FlowsToTheSameServiceRunSideBySideNotOnTopOfEachOther)
{
    Document document;
    QString error;
    ASSERT_TRUE(document.open(QStringLiteral(PRIVATEPATH_SOURCE_DIR "/resources/examples/s3-gateway-endpoint.privatepath"), &error));
    DiagramScene scene(document);
    // The flow through the NAT gateway (public) and the one through the endpoint (private) both
    // end at S3: a reader must be able to follow each colour to its end.
    RouteObstacles routed({});
    for (const QPolygonF& leg : scene.flowItemFor("flow-s3-via-endpoint")->legs())
        routed.addRoute(leg);
    for (const QPolygonF& leg : scene.flowItemFor("flow-s3-via-nat")->legs())
        EXPECT_EQ(routed.overlap(leg), 0.0);
}

TEST(Routing, AfterMovesTheCanvasSettlesOnTheRoutesAFreshDrawingGets)
{
    // Exports and reopened files route from scratch; after edits the canvas must end up showing
    // the same routes, whatever order the moves came in.
    Document document;
    document.reset(*generateScenario({4, 3, 3, 7}));
    DiagramScene canvas(document);
    std::vector<Shape> tiles;
    for (const Shape& s : document.design().diagram.shapes)
        if (const Resource* r = document.design().find(s.resource); r && (r->kind() == Kind::Workload || r->kind() == Kind::VpcEndpoint))
            tiles.push_back(s);
    ASSERT_GT(tiles.size(), 10u);
    for (std::size_t i = 0; i < tiles.size(); i += 3) {
        Shape moved = tiles[i];
        moved.x += (i % 2 ? 30 : -20);
        moved.y += 20;
        document.apply(ChangeSetBuilder(document.design()).setShape(moved).build(), QStringLiteral("Move"));
    }
    QTest::qWait(700);
    DiagramScene fresh(document);
    int compared = 0;
    for (QGraphicsItem* item : fresh.items())
        if (auto* f = dynamic_cast<FlowItem*>(item)) {
            EXPECT_EQ(canvas.flowItemFor(f->flowId().str())->path(), f->path()) << f->flowId().str();
            ++compared;
        }
    QList<QPainterPath> canvasLinks, freshLinks;
    for (QGraphicsItem* item : canvas.items())
        if (auto* l = dynamic_cast<LinkItem*>(item))
            canvasLinks << l->path();
    for (QGraphicsItem* item : fresh.items())
        if (auto* l = dynamic_cast<LinkItem*>(item))
            freshLinks << l->path();
    auto byPosition = [](const QPainterPath& a, const QPainterPath& b) {
        const QRectF x = a.boundingRect(), y = b.boundingRect();
        return std::make_tuple(x.left(), x.top(), x.right(), x.bottom()) < std::make_tuple(y.left(), y.top(), y.right(), y.bottom());
    };
    std::sort(canvasLinks.begin(), canvasLinks.end(), byPosition);
    std::sort(freshLinks.begin(), freshLinks.end(), byPosition);
    EXPECT_EQ(canvasLinks, freshLinks);
    EXPECT_GT(compared, 5);
}

} // namespace
} // namespace pp::ui
