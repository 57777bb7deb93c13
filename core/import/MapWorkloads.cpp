// What holds network interfaces in subnets: instances, bare interfaces, VPC-attached Lambda
// functions, RDS databases; and Network and Gateway Load Balancers with their listeners and targets.
#include "import/TerraformMapping.h"

#include <algorithm>

namespace pp {

namespace {

using Json = nlohmann::json;

// Security groups of a workload: ids or references in any of `attributes`.
ResourceIds groupsOf(ImportContext& ctx, const TfResource& r, std::initializer_list<const char*> attributes)
{
    ResourceIds out;
    for (const char* attribute : attributes)
        for (const ResourceId& g : ctx.referAll(r, attribute))
            if (ctx.get<SecurityGroup>(g) && std::find(out.begin(), out.end(), g) == out.end())
                out.push_back(g);
    return out;
}

bool addWorkload(ImportContext& ctx, const TfResource& r, WorkloadType type, std::optional<ResourceId> subnet,
                 ResourceIds groups)
{
    if (!ctx.get<Subnet>(subnet)) {
        ctx.skip(r, "missingReference", "its subnet is not in the input or unknown");
        return false;
    }
    Workload w;
    w.workloadType = type;
    w.subnet = *subnet;
    w.securityGroups = std::move(groups);
    w.privateIp = ipOf(ctx, r, "private_ip");
    if (const auto v6 = ctx.value(r, "ipv6_addresses"); v6.is_array() && !v6.empty() && v6[0].is_string())
        w.ipv6Address = IpAddress::parse(v6[0].get<std::string>());
    if (const auto assoc = ctx.boolean(r, "associate_public_ip_address"))
        w.publicIp = *assoc;
    else if (ctx.string(r, "public_ip"))
        w.publicIp = true;
    else if (ctx.fact("mapPublicIp|" + subnet->str()) == "1" && type == WorkloadType::Ec2Instance) {
        w.publicIp = true;
        ctx.assume("publicIpFromSubnet", subnet->str(),
                   r.address + " gets a public IPv4 address: its subnet maps public IPs on launch");
    }
    ctx.add(r, ctx.idFor(r), {}, w);
    return true;
}

void mapInstance(ImportContext& ctx, const TfResource& r)
{
    addWorkload(ctx, r, WorkloadType::Ec2Instance, ctx.refer(r, "subnet_id"),
                groupsOf(ctx, r, {"vpc_security_group_ids", "security_groups"}));
}

void mapNetworkInterface(ImportContext& ctx, const TfResource& r)
{
    // An interface attached to an instance of the input is that instance's; a bare one is a workload.
    const Json& attachment = ctx.value(r, "attachment");
    if (attachment.is_array() && !attachment.empty() && attachment[0].is_object())
        if (const auto instance = ctx.referValue(r, attachment[0].value("instance", Json()), "attachment.instance");
            instance && ctx.get<Workload>(instance)) {
            ctx.mergedInto(r, *instance);
            return;
        }
    const Json& ips = ctx.value(r, "private_ips");
    addWorkload(ctx, r, WorkloadType::NetworkInterface, ctx.refer(r, "subnet_id"), groupsOf(ctx, r, {"security_groups"}));
    if (Workload* w = ctx.get<Workload>(ctx.byAddress(r.address)); w && !w->privateIp && ips.is_array() && !ips.empty() &&
                                                                  ips[0].is_string())
        w->privateIp = IpAddress::parse(ips[0].get<std::string>());
}

void mapLambda(ImportContext& ctx, const TfResource& r)
{
    const Json& config = ctx.value(r, "vpc_config");
    if (!config.is_array() || config.empty() || !config[0].is_object()) {
        ctx.skip(r, "notModelled", "a Lambda function without vpc_config runs outside every VPC");
        return;
    }
    // The model puts a workload in one subnet; the function's first subnet stands for all of them.
    std::vector<ResourceId> subnets;
    const Json& ids = config[0].value("subnet_ids", Json());
    if (ids.is_array())
        for (const Json& id : ids)
            if (id.is_string())
                if (const auto s = ctx.byAwsId(id.get<std::string>()))
                    subnets.push_back(*s);
    if (subnets.empty())
        if (const auto refs = r.references.find("vpc_config.subnet_ids"); refs != r.references.end())
            for (const std::string& ref : refs->second)
                for (const TfResource* t : ctx.referencedAll(r, ref))
                    if (const auto s = ctx.byAddress(t->address); s && ctx.get<Subnet>(s))
                        subnets.push_back(*s);
    ResourceIds groups;
    const Json& sgs = config[0].value("security_group_ids", Json());
    if (sgs.is_array())
        for (const Json& id : sgs)
            if (id.is_string())
                if (const auto g = ctx.byAwsId(id.get<std::string>()); g && ctx.get<SecurityGroup>(g))
                    groups.push_back(*g);
    if (groups.empty())
        if (const auto refs = r.references.find("vpc_config.security_group_ids"); refs != r.references.end())
            for (const std::string& ref : refs->second)
                for (const TfResource* t : ctx.referencedAll(r, ref))
                    if (const auto g = ctx.byAddress(t->address); g && ctx.get<SecurityGroup>(g))
                        groups.push_back(*g);
    if (subnets.size() > 1)
        ctx.assume("firstSubnetOnly", subnets.front().str(),
                   r.address + " has interfaces in " + std::to_string(subnets.size()) +
                       " subnets; it is drawn in the first one");
    addWorkload(ctx, r, WorkloadType::LambdaFunction,
                subnets.empty() ? std::nullopt : std::optional<ResourceId>(subnets.front()), groups);
}

void mapDatabase(ImportContext& ctx, const TfResource& r)
{
    const TfResource* group = ctx.referencedOfType(r, "db_subnet_group_name", "aws_db_subnet_group");
    std::vector<ResourceId> subnets = group ? ctx.referAll(*group, "subnet_ids") : std::vector<ResourceId>();
    std::erase_if(subnets, [&](const ResourceId& s) { return !ctx.get<Subnet>(s); });
    if (subnets.empty()) {
        ctx.skip(r, "missingReference", "its DB subnet group (and so its subnets) is not in the input or unknown");
        return;
    }
    if (subnets.size() > 1)
        ctx.assume("firstSubnetOnly", subnets.front().str(),
                   r.address + " may run in any of " + std::to_string(subnets.size()) +
                       " subnets of its DB subnet group; it is drawn in the first one");
    const bool added = addWorkload(ctx, r, WorkloadType::RdsDatabase, subnets.front(),
                                   groupsOf(ctx, r, {"vpc_security_group_ids"}));
    if (added && ctx.boolean(r, "publicly_accessible").value_or(false))
        ctx.get<Workload>(ctx.byAddress(r.address))->publicIp = true;
    if (added && group && !ctx.byAddress(group->address))
        ctx.mergedInto(*group, *ctx.byAddress(r.address));
}

void mapDbSubnetGroup(ImportContext& ctx, const TfResource& r)
{
    if (!ctx.byAddress(r.address))
        ctx.skip(r, "notModelled", "a DB subnet group is drawn through the databases in it; none uses this one");
}

// ---- Load balancers --------------------------------------------------------------------------

void mapLoadBalancer(ImportContext& ctx, const TfResource& r)
{
    const std::string type = ctx.string(r, "load_balancer_type").value_or("application");
    if (type != "network" && type != "gateway") {
        ctx.skip(r, "notModelled", "only Network and Gateway Load Balancers are modelled (this is " + type + ")");
        return;
    }
    LoadBalancer lb;
    lb.lbType = type == "gateway" ? LoadBalancerType::Gateway : LoadBalancerType::Network;
    lb.internal = ctx.boolean(r, "internal").value_or(false);
    lb.crossZone = ctx.boolean(r, "enable_cross_zone_load_balancing").value_or(false);
    lb.subnets = ctx.referAll(r, "subnets");
    const Json& mappings = ctx.value(r, "subnet_mapping");
    if (mappings.is_array())
        for (const Json& m : mappings)
            if (m.is_object())
                if (const auto s = ctx.referValue(r, m.value("subnet_id", Json()), "subnet_mapping.subnet_id"))
                    if (std::find(lb.subnets.begin(), lb.subnets.end(), *s) == lb.subnets.end())
                        lb.subnets.push_back(*s);
    std::erase_if(lb.subnets, [&](const ResourceId& s) { return !ctx.get<Subnet>(s); });
    if (lb.subnets.empty()) {
        ctx.skip(r, "missingReference", "its subnets are not in the input or unknown");
        return;
    }
    lb.securityGroups = groupsOf(ctx, r, {"security_groups"});
    // NLB-2: on unless turned off, as AWS creates a load balancer with security groups.
    lb.enforceSecurityGroupInboundRulesOnPrivateLinkTraffic =
        ctx.string(r, "enforce_security_group_inbound_rules_on_private_link_traffic").value_or("on") != "off";
    ctx.add(r, ctx.idFor(r), ctx.nameTag(r).empty() ? ctx.string(r, "name").value_or("") : "", lb);
}

void mapListener(ImportContext& ctx, const TfResource& r)
{
    const auto lbId = ctx.refer(r, "load_balancer_arn");
    LoadBalancer* lb = ctx.get<LoadBalancer>(lbId);
    if (!lb) {
        ctx.skip(r, "missingReference", "its load balancer is not in the input (or is not a Network or Gateway one)");
        return;
    }
    // Remember which load balancer forwards to each target group, for the attachments.
    const Json& actions = ctx.value(r, "default_action");
    if (actions.is_array())
        for (const Json& a : actions)
            if (a.is_object())
                if (const TfResource* tg = [&]() -> const TfResource* {
                        const Json arn = a.value("target_group_arn", Json());
                        for (const TfResource& t : ctx.document().resources)
                            if (t.type == "aws_lb_target_group" && arn.is_string() && ctx.string(t, "arn") == arn.get<std::string>())
                                return &t;
                        if (const auto refs = r.references.find("default_action.target_group_arn"); refs != r.references.end())
                            for (const std::string& ref : refs->second)
                                if (const TfResource* t = ctx.referenced(r, ref); t && t->type == "aws_lb_target_group")
                                    return t;
                        return nullptr;
                    }())
                    ctx.setFact("tg|" + tg->address, lbId->str());
    const auto protocol = ctx.string(r, "protocol").value_or("");
    const auto port = ctx.integer(r, "port");
    if (protocol == "GENEVE" || !port || *port < 1 || *port > 65535) {
        ctx.mergedInto(r, *lbId); // a Gateway Load Balancer listener takes every port
        return;
    }
    Listener listener;
    listener.port = int(*port);
    listener.protocol = protocol == "UDP" ? Protocol::Udp : protocol == "TCP_UDP" ? Protocol::All : Protocol::Tcp;
    lb->listeners.push_back(listener);
    ctx.mergedInto(r, *lbId);
}

void mapTargetGroup(ImportContext& ctx, const TfResource& r)
{
    const std::string lb = ctx.fact("tg|" + r.address);
    if (lb.empty()) {
        ctx.skip(r, "missingReference", "no listener of an imported Network or Gateway Load Balancer forwards to it");
        return;
    }
    // NLB-2: the provider writes preserve_client_ip as a string ("true"/"false"); absent leaves
    // AWS's default for the target type. One target group per load balancer is modelled.
    std::optional<bool> preserve = ctx.boolean(r, "preserve_client_ip");
    if (const auto text = ctx.string(r, "preserve_client_ip"))
        preserve = *text == "true";
    if (LoadBalancer* balancer = ctx.get<LoadBalancer>(ResourceId(lb)); balancer && preserve)
        balancer->preserveClientIp = preserve;
    ctx.mergedInto(r, ResourceId(lb));
}

void mapTargetGroupAttachment(ImportContext& ctx, const TfResource& r)
{
    const TfResource* tg = ctx.referencedOfType(r, "target_group_arn", "aws_lb_target_group");
    const std::string lbId = tg ? ctx.fact("tg|" + tg->address) : std::string();
    LoadBalancer* lb = lbId.empty() ? nullptr : ctx.get<LoadBalancer>(ResourceId(lbId));
    if (!lb) {
        ctx.skip(r, "missingReference", "its target group is not forwarded to by an imported load balancer");
        return;
    }
    LoadBalancerTarget target;
    target.port = int(ctx.integer(r, "port").value_or(tg ? ctx.integer(*tg, "port").value_or(0) : 0));
    if (target.port < 1 || target.port > 65535) {
        ctx.skip(r, "invalidValue", "its port is unknown or missing");
        return;
    }
    if (const auto w = ctx.refer(r, "target_id"); w && ctx.get<Workload>(w))
        target.instance = w;
    else if (const auto ip = ctx.string(r, "target_id"); ip && IpAddress::parse(*ip))
        target.ip = IpAddress::parse(*ip);
    else {
        ctx.skip(r, "missingReference", "its target is not an imported instance nor an IP address");
        return;
    }
    lb->targets.push_back(target);
    ctx.mergedInto(r, ResourceId(lbId));
}

} // namespace

void addWorkloadMappers(std::vector<TfMapperEntry>& out)
{
    out.insert(out.end(), {
                              {"aws_instance", 2, mapInstance},
                              {"aws_network_interface", 3, mapNetworkInterface},
                              {"aws_lambda_function", 2, mapLambda},
                              {"aws_db_instance", 2, mapDatabase},
                              {"aws_db_subnet_group", 3, mapDbSubnetGroup},
                              {"aws_lb", 2, mapLoadBalancer},
                              {"aws_alb", 2, mapLoadBalancer},
                              {"aws_lb_listener", 3, mapListener},
                              {"aws_lb_target_group", 4, mapTargetGroup},
                              {"aws_lb_target_group_attachment", 4, mapTargetGroupAttachment},
                          });
}

} // namespace pp
