// Arrange → Arrange Automatically on the real window: with nothing selected the whole design is
// laid out as an import is (one undo step, a clean drawing, the canvas following); a selected VPC
// is arranged inside and keeps its place; a selected tile alone says what to select.
#include "EditorFixture.h"
#include "FileSupport.h"

#include "edit/PasteLayout.h"
#include "import/AutoLayout.h"
#include "io/DesignFile.h"

#include <QAction>
#include <QStatusBar>
#include <QUndoStack>

namespace pp::ui {
namespace {

class ArrangeAutomatically : public Editor {
protected:
    void SetUp() override
    {
        Editor::SetUp();
        ASSERT_TRUE(window->openFile(copyExample(files.path(), QStringLiteral("on-premises-application"))));
    }
    void trigger() { window->findChild<QAction*>(QStringLiteral("actionArrangeAutomatically"))->trigger(); }
    std::string firstOf(Kind kind)
    {
        for (const Resource& r : doc().design().resources())
            if (r.kind() == kind)
                return r.id.str();
        return {};
    }
    const Shape& shape(const std::string& id)
    {
        for (const Shape& s : doc().design().diagram.shapes)
            if (s.resource.str() == id)
                return s;
        throw std::runtime_error("no shape for " + id);
    }

    QTemporaryDir files;
};

TEST_F(ArrangeAutomatically, NothingSelectedLaysOutTheWholeDesignInOneUndoStep)
{
    const std::string vpc = firstOf(Kind::Vpc);
    ASSERT_FALSE(vpc.empty());
    // The user pushed a VPC about first.
    dragOnCanvas(insideOf(vpc, 60, 15), insideOf(vpc, 60, 15) + QPointF(170, 90));
    const std::string pushed = saveDesignToString(doc().design());
    const int steps = doc().undoStack()->count();
    scene()->clearSelection();
    trigger();
    EXPECT_EQ(doc().undoStack()->count(), steps + 1) << "one undo step";
    EXPECT_EQ(doc().undoStack()->undoText(), QStringLiteral("Arrange the design automatically"));
    EXPECT_TRUE(layoutProblems(doc().design()).empty());
    const Design& design = doc().design();
    const Diagram expected = automaticLayout(design, [&](const ResourceId& id) {
        const Kind kind = design.find(id)->kind();
        return (kind != Kind::VpcPeering && kind != Kind::TransitGatewayAttachment && kind != Kind::VpnConnection) ||
               std::any_of(design.diagram.shapes.begin(), design.diagram.shapes.end(), [&](const Shape& s) { return s.resource == id; });
    });
    EXPECT_EQ(expected.shapes.size(), design.diagram.shapes.size());
    for (const Shape& s : expected.shapes) {
        EXPECT_EQ(shape(s.resource.str()), s) << s.resource.str();
        // The canvas follows the model: the item sits where its shape says, in its parent.
        const QPointF at = scene()->itemFor(s.resource.str())->pos();
        EXPECT_NEAR(at.x(), s.x, 0.5) << s.resource.str();
        EXPECT_NEAR(at.y(), s.y, 0.5) << s.resource.str();
    }
    EXPECT_TRUE(window->statusBar()->currentMessage().contains(QStringLiteral("arranged"))) << window->statusBar()->currentMessage().toStdString();
    doc().undoStack()->undo();
    EXPECT_EQ(saveDesignToString(doc().design()), pushed) << "undo puts every shape back";
}

TEST_F(ArrangeAutomatically, ASelectedVpcIsArrangedInsideAndKeepsItsPlace)
{
    const std::string vpc = firstOf(Kind::Vpc);
    const std::string subnet = firstOf(Kind::Subnet);
    // Squeeze a subnet: arranging its VPC gives it back its automatic size.
    {
        ChangeSetBuilder builder(doc().design());
        Shape squeezed = shape(subnet);
        squeezed.width += 37;
        builder.setShape(squeezed);
        ASSERT_TRUE(doc().apply(builder.build(), QStringLiteral("Resize")));
    }
    const Shape before = shape(vpc);
    const int steps = doc().undoStack()->count();
    select(vpc);
    trigger();
    EXPECT_EQ(doc().undoStack()->count(), steps + 1);
    EXPECT_EQ(shape(vpc).x, before.x);
    EXPECT_EQ(shape(vpc).y, before.y);
    EXPECT_EQ(shape(subnet).width, 200);
    for (const LayoutProblem& p : layoutProblems(doc().design()))
        EXPECT_NE(p.kind, LayoutProblemKind::OutsideContainer) << p.shape.str();
}

TEST_F(ArrangeAutomatically, ATileAloneSaysWhatToSelectAndChangesNothing)
{
    const std::string tile = firstOf(Kind::Workload);
    ASSERT_FALSE(tile.empty());
    const int steps = doc().undoStack()->count();
    select(tile);
    trigger();
    EXPECT_EQ(doc().undoStack()->count(), steps);
    EXPECT_TRUE(window->statusBar()->currentMessage().contains(QStringLiteral("Select a Region, VPC, subnet")))
        << window->statusBar()->currentMessage().toStdString();
}

} // namespace
} // namespace pp::ui
