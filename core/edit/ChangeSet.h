#pragma once

// The one way a design changes (STYLE rule 6): a change-set holds, for every resource, flow and
// shape it touches, the value before and after (absent = does not exist), so inverting it is free
// and undo can be one generic command. Specific edits are functions that build change-sets.

#include "design/Design.h"

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace pp {

inline constexpr std::size_t kAtEnd = static_cast<std::size_t>(-1);

struct ResourceChange {
    ResourceId id;
    std::optional<Resource> before;
    std::optional<Resource> after;
    std::size_t position = kAtEnd; // where it stood (removal) or goes (insertion) in the resource order
    friend bool operator==(const ResourceChange&, const ResourceChange&) = default;
};

struct FlowChange {
    FlowId id;
    std::optional<Flow> before;
    std::optional<Flow> after;
    std::size_t position = kAtEnd;
    friend bool operator==(const FlowChange&, const FlowChange&) = default;
};

struct ShapeChange {
    ResourceId resource;
    std::optional<Shape> before;
    std::optional<Shape> after;
    // A shape may have two entries, one removing it and one inserting it again at `position`: it
    // moves in the drawing's (stacking) order (restackShapes in edit/Arrange.h).
    std::size_t position = kAtEnd;
    friend bool operator==(const ShapeChange&, const ShapeChange&) = default;
};

// The design's lesson section as a whole (it is small: text, goals, hints, ids; the solutions are
// shared, not copied). Absent before or after = the design has no lesson then.
struct LessonChange {
    std::optional<Lesson> before;
    std::optional<Lesson> after;
    friend bool operator==(const LessonChange&, const LessonChange&) = default;
};

struct ChangeSet {
    std::vector<ResourceChange> resources;
    std::vector<FlowChange> flows;
    std::vector<ShapeChange> shapes;
    // Connectors and notes change as whole lists (they are few and have no ids).
    std::optional<std::vector<Connector>> connectorsBefore, connectorsAfter;
    std::optional<std::vector<Note>> notesBefore, notesAfter;
    std::optional<std::string> nameBefore, nameAfter;
    std::optional<std::string> descriptionBefore, descriptionAfter;
    // Set when the edit changes the lesson (the trainer's authoring actions, Lesson menu).
    std::optional<LessonChange> lesson;
    // The design's policies change as a whole list (the Policies panel; few and small).
    std::optional<std::vector<Policy>> policiesBefore, policiesAfter;

    bool empty() const;
    ChangeSet inverse() const;
    // Ids an analysis must look at again: changed resources and flows, and every id they referred
    // to before or after (see Analyzer::reanalyze).
    std::set<std::string> touchedIds() const;
    // The resources and flows the edit itself adds, removes or changes (a subset of touchedIds:
    // without the ids only referred to). Lets the lints tell "this changed" from "something new
    // points here" (see IncrementalLinter::run).
    std::set<std::string> changedIds() const;

    friend bool operator==(const ChangeSet&, const ChangeSet&) = default;
};

// Applies all of `change` or nothing. Fails, with a reason and no change, when the design is not
// in the state the change's "before" values describe or an id would be taken twice.
bool applyChangeSet(Design& design, const ChangeSet& change, std::string* error = nullptr);

// Stages edits against the current design and records their "before" values. Several edits of
// the same thing merge into one change (first before, last after); no-op edits are dropped.
class ChangeSetBuilder {
public:
    explicit ChangeSetBuilder(const Design& design) : m_design(design) {}

    ChangeSetBuilder& add(Resource resource);
    ChangeSetBuilder& modify(Resource resource);
    ChangeSetBuilder& remove(const ResourceId& id);
    ChangeSetBuilder& addFlow(Flow flow);
    ChangeSetBuilder& modifyFlow(Flow flow);
    ChangeSetBuilder& removeFlow(const FlowId& id);
    ChangeSetBuilder& setShape(Shape shape); // adds or changes the shape of shape.resource
    ChangeSetBuilder& removeShape(const ResourceId& resource);
    ChangeSetBuilder& setConnectors(std::vector<Connector> connectors);
    ChangeSetBuilder& setNotes(std::vector<Note> notes);
    ChangeSetBuilder& setName(std::string name);
    ChangeSetBuilder& setDescription(std::string description);
    ChangeSetBuilder& setLesson(std::optional<Lesson> lesson); // nullopt removes the lesson section
    ChangeSetBuilder& setPolicies(std::vector<Policy> policies);

    // The staged value of a resource (after the edits so far), or the design's, or nullptr.
    const Resource* current(const ResourceId& id) const;

    ChangeSet build() const;

private:
    ResourceChange& entry(const ResourceId& id);
    FlowChange& flowEntry(const FlowId& id);
    ShapeChange& shapeEntry(const ResourceId& id);

    const Design& m_design;
    ChangeSet m_change;
};

// Removes resources and everything that cannot exist without them, as one change-set: resources
// whose required reference points at a removed one go too (a subnet, route table, endpoint,
// security group or ACL with its VPC), and so do those attached only to removed ones (an internet
// or virtual private gateway of a removed VPC that nothing left uses, such as a VPN connection; a
// load balancer whose subnets all go); optional references and list entries to them are cleared
// (a subnet's route table, a route whose target is gone, an endpoint's subnet); flows, shapes,
// notes and connectors of removed things go. Policies forget the removed ids (in their scopes'
// `resources` and `containers`, and `via`); a policy left with a scope that selects nothing, or an
// `only-via` with nothing to pass through, goes too (it would check nothing, and a file holding it
// would not load). The removed resources beyond `ids` are the change's
// resource entries without an "after" value whose id is not in `ids`.
ChangeSet removeWithDependents(const Design& design, const std::vector<ResourceId>& ids);

// Copy and paste: edit/Clipboard.h.

} // namespace pp
