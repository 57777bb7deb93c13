#pragma once

// The core of flow tracing (NETWORK-RULES.md sections 2-9), shared by every device family: the
// packet, where the flow is meant to arrive, the walk over the forwarding graph and the state it
// builds up (the path, the explanation codes, the return routes to check, the ids the answer
// depended on for incremental re-analysis). What each kind of device does with a packet lives
// in analysis/devices/, one family a file, behind the DeviceHandler interface (trace/Device.h).

#include "analysis/AnalysisResult.h"
#include "analysis/ForwardingGraph.h"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace pp::trace {

class DeviceRegistry;

struct Packet {
    IpAddress src;
    IpAddress dst;
    PortQuery query;
};

// How the packet entered the routing domain it is in (rules IGW-5, GW-6, PCX-4).
enum class Arrival { Local, Peering, Transit, Vpn, DirectConnect, Internet, OnPremises };

// Where the flow is meant to arrive, after DNS.
struct Target {
    enum class Kind { Interface, EndpointEni, LoadBalancerEni, PublicInterface, OnPremHost, OnPremAddress, InternetHost, ServicePublic };
    Kind kind = Kind::Interface;
    ResourceId resource;   // what is reached (workload, endpoint, load balancer, host, service)
    ResourceId subnet;     // for interfaces
    ResourceId vpc;        // for interfaces
    ResourceId network;    // on-premises network
    IpAddress address;     // the destination address used on the wire
};

// Who asks DNS for the destination: a workload in a VPC, an on-premises host, or the internet.
struct Client {
    std::optional<ResourceId> vpc, subnet, network;
    bool internet = false;
    std::string az;
};

// A reply must come back the way the request went: when the request entered a routing domain
// through `expect`, the reply's lookup in `from` must lead back there.
struct ReplyRoute {
    Vertex from;
    IpAddress replyDestination;
    std::vector<Vertex> expect;
    std::string where; // id reported if it fails
    std::string rule;  // the rule that needs this return route
    // Set when no route table decides the return (a gateway without a gateway route table: the
    // local route takes the reply straight to the subnet): the reply fails, and this says why.
    std::string bypass;
};

struct AclCrossing {
    ResourceId subnet;
    Direction direction;
    IpAddress peer;
};

// Where one walk is: the vertex, the packet as it is now, and what the path so far means for
// the routing domain it is in. Device handlers read it and move it on.
struct Walk {
    Vertex v = 0;
    Packet p;
    Arrival arrival = Arrival::Local;
    ResourceId currentVpc;
    std::optional<ResourceId> transitIngress; // attachment the packet entered a transit gateway by
    std::optional<ResourceId> transitEgress;  // attachment it left the transit gateway by
    std::vector<Vertex> replyExpect;          // where a reply into the current domain must be sent
    ForwardingNode node;                      // the vertex's node (a copy: handlers may move v)
    std::string id;                           // its resource id
};

// What a device handler decided at a vertex: the walk goes on from `Walk::v`, or it ends here
// (delivered, dropped or handed over to another walk).
enum class Step { Next, Stop };

// One flow being traced. Device handlers get it to record hops and findings and to read and
// update the flow-wide state; the data members are that state.
class Trace {
public:
    Trace(const Network& network, const ForwardingGraph& forwarding, const Flow& traced, std::set<std::string>* deps);

    FlowResult run();

    const DeviceRegistry& devices() const { return m_devices; }

    // ---- bookkeeping ----
    // Records that the answer depends on `id` (for incremental re-analysis).
    void dep(const std::string& id)
    {
        if (m_deps && !id.empty())
            m_deps->insert(id);
    }
    AddressClass classOf(const IpAddress& a) const { return net.isPrivateAddress(a) ? AddressClass::Private : AddressClass::Public; }
    void hop(const std::string& resource, const char* action, std::string detail, const Packet& before, const Packet& after);
    void hop(const std::string& resource, const char* action, std::string detail, const Packet& p)
    {
        hop(resource, action, std::move(detail), p, p);
    }
    // Records a blocking reason. A hard block stops the trace; a soft one (a security group or an
    // ACL) lets it go on so that every blocking component is found, not only the first.
    void block(const char* code, const std::string& resource, std::string message, bool hard);
    void note(const char* code, const std::string& resource, std::string message);
    void hint(const char* code, const std::string& resource, std::string message)
    {
        result.hints.push_back({code, resource, std::move(message)});
    }
    void leavePrivateNetwork(const std::string& resource, std::string why);
    // The device at the walk's vertex when its state is Available; else the flow is blocked there
    // ("<what> <id> is not <state>", BAD_STATE_ROUTE) and the answer is nullptr.
    template <class T>
    const T* available(const Walk& walk, const char* what, const char* state)
    {
        const T* device = net.get<T>(walk.node.resource);
        if (device && device->state == decltype(device->state)::Available)
            return device;
        block("BAD_STATE_ROUTE", walk.id, what + (" " + walk.id) + " is not " + state, true);
        return nullptr;
    }

    // ---- security checks ----
    void checkSecurityGroups(const ResourceId& guarded, Direction d, const Packet& p, const IpAddress& peer,
                             const std::optional<ResourceId>& peerResource);
    void checkAcl(const ResourceId& subnet, Direction d, const Packet& p, const IpAddress& peer);

    // ---- the walk ----
    // Walks the forwarding graph from `v` until the packet is delivered or dropped; each vertex's
    // device handler decides the hop.
    void walk(Vertex v, Packet p, Arrival arrival, ResourceId currentVpc, std::vector<Vertex> replyExpect = {});
    std::string resourceOf(Vertex v) const;
    // Where a vertex with one way on (an attachment, a link, an endpoint) leads.
    Vertex soleSuccessor(Vertex v) const { return graph.target(*boost::out_edges(v, graph.graph()).first); }
    // The packet reached the target's interface: its device takes it (an endpoint, a load
    // balancer), else it is delivered.
    void arriveAtTarget(const Packet& p);
    void deliverToTarget(const Packet& p);

    const Network& net;
    const ForwardingGraph& graph;
    const Flow& flow;
    FlowResult result;
    PortQuery query;
    Target target;
    ResourceId sourceSubnet, sourceVpc;
    std::optional<ResourceId> natSubnet, privateNat, publicNat;
    std::optional<IpAddress> publicNatEip;
    std::vector<ReplyRoute> replyRoutes;
    std::vector<AclCrossing> crossings;
    // The (ingress, egress) attachments of the last transit gateway the request crossed: whether a
    // security group reference holds across it (SGR-1).
    std::optional<std::pair<ResourceId, ResourceId>> transitAttachments;
    // (route table, the selected route's destination: a CIDR or a prefix list id), for each
    // lookup on the way: a finding about one route concerns only flows that select it (RT-8).
    std::set<std::pair<std::string, std::string>> selectedRoutes;
    // Inspection detours crossed (GWLB endpoint or middlebox vertex, the VPC it is in), in order:
    // stateful inspection needs the reply back through the same one (INS-1).
    std::vector<std::pair<Vertex, ResourceId>> inspections;
    // Where a detour handed the packet back to routing, when it has more than one way on: the
    // route table of the Network Firewall subnet in the AZ it used (INS-3).
    std::map<Vertex, Vertex> detourExits;
    Vertex detourExit(Vertex detour) const
    {
        const auto it = detourExits.find(detour);
        return it != detourExits.end() ? it->second : soleSuccessor(detour);
    }
    // Reasons the reply is dropped that are known on the way out (a stateless firewall rule that
    // drops the reply): reported with the return path (TCP).
    std::vector<Explanation> replyBlocks;
    // How many detours were crossed before a NAT gateway translated the packet: a reply to the
    // NAT's address comes back to the NAT, which answers for the detours before it.
    std::size_t inspectionsBeforeNat = 0;
    // The last inspection detour crossed in `vpc`, if any (`afterNat`: only one crossed after the
    // packet's source was translated, whose reply returns to the translated address).
    std::optional<Vertex> inspectionIn(const ResourceId& vpc, bool afterNat = false) const
    {
        const std::size_t first = afterNat ? inspectionsBeforeNat : 0;
        for (std::size_t i = inspections.size(); i-- > first;)
            if (inspections[i].second == vpc)
                return inspections[i].first;
        return std::nullopt;
    }
    bool stopped = false, delivered = false, leftPrivate = false;

private:
    void start();
    std::optional<Target> resolve(const Client& client, const Packet& p);
    void checkReturnPath();
    void finish();

    const DeviceRegistry& m_devices;
    std::set<std::string>* m_deps;
    Explanation m_leavingReason;
    Packet m_lastPacket;
};

} // namespace pp::trace
