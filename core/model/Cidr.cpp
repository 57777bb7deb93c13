#include "model/Cidr.h"

#include <algorithm>
#include <charconv>

namespace pp {

Uint128 Cidr::hostMask(IpFamily family, int prefixLength)
{
    const int hostBits = IpAddress::bitWidth(family) - prefixLength;
    if (hostBits <= 0)
        return 0;
    if (hostBits >= 128)
        return ~Uint128(0);
    return (Uint128(1) << hostBits) - 1;
}

Cidr Cidr::containing(IpAddress address, int prefixLength)
{
    prefixLength = std::clamp(prefixLength, 0, address.bitWidth());
    const Uint128 network = address.value() & ~hostMask(address.family(), prefixLength);
    return Cidr(address.isV4() ? IpAddress::v4(std::uint32_t(network)) : IpAddress::v6(network), prefixLength);
}

std::optional<Cidr> Cidr::parse(std::string_view text, std::string* error)
{
    const auto slash = text.find('/');
    if (slash == std::string_view::npos) {
        if (error)
            *error = "a CIDR block needs a prefix length, e.g. 10.0.0.0/16";
        return std::nullopt;
    }
    const auto address = IpAddress::parse(text.substr(0, slash), error);
    if (!address)
        return std::nullopt;
    const std::string_view lengthText = text.substr(slash + 1);
    int length = -1;
    const auto [end, ec] = std::from_chars(lengthText.data(), lengthText.data() + lengthText.size(), length);
    if (ec != std::errc() || end != lengthText.data() + lengthText.size() || lengthText.empty() ||
        (lengthText.size() > 1 && lengthText[0] == '0') || length < 0 || length > address->bitWidth()) {
        if (error)
            *error = "prefix length must be a number from 0 to " + std::to_string(address->bitWidth());
        return std::nullopt;
    }
    const Cidr block = containing(*address, length);
    if (block.network() != *address) {
        if (error)
            *error = "host bits are set; the network is " + block.toString();
        return std::nullopt;
    }
    return block;
}

IpAddress Cidr::last() const
{
    const Uint128 v = m_network.value() | hostMask(family(), m_prefixLength);
    return m_network.isV4() ? IpAddress::v4(std::uint32_t(v)) : IpAddress::v6(v);
}

Uint128 Cidr::size() const
{
    const Uint128 mask = hostMask(family(), m_prefixLength);
    return mask == ~Uint128(0) ? mask : mask + 1;
}

bool Cidr::contains(IpAddress address) const
{
    return address.family() == family() && (address.value() & ~hostMask(family(), m_prefixLength)) == m_network.value();
}

bool Cidr::contains(const Cidr& other) const
{
    return other.family() == family() && other.m_prefixLength >= m_prefixLength && contains(other.m_network);
}

bool Cidr::overlaps(const Cidr& other) const { return contains(other) || other.contains(*this); }

std::string Cidr::toString() const { return m_network.toString() + '/' + std::to_string(m_prefixLength); }

std::optional<Cidr> firstFreeBlock(const Cidr& parent, int prefixLength, const std::vector<Cidr>& taken)
{
    if (prefixLength < parent.prefixLength() || prefixLength > parent.network().bitWidth())
        return std::nullopt;
    std::vector<Cidr> inside;
    for (const Cidr& t : taken)
        if (t.overlaps(parent))
            inside.push_back(t);
    std::sort(inside.begin(), inside.end(),
              [](const Cidr& a, const Cidr& b) { return a.network().value() < b.network().value(); });
    const Uint128 step = Cidr::containing(parent.network(), prefixLength).size();
    Uint128 candidate = parent.network().value();
    const Uint128 end = parent.last().value();
    const bool v4 = parent.family() == IpFamily::V4;
    // Walk candidates in address order, jumping past each taken block that overlaps.
    for (std::size_t i = 0;;) {
        const IpAddress address = v4 ? IpAddress::v4(std::uint32_t(candidate)) : IpAddress::v6(candidate);
        const Cidr block = Cidr::containing(address, prefixLength);
        while (i < inside.size() && inside[i].last().value() < block.network().value())
            ++i;
        std::size_t j = i;
        bool clash = false;
        Uint128 resumeAt = 0;
        while (j < inside.size() && inside[j].network().value() <= block.last().value()) {
            clash = true;
            resumeAt = std::max(resumeAt, inside[j].last().value());
            ++j;
        }
        if (!clash)
            return block;
        // Next aligned candidate after the clashing block(s).
        const Uint128 next = (resumeAt / step + 1) * step;
        if (resumeAt >= end || next > end || next <= candidate)
            return std::nullopt;
        candidate = next;
    }
}

} // namespace pp
