#include "report/CheckReport.h"

#include "analysis/Analyzer.h"
#include "codes/Codes.h"
#include "design/Design.h"
#include "io/TextEscape.h"
#include "report/JsonWriters.h"

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

namespace {

// Each piece of the reports written once, for either writer (JsonWriters.h): streamed as text for
// `check`, or built as a tree for the reports that embed it.

template <class W, class T>
void field(W& w, std::string_view key, const T& value)
{
    w.key(key);
    w.value(value);
}

// `key`: an array of `items`, each written by `write(w, item)`.
template <class W, class Items, class Write>
void listField(W& w, std::string_view key, const Items& items, Write write)
{
    w.key(key);
    w.beginArray();
    for (const auto& item : items)
        write(w, item);
    w.endArray();
}

template <class W>
void writeDiagnostic(W& w, const Diagnostic& d)
{
    w.beginObject();
    field(w, "severity", severityName(d.severity));
    field(w, "code", d.code);
    field(w, "message", validUtf8(d.message));
    field(w, "line", d.line);
    field(w, "column", d.column);
    field(w, "jsonPath", validUtf8(d.jsonPath));
    field(w, "resourceId", validUtf8(d.resourceId));
    w.endObject();
}

template <class W>
void writeStrings(W& w, const std::vector<std::string>& items)
{
    w.beginArray();
    for (const std::string& item : items)
        w.value(item);
    w.endArray();
}

template <class W>
void writeExplanations(W& w, const std::vector<Explanation>& items)
{
    w.beginArray();
    for (const Explanation& e : items) {
        const CodeInfo* info = findCode(e.code);
        w.beginObject();
        field(w, "code", e.code);
        field(w, "rule", info ? std::string_view(info->rule) : std::string_view());
        field(w, "resource", e.resource);
        field(w, "message", e.message);
        w.endObject();
    }
    w.endArray();
}

template <class W>
void writeClasses(W& w, AddressClass before, AddressClass after)
{
    w.beginObject();
    field(w, "before", std::string(enumName(before)));
    field(w, "after", std::string(enumName(after)));
    w.endObject();
}

// The trace's keys after "verdict" (which a flow writes before its expectation).
template <class W>
void writeTraceAfterVerdict(W& w, const FlowResult& r)
{
    w.key("path");
    w.beginArray();
    for (const Hop& h : r.path) {
        w.beginObject();
        field(w, "resource", h.resource);
        field(w, "kind", h.kind);
        field(w, "action", h.action);
        field(w, "detail", h.detail);
        field(w, "source", h.source);
        field(w, "destination", h.destination);
        w.key("sourceClass");
        writeClasses(w, h.sourceClassBefore, h.sourceClassAfter);
        w.key("destinationClass");
        writeClasses(w, h.destinationClassBefore, h.destinationClassAfter);
        w.endObject();
    }
    w.endArray();
    w.key("leavesPrivateNetworkAt");
    if (r.leavesAt)
        w.value(*r.leavesAt);
    else
        w.value(nullptr);
    field(w, "returnPath", r.returnChecked ? (r.returnOk ? "ok" : "blocked") : "notChecked");
    w.key("blocking");
    writeExplanations(w, r.blocking);
    w.key("hints");
    writeExplanations(w, r.hints);
    w.key("notes");
    writeExplanations(w, r.notes);
}

template <class W>
void writeTrace(W& w, const FlowResult& r)
{
    field(w, "verdict", std::string(enumName(r.verdict)));
    writeTraceAfterVerdict(w, r);
}

template <class W>
void writePolicyViolation(W& w, const PolicyViolation& v)
{
    w.beginObject();
    field(w, "code", v.code);
    field(w, "message", v.message);
    field(w, "source", v.source);
    field(w, "destination", v.destination);
    writeTrace(w, v.path);
    w.endObject();
}

template <class W>
void writePolicyResult(W& w, const PolicyResult& p)
{
    w.beginObject();
    field(w, "policy", p.policy);
    field(w, "kind", std::string(enumName(p.kind)));
    field(w, "satisfied", p.satisfied());
    field(w, "sources", p.sources);
    field(w, "destinations", p.destinations);
    field(w, "pairs", p.pairs);
    listField(w, "violations", p.violations, writePolicyViolation<W>);
    field(w, "omitted", p.omitted);
    w.endObject();
}

template <class W>
void writeFinding(W& w, const Finding& finding)
{
    w.beginObject();
    field(w, "severity", severityName(finding.severity));
    field(w, "code", finding.code);
    const CodeInfo* info = findCode(finding.code);
    field(w, "rule", info ? std::string_view(info->rule) : std::string_view());
    w.key("ids");
    writeStrings(w, finding.ids);
    if (!finding.route.empty())
        field(w, "route", finding.route); // the one route of the table ids[0] it is about
    field(w, "message", finding.message);
    w.endObject();
}

template <class W>
void writeFlow(W& w, const FlowResult& r)
{
    w.beginObject();
    field(w, "flow", r.flow.str());
    field(w, "verdict", std::string(enumName(r.verdict)));
    w.key("expected");
    if (r.expected)
        w.value(std::string(enumName(*r.expected)));
    else
        w.value(nullptr);
    w.key("expectationMet");
    if (r.expectationMet)
        w.value(*r.expectationMet);
    else
        w.value(nullptr);
    writeTraceAfterVerdict(w, r);
    w.endObject();
}

template <class W>
void writeExposure(W& w, const Exposure& e)
{
    w.beginObject();
    field(w, "workload", e.workload);
    field(w, "egress", e.egress);
    w.key("egressVia");
    writeStrings(w, e.egressVia);
    field(w, "ingress", e.ingress);
    w.key("ingressVia");
    writeStrings(w, e.ingressVia);
    w.key("openPorts");
    writeStrings(w, e.openPorts);
    w.endObject();
}

template <class W>
void writeFileCheck(W& w, const FileCheck& f)
{
    w.beginObject();
    field(w, "file", validUtf8(f.file)); // a name from the command line: any bytes
    field(w, "loaded", f.loaded);
    listField(w, "diagnostics", f.diagnostics, writeDiagnostic<W>);
    listField(w, "findings", f.findings, writeFinding<W>);
    w.key("flows");
    w.beginArray();
    for (const FlowResult& r : f.flows)
        if (f.onlyFlow.empty() || r.flow.str() == f.onlyFlow)
            writeFlow(w, r);
    w.endArray();
    listField(w, "exposure", f.exposure, writeExposure<W>);
    listField(w, "policies", f.policies, writePolicyResult<W>);
    field(w, "errors", f.errorCount());
    field(w, "warnings", f.warningCount());
    field(w, "unmetExpectations", f.unmetExpectations());
    field(w, "policyViolations", f.policyViolations());
    w.endObject();
}

template <class W>
void writeCheckReport(W& w, const std::vector<FileCheck>& files)
{
    w.beginObject();
    field(w, "reportVersion", 1);
    field(w, "privatepathVersion", PRIVATEPATH_VERSION);
    w.key("files");
    w.beginArray();
    for (const FileCheck& f : files)
        writeFileCheck(w, f);
    w.endArray();
    field(w, "exitCode", checkExitCode(files));
    w.endObject();
}

// A piece as a tree, for the reports that embed it.
template <class Piece>
nlohmann::ordered_json tree(const Piece& piece)
{
    JsonTreeWriter w;
    piece(w);
    return w.take();
}

} // namespace

nlohmann::ordered_json diagnosticJson(const Diagnostic& d)
{
    return tree([&](JsonTreeWriter& w) { writeDiagnostic(w, d); });
}

nlohmann::ordered_json explanationsJson(const std::vector<Explanation>& items)
{
    return tree([&](JsonTreeWriter& w) { writeExplanations(w, items); });
}

void addTraceJson(nlohmann::ordered_json& object, const FlowResult& r)
{
    JsonTreeWriter w(object);
    writeTrace(w, r);
}

nlohmann::ordered_json policyViolationJson(const PolicyViolation& v)
{
    return tree([&](JsonTreeWriter& w) { writePolicyViolation(w, v); });
}

nlohmann::ordered_json policyResultJson(const PolicyResult& p)
{
    return tree([&](JsonTreeWriter& w) { writePolicyResult(w, p); });
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
    return tree([&](JsonTreeWriter& w) { writeFinding(w, finding); });
}

nlohmann::ordered_json checkReportJson(const std::vector<FileCheck>& files)
{
    return tree([&](JsonTreeWriter& w) { writeCheckReport(w, files); });
}

std::string checkReportText(const std::vector<FileCheck>& files)
{
    std::string out;
    JsonTextWriter w(out);
    writeCheckReport(w, files);
    return out;
}

} // namespace pp
