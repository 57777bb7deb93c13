// `privatepath check` end to end against a bare JSON parse of the same file, on generated designs
// of about 1,000 / 10,000 / 50,000 / 100,000 resources. Issue 14's goal on a 2-core machine: check takes at
// most 2x the bare parse's time, with a peak memory at most 1.5x the parse's.
//
// BM_BareParse reads the file and parses it into a JSON tree, nothing else. BM_Check does what the
// command does for `--format json`: reads and loads the file (with its checks and error
// positions), analyses the design (lints, flows, exposure, policies) and writes the report.
#include "CountingAllocator.h"
#include "Scenarios.h"
#include "io/DesignFile.h"
#include "report/CheckReport.h"

#include <benchmark/benchmark.h>
#include <chrono>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <unistd.h>

namespace {

// The generated design written to a file once per size.
const std::string& designFile(int resources)
{
    static std::map<int, std::string> files;
    auto it = files.find(resources);
    if (it == files.end()) {
        const std::string path = "/tmp/privatepath-check-bench-" + std::to_string(::getpid()) + "-" +
                                 std::to_string(resources) + ".privatepath";
        pp::writeFileAtomically(path, pp::saveDesignToString(generatedDesign(resources)));
        it = files.emplace(resources, path).first;
    }
    return it->second;
}

void removeFiles()
{
    for (const int n : {1000, 10000, 50000, 100000})
        ::unlink(("/tmp/privatepath-check-bench-" + std::to_string(::getpid()) + "-" + std::to_string(n) + ".privatepath").c_str());
}

std::string readAll(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return std::move(text).str();
}

void report(benchmark::State& state, const std::string& path, long long peak)
{
    state.counters["bytes"] = double(readAll(path).size());
    state.counters["peakMiB"] = double(peak) / double(1 << 20);
}

void BM_BareParse(benchmark::State& state)
{
    const std::string& path = designFile(int(state.range(0)));
    long long peak = 0;
    for (auto _ : state) {
        const long long base = bench::resetPeak();
        nlohmann::json root = nlohmann::json::parse(readAll(path));
        benchmark::DoNotOptimize(root);
        peak = std::max(peak, bench::peakBytes() - base);
    }
    report(state, path, peak);
}

void BM_Check(benchmark::State& state)
{
    const std::string& path = designFile(int(state.range(0)));
    long long peak = 0;
    // Where the memory goes, in MiB above the start: the peak while loading, what the loaded
    // design keeps, the peak while analysing and while writing the report.
    double loadPeak = 0, design = 0, analysisPeak = 0, reportPeak = 0;
    // And the time, in ms, of each phase (the last iteration's).
    double loadMs = 0, analysisMs = 0, reportMs = 0;
    using Clock = std::chrono::steady_clock;
    auto since = [](Clock::time_point start) { return std::chrono::duration<double, std::milli>(Clock::now() - start).count(); };
    std::size_t reportBytes = 0;
    constexpr double kMiB = 1 << 20;
    for (auto _ : state) {
        const long long base = bench::resetPeak();
        auto start = Clock::now();
        std::vector<pp::FileCheck> checks(1);
        pp::FileCheck& check = checks.front();
        check.file = path;
        pp::LoadResult loaded = pp::loadDesignFile(path);
        check.diagnostics = std::move(loaded.diagnostics);
        check.loaded = loaded.ok();
        if (!loaded.design) {
            state.SkipWithError("the generated design did not load");
            break;
        }
        loadMs = since(start);
        loadPeak = double(bench::peakBytes() - base) / kMiB;
        design = double(bench::liveBytes() - base) / kMiB;
        bench::resetPeak();
        start = Clock::now();
        pp::analyzeInto(check, *loaded.design);
        analysisMs = since(start);
        analysisPeak = double(bench::peakBytes() - base) / kMiB;
        bench::resetPeak();
        start = Clock::now();
        const std::string out = pp::checkReportText(checks);
        reportMs = since(start);
        reportBytes = out.size();
        benchmark::DoNotOptimize(out);
        reportPeak = double(bench::peakBytes() - base) / kMiB;
        peak = std::max(peak, (long long)(std::max({loadPeak, analysisPeak, reportPeak}) * kMiB));
    }
    report(state, path, peak);
    state.counters["reportBytes"] = double(reportBytes);
    state.counters["loadPeakMiB"] = loadPeak;
    state.counters["designMiB"] = design;
    state.counters["analysisPeakMiB"] = analysisPeak;
    state.counters["reportPeakMiB"] = reportPeak;
    state.counters["loadMs"] = loadMs;
    state.counters["analysisMs"] = analysisMs;
    state.counters["reportMs"] = reportMs;
}

} // namespace

BENCHMARK(BM_BareParse)->Arg(1000)->Arg(10000)->Arg(50000)->Arg(100000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Check)->Arg(1000)->Arg(10000)->Arg(50000)->Arg(100000)->Unit(benchmark::kMillisecond);

int main(int argc, char** argv)
{
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    removeFiles();
    return 0;
}
