#pragma once

// The forwarding graph of a design (built fresh for each analysis, STYLE rule 13): vertices are
// the places where a forwarding decision is made or a packet is handed over — route tables,
// gateways, attachments, links, networks — and each edge is one way a packet can move on, with
// the destination prefix it applies to. Flow tracing walks it; exposure and loop detection run
// Boost.Graph algorithms on it. Results are always reported as model ids.

#include "analysis/Network.h"

#include <boost/graph/adjacency_list.hpp>
#include <string>
#include <unordered_map>
#include <vector>

namespace pp {

enum class NodeKind : std::uint8_t {
    RouteTable,            // a VPC route table (or a VPC's implicit main table)
    VpcLocal,              // delivery inside a VPC
    InternetGateway,
    EgressOnlyGateway,
    NatGateway,
    Peering,
    TgwIngress,            // into a transit gateway through an attachment
    TgwRouteTable,
    TgwEgress,             // out of a transit gateway through an attachment
    VirtualPrivateGateway, // towards on-premises
    VpnDown,               // VPN connection, AWS -> on-premises
    VpnUp,                 // VPN connection, on-premises -> AWS
    VifDown,               // Direct Connect virtual interface, AWS -> on-premises
    VifUp,                 // Direct Connect virtual interface, on-premises -> AWS
    DxGatewayDown,         // Direct Connect gateway, transit gateway -> transit VIFs
    OnPremises,            // an on-premises network's router
    GatewayEndpoint,
    GwlbEndpoint,
    Middlebox,             // a workload's interface used as a route target
    FirewallEndpoint,      // an AWS Network Firewall (its endpoint in the packet's AZ)
    Internet,
    AwsPublic,             // AWS public endpoints reached over a public VIF
    AwsService,            // an AWS service reached privately (gateway endpoint)
    OnPremisesLocal,       // delivery inside an on-premises network
    Blackhole,
};
inline constexpr std::size_t kNodeKindCount = std::size_t(NodeKind::Blackhole) + 1;

// Route priority at equal prefix length (rule RT-1): static, then prefix list, then propagated.
enum class RoutePriority : std::uint8_t { Static = 0, PrefixList = 1, Propagated = 2, Fallback = 3 };

struct ForwardingNode {
    NodeKind kind = NodeKind::Blackhole;
    ResourceId resource; // the model resource this vertex stands for (empty for the internet)
    ResourceId context;  // e.g. the VPC of an implicit main route table
};

// Among propagated routes of a transit gateway route table with equal prefixes, the attachment
// type decides (rule RT-10): VPC, then Direct Connect gateway, then Connect, then VPN. Lower wins;
// every other edge has rank Vpc.
enum class PropagationRank : std::uint8_t { Vpc = 0, DirectConnectGateway = 1, Connect = 2, Vpn = 3, Other = 4 };

struct ForwardingEdge {
    std::optional<Cidr> prefix;          // nullopt = matches every destination
    RoutePriority priority = RoutePriority::Static;
    PropagationRank rank = PropagationRank::Vpc; // tie-break among propagated routes (RT-10)
    bool local = false;                  // a VPC's local route (never overridden by propagated routes, RT-2)
    std::string text;                    // how the route reads: "0.0.0.0/0 -> nat-a"
    ResourceId viaPrefixList;            // the prefix list (or gateway endpoint) behind a prefix-list route
};

using ForwardingGraphType = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, ForwardingNode, ForwardingEdge>;
using Vertex = ForwardingGraphType::vertex_descriptor;
using Edge = ForwardingGraphType::edge_descriptor;

class ForwardingGraph {
public:
    explicit ForwardingGraph(const Network& network);

    const ForwardingGraphType& graph() const { return m_graph; }
    const ForwardingNode& node(Vertex v) const { return m_graph[v]; }
    const ForwardingEdge& edge(Edge e) const { return m_graph[e]; }
    Vertex target(Edge e) const { return boost::target(e, m_graph); }

    std::optional<Vertex> find(NodeKind kind, const ResourceId& resource) const;
    Vertex internet() const { return m_internet; }
    Vertex blackhole() const { return m_blackhole; }
    // The route table vertex a subnet uses (its table, the main table, or the implicit one).
    std::optional<Vertex> routeTableOfSubnet(const ResourceId& subnet) const;
    std::optional<Vertex> routeTableVertex(const std::optional<ResourceId>& table, const ResourceId& vpc) const;

    // The edge a packet to `destination` takes out of `from`: longest prefix, then priority
    // (RT-1), local never beaten by a propagated route (RT-2). IPv4 and IPv6 never mix (RT-3).
    // Memoised per destination class: all addresses between two consecutive prefix boundaries of
    // the graph are treated alike by every route, so one lookup answers them all.
    std::optional<Edge> nextHop(Vertex from, const IpAddress& destination) const;
    // The best of the other routes out of `from` that match `destination` with the same prefix
    // length as `chosen` (the route `chosen` won a tie against), if any.
    std::optional<Edge> runnerUp(Vertex from, const IpAddress& destination, Edge chosen) const;
    // Why `winner` beats `loser` of equal prefix length, e.g. "static beats propagated" or "VPC
    // beats VPN" (RT-1, RT-10); empty when neither outranks the other.
    static std::string tieReason(const ForwardingEdge& winner, const ForwardingEdge& loser);

    // Index of the destination class of an address (for tests and statistics).
    std::size_t destinationClass(const IpAddress& address) const;
    std::size_t destinationClassCount() const { return m_boundaries.size(); }

    // Vertices on forwarding cycles for destinations in `classRepresentatives` (rule RT-7), each
    // loop in vertex order, the loops sorted.
    std::vector<std::vector<Vertex>> forwardingLoops(const std::vector<IpAddress>& classRepresentatives) const;
    // The forwarding cycles of packets to `destination`, each in vertex order: all of them, or with
    // `starts` those that following the chosen edges from those vertices runs into.
    std::vector<std::vector<Vertex>> loopsFor(const IpAddress& destination, const std::vector<Vertex>* starts = nullptr) const;
    // A vertex's key, as in signatures(), and the vertex of a key (none when this graph lacks it).
    std::string keyOf(Vertex v) const;
    std::optional<Vertex> vertexOfKey(const std::string& key) const;

    std::string describe(Vertex v) const;

    // A fingerprint of each vertex's forwarding choices (its out-edges), by vertex. Comparing a
    // vertex's with the one of the vertex of the same key in another build tells which forwarding
    // decisions an edit changed, wherever the change came from (a new VPN adds propagated routes
    // to tables that were not edited themselves).
    std::vector<std::size_t> signatures() const;
    // The same by key, for a comparison with a graph that is no longer there.
    std::unordered_map<std::string, std::size_t> keyedSignatures() const;
    // Calls `f(key, vertex)` for every vertex.
    template <class F>
    void forEachKey(F&& f) const
    {
        for (const auto& [key, v] : m_index)
            f(key, v);
    }

private:
    Vertex vertex(NodeKind kind, const ResourceId& resource, const ResourceId& context = {});
    Edge addEdge(Vertex from, Vertex to, std::optional<Cidr> prefix, RoutePriority priority, std::string text,
                 bool local = false, ResourceId via = {});
    void build();
    void addRouteTable(Vertex rt, const ResourceId& vpc, const RouteTable* table, const ResourceId& tableId);
    std::optional<Vertex> routeTargetVertex(const ResourceId& target, const ResourceId& vpc);
    void addTransitRouteTable(const Resource& r, const TransitGatewayRouteTable& t);
    void addOnPremises(const Resource& r, const OnPremisesNetwork& n);
    Cidrs attachmentPrefixes(const TransitGatewayAttachment& a) const;

    const Network& m_network;
    ForwardingGraphType m_graph;
    std::unordered_map<std::string, Vertex> m_index;
    Vertex m_internet = 0, m_blackhole = 0, m_awsPublic = 0;
    std::vector<IpAddress> m_boundaries; // sorted starts of destination classes
    std::vector<Vertex> m_middleboxes;
    // Per vertex, its strongly connected component when that can hold a loop (two vertices or
    // more, or an edge to itself), else -1: a forwarding loop lies within one such component.
    std::vector<int> m_cycleComponent;
    mutable std::unordered_map<std::uint64_t, std::optional<Edge>> m_memo;
};

} // namespace pp
