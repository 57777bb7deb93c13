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
    for (const auto* rules : {&g.inbound, &g.outbound})
        for (const SecurityGroupRule& rule : *rules)
            if (rule.securityGroup)
                if (const SecurityGroup* peer = get<SecurityGroup>(*rule.securityGroup);
                    peer && peer->vpc != g.vpc && !arePeered(peer->vpc, g.vpc))
                    error("REFERENCE_OTHER_VPC", {r.id.str(), rule.securityGroup->str()},
                          "security group " + r.id.str() + " references group " + rule.securityGroup->str() +
                              " of VPC " + peer->vpc.str() + ", which is not peered with " + g.vpc.str());
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
