// The automatic layout (import/AutoLayout.h) and Layout → Arrange Automatically
// (edit/AutoArrange.h): Graphviz places the graph between containers (a transit gateway between
// the VPCs it joins, unlinked boxes packed in rows), every drawing is clean (nothing outside its
// container, no overlaps, labels included), the same design gives the same drawing, and arranging
// is one change-set that undoes exactly.
#include "TestSupport.h"

#include "edit/AutoArrange.h"
#include "edit/ChangeSet.h"
#include "edit/PasteLayout.h"
#include "generate/ScenarioGenerator.h"
#include "import/AutoLayout.h"
#include "import/GraphLayout.h"
#include "io/DesignFile.h"
#include "lint/Lint.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>

namespace pp::test {
namespace {

bool overlap(const GraphPlacement& p, const std::vector<GraphBox>& boxes, std::size_t a, std::size_t b)
{
    return p.topLeft[a].x < p.topLeft[b].x + boxes[b].width && p.topLeft[b].x < p.topLeft[a].x + boxes[a].width &&
           p.topLeft[a].y < p.topLeft[b].y + boxes[b].height && p.topLeft[b].y < p.topLeft[a].y + boxes[a].height;
}

std::string problems(const Design& design)
{
    std::string out;
    for (const LayoutProblem& p : layoutProblems(design))
        out += (p.kind == LayoutProblemKind::OutsideContainer ? "outside: " : "overlap: ") + p.shape.str() + " / " +
               p.other.str() + "\n";
    return out;
}

Design loaded(const std::string& relative)
{
    LoadResult result = loadDesignFile(sourcePath(relative));
    EXPECT_TRUE(result.ok()) << relative;
    return std::move(*result.design);
}

// The canvas-coordinate left edge of a shape (its parents' offsets added).
double absoluteX(const Design& design, const std::string& id)
{
    double x = 0;
    std::optional<ResourceId> at = ResourceId(id);
    while (at) {
        const Shape& s = shapeOf(design, at->str());
        x += s.x;
        at = s.parent;
    }
    return x;
}

TEST(GraphLayout, AHubIsDrawnBetweenTheBoxesItJoinsAndNothingOverlaps)
{
    // A transit gateway (node 0) and four VPCs of different sizes.
    const std::vector<GraphBox> boxes{{140, 120}, {600, 400}, {500, 300}, {700, 450}, {400, 380}};
    const std::vector<GraphEdge> edges{{1, 0}, {2, 0}, {3, 0}, {4, 0}};
    const GraphPlacement p = layOutGraph(boxes, edges, 80);
    EXPECT_TRUE(p.usedGraphviz);
    for (std::size_t a = 0; a < boxes.size(); ++a)
        for (std::size_t b = a + 1; b < boxes.size(); ++b)
            EXPECT_FALSE(overlap(p, boxes, a, b)) << a << " and " << b;
    double left = 1e9, right = -1e9;
    for (std::size_t i = 1; i < boxes.size(); ++i) {
        left = std::min(left, p.topLeft[i].x);
        right = std::max(right, p.topLeft[i].x);
    }
    EXPECT_GT(p.topLeft[0].x, left) << "VPCs on its left";
    EXPECT_LT(p.topLeft[0].x, right) << "and on its right";
    for (std::size_t i = 0; i < boxes.size(); ++i) {
        EXPECT_GE(p.topLeft[i].x, 0);
        EXPECT_GE(p.topLeft[i].y, 0);
        EXPECT_LE(p.topLeft[i].x + boxes[i].width, p.width + 1e-6);
        EXPECT_LE(p.topLeft[i].y + boxes[i].height, p.height + 1e-6);
    }
    // The same input, the same drawing.
    const GraphPlacement again = layOutGraph(boxes, edges, 80);
    for (std::size_t i = 0; i < boxes.size(); ++i) {
        EXPECT_EQ(again.topLeft[i].x, p.topLeft[i].x);
        EXPECT_EQ(again.topLeft[i].y, p.topLeft[i].y);
    }
}

TEST(GraphLayout, UnlinkedBoxesArePackedInRowsNotOneLongLine)
{
    const std::vector<GraphBox> boxes(25, GraphBox{300, 200});
    const GraphPlacement p = layOutGraph(boxes, {}, 40);
    EXPECT_FALSE(p.usedGraphviz) << "nothing to lay out as a graph";
    std::set<double> rows;
    for (const auto& c : p.topLeft)
        rows.insert(c.y);
    EXPECT_GE(rows.size(), 3u);
    EXPECT_LE(rows.size(), 8u);
    EXPECT_LT(p.width, 3 * p.height) << "about a page's shape";
    for (std::size_t a = 0; a < boxes.size(); ++a)
        for (std::size_t b = a + 1; b < boxes.size(); ++b)
            EXPECT_FALSE(overlap(p, boxes, a, b));
    // Edges out of range and loops are ignored, not a crash.
    EXPECT_EQ(layOutGraph(boxes, {{0, 0}, {3, 99}}, 40).topLeft.size(), boxes.size());
}

// Every bundled example and lesson, its drawing thrown away and made again: a clean drawing, with
// every shape, the same twice.
TEST(AutoLayout, EveryBundledDesignLaidOutAgainIsCleanAndStable)
{
    namespace fs = std::filesystem;
    int files = 0;
    for (const char* folder : {"resources/examples", "resources/lessons"})
        for (const auto& entry : fs::directory_iterator(sourcePath(folder))) {
            if (entry.path().extension() != ".privatepath")
                continue;
            ++files;
            SCOPED_TRACE(entry.path().filename().string());
            Design design = loaded(fs::relative(entry.path(), sourcePath(".")).string());
            const std::size_t drawnBefore = design.diagram.shapes.size();
            layOutAutomatically(design);
            EXPECT_EQ(problems(design), "");
            EXPECT_GE(design.diagram.shapes.size(), drawnBefore);
            Design again = design;
            layOutAutomatically(again);
            EXPECT_EQ(again.diagram, design.diagram);
            const LoadResult reloaded = loadDesign(saveDesignToString(design), "laid-out.privatepath");
            EXPECT_TRUE(reloaded.ok()) << (reloaded.diagnostics.empty() ? "" : reloaded.diagnostics.front().format());
        }
    EXPECT_GE(files, 12);
}

TEST(AutoLayout, InternetGatewaysSitOnTheirVpcsTopEdgeAboveTheSubnets)
{
    Design design = loaded("resources/examples/s3-gateway-endpoint.privatepath");
    layOutAutomatically(design);
    int gateways = 0;
    for (const Resource& r : design.resources()) {
        if (r.kind() != Kind::InternetGateway)
            continue;
        ++gateways;
        const Shape& gateway = shapeOf(design, r.id.str());
        ASSERT_TRUE(gateway.parent);
        for (const Shape& s : design.diagram.shapes)
            if (s.parent == gateway.parent && design.find(s.resource)->kind() == Kind::Subnet) {
                EXPECT_LT(gateway.y + gateway.height, s.y) << r.id.str() << " above " << s.resource.str();
            }
    }
    EXPECT_GE(gateways, 1);
}

TEST(AutoLayout, ATransitGatewayIsPlacedBetweenTheVpcsItAttaches)
{
    Design design = loaded("resources/lessons/transit-gateway-segmentation.privatepath");
    layOutAutomatically(design);
    std::vector<double> vpcs;
    std::string tgw;
    for (const Resource& r : design.resources()) {
        if (r.kind() == Kind::Vpc)
            vpcs.push_back(absoluteX(design, r.id.str()));
        if (r.kind() == Kind::TransitGateway)
            tgw = r.id.str();
    }
    ASSERT_GE(vpcs.size(), 3u);
    ASSERT_FALSE(tgw.empty());
    const double x = absoluteX(design, tgw);
    EXPECT_GT(x, *std::min_element(vpcs.begin(), vpcs.end()));
    EXPECT_LT(x, *std::max_element(vpcs.begin(), vpcs.end()));
    EXPECT_EQ(problems(design), "");
}

TEST(AutoLayout, AGeneratedEstateOfAThousandResourcesIsACleanDrawing)
{
    ScenarioParameters parameters;
    parameters.vpcs = 40;
    parameters.subnetsPerVpc = 3;
    parameters.workloadsPerSubnet = 5;
    std::optional<Design> design = generateScenario(parameters);
    ASSERT_TRUE(design);
    EXPECT_GE(design->resources().size(), 1000u);
    layOutAutomatically(*design);
    EXPECT_EQ(problems(*design), "");
    EXPECT_TRUE(lintDiagram(*design).empty());
    // A readable page, not one long row of VPCs.
    double right = 0, bottom = 0;
    for (const Shape& s : design->diagram.shapes)
        if (!s.parent) {
            right = std::max(right, s.x + s.width);
            bottom = std::max(bottom, s.y + s.height);
        }
    EXPECT_LT(right, 6 * bottom);
    EXPECT_LT(bottom, 6 * right);
}

// ---- Layout → Arrange Automatically ---------------------------------------------------------

// A design whose drawing was pushed about: every VPC moved, every subnet squeezed.
Design scrambled()
{
    Design design = loaded("resources/lessons/transit-gateway-segmentation.privatepath");
    double shift = 0;
    for (Shape& s : design.diagram.shapes) {
        const Kind kind = design.find(s.resource)->kind();
        if (kind == Kind::Vpc)
            s.x += (shift += 37);
        if (kind == Kind::Subnet)
            s.width += 13;
    }
    return design;
}

TEST(AutoArrange, TheWholeDesignIsArrangedInOneStepThatUndoesExactly)
{
    const Design before = scrambled();
    Design design = before;
    const ChangeSet change = arrangeAutomatically(design, {});
    ASSERT_FALSE(change.empty());
    EXPECT_TRUE(change.resources.empty()) << "only the drawing changes";
    EXPECT_TRUE(change.flows.empty());
    ASSERT_TRUE(applyChangeSet(design, change));
    EXPECT_EQ(problems(design), "");
    Design expected = before;
    expected.diagram.shapes = automaticLayout(before, [&](const ResourceId& id) {
        const Kind kind = before.find(id)->kind();
        return (kind != Kind::VpcPeering && kind != Kind::TransitGatewayAttachment && kind != Kind::VpnConnection) ||
               std::any_of(before.diagram.shapes.begin(), before.diagram.shapes.end(), [&](const Shape& s) { return s.resource == id; });
    }).shapes;
    for (const Shape& s : expected.diagram.shapes)
        EXPECT_EQ(shapeOf(design, s.resource.str()), s) << s.resource.str();
    EXPECT_TRUE(arrangeAutomatically(design, {}).empty()) << "arranging again changes nothing";
    ASSERT_TRUE(applyChangeSet(design, change.inverse()));
    EXPECT_EQ(saveDesignToString(design), saveDesignToString(before)) << "undo gives the old drawing back";
}

TEST(AutoArrange, ADesignWithoutADrawingGetsOne)
{
    Design design = loaded("resources/examples/on-premises-application.privatepath");
    design.diagram = Diagram();
    const ChangeSet change = arrangeAutomatically(design, {});
    ASSERT_TRUE(applyChangeSet(design, change));
    EXPECT_EQ(problems(design), "");
    for (const Resource& r : design.resources()) {
        const Kind k = r.kind();
        if (k == Kind::VpcPeering || k == Kind::TransitGatewayAttachment || k == Kind::VpnConnection)
            continue;
        EXPECT_NO_THROW(shapeOf(design, r.id.str())) << r.id.str();
    }
    EXPECT_TRUE(arrangeAutomatically(design, {}).empty());
}

TEST(AutoArrange, ASelectedVpcIsArrangedInsideAndKeepsItsPlace)
{
    const Design before = scrambled();
    std::string vpc;
    for (const Resource& r : before.resources())
        if (r.kind() == Kind::Vpc && vpc.empty())
            vpc = r.id.str();
    Design design = before;
    const ChangeSet change = arrangeAutomatically(design, {ResourceId(vpc)});
    ASSERT_FALSE(change.empty());
    ASSERT_TRUE(applyChangeSet(design, change));
    EXPECT_EQ(shapeOf(design, vpc).x, shapeOf(before, vpc).x);
    EXPECT_EQ(shapeOf(design, vpc).y, shapeOf(before, vpc).y);
    // Only the VPC, what it holds and the containers around it changed.
    std::set<std::string> inside{vpc};
    for (bool grew = true; grew;) {
        grew = false;
        for (const Shape& s : design.diagram.shapes)
            if (s.parent && inside.count(s.parent->str()) && inside.insert(s.resource.str()).second)
                grew = true;
    }
    std::set<std::string> around;
    for (std::optional<ResourceId> p = shapeOf(before, vpc).parent; p; p = shapeOf(before, p->str()).parent)
        around.insert(p->str());
    for (const ShapeChange& c : change.shapes)
        EXPECT_TRUE(inside.count(c.resource.str()) || around.count(c.resource.str())) << c.resource.str();
    // Its subnets have their automatic widths again.
    for (const Shape& s : design.diagram.shapes)
        if (s.parent && s.parent->str() == vpc && design.find(s.resource)->kind() == Kind::Subnet) {
            EXPECT_EQ(s.width, 200) << s.resource.str();
        }
    // What was arranged is clean (the scrambling pushed other VPCs out of their Region: left alone).
    for (const LayoutProblem& p : layoutProblems(design))
        if (inside.count(p.shape.str())) {
            ADD_FAILURE() << p.shape.str() << " / " << p.other.str();
        }
}

TEST(AutoArrange, SelectedTilesAloneHaveNothingToArrange)
{
    const Design design = scrambled();
    std::vector<ResourceId> tiles;
    for (const Resource& r : design.resources())
        if (r.kind() == Kind::Workload || r.kind() == Kind::TransitGateway)
            tiles.push_back(r.id);
    ASSERT_FALSE(tiles.empty());
    EXPECT_TRUE(arrangeAutomatically(design, tiles).empty());
}

} // namespace
} // namespace pp::test
