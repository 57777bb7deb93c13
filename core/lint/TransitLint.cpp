// Transit gateway and hybrid rules (TGW-*, HYB-*): transit route tables, attachments and
// propagation, VPN connections and Direct Connect virtual interfaces.

#include "lint/Linter.h"

namespace pp::lint {

void Linter::check(const Resource& r, const TransitGatewayRouteTable& t)
{
    for (const TransitGatewayRoute& route : t.routes)
        if (route.blackhole == route.attachment.has_value())
            error("TGW_ROUTE_WITHOUT_TARGET", {r.id.str()},
                  "route " + route.destination.toString() + " of " + r.id.str() +
                      (route.blackhole ? " is a blackhole but names an attachment" : " has neither an attachment nor blackhole"));
}

void Linter::check(const Resource& r, const TransitGatewayAttachment& a)
{
    const std::string id = r.id.str();
    const Resource* attached = m_design.find(a.resource);
    const Kind expected = a.attachmentType == TgwAttachmentType::Vpc                    ? Kind::Vpc
                          : a.attachmentType == TgwAttachmentType::Vpn                  ? Kind::VpnConnection
                          : a.attachmentType == TgwAttachmentType::DirectConnectGateway ? Kind::DirectConnectGateway
                                                                                        : Kind::TransitGateway;
    if (attached && attached->kind() != expected)
        error("TGW_ATTACHMENT_MISMATCH", {id, a.resource.str()},
              "attachment " + id + " is of type " + std::string(enumName(a.attachmentType)) + " but attaches " +
                  std::string(kindInfo(attached->kind()).name) + " " + a.resource.str());
    if (a.attachmentType == TgwAttachmentType::Vpc) {
        sameVpc(r, a.resource, a.subnets, "subnet");
        oneSubnetPerAz(r, a.subnets, "ONE_SUBNET_PER_AZ");
    }
    const TransitGateway* tgw = get<TransitGateway>(a.transitGateway);
    const std::optional<ResourceId> table = a.routeTable ? a.routeTable : (tgw ? tgw->defaultAssociationRouteTable : std::nullopt);
    if (const TransitGatewayRouteTable* t = get<TransitGatewayRouteTable>(table); t && t->transitGateway != a.transitGateway)
        error("TGW_ATTACHMENT_MISMATCH", {id, table->str()},
              "attachment " + id + " is associated with route table " + table->str() + " of another transit gateway");
    if (!table)
        warning("TGW_ATTACH_MISSING_TGW_RTB_ASSOCIATION", {id},
                "attachment " + id + " is associated with no transit gateway route table, so the transit gateway "
                                     "forwards nothing it sends");
}

void Linter::check(const Resource& r, const VpnConnection& v)
{
    if (!get<VirtualPrivateGateway>(v.gateway))
        return;
    for (const Cidr& c : v.remoteCidrs)
        if (c.family() == IpFamily::V6)
            error("VPN_IPV6_ON_VGW", {r.id.str(), v.gateway.str()},
                  "VPN " + r.id.str() + " on virtual private gateway " + v.gateway.str() + " lists IPv6 network " +
                      c.toString() + "; VGW VPNs carry IPv4 only");
}

void Linter::check(const Resource& r, const DirectConnectVirtualInterface& vif)
{
    const Resource* gateway = vif.gateway ? m_design.find(*vif.gateway) : nullptr;
    const char* problem = nullptr;
    switch (vif.vifType) {
    case VifType::Private:
        if (!vif.gateway)
            problem = "a private VIF needs a virtual private gateway or Direct Connect gateway";
        break;
    case VifType::Transit:
        if (!gateway || !gateway->as<DirectConnectGateway>())
            problem = "a transit VIF connects to a Direct Connect gateway";
        break;
    case VifType::Public:
        if (vif.gateway)
            problem = "a public VIF has no gateway; it reaches AWS public endpoints";
        break;
    }
    if (problem)
        error("VIF_GATEWAY_MISMATCH", {r.id.str()}, "virtual interface " + r.id.str() + ": " + problem);
}

void Linter::checkTransitPropagation()
{
    // TGW-3: the later of two overlapping VPC attachments propagating into one table loses.
    std::map<std::string, std::vector<std::pair<const Resource*, const Vpc*>>> byTable;
    std::map<std::string, std::optional<ResourceId>> defaultPropagation;
    m_design.forEach<TransitGateway>([&](const Resource& r, const TransitGateway& t) {
        defaultPropagation[r.id.str()] = t.defaultPropagationRouteTable;
    });
    m_design.forEach<TransitGatewayRouteTable>([&](const Resource& r, const TransitGatewayRouteTable& t) {
        for (const ResourceId& a : t.propagations)
            if (const auto* att = get<TransitGatewayAttachment>(a); att && att->attachmentType == TgwAttachmentType::Vpc)
                if (const Vpc* v = get<Vpc>(att->resource))
                    byTable[r.id.str()].push_back({m_design.find(a), v});
    });
    m_design.forEach<TransitGatewayAttachment>([&](const Resource& r, const TransitGatewayAttachment& a) {
        const auto it = defaultPropagation.find(a.transitGateway.str());
        if (a.attachmentType != TgwAttachmentType::Vpc || it == defaultPropagation.end() || !it->second)
            return;
        auto& list = byTable[it->second->str()];
        if (const Vpc* v = get<Vpc>(a.resource);
            v && std::none_of(list.begin(), list.end(), [&](const auto& e) { return e.first == &r; }))
            list.push_back({&r, v});
    });
    for (const auto& [table, entries] : byTable)
        for (std::size_t i = 0; i < entries.size(); ++i)
            for (std::size_t j = i + 1; j < entries.size(); ++j)
                for (const Cidr& x : entries[i].second->ipv4Cidrs)
                    for (const Cidr& y : entries[j].second->ipv4Cidrs)
                        if (x.overlaps(y))
                            warning("TGW_PROPAGATION_CIDR_OVERLAP", {entries[j].first->id.str(), entries[i].first->id.str(), table},
                                    "attachments " + entries[i].first->id.str() + " and " + entries[j].first->id.str() +
                                        " propagate overlapping CIDRs (" + x.toString() + ", " + y.toString() +
                                        ") into " + table + "; the later one is not propagated");
}

} // namespace pp::lint
