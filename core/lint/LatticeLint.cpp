// VPC Lattice resources over PrivateLink (rules PL-1, PL-2): a resource gateway with interfaces
// in its own VPC, resource configurations that say what they reach and through which gateway,
// and service networks that hold only what may be associated with them.

#include "lint/Linter.h"

namespace pp::lint {

void Linter::check(const Resource& r, const ResourceGateway& g)
{
    sameVpc(r, g.vpc, g.subnets, "subnet");
    sameVpc(r, g.vpc, g.securityGroups, "security group");
    if (g.subnets.empty())
        error("RESOURCE_GATEWAY_WITHOUT_SUBNET", {r.id.str()},
              "resource gateway " + r.id.str() + " has no subnet, so it has no network interface to reach resources from (PL-1)");
    oneSubnetPerAz(r, g.subnets, "ONE_SUBNET_PER_AZ");
}

void Linter::check(const Resource& r, const ResourceConfiguration& c)
{
    const std::string id = r.id.str();
    const int definitions = int(c.resource.has_value()) + int(c.ipAddress.has_value() && c.domainName.empty()) + int(!c.domainName.empty());
    switch (c.configurationType) {
    case ResourceConfigurationType::Group:
        if (definitions > 0)
            error("RESOURCE_CONFIGURATION_DEFINITION", {id},
                  "group configuration " + id + " names a resource itself; its child configurations do (PL-1)");
        break;
    case ResourceConfigurationType::Single:
    case ResourceConfigurationType::Child:
        if (definitions != 1)
            error("RESOURCE_CONFIGURATION_DEFINITION", {id},
                  "resource configuration " + id + (definitions == 0 ? " names no resource" : " names more than one resource") +
                      ": give exactly one of resource, ipAddress or domainName (PL-1)");
        break;
    }
    if (c.configurationType == ResourceConfigurationType::Child) {
        const ResourceConfiguration* group = get<ResourceConfiguration>(c.group);
        if (!group || group->configurationType != ResourceConfigurationType::Group)
            error("RESOURCE_CONFIGURATION_GROUP", {id},
                  "child configuration " + id + " needs `group`, a configuration of type group (PL-1)");
        if (c.resourceGateway && group && group->resourceGateway && *c.resourceGateway != *group->resourceGateway)
            error("RESOURCE_CONFIGURATION_GROUP", {id, c.resourceGateway->str()},
                  "child configuration " + id + " names resource gateway " + c.resourceGateway->str() + ", but its group uses " +
                      group->resourceGateway->str() + "; a child always uses its group's (PL-1)");
    } else {
        if (c.group)
            error("RESOURCE_CONFIGURATION_GROUP", {id, c.group->str()},
                  "resource configuration " + id + " is not a child, so it cannot belong to group " + c.group->str() + " (PL-1)");
        if (!c.resourceGateway)
            error("RESOURCE_CONFIGURATION_WITHOUT_GATEWAY", {id},
                  "resource configuration " + id + " has no resource gateway, so consumers' connections have no way to it (PL-1)");
    }
    for (const PortRange& range : c.portRanges)
        if (range.fromPort > range.toPort)
            error("PORT_RANGE_INVERTED", {id},
                  "resource configuration " + id + " has fromPort " + std::to_string(range.fromPort) + " > toPort " +
                      std::to_string(range.toPort));
    if (c.ipAddress && !c.ipAddress->isV4() && !c.resource)
        warning("RESOURCE_CONFIGURATION_DEFINITION", {id},
                "resource configuration " + id + " is an IPv6 address; PrivatePath traces IPv4 resource gateways only (PL-1)");
}

void Linter::check(const Resource& r, const ServiceNetwork& n)
{
    for (const ResourceId& c : n.resourceConfigurations)
        if (const ResourceConfiguration* config = get<ResourceConfiguration>(c);
            config && config->configurationType == ResourceConfigurationType::Child)
            error("ENDPOINT_TYPE_MISMATCH", {r.id.str(), c.str()},
                  "service network " + r.id.str() + " holds child configuration " + c.str() +
                      "; associate its group, which brings every child (PL-2)");
}

} // namespace pp::lint
