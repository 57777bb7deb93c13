#include "analysis/Analyzer.h"

#include "analysis/Exposure.h"
#include "analysis/ForwardingGraph.h"
#include "analysis/Tracer.h"
#include "model/References.h"

#include <algorithm>
#include <map>

namespace pp {

const AnalysisResult& Analyzer::analyze(const Design& design)
{
    m_cache.clear();
    return run(design, nullptr);
}

const AnalysisResult& Analyzer::reanalyze(const Design& design, const std::set<std::string>& touched,
                                          const std::set<std::string>* changed)
{
    return run(design, &touched, changed);
}

Analyzer::Analyzer(bool incremental) : m_incremental(incremental), m_exposure(std::make_unique<ExposureCache>()) {}
Analyzer::~Analyzer() = default;
Analyzer::Analyzer(Analyzer&&) noexcept = default;
Analyzer& Analyzer::operator=(Analyzer&&) noexcept = default;

const AnalysisResult& Analyzer::run(const Design& design, const std::set<std::string>* touched,
                                    const std::set<std::string>* changedIds)
{
    AnalysisResult result;
    result.findings = m_incremental ? m_linter.run(design, touched, changedIds) : lintDesign(design);
    auto ownNetwork = std::make_unique<Network>(design);
    ownNetwork->setErrorFindings(result.findings);
    auto ownGraph = std::make_unique<ForwardingGraph>(*ownNetwork);
    const Network& network = *ownNetwork;
    const ForwardingGraph& graph = *ownGraph;

    // Ids whose error findings appeared or disappeared also invalidate cached answers.
    std::set<std::string> errorIds;
    for (const Finding& f : result.findings)
        if (f.severity == Severity::Error)
            errorIds.insert(f.ids.begin(), f.ids.end());
    std::set<std::string> changed = touched ? *touched : std::set<std::string>{};
    for (const std::string& id : errorIds)
        if (!m_errorIds.count(id))
            changed.insert(id);
    for (const std::string& id : m_errorIds)
        if (!errorIds.count(id))
            changed.insert(id);
    m_errorIds = std::move(errorIds);

    // Forwarding decisions that changed anywhere invalidate the flows that passed there.
    std::set<std::string> changedVertices; // keys of vertices whose forwarding choices changed, came or went
    if (m_incremental) {
        auto signatures = graph.signatures();
        if (touched && m_graph) {
            auto note = [&](const std::string& key) {
                // key = "kind|resource|context"
                const auto first = key.find('|'), second = key.find('|', first + 1);
                for (std::string id : {key.substr(first + 1, second - first - 1), key.substr(second + 1)})
                    if (!id.empty())
                        changed.insert(std::move(id));
                changedVertices.insert(key);
            };
            // The last run's graph is still there: compare each vertex with its namesake.
            graph.forEachKey([&](const std::string& key, Vertex v) {
                const auto old = m_graph->vertexOfKey(key);
                if (!old || m_signatures[*old] != signatures[v])
                    note(key);
            });
            m_graph->forEachKey([&](const std::string& key, Vertex) {
                if (!graph.vertexOfKey(key))
                    note(key);
            });
        }
        m_signatures = std::move(signatures);
    }

    m_traced = 0;
    // Results of the last run are moved, not copied, into this one when still valid.
    std::vector<FlowResult> previous = std::move(m_result.flows);
    std::unordered_map<std::string, CachedFlow> cache;
    std::vector<IpAddress> destinations{internetRepresentative(IpFamily::V4)};
    result.flows.reserve(design.flows().size());
    for (const Flow& flow : design.flows()) {
        const auto it = m_cache.find(flow.id.str());
        bool reuse = touched && it != m_cache.end() && it->second.flow == flow;
        if (reuse)
            for (const std::string& id : changed)
                if (it->second.dependencies.count(id)) {
                    reuse = false;
                    break;
                }
        CachedFlow entry;
        if (reuse) {
            entry = std::move(it->second);
            result.flows.push_back(std::move(previous[entry.index]));
        } else {
            entry.flow = flow;
            result.flows.push_back(traceFlow(network, graph, flow, m_incremental ? &entry.dependencies : nullptr));
            entry.dependencies.insert(flow.id.str());
            for (const Hop& h : result.flows.back().path)
                if (h.action == "dns" || h.action == "source")
                    if (const auto a = IpAddress::parse(h.destination))
                        entry.destination = *a;
            ++m_traced;
        }
        entry.index = result.flows.size() - 1;
        if (entry.destination)
            destinations.push_back(*entry.destination);
        if (m_incremental)
            cache.emplace(flow.id.str(), std::move(entry));
    }
    m_cache = std::move(cache);

    // RT-7: forwarding loops for the destinations in use.
    for (const auto& loop : findLoops(graph, destinations, touched != nullptr, changedVertices)) {
        Finding f;
        f.code = "CYCLIC_PATH_DETECTED";
        f.severity = Severity::Warning;
        for (const Vertex v : loop) {
            const ForwardingNode& node = graph.node(v);
            const std::string id = node.resource.empty() ? node.context.str() : node.resource.str();
            if (!id.empty() && std::find(f.ids.begin(), f.ids.end(), id) == f.ids.end())
                f.ids.push_back(id);
        }
        std::string list;
        for (const std::string& id : f.ids)
            list += (list.empty() ? "" : ", ") + id;
        f.message = "packets loop between " + list + " (RT-7)";
        result.findings.push_back(std::move(f));
    }

    // Exposure: an incremental run looks again only at workloads whose inputs changed.
    if (m_incremental)
        result.exposure = computeExposure(network, graph, *m_exposure, touched ? &m_result.exposure : nullptr,
                                          touched ? &changed : nullptr);
    else
        result.exposure = computeExposure(network, graph);
    m_result = std::move(result);
    if (m_incremental) {
        m_graph.reset(); // before the network it refers to
        m_network = std::move(ownNetwork);
        m_graph = std::move(ownGraph);
        m_lastIncremental = touched != nullptr;
        m_changed = touched ? std::move(changed) : std::set<std::string>{};
    }
    return m_result;
}

std::vector<std::vector<Vertex>> Analyzer::findLoops(const ForwardingGraph& graph, const std::vector<IpAddress>& destinations,
                                                    bool incremental, const std::set<std::string>& changedVertices)
{
    if (!m_incremental)
        return graph.forwardingLoops(destinations);
    // An incremental run keeps, for each destination it looked at before, the loops whose
    // vertices all kept their forwarding choices (their choices for that address are the same),
    // and follows the choices only from the vertices that changed: a new loop runs through one.
    std::vector<Vertex> starts;
    for (const std::string& key : changedVertices)
        if (const auto v = graph.vertexOfKey(key))
            starts.push_back(*v);
    std::set<std::vector<Vertex>> loops;
    std::map<std::pair<IpFamily, std::size_t>, std::vector<std::vector<Vertex>>> searchedClasses; // full searches of this run
    std::map<std::pair<IpFamily, std::size_t>, std::vector<std::vector<Vertex>>> searchedFromStarts;
    std::unordered_map<std::string, std::vector<std::vector<std::string>>> next;
    for (const IpAddress& address : destinations) {
        const std::string name = address.toString();
        if (next.count(name))
            continue;
        std::vector<std::vector<Vertex>> found;
        const auto old = m_loops.find(name);
        if (incremental && old != m_loops.end()) {
            for (const std::vector<std::string>& keys : old->second) {
                std::vector<Vertex> loop;
                for (const std::string& key : keys) {
                    const auto v = changedVertices.count(key) ? std::nullopt : graph.vertexOfKey(key);
                    if (!v)
                        break;
                    loop.push_back(*v);
                }
                if (loop.size() != keys.size())
                    continue;
                std::sort(loop.begin(), loop.end());
                found.push_back(std::move(loop));
            }
            // Addresses of one destination class share every choice: one search from the
            // changed vertices answers them all.
            const std::pair<IpFamily, std::size_t> cls{address.family(), graph.destinationClass(address)};
            auto it = searchedFromStarts.find(cls);
            if (it == searchedFromStarts.end())
                it = searchedFromStarts.emplace(cls, graph.loopsFor(address, &starts)).first;
            found.insert(found.end(), it->second.begin(), it->second.end());
            std::sort(found.begin(), found.end());
            found.erase(std::unique(found.begin(), found.end()), found.end());
        } else {
            const std::pair<IpFamily, std::size_t> cls{address.family(), graph.destinationClass(address)};
            auto it = searchedClasses.find(cls);
            if (it == searchedClasses.end())
                it = searchedClasses.emplace(cls, graph.loopsFor(address)).first;
            found = it->second;
        }
        std::vector<std::vector<std::string>>& keys = next[name];
        for (const std::vector<Vertex>& loop : found) {
            std::vector<std::string> k;
            for (const Vertex v : loop)
                k.push_back(graph.keyOf(v));
            keys.push_back(std::move(k));
            loops.insert(loop);
        }
    }
    m_loops = std::move(next);
    return {loops.begin(), loops.end()};
}

AnalysisResult analyzeDesign(const Design& design)
{
    Analyzer analyzer(false);
    analyzer.analyze(design);
    return analyzer.takeResult();
}

} // namespace pp
