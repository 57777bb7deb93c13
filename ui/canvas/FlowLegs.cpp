#include "canvas/FlowLegs.h"

#include "canvas/ResourceItem.h"
#include "canvas/Style.h"

namespace pp::ui {

FlowLegs flowLegs(const FlowResult& result, const ResourceItem* source, const ResourceItem* destination,
                  const std::function<ResourceItem*(const std::string&)>& itemFor)
{
    // What a packet is checked or routed by, not carried through: implicit on the drawing.
    static const KindMask implicit{Kind::RouteTable,  Kind::SecurityGroup,          Kind::NetworkAcl,
                                   Kind::PrefixList,  Kind::PrivateHostedZone,      Kind::TransitGatewayRouteTable,
                                   Kind::AwsService,  Kind::ResolverEndpoint,       Kind::InternetHost,
                                   Kind::OnPremisesHost};
    FlowLegs out;
    bool reachedDestination = false;
    for (std::size_t i = 0; i < result.path.size(); ++i) {
        const Hop& hop = result.path[i];
        if (hop.action == "dns" || hop.action == "source")
            continue;
        ResourceItem* item = itemFor(hop.resource);
        const bool leaves = result.leavesAt && *result.leavesAt == i;
        if (item && item == destination && !reachedDestination) {
            // Kept as a waypoint for now: the packet may go on from it (a load balancer to its
            // target, a resource configuration to its resource through the resource gateway).
            reachedDestination = true;
            out.via << item;
            continue;
        }
        if (!item || item == destination || style::isContainer(item->kind()) || implicit.contains(item->kind())) {
            continue;
        }
        if (item == source) {
            if (leaves)
                out.exitLeg = 0;
            continue;
        }
        // A device met twice in a row (routed, then translated) is one waypoint; a loop back to
        // one already passed is not drawn twice.
        if (!out.via.contains(item))
            out.via << item;
        if (leaves)
            out.exitLeg = int(out.via.indexOf(item)) + 1;
    }
    // Where the packet stops at the destination, the connector ends there as drawn.
    if (reachedDestination && out.via.last() == destination)
        out.via.removeLast();
    if (result.verdict == Verdict::Unreachable && !reachedDestination)
        out.blockedLeg = int(out.via.size());
    return out;
}

} // namespace pp::ui
