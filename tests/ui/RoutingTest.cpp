// Connectors (flows and structural links) are routed orthogonally around the tiles between
// their ends, on the canvas and therefore in every export.
#include "canvas/DiagramScene.h"
#include "canvas/FlowItem.h"
#include "canvas/ParallelRuns.h"
#include "canvas/ResourceItem.h"
#include "canvas/Routing.h"
#include "canvas/Style.h"
#include "document/Document.h"
#include "generate/ScenarioGenerator.h"
#include "io/DesignFile.h"

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
            const QList<ResourceItem*> chain = connector->chain();
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

TEST(Routing, FlowsThroughTheSameHopsRunInParallelLanesWithTheirLabelsApart)
{
    // Three flows from one instance through the same NAT and internet gateway to S3 (ports 443,
    // 80, 8443): every leg is shared, so without lanes they would be drawn as one line.
    LoadResult loaded = loadDesignFile(PRIVATEPATH_SOURCE_DIR "/resources/examples/s3-gateway-endpoint.privatepath");
    ASSERT_TRUE(loaded.ok());
    Design design = *loaded.design;
    for (int port : {80, 8443}) {
        Flow extra = *design.findFlow(FlowId("flow-s3-via-nat"));
        extra.id = FlowId("flow-s3-via-nat-" + std::to_string(port));
        extra.port = port;
        ASSERT_TRUE(design.addFlow(extra));
    }
    Document document;
    document.reset(std::move(design));
    DiagramScene scene(document);
    const std::vector<std::string> ids{"flow-s3-via-nat", "flow-s3-via-nat-80", "flow-s3-via-nat-8443"};
    for (std::size_t a = 0; a < ids.size(); ++a)
        for (std::size_t b = a + 1; b < ids.size(); ++b) {
            SCOPED_TRACE(ids[a] + " / " + ids[b]);
            RouteObstacles routed({});
            for (const QPolygonF& leg : scene.flowItemFor(ids[a])->legs())
                routed.addRoute(leg);
            for (const QPolygonF& leg : scene.flowItemFor(ids[b])->legs())
                EXPECT_EQ(routed.overlap(leg), 0.0) << "no stretch drawn on top of another";
            EXPECT_FALSE(scene.flowItemFor(ids[a])->labelRect().intersects(scene.flowItemFor(ids[b])->labelRect()))
                << "labels apart";
        }
    // Each still runs from its source's icon through its hops, orthogonally.
    for (const std::string& id : ids)
        for (const QPolygonF& leg : scene.flowItemFor(id)->legs())
            for (int i = 0; i + 1 < leg.size(); ++i)
                EXPECT_TRUE(leg[i].x() == leg[i + 1].x() || leg[i].y() == leg[i + 1].y()) << id;
}

TEST(ParallelRuns, SharedStretchesAreSpreadAcrossTheLineInAStableOrder)
{
    // Two L-shaped routes sharing the horizontal stretch y = 100 from x = 50 to 150, and a third
    // that only touches it end to end (not shared).
    std::vector<QList<QPolygonF>> routes{
        {QPolygonF({QPointF(0, 0), QPointF(0, 100), QPointF(200, 100)})},
        {QPolygonF({QPointF(50, 0), QPointF(50, 100), QPointF(150, 100), QPointF(150, 300)})},
        {QPolygonF({QPointF(200, 100), QPointF(300, 100)})},
    };
    ASSERT_TRUE(spreadParallelRuns(routes, 6));
    EXPECT_EQ(routes[0][0][1].y(), 97);
    EXPECT_EQ(routes[0][0][2].y(), 97);
    EXPECT_EQ(routes[1][0][1].y(), 103);
    EXPECT_EQ(routes[1][0][2].y(), 103);
    // The runs beside them stay vertical and keep their far ends.
    EXPECT_EQ(routes[0][0][0], QPointF(0, 0));
    EXPECT_EQ(routes[1][0][0], QPointF(50, 0));
    EXPECT_EQ(routes[1][0][3], QPointF(150, 300));
    EXPECT_EQ(routes[2][0][0].y(), 100) << "end to end is not shared";
    // Spread once, nothing is shared any more.
    EXPECT_FALSE(spreadParallelRuns(routes, 6));
}

TEST(ParallelRuns, CollinearPointsAreDroppedAndCrossingsLeftAlone)
{
    std::vector<QList<QPolygonF>> routes{
        {QPolygonF({QPointF(0, 50), QPointF(50, 50), QPointF(100, 50)})},
        {QPolygonF({QPointF(50, 0), QPointF(50, 100)})},
    };
    EXPECT_FALSE(spreadParallelRuns(routes, 6));
    EXPECT_EQ(routes[0][0].size(), 2) << "the middle point of a straight run is dropped";
    EXPECT_EQ(routes[1][0], QPolygonF({QPointF(50, 0), QPointF(50, 100)}));
}

TEST(ParallelRuns, ALabelGoesWhereItCoversNoOther)
{
    const QList<QPolygonF> legs{QPolygonF({QPointF(0, 0), QPointF(400, 0)})};
    const QRectF middle = placeLabelOnRoute(legs, QSizeF(100, 14), {});
    EXPECT_EQ(middle.center(), QPointF(200, 0));
    const QRectF moved = placeLabelOnRoute(legs, QSizeF(100, 14), {middle});
    EXPECT_FALSE(moved.intersects(middle));
    EXPECT_EQ(moved.center().y(), 0) << "still on its line";
    EXPECT_GE(moved.left(), 0);
    EXPECT_LE(moved.right(), 400);
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
