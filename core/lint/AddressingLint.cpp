// Addressing rules: CIDR block sizes and overlaps, subnets inside their VPC and Region, interface
// addresses inside their subnet and not reserved, and addresses used twice in a VPC.

#include "lint/Linter.h"

namespace pp::lint {

void Linter::checkSize(const Resource& owner, const Cidr& block)
{
    if (block.family() == IpFamily::V4 && (block.prefixLength() < 16 || block.prefixLength() > 28))
        error("CIDR_SIZE_OUT_OF_RANGE", {owner.id.str()},
              owner.id.str() + " uses " + block.toString() + "; AWS allows /16 to /28 for IPv4 blocks");
}

void Linter::check(const Resource& r, const Vpc& v)
{
    for (const Cidr& c : v.ipv4Cidrs)
        checkSize(r, c);
    for (std::size_t i = 0; i < v.ipv4Cidrs.size(); ++i)
        for (std::size_t j = i + 1; j < v.ipv4Cidrs.size(); ++j)
            if (v.ipv4Cidrs[i].overlaps(v.ipv4Cidrs[j]))
                error("CIDR_OVERLAP", {r.id.str()},
                      r.id.str() + " has overlapping blocks " + v.ipv4Cidrs[i].toString() + " and " +
                          v.ipv4Cidrs[j].toString());
    if (const auto it = m_mainTables.find(r.id.str()); it != m_mainTables.end() && it->second.size() > 1) {
        std::vector<std::string> ids{r.id.str()};
        ids.insert(ids.end(), it->second.begin(), it->second.end());
        error("MULTIPLE_MAIN_ROUTE_TABLES", ids, r.id.str() + " has " + std::to_string(it->second.size()) + " main route tables");
    }
    for (const auto* gateways : {&m_igws, &m_vgws})
        if (const auto it = gateways->find(r.id.str()); it != gateways->end() && it->second.size() > 1) {
            std::vector<std::string> ids{r.id.str()};
            ids.insert(ids.end(), it->second.begin(), it->second.end());
            error("MULTIPLE_GATEWAYS", ids,
                  r.id.str() + " has " + std::to_string(it->second.size()) +
                      (gateways == &m_igws ? " internet gateways" : " virtual private gateways") +
                      " attached; a VPC can have one");
        }
}

void Linter::check(const Resource& r, const Subnet& s)
{
    checkSize(r, s.cidr);
    const Vpc* vpc = get<Vpc>(s.vpc);
    if (vpc && !inVpcCidrs(*vpc, s.cidr))
        error("SUBNET_OUTSIDE_VPC_CIDR", {r.id.str(), s.vpc.str()},
              "subnet " + r.id.str() + " (" + s.cidr.toString() + ") is outside every CIDR block of VPC " + s.vpc.str());
    if (vpc && s.ipv6Cidr && !inVpcCidrs(*vpc, *s.ipv6Cidr))
        error("SUBNET_OUTSIDE_VPC_CIDR", {r.id.str(), s.vpc.str()},
              "subnet " + r.id.str() + " IPv6 block " + s.ipv6Cidr->toString() + " is outside VPC " + s.vpc.str() +
                  (vpc->ipv6Cidr ? "'s IPv6 block" : ", which has no IPv6 block"));
    if (vpc) {
        if (const Region* region = get<Region>(vpc->region);
            region && std::find(region->availabilityZones.begin(), region->availabilityZones.end(),
                                s.availabilityZone) == region->availabilityZones.end())
            error("SUBNET_AZ_NOT_IN_REGION", {r.id.str(), vpc->region.str()},
                  "subnet " + r.id.str() + " is in AZ " + s.availabilityZone + ", which is not an AZ id of " +
                      region->code);
        m_current.subnet = SubnetUse{r.id.str(), s.cidr};
    }
    if (s.routeTable)
        sameVpc(r, s.vpc, {*s.routeTable}, "route table");
    if (s.networkAcl)
        sameVpc(r, s.vpc, {*s.networkAcl}, "network ACL");
}

void Linter::checkAddressInSubnet(const Resource& r, const IpAddress& address, const ResourceId& subnetId)
{
    const Subnet* s = get<Subnet>(subnetId);
    if (!s)
        return;
    if (!address.isV4() && !s->ipv6Cidr) {
        error("ADDRESS_OUTSIDE_SUBNET", {r.id.str(), subnetId.str()},
              r.id.str() + " has IPv6 address " + address.toString() + ", but subnet " + subnetId.str() +
                  " has no IPv6 block");
        return;
    }
    const Cidr& block = address.isV4() ? s->cidr : *s->ipv6Cidr;
    if (!block.contains(address)) {
        error("ADDRESS_OUTSIDE_SUBNET", {r.id.str(), subnetId.str()},
              r.id.str() + " has address " + address.toString() + ", outside subnet " + subnetId.str() + " (" +
                  block.toString() + ")");
        return;
    }
    if (address.isV4()) {
        const Uint128 offset = address.value() - block.network().value();
        if (offset < 4 || address == block.last())
            error("ADDRESS_RESERVED", {r.id.str(), subnetId.str()},
                  r.id.str() + " uses " + address.toString() + ", which AWS reserves in subnet " + subnetId.str() +
                      " (the first four addresses and the last)");
        m_current.addresses.push_back({address, r.id.str()});
    }
}

void Linter::check(const Resource& r, const Workload& w)
{
    if (w.privateIp)
        checkAddressInSubnet(r, *w.privateIp, w.subnet);
    if (w.ipv6Address)
        checkAddressInSubnet(r, *w.ipv6Address, w.subnet);
    if (const auto vpc = vpcOf(w.subnet))
        sameVpc(r, *vpc, w.securityGroups, "security group");
}

void Linter::check(const Resource& r, const OnPremisesHost& h)
{
    const OnPremisesNetwork* n = get<OnPremisesNetwork>(h.network);
    if (n && std::none_of(n->cidrs.begin(), n->cidrs.end(), [&](const Cidr& c) { return c.contains(h.address); }))
        error("ADDRESS_OUTSIDE_SUBNET", {r.id.str(), h.network.str()},
              "host " + r.id.str() + " has address " + h.address.toString() + ", outside network " + h.network.str());
}

void Linter::checkSubnetOverlaps(const std::string& vpc, std::vector<SubnetUse> sorted)
{
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const SubnetUse& a, const SubnetUse& b) { return a.cidr.network() < b.cidr.network(); });
    const SubnetUse* widest = nullptr; // the earlier block reaching furthest
    for (const SubnetUse& s : sorted) {
        if (widest && widest->cidr.overlaps(s.cidr))
            error("SUBNET_OVERLAP", {s.id, widest->id},
                  "subnets " + widest->id + " (" + widest->cidr.toString() + ") and " + s.id + " (" + s.cidr.toString() +
                      ") overlap in VPC " + vpc);
        if (!widest || widest->cidr.last() < s.cidr.last())
            widest = &s;
    }
}

void Linter::checkDuplicateAddresses(const std::string& vpc, std::vector<AddressUse> uses)
{
    // Sorted by address; equal neighbours are duplicates. Stable keeps resource order.
    std::stable_sort(uses.begin(), uses.end(), [](const AddressUse& a, const AddressUse& b) { return a.address < b.address; });
    for (std::size_t i = 0; i < uses.size();) {
        std::size_t j = i + 1;
        while (j < uses.size() && uses[j].address == uses[i].address)
            ++j;
        if (j - i > 1) {
            std::vector<std::string> owners;
            for (std::size_t k = i; k < j; ++k)
                owners.push_back(uses[k].owner);
            error("DUPLICATE_ADDRESS", owners,
                  "address " + uses[i].address.toString() + " is used by " + std::to_string(j - i) + " interfaces in VPC " + vpc);
        }
        i = j;
    }
}

void Linter::checkPeeringOverlaps()
{
    m_design.forEach<VpcPeering>([&](const Resource& r, const VpcPeering& p) {
        const Vpc* a = get<Vpc>(p.requesterVpc);
        const Vpc* b = get<Vpc>(p.accepterVpc);
        if (!a || !b || p.requesterVpc == p.accepterVpc)
            return;
        std::vector<Cidr> blocksA = a->ipv4Cidrs, blocksB = b->ipv4Cidrs;
        if (a->ipv6Cidr)
            blocksA.push_back(*a->ipv6Cidr);
        if (b->ipv6Cidr)
            blocksB.push_back(*b->ipv6Cidr);
        for (const Cidr& x : blocksA)
            for (const Cidr& y : blocksB)
                if (x.overlaps(y))
                    error("CIDR_OVERLAP", {r.id.str(), p.requesterVpc.str(), p.accepterVpc.str()},
                          "peered VPCs " + p.requesterVpc.str() + " (" + x.toString() + ") and " +
                              p.accepterVpc.str() + " (" + y.toString() + ") overlap; AWS refuses the peering");
    });
}

} // namespace pp::lint
