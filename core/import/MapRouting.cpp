// Route tables, their routes and which subnets use them, including AWS's main route table.
#include "import/TerraformMapping.h"

namespace pp {

namespace {

// The target attributes of a route, in Terraform's names. AWS accepts some ids in the "wrong"
// field (a NAT gateway id in `gateway_id`); the target is found by its id whatever the field.
constexpr const char* kTargetFields[] = {"gateway_id",          "nat_gateway_id",       "transit_gateway_id",
                                         "vpc_peering_connection_id", "egress_only_gateway_id", "network_interface_id",
                                         "vpc_endpoint_id",     "instance_id",          "local_gateway_id",
                                         "carrier_gateway_id",  "core_network_arn"};

struct RouteOutcome {
    std::optional<Route> route;
    std::string reason; // when no route: a SkippedItem reason
    std::string detail;
};

// A route from a `route` block of aws_route_table or from an aws_route (`block` is its values);
// `refPrefix` is "route." for blocks ("" for aws_route), to find configuration references.
RouteOutcome routeFrom(ImportContext& ctx, const TfResource& r, const nlohmann::json& block, const std::string& refPrefix)
{
    Route route;
    auto text = [&](const char* key) {
        const auto it = block.find(key);
        return it != block.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    if (const auto v4 = parseCidrText(block.value("destination_cidr_block", block.value("cidr_block", nlohmann::json()))))
        route.destination = v4;
    else if (const auto v6 = parseCidrText(block.value("destination_ipv6_cidr_block", block.value("ipv6_cidr_block", nlohmann::json()))))
        route.destination = v6;
    else if (const std::string pl = text("destination_prefix_list_id"); !pl.empty()) {
        const auto list = ctx.byAwsId(pl);
        if (!list || !ctx.get<PrefixList>(list))
            return {std::nullopt, "missingReference", "its destination prefix list " + pl + " is not in the input"};
        route.destinationPrefixList = list;
    } else {
        for (const char* key : {"destination_cidr_block", "destination_ipv6_cidr_block", "destination_prefix_list_id"})
            if (r.unknown.is_object() && r.unknown.value(key, false))
                ctx.noteUnknown(r, key);
        return {std::nullopt, "unknownValue", "its destination is unknown until apply or missing"};
    }
    for (const char* field : kTargetFields) {
        const nlohmann::json known = block.value(field, nlohmann::json());
        const bool hasValue = known.is_string() && !known.get<std::string>().empty();
        if (hasValue && known.get<std::string>() == kLocalTarget)
            return {std::nullopt, "implicit", "the local route is implicit in every route table"};
        if (const auto target = ctx.referValue(r, known, refPrefix + field)) {
            const Resource* t = ctx.find(*target);
            // A route to a whole VPC endpoint is a Gateway Load Balancer endpoint route; gateway
            // endpoints get their routes from their route tables (GW-2).
            if (t && (t->kind() == Kind::RouteTable || t->kind() == Kind::Subnet || t->kind() == Kind::Vpc))
                continue;
            route.target = *target;
            return {route, {}, {}};
        }
        if (hasValue) {
            const std::string id = known.get<std::string>();
            return {std::nullopt, "missingReference",
                    "its target " + id + " (" + std::string(awsIdKind(id)) + ", given in " + field + ") is not in the input"};
        }
        if (r.unknown.is_object() && r.unknown.value(field, false) && !refPrefix.empty())
            ctx.noteUnknown(r, refPrefix + field);
    }
    return {std::nullopt, "missingReference", "its target is unknown until apply and not a reference to an imported resource"};
}

std::optional<ResourceId> vpcOfDefaultTable(ImportContext& ctx, const TfResource& r)
{
    const auto tableId = ctx.string(r, "default_route_table_id");
    for (const Resource& res : ctx.resources())
        if (res.as<Vpc>())
            for (const TfResource& tf : ctx.document().resources)
                if (tf.type == "aws_vpc" && ctx.byAddress(tf.address) == res.id && tableId &&
                    ctx.string(tf, "default_route_table_id") == tableId)
                    return res.id;
    if (const auto refs = r.references.find("default_route_table_id"); refs != r.references.end())
        for (const std::string& ref : refs->second)
            if (const TfResource* vpc = ctx.referenced(r, ref); vpc && vpc->type == "aws_vpc")
                return ctx.byAddress(vpc->address);
    if (const auto vpc = ctx.refer(r, "vpc_id"); ctx.get<Vpc>(vpc))
        return vpc;
    return std::nullopt;
}

void addTable(ImportContext& ctx, const TfResource& r, ResourceId vpc, bool main)
{
    RouteTable table;
    table.vpc = std::move(vpc);
    table.main = main;
    const ResourceId id = ctx.idFor(r);
    if (main)
        ctx.setFact("mainTable|" + table.vpc.str(), id.str());
    ctx.add(r, id, {}, table);
    if (const auto defaultId = ctx.string(r, "default_route_table_id"))
        ctx.alias(*defaultId, id);
}

void mapRouteTable(ImportContext& ctx, const TfResource& r)
{
    if (const auto vpc = requireVpc(ctx, r))
        addTable(ctx, r, *vpc, false);
}

void mapDefaultRouteTable(ImportContext& ctx, const TfResource& r)
{
    const auto vpc = vpcOfDefaultTable(ctx, r);
    if (!vpc) {
        ctx.skip(r, "missingReference", "the VPC whose main route table it manages is not in the input");
        return;
    }
    addTable(ctx, r, *vpc, true);
}

// Inline `route` blocks and `propagating_vgws`, once every target exists.
void mapInlineRoutes(ImportContext& ctx, const TfResource& r)
{
    const auto id = ctx.byAddress(r.address);
    RouteTable* table = ctx.get<RouteTable>(id);
    if (!table)
        return;
    const nlohmann::json& routes = ctx.value(r, "route");
    if (ctx.checkUnknown(r, "route"))
        return;
    if (routes.is_array())
        for (const nlohmann::json& block : routes) {
            if (!block.is_object())
                continue;
            RouteOutcome outcome = routeFrom(ctx, r, block, "route.");
            if (outcome.route)
                table->routes.push_back(*outcome.route);
            else if (outcome.reason != "implicit")
                ctx.assume("routeNotImported", id->str(),
                           "a route of " + r.address + " is left out: " + outcome.detail);
        }
    for (const ResourceId& vgw : ctx.referAll(r, "propagating_vgws"))
        if (ctx.get<VirtualPrivateGateway>(vgw))
            table->propagatingGateways.push_back(vgw);
}

void mapRoute(ImportContext& ctx, const TfResource& r)
{
    const auto tableId = ctx.refer(r, "route_table_id");
    RouteTable* table = ctx.get<RouteTable>(tableId);
    if (!table) {
        ctx.skip(r, "missingReference", "its route table is not in the input or unknown");
        return;
    }
    RouteOutcome outcome = routeFrom(ctx, r, r.values, "");
    if (!outcome.route) {
        ctx.skip(r, outcome.reason, outcome.detail);
        return;
    }
    table->routes.push_back(*outcome.route);
    ctx.mergedInto(r, *tableId);
}

void mapRouteTableAssociation(ImportContext& ctx, const TfResource& r)
{
    const auto tableId = ctx.refer(r, "route_table_id");
    if (!ctx.get<RouteTable>(tableId)) {
        ctx.skip(r, "missingReference", "its route table is not in the input or unknown");
        return;
    }
    const auto subnetId = ctx.refer(r, "subnet_id");
    Subnet* subnet = ctx.get<Subnet>(subnetId);
    if (!subnet) {
        // An edge association makes the table the gateway's route table (ingress routing, RT-9).
        const auto gatewayId = ctx.refer(r, "gateway_id");
        if (InternetGateway* igw = ctx.get<InternetGateway>(gatewayId)) {
            igw->routeTable = tableId;
            ctx.mergedInto(r, *tableId);
            return;
        }
        if (VirtualPrivateGateway* vgw = ctx.get<VirtualPrivateGateway>(gatewayId)) {
            vgw->routeTable = tableId;
            ctx.mergedInto(r, *tableId);
            return;
        }
        const bool edge = ctx.string(r, "gateway_id").has_value() || r.references.contains("gateway_id");
        ctx.skip(r, "missingReference",
                 edge ? "its gateway (an edge association) is not in the input or unknown" : "its subnet is not in the input or unknown");
        return;
    }
    subnet->routeTable = tableId;
    ctx.mergedInto(r, *tableId);
}

void mapMainRouteTableAssociation(ImportContext& ctx, const TfResource& r)
{
    const auto tableId = ctx.refer(r, "route_table_id");
    RouteTable* table = ctx.get<RouteTable>(tableId);
    if (!table) {
        ctx.skip(r, "missingReference", "its route table is not in the input or unknown");
        return;
    }
    // A VPC has one main table (RT-4): the association replaces AWS's original one.
    for (Resource& other : ctx.resources())
        if (RouteTable* t = other.as<RouteTable>(); t && t->vpc == table->vpc)
            t->main = false;
    table->main = true;
    ctx.setFact("mainTable|" + table->vpc.str(), tableId->str());
    ctx.mergedInto(r, *tableId);
}

} // namespace

void addRoutingMappers(std::vector<TfMapperEntry>& out)
{
    out.insert(out.end(), {
                              {"aws_route_table", 1, mapRouteTable},
                              {"aws_default_route_table", 1, mapDefaultRouteTable},
                              {"aws_route_table", 5, mapInlineRoutes},
                              {"aws_default_route_table", 5, mapInlineRoutes},
                              {"aws_route", 5, mapRoute},
                              {"aws_route_table_association", 5, mapRouteTableAssociation},
                              {"aws_main_route_table_association", 5, mapMainRouteTableAssociation},
                          });
}

} // namespace pp
