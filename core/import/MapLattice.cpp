// VPC Lattice resources over PrivateLink (rules PL-1, PL-2): resource gateways, resource
// configurations (an ARN resource such as an RDS database, an IP address or a domain name;
// single, group or child), service networks and their resource associations. Sharing through AWS
// RAM lives in other resources and other accounts: every configuration is assumed shared with the
// consumers that have endpoints to it, and the report says so.

#include "import/TerraformMapping.h"

#include <algorithm>
#include <charconv>

namespace pp {
namespace {

using Json = nlohmann::json;

void mapResourceGateway(ImportContext& ctx, const TfResource& r)
{
    const auto vpc = requireVpc(ctx, r);
    if (!vpc)
        return;
    ResourceGateway g;
    g.vpc = *vpc;
    for (const ResourceId& s : ctx.referAll(r, "subnet_ids"))
        if (ctx.get<Subnet>(s) && std::find(g.subnets.begin(), g.subnets.end(), s) == g.subnets.end())
            g.subnets.push_back(s);
    for (const ResourceId& s : ctx.referAll(r, "security_group_ids"))
        if (ctx.get<SecurityGroup>(s) && std::find(g.securityGroups.begin(), g.securityGroups.end(), s) == g.securityGroups.end())
            g.securityGroups.push_back(s);
    ctx.checkUnknown(r, "subnet_ids");
    const std::string name = ctx.nameTag(r).empty() ? ctx.string(r, "name").value_or("") : "";
    ctx.add(r, ctx.idFor(r), name, g);
}

// "443" or "8000-8100" (Terraform's port_ranges entries).
std::optional<PortRange> parsePortRange(const Json& v)
{
    if (!v.is_string())
        return std::nullopt;
    const std::string text = v.get<std::string>();
    const auto dash = text.find('-');
    auto number = [](std::string_view s) -> std::optional<int> {
        int out = 0;
        const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
        if (ec != std::errc() || end != s.data() + s.size() || out < 0 || out > 65535)
            return std::nullopt;
        return out;
    };
    const auto from = number(std::string_view(text).substr(0, dash));
    const auto to = dash == std::string::npos ? from : number(std::string_view(text).substr(dash + 1));
    if (!from || !to)
        return std::nullopt;
    return PortRange{*from, *to};
}

const Json& nullJson()
{
    static const Json null;
    return null;
}

// A nested block: Terraform writes one as a list of one object.
const Json& firstBlock(const Json& list)
{
    return list.is_array() && !list.empty() && list.front().is_object() ? list.front() : list.is_object() ? list : nullJson();
}

const Json& member(const Json& object, const char* key)
{
    const auto it = object.is_object() ? object.find(key) : object.end();
    return object.is_object() && it != object.end() ? *it : nullJson();
}

void mapResourceConfiguration(ImportContext& ctx, const TfResource& r, bool children)
{
    const std::string type = ctx.string(r, "type").value_or("SINGLE");
    if ((type == "CHILD") != children)
        return;
    ResourceConfiguration c;
    c.configurationType = type == "GROUP" ? ResourceConfigurationType::Group
                          : children     ? ResourceConfigurationType::Child
                                         : ResourceConfigurationType::Single; // SINGLE, ARN
    if (children) {
        c.group = ctx.refer(r, "resource_configuration_group_id");
        if (!ctx.get<ResourceConfiguration>(c.group)) {
            ctx.skip(r, "missingReference", "its group configuration is not in the input or unknown");
            return;
        }
    } else {
        c.resourceGateway = ctx.refer(r, "resource_gateway_identifier");
        if (!ctx.get<ResourceGateway>(c.resourceGateway)) {
            ctx.checkUnknown(r, "resource_gateway_identifier");
            ctx.skip(r, "missingReference", "its resource gateway is not in the input or unknown");
            return;
        }
    }
    const Json& ranges = ctx.value(r, "port_ranges");
    for (const Json& v : ranges.is_array() ? ranges : Json::array())
        if (const auto range = parsePortRange(v))
            c.portRanges.push_back(*range);
    const Json& definition = firstBlock(ctx.value(r, "resource_configuration_definition"));
    if (definition.is_object()) {
        const Json& ip = firstBlock(member(definition, "ip_resource"));
        const Json& dns = firstBlock(member(definition, "dns_resource"));
        const Json& arn = firstBlock(member(definition, "arn_resource"));
        if (ip.is_object() && ip.value("ip_address", Json()).is_string())
            c.ipAddress = IpAddress::parse(ip["ip_address"].get<std::string>());
        if (dns.is_object() && dns.value("domain_name", Json()).is_string())
            c.domainName = dns["domain_name"].get<std::string>();
        if (arn.is_object()) {
            c.resource = ctx.referValue(r, arn.value("arn", Json()), "resource_configuration_definition.arn_resource.arn");
            if (!c.resource)
                ctx.assume("resourceNotImported", ctx.idFor(r).str(),
                           "the resource " + arn.value("arn", std::string("(unknown until apply)")) +
                               " is not in the input; name it in the configuration's `resource` (PL-1)");
        }
    }
    const std::string name = ctx.nameTag(r).empty() ? ctx.string(r, "name").value_or("") : "";
    c.allowedPrincipals = {"*"};
    const ResourceId id = ctx.add(r, ctx.idFor(r), name, c).id;
    ctx.assume("resourceSharingAssumed", id.str(),
               id.str() + " is assumed shared with every consumer (allowedPrincipals \"*\"); AWS RAM shares are not imported (PL-1)");
}

void mapSingleOrGroup(ImportContext& ctx, const TfResource& r) { mapResourceConfiguration(ctx, r, false); }
void mapChild(ImportContext& ctx, const TfResource& r) { mapResourceConfiguration(ctx, r, true); }

void mapServiceNetwork(ImportContext& ctx, const TfResource& r)
{
    const std::string name = ctx.nameTag(r).empty() ? ctx.string(r, "name").value_or("") : "";
    ctx.add(r, ctx.idFor(r), name, ServiceNetwork{.resourceConfigurations = {}, .allowedPrincipals = {"*"}});
}

void mapServiceNetworkResourceAssociation(ImportContext& ctx, const TfResource& r)
{
    const auto networkId = ctx.refer(r, "service_network_identifier");
    const auto config = ctx.refer(r, "resource_configuration_identifier");
    ServiceNetwork* network = ctx.get<ServiceNetwork>(networkId);
    if (!network || !ctx.get<ResourceConfiguration>(config)) {
        ctx.skip(r, "missingReference", "its service network or resource configuration is not in the input or unknown");
        return;
    }
    if (std::find(network->resourceConfigurations.begin(), network->resourceConfigurations.end(), *config) ==
        network->resourceConfigurations.end())
        network->resourceConfigurations.push_back(*config);
    ctx.mergedInto(r, *networkId);
}

} // namespace

void addLatticeMappers(std::vector<TfMapperEntry>& out)
{
    out.insert(out.end(), {
                              {"aws_vpclattice_resource_gateway", 2, mapResourceGateway},
                              {"aws_vpclattice_resource_configuration", 3, mapSingleOrGroup},
                              {"aws_vpclattice_resource_configuration", 4, mapChild},
                              {"aws_vpclattice_service_network", 3, mapServiceNetwork},
                              {"aws_vpclattice_service_network_resource_association", 5, mapServiceNetworkResourceAssociation},
                          });
}

} // namespace pp
