#include "model/IpAddress.h"

#include <array>
#include <cstdio>

namespace pp {
namespace {

void setError(std::string* error, const char* message)
{
    if (error)
        *error = message;
}

std::optional<std::uint32_t> parseV4(std::string_view text, std::string* error)
{
    std::uint32_t result = 0;
    int octets = 0;
    std::size_t i = 0;
    while (true) {
        if (i >= text.size() || text[i] < '0' || text[i] > '9') {
            setError(error, "expected a decimal octet");
            return std::nullopt;
        }
        const std::size_t start = i;
        unsigned value = 0;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
            value = value * 10 + unsigned(text[i] - '0');
            if (value > 255 || i - start >= 3) {
                setError(error, "octet greater than 255");
                return std::nullopt;
            }
            ++i;
        }
        if (i - start > 1 && text[start] == '0') {
            setError(error, "octet with a leading zero");
            return std::nullopt;
        }
        result = (result << 8) | value;
        ++octets;
        if (octets == 4)
            break;
        if (i >= text.size() || text[i] != '.') {
            setError(error, "an IPv4 address has four octets separated by dots");
            return std::nullopt;
        }
        ++i;
    }
    if (i != text.size()) {
        setError(error, "unexpected text after the address");
        return std::nullopt;
    }
    return result;
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

std::optional<Uint128> parseV6(std::string_view text, std::string* error)
{
    // Groups before and after "::" are collected separately, then joined with zeros between.
    std::array<std::uint16_t, 8> head{}, tail{};
    int headCount = 0, tailCount = 0;
    bool compressed = false;
    std::size_t i = 0;
    if (text.substr(0, 2) == "::") {
        compressed = true;
        i = 2;
    } else if (!text.empty() && text[0] == ':') {
        setError(error, "an IPv6 address cannot start with a single ':'");
        return std::nullopt;
    }
    while (i < text.size()) {
        const int total = headCount + tailCount;
        // An embedded dotted quad takes the last two groups.
        const std::size_t nextColon = text.find(':', i);
        const std::string_view piece = text.substr(i, nextColon == std::string_view::npos ? text.npos : nextColon - i);
        if (piece.find('.') != std::string_view::npos) {
            if (nextColon != std::string_view::npos || total > 6) {
                setError(error, "an embedded IPv4 address must end an IPv6 address");
                return std::nullopt;
            }
            const auto v4 = parseV4(piece, error);
            if (!v4)
                return std::nullopt;
            auto& dst = compressed ? tail : head;
            int& count = compressed ? tailCount : headCount;
            dst[std::size_t(count++)] = std::uint16_t(*v4 >> 16);
            dst[std::size_t(count++)] = std::uint16_t(*v4 & 0xffff);
            i = text.size();
            break;
        }
        if (piece.empty() || piece.size() > 4) {
            setError(error, "an IPv6 group has one to four hex digits");
            return std::nullopt;
        }
        unsigned value = 0;
        for (char c : piece) {
            const int h = hexValue(c);
            if (h < 0) {
                setError(error, "invalid hex digit in an IPv6 address");
                return std::nullopt;
            }
            value = value * 16 + unsigned(h);
        }
        if (total >= 8) {
            setError(error, "an IPv6 address has at most eight groups");
            return std::nullopt;
        }
        (compressed ? tail[std::size_t(tailCount++)] : head[std::size_t(headCount++)]) = std::uint16_t(value);
        i += piece.size();
        if (i == text.size())
            break;
        // i points at ':'
        if (text.substr(i, 2) == "::") {
            if (compressed) {
                setError(error, "an IPv6 address may contain '::' only once");
                return std::nullopt;
            }
            compressed = true;
            i += 2;
        } else {
            ++i;
            if (i == text.size()) {
                setError(error, "an IPv6 address cannot end with a single ':'");
                return std::nullopt;
            }
        }
    }
    const int total = headCount + tailCount;
    if ((!compressed && total != 8) || (compressed && total > 7)) {
        setError(error, "an IPv6 address has eight groups, or fewer with '::'");
        return std::nullopt;
    }
    std::array<std::uint16_t, 8> groups{};
    for (int g = 0; g < headCount; ++g)
        groups[std::size_t(g)] = head[std::size_t(g)];
    for (int g = 0; g < tailCount; ++g)
        groups[std::size_t(8 - tailCount + g)] = tail[std::size_t(g)];
    Uint128 value = 0;
    for (auto g : groups)
        value = (value << 16) | g;
    return value;
}

} // namespace

std::optional<IpAddress> IpAddress::parse(std::string_view text, std::string* error)
{
    if (text.empty()) {
        setError(error, "empty address");
        return std::nullopt;
    }
    if (text.find(':') != std::string_view::npos) {
        if (auto v = parseV6(text, error))
            return IpAddress::v6(*v);
        return std::nullopt;
    }
    if (auto v = parseV4(text, error))
        return IpAddress::v4(*v);
    return std::nullopt;
}

std::string IpAddress::toString() const
{
    char buffer[64];
    if (isV4()) {
        const auto v = std::uint32_t(m_value);
        std::snprintf(buffer, sizeof buffer, "%u.%u.%u.%u", v >> 24, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff);
        return buffer;
    }
    // RFC 5952 section 5: IPv4-mapped addresses keep the dotted quad ("::ffff:192.0.2.1").
    if ((m_value >> 32) == 0xffff)
        return "::ffff:" + IpAddress::v4(std::uint32_t(m_value)).toString();
    std::array<unsigned, 8> groups{};
    for (int g = 0; g < 8; ++g)
        groups[std::size_t(g)] = unsigned((m_value >> (16 * (7 - g))) & 0xffff);
    // RFC 5952: compress the longest run (first on ties) of two or more zero groups.
    int bestStart = -1, bestLength = 0;
    for (int g = 0; g < 8;) {
        if (groups[std::size_t(g)] != 0) {
            ++g;
            continue;
        }
        int end = g;
        while (end < 8 && groups[std::size_t(end)] == 0)
            ++end;
        if (end - g > bestLength && end - g >= 2) {
            bestStart = g;
            bestLength = end - g;
        }
        g = end;
    }
    std::string out;
    for (int g = 0; g < 8; ++g) {
        if (g == bestStart) {
            out += "::";
            g += bestLength - 1;
            continue;
        }
        if (!out.empty() && out.back() != ':')
            out += ':';
        std::snprintf(buffer, sizeof buffer, "%x", groups[std::size_t(g)]);
        out += buffer;
    }
    return out;
}

bool IpAddress::isPrivate() const
{
    if (isV4()) {
        const auto v = std::uint32_t(m_value);
        return (v >> 24) == 10 || (v >> 20) == ((172u << 4) | 1u) || (v >> 16) == ((192u << 8) | 168u) ||
               (v >> 22) == ((100u << 2) | 1u);
    }
    return (m_value >> 121) == (0xfc >> 1);
}

} // namespace pp
