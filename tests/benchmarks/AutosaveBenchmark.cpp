// The cost of autosave on designs of about 1,000 and 10,000 resources (ui/document/AutoSaver.h).
// The GUI thread only copies the design (BM_AutosaveCopy); a worker serialises it
// (BM_AutosaveSerialise) and writes the recovery file atomically (BM_AutosaveWrite: serialise +
// write + fsync + rename). BM_AutosaveSaveNow is the whole synchronous path of a real AutoSaver on
// a real Document (what a reload does before it replaces unsaved changes). The rule: if
// serialising takes more than 16 ms (a frame), it must not run on the GUI thread.
#include "Scenarios.h"
#include "document/AutoSaver.h"
#include "document/Document.h"
#include "document/Recovery.h"
#include "io/DesignFile.h"
#include "io/FileWriter.h"

#include <QCoreApplication>
#include <QDir>
#include <QTemporaryDir>
#include <benchmark/benchmark.h>
#include <memory>

namespace {

void count(benchmark::State& state, const pp::Design& design)
{
    state.counters["resources"] = double(design.resources().size());
}

void BM_AutosaveCopy(benchmark::State& state)
{
    const pp::Design& design = generatedDesign(int(state.range(0)));
    for (auto _ : state) {
        auto copy = std::make_shared<const pp::Design>(design);
        benchmark::DoNotOptimize(copy);
    }
    count(state, design);
}

void BM_AutosaveSerialise(benchmark::State& state)
{
    const pp::Design& design = generatedDesign(int(state.range(0)));
    std::size_t bytes = 0;
    for (auto _ : state) {
        const std::string text = pp::saveDesignToString(design);
        bytes = text.size();
        benchmark::DoNotOptimize(text.data());
    }
    count(state, design);
    state.counters["bytes"] = double(bytes);
}

void BM_AutosaveWrite(benchmark::State& state)
{
    const pp::Design& design = generatedDesign(int(state.range(0)));
    QTemporaryDir dir;
    const std::string path = QFile::encodeName(dir.filePath(QStringLiteral("recovery.privatepath"))).toStdString();
    for (auto _ : state) {
        const pp::SaveResult r = pp::writeFileAtomically(path, pp::saveDesignToString(design));
        if (!r.ok)
            state.SkipWithError(r.error.c_str());
    }
    count(state, design);
}

void BM_AutosaveSaveNow(benchmark::State& state)
{
    QTemporaryDir dir;
    pp::ui::Recovery::setDirectoryForTesting(dir.path());
    pp::ui::Document document;
    document.reset(generatedDesign(int(state.range(0))));
    document.undoStack()->resetClean(); // unsaved
    pp::ui::AutoSaver saver(document);
    for (auto _ : state)
        if (!saver.saveNow())
            state.SkipWithError(saver.lastError().toUtf8().constData());
    count(state, document.design());
}

} // namespace

BENCHMARK(BM_AutosaveCopy)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_AutosaveSerialise)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_AutosaveWrite)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_AutosaveSaveNow)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("PrivatePathBenchmarks"));
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
