#pragma once

// moc does not need the core (and cannot parse its C++20 concepts).
#ifndef Q_MOC_RUN
#include "design/Design.h"
#endif

#include <QString>
#include <string_view>

namespace pp::ui {

// What the inspector calls a field: networking words ("Private DNS only for inbound Resolver
// endpoint") rather than the file's key (`privateDnsOnlyForInboundResolverEndpoint`, which the
// label's tooltip still names). Keys without an entry of their own are split into words, with
// the usual acronyms (CIDR, IP, DNS, VPC, ASN, AZ) spelled as such.
QString fieldLabel(std::string_view key);

// Whether field `key` of `resource` means anything for its type and mode: a gateway endpoint has
// no subnets, security groups or private DNS; an interface endpoint no route tables; a private NAT
// gateway no Elastic IP; only an S3 interface endpoint has "private DNS only for inbound Resolver". The inspector shows only the fields that apply; the model keeps the
// others as they are (switching the mode back shows them again).
bool fieldApplies(const Design& design, const Resource& resource, std::string_view key);

} // namespace pp::ui
