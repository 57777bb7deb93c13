#include "import/AwsImport.h"
#include "import/AwsReader.h"
#include "import/AwsTranslate.h"
#include "import/AwsTranslateSupport.h"

namespace pp {

namespace {

std::string baseName(const std::string& path) {
    std::string p = path;
    while (p.size() > 1 && p.back() == '/')
        p.pop_back();
    const auto slash = p.find_last_of('/');
    std::string name = slash == std::string::npos ? p : p.substr(slash + 1);
    if (const auto dot = name.rfind('.'); dot != std::string::npos && dot > 0)
        name.resize(dot);
    return name.empty() ? std::string("aws") : name;
}

std::string joined(const std::vector<std::string>& parts) {
    std::string out;
    for (const std::string& p : parts)
        out += (out.empty() ? "" : ", ") + p;
    return out;
}

AwsImportResult fromRead(AwsReadResult read, const std::string& source) {
    if (!read.describe) {
        AwsImportResult result;
        result.report.source = source;
        result.report.inputKind = "describe";
        result.report.diagnostics = std::move(read.diagnostics);
        return result;
    }
    AwsImportResult result = importAwsDescribe(*read.describe, source);
    result.report.diagnostics = std::move(read.diagnostics);
    return result;
}

} // namespace

AwsImportResult importAwsDescribe(const AwsDescribe& describe, const std::string& source) {
    AwsImportResult result;
    ImportReport& report = result.report;
    report.source = source;
    report.inputKind = "describe";

    AwsTranslation translation = translateAwsDescribe(describe);
    for (const AwsUnsupportedItem& u : describe.unsupported)
        report.skipped.push_back(
            {u.address, u.key, "unsupportedType", "PrivatePath does not read this call (" + u.file + ")"});
    report.skipped.insert(report.skipped.end(), translation.skipped.begin(), translation.skipped.end());
    report.assumptions = translation.assumptions;

    Design design = buildImportedDesign(translation.document, report, "x-aws");
    // The report speaks of describe calls, not of the Terraform types they were read as.
    auto callOf = [&](std::string& type, const std::string& address) {
        if (const auto it = translation.describeCall.find(address); it != translation.describeCall.end())
            type = it->second;
    };
    for (ImportedItem& i : report.imported)
        callOf(i.type, i.address);
    for (SkippedItem& s : report.skipped)
        callOf(s.type, s.address);
    design.name = baseName(source.substr(0, source.find(", ")));
    design.description = "Imported from AWS describe output (" + source + ") by privatepath import aws.";
    result.design = std::move(design);
    return result;
}

AwsImportResult importAwsInputs(const std::vector<std::string>& paths) {
    return fromRead(readAwsInputs(paths), joined(paths));
}

AwsImportResult importAwsTexts(const std::vector<std::pair<std::string, std::string>>& texts) {
    std::vector<std::string> names;
    for (const auto& [name, text] : texts)
        names.push_back(name);
    return fromRead(readAwsTexts(texts), joined(names));
}

AwsTranslation translateAwsDescribe(const AwsDescribe& describe) {
    aws::Translator t(describe);
    aws::translateNetwork(t);
    aws::translateServices(t);
    return std::move(t.out);
}

} // namespace pp
