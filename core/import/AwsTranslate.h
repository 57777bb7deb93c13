#pragma once

// AWS describe output (AwsReader.h) as the Terraform importer's input, so that the same mappers
// (TerraformMapping.h) build the design, the same implicit resources are added, the same layout
// is made and the same report is written.
//
// Why translate instead of sharing building functions: the mappers already hold every rule of
// what a resource means in the model (which target field a route uses, how a rule block becomes
// one model rule per peer, AWS's defaults for transit gateway attachments, which network ACL or
// route table a subnet gets implicitly), and a describe item carries the same facts as a
// Terraform state entry under other names. Renaming fields here (`CidrBlock` -> `cidr_block`,
// `IpPermissions[].UserIdGroupPairs[].GroupId` -> `ingress[].security_groups[]`) keeps one place
// for each rule; a second set of builders would drift from the first. What describe output says
// that a state does not (a route table association marked `Main`, an interface's type, a state
// such as `deleted`) is turned into the resource Terraform would have (`aws_main_route_table_
// association`) or reported here as skipped. Each translated resource's address is its AWS id
// (or a load balancer's name), and `describeCall` gives the call it came from, which the report
// shows as its type.
//
// Only the fields listed in docs/import.md are copied: user data, a VPN connection's customer
// gateway configuration and its tunnels' pre-shared keys are never read.

#include "import/AwsReader.h"
#include "import/ImportReport.h"
#include "import/TerraformReader.h"

#include <string>
#include <unordered_map>
#include <vector>

namespace pp {

struct AwsTranslation {
    TfDocument document;                                       // a "state": every value known
    std::unordered_map<std::string, std::string> describeCall; // address -> call ("Vpcs", "Instances"...)
    std::vector<SkippedItem> skipped; // skipped before mapping (deleted, unsupported, not modelled)
    std::vector<Assumption> assumptions;
};

AwsTranslation translateAwsDescribe(const AwsDescribe& describe);

} // namespace pp
