#pragma once

// A small two-VPC estate for the policy tests: prod (a public web server, app servers behind a
// NAT gateway, databases with no way out) and dev, not connected. Tests add policies and edits.

#include "TestSupport.h"

#include "analysis/Analyzer.h"
#include "policy/PolicyCheck.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace pp::test {

inline nlohmann::json policyDesign()
{
    return nlohmann::json::parse(R"({
  "schemaVersion": 3,
  "regions": [{"id": "use1", "code": "us-east-1", "availabilityZones": ["use1-az1", "use1-az2"]}],
  "vpcs": [
    {"id": "vpc-prod", "region": "use1", "ipv4Cidrs": ["10.0.0.0/16"], "enableDnsHostnames": true, "tags": {"env": "prod"}},
    {"id": "vpc-dev", "region": "use1", "ipv4Cidrs": ["10.1.0.0/16"], "enableDnsHostnames": true, "tags": {"env": "dev"}}
  ],
  "subnets": [
    {"id": "prod-pub", "vpc": "vpc-prod", "cidr": "10.0.0.0/24", "availabilityZone": "use1-az1", "routeTable": "rt-pub"},
    {"id": "prod-app", "vpc": "vpc-prod", "cidr": "10.0.1.0/24", "availabilityZone": "use1-az1", "routeTable": "rt-app",
     "tags": {"tier": "app"}},
    {"id": "prod-db", "vpc": "vpc-prod", "cidr": "10.0.2.0/24", "availabilityZone": "use1-az1", "routeTable": "rt-db",
     "tags": {"tier": "db"}},
    {"id": "dev-app", "vpc": "vpc-dev", "cidr": "10.1.1.0/24", "availabilityZone": "use1-az1", "routeTable": "rt-dev"}
  ],
  "routeTables": [
    {"id": "rt-pub", "vpc": "vpc-prod", "routes": [{"destination": "0.0.0.0/0", "target": "igw-prod"}]},
    {"id": "rt-app", "vpc": "vpc-prod", "routes": [{"destination": "0.0.0.0/0", "target": "nat-prod"}]},
    {"id": "rt-db", "vpc": "vpc-prod", "main": true},
    {"id": "rt-dev", "vpc": "vpc-dev", "main": true}
  ],
  "internetGateways": [{"id": "igw-prod", "vpc": "vpc-prod"}],
  "natGateways": [{"id": "nat-prod", "subnet": "prod-pub", "elasticIp": "52.0.0.1"}],
  "securityGroups": [
    {"id": "sg-web", "vpc": "vpc-prod", "inbound": [{"protocol": "tcp", "fromPort": 443, "toPort": 443, "cidr": "0.0.0.0/0"}],
     "outbound": [{"protocol": "all", "cidr": "0.0.0.0/0"}]},
    {"id": "sg-app", "vpc": "vpc-prod", "inbound": [{"protocol": "tcp", "fromPort": 443, "toPort": 443, "cidr": "10.0.0.0/16"}],
     "outbound": [{"protocol": "all", "cidr": "0.0.0.0/0"}]},
    {"id": "sg-db", "vpc": "vpc-prod", "inbound": [{"protocol": "tcp", "fromPort": 5432, "toPort": 5432, "securityGroup": "sg-app"}],
     "outbound": [{"protocol": "all", "cidr": "0.0.0.0/0"}]},
    {"id": "sg-dev", "vpc": "vpc-dev", "inbound": [{"protocol": "all", "cidr": "10.0.0.0/8"}],
     "outbound": [{"protocol": "all", "cidr": "0.0.0.0/0"}]}
  ],
  "workloads": [
    {"id": "web-1", "subnet": "prod-pub", "privateIp": "10.0.0.10", "publicIp": true, "securityGroups": ["sg-web"]},
    {"id": "app-1", "subnet": "prod-app", "privateIp": "10.0.1.10", "securityGroups": ["sg-app"]},
    {"id": "app-2", "subnet": "prod-app", "privateIp": "10.0.1.11", "securityGroups": ["sg-app"]},
    {"id": "db-1", "subnet": "prod-db", "privateIp": "10.0.2.10", "securityGroups": ["sg-db"]},
    {"id": "db-2", "subnet": "prod-db", "privateIp": "10.0.2.11", "securityGroups": ["sg-db"]},
    {"id": "dev-1", "subnet": "dev-app", "privateIp": "10.1.1.10", "securityGroups": ["sg-dev"]}
  ],
  "awsServices": [{"id": "s3", "service": "s3", "region": "use1"}]
})");
}

// Adds a policy (JSON) to a design document.
inline nlohmann::json withPolicy(nlohmann::json document, const nlohmann::json& policy)
{
    document["policies"].push_back(policy);
    return document;
}

// Loads `document` (failing the test on any loader message) and checks its policies.
inline std::vector<PolicyResult> checkJson(const nlohmann::json& document, const PolicyOptions& options = {})
{
    LoadResult r = loadDesign(document.dump(2), "policy.privatepath");
    for (const Diagnostic& d : r.diagnostics)
        ADD_FAILURE() << d.format();
    if (!r.design)
        throw std::runtime_error("design did not load");
    return checkPolicies(*r.design, analyzeDesign(*r.design), options);
}

inline std::vector<std::string> codesOf(const PolicyResult& r)
{
    std::vector<std::string> codes;
    for (const PolicyViolation& v : r.violations)
        codes.push_back(v.code);
    return codes;
}

} // namespace pp::test
