#pragma once

#include "design/Design.h"

#include <cstdint>

namespace pp {

struct ScenarioParameters {
    int vpcs = 3;
    int subnetsPerVpc = 2;      // private subnets; each VPC also gets one public subnet
    int workloadsPerSubnet = 2; // in each private subnet
    std::uint64_t seed = 1;
};

// The largest sizes the address plan supports (VPC blocks are carved from 10.0.0.0/8 and
// subnets must stay /28 or larger).
inline constexpr int kMaxGeneratedVpcs = 4096;
inline constexpr int kMaxGeneratedSubnetsPerVpc = 255;
inline constexpr int kMaxGeneratedWorkloadsPerSubnet = 10;

// A realistic, valid estate for benchmarks and stress tests: per VPC a public subnet with an
// internet gateway, private subnets across three AZs, route tables, security groups and a NACL;
// NAT gateways, S3 gateway endpoints and SQS interface endpoints on a seeded share of the VPCs;
// peering between neighbours, a transit gateway with an on-premises VPN, and flows whose
// verdicts mix private, public and unreachable. Same parameters, same design, on every machine
// (the seed drives std::mt19937_64, whose sequence the standard fixes). Returns nullopt with a
// reason if the parameters are out of range.
std::optional<Design> generateScenario(const ScenarioParameters& parameters, std::string* error = nullptr);

} // namespace pp
