// Edits keep the drawing inside the ranges the loader accepts (edit/DiagramBounds.h): numbers are
// clamped, deeper nesting and shapes inside themselves are refused, and what comes out always
// loads again.
#include "TestSupport.h"

#include "diagram/DiagramLimits.h"
#include "edit/DiagramBounds.h"

#include <cmath>
#include <gtest/gtest.h>
#include <limits>

namespace pp::test {
namespace {

Design base()
{
    return *loadDesign(baseDesign().dump(), "base").design;
}

bool loadsAfter(Design design, const ChangeSet& change)
{
    EXPECT_TRUE(applyChangeSet(design, change));
    const LoadResult again = loadDesign(saveDesignToString(design), "after");
    EXPECT_TRUE(again.ok()) << (again.diagnostics.empty() ? "" : again.diagnostics.front().format());
    return again.ok();
}

TEST(DiagramBounds, CoordinatesAndSizesBeyondTheRangeAreClamped)
{
    const Design d = base();
    Shape far = d.diagram.shapes.front();
    far.x = 3e9;
    far.y = -std::numeric_limits<double>::infinity();
    far.width = 5e7;
    far.height = std::nan("");
    const BoundedChange out = keepInDiagramBounds(d, ChangeSetBuilder(d).setShape(far).build());
    ASSERT_TRUE(out.clamped);
    ASSERT_FALSE(out.tooDeep);
    const Shape& after = *out.change.shapes.front().after;
    EXPECT_EQ(after.x, kMaxDiagramCoordinate);
    EXPECT_EQ(after.y, -kMaxDiagramCoordinate);
    EXPECT_EQ(after.width, kMaxDiagramSize);
    EXPECT_GT(after.height, 0);
    EXPECT_TRUE(loadsAfter(d, out.change));
}

TEST(DiagramBounds, NotesAndWaypointsAreClampedToo)
{
    const Design d = base();
    ChangeSetBuilder b(d);
    b.setNotes({Note{"far", std::nullopt, -2e7, 2e7, 0, 2e6}});
    b.setConnectors({Connector{d.flows().front().id.str(), "", {Point{1e300, -1e300}}}});
    const BoundedChange out = keepInDiagramBounds(d, b.build());
    ASSERT_TRUE(out.clamped);
    const Note& note = out.change.notesAfter->front();
    EXPECT_EQ(note.x, -kMaxDiagramCoordinate);
    EXPECT_EQ(note.y, kMaxDiagramCoordinate);
    EXPECT_GT(note.width, 0);
    EXPECT_EQ(note.height, kMaxDiagramSize);
    EXPECT_EQ(out.change.connectorsAfter->front().waypoints.front(), (Point{kMaxDiagramCoordinate, -kMaxDiagramCoordinate}));
    EXPECT_TRUE(loadsAfter(d, out.change));
}

TEST(DiagramBounds, ChangesInsideTheRangeAreLeftAlone)
{
    const Design d = base();
    Shape s = d.diagram.shapes.back();
    s.x = kMaxDiagramCoordinate;
    s.width = kMaxDiagramSize;
    const ChangeSet change = ChangeSetBuilder(d).setShape(s).build();
    const BoundedChange out = keepInDiagramBounds(d, change);
    EXPECT_FALSE(out.clamped);
    EXPECT_FALSE(out.tooDeep);
    EXPECT_EQ(out.change, change);
}

// A chain of drawn services, each inside the previous one: the last has `depth` shapes above it.
Design chain(std::size_t depth)
{
    nlohmann::json doc = baseDesign();
    doc["diagram"] = {{"shapes", nlohmann::json::array()}};
    for (std::size_t i = 0; i <= depth; ++i) {
        doc["awsServices"].push_back({{"id", "c" + std::to_string(i)}, {"service", "sqs"}, {"region", "use1"}});
        nlohmann::json shape = {{"resource", "c" + std::to_string(i)}, {"x", 1}, {"y", 1}, {"width", 50}, {"height", 50}};
        if (i > 0)
            shape["parent"] = "c" + std::to_string(i - 1);
        doc["diagram"]["shapes"].push_back(shape);
    }
    const LoadResult loaded = loadDesign(doc.dump(), "chain");
    EXPECT_TRUE(loaded.ok()) << (loaded.diagnostics.empty() ? "" : loaded.diagnostics.front().format());
    return *loaded.design;
}

TEST(DiagramBounds, NestingOneLevelPastTheLimitIsRefused)
{
    const Design d = chain(kMaxShapeNesting - 1); // the last shape is one level above the limit
    const std::string last = "c" + std::to_string(kMaxShapeNesting - 1);
    Shape inside{ResourceId("vpc-a"), ResourceId(last), 1, 1, 10, 10};
    const BoundedChange ok = keepInDiagramBounds(d, ChangeSetBuilder(d).setShape(inside).build());
    EXPECT_FALSE(ok.tooDeep) << "exactly at the limit is allowed";
    EXPECT_TRUE(loadsAfter(d, ok.change));

    Design deeper = d;
    ASSERT_TRUE(applyChangeSet(deeper, ok.change));
    Shape below{ResourceId("app-a"), ResourceId("vpc-a"), 1, 1, 10, 10};
    const BoundedChange refused = keepInDiagramBounds(deeper, ChangeSetBuilder(deeper).setShape(below).build());
    ASSERT_TRUE(refused.tooDeep);
    EXPECT_EQ(refused.tooDeep->str(), "app-a");
    EXPECT_FALSE(refused.cycle);
}

TEST(DiagramBounds, MovingAContainerDeeperCountsWhatItHolds)
{
    // A second chain of ten shapes (b0 holds b1 ... b9) on the canvas beside the first.
    Design d = chain(60);
    ChangeSetBuilder b(d);
    for (int i = 0; i < 10; ++i) {
        Resource host;
        host.id = ResourceId("b" + std::to_string(i));
        host.data = InternetHost{IpAddress::v4(0xCB007101u + std::uint32_t(i)), ""};
        b.add(host);
        b.setShape(Shape{host.id, i ? std::optional(ResourceId("b" + std::to_string(i - 1))) : std::nullopt, 1, 1, 90, 70});
    }
    ASSERT_TRUE(applyChangeSet(d, b.build()));
    Shape top = shapeOf(d, "b0");
    top.parent = ResourceId("c50"); // b9 ends 60 deep: allowed
    const BoundedChange ok = keepInDiagramBounds(d, ChangeSetBuilder(d).setShape(top).build());
    EXPECT_FALSE(ok.tooDeep);
    EXPECT_TRUE(loadsAfter(d, ok.change));
    top.parent = ResourceId("c60"); // b9 would end 70 deep
    const BoundedChange deep = keepInDiagramBounds(d, ChangeSetBuilder(d).setShape(top).build());
    ASSERT_TRUE(deep.tooDeep);
    EXPECT_FALSE(deep.cycle);

    // b0 into b9, which it holds: drawn inside itself.
    top.parent = ResourceId("b9");
    const BoundedChange loop = keepInDiagramBounds(d, ChangeSetBuilder(d).setShape(top).build());
    ASSERT_TRUE(loop.tooDeep);
    EXPECT_TRUE(loop.cycle);
}

TEST(DiagramBounds, MovingInsideADesignAtTheLimitIsNotRefused)
{
    const Design d = chain(kMaxShapeNesting);
    Shape s = shapeOf(d, "c3");
    s.x += 5;
    const BoundedChange out = keepInDiagramBounds(d, ChangeSetBuilder(d).setShape(s).build());
    EXPECT_FALSE(out.tooDeep);
    EXPECT_FALSE(out.clamped);
}

} // namespace
} // namespace pp::test
