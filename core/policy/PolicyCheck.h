#pragma once

// Checking a design's policies (policy/Policy.h) and answering reachability queries, by set
// reachability over the endpoints of each scope (policy/SetReachability.h), not only over the
// drawn flows. Pure functions of the design and its analysis; results are model ids and codes
// of codes/Codes.h (POLICY_*) plus the engine's own explanation codes on each path.
//
// The API other features build on (`check`, `query`, and later `diff`): checkPolicies() for every
// policy of a design, scopeMembers() for what a scope selects, queryReachability() for ad hoc
// questions.

#include "analysis/AnalysisResult.h"
#include "analysis/Analyzer.h"
#include "design/Design.h"
#include "policy/Policy.h"
#include "policy/SetReachability.h"

#include <string>
#include <vector>

namespace pp {

// Stands for the internet in a violation's source or destination (exposure policies).
inline constexpr std::string_view kInternet = "internet";

// One way a policy is broken: a source, a destination, and the path between them with the
// engine's explanation codes (as for a flow; its `flow` id is "source->destination"). For
// exposure (`private-only` without scope B, `no-internet-exposure`) one side is `kInternet` and
// the path lists the gateways and load balancers on the way, in the direction of the traffic.
struct PolicyViolation {
    std::string policy;      // Policy::id
    PolicyKind kind = PolicyKind::PrivateOnly;
    std::string code;        // POLICY_* (codes/Codes.h)
    std::string message;     // one line, English
    std::string source;      // model id or "internet"
    std::string destination; // model id or "internet"
    FlowResult path;         // verdict, hops, blocking reasons, hints, notes

    friend bool operator==(const PolicyViolation&, const PolicyViolation&) = default;
};

struct PolicyResult {
    std::string policy;
    PolicyKind kind = PolicyKind::PrivateOnly;
    std::size_t sources = 0;      // members of scope A
    std::size_t destinations = 0; // members of scope B (0 without one)
    std::size_t pairs = 0;        // (source, destination) pairs the policy covers
    std::vector<PolicyViolation> violations; // in source, then destination order (scope order)
    std::size_t omitted = 0;      // violations beyond PolicyOptions::maxViolations, not listed

    bool satisfied() const { return violations.empty() && omitted == 0; }
    friend bool operator==(const PolicyResult&, const PolicyResult&) = default;
};

struct PolicyOptions {
    // Violations listed per policy; more are counted in PolicyResult::omitted. A broken
    // `isolated` between two scopes of 500 members would otherwise list 500,000 paths.
    std::size_t maxViolations = 100;
    // false: trace every pair separately (slow; the reference for tests).
    bool grouped = true;
};

// The members of a scope in design order: endpoints (the kinds a flow starts or ends at).
std::vector<ResourceId> scopeMembers(const Design& design, const Scope& scope);

// Every policy of `design`, in file order. `analysis` is the design's analysis (Analyzer::result()
// or analyzeDesign()): its findings and exposure are reused, not recomputed.
std::vector<PolicyResult> checkPolicies(const Design& design, const AnalysisResult& analysis,
                                        const PolicyOptions& options = {});
// The same with the engine's view of the design already built (the editor, benchmarks).
std::vector<PolicyResult> checkPolicies(const Network& network, const ForwardingGraph& graph,
                                        const AnalysisResult& analysis, const PolicyOptions& options = {});

// Policies checked again and again on one design being edited (the editor, benchmarks): the
// traces of the last check are kept with the ids they depended on, and a re-check after an edit
// traces again only what the edit can change. Its results equal checkPolicies() on the same
// design (tests/core/PolicyIncrementalTest.cpp).
class PolicyChecker {
public:
    explicit PolicyChecker(PolicyOptions options = {}) : m_options(options) {}

    // Every policy, from scratch (the cache is emptied).
    std::vector<PolicyResult> check(const Design& design, const AnalysisResult& analysis);
    // After an edit: `touched` as for Analyzer::reanalyze (the ids the edit added, removed or
    // changed, and those they referred to). Traces that depended on none of them, nor on a
    // forwarding decision or an error finding that changed, are reused.
    std::vector<PolicyResult> recheck(const Design& design, const AnalysisResult& analysis,
                                      const std::set<std::string>& touched);
    // After `analyzer` has just analysed (or re-analysed) the design: its network, forwarding
    // graph and the ids it counted as changed are reused, so nothing is built twice (the editor
    // after every edit). After a full analysis every policy is checked from scratch.
    std::vector<PolicyResult> recheck(const Analyzer& analyzer);

    std::size_t tracesRun() const { return m_traces; } // by the last call
    std::size_t cachedTraces() const { return m_cache.size(); }

private:
    std::vector<PolicyResult> run(const Design& design, const AnalysisResult& analysis, const std::set<std::string>* touched);

    PolicyOptions m_options;
    TraceCache m_cache;
    std::unordered_map<std::string, std::size_t> m_signatures; // forwarding fingerprints of the last run
    std::set<std::string> m_errorIds;                          // ids with error findings at the last run
    std::size_t m_traces = 0;
};

// One answer of a query: a pair and its trace.
struct ReachabilityAnswer {
    std::string source;
    std::string destination;
    FlowResult path;
};
struct QueryResult {
    std::size_t sources = 0, destinations = 0;
    std::size_t pairs = 0;                  // pairs of distinct endpoints asked about
    std::size_t privatePairs = 0, publicPairs = 0, unreachablePairs = 0;
    std::vector<ReachabilityAnswer> answers; // reachable pairs first (private, then public), then unreachable; scope order within
    std::size_t omitted = 0;                 // answers beyond `limit`
};
// What in `from` can reach what in `to` with `traffic`: a verdict for every pair of distinct
// endpoints, and the path of the first `limit` (reachable pairs first).
QueryResult queryReachability(const Design& design, const AnalysisResult& analysis, const Scope& from, const Scope& to,
                              const TrafficQuery& traffic, std::size_t limit = 1000);

} // namespace pp
