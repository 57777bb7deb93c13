#pragma once

// One interface for what a kind of device does to a traced packet, and the registry the walk
// consults instead of switching on kinds. A device family is one file in analysis/devices/ that
// defines its handlers and one add...Devices function; DeviceRegistry::standard() lists those
// functions. A new device is one handler class (in its family's file or a new one), its
// NodeKind and/or resource Kind, and one registration.

#include "analysis/trace/Trace.h"
#include "model/Kind.h"

#include <array>
#include <initializer_list>
#include <span>
#include <vector>

namespace pp::trace {

class DeviceHandler {
public:
    // `vertexKinds`: the forwarding-graph vertices at which this device makes the forwarding
    // decision. `resourceKinds`: the resource kinds it answers for as a flow's destination (DNS,
    // and what happens when the packet reaches one of its interfaces).
    DeviceHandler(std::initializer_list<NodeKind> vertexKinds, std::initializer_list<Kind> resourceKinds = {})
        : m_vertexKinds(vertexKinds), m_resourceKinds(resourceKinds)
    {
    }
    virtual ~DeviceHandler() = default;

    std::span<const NodeKind> vertexKinds() const { return m_vertexKinds; }
    std::span<const Kind> resourceKinds() const { return m_resourceKinds; }

    // The packet is at `walk.v`, a vertex of one of vertexKinds(): record the hop or block,
    // and move `walk` on (Step::Next) or end this walk (Step::Stop).
    virtual Step forward(Trace& trace, Walk& walk) const;
    // How `client` reaches `destination` (one of resourceKinds()); nullopt after a hard block.
    virtual std::optional<Target> resolve(Trace& trace, const Resource& destination, const Client& client,
                                          const Packet& p) const;
    // The packet reached the target's interface in its VPC, past security groups and ACLs.
    // By default it is delivered there.
    virtual void arrive(Trace& trace, const Packet& p) const;

private:
    std::vector<NodeKind> m_vertexKinds;
    std::vector<Kind> m_resourceKinds;
};

class DeviceRegistry {
public:
    // Registers `handler` (which must outlive the registry) for its vertex and resource kinds.
    void add(const DeviceHandler& handler);
    const DeviceHandler* atVertex(NodeKind kind) const { return m_byVertex[std::size_t(kind)]; }
    const DeviceHandler* forResource(Kind kind) const { return m_byResource[std::size_t(kind)]; }

    // Every device family PrivatePath knows.
    static const DeviceRegistry& standard();

private:
    std::array<const DeviceHandler*, kNodeKindCount> m_byVertex{};
    std::array<const DeviceHandler*, kKindCount> m_byResource{};
};

// The families (analysis/devices/*.cpp), each adding its handlers.
void addRoutingDevices(DeviceRegistry& registry);
void addGatewayDevices(DeviceRegistry& registry);
void addEndpointDevices(DeviceRegistry& registry);
void addLoadBalancerDevices(DeviceRegistry& registry);
void addInspectionDevices(DeviceRegistry& registry);
void addFirewallDevices(DeviceRegistry& registry);
void addTransitDevices(DeviceRegistry& registry);
void addHybridDevices(DeviceRegistry& registry);
void addHostDevices(DeviceRegistry& registry);
void addLatticeDevices(DeviceRegistry& registry);

// What one family hands over to another.
// Routing: the packet is inside `vpc` for local delivery to the target interface.
void deliverInVpc(Trace& t, const ResourceId& vpc, const Packet& p, Arrival arrival, const std::vector<Vertex>& replyExpect);
// Inspection: the rule a reply route around `detour` (a GWLB endpoint or middlebox vertex) breaks:
// "INS-1" (the flow is dropped), or kMiddleboxReturnRule (only a note: a middlebox may be stateless).
inline constexpr const char* kMiddleboxReturnRule = "INS-1, middlebox";
const char* inspectionRule(const Trace& t, Vertex detour);
// Inspection: the reply to `replyTo` will enter `vpc` through `gateway` (an internet or virtual
// private gateway with gateway route table `table`): it must come back through the detour the
// request crossed there (RT-9, INS-1).
void checkReplyThroughGateway(Trace& t, const ResourceId& gateway, const std::optional<ResourceId>& table, const ResourceId& vpc,
                              const IpAddress& replyTo);
// Inspection: the packet leaves `walk.currentVpc` by its transit gateway attachment
// `attachment`; if it came in through the transit gateway and was inspected there, the
// inspection VPC's attachment needs appliance mode when the two directions use different AZs (INS-2).
void checkApplianceMode(Trace& t, const Walk& walk, const ResourceId& attachment);
// Endpoints: the VPC whose DNS answers `client`: its own, or for an on-premises client the VPC of
// the first Resolver endpoint its DNS forwards to (named in `resolver`, else the client's VPC id).
std::optional<ResourceId> resolvingVpc(const Trace& t, const Client& client, std::string& resolver);
// Endpoints: where `client` reaches the interface of endpoint `endpointId` (its own AZ's, else the
// first; a note when an in-VPC client crosses AZs, IF-5).
Target endpointTarget(Trace& t, const ResourceId& endpointId, const Client& client, bool inVpcClient);
// Endpoints: why a flow to an AWS service did not stay private, given the route table it used.
void serviceHints(Trace& t, const std::string& table);
// Load balancers: `lb` in `lbSubnet` receives the packet and forwards it to the targets of that
// AZ (NLB-1). `viaPrivateLink`: it came through an interface endpoint, so targets see the load
// balancer's address and its inbound rules apply only if it enforces them on PrivateLink (NLB-2).
void forwardThroughLoadBalancer(Trace& t, const ResourceId& lbId, const LoadBalancer& lb, const ResourceId& lbSubnet,
                                const Packet& p, bool viaPrivateLink);
// Who owns `address` as a target: a workload, an on-premises host, or an address of an on-premises
// network (SVC-5, PL-1).
Target targetAtAddress(Trace& t, const IpAddress& address);
// A proxy with an interface in `fromSubnet` of `vpc` (a load balancer, a resource gateway) sends
// `p`, which it sources, on to t.target: straight to an interface of the same VPC (whose inbound
// rules may name the sender's groups when `senderGuarded`), else by its subnet's route table.
void sendFromInterface(Trace& t, const ResourceId& sender, bool senderGuarded, const ResourceId& fromSubnet, const ResourceId& vpc,
                       const Packet& p);
// PrivateLink to VPC Lattice (PL-1): the packet reached `endpoint` (a resource or service-network
// endpoint) for resource configuration `configuration`; the provider's resource gateway takes it on.
void resourceLink(Trace& t, const Packet& p, const ResourceId& endpoint, const ResourceId& configuration);

} // namespace pp::trace
