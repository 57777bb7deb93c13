#pragma once

#include "analysis/AnalysisResult.h"
#include "analysis/ForwardingGraph.h"

#include <set>

namespace pp {

// Traces one flow through the forwarding graph, hop by hop, applying every rule of
// NETWORK-RULES.md sections 2-9 on the way, then checks the TCP return path. `dependencies`
// receives the ids of every resource the answer depended on (for incremental re-analysis).
FlowResult traceFlow(const Network& network, const ForwardingGraph& graph, const Flow& flow,
                     std::set<std::string>* dependencies = nullptr);

// The representative client port of replies, checked against network ACLs: inside the ephemeral
// ranges of Linux (32768-60999), Windows (49152-65535) and NAT gateways (1024-65535).
inline constexpr int kEphemeralPort = 49152;

} // namespace pp
