#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pp {

// A 128-bit unsigned integer; IPv4 addresses use its low 32 bits.
__extension__ using Uint128 = unsigned __int128;

enum class IpFamily : std::uint8_t {
    V4, // 32-bit addresses, dotted quad text
    V6, // 128-bit addresses, RFC 5952 text
};

// An IPv4 or IPv6 address held as an exact integer. Ordering is by family (all IPv4 before all
// IPv6), then numerically, which gives a stable, human-sensible sort order.
class IpAddress {
public:
    constexpr IpAddress() = default;
    static constexpr IpAddress v4(std::uint32_t value) { return IpAddress(IpFamily::V4, value); }
    static constexpr IpAddress v6(Uint128 value) { return IpAddress(IpFamily::V6, value); }

    // Parses strict text: IPv4 as four decimal octets without leading zeros; IPv6 as eight groups
    // of up to four hex digits with at most one "::" and an optional dotted-quad tail. On failure
    // returns nullopt and, if `error` is given, a short English reason.
    static std::optional<IpAddress> parse(std::string_view text, std::string* error = nullptr);

    IpFamily family() const { return m_family; }
    bool isV4() const { return m_family == IpFamily::V4; }
    Uint128 value() const { return m_value; }
    static constexpr int bitWidth(IpFamily f) { return f == IpFamily::V4 ? 32 : 128; }
    int bitWidth() const { return bitWidth(m_family); }

    // Canonical text: dotted quad, or RFC 5952 (lower case, longest zero run compressed,
    // IPv4-mapped addresses as ::ffff:a.b.c.d).
    std::string toString() const;

    // RFC 1918 (10/8, 172.16/12, 192.168/16) or RFC 6598 (100.64/10) for IPv4; unique local
    // fc00::/7 for IPv6. These are the destinations an internet gateway refuses (rule IGW-3).
    bool isPrivate() const;

    friend constexpr auto operator<=>(const IpAddress&, const IpAddress&) = default;
    friend constexpr bool operator==(const IpAddress&, const IpAddress&) = default;

private:
    constexpr IpAddress(IpFamily family, Uint128 value) : m_family(family), m_value(value) {}
    IpFamily m_family = IpFamily::V4;
    Uint128 m_value = 0;
};

} // namespace pp
