#pragma once

// Policies: intents over sets of endpoints that `privatepath check` enforces on every design
// (docs/file-format.md, "Policies"). This header is the data only, like lesson/Lesson.h; the
// evaluation is in policy/PolicyCheck.h. A policy names its endpoints by scope (ids, kinds,
// containers, tags), never by drawn flows: it holds for every pair the design allows.

#include "model/Describe.h"
#include "model/Enums.h"
#include "model/Flow.h"
#include "model/Id.h"

#include <optional>
#include <string>
#include <vector>

namespace pp {

class Design;

// What a policy asks. `from` and `to` are the policy's scopes A and B.
enum class PolicyKind : std::uint8_t {
    PrivateOnly,        // nothing in `from` has a public path: to the internet, or (with `to`) to anything in `to`
    NoInternetExposure, // nothing in `from` can be reached from the internet
    Isolated,           // no connection is possible between `from` and `to`, in either direction
    MustReach,          // every member of `from` reaches every member of `to` privately
    OnlyVia,            // every connection from `from` to `to` passes through one of `via`
};
template <>
struct EnumTraits<PolicyKind> {
    static constexpr std::array names{std::string_view("private-only"), std::string_view("no-internet-exposure"),
                                      std::string_view("isolated"), std::string_view("must-reach"),
                                      std::string_view("only-via")};
};

// A set of endpoints, the kinds a flow may start or end at (workloads, hosts, AWS services, endpoints, endpoint services, load
// balancers). Members are the listed `resources`, plus — when any of `kinds`, `containers`, `tags`
// is given — every endpoint that matches all the given ones (one entry of each list is enough).
struct Scope {
    std::vector<ResourceId> resources; // these endpoints, by id
    std::vector<std::string> kinds;    // kind names, e.g. "workload"
    std::vector<ResourceId> containers; // a VPC, subnet or on-premises network: everything in it
    std::vector<std::string> tags;     // "key" or "key=value" (design/TagScope.h)

    bool empty() const { return resources.empty() && kinds.empty() && containers.empty() && tags.empty(); }
    friend bool operator==(const Scope&, const Scope&) = default;
};
template <class A>
void describe(A& a, Scope& v)
{
    a.opt("resources", v.resources,
          {.doc = "Endpoints by id: workloads, hosts, AWS services, VPC endpoints, endpoint services, load balancers.",
           .kinds = kFlowEndpoints});
    a.opt("kinds", v.kinds, {.doc = "Kind names, e.g. `workload` or `loadBalancer`: only endpoints of these kinds."});
    a.opt("containers", v.containers,
          {.doc = "VPCs, subnets or on-premises networks: only endpoints inside one of them.",
           .kinds = KindMask{Kind::Vpc, Kind::Subnet, Kind::OnPremisesNetwork}});
    a.opt("tags", v.tags,
          {.doc = "Tag selectors, `key` (any value) or `key=value`: only endpoints carrying one of them (a resource "
                  "carries its subnet's and VPC's tags too)."});
}

struct Policy {
    std::string id;       // unique among the policies; names the policy in reports
    PolicyKind kind = PolicyKind::PrivateOnly;
    std::string description;
    Scope from;                 // scope A
    std::optional<Scope> to;    // scope B
    Protocol protocol = Protocol::All; // `all`: any traffic at all
    std::optional<int> port;
    std::vector<ResourceId> via; // only-via: the resources one of which every path must visit

    friend bool operator==(const Policy&, const Policy&) = default;
};
template <class A>
void describe(A& a, Policy& v)
{
    a.req("id", v.id, {.doc = "Unique among the policies (same syntax as resource ids); names the policy in reports."});
    a.req("kind", v.kind, {.doc = "What the policy asks (see [Policies](#policies))."});
    a.opt("description", v.description, std::string(), {.doc = "Why the policy exists, for the reader of a report."});
    a.req("from", v.from, {.doc = "Scope A: the sources (for `isolated`, one side)."});
    a.opt("to", v.to,
          {.doc = "Scope B: the destinations (for `isolated`, the other side). Required by `isolated`, `must-reach` "
                  "and `only-via`; optional for `private-only`; not allowed for `no-internet-exposure`."});
    a.opt("protocol", v.protocol, Protocol::All,
          {.doc = "The traffic checked between A and B; `all` = any protocol and port (some traffic at all)."});
    a.opt("port", v.port,
          {.doc = "Destination port, required with `tcp` and `udp`, not allowed otherwise.", .min = 0, .max = 65535});
    a.opt("via", v.via,
          {.doc = "`only-via`: the resources (a firewall endpoint, an inspection appliance, a transit gateway route "
                  "table...) at least one of which every path from A to B must visit.",
           .kinds = KindMask::all()});
}

} // namespace pp
