#include "import/TerraformImport.h"

#include "import/AutoLayout.h"
#include "import/ImplicitResources.h"
#include "import/TerraformMapping.h"

#include <set>

namespace pp {

namespace {

std::string baseName(const std::string& path)
{
    const auto slash = path.find_last_of('/');
    std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
    if (const auto dot = name.rfind('.'); dot != std::string::npos && dot > 0)
        name.resize(dot);
    return name;
}

} // namespace

Design buildImportedDesign(const TfDocument& document, ImportReport& report, const std::string& extensionKey)
{
    ImportContext ctx(document, report);
    ctx.setExtensionKey(extensionKey);
    addImportRegion(ctx);

    std::set<std::string_view> supported;
    for (const TfMapperEntry& e : terraformMappers())
        supported.insert(e.type);
    for (const TfResource& r : document.resources) {
        if (r.dataSource)
            ctx.skip(r, "dataSource", "a data source reads something managed elsewhere; import that configuration too");
        else if (!supported.contains(r.type))
            ctx.skip(r, "unsupportedType", "this type has no part in the network model");
    }
    for (int pass = 0; pass < kMapperPasses; ++pass)
        for (const TfResource& r : document.resources) {
            if (r.dataSource)
                continue;
            for (const TfMapperEntry& e : terraformMappers())
                if (e.pass == pass && e.type == r.type)
                    e.map(ctx, r);
        }
    addImplicitResources(ctx);

    Design design;
    ctx.finish(design);
    layOutAutomatically(design);
    return design;
}

TerraformImportResult importTerraform(const TfDocument& document, const std::string& source)
{
    TerraformImportResult result;
    ImportReport& report = result.report;
    report.source = source;
    report.inputKind = document.plan ? "plan" : "state";
    report.formatVersion = document.formatVersion;
    report.terraformVersion = document.terraformVersion;

    Design design = buildImportedDesign(document, report, "x-terraform");
    design.name = baseName(source);
    design.description = "Imported from Terraform " + report.inputKind + " " + source + " by privatepath import terraform.";
    result.design = std::move(design);
    return result;
}

TerraformImportResult importTerraformText(std::string_view text, const std::string& source)
{
    TfReadResult read = readTerraformJson(text, source);
    if (!read.document) {
        TerraformImportResult result;
        result.report.source = source;
        result.report.diagnostics = std::move(read.diagnostics);
        return result;
    }
    TerraformImportResult result = importTerraform(*read.document, source);
    result.report.diagnostics = std::move(read.diagnostics);
    return result;
}

TerraformImportResult importTerraformFile(const std::string& path)
{
    TfReadResult read = readTerraformFile(path);
    if (!read.document) {
        TerraformImportResult result;
        result.report.source = path;
        result.report.diagnostics = std::move(read.diagnostics);
        return result;
    }
    TerraformImportResult result = importTerraform(*read.document, path);
    result.report.diagnostics = std::move(read.diagnostics);
    return result;
}

} // namespace pp
