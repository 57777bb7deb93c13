#include "analysis/Tracer.h"

#include "analysis/trace/Trace.h"

namespace pp {

FlowResult traceFlow(const Network& network, const ForwardingGraph& graph, const Flow& flow, std::set<std::string>* dependencies)
{
    if (!network.design().find(flow.source) || !network.design().find(flow.destination)) {
        FlowResult r;
        r.flow = flow.id;
        r.blocking.push_back({"NO_PATH", flow.id.str(), "the flow's source or destination does not exist"});
        return r;
    }
    return trace::Trace(network, graph, flow, dependencies).run();
}

} // namespace pp
