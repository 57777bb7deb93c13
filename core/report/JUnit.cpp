#include "report/JUnit.h"

#include "codes/Codes.h"
#include "report/LessonReport.h"

#include <algorithm>
#include <map>

namespace pp {
namespace {

// Length of the valid UTF-8 sequence at `i` that XML 1.0 allows (0 when invalid or not allowed).
std::size_t xmlCharLength(std::string_view s, std::size_t i)
{
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80)
        return (b0 >= 0x20 || b0 == '\t' || b0 == '\n' || b0 == '\r') ? 1 : 0;
    const std::size_t n = b0 >= 0xF0 && b0 <= 0xF4 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC2 && b0 < 0xE0 ? 2 : 0;
    if (n == 0 || i + n > s.size())
        return 0;
    std::uint32_t cp = b0 & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);
    for (std::size_t k = 1; k < n; ++k) {
        const auto b = static_cast<unsigned char>(s[i + k]);
        if ((b & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (b & 0x3F);
    }
    const bool overlong = (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000);
    const bool surrogate = cp >= 0xD800 && cp <= 0xDFFF;
    const bool nonCharacter = cp == 0xFFFE || cp == 0xFFFF || cp > 0x10FFFF;
    return overlong || surrogate || nonCharacter ? 0 : n;
}

class Xml {
public:
    Xml() { m_out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"; }

    void open(std::string_view name, std::initializer_list<std::pair<std::string_view, std::string>> attributes, bool empty = false)
    {
        m_out += std::string(m_depth * 2, ' ') + "<" + std::string(name);
        for (const auto& [key, value] : attributes)
            m_out += " " + std::string(key) + "=\"" + xmlEscape(value) + "\"";
        m_out += empty ? "/>\n" : ">\n";
        if (!empty) {
            m_open.push_back(std::string(name));
            ++m_depth;
        }
    }
    void close()
    {
        --m_depth;
        m_out += std::string(m_depth * 2, ' ') + "</" + m_open.back() + ">\n";
        m_open.pop_back();
    }
    // <name attributes...>text</name> on its own.
    void element(std::string_view name, std::initializer_list<std::pair<std::string_view, std::string>> attributes,
                 const std::string& text)
    {
        m_out += std::string(m_depth * 2, ' ') + "<" + std::string(name);
        for (const auto& [key, value] : attributes)
            m_out += " " + std::string(key) + "=\"" + xmlEscape(value) + "\"";
        m_out += ">" + xmlEscape(text, false) + "</" + std::string(name) + ">\n";
    }
    std::string take() { return std::move(m_out); }

private:
    std::string m_out;
    std::vector<std::string> m_open;
    std::size_t m_depth = 0;
};

struct Case {
    enum Outcome { Pass, Failure, Error };
    Case(std::string classname_, std::string name_) : classname(std::move(classname_)), name(std::move(name_)) {}
    // A failed (or erroneous) case.
    Case(std::string classname_, std::string name_, Outcome outcome_, std::string type_, std::string message_)
        : classname(std::move(classname_)), name(std::move(name_)), outcome(outcome_), type(std::move(type_)),
          message(std::move(message_))
    {
    }

    std::string classname;
    std::string name;
    Outcome outcome = Pass;
    std::string type;    // the code of the failure
    std::string message; // one line
    std::string text;    // the failure's body
    std::string out;     // <system-out>
};

struct Suite {
    std::string name;
    std::vector<Case> cases;
};

std::string writeSuites(const std::string& name, const std::vector<Suite>& suites)
{
    auto count = [](const std::vector<Case>& cases, int outcome) {
        return std::to_string(std::count_if(cases.begin(), cases.end(), [&](const Case& c) { return int(c.outcome) == outcome; }));
    };
    std::vector<Case> all;
    for (const Suite& s : suites)
        all.insert(all.end(), s.cases.begin(), s.cases.end());
    Xml xml;
    xml.open("testsuites", {{"name", name}, {"tests", std::to_string(all.size())}, {"failures", count(all, Case::Failure)},
                            {"errors", count(all, Case::Error)}});
    for (const Suite& s : suites) {
        xml.open("testsuite", {{"name", s.name}, {"tests", std::to_string(s.cases.size())}, {"failures", count(s.cases, Case::Failure)},
                               {"errors", count(s.cases, Case::Error)}, {"skipped", "0"}});
        for (const Case& c : s.cases) {
            const bool empty = c.outcome == Case::Pass && c.out.empty();
            xml.open("testcase", {{"classname", c.classname}, {"name", c.name}}, empty);
            if (empty)
                continue;
            if (c.outcome != Case::Pass)
                xml.element(c.outcome == Case::Failure ? "failure" : "error", {{"message", c.message}, {"type", c.type}}, c.text);
            if (!c.out.empty())
                xml.element("system-out", {}, c.out);
            xml.close();
        }
        xml.close();
    }
    xml.close();
    return xml.take();
}

std::string verdictName(Verdict v) { return std::string(enumName(v)); }

std::string findingText(const Finding& f)
{
    std::string ids;
    for (const std::string& id : f.ids)
        ids += (ids.empty() ? "" : ", ") + id;
    return std::string(severityName(f.severity)) + ": " + f.message + " [" + f.code + "] (" + ids + ")\n";
}

std::string explanationsText(const std::vector<Explanation>& list)
{
    std::string out;
    for (const Explanation& e : list)
        out += "[" + e.code + "]" + (e.resource.empty() ? "" : " at " + e.resource) + ": " + e.message + "\n";
    return out;
}

std::string violationsText(const std::vector<PolicyViolation>& violations)
{
    std::string out;
    for (const PolicyViolation& v : violations) {
        out += "[" + v.code + "] " + v.message + "\n";
        if (!v.path.path.empty())
            out += flowPathText(v.path);
    }
    return out;
}

// The code a violation of this kind usually carries (for a failure whose violations were all omitted).
std::string_view policyCode(PolicyKind kind)
{
    switch (kind) {
    case PolicyKind::PrivateOnly:
        return "POLICY_PUBLIC_PATH";
    case PolicyKind::NoInternetExposure:
        return "POLICY_INTERNET_INGRESS";
    case PolicyKind::Isolated:
        return "POLICY_NOT_ISOLATED";
    case PolicyKind::MustReach:
        return "POLICY_NOT_REACHABLE";
    case PolicyKind::OnlyVia:
        return "POLICY_BYPASSES_VIA";
    }
    return "POLICY_PUBLIC_PATH";
}

// A policy as a test case: it fails when violated, with every listed violation and its path.
Case policyCase(const std::string& classname, const PolicyResult& p)
{
    Case c(classname, "policy " + p.policy);
    const std::string summary = std::string(enumName(p.kind)) + ": " + std::to_string(p.sources) + " source(s), " +
                                std::to_string(p.destinations) + " destination(s), " + std::to_string(p.pairs) + " pair(s)";
    if (p.satisfied()) {
        c.out = summary + "; holds\n";
        return c;
    }
    c.outcome = Case::Failure;
    c.type = p.violations.empty() ? std::string(policyCode(p.kind)) : p.violations.front().code;
    const std::size_t count = p.violations.size() + p.omitted;
    c.message = "policy " + p.policy + " is violated (" + std::to_string(count) + " violation(s))";
    c.text = summary + "\n" + violationsText(p.violations) +
             (p.omitted > 0 ? std::to_string(p.omitted) + " more violation(s) not listed\n" : std::string());
    return c;
}

} // namespace

std::string xmlEscape(std::string_view text, bool attribute)
{
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t n = xmlCharLength(text, i);
        if (n == 0) {
            out += "\xEF\xBF\xBD"; // U+FFFD
            ++i;
            continue;
        }
        switch (text[i]) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&apos;";
            break;
        case '\r':
            out += "&#13;"; // kept: a parser would turn a literal CR into a line feed
            break;
        case '\t':
        case '\n':
            if (attribute)
                out += text[i] == '\t' ? "&#9;" : "&#10;";
            else
                out += text[i];
            break;
        default:
            out.append(text.substr(i, n));
        }
        i += n;
    }
    return out;
}

std::string checkJUnit(const std::vector<FileCheck>& files)
{
    std::vector<Suite> suites;
    for (const FileCheck& f : files) {
        Suite suite{f.file, {}};
        Case load(f.file, "load");
        for (const Diagnostic& d : f.diagnostics)
            load.text += d.format() + "\n";
        if (!f.loaded) {
            load.outcome = Case::Error;
            load.type = f.diagnostics.empty() ? "FILE_UNREADABLE" : f.diagnostics.front().code;
            load.message = "the file could not be loaded";
        } else {
            load.out = std::move(load.text);
            load.text.clear();
        }
        suite.cases.push_back(std::move(load));
        if (f.loaded) {
            for (const FlowResult& r : f.flows) {
                if (!f.onlyFlow.empty() && r.flow.str() != f.onlyFlow)
                    continue;
                Case c(f.file + ".flows", "flow " + r.flow.str());
                const std::string summary = "verdict " + verdictName(r.verdict) +
                                            (r.expected ? ", expected " + verdictName(*r.expected) : std::string()) +
                                            "; path " + flowPathLine(r);
                if (r.expectationMet == false) {
                    c.outcome = Case::Failure;
                    c.type = "FLOW_EXPECTATION_NOT_MET";
                    c.message = "flow " + r.flow.str() + " is " + verdictName(r.verdict) + ", expected " + verdictName(*r.expected);
                    c.text = summary + "\n" + flowPathText(r);
                } else {
                    c.out = summary + "\n" + flowPathText(r);
                }
                suite.cases.push_back(std::move(c));
            }
            for (const PolicyResult& p : f.policies)
                suite.cases.push_back(policyCase(f.file + ".policies", p));
            std::map<std::string_view, std::pair<std::string, std::string>> byCode; // code -> (errors, warnings)
            for (const Finding& finding : f.findings)
                (finding.severity == Severity::Error ? byCode[finding.code].first : byCode[finding.code].second) += findingText(finding);
            for (const CodeInfo& code : allCodes()) {
                if (code.use != CodeUse::Finding)
                    continue;
                Case c(f.file + ".findings", "finding " + std::string(code.code));
                const auto it = byCode.find(code.code);
                if (it != byCode.end()) {
                    const auto errors = std::count(it->second.first.begin(), it->second.first.end(), '\n');
                    if (errors > 0) {
                        c.outcome = Case::Failure;
                        c.type = std::string(code.code);
                        c.message = std::to_string(errors) + " error finding(s): " + std::string(code.description);
                        c.text = it->second.first;
                    }
                    c.out = it->second.second;
                }
                suite.cases.push_back(std::move(c));
            }
        }
        suites.push_back(std::move(suite));
    }
    return writeSuites("privatepath check", suites);
}

std::string diffJUnit(const DiffFiles& files, const DesignDiff& diff, const AnalysisResult& after)
{
    Suite suite{files.before + " -> " + files.after, {}};
    const std::string classname = files.after + ".flows";
    std::map<std::string, const FlowDiff*> changes;
    for (const FlowDiff& f : diff.flows)
        changes.emplace(f.flow, &f);
    for (const FlowResult& r : after.flows) {
        Case c(classname, "flow " + r.flow.str());
        const auto it = changes.find(r.flow.str());
        const FlowDiff* change = it == changes.end() ? nullptr : it->second;
        std::string story = "verdict " + verdictName(r.verdict);
        if (change && change->verdictBefore)
            story += " (was " + verdictName(*change->verdictBefore) + ")";
        else if (change && change->change == ChangeKind::Added)
            story += " (new flow)";
        else
            story += " (unchanged)";
        if (change && change->pathChanged) {
            std::string before;
            for (const std::string& id : change->pathBefore)
                before += (before.empty() ? "" : " > ") + id;
            story += "\npath before: " + before;
        }
        story += "\npath now: " + flowPathLine(r) + "\n" + flowPathText(r);
        if (change && (change->newlyPublic() || change->expectBroken)) {
            c.outcome = Case::Failure;
            c.type = change->newlyPublic() ? "DIFF_NEW_PUBLIC_PATH" : "DIFF_EXPECTATION_BROKEN";
            c.message = change->newlyPublic() ? "flow " + r.flow.str() + " becomes public"
                                              : "flow " + r.flow.str() + " is " + verdictName(r.verdict) + ", expected " +
                                                    verdictName(*change->expected);
            if (change->newlyPublic() && change->expectBroken)
                c.message += " and misses its expect (" + verdictName(*change->expected) + ")";
            c.text = story;
        } else {
            c.out = story;
        }
        suite.cases.push_back(std::move(c));
    }
    for (const FlowDiff& f : diff.flows) {
        if (f.change != ChangeKind::Removed)
            continue;
        Case removed(classname, "flow " + f.flow);
        removed.out = "removed (was " + verdictName(*f.verdictBefore) + ")";
        suite.cases.push_back(std::move(removed));
    }
    for (const PolicyDiff& p : diff.policies) {
        Case c(files.after + ".policies", "policy " + p.policy);
        std::string story = std::string(enumName(p.kind)) + " " + std::string(enumName(p.change)) + ": ";
        auto state = [](const std::optional<bool>& satisfied, std::size_t violations) {
            return !satisfied ? std::string("absent") : *satisfied ? std::string("holds") : std::to_string(violations) + " violation(s)";
        };
        story += state(p.satisfiedBefore, p.violationsBefore) + " -> " + state(p.satisfiedAfter, p.violationsAfter) + "\n";
        if (p.newlyViolated()) {
            c.outcome = Case::Failure;
            c.type = p.newViolations.front().code;
            c.message = "policy " + p.policy + " is newly violated (" + std::to_string(p.newViolations.size()) + " new violation(s))";
            c.text = story + violationsText(p.newViolations);
        } else {
            c.out = story;
        }
        suite.cases.push_back(std::move(c));
    }
    Case exposure(files.after + ".exposure", "internet exposure");
    for (const ExposureDiff& e : diff.exposure) {
        if (!e.worse())
            continue;
        exposure.outcome = Case::Failure;
        exposure.type = "DIFF_NEW_EXPOSURE";
        std::string line = e.workload + ":";
        if (e.gainedIngress)
            line += " now reachable from the internet;";
        if (!e.portsOpened.empty()) {
            line += " newly open:";
            for (const std::string& p : e.portsOpened)
                line += " " + p;
            line += ";";
        }
        if (e.gainedEgress)
            line += " now reaches the internet;";
        exposure.text += line + "\n";
    }
    if (exposure.outcome == Case::Failure)
        exposure.message = std::to_string(diff.gate().newExposure) + " workload(s) newly exposed to the internet";
    suite.cases.push_back(std::move(exposure));
    std::string findings;
    for (const Finding& f : diff.findingsIntroduced)
        findings += "introduced " + findingText(f);
    for (const Finding& f : diff.findingsFixed)
        findings += "fixed " + findingText(f);
    Case findingsCase(files.after + ".findings", "findings");
    findingsCase.out = findings;
    suite.cases.push_back(std::move(findingsCase));
    return writeSuites("privatepath diff", {suite});
}

std::string gradeJUnit(const Design& lessonFile, const std::vector<SubmissionGrade>& grades)
{
    const Lesson& lesson = *lessonFile.lesson;
    std::vector<Suite> suites;
    for (const SubmissionGrade& g : grades) {
        Suite suite{g.file, {}};
        const std::string classname = g.file + ".lesson." + lesson.id;
        if (g.status == SubmissionStatus::Unreadable) {
            Case c(classname, "load", Case::Error, g.diagnostics.empty() ? "FILE_UNREADABLE" : g.diagnostics.front().code,
                   "the file could not be loaded");
            for (const Diagnostic& d : g.diagnostics)
                c.text += d.format() + "\n";
            suite.cases.push_back(std::move(c));
        } else if (g.status == SubmissionStatus::OtherLesson) {
            suite.cases.emplace_back(classname, "lesson", Case::Failure, "SUBMISSION_OTHER_LESSON",
                                     g.lessonId.empty() ? "no lesson section (expected " + lesson.id + ")"
                                                        : "lesson " + g.lessonId + " (expected " + lesson.id + ")");
        } else {
            for (const GoalResult& r : g.progress.goals) {
                Case c(classname, "goal " + r.goal);
                if (!r.met) {
                    c.outcome = Case::Failure;
                    c.type = r.reasons.empty() ? "LESSON_GOAL_MISSED" : r.reasons.front().code;
                    c.message = r.message.empty() ? "goal " + r.goal + " missed" : r.message;
                    c.text = explanationsText(r.reasons);
                }
                suite.cases.push_back(std::move(c));
            }
            Case locked(classname, "locked resources");
            if (g.tampered()) {
                locked.outcome = Case::Failure;
                locked.type = g.locked.front().flow ? (g.locked.front().deleted ? "LOCKED_FLOW_DELETED" : "LOCKED_FLOW_CHANGED")
                                                    : (g.locked.front().deleted ? "LOCKED_RESOURCE_DELETED" : "LOCKED_RESOURCE_CHANGED");
                locked.message = std::to_string(g.locked.size()) + " locked change(s)";
                locked.text = explanationsText(explainLockedChanges(g.locked));
            }
            suite.cases.push_back(std::move(locked));
        }
        suites.push_back(std::move(suite));
    }
    return writeSuites("privatepath lesson grade " + lesson.id, suites);
}

} // namespace pp
