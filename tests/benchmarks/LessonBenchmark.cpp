// Training mode costs. Issue targets on a 2-core machine: evaluating a lesson's goals adds at most
// 2 ms to a re-analysis at 2,000 resources (about ten goals); grading 100 submissions of a
// 200-resource lesson takes at most 5 s (load, analysis, goals and locked comparison per file).
#include "Scenarios.h"
#include "analysis/Analyzer.h"
#include "io/DesignFile.h"
#include "lesson/Grading.h"

#include <benchmark/benchmark.h>
#include <filesystem>
#include <map>
#include <unistd.h>

namespace {

pp::Goal goal(std::string id, pp::GoalKind kind)
{
    pp::Goal g;
    g.id = std::move(id);
    g.kind = kind;
    return g;
}

// About ten goals of every kind, on the generated design's own names (its first VPC, a subnet of
// it, its first flows), so every goal does real work.
pp::Lesson lessonFor(const pp::Design& design)
{
    pp::Lesson lesson;
    lesson.id = "benchmark";
    lesson.title = "Benchmark";
    std::optional<pp::ResourceId> vpc, subnet;
    for (const pp::Resource& r : design.resources()) {
        if (!vpc && r.as<pp::Vpc>())
            vpc = r.id;
        if (vpc && !subnet && r.as<pp::Subnet>() && r.as<pp::Subnet>()->vpc == *vpc)
            subnet = r.id;
        if (lesson.locked.size() < 20)
            lesson.locked.push_back(r.id);
    }
    for (std::size_t i = 0; i < 3 && i < design.flows().size(); ++i) {
        pp::Goal g = goal("flow-" + std::to_string(i), pp::GoalKind::Flow);
        g.flow = design.flows()[i].id;
        g.verdict = pp::Verdict::Private;
        g.through = {"vpcEndpoint"};
        g.avoids = {"natGateway", "internetGateway"};
        lesson.goals.push_back(g);
    }
    pp::Goal scopeVpc = goal("vpc-private", pp::GoalKind::ScopePrivate);
    scopeVpc.scope = vpc;
    lesson.goals.push_back(scopeVpc);
    pp::Goal scopeSubnet = goal("subnet-private", pp::GoalKind::ScopePrivate);
    scopeSubnet.scope = subnet;
    lesson.goals.push_back(scopeSubnet);
    pp::Goal exposure = goal("vpc-not-exposed", pp::GoalKind::NoInternetExposure);
    exposure.scope = vpc;
    lesson.goals.push_back(exposure);
    lesson.goals.push_back(goal("nothing-exposed", pp::GoalKind::NoInternetExposure));
    pp::Goal nat = goal("no-nat", pp::GoalKind::Count);
    nat.resourceKind = "natGateway";
    nat.max = 0;
    lesson.goals.push_back(nat);
    pp::Goal workloads = goal("workloads", pp::GoalKind::Count);
    workloads.resourceKind = "workload";
    workloads.scope = vpc;
    workloads.min = 1;
    lesson.goals.push_back(workloads);
    pp::Goal dns = goal("private-dns", pp::GoalKind::Property);
    dns.resourceKind = "vpcEndpoint";
    dns.field = "privateDns";
    dns.value = pp::JsonValue{"true"};
    lesson.goals.push_back(dns);
    lesson.goals.push_back(goal("no-errors", pp::GoalKind::NoErrors));
    return lesson;
}

const pp::Design& design(int resources) { return generatedDesign(resources); }

// What a live lesson adds to every re-analysis in the editor: evaluating the goals on the result.
void BM_GoalEvaluation(benchmark::State& state)
{
    const pp::Design& d = design(int(state.range(0)));
    const pp::Lesson lesson = lessonFor(d);
    pp::Analyzer analyzer;
    const pp::AnalysisResult& result = analyzer.analyze(d);
    int met = 0;
    for (auto _ : state) {
        const pp::LessonProgress progress = pp::evaluateGoals(lesson, d, result);
        met = progress.metWeight;
        benchmark::DoNotOptimize(progress);
    }
    state.counters["resources"] = double(d.resources().size());
    state.counters["goals"] = double(lesson.goals.size());
    state.counters["metWeight"] = met;
}

// Grading from files, as `privatepath lesson grade` does: 100 submissions of a lesson of about
// 200 resources (four VPCs of the generated estate), each loaded, analysed, evaluated and compared.
void BM_Grade100Submissions(benchmark::State& state)
{
    pp::Design start = *pp::generateScenario({4, 4, 8, 7});
    start.lesson = lessonFor(start);
    const std::filesystem::path folder =
        std::filesystem::temp_directory_path() / ("privatepath-grade-bench-" + std::to_string(::getpid()));
    std::filesystem::create_directories(folder);
    std::vector<std::string> files;
    for (int i = 0; i < 100; ++i) {
        pp::Design submission = start;
        submission.name = "Submission " + std::to_string(i);
        if (i % 3 == 0) // some learners removed a NAT gateway route: different answers to analyse
            for (const pp::Resource& r : start.resources())
                if (const auto* table = r.as<pp::RouteTable>(); table && table->main) {
                    pp::Resource edited = r;
                    std::get<pp::RouteTable>(edited.data).routes.clear();
                    submission.replace(edited);
                    break;
                }
        files.push_back((folder / ("s" + std::to_string(i) + ".privatepath")).string());
        pp::saveDesignFile(submission, files.back());
    }
    int passed = 0;
    for (auto _ : state) {
        passed = 0;
        for (const std::string& file : files)
            passed += pp::gradeSubmissionFile(start, file).passed() ? 1 : 0;
    }
    std::filesystem::remove_all(folder);
    state.counters["resources"] = double(start.resources().size());
    state.counters["submissions"] = double(files.size());
    state.counters["passed"] = passed;
}

} // namespace

BENCHMARK(BM_GoalEvaluation)->Arg(2000)->Arg(10000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Grade100Submissions)->Unit(benchmark::kMillisecond);
