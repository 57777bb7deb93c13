#include "report/CheckReport.h"

#include "analysis/Analyzer.h"
#include "codes/Codes.h"
#include "design/Design.h"
#include "io/TextEscape.h"

#include <algorithm>

namespace pp {

int FileCheck::errorCount() const
{
    return int(std::count_if(findings.begin(), findings.end(), [](const Finding& f) { return f.severity == Severity::Error; }) +
               std::count_if(diagnostics.begin(), diagnostics.end(),
                             [](const Diagnostic& d) { return d.severity == Severity::Error; }));
}

int FileCheck::warningCount() const
{
    return int(std::count_if(findings.begin(), findings.end(), [](const Finding& f) { return f.severity == Severity::Warning; }) +
               std::count_if(diagnostics.begin(), diagnostics.end(),
                             [](const Diagnostic& d) { return d.severity == Severity::Warning; }));
}

int FileCheck::unmetExpectations() const
{
    return int(std::count_if(flows.begin(), flows.end(), [&](const FlowResult& f) {
        return f.expectationMet == false && (onlyFlow.empty() || f.flow.str() == onlyFlow);
    }));
}

int FileCheck::policyViolations() const
{
    std::size_t n = 0;
    for (const PolicyResult& p : policies)
        n += p.violations.size() + p.omitted;
    return int(n);
}

void analyzeInto(FileCheck& check, const Design& design)
{
    AnalysisResult result = analyzeDesign(design);
    check.policies = checkPolicies(design, result);
    check.findings = std::move(result.findings);
    const std::vector<Finding> drawing = lintDiagram(design);
    check.findings.insert(check.findings.end(), drawing.begin(), drawing.end());
    check.flows = std::move(result.flows);
    check.exposure = std::move(result.exposure);
}

int checkExitCode(const std::vector<FileCheck>& files)
{
    if (std::any_of(files.begin(), files.end(), [](const FileCheck& f) { return !f.loaded; }))
        return 3;
    // Only loaded files get here, so these are error findings.
    if (std::any_of(files.begin(), files.end(), [](const FileCheck& f) { return f.errorCount() > 0 || f.unmetExpectations() > 0 || f.policyViolations() > 0; }))
        return 1;
    return 0;
}

nlohmann::ordered_json diagnosticJson(const Diagnostic& d)
{
    nlohmann::ordered_json item = nlohmann::ordered_json::object();
    item["severity"] = severityName(d.severity);
    item["code"] = d.code;
    item["message"] = validUtf8(d.message);
    item["line"] = d.line;
    item["column"] = d.column;
    item["jsonPath"] = validUtf8(d.jsonPath);
    item["resourceId"] = validUtf8(d.resourceId);
    return item;
}

nlohmann::ordered_json explanationsJson(const std::vector<Explanation>& items)
{
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const Explanation& e : items) {
        const CodeInfo* info = findCode(e.code);
        out.push_back({{"code", e.code}, {"rule", info ? std::string(info->rule) : std::string()},
                       {"resource", e.resource}, {"message", e.message}});
    }
    return out;
}

void addTraceJson(nlohmann::ordered_json& object, const FlowResult& r)
{
    using OJ = nlohmann::ordered_json;
    object["verdict"] = std::string(enumName(r.verdict));
    OJ path = OJ::array();
    for (const Hop& h : r.path)
        path.push_back({{"resource", h.resource},
                        {"kind", h.kind},
                        {"action", h.action},
                        {"detail", h.detail},
                        {"source", h.source},
                        {"destination", h.destination},
                        {"sourceClass", {{"before", std::string(enumName(h.sourceClassBefore))}, {"after", std::string(enumName(h.sourceClassAfter))}}},
                        {"destinationClass", {{"before", std::string(enumName(h.destinationClassBefore))}, {"after", std::string(enumName(h.destinationClassAfter))}}}});
    object["path"] = std::move(path);
    object["leavesPrivateNetworkAt"] = r.leavesAt ? OJ(*r.leavesAt) : OJ(nullptr);
    object["returnPath"] = r.returnChecked ? OJ(r.returnOk ? "ok" : "blocked") : OJ("notChecked");
    object["blocking"] = explanationsJson(r.blocking);
    object["hints"] = explanationsJson(r.hints);
    object["notes"] = explanationsJson(r.notes);
}

nlohmann::ordered_json policyViolationJson(const PolicyViolation& v)
{
    nlohmann::ordered_json entry = nlohmann::ordered_json::object();
    entry["code"] = v.code;
    entry["message"] = v.message;
    entry["source"] = v.source;
    entry["destination"] = v.destination;
    addTraceJson(entry, v.path);
    return entry;
}

nlohmann::ordered_json policyResultJson(const PolicyResult& p)
{
    using OJ = nlohmann::ordered_json;
    OJ item = OJ::object();
    item["policy"] = p.policy;
    item["kind"] = std::string(enumName(p.kind));
    item["satisfied"] = p.satisfied();
    item["sources"] = p.sources;
    item["destinations"] = p.destinations;
    item["pairs"] = p.pairs;
    OJ violations = OJ::array();
    for (const PolicyViolation& v : p.violations)
        violations.push_back(policyViolationJson(v));
    item["violations"] = std::move(violations);
    item["omitted"] = p.omitted;
    return item;
}

std::string flowPathText(const FlowResult& r)
{
    std::string out;
    for (std::size_t i = 0; i < r.path.size(); ++i) {
        const Hop& h = r.path[i];
        out += std::to_string(i + 1) + ". " + h.resource + " " + h.action + " " + h.detail;
        if (r.leavesAt && *r.leavesAt == i)
            out += "  <- leaves the private network";
        out += "\n";
    }
    auto explanations = [&](const char* label, const std::vector<Explanation>& list) {
        for (const Explanation& e : list)
            out += std::string(label) + " [" + e.code + "]" + (e.resource.empty() ? "" : " at " + e.resource) + ": " + e.message + "\n";
    };
    explanations("blocked", r.blocking);
    explanations("hint", r.hints);
    explanations("note", r.notes);
    return out;
}

std::string flowPathLine(const FlowResult& r)
{
    std::string out;
    for (const Hop& h : r.path)
        out += (out.empty() ? "" : " > ") + h.resource;
    return out;
}

nlohmann::ordered_json findingJson(const Finding& finding)
{
    nlohmann::ordered_json item = nlohmann::ordered_json::object();
    item["severity"] = severityName(finding.severity);
    item["code"] = finding.code;
    const CodeInfo* info = findCode(finding.code);
    item["rule"] = info ? std::string(info->rule) : std::string();
    item["ids"] = finding.ids;
    if (!finding.route.empty())
        item["route"] = finding.route; // the one route of the table ids[0] it is about
    item["message"] = finding.message;
    return item;
}

nlohmann::ordered_json checkReportJson(const std::vector<FileCheck>& files)
{
    using OJ = nlohmann::ordered_json;
    OJ report = OJ::object();
    report["reportVersion"] = 1;
    report["privatepathVersion"] = PRIVATEPATH_VERSION;
    OJ list = OJ::array();
    for (const FileCheck& f : files) {
        OJ file = OJ::object();
        file["file"] = validUtf8(f.file); // a name from the command line: any bytes
        file["loaded"] = f.loaded;
        OJ diagnostics = OJ::array();
        for (const Diagnostic& d : f.diagnostics)
            diagnostics.push_back(diagnosticJson(d));
        file["diagnostics"] = std::move(diagnostics);
        OJ findings = OJ::array();
        for (const Finding& finding : f.findings)
            findings.push_back(findingJson(finding));
        file["findings"] = std::move(findings);
        OJ flows = OJ::array();
        for (const FlowResult& r : f.flows) {
            if (!f.onlyFlow.empty() && r.flow.str() != f.onlyFlow)
                continue;
            OJ flow = OJ::object();
            flow["flow"] = r.flow.str();
            flow["verdict"] = std::string(enumName(r.verdict));
            flow["expected"] = r.expected ? OJ(std::string(enumName(*r.expected))) : OJ(nullptr);
            flow["expectationMet"] = nullptr;
            if (r.expectationMet)
                flow["expectationMet"] = *r.expectationMet;
            addTraceJson(flow, r); // "verdict" keeps its place, before "expected"
            flows.push_back(std::move(flow));
        }
        file["flows"] = std::move(flows);
        OJ exposure = OJ::array();
        for (const Exposure& e : f.exposure)
            exposure.push_back({{"workload", e.workload}, {"egress", e.egress}, {"egressVia", e.egressVia},
                                {"ingress", e.ingress}, {"ingressVia", e.ingressVia}, {"openPorts", e.openPorts}});
        file["exposure"] = std::move(exposure);
        OJ policies = OJ::array();
        for (const PolicyResult& p : f.policies)
            policies.push_back(policyResultJson(p));
        file["policies"] = std::move(policies);
        file["errors"] = f.errorCount();
        file["warnings"] = f.warningCount();
        file["unmetExpectations"] = f.unmetExpectations();
        file["policyViolations"] = f.policyViolations();
        list.push_back(std::move(file));
    }
    report["files"] = std::move(list);
    report["exitCode"] = checkExitCode(files);
    return report;
}

} // namespace pp
