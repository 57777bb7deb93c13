#pragma once

#include "analysis/AnalysisResult.h"
#include "analysis/ForwardingGraph.h"

namespace pp {

// Representatives of "the internet": addresses in no VPC, no on-premises network and no AWS
// prefix list, so routes treat them like any internet host.
IpAddress internetRepresentative(IpFamily family);

// Every workload that can open connections to the internet (and through which gateways), and
// every workload reachable from it (public IP or an internet-facing load balancer, a route back
// to an internet gateway, security groups and ACLs open to public sources), whether or not a
// flow was drawn. Egress reachability is a breadth-first search from the internet vertex over the
// reversed graph of the edges each vertex chooses for internet destinations.
std::vector<Exposure> computeExposure(const Network& network, const ForwardingGraph& graph);

} // namespace pp
