#include "design/Design.h"

#include <algorithm>

namespace pp {

const Resource* Design::find(const ResourceId& id) const
{
    const auto it = m_resourceIndex.find(id.str());
    return it == m_resourceIndex.end() ? nullptr : &m_resources[it->second];
}

const Flow* Design::findFlow(const FlowId& id) const
{
    const auto it = m_flowIndex.find(id.str());
    return it == m_flowIndex.end() ? nullptr : &m_flows[it->second];
}

bool Design::containsId(std::string_view id) const
{
    const std::string key(id);
    return m_resourceIndex.count(key) || m_flowIndex.count(key);
}

bool Design::add(Resource resource)
{
    if (containsId(resource.id.str()))
        return false;
    m_resourceIndex.emplace(resource.id.str(), m_resources.size());
    m_resources.push_back(std::move(resource));
    return true;
}

void Design::reserve(std::size_t resources)
{
    m_resources.reserve(resources);
    m_resourceIndex.reserve(resources);
}

bool Design::insert(std::size_t position, Resource resource)
{
    if (containsId(resource.id.str()))
        return false;
    position = std::min(position, m_resources.size());
    m_resources.insert(m_resources.begin() + std::ptrdiff_t(position), std::move(resource));
    reindexFrom(m_resources, m_resourceIndex, position);
    return true;
}

bool Design::insertFlow(std::size_t position, Flow flow)
{
    if (containsId(flow.id.str()))
        return false;
    position = std::min(position, m_flows.size());
    m_flows.insert(m_flows.begin() + std::ptrdiff_t(position), std::move(flow));
    reindexFrom(m_flows, m_flowIndex, position);
    return true;
}

std::optional<std::size_t> Design::indexOf(const ResourceId& id) const
{
    const auto it = m_resourceIndex.find(id.str());
    return it == m_resourceIndex.end() ? std::nullopt : std::optional<std::size_t>(it->second);
}

std::optional<std::size_t> Design::flowIndexOf(const FlowId& id) const
{
    const auto it = m_flowIndex.find(id.str());
    return it == m_flowIndex.end() ? std::nullopt : std::optional<std::size_t>(it->second);
}

bool Design::replaceFlow(Flow flow)
{
    const auto it = m_flowIndex.find(flow.id.str());
    if (it == m_flowIndex.end())
        return false;
    m_flows[it->second] = std::move(flow);
    return true;
}

bool Design::addFlow(Flow flow)
{
    if (containsId(flow.id.str()))
        return false;
    m_flowIndex.emplace(flow.id.str(), m_flows.size());
    m_flows.push_back(std::move(flow));
    return true;
}

bool Design::replace(Resource resource)
{
    const auto it = m_resourceIndex.find(resource.id.str());
    if (it == m_resourceIndex.end() || m_resources[it->second].kind() != resource.kind())
        return false;
    m_resources[it->second] = std::move(resource);
    return true;
}

bool Design::remove(const ResourceId& id)
{
    const auto it = m_resourceIndex.find(id.str());
    if (it == m_resourceIndex.end())
        return false;
    const std::size_t position = it->second;
    m_resourceIndex.erase(it);
    m_resources.erase(m_resources.begin() + std::ptrdiff_t(position));
    reindexFrom(m_resources, m_resourceIndex, position);
    return true;
}

bool Design::removeFlow(const FlowId& id)
{
    const auto it = m_flowIndex.find(id.str());
    if (it == m_flowIndex.end())
        return false;
    const std::size_t position = it->second;
    m_flowIndex.erase(it);
    m_flows.erase(m_flows.begin() + std::ptrdiff_t(position));
    reindexFrom(m_flows, m_flowIndex, position);
    return true;
}

template <class List, class Index>
void Design::reindexFrom(const List& list, Index& index, std::size_t from)
{
    // Only the entries at or after an insertion or removal move: edits near the end (a paste,
    // its undo) cost what they touch, not the whole design.
    for (std::size_t i = from; i < list.size(); ++i)
        index[list[i].id.str()] = i;
}

void Design::reindex()
{
    m_resourceIndex.clear();
    m_flowIndex.clear();
    for (std::size_t i = 0; i < m_resources.size(); ++i)
        m_resourceIndex.emplace(m_resources[i].id.str(), i);
    for (std::size_t i = 0; i < m_flows.size(); ++i)
        m_flowIndex.emplace(m_flows[i].id.str(), i);
}

namespace {

// Resources in saved order: by kind, then in insertion order within a kind.
std::vector<const Resource*> canonicalOrder(const std::vector<Resource>& resources)
{
    std::vector<const Resource*> out;
    out.reserve(resources.size());
    for (const Resource& r : resources)
        out.push_back(&r);
    std::stable_sort(out.begin(), out.end(), [](const Resource* a, const Resource* b) { return a->kind() < b->kind(); });
    return out;
}

} // namespace

bool Design::operator==(const Design& other) const
{
    if (name != other.name || description != other.description || !(diagram == other.diagram) ||
        extensions != other.extensions || lesson != other.lesson || policies != other.policies || m_flows != other.m_flows || m_resources.size() != other.m_resources.size())
        return false;
    const auto mine = canonicalOrder(m_resources), theirs = canonicalOrder(other.m_resources);
    for (std::size_t i = 0; i < mine.size(); ++i)
        if (!(*mine[i] == *theirs[i]))
            return false;
    return true;
}

} // namespace pp
