#include "edit/ChangeSet.h"

#include "edit/PasteRules.h"
#include "model/References.h"

#include <algorithm>
#include <map>

namespace pp {

bool ChangeSet::empty() const
{
    return resources.empty() && flows.empty() && shapes.empty() && !connectorsAfter && !notesAfter && !nameAfter &&
           !descriptionAfter && !lesson && !policiesAfter;
}

ChangeSet ChangeSet::inverse() const
{
    ChangeSet out;
    for (auto it = resources.rbegin(); it != resources.rend(); ++it)
        out.resources.push_back({it->id, it->after, it->before, it->position});
    for (auto it = flows.rbegin(); it != flows.rend(); ++it)
        out.flows.push_back({it->id, it->after, it->before, it->position});
    for (auto it = shapes.rbegin(); it != shapes.rend(); ++it)
        out.shapes.push_back({it->resource, it->after, it->before, it->position});
    out.connectorsBefore = connectorsAfter;
    out.connectorsAfter = connectorsBefore;
    out.notesBefore = notesAfter;
    out.notesAfter = notesBefore;
    out.nameBefore = nameAfter;
    out.nameAfter = nameBefore;
    out.descriptionBefore = descriptionAfter;
    out.descriptionAfter = descriptionBefore;
    if (lesson)
        out.lesson = LessonChange{lesson->after, lesson->before};
    out.policiesBefore = policiesAfter;
    out.policiesAfter = policiesBefore;
    return out;
}

std::set<std::string> ChangeSet::touchedIds() const
{
    std::set<std::string> out;
    auto touch = [&](const std::optional<Resource>& r) {
        if (r)
            out.merge(touchedBy(*r));
    };
    for (const ResourceChange& c : resources) {
        out.insert(c.id.str());
        touch(c.before);
        touch(c.after);
    }
    for (const FlowChange& c : flows)
        out.insert(c.id.str());
    return out;
}

std::set<std::string> ChangeSet::changedIds() const
{
    std::set<std::string> out;
    for (const ResourceChange& c : resources)
        out.insert(c.id.str());
    for (const FlowChange& c : flows)
        out.insert(c.id.str());
    return out;
}

namespace {

template <class Change, class Value>
bool matches(const Change& change, const Value* current)
{
    if (!change.before)
        return current == nullptr;
    return current && *current == *change.before;
}

const Shape* findShape(const Design& d, const ResourceId& id, std::size_t* index = nullptr)
{
    for (std::size_t i = 0; i < d.diagram.shapes.size(); ++i)
        if (d.diagram.shapes[i].resource == id) {
            if (index)
                *index = i;
            return &d.diagram.shapes[i];
        }
    return nullptr;
}

bool fail(std::string* error, std::string why)
{
    if (error)
        *error = std::move(why);
    return false;
}

} // namespace

bool applyChangeSet(Design& design, const ChangeSet& change, std::string* error)
{
    // Check everything first, so that a change applies completely or not at all.
    for (const ResourceChange& c : change.resources) {
        if (!matches(c, design.find(c.id)))
            return fail(error, "resource '" + c.id.str() + "' is not in the state the change expects");
        if (!c.before && c.after && design.containsId(c.id.str()))
            return fail(error, "id '" + c.id.str() + "' is already used");
    }
    for (const FlowChange& c : change.flows) {
        if (!matches(c, design.findFlow(c.id)))
            return fail(error, "flow '" + c.id.str() + "' is not in the state the change expects");
        if (!c.before && c.after && design.containsId(c.id.str()))
            return fail(error, "id '" + c.id.str() + "' is already used");
    }
    // A shape removed and inserted again by the same change moves in the stacking order.
    auto reinserted = [&](const ShapeChange& c) {
        return !c.before && std::any_of(change.shapes.begin(), change.shapes.end(), [&](const ShapeChange& o) {
                   return o.resource == c.resource && o.before && !o.after;
               });
    };
    for (const ShapeChange& c : change.shapes)
        if (!matches(c, findShape(design, c.resource)) && !reinserted(c))
            return fail(error, "the shape of '" + c.resource.str() + "' is not in the state the change expects");
    if (change.connectorsBefore && design.diagram.connectors != *change.connectorsBefore)
        return fail(error, "the connectors are not in the state the change expects");
    if (change.notesBefore && design.diagram.notes != *change.notesBefore)
        return fail(error, "the notes are not in the state the change expects");
    if (change.lesson && design.lesson != change.lesson->before)
        return fail(error, "the lesson is not in the state the change expects");
    if (change.policiesBefore && design.policies != *change.policiesBefore)
        return fail(error, "the policies are not in the state the change expects");

    // Removals from the back, so recorded positions stay valid; then changes; then insertions
    // from the front, each at its recorded position.
    std::vector<const ResourceChange*> removals, insertions;
    for (const ResourceChange& c : change.resources) {
        if (c.before && !c.after)
            removals.push_back(&c);
        else if (!c.before && c.after)
            insertions.push_back(&c);
        else if (c.before && c.after)
            design.replace(*c.after);
    }
    std::sort(removals.begin(), removals.end(), [&](const ResourceChange* a, const ResourceChange* b) {
        return design.indexOf(a->id) > design.indexOf(b->id);
    });
    for (const ResourceChange* c : removals)
        design.remove(c->id);
    std::stable_sort(insertions.begin(), insertions.end(),
                     [](const ResourceChange* a, const ResourceChange* b) { return a->position < b->position; });
    for (const ResourceChange* c : insertions)
        design.insert(c->position, *c->after);

    std::vector<const FlowChange*> flowRemovals, flowInsertions;
    for (const FlowChange& c : change.flows) {
        if (c.before && !c.after)
            flowRemovals.push_back(&c);
        else if (!c.before && c.after)
            flowInsertions.push_back(&c);
        else if (c.before && c.after)
            design.replaceFlow(*c.after);
    }
    std::sort(flowRemovals.begin(), flowRemovals.end(), [&](const FlowChange* a, const FlowChange* b) {
        return design.flowIndexOf(a->id) > design.flowIndexOf(b->id);
    });
    for (const FlowChange* c : flowRemovals)
        design.removeFlow(c->id);
    std::stable_sort(flowInsertions.begin(), flowInsertions.end(),
                     [](const FlowChange* a, const FlowChange* b) { return a->position < b->position; });
    for (const FlowChange* c : flowInsertions)
        design.insertFlow(c->position, *c->after);

    auto& shapes = design.diagram.shapes;
    std::vector<const ShapeChange*> shapeRemovals, shapeInsertions;
    for (const ShapeChange& c : change.shapes) {
        std::size_t index = 0;
        if (c.before && !c.after)
            shapeRemovals.push_back(&c);
        else if (!c.before && c.after)
            shapeInsertions.push_back(&c);
        else if (c.before && c.after && findShape(design, c.resource, &index))
            shapes[index] = *c.after;
    }
    auto shapeIndex = [&](const ResourceId& id) {
        std::size_t index = 0;
        findShape(design, id, &index);
        return index;
    };
    std::sort(shapeRemovals.begin(), shapeRemovals.end(),
              [&](const ShapeChange* a, const ShapeChange* b) { return shapeIndex(a->resource) > shapeIndex(b->resource); });
    for (const ShapeChange* c : shapeRemovals)
        shapes.erase(shapes.begin() + std::ptrdiff_t(shapeIndex(c->resource)));
    std::stable_sort(shapeInsertions.begin(), shapeInsertions.end(),
                     [](const ShapeChange* a, const ShapeChange* b) { return a->position < b->position; });
    for (const ShapeChange* c : shapeInsertions)
        shapes.insert(shapes.begin() + std::ptrdiff_t(std::min(c->position, shapes.size())), *c->after);

    if (change.connectorsAfter)
        design.diagram.connectors = *change.connectorsAfter;
    if (change.notesAfter)
        design.diagram.notes = *change.notesAfter;
    if (change.nameAfter)
        design.name = *change.nameAfter;
    if (change.descriptionAfter)
        design.description = *change.descriptionAfter;
    if (change.lesson)
        design.lesson = change.lesson->after;
    if (change.policiesAfter)
        design.policies = *change.policiesAfter;
    return true;
}

// ---- builder ----

ResourceChange& ChangeSetBuilder::entry(const ResourceId& id)
{
    for (ResourceChange& c : m_change.resources)
        if (c.id == id)
            return c;
    ResourceChange c;
    c.id = id;
    if (const Resource* r = m_design.find(id)) {
        c.before = *r;
        c.after = *r;
        c.position = m_design.indexOf(id).value_or(kAtEnd);
    }
    m_change.resources.push_back(std::move(c));
    return m_change.resources.back();
}

FlowChange& ChangeSetBuilder::flowEntry(const FlowId& id)
{
    for (FlowChange& c : m_change.flows)
        if (c.id == id)
            return c;
    FlowChange c;
    c.id = id;
    if (const Flow* f = m_design.findFlow(id)) {
        c.before = *f;
        c.after = *f;
        c.position = m_design.flowIndexOf(id).value_or(kAtEnd);
    }
    m_change.flows.push_back(std::move(c));
    return m_change.flows.back();
}

ShapeChange& ChangeSetBuilder::shapeEntry(const ResourceId& id)
{
    for (ShapeChange& c : m_change.shapes)
        if (c.resource == id)
            return c;
    ShapeChange c;
    c.resource = id;
    std::size_t index = 0;
    if (const Shape* s = findShape(m_design, id, &index)) {
        c.before = *s;
        c.after = *s;
        c.position = index;
    }
    m_change.shapes.push_back(std::move(c));
    return m_change.shapes.back();
}

ChangeSetBuilder& ChangeSetBuilder::add(Resource resource)
{
    ResourceChange& c = entry(resource.id);
    c.after = std::move(resource);
    return *this;
}

ChangeSetBuilder& ChangeSetBuilder::modify(Resource resource) { return add(std::move(resource)); }

ChangeSetBuilder& ChangeSetBuilder::remove(const ResourceId& id)
{
    entry(id).after.reset();
    return *this;
}

ChangeSetBuilder& ChangeSetBuilder::addFlow(Flow flow)
{
    FlowChange& c = flowEntry(flow.id);
    c.after = std::move(flow);
    return *this;
}

ChangeSetBuilder& ChangeSetBuilder::modifyFlow(Flow flow) { return addFlow(std::move(flow)); }

ChangeSetBuilder& ChangeSetBuilder::removeFlow(const FlowId& id)
{
    flowEntry(id).after.reset();
    return *this;
}

ChangeSetBuilder& ChangeSetBuilder::setShape(Shape shape)
{
    ShapeChange& c = shapeEntry(shape.resource);
    c.after = std::move(shape);
    return *this;
}

ChangeSetBuilder& ChangeSetBuilder::removeShape(const ResourceId& resource)
{
    shapeEntry(resource).after.reset();
    return *this;
}

ChangeSetBuilder& ChangeSetBuilder::setConnectors(std::vector<Connector> connectors)
{
    if (!m_change.connectorsBefore)
        m_change.connectorsBefore = m_design.diagram.connectors;
    m_change.connectorsAfter = std::move(connectors);
    return *this;
}

ChangeSetBuilder& ChangeSetBuilder::setNotes(std::vector<Note> notes)
{
    if (!m_change.notesBefore)
        m_change.notesBefore = m_design.diagram.notes;
    m_change.notesAfter = std::move(notes);
    return *this;
}

ChangeSetBuilder& ChangeSetBuilder::setName(std::string name)
{
    if (!m_change.nameBefore)
        m_change.nameBefore = m_design.name;
    m_change.nameAfter = std::move(name);
    return *this;
}

ChangeSetBuilder& ChangeSetBuilder::setDescription(std::string description)
{
    if (!m_change.descriptionBefore)
        m_change.descriptionBefore = m_design.description;
    m_change.descriptionAfter = std::move(description);
    return *this;
}

ChangeSetBuilder& ChangeSetBuilder::setLesson(std::optional<Lesson> lesson)
{
    if (!m_change.lesson)
        m_change.lesson = LessonChange{m_design.lesson, std::nullopt};
    m_change.lesson->after = std::move(lesson);
    return *this;
}

ChangeSetBuilder& ChangeSetBuilder::setPolicies(std::vector<Policy> policies)
{
    if (!m_change.policiesBefore)
        m_change.policiesBefore = m_design.policies;
    m_change.policiesAfter = std::move(policies);
    return *this;
}

const Resource* ChangeSetBuilder::current(const ResourceId& id) const
{
    for (const ResourceChange& c : m_change.resources)
        if (c.id == id)
            return c.after ? &*c.after : nullptr;
    return m_design.find(id);
}

ChangeSet ChangeSetBuilder::build() const
{
    ChangeSet out = m_change;
    std::erase_if(out.resources, [](const ResourceChange& c) { return c.before == c.after; });
    std::erase_if(out.flows, [](const FlowChange& c) { return c.before == c.after; });
    std::erase_if(out.shapes, [](const ShapeChange& c) { return c.before == c.after; });
    if (out.connectorsBefore == out.connectorsAfter)
        out.connectorsBefore.reset(), out.connectorsAfter.reset();
    if (out.notesBefore == out.notesAfter)
        out.notesBefore.reset(), out.notesAfter.reset();
    if (out.nameBefore == out.nameAfter)
        out.nameBefore.reset(), out.nameAfter.reset();
    if (out.descriptionBefore == out.descriptionAfter)
        out.descriptionBefore.reset(), out.descriptionAfter.reset();
    if (out.lesson && out.lesson->before == out.lesson->after)
        out.lesson.reset();
    if (out.policiesBefore == out.policiesAfter)
        out.policiesBefore.reset(), out.policiesAfter.reset();
    // Insertions of new things go at the end, in the order they were staged.
    for (ResourceChange& c : out.resources)
        if (!c.before)
            c.position = kAtEnd;
    return out;
}

// ---- dependents ----

ChangeSet removeWithDependents(const Design& design, const std::vector<ResourceId>& ids)
{
    std::set<std::string> removed;
    for (const ResourceId& id : ids)
        if (design.find(id))
            removed.insert(id.str());
    // Grow the set until no remaining resource has a required reference into it, nor is attached
    // only to removed resources: an internet or virtual private gateway attached to a removed VPC
    // that nothing left refers to, a load balancer left without subnets.
    std::vector<Resource> rewritten;
    auto isRemoved = [&](const ResourceId& id) { return removed.count(id.str()) > 0; };
    for (bool grew = true; grew;) {
        grew = false;
        rewritten.clear();
        for (const Resource& r : design.resources()) {
            if (removed.count(r.id.str()))
                continue;
            Resource copy = r;
            bool touchedOne = false;
            const bool survives = rewriteReferences(copy, [&](const ResourceId& ref) -> std::optional<ResourceId> {
                if (removed.count(ref.str())) {
                    touchedOne = true;
                    return std::nullopt;
                }
                return ref;
            });
            const LoadBalancer* lb = r.as<LoadBalancer>();
            if (!survives || (lb && !lb->subnets.empty() && std::all_of(lb->subnets.begin(), lb->subnets.end(), isRemoved))) {
                removed.insert(r.id.str());
                grew = true;
            } else if (touchedOne) {
                dropHollowEntries(copy); // a rule whose only peer went, a route to a removed prefix list
                rewritten.push_back(std::move(copy));
            }
        }
        if (grew)
            continue;
        std::set<std::string> referred; // by what stays
        for (const Resource& r : design.resources())
            if (!removed.count(r.id.str()))
                for (const ResourceId& ref : referencesOf(r))
                    referred.insert(ref.str());
        for (const Resource& r : design.resources()) {
            std::optional<ResourceId> vpc;
            if (const InternetGateway* igw = r.as<InternetGateway>())
                vpc = igw->vpc;
            else if (const VirtualPrivateGateway* vgw = r.as<VirtualPrivateGateway>())
                vpc = vgw->vpc;
            if (vpc && isRemoved(*vpc) && !isRemoved(r.id) && !referred.count(r.id.str())) {
                removed.insert(r.id.str());
                grew = true;
            }
        }
    }
    ChangeSetBuilder builder(design);
    for (const Resource& r : rewritten)
        builder.modify(r);
    for (const Resource& r : design.resources())
        if (removed.count(r.id.str()))
            builder.remove(r.id);
    for (const Flow& f : design.flows())
        if (removed.count(f.source.str()) || removed.count(f.destination.str()))
            builder.removeFlow(f.id);
    std::set<std::string> removedFlows;
    for (const Flow& f : design.flows())
        if (removed.count(f.source.str()) || removed.count(f.destination.str()))
            removedFlows.insert(f.id.str());
    // The drawing: shapes of removed resources; shapes inside them keep their place on the canvas
    // by moving to the removed shape's own parent.
    std::map<std::string, const Shape*> shapes;
    for (const Shape& s : design.diagram.shapes)
        shapes[s.resource.str()] = &s;
    auto shapeOf = [&](const ResourceId& id) -> const Shape* {
        const auto it = shapes.find(id.str());
        return it == shapes.end() ? nullptr : it->second;
    };
    for (const Shape& s : design.diagram.shapes) {
        if (removed.count(s.resource.str())) {
            builder.removeShape(s.resource);
            continue;
        }
        if (!s.parent || !removed.count(s.parent->str()))
            continue;
        Shape moved = s;
        liftOut(moved, shapeOf, isRemoved);
        builder.setShape(moved);
    }
    std::vector<Connector> connectors;
    for (const Connector& c : design.diagram.connectors)
        if (!removed.count(c.owner) && !removedFlows.count(c.owner) && !removed.count(c.target))
            connectors.push_back(c);
    builder.setConnectors(connectors);
    std::vector<Note> notes = design.diagram.notes;
    for (Note& n : notes)
        liftOut(n, shapeOf, isRemoved);
    builder.setNotes(notes);
    if (!design.policies.empty()) {
        auto forget = [&](std::vector<ResourceId>& list) {
            std::erase_if(list, [&](const ResourceId& id) { return removed.count(id.str()) > 0; });
        };
        std::vector<Policy> policies;
        for (Policy p : design.policies) {
            forget(p.from.resources);
            forget(p.from.containers);
            if (p.to) {
                forget(p.to->resources);
                forget(p.to->containers);
            }
            forget(p.via);
            const bool checksNothing = p.from.empty() || (p.to && p.to->empty()) || (p.kind == PolicyKind::OnlyVia && p.via.empty());
            if (!checksNothing)
                policies.push_back(std::move(p));
        }
        builder.setPolicies(std::move(policies));
    }
    return builder.build();
}

} // namespace pp
