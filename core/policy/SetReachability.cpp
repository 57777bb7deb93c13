#include "policy/SetReachability.h"

#include "analysis/Tracer.h"
#include "model/References.h"

#include <algorithm>

namespace pp {
namespace {

template <class T>
struct IsOptional : std::false_type {};
template <class T>
struct IsOptional<std::optional<T>> : std::true_type {};
template <class T>
struct IsVector : std::false_type {};
template <class T>
struct IsVector<std::vector<T>> : std::true_type {};

// Walks a describe()d value and keeps every CIDR and address in it: the boundaries that routes,
// rules and prefix lists can tell addresses apart by.
class AddressCollector {
public:
    explicit AddressCollector(std::vector<Cidr>& out) : m_out(out) {}

    template <class T>
    void req(std::string_view, T& value, const FieldSpec&) { visit(value); }
    template <class T, class D>
    void opt(std::string_view, T& value, const D&, const FieldSpec&) { visit(value); }
    template <class T>
    void opt(std::string_view, T& value, const FieldSpec&) { visit(value); }
    template <class L>
    void oneOf(const L&) {}

    template <class T>
    void visit(T& value)
    {
        if constexpr (std::is_same_v<T, Cidr>)
            m_out.push_back(value);
        else if constexpr (std::is_same_v<T, IpAddress>)
            m_out.push_back(Cidr::containing(value, value.bitWidth()));
        else if constexpr (IsOptional<T>::value) {
            if (value)
                visit(*value);
        } else if constexpr (IsVector<T>::value) {
            for (auto& item : value)
                visit(item);
        } else if constexpr (Described<T>) {
            describe(*this, value);
        }
    }

private:
    std::vector<Cidr>& m_out;
};

bool isHostKind(Kind k) { return k == Kind::Workload || k == Kind::OnPremisesHost || k == Kind::InternetHost; }

} // namespace

void TraceCache::invalidate(const std::set<std::string>& changed)
{
    for (const std::string& id : changed) {
        const auto it = m_dependents.find(id);
        if (it == m_dependents.end())
            continue;
        for (const std::string& key : it->second)
            m_entries.erase(key);
        m_dependents.erase(it);
    }
}

SetReachability::SetReachability(const Network& network, const ForwardingGraph& graph, bool grouped,
                                 const std::unordered_set<std::string>& alone, TraceCache* cache)
    : m_network(network), m_graph(graph), m_grouped(grouped), m_alone(alone), m_cache(cache)
{
    if (!m_grouped)
        return;
    std::vector<Cidr> cidrs;
    for (const char* range : {"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "fc00::/7"})
        cidrs.push_back(*Cidr::parse(range));
    AddressCollector collector(cidrs);
    for (const Resource& r : network.design().resources()) {
        for (const ResourceId& ref : referencesOf(r))
            m_alone.insert(ref.str());
        // The hosts' own addresses are what the classes group; every other address is a boundary.
        if (!isHostKind(r.kind()))
            std::visit([&](const auto& data) { collector.visit(const_cast<std::decay_t<decltype(data)>&>(data)); }, r.data);
        if (r.kind() == Kind::PrefixList)
            for (const Cidr& c : network.prefixListCidrs(r.id))
                cidrs.push_back(c);
        if (r.kind() == Kind::AwsService)
            for (const Cidr& c : network.serviceAddresses(r.id))
                cidrs.push_back(c);
    }
    for (const Cidr& c : cidrs) {
        m_boundaries.push_back(c.network());
        const IpAddress last = c.last();
        if (last.value() + 1 != 0 && !(last.isV4() && last.value() == 0xFFFFFFFFu))
            m_boundaries.push_back(last.isV4() ? IpAddress::v4(std::uint32_t(last.value() + 1)) : IpAddress::v6(last.value() + 1));
    }
    std::sort(m_boundaries.begin(), m_boundaries.end());
    m_boundaries.erase(std::unique(m_boundaries.begin(), m_boundaries.end()), m_boundaries.end());
}

std::size_t SetReachability::bucketOf(const IpAddress& address) const
{
    return std::size_t(std::upper_bound(m_boundaries.begin(), m_boundaries.end(), address) - m_boundaries.begin());
}

bool SetReachability::canOpen(const ResourceId& id) const
{
    const Resource* r = m_network.design().find(id);
    return r && isHostKind(r->kind());
}

std::string SetReachability::classKey(const Resource& r) const
{
    const std::string alone = "#" + r.id.str();
    if (!m_grouped || m_alone.count(r.id.str()) || !m_network.errorFindingsOf(r.id.str()).empty())
        return alone;
    if (const Workload* w = r.as<Workload>()) {
        ResourceIds groups = m_network.securityGroupsOf(r.id);
        std::sort(groups.begin(), groups.end());
        std::string key = "W|" + w->subnet.str() + "|";
        for (const ResourceId& g : groups)
            key += g.str() + ",";
        key += "|" + std::to_string(bucketOf(m_network.interfaceAddress(r.id, w->subnet)));
        key += m_network.isAssumedAddress(r.id) ? "|assumed" : "|given";
        if (w->publicIp)
            key += "|public:" + std::to_string(bucketOf(m_network.publicAddressOf(r.id)));
        if (w->ipv6Address)
            key += "|v6:" + std::to_string(bucketOf(*w->ipv6Address));
        return key;
    }
    if (const OnPremisesHost* h = r.as<OnPremisesHost>())
        return "H|" + h->network.str() + "|" + std::to_string(bucketOf(h->address));
    if (const InternetHost* h = r.as<InternetHost>(); h && h->dnsName.empty())
        return "I|" + std::to_string(bucketOf(h->address));
    return alone;
}

std::size_t SetReachability::classOf(const ResourceId& id)
{
    if (const auto it = m_classOf.find(id.str()); it != m_classOf.end())
        return it->second;
    const Resource* r = m_network.design().find(id);
    const std::string key = r ? classKey(*r) : "#" + id.str();
    const auto [it, added] = m_classKeys.emplace(key, m_classKeys.size());
    m_classOf.emplace(id.str(), it->second);
    return it->second;
}

FlowResult SetReachability::trace(const ResourceId& source, const ResourceId& destination, const TrafficQuery& traffic)
{
    return *traceShared(source, destination, traffic);
}

std::shared_ptr<const FlowResult> SetReachability::traceShared(const ResourceId& source, const ResourceId& destination,
                                                               const TrafficQuery& traffic)
{
    Flow flow;
    flow.id = FlowId(source.str() + "->" + destination.str());
    flow.source = source;
    flow.destination = destination;
    flow.protocol = traffic.protocol;
    flow.port = traffic.port;
    if (!m_cache) {
        ++m_traces;
        return std::make_shared<const FlowResult>(traceFlow(m_network, m_graph, flow));
    }
    const std::string key = std::string(enumName(traffic.protocol)) + "|" + (traffic.port ? std::to_string(*traffic.port) : "") +
                            "|" + source.str() + "|" + destination.str();
    if (const auto it = m_cache->m_entries.find(key); it != m_cache->m_entries.end())
        return it->second.result;
    ++m_traces;
    TraceCache::Entry entry;
    entry.result = std::make_shared<const FlowResult>(traceFlow(m_network, m_graph, flow, &entry.dependencies));
    for (const std::string& id : entry.dependencies)
        m_cache->m_dependents[id].push_back(key);
    return m_cache->m_entries.emplace(key, std::move(entry)).first->second.result;
}

void SetReachability::forEachClassPair(const std::vector<ResourceId>& sources, const std::vector<ResourceId>& destinations,
                                       const TrafficQuery& traffic, const ClassVisitor& visit)
{
    // Positions of the members of each class, classes in the order of their first member.
    auto partition = [&](const std::vector<ResourceId>& ids, bool asSources) {
        std::vector<std::pair<std::size_t, std::vector<std::size_t>>> groups;
        std::unordered_map<std::size_t, std::size_t> at;
        for (std::size_t i = 0; i < ids.size(); ++i) {
            if (asSources && !canOpen(ids[i]))
                continue;
            const std::size_t c = classOf(ids[i]);
            const auto [it, added] = at.emplace(c, groups.size());
            if (added)
                groups.push_back({c, {}});
            groups[it->second].second.push_back(i);
        }
        return groups;
    };
    const auto from = partition(sources, true);
    const auto to = partition(destinations, false);
    auto& results = m_results[traffic];
    for (const auto& [sc, sourceMembers] : from)
        for (const auto& [dc, destinationMembers] : to) {
            // A representative pair of distinct endpoints (a class may sit on both sides).
            const ResourceId* s = nullptr;
            const ResourceId* d = nullptr;
            for (const std::size_t si : sourceMembers) {
                for (const std::size_t di : destinationMembers)
                    if (sources[si] != destinations[di]) {
                        s = &sources[si];
                        d = &destinations[di];
                        break;
                    }
                if (s)
                    break;
            }
            if (!s)
                continue; // only the pair of one endpoint with itself
            const std::uint64_t key = (std::uint64_t(sc) << 32) | std::uint64_t(dc);
            auto it = results.find(key);
            if (it == results.end())
                it = results.emplace(key, traceShared(*s, *d, traffic)).first;
            visit(sourceMembers, destinationMembers, sc == dc, *it->second);
        }
}

} // namespace pp
