// Containers that grow never cover a sibling (a paste, a drop or the drawing following the model
// pushes the siblings aside), and the bundled examples are clean drawings: every footprint inside
// its container, no two siblings overlapping, labels included.
#include "TestSupport.h"

#include "edit/ChangeSet.h"
#include "edit/Clipboard.h"
#include "edit/Defaults.h"
#include "edit/DiagramFollow.h"
#include "edit/PasteLayout.h"

#include <filesystem>
#include <gtest/gtest.h>

namespace pp::test {
namespace {

// A Region holding two VPCs side by side; in the first, subnet "left" with three instances in a
// row, subnet "right" 20 units to its right, and an internet gateway below the subnets.
Design row()
{
    return *loadDesign(R"({
  "schemaVersion": 1,
  "name": "Row",
  "regions": [{"id": "use1", "code": "us-east-1", "availabilityZones": ["use1-az1"]}],
  "vpcs": [
    {"id": "vpc-1", "region": "use1", "ipv4Cidrs": ["10.0.0.0/16"]},
    {"id": "vpc-2", "region": "use1", "ipv4Cidrs": ["10.1.0.0/16"]}
  ],
  "subnets": [
    {"id": "left", "vpc": "vpc-1", "cidr": "10.0.0.0/24", "availabilityZone": "use1-az1"},
    {"id": "right", "vpc": "vpc-1", "cidr": "10.0.1.0/24", "availabilityZone": "use1-az1"}
  ],
  "routeTables": [{"id": "rt-1", "vpc": "vpc-1", "main": true}, {"id": "rt-2", "vpc": "vpc-2", "main": true}],
  "internetGateways": [{"id": "igw-1", "vpc": "vpc-1"}],
  "workloads": [
    {"id": "i-1", "subnet": "left", "privateIp": "10.0.0.10"},
    {"id": "i-2", "subnet": "left", "privateIp": "10.0.0.11"},
    {"id": "i-3", "subnet": "left", "privateIp": "10.0.0.12"}
  ],
  "diagram": {"shapes": [
    {"resource": "use1", "x": 0, "y": 0, "width": 1000, "height": 500},
    {"resource": "vpc-1", "parent": "use1", "x": 40, "y": 60, "width": 560, "height": 380},
    {"resource": "left", "parent": "vpc-1", "x": 20, "y": 40, "width": 420, "height": 150},
    {"resource": "i-1", "parent": "left", "x": 20, "y": 50, "width": 90, "height": 70},
    {"resource": "i-2", "parent": "left", "x": 150, "y": 50, "width": 90, "height": 70},
    {"resource": "i-3", "parent": "left", "x": 280, "y": 50, "width": 90, "height": 70},
    {"resource": "right", "parent": "vpc-1", "x": 460, "y": 40, "width": 80, "height": 150},
    {"resource": "igw-1", "parent": "vpc-1", "x": 20, "y": 230, "width": 90, "height": 70},
    {"resource": "rt-1", "parent": "vpc-1", "x": 150, "y": 230, "width": 90, "height": 70},
    {"resource": "vpc-2", "parent": "use1", "x": 620, "y": 60, "width": 300, "height": 200},
    {"resource": "rt-2", "parent": "vpc-2", "x": 20, "y": 60, "width": 90, "height": 70}
  ]}
})",
                       "row")
                .design;
}


// No two boxes drawn in the same container cover each other, and each box is inside its container.
void expectTidy(const Design& d)
{
    for (const Shape& a : d.diagram.shapes) {
        for (const Shape& b : d.diagram.shapes)
            if (&a < &b && a.parent == b.parent) {
                EXPECT_FALSE(a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height)
                    << a.resource.str() << " covers " << b.resource.str();
            }
        if (a.parent) {
            const Shape& c = shapeOf(d, a.parent->str());
            EXPECT_LE(a.x + a.width, c.width) << a.resource.str() << " sticks out of " << c.resource.str();
            EXPECT_LE(a.y + a.height, c.height) << a.resource.str() << " sticks out of " << c.resource.str();
        }
    }
}

std::vector<ResourceId> ids(std::initializer_list<const char*> list)
{
    std::vector<ResourceId> out;
    for (const char* id : list)
        out.emplace_back(id);
    return out;
}

TEST(Layout, APasteThatFillsASubnetsRowGrowsItDownAndPushesTheTilesBelowItDown)
{
    Design d = row();
    const Design original = d;
    // Three more instances in "left": their row is full, so they go below it and "left" grows
    // down over the internet gateway and route table drawn below it.
    std::string why;
    const auto pasted =
        pasteSelection(d, copySelection(d, ids({"i-1", "i-2", "i-3"})), PasteTarget{ResourceId("left"), 20, 140}, &why);
    ASSERT_TRUE(pasted) << why;
    ASSERT_TRUE(applyChangeSet(d, pasted->change, &why)) << why;

    const Shape& left = shapeOf(d, "left");
    EXPECT_GT(left.height, 150) << "a second row of instances";
    EXPECT_EQ(left.width, 420) << "the row fits its width";
    // Below "left": the internet gateway and the route table move down, clear of it.
    EXPECT_EQ(shapeOf(d, "igw-1").x, 20);
    EXPECT_EQ(shapeOf(d, "igw-1").y, left.y + left.height + 10);
    EXPECT_EQ(shapeOf(d, "rt-1").y, left.y + left.height + 10);
    EXPECT_EQ(shapeOf(d, "right").y, 40) << "beside, not below: it stays on its row";
    expectTidy(d);
    EXPECT_TRUE(applyChangeSet(d, pasted->change.inverse()));
    EXPECT_EQ(d, original) << "undo gives the drawing back exactly";
}

TEST(Layout, ASubnetGrowingToTheRightPushesItsRightNeighbourAndThatVpcsNeighbour)
{
    Design d = row();
    const Design original = d;
    // A wide group into the narrow "right": the three instances side by side need 350 units plus
    // the margins, so "right" grows past its VPC, which grows over the next VPC.
    std::string why;
    const auto pasted =
        pasteSelection(d, copySelection(d, ids({"i-1", "i-2", "i-3"})), PasteTarget{ResourceId("right"), 20, 50}, &why);
    ASSERT_TRUE(pasted) << why;
    ASSERT_TRUE(applyChangeSet(d, pasted->change, &why)) << why;

    const Shape& right = shapeOf(d, "right");
    const Shape& vpc1 = shapeOf(d, "vpc-1");
    const Shape& vpc2 = shapeOf(d, "vpc-2");
    EXPECT_GE(right.width, 20 + 350 + 20) << "the subnet holds the row it was given";
    EXPECT_EQ(right.x, 460) << "it grows from where it is";
    EXPECT_GE(vpc1.width, right.x + right.width + 20) << "its VPC grows to hold it";
    EXPECT_EQ(vpc2.x, vpc1.x + vpc1.width + 20) << "the next VPC is pushed right, 20 units clear";
    EXPECT_EQ(vpc2.y, 60);
    EXPECT_GE(shapeOf(d, "use1").width, vpc2.x + vpc2.width + 20) << "and the Region grows to hold it";
    EXPECT_EQ(shapeOf(d, "rt-2").x, 20) << "what the pushed VPC holds moves with it";
    expectTidy(d);
    EXPECT_TRUE(applyChangeSet(d, pasted->change.inverse()));
    EXPECT_EQ(d, original);
}

TEST(Layout, ATileTheModelAddsGrowsItsSubnetDownAndPushesWhatIsBelow)
{
    Design d = row();
    // A narrow subnet: a new instance goes below the one there, so the subnet grows downwards.
    ChangeSetBuilder narrow(d);
    Shape left = shapeOf(d, "left");
    left.width = 130;
    narrow.setShape(left);
    for (const char* gone : {"i-2", "i-3"})
        narrow.removeShape(ResourceId(gone));
    ASSERT_TRUE(applyChangeSet(d, narrow.build()));

    ChangeSetBuilder b(d);
    Resource instance;
    instance.id = ResourceId("i-new");
    instance.data = Workload{};
    std::get<Workload>(instance.data).subnet = ResourceId("left");
    b.add(instance);
    b.setShape(Shape{instance.id, ResourceId("left"), 20, 50, 90, 70});
    const ChangeSet change = followModel(d, b.build());
    Design after = d;
    ASSERT_TRUE(applyChangeSet(after, change));

    EXPECT_EQ(shapeOf(after, "i-new").y, 130) << "below the instance there, 10 units clear";
    const Shape& grown = shapeOf(after, "left");
    EXPECT_EQ(grown.height, 130 + 70 + 20);
    EXPECT_EQ(shapeOf(after, "igw-1").y, grown.y + grown.height + 10) << "the gateway below moves down";
    EXPECT_EQ(shapeOf(after, "rt-1").x, 150 + 10) << "the tile below and right of it moves the shorter way";
    EXPECT_EQ(shapeOf(after, "rt-1").y, 230);
    EXPECT_EQ(shapeOf(after, "right").y, 40) << "the subnet on the right is not in the way";
    expectTidy(after);
    ASSERT_TRUE(applyChangeSet(after, change.inverse()));
    EXPECT_EQ(after, d);
}

TEST(Layout, SiblingsThatWereAlreadyCloseAreLeftWhereTheyAre)
{
    // Growth only fixes what it causes: two tiles a file draws overlapping stay as drawn.
    Design d = row();
    ChangeSetBuilder b(d);
    Shape rt = shapeOf(d, "rt-1");
    rt.x = 60; // over the internet gateway
    b.setShape(rt);
    ASSERT_TRUE(applyChangeSet(d, b.build()));
    std::string why;
    const auto pasted = pasteSelection(d, copySelection(d, ids({"i-1"})), PasteTarget{ResourceId("left"), 20, 140}, &why);
    ASSERT_TRUE(pasted) << why;
    ASSERT_TRUE(applyChangeSet(d, pasted->change));
    EXPECT_GT(shapeOf(d, "igw-1").y, 230) << "pushed down by the subnet growing";
    EXPECT_EQ(shapeOf(d, "rt-1").x, 60) << "the pair keeps the overlap the file drew";
    EXPECT_EQ(shapeOf(d, "rt-1").y, shapeOf(d, "igw-1").y);
}

// ---- the rule of a clean drawing ----

TEST(Layout, ATilesFootprintTakesInItsLabels)
{
    const Shape tile{ResourceId("t"), std::nullopt, 100, 50, 90, 70};
    EXPECT_EQ(footprintOf(tile, false), (Area{80, 50, 210, 138})) << "labels reach 20 past the sides and 18 below";
    const Shape box{ResourceId("c"), std::nullopt, 100, 50, 300, 200};
    EXPECT_EQ(footprintOf(box, true), (Area{100, 50, 400, 250})) << "a container's title is inside";
}

TEST(Layout, LabelsThatWouldTouchAndTilesOutsideTheirContainerAreProblems)
{
    Design d = row();
    EXPECT_TRUE(layoutProblems(d).empty());
    ChangeSetBuilder b(d);
    Shape i2 = shapeOf(d, "i-2");
    i2.x = 130; // 20 units from i-1: their labels may meet
    b.setShape(i2);
    Shape i3 = shapeOf(d, "i-3");
    i3.x = 320; // its label passes the subnet's right edge (320 + 90 + 20 > 420)
    b.setShape(i3);
    ASSERT_TRUE(applyChangeSet(d, b.build()));
    const std::vector<LayoutProblem> expected{
        {LayoutProblemKind::CoversSibling, ResourceId("i-1"), ResourceId("i-2")},
        {LayoutProblemKind::OutsideContainer, ResourceId("i-3"), ResourceId("left")},
    };
    EXPECT_EQ(layoutProblems(d), expected);
}

std::string describe(const LayoutProblem& p)
{
    return p.shape.str() + (p.kind == LayoutProblemKind::CoversSibling ? " and " : " sticks out of ") + p.other.str() +
           (p.kind == LayoutProblemKind::CoversSibling ? " overlap" : "");
}

TEST(Layout, EveryBundledExampleIsACleanDrawing)
{
    namespace fs = std::filesystem;
    int files = 0;
    for (const auto& entry : fs::directory_iterator(sourcePath("resources/examples"))) {
        if (entry.path().extension() != ".privatepath")
            continue;
        ++files;
        SCOPED_TRACE(entry.path().filename().string());
        const LoadResult loaded = loadDesignFile(entry.path().string());
        ASSERT_TRUE(loaded.ok());
        EXPECT_FALSE(loaded.design->diagram.shapes.empty());
        for (const LayoutProblem& p : layoutProblems(*loaded.design))
            ADD_FAILURE() << describe(p);
        // Opening it changes nothing: every VPC has its main route table, every tile its home.
        EXPECT_TRUE(drawAsTheModelSays(*loaded.design).empty());
    }
    EXPECT_GE(files, 6);
}

// The bundled course is drawn as cleanly: each lesson's start, and each reference solution that
// carries a diagram (the editor shows it when the trainer opens the solution).
TEST(Layout, EveryBundledLessonIsACleanDrawing)
{
    namespace fs = std::filesystem;
    int files = 0;
    for (const auto& entry : fs::directory_iterator(sourcePath("resources/lessons"))) {
        if (entry.path().extension() != ".privatepath")
            continue;
        ++files;
        SCOPED_TRACE(entry.path().filename().string());
        const LoadResult loaded = loadDesignFile(entry.path().string());
        ASSERT_TRUE(loaded.ok());
        ASSERT_TRUE(loaded.design->lesson.has_value());
        EXPECT_FALSE(loaded.design->diagram.shapes.empty());
        std::vector<std::pair<std::string, const Design*>> designs{{"start", &*loaded.design}};
        for (const LessonSolution& s : loaded.design->lesson->solutions)
            if (s.design && !s.design->diagram.shapes.empty())
                designs.emplace_back("solution " + s.id, s.design.get());
        for (const auto& [what, design] : designs) {
            SCOPED_TRACE(what);
            for (const LayoutProblem& p : layoutProblems(*design))
                ADD_FAILURE() << describe(p);
            EXPECT_TRUE(drawAsTheModelSays(*design).empty());
        }
    }
    EXPECT_GE(files, 8);
}

} // namespace
} // namespace pp::test
