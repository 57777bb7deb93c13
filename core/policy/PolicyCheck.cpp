#include "policy/PolicyCheck.h"

#include "analysis/Exposure.h"
#include "design/Placement.h"
#include "design/TagScope.h"

#include <algorithm>
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

// A pair found broken on its class's representative, before its own path is traced.
struct Candidate {
    int direction = 0; // 0: A to B; 1: B to A (isolated)
    std::size_t sourceAt = 0, destinationAt = 0;
    ResourceId source, destination;
};

class PolicyEvaluator {
public:
    PolicyEvaluator(const Network& network, const ForwardingGraph& graph, const AnalysisResult& analysis,
                    const PolicyOptions& options, const std::unordered_set<std::string>& alone)
        : m_design(network.design()), m_analysis(analysis), m_options(options),
          m_reach(network, graph, options.grouped, alone)
    {
    }

    PolicyResult evaluate(const Policy& policy)
    {
        PolicyResult result;
        result.policy = policy.id;
        result.kind = policy.kind;
        const std::vector<ResourceId> a = scopeMembers(m_design, policy.from);
        const std::vector<ResourceId> b = policy.to ? scopeMembers(m_design, *policy.to) : std::vector<ResourceId>{};
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
        auto collect = [&](const std::vector<ResourceId>& from, const std::vector<ResourceId>& to, int direction,
                           auto&& broken) {
            const auto fromAt = positions(from), toAt = positions(to);
            m_reach.forEachClassPair(from, to, traffic, [&](const auto& sources, const auto& destinations, const FlowResult& r) {
                const std::size_t count = sources.size() * destinations.size();
                result.pairs += count;
                if (!broken(r))
                    return;
                for (const ResourceId& s : sources)
                    for (const ResourceId& d : destinations)
                        if (s != d)
                            candidates.push_back({direction, fromAt.at(s.str()), toAt.at(d.str()), s, d});
            });
        };

        switch (policy.kind) {
        case PolicyKind::PrivateOnly:
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

        std::sort(candidates.begin(), candidates.end(), [](const Candidate& x, const Candidate& y) {
            return std::tie(x.direction, x.sourceAt, x.destinationAt) < std::tie(y.direction, y.sourceAt, y.destinationAt);
        });
        for (const Candidate& c : candidates) {
            if (result.violations.size() >= m_options.maxViolations) {
                ++result.omitted;
                continue;
            }
            if (auto v = pairViolation(policy, traffic, c))
                result.violations.push_back(std::move(*v));
        }
        return result;
    }

    std::size_t tracesRun() const { return m_reach.tracesRun(); }

private:
    static std::unordered_map<std::string, std::size_t> positions(const std::vector<ResourceId>& ids)
    {
        std::unordered_map<std::string, std::size_t> at;
        at.reserve(ids.size());
        for (std::size_t i = 0; i < ids.size(); ++i)
            at.emplace(ids[i].str(), i);
        return at;
    }

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
        FlowResult r = m_reach.trace(c.source, c.destination, traffic);
        const std::string s = c.source.str(), d = c.destination.str(), what = trafficText(traffic);
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
        v.path = std::move(r);
        return v;
    }

    const Design& m_design;
    const AnalysisResult& m_analysis;
    const PolicyOptions& m_options;
    SetReachability m_reach;
    std::optional<std::vector<ResourceId>> m_publicDestinations;
};

} // namespace

std::vector<ResourceId> scopeMembers(const Design& design, const Scope& scope)
{
    std::unordered_set<std::string> listed;
    for (const ResourceId& id : scope.resources)
        listed.insert(id.str());
    std::vector<Kind> kinds;
    for (const std::string& name : scope.kinds)
        if (const auto k = kindFromName(name))
            kinds.push_back(*k);
    std::vector<TagSelector> tags;
    for (const std::string& text : scope.tags)
        if (auto t = TagSelector::parse(text))
            tags.push_back(std::move(*t));
    const bool filters = !scope.kinds.empty() || !scope.containers.empty() || !scope.tags.empty();
    std::vector<ResourceId> members;
    for (const Resource& r : design.resources()) {
        if (!kFlowEndpoints.contains(r.kind()))
            continue;
        bool member = listed.count(r.id.str()) > 0;
        if (!member && filters) {
            member = (scope.kinds.empty() || std::find(kinds.begin(), kinds.end(), r.kind()) != kinds.end()) &&
                     (scope.containers.empty() ||
                      std::any_of(scope.containers.begin(), scope.containers.end(),
                                  [&](const ResourceId& c) { return inScope(design, r.id, c); })) &&
                     (tags.empty() || std::any_of(tags.begin(), tags.end(), [&](const TagSelector& t) {
                          return carriesTag(design, r, t);
                      }));
        }
        if (member)
            members.push_back(r.id);
    }
    return members;
}

std::vector<PolicyResult> checkPolicies(const Network& network, const ForwardingGraph& graph,
                                        const AnalysisResult& analysis, const PolicyOptions& options)
{
    std::unordered_set<std::string> via;
    for (const Policy& p : network.design().policies)
        for (const ResourceId& id : p.via)
            via.insert(id.str());
    PolicyEvaluator evaluator(network, graph, analysis, options, via);
    std::vector<PolicyResult> results;
    results.reserve(network.design().policies.size());
    for (const Policy& p : network.design().policies)
        results.push_back(evaluator.evaluate(p));
    return results;
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
    std::unordered_map<std::string, std::size_t> aAt, bAt;
    for (std::size_t i = 0; i < a.size(); ++i)
        aAt.emplace(a[i].str(), i);
    for (std::size_t i = 0; i < b.size(); ++i)
        bAt.emplace(b[i].str(), i);
    struct Pair {
        int rank; // 0 private, 1 public, 2 unreachable
        std::size_t s, d;
    };
    std::vector<Pair> pairs;
    reach.forEachClassPair(a, b, traffic, [&](const auto& sources, const auto& destinations, const FlowResult& r) {
        const int rank = r.verdict == Verdict::Private ? 0 : r.verdict == Verdict::Public ? 1 : 2;
        for (const ResourceId& s : sources)
            for (const ResourceId& d : destinations)
                if (s != d)
                    pairs.push_back({rank, aAt.at(s.str()), bAt.at(d.str())});
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
