#pragma once

// What AWS creates or does without being asked, made explicit in an imported design so the
// picture shows what the analysis uses (issue 16, deliverable 3). Each addition is reported as an
// assumption.

#include "import/ImportContext.h"

namespace pp {

// The default Region of the import: the aws provider's constant `region`, else the Region of the
// first Availability Zone or ARN seen, else us-east-1 (an assumption). Adds it and sets
// ctx.region(). Also notes each VPC's Region by its subnets' zones, for regionOf.
void addImportRegion(ImportContext& ctx);

// The Region resource of a Region code ("eu-west-1"), added on first use; the default Region for
// what does not look like a Region code.
ResourceId regionNamed(ImportContext& ctx, const std::string& code);

// The Region `r` says it is in: its own Availability Zone or ARN, or for a VPC its subnets'
// zones; else the default Region. So a state or dump spanning Regions keeps each VPC and transit
// gateway in its own.
ResourceId regionOf(ImportContext& ctx, const TfResource& r);

// After the mappers, for every VPC:
// - its main route table, when Terraform manages none (aws_default_route_table or
//   aws_main_route_table_association): AWS's own, with only the local routes (RT-4). Subnets
//   without an explicit association use it;
// - its default security group, when Terraform manages none (aws_default_security_group), with
//   AWS's default rules: all inbound from members of the group, all outbound (SG-3);
// - its default network ACL, when Terraform manages none (aws_default_network_acl), allowing
//   everything, associated with every subnet that has no other ACL (ACL-1).
// Also gives the Region the Availability Zones its subnets use.
void addImplicitResources(ImportContext& ctx);

} // namespace pp
