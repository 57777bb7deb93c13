#pragma once

// The comparison behind `privatepath diff OLD NEW` (docs/cli.md, "privatepath diff"): what a
// change to a design does to its resources, its flows' verdicts and paths, its internet exposure
// and its findings. A pure function of the two designs and their analyses; printing is elsewhere
// (report/DiffReport.h for JSON and Markdown, app/cli for text).
//
// Policies (policy/Policy.h) are compared by id like flows: each side's policies are checked on
// that side's design, and a policy with a violation the old design did not have fails the gate.

#include "analysis/AnalysisResult.h"
#include "design/Design.h"
#include "lint/Lint.h"
#include "policy/PolicyCheck.h"

#include <optional>
#include <string>
#include <vector>

namespace pp {

enum class ChangeKind : std::uint8_t {
    Added,   // only in the new design
    Removed, // only in the old design
    Changed, // in both, different
};
template <>
struct EnumTraits<ChangeKind> {
    static constexpr std::array names{std::string_view("added"), std::string_view("removed"), std::string_view("changed")};
};

// One top-level field of a resource's or flow's canonical JSON (as saved, with default values
// written out so that setting a field to its default is no change): "cidr", "routes", "tags",
// "name", "kind", an "x-" key. Values are compact JSON; "" when the field is absent on that side.
struct FieldChange {
    std::string field;
    std::string before;
    std::string after;

    friend bool operator==(const FieldChange&, const FieldChange&) = default;
};

struct ResourceDiff {
    std::string id;
    Kind kind = Kind::Region;        // in the new design (the old one when removed)
    ChangeKind change = ChangeKind::Changed;
    std::vector<FieldChange> fields; // Changed: each differing field, in the new resource's field order, then
                                     // fields only the old one has; "kind" first when the kind changed
};

// A flow whose definition, verdict or path differs, or that was added or removed. Flows are
// matched by id.
struct FlowDiff {
    std::string flow;
    ChangeKind change = ChangeKind::Changed;
    std::optional<Verdict> verdictBefore;  // unset when added
    std::optional<Verdict> verdictAfter;   // unset when removed
    std::vector<std::string> pathBefore;   // the hops' resource ids, as far as the packet got
    std::vector<std::string> pathAfter;
    std::vector<FieldChange> fields;       // the flow's own fields (source, port, expect...)
    std::optional<Verdict> expected;       // `expect` in the new design
    // The new design misses `expect`, and the old one met it or did not have the flow or the
    // same `expect` (a flow that missed the same expectation before is not broken by the change).
    bool expectBroken = false;
    bool expectFixed = false;              // the old design missed its `expect`, the new one meets it

    bool verdictChanged() const { return verdictBefore && verdictAfter && *verdictBefore != *verdictAfter; }
    // The hop sequence (resources and what each did) differs; only for flows in both designs.
    bool pathChanged = false;
    // Public in the new design and not public before (or added as public): a new public path.
    bool newlyPublic() const { return verdictAfter == Verdict::Public && verdictBefore != Verdict::Public; }
};

// A policy whose definition or outcome differs, or that was added or removed. Violations are
// matched by code, source and destination (their paths may differ and still be the same breach).
struct PolicyDiff {
    std::string policy;
    PolicyKind kind = PolicyKind::PrivateOnly; // in the new design (the old one when removed)
    ChangeKind change = ChangeKind::Changed;
    std::optional<bool> satisfiedBefore;       // unset when added
    std::optional<bool> satisfiedAfter;        // unset when removed
    std::size_t violationsBefore = 0;          // listed and omitted
    std::size_t violationsAfter = 0;
    std::vector<PolicyViolation> newViolations; // listed in the new design and not in the old, in its order
    std::size_t fixedViolations = 0;            // listed in the old design and not in the new
    std::vector<FieldChange> fields;            // the policy's own fields (from, to, port...)

    // The change breaks the policy: it has a violation it did not have (an added policy that is
    // violated, or one that held, or one that gained a breach).
    bool newlyViolated() const { return satisfiedAfter == false && !newViolations.empty(); }
    bool newlySatisfied() const { return satisfiedBefore == false && satisfiedAfter == true; }
};

// A workload whose internet exposure grew or shrank (Exposure in AnalysisResult.h).
struct ExposureDiff {
    std::string workload;
    bool gainedEgress = false;             // can open connections to the internet now, could not before
    bool gainedIngress = false;            // reachable from the internet now, was not before
    std::vector<std::string> portsOpened;  // ports open to public sources now that were not ("tcp 22")
    bool lostEgress = false;
    bool lostIngress = false;
    std::vector<std::string> portsClosed;
    Exposure after;                        // the exposure in the new design (empty fields when none)

    bool worse() const { return gainedEgress || gainedIngress || !portsOpened.empty(); }
};

// The reasons the change fails a pull request (`diff` exits with 1 when any is set).
struct DiffGate {
    int newPublicFlows = 0;    // flows that became public (or were added public)
    int newExposure = 0;       // workloads that gained egress, ingress or an open port
    int brokenExpectations = 0;
    int violatedPolicies = 0;  // policies with a violation they did not have (PolicyDiff::newlyViolated)

    bool fails() const { return newPublicFlows > 0 || newExposure > 0 || brokenExpectations > 0 || violatedPolicies > 0; }
};

struct DesignDiff {
    std::vector<ResourceDiff> resources;   // added, removed and changed, in the new design's order, then removed ones
                                             // in the old design's order
    std::vector<FlowDiff> flows;           // in the new design's flow order, then removed flows
    std::vector<ExposureDiff> exposure;    // in workload order of the new design, then of the old
    std::vector<Finding> findingsIntroduced; // in the new design's finding order
    std::vector<Finding> findingsFixed;      // in the old design's finding order
    std::vector<PolicyDiff> policies;      // in the new design's policy order, then removed policies

    DiffGate gate() const;
    bool empty() const
    {
        return resources.empty() && flows.empty() && exposure.empty() && findingsIntroduced.empty() && findingsFixed.empty() &&
               policies.empty();
    }
};

// One side of the comparison: the design and what the engine says about it (AnalysisResult's
// findings plus the diagram findings, as `privatepath check` reports them).
// `policies` are the results of checkPolicies on that design; when null, diffDesigns checks them.
struct DiffSide {
    const Design& design;
    const AnalysisResult& analysis;
    const std::vector<PolicyResult>* policies = nullptr;
};

DesignDiff diffDesigns(DiffSide before, DiffSide after);

// The analysis `diff` uses for one side: analyzeDesign plus lintDiagram's findings.
AnalysisResult analyzeForDiff(const Design& design);

} // namespace pp
