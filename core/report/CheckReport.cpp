#include "report/CheckReport.h"

#include "codes/Codes.h"

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

int checkExitCode(const std::vector<FileCheck>& files)
{
    if (std::any_of(files.begin(), files.end(), [](const FileCheck& f) { return !f.loaded; }))
        return 3;
    if (std::any_of(files.begin(), files.end(), [](const FileCheck& f) { return f.errorCount() > 0; }))
        // Only loaded files get here, so these are error findings.
        return 1;
    return 0;
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
        file["file"] = f.file;
        file["loaded"] = f.loaded;
        OJ diagnostics = OJ::array();
        for (const Diagnostic& d : f.diagnostics) {
            OJ item = OJ::object();
            item["severity"] = severityName(d.severity);
            item["code"] = d.code;
            item["message"] = d.message;
            item["line"] = d.line;
            item["column"] = d.column;
            item["jsonPath"] = d.jsonPath;
            item["resourceId"] = d.resourceId;
            diagnostics.push_back(std::move(item));
        }
        file["diagnostics"] = std::move(diagnostics);
        OJ findings = OJ::array();
        for (const Finding& finding : f.findings) {
            OJ item = OJ::object();
            item["severity"] = severityName(finding.severity);
            item["code"] = finding.code;
            const CodeInfo* info = findCode(finding.code);
            item["rule"] = info ? std::string(info->rule) : std::string();
            item["ids"] = finding.ids;
            item["message"] = finding.message;
            findings.push_back(std::move(item));
        }
        file["findings"] = std::move(findings);
        file["errors"] = f.errorCount();
        file["warnings"] = f.warningCount();
        list.push_back(std::move(file));
    }
    report["files"] = std::move(list);
    report["exitCode"] = checkExitCode(files);
    return report;
}

} // namespace pp
