#include "report/Sarif.h"

#include "codes/Codes.h"
#include "io/DesignFile.h"
#include "report/LessonReport.h"

#include <algorithm>
#include <filesystem>
#include <map>

namespace pp {
namespace {

using OJ = nlohmann::ordered_json;

const char* levelOf(Severity s)
{
    switch (s) {
    case Severity::Error:
        return "error";
    case Severity::Warning:
        return "warning";
    case Severity::Info:
        return "note";
    }
    return "none";
}

const char* useName(CodeUse use)
{
    switch (use) {
    case CodeUse::Finding:
        return "design finding";
    case CodeUse::Analysis:
        return "path analysis";
    case CodeUse::Lesson:
        return "lesson";
    case CodeUse::Policy:
        return "policy";
    case CodeUse::Review:
        return "CI report";
    }
    return "";
}

std::string docsUri(std::string_view page, std::string_view anchor = {})
{
    std::string uri = std::string(kInformationUri) + "/blob/main/docs/" + std::string(page);
    if (!anchor.empty())
        uri += "#" + std::string(anchor);
    return uri;
}

OJ ruleJson(const CodeInfo& code)
{
    std::string full = std::string(code.description);
    if (!code.rule.empty())
        full += " Network rule " + std::string(code.rule) + " (NETWORK-RULES.md).";
    const std::string help = full + " Kind: " + useName(code.use) + ". Every code is explained in docs/codes.md.";
    OJ tags = OJ::array({useName(code.use)});
    if (!code.rule.empty())
        tags.push_back(std::string(code.rule));
    return {{"id", std::string(code.code)},
            {"shortDescription", {{"text", std::string(code.description)}}},
            {"fullDescription", {{"text", full}}},
            {"help", {{"text", help}, {"markdown", help + " See [codes.md](" + docsUri("codes.md") + ")."}}},
            {"helpUri", docsUri("codes.md")},
            {"properties", {{"tags", tags}}}};
}

// A code that is not in the catalogue: a loader message (docs/file-format.md, "Loader messages").
OJ loaderRuleJson(const std::string& code)
{
    const std::string text = "The design file could not be read as written (loader message " + code + ").";
    const std::string help = text + " Loader messages are listed in docs/file-format.md.";
    return {{"id", code},
            {"shortDescription", {{"text", text}}},
            {"fullDescription", {{"text", text}}},
            {"help", {{"text", help}, {"markdown", help}}},
            {"helpUri", docsUri("file-format.md", "loader-messages")},
            {"properties", {{"tags", OJ::array({"loader"})}}}};
}

// Collects results and the rules they use; rules are every catalogue code, in catalogue order,
// then the loader codes results used, in the order first used (so ruleIndex is stable).
class SarifBuilder {
public:
    SarifBuilder(const SourceIndex& sources, const SarifOptions& options) : m_sources(sources), m_options(options)
    {
        for (const CodeInfo& code : allCodes()) {
            m_ruleIndex.emplace(std::string(code.code), m_rules.size());
            m_rules.push_back(ruleJson(code));
        }
    }

    // A result about resources or flows `ids` of `file` (located at the first; the others are
    // related locations), or about the file as a whole when `ids` is empty.
    void add(const std::string& code, Severity severity, const std::string& message, const std::string& file,
             const std::vector<std::string>& ids, const std::string& fingerprintExtra = {})
    {
        OJ result = resultHead(code, severity, message);
        OJ location = locationOf(file, ids.empty() ? std::string() : ids.front(), std::nullopt);
        result["locations"] = OJ::array({location});
        if (ids.size() > 1) {
            OJ related = OJ::array();
            for (std::size_t i = 1; i < ids.size(); ++i) {
                OJ r = locationOf(file, ids[i], std::nullopt);
                r["id"] = int(i);
                r["message"] = {{"text", ids[i]}};
                related.push_back(std::move(r));
            }
            result["relatedLocations"] = std::move(related);
        }
        std::string fingerprint = code + "|" + file;
        for (const std::string& id : ids)
            fingerprint += "|" + id;
        result["partialFingerprints"] = {{"privatepathResult/v1", fingerprint + (fingerprintExtra.empty() ? "" : "|" + fingerprintExtra)}};
        result["properties"] = {{"ids", ids}};
        m_results.push_back(std::move(result));
    }

    void addDiagnostic(const Diagnostic& d)
    {
        OJ result = resultHead(d.code, d.severity, d.message);
        std::optional<TextPosition> at;
        if (d.line > 0)
            at = TextPosition{d.line, std::max(d.column, 1)};
        result["locations"] = OJ::array({locationOf(d.file, d.resourceId, at)});
        result["partialFingerprints"] = {{"privatepathResult/v1", d.code + "|" + d.file + "|" + d.jsonPath}};
        result["properties"] = {{"jsonPath", d.jsonPath}};
        m_results.push_back(std::move(result));
    }

    OJ finish(int exitCode) const
    {
        OJ driver = {{"name", "PrivatePath"},
                     {"version", PRIVATEPATH_VERSION},
                     {"semanticVersion", PRIVATEPATH_VERSION},
                     {"informationUri", std::string(kInformationUri)},
                     {"rules", m_rules}};
        OJ run = {{"tool", {{"driver", std::move(driver)}}},
                  {"invocations", OJ::array({{{"executionSuccessful", true}, {"exitCode", exitCode}}})},
                  {"columnKind", "unicodeCodePoints"},
                  {"results", m_results}};
        return {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"}, {"version", "2.1.0"}, {"runs", OJ::array({std::move(run)})}};
    }

private:
    OJ resultHead(const std::string& code, Severity severity, const std::string& message)
    {
        auto it = m_ruleIndex.find(code);
        if (it == m_ruleIndex.end()) {
            it = m_ruleIndex.emplace(code, m_rules.size()).first;
            m_rules.push_back(loaderRuleJson(code));
        }
        return {{"ruleId", code}, {"ruleIndex", it->second}, {"level", levelOf(severity)}, {"message", {{"text", message}}}};
    }

    // Standard input has no file to point at: its results carry the resource's logical location only.
    OJ locationOf(const std::string& file, const std::string& id, std::optional<TextPosition> at) const
    {
        OJ location = OJ::object();
        if (file != kStandardInputName) {
            if (!at && !id.empty())
                at = m_sources.find(file, id);
            OJ physical = {{"artifactLocation", {{"uri", sarifUri(file, m_options.base)}}}};
            // Code scanning wants a region; a result about the whole file points at its start.
            const TextPosition p = at.value_or(TextPosition{1, 1});
            physical["region"] = {{"startLine", p.line}, {"startColumn", p.column}};
            location["physicalLocation"] = std::move(physical);
        }
        if (!id.empty())
            location["logicalLocations"] = OJ::array({{{"name", id}, {"kind", "object"}}});
        return location;
    }

    const SourceIndex& m_sources;
    const SarifOptions& m_options;
    std::vector<OJ> m_rules;
    std::map<std::string, std::size_t> m_ruleIndex;
    std::vector<OJ> m_results;
};

std::string verdictName(Verdict v) { return std::string(enumName(v)); }

std::string joined(const std::vector<std::string>& items)
{
    std::string out;
    for (const std::string& s : items)
        out += (out.empty() ? "" : ", ") + s;
    return out;
}

std::string hops(const std::vector<std::string>& ids)
{
    std::string out;
    for (const std::string& id : ids)
        out += (out.empty() ? "" : " > ") + id;
    return out;
}

// Each violation of a policy: an error with its POLICY_* code, located at the policy in the file
// (the breach is the policy's: a reviewer fixes the design or the policy), with the source and
// destination as related locations; the message carries the path.
void addPolicyViolations(SarifBuilder& sarif, const PolicyResult& policy, const std::vector<PolicyViolation>& violations,
                         const std::string& file)
{
    for (const PolicyViolation& v : violations) {
        std::vector<std::string> ids{policy.policy};
        for (const std::string& end : {v.source, v.destination})
            if (!end.empty() && end != kInternet && std::find(ids.begin(), ids.end(), end) == ids.end())
                ids.push_back(end);
        std::string message = "policy " + policy.policy + ": " + v.message;
        if (!v.path.path.empty())
            message += ". Path: " + flowPathLine(v.path) + "\n" + flowPathText(v.path);
        sarif.add(v.code, Severity::Error, message, file, ids, v.source + "->" + v.destination);
    }
}

} // namespace

void SourceIndex::add(const std::string& file, std::string_view text) { m_files[file] = locateIds(text); }

bool SourceIndex::addFile(const std::string& file)
{
    Diagnostics ignored;
    const std::optional<std::string> text = readDesignText(file, LoadLimits{}, ignored);
    if (!text)
        return false;
    add(file, *text);
    return true;
}

std::optional<TextPosition> SourceIndex::find(const std::string& file, const std::string& id) const
{
    const auto f = m_files.find(file);
    if (f == m_files.end())
        return std::nullopt;
    const auto it = f->second.find(id);
    if (it == f->second.end())
        return std::nullopt;
    return it->second;
}

std::string sarifUri(const std::string& file, const std::string& base)
{
    namespace fs = std::filesystem;
    std::error_code error;
    const fs::path absolute = fs::absolute(file, error).lexically_normal();
    const fs::path root = fs::absolute(base.empty() ? fs::path(".") : fs::path(base), error).lexically_normal();
    fs::path relative = absolute.lexically_relative(root);
    const std::string path = (relative.empty() ? absolute : relative).generic_string();
    std::string out;
    constexpr std::string_view hex = "0123456789ABCDEF";
    for (const char c : path) {
        const auto byte = static_cast<unsigned char>(c);
        if ((byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') || (byte >= '0' && byte <= '9') ||
            std::string_view("-._~/").find(c) != std::string_view::npos) {
            out += c;
        } else {
            out += '%';
            out += hex[byte >> 4];
            out += hex[byte & 15];
        }
    }
    // An absolute path is a file URI; a relative one is a relative reference.
    return !relative.empty() ? out : "file://" + out;
}

OJ checkSarif(const std::vector<FileCheck>& files, const SourceIndex& sources, const SarifOptions& options)
{
    SarifBuilder sarif(sources, options);
    for (const FileCheck& f : files) {
        for (const Diagnostic& d : f.diagnostics)
            sarif.addDiagnostic(d);
        if (!f.loaded)
            continue;
        for (const Finding& finding : f.findings)
            sarif.add(finding.code, finding.severity, finding.message, f.file, finding.ids, finding.route);
        for (const FlowResult& r : f.flows) {
            if (!f.onlyFlow.empty() && r.flow.str() != f.onlyFlow)
                continue;
            const std::string id = r.flow.str();
            if (r.expectationMet == false)
                sarif.add("FLOW_EXPECTATION_NOT_MET", Severity::Error,
                          "flow " + id + " is " + verdictName(r.verdict) + ", expected " + verdictName(*r.expected) +
                              ". Path: " + flowPathLine(r) + "\n" + flowPathText(r),
                          f.file, {id});
            else if (r.verdict == Verdict::Public && !r.expected)
                sarif.add("FLOW_PUBLIC", Severity::Warning,
                          "flow " + id + " leaves the private network" +
                              (r.leavesAt && *r.leavesAt < r.path.size() ? " at " + r.path[*r.leavesAt].resource : std::string()) +
                              ". Path: " + flowPathLine(r) + "\n" + flowPathText(r),
                          f.file, {id});
        }
        for (const PolicyResult& p : f.policies)
            addPolicyViolations(sarif, p, p.violations, f.file);
        for (const Exposure& e : f.exposure) {
            if (e.ingress)
                sarif.add("WORKLOAD_INTERNET_INGRESS", Severity::Warning,
                          e.workload + " is reachable from the internet via " + joined(e.ingressVia) + " (" + joined(e.openPorts) + ")",
                          f.file, {e.workload});
            if (e.egress)
                sarif.add("WORKLOAD_INTERNET_EGRESS", Severity::Info,
                          e.workload + " reaches the internet via " + joined(e.egressVia), f.file, {e.workload});
        }
    }
    return sarif.finish(checkExitCode(files));
}

OJ diffSarif(const DiffFiles& files, const DesignDiff& diff, const SourceIndex& sources, const Diagnostics& warnings,
             const SarifOptions& options)
{
    SarifBuilder sarif(sources, options);
    for (const Diagnostic& d : warnings)
        sarif.addDiagnostic(d);
    const std::string& file = files.after;
    for (const FlowDiff& f : diff.flows) {
        if (f.newlyPublic())
            sarif.add("DIFF_NEW_PUBLIC_PATH", Severity::Error,
                      "flow " + f.flow + " becomes public (" +
                          (f.verdictBefore ? "was " + verdictName(*f.verdictBefore) : std::string("new flow")) +
                          "). Path: " + hops(f.pathAfter),
                      file, {f.flow});
        if (f.expectBroken)
            sarif.add("DIFF_EXPECTATION_BROKEN", Severity::Error,
                      "flow " + f.flow + " is " + verdictName(*f.verdictAfter) + ", expected " + verdictName(*f.expected) +
                          (f.verdictBefore ? " (was " + verdictName(*f.verdictBefore) + ")" : std::string(" (new flow)")) +
                          ". Path: " + hops(f.pathAfter),
                      file, {f.flow});
    }
    for (const ExposureDiff& e : diff.exposure) {
        if (!e.worse())
            continue;
        std::vector<std::string> facts;
        if (e.gainedIngress)
            facts.push_back("is now reachable from the internet via " + joined(e.after.ingressVia));
        if (!e.portsOpened.empty())
            facts.push_back("has newly open ports " + joined(e.portsOpened));
        if (e.gainedEgress)
            facts.push_back("now reaches the internet via " + joined(e.after.egressVia));
        std::string text;
        for (const std::string& fact : facts)
            text += (text.empty() ? "" : "; ") + fact;
        sarif.add("DIFF_NEW_EXPOSURE", Severity::Error, e.workload + " " + text, file, {e.workload});
    }
    for (const Finding& finding : diff.findingsIntroduced)
        sarif.add(finding.code, finding.severity, finding.message, file, finding.ids, finding.route);
    for (const PolicyDiff& p : diff.policies)
        if (p.newlyViolated()) {
            PolicyResult now;
            now.policy = p.policy;
            addPolicyViolations(sarif, now, p.newViolations, file);
        }
    return sarif.finish(diffExitCode(diff));
}

OJ gradeSarif(const std::vector<SubmissionGrade>& grades, const SourceIndex& sources, const SarifOptions& options)
{
    SarifBuilder sarif(sources, options);
    for (const SubmissionGrade& g : grades) {
        if (g.status == SubmissionStatus::Unreadable) {
            for (const Diagnostic& d : g.diagnostics)
                sarif.addDiagnostic(d);
            continue;
        }
        if (g.status == SubmissionStatus::OtherLesson) {
            sarif.add("SUBMISSION_OTHER_LESSON", Severity::Error,
                      g.lessonId.empty() ? "the submission has no lesson section" : "the submission is for lesson " + g.lessonId,
                      g.file, {});
            continue;
        }
        for (const GoalResult& r : g.progress.goals) {
            if (r.met)
                continue;
            if (r.reasons.empty())
                sarif.add("LESSON_GOAL_MISSED", Severity::Error, "goal " + r.goal + " missed: " + r.message, g.file, {}, r.goal);
            for (const Explanation& e : r.reasons)
                sarif.add(e.code, Severity::Error, "goal " + r.goal + " missed: " + e.message, g.file,
                          e.resource.empty() ? std::vector<std::string>{} : std::vector<std::string>{e.resource}, r.goal);
        }
        for (const Explanation& e : explainLockedChanges(g.locked))
            sarif.add(e.code, Severity::Error, e.message, g.file, {e.resource});
    }
    return sarif.finish(gradeExitCode(grades));
}

} // namespace pp
