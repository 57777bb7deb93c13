#include "design/Placement.h"

#include "model/References.h"

#include <algorithm>

namespace pp {

std::optional<ResourceId> vpcOfResource(const Design& design, const ResourceId& id)
{
    const Resource* r = design.find(id);
    return r ? vpcOfResource(design, *r) : std::nullopt;
}

std::optional<ResourceId> vpcOfResource(const Design& design, const Resource& resource)
{
    return std::visit(
        [&](const auto& d) -> std::optional<ResourceId> {
            using T = std::decay_t<decltype(d)>;
            if constexpr (std::is_same_v<T, Vpc>)
                return resource.id;
            else if constexpr (std::is_same_v<T, Workload>)
                return vpcOfResource(design, d.subnet);
            else if constexpr (std::is_same_v<T, NatGateway>)
                return d.subnet ? vpcOfResource(design, *d.subnet) : d.vpc; // zonal or regional (NAT-1)
            else if constexpr (std::is_same_v<T, InternetGateway> || std::is_same_v<T, VirtualPrivateGateway>)
                return d.vpc;
            else if constexpr (requires { { d.vpc } -> std::convertible_to<const ResourceId&>; })
                return d.vpc;
            else if constexpr (std::is_same_v<T, LoadBalancer>)
                return d.subnets.empty() ? std::nullopt : vpcOfResource(design, d.subnets.front());
            else
                return std::nullopt;
        },
        resource.data);
}

bool inScope(const Design& design, const ResourceId& id, const std::optional<ResourceId>& scope)
{
    if (!scope || id == *scope)
        return true;
    const Resource* container = design.find(*scope);
    if (!container)
        return false;
    if (container->kind() == Kind::Vpc)
        return vpcOfResource(design, id) == *scope;
    const Resource* r = design.find(id);
    if (!r)
        return false;
    const std::vector<ResourceId> refs = referencesOf(*r);
    return std::find(refs.begin(), refs.end(), *scope) != refs.end();
}

} // namespace pp
