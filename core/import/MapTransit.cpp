// Links between networks: VPC peering, transit gateways (route tables, attachments, associations,
// propagations, routes), virtual private gateways, customer gateways and VPN connections, and
// Direct Connect gateways.
#include "import/ImplicitResources.h"
#include "import/TerraformMapping.h"

#include <algorithm>

namespace pp {

namespace {

using Json = nlohmann::json;

void pushUnique(ResourceIds& ids, const ResourceId& id)
{
    if (std::find(ids.begin(), ids.end(), id) == ids.end())
        ids.push_back(id);
}

std::int64_t asnOf(ImportContext& ctx, const TfResource& r, const char* attribute, std::int64_t fallback)
{
    const auto asn = ctx.integer(r, attribute);
    return asn && *asn >= 1 && *asn <= 4294967294LL ? *asn : fallback;
}

void mapPeering(ImportContext& ctx, const TfResource& r)
{
    const auto requester = ctx.refer(r, "vpc_id");
    const auto accepter = ctx.refer(r, "peer_vpc_id");
    if (!ctx.get<Vpc>(requester) || !ctx.get<Vpc>(accepter)) {
        ctx.skip(r, "missingReference", "both VPCs must be in the input (a peer in another account or Region is not)");
        return;
    }
    VpcPeering p;
    p.requesterVpc = *requester;
    p.accepterVpc = *accepter;
    const std::string status = ctx.string(r, "accept_status").value_or("active");
    p.state = status == "pending-acceptance" ? PeeringState::PendingAcceptance
              : status == "rejected"         ? PeeringState::Rejected
              : status == "failed"           ? PeeringState::Failed
                                             : PeeringState::Active;
    ctx.add(r, ctx.idFor(r), {}, p);
}

void mapPeeringAccepter(ImportContext& ctx, const TfResource& r)
{
    const auto peering = ctx.refer(r, "vpc_peering_connection_id");
    VpcPeering* p = ctx.get<VpcPeering>(peering);
    if (!p) {
        ctx.skip(r, "missingReference", "its peering connection is not in the input");
        return;
    }
    if (ctx.boolean(r, "auto_accept").value_or(false) || ctx.string(r, "accept_status") == "active")
        p->state = PeeringState::Active;
    ctx.mergedInto(r, *peering);
}

// ---- Transit gateways ------------------------------------------------------------------------

void mapTransitGateway(ImportContext& ctx, const TfResource& r)
{
    TransitGateway tgw;
    tgw.region = regionOf(ctx, r);
    // SGR-1: off unless enabled, as AWS creates a transit gateway.
    tgw.securityGroupReferencing = ctx.string(r, "security_group_referencing_support").value_or("disable") == "enable";
    const ResourceId id = ctx.idFor(r);
    const bool associate = ctx.string(r, "default_route_table_association").value_or("enable") == "enable";
    const bool propagate = ctx.string(r, "default_route_table_propagation").value_or("enable") == "enable";
    // A default route table in the input (AWS describe output lists it) is that table, made
    // the gateway's default when it is mapped (mapTgwRouteTable); only a table the input lacks
    // is added here.
    bool listed = false;
    for (const char* attribute : {"association_default_route_table_id", "propagation_default_route_table_id"})
        if (const auto awsId = ctx.string(r, attribute))
            for (const TfResource& other : ctx.document().resources)
                if (other.type == "aws_ec2_transit_gateway_route_table" && ctx.string(other, "id") == awsId) {
                    ctx.setFact(std::string(attribute) + "|" + *awsId, id.str());
                    listed = true;
                }
    std::optional<ResourceId> table;
    if ((associate || propagate) && !listed) {
        // AWS creates the default route table with the gateway; Terraform does not manage it.
        table = ctx.freshId(id.str() + "-default-rtb");
        tgw.defaultAssociationRouteTable = associate ? table : std::nullopt;
        tgw.defaultPropagationRouteTable = propagate ? table : std::nullopt;
    }
    ctx.add(r, id, {}, tgw);
    if (table) {
        TransitGatewayRouteTable rt;
        rt.transitGateway = id;
        const std::string name = ctx.find(id)->name + " default route table";
        ctx.addImplicit(*table, name, rt);
        for (const char* attribute : {"association_default_route_table_id", "propagation_default_route_table_id"})
            if (const auto awsId = ctx.string(r, attribute))
                ctx.alias(*awsId, *table);
        ctx.assume("implicitTransitGatewayRouteTable", table->str(),
                   "AWS creates the default route table of " + r.address + "; it is added as " + table->str());
    }
}

std::optional<ResourceId> requireTgw(ImportContext& ctx, const TfResource& r)
{
    const auto tgw = ctx.refer(r, "transit_gateway_id");
    if (ctx.get<TransitGateway>(tgw))
        return tgw;
    ctx.skip(r, "missingReference", "its transit gateway is not in the input or unknown");
    return std::nullopt;
}

// The Terraform resource a transit gateway was imported from.
const TfResource* findTgw(ImportContext& ctx, const ResourceId& tgw)
{
    for (const TfResource& r : ctx.document().resources)
        if (r.type == "aws_ec2_transit_gateway" && ctx.byAddress(r.address) == tgw)
            return &r;
    return nullptr;
}

void mapTgwRouteTable(ImportContext& ctx, const TfResource& r)
{
    if (const auto tgw = requireTgw(ctx, r)) {
        TransitGatewayRouteTable rt;
        rt.transitGateway = *tgw;
        const ResourceId id = ctx.idFor(r);
        ctx.add(r, id, {}, rt);
        // The gateway's default table, when the input lists it (see mapTransitGateway).
        const TfResource* source = findTgw(ctx, *tgw);
        TransitGateway* gateway = ctx.get<TransitGateway>(tgw);
        if (const auto awsId = ctx.string(r, "id"); gateway && source && awsId) {
            if (ctx.fact("association_default_route_table_id|" + *awsId) == tgw->str() &&
                ctx.string(*source, "default_route_table_association").value_or("enable") == "enable")
                gateway->defaultAssociationRouteTable = id;
            if (ctx.fact("propagation_default_route_table_id|" + *awsId) == tgw->str() &&
                ctx.string(*source, "default_route_table_propagation").value_or("enable") == "enable")
                gateway->defaultPropagationRouteTable = id;
        }
    }
}

// Default association and propagation, as AWS applies them to a new attachment.
void applyDefaults(ImportContext& ctx, const TfResource& r, TransitGatewayAttachment& a, const ResourceId& id)
{
    const TransitGateway* tgw = ctx.get<TransitGateway>(a.transitGateway);
    if (ctx.boolean(r, "transit_gateway_default_route_table_association").value_or(true) && tgw &&
        tgw->defaultAssociationRouteTable)
        a.routeTable = tgw->defaultAssociationRouteTable;
    if (ctx.boolean(r, "transit_gateway_default_route_table_propagation").value_or(true) && tgw &&
        tgw->defaultPropagationRouteTable)
        if (TransitGatewayRouteTable* rt = ctx.get<TransitGatewayRouteTable>(tgw->defaultPropagationRouteTable))
            pushUnique(rt->propagations, id);
}

void mapTgwVpcAttachment(ImportContext& ctx, const TfResource& r)
{
    const auto tgw = requireTgw(ctx, r);
    if (!tgw)
        return;
    const auto vpc = requireVpc(ctx, r);
    if (!vpc)
        return;
    TransitGatewayAttachment a;
    a.transitGateway = *tgw;
    a.attachmentType = TgwAttachmentType::Vpc;
    a.resource = *vpc;
    // SGR-1: on unless disabled, as AWS creates a VPC attachment.
    a.securityGroupReferencing = ctx.string(r, "security_group_referencing_support").value_or("enable") == "enable";
    // INS-2: off unless enabled, as AWS creates a VPC attachment.
    a.applianceMode = ctx.string(r, "appliance_mode_support").value_or("disable") == "enable";
    for (const ResourceId& s : ctx.referAll(r, "subnet_ids"))
        if (ctx.get<Subnet>(s))
            pushUnique(a.subnets, s);
    const ResourceId id = ctx.idFor(r);
    applyDefaults(ctx, r, a, id);
    ctx.add(r, id, {}, a);
}

void mapTgwAssociation(ImportContext& ctx, const TfResource& r)
{
    const auto attachment = ctx.refer(r, "transit_gateway_attachment_id");
    const auto table = ctx.refer(r, "transit_gateway_route_table_id");
    TransitGatewayAttachment* a = ctx.get<TransitGatewayAttachment>(attachment);
    if (!a || !ctx.get<TransitGatewayRouteTable>(table)) {
        ctx.skip(r, "missingReference", "its attachment or route table is not in the input or unknown");
        return;
    }
    a->routeTable = table;
    ctx.mergedInto(r, *table);
}

void mapTgwPropagation(ImportContext& ctx, const TfResource& r)
{
    const auto attachment = ctx.refer(r, "transit_gateway_attachment_id");
    const auto table = ctx.refer(r, "transit_gateway_route_table_id");
    TransitGatewayRouteTable* rt = ctx.get<TransitGatewayRouteTable>(table);
    if (!rt || !ctx.get<TransitGatewayAttachment>(attachment)) {
        ctx.skip(r, "missingReference", "its attachment or route table is not in the input or unknown");
        return;
    }
    pushUnique(rt->propagations, *attachment);
    ctx.mergedInto(r, *table);
}

void mapTgwRoute(ImportContext& ctx, const TfResource& r)
{
    const auto table = ctx.refer(r, "transit_gateway_route_table_id");
    TransitGatewayRouteTable* rt = ctx.get<TransitGatewayRouteTable>(table);
    if (!rt) {
        ctx.skip(r, "missingReference", "its route table is not in the input or unknown");
        return;
    }
    const auto destination = cidrOf(ctx, r, "destination_cidr_block");
    if (!destination) {
        ctx.skip(r, "invalidValue", "its destination is unknown until apply or not a CIDR block");
        return;
    }
    TransitGatewayRoute route;
    route.destination = *destination;
    route.blackhole = ctx.boolean(r, "blackhole").value_or(false);
    if (!route.blackhole) {
        const auto attachment = ctx.refer(r, "transit_gateway_attachment_id");
        if (!ctx.get<TransitGatewayAttachment>(attachment)) {
            ctx.skip(r, "missingReference", "its attachment is not in the input or unknown");
            return;
        }
        route.attachment = attachment;
    }
    rt->routes.push_back(route);
    ctx.mergedInto(r, *table);
}

// ---- VPN and Direct Connect ------------------------------------------------------------------

void mapVpnGateway(ImportContext& ctx, const TfResource& r)
{
    VirtualPrivateGateway vgw;
    vgw.vpc = vpcOf(ctx, r);
    vgw.asn = asnOf(ctx, r, "amazon_side_asn", 64512);
    ctx.add(r, ctx.idFor(r), {}, vgw);
}

void mapVpnGatewayAttachment(ImportContext& ctx, const TfResource& r)
{
    const auto vgw = ctx.refer(r, "vpn_gateway_id");
    VirtualPrivateGateway* g = ctx.get<VirtualPrivateGateway>(vgw);
    const auto vpc = ctx.refer(r, "vpc_id");
    if (!g || !ctx.get<Vpc>(vpc)) {
        ctx.skip(r, "missingReference", "its gateway or VPC is not in the input or unknown");
        return;
    }
    g->vpc = vpc;
    ctx.mergedInto(r, *vgw);
}

void mapCustomerGateway(ImportContext& ctx, const TfResource& r)
{
    const auto ip = ipOf(ctx, r, "ip_address");
    if (!ip) {
        ctx.skip(r, "invalidValue", "its IP address is unknown or not valid");
        return;
    }
    // The network behind the device is not in Terraform; it is made explicit so the VPN has an end.
    const ResourceId id = ctx.idFor(r);
    const ResourceId network = ctx.freshId(id.str() + "-network");
    CustomerGateway cgw;
    cgw.onPremises = network;
    cgw.ipAddress = *ip;
    cgw.asn = asnOf(ctx, r, "bgp_asn", 65000);
    ctx.add(r, id, {}, cgw);
    ctx.addImplicit(network, ctx.find(id)->name + " network", OnPremisesNetwork{});
    ctx.assume("implicitOnPremisesNetwork", network.str(),
               "the on-premises network behind " + r.address + " is added as " + network.str() +
                   "; its address ranges are the VPN's static routes, if any");
}

void mapVpnConnection(ImportContext& ctx, const TfResource& r)
{
    const auto cgw = ctx.refer(r, "customer_gateway_id");
    if (!ctx.get<CustomerGateway>(cgw)) {
        ctx.skip(r, "missingReference", "its customer gateway is not in the input or unknown");
        return;
    }
    std::optional<ResourceId> gateway = ctx.refer(r, "vpn_gateway_id");
    const bool transit = !ctx.get<VirtualPrivateGateway>(gateway);
    if (transit)
        gateway = ctx.refer(r, "transit_gateway_id");
    if (transit && !ctx.get<TransitGateway>(gateway)) {
        ctx.skip(r, "missingReference", "its virtual private gateway or transit gateway is not in the input or unknown");
        return;
    }
    VpnConnection vpn;
    vpn.customerGateway = *cgw;
    vpn.gateway = *gateway;
    vpn.routing = ctx.boolean(r, "static_routes_only").value_or(false) ? VpnRouting::Static : VpnRouting::Dynamic;
    const ResourceId id = ctx.idFor(r);
    ctx.add(r, id, {}, vpn);
    if (transit) {
        // AWS creates the VPN's transit gateway attachment.
        TransitGatewayAttachment a;
        a.transitGateway = *gateway;
        a.attachmentType = TgwAttachmentType::Vpn;
        a.resource = id;
        const ResourceId attachment = ctx.freshId(id.str() + "-attachment");
        applyDefaults(ctx, r, a, attachment);
        ctx.addImplicit(attachment, ctx.find(id)->name + " attachment", a);
        if (const auto awsId = ctx.string(r, "transit_gateway_attachment_id"))
            ctx.alias(*awsId, attachment);
        ctx.assume("implicitVpnAttachment", attachment.str(),
                   "AWS attaches " + r.address + " to its transit gateway; the attachment is added as " + attachment.str());
    }
}

void mapVpnRoute(ImportContext& ctx, const TfResource& r)
{
    const auto vpnId = ctx.refer(r, "vpn_connection_id");
    VpnConnection* vpn = ctx.get<VpnConnection>(vpnId);
    const auto cidr = cidrOf(ctx, r, "destination_cidr_block");
    if (!vpn || !cidr) {
        ctx.skip(r, "missingReference", "its VPN connection is not in the input, or its destination is unknown");
        return;
    }
    vpn->remoteCidrs.push_back(*cidr);
    if (const CustomerGateway* cgw = ctx.get<CustomerGateway>(vpn->customerGateway))
        if (OnPremisesNetwork* net = ctx.get<OnPremisesNetwork>(cgw->onPremises))
            if (std::find(net->cidrs.begin(), net->cidrs.end(), *cidr) == net->cidrs.end())
                net->cidrs.push_back(*cidr);
    ctx.mergedInto(r, *vpnId);
}

void mapDxGateway(ImportContext& ctx, const TfResource& r)
{
    DirectConnectGateway dx;
    dx.asn = asnOf(ctx, r, "amazon_side_asn", 64512);
    ctx.add(r, ctx.idFor(r), ctx.nameTag(r).empty() ? ctx.string(r, "name").value_or("") : "", dx);
}

void mapDxAssociation(ImportContext& ctx, const TfResource& r)
{
    const auto dxId = ctx.refer(r, "dx_gateway_id");
    DirectConnectGateway* dx = ctx.get<DirectConnectGateway>(dxId);
    const auto gateway = ctx.refer(r, "associated_gateway_id");
    const Resource* g = gateway ? ctx.find(*gateway) : nullptr;
    if (!dx || !g || (g->kind() != Kind::VirtualPrivateGateway && g->kind() != Kind::TransitGateway)) {
        ctx.skip(r, "missingReference", "its Direct Connect gateway or associated gateway is not in the input");
        return;
    }
    DirectConnectGatewayAssociation a;
    a.gateway = *gateway;
    const Json& prefixes = ctx.value(r, "allowed_prefixes");
    if (prefixes.is_array())
        for (const Json& p : prefixes)
            if (const auto cidr = parseCidrText(p))
                a.allowedPrefixes.push_back(*cidr);
    dx->associations.push_back(a);
    ctx.mergedInto(r, *dxId);
}

} // namespace

void addTransitMappers(std::vector<TfMapperEntry>& out)
{
    out.insert(out.end(), {
                              {"aws_vpc_peering_connection", 1, mapPeering},
                              {"aws_vpc_peering_connection_accepter", 5, mapPeeringAccepter},
                              {"aws_ec2_transit_gateway", 0, mapTransitGateway},
                              {"aws_ec2_transit_gateway_route_table", 1, mapTgwRouteTable},
                              {"aws_ec2_transit_gateway_vpc_attachment", 2, mapTgwVpcAttachment},
                              {"aws_ec2_transit_gateway_route_table_association", 5, mapTgwAssociation},
                              {"aws_ec2_transit_gateway_route_table_propagation", 5, mapTgwPropagation},
                              {"aws_ec2_transit_gateway_route", 5, mapTgwRoute},
                              {"aws_vpn_gateway", 1, mapVpnGateway},
                              {"aws_vpn_gateway_attachment", 2, mapVpnGatewayAttachment},
                              {"aws_customer_gateway", 0, mapCustomerGateway},
                              {"aws_vpn_connection", 2, mapVpnConnection},
                              {"aws_vpn_connection_route", 5, mapVpnRoute},
                              {"aws_dx_gateway", 0, mapDxGateway},
                              {"aws_dx_gateway_association", 5, mapDxAssociation},
                          });
}

} // namespace pp
