// VPCs and what makes a VPC's address space and its ways out: CIDR blocks, subnets, internet and
// egress-only gateways, NAT gateways and Elastic IPs.
#include "import/ImplicitResources.h"
#include "import/TerraformMapping.h"

namespace pp {

namespace {

void mapVpc(ImportContext& ctx, const TfResource& r)
{
    Vpc vpc;
    vpc.region = regionOf(ctx, r);
    bool malformed = false;
    if (const auto cidr = cidrOf(ctx, r, "cidr_block", &malformed))
        vpc.ipv4Cidrs.push_back(*cidr);
    if (malformed) {
        ctx.skip(r, "invalidValue", "cidr_block is not a CIDR block");
        return;
    }
    // A VPC without IPv6 still has `ipv6_cidr_block` unknown in a plan; only one that asks for a
    // block has a meaningful unknown.
    const bool wantsV6 = ctx.boolean(r, "assign_generated_ipv6_cidr_block").value_or(false) ||
                         ctx.string(r, "ipv6_cidr_block") || ctx.string(r, "ipv6_ipam_pool_id");
    if (wantsV6)
        vpc.ipv6Cidr = cidrOf(ctx, r, "ipv6_cidr_block");
    vpc.enableDnsSupport = ctx.boolean(r, "enable_dns_support").value_or(true);
    vpc.enableDnsHostnames = ctx.boolean(r, "enable_dns_hostnames").value_or(false);
    if (const auto owner = ctx.string(r, "owner_id"))
        vpc.account = *owner;
    const ResourceId id = ctx.idFor(r);
    if (wantsV6)
        ctx.setFact("ipv6|" + id.str(), "1");
    ctx.add(r, id, {}, vpc);
}

void mapCidrAssociation(ImportContext& ctx, const TfResource& r)
{
    const auto vpcId = requireVpc(ctx, r);
    if (!vpcId)
        return;
    const auto cidr = cidrOf(ctx, r, "cidr_block");
    if (!cidr) {
        ctx.skip(r, ctx.isUnknown(r, "cidr_block") ? "unknownValue" : "invalidValue",
                 "its CIDR block is unknown until apply or not a CIDR block");
        return;
    }
    ctx.get<Vpc>(vpcId)->ipv4Cidrs.push_back(*cidr);
    ctx.mergedInto(r, *vpcId);
}

void mapSubnet(ImportContext& ctx, const TfResource& r)
{
    const auto vpc = requireVpc(ctx, r);
    if (!vpc)
        return;
    Subnet subnet;
    subnet.vpc = *vpc;
    bool malformed = false;
    if (const auto cidr = cidrOf(ctx, r, "cidr_block", &malformed))
        subnet.cidr = *cidr;
    if (malformed) {
        ctx.skip(r, "invalidValue", "cidr_block is not a CIDR block");
        return;
    }
    if (ctx.fact("ipv6|" + vpc->str()) == "1")
        subnet.ipv6Cidr = cidrOf(ctx, r, "ipv6_cidr_block");
    else
        subnet.ipv6Cidr = parseCidrText(ctx.value(r, "ipv6_cidr_block"));
    // The model wants AZ ids (the same zone in every account); a plan often has only the name.
    if (const auto zoneId = ctx.string(r, "availability_zone_id"))
        subnet.availabilityZone = *zoneId;
    else if (const auto zone = ctx.string(r, "availability_zone"))
        subnet.availabilityZone = *zone;
    else
        ctx.noteUnknown(r, "availability_zone");
    const ResourceId id = ctx.idFor(r);
    if (ctx.boolean(r, "map_public_ip_on_launch").value_or(false))
        ctx.setFact("mapPublicIp|" + id.str(), "1");
    ctx.add(r, id, {}, subnet);
}

void mapInternetGateway(ImportContext& ctx, const TfResource& r)
{
    InternetGateway igw;
    igw.vpc = vpcOf(ctx, r);
    ctx.add(r, ctx.idFor(r), {}, igw);
}

void mapInternetGatewayAttachment(ImportContext& ctx, const TfResource& r)
{
    const auto igw = ctx.refer(r, "internet_gateway_id");
    InternetGateway* gateway = ctx.get<InternetGateway>(igw);
    if (!gateway) {
        ctx.skip(r, "missingReference", "its internet gateway is not in the input");
        return;
    }
    const auto vpc = requireVpc(ctx, r);
    if (!vpc)
        return;
    gateway->vpc = vpc;
    ctx.mergedInto(r, *igw);
}

void mapEgressOnlyGateway(ImportContext& ctx, const TfResource& r)
{
    const auto vpc = requireVpc(ctx, r);
    if (!vpc)
        return;
    ctx.add(r, ctx.idFor(r), {}, EgressOnlyInternetGateway{*vpc});
}

void mapNatGateway(ImportContext& ctx, const TfResource& r)
{
    const auto subnet = ctx.refer(r, "subnet_id");
    if (!ctx.get<Subnet>(subnet)) {
        ctx.skip(r, "missingReference", "its subnet is not in the input or unknown");
        return;
    }
    NatGateway nat;
    nat.subnet = *subnet;
    nat.connectivity = ctx.string(r, "connectivity_type").value_or("public") == "private" ? NatConnectivity::Private
                                                                                          : NatConnectivity::Public;
    nat.privateIp = ipOf(ctx, r, "private_ip");
    const ResourceId id = ctx.idFor(r);
    if (nat.connectivity == NatConnectivity::Public) {
        if (const auto ip = ipOf(ctx, r, "public_ip")) {
            nat.elasticIp = ip;
        } else if (const TfResource* eip = ctx.referencedOfType(r, "allocation_id", "aws_eip")) {
            if (const auto text = ctx.string(*eip, "public_ip"))
                nat.elasticIp = IpAddress::parse(*text);
            else
                ctx.noteUnknown(*eip, "public_ip");
        }
    }
    ctx.add(r, id, {}, nat);
    if (const TfResource* eip = ctx.referencedOfType(r, "allocation_id", "aws_eip"))
        ctx.mergedInto(*eip, id);
}

// Marks the workload an Elastic IP is associated with as having a public address (IGW-2).
bool givePublicIp(ImportContext& ctx, const TfResource& r, const TfResource& eip, std::initializer_list<const char*> attributes)
{
    for (const char* attribute : attributes)
        if (const auto id = ctx.refer(r, attribute))
            if (Workload* w = ctx.get<Workload>(id)) {
                w->publicIp = true;
                ctx.mergedInto(eip.address == r.address ? r : eip, *id);
                if (eip.address != r.address)
                    ctx.mergedInto(r, *id);
                return true;
            }
    return false;
}

void mapEip(ImportContext& ctx, const TfResource& r)
{
    if (ctx.byAddress(r.address))
        return; // taken by its NAT gateway
    if (givePublicIp(ctx, r, r, {"instance", "network_interface"}))
        return;
    bool associated = false;
    for (const TfResource& other : ctx.document().resources)
        if (other.type == "aws_eip_association" && ctx.referencedOfType(other, "allocation_id", "aws_eip") == &r)
            associated = true;
    if (!associated)
        ctx.skip(r, "notModelled", "an Elastic IP that is not associated is not part of any path");
}

void mapEipAssociation(ImportContext& ctx, const TfResource& r)
{
    const TfResource* eip = ctx.referencedOfType(r, "allocation_id", "aws_eip");
    if (!givePublicIp(ctx, r, eip ? *eip : r, {"instance_id", "network_interface_id"}))
        ctx.skip(r, "missingReference", "its instance or network interface is not in the input");
}

} // namespace

void addNetworkMappers(std::vector<TfMapperEntry>& out)
{
    out.insert(out.end(), {
                              {"aws_vpc", 0, mapVpc},
                              {"aws_vpc_ipv4_cidr_block_association", 1, mapCidrAssociation},
                              {"aws_subnet", 1, mapSubnet},
                              {"aws_internet_gateway", 1, mapInternetGateway},
                              {"aws_internet_gateway_attachment", 2, mapInternetGatewayAttachment},
                              {"aws_egress_only_internet_gateway", 1, mapEgressOnlyGateway},
                              {"aws_nat_gateway", 2, mapNatGateway},
                              {"aws_eip", 4, mapEip},
                              {"aws_eip_association", 4, mapEipAssociation},
                          });
}

} // namespace pp
