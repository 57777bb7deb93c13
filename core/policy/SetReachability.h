#pragma once

// Reachability between sets of endpoints, computed by equivalence classes rather than pair by
// pair. Two endpoints are in one class when every rule of the engine treats them alike: same kind,
// same subnet (hence route table, network ACL, AZ and VPC), same security groups, public IP and
// IPv6 presence, and addresses that no CIDR of the design tells apart (they fall between the same
// two CIDR boundaries of every route, rule, prefix list, VPC and subnet). Whatever a packet from
// one member meets, a packet from another meets too, so one trace per pair of classes answers
// every pair of members. Endpoints that something refers to by id (a load balancer target, a
// route's middlebox, an `only-via` resource), that have error findings, or that are not workloads
// or on-premises hosts, are classes of their own. tests/core/PolicySetReachabilityTest.cpp checks
// the classes against pair-by-pair tracing on random generated designs.

#include "analysis/AnalysisResult.h"
#include "analysis/ForwardingGraph.h"
#include "analysis/Network.h"

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace pp {

// The traffic a policy or query asks about. `all` (no port): any protocol and port at all.
struct TrafficQuery {
    Protocol protocol = Protocol::All;
    std::optional<int> port;
    friend auto operator<=>(const TrafficQuery&, const TrafficQuery&) = default;
};

// Traces kept between checks (PolicyChecker): each pair's answer with the ids it depended on, so
// an edit only invalidates the answers it can change (as the Analyzer does for flows).
class TraceCache {
public:
    // Drops every answer that depended on one of `changed`.
    void invalidate(const std::set<std::string>& changed);
    void clear()
    {
        m_entries.clear();
        m_dependents.clear();
    }
    std::size_t size() const { return m_entries.size(); }

private:
    friend class SetReachability;
    struct Entry {
        std::shared_ptr<const FlowResult> result;
        std::set<std::string> dependencies;
    };
    std::unordered_map<std::string, Entry> m_entries; // "protocol|port|source|destination"
    // id -> keys of the entries that depended on it (may name entries dropped since: harmless).
    std::unordered_map<std::string, std::vector<std::string>> m_dependents;
};

class SetReachability {
public:
    // `grouped` false traces every pair (the reference the classes are tested against).
    // `alone`: ids that must each be a class of their own (e.g. `only-via` resources).
    // `cache`: answers kept from earlier checks, used and filled (may be null).
    SetReachability(const Network& network, const ForwardingGraph& graph, bool grouped = true,
                    const std::unordered_set<std::string>& alone = {}, TraceCache* cache = nullptr);

    // Whether `id` can open connections (workloads, on-premises and internet hosts): only these
    // are sources; the rest only answer.
    bool canOpen(const ResourceId& id) const;

    // For every pair of a source class and a destination class with at least one pair of distinct
    // members (sources that cannot open connections left out), calls `visit` with the positions
    // of each class's members in `sources` and `destinations`, whether the two are one class
    // (then a member may sit on both sides, and its pair with itself is no pair), and the trace of
    // one representative pair of distinct endpoints. Every (s, d) with s != d is in exactly one
    // call. Classes come in the order of their first member.
    using ClassVisitor = std::function<void(const std::vector<std::size_t>& sources, const std::vector<std::size_t>& destinations,
                                            bool sameClass, const FlowResult& representative)>;
    void forEachClassPair(const std::vector<ResourceId>& sources, const std::vector<ResourceId>& destinations,
                          const TrafficQuery& traffic, const ClassVisitor& visit);

    // The exact trace of one pair (for the path a report shows).
    FlowResult trace(const ResourceId& source, const ResourceId& destination, const TrafficQuery& traffic);

    std::size_t tracesRun() const { return m_traces; } // traced now, not taken from the cache
    std::size_t classCount() const { return m_classKeys.size(); }
    // The class of an endpoint (for tests).
    std::size_t classOf(const ResourceId& id);

    // The same without a copy: the cached answer itself (shared with the cache).
    std::shared_ptr<const FlowResult> traceShared(const ResourceId& source, const ResourceId& destination,
                                                  const TrafficQuery& traffic);

private:
    std::string classKey(const Resource& r) const;
    std::size_t bucketOf(const IpAddress& address) const;

    const Network& m_network;
    const ForwardingGraph& m_graph;
    bool m_grouped = true;
    std::unordered_set<std::string> m_alone;     // referenced by id, or asked to be alone
    std::vector<IpAddress> m_boundaries;         // sorted starts of address ranges no CIDR splits
    std::unordered_map<std::string, std::size_t> m_classOf;  // endpoint id -> class
    std::unordered_map<std::string, std::size_t> m_classKeys; // class key -> class
    // (source class << 32 | destination class) -> the representative's trace, per traffic
    std::map<TrafficQuery, std::unordered_map<std::uint64_t, std::shared_ptr<const FlowResult>>> m_results;
    std::size_t m_traces = 0;
    TraceCache* m_cache = nullptr;
};

} // namespace pp
