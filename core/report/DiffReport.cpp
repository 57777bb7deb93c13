#include "report/DiffReport.h"

#include "report/CheckReport.h"

#include <algorithm>

namespace pp {
namespace {

using OJ = nlohmann::ordered_json;

OJ verdictOrNull(const std::optional<Verdict>& v) { return v ? OJ(std::string(enumName(*v))) : OJ(nullptr); }
OJ valueOrNull(const std::string& compact) { return compact.empty() ? OJ(nullptr) : OJ::parse(compact); }

OJ fieldsJson(const std::vector<FieldChange>& fields)
{
    OJ out = OJ::array();
    for (const FieldChange& f : fields)
        out.push_back({{"field", f.field}, {"before", valueOrNull(f.before)}, {"after", valueOrNull(f.after)}});
    return out;
}

// Markdown: text outside code spans with every character that could start markup escaped, and
// line breaks flattened (a comment line must stay one line).
std::string mdText(const std::string& text)
{
    std::string out;
    for (char c : text) {
        if (c == '\n' || c == '\r' || c == '\t')
            out += ' ';
        else if (std::string_view("\\`*_[]<>|#~&").find(c) != std::string_view::npos)
            out += std::string("\\") + c;
        else
            out += c;
    }
    return out;
}

// An id in a code span; a backtick inside would end it, so it becomes a quote.
std::string mdCode(const std::string& text)
{
    std::string out = "`";
    for (char c : text)
        out += c == '`' ? '\'' : (c == '\n' || c == '\r') ? ' ' : c;
    return out + "`";
}

std::string verdictWord(const std::optional<Verdict>& v) { return v ? std::string(enumName(*v)) : std::string("none"); }

// A path as "a → b → c", cut in the middle when long (a comment line stays readable).
std::string mdPath(const std::vector<std::string>& hops)
{
    constexpr std::size_t kMaxHops = 8;
    std::string out;
    for (std::size_t i = 0; i < hops.size(); ++i) {
        if (hops.size() > kMaxHops && i == kMaxHops / 2) {
            out += " → … (" + std::to_string(hops.size() - kMaxHops) + " more)";
            i = hops.size() - kMaxHops / 2 - 1;
            continue;
        }
        out += (out.empty() ? "" : " → ") + mdCode(hops[i]);
    }
    return out.empty() ? "(no hop)" : out;
}

std::string mdIds(const std::vector<std::string>& ids)
{
    std::string out;
    for (const std::string& id : ids)
        out += (out.empty() ? "" : ", ") + mdCode(id);
    return out;
}

std::string mdList(const std::vector<std::string>& items)
{
    std::string out;
    for (const std::string& s : items)
        out += (out.empty() ? "" : ", ") + mdText(s);
    return out;
}

// How bad a change is for a reviewer; lower comes first.
enum Rank : int {
    NewPublic,
    PolicyViolated,
    PolicyRemoved,
    NewExposure,
    BrokenExpectation,
    NewError,
    FlowChanged,
    NewWarning,
    ResourceRemoved,
    ResourceAdded,
    ResourceChanged,
    Fixed,
};

struct Line {
    int rank;
    std::string text;
};

std::string plural(std::size_t n, const char* one, const char* many)
{
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

void flowLines(const FlowDiff& f, std::vector<Line>& lines)
{
    const std::string flow = "flow " + mdCode(f.flow);
    if (f.change == ChangeKind::Removed) {
        lines.push_back({FlowChanged, "➖ **Flow removed**: " + flow + " (was " + verdictWord(f.verdictBefore) + ")"});
        return;
    }
    std::string expectation;
    if (f.expectBroken)
        expectation = "; expects **" + verdictWord(f.expected) + "**";
    if (f.newlyPublic()) {
        lines.push_back({NewPublic, "🔴 **New public path**: " + flow + " " +
                                        (f.change == ChangeKind::Added ? std::string("(new flow)") : verdictWord(f.verdictBefore)) +
                                        " → **public**" + expectation + ", via " + mdPath(f.pathAfter)});
        return;
    }
    if (f.expectBroken) {
        lines.push_back({BrokenExpectation, "🔴 **Expectation broken**: " + flow + " is **" + verdictWord(f.verdictAfter) +
                                                "**" + expectation +
                                                (f.verdictBefore ? " (was " + verdictWord(f.verdictBefore) + ")" : std::string(" (new flow)")) +
                                                ", path " + mdPath(f.pathAfter)});
        return;
    }
    if (f.expectFixed || (f.verdictBefore == Verdict::Public && f.verdictAfter == Verdict::Private)) {
        lines.push_back({Fixed, "🟢 **Flow fixed**: " + flow + " " + verdictWord(f.verdictBefore) + " → " + verdictWord(f.verdictAfter) +
                                    (f.expectFixed ? ", meets its expect again" : "")});
        return;
    }
    if (f.change == ChangeKind::Added) {
        lines.push_back({FlowChanged, "➕ **Flow added**: " + flow + " is " + verdictWord(f.verdictAfter)});
        return;
    }
    std::string what;
    if (f.verdictChanged())
        what = verdictWord(f.verdictBefore) + " → **" + verdictWord(f.verdictAfter) + "**";
    else
        what = "still " + verdictWord(f.verdictAfter);
    if (f.pathChanged)
        what += ", path now " + mdPath(f.pathAfter);
    if (!f.fields.empty()) {
        std::vector<std::string> names;
        for (const FieldChange& c : f.fields)
            names.push_back(c.field);
        what += " (changed: " + mdList(names) + ")";
    }
    lines.push_back({FlowChanged, "🟡 **Flow changed**: " + flow + " " + what});
}

void exposureLines(const ExposureDiff& e, std::vector<Line>& lines)
{
    const std::string who = mdCode(e.workload);
    if (e.gainedIngress || !e.portsOpened.empty()) {
        std::string text = "🔴 **Reachable from the internet**: " + who + " via " + mdIds(e.after.ingressVia);
        if (!e.portsOpened.empty())
            text += ", newly open: " + mdList(e.portsOpened);
        lines.push_back({NewExposure, text});
    }
    if (e.gainedEgress)
        lines.push_back({NewExposure, "🔴 **Reaches the internet**: " + who + " via " + mdIds(e.after.egressVia)});
    if (e.lostIngress || e.lostEgress || !e.portsClosed.empty()) {
        std::vector<std::string> facts;
        if (e.lostIngress)
            facts.push_back("no longer reachable from the internet");
        if (e.lostEgress)
            facts.push_back("no longer reaches the internet");
        if (!e.portsClosed.empty() && !e.lostIngress)
            facts.push_back("closed: " + mdList(e.portsClosed));
        std::string text;
        for (const std::string& f : facts)
            text += (text.empty() ? "" : "; ") + f;
        lines.push_back({Fixed, "🟢 **Exposure reduced**: " + who + " " + text});
    }
}

void policyLines(const PolicyDiff& p, std::vector<Line>& lines)
{
    const std::string policy = "policy " + mdCode(p.policy) + " (" + std::string(enumName(p.kind)) + ")";
    if (p.change == ChangeKind::Removed) {
        lines.push_back({PolicyRemoved, "⚠️ **Policy removed**: " + policy +
                                            (p.satisfiedBefore == false ? " (it was violated)" : std::string(" (it held)"))});
        return;
    }
    if (p.newlyViolated()) {
        std::string text = "🔴 **Policy violated**: " + policy + ", " + plural(p.newViolations.size(), "new violation", "new violations");
        const PolicyViolation& first = p.newViolations.front();
        text += ": " + mdCode(first.code) + " " + mdCode(first.source) + " → " + mdCode(first.destination);
        std::vector<std::string> hops;
        for (const Hop& h : first.path.path)
            hops.push_back(h.resource);
        if (!hops.empty())
            text += " via " + mdPath(hops);
        if (p.newViolations.size() > 1)
            text += " (and " + std::to_string(p.newViolations.size() - 1) + " more)";
        lines.push_back({PolicyViolated, text});
        return;
    }
    if (p.newlySatisfied()) {
        lines.push_back({Fixed, "🟢 **Policy holds**: " + policy + " (had " + plural(p.violationsBefore, "violation", "violations") + ")"});
        return;
    }
    std::string what = p.change == ChangeKind::Added ? "➕ **Policy added**: " + policy : "✏️ **Policy changed**: " + policy;
    what += p.satisfiedAfter == true ? ", holds" : ", " + plural(p.violationsAfter, "violation", "violations");
    if (p.fixedViolations > 0)
        what += ", " + std::to_string(p.fixedViolations) + " fixed";
    if (!p.fields.empty()) {
        std::vector<std::string> names;
        for (const FieldChange& c : p.fields)
            names.push_back(c.field);
        what += " (changed: " + mdList(names) + ")";
    }
    lines.push_back({p.change == ChangeKind::Added ? ResourceAdded : ResourceChanged, what});
}

std::string findingLine(const Finding& f)
{
    return mdCode(f.code) + " " + mdText(f.message) + (f.ids.empty() ? std::string() : " (" + mdIds(f.ids) + ")");
}

} // namespace

int diffExitCode(const DesignDiff& diff) { return diff.gate().fails() ? 1 : 0; }

OJ diffReportJson(const DiffFiles& files, const DesignDiff& diff, const Diagnostics& warnings)
{
    OJ report = OJ::object();
    report["reportVersion"] = 1;
    report["privatepathVersion"] = PRIVATEPATH_VERSION;
    report["old"] = files.before;
    report["new"] = files.after;

    const DiffGate gate = diff.gate();
    auto countResources = [&](ChangeKind k) {
        return std::count_if(diff.resources.begin(), diff.resources.end(), [&](const ResourceDiff& r) { return r.change == k; });
    };
    report["summary"] = {{"resourcesAdded", countResources(ChangeKind::Added)},
                         {"resourcesRemoved", countResources(ChangeKind::Removed)},
                         {"resourcesChanged", countResources(ChangeKind::Changed)},
                         {"flowsChanged", diff.flows.size()},
                         {"newPublicFlows", gate.newPublicFlows},
                         {"newExposure", gate.newExposure},
                         {"brokenExpectations", gate.brokenExpectations},
                         {"findingsIntroduced", diff.findingsIntroduced.size()},
                         {"findingsFixed", diff.findingsFixed.size()},
                         {"policiesChanged", diff.policies.size()},
                         {"violatedPolicies", gate.violatedPolicies}};

    OJ resources = OJ::array();
    for (const ResourceDiff& r : diff.resources)
        resources.push_back({{"id", r.id},
                             {"kind", std::string(kindInfo(r.kind).name)},
                             {"change", std::string(enumName(r.change))},
                             {"fields", fieldsJson(r.fields)}});
    report["resources"] = std::move(resources);

    OJ flows = OJ::array();
    for (const FlowDiff& f : diff.flows)
        flows.push_back({{"flow", f.flow},
                         {"change", std::string(enumName(f.change))},
                         {"verdictBefore", verdictOrNull(f.verdictBefore)},
                         {"verdictAfter", verdictOrNull(f.verdictAfter)},
                         {"newlyPublic", f.newlyPublic()},
                         {"expected", verdictOrNull(f.expected)},
                         {"expectBroken", f.expectBroken},
                         {"expectFixed", f.expectFixed},
                         {"pathChanged", f.pathChanged},
                         {"pathBefore", f.pathBefore},
                         {"pathAfter", f.pathAfter},
                         {"fields", fieldsJson(f.fields)}});
    report["flows"] = std::move(flows);

    OJ exposure = OJ::array();
    for (const ExposureDiff& e : diff.exposure)
        exposure.push_back({{"workload", e.workload},
                            {"gainedEgress", e.gainedEgress},
                            {"gainedIngress", e.gainedIngress},
                            {"portsOpened", e.portsOpened},
                            {"lostEgress", e.lostEgress},
                            {"lostIngress", e.lostIngress},
                            {"portsClosed", e.portsClosed},
                            {"egressVia", e.after.egressVia},
                            {"ingressVia", e.after.ingressVia},
                            {"openPorts", e.after.openPorts}});
    report["exposure"] = std::move(exposure);

    OJ introduced = OJ::array();
    for (const Finding& f : diff.findingsIntroduced)
        introduced.push_back(findingJson(f));
    OJ fixed = OJ::array();
    for (const Finding& f : diff.findingsFixed)
        fixed.push_back(findingJson(f));
    report["findings"] = {{"introduced", std::move(introduced)}, {"fixed", std::move(fixed)}};

    OJ policies = OJ::array();
    auto satisfiedOrNull = [](const std::optional<bool>& b) { return b ? OJ(*b) : OJ(nullptr); };
    for (const PolicyDiff& p : diff.policies) {
        OJ violations = OJ::array();
        for (const PolicyViolation& v : p.newViolations)
            violations.push_back(policyViolationJson(v));
        policies.push_back({{"policy", p.policy},
                            {"kind", std::string(enumName(p.kind))},
                            {"change", std::string(enumName(p.change))},
                            {"satisfiedBefore", satisfiedOrNull(p.satisfiedBefore)},
                            {"satisfiedAfter", satisfiedOrNull(p.satisfiedAfter)},
                            {"newlyViolated", p.newlyViolated()},
                            {"violationsBefore", p.violationsBefore},
                            {"violationsAfter", p.violationsAfter},
                            {"newViolations", std::move(violations)},
                            {"fixedViolations", p.fixedViolations},
                            {"fields", fieldsJson(p.fields)}});
    }
    report["policies"] = std::move(policies);

    OJ diagnostics = OJ::array();
    for (const Diagnostic& d : warnings)
        diagnostics.push_back(diagnosticJson(d));
    report["diagnostics"] = std::move(diagnostics);
    report["gate"] = {{"fails", gate.fails()},
                      {"newPublicFlows", gate.newPublicFlows},
                      {"newExposure", gate.newExposure},
                      {"brokenExpectations", gate.brokenExpectations},
                      {"violatedPolicies", gate.violatedPolicies}};
    report["exitCode"] = diffExitCode(diff);
    return report;
}

std::string diffMarkdown(const DiffFiles& files, const DesignDiff& diff, std::size_t limit)
{
    std::vector<Line> lines;
    for (const FlowDiff& f : diff.flows)
        flowLines(f, lines);
    for (const ExposureDiff& e : diff.exposure)
        exposureLines(e, lines);
    for (const Finding& f : diff.findingsIntroduced)
        lines.push_back({f.severity == Severity::Error ? NewError : NewWarning,
                         std::string(f.severity == Severity::Error ? "🟠 **New error**: " : "🟡 **New warning**: ") + findingLine(f)});
    for (const Finding& f : diff.findingsFixed)
        lines.push_back({Fixed, "🟢 **Finding fixed**: " + findingLine(f)});
    for (const PolicyDiff& p : diff.policies)
        policyLines(p, lines);
    for (const ResourceDiff& r : diff.resources) {
        const std::string what = mdCode(r.id) + " (" + std::string(kindInfo(r.kind).name) + ")";
        if (r.change == ChangeKind::Removed) {
            lines.push_back({ResourceRemoved, "➖ **Removed**: " + what});
        } else if (r.change == ChangeKind::Added) {
            lines.push_back({ResourceAdded, "➕ **Added**: " + what});
        } else {
            std::vector<std::string> names;
            for (const FieldChange& c : r.fields)
                names.push_back(c.field);
            lines.push_back({ResourceChanged, "✏️ **Changed**: " + what + ": " + mdList(names)});
        }
    }
    std::stable_sort(lines.begin(), lines.end(), [](const Line& a, const Line& b) { return a.rank < b.rank; });

    const DiffGate gate = diff.gate();
    std::string out = "### PrivatePath design diff: " + mdCode(files.before) + " → " + mdCode(files.after) + "\n\n";
    if (gate.fails()) {
        std::vector<std::string> reasons;
        if (gate.newPublicFlows > 0)
            reasons.push_back(plural(std::size_t(gate.newPublicFlows), "new public path", "new public paths"));
        if (gate.newExposure > 0)
            reasons.push_back(plural(std::size_t(gate.newExposure), "workload newly exposed to the internet",
                                     "workloads newly exposed to the internet"));
        if (gate.brokenExpectations > 0)
            reasons.push_back(plural(std::size_t(gate.brokenExpectations), "broken expectation", "broken expectations"));
        if (gate.violatedPolicies > 0)
            reasons.push_back(plural(std::size_t(gate.violatedPolicies), "policy newly violated", "policies newly violated"));
        std::string joined;
        for (const std::string& r : reasons)
            joined += (joined.empty() ? "" : ", ") + r;
        out += "❌ **This change fails the privacy gate:** " + joined + ".\n\n";
    } else if (diff.empty()) {
        out += "✅ No change to resources, flows, exposure, findings or policies.\n\n";
    } else {
        out += "✅ No new public path, no new internet exposure, no broken expectation, no policy newly violated.\n\n";
    }
    auto count = [&](ChangeKind k) {
        return std::size_t(std::count_if(diff.resources.begin(), diff.resources.end(), [&](const ResourceDiff& r) { return r.change == k; }));
    };
    out += "Resources: " + std::to_string(count(ChangeKind::Added)) + " added, " + std::to_string(count(ChangeKind::Removed)) +
           " removed, " + std::to_string(count(ChangeKind::Changed)) + " changed · Flows: " + std::to_string(diff.flows.size()) +
           " changed · Findings: " + std::to_string(diff.findingsIntroduced.size()) + " introduced, " +
           std::to_string(diff.findingsFixed.size()) + " fixed" +
           (diff.policies.empty() ? std::string() : " · Policies: " + std::to_string(diff.policies.size()) + " changed") + "\n";
    if (!lines.empty())
        out += "\n";
    for (std::size_t i = 0; i < lines.size() && i < limit; ++i)
        out += "- " + lines[i].text + "\n";
    if (lines.size() > limit)
        out += "\n_…and " + std::to_string(lines.size() - limit) + " more (run `privatepath diff` for the full list)._\n";
    return out;
}

} // namespace pp
