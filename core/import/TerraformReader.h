#pragma once

// Reading the JSON that `terraform show -json` prints, for a saved plan (`planned_values`,
// `resource_changes`, `configuration`) or for the state (`values`). Only the structure is read
// here: which resources there are, their known values, which of their values are unknown until
// apply, which are sensitive, and which other resources the configuration says they refer to.
// What the resources mean for the network is the mappers' business (TerraformMapping.h).

#include "io/Diagnostic.h"

#include <cstddef>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pp {

// One resource instance of the plan or state.
struct TfResource {
    std::string address;    // "module.net.aws_subnet.private[0]", as Terraform prints it
    std::string module;     // "module.net" (instance keys included), "" for the root module
    std::string type;       // "aws_subnet"
    std::string name;       // "private"
    nlohmann::json indexKey; // null, or the count index (number) or for_each key (string)
    bool dataSource = false; // mode "data"
    nlohmann::json values;    // the known values (planned for a plan); never null: an object
    nlohmann::json unknown;   // plans: `after_unknown` (true where a value is known only after apply)
    nlohmann::json sensitive; // `sensitive_values`: true where a value is sensitive
    // Configuration references by attribute: "vpc_id" -> {"aws_vpc.main.id", "aws_vpc.main"};
    // attributes of nested blocks are "route.gateway_id". Relative to the resource's module.
    std::map<std::string, std::vector<std::string>> references;
    std::string jsonPath; // where the resource is in the file ("/planned_values/root_module/resources/3")
};

struct TfDocument {
    bool plan = false;            // a plan (else a state)
    std::string formatVersion;    // "1.2"
    std::string terraformVersion; // "1.5.7", or "" when absent
    std::string region;           // the aws provider's `region` when the configuration gives it as a constant
    std::vector<TfResource> resources; // in file order: root module first, then child modules depth-first
};

struct TfReadResult {
    std::optional<TfDocument> document; // set exactly when there is no error diagnostic
    Diagnostics diagnostics;
};

struct TfReadLimits {
    std::size_t maxBytes = std::size_t(512) << 20; // 512 MiB
    int maxDepth = 128;                            // JSON nesting (modules nest, values nest)
    std::size_t maxTreeBytes = std::size_t(2) << 30;
};

// Parses the text. Never throws for bad input: a problem becomes an error diagnostic naming the
// file, line and column and the JSON path of the field (codes TF_JSON_SYNTAX, TF_NOT_TERRAFORM,
// TF_FORMAT_VERSION, TF_FIELD_TYPE, TF_TOO_DEEP, TF_TOO_LARGE).
TfReadResult readTerraformJson(std::string_view text, const std::string& fileName, const TfReadLimits& limits = {});
// Reads the file first (FILE_UNREADABLE, FILE_TOO_LARGE as for designs).
TfReadResult readTerraformFile(const std::string& path, const TfReadLimits& limits = {});

} // namespace pp
