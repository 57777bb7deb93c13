#pragma once

// `privatepath import aws`: a design from the JSON output of AWS CLI describe calls
// (docs/import.md), read by AwsReader.h, translated into the Terraform importer's input by
// AwsTranslate.h, and built by the same mappers, implicit resources and layout
// (buildImportedDesign in TerraformImport.h). Each resource keeps its AWS id, and its `x-aws`
// extension names the describe item it came from; the report's `type` is the call's key
// ("Vpcs", "Instances") and its `address` the AWS id.

#include "import/AwsReader.h"
#include "import/TerraformImport.h"

#include <string>
#include <utility>
#include <vector>

namespace pp {

using AwsImportResult = TerraformImportResult;

AwsImportResult importAwsDescribe(const AwsDescribe& describe, const std::string& source);
// Files and directories (every .json below them).
AwsImportResult importAwsInputs(const std::vector<std::string>& paths);
// (file name, text) pairs, for tests and the fuzz target.
AwsImportResult importAwsTexts(const std::vector<std::pair<std::string, std::string>>& texts);

} // namespace pp
