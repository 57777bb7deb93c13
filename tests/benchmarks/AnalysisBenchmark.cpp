// Full analysis and re-analysis after one edit on generated estates of about 1,000 / 10,000 /
// 50,000 resources. Issue targets on a 2-core machine: full 10,000 <= 50 ms, 50,000 <= 250 ms;
// re-analysis after one edit <= 5 ms at 10,000; memory <= 1 KiB per resource above the model.
#include "analysis/Analyzer.h"
#include "Scenarios.h"
#include "generate/ScenarioGenerator.h"

#include "CountingAllocator.h"

#include <benchmark/benchmark.h>
#include <map>

namespace {


pp::Design& design(int resources) { return generatedDesign(resources); }

void BM_FullAnalysis(benchmark::State& state)
{
    const pp::Design& d = design(int(state.range(0)));
    long long peakAbove = 0;
    for (auto _ : state) {
        state.PauseTiming();
        const long long base = bench::resetPeak();
        state.ResumeTiming();
        pp::AnalysisResult r = pp::analyzeDesign(d);
        benchmark::DoNotOptimize(r);
        state.PauseTiming();
        peakAbove = std::max(peakAbove, bench::peakBytes() - base);
        state.ResumeTiming();
    }
    state.counters["resources"] = double(d.resources().size());
    state.counters["flows"] = double(d.flows().size());
    state.counters["peakBytesPerResource"] = double(peakAbove) / double(d.resources().size());
}

// One edit, then re-analysis with the cache: `kind` 0 adds a route to a route table, 1 toggles a
// gateway endpoint's association with a route table.
void BM_ReanalysisAfterEdit(benchmark::State& state)
{
    pp::Design& d = design(int(state.range(0)));
    const int kind = int(state.range(1));
    pp::Analyzer analyzer;
    analyzer.analyze(d);
    const pp::Resource* target = nullptr;
    for (const pp::Resource& r : d.resources()) {
        if (kind == 0 && r.as<pp::RouteTable>() && r.as<pp::RouteTable>()->main) {
            target = &r;
        }
        if (kind == 1 && r.as<pp::VpcEndpoint>() && r.as<pp::VpcEndpoint>()->endpointType == pp::EndpointType::Gateway) {
            target = &r;
        }
        if (target)
            break;
    }
    const pp::Resource original = *target;
    pp::Resource edited = original;
    if (kind == 0) {
        auto& table = std::get<pp::RouteTable>(edited.data);
        table.routes.push_back(pp::Route{*pp::Cidr::parse("172.31.0.0/16"), std::nullopt, pp::ResourceId("local"),
                                         pp::RouteOrigin::Static, pp::RouteState::Blackhole});
    } else {
        std::get<pp::VpcEndpoint>(edited.data).routeTables.clear();
    }
    std::set<std::string> touched = pp::touchedBy(original);
    for (const std::string& id : pp::touchedBy(edited))
        touched.insert(id);
    // As the editor passes them (Document::applyDirect): every id the edit touched, and the ids of
    // the resources it changed (here the one edited; the others are only referred to).
    const std::set<std::string> changed{original.id.str()};
    bool flip = false;
    std::size_t traced = 0;
    for (auto _ : state) {
        d.replace(flip ? original : edited);
        flip = !flip;
        const pp::AnalysisResult& r = analyzer.reanalyze(d, touched, &changed);
        benchmark::DoNotOptimize(r);
        traced += analyzer.tracedFlows();
    }
    d.replace(original);
    state.counters["resources"] = double(d.resources().size());
    state.counters["flowsTracedPerEdit"] = double(traced) / double(state.iterations());
}

} // namespace

BENCHMARK(BM_FullAnalysis)->Arg(1000)->Arg(10000)->Arg(50000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ReanalysisAfterEdit)->Args({10000, 0})->Args({10000, 1})->Args({50000, 0})->Unit(benchmark::kMillisecond);
