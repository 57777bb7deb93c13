#pragma once

// Which drawn tiles a flow's connector passes through, from the engine's answer.

#ifndef Q_MOC_RUN
#include "analysis/AnalysisResult.h"
#endif

#include <QList>
#include <functional>
#include <string>

namespace pp::ui {

class ResourceItem;

struct FlowLegs {
    // The devices of the forward path between source and destination that are drawn, in order
    // (gateways, endpoints, NAT, load balancers, peerings, transit gateways, VPN and Direct
    // Connect). Route tables, security groups, ACLs and containers stay implicit. When the packet
    // goes on from the flow's destination (a load balancer to its target, a resource
    // configuration through its resource gateway to the resource), the destination is one of
    // them and the connector ends at the last.
    QList<ResourceItem*> via;
    // The leg (0 = from the source to the first device) that starts where a public path leaves
    // the private network; -1 when that hop is not drawn.
    int exitLeg = -1;
    // Unreachable flows: the leg from the last device the packet reached to the destination; -1
    // when the packet got there (the reply is what fails).
    int blockedLeg = -1;
};

FlowLegs flowLegs(const FlowResult& result, const ResourceItem* source, const ResourceItem* destination,
                  const std::function<ResourceItem*(const std::string&)>& itemFor);

} // namespace pp::ui
