// The canvas as a user meets it: what a click picks, Select All + Delete, paste and duplicate,
// keys, rename in place, context menus, Draw Flow, drops, highlights, documents, stacking order.
#include "EditorFixture.h"

#include <QScreen>

#include "edit/Clipboard.h"
#include "edit/Defaults.h"
#include "lint/Lint.h"

#include "panels/IssuesPanel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QLineEdit>
#include <QMenu>
#include <QSettings>
#include <QTimer>
#include <QToolBar>
#include <QToolTip>

namespace pp::ui {
namespace {

class Canvas : public Editor {
protected:
    void open(const char* example)
    {
        ASSERT_TRUE(window->openFile(source(QStringLiteral("resources/examples/%1.privatepath").arg(QLatin1String(example)))));
    }
    QAction* act(const char* name) { return window->action(QString::fromLatin1(name)); }
    // A real click on the canvas at a scene position.
    void click(QPointF scenePos, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
    {
        QTest::mouseClick(view()->viewport(), Qt::LeftButton, modifiers, view()->mapFromScene(scenePos));
    }
    QStringList selectedIds()
    {
        QStringList out;
        for (const ResourceId& id : scene()->selectedResources())
            out << QString::fromStdString(id.str());
        for (const FlowId& id : scene()->selectedFlows())
            out << QString::fromStdString(id.str());
        out.sort();
        return out;
    }
    Shape shapeOf(const std::string& id)
    {
        for (const Shape& s : doc().design().diagram.shapes)
            if (s.resource.str() == id)
                return s;
        return {};
    }
    std::vector<std::string> errorCodes()
    {
        std::vector<std::string> out;
        for (const Finding& f : doc().analysis().findings)
            if (f.severity == Severity::Error)
                out.push_back(f.code);
        return out;
    }
    // Opens the canvas context menu at a scene position and returns its entries' texts (the menu
    // is closed again).
    QStringList contextMenuAt(QPointF scenePos)
    {
        QStringList texts;
        QTimer::singleShot(0, [&] {
            if (auto* menu = qobject_cast<QMenu*>(QApplication::activePopupWidget())) {
                for (QAction* a : menu->actions())
                    if (!a->isSeparator())
                        texts << a->text().remove(QLatin1Char('&'));
                menu->close();
            }
        });
        const QPoint at = view()->mapFromScene(scenePos);
        QContextMenuEvent event(QContextMenuEvent::Mouse, at, view()->viewport()->mapToGlobal(at));
        QApplication::sendEvent(view()->viewport(), &event);
        return texts;
    }
};

TEST_F(Canvas, SelectAllDeleteUndoOnEveryExampleKeepsTheEditorAndGivesTheFileBack)
{
    const QDir dir(source(QStringLiteral("resources/examples")));
    for (const QString& file : dir.entryList({QStringLiteral("*.privatepath")}, QDir::Files)) {
        SCOPED_TRACE(file.toStdString());
        ASSERT_TRUE(window->openFile(dir.filePath(file)));
        view()->setFocus();
        // The keys a user presses, on the canvas.
        QTest::keyClick(view(), Qt::Key_A, Qt::ControlModifier);
        EXPECT_EQ(scene()->selectedItems().size(), scene()->itemCount() + int(doc().design().flows().size()));
        // A flow is selected among the rest: its path must not be shown from a half-deleted scene.
        QTest::keyClick(view(), Qt::Key_Delete);
        // What is never drawn (a prefix list) may stay; nothing drawn does.
        EXPECT_TRUE(doc().design().diagram.shapes.empty());
        EXPECT_TRUE(doc().design().flows().empty());
        EXPECT_EQ(scene()->itemCount(), 0);
        for (QGraphicsItem* left : scene()->items())
            ADD_FAILURE() << "left behind: item of type " << left->type();
        EXPECT_EQ(doc().undoStack()->count(), 1) << "one step";
        QTest::keyClick(view(), Qt::Key_Z, Qt::ControlModifier);
        EXPECT_EQ(QByteArray::fromStdString(saveDesignToString(doc().design())), readAll(dir.filePath(file)));
        for (const Shape& s : doc().design().diagram.shapes)
            EXPECT_NE(scene()->itemFor(s.resource.str()), nullptr);
        for (const Flow& f : doc().design().flows())
            EXPECT_NE(scene()->flowItemFor(f.id.str()), nullptr);
    }
}

TEST_F(Canvas, AnEditKeepsUnrelatedItemsTheSelectionAndTheView)
{
    open("s3-gateway-endpoint");
    ResourceItem* vpc = scene()->itemFor("vpc-a");
    FlowItem* flow = scene()->flowItemFor("flow-s3-via-endpoint");
    select("i-app-s3");
    const QPointF centre = view()->mapToScene(view()->viewport()->rect().center());
    window->nudge(20, 0);
    EXPECT_EQ(scene()->itemFor("vpc-a"), vpc) << "updated in place, not rebuilt";
    EXPECT_EQ(scene()->flowItemFor("flow-s3-via-endpoint"), flow);
    EXPECT_EQ(selectedIds(), QStringList{QStringLiteral("i-app-s3")});
    EXPECT_EQ(view()->mapToScene(view()->viewport()->rect().center()), centre);
}

TEST_F(Canvas, AClickOnATileInsideAFlowsRouteSelectsTheTileAndADragMovesIt)
{
    // Tiles lying inside the area some flow's or link's route encloses: the old picking took the
    // connector there. Every example, every such tile.
    const QDir dir(source(QStringLiteral("resources/examples")));
    int tried = 0;
    for (const QString& file : dir.entryList({QStringLiteral("*.privatepath")}, QDir::Files)) {
        ASSERT_TRUE(window->openFile(dir.filePath(file)));
        view()->zoomReset();
        std::vector<QPainterPath> routes;
        for (QGraphicsItem* item : scene()->items())
            if (auto* c = dynamic_cast<ConnectorItem*>(item))
                routes.push_back(c->path());
        for (const Shape& s : doc().design().diagram.shapes) {
            ResourceItem* tile = scene()->itemFor(s.resource.str());
            if (!tile || style::isContainer(tile->kind()))
                continue;
            const QPointF centre = tile->mapToScene(QRectF(QPointF(), tile->size()).center());
            if (std::none_of(routes.begin(), routes.end(), [&](const QPainterPath& r) { return r.contains(centre); }))
                continue;
            ++tried;
            view()->centerOn(centre);
            click(centre);
            EXPECT_EQ(selectedIds(), QStringList{QString::fromStdString(s.resource.str())}) << file.toStdString();
        }
    }
    EXPECT_GT(tried, 3);
    // And a drag of one of them moves it, as one step.
    open("s3-gateway-endpoint");
    view()->zoomReset();
    ResourceItem* tile = scene()->itemFor("i-app-s3");
    const QPointF from = tile->mapToScene(QRectF(QPointF(), tile->size()).center());
    const Shape before = shapeOf("i-app-s3");
    view()->centerOn(from);
    dragOnCanvas(from, from + QPointF(40, 0));
    EXPECT_EQ(shapeOf("i-app-s3").x, before.x + 40);
    EXPECT_EQ(doc().undoStack()->count(), 1);
}

TEST_F(Canvas, AFlowIsPickedNearItsStrokeOnly)
{
    open("s3-gateway-endpoint");
    view()->zoomReset();
    FlowItem* flow = scene()->flowItemFor("flow-s3-via-endpoint");
    const QPainterPath route = flow->path();
    // A point on the route where no tile is.
    QPointF onStroke;
    for (double t = 0.3; t <= 0.7; t += 0.05) {
        const QPointF p = route.pointAtPercent(t);
        if (dynamic_cast<FlowItem*>(scene()->pick(p)) == flow) {
            onStroke = p;
            break;
        }
    }
    ASSERT_FALSE(onStroke.isNull());
    view()->centerOn(onStroke);
    click(onStroke);
    EXPECT_EQ(selectedIds(), QStringList{QStringLiteral("flow-s3-via-endpoint")});
    // 30 units off the stroke it is not the flow.
    for (QPointF off : {onStroke + QPointF(30, 30), onStroke - QPointF(30, 30)})
        EXPECT_NE(scene()->pick(off), flow);
}

TEST_F(Canvas, AClickInsideASubnetBodySelectsItAndADragMovesItWithItsContents)
{
    open("s3-gateway-endpoint");
    view()->zoomReset();
    ResourceItem* subnet = scene()->itemFor("app-a");
    // Empty body: right of the title, above the bottom edge, away from tiles.
    QPointF body;
    for (double y = subnet->size().height() - 12; y > 50 && body.isNull(); y -= 10)
        for (double x = 12; x < subnet->size().width() - 12; x += 10)
            if (scene()->pick(subnet->mapToScene(QPointF(x, y))) == subnet) {
                body = subnet->mapToScene(QPointF(x, y));
                break;
            }
    ASSERT_FALSE(body.isNull());
    view()->centerOn(body);
    click(body);
    EXPECT_EQ(selectedIds(), QStringList{QStringLiteral("app-a")});
    const Shape subnetBefore = shapeOf("app-a"), childBefore = shapeOf("i-app-nat");
    const QPointF childScene = scene()->itemFor("i-app-nat")->scenePos();
    dragOnCanvas(body, body + QPointF(0, 20));
    EXPECT_EQ(shapeOf("app-a").y, subnetBefore.y + 20);
    EXPECT_EQ(shapeOf("i-app-nat").y, childBefore.y) << "children are relative: unchanged in the file";
    EXPECT_EQ(scene()->itemFor("i-app-nat")->scenePos(), childScene + QPointF(0, 20)) << "and moved on the canvas";
}

TEST_F(Canvas, AResizeHandleWorksOnTheFirstPress)
{
    open("s3-gateway-endpoint");
    view()->zoomReset();
    scene()->clearSelection();
    ResourceItem* subnet = scene()->itemFor("app-a");
    const QPointF handle = subnet->mapToScene(subnet->resizeHandle().center());
    const Shape before = shapeOf("app-a");
    view()->centerOn(handle);
    dragOnCanvas(handle, handle + QPointF(40, 20));
    EXPECT_EQ(shapeOf("app-a").width, before.width + 40);
    EXPECT_EQ(shapeOf("app-a").x, before.x) << "resized, not moved";
}

TEST_F(Canvas, PasteIntoAnotherSubnetGivesNoNewFindingsSelectsTheCopyAndUndoesAsPaste)
{
    open("s3-gateway-endpoint");
    const auto findingsBefore = doc().analysis().findings.size();
    select("i-app-nat");
    window->copySelection();
    const std::string target = "app-b";
    ASSERT_NE(scene()->itemFor(target), nullptr);
    window->pasteAt(insideOf(target, 20, 60));
    const QStringList selected = selectedIds();
    ASSERT_EQ(selected.size(), 1);
    const Workload* copy = doc().design().findAs<Workload>(ResourceId(selected.first().toStdString()));
    ASSERT_NE(copy, nullptr);
    EXPECT_EQ(copy->subnet.str(), target);
    EXPECT_EQ(doc().analysis().findings.size(), findingsBefore) << "no duplicate address, nothing new";
    EXPECT_EQ(doc().undoStack()->undoText(), QStringLiteral("Paste"));
    // Duplicate is undone as Duplicate.
    select("i-app-nat");
    window->duplicate();
    EXPECT_EQ(doc().undoStack()->undoText(), QStringLiteral("Duplicate"));
    EXPECT_EQ(selectedIds().size(), 1);
    EXPECT_NE(selectedIds().first(), QStringLiteral("i-app-nat"));
    EXPECT_EQ(doc().analysis().findings.size(), findingsBefore);
}

TEST_F(Canvas, PastingTextThatIsNotADesignSaysSoAndChangesNothing)
{
    open("s3-gateway-endpoint");
    QApplication::clipboard()->setText(QStringLiteral("hello"));
    window->pasteAt(insideOf("app-a", 20, 60));
    EXPECT_EQ(doc().undoStack()->count(), 0);
    EXPECT_TRUE(window->statusBar()->currentMessage().contains(QStringLiteral("paste"), Qt::CaseInsensitive));
}

TEST_F(Canvas, ArrowKeysNudgeAndABurstIsOneUndoStep)
{
    open("s3-gateway-endpoint");
    select("i-app-s3");
    const Shape before = shapeOf("i-app-s3");
    view()->setFocus();
    for (int i = 0; i < 3; ++i)
        QTest::keyClick(view(), Qt::Key_Right);
    QTest::keyClick(view(), Qt::Key_Down, Qt::ShiftModifier);
    EXPECT_EQ(shapeOf("i-app-s3").x, before.x + 3);
    EXPECT_EQ(shapeOf("i-app-s3").y, before.y + style::kGrid);
    EXPECT_EQ(doc().undoStack()->count(), 1);
    doc().undoStack()->undo();
    EXPECT_EQ(shapeOf("i-app-s3"), before);
}

TEST_F(Canvas, EscapeLeavesDrawFlow)
{
    open("s3-gateway-endpoint");
    QAction* flowTool = act("drawFlow");
    flowTool->setChecked(true);
    ASSERT_TRUE(view()->flowMode());
    view()->setFocus();
    QTest::keyClick(view(), Qt::Key_Escape);
    EXPECT_FALSE(view()->flowMode());
    EXPECT_FALSE(flowTool->isChecked());
}

TEST_F(Canvas, ANewFlowIsSelectedWithItsPathShown)
{
    open("s3-gateway-endpoint");
    view()->zoomReset();
    act("drawFlow")->setChecked(true);
    const QPointF from = centreOf("i-app-s3"), to = centreOf("s3");
    view()->fitAll();
    dragOnCanvas(from, to);
    const QList<FlowId> flows = scene()->selectedFlows();
    ASSERT_EQ(flows.size(), 1);
    EXPECT_EQ(window->pathPanel()->shownFlow(), flows.first());
    EXPECT_EQ(scene()->shownFlow(), flows.first());
}

TEST_F(Canvas, DrawFlowFromSomethingThatCannotBeAnEndSaysWhy)
{
    open("s3-gateway-endpoint");
    act("drawFlow")->setChecked(true);
    view()->fitAll();
    const std::size_t flows = doc().design().flows().size();
    dragOnCanvas(insideOf("app-a", 200, 10), centreOf("s3"));
    EXPECT_EQ(doc().design().flows().size(), flows);
    EXPECT_TRUE(window->statusBar()->currentMessage().contains(QStringLiteral("subnet"), Qt::CaseInsensitive))
        << window->statusBar()->currentMessage().toStdString();
}

TEST_F(Canvas, F2AndDoubleClickRenameInPlaceAndEscapeCancels)
{
    open("s3-gateway-endpoint");
    select("i-app-s3");
    view()->setFocus();
    QTest::keyClick(view(), Qt::Key_F2);
    QLineEdit* editor = view()->renameEditor();
    ASSERT_NE(editor, nullptr);
    editor->selectAll();
    QTest::keyClicks(editor, QStringLiteral("Billing"));
    QTest::keyClick(editor, Qt::Key_Return);
    EXPECT_EQ(doc().design().find(ResourceId("i-app-s3"))->name, "Billing");
    EXPECT_EQ(doc().undoStack()->undoText(), QStringLiteral("Rename i-app-s3"));
    // Double-click, type, Escape: nothing changes.
    view()->zoomReset();
    const QPointF at = centreOf("i-app-s3");
    view()->centerOn(at);
    QTest::mouseDClick(view()->viewport(), Qt::LeftButton, Qt::NoModifier, view()->mapFromScene(at));
    editor = view()->renameEditor();
    ASSERT_NE(editor, nullptr);
    QTest::keyClicks(editor, QStringLiteral("xyz"));
    QTest::keyClick(editor, Qt::Key_Escape);
    EXPECT_EQ(view()->renameEditor(), nullptr);
    EXPECT_EQ(doc().design().find(ResourceId("i-app-s3"))->name, "Billing");
}

TEST_F(Canvas, ContextMenusOfferWhatAppliesThere)
{
    open("s3-gateway-endpoint");
    view()->zoomReset();
    const QPointF tile = centreOf("i-app-s3");
    view()->centerOn(tile);
    const QStringList onTile = contextMenuAt(tile);
    for (const char* entry : {"Rename", "Duplicate", "Delete", "Draw Flow From Here"})
        EXPECT_TRUE(onTile.contains(QString::fromLatin1(entry))) << entry << " in " << onTile.join(", ").toStdString();
    EXPECT_EQ(selectedIds(), QStringList{QStringLiteral("i-app-s3")}) << "a right click selects what it is on";
    const QStringList onSubnet = contextMenuAt(insideOf("app-a", 200, 10));
    for (const char* entry : {"Associate with Route Table", "Select Contents", "Paste Here"})
        EXPECT_TRUE(onSubnet.contains(QString::fromLatin1(entry))) << entry << " in " << onSubnet.join(", ").toStdString();
    const QRectF all = scene()->itemsBoundingRect();
    view()->centerOn(all.bottomRight() + QPointF(200, 200));
    const QStringList onEmpty = contextMenuAt(all.bottomRight() + QPointF(200, 200));
    for (const char* entry : {"Paste Here", "Select All", "Fit to View"})
        EXPECT_TRUE(onEmpty.contains(QString::fromLatin1(entry))) << entry << " in " << onEmpty.join(", ").toStdString();
}

TEST_F(Canvas, DeselectingAFlowClearsItsPathAndReopeningShowsNone)
{
    open("s3-gateway-endpoint");
    select("flow-s3-via-nat");
    EXPECT_EQ(scene()->shownFlow().str(), "flow-s3-via-nat");
    scene()->clearSelection();
    EXPECT_TRUE(scene()->shownFlow().empty());
    EXPECT_TRUE(window->pathPanel()->shownFlow().empty());
    select("flow-s3-via-nat");
    open("s3-gateway-endpoint");
    EXPECT_TRUE(scene()->shownFlow().empty()) << "no stale path after reopening";
    EXPECT_TRUE(window->pathPanel()->shownFlow().empty());
    EXPECT_TRUE(scene()->selectedItems().isEmpty());
    window->newDocument();
    EXPECT_TRUE(scene()->shownFlow().empty());
}

TEST_F(Canvas, ADesignFileDroppedOnTheWindowOpens)
{
    const QString file = source(QStringLiteral("resources/examples/third-party-service.privatepath"));
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(file)});
    const QPoint at = view()->viewport()->rect().center();
    QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(view()->viewport(), &enter);
    EXPECT_TRUE(enter.isAccepted());
    QDropEvent drop(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(view()->viewport(), &drop);
    QTRY_COMPARE(doc().filePath(), file);
}

TEST_F(Canvas, FileCloseLeavesAnEmptyUntitledDesign)
{
    open("s3-gateway-endpoint");
    act("actionClose")->trigger();
    EXPECT_TRUE(doc().design().resources().empty());
    EXPECT_TRUE(doc().filePath().isEmpty());
    EXPECT_EQ(scene()->itemCount(), 0);
}

TEST_F(Canvas, ToolbarButtonsAreIconsWithTooltipsAndKeepTheirWidth)
{
    auto* bar = window->findChild<QToolBar*>(QStringLiteral("mainToolBar"));
    ASSERT_NE(bar, nullptr);
    for (QAction* a : bar->actions()) {
        if (a->isSeparator() || !bar->widgetForAction(a) || qobject_cast<QLineEdit*>(bar->widgetForAction(a)))
            continue;
        EXPECT_FALSE(a->icon().isNull()) << a->text().toStdString();
        EXPECT_FALSE(a->toolTip().isEmpty()) << a->text().toStdString();
    }
    const int before = bar->sizeHint().width();
    open("s3-gateway-endpoint");
    select("i-app-s3");
    window->nudge(20, 0);
    EXPECT_EQ(bar->sizeHint().width(), before) << "Undo's new text does not resize the toolbar";
}

TEST_F(Canvas, TooltipsNameFlowsAndFindings)
{
    open("s3-gateway-endpoint");
    view()->zoomReset();
    FlowItem* flow = scene()->flowItemFor("flow-s3-via-nat");
    EXPECT_TRUE(flow->toolTip().contains(QStringLiteral("App (NAT only) to S3")));
    EXPECT_TRUE(flow->toolTip().contains(style::verdictLabel(Verdict::Public)));
    const QPointF tile = centreOf("i-app-s3");
    view()->centerOn(tile);
    const QPoint at = view()->mapFromScene(tile);
    QHelpEvent help(QEvent::ToolTip, at, view()->viewport()->mapToGlobal(at));
    QApplication::sendEvent(view()->viewport(), &help);
    EXPECT_TRUE(QToolTip::text().contains(QStringLiteral("i-app-s3"))) << QToolTip::text().toStdString();
}

TEST_F(Canvas, AFileWithErrorFindingsOpensWithThemInTheIssuesPanel)
{
    // Two instances with one address: the loader reads it, the findings say what is wrong.
    QByteArray text = readAll(source(QStringLiteral("resources/examples/s3-gateway-endpoint.privatepath")));
    text.replace("\"privateIp\": \"10.0.2.10\"", "\"privateIp\": \"10.0.1.10\"");
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("broken.privatepath"));
    QFile out(file);
    ASSERT_TRUE(out.open(QIODevice::WriteOnly));
    out.write(text);
    out.close();
    ASSERT_TRUE(window->openFile(file)) << window->lastError().toStdString();
    EXPECT_FALSE(errorCodes().empty());
    EXPECT_GT(window->issuesPanel()->topLevelItemCount(), 0);
    for (const Shape& s : doc().design().diagram.shapes)
        EXPECT_NE(scene()->itemFor(s.resource.str()), nullptr);
}

TEST_F(Canvas, AResourceDrawnInTheWrongBoxIsDrawnWhereTheModelPutsIt)
{
    // i-app-s3 lives in subnet app-b but the file draws it in app-a's box.
    Design d = *loadDesignFile(source(QStringLiteral("resources/examples/s3-gateway-endpoint.privatepath")).toStdString()).design;
    for (Shape& s : d.diagram.shapes)
        if (s.resource.str() == "i-app-s3")
            s.parent = ResourceId("app-a");
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("misdrawn.privatepath"));
    ASSERT_TRUE(saveDesignFile(d, file.toStdString()).ok);
    ASSERT_TRUE(window->openFile(file));
    EXPECT_EQ(shapeOf("i-app-s3").parent, ResourceId("app-b"));
    EXPECT_EQ(scene()->itemFor("i-app-s3")->parentItem(), scene()->itemFor("app-b"));
    EXPECT_EQ(doc().undoStack()->count(), 1) << "one step the user can undo";
}

TEST_F(Canvas, BringToFrontPaintsATileAboveTheOneItOverlapsAndSurvivesSaveAndUndo)
{
    open("s3-gateway-endpoint");
    view()->zoomReset();
    view()->centerOn((centreOf("rt-pub") + centreOf("rt-app-nat")) / 2);
    // Drag rt-app-nat half over rt-pub: being later in the drawing, it is painted above.
    dragOnCanvas(centreOf("rt-app-nat"), centreOf("rt-pub") + QPointF(40, 30));
    const QRectF both = scene()->itemFor("rt-pub")->sceneBoundingRect() & scene()->itemFor("rt-app-nat")->sceneBoundingRect();
    ASSERT_FALSE(both.isEmpty()) << "the tiles overlap";
    const QPointF spot = both.center();
    auto topmost = [&]() -> std::string {
        for (QGraphicsItem* item : scene()->items(spot, Qt::IntersectsItemBoundingRect, Qt::DescendingOrder))
            if (auto* r = dynamic_cast<ResourceItem*>(item); r && !style::isContainer(r->kind()))
                return r->resourceId().str();
        return {};
    };
    ASSERT_EQ(topmost(), "rt-app-nat");
    const QByteArray before = QByteArray::fromStdString(saveDesignToString(doc().design()));

    select("rt-pub");
    EXPECT_EQ(act("actionBringToFront")->shortcut(), QKeySequence(QStringLiteral("Ctrl+Shift+]")));
    EXPECT_EQ(act("actionSendToBack")->shortcut(), QKeySequence(QStringLiteral("Ctrl+Shift+[")));
    EXPECT_TRUE(contextMenuAt(centreOf("rt-pub") - QPointF(30, 20)).contains(QStringLiteral("Bring to Front")));
    select("rt-pub");
    act("actionBringToFront")->trigger();
    EXPECT_EQ(topmost(), "rt-pub") << "painted above the tile it overlaps";
    EXPECT_GT(scene()->itemFor("rt-pub")->zValue(), scene()->itemFor("rt-app-nat")->zValue());
    EXPECT_EQ(doc().undoStack()->undoText(), QStringLiteral("Bring to front"));
    EXPECT_TRUE(scene()->itemFor("rt-pub")->isSelected()) << "the selection stays";
    doc().undoStack()->undo();
    EXPECT_EQ(topmost(), "rt-app-nat") << "undo restores the stacking";
    EXPECT_EQ(QByteArray::fromStdString(saveDesignToString(doc().design())), before) << "and the document";
    doc().undoStack()->redo();
    EXPECT_EQ(topmost(), "rt-pub");

    // Saved and reopened: still above.
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("stacked.privatepath"));
    ASSERT_TRUE(window->saveTo(file));
    ASSERT_TRUE(window->openFile(file));
    EXPECT_EQ(topmost(), "rt-pub") << "the order is in the file";
    EXPECT_EQ(doc().undoStack()->count(), 0) << "opening it changes nothing";
    select("rt-pub");
    act("actionSendToBack")->trigger();
    EXPECT_EQ(topmost(), "rt-app-nat") << "sent back below it";
}

TEST_F(Canvas, OpeningAFileWhoseVpcHasNoMainRouteTableDrawsOneAsAnUndoableStep)
{
    QByteArray text = readAll(source(QStringLiteral("resources/examples/s3-gateway-endpoint.privatepath")));
    ASSERT_EQ(text.count("\"main\": true,"), 1);
    text.replace("\"main\": true,", "");
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("no-main.privatepath"));
    QFile out(file);
    ASSERT_TRUE(out.open(QIODevice::WriteOnly));
    out.write(text);
    out.close();
    ASSERT_TRUE(window->openFile(file)) << window->lastError().toStdString();
    const auto main = mainRouteTableOf(doc().design(), ResourceId("vpc-a"));
    ASSERT_TRUE(main) << "AWS always has one: it is drawn";
    ResourceItem* tile = scene()->itemFor(main->str());
    ASSERT_NE(tile, nullptr);
    EXPECT_EQ(tile->parentItem(), scene()->itemFor("vpc-a"));
    EXPECT_EQ(doc().undoStack()->count(), 1) << "one step the user can undo";
    EXPECT_TRUE(window->statusBar()->currentMessage().contains(QStringLiteral("main route table")))
        << window->statusBar()->currentMessage().toStdString();
    for (const FlowResult& r : doc().analysis().flows)
        EXPECT_EQ(r.expectationMet, true) << r.flow.str() << ": routing is the same";
    doc().undoStack()->undo();
    EXPECT_FALSE(mainRouteTableOf(doc().design(), ResourceId("vpc-a")));
    EXPECT_EQ(scene()->itemFor(main->str()), nullptr);
}

TEST_F(Canvas, EveryTestProcessHasItsOwnSettings)
{
    // Settings live in this process's own temporary folder, never in the user's.
    EXPECT_TRUE(QSettings().fileName().startsWith(QDir::tempPath())) << QSettings().fileName().toStdString();
}

TEST_F(Canvas, WhenANeighbourMovesCloserATileLabelMakesRoomForIt)
{
    // "App routes: NAT + S3 endpoint" wraps in the room "App servers" leaves beside it. Drawn from
    // the tile's cached image, the label must still be measured again when the neighbour moves.
    open("s3-gateway-endpoint");
    view()->zoomReset();
    view()->centerOn(centreOf("rt-app-s3"));
    QApplication::processEvents();
    ResourceItem* table = scene()->itemFor("rt-app-s3");
    const QRect under = view()->mapFromScene(table->mapToScene(QRectF(-30, 40, table->size().width() + 60, table->size().height()))).boundingRect();
    // What the window shows (its backing store, where cached tile images are drawn), not a fresh render.
    auto labelPixels = [&] {
        view()->viewport()->repaint();
        const QPoint at = view()->viewport()->mapTo(window.get(), under.topLeft());
        return window->screen()->grabWindow(window->winId(), at.x(), at.y(), under.width(), under.height()).toImage();
    };
    const QImage wrapped = labelPixels();
    Shape away;
    for (const Shape& shape : doc().design().diagram.shapes)
        if (shape.resource == ResourceId("sg-app"))
            away = shape;
    away.x = 720 + 90 + 10; // 10 units clear of the table: much less room for its label
    doc().apply(ChangeSetBuilder(doc().design()).setShape(away).build(), QStringLiteral("Move"));
    QApplication::processEvents();
    ASSERT_EQ(scene()->itemFor("sg-app")->pos().x(), 820) << "moved where asked";
    const QImage narrow = labelPixels();
    EXPECT_NE(narrow, wrapped) << "the label was laid out again in the room left";
    doc().undoStack()->undo();
    QApplication::processEvents();
    EXPECT_EQ(labelPixels(), wrapped) << "and as before when the neighbour is back";
}

} // namespace
} // namespace pp::ui
