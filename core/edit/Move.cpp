#include "edit/Move.h"

#include "edit/Addressing.h"
#include "model/References.h"

#include <algorithm>
#include <set>

namespace pp {

namespace {

bool refuse(std::string* refusal, std::string why)
{
    if (refusal)
        *refusal = std::move(why);
    return false;
}

} // namespace

bool moveSubnetToVpc(ChangeSetBuilder& builder, const Design& design, const ResourceId& subnetId, const ResourceId& vpcId,
                     std::string* refusal)
{
    const Resource* subnetResource = design.find(subnetId);
    const Subnet* subnet = subnetResource ? subnetResource->as<Subnet>() : nullptr;
    const Vpc* vpc = design.findAs<Vpc>(vpcId);
    if (!subnet || !vpc)
        return refuse(refusal, "there is no subnet " + subnetId.str() + " or VPC " + vpcId.str());
    if (subnet->vpc == vpcId)
        return true; // already there: nothing to change in the model
    const Vpc* oldVpc = design.findAs<Vpc>(subnet->vpc);
    if (!oldVpc || oldVpc->region != vpc->region)
        return refuse(refusal, subnetId.str() + " stays in its Region: " + vpcId.str() + " is in another one");
    if (const Region* region = design.findAs<Region>(vpc->region);
        region && std::find(region->availabilityZones.begin(), region->availabilityZones.end(), subnet->availabilityZone) ==
                      region->availabilityZones.end())
        return refuse(refusal, "the Region of " + vpcId.str() + " has no AZ " + subnet->availabilityZone);

    // What lives in the subnet comes along; anything else that uses it would span two VPCs.
    std::vector<const Resource*> contents;
    for (const Resource& r : design.resources()) {
        if (r.id == subnetId)
            continue;
        const auto refs = referencesOf(r);
        if (std::find(refs.begin(), refs.end(), subnetId) == refs.end())
            continue;
        const Workload* w = r.as<Workload>();
        const NatGateway* n = r.as<NatGateway>();
        if ((w && w->subnet == subnetId) || (n && n->subnet && *n->subnet == subnetId))
            contents.push_back(&r);
        else
            return refuse(refusal, r.id.str() + " uses " + subnetId.str() + "; take it out of " + r.id.str() + " first");
    }

    // The first free block of the same size in the new VPC.
    const std::optional<Cidr> block = nextFreeSubnetBlock(design, vpcId, subnet->cidr.prefixLength());
    if (!block)
        return refuse(refusal, vpcId.str() + " has no free /" + std::to_string(subnet->cidr.prefixLength()) + " for " + subnetId.str());

    const auto addressed = std::count_if(contents.begin(), contents.end(), [](const Resource* r) {
        const Workload* w = r->as<Workload>();
        return w && w->privateIp;
    });
    if (Uint128(addressed) + 10 >= block->last().value() - block->network().value())
        return refuse(refusal, subnetId.str() + " holds more instances than a /" + std::to_string(block->prefixLength()) + " has addresses");

    Resource moved = *subnetResource;
    Subnet& s = std::get<Subnet>(moved.data);
    s.vpc = vpcId;
    s.cidr = *block;
    s.ipv6Cidr.reset();
    auto inNewVpc = [&](const std::optional<ResourceId>& id, auto tag) {
        using T = decltype(tag);
        const T* value = id ? design.findAs<T>(*id) : nullptr;
        return value && value->vpc == vpcId;
    };
    if (!inNewVpc(s.routeTable, RouteTable{}))
        s.routeTable.reset();
    if (!inNewVpc(s.networkAcl, NetworkAcl{}))
        s.networkAcl.reset();
    builder.modify(std::move(moved));

    // Addresses in the new block, in the order the instances appear in the design; .1-.3 and the
    // last address are AWS's, so numbering starts at .10 as for new instances.
    Uint128 next = block->network().value() + 10;
    for (const Resource* r : contents) {
        Resource changed = *r;
        if (Workload* w = changed.as<Workload>()) {
            if (w->privateIp)
                w->privateIp = IpAddress::v4(std::uint32_t(next++));
            w->securityGroups.clear();
        } else if (NatGateway* n = changed.as<NatGateway>()) {
            n->privateIp.reset();
        }
        builder.modify(std::move(changed));
    }
    return true;
}

namespace {

// The VPC a gateway is attached to, or nullopt (detached, or not a gateway).
std::optional<ResourceId> attachedVpc(const Resource& r)
{
    if (const InternetGateway* g = r.as<InternetGateway>())
        return g->vpc;
    if (const EgressOnlyInternetGateway* g = r.as<EgressOnlyInternetGateway>())
        return g->vpc;
    if (const VirtualPrivateGateway* g = r.as<VirtualPrivateGateway>())
        return g->vpc;
    return std::nullopt;
}

} // namespace

bool moveGatewayToVpc(ChangeSetBuilder& builder, const Design& design, const ResourceId& gatewayId, const ResourceId& vpcId,
                      int* removedRoutes, std::string* refusal)
{
    if (removedRoutes)
        *removedRoutes = 0;
    const Resource* gateway = design.find(gatewayId);
    const Vpc* vpc = design.findAs<Vpc>(vpcId);
    if (!gateway || !vpc || !(gateway->as<InternetGateway>() || gateway->as<EgressOnlyInternetGateway>() || gateway->as<VirtualPrivateGateway>()))
        return refuse(refusal, "there is no gateway " + gatewayId.str() + " or VPC " + vpcId.str());
    const std::optional<ResourceId> oldVpcId = attachedVpc(*gateway);
    if (oldVpcId == vpcId)
        return true;
    if (const Vpc* oldVpc = oldVpcId ? design.findAs<Vpc>(*oldVpcId) : nullptr; oldVpc && oldVpc->region != vpc->region)
        return refuse(refusal, gatewayId.str() + " stays in its Region: " + vpcId.str() + " is in another one");
    for (const Resource& r : design.resources())
        if (r.id != gatewayId && r.kind() == gateway->kind() && attachedVpc(r) == vpcId)
            return refuse(refusal, vpcId.str() + " already has " + r.id.str() + " (one per VPC)");

    Resource moved = *gateway;
    if (InternetGateway* g = moved.as<InternetGateway>())
        g->vpc = vpcId;
    else if (EgressOnlyInternetGateway* e = moved.as<EgressOnlyInternetGateway>())
        e->vpc = vpcId;
    else if (VirtualPrivateGateway* v = moved.as<VirtualPrivateGateway>())
        v->vpc = vpcId;
    builder.modify(std::move(moved));

    if (!oldVpcId)
        return true;
    for (const Resource& r : design.resources()) {
        const RouteTable* table = r.as<RouteTable>();
        if (!table || table->vpc != *oldVpcId)
            continue;
        Resource changed = r;
        RouteTable& t = std::get<RouteTable>(changed.data);
        const auto before = t.routes.size();
        std::erase_if(t.routes, [&](const Route& route) { return route.target == gatewayId; });
        std::erase(t.propagatingGateways, gatewayId);
        if (removedRoutes)
            *removedRoutes += int(before - t.routes.size());
        if (!(t == *table))
            builder.modify(std::move(changed));
    }
    return true;
}

} // namespace pp

