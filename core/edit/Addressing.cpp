#include "edit/Addressing.h"

namespace pp {

namespace {

constexpr Uint128 kFirstHost = 10;

std::optional<Cidr> firstFreeIn(const std::vector<Cidr>& ranges, int prefixLength,
                                const std::vector<Cidr>& taken)
{
    for (const Cidr& range : ranges)
        if (range.prefixLength() <= prefixLength)
            if (auto block = firstFreeBlock(range, prefixLength, taken))
                return block;
    return std::nullopt;
}

} // namespace

std::optional<IpAddress> firstFreeHostAddress(const Cidr& block, const std::set<Uint128>& taken)
{
    if (block.size() <= kFirstHost + 1)
        return std::nullopt;
    const Uint128 last = block.last().value();
    for (Uint128 address = block.network().value() + kFirstHost; address < last; ++address)
        if (!taken.count(address))
            return block.family() == IpFamily::V4 ? IpAddress::v4(std::uint32_t(address))
                                                  : IpAddress::v6(address);
    return std::nullopt;
}

std::set<Uint128> usedPrivateAddresses(const Design& design)
{
    std::set<Uint128> used;
    for (const Resource& r : design.resources()) {
        if (const Workload* w = r.as<Workload>()) {
            if (w->privateIp)
                used.insert(w->privateIp->value());
            if (w->ipv6Address)
                used.insert(w->ipv6Address->value());
        } else if (const NatGateway* n = r.as<NatGateway>(); n && n->privateIp) {
            used.insert(n->privateIp->value());
        } else if (const LoadBalancer* lb = r.as<LoadBalancer>()) {
            for (const LoadBalancerTarget& t : lb->targets)
                if (t.ip)
                    used.insert(t.ip->value());
        }
    }
    return used;
}

std::optional<IpAddress> nextFreeAddress(const Design& design, const ResourceId& subnet,
                                         const std::set<Uint128>& alsoTaken)
{
    const Subnet* s = design.findAs<Subnet>(subnet);
    if (!s)
        return std::nullopt;
    std::set<Uint128> taken = usedPrivateAddresses(design);
    taken.insert(alsoTaken.begin(), alsoTaken.end());
    return firstFreeHostAddress(s->cidr, taken);
}

std::optional<IpAddress> nextFreeIpv6Address(const Design& design, const ResourceId& subnet,
                                             const std::set<Uint128>& alsoTaken)
{
    const Subnet* s = design.findAs<Subnet>(subnet);
    if (!s || !s->ipv6Cidr)
        return std::nullopt;
    std::set<Uint128> taken = usedPrivateAddresses(design);
    taken.insert(alsoTaken.begin(), alsoTaken.end());
    return firstFreeHostAddress(*s->ipv6Cidr, taken);
}

std::optional<Cidr> nextFreeSubnetBlock(const Design& design, const ResourceId& vpc, int prefixLength,
                                        const std::vector<Cidr>& alsoTaken)
{
    const Vpc* v = design.findAs<Vpc>(vpc);
    if (!v)
        return std::nullopt;
    std::vector<Cidr> taken = alsoTaken;
    design.forEach<Subnet>([&](const Resource&, const Subnet& s) {
        if (s.vpc == vpc)
            taken.push_back(s.cidr);
    });
    return firstFreeIn(v->ipv4Cidrs, prefixLength, taken);
}

std::optional<Cidr> nextFreeSubnetIpv6Block(const Design& design, const ResourceId& vpc, int prefixLength,
                                            const std::vector<Cidr>& alsoTaken)
{
    const Vpc* v = design.findAs<Vpc>(vpc);
    if (!v || !v->ipv6Cidr)
        return std::nullopt;
    std::vector<Cidr> taken = alsoTaken;
    design.forEach<Subnet>([&](const Resource&, const Subnet& s) {
        if (s.vpc == vpc && s.ipv6Cidr)
            taken.push_back(*s.ipv6Cidr);
    });
    return firstFreeIn({*v->ipv6Cidr}, prefixLength, taken);
}

std::optional<Cidr> nextFreeVpcBlock(const Design& design, int prefixLength,
                                     const std::vector<Cidr>& alsoTaken)
{
    std::vector<Cidr> taken = alsoTaken;
    design.forEach<Vpc>([&](const Resource&, const Vpc& v) {
        taken.insert(taken.end(), v.ipv4Cidrs.begin(), v.ipv4Cidrs.end());
    });
    static const Cidr privateRange = *Cidr::parse("10.0.0.0/8");
    return firstFreeBlock(privateRange, prefixLength, taken);
}

std::optional<IpAddress> translateAddress(const IpAddress& address, const Cidr& from, const Cidr& to)
{
    if (from.family() != to.family() || !from.contains(address))
        return std::nullopt;
    const Uint128 offset = address.value() - from.network().value();
    if (offset >= to.size())
        return std::nullopt;
    const Uint128 value = to.network().value() + offset;
    return to.family() == IpFamily::V4 ? IpAddress::v4(std::uint32_t(value)) : IpAddress::v6(value);
}

std::optional<Cidr> translateBlock(const Cidr& block, const Cidr& from, const Cidr& to)
{
    if (!from.contains(block))
        return std::nullopt;
    const auto network = translateAddress(block.network(), from, to);
    if (!network || block.prefixLength() < to.prefixLength() || !translateAddress(block.last(), from, to))
        return std::nullopt;
    return Cidr::containing(*network, block.prefixLength());
}

} // namespace pp
