#pragma once

#include "analysis/AnalysisResult.h"
#include "analysis/ForwardingGraph.h"

#include <cstdint>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace pp {

// Representatives of "the internet": addresses in no VPC, no on-premises network and no AWS
// prefix list, so routes treat them like any internet host.
IpAddress internetRepresentative(IpFamily family);

// Every workload that can open connections to the internet (and through which gateways), and
// every workload reachable from it (public IP or an internet-facing load balancer, a route back
// to an internet gateway, security groups and ACLs open to public sources), whether or not a
// flow was drawn. Egress follows, from each subnet's route table, the edge each device chooses for
// internet destinations.
std::vector<Exposure> computeExposure(const Network& network, const ForwardingGraph& graph);

// What an incremental analysis keeps between runs: for each workload, the ids its exposure was
// computed from (itself, its subnet, VPC, ACL, security groups and the prefix lists they name,
// every device on its subnet's route to the internet, and the load balancers that target it) and
// the position of its answer in that run's result (-1: not exposed); and, the other way round,
// which workloads read each id, so that an edit finds the answers it invalidates without looking
// at every workload.
struct ExposureCache {
    struct Entry {
        std::string workload;                    // the workload at this position of the design ("": none)
        std::vector<std::uint64_t> dependencies; // hashes of the ids
        int index = -1;
    };
    std::vector<Entry> entries; // by the resource's position in the design of the last run
    std::unordered_map<std::uint64_t, std::vector<std::size_t>> readers; // id hash -> positions in `entries`
    std::size_t staleReaders = 0; // `readers` entries left behind by answers computed again
};

// The same, moving from `previous` (the last run's result, which `cache` describes) the answer of
// every workload none of whose dependencies is in `changed`; fills `cache` for the next run.
// Without `previous` and `changed` every workload is looked at.
std::vector<Exposure> computeExposure(const Network& network, const ForwardingGraph& graph, ExposureCache& cache,
                                      std::vector<Exposure>* previous, const std::set<std::string>* changed);

} // namespace pp
