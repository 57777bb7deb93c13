#include "analysis/trace/Trace.h"

#include "analysis/Tracer.h"
#include "analysis/trace/Device.h"

#include <algorithm>

namespace pp::trace {
namespace {

std::string joinIds(const std::vector<std::string>& ids)
{
    std::string out;
    for (const std::string& id : ids)
        out += (out.empty() ? "" : ", ") + id;
    return out;
}

} // namespace

Trace::Trace(const Network& network, const ForwardingGraph& forwarding, const Flow& traced, std::set<std::string>* deps)
    : net(network), graph(forwarding), flow(traced), m_devices(DeviceRegistry::standard()), m_deps(deps)
{
    result.flow = flow.id;
    query.protocol = flow.protocol;
    query.port = flow.port.value_or(0);
}

FlowResult Trace::run()
{
    dep(flow.source.str());
    dep(flow.destination.str());
    start();
    finish();
    return std::move(result);
}

// ---- bookkeeping ----
void Trace::hop(const std::string& resource, const char* action, std::string detail, const Packet& before, const Packet& after)
{
    dep(resource);
    Hop h;
    h.resource = resource;
    if (const Resource* r = net.design().find(ResourceId(resource)))
        h.kind = kindInfo(r->kind()).name;
    h.action = action;
    h.detail = std::move(detail);
    h.source = after.src.toString();
    h.destination = after.dst.toString();
    h.sourceClassBefore = classOf(before.src);
    h.sourceClassAfter = classOf(after.src);
    h.destinationClassBefore = classOf(before.dst);
    h.destinationClassAfter = classOf(after.dst);
    result.path.push_back(std::move(h));
    m_lastPacket = after;
}

void Trace::block(const char* code, const std::string& resource, std::string message, bool hard)
{
    dep(resource);
    // The hop where the packet is dropped is part of the path, so the user sees where it ends.
    if (hard && !result.path.empty() && net.design().containsId(resource) &&
        !(result.path.back().resource == resource && result.path.back().action == "drop"))
        hop(resource, "drop", message, m_lastPacket);
    result.blocking.push_back({code, resource, std::move(message)});
    if (hard)
        stopped = true;
}

void Trace::note(const char* code, const std::string& resource, std::string message)
{
    const bool seen = std::any_of(result.notes.begin(), result.notes.end(),
                                  [&](const Explanation& e) { return e.code == code && e.resource == resource; });
    if (!seen)
        result.notes.push_back({code, resource, std::move(message)});
}

void Trace::leavePrivateNetwork(const std::string& resource, std::string why)
{
    if (leftPrivate)
        return;
    leftPrivate = true;
    result.leavesAt = result.path.empty() ? 0 : result.path.size() - 1;
    m_leavingReason = {"PATH_LEAVES_PRIVATE_NETWORK", resource, std::move(why)};
}

// ---- security checks ----
void Trace::checkSecurityGroups(const ResourceId& guarded, Direction d, const Packet& p, const IpAddress& peer,
                                const std::optional<ResourceId>& peerResource)
{
    if (!net.hasSecurityGroups(guarded))
        return;
    for (const ResourceId& g : net.securityGroupsOf(guarded))
        dep(g.str());
    const RuleDecision decision = net.securityGroupsAllow(guarded, d, p.query, peer, peerResource);
    if (!decision.allowed) {
        const std::string at = decision.deciding == "default security group" ? guarded.str() : decision.deciding;
        hop(at, "securityGroup", "denied: " + decision.rule, p);
        block("ENI_SG_RULES_MISMATCH", at, "security group of " + guarded.str() + ": " + decision.rule, false);
    } else
        hop(decision.deciding == "default security group" ? guarded.str() : decision.deciding, "securityGroup",
            decision.rule, p);
}

void Trace::checkAcl(const ResourceId& subnet, Direction d, const Packet& p, const IpAddress& peer)
{
    dep(subnet.str());
    const auto acl = net.networkAclIdOf(subnet);
    if (!acl)
        return; // the default ACL allows everything (ACL-1)
    dep(acl->str());
    crossings.push_back({subnet, d, peer});
    const RuleDecision decision = net.networkAclAllows(subnet, d, p.query, peer);
    if (!decision.allowed) {
        hop(acl->str(), "networkAcl", "denied: " + decision.rule, p);
        block("SUBNET_ACL_RESTRICTION", acl->str(), "network ACL of " + subnet.str() + ": " + decision.rule, false);
    } else
        hop(acl->str(), "networkAcl", decision.rule, p);
}

// ---- DNS and destinations ----
// Where the flow's destination is for this client: its device resolves it (rules IF-*, SVC-*, IGW-1).
std::optional<Target> Trace::resolve(const Client& client, const Packet& p)
{
    const Resource* r = net.design().find(flow.destination);
    if (const DeviceHandler* device = m_devices.forResource(r->kind()))
        return device->resolve(*this, *r, client, p);
    block("NO_PATH", r->id.str(), r->id.str() + " cannot be the destination of a flow", true);
    return std::nullopt;
}

void Trace::arriveAtTarget(const Packet& p)
{
    const Resource* r = net.design().find(target.resource);
    if (const DeviceHandler* device = r ? m_devices.forResource(r->kind()) : nullptr)
        device->arrive(*this, p);
    else
        deliverToTarget(p);
}

void Trace::deliverToTarget(const Packet& p)
{
    hop(target.resource.str(), "deliver", "delivered to " + target.resource.str() + " (" + p.dst.toString() + ")", p);
    delivered = true;
}

// ---- the walk ----
void Trace::start()
{
    const Resource* source = net.design().find(flow.source);
    Client client;
    Packet p;
    p.query = query;
    std::optional<Vertex> startVertex;
    if (const Workload* w = source->as<Workload>()) {
        client.vpc = net.vpcOf(source->id);
        client.subnet = w->subnet;
        client.az = net.availabilityZoneOf(w->subnet);
        p.src = net.interfaceAddress(source->id, w->subnet);
        sourceSubnet = w->subnet;
        sourceVpc = client.vpc.value_or(ResourceId());
        startVertex = graph.routeTableOfSubnet(w->subnet);
    } else if (const OnPremisesHost* h = source->as<OnPremisesHost>()) {
        client.network = h->network;
        p.src = h->address;
        startVertex = graph.find(NodeKind::OnPremises, h->network);
    } else if (const InternetHost* internetHost = source->as<InternetHost>()) {
        client.internet = true;
        p.src = internetHost->address;
        startVertex = graph.internet();
    } else {
        const bool endpoint = source->as<VpcEndpoint>() != nullptr;
        block(endpoint ? "VPCE_INTRA_VPC_TRAFFIC" : "NO_PATH", source->id.str(),
              source->id.str() + (endpoint ? " is an endpoint: it never initiates connections, it only carries replies (IF-7)"
                                           : " does not open connections; draw the flow from the client"),
              true);
        return;
    }
    p.dst = p.src;
    hop(source->id.str(), "source", "opens " + describeQuery(query) + " to " + flow.destination.str(), p);
    if (sourceVpc.str().size())
        dep(sourceVpc.str());

    const auto resolved = resolve(client, p);
    if (!resolved || stopped)
        return;
    target = *resolved;
    p.dst = resolved->address;
    dep(resolved->subnet.str());
    // The source hop shows the destination the client ends up using.
    for (Hop& h : result.path) {
        if (h.action == "source" || h.action == "dns") {
            h.destination = p.dst.toString();
            h.destinationClassBefore = h.destinationClassAfter = classOf(p.dst);
        }
    }
    // Addresses PrivatePath had to assume (no privateIp): say so.
    for (const ResourceId& id : {flow.source, resolved->resource})
        if (const Workload* w = net.get<Workload>(id); w && !w->privateIp)
            note("ASSUMED_ADDRESSES", id.str(),
                 id.str() + " has no privateIp; PrivatePath assumes " + net.interfaceAddress(id, w->subnet).toString() +
                     ", the first usable address of " + w->subnet.str());
    // RT-3: IPv4 and IPv6 are separate; an IPv6 destination needs an IPv6 source address.
    if (p.dst.family() != p.src.family()) {
        const Workload* w = source->as<Workload>();
        if (w && w->ipv6Address && !p.dst.isV4()) {
            p.src = *w->ipv6Address;
        } else {
            block("CANNOT_ROUTE", source->id.str(),
                  source->id.str() + " has no " + (p.dst.isV4() ? std::string("IPv4") : std::string("IPv6")) +
                      " address to reach " + p.dst.toString() + " (RT-3)",
                  true);
            return;
        }
    }

    if (source->as<Workload>()) {
        // An outbound rule can name the destination's group in the same VPC or a VPC peered in
        // one Region; never across a transit gateway, which honours references inbound only (SGR-1).
        const bool referable = resolved->kind == Target::Kind::Interface && net.sgReferenceHonoured(sourceVpc, resolved->vpc);
        checkSecurityGroups(source->id, Direction::Outbound, p, p.dst,
                            referable ? std::optional<ResourceId>(resolved->resource) : std::nullopt);
        const bool sameSubnet = !resolved->subnet.empty() && resolved->subnet == sourceSubnet &&
                                resolved->kind != Target::Kind::PublicInterface;
        if (!sameSubnet)
            checkAcl(sourceSubnet, Direction::Outbound, p, p.dst);
        if (sameSubnet) {
            deliverInVpc(*this, sourceVpc, p, Arrival::Local, {});
            return;
        }
    }
    if (!startVertex) {
        block("NO_ROUTE_TO_DESTINATION", flow.source.str(), "no route table for " + flow.source.str(), true);
        return;
    }
    walk(*startVertex, p, source->as<OnPremisesHost>() ? Arrival::OnPremises
                             : source->as<InternetHost>() ? Arrival::Internet
                                                          : Arrival::Local,
         sourceVpc);
}

std::string Trace::resourceOf(Vertex v) const
{
    const ForwardingNode& node = graph.node(v);
    return node.resource.empty() ? node.context.str() : node.resource.str();
}

void Trace::walk(Vertex v, Packet p, Arrival arrival, ResourceId currentVpc, std::vector<Vertex> replyExpect)
{
    std::set<std::pair<Vertex, IpAddress>> visited;
    Walk w;
    w.v = v;
    w.p = std::move(p);
    w.arrival = arrival;
    w.currentVpc = std::move(currentVpc);
    w.replyExpect = std::move(replyExpect);
    for (int steps = 0; !stopped; ++steps) {
        if (steps >= 64 || !visited.insert({w.v, w.p.dst}).second) {
            block("CYCLIC_PATH_DETECTED", resourceOf(w.v),
                  "the packet to " + w.p.dst.toString() + " loops back to " + graph.describe(w.v) + " (RT-7)", true);
            return;
        }
        w.node = graph.node(w.v);
        w.id = w.node.resource.str();
        const DeviceHandler* device = m_devices.atVertex(w.node.kind);
        if (!device) {
            block("BAD_STATE_ROUTE", resourceOf(w.v), "the packet is dropped", true);
            return;
        }
        if (device->forward(*this, w) == Step::Stop)
            return;
    }
}

// ---- the end ----
void Trace::checkReturnPath()
{
    if (query.protocol != Protocol::Tcp || !delivered || stopped || !result.blocking.empty())
        return;
    result.returnChecked = true;
    PortQuery reply;
    reply.protocol = query.protocol;
    reply.port = kEphemeralPort;
    for (const AclCrossing& c : crossings) {
        const Direction opposite = c.direction == Direction::Inbound ? Direction::Outbound : Direction::Inbound;
        const RuleDecision d = net.networkAclAllows(c.subnet, opposite, reply, c.peer);
        if (!d.allowed) {
            result.returnOk = false;
            block("SUBNET_ACL_RESTRICTION", d.deciding,
                  "return traffic: network ACL of " + c.subnet.str() + ": " + d.rule + " (replies use ephemeral ports, ACL-1)", false);
        }
    }
    for (const Explanation& e : replyBlocks) {
        result.returnOk = false;
        block(e.code.c_str(), e.resource, e.message, false);
    }
    for (const ReplyRoute& r : replyRoutes) {
        if (!r.bypass.empty()) {
            if (r.rule == kMiddleboxReturnRule) {
                note("ASYMMETRIC_RETURN_PATH", r.where,
                     "return traffic: " + r.bypass + "; fine for a stateless router, but a stateful firewall there drops the connection (INS-1)");
            } else {
                result.returnOk = false;
                block("NO_ROUTE_TO_DESTINATION", r.where, "return traffic: " + r.bypass + " (" + r.rule + ")", false);
            }
            continue;
        }
        const auto e = graph.nextHop(r.from, r.replyDestination);
        const bool ok = e && (r.expect.empty() ? false
                                               : std::find(r.expect.begin(), r.expect.end(), graph.target(*e)) != r.expect.end());
        if (ok)
            continue;
        const ForwardingNode& from = graph.node(r.from);
        const std::string where = from.resource.empty() ? from.context.str() : from.resource.str();
        if (r.rule == kMiddleboxReturnRule) {
            // Whether an appliance behind a network interface is stateful is up to the appliance,
            // not AWS: say so rather than guess.
            std::string wanted;
            for (const Vertex v : r.expect)
                wanted += (wanted.empty() ? "" : " or ") + graph.describe(v);
            note("ASYMMETRIC_RETURN_PATH", where,
                 "return traffic: " + graph.describe(r.from) + " sends the reply to " + r.replyDestination.toString() +
                     (e ? " by " + graph.edge(*e).text : std::string(" nowhere")) + ", not through " + wanted +
                     " as the request went; fine for a stateless router, but a stateful firewall there drops the connection (INS-1)");
            continue;
        }
        result.returnOk = false;
        std::string expected;
        for (const Vertex v : r.expect)
            expected += (expected.empty() ? "" : " or ") + graph.describe(v);
        const bool viaEgressOnly = e && graph.node(graph.target(*e)).kind == NodeKind::EgressOnlyGateway;
        block(from.kind == NodeKind::TgwRouteTable ? "TGW_RTB_CANNOT_ROUTE" : "NO_ROUTE_TO_DESTINATION", where,
              "return traffic: " + graph.describe(r.from) + " has no route back to " + r.replyDestination.toString() +
                  (expected.empty() ? std::string() : " through " + expected) +
                  (e ? " (it uses " + graph.edge(*e).text + ")" : std::string()) +
                  (viaEgressOnly ? "; an egress-only internet gateway carries only connections initiated from inside (IGW-7)"
                                 : " (" + r.rule + ")"),
              false);
    }
}

void Trace::finish()
{
    checkReturnPath();
    // Flows through an invalid design are unreachable (NETWORK-RULES section 1).
    std::set<std::string> reported;
    std::vector<std::string> involved;
    for (const Hop& h : result.path)
        involved.push_back(h.resource);
    involved.push_back(flow.id.str());
    for (const std::string& id : involved)
        for (const Finding* f : net.errorFindingsOf(id)) {
            // About one route: only if a lookup of this flow selected it (RT-8).
            if (!f->route.empty() && (f->ids.empty() || !selectedRoutes.count({f->ids.front(), f->route})))
                continue;
            // The trace may have stopped on the same problem already (an endpoint without a subnet).
            const bool alreadyBlocked = std::any_of(result.blocking.begin(), result.blocking.end(), [&](const Explanation& e) {
                return e.code == f->code && e.resource == id;
            });
            if (!alreadyBlocked && reported.insert(f->code + "|" + joinIds(f->ids) + "|" + f->route).second)
                result.blocking.push_back({f->code, id, "invalid design: " + f->message});
        }
    if (!result.blocking.empty() || !delivered) {
        if (result.blocking.empty())
            result.blocking.push_back({"NO_PATH", flow.destination.str(), "the destination was not reached"});
        result.verdict = Verdict::Unreachable;
        result.leavesAt.reset();
        std::erase_if(result.notes, [](const Explanation& e) { return e.code == "STAYS_ON_AWS_NETWORK"; });
    } else if (leftPrivate) {
        result.verdict = Verdict::Public;
        result.notes.insert(result.notes.begin(), m_leavingReason);
        if (target.kind == Target::Kind::ServicePublic && result.hints.empty()) {
            std::string table;
            for (const Hop& h : result.path)
                if (h.action == "route") {
                    table = h.resource;
                    break;
                }
            serviceHints(*this, table);
        }
    } else {
        result.verdict = Verdict::Private;
        result.hints.clear();
    }
    result.expected = flow.expect;
    if (flow.expect)
        result.expectationMet = *flow.expect == result.verdict;
}

} // namespace pp::trace
