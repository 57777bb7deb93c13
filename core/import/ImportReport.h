#pragma once

// What an import did, for the user to review before trusting the picture: every resource imported
// (with the design id it became), every one skipped and why, every assumption the importer made
// where AWS behaves implicitly, and every value that is unknown until apply. It never holds a
// value of the input other than addresses, ids, types and field names, so no secret of a state
// file can end up in it.

#include "io/Diagnostic.h"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace pp {

struct ImportedItem {
    std::string address; // Terraform address; for AWS describe output, the AWS id
    std::string type;    // Terraform type; for AWS describe output, the call's key ("Vpcs")
    std::string resource; // the design resource it became, or was merged into (a rule into its group)
};

// Why a resource was not imported, as a stable code:
// - "unsupportedType": no network meaning in the model (IAM, S3 buckets, log groups...);
// - "dataSource": a data source describes something managed elsewhere;
// - "notModelled": a network resource the model cannot represent (e.g. an application load balancer);
// - "missingReference": what it belongs to (its VPC, subnet, table...) is not in the input or unknown;
// - "invalidValue": a value the model cannot hold (a malformed CIDR, an unknown protocol);
// - "deleted": AWS describe output lists it in a state such as `deleted` or `terminated`.
struct SkippedItem {
    std::string address;
    std::string type;
    std::string reason;
    std::string detail; // English, for the report
};

// An assumption about AWS's implicit behaviour made explicit in the design ("the VPC's main route
// table, created by AWS, is added as rt-main-vpc-1"), or about missing input ("no region in the
// configuration; us-east-1 assumed").
struct Assumption {
    std::string code; // stable: "implicitMainRouteTable", "implicitDefaultSecurityGroup", ...
    std::string resource; // design id concerned, or ""
    std::string message;
};

// A value known only after apply. The resource is imported; the field keeps its default or stays
// empty, and the design records it in the resource's `x-terraform` extension.
struct UnknownValue {
    std::string address;
    std::string field; // Terraform attribute, e.g. "cidr_block"
    std::string resource; // design id
};

struct ImportReport {
    std::string source;     // input file
    std::string inputKind;  // "plan" or "state" (Terraform), "describe" (AWS CLI describe output)
    std::string formatVersion;
    std::string terraformVersion;
    std::vector<ImportedItem> imported;
    std::vector<SkippedItem> skipped;
    std::vector<Assumption> assumptions;
    std::vector<UnknownValue> unknowns;
    Diagnostics diagnostics; // problems reading the input (warnings when the import went on)
};

// The report as JSON (keys in this order: source, inputKind, formatVersion, terraformVersion,
// summary {imported, skipped, skippedByType, assumptions, unknown}, imported, skipped,
// assumptions, unknown). See docs/import.md. Bytes that are not UTF-8 (a parse error quotes the
// input's bytes; a file name may hold any) are written as U+FFFD, as the check report does.
nlohmann::ordered_json importReportJson(const ImportReport& report);

// The report as plain English text, for the terminal.
std::string importReportText(const ImportReport& report);

} // namespace pp
