// Inspection (rules SVC-8, INS-1, INS-2 and middlebox routing): Gateway Load Balancer endpoints,
// and workloads whose network interface is a route target (appliances). Each detour is recorded
// on the trace, so that the reply can be required to come back through it (INS-1) and, in an
// inspection VPC behind a transit gateway, through the same AZ's appliances (INS-2).

#include "analysis/trace/Device.h"

#include <algorithm>

namespace pp::trace {
namespace {

class GwlbEndpointHop final : public DeviceHandler {
public:
    GwlbEndpointHop() : DeviceHandler({NodeKind::GwlbEndpoint}) {}
    Step forward(Trace& tr, Walk& walk) const override
    {
        const VpcEndpoint* e = tr.available<VpcEndpoint>(walk, "Gateway Load Balancer endpoint", "available");
        if (!e)
            return Step::Stop;
        if (boost::out_degree(walk.v, tr.graph.graph()) == 0) {
            tr.block("CANNOT_ROUTE", walk.id, "Gateway Load Balancer endpoint " + walk.id + " has no subnet", true);
            return Step::Stop;
        }
        tr.hop(walk.id, "forward", "inspected by the appliances behind " + e->service.str() + " (GENEVE, UDP 6081), then routed on (SVC-8)", walk.p);
        tr.inspections.emplace_back(walk.v, walk.currentVpc);
        walk.v = tr.soleSuccessor(walk.v);
        return Step::Next;
    }
};

class MiddleboxHop final : public DeviceHandler {
public:
    MiddleboxHop() : DeviceHandler({NodeKind::Middlebox}) {}
    Step forward(Trace& tr, Walk& walk) const override
    {
        tr.hop(walk.id, "forward", "forwarded by the network interface of " + walk.id, walk.p);
        tr.inspections.emplace_back(walk.v, walk.currentVpc);
        walk.v = tr.soleSuccessor(walk.v);
        return Step::Next;
    }
};

} // namespace

// GWLB endpoints front stateful appliances (INS-1): a reply around them drops the flow. A
// middlebox interface may be stateless (a router) or stateful (a firewall): PrivatePath cannot
// tell, so a reply around it is a note, not a drop (Trace::checkReturnPath reads the rule).
const char* inspectionRule(const Trace& tr, Vertex detour)
{
    return tr.graph.node(detour).kind == NodeKind::Middlebox ? kMiddleboxReturnRule : "INS-1";
}

// The reply to `replyTo` enters `vpc` through `gateway`. When the request was inspected in that
// VPC (after any NAT), the gateway's route table must send the reply back through the same
// detour (INS-1); without a gateway route table the local route takes it straight to its
// subnet, around the detour (RT-9).
void checkReplyThroughGateway(Trace& tr, const ResourceId& gateway, const std::optional<ResourceId>& table, const ResourceId& vpc,
                              const IpAddress& replyTo)
{
    const std::optional<Vertex> inspected = tr.inspectionIn(vpc, true);
    if (!inspected)
        return;
    const char* rule = inspectionRule(tr, *inspected);
    const std::string detour = tr.graph.node(*inspected).resource.str();
    const std::optional<Vertex> tableVertex = table ? tr.graph.find(NodeKind::RouteTable, *table) : std::nullopt;
    if (table)
        tr.dep(table->str());
    if (tableVertex) {
        tr.replyRoutes.push_back({*tableVertex, replyTo, {*inspected}, table->str(), rule, {}});
        // From the detour's subnet the reply goes on into the VPC by its local route.
        const Vertex detourTable = tr.detourExit(*inspected);
        const auto local = tr.graph.find(NodeKind::VpcLocal, vpc);
        if (local && tr.graph.node(detourTable).kind == NodeKind::RouteTable)
            tr.replyRoutes.push_back({detourTable, replyTo, {*local}, detour, rule, {}});
        return;
    }
    ReplyRoute around;
    around.from = *inspected;
    around.replyDestination = replyTo;
    around.where = gateway.str();
    around.rule = rule;
    around.bypass = "the reply to " + replyTo.toString() + " enters " + vpc.str() + " through " + gateway.str() +
                    ", which has no gateway route table, so the local route takes it straight to its subnet, around " + detour +
                    "; associate a route table with " + gateway.str() + " that sends the subnet's CIDR to " + detour + " (RT-9)";
    tr.replyRoutes.push_back(std::move(around));
}

// INS-2: without appliance mode a transit gateway sends each direction of a flow into a VPC
// attachment in the AZ it came from (the source's AZ for the request, the destination's for the
// reply). When those differ, and the attachment spans more than one AZ, each direction meets a
// different AZ's appliances: stateful ones see half a connection. With appliance mode the
// transit gateway picks one AZ for both directions.
void checkApplianceMode(Trace& tr, const Walk& walk, const ResourceId& attachment)
{
    if (walk.arrival != Arrival::Transit || !walk.transitEgress)
        return;
    const std::optional<Vertex> inspected = tr.inspectionIn(walk.currentVpc);
    const TransitGatewayAttachment* leaving = tr.net.get<TransitGatewayAttachment>(attachment);
    // The attachment the packet entered the VPC by decides where the transit gateway delivers each
    // direction (normally the same attachment it leaves by).
    const ResourceId inspectionAttachment = *walk.transitEgress;
    const TransitGatewayAttachment* a = tr.net.get<TransitGatewayAttachment>(inspectionAttachment);
    if (!inspected || !leaving || leaving->attachmentType != TgwAttachmentType::Vpc || !a || a->attachmentType != TgwAttachmentType::Vpc)
        return;
    tr.dep(inspectionAttachment.str());
    if (a->applianceMode)
        return;
    const std::string sourceAz = tr.sourceSubnet.empty() ? std::string() : tr.net.availabilityZoneOf(tr.sourceSubnet);
    const std::string destinationAz = tr.target.subnet.empty() ? std::string() : tr.net.availabilityZoneOf(tr.target.subnet);
    if (sourceAz.empty() || destinationAz.empty() || sourceAz == destinationAz)
        return;
    std::vector<std::string> azs;
    for (const ResourceId& s : a->subnets) {
        tr.dep(s.str());
        if (const std::string az = tr.net.availabilityZoneOf(s); !az.empty() && std::find(azs.begin(), azs.end(), az) == azs.end())
            azs.push_back(az);
    }
    if (azs.size() < 2)
        return; // one AZ takes both directions
    const std::string detour = tr.graph.node(*inspected).resource.str();
    const std::string id = inspectionAttachment.str();
    const std::string why = "transit gateway attachment " + id + " of " + walk.currentVpc.str() +
                            " has appliance mode off, so the transit gateway keeps each direction in the AZ it came from: the "
                            "request enters " + walk.currentVpc.str() + " in " + sourceAz + " (the source's AZ), the reply in " +
                            destinationAz + " (the destination's AZ), and the appliances behind " + detour +
                            " in each AZ see only one direction";
    if (tr.graph.node(*inspected).kind == NodeKind::Middlebox)
        tr.note("TGW_APPLIANCE_MODE_DISABLED", id,
                why + "; fine for a stateless router, but a stateful firewall drops the connection; turn applianceMode on for " +
                    id + " if it is stateful (INS-2)");
    else
        tr.block("TGW_APPLIANCE_MODE_DISABLED", id,
                 why + ", so stateful inspection drops the flow; turn applianceMode on for " + id + " (INS-2)", false);
}

void addInspectionDevices(DeviceRegistry& registry)
{
    static const GwlbEndpointHop gwlbEndpointHop;
    registry.add(gwlbEndpointHop);
    static const MiddleboxHop middleboxHop;
    registry.add(middleboxHop);
}

} // namespace pp::trace
