// Arranging shapes: align, distribute, same size, nudge and the stacking order give the
// positions, sizes and order a user expects, stay inside the containers, leave what a selected
// container holds to move with it, and each is one exactly undoable change-set.
#include "edit/Arrange.h"
#include "edit/DiagramFollow.h"

#include "TestSupport.h"

#include <gtest/gtest.h>
#include <stdexcept>

namespace pp::test {
namespace {

// vpc-a holds three tiles and two subnets with two instances each (coordinates are relative to
// the parent shape):
//   use1 (0,0) 1400x1000
//     vpc-a (20,40) 1200x900
//       igw-a (100,60) 90x70   eigw-a (300,200) 60x50   vpce-s3 (520,120) 120x80   vpce-sqs (790,290) 80x60
//       app-a (40,400) 400x300:  i-app (20,60) 90x70   i-a2 (200,150) 60x40
//       app-b (600,400) 440x320: i-b1 (40,80) 90x70    i-b2 (250,50) 50x50
Design arranged()
{
    nlohmann::json doc = baseDesign();
    doc["workloads"].push_back({{"id", "i-a2"}, {"subnet", "app-a"}, {"privateIp", "10.0.1.11"}});
    doc["workloads"].push_back({{"id", "i-b1"}, {"subnet", "app-b"}, {"privateIp", "10.0.2.10"}});
    doc["workloads"].push_back({{"id", "i-b2"}, {"subnet", "app-b"}, {"privateIp", "10.0.2.11"}});
    auto shape = [](const char* id, const char* parent, double x, double y, double w, double h) {
        nlohmann::json s = {{"resource", id}, {"x", x}, {"y", y}, {"width", w}, {"height", h}};
        if (*parent)
            s["parent"] = parent;
        return s;
    };
    doc["diagram"]["shapes"] = {
        shape("use1", "", 0, 0, 1400, 1000),          shape("vpc-a", "use1", 20, 40, 1200, 900),
        shape("igw-a", "vpc-a", 100, 60, 90, 70),     shape("eigw-a", "vpc-a", 300, 200, 60, 50),
        shape("vpce-s3", "vpc-a", 520, 120, 120, 80), shape("vpce-sqs", "vpc-a", 790, 290, 80, 60),
        shape("app-a", "vpc-a", 40, 400, 400, 300),   shape("i-app", "app-a", 20, 60, 90, 70),
        shape("i-a2", "app-a", 200, 150, 60, 40),     shape("app-b", "vpc-a", 600, 400, 440, 320),
        shape("i-b1", "app-b", 40, 80, 90, 70),       shape("i-b2", "app-b", 250, 50, 50, 50),
    };
    const LoadResult loaded = loadDesign(doc.dump(), "arranged");
    if (!loaded.ok()) {
        ADD_FAILURE() << "the test design did not load: " << loaded.diagnostics.front().format();
        return {};
    }
    return *loaded.design;
}

std::vector<ResourceId> ids(std::initializer_list<const char*> names)
{
    std::vector<ResourceId> out;
    for (const char* n : names)
        out.emplace_back(n);
    return out;
}

const Shape& shapeOf(const Design& d, const char* id)
{
    for (const Shape& s : d.diagram.shapes)
        if (s.resource.str() == id)
            return s;
    throw std::runtime_error(std::string("no shape ") + id);
}

// Applies the change, checks its inverse gives back the same bytes, and returns the design after it.
Design applied(const Design& before, const ChangeSet& change)
{
    Design d = before;
    EXPECT_TRUE(applyChangeSet(d, change));
    Design undone = d;
    EXPECT_TRUE(applyChangeSet(undone, change.inverse()));
    EXPECT_EQ(saveDesignToString(undone), saveDesignToString(before)) << "undo restores the document exactly";
    return d;
}

struct Expected {
    const char* id;
    double x, y;
};

TEST(ArrangeAlign, EachAlignmentLinesUpThreeTilesOnTheirBoundingBox)
{
    // Bounding box of igw-a, eigw-a, vpce-s3: left 100, right 640, top 60, bottom 250.
    const struct {
        Alignment alignment;
        std::vector<Expected> expected;
    } cases[] = {
        {Alignment::Left, {{"igw-a", 100, 60}, {"eigw-a", 100, 200}, {"vpce-s3", 100, 120}}},
        {Alignment::HorizontalCentre, {{"igw-a", 325, 60}, {"eigw-a", 340, 200}, {"vpce-s3", 310, 120}}},
        {Alignment::Right, {{"igw-a", 550, 60}, {"eigw-a", 580, 200}, {"vpce-s3", 520, 120}}},
        {Alignment::Top, {{"igw-a", 100, 60}, {"eigw-a", 300, 60}, {"vpce-s3", 520, 60}}},
        {Alignment::VerticalCentre, {{"igw-a", 100, 120}, {"eigw-a", 300, 130}, {"vpce-s3", 520, 115}}},
        {Alignment::Bottom, {{"igw-a", 100, 180}, {"eigw-a", 300, 200}, {"vpce-s3", 520, 170}}},
    };
    const Design d = arranged();
    for (const auto& c : cases) {
        SCOPED_TRACE(int(c.alignment));
        const Design after = applied(d, alignShapes(d, ids({"igw-a", "eigw-a", "vpce-s3"}), c.alignment));
        for (const Expected& e : c.expected) {
            const Shape& s = shapeOf(after, e.id);
            EXPECT_EQ(s.x, e.x) << e.id;
            EXPECT_EQ(s.y, e.y) << e.id;
            EXPECT_EQ(s.width, shapeOf(d, e.id).width) << "aligning never resizes";
            EXPECT_EQ(s.parent, ResourceId("vpc-a"));
        }
        EXPECT_TRUE(alignShapes(after, ids({"igw-a", "eigw-a", "vpce-s3"}), c.alignment).empty())
            << "aligning again changes nothing";
    }
}

TEST(ArrangeAlign, ShapesInDifferentSubnetsAlignWithinTheirOwnSubnet)
{
    const Design d = arranged();
    const Design after = applied(d, alignShapes(d, ids({"i-app", "i-b1", "i-a2", "i-b2"}), Alignment::Top));
    EXPECT_EQ(shapeOf(after, "i-app").y, 60);
    EXPECT_EQ(shapeOf(after, "i-a2").y, 60) << "to the top of app-a's instances";
    EXPECT_EQ(shapeOf(after, "i-b1").y, 50) << "to the top of app-b's instances";
    EXPECT_EQ(shapeOf(after, "i-b2").y, 50);
    // An instance alone in its subnet has nothing to align with.
    const ChangeSet lone = alignShapes(d, ids({"i-app", "i-a2", "i-b1"}), Alignment::Left);
    ASSERT_EQ(lone.shapes.size(), 1u);
    EXPECT_EQ(lone.shapes.front().resource, ResourceId("i-a2"));
    EXPECT_EQ(lone.shapes.front().after->x, 20);
}

TEST(ArrangeAlign, ContainersAlignAndTheirContentsMoveWithThem)
{
    const Design d = arranged();
    // i-b1 is selected too, but it is inside app-b: it keeps its place in app-b.
    const ChangeSet change = alignShapes(d, ids({"app-a", "app-b", "i-b1"}), Alignment::Bottom);
    ASSERT_EQ(change.shapes.size(), 1u);
    const Design after = applied(d, change);
    EXPECT_EQ(shapeOf(after, "app-a").y, 420) << "bottom edge on app-b's, 720";
    EXPECT_EQ(shapeOf(after, "app-b").y, 400);
    EXPECT_EQ(shapeOf(after, "i-app"), shapeOf(d, "i-app"));
    EXPECT_EQ(shapeOf(after, "i-b1"), shapeOf(d, "i-b1"));
}

TEST(ArrangeAlign, StaysBelowTheContainersTitle)
{
    Design d = arranged();
    ChangeSetBuilder b(d);
    Shape stray = shapeOf(d, "igw-a");
    stray.y = 10; // drawn over vpc-a's title by an older version
    b.setShape(stray);
    ASSERT_TRUE(applyChangeSet(d, b.build()));
    const Design after = applied(d, alignShapes(d, ids({"igw-a", "eigw-a"}), Alignment::Top));
    EXPECT_EQ(shapeOf(after, "igw-a").y, 40);
    EXPECT_EQ(shapeOf(after, "eigw-a").y, 40);
}

TEST(ArrangeAlign, FewerThanTwoShapesChangeNothing)
{
    const Design d = arranged();
    EXPECT_TRUE(alignShapes(d, {}, Alignment::Left).empty());
    EXPECT_TRUE(alignShapes(d, ids({"igw-a"}), Alignment::Left).empty());
    EXPECT_TRUE(alignShapes(d, ids({"igw-a", "igw-a"}), Alignment::Right).empty()) << "the same shape twice";
    EXPECT_TRUE(alignShapes(d, ids({"igw-a", "sg-app"}), Alignment::Right).empty()) << "sg-app has no shape";
}

TEST(ArrangeDistribute, EqualGapsAndTheOuterTwoStay)
{
    const Design d = arranged();
    // Selection order does not matter: shapes are ordered by position.
    const auto selection = ids({"vpce-s3", "vpce-sqs", "igw-a", "eigw-a"});
    {
        const Design after = applied(d, distributeShapes(d, selection, Distribution::Horizontal));
        // Left to right: igw-a (100..190), eigw-a (60 wide), vpce-s3 (120 wide), vpce-sqs (790..870).
        EXPECT_EQ(shapeOf(after, "igw-a"), shapeOf(d, "igw-a"));
        EXPECT_EQ(shapeOf(after, "vpce-sqs"), shapeOf(d, "vpce-sqs"));
        EXPECT_EQ(shapeOf(after, "eigw-a").x, 330);
        EXPECT_EQ(shapeOf(after, "vpce-s3").x, 530);
        const double gaps[] = {330 - 190, 530 - (330 + 60), 790 - (530 + 120)};
        EXPECT_EQ(gaps[0], 140);
        EXPECT_EQ(gaps[1], 140);
        EXPECT_EQ(gaps[2], 140);
        for (const char* id : {"eigw-a", "vpce-s3"})
            EXPECT_EQ(shapeOf(after, id).y, shapeOf(d, id).y) << "only x changes";
    }
    {
        const Design after = applied(d, distributeShapes(d, selection, Distribution::Vertical));
        // Top to bottom: igw-a (60..130), vpce-s3 (80 high), eigw-a (50 high), vpce-sqs (290..350).
        EXPECT_EQ(shapeOf(after, "igw-a"), shapeOf(d, "igw-a"));
        EXPECT_EQ(shapeOf(after, "vpce-sqs"), shapeOf(d, "vpce-sqs"));
        EXPECT_EQ(shapeOf(after, "vpce-s3").y, 140);
        EXPECT_EQ(shapeOf(after, "eigw-a").y, 230);
        for (const char* id : {"eigw-a", "vpce-s3"})
            EXPECT_EQ(shapeOf(after, id).x, shapeOf(d, id).x) << "only y changes";
    }
}

TEST(ArrangeDistribute, FewerThanThreeShapesChangeNothing)
{
    const Design d = arranged();
    EXPECT_TRUE(distributeShapes(d, ids({"igw-a", "vpce-sqs"}), Distribution::Horizontal).empty());
    EXPECT_TRUE(distributeShapes(d, ids({"igw-a"}), Distribution::Vertical).empty());
    // Three selected, but in two subnets: no subnet has three.
    EXPECT_TRUE(distributeShapes(d, ids({"i-app", "i-a2", "i-b1"}), Distribution::Horizontal).empty());
}

TEST(ArrangeSameSize, CopiesTheFirstSelectedShapesSize)
{
    const Design d = arranged();
    const Design after = applied(d, makeSameSize(d, ids({"igw-a", "eigw-a", "vpce-s3"})));
    for (const char* id : {"igw-a", "eigw-a", "vpce-s3"}) {
        EXPECT_EQ(shapeOf(after, id).width, 90) << id;
        EXPECT_EQ(shapeOf(after, id).height, 70) << id;
        EXPECT_EQ(shapeOf(after, id).x, shapeOf(d, id).x) << "the top-left corner stays";
        EXPECT_EQ(shapeOf(after, id).y, shapeOf(d, id).y);
    }
    const Design other = applied(d, makeSameSize(d, ids({"app-b", "app-a"})));
    EXPECT_EQ(shapeOf(other, "app-a").width, 440);
    EXPECT_EQ(shapeOf(other, "app-a").height, 320);
    EXPECT_EQ(shapeOf(other, "app-b").width, 440) << "the first selected keeps its size";
    EXPECT_TRUE(makeSameSize(d, ids({"igw-a"})).empty());
}

TEST(ArrangeSameSize, NeverShrinksAContainerBelowItsContent)
{
    const Design d = arranged();
    const Design after = applied(d, makeSameSize(d, ids({"igw-a", "app-a"})));
    // app-a's instances reach x 260 (i-a2: 200 + 60) and y 190 (i-a2: 150 + 40); plus 10.
    EXPECT_EQ(shapeOf(after, "app-a").width, 270);
    EXPECT_EQ(shapeOf(after, "app-a").height, 200);
    EXPECT_EQ(shapeOf(after, "i-a2"), shapeOf(d, "i-a2"));
}

TEST(ArrangeSameSize, StaysInsideTheParent)
{
    const Design d = arranged();
    // vpce-sqs (790,290) takes app-b's 440x320: at x 790 it would reach past vpc-a's right edge.
    const Design after = applied(d, makeSameSize(d, ids({"app-b", "vpce-sqs"})));
    const Shape& s = shapeOf(after, "vpce-sqs");
    EXPECT_EQ(s.width, 440);
    EXPECT_EQ(s.height, 320);
    EXPECT_EQ(s.x, 760) << "moved left so its right edge is vpc-a's (1200)";
    EXPECT_EQ(s.y, 290);
    // i-app takes app-b's size in app-a (400x300): wider and taller than app-a's room, it is put at
    // the top-left (below the title) and cut to the room.
    const Design cut = applied(d, makeSameSize(d, ids({"app-b", "i-app"})));
    const Shape& i = shapeOf(cut, "i-app");
    EXPECT_EQ(i.x, 0);
    EXPECT_EQ(i.y, 40);
    EXPECT_EQ(i.width, 400);
    EXPECT_EQ(i.height, 300 - 40);
}

TEST(ArrangeNudge, MovesByTheStepAndStopsAtTheContainerEdge)
{
    const Design d = arranged();
    const Design after = applied(d, nudgeShapes(d, ids({"igw-a", "eigw-a"}), 15, -5));
    EXPECT_EQ(shapeOf(after, "igw-a").x, 115);
    EXPECT_EQ(shapeOf(after, "igw-a").y, 55);
    EXPECT_EQ(shapeOf(after, "eigw-a").x, 315);
    EXPECT_EQ(shapeOf(after, "eigw-a").y, 195);

    const Design topLeft = applied(d, nudgeShapes(d, ids({"igw-a"}), -500, -500));
    EXPECT_EQ(shapeOf(topLeft, "igw-a").x, 0);
    EXPECT_EQ(shapeOf(topLeft, "igw-a").y, 40) << "below vpc-a's title";
    const Design bottomRight = applied(d, nudgeShapes(d, ids({"vpce-s3"}), 5000, 5000));
    EXPECT_EQ(shapeOf(bottomRight, "vpce-s3").x, 1200 - 120);
    EXPECT_EQ(shapeOf(bottomRight, "vpce-s3").y, 900 - 80);

    // At the edge already: nothing to do.
    EXPECT_TRUE(nudgeShapes(topLeft, ids({"igw-a"}), -10, 0).empty());
    EXPECT_TRUE(nudgeShapes(d, ids({"igw-a"}), 0, 0).empty());
}

TEST(ArrangeNudge, AContainerCarriesWhatItHoldsAndNeverLeavesItsParent)
{
    const Design d = arranged();
    const ChangeSet change = nudgeShapes(d, ids({"app-a", "i-app"}), 10, 10);
    ASSERT_EQ(change.shapes.size(), 1u) << "i-app moves with app-a, not twice";
    const Design after = applied(d, change);
    EXPECT_EQ(shapeOf(after, "app-a").x, 50);
    EXPECT_EQ(shapeOf(after, "app-a").y, 410);
    EXPECT_EQ(shapeOf(after, "i-app"), shapeOf(d, "i-app"));

    const Design far = applied(d, nudgeShapes(d, ids({"app-a"}), 2000, 2000));
    EXPECT_EQ(shapeOf(far, "app-a").x, 1200 - 400);
    EXPECT_EQ(shapeOf(far, "app-a").y, 900 - 300);
}

// ---- stacking order ----

// The resources of the drawing, in its (stacking) order.
std::vector<std::string> order(const Design& d)
{
    std::vector<std::string> out;
    for (const Shape& s : d.diagram.shapes)
        out.push_back(s.resource.str());
    return out;
}

TEST(ArrangeStacking, BringToFrontPutsTheSelectionLastKeepingItsOrderAndNothingElseChanges)
{
    const Design d = arranged();
    const ChangeSet change = restackShapes(d, ids({"vpce-s3", "igw-a", "nothing", "igw-a"}), Stacking::Front);
    const Design after = applied(d, change);
    EXPECT_EQ(order(after), (std::vector<std::string>{"use1", "vpc-a", "eigw-a", "vpce-sqs", "app-a", "i-app", "i-a2", "app-b",
                                                      "i-b1", "i-b2", "igw-a", "vpce-s3"}))
        << "in their own order (igw-a was below vpce-s3), above everything";
    for (const char* id : {"igw-a", "vpce-s3"})
        EXPECT_EQ(shapeOf(after, id), shapeOf(d, id)) << "stacking moves nothing";
    // Already in front of every sibling: nothing to do.
    EXPECT_TRUE(restackShapes(after, ids({"igw-a", "vpce-s3"}), Stacking::Front).empty());
    EXPECT_TRUE(restackShapes(d, ids({"i-b2"}), Stacking::Front).empty()) << "i-b2 is already above i-b1";
}

TEST(ArrangeStacking, SendToBackPutsTheSelectionFirstAmongItsSiblings)
{
    const Design d = arranged();
    const Design after = applied(d, restackShapes(d, ids({"i-a2", "vpce-sqs"}), Stacking::Back));
    EXPECT_EQ(order(after), (std::vector<std::string>{"vpce-sqs", "i-a2", "use1", "vpc-a", "igw-a", "eigw-a", "vpce-s3", "app-a",
                                                      "i-app", "app-b", "i-b1", "i-b2"}));
    EXPECT_TRUE(restackShapes(after, ids({"i-a2"}), Stacking::Back).empty()) << "already below i-app";
    EXPECT_TRUE(restackShapes(d, ids({"use1"}), Stacking::Back).empty()) << "alone on the canvas";
    EXPECT_TRUE(restackShapes(d, ids({"nothing"}), Stacking::Back).empty());
}

TEST(ArrangeStacking, ARestackIsOneStepTheDrawingDoesNotLayOutAgain)
{
    // Even over a sibling (where a new shape would be moved off it), a restacked shape stays put.
    Design d = arranged();
    ChangeSetBuilder overlap(d);
    Shape eigw = shapeOf(d, "eigw-a");
    eigw.x = 110;
    eigw.y = 70;
    overlap.setShape(eigw);
    d = applied(d, overlap.build());
    const ChangeSet change = restackShapes(d, ids({"igw-a"}), Stacking::Front);
    EXPECT_TRUE(onlyRestacks(change));
    EXPECT_EQ(followModel(d, change), change);
    const Design after = applied(d, change);
    EXPECT_EQ(after.diagram.shapes.back(), shapeOf(d, "igw-a"));
    EXPECT_FALSE(onlyRestacks(overlap.build()));
    EXPECT_EQ(order(*loadDesign(saveDesignToString(after), "again").design), order(after)) << "saved and reopened";
}

TEST(Arrange, UndoingASeriesOfArrangementsGivesBackTheOriginalBytes)
{
    Design d = arranged();
    const std::string original = saveDesignToString(d);
    std::vector<ChangeSet> done;
    auto apply = [&](ChangeSet change) {
        EXPECT_FALSE(change.empty());
        EXPECT_TRUE(applyChangeSet(d, change));
        done.push_back(std::move(change));
    };
    apply(alignShapes(d, ids({"igw-a", "eigw-a", "vpce-s3"}), Alignment::VerticalCentre));
    apply(distributeShapes(d, ids({"igw-a", "eigw-a", "vpce-s3", "vpce-sqs"}), Distribution::Horizontal));
    apply(makeSameSize(d, ids({"app-b", "app-a", "igw-a"})));
    apply(nudgeShapes(d, ids({"app-a", "app-b", "i-b2"}), -7.5, 12.25));
    apply(alignShapes(d, ids({"i-app", "i-a2", "i-b1", "i-b2"}), Alignment::Right));
    EXPECT_NE(saveDesignToString(d), original);
    for (auto it = done.rbegin(); it != done.rend(); ++it)
        ASSERT_TRUE(applyChangeSet(d, it->inverse()));
    EXPECT_EQ(saveDesignToString(d), original);
}

} // namespace
} // namespace pp::test
