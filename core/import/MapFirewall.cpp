// AWS Network Firewall (rule INS-3): aws_networkfirewall_firewall becomes a network firewall in
// its firewall subnets. Routes name the firewall's endpoints (one vpce- id per AZ, from
// firewall_status) rather than the firewall: those ids stand for the firewall. The firewall
// policy and its rule groups (Suricata rules, domain lists) are not read: the report says so.

#include "import/TerraformMapping.h"

#include <algorithm>

namespace pp {
namespace {

using Json = nlohmann::json;

void mapFirewall(ImportContext& ctx, const TfResource& r)
{
    NetworkFirewall fw;
    const Json& mappings = ctx.value(r, "subnet_mapping");
    if (mappings.is_array())
        for (const Json& m : mappings)
            if (m.is_object())
                if (const auto s = ctx.referValue(r, m.value("subnet_id", Json()), "subnet_mapping.subnet_id"); ctx.get<Subnet>(s))
                    if (std::find(fw.subnets.begin(), fw.subnets.end(), *s) == fw.subnets.end())
                        fw.subnets.push_back(*s);
    std::optional<ResourceId> vpc = ctx.refer(r, "vpc_id");
    if (!ctx.get<Vpc>(vpc) && !fw.subnets.empty())
        vpc = ctx.get<Subnet>(fw.subnets.front())->vpc;
    if (!ctx.get<Vpc>(vpc)) {
        ctx.skip(r, "missingReference", "its VPC is not in the input or unknown");
        return;
    }
    fw.vpc = *vpc;
    const std::string name = ctx.nameTag(r).empty() ? ctx.string(r, "name").value_or("") : "";
    const ResourceId id = ctx.add(r, ctx.idFor(r), name, fw).id;
    const Json& status = ctx.value(r, "firewall_status");
    if (status.is_array())
        for (const Json& st : status)
            for (const Json& sync : st.is_object() ? st.value("sync_states", Json::array()) : Json::array())
                for (const Json& attachment : sync.is_object() ? sync.value("attachment", Json::array()) : Json::array())
                    if (attachment.is_object() && attachment.value("endpoint_id", Json()).is_string())
                        ctx.alias(attachment["endpoint_id"].get<std::string>(), id);
    ctx.assume("firewallRulesNotImported", id.str(),
               "the rules of " + id.str() + "'s firewall policy are not imported; until you add them in the editor it "
               "passes every flow (INS-3)");
}

} // namespace

void addFirewallMappers(std::vector<TfMapperEntry>& out)
{
    out.push_back({"aws_networkfirewall_firewall", 3, mapFirewall});
}

} // namespace pp
