#pragma once

// Free addresses and blocks for new, pasted or moved resources, so that what the editor proposes
// collides with nothing: no DUPLICATE_ADDRESS, SUBNET_OVERLAP or overlapping VPC blocks.

#include "design/Design.h"

#include <optional>
#include <set>
#include <vector>

namespace pp {

// Private addresses the model fixes (IPv4 and IPv6 values together): workloads' private and IPv6
// addresses, NAT gateways' private addresses and load balancers' IP targets.
std::set<Uint128> usedPrivateAddresses(const Design& design);

// The first address of `block` from its 10th on (.1-.3 and the last address are AWS's, and people
// like to fix the first few by hand) that is not in `taken`; nullopt when there is none.
std::optional<IpAddress> firstFreeHostAddress(const Cidr& block, const std::set<Uint128>& taken);

// The first IPv4 address from .10 of `subnet` that is neither among usedPrivateAddresses nor in
// `alsoTaken`. Nullopt when the subnet is unknown or full.
std::optional<IpAddress> nextFreeAddress(const Design& design, const ResourceId& subnet,
                                         const std::set<Uint128>& alsoTaken = {});
// The same in the subnet's IPv6 block; nullopt when it has none.
std::optional<IpAddress> nextFreeIpv6Address(const Design& design, const ResourceId& subnet,
                                             const std::set<Uint128>& alsoTaken = {});

// The first block of `prefixLength` in the VPC's IPv4 blocks (primary first) that overlaps no
// subnet of the VPC and nothing in `alsoTaken`. Nullopt when the VPC is unknown or full.
std::optional<Cidr> nextFreeSubnetBlock(const Design& design, const ResourceId& vpc, int prefixLength,
                                        const std::vector<Cidr>& alsoTaken = {});
// The same in the VPC's IPv6 block (subnets' IPv6 blocks are taken); nullopt when it has none.
std::optional<Cidr> nextFreeSubnetIpv6Block(const Design& design, const ResourceId& vpc, int prefixLength,
                                            const std::vector<Cidr>& alsoTaken = {});

// The first block of `prefixLength` in 10.0.0.0/8 that overlaps no VPC's IPv4 block and nothing in
// `alsoTaken`. Nullopt when 10.0.0.0/8 is full.
std::optional<Cidr> nextFreeVpcBlock(const Design& design, int prefixLength,
                                     const std::vector<Cidr>& alsoTaken = {});

// What lies at the same offset in `to` as `address` (or `block`) does in `from`: re-addressing a
// copied subnet's contents into its new block keeps their layout. Nullopt when `from` does not
// contain it or the result would not fit in `to`.
std::optional<IpAddress> translateAddress(const IpAddress& address, const Cidr& from, const Cidr& to);
std::optional<Cidr> translateBlock(const Cidr& block, const Cidr& from, const Cidr& to);

} // namespace pp
