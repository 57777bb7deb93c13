// Exporting a generated 1,000-resource design, in process, as `privatepath export` does (the
// design already loaded and analysed). Issue targets: SVG <= 0.5 s, PNG <= 1.5 s.
#include "document/Document.h"
#include "export/Exporter.h"
#include "generate/ScenarioGenerator.h"

#include <QApplication>
#include <benchmark/benchmark.h>

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

} // namespace

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
