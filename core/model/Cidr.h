#pragma once

#include "model/IpAddress.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pp {

// A CIDR block: a network address whose host bits are zero, and a prefix length.
// Invariant: (network & ~mask) == 0 and 0 <= prefixLength <= bitWidth(family).
class Cidr {
public:
    Cidr() = default;
    // Builds the block containing `address`, clearing host bits.
    static Cidr containing(IpAddress address, int prefixLength);

    // Parses "a.b.c.d/n" or "x:y::/n". Host bits must be zero (AWS refuses "10.0.0.1/16" too);
    // the error then suggests the network address. A bare address without "/n" is refused.
    static std::optional<Cidr> parse(std::string_view text, std::string* error = nullptr);

    IpFamily family() const { return m_network.family(); }
    IpAddress network() const { return m_network; }
    IpAddress last() const;
    int prefixLength() const { return m_prefixLength; }
    // Number of addresses; 2^128 saturates to the largest Uint128.
    Uint128 size() const;

    bool contains(IpAddress address) const;
    bool contains(const Cidr& other) const;
    bool overlaps(const Cidr& other) const;

    std::string toString() const;

    friend auto operator<=>(const Cidr&, const Cidr&) = default;
    friend bool operator==(const Cidr&, const Cidr&) = default;

private:
    Cidr(IpAddress network, int prefixLength) : m_network(network), m_prefixLength(prefixLength) {}
    static Uint128 hostMask(IpFamily family, int prefixLength);

    IpAddress m_network;
    int m_prefixLength = 0;
};

// The first block of `prefixLength` inside `parent` that overlaps none of `taken`, or nullopt
// when the parent is full. Used to propose the next free subnet CIDR in a VPC.
std::optional<Cidr> firstFreeBlock(const Cidr& parent, int prefixLength, const std::vector<Cidr>& taken);

} // namespace pp
