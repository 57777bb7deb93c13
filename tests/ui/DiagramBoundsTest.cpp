// The editor never produces a design the loader refuses (edit/DiagramBounds.h, applied by
// Document::apply): a drag or nudge past the edge of the drawing (|x|, |y| <= 10^7) stops there, a
// resize stops at the largest size (10^6), a drop or paste that would nest shapes deeper than 64
// is refused, saying why in the status bar. A monkey on a design drawn at the edges checks that
// whatever it does, the saved bytes load again.
#include "EditorFixture.h"

#include "diagram/DiagramLimits.h"

#include <QAction>
#include <nlohmann/json.hpp>
#include <random>

namespace pp::ui {
namespace {

nlohmann::json& shapeJson(nlohmann::json& doc, const std::string& id)
{
    for (nlohmann::json& s : doc["diagram"]["shapes"])
        if (s["resource"] == id)
            return s;
    throw std::runtime_error("not drawn: " + id);
}

class Bounds : public Editor {
protected:
    // The S3 example with `edit` applied to its JSON, opened from a temporary file.
    template <class Edit>
    void openEdited(Edit edit)
    {
        nlohmann::json doc = nlohmann::json::parse(readAll(source(QStringLiteral("resources/examples/s3-gateway-endpoint.privatepath"))).toStdString());
        edit(doc);
        const QString path = dir.filePath(QStringLiteral("edited.privatepath"));
        QFile f(path);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(QByteArray::fromStdString(doc.dump(2)));
        f.close();
        ASSERT_TRUE(window->openFile(path));
    }
    const Shape& shapeOf(const std::string& id)
    {
        for (const Shape& s : doc().design().diagram.shapes)
            if (s.resource.str() == id)
                return s;
        throw std::runtime_error("not drawn: " + id);
    }

    // The document's bytes load again, without an error.
    void expectLoads(const std::string& step)
    {
        const LoadResult again = loadDesign(saveDesignToString(doc().design()), "bounds");
        EXPECT_TRUE(again.ok()) << step << ": " << (again.diagnostics.empty() ? std::string() : again.diagnostics.front().format());
    }
    // The item is drawn where the model says.
    void expectDrawnAsModel(const std::string& id)
    {
        const Shape& s = shapeOf(id);
        EXPECT_EQ(scene()->itemFor(id)->pos(), QPointF(s.x, s.y)) << id;
        EXPECT_EQ(scene()->itemFor(id)->size(), QSizeF(s.width, s.height)) << id;
    }
    QString status() { return window->statusBar()->currentMessage(); }

    QTemporaryDir dir;
};

TEST_F(Bounds, DraggingPastTheEdgeOfTheDrawingStopsThere)
{
    openEdited([](nlohmann::json& d) { shapeJson(d, "use1")["x"] = kMaxDiagramCoordinate - 50; });
    view()->zoomReset();
    scene()->clearSelection();
    const QPointF body = insideOf("use1", 20, 20);
    view()->centerOn(body);
    dragOnCanvas(body, body + QPointF(200, 0));
    EXPECT_EQ(shapeOf("use1").x, kMaxDiagramCoordinate);
    expectDrawnAsModel("use1");
    expectLoads("drag");
    doc().undoStack()->undo();
    EXPECT_EQ(shapeOf("use1").x, kMaxDiagramCoordinate - 50);
}

TEST_F(Bounds, DraggingPastTheNegativeEdgeStopsThereToo)
{
    openEdited([](nlohmann::json& d) { shapeJson(d, "use1")["y"] = -kMaxDiagramCoordinate + 30; });
    view()->zoomReset();
    scene()->clearSelection();
    const QPointF body = insideOf("use1", 20, 20);
    view()->centerOn(body);
    dragOnCanvas(body, body + QPointF(0, -150));
    EXPECT_EQ(shapeOf("use1").y, -kMaxDiagramCoordinate);
    expectDrawnAsModel("use1");
    expectLoads("drag up");
}

TEST_F(Bounds, NudgingPastTheEdgeStopsThere)
{
    openEdited([](nlohmann::json& d) { shapeJson(d, "s3")["x"] = kMaxDiagramCoordinate - 1; });
    select("s3");
    view()->setFocus();
    for (int i = 0; i < 3; ++i)
        QTest::keyClick(view(), Qt::Key_Right, Qt::ShiftModifier);
    EXPECT_EQ(shapeOf("s3").x, kMaxDiagramCoordinate);
    expectDrawnAsModel("s3");
    expectLoads("nudge");
}

TEST_F(Bounds, ResizingPastTheLargestSizeStopsThere)
{
    openEdited([](nlohmann::json& d) { shapeJson(d, "use1")["width"] = kMaxDiagramSize - 10; });
    view()->zoomReset();
    scene()->clearSelection();
    ResourceItem* region = scene()->itemFor("use1");
    const QPointF handle = region->mapToScene(region->resizeHandle().center());
    view()->centerOn(handle);
    dragOnCanvas(handle, handle + QPointF(120, 0));
    EXPECT_EQ(shapeOf("use1").width, kMaxDiagramSize);
    expectDrawnAsModel("use1");
    expectLoads("resize");
}

TEST_F(Bounds, AlignAndSameSizeNearTheEdgeStayInside)
{
    openEdited([](nlohmann::json& d) {
        shapeJson(d, "s3")["x"] = kMaxDiagramCoordinate;
        shapeJson(d, "use1")["width"] = kMaxDiagramSize;
    });
    for (const char* name : {"actionAlignRight", "actionSameSize", "actionDistributeHorizontally"}) {
        scene()->clearSelection();
        scene()->itemFor("s3")->setSelected(true);
        scene()->itemFor("use1")->setSelected(true);
        QAction* action = window->action(QString::fromLatin1(name));
        ASSERT_NE(action, nullptr) << name;
        action->trigger();
        expectLoads(name);
    }
}

// The example's Region drawn `levels` shapes deep, inside a chain of drawn services: its VPC is
// one deeper, the subnets two and their tiles three.
void nestRegion(nlohmann::json& d, int levels)
{
    for (int i = 0; i < levels; ++i) {
        d["awsServices"].push_back({{"id", "c" + std::to_string(i)}, {"service", "sqs"}, {"region", "use1"}});
        nlohmann::json shape = {{"resource", "c" + std::to_string(i)}, {"x", 0}, {"y", 0}, {"width", 1400}, {"height", 600}};
        if (i > 0)
            shape["parent"] = "c" + std::to_string(i - 1);
        d["diagram"]["shapes"].push_back(shape);
    }
    shapeJson(d, "use1")["parent"] = "c" + std::to_string(levels - 1);
}

// Subnets exactly 64 shapes deep, with nothing drawn in them (that would be 65); the instance
// i-app-nat drawn in the VPC instead.
void subnetsAtTheLimit(nlohmann::json& d)
{
    nestRegion(d, int(kMaxShapeNesting) - 2);
    nlohmann::json kept = nlohmann::json::array();
    for (nlohmann::json& s : d["diagram"]["shapes"])
        if (s["resource"] == "i-app-nat") {
            s["parent"] = "vpc-a";
            s["x"] = 1100;
            s["y"] = 300;
            kept.push_back(s);
        } else if (!(s.contains("parent") && (s["parent"] == "pub-a" || s["parent"] == "app-a" || s["parent"] == "app-b"))) {
            kept.push_back(s);
        }
    d["diagram"]["shapes"] = kept;
}

TEST_F(Bounds, ADropThatWouldNestTooDeepIsRefusedWithTheReason)
{
    // The subnets are 64 deep: the file loads; an instance dropped in one would be 65.
    openEdited(subnetsAtTheLimit);
    const std::size_t before = doc().design().resources().size();
    view()->centerOn(insideOf("app-b", 150, 100));
    dropFromPalette(Kind::Workload, insideOf("app-b", 150, 100));
    EXPECT_EQ(doc().design().resources().size(), before) << "nothing added";
    EXPECT_TRUE(status().contains(QStringLiteral("shapes deep"))) << status().toStdString();
    expectLoads("drop");
}

TEST_F(Bounds, APasteThatWouldNestTooDeepIsRefusedWithTheReason)
{
    openEdited(subnetsAtTheLimit);
    select("i-app-nat");
    window->copySelection();
    const std::size_t before = doc().design().resources().size();
    view()->centerOn(insideOf("app-b", 150, 100));
    window->pasteAt(insideOf("app-b", 150, 100));
    EXPECT_EQ(doc().design().resources().size(), before) << "nothing pasted";
    EXPECT_TRUE(status().contains(QStringLiteral("shapes deep"))) << status().toStdString();
    expectLoads("paste");
}

TEST_F(Bounds, ADropOneLevelShallowerIsAllowed)
{
    openEdited([](nlohmann::json& d) { nestRegion(d, int(kMaxShapeNesting) - 3); }); // subnets 63 deep
    const std::size_t before = doc().design().resources().size();
    view()->centerOn(insideOf("app-b", 150, 100));
    EXPECT_TRUE(dropFromPalette(Kind::Workload, insideOf("app-b", 150, 100)));
    EXPECT_GT(doc().design().resources().size(), before);
    expectLoads("drop");
}

// A monkey on a design drawn at the edges of the drawing: far drags, nudges, resizes, paste,
// duplicate, delete, arrange, undo and redo. After every action the design's bytes load again.
TEST_F(Bounds, RandomActionsAtTheEdgesAlwaysLeaveADesignThatLoads)
{
    openEdited([](nlohmann::json& d) {
        nestRegion(d, int(kMaxShapeNesting) - 3);
        shapeJson(d, "c0")["x"] = kMaxDiagramCoordinate - 300;
        shapeJson(d, "c0")["y"] = -kMaxDiagramCoordinate + 300;
        shapeJson(d, "s3")["x"] = -kMaxDiagramCoordinate + 100;
        shapeJson(d, "s3")["width"] = kMaxDiagramSize - 20;
    });
    std::mt19937 rng(2026);
    auto roll = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); };
    auto anyShape = [&]() -> std::string {
        const auto& shapes = doc().design().diagram.shapes;
        return shapes.empty() ? std::string() : shapes[std::size_t(roll(int(shapes.size())))].resource.str();
    };
    view()->zoomReset();
    // 50 actions by default (about 20 s on a quiet 2-core machine, and it must stay well inside the
    // test timeout while CI fuzzes beside it); PRIVATEPATH_BOUNDS_STEPS asks for a longer run.
    const int steps = qEnvironmentVariableIsSet("PRIVATEPATH_BOUNDS_STEPS") ? qEnvironmentVariableIntValue("PRIVATEPATH_BOUNDS_STEPS") : 50;
    for (int step = 0; step < steps; ++step) {
        std::string what;
        const std::string id = anyShape();
        ResourceItem* item = id.empty() ? nullptr : scene()->itemFor(id);
        switch (roll(9)) {
        case 0:
        case 1:
            if (item) {
                const QPointF from = item->mapToScene(QPointF(8, 8));
                view()->centerOn(from);
                dragOnCanvas(from, from + QPointF(roll(601) - 300, roll(601) - 300));
                what = "drag " + id;
            }
            break;
        case 2:
            if (item) {
                select(id);
                view()->setFocus();
                const Qt::Key keys[] = {Qt::Key_Left, Qt::Key_Right, Qt::Key_Up, Qt::Key_Down};
                for (int i = 0; i < 4; ++i)
                    QTest::keyClick(view(), keys[roll(4)], Qt::ShiftModifier);
                what = "nudge " + id;
            }
            break;
        case 3:
            if (item && style::isContainer(item->kind())) {
                scene()->clearSelection();
                const QPointF handle = item->mapToScene(item->resizeHandle().center());
                view()->centerOn(handle);
                dragOnCanvas(handle, handle + QPointF(roll(400), roll(400)));
                what = "resize " + id;
            }
            break;
        case 4:
            if (item) {
                select(id);
                window->copySelection();
                const std::string into = anyShape();
                if (ResourceItem* target = scene()->itemFor(into)) {
                    const QPointF at = target->mapToScene(QPointF(20, 60));
                    view()->centerOn(at);
                    window->pasteAt(at);
                }
                what = "paste " + id + " into " + into;
            }
            break;
        case 5:
            if (item) {
                select(id);
                view()->setFocus();
                QTest::keyClick(view(), Qt::Key_D, Qt::ControlModifier);
                what = "duplicate " + id;
            }
            break;
        case 6: {
            const char* names[] = {"actionAlignLeft", "actionAlignRight", "actionAlignBottom", "actionSameSize",
                                   "actionDistributeVertically"};
            scene()->clearSelection();
            for (int i = 0; i < 3; ++i)
                if (ResourceItem* it = scene()->itemFor(anyShape()))
                    it->setSelected(true);
            if (QAction* action = window->action(QString::fromLatin1(names[roll(5)])))
                action->trigger();
            what = "arrange";
            break;
        }
        case 7:
            doc().undoStack()->undo();
            what = "undo";
            break;
        default:
            doc().undoStack()->redo();
            what = "redo";
        }
        expectLoads("step " + std::to_string(step) + ": " + what);
        if (HasFailure())
            return;
    }
    QString error;
    ASSERT_TRUE(doc().saveAs(dir.filePath(QStringLiteral("monkey.privatepath")), &error)) << error.toStdString();
    EXPECT_TRUE(loadDesignFile(dir.filePath(QStringLiteral("monkey.privatepath")).toStdString()).ok());
}

} // namespace
} // namespace pp::ui
