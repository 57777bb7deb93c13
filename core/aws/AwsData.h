#pragma once

#include "model/Cidr.h"

#include <string>
#include <string_view>
#include <vector>

namespace pp {

// Facts about AWS that the engine needs and that a design does not state.

// The built-in copy of AWS-managed prefix lists (S3 and DynamoDB) for a few main Regions. AWS
// changes these lists over time; kBuiltinPrefixListsDate says when this copy was taken. A design
// overrides it with a prefixList resource that lists `cidrs` (rule 11 of NETWORK-RULES.md).
inline constexpr std::string_view kBuiltinPrefixListsDate = "2024-06 (us-east-1), 2020-02 (us-east-2)";
std::vector<Cidr> builtinPrefixList(std::string_view regionCode, std::string_view service);

// Services reachable by gateway endpoints (rule GW-1) and over cross-Region interface endpoints
// (rule IF-8, as listed by AWS in November 2025): read from the catalogue (AwsServices.h).
bool serviceHasGatewayEndpoint(std::string_view service);
bool serviceIsCrossRegionEnabled(std::string_view service);

// The default Regional DNS name of an AWS service: "sqs.us-east-1.amazonaws.com".
std::string serviceDefaultDnsName(std::string_view service, std::string_view regionCode);

} // namespace pp
