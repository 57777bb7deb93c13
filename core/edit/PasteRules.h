#pragma once

// What a pasted copy needs (see pasteSelection in Clipboard.h): the container of its kind, the
// field that ties it to that container, a fresh id and name. Internal to core/edit.

#include "design/Design.h"

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace pp {

// The container a top-level copy must land in.
enum class Need {
    Anywhere,       // the innermost container at the target, or the canvas
    Canvas,         // always the canvas
    Region,         // a Region, which becomes its Region
    RegionOrCanvas, // a Region if there is one at the target (which becomes its Region), else the canvas
    Vpc,            // a VPC, which becomes its VPC
    Subnet,         // a subnet, which becomes its subnet
    SubnetOrVpc,    // a subnet, which becomes its subnet, or a VPC that holds its subnets
    OnPremises,     // an on-premises network, which becomes its network
};

Need needOf(const Resource& r);

// Where a top-level copy lands.
struct Spot {
    std::optional<ResourceId> parent; // the shape it is drawn in; none = the canvas
    std::optional<ResourceId> model;  // the new value of its container field; none = unchanged
    std::optional<ResourceId> subnet; // the subnet at the target, for what lives in subnets of a VPC
};

// The spot for a copy that needs `need`, from `chain`: the shape under the pointer and the shapes
// it is drawn in, innermost first. Nullopt when no container of that kind is there.
std::optional<Spot> resolve(const Design& design, const std::vector<ResourceId>& chain, Need need);

// Why a copy needing `need` cannot land: "Paste instances into a subnet."
std::string refusalFor(const Resource& r, Need need);

// The field tying a resource to its container (subnet, VPC, Region, on-premises network; a load
// balancer's first subnet), if any; and setting it (load balancers excepted: they have a list).
std::optional<ResourceId> containerField(const Resource& r);
void setContainerField(Resource& r, const ResourceId& to);

// The id itself when free, else its stem (without a short "-N" suffix) with the first free number:
// "i-app" -> "i-app-2", and "i-app-2" -> "i-app-3" rather than "i-app-2-2".
std::string freshId(const std::string& id, const std::function<bool(const std::string&)>& taken);

// "App server" -> "App server (copy)", then "App server (copy 2)"...; "App server (copy)" ->
// "App server (copy 2)"; empty stays empty.
std::string copyName(const std::string& name, const std::set<std::string>& taken);

// A public address not in `used`: the address itself or the next one up.
IpAddress unusedFrom(IpAddress address, const std::set<Uint128>& used);

// Erases list entries left without the one peer or destination they must name once references
// were dropped: security group rules, routes, load balancer targets, transit gateway routes.
void dropHollowEntries(Resource& r);

} // namespace pp
