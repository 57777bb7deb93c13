#include "import/ImplicitResources.h"

#include <algorithm>
#include <map>
#include <set>

namespace pp {

namespace {

// "us-east-1a" -> "us-east-1"; "" when it does not look like an AZ name.
std::string regionOfZone(const std::string& zone)
{
    if (zone.size() < 2 || !std::isalpha(static_cast<unsigned char>(zone.back())) ||
        !std::isdigit(static_cast<unsigned char>(zone[zone.size() - 2])))
        return {};
    return zone.substr(0, zone.size() - 1);
}

// "arn:aws:ec2:eu-west-1:123:vpc/vpc-1" -> "eu-west-1".
std::string regionOfArn(const std::string& arn)
{
    if (!arn.starts_with("arn:"))
        return {};
    std::size_t pos = 0;
    for (int field = 0; field < 3; ++field) {
        pos = arn.find(':', pos);
        if (pos == std::string::npos)
            return {};
        ++pos;
    }
    const auto end = arn.find(':', pos);
    return end == std::string::npos ? std::string() : arn.substr(pos, end - pos);
}

} // namespace

static bool looksLikeRegion(const std::string& code)
{
    return code.size() >= 4 && code.find('-') != std::string::npos && std::isdigit(static_cast<unsigned char>(code.back())) &&
           std::all_of(code.begin(), code.end(), [](char c) {
               return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
           });
}

// The Region of `code`, added on first use (the default Region is added whatever its code).
static ResourceId regionResource(ImportContext& ctx, const std::string& code)
{
    const std::string key = "region|" + code;
    if (const std::string known = ctx.fact(key); !known.empty())
        return ResourceId(known);
    const ResourceId id = ctx.freshId(code);
    Region region;
    region.code = code;
    if (code.starts_with("cn-"))
        region.partition = "aws-cn";
    else if (code.starts_with("us-gov-"))
        region.partition = "aws-us-gov";
    ctx.addImplicit(id, code, region);
    ctx.setFact(key, id.str());
    return id;
}

ResourceId regionNamed(ImportContext& ctx, const std::string& code)
{
    return looksLikeRegion(code) ? regionResource(ctx, code) : ctx.region();
}

ResourceId regionOf(ImportContext& ctx, const TfResource& r)
{
    std::string code;
    if (const auto zone = ctx.string(r, "availability_zone"))
        code = regionOfZone(*zone);
    if (const auto arn = ctx.string(r, "arn"); code.empty() && arn)
        code = regionOfArn(*arn);
    if (const auto id = ctx.string(r, "id"); code.empty() && id && r.type == "aws_vpc")
        code = ctx.fact("vpcRegion|" + *id); // the zones of its subnets
    return code.empty() ? ctx.region() : regionNamed(ctx, code);
}

void addImportRegion(ImportContext& ctx)
{
    std::string code = ctx.document().region;
    std::string from = "the aws provider's region";
    for (const TfResource& r : ctx.document().resources) {
        const auto zone = ctx.string(r, "availability_zone");
        // A VPC takes the Region of its subnets' zones (describe-vpcs gives no Region).
        if (const auto vpc = ctx.string(r, "vpc_id"); zone && vpc && r.type == "aws_subnet" && !regionOfZone(*zone).empty() &&
                                                      ctx.fact("vpcRegion|" + *vpc).empty())
            ctx.setFact("vpcRegion|" + *vpc, regionOfZone(*zone));
        if (!code.empty())
            continue;
        if (zone && !regionOfZone(*zone).empty()) {
            code = regionOfZone(*zone);
            from = "the Availability Zone of " + r.address;
        } else if (const auto arn = ctx.string(r, "arn"); arn && !regionOfArn(*arn).empty()) {
            code = regionOfArn(*arn);
            from = "the ARN of " + r.address;
        }
    }
    if (code.empty()) {
        code = "us-east-1";
        from = "no Region in the input";
    }
    const ResourceId id = regionResource(ctx, code);
    ctx.setRegion(id);
    ctx.assume("region", id.str(),
               "what names no Region of its own (by its Availability Zone, its ARN or its subnets' zones) is in Region " + code +
                   " (" + from + ")");
}

void addImplicitResources(ImportContext& ctx)
{
    std::vector<ResourceId> vpcs;
    std::map<std::string, std::set<std::string>> zones; // Region -> the zones of its VPCs' subnets
    for (const Resource& r : ctx.resources()) {
        if (r.as<Vpc>())
            vpcs.push_back(r.id);
        if (const Subnet* s = r.as<Subnet>(); s && !s->availabilityZone.empty())
            if (const Vpc* vpc = ctx.get<Vpc>(s->vpc))
                zones[vpc->region.str()].insert(s->availabilityZone);
    }
    for (const auto& [id, inRegion] : zones)
        if (Region* region = ctx.get<Region>(ResourceId(id)))
            region->availabilityZones.assign(inRegion.begin(), inRegion.end());

    for (const ResourceId& vpc : vpcs) {
        const std::string vpcName = ctx.find(vpc)->displayName();
        if (ctx.fact("mainTable|" + vpc.str()).empty()) {
            RouteTable table;
            table.vpc = vpc;
            table.main = true;
            const ResourceId id = ctx.freshId(vpc.str() + "-main-rtb");
            ctx.addImplicit(id, vpcName + " main route table", table);
            ctx.assume("implicitMainRouteTable", id.str(),
                       "AWS's main route table of " + vpc.str() + " (local routes only) is added as " + id.str() +
                           "; subnets without an explicit association use it");
        }
        if (ctx.fact("defaultGroup|" + vpc.str()).empty()) {
            SecurityGroup group;
            group.vpc = vpc;
            group.isDefault = true;
            const ResourceId id = ctx.freshId(vpc.str() + "-default-sg");
            SecurityGroupRule fromMembers;
            fromMembers.securityGroup = id;
            group.inbound.push_back(fromMembers);
            SecurityGroupRule anywhere;
            anywhere.cidr = Cidr::parse("0.0.0.0/0");
            group.outbound.push_back(anywhere);
            if (ctx.get<Vpc>(vpc)->ipv6Cidr) {
                anywhere.cidr = Cidr::parse("::/0");
                group.outbound.push_back(anywhere);
            }
            ctx.addImplicit(id, vpcName + " default security group", group);
            ctx.assume("implicitDefaultSecurityGroup", id.str(),
                       "AWS's default security group of " + vpc.str() +
                           " (all inbound from its members, all outbound) is added as " + id.str());
        }
        if (ctx.fact("defaultAcl|" + vpc.str()).empty()) {
            NetworkAcl acl;
            acl.vpc = vpc;
            NetworkAclEntry all;
            all.ruleNumber = 100;
            all.cidr = *Cidr::parse("0.0.0.0/0");
            acl.inbound.push_back(all);
            acl.outbound.push_back(all);
            if (ctx.get<Vpc>(vpc)->ipv6Cidr) {
                all.ruleNumber = 101;
                all.cidr = *Cidr::parse("::/0");
                acl.inbound.push_back(all);
                acl.outbound.push_back(all);
            }
            const ResourceId id = ctx.freshId(vpc.str() + "-default-acl");
            int users = 0;
            for (Resource& r : ctx.resources())
                if (Subnet* s = r.as<Subnet>(); s && s->vpc == vpc && !s->networkAcl) {
                    s->networkAcl = id;
                    ++users;
                }
            ctx.addImplicit(id, vpcName + " default network ACL", acl);
            ctx.assume("implicitDefaultNetworkAcl", id.str(),
                       "AWS's default network ACL of " + vpc.str() + " (allows everything) is added as " + id.str() +
                           " and used by " + std::to_string(users) + " subnet(s) without another ACL");
        }
    }
}

} // namespace pp
