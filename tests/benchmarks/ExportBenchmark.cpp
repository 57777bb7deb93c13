// Exporting a generated 1,000-resource design, in process, as `privatepath export` does (the
// design already loaded and analysed). Issue targets: SVG <= 0.5 s, PNG <= 1.5 s.
// BM_ExportBigPng: the 10,000-resource design as one PNG of about 28,000 × 8,800 pixels, drawn
// and compressed band by band; its "peakMiB" counter is the process's peak resident memory
// (issue target: <= 300 MiB), so run it alone: --benchmark_filter=BM_ExportBigPng
#include "Scenarios.h"
#include "document/Document.h"
#include "export/Exporter.h"
#include "generate/ScenarioGenerator.h"

#include <QApplication>
#include <benchmark/benchmark.h>
#include <sys/resource.h>

namespace {

pp::ui::Document& document()
{
    static pp::ui::Document doc;
    static const bool loaded = [] {
        // 11 VPCs x (8 private + 1 public subnets) x 10 workloads, plus their tables, gateways,
        // endpoints and flows: about 1,080 resources.
        doc.reset(*pp::generateScenario({11, 8, 10, 1}));
        return true;
    }();
    (void)loaded;
    return doc;
}

void BM_Export(benchmark::State& state)
{
    pp::ui::ExportOptions options;
    options.format = pp::ui::ExportFormat(state.range(0));
    options.legend = true;
    std::size_t bytes = 0;
    for (auto _ : state) {
        const pp::ui::ExportResult result = pp::ui::renderExport(document(), options);
        if (!result.error.isEmpty())
            state.SkipWithError(result.error.toStdString().c_str());
        bytes = std::size_t(result.bytes.size());
    }
    state.SetLabel(pp::ui::exportFormatName(options.format).toStdString());
    state.counters["resources"] = double(document().design().resources().size());
    state.counters["bytes"] = double(bytes);
}

void BM_ExportBigPng(benchmark::State& state)
{
    pp::ui::Document doc;
    doc.reset(*pp::generateScenario(parametersFor(int(state.range(0)))));
    pp::ui::ExportOptions options;
    options.format = pp::ui::ExportFormat::Png;
    std::size_t bytes = 0;
    QSize size;
    for (auto _ : state) {
        const pp::ui::ExportResult result = pp::ui::renderExport(doc, options);
        if (!result.error.isEmpty())
            state.SkipWithError(result.error.toStdString().c_str());
        bytes = std::size_t(result.bytes.size());
        size = result.pixelSize;
    }
    rusage usage{};
    ::getrusage(RUSAGE_SELF, &usage);
    state.counters["resources"] = double(doc.design().resources().size());
    state.counters["megapixels"] = double(size.width()) * size.height() / 1e6;
    state.counters["bytes"] = double(bytes);
    state.counters["peakMiB"] = double(usage.ru_maxrss) / 1024.0; // ru_maxrss is in KiB on Linux
}

} // namespace

BENCHMARK(BM_ExportBigPng)->Arg(10000)->Unit(benchmark::kMillisecond)->Iterations(1);

BENCHMARK(BM_Export)
    ->Arg(int(pp::ui::ExportFormat::Svg))
    ->Arg(int(pp::ui::ExportFormat::Png))
    ->Arg(int(pp::ui::ExportFormat::Pdf))
    ->Unit(benchmark::kMillisecond);

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
