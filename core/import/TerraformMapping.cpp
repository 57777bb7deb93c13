#include "import/TerraformMapping.h"

#include <algorithm>
#include <cctype>

namespace pp {

const std::vector<TfMapperEntry>& terraformMappers()
{
    static const std::vector<TfMapperEntry> all = [] {
        std::vector<TfMapperEntry> out;
        addNetworkMappers(out);
        addRoutingMappers(out);
        addSecurityMappers(out);
        addWorkloadMappers(out);
        addEndpointMappers(out);
        addTransitMappers(out);
        addFirewallMappers(out);
        addLatticeMappers(out);
        return out;
    }();
    return all;
}

std::vector<std::string_view> supportedTerraformTypes()
{
    std::vector<std::string_view> types;
    for (const TfMapperEntry& e : terraformMappers())
        types.push_back(e.type);
    std::sort(types.begin(), types.end());
    types.erase(std::unique(types.begin(), types.end()), types.end());
    return types;
}

std::optional<Cidr> parseCidrText(const nlohmann::json& value)
{
    if (!value.is_string())
        return std::nullopt;
    return Cidr::parse(value.get<std::string>());
}

std::optional<Cidr> cidrOf(ImportContext& ctx, const TfResource& r, std::string_view attribute, bool* malformed)
{
    if (ctx.checkUnknown(r, attribute))
        return std::nullopt;
    const nlohmann::json& v = ctx.value(r, attribute);
    if (v.is_null() || (v.is_string() && v.get<std::string>().empty()))
        return std::nullopt;
    const auto cidr = parseCidrText(v);
    if (!cidr && malformed)
        *malformed = true;
    return cidr;
}

std::optional<IpAddress> ipOf(ImportContext& ctx, const TfResource& r, std::string_view attribute)
{
    if (ctx.checkUnknown(r, attribute))
        return std::nullopt;
    const auto text = ctx.string(r, attribute);
    return text ? IpAddress::parse(*text) : std::nullopt;
}

std::optional<Protocol> protocolOf(const nlohmann::json& value)
{
    std::string p;
    if (value.is_string())
        p = value.get<std::string>();
    else if (value.is_number_integer())
        p = std::to_string(value.get<long long>());
    else
        return std::nullopt;
    std::transform(p.begin(), p.end(), p.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    if (p == "-1" || p == "all")
        return Protocol::All;
    if (p == "tcp" || p == "6")
        return Protocol::Tcp;
    if (p == "udp" || p == "17")
        return Protocol::Udp;
    if (p == "icmp" || p == "1")
        return Protocol::Icmp;
    if (p == "icmpv6" || p == "58")
        return Protocol::Icmpv6;
    return std::nullopt;
}

std::optional<ResourceId> vpcOf(ImportContext& ctx, const TfResource& r, std::string_view attribute)
{
    if (const auto vpc = ctx.refer(r, attribute); vpc && ctx.get<Vpc>(vpc))
        return vpc;
    // In a plan the VPC id is unknown and often reached through a local value or a module input
    // (`vpc_id = local.vpc_id` in terraform-aws-modules/vpc), which the JSON configuration does
    // not describe. When the resource's module (else the whole input) has exactly one VPC, that
    // is the one.
    if (!ctx.isUnknown(r, attribute) && !r.references.contains(std::string(attribute)))
        return std::nullopt;
    for (const bool sameModule : {true, false}) {
        std::optional<ResourceId> only;
        int count = 0;
        for (const TfResource& candidate : ctx.document().resources)
            if (candidate.type == "aws_vpc" && !candidate.dataSource && (!sameModule || candidate.module == r.module))
                if (const auto id = ctx.byAddress(candidate.address); id && ctx.get<Vpc>(id)) {
                    only = id;
                    ++count;
                }
        if (count == 1) {
            ctx.assume("onlyVpc", only->str(),
                       r.address + ": its " + std::string(attribute) + " is not a direct reference; the only VPC " +
                           (sameModule ? "of its module" : "of the input") + ", " + only->str() + ", is assumed");
            return only;
        }
        if (count > 1)
            return std::nullopt;
    }
    return std::nullopt;
}

std::optional<ResourceId> requireVpc(ImportContext& ctx, const TfResource& r, std::string_view attribute)
{
    if (const auto vpc = vpcOf(ctx, r, attribute))
        return vpc;
    const auto known = ctx.string(r, attribute);
    ctx.skip(r, "missingReference",
             known ? "its VPC " + *known + " is not in the input"
                   : "its VPC is not known (unknown until apply and not a reference to an imported VPC)");
    return std::nullopt;
}

std::string_view awsIdKind(std::string_view id)
{
    static const std::pair<std::string_view, std::string_view> prefixes[] = {
        {"igw-", "internet gateway"},   {"eigw-", "egress-only internet gateway"},
        {"nat-", "NAT gateway"},        {"tgw-attach-", "transit gateway attachment"},
        {"tgw-rtb-", "transit gateway route table"}, {"tgw-", "transit gateway"},
        {"pcx-", "VPC peering"},        {"vgw-", "virtual private gateway"},
        {"vpce-svc-", "endpoint service"}, {"vpce-", "VPC endpoint"},
        {"eni-", "network interface"},  {"i-", "instance"},
        {"pl-", "prefix list"},         {"rtb-", "route table"},
        {"subnet-", "subnet"},          {"vpc-", "VPC"},
        {"sg-", "security group"},      {"acl-", "network ACL"},
        {"cgw-", "customer gateway"},   {"vpn-", "VPN connection"},
        {"eipalloc-", "Elastic IP"},    {"lcgw-", "local gateway"},
        {"cagw-", "carrier gateway"},
    };
    for (const auto& [prefix, kind] : prefixes)
        if (id.starts_with(prefix))
            return kind;
    return "resource";
}

} // namespace pp
