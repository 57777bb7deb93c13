// Security groups and network ACLs, with their inline and standalone rules and AWS's default
// group and ACL of each VPC.
#include "import/TerraformMapping.h"

namespace pp {

namespace {

using Json = nlohmann::json;

int port(const Json& v, int fallback)
{
    long long n = fallback;
    if (v.is_number())
        n = v.get<long long>();
    else if (v.is_string())
        try {
            n = std::stoll(v.get<std::string>());
        } catch (...) {
        }
    // ICMP "any type" is -1 in AWS; the model covers it with the whole range.
    if (n < 0 || n > 65535)
        return fallback;
    return int(n);
}

std::vector<std::string> strings(const Json& v)
{
    std::vector<std::string> out;
    if (v.is_string() && !v.get<std::string>().empty())
        out.push_back(v.get<std::string>());
    if (v.is_array())
        for (const Json& item : v)
            if (item.is_string())
                out.push_back(item.get<std::string>());
    return out;
}

// The rules one AWS rule block gives: one per peer (CIDR, group or prefix list). `block` uses
// aws_security_group's and aws_security_group_rule's names; `self` is the group's own id.
// Returns false when a peer cannot be resolved (the rest are still added).
bool expandRule(ImportContext& ctx, const TfResource& r, const Json& block, const std::string& refPrefix,
                const ResourceId& self, std::vector<SecurityGroupRule>& out, std::string& problem)
{
    const auto protocol = protocolOf(block.value("protocol", block.value("ip_protocol", Json())));
    if (!protocol) {
        problem = "its protocol is not tcp, udp, icmp, icmpv6 or all";
        return false;
    }
    SecurityGroupRule base;
    base.protocol = *protocol;
    if (*protocol == Protocol::Icmp || *protocol == Protocol::Icmpv6) {
        // AWS gives an ICMP rule's type in from_port and its code in to_port (-1: any); the model
        // holds a range of types, so a rule for one type is that type alone.
        const int type = port(block.value("from_port", Json()), -1);
        if (type >= 0)
            base.fromPort = base.toPort = type;
    } else if (*protocol != Protocol::All) {
        base.fromPort = port(block.value("from_port", Json()), 0);
        base.toPort = port(block.value("to_port", Json()), 65535);
    }
    base.description = block.value("description", Json()).is_string() ? block["description"].get<std::string>() : "";
    bool ok = true;
    std::size_t before = out.size();
    for (const char* key : {"cidr_blocks", "ipv6_cidr_blocks", "cidr_ipv4", "cidr_ipv6"})
        for (const std::string& text : strings(block.value(key, Json()))) {
            if (const auto cidr = Cidr::parse(text)) {
                SecurityGroupRule rule = base;
                rule.cidr = cidr;
                out.push_back(rule);
            } else {
                problem = "a CIDR block is not valid: " + text;
                ok = false;
            }
        }
    for (const char* key : {"prefix_list_ids", "prefix_list_id"})
        for (const std::string& text : strings(block.value(key, Json()))) {
            if (const auto list = ctx.byAwsId(text); list && ctx.get<PrefixList>(list)) {
                SecurityGroupRule rule = base;
                rule.prefixList = list;
                out.push_back(rule);
            } else {
                problem = "its prefix list " + text + " is not in the input";
                ok = false;
            }
        }
    for (const char* key : {"security_groups", "source_security_group_id", "referenced_security_group_id"}) {
        std::vector<ResourceId> groups;
        for (const std::string& text : strings(block.value(key, Json())))
            if (const auto g = ctx.byAwsId(text); g && ctx.get<SecurityGroup>(g))
                groups.push_back(*g);
            else {
                problem = "its peer security group " + text + " is not in the input";
                ok = false;
            }
        if (strings(block.value(key, Json())).empty())
            if (const auto g = ctx.referValue(r, Json(), refPrefix + key); g && ctx.get<SecurityGroup>(g))
                groups.push_back(*g);
        for (const ResourceId& g : groups) {
            SecurityGroupRule rule = base;
            rule.securityGroup = g;
            out.push_back(rule);
        }
    }
    if (block.value("self", false)) {
        SecurityGroupRule rule = base;
        rule.securityGroup = self;
        out.push_back(rule);
    }
    if (out.size() == before && ok) {
        problem = "its peer is unknown until apply or missing";
        ok = false;
    }
    return ok;
}

void addGroup(ImportContext& ctx, const TfResource& r, bool isDefault)
{
    const auto vpc = requireVpc(ctx, r);
    if (!vpc)
        return;
    SecurityGroup group;
    group.vpc = *vpc;
    group.isDefault = isDefault;
    std::string name = ctx.nameTag(r);
    if (name.empty())
        name = ctx.string(r, "name").value_or(std::string());
    const ResourceId id = ctx.idFor(r);
    if (isDefault)
        ctx.setFact("defaultGroup|" + vpc->str(), id.str());
    ctx.add(r, id, name, group);
}

void mapSecurityGroup(ImportContext& ctx, const TfResource& r) { addGroup(ctx, r, false); }
void mapDefaultSecurityGroup(ImportContext& ctx, const TfResource& r) { addGroup(ctx, r, true); }

void mapInlineGroupRules(ImportContext& ctx, const TfResource& r)
{
    const auto id = ctx.byAddress(r.address);
    SecurityGroup* group = ctx.get<SecurityGroup>(id);
    if (!group)
        return;
    for (const char* direction : {"ingress", "egress"}) {
        if (ctx.checkUnknown(r, direction))
            continue;
        const Json& blocks = ctx.value(r, direction);
        if (!blocks.is_array())
            continue;
        std::vector<SecurityGroupRule>& into = std::string(direction) == "ingress" ? group->inbound : group->outbound;
        for (const Json& block : blocks) {
            std::string problem;
            if (block.is_object() && !expandRule(ctx, r, block, std::string(direction) + ".", *id, into, problem))
                ctx.assume("ruleNotImported", id->str(), "a rule of " + r.address + " is left out: " + problem);
        }
    }
}

void mapGroupRule(ImportContext& ctx, const TfResource& r)
{
    const auto groupId = ctx.refer(r, "security_group_id");
    SecurityGroup* group = ctx.get<SecurityGroup>(groupId);
    if (!group) {
        ctx.skip(r, "missingReference", "its security group is not in the input or unknown");
        return;
    }
    // aws_security_group_rule says `type`; the newer resources say it in their type name.
    const bool egress = r.type == "aws_vpc_security_group_egress_rule" || ctx.string(r, "type") == "egress";
    std::vector<SecurityGroupRule> rules;
    std::string problem;
    const bool ok = expandRule(ctx, r, r.values, "", *groupId, rules, problem);
    if (!ok && rules.empty()) {
        ctx.skip(r, "invalidValue", problem);
        return;
    }
    if (!ok)
        ctx.assume("ruleNotImported", groupId->str(), "part of " + r.address + " is left out: " + problem);
    std::vector<SecurityGroupRule>& into = egress ? group->outbound : group->inbound;
    into.insert(into.end(), rules.begin(), rules.end());
    ctx.mergedInto(r, *groupId);
}

// ---- Network ACLs ----------------------------------------------------------------------------

std::optional<NetworkAclEntry> aclEntry(const Json& block, std::string& problem)
{
    NetworkAclEntry e;
    const auto protocol = protocolOf(block.value("protocol", Json()));
    if (!protocol) {
        problem = "its protocol is not tcp, udp, icmp, icmpv6 or all";
        return std::nullopt;
    }
    e.protocol = *protocol;
    e.ruleNumber = port(block.value("rule_no", block.value("rule_number", Json())), 0);
    if (e.ruleNumber < 1 || e.ruleNumber > 32766) {
        problem = "its rule number is missing or out of range";
        return std::nullopt;
    }
    if (e.protocol == Protocol::Icmp || e.protocol == Protocol::Icmpv6) {
        // An ICMP entry names its type in `icmp_type` (-1: any), not in the ports.
        const int type = port(block.value("icmp_type", Json()), -1);
        if (type >= 0)
            e.fromPort = e.toPort = type;
    } else if (e.protocol != Protocol::All) {
        e.fromPort = port(block.value("from_port", Json()), 0);
        e.toPort = port(block.value("to_port", Json()), 65535);
    }
    const auto cidr = parseCidrText(block.value("cidr_block", Json()));
    const auto v6 = parseCidrText(block.value("ipv6_cidr_block", Json()));
    if (!cidr && !v6) {
        problem = "its CIDR block is missing, unknown or not valid";
        return std::nullopt;
    }
    e.cidr = cidr ? *cidr : *v6;
    const Json action = block.value("action", block.value("rule_action", Json()));
    e.action = action.is_string() && action.get<std::string>() == "deny" ? RuleAction::Deny : RuleAction::Allow;
    return e;
}

void addAcl(ImportContext& ctx, const TfResource& r, std::optional<ResourceId> vpc, bool isDefault)
{
    if (!vpc || !ctx.get<Vpc>(vpc)) {
        ctx.skip(r, "missingReference", "its VPC is not in the input or unknown");
        return;
    }
    NetworkAcl acl;
    acl.vpc = *vpc;
    for (const char* direction : {"ingress", "egress"}) {
        const Json& blocks = ctx.value(r, direction);
        if (ctx.checkUnknown(r, direction) || !blocks.is_array())
            continue;
        for (const Json& block : blocks) {
            std::string problem;
            if (const auto e = block.is_object() ? aclEntry(block, problem) : std::nullopt)
                (std::string(direction) == "ingress" ? acl.inbound : acl.outbound).push_back(*e);
            else
                ctx.assume("ruleNotImported", "", "a rule of " + r.address + " is left out: " + problem);
        }
    }
    const ResourceId id = ctx.idFor(r);
    if (isDefault)
        ctx.setFact("defaultAcl|" + vpc->str(), id.str());
    ctx.add(r, id, {}, acl);
    if (const auto defaultId = ctx.string(r, "default_network_acl_id"))
        ctx.alias(*defaultId, id);
}

void mapNetworkAcl(ImportContext& ctx, const TfResource& r) { addAcl(ctx, r, vpcOf(ctx, r), false); }

void mapDefaultNetworkAcl(ImportContext& ctx, const TfResource& r)
{
    std::optional<ResourceId> vpc;
    const auto aclId = ctx.string(r, "default_network_acl_id");
    for (const TfResource& tf : ctx.document().resources)
        if (tf.type == "aws_vpc" && aclId && ctx.string(tf, "default_network_acl_id") == aclId)
            vpc = ctx.byAddress(tf.address);
    if (const auto refs = r.references.find("default_network_acl_id"); !vpc && refs != r.references.end())
        for (const std::string& ref : refs->second)
            if (const TfResource* v = ctx.referenced(r, ref); v && v->type == "aws_vpc")
                vpc = ctx.byAddress(v->address);
    if (!vpc)
        vpc = ctx.refer(r, "vpc_id");
    addAcl(ctx, r, vpc, true);
}

// `subnet_ids` of aws_network_acl and aws_default_network_acl, once subnets exist.
void mapAclSubnets(ImportContext& ctx, const TfResource& r)
{
    const auto id = ctx.byAddress(r.address);
    if (!ctx.get<NetworkAcl>(id))
        return;
    for (const ResourceId& s : ctx.referAll(r, "subnet_ids"))
        if (Subnet* subnet = ctx.get<Subnet>(s))
            subnet->networkAcl = id;
}

void mapAclRule(ImportContext& ctx, const TfResource& r)
{
    const auto aclId = ctx.refer(r, "network_acl_id");
    NetworkAcl* acl = ctx.get<NetworkAcl>(aclId);
    if (!acl) {
        ctx.skip(r, "missingReference", "its network ACL is not in the input or unknown");
        return;
    }
    std::string problem;
    const auto e = aclEntry(r.values, problem);
    if (!e) {
        ctx.skip(r, "invalidValue", problem);
        return;
    }
    (ctx.boolean(r, "egress").value_or(false) ? acl->outbound : acl->inbound).push_back(*e);
    ctx.mergedInto(r, *aclId);
}

void mapAclAssociation(ImportContext& ctx, const TfResource& r)
{
    const auto aclId = ctx.refer(r, "network_acl_id");
    const auto subnetId = ctx.refer(r, "subnet_id");
    Subnet* subnet = ctx.get<Subnet>(subnetId);
    if (!ctx.get<NetworkAcl>(aclId) || !subnet) {
        ctx.skip(r, "missingReference", "its network ACL or subnet is not in the input or unknown");
        return;
    }
    subnet->networkAcl = aclId;
    ctx.mergedInto(r, *aclId);
}

} // namespace

void addSecurityMappers(std::vector<TfMapperEntry>& out)
{
    out.insert(out.end(), {
                              {"aws_security_group", 1, mapSecurityGroup},
                              {"aws_default_security_group", 1, mapDefaultSecurityGroup},
                              {"aws_security_group", 3, mapInlineGroupRules},
                              {"aws_default_security_group", 3, mapInlineGroupRules},
                              {"aws_security_group_rule", 3, mapGroupRule},
                              {"aws_vpc_security_group_ingress_rule", 3, mapGroupRule},
                              {"aws_vpc_security_group_egress_rule", 3, mapGroupRule},
                              {"aws_network_acl", 1, mapNetworkAcl},
                              {"aws_default_network_acl", 1, mapDefaultNetworkAcl},
                              {"aws_network_acl", 3, mapAclSubnets},
                              {"aws_default_network_acl", 3, mapAclSubnets},
                              {"aws_network_acl_rule", 3, mapAclRule},
                              {"aws_network_acl_association", 3, mapAclAssociation},
                          });
}

} // namespace pp
