#pragma once

#include "model/Describe.h"
#include "model/Enums.h"
#include "model/Id.h"
#include "model/Resource.h"

#include <optional>
#include <string>

namespace pp {

inline constexpr KindMask kFlowEndpoints{Kind::Workload,        Kind::OnPremisesHost, Kind::InternetHost,
                                         Kind::AwsService,      Kind::VpcEndpoint,    Kind::EndpointService,
                                         Kind::LoadBalancer,    Kind::ResourceConfiguration};

// A connection the user cares about: `source` opens it to `destination` (what the client
// believes it talks to) using `dnsName` if given. The engine answers its verdict.
struct Flow {
    FlowId id;
    std::string name;
    ResourceId source;
    ResourceId destination;
    Protocol protocol = Protocol::Tcp;
    std::optional<int> port;
    std::string dnsName;
    std::optional<IpAddress> destinationAddress; // DST-1: the exact public address a service or host answers on
    std::optional<Verdict> expect;
    std::string description;
    Extensions extensions;

    friend bool operator==(const Flow&, const Flow&) = default;
};
template <class A>
void describe(A& a, Flow& v)
{
    a.req("source", v.source, {.doc = "What opens the connection.", .kinds = kFlowEndpoints});
    a.req("destination", v.destination,
          {.doc = "What the client connects to: a workload, host, AWS service (its default name unless `dnsName` "
                  "says otherwise), VPC endpoint (its endpoint-specific DNS name), endpoint service (its private "
                  "DNS name), load balancer or resource configuration (through a resource or service-network endpoint of "
                  "the client's VPC, PL-1).",
           .kinds = kFlowEndpoints});
    a.opt("protocol", v.protocol, Protocol::Tcp, {.doc = "IP protocol."});
    a.opt("port", v.port, {.doc = "Destination port (required for `tcp` and `udp`).", .min = 0, .max = 65535});
    a.opt("dnsName", v.dnsName, std::string(),
          {.doc = "The DNS name the client resolves, e.g. `sqs.us-east-1.amazonaws.com`; empty = the "
                  "destination's address or default name."});
    a.opt("destinationAddress", v.destinationAddress,
          {.doc = "AWS service or internet host destinations: the exact address the client connects to when the "
                  "name resolves publicly (rule DST-1). Prefix-list routes and rules apply only if it is in the "
                  "prefix list. Absent = an address of the service's Regional prefix list (the path's notes say "
                  "which), or the host's `address`."});
    a.opt("expect", v.expect,
          {.doc = "The verdict the designer expects; `privatepath check` exits 1 when the flow's verdict differs."});
    a.opt("description", v.description, std::string(), {.doc = "Free text: why this flow matters."});
}

} // namespace pp
