#pragma once

// `privatepath import terraform`: a design from `terraform show -json` output, with what AWS does
// implicitly made explicit (ImplicitResources.h), laid out (AutoLayout.h), and a report of what
// was imported, skipped, assumed and unknown (ImportReport.h).

#include "design/Design.h"
#include "import/ImportReport.h"
#include "import/TerraformReader.h"

#include <optional>
#include <string>

namespace pp {

struct TerraformImportResult {
    std::optional<Design> design; // set unless the input could not be read (see report.diagnostics)
    ImportReport report;
};

// The steps every importer shares once its input is a TfDocument (the AWS importer translates
// describe output into one, AwsTranslate.h): the Region, the mappers pass by pass (types no mapper
// knows skipped as `unsupportedType`), AWS's implicit resources, the resources moved into a
// design with their `extensionKey` extension ("x-terraform": address and unknown fields), and the
// automatic layout. The design's name and description are the caller's.
Design buildImportedDesign(const TfDocument& document, ImportReport& report, const std::string& extensionKey);

TerraformImportResult importTerraform(const TfDocument& document, const std::string& source);
TerraformImportResult importTerraformText(std::string_view text, const std::string& source);
TerraformImportResult importTerraformFile(const std::string& path);

} // namespace pp
