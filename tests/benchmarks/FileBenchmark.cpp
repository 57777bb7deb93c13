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

// Shapes nested in one chain (each inside the next) or closed into one loop, both refused (too
// deep, a cycle): the parent check must be linear, so time per shape stays flat from 1,000 to
// 100,000 (compare the `per_shape` counter).
std::string parentChain(int n, bool closed)
{
    std::string text = R"({"schemaVersion": 2, "internetHosts": [)";
    for (int i = 0; i < n; ++i)
        text += (i ? "," : "") + std::string(R"({"id": "h)") + std::to_string(i) + R"(", "address": "203.0.113.1"})";
    text += R"(], "diagram": {"shapes": [)";
    for (int i = 0; i < n; ++i)
        text += (i ? "," : "") + std::string(R"({"resource": "h)") + std::to_string(i) + '"' +
                (closed || i + 1 < n ? R"(, "parent": "h)" + std::to_string((i + 1) % n) + '"' : "") +
                R"(, "x": 1, "y": 1, "width": 10, "height": 10})";
    return text + "]}}";
}

void BM_LoadParentChain(benchmark::State& state)
{
    const int n = int(state.range(0));
    const std::string input = parentChain(n, state.range(1) != 0);
    for (auto _ : state) {
        pp::LoadResult r = pp::loadDesign(input, "chain.privatepath");
        if (r.ok())
            state.SkipWithError("a chain or loop over 64 levels loaded");
        benchmark::DoNotOptimize(r);
    }
    state.counters["shapes"] = double(n);
    state.counters["bytes"] = double(input.size());
    state.counters["per_shape"] = benchmark::Counter(double(n), benchmark::Counter::kIsIterationInvariantRate |
                                                                    benchmark::Counter::kInvert);
}

} // namespace

BENCHMARK(BM_LoadParentChain)->ArgsProduct({{1000, 10000, 100000}, {0, 1}})->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Load)->Arg(1000)->Arg(10000)->Arg(50000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LoadFile)->Arg(1000)->Arg(10000)->Arg(50000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SaveToString)->Arg(1000)->Arg(10000)->Arg(50000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SaveFileAtomically)->Arg(1000)->Arg(10000)->Arg(50000)->Unit(benchmark::kMillisecond);
