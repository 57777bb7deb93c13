#include "diff/DesignDiff.h"

#include "analysis/Analyzer.h"
#include "io/DesignBody.h"
#include "io/DesignFile.h"

#include <algorithm>
#include <set>
#include <tuple>
#include <unordered_map>

namespace pp {
namespace {

using OJ = nlohmann::ordered_json;

// Field by field over two JSON objects: the new object's keys in order, then keys only the old has.
void compareObjects(const OJ& before, const OJ& after, std::vector<FieldChange>& out)
{
    for (const auto& [key, value] : after.items()) {
        const auto it = before.find(key);
        if (it == before.end())
            out.push_back({key, "", value.dump()});
        else if (*it != value)
            out.push_back({key, it->dump(), value.dump()});
    }
    for (const auto& [key, value] : before.items())
        if (!after.contains(key))
            out.push_back({key, value.dump(), ""});
}

std::vector<FieldChange> resourceFields(const Resource& before, const Resource& after)
{
    std::vector<FieldChange> fields;
    if (before.kind() != after.kind())
        fields.push_back({"kind", OJ(std::string(kindInfo(before.kind()).name)).dump(),
                          OJ(std::string(kindInfo(after.kind()).name)).dump()});
    compareObjects(resourceJson(before, true), resourceJson(after, true), fields);
    return fields;
}

std::vector<std::string> hopResources(const FlowResult& r)
{
    std::vector<std::string> ids;
    ids.reserve(r.path.size());
    for (const Hop& h : r.path)
        ids.push_back(h.resource);
    return ids;
}

bool samePath(const FlowResult& a, const FlowResult& b)
{
    return std::equal(a.path.begin(), a.path.end(), b.path.begin(), b.path.end(),
                      [](const Hop& x, const Hop& y) { return x.resource == y.resource && x.action == y.action; });
}

// Findings are the same finding when code, resources and route agree; messages may be reworded
// with values that changed (an address), which is not a new finding.
using FindingKey = std::tuple<std::string, std::vector<std::string>, std::string>;
FindingKey keyOf(const Finding& f) { return {f.code, f.ids, f.route}; }

std::vector<Finding> findingsOnlyIn(const std::vector<Finding>& side, const std::vector<Finding>& other)
{
    std::multiset<FindingKey> keys;
    for (const Finding& f : other)
        keys.insert(keyOf(f));
    std::vector<Finding> out;
    for (const Finding& f : side) {
        const auto it = keys.find(keyOf(f));
        if (it == keys.end())
            out.push_back(f);
        else
            keys.erase(it);
    }
    return out;
}

std::vector<std::string> minus(const std::vector<std::string>& a, const std::vector<std::string>& b)
{
    std::vector<std::string> out;
    for (const std::string& s : a)
        if (std::find(b.begin(), b.end(), s) == b.end())
            out.push_back(s);
    return out;
}

void diffResources(const Design& before, const Design& after, DesignDiff& diff)
{
    for (const Resource& r : after.resources()) {
        const Resource* old = before.find(r.id);
        if (!old) {
            diff.resources.push_back({r.id.str(), r.kind(), ChangeKind::Added, {}});
            continue;
        }
        if (*old == r)
            continue;
        std::vector<FieldChange> fields = resourceFields(*old, r);
        if (!fields.empty()) // unequal values may still save alike (e.g. an extension's key order)
            diff.resources.push_back({r.id.str(), r.kind(), ChangeKind::Changed, std::move(fields)});
    }
    for (const Resource& r : before.resources())
        if (!after.find(r.id))
            diff.resources.push_back({r.id.str(), r.kind(), ChangeKind::Removed, {}});
}

void diffFlows(DiffSide before, DiffSide after, DesignDiff& diff)
{
    std::unordered_map<std::string, const FlowResult*> oldResults;
    for (const FlowResult& r : before.analysis.flows)
        oldResults.emplace(r.flow.str(), &r);
    std::unordered_map<std::string, const FlowResult*> newResults;
    for (const FlowResult& r : after.analysis.flows)
        newResults.emplace(r.flow.str(), &r);

    for (const Flow& flow : after.design.flows()) {
        const auto found = newResults.find(flow.id.str());
        if (found == newResults.end())
            continue;
        const FlowResult& now = *found->second;
        FlowDiff change;
        change.flow = flow.id.str();
        change.verdictAfter = now.verdict;
        change.pathAfter = hopResources(now);
        change.expected = now.expected;
        const Flow* oldFlow = before.design.findFlow(flow.id);
        const auto oldIt = oldResults.find(flow.id.str());
        const FlowResult* was = oldIt == oldResults.end() ? nullptr : oldIt->second;
        if (!oldFlow || !was) {
            change.change = ChangeKind::Added;
            change.expectBroken = now.expectationMet == false;
            diff.flows.push_back(std::move(change));
            continue;
        }
        change.verdictBefore = was->verdict;
        change.pathBefore = hopResources(*was);
        change.pathChanged = !samePath(*was, now);
        if (!(*oldFlow == flow))
            compareObjects(flowJson(*oldFlow), flowJson(flow), change.fields);
        const bool missedAlready = was->expectationMet == false && was->expected == now.expected;
        change.expectBroken = now.expectationMet == false && !missedAlready;
        change.expectFixed = was->expectationMet == false && now.expectationMet == true;
        if (change.verdictChanged() || change.pathChanged || !change.fields.empty() || change.expectBroken || change.expectFixed)
            diff.flows.push_back(std::move(change));
    }
    for (const FlowResult& was : before.analysis.flows) {
        if (after.design.findFlow(was.flow))
            continue;
        FlowDiff change;
        change.flow = was.flow.str();
        change.change = ChangeKind::Removed;
        change.verdictBefore = was.verdict;
        change.pathBefore = hopResources(was);
        diff.flows.push_back(std::move(change));
    }
}

void diffExposure(const AnalysisResult& before, const AnalysisResult& after, DesignDiff& diff)
{
    std::unordered_map<std::string, const Exposure*> old;
    for (const Exposure& e : before.exposure)
        old.emplace(e.workload, &e);
    std::set<std::string> seen;
    const Exposure none{};
    for (const Exposure& now : after.exposure) {
        seen.insert(now.workload);
        const auto it = old.find(now.workload);
        const Exposure& was = it == old.end() ? none : *it->second;
        ExposureDiff change;
        change.workload = now.workload;
        change.after = now;
        change.gainedEgress = now.egress && !was.egress;
        change.gainedIngress = now.ingress && !was.ingress;
        change.lostEgress = was.egress && !now.egress;
        change.lostIngress = was.ingress && !now.ingress;
        change.portsOpened = minus(now.openPorts, was.openPorts);
        change.portsClosed = minus(was.openPorts, now.openPorts);
        if (change.worse() || change.lostEgress || change.lostIngress || !change.portsClosed.empty())
            diff.exposure.push_back(std::move(change));
    }
    for (const Exposure& was : before.exposure) {
        if (seen.contains(was.workload))
            continue;
        ExposureDiff change;
        change.workload = was.workload;
        change.after.workload = was.workload;
        change.lostEgress = was.egress;
        change.lostIngress = was.ingress;
        change.portsClosed = was.openPorts;
        diff.exposure.push_back(std::move(change));
    }
}

using ViolationKey = std::tuple<std::string, std::string, std::string>;
ViolationKey keyOf(const PolicyViolation& v) { return {v.code, v.source, v.destination}; }

std::size_t violationCount(const PolicyResult& r) { return r.violations.size() + r.omitted; }

void diffPolicies(const Design& before, const std::vector<PolicyResult>& oldResults, const Design& after,
                  const std::vector<PolicyResult>& newResults, DesignDiff& diff)
{
    auto resultOf = [](const std::vector<PolicyResult>& results, const std::string& id) -> const PolicyResult* {
        const auto it = std::find_if(results.begin(), results.end(), [&](const PolicyResult& r) { return r.policy == id; });
        return it == results.end() ? nullptr : &*it;
    };
    auto policyOf = [](const Design& design, const std::string& id) -> const Policy* {
        const auto it = std::find_if(design.policies.begin(), design.policies.end(), [&](const Policy& p) { return p.id == id; });
        return it == design.policies.end() ? nullptr : &*it;
    };
    for (const Policy& policy : after.policies) {
        const PolicyResult* now = resultOf(newResults, policy.id);
        if (!now)
            continue;
        PolicyDiff change;
        change.policy = policy.id;
        change.kind = policy.kind;
        change.satisfiedAfter = now->satisfied();
        change.violationsAfter = violationCount(*now);
        const Policy* oldPolicy = policyOf(before, policy.id);
        const PolicyResult* was = oldPolicy ? resultOf(oldResults, policy.id) : nullptr;
        std::multiset<ViolationKey> old;
        if (was) {
            for (const PolicyViolation& v : was->violations)
                old.insert(keyOf(v));
            change.satisfiedBefore = was->satisfied();
            change.violationsBefore = violationCount(*was);
            if (!(*oldPolicy == policy))
                compareObjects(policiesJson({*oldPolicy})[0], policiesJson({policy})[0], change.fields);
        } else {
            change.change = ChangeKind::Added;
        }
        for (const PolicyViolation& v : now->violations) {
            const auto it = old.find(keyOf(v));
            if (it == old.end())
                change.newViolations.push_back(v);
            else
                old.erase(it);
        }
        change.fixedViolations = old.size();
        if (change.change == ChangeKind::Added || !change.fields.empty() || !change.newViolations.empty() ||
            change.fixedViolations > 0 || change.satisfiedBefore != change.satisfiedAfter ||
            change.violationsBefore != change.violationsAfter)
            diff.policies.push_back(std::move(change));
    }
    for (const Policy& policy : before.policies) {
        if (policyOf(after, policy.id))
            continue;
        PolicyDiff change;
        change.policy = policy.id;
        change.kind = policy.kind;
        change.change = ChangeKind::Removed;
        if (const PolicyResult* was = resultOf(oldResults, policy.id)) {
            change.satisfiedBefore = was->satisfied();
            change.violationsBefore = violationCount(*was);
        }
        diff.policies.push_back(std::move(change));
    }
}

} // namespace

DiffGate DesignDiff::gate() const
{
    DiffGate g;
    for (const FlowDiff& f : flows) {
        g.newPublicFlows += f.newlyPublic() ? 1 : 0;
        g.brokenExpectations += f.expectBroken ? 1 : 0;
    }
    for (const ExposureDiff& e : exposure)
        g.newExposure += e.worse() ? 1 : 0;
    for (const PolicyDiff& p : policies)
        g.violatedPolicies += p.newlyViolated() ? 1 : 0;
    return g;
}

AnalysisResult analyzeForDiff(const Design& design)
{
    AnalysisResult result = analyzeDesign(design);
    const std::vector<Finding> drawing = lintDiagram(design);
    result.findings.insert(result.findings.end(), drawing.begin(), drawing.end());
    return result;
}

DesignDiff diffDesigns(DiffSide before, DiffSide after)
{
    DesignDiff diff;
    diffResources(before.design, after.design, diff);
    diffFlows(before, after, diff);
    diffExposure(before.analysis, after.analysis, diff);
    diff.findingsIntroduced = findingsOnlyIn(after.analysis.findings, before.analysis.findings);
    diff.findingsFixed = findingsOnlyIn(before.analysis.findings, after.analysis.findings);
    if (!before.design.policies.empty() || !after.design.policies.empty()) {
        const std::vector<PolicyResult> oldPolicies =
            before.policies ? *before.policies : checkPolicies(before.design, before.analysis);
        const std::vector<PolicyResult> newPolicies = after.policies ? *after.policies : checkPolicies(after.design, after.analysis);
        diffPolicies(before.design, oldPolicies, after.design, newPolicies, diff);
    }
    return diff;
}

} // namespace pp
