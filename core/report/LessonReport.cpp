#include "report/LessonReport.h"

#include "io/TextEscape.h"
#include "report/CheckReport.h"

#include <algorithm>

namespace pp {
namespace {

using OJ = nlohmann::ordered_json;

std::string csvField(const std::string& text)
{
    if (text.find_first_of(",\"\n\r") == std::string::npos)
        return text;
    std::string out = "\"";
    for (char c : text)
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

} // namespace

int gradeExitCode(const std::vector<SubmissionGrade>& grades)
{
    if (std::any_of(grades.begin(), grades.end(), [](const SubmissionGrade& g) { return g.status == SubmissionStatus::Unreadable; }))
        return 3;
    if (std::any_of(grades.begin(), grades.end(), [](const SubmissionGrade& g) { return !g.passed(); }))
        return 1;
    return 0;
}

std::string describeLockedChange(const LockedChange& change)
{
    return std::string(change.flow ? "flow " : "") + change.id + " (" + (change.deleted ? std::string("deleted") : change.field) + ")";
}

OJ gradeReportJson(const Design& lessonFile, const std::string& lessonPath, const std::vector<SubmissionGrade>& grades)
{
    OJ report = OJ::object();
    report["reportVersion"] = 1;
    report["privatepathVersion"] = PRIVATEPATH_VERSION;
    const Lesson& lesson = *lessonFile.lesson;
    int total = 0;
    OJ goals = OJ::array();
    for (const Goal& g : lesson.goals) {
        total += g.weight;
        goals.push_back({{"id", g.id}, {"kind", std::string(enumName(g.kind))}, {"weight", g.weight}, {"message", g.message}});
    }
    report["lesson"] = {{"file", validUtf8(lessonPath)}, {"id", lesson.id}, {"title", lesson.title}, {"totalWeight", total}, {"goals", goals}};
    OJ list = OJ::array();
    for (const SubmissionGrade& g : grades) {
        OJ item = OJ::object();
        item["file"] = validUtf8(g.file);
        item["status"] = std::string(enumName(g.status));
        item["lessonId"] = g.lessonId;
        item["passed"] = g.passed();
        item["score"] = g.scorePercent();
        item["metWeight"] = g.progress.metWeight;
        item["totalWeight"] = g.status == SubmissionStatus::Graded ? g.progress.totalWeight : total;
        OJ results = OJ::array();
        for (const GoalResult& r : g.progress.goals)
            results.push_back({{"id", r.goal}, {"met", r.met}, {"weight", r.weight}, {"reasons", explanationsJson(r.reasons)}});
        item["goals"] = std::move(results);
        item["tampered"] = g.tampered();
        OJ locked = OJ::array();
        for (const LockedChange& c : g.locked)
        {
            OJ entry = {{c.flow ? "flow" : "resource", c.id}, {"change", c.deleted ? "deleted" : "changed"}, {"field", c.field}};
            if (!c.deleted) {
                entry["before"] = c.before.empty() ? OJ() : OJ::parse(c.before);
                entry["after"] = c.after.empty() ? OJ() : OJ::parse(c.after);
            }
            locked.push_back(std::move(entry));
        }
        item["lockedChanges"] = std::move(locked);
        OJ diagnostics = OJ::array();
        for (const Diagnostic& d : g.diagnostics)
            diagnostics.push_back(diagnosticJson(d));
        item["diagnostics"] = std::move(diagnostics);
        list.push_back(std::move(item));
    }
    report["submissions"] = std::move(list);
    report["passed"] = std::count_if(grades.begin(), grades.end(), [](const SubmissionGrade& g) { return g.passed(); });
    report["exitCode"] = gradeExitCode(grades);
    return report;
}

std::string gradeReportCsv(const Design& lessonFile, const std::vector<SubmissionGrade>& grades)
{
    const Lesson& lesson = *lessonFile.lesson;
    std::string out = "file,status,lessonId,score,metWeight,totalWeight,passed,tampered,lockedChanges";
    int total = 0;
    for (const Goal& g : lesson.goals) {
        out += "," + csvField(g.id);
        total += g.weight;
    }
    out += "\n";
    for (const SubmissionGrade& g : grades) {
        const bool graded = g.status == SubmissionStatus::Graded;
        std::string locked;
        for (const LockedChange& c : g.locked)
            locked += (locked.empty() ? "" : "; ") + describeLockedChange(c);
        out += csvField(g.file) + "," + std::string(enumName(g.status)) + "," + csvField(g.lessonId) + "," +
               std::to_string(g.scorePercent()) + "," + std::to_string(g.progress.metWeight) + "," +
               std::to_string(graded ? g.progress.totalWeight : total) + "," + (g.passed() ? "yes" : "no") + "," +
               (g.tampered() ? "yes" : "no") + "," + csvField(locked);
        for (std::size_t i = 0; i < lesson.goals.size(); ++i)
            out += std::string(",") + (!graded || i >= g.progress.goals.size() ? "" : g.progress.goals[i].met ? "met" : "missed");
        out += "\n";
    }
    return out;
}

OJ lessonCheckJson(const std::string& lessonPath, const std::vector<LessonProblem>& problems, int exitCode)
{
    OJ report = OJ::object();
    report["reportVersion"] = 1;
    report["privatepathVersion"] = PRIVATEPATH_VERSION;
    report["file"] = validUtf8(lessonPath);
    OJ list = OJ::array();
    for (const LessonProblem& p : problems)
        list.push_back({{"code", p.code},
                        {"severity", severityName(p.severity)},
                        {"where", p.where},
                        {"message", p.message},
                        {"reasons", explanationsJson(p.reasons)}});
    report["problems"] = std::move(list);
    report["exitCode"] = exitCode;
    return report;
}

} // namespace pp
