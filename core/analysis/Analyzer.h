#pragma once

#include "analysis/AnalysisResult.h"
#include "design/Design.h"
#include "lint/Lint.h"
#include "model/References.h"

#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace pp {

class ForwardingGraph;
class Network;
struct ExposureCache;

// Runs the whole analysis: design findings, flow verdicts, routing loops and internet exposure.
// A pure function of the design (analyze), with a cache for the editor (reanalyze): after an edit
// only flows whose answer depended on a touched resource are traced again.
class Analyzer {
public:
    // `incremental` false: no caches are kept (one-shot analysis; reanalyze then re-runs all).
    explicit Analyzer(bool incremental = true);
    ~Analyzer();
    Analyzer(Analyzer&&) noexcept;
    Analyzer& operator=(Analyzer&&) noexcept;

    const AnalysisResult& analyze(const Design& design);

    // `touched`: ids of resources added, removed or changed by the edit, and of the resources they
    // referred to before and after it (see touchedBy()). `changed`, when given: the ids of `touched`
    // the edit itself added, removed or changed (ChangeSet::changedIds); the others were only
    // referred to, which the lints re-check far more narrowly. Without it every touched id counts
    // as changed.
    const AnalysisResult& reanalyze(const Design& design, const std::set<std::string>& touched,
                                    const std::set<std::string>* changed = nullptr);

    const AnalysisResult& result() const { return m_result; }
    AnalysisResult takeResult() { return std::move(m_result); }
    // Flows traced by the last call (for tests and statistics).
    std::size_t tracedFlows() const { return m_traced; }

    // The engine's view of the design as of the last run, kept by an incremental analyzer (null
    // before the first run, and always for a one-shot one) so that what runs after the analysis
    // on the same design (PolicyChecker::recheck) does not build it again. It refers to the design
    // last analysed, which must outlive it or be analysed again.
    const Network* network() const { return m_network.get(); }
    const ForwardingGraph* graph() const { return m_graph.get(); }
    // Whether the last run was a reanalyze(), and what it counted as changed: the touched ids, ids
    // whose error findings came or went, and resources whose forwarding decisions changed.
    bool lastRunIncremental() const { return m_lastIncremental; }
    const std::set<std::string>& lastChanged() const { return m_changed; }

private:
    const AnalysisResult& run(const Design& design, const std::set<std::string>* touched,
                              const std::set<std::string>* changed = nullptr);
    // RT-7's loops for `destinations`; `incremental`: the last run's loops (m_loops) and the keys of
    // the vertices whose forwarding choices changed since say what to look at again.
    std::vector<std::vector<std::size_t>> findLoops(const ForwardingGraph& graph, const std::vector<IpAddress>& destinations,
                                                    bool incremental, const std::set<std::string>& changedVertices);

    struct CachedFlow {
        Flow flow;
        std::size_t index = 0;                 // position of its result in m_result.flows
        std::set<std::string> dependencies;
        std::optional<IpAddress> destination;  // the address it was sent to (for loop search)
    };
    bool m_incremental = true;
    std::vector<std::size_t> m_signatures; // forwarding fingerprints of the last run's graph (m_graph), by vertex
    std::unordered_map<std::string, CachedFlow> m_cache;
    IncrementalLinter m_linter;
    std::set<std::string> m_errorIds; // ids with error findings at the last run
    AnalysisResult m_result;
    std::size_t m_traced = 0;
    std::unique_ptr<Network> m_network;        // of the last run (incremental analyzers only)
    std::unique_ptr<ForwardingGraph> m_graph;  // over m_network
    std::unique_ptr<ExposureCache> m_exposure; // what each workload's exposure was computed from
    // The loops of the last run per destination address, each as its vertices' keys.
    std::unordered_map<std::string, std::vector<std::vector<std::string>>> m_loops;
    bool m_lastIncremental = false;
    std::set<std::string> m_changed;
};

// One-shot analysis.
AnalysisResult analyzeDesign(const Design& design);


} // namespace pp
