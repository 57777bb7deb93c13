#pragma once

// Reading the JSON that the AWS CLI's `describe-*` calls print (`--output json`): one file per
// call, or one object holding the top-level keys of several calls, or several pages of a
// paginated call (the same top-level key in several files or objects). Items are gathered by
// call, in input order; an item seen twice (by its id: two pages overlapping, or the same file
// given twice) is kept once, its later copies filling only fields the first lacks.
//
// Calls made once per resource print nothing that names the resource they were made for
// (`elbv2 describe-target-health --target-group-arn ARN` prints only `TargetHealthDescriptions`).
// Such an object may carry the id beside the array (`"TargetGroupArn": "arn:…"`, added with
// `--query`, docs/import.md), and the wrappers Batfish's AWS collector writes
// (`LoadBalancerTargetHealth`, `LoadBalancerListeners`, `TransitGatewayStaticRoutes`,
// `TransitGatewayPropagations`: arrays of such objects) are read the same way. The string
// members of the object holding an array become each item's `context`.
//
// What the items mean for the network is AwsTranslate.h's business.

#include "io/Diagnostic.h"

#include <cstddef>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace pp {

struct AwsItem {
    nlohmann::json value;   // one element of a call's array (an object)
    nlohmann::json context; // the string members beside the array ({"TargetGroupArn": "…"}), an object
    std::string file;
    std::string jsonPath; // "/Vpcs/3", "/Reservations/0/Instances/1"
};

// Items of a call the importer does not read (`DBInstances`, `AvailabilityZones`...).
struct AwsUnsupportedItem {
    std::string key;     // the top-level key, as in the file
    std::string address; // the item's id when it has one ("db-1"), else "Key[3]"
    std::string file;
};

struct AwsDescribe {
    // By call, keyed by the array's key with its first letter upper case ("Vpcs", "Instances"
    // from `Reservations[].Instances[]`, "DirectConnectGateways" from `directConnectGateways`).
    std::map<std::string, std::vector<AwsItem>> calls;
    std::vector<AwsUnsupportedItem> unsupported;
    std::vector<std::string> files; // every file read, in order
    std::size_t duplicates = 0;     // items seen again (pages overlapping, a file given twice)
    // While reading: call -> item id -> its place in `calls` (cleared once every file is read).
    std::map<std::string, std::unordered_map<std::string, std::size_t>> seen;
};

struct AwsReadResult {
    std::optional<AwsDescribe> describe; // set exactly when there is no error diagnostic
    Diagnostics diagnostics;
};

struct AwsReadLimits {
    std::size_t maxBytes = std::size_t(512) << 20; // per file
    int maxDepth = 128;
    std::size_t maxTreeBytes = std::size_t(2) << 30;
    std::size_t maxFiles = 10000; // files found in directories
};

// The keys of the calls read (for `--help` and the documentation).
std::vector<std::string_view> supportedAwsCalls();

// Adds one text to `into`. Never throws for bad input: a problem becomes an error diagnostic
// naming the file, line and column and the JSON path of the field (codes AWS_JSON_SYNTAX,
// AWS_NOT_DESCRIBE, AWS_FIELD_TYPE, AWS_TOO_DEEP, AWS_TOO_LARGE). Returns false on an error.
bool readAwsJson(std::string_view text, const std::string& fileName, AwsDescribe& into, Diagnostics& problems,
                 const AwsReadLimits& limits = {});
// Reads files and directories (every `*.json` below a directory, in name order; AWS_NO_INPUT
// when a directory has none). FILE_UNREADABLE and FILE_TOO_LARGE as for designs.
AwsReadResult readAwsInputs(const std::vector<std::string>& paths, const AwsReadLimits& limits = {});
// The same for texts already in memory (tests, the fuzz target): (file name, text) pairs.
AwsReadResult readAwsTexts(const std::vector<std::pair<std::string, std::string>>& texts,
                           const AwsReadLimits& limits = {});

// A member by its key, or by the key with its first letter's case changed (`directConnectGatewayId`
// in the AWS CLI's output is `DirectConnectGatewayId` in Batfish's); null when absent.
const nlohmann::json& awsField(const nlohmann::json& object, std::string_view key);
// A string member, or "".
std::string awsString(const nlohmann::json& object, std::string_view key);

} // namespace pp
