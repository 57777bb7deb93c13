#pragma once

// moc does not need the core (and cannot parse its C++20 concepts).
#ifndef Q_MOC_RUN
#include "design/Design.h"
#endif

#include <QString>
#include <string_view>
#include <vector>

namespace pp::ui {

// One resource a reference may name: its id (what the file stores) and how a picker shows it,
// "App servers (subnet-app)": the name with the id beside it, never instead of it.
struct ReferenceChoice {
    QString id;
    QString label;
    friend bool operator==(const ReferenceChoice&, const ReferenceChoice&) = default;
};

// "Name (id)", or the id alone for a resource without a name of its own (or an unknown id).
// `local` reads "local (within the VPC)".
QString referenceLabel(const Design& design, const QString& id);

// The resources field `key` of `self` (the resource being edited; nullptr for a flow) may name,
// in design order: the reference's kinds, narrowed to what makes sense where it is used — a
// subnet's route table and network ACL, and an endpoint's or workload's subnets and security
// groups, come from the same VPC; a route table propagates from its VPC's virtual private
// gateway; a route's target is one of routeTargets().
std::vector<ReferenceChoice> referenceChoices(const Design& design, const Resource* self, std::string_view key,
                                              KindMask kinds, bool allowLocal);

// Exactly what a route in a table of `vpc` may send packets to (RT-1): `local`, the VPC's
// internet, egress-only and virtual private gateways, its NAT gateways, peerings it is part of,
// transit gateways attached to it, its Gateway Load Balancer endpoints and network interfaces of
// its workloads (middleboxes). Gateway endpoints are not among them: their prefix-list routes come
// from the endpoint's route tables (GW-2).
std::vector<ReferenceChoice> routeTargets(const Design& design, const ResourceId& vpc);

} // namespace pp::ui
