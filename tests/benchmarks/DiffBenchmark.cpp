// `privatepath diff` of two generated designs of about 1,000 / 10,000 resources (issue 17
// target: a diff of two 10k designs in at most 1 s). The two sides are the generator's design for
// seed 1 and for seed 2: the same ids, but NAT gateways, endpoints and flows placed differently,
// so thousands of resources, flows and exposures differ (a worst case for a pull request).
//  - DiffCompare: the comparison alone, both analyses done (what an editor overlay would rerun);
//  - DiffAnalyzeAndCompare: both analyses plus the comparison;
//  - DiffEndToEnd: what the command does from two file texts: load, analyse, compare, JSON report.
#include "Scenarios.h"
#include "diff/DesignDiff.h"
#include "io/DesignFile.h"
#include "report/DiffReport.h"

#include <benchmark/benchmark.h>

namespace {

pp::ScenarioParameters seeded(int resources, std::uint64_t seed)
{
    pp::ScenarioParameters p = parametersFor(resources);
    p.seed = seed;
    return p;
}

struct Pair {
    pp::Design before;
    pp::Design after;
    std::string beforeText;
    std::string afterText;
};

const Pair& pairOf(int resources)
{
    static std::map<int, Pair> cache;
    auto it = cache.find(resources);
    if (it == cache.end()) {
        Pair p{*pp::generateScenario(seeded(resources, 1)), *pp::generateScenario(seeded(resources, 2)), {}, {}};
        p.beforeText = pp::saveDesignToString(p.before);
        p.afterText = pp::saveDesignToString(p.after);
        it = cache.emplace(resources, std::move(p)).first;
    }
    return it->second;
}

void report(benchmark::State& state, const pp::Design& design, const pp::DesignDiff& diff)
{
    state.counters["resources"] = double(design.resources().size());
    state.counters["resourceChanges"] = double(diff.resources.size());
    state.counters["flowChanges"] = double(diff.flows.size());
    state.counters["exposureChanges"] = double(diff.exposure.size());
}

void BM_DiffCompare(benchmark::State& state)
{
    const Pair& p = pairOf(int(state.range(0)));
    const pp::AnalysisResult a = pp::analyzeForDiff(p.before);
    const pp::AnalysisResult b = pp::analyzeForDiff(p.after);
    pp::DesignDiff diff;
    for (auto _ : state) {
        diff = pp::diffDesigns({p.before, a}, {p.after, b});
        benchmark::DoNotOptimize(diff);
    }
    report(state, p.after, diff);
}
BENCHMARK(BM_DiffCompare)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);

void BM_DiffAnalyzeAndCompare(benchmark::State& state)
{
    const Pair& p = pairOf(int(state.range(0)));
    pp::DesignDiff diff;
    for (auto _ : state) {
        const pp::AnalysisResult a = pp::analyzeForDiff(p.before);
        const pp::AnalysisResult b = pp::analyzeForDiff(p.after);
        diff = pp::diffDesigns({p.before, a}, {p.after, b});
        benchmark::DoNotOptimize(diff);
    }
    report(state, p.after, diff);
}
BENCHMARK(BM_DiffAnalyzeAndCompare)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);

void BM_DiffEndToEnd(benchmark::State& state)
{
    const Pair& p = pairOf(int(state.range(0)));
    pp::DesignDiff diff;
    for (auto _ : state) {
        const pp::LoadResult a = pp::loadDesign(p.beforeText, "old.privatepath");
        const pp::LoadResult b = pp::loadDesign(p.afterText, "new.privatepath");
        const pp::AnalysisResult ra = pp::analyzeForDiff(*a.design);
        const pp::AnalysisResult rb = pp::analyzeForDiff(*b.design);
        diff = pp::diffDesigns({*a.design, ra}, {*b.design, rb});
        const std::string json = pp::diffReportJson({"old.privatepath", "new.privatepath"}, diff).dump(2);
        benchmark::DoNotOptimize(json);
    }
    report(state, p.after, diff);
}
BENCHMARK(BM_DiffEndToEnd)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);

} // namespace
