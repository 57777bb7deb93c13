// Big designs and room for the canvas (issue 12): Find by name, id, address or block zooms to
// the match and leaves the focus on the canvas; zoomed out, container titles stay readable; the
// overview follows the view and pans it; the zoom is shown in the status bar; the canvas keeps
// most of the window and the panels' layout is remembered.
#include "EditorFixture.h"

#include "canvas/Navigator.h"
#include "canvas/Style.h"
#include "canvas/TitleOverlay.h"
#include "edit/Find.h"
#include "generate/ScenarioGenerator.h"

#include <QDockWidget>
#include <QImage>
#include <QLineEdit>
#include <QMenu>
#include <QSettings>
#include <QToolButton>
#include <QWheelEvent>

namespace pp::ui {
namespace {

class BigDesign : public Editor {
protected:
    void SetUp() override
    {
        Editor::SetUp();
        window->resize(1600, 1000);
        auto design = generateScenario({6, 3, 3, 1});
        ASSERT_TRUE(design);
        doc().reset(std::move(*design));
        window->activateWindow();
        ASSERT_TRUE(QTest::qWaitForWindowActive(window.get()));
        view()->fitAll();
        QApplication::processEvents();
    }

    const Resource& firstWith(auto predicate)
    {
        for (const Resource& r : doc().design().resources())
            if (predicate(r))
                return r;
        throw std::runtime_error("no such resource in the generated design");
    }

    void find(const QString& text)
    {
        auto* field = window->findChild<QLineEdit*>(QStringLiteral("find"));
        QTest::keyClick(window.get(), Qt::Key_F, Qt::ControlModifier);
        field->setText(text);
        QTest::keyClick(field, Qt::Key_Return);
    }

    // Whether the item is drawn in the middle third of the canvas.
    bool centred(const std::string& id)
    {
        const QPoint at = view()->mapFromScene(centreOf(id));
        const QRect middle(view()->viewport()->width() / 3, view()->viewport()->height() / 3, view()->viewport()->width() / 3,
                           view()->viewport()->height() / 3);
        return middle.contains(at);
    }

    QString status() { return window->statusBar()->currentMessage(); }
};

TEST_F(BigDesign, FindByAddressSelectsZoomsToAndCentresTheHolderAndLeavesFocusOnCanvas)
{
    // The instance nearest the middle of the design (the view cannot centre what is at an edge).
    const QPointF middle = scene()->itemsBoundingRect().center();
    const Resource* nearest = nullptr;
    for (const Resource& r : doc().design().resources())
        if (r.as<Workload>() && r.as<Workload>()->privateIp && scene()->itemFor(r.id.str()) &&
            (!nearest || QLineF(centreOf(r.id.str()), middle).length() < QLineF(centreOf(nearest->id.str()), middle).length()))
            nearest = &r;
    ASSERT_NE(nearest, nullptr);
    const Resource& instance = *nearest;
    const QString address = QString::fromStdString(instance.as<Workload>()->privateIp->toString());
    ASSERT_LT(view()->zoom(), 0.6); // fit to view of the whole estate: tiles unreadable
    find(address);
    EXPECT_EQ(scene()->selectedResources(), QList<ResourceId>{instance.id});
    EXPECT_GE(view()->zoom(), 0.6);
    EXPECT_TRUE(centred(instance.id.str()));
    EXPECT_TRUE(view()->hasFocus());
    // The address also finds the subnet it is in (after the instance itself).
    const QString subnet = QString::fromStdString(instance.as<Workload>()->subnet.str());
    EXPECT_TRUE(status().startsWith(QStringLiteral("1 of "))) << status().toStdString();
    EXPECT_TRUE(status().contains(QString::fromStdString(instance.id.str()))) << status().toStdString();
    QTest::keyClick(window.get(), Qt::Key_F3);
    EXPECT_EQ(scene()->selectedResources(), QList<ResourceId>{ResourceId(subnet.toStdString())});
    EXPECT_TRUE(status().startsWith(QStringLiteral("2 of "))) << status().toStdString();
}

TEST_F(BigDesign, FindByBlockFindsTheVpcAndANatGatewaysAddressFindsTheGateway)
{
    const Resource& vpc = firstWith([](const Resource& r) { return r.as<Vpc>() != nullptr; });
    find(QString::fromStdString(vpc.as<Vpc>()->ipv4Cidrs.front().toString()));
    EXPECT_EQ(scene()->selectedResources(), QList<ResourceId>{vpc.id});
    EXPECT_TRUE(status().contains(QStringLiteral("%1 (%2)").arg(QString::fromStdString(vpc.name), QString::fromStdString(vpc.id.str()))))
        << status().toStdString();

    const Resource& nat = firstWith([](const Resource& r) { return r.as<NatGateway>() && r.as<NatGateway>()->elasticIp; });
    find(QString::fromStdString(nat.as<NatGateway>()->elasticIp->toString()));
    EXPECT_EQ(scene()->selectedResources(), QList<ResourceId>{nat.id});
    EXPECT_TRUE(view()->hasFocus());
}

TEST_F(BigDesign, F3CyclesThroughTheMatchesAndShiftF3GoesBack)
{
    // Every VPC is named "Workload VPC n".
    const std::vector<FindMatch> matches = findResources(doc().design(), "workload vpc");
    ASSERT_GE(matches.size(), 3u);
    find(QStringLiteral("Workload VPC"));
    EXPECT_EQ(scene()->selectedResources(), QList<ResourceId>{matches[0].id});
    const QString total = QString::number(matches.size());
    EXPECT_TRUE(status().startsWith(QStringLiteral("1 of %1: ").arg(total))) << status().toStdString();
    QTest::keyClick(window.get(), Qt::Key_F3);
    EXPECT_EQ(scene()->selectedResources(), QList<ResourceId>{matches[1].id});
    EXPECT_TRUE(status().startsWith(QStringLiteral("2 of %1: ").arg(total))) << status().toStdString();
    QTest::keyClick(window.get(), Qt::Key_F3);
    QTest::keyClick(window.get(), Qt::Key_F3, Qt::ShiftModifier);
    EXPECT_EQ(scene()->selectedResources(), QList<ResourceId>{matches[1].id});
    EXPECT_TRUE(view()->hasFocus());
    // Backwards from the first wraps to the last.
    QTest::keyClick(window.get(), Qt::Key_F3, Qt::ShiftModifier);
    QTest::keyClick(window.get(), Qt::Key_F3, Qt::ShiftModifier);
    EXPECT_EQ(scene()->selectedResources(), QList<ResourceId>{matches.back().id});
}

TEST(FindResources, ReasonsAndOrder)
{
    const auto design = generateScenario({2, 2, 2, 1});
    ASSERT_TRUE(design);
    // A whole address finds its holder, then the blocks holding it, the smallest first.
    const std::vector<FindMatch> byAddress = findResources(*design, " 192.168.10.20 ");
    ASSERT_GE(byAddress.size(), 2u);
    EXPECT_EQ(byAddress[0].id.str(), "dc-host");
    EXPECT_EQ(byAddress[0].reason, FindReason::HoldsAddress);
    EXPECT_EQ(byAddress[1].id.str(), "dc");
    EXPECT_EQ(byAddress[1].reason, FindReason::ContainsAddress);
    // Part of an address finds it as text; nothing matches nothing.
    const std::vector<FindMatch> partial = findResources(*design, "192.168.10");
    ASSERT_FALSE(partial.empty());
    EXPECT_EQ(partial[0].reason, FindReason::AddressText);
    EXPECT_TRUE(findResources(*design, "   ").empty());
    EXPECT_TRUE(findResources(*design, "no-such-thing").empty());
}

TEST_F(BigDesign, ZoomedOutContainerTitlesAreDrawnAtReadableSize)
{
    // Levels of detail: exports always full; far out, marks.
    EXPECT_EQ(ResourceItem::detailFor(Kind::Workload, 0.05, true), ResourceItem::Detail::Full);
    EXPECT_EQ(ResourceItem::detailFor(Kind::Workload, 0.05, false), ResourceItem::Detail::Mark);
    EXPECT_EQ(ResourceItem::detailFor(Kind::Vpc, 0.5, false), ResourceItem::Detail::Untitled);
    EXPECT_EQ(ResourceItem::detailFor(Kind::Vpc, 1.0, false), ResourceItem::Detail::Full);

    ASSERT_LT(view()->zoom(), TitleOverlay::kBelowZoom);
    const QList<TitleOverlay::Title> titles = view()->overlayTitles();
    const Resource& vpc = firstWith([](const Resource& r) { return r.as<Vpc>() != nullptr; });
    const auto it = std::find_if(titles.begin(), titles.end(), [&](const auto& t) { return t.resource.toStdString() == vpc.id.str(); });
    ASSERT_NE(it, titles.end());
    // Drawn at screen size (12 px), inside the VPC's box on screen, showing its name's start.
    EXPECT_GE(it->rect.height(), TitleOverlay::kPixelSize);
    const QRectF box = view()->mapFromScene(scene()->itemFor(vpc.id.str())->sceneBoundingRect()).boundingRect();
    EXPECT_TRUE(box.adjusted(-2, -2, 2, 2).contains(it->rect)) << it->text.toStdString();
    EXPECT_TRUE(it->text.startsWith(QStringLiteral("Work"))) << it->text.toStdString();
    // And it is really there: dark text pixels in that rectangle of the canvas.
    const QImage shot = view()->viewport()->grab().toImage();
    int dark = 0;
    const QRect r = it->rect.toAlignedRect().intersected(shot.rect());
    for (int y = r.top(); y <= r.bottom(); ++y)
        for (int x = r.left(); x <= r.right(); ++x)
            dark += qGray(shot.pixel(x, y)) < 140;
    EXPECT_GT(dark, 20);
    // At 100 % the containers draw their own titles.
    view()->zoomReset();
    EXPECT_TRUE(view()->overlayTitles().isEmpty());
}

TEST_F(BigDesign, FarOutTilesAreMarksTheirContainerDrawsAndTheyStillPickSelectAndGo)
{
    ASSERT_LT(view()->zoom(), ResourceItem::kMarkZoom);
    const std::string id = firstWith([](const Resource& r) { return r.as<Workload>() != nullptr; }).id.str();
    ResourceItem* tile = scene()->itemFor(id);
    ASSERT_TRUE(tile);
    EXPECT_TRUE(tile->drawnByContainer());
    // The mark is there, in the kind's colour, and darkens at its edge once selected.
    const QRect mark = view()->mapFromScene(tile->mapToScene(QRectF(QPointF(), tile->size()))).boundingRect();
    auto pixels = [&](auto count) {
        const QImage shot = view()->viewport()->grab().toImage();
        int n = 0;
        const QRect r = mark.adjusted(-1, -1, 1, 1).intersected(shot.rect());
        for (int y = r.top(); y <= r.bottom(); ++y)
            for (int x = r.left(); x <= r.right(); ++x)
                n += count(QColor(shot.pixel(x, y)));
        return n;
    };
    const QColor colour = style::kindColor(Kind::Workload);
    auto inColour = [&](const QColor& c) { return std::abs(c.red() - colour.red()) + std::abs(c.green() - colour.green()) + std::abs(c.blue() - colour.blue()) < 24; };
    auto black = [](const QColor& c) { return qGray(c.rgb()) < 50; };
    EXPECT_GT(pixels(inColour), 0) << "the mark is drawn";
    EXPECT_EQ(pixels(black), 0);
    // A click on the mark picks the tile (picking does not depend on who paints it).
    QTest::mouseClick(view()->viewport(), Qt::LeftButton, Qt::NoModifier, view()->mapFromScene(centreOf(id)));
    EXPECT_TRUE(tile->isSelected());
    QApplication::processEvents();
    EXPECT_GT(pixels(black), 0) << "its container repainted it selected";
    // Deleted far out: its container no longer draws it.
    QTest::keyClick(view(), Qt::Key_Delete);
    ASSERT_FALSE(scene()->itemFor(id));
    QApplication::processEvents();
    EXPECT_EQ(pixels(inColour), 0) << "no ghost mark";

    // Undone far out: drawn by its container again, where it was.
    doc().undoStack()->undo();
    QApplication::processEvents();
    ASSERT_TRUE(scene()->itemFor(id));
    EXPECT_TRUE(scene()->itemFor(id)->drawnByContainer());
    EXPECT_GT(pixels(inColour), 0) << "undo brings the mark back";

    // Zoomed in, tiles draw themselves again.
    view()->zoomReset();
    ASSERT_TRUE(scene()->itemFor(id));
    EXPECT_FALSE(scene()->itemFor(id)->drawnByContainer());
}

TEST_F(BigDesign, ZoomShownInStatusBarFollowsWheelAndPresets)
{
    auto* button = window->findChild<QToolButton*>(QStringLiteral("zoomButton"));
    ASSERT_NE(button, nullptr);
    view()->zoomReset();
    EXPECT_EQ(button->text(), QStringLiteral("100 %"));
    const QPointF at = view()->viewport()->rect().center();
    QWheelEvent wheel(at, view()->viewport()->mapToGlobal(at), QPoint(), QPoint(0, 120), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(view()->viewport(), &wheel);
    EXPECT_EQ(button->text(), QStringLiteral("115 %"));
    // The 50 % preset of its menu.
    for (QAction* a : button->menu()->actions())
        if (a->text() == QStringLiteral("50 %"))
            a->trigger();
    EXPECT_NEAR(view()->zoom(), 0.5, 1e-9);
    EXPECT_EQ(button->text(), QStringLiteral("50 %"));
}

TEST_F(BigDesign, OverviewRectangleFollowsTheViewAndAClickPans)
{
    Navigator* navigator = window->navigator();
    ASSERT_TRUE(navigator->isVisible());
    navigator->refreshNow();
    // At fit to view, the rectangle covers (about) the whole overview.
    const QRectF all = navigator->visibleRect();
    view()->setZoom(1.0);
    QApplication::processEvents();
    const QRectF zoomed = navigator->visibleRect();
    EXPECT_LT(zoomed.width() * zoomed.height(), all.width() * all.height() / 4);
    // A click elsewhere in the overview centres the canvas there: on the last VPC.
    const QPointF origin = navigator->toScene(QPointF(0, 0));
    const double scale = 1 / (navigator->toScene(QPointF(1, 0)).x() - origin.x());
    const Resource* last = nullptr;
    for (const Resource& r : doc().design().resources())
        if (r.as<Vpc>())
            last = &r;
    const QPointF target = (centreOf(last->id.str()) - origin) * scale;
    ASSERT_FALSE(navigator->visibleRect().contains(target));
    QTest::mouseClick(navigator, Qt::LeftButton, Qt::NoModifier, target.toPoint());
    // The place clicked is in sight (centred, unless the canvas cannot scroll further).
    EXPECT_TRUE(navigator->visibleRect().adjusted(3, 3, -3, -3).contains(target));
    // Dragging the rectangle moves the view with it.
    const QPointF before = view()->visibleSceneRect().center();
    const QPoint grab = navigator->visibleRect().center().toPoint();
    QTest::mousePress(navigator, Qt::LeftButton, Qt::NoModifier, grab);
    QMouseEvent move(QEvent::MouseMove, QPointF(grab - QPoint(30, 20)), navigator->mapToGlobal(QPointF(grab - QPoint(30, 20))),
                     Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(navigator, &move);
    QTest::mouseRelease(navigator, Qt::LeftButton, Qt::NoModifier, grab - QPoint(30, 20));
    EXPECT_LT(view()->visibleSceneRect().center().x(), before.x());
}

// Layout tests start from no remembered layout and leave none behind.
class Layout : public ::testing::Test {
protected:
    void SetUp() override { QSettings().remove(QStringLiteral("window")); }
    void TearDown() override { QSettings().remove(QStringLiteral("window")); }
};

TEST_F(Layout, CanvasGetsSeventyPercentOfTheDefaultWindow)
{
    MainWindow window;
    window.resize(1600, 1000);
    window.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
    const QSize canvas = window.view()->size();
    const double share = double(canvas.width() * canvas.height()) / (1600.0 * 1000.0);
    EXPECT_GE(share, 0.70) << canvas.width() << " x " << canvas.height();
    // Every panel is still one click away.
    for (const char* name : {"paletteDock", "inspectorDock", "issuesDock", "pathDock", "historyDock", "navigatorDock"}) {
        auto* dock = window.findChild<QDockWidget*>(QString::fromLatin1(name));
        ASSERT_NE(dock, nullptr) << name;
        EXPECT_FALSE(dock->isHidden()) << name;
    }
}

TEST_F(Layout, LayoutIsRememberedByTheNextWindowAndResetPutsItBack)
{
    {
        MainWindow first;
        first.resize(1600, 1000);
        first.show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(&first));
        first.findChild<QDockWidget*>(QStringLiteral("navigatorDock"))->close();
        auto* issues = first.findChild<QDockWidget*>(QStringLiteral("issuesDock"));
        first.addDockWidget(Qt::LeftDockWidgetArea, issues);
        QApplication::processEvents();
        ASSERT_TRUE(first.close());
    }
    MainWindow second;
    second.resize(1600, 1000);
    second.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&second));
    auto* navigator = second.findChild<QDockWidget*>(QStringLiteral("navigatorDock"));
    auto* issues = second.findChild<QDockWidget*>(QStringLiteral("issuesDock"));
    EXPECT_TRUE(navigator->isHidden());
    EXPECT_EQ(second.dockWidgetArea(issues), Qt::LeftDockWidgetArea);
    second.action(QStringLiteral("actionResetLayout"))->trigger();
    QApplication::processEvents();
    EXPECT_FALSE(navigator->isHidden());
    EXPECT_EQ(second.dockWidgetArea(issues), Qt::RightDockWidgetArea);
    // A layout saved by an older version of the docks is not applied.
    navigator->hide();
    QSettings().setValue(QStringLiteral("window/state"), second.saveState(MainWindow::kLayoutVersion - 1));
    MainWindow third;
    EXPECT_FALSE(third.findChild<QDockWidget*>(QStringLiteral("navigatorDock"))->isHidden());
}

} // namespace
} // namespace pp::ui
