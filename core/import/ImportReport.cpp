#include "import/ImportReport.h"

#include "io/TextEscape.h"

#include <map>
#include <sstream>

namespace pp {

namespace {

std::map<std::string, int> skippedByType(const ImportReport& report)
{
    std::map<std::string, int> counts;
    for (const SkippedItem& s : report.skipped)
        ++counts[s.type];
    return counts;
}

} // namespace

nlohmann::ordered_json importReportJson(const ImportReport& report)
{
    using OJ = nlohmann::ordered_json;
    OJ out = OJ::object();
    out["source"] = validUtf8(report.source);
    out["inputKind"] = validUtf8(report.inputKind);
    out["formatVersion"] = validUtf8(report.formatVersion);
    out["terraformVersion"] = validUtf8(report.terraformVersion);
    OJ summary = OJ::object();
    summary["imported"] = report.imported.size();
    summary["skipped"] = report.skipped.size();
    OJ byType = OJ::object();
    for (const auto& [type, count] : skippedByType(report))
        byType[validUtf8(type)] = count;
    summary["skippedByType"] = byType;
    summary["assumptions"] = report.assumptions.size();
    summary["unknown"] = report.unknowns.size();
    out["summary"] = summary;
    OJ imported = OJ::array();
    for (const ImportedItem& i : report.imported)
        imported.push_back(
            OJ{{"address", validUtf8(i.address)}, {"type", validUtf8(i.type)}, {"resource", validUtf8(i.resource)}});
    out["imported"] = imported;
    OJ skipped = OJ::array();
    for (const SkippedItem& s : report.skipped)
        skipped.push_back(OJ{{"address", validUtf8(s.address)},
                             {"type", validUtf8(s.type)},
                             {"reason", validUtf8(s.reason)},
                             {"detail", validUtf8(s.detail)}});
    out["skipped"] = skipped;
    OJ assumptions = OJ::array();
    for (const Assumption& a : report.assumptions)
        assumptions.push_back(
            OJ{{"code", validUtf8(a.code)}, {"resource", validUtf8(a.resource)}, {"message", validUtf8(a.message)}});
    out["assumptions"] = assumptions;
    OJ unknown = OJ::array();
    for (const UnknownValue& u : report.unknowns)
        unknown.push_back(
            OJ{{"address", validUtf8(u.address)}, {"field", validUtf8(u.field)}, {"resource", validUtf8(u.resource)}});
    out["unknown"] = unknown;
    OJ problems = OJ::array();
    for (const Diagnostic& d : report.diagnostics)
        problems.push_back(validUtf8(d.format()));
    out["problems"] = problems;
    return out;
}

std::string importReportText(const ImportReport& report)
{
    std::ostringstream out;
    if (report.inputKind == "describe")
        out << "Imported " << report.imported.size() << " AWS resource(s) from " << report.source
            << " (AWS CLI describe output).\n";
    else
        out << "Imported " << report.imported.size() << " Terraform resource(s) from " << report.source << " ("
            << report.inputKind << ", format " << report.formatVersion
            << (report.terraformVersion.empty() ? "" : ", Terraform " + report.terraformVersion) << ").\n";
    if (!report.skipped.empty()) {
        out << "Skipped " << report.skipped.size() << ":\n";
        for (const auto& [type, count] : skippedByType(report))
            out << "  " << type << ": " << count << "\n";
        for (const SkippedItem& s : report.skipped)
            out << "  - " << s.address << " [" << s.reason << "] " << s.detail << "\n";
    }
    if (!report.assumptions.empty()) {
        out << "Assumptions (" << report.assumptions.size() << "):\n";
        for (const Assumption& a : report.assumptions)
            out << "  - [" << a.code << "] " << a.message << "\n";
    }
    if (!report.unknowns.empty()) {
        out << "Unknown until apply (" << report.unknowns.size() << "):\n";
        for (const UnknownValue& u : report.unknowns)
            out << "  - " << u.address << ": " << u.field << " (resource " << u.resource << ")\n";
    }
    for (const Diagnostic& d : report.diagnostics)
        out << d.format() << "\n";
    return out.str();
}

} // namespace pp
