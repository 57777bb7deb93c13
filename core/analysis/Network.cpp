#include "analysis/Network.h"

#include "aws/AwsData.h"
#include "design/Placement.h"

#include <algorithm>
#include <iterator>
#include <tuple>

namespace pp {
namespace {

const ResourceIds kNoIds;
const Cidrs kNoCidrs;
const std::vector<const Finding*> kNoFindings;

template <class Map>
const ResourceIds& lookup(const Map& map, const std::string& key)
{
    const auto it = map.find(key);
    return it == map.end() ? kNoIds : it->second;
}

template <class Map>
std::optional<ResourceId> lookupOne(const Map& map, const std::string& key)
{
    const auto it = map.find(key);
    return it == map.end() ? std::nullopt : std::optional<ResourceId>(it->second);
}

bool protocolMatches(Protocol rule, Protocol packet)
{
    return rule == Protocol::All || rule == packet;
}

bool portsMatch(Protocol rule, int from, int to, const PortQuery& query)
{
    if (rule == Protocol::All || query.protocol == Protocol::Icmp || query.protocol == Protocol::Icmpv6 ||
        query.protocol == Protocol::All)
        return true;
    return query.anyPort ? from <= to : (from <= query.port && query.port <= to);
}

std::string portText(Protocol p, int from, int to)
{
    if (p == Protocol::All)
        return "all traffic";
    std::string out(enumName(p));
    if (p == Protocol::Tcp || p == Protocol::Udp) {
        if (from == 0 && to == 65535)
            out += " all ports";
        else
            out += " " + std::to_string(from) + (from == to ? std::string() : "-" + std::to_string(to));
    }
    return out;
}

} // namespace

std::string describeQuery(const PortQuery& query)
{
    if (query.protocol == Protocol::All)
        return "all traffic";
    std::string out(enumName(query.protocol));
    if ((query.protocol == Protocol::Tcp || query.protocol == Protocol::Udp) && !query.anyPort)
        out += " " + std::to_string(query.port);
    return out;
}

namespace {

// Blocks by family, then network address, then size (the larger first).
bool blockOrder(const Cidr& a, const Cidr& b)
{
    return std::tuple(a.family(), a.network(), a.prefixLength()) < std::tuple(b.family(), b.network(), b.prefixLength());
}

} // namespace

Network::Network(const Design& design) : m_design(design)
{
    index();
    // CIDR blocks either nest or are apart: sorted, and with the nested ones dropped, they are
    // disjoint and in address order, so isPrivateAddress finds the one block that can hold an
    // address by a binary search instead of trying every VPC's blocks.
    std::sort(m_privateRanges.begin(), m_privateRanges.end(), blockOrder);
    Cidrs outermost;
    for (const Cidr& block : m_privateRanges)
        if (outermost.empty() || !outermost.back().contains(block))
            outermost.push_back(block);
    m_privateRanges = std::move(outermost);
}

void Network::index()
{
    for (const Resource& r : m_design.resources()) {
        const std::string& id = r.id.str();
        if (const RouteTable* table = r.as<RouteTable>()) {
            if (table->main)
                m_mainTable.emplace(table->vpc.str(), r.id);
        } else if (const InternetGateway* igw = r.as<InternetGateway>()) {
            if (igw->vpc)
                m_igw.emplace(igw->vpc->str(), r.id);
        } else if (const VirtualPrivateGateway* vgw = r.as<VirtualPrivateGateway>()) {
            if (vgw->vpc)
                m_vgw.emplace(vgw->vpc->str(), r.id);
        } else if (const SecurityGroup* sg = r.as<SecurityGroup>()) {
            if (sg->isDefault)
                m_defaultGroup.emplace(sg->vpc.str(), r.id);
        } else if (const VpcEndpoint* endpoint = r.as<VpcEndpoint>()) {
            m_endpointsIn[endpoint->vpc.str()].push_back(r.id);
            m_endpointsTo[endpoint->service.str()].push_back(r.id);
            if (endpoint->endpointType == EndpointType::Gateway)
                for (const ResourceId& rt : endpoint->routeTables)
                    m_gatewayEndpointsOn[rt.str()].push_back(r.id);
        } else if (const ResolverEndpoint* resolver = r.as<ResolverEndpoint>()) {
            if (resolver->direction == ResolverDirection::Inbound)
                m_resolversIn[resolver->vpc.str()].push_back(r.id);
        } else if (const TransitGatewayAttachment* attachment = r.as<TransitGatewayAttachment>()) {
            m_attachmentsOf[attachment->transitGateway.str()].push_back(r.id);
            m_attachmentKey.emplace(attachment->transitGateway.str() + "|" + attachment->resource.str(), id);
        } else if (const VpnConnection* vpn = r.as<VpnConnection>()) {
            m_vpnsOn[vpn->gateway.str()].push_back(r.id);
            if (const CustomerGateway* cgw = get<CustomerGateway>(vpn->customerGateway))
                m_vpnsOf[cgw->onPremises.str()].push_back(r.id);
        } else if (const DirectConnectVirtualInterface* vif = r.as<DirectConnectVirtualInterface>()) {
            if (vif->gateway)
                m_vifsOn[vif->gateway->str()].push_back(r.id);
            m_vifsOf[vif->onPremises.str()].push_back(r.id);
        } else if (const DirectConnectGateway* dx = r.as<DirectConnectGateway>()) {
            for (const DirectConnectGatewayAssociation& association : dx->associations)
                m_dxAssociations[association.gateway.str()].push_back(r.id);
        } else if (const PrivateHostedZone* zone = r.as<PrivateHostedZone>()) {
            m_zones[zone->domain].push_back(r.id);
        } else if (const LoadBalancer* lb = r.as<LoadBalancer>()) {
            for (const LoadBalancerTarget& target : lb->targets)
                if (target.instance)
                    m_lbTargeting[target.instance->str()].push_back(r.id);
        } else if (const Vpc* vpc = r.as<Vpc>()) {
            Cidrs blocks = vpc->ipv4Cidrs;
            if (vpc->ipv6Cidr)
                blocks.push_back(*vpc->ipv6Cidr);
            m_privateRanges.insert(m_privateRanges.end(), blocks.begin(), blocks.end());
            m_vpcBlocks.emplace(id, std::move(blocks));
        } else if (const OnPremisesNetwork* onPremises = r.as<OnPremisesNetwork>()) {
            m_privateRanges.insert(m_privateRanges.end(), onPremises->cidrs.begin(), onPremises->cidrs.end());
        } else if (const PrefixList* pl = r.as<PrefixList>()) {
            if (pl->awsService && !pl->cidrs.empty())
                m_servicePrefixLists.emplace(pl->awsService->str(), pl->cidrs);
        } else if (r.as<NatGateway>()) {
            if (const auto home = vpcOfResource(m_design, r.id))
                m_natGatewaysIn[home->str()].push_back(r.id);
        } else if (const VpcPeering* peering = r.as<VpcPeering>()) {
            if (peering->state == PeeringState::Active) {
                m_activePeerings.insert(peering->requesterVpc.str() + "|" + peering->accepterVpc.str());
                m_activePeerings.insert(peering->accepterVpc.str() + "|" + peering->requesterVpc.str());
            }
        }
    }
}

std::optional<ResourceId> Network::vpcOf(const ResourceId& id) const { return vpcOfResource(m_design, id); }

std::string Network::regionCodeOf(const ResourceId& region) const
{
    const Region* r = get<Region>(region);
    return r ? r->code : std::string();
}

std::string Network::regionCodeOfVpc(const ResourceId& vpc) const
{
    const Vpc* v = get<Vpc>(vpc);
    return v ? regionCodeOf(v->region) : std::string();
}

ResourceIds Network::subnetsOf(const ResourceId& id) const
{
    const Resource* r = m_design.find(id);
    if (!r)
        return {};
    if (const Workload* w = r->as<Workload>())
        return {w->subnet};
    if (const NatGateway* n = r->as<NatGateway>())
        return n->subnet ? ResourceIds{*n->subnet} : ResourceIds{}; // a regional one is in no subnet (NAT-1)
    if (const VpcEndpoint* endpoint = r->as<VpcEndpoint>())
        return endpoint->subnets;
    if (const LoadBalancer* lb = r->as<LoadBalancer>())
        return lb->subnets;
    if (const ResolverEndpoint* resolver = r->as<ResolverEndpoint>())
        return resolver->subnets;
    if (const ResourceGateway* gateway = r->as<ResourceGateway>())
        return gateway->subnets;
    return {};
}

std::string Network::availabilityZoneOf(const ResourceId& subnet) const
{
    const Subnet* s = get<Subnet>(subnet);
    return s ? s->availabilityZone : std::string();
}

std::optional<ResourceId> Network::mainRouteTable(const ResourceId& vpc) const { return lookupOne(m_mainTable, vpc.str()); }

std::optional<ResourceId> Network::routeTableOf(const ResourceId& subnet) const
{
    const Subnet* s = get<Subnet>(subnet);
    if (!s)
        return std::nullopt;
    if (s->routeTable)
        return s->routeTable;
    return mainRouteTable(s->vpc);
}

std::optional<ResourceId> Network::networkAclIdOf(const ResourceId& subnet) const
{
    const Subnet* s = get<Subnet>(subnet);
    return s ? s->networkAcl : std::nullopt;
}

const NetworkAcl* Network::networkAclOf(const ResourceId& subnet) const { return get<NetworkAcl>(networkAclIdOf(subnet)); }

const Cidrs& Network::vpcBlocks(const ResourceId& vpc) const
{
    const auto it = m_vpcBlocks.find(vpc.str());
    return it == m_vpcBlocks.end() ? kNoCidrs : it->second;
}

bool Network::vpcContains(const ResourceId& vpc, const IpAddress& address) const
{
    const Cidrs& blocks = vpcBlocks(vpc);
    return std::any_of(blocks.begin(), blocks.end(), [&](const Cidr& c) { return c.contains(address); });
}

bool Network::isPrivateAddress(const IpAddress& address) const
{
    if (address.isPrivate())
        return true;
    // The last block starting at or before the address (m_privateRanges is sorted and disjoint).
    const auto after = std::upper_bound(m_privateRanges.begin(), m_privateRanges.end(), address,
                                        [](const IpAddress& a, const Cidr& c) {
                                            return std::pair(a.family(), a) < std::pair(c.family(), c.network());
                                        });
    return after != m_privateRanges.begin() && std::prev(after)->contains(address);
}

std::optional<ResourceId> Network::internetGatewayOf(const ResourceId& vpc) const { return lookupOne(m_igw, vpc.str()); }
std::optional<ResourceId> Network::virtualPrivateGatewayOf(const ResourceId& vpc) const { return lookupOne(m_vgw, vpc.str()); }
const ResourceIds& Network::gatewayEndpointsOn(const ResourceId& t) const { return lookup(m_gatewayEndpointsOn, t.str()); }
const ResourceIds& Network::endpointsIn(const ResourceId& vpc) const { return lookup(m_endpointsIn, vpc.str()); }
const ResourceIds& Network::natGatewaysIn(const ResourceId& vpc) const { return lookup(m_natGatewaysIn, vpc.str()); }
const ResourceIds& Network::endpointsTo(const ResourceId& service) const { return lookup(m_endpointsTo, service.str()); }
const ResourceIds& Network::inboundResolversIn(const ResourceId& vpc) const { return lookup(m_resolversIn, vpc.str()); }
const ResourceIds& Network::attachmentsOf(const ResourceId& tgw) const { return lookup(m_attachmentsOf, tgw.str()); }
const ResourceIds& Network::vpnsOn(const ResourceId& gateway) const { return lookup(m_vpnsOn, gateway.str()); }
const ResourceIds& Network::vifsOn(const ResourceId& gateway) const { return lookup(m_vifsOn, gateway.str()); }
const ResourceIds& Network::vifsOf(const ResourceId& onPremises) const { return lookup(m_vifsOf, onPremises.str()); }
const ResourceIds& Network::vpnsOf(const ResourceId& onPremises) const { return lookup(m_vpnsOf, onPremises.str()); }
const ResourceIds& Network::dxGatewaysAssociatedWith(const ResourceId& g) const { return lookup(m_dxAssociations, g.str()); }
const ResourceIds& Network::hostedZonesFor(const std::string& domain) const { return lookup(m_zones, domain); }
const ResourceIds& Network::loadBalancersTargeting(const ResourceId& w) const { return lookup(m_lbTargeting, w.str()); }

std::optional<ResourceId> Network::attachmentFor(const ResourceId& tgw, const ResourceId& attached) const
{
    const auto it = m_attachmentKey.find(tgw.str() + "|" + attached.str());
    return it == m_attachmentKey.end() ? std::nullopt : std::optional<ResourceId>(ResourceId(it->second));
}

std::optional<ResourceId> Network::onPremisesOfVpn(const ResourceId& vpn) const
{
    const VpnConnection* v = get<VpnConnection>(vpn);
    const CustomerGateway* cgw = v ? get<CustomerGateway>(v->customerGateway) : nullptr;
    return cgw ? std::optional<ResourceId>(cgw->onPremises) : std::nullopt;
}

bool Network::isAssumedAddress(const ResourceId& id) const
{
    const Resource* r = m_design.find(id);
    if (!r)
        return true;
    if (const Workload* w = r->as<Workload>())
        return !w->privateIp;
    if (const NatGateway* n = r->as<NatGateway>())
        return !n->privateIp;
    return !(r->as<OnPremisesHost>() || r->as<InternetHost>());
}

IpAddress Network::interfaceAddress(const ResourceId& id, const ResourceId& subnetId) const
{
    const Resource* r = m_design.find(id);
    if (r) {
        if (const OnPremisesHost* h = r->as<OnPremisesHost>())
            return h->address;
        if (const InternetHost* h = r->as<InternetHost>())
            return h->address;
        if (const Workload* w = r->as<Workload>(); w && w->privateIp)
            return *w->privateIp;
        if (const NatGateway* n = r->as<NatGateway>(); n && n->privateIp)
            return *n->privateIp;
    }
    const Subnet* s = get<Subnet>(subnetId);
    if (!s && r) {
        // A regional NAT gateway without privateIp: a stable address near the top of its VPC's
        // primary block (it has interfaces in every AZ with workloads, NAT-1).
        const NatGateway* n = r->as<NatGateway>();
        const Vpc* v = n && n->vpc ? get<Vpc>(*n->vpc) : nullptr;
        if (v && !v->ipv4Cidrs.empty())
            return IpAddress::v4(std::uint32_t(v->ipv4Cidrs.front().network().value() + v->ipv4Cidrs.front().size() - 4));
    }
    if (!s)
        return IpAddress::v4(0);
    // Assumed addresses: workloads at the first usable address; services near the top.
    const Cidr& block = s->cidr;
    Uint128 offset = 4;
    if (r && !r->as<Workload>()) {
        const Uint128 fromTop = r->as<VpcEndpoint>()        ? 2
                                : r->as<LoadBalancer>()    ? 3
                                : r->as<NatGateway>()      ? 4
                                : r->as<ResourceGateway>() ? 6
                                                           : 5;
        offset = block.size() > fromTop + 4 ? block.size() - fromTop : 4;
    }
    return IpAddress::v4(std::uint32_t(block.network().value() + offset));
}

IpAddress Network::publicAddressOf(const ResourceId& workload) const
{
    // An assumed address from TEST-NET-2, stable per workload.
    const std::size_t h = std::hash<std::string>{}(workload.str());
    return IpAddress::v4((198u << 24) | (51u << 16) | (100u << 8) | std::uint32_t(1 + h % 250));
}

Cidrs Network::prefixListCidrs(const ResourceId& prefixList) const
{
    const PrefixList* pl = get<PrefixList>(prefixList);
    if (!pl)
        return {};
    if (!pl->cidrs.empty())
        return pl->cidrs;
    if (pl->awsService)
        return serviceAddresses(*pl->awsService);
    return {};
}

Cidrs Network::serviceAddresses(const ResourceId& awsService, bool* assumed) const
{
    if (assumed)
        *assumed = false;
    if (const auto it = m_servicePrefixLists.find(awsService.str()); it != m_servicePrefixLists.end())
        return it->second;
    const AwsService* s = get<AwsService>(awsService);
    if (!s)
        return {};
    Cidrs builtin = builtinPrefixList(regionCodeOf(s->region), s->service);
    if (!builtin.empty())
        return builtin;
    if (assumed)
        *assumed = true;
    return {Cidr::containing(servicePublicAddress(awsService), 32)};
}

IpAddress Network::servicePublicAddress(const ResourceId& awsService) const
{
    if (const auto it = m_servicePrefixLists.find(awsService.str()); it != m_servicePrefixLists.end() && !it->second.empty())
        return IpAddress::v4(std::uint32_t(it->second.front().network().value() + 1));
    if (const AwsService* s = get<AwsService>(awsService)) {
        const Cidrs builtin = builtinPrefixList(regionCodeOf(s->region), s->service);
        if (!builtin.empty())
            return IpAddress::v4(std::uint32_t(builtin.front().network().value() + 1));
    }
    // A stand-in public address in 54.239.0.0/16, stable per service.
    const std::size_t h = std::hash<std::string>{}(awsService.str());
    return IpAddress::v4((54u << 24) | (239u << 16) | std::uint32_t(1 + h % 65000));
}

bool Network::hasSecurityGroups(const ResourceId& id) const
{
    const Resource* r = m_design.find(id);
    if (!r)
        return false;
    if (r->as<Workload>() || r->as<ResolverEndpoint>() || r->as<ResourceGateway>())
        return true;
    if (const VpcEndpoint* e = r->as<VpcEndpoint>())
        return e->endpointType == EndpointType::Interface || e->endpointType == EndpointType::Resource ||
               e->endpointType == EndpointType::ServiceNetwork;
    if (const LoadBalancer* lb = r->as<LoadBalancer>())
        return !lb->securityGroups.empty();
    return false;
}

ResourceIds Network::securityGroupsOf(const ResourceId& id) const
{
    const Resource* r = m_design.find(id);
    if (!r)
        return {};
    const ResourceIds* own = nullptr;
    if (const Workload* w = r->as<Workload>())
        own = &w->securityGroups;
    else if (const VpcEndpoint* endpoint = r->as<VpcEndpoint>())
        own = &endpoint->securityGroups;
    else if (const LoadBalancer* lb = r->as<LoadBalancer>())
        own = &lb->securityGroups;
    else if (const ResolverEndpoint* resolver = r->as<ResolverEndpoint>())
        own = &resolver->securityGroups;
    else if (const ResourceGateway* gateway = r->as<ResourceGateway>())
        own = &gateway->securityGroups;
    if (own && !own->empty())
        return *own;
    const auto vpc = vpcOf(id);
    if (!vpc)
        return {};
    if (const auto group = lookupOne(m_defaultGroup, vpc->str()))
        return {*group};
    return {};
}

bool Network::sgReferenceHonoured(const ResourceId& a, const ResourceId& b) const
{
    if (a == b)
        return true;
    if (regionCodeOfVpc(a) != regionCodeOfVpc(b))
        return false; // across Regions rules must use CIDRs (SGR-1)
    return m_activePeerings.count(a.str() + "|" + b.str()) > 0;
}

bool Network::sgReferencingOverTransit(const ResourceId& in, const ResourceId& out) const
{
    const TransitGatewayAttachment* from = get<TransitGatewayAttachment>(in);
    const TransitGatewayAttachment* to = get<TransitGatewayAttachment>(out);
    if (!from || !to || from->transitGateway != to->transitGateway)
        return false;
    const TransitGateway* tgw = get<TransitGateway>(from->transitGateway);
    if (!tgw || !tgw->securityGroupReferencing)
        return false;
    const std::string region = regionCodeOf(tgw->region);
    for (const TransitGatewayAttachment* att : {from, to})
        if (att->attachmentType != TgwAttachmentType::Vpc || !att->securityGroupReferencing ||
            regionCodeOfVpc(att->resource) != region)
            return false;
    return true;
}

bool Network::ruleMatches(const SecurityGroupRule& rule, const PortQuery& query, const IpAddress& peer,
                          const std::optional<ResourceId>& peerResource) const
{
    if (!protocolMatches(rule.protocol, query.protocol) && query.protocol != Protocol::All)
        return false;
    if (!portsMatch(rule.protocol, rule.fromPort, rule.toPort, query))
        return false;
    if (rule.cidr)
        return rule.cidr->contains(peer);
    if (rule.prefixList) {
        const Cidrs cidrs = prefixListCidrs(*rule.prefixList);
        return std::any_of(cidrs.begin(), cidrs.end(), [&](const Cidr& c) { return c.contains(peer); });
    }
    if (rule.securityGroup && peerResource) {
        const ResourceIds groups = securityGroupsOf(*peerResource);
        return std::find(groups.begin(), groups.end(), *rule.securityGroup) != groups.end();
    }
    return false;
}

RuleDecision Network::securityGroupsAllow(const ResourceId& guarded, Direction direction, const PortQuery& query,
                                          const IpAddress& peer, const std::optional<ResourceId>& peerResource,
                                          bool explain) const
{
    const ResourceIds groups = securityGroupsOf(guarded);
    const char* dir = direction == Direction::Inbound ? "inbound" : "outbound";
    if (groups.empty()) {
        // AWS's implicit default group: all outbound; inbound only from its own members (SG-3),
        // i.e. from interfaces of the same VPC that also use the default group.
        if (direction == Direction::Outbound)
            return {true, "default security group", "outbound: all traffic (default group)"};
        const bool member = peerResource && hasSecurityGroups(*peerResource) && securityGroupsOf(*peerResource).empty() &&
                            vpcOf(*peerResource) == vpcOf(guarded);
        return {member, "default security group",
                member ? "inbound from members of the default group" : "the default group allows inbound traffic only from its members"};
    }
    for (const ResourceId& g : groups) {
        const SecurityGroup* sg = get<SecurityGroup>(g);
        if (!sg)
            continue;
        const auto& rules = direction == Direction::Inbound ? sg->inbound : sg->outbound;
        for (std::size_t i = 0; i < rules.size(); ++i)
            if (ruleMatches(rules[i], query, peer, peerResource)) {
                if (!explain)
                    return {true, {}, {}};
                const SecurityGroupRule& rule = rules[i];
                const std::string peerText = rule.cidr ? rule.cidr->toString()
                                             : rule.prefixList ? rule.prefixList->str()
                                                               : "group " + (rule.securityGroup ? rule.securityGroup->str() : std::string());
                // A group whose egress was left out of the file has AWS's default rules: say the
                // path relies on a default (DEF-1).
                const bool byDefault = direction == Direction::Outbound && hasDefaultOutbound(*sg);
                return {true, g.str(),
                        std::string(dir) + " rule " + std::to_string(i + 1) + " of " + g.str() +
                            (byDefault ? " (AWS's default egress for a new group)" : "") + ": " +
                            portText(rule.protocol, rule.fromPort, rule.toPort) +
                            (direction == Direction::Inbound ? " from " : " to ") + peerText};
            }
    }
    if (!explain)
        return {false, {}, {}};
    std::string names;
    for (const ResourceId& g : groups)
        names += (names.empty() ? "" : ", ") + g.str();
    return {false, groups.front().str(),
            "no " + std::string(dir) + " rule of " + names + " allows " + describeQuery(query) +
                (direction == Direction::Inbound ? " from " : " to ") + peer.toString()};
}

RuleDecision Network::networkAclAllows(const ResourceId& subnet, Direction direction, const PortQuery& query,
                                       const IpAddress& peer, bool explain) const
{
    const auto aclId = networkAclIdOf(subnet);
    const NetworkAcl* acl = get<NetworkAcl>(aclId);
    if (!acl)
        return {true, "", "default network ACL allows all"};
    const auto& entries = direction == Direction::Inbound ? acl->inbound : acl->outbound;
    std::vector<const NetworkAclEntry*> ordered;
    for (const NetworkAclEntry& e : entries)
        ordered.push_back(&e);
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const NetworkAclEntry* a, const NetworkAclEntry* b) { return a->ruleNumber < b->ruleNumber; });
    const char* dir = direction == Direction::Inbound ? "inbound" : "outbound";
    for (const NetworkAclEntry* e : ordered) {
        if ((!protocolMatches(e->protocol, query.protocol) && query.protocol != Protocol::All) ||
            !portsMatch(e->protocol, e->fromPort, e->toPort, query) || !e->cidr.contains(peer))
            continue;
        if (!explain)
            return {e->action == RuleAction::Allow, {}, {}};
        return {e->action == RuleAction::Allow, aclId->str(),
                std::string(dir) + " rule " + std::to_string(e->ruleNumber) + " of " + aclId->str() + ": " +
                    std::string(enumName(e->action)) + " " + portText(e->protocol, e->fromPort, e->toPort) +
                    (direction == Direction::Inbound ? " from " : " to ") + e->cidr.toString()};
    }
    if (!explain)
        return {false, {}, {}};
    return {false, aclId->str(),
            std::string(dir) + " traffic " + describeQuery(query) + (direction == Direction::Inbound ? " from " : " to ") +
                peer.toString() + " matches no rule of " + aclId->str() + " (implicit deny)"};
}

void Network::setErrorFindings(const std::vector<Finding>& findings)
{
    m_findingStore.clear();
    m_errorFindings.clear();
    for (const Finding& f : findings)
        if (f.severity == Severity::Error)
            m_findingStore.push_back(f);
    for (const Finding& f : m_findingStore)
        for (const std::string& id : f.ids)
            m_errorFindings[id].push_back(&f);
}

const std::vector<const Finding*>& Network::errorFindingsOf(const std::string& id) const
{
    const auto it = m_errorFindings.find(id);
    return it == m_errorFindings.end() ? kNoFindings : it->second;
}

} // namespace pp
