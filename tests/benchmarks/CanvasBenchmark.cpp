// The canvas on generated designs of about 10,000 resources, as the editor issue measures it:
// - a click on a tile until it is selected and the window has answered (inspector shown);
// - one mouse-move step of dragging a VPC that holds about 200 resources, repaint included (the
//   frame rate is 1 / time);
// - pasting 100 resources (a copied VPC) into the Region, re-analysis included.
// Targets: click <= 16 ms; drag >= 30 frames per second (<= 33 ms a step); paste <= 100 ms.
#include "MainWindow.h"
#include "canvas/DiagramScene.h"
#include "canvas/DiagramView.h"
#include "canvas/ResourceItem.h"
#include "canvas/Style.h"
#include "document/Document.h"
#include "generate/ScenarioGenerator.h"

#include "Scenarios.h"
#include "io/DesignFile.h"

#include <QApplication>
#include <QFile>
#include <QTemporaryDir>
#include <map>
#include <unistd.h>
#include <QMouseEvent>
#include <QTest>
#include <QUndoStack>
#include <benchmark/benchmark.h>

namespace {

using pp::ui::MainWindow;
using pp::ui::ResourceItem;

// 10,000 resources: `subnets` private subnets of 10 instances in each VPC.
std::unique_ptr<MainWindow> openGenerated(int vpcs, int subnets)
{
    auto window = std::make_unique<MainWindow>();
    window->resize(1600, 1000);
    window->show();
    auto design = pp::generateScenario({vpcs, subnets, 10, 1});
    window->document().reset(std::move(*design));
    window->document().setSynchronousBudget(std::chrono::milliseconds(1000)); // measure the analysis, not a hand-off
    window->view()->zoomReset();
    QApplication::processEvents();
    return window;
}

ResourceItem* firstOfKind(MainWindow& window, pp::Kind kind)
{
    for (const pp::Shape& s : window.document().design().diagram.shapes)
        if (ResourceItem* item = window.scene()->itemFor(s.resource.str()); item && item->kind() == kind)
            return item;
    return nullptr;
}

void moveMouse(QWidget* viewport, QPoint to)
{
    QMouseEvent move(QEvent::MouseMove, QPointF(to), viewport->mapToGlobal(QPointF(to)), Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(viewport, &move);
}

void BM_ClickSelects(benchmark::State& state)
{
    auto window = openGenerated(int(state.range(0)) / 100, 8);
    QWidget* viewport = window->view()->viewport();
    // Two instances far apart: each click changes the selection.
    std::vector<ResourceItem*> tiles;
    for (const pp::Shape& s : window->document().design().diagram.shapes)
        if (ResourceItem* item = window->scene()->itemFor(s.resource.str()); item && item->kind() == pp::Kind::Workload)
            tiles.push_back(item);
    ResourceItem* a = tiles.front();
    ResourceItem* b = tiles[tiles.size() / 2];
    bool flip = false;
    for (auto _ : state) {
        state.PauseTiming();
        ResourceItem* target = (flip = !flip) ? a : b;
        const QPointF centre = target->mapToScene(QRectF(QPointF(), target->size()).center());
        window->view()->centerOn(centre);
        const QPoint at = window->view()->mapFromScene(centre);
        QApplication::processEvents();
        state.ResumeTiming();
        QTest::mouseClick(viewport, Qt::LeftButton, Qt::NoModifier, at);
        if (!target->isSelected())
            state.SkipWithError("the click did not select the tile");
    }
    state.counters["resources"] = double(window->document().design().resources().size());
    state.counters["spatialIndex"] = window->scene()->itemIndexMethod() == QGraphicsScene::BspTreeIndex;
}

void BM_DragVpcStep(benchmark::State& state)
{
    // About 200 resources in each VPC (18 subnets of 10 instances, gateways, tables...).
    auto window = openGenerated(50, 18);
    ResourceItem* vpc = firstOfKind(*window, pp::Kind::Vpc);
    int children = 0;
    for (QGraphicsItem* item : vpc->childItems())
        children += 1 + int(item->childItems().size());
    window->view()->fitAll();
    window->view()->centerOn(vpc);
    QApplication::processEvents();
    QWidget* viewport = window->view()->viewport();
    // Press on the VPC's title and drag it back and forth.
    const QPoint start = window->view()->mapFromScene(vpc->mapToScene(QPointF(60, 10)));
    QTest::mousePress(viewport, Qt::LeftButton, Qt::NoModifier, start);
    int step = 0;
    for (auto _ : state) {
        const int dx = (++step % 2) ? 12 : 0;
        moveMouse(viewport, start + QPoint(dx, 0));
        viewport->repaint(); // the frame the user sees
    }
    QTest::mouseRelease(viewport, Qt::LeftButton, Qt::NoModifier, start);
    state.counters["children"] = children;
    state.counters["resources"] = double(window->document().design().resources().size());
}

void BM_Paste100(benchmark::State& state)
{
    auto window = openGenerated(100, 8);
    // A VPC of about 100 resources, copied; pasted into its Region (new ids, names, blocks).
    ResourceItem* vpc = firstOfKind(*window, pp::Kind::Vpc);
    ResourceItem* region = firstOfKind(*window, pp::Kind::Region);
    window->scene()->selectIds({QString::fromStdString(vpc->resourceId().str())});
    // The VPC and everything it holds.
    QStringList ids;
    std::function<void(ResourceItem*)> collect = [&](ResourceItem* item) {
        ids << QString::fromStdString(item->resourceId().str());
        for (QGraphicsItem* child : item->childItems())
            if (auto* r = dynamic_cast<ResourceItem*>(child))
                collect(r);
    };
    collect(vpc);
    window->scene()->selectIds(ids);
    window->copySelection();
    const QPointF at = region->mapToScene(QPointF(region->size().width() - 100, region->size().height() - 100));
    for (auto _ : state) {
        window->pasteAt(at);
        while (window->document().isAnalysing())
            QApplication::processEvents();
        // Until the user sees it: the canvas repainted (which also brings the scene's index up to date).
        if (state.range(0))
            window->view()->viewport()->repaint();
        state.PauseTiming();
        if (window->scene()->selectedResources().size() < 50)
            state.SkipWithError("nothing pasted");
        state.counters["pasted"] = double(window->scene()->selectedResources().size());
        window->document().undoStack()->undo();
        QApplication::processEvents();
        state.ResumeTiming();
    }
    state.counters["resources"] = double(window->document().design().resources().size());
}

// A generated design of `resources` resources saved to a file once per size (as a user opens it).
QString designFileOf(int resources)
{
    static std::map<int, QString> files;
    static QTemporaryDir dir;
    auto it = files.find(resources);
    if (it != files.end())
        return it->second;
    const QString path = dir.filePath(QStringLiteral("generated-%1.privatepath").arg(resources));
    pp::saveDesignFile(*pp::generateScenario(parametersFor(resources)), path.toStdString());
    return files[resources] = path;
}

double residentMiB()
{
    QFile statm(QStringLiteral("/proc/self/statm"));
    if (!statm.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> fields = statm.readAll().split(' ');
    return fields.size() > 1 ? fields[1].toDouble() * double(sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0) : 0;
}

void BM_OpenDesign(benchmark::State& state)
{
    // Launch to a painted window showing the whole design: load, analysis, scene, routes, first
    // paint at fit-to-view. Memory: resident set after the open, window still up.
    const QString path = designFileOf(int(state.range(0)));
    for (auto _ : state) {
        auto window = std::make_unique<MainWindow>();
        window->resize(1600, 1000);
        window->show();
        if (!window->openFile(path))
            state.SkipWithError("cannot open");
        window->view()->fitAll();
        window->view()->viewport()->repaint();
        QApplication::processEvents();
        state.PauseTiming();
        state.counters["resources"] = double(window->document().design().resources().size());
        state.counters["flows"] = double(window->document().design().flows().size());
        state.counters["rss_MiB"] = residentMiB();
        window.reset();
        QApplication::processEvents();
        state.ResumeTiming();
    }
}

void BM_RouteAll(benchmark::State& state)
{
    // Every connector (flows through their hops, structural links) routed again.
    auto window = std::make_unique<MainWindow>();
    window->resize(1600, 1000);
    window->show();
    if (!window->openFile(designFileOf(int(state.range(0)))))
        state.SkipWithError("cannot open");
    QApplication::processEvents();
    for (auto _ : state)
        window->scene()->itemMoved(nullptr);
    state.counters["connectors"] = double(window->scene()->linkCount() + int(window->document().design().flows().size()));
}

} // namespace

BENCHMARK(BM_OpenDesign)->Arg(2000)->Arg(10000)->Arg(50000)->Unit(benchmark::kMillisecond)->Iterations(2);
BENCHMARK(BM_RouteAll)->Arg(10000)->Arg(50000)->Unit(benchmark::kMillisecond)->Iterations(2);
BENCHMARK(BM_ClickSelects)->Arg(10000)->Unit(benchmark::kMillisecond)->Iterations(20);
BENCHMARK(BM_DragVpcStep)->Unit(benchmark::kMillisecond)->Iterations(30);
// Arg 0: the edit, re-analysis and scene update; arg 1: until the canvas has repainted.
BENCHMARK(BM_Paste100)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->Iterations(5);

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    return 0;
}
