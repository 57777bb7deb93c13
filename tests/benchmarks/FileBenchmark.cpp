// Loading and saving generated designs of about 1,000 / 10,000 / 50,000 resources.
// Issue targets on a 2-core machine: load 10,000 <= 300 ms, save <= 100 ms.
#include "Scenarios.h"
#include "generate/ScenarioGenerator.h"
#include "io/DesignFile.h"

#include <benchmark/benchmark.h>
#include <map>
#include <unistd.h>

namespace {

const pp::Design& design(int resources) { return generatedDesign(resources); }

const std::string& text(int resources)
{
    static std::map<int, std::string> cache;
    auto it = cache.find(resources);
    if (it == cache.end())
        it = cache.emplace(resources, pp::saveDesignToString(design(resources))).first;
    return it->second;
}

void count(benchmark::State& state, int resources)
{
    state.counters["resources"] = double(design(resources).resources().size());
    state.counters["flows"] = double(design(resources).flows().size());
    state.counters["bytes"] = double(text(resources).size());
}

void BM_Load(benchmark::State& state)
{
    const int n = int(state.range(0));
    const std::string& input = text(n);
    for (auto _ : state) {
        pp::LoadResult r = pp::loadDesign(input, "bench.privatepath");
        if (!r.ok())
            state.SkipWithError("generated design did not load");
        benchmark::DoNotOptimize(r);
    }
    count(state, n);
}

void BM_LoadFile(benchmark::State& state)
{
    const int n = int(state.range(0));
    const std::string path = "/tmp/privatepath-bench-" + std::to_string(::getpid()) + ".privatepath";
    pp::writeFileAtomically(path, text(n));
    for (auto _ : state) {
        pp::LoadResult r = pp::loadDesignFile(path);
        benchmark::DoNotOptimize(r);
    }
    ::unlink(path.c_str());
    count(state, n);
}

void BM_SaveToString(benchmark::State& state)
{
    const int n = int(state.range(0));
    const pp::Design& d = design(n);
    for (auto _ : state) {
        std::string s = pp::saveDesignToString(d);
        benchmark::DoNotOptimize(s);
    }
    count(state, n);
}

void BM_SaveFileAtomically(benchmark::State& state)
{
    const int n = int(state.range(0));
    const pp::Design& d = design(n);
    const std::string path = "/tmp/privatepath-bench-save-" + std::to_string(::getpid()) + ".privatepath";
    for (auto _ : state) {
        const pp::SaveResult r = pp::saveDesignFile(d, path);
        if (!r.ok)
            state.SkipWithError(r.error.c_str());
    }
    ::unlink(path.c_str());
    count(state, n);
}

} // namespace

BENCHMARK(BM_Load)->Arg(1000)->Arg(10000)->Arg(50000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LoadFile)->Arg(1000)->Arg(10000)->Arg(50000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SaveToString)->Arg(1000)->Arg(10000)->Arg(50000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SaveFileAtomically)->Arg(1000)->Arg(10000)->Arg(50000)->Unit(benchmark::kMillisecond);
