// Security group and network ACL rules: port ranges, rule numbers, groups referenced across VPCs.

#include "lint/Linter.h"

namespace pp::lint {

void Linter::checkRules(const Resource& owner, const std::vector<SecurityGroupRule>& rules, const char* direction)
{
    for (std::size_t i = 0; i < rules.size(); ++i)
        if (rules[i].protocol != Protocol::All && rules[i].fromPort > rules[i].toPort)
            error("PORT_RANGE_INVERTED", {owner.id.str()},
                  std::string(direction) + " rule " + std::to_string(i + 1) + " of " + owner.id.str() +
                      " has fromPort " + std::to_string(rules[i].fromPort) + " > toPort " +
                      std::to_string(rules[i].toPort));
}

void Linter::check(const Resource& r, const SecurityGroup& g)
{
    checkRules(r, g.inbound, "inbound");
    checkRules(r, g.outbound, "outbound");
}

// References to groups of other VPCs (rule SGR-1). A pass over the whole design, not a check of
// one group: whether a reference holds depends on peerings and transit gateway attachments that
// an edit can change without touching the group.
void Linter::checkSecurityGroupReferences()
{
    // VPC -> its VPC attachments, to find a transit gateway two VPCs share.
    std::map<std::string, std::vector<const TransitGatewayAttachment*>> attachments;
    m_design.forEach<TransitGatewayAttachment>([&](const Resource&, const TransitGatewayAttachment& a) {
        if (a.attachmentType == TgwAttachmentType::Vpc)
            attachments[a.resource.str()].push_back(&a);
    });
    auto sharedTransit = [&](const ResourceId& x, const ResourceId& y) -> std::pair<const TransitGatewayAttachment*, const TransitGatewayAttachment*> {
        for (const TransitGatewayAttachment* a : attachments[x.str()])
            for (const TransitGatewayAttachment* b : attachments[y.str()])
                if (a->transitGateway == b->transitGateway)
                    return {a, b};
        return {nullptr, nullptr};
    };
    m_design.forEach<SecurityGroup>([&](const Resource& r, const SecurityGroup& g) {
        for (const auto* rules : {&g.inbound, &g.outbound}) {
            const bool inbound = rules == &g.inbound;
            for (const SecurityGroupRule& rule : *rules) {
                const SecurityGroup* peer = rule.securityGroup ? get<SecurityGroup>(*rule.securityGroup) : nullptr;
                if (!peer || peer->vpc == g.vpc)
                    continue;
                const std::vector<std::string> ids{r.id.str(), rule.securityGroup->str()};
                const std::string what = "security group " + r.id.str() + " references group " + rule.securityGroup->str() +
                                         " of VPC " + peer->vpc.str();
                const bool sameRegion = regionOfVpc(peer->vpc) == regionOfVpc(g.vpc);
                if (arePeered(peer->vpc, g.vpc)) {
                    if (!sameRegion)
                        error("SG_REFERENCE_CROSS_REGION", ids,
                              what + ", peered across Regions: rules for a peer VPC in another Region must use its CIDRs (SGR-1)");
                    continue;
                }
                const auto [own, other] = sharedTransit(g.vpc, peer->vpc);
                if (!own) {
                    error("REFERENCE_OTHER_VPC", ids, what + ", which is not peered with " + g.vpc.str());
                    continue;
                }
                const TransitGateway* tgw = get<TransitGateway>(own->transitGateway);
                if (!sameRegion) {
                    error("SG_REFERENCE_CROSS_REGION", ids, what + " in another Region: use its CIDRs (SGR-1)");
                } else if (!inbound) {
                    warning("SG_REFERENCE_TGW_OUTBOUND", ids,
                            what + ", reached over transit gateway " + own->transitGateway.str() +
                                ", in an outbound rule: transit gateways honour references in inbound rules only, so it "
                                "matches nothing (SGR-1)");
                } else if (!tgw || !tgw->securityGroupReferencing || !own->securityGroupReferencing ||
                           !other->securityGroupReferencing) {
                    // Not naming the transit gateway: an error finding stops every flow through what it
                    // names, and the gateway carries flows this rule has nothing to do with.
                    error("SG_REFERENCE_TGW_DISABLED", ids,
                          what + ", reached over transit gateway " + own->transitGateway.str() +
                              ", but security group referencing is off on the transit gateway or on one of the VPCs' "
                              "attachments; turn it on everywhere or use CIDRs (SGR-1)");
                }
            }
        }
    });
}

void Linter::check(const Resource& r, const NetworkAcl& acl)
{
    for (const auto* entries : {&acl.inbound, &acl.outbound}) {
        std::set<int> numbers;
        for (const NetworkAclEntry& e : *entries) {
            if (!numbers.insert(e.ruleNumber).second)
                error("NACL_DUPLICATE_RULE_NUMBER", {r.id.str()},
                      "network ACL " + r.id.str() + " uses rule number " + std::to_string(e.ruleNumber) + " twice (" +
                          (entries == &acl.inbound ? "inbound" : "outbound") + ")");
            if (e.protocol != Protocol::All && e.fromPort > e.toPort)
                error("PORT_RANGE_INVERTED", {r.id.str()},
                      "rule " + std::to_string(e.ruleNumber) + " of " + r.id.str() + " has fromPort > toPort");
        }
    }
}

bool Linter::arePeered(const ResourceId& a, const ResourceId& b) const
{
    bool found = false;
    m_design.forEach<VpcPeering>([&](const Resource&, const VpcPeering& p) {
        found = found || (p.requesterVpc == a && p.accepterVpc == b) || (p.requesterVpc == b && p.accepterVpc == a);
    });
    return found;
}

} // namespace pp::lint
