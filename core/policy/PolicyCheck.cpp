#include "policy/PolicyCheck.h"

#include "analysis/Exposure.h"
#include "design/Placement.h"
#include "design/TagScope.h"
#include "model/References.h"

#include <algorithm>
#include <iterator>
#include <unordered_map>
#include <unordered_set>

namespace pp {
namespace {

std::string listIds(const std::vector<std::string>& ids)
{
    std::string out;
    for (const std::string& id : ids)
        out += (out.empty() ? "" : ", ") + id;
    return out;
}

std::string trafficText(const TrafficQuery& traffic)
{
    return describeQuery(PortQuery{traffic.protocol, traffic.port.value_or(0), !traffic.port});
}

std::string leavesText(const FlowResult& r)
{
    return r.leavesAt && *r.leavesAt < r.path.size() ? ": it leaves the private network at " + r.path[*r.leavesAt].resource
                                                     : std::string();
}

// What scopes select endpoints by, worked out once per check: every endpoint with its VPC and the
// resources it refers to (its subnets, its network). Scopes of all policies are then read from it.
class EndpointIndex {
public:
    explicit EndpointIndex(const Design& design) : m_design(design)
    {
        for (const Resource& r : design.resources())
            if (kFlowEndpoints.contains(r.kind()))
                m_entries.push_back({&r, vpcOfResource(design, r.id), referencesOf(r)});
    }

    std::vector<ResourceId> members(const Scope& scope) const
    {
        std::unordered_set<std::string_view> listed;
        for (const ResourceId& id : scope.resources)
            listed.insert(id.str());
        std::vector<Kind> kinds;
        for (const std::string& name : scope.kinds)
            if (const auto k = kindFromName(name))
                kinds.push_back(*k);
        std::vector<std::pair<ResourceId, bool>> containers; // id, is a VPC
        for (const ResourceId& c : scope.containers) {
            const Resource* r = m_design.find(c);
            containers.push_back({c, r && r->kind() == Kind::Vpc});
        }
        std::vector<TagSelector> tags;
        for (const std::string& text : scope.tags)
            if (auto t = TagSelector::parse(text))
                tags.push_back(std::move(*t));
        const bool filters = !scope.kinds.empty() || !scope.containers.empty() || !scope.tags.empty();
        std::vector<ResourceId> out;
        for (const Entry& e : m_entries) {
            const Resource& r = *e.resource;
            bool member = listed.count(r.id.str()) > 0;
            if (!member && filters)
                member = (scope.kinds.empty() || std::find(kinds.begin(), kinds.end(), r.kind()) != kinds.end()) &&
                         (scope.containers.empty() || std::any_of(containers.begin(), containers.end(), [&](const auto& c) {
                              return c.second ? e.vpc == c.first
                                              : r.id == c.first || std::find(e.refs.begin(), e.refs.end(), c.first) != e.refs.end();
                          })) &&
                         (tags.empty() || std::any_of(tags.begin(), tags.end(), [&](const TagSelector& t) {
                              return carriesTag(m_design, r, t);
                          }));
            if (member)
                out.push_back(r.id);
        }
        return out;
    }

private:
    struct Entry {
        const Resource* resource;
        std::optional<ResourceId> vpc;
        std::vector<ResourceId> refs;
    };
    const Design& m_design;
    std::vector<Entry> m_entries;
};

// A pair found broken on its class's representative, before its own path is traced.
struct Candidate {
    int direction = 0; // 0: A to B; 1: B to A (isolated)
    std::size_t sourceAt = 0, destinationAt = 0; // positions in the scopes, for the report's order
    const ResourceId* source = nullptr;
    const ResourceId* destination = nullptr;
};

class PolicyEvaluator {
public:
    PolicyEvaluator(const Network& network, const ForwardingGraph& graph, const AnalysisResult& analysis,
                    const PolicyOptions& options, const std::unordered_set<std::string>& alone, TraceCache* cache = nullptr)
        : m_design(network.design()), m_analysis(analysis), m_options(options), m_index(m_design),
          m_reach(network, graph, options.grouped, alone, cache)
    {
    }

    PolicyResult evaluate(const Policy& policy)
    {
        PolicyResult result;
        result.policy = policy.id;
        result.kind = policy.kind;
        const std::vector<ResourceId> a = m_index.members(policy.from);
        const std::vector<ResourceId> b = policy.to ? m_index.members(*policy.to) : std::vector<ResourceId>{};
        result.sources = a.size();
        result.destinations = b.size();
        auto emptyScope = [&](const char* side) {
            PolicyViolation v = violation(policy, "POLICY_SCOPE_EMPTY", "", "");
            v.message = std::string("scope '") + side + "' selects no endpoint, so the policy checks nothing";
            result.violations.push_back(std::move(v));
        };
        if (a.empty())
            emptyScope("from");
        if (policy.to && b.empty())
            emptyScope("to");
        if (!result.violations.empty())
            return result;

        const TrafficQuery traffic{policy.protocol, policy.port};
        std::vector<Candidate> candidates;
        std::size_t broken = 0; // pairs found broken on their class's representative
        auto collect = [&](const std::vector<ResourceId>& from, const std::vector<ResourceId>& to, int direction,
                           auto&& breaks) {
            m_reach.forEachClassPair(from, to, traffic, [&](const auto& sources, const auto& destinations, bool sameClass,
                                                            const FlowResult& r) {
                std::size_t count = sources.size() * destinations.size();
                if (sameClass) // a member on both sides is no pair with itself
                    for (const std::size_t si : sources)
                        for (const std::size_t di : destinations)
                            count -= from[si] == to[di] ? 1 : 0;
                result.pairs += count;
                if (!breaks(r))
                    return;
                broken += count;
                for (const std::size_t si : sources)
                    for (const std::size_t di : destinations)
                        if (!sameClass || from[si] != to[di])
                            candidates.push_back({direction, si, di, &from[si], &to[di]});
            });
        };

        switch (policy.kind) {
        case PolicyKind::PrivateOnly:
            if (!policy.to) // to anything: the internet, and every endpoint a public path can end at
                exposure(policy, a, true, result);
            collect(a, policy.to ? b : publicDestinations(), 0, [](const FlowResult& r) { return r.verdict == Verdict::Public; });
            break;
        case PolicyKind::NoInternetExposure:
            exposure(policy, a, false, result);
            break;
        case PolicyKind::Isolated: {
            auto connected = [](const FlowResult& r) { return r.verdict != Verdict::Unreachable; };
            collect(a, b, 0, connected);
            collect(b, a, 1, connected);
            break;
        }
        case PolicyKind::MustReach:
            collect(a, b, 0, [](const FlowResult& r) { return r.verdict != Verdict::Private; });
            break;
        case PolicyKind::OnlyVia:
            collect(a, b, 0, [&](const FlowResult& r) { return r.verdict != Verdict::Unreachable && !visitsVia(policy, r); });
            break;
        }

        // Only the first violations in scope order are traced for their own path; the others are
        // counted.
        auto order = [](const Candidate& x, const Candidate& y) {
            return std::tie(x.direction, x.sourceAt, x.destinationAt) < std::tie(y.direction, y.sourceAt, y.destinationAt);
        };
        const std::size_t room = m_options.maxViolations > result.violations.size() ? m_options.maxViolations - result.violations.size() : 0;
        const std::size_t listed = std::min(room, candidates.size());
        std::partial_sort(candidates.begin(), candidates.begin() + std::ptrdiff_t(listed), candidates.end(), order);
        for (std::size_t i = 0; i < listed; ++i)
            if (auto v = pairViolation(policy, traffic, candidates[i]))
                result.violations.push_back(std::move(*v));
        result.omitted += broken - listed;
        return result;
    }

    std::size_t tracesRun() const { return m_reach.tracesRun(); }

private:
    static bool visitsVia(const Policy& policy, const FlowResult& r)
    {
        return std::any_of(r.path.begin(), r.path.end(), [&](const Hop& h) {
            return std::find(policy.via.begin(), policy.via.end(), ResourceId(h.resource)) != policy.via.end();
        });
    }

    // `private-only` without scope B: the endpoints a public path can end at. A workload with
    // neither a public IPv4 address nor an IPv6 address is left out: nothing public leads to a
    // private address (an internet gateway refuses them, IGW-3).
    const std::vector<ResourceId>& publicDestinations()
    {
        if (!m_publicDestinations) {
            m_publicDestinations.emplace();
            for (const Resource& r : m_design.resources()) {
                if (!kFlowEndpoints.contains(r.kind()))
                    continue;
                if (const Workload* w = r.as<Workload>(); w && !w->publicIp && !w->ipv6Address)
                    continue;
                m_publicDestinations->push_back(r.id);
            }
        }
        return *m_publicDestinations;
    }

    PolicyViolation violation(const Policy& policy, const char* code, std::string source, std::string destination) const
    {
        PolicyViolation v;
        v.policy = policy.id;
        v.kind = policy.kind;
        v.code = code;
        v.source = std::move(source);
        v.destination = std::move(destination);
        return v;
    }

    // Internet egress (`private-only`) or ingress (`no-internet-exposure`) of the scope's
    // workloads, from the analysis's exposure (the same answer lesson goals read).
    void exposure(const Policy& policy, const std::vector<ResourceId>& members, bool egress, PolicyResult& result) const
    {
        std::unordered_set<std::string> inScope;
        for (const ResourceId& id : members)
            inScope.insert(id.str());
        for (const Exposure& e : m_analysis.exposure) {
            if (!inScope.count(e.workload) || !(egress ? e.egress : e.ingress))
                continue;
            if (result.violations.size() >= m_options.maxViolations) {
                ++result.omitted;
                continue;
            }
            PolicyViolation v = egress ? violation(policy, "POLICY_INTERNET_EGRESS", e.workload, std::string(kInternet))
                                       : violation(policy, "POLICY_INTERNET_INGRESS", std::string(kInternet), e.workload);
            const std::vector<std::string>& via = egress ? e.egressVia : e.ingressVia;
            v.message = egress ? e.workload + " reaches the internet via " + listIds(via)
                               : e.workload + " is reachable from the internet via " + listIds(via) +
                                     (e.openPorts.empty() ? std::string() : " (" + listIds(e.openPorts) + ")");
            v.path.flow = FlowId(v.source + "->" + v.destination);
            v.path.verdict = Verdict::Public;
            auto hop = [&](const std::string& id, const char* action, std::string detail) {
                Hop h;
                h.resource = id;
                h.action = action;
                h.detail = std::move(detail);
                v.path.path.push_back(std::move(h));
            };
            if (egress)
                hop(e.workload, "source", "opens connections to the internet");
            for (const std::string& id : via)
                hop(id, "forward", egress ? "towards the internet" : "from the internet");
            if (!egress)
                hop(e.workload, "deliver", e.openPorts.empty() ? std::string() : "open to public sources: " + listIds(e.openPorts));
            v.path.leavesAt = egress ? v.path.path.size() - 1 : 0;
            v.path.blocking.clear();
            v.path.notes.push_back({egress ? "POLICY_INTERNET_EGRESS" : "POLICY_INTERNET_INGRESS", e.workload, v.message});
            result.violations.push_back(std::move(v));
        }
    }

    std::optional<PolicyViolation> pairViolation(const Policy& policy, const TrafficQuery& traffic, const Candidate& c)
    {
        // The cached trace, copied into the violation only when there is one.
        const std::shared_ptr<const FlowResult> shared = m_reach.traceShared(*c.source, *c.destination, traffic);
        const FlowResult& r = *shared;
        const std::string s = c.source->str(), d = c.destination->str(), what = trafficText(traffic);
        const std::string verdict(enumName(r.verdict));
        PolicyViolation v = violation(policy, "", s, d);
        switch (policy.kind) {
        case PolicyKind::PrivateOnly:
        case PolicyKind::NoInternetExposure:
            if (r.verdict != Verdict::Public)
                return std::nullopt;
            v.code = "POLICY_PUBLIC_PATH";
            v.message = s + " reaches " + d + " (" + what + ") over a public path" + leavesText(r);
            break;
        case PolicyKind::Isolated:
            if (r.verdict == Verdict::Unreachable)
                return std::nullopt;
            v.code = "POLICY_NOT_ISOLATED";
            v.message = s + " can connect to " + d + " (" + what + ", " + verdict + "); the policy isolates them";
            break;
        case PolicyKind::MustReach:
            if (r.verdict == Verdict::Private)
                return std::nullopt;
            v.code = r.verdict == Verdict::Public ? "POLICY_REACHES_PUBLICLY" : "POLICY_NOT_REACHABLE";
            v.message = r.verdict == Verdict::Public
                            ? s + " reaches " + d + " (" + what + ") only over a public path" + leavesText(r)
                            : s + " cannot reach " + d + " (" + what + ")" +
                                  (r.blocking.empty() ? std::string() : ": " + r.blocking.front().message);
            break;
        case PolicyKind::OnlyVia: {
            if (r.verdict == Verdict::Unreachable || visitsVia(policy, r))
                return std::nullopt;
            std::vector<std::string> via;
            for (const ResourceId& id : policy.via)
                via.push_back(id.str());
            v.code = "POLICY_BYPASSES_VIA";
            v.message = s + " reaches " + d + " (" + what + ", " + verdict + ") without passing through " +
                        (via.size() == 1 ? via.front() : "any of " + listIds(via));
            break;
        }
        }
        v.path = r;
        return v;
    }

    const Design& m_design;
    const AnalysisResult& m_analysis;
    const PolicyOptions& m_options;
    EndpointIndex m_index;
    SetReachability m_reach;
    std::optional<std::vector<ResourceId>> m_publicDestinations;
};

} // namespace

std::vector<ResourceId> scopeMembers(const Design& design, const Scope& scope)
{
    return EndpointIndex(design).members(scope);
}

namespace {

std::vector<PolicyResult> evaluateAll(const Network& network, const ForwardingGraph& graph, const AnalysisResult& analysis,
                                      const PolicyOptions& options, TraceCache* cache, std::size_t* traces)
{
    std::unordered_set<std::string> via;
    for (const Policy& p : network.design().policies)
        for (const ResourceId& id : p.via)
            via.insert(id.str());
    PolicyEvaluator evaluator(network, graph, analysis, options, via, cache);
    std::vector<PolicyResult> results;
    results.reserve(network.design().policies.size());
    for (const Policy& p : network.design().policies)
        results.push_back(evaluator.evaluate(p));
    if (traces)
        *traces = evaluator.tracesRun();
    return results;
}

} // namespace

std::vector<PolicyResult> checkPolicies(const Network& network, const ForwardingGraph& graph,
                                        const AnalysisResult& analysis, const PolicyOptions& options)
{
    return evaluateAll(network, graph, analysis, options, nullptr, nullptr);
}

std::vector<PolicyResult> PolicyChecker::check(const Design& design, const AnalysisResult& analysis)
{
    m_cache.clear();
    return run(design, analysis, nullptr);
}

std::vector<PolicyResult> PolicyChecker::recheck(const Design& design, const AnalysisResult& analysis,
                                                 const std::set<std::string>& touched)
{
    return run(design, analysis, &touched);
}

std::vector<PolicyResult> PolicyChecker::recheck(const Analyzer& analyzer)
{
    const Network* network = analyzer.network();
    const ForwardingGraph* graph = analyzer.graph();
    if (!network || !graph || network->design().policies.empty()) {
        m_traces = 0;
        return {};
    }
    m_traces = 0;
    // run()'s own bookkeeping (error ids, forwarding fingerprints) is left as it was: a later
    // run() compares with an older state, which invalidates at least what changed since.
    if (analyzer.lastRunIncremental())
        m_cache.invalidate(analyzer.lastChanged());
    else
        m_cache.clear();
    return evaluateAll(*network, *graph, analyzer.result(), m_options, &m_cache, &m_traces);
}

std::vector<PolicyResult> PolicyChecker::run(const Design& design, const AnalysisResult& analysis,
                                             const std::set<std::string>* touched)
{
    m_traces = 0;
    Network network(design);
    network.setErrorFindings(analysis.findings);
    const ForwardingGraph graph(network);
    // What the edit changed, as the Analyzer works it out for flows: the touched ids, ids whose
    // error findings appeared or went, and resources whose forwarding decisions changed (a new
    // VPN adds propagated routes to tables nobody edited).
    std::set<std::string> changed = touched ? *touched : std::set<std::string>{};
    std::set<std::string> errorIds;
    for (const Finding& f : analysis.findings)
        if (f.severity == Severity::Error)
            errorIds.insert(f.ids.begin(), f.ids.end());
    std::set_symmetric_difference(errorIds.begin(), errorIds.end(), m_errorIds.begin(), m_errorIds.end(),
                                  std::inserter(changed, changed.end()));
    m_errorIds = std::move(errorIds);
    auto signatures = graph.keyedSignatures();
    if (touched)
        for (const auto& [key, hash] : signatures) {
            const auto old = m_signatures.find(key);
            if (old == m_signatures.end() || old->second != hash) {
                const auto first = key.find('|'), second = key.find('|', first + 1); // "kind|resource|context"
                changed.insert(key.substr(first + 1, second - first - 1));
                changed.insert(key.substr(second + 1));
            }
        }
    m_signatures = std::move(signatures);
    if (touched)
        m_cache.invalidate(changed);
    return evaluateAll(network, graph, analysis, m_options, &m_cache, &m_traces);
}

std::vector<PolicyResult> checkPolicies(const Design& design, const AnalysisResult& analysis, const PolicyOptions& options)
{
    if (design.policies.empty())
        return {};
    Network network(design);
    network.setErrorFindings(analysis.findings);
    const ForwardingGraph graph(network);
    return checkPolicies(network, graph, analysis, options);
}

QueryResult queryReachability(const Design& design, const AnalysisResult& analysis, const Scope& from, const Scope& to,
                              const TrafficQuery& traffic, std::size_t limit)
{
    Network network(design);
    network.setErrorFindings(analysis.findings);
    const ForwardingGraph graph(network);
    SetReachability reach(network, graph);
    QueryResult result;
    const std::vector<ResourceId> a = scopeMembers(design, from), b = scopeMembers(design, to);
    result.sources = a.size();
    result.destinations = b.size();
    struct Pair {
        int rank; // 0 private, 1 public, 2 unreachable
        std::size_t s, d;
    };
    std::vector<Pair> pairs;
    reach.forEachClassPair(a, b, traffic, [&](const auto& sources, const auto& destinations, bool sameClass, const FlowResult& r) {
        const int rank = r.verdict == Verdict::Private ? 0 : r.verdict == Verdict::Public ? 1 : 2;
        for (const std::size_t s : sources)
            for (const std::size_t d : destinations)
                if (!sameClass || a[s] != b[d])
                    pairs.push_back({rank, s, d});
    });
    std::sort(pairs.begin(), pairs.end(), [](const Pair& x, const Pair& y) { return std::tie(x.rank, x.s, x.d) < std::tie(y.rank, y.s, y.d); });
    result.pairs = pairs.size();
    for (const Pair& p : pairs) {
        (p.rank == 0 ? result.privatePairs : p.rank == 1 ? result.publicPairs : result.unreachablePairs) += 1;
        if (result.answers.size() >= limit) {
            ++result.omitted;
            continue;
        }
        result.answers.push_back({a[p.s].str(), b[p.d].str(), reach.trace(a[p.s], b[p.d], traffic)});
    }
    return result;
}

} // namespace pp
