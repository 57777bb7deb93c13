#include "lesson/Goals.h"

#include "design/Placement.h"
#include "design/TagScope.h"
#include "io/DesignFile.h"
#include "model/References.h"

#include <algorithm>
#include <unordered_map>

namespace pp {
namespace {

std::string verdictName(Verdict v) { return std::string(enumName(v)); }

// "a, b, c" with at most `limit` items, then "and N more".
std::string listIds(const std::vector<std::string>& ids, std::size_t limit = 8)
{
    std::string out;
    for (std::size_t i = 0; i < ids.size() && i < limit; ++i)
        out += (i ? ", " : "") + ids[i];
    if (ids.size() > limit)
        out += " and " + std::to_string(ids.size() - limit) + " more";
    return out;
}

std::string scopeText(const Goal& goal)
{
    std::string out = goal.scope ? " in " + goal.scope->str() : std::string(" in the design");
    if (!goal.tag.empty())
        out += " tagged " + goal.tag;
    if (goal.where) {
        const nlohmann::json where = nlohmann::json::parse(goal.where->json);
        std::string fields;
        if (where.is_object())
            for (auto it = where.begin(); it != where.end(); ++it)
                fields += (fields.empty() ? "" : ", ") + it.key() + " " + it.value().dump();
        if (!fields.empty())
            out = " with " + fields + out;
    }
    return out;
}

// What the goals read besides the design: the analysis, with flows found by id.
class GoalEvaluator {
public:
    GoalEvaluator(const Design& design, const AnalysisResult& analysis) : m_design(design), m_analysis(analysis)
    {
        m_flows.reserve(analysis.flows.size());
        for (const FlowResult& r : analysis.flows)
            m_flows.emplace(r.flow.str(), &r);
    }

    GoalResult evaluate(const Goal& goal) const
    {
        m_tag = goal.tag.empty() ? std::nullopt : TagSelector::parse(goal.tag);
        GoalResult result;
        result.goal = goal.id;
        result.kind = goal.kind;
        result.weight = goal.weight;
        result.message = goal.message;
        std::vector<Explanation>& why = result.reasons;
        if (goal.scope && !m_design.find(*goal.scope)) {
            why.push_back({"GOAL_RESOURCE_MISSING", goal.scope->str(),
                           "the scope " + goal.scope->str() + " is not in the design"});
        } else {
            switch (goal.kind) {
            case GoalKind::Flow:
                flowGoal(goal, why);
                break;
            case GoalKind::ScopePrivate:
                scopePrivateGoal(goal, why);
                break;
            case GoalKind::NoInternetExposure:
                exposureGoal(goal, why);
                break;
            case GoalKind::Count:
                countGoal(goal, why);
                break;
            case GoalKind::Property:
                propertyGoal(goal, why);
                break;
            case GoalKind::NoErrors:
                for (const Finding& f : m_analysis.findings)
                    if (f.severity == Severity::Error)
                        why.push_back({f.code, f.ids.empty() ? std::string() : f.ids.front(), f.message});
                break;
            }
        }
        result.met = why.empty();
        return result;
    }

private:
    // Whether resource `id` is in the goal's scope: in its container (if any) and carrying its
    // tag (if any).
    bool selected(const Goal& goal, const ResourceId& id) const
    {
        if (!inScope(m_design, id, goal.scope))
            return false;
        if (!m_tag)
            return true;
        const Resource* r = m_design.find(id);
        return r && carriesTag(m_design, *r, *m_tag);
    }

    // Whether `r` has every field -> value of the goal's `where` (defaults applying).
    bool matchesWhere(const Goal& goal, const Resource& r) const
    {
        if (!goal.where)
            return true;
        const nlohmann::json wanted = nlohmann::json::parse(goal.where->json);
        if (!wanted.is_object())
            return false;
        const nlohmann::json actual = nlohmann::json::parse(resourceJson(r, true).dump());
        for (auto it = wanted.begin(); it != wanted.end(); ++it)
            if (!actual.contains(it.key()) || actual.at(it.key()) != it.value())
                return false;
        return true;
    }

    const FlowResult* flowResult(const std::string& id) const
    {
        const auto it = m_flows.find(id);
        return it == m_flows.end() ? nullptr : it->second;
    }

    // An entry of `through` / `avoids` matches a hop: a resource id, or else a kind name.
    bool matches(const std::string& entry, const std::string& hopResource) const
    {
        if (entry == hopResource)
            return true;
        if (m_design.find(ResourceId(entry)))
            return false;
        const auto kind = kindFromName(entry);
        const Resource* r = kind ? m_design.find(ResourceId(hopResource)) : nullptr;
        return r && r->kind() == *kind;
    }

    void flowGoal(const Goal& goal, std::vector<Explanation>& why) const
    {
        const std::string id = goal.flow ? goal.flow->str() : std::string();
        const FlowResult* r = flowResult(id);
        if (!r || !m_design.findFlow(FlowId(id))) {
            why.push_back({"GOAL_FLOW_MISSING", id, "there is no flow " + id});
            return;
        }
        if (goal.verdict && r->verdict != *goal.verdict) {
            std::string message = "flow " + id + " is " + verdictName(r->verdict) + "; the goal asks for " +
                                  verdictName(*goal.verdict);
            if (r->leavesAt && *r->leavesAt < r->path.size())
                message += " (it leaves the private network at " + r->path[*r->leavesAt].resource + ")";
            why.push_back({"GOAL_VERDICT_DIFFERS", id, message});
            // The engine's words: why it is blocked, what would keep it private, and what it noticed.
            why.insert(why.end(), r->blocking.begin(), r->blocking.end());
            why.insert(why.end(), r->hints.begin(), r->hints.end());
            why.insert(why.end(), r->notes.begin(), r->notes.end());
        }
        for (const std::string& entry : goal.through) {
            const bool visited = std::any_of(r->path.begin(), r->path.end(),
                                             [&](const Hop& h) { return matches(entry, h.resource); });
            if (!visited)
                why.push_back({"GOAL_PATH_NOT_THROUGH", id,
                               "the path of flow " + id + " does not go through " + entry});
        }
        for (const std::string& entry : goal.avoids)
            for (const Hop& h : r->path)
                if (matches(entry, h.resource)) {
                    why.push_back({"GOAL_PATH_THROUGH_AVOIDED", h.resource,
                                   "the path of flow " + id + " goes through " + h.resource +
                                       (entry == h.resource ? std::string() : " (" + entry + ")") +
                                       ", which the goal says to avoid"});
                    break;
                }
    }

    void scopePrivateGoal(const Goal& goal, std::vector<Explanation>& why) const
    {
        for (const Flow& flow : m_design.flows()) {
            if (!selected(goal, flow.source) && !selected(goal, flow.destination))
                continue;
            const FlowResult* r = flowResult(flow.id.str());
            if (!r || r->verdict != Verdict::Public)
                continue;
            std::string message = "flow " + flow.id.str() + " is public";
            if (r->leavesAt && *r->leavesAt < r->path.size())
                message += ": it leaves the private network at " + r->path[*r->leavesAt].resource;
            why.push_back({"GOAL_PUBLIC_FLOW", flow.id.str(), message});
            why.insert(why.end(), r->hints.begin(), r->hints.end());
        }
        for (const Exposure& e : m_analysis.exposure)
            if (e.egress && selected(goal, ResourceId(e.workload)))
                why.push_back({"GOAL_INTERNET_EGRESS", e.workload,
                               e.workload + " reaches the internet via " + listIds(e.egressVia)});
    }

    void exposureGoal(const Goal& goal, std::vector<Explanation>& why) const
    {
        for (const Exposure& e : m_analysis.exposure)
            if (e.ingress && selected(goal, ResourceId(e.workload)))
                why.push_back({"GOAL_INTERNET_INGRESS", e.workload,
                               e.workload + " is reachable from the internet via " + listIds(e.ingressVia) +
                                   (e.openPorts.empty() ? std::string() : " (" + listIds(e.openPorts) + ")")});
    }

    std::vector<const Resource*> ofKindInScope(const Goal& goal) const
    {
        std::vector<const Resource*> out;
        const auto kind = kindFromName(goal.resourceKind);
        if (!kind)
            return out;
        for (const Resource& r : m_design.resources())
            if (r.kind() == *kind && selected(goal, r.id) && matchesWhere(goal, r))
                out.push_back(&r);
        return out;
    }

    void countGoal(const Goal& goal, std::vector<Explanation>& why) const
    {
        const std::vector<const Resource*> found = ofKindInScope(goal);
        const int count = int(found.size());
        if ((!goal.min || count >= *goal.min) && (!goal.max || count <= *goal.max))
            return;
        std::vector<std::string> ids;
        for (const Resource* r : found)
            ids.push_back(r->id.str());
        std::string wanted = goal.min && goal.max ? "between " + std::to_string(*goal.min) + " and " + std::to_string(*goal.max)
                             : goal.min           ? "at least " + std::to_string(*goal.min)
                                                  : "at most " + std::to_string(goal.max.value_or(0));
        why.push_back({"GOAL_COUNT_OUT_OF_RANGE", ids.empty() ? std::string() : ids.front(),
                       "there " + std::string(count == 1 ? "is " : "are ") + std::to_string(count) + " " +
                           goal.resourceKind + scopeText(goal) + (ids.empty() ? "" : " (" + listIds(ids) + ")") +
                           "; the goal asks for " + wanted});
    }

    void propertyGoal(const Goal& goal, std::vector<Explanation>& why) const
    {
        std::vector<const Resource*> targets;
        if (goal.resource) {
            if (const Resource* r = m_design.find(*goal.resource))
                targets.push_back(r);
            else
                why.push_back({"GOAL_RESOURCE_MISSING", goal.resource->str(),
                               "there is no resource " + goal.resource->str()});
        } else {
            targets = ofKindInScope(goal);
            // "Every interface endpoint has private DNS" must not pass by deleting the endpoints.
            if (targets.empty())
                why.push_back({"GOAL_RESOURCE_MISSING", goal.scope ? goal.scope->str() : std::string(),
                               "there is no " + goal.resourceKind + scopeText(goal)});
        }
        if (targets.empty() || !goal.value)
            return;
        const nlohmann::json wanted = nlohmann::json::parse(goal.value->json);
        for (const Resource* r : targets) {
            // The field as the file names it, with its default when left out: the goal author
            // writes what the documentation shows, for every kind, without a table per kind.
            const nlohmann::ordered_json object = resourceJson(*r, true);
            nlohmann::json actual; // null: the field is absent (or the kind has no such field)
            if (!goal.field.empty() && goal.field.front() == '/') {
                const nlohmann::json::json_pointer pointer(goal.field);
                const nlohmann::json plain = nlohmann::json::parse(object.dump());
                if (plain.contains(pointer))
                    actual = plain.at(pointer);
            } else if (const auto it = object.find(goal.field); it != object.end()) {
                actual = nlohmann::json::parse(it->dump());
            }
            if (actual != wanted)
                why.push_back({"GOAL_PROPERTY_DIFFERS", r->id.str(),
                               r->id.str() + " has " + goal.field + " " + (actual.is_null() ? "not set" : actual.dump()) +
                                   "; the goal asks for " + wanted.dump()});
        }
    }

    const Design& m_design;
    const AnalysisResult& m_analysis;
    std::unordered_map<std::string, const FlowResult*> m_flows;
    mutable std::optional<TagSelector> m_tag; // the goal being evaluated's
};

} // namespace

GoalResult evaluateGoal(const Goal& goal, const Design& design, const AnalysisResult& analysis)
{
    return GoalEvaluator(design, analysis).evaluate(goal);
}

LessonProgress evaluateGoals(const Lesson& lesson, const Design& design, const AnalysisResult& analysis)
{
    LessonProgress progress;
    const GoalEvaluator evaluator(design, analysis);
    progress.goals.reserve(lesson.goals.size());
    for (const Goal& goal : lesson.goals) {
        progress.goals.push_back(evaluator.evaluate(goal));
        progress.totalWeight += goal.weight;
        if (progress.goals.back().met)
            progress.metWeight += goal.weight;
    }
    return progress;
}

} // namespace pp
