#pragma once

#include "diagram/Diagram.h"
#include "lesson/Lesson.h"
#include "model/Flow.h"
#include "model/Resource.h"
#include "policy/Policy.h"

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace pp {

// A whole document: the network model (resources and flows), its diagram, its lesson and its
// policies. It sits a floor above model/ and diagram/ (which never include it) and the lesson and
// policy data (lesson/Lesson.h, policy/Policy.h).
// Invariant: resource ids are unique; flow ids are unique and distinct from resource ids.
// Resources keep their insertion order inside each kind, which is the order they are saved in.
class Design {
public:
    std::string name;
    std::string description;
    Diagram diagram;
    Extensions extensions;
    // Set when the file is a lesson, or a learner's work on one (see lesson/Lesson.h).
    std::optional<Lesson> lesson;
    // Intents `privatepath check` enforces over sets of endpoints (policy/Policy.h), in file order.
    std::vector<Policy> policies;

    const std::vector<Resource>& resources() const { return m_resources; }
    const std::vector<Flow>& flows() const { return m_flows; }

    const Resource* find(const ResourceId& id) const;
    template <class T>
    const T* findAs(const ResourceId& id) const
    {
        const Resource* r = find(id);
        return r ? r->as<T>() : nullptr;
    }
    const Flow* findFlow(const FlowId& id) const;
    bool containsId(std::string_view id) const;

    // Add fails (returns false, changes nothing) when the id is taken.
    bool add(Resource resource);
    // Room for `resources` resources in all, so that adding that many moves none (a loader that
    // knows how many it will read).
    void reserve(std::size_t resources);
    // Inserts at `position` in the resource order (clamped); fails when the id is taken. Undo
    // uses it to put a removed resource back exactly where it was.
    bool insert(std::size_t position, Resource resource);
    bool insertFlow(std::size_t position, Flow flow);
    std::optional<std::size_t> indexOf(const ResourceId& id) const;
    std::optional<std::size_t> flowIndexOf(const FlowId& id) const;
    bool replaceFlow(Flow flow);
    bool addFlow(Flow flow);
    // Replace keeps the resource's position in the order; fails if the id is unknown or the
    // kind would change.
    bool replace(Resource resource);
    bool remove(const ResourceId& id);
    bool removeFlow(const FlowId& id);

    // Each resource of kind T, in order.
    template <class T, class F>
    void forEach(F&& f) const
    {
        for (const Resource& r : m_resources)
            if (const T* t = r.as<T>())
                f(r, *t);
    }

    // Equal content: the order of resources of different kinds does not matter (files group
    // resources by kind), the order within a kind does.
    bool operator==(const Design& other) const;

private:
    void reindex();
    template <class List, class Index>
    static void reindexFrom(const List& list, Index& index, std::size_t from);

    std::vector<Resource> m_resources;
    std::vector<Flow> m_flows;
    std::unordered_map<std::string, std::size_t> m_resourceIndex;
    std::unordered_map<std::string, std::size_t> m_flowIndex;
};

} // namespace pp
