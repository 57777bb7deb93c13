#include "lint/Lint.h"

#include "aws/AwsData.h"
#include "design/Placement.h"
#include "lint/ServiceLint.h"
#include "model/References.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

namespace pp {
namespace {

// What checking one resource produced: its findings and what it adds to the checks across
// resources. Cached between runs of an IncrementalLinter.
struct SubnetUse {
    std::string id;
    Cidr cidr;
};
struct AddressUse {
    IpAddress address;
    std::string owner;
};
struct Contribution {
    std::vector<Finding> findings;
    std::string vpc;                                   // the VPC it lives in, if any
    std::vector<std::string> references;               // ids it refers to
    std::optional<SubnetUse> subnet;                   // subnets: for SUBNET_OVERLAP
    std::vector<AddressUse> addresses;                 // interfaces: for DUPLICATE_ADDRESS
    std::vector<std::pair<std::string, std::string>> gatewayRoutes; // ("table|service", endpoint): GW-3
};

} // namespace

struct LintCache {
    // Contributions in the resource order of the last run; `position` finds one by id.
    std::vector<std::string> order;
    std::vector<Contribution> contributions;
    std::unordered_map<std::string, std::size_t> position;
    std::unordered_map<std::string, std::vector<std::string>> referencedBy; // id -> resources referring to it
    std::unordered_map<std::string, std::vector<std::string>> members;      // VPC -> resources in it
    std::map<std::string, std::vector<Finding>> vpcFindings;                // VPC -> overlap and duplicate findings
};

namespace {

class Linter {
public:
    Linter(const Design& design, LintCache* cache = nullptr, const std::set<std::string>* touched = nullptr,
           const std::set<std::string>* changed = nullptr)
        : m_design(design), m_cache(cache), m_touched(touched), m_changed(changed)
    {
    }

    std::vector<Finding> run()
    {
        indexVpcs();
        const bool incremental = m_cache && m_touched && !m_cache->order.empty();
        if (incremental)
            markDirty();
        std::vector<std::string> order;
        std::vector<Contribution> contributions;
        order.reserve(m_design.resources().size());
        contributions.reserve(m_design.resources().size());
        const auto& resources = m_design.resources();
        for (std::size_t i = 0; i < resources.size(); ++i) {
            const Resource& r = resources[i];
            const std::string& id = r.id.str();
            Contribution* cached = nullptr;
            if (incremental) {
                // Same place as last time (the usual case: edits replace or append), else by id.
                if (i < m_cache->order.size() && m_cache->order[i] == id) {
                    cached = &m_cache->contributions[i];
                } else if (const auto it = m_cache->position.find(id); it != m_cache->position.end()) {
                    cached = &m_cache->contributions[it->second];
                }
            }
            if (cached && !m_dirty.count(id)) {
                m_findings.insert(m_findings.end(), cached->findings.begin(), cached->findings.end());
                order.push_back(id);
                contributions.push_back(std::move(*cached));
                continue;
            }
            m_current = Contribution();
            const std::size_t before = m_findings.size();
            std::visit([&](const auto& data) { check(r, data); }, r.data);
            m_current.findings.assign(m_findings.begin() + std::ptrdiff_t(before), m_findings.end());
            if (const auto vpc = vpcOf(r.id))
                m_current.vpc = vpc->str();
            if (m_cache)
                for (const ResourceId& ref : referencesOf(r))
                    m_current.references.push_back(ref.str());
            // The checks across a VPC's resources see this one's subnet and addresses: run them
            // again where those are new or differ (a re-check of an unchanged resource rarely does).
            if (!m_current.vpc.empty() && !(cached && sameVpcFacts(*cached, m_current)))
                m_dirtyVpcs.insert(m_current.vpc);
            if (cached && !cached->vpc.empty() && cached->vpc != m_current.vpc)
                m_dirtyVpcs.insert(cached->vpc);
            if (m_cache) {
                for (const std::string& ref : m_current.references)
                    m_cache->referencedBy[ref].push_back(id);
                if (!m_current.vpc.empty())
                    m_cache->members[m_current.vpc].push_back(id);
            }
            order.push_back(id);
            contributions.push_back(std::move(m_current));
        }
        // Only now is it known which VPCs are checked across resources again.
        for (const Contribution& c : contributions)
            if (!incremental || !c.gatewayRoutes.empty() || m_dirtyVpcs.count(c.vpc))
                merge(c);
        if (m_cache) {
            const bool sameOrder = order == m_cache->order;
            m_cache->order = std::move(order);
            m_cache->contributions = std::move(contributions);
            if (!sameOrder || m_cache->position.size() != m_cache->order.size()) {
                m_cache->position.clear();
                for (std::size_t i = 0; i < m_cache->order.size(); ++i)
                    m_cache->position.emplace(m_cache->order[i], i);
            }
        }
        checkSubnetsAndAddresses(incremental);
        checkPeeringOverlaps();
        checkGatewayEndpointRoutes();
        checkTransitPropagation();
        lintServices(m_design, m_findings);
        for (const Flow& f : m_design.flows())
            checkFlow(f);
        return std::move(m_findings);
    }

    // Shapes drawn outside the container the model puts their resource in.
    std::vector<Finding> runDiagram()
    {
        checkDiagram();
        return std::move(m_findings);
    }

private:
    void add(const char* code, Severity severity, std::vector<std::string> ids, std::string message)
    {
        m_findings.push_back({code, severity, std::move(ids), std::move(message)});
    }
    void error(const char* code, std::vector<std::string> ids, std::string message)
    {
        add(code, Severity::Error, std::move(ids), std::move(message));
    }
    void warning(const char* code, std::vector<std::string> ids, std::string message)
    {
        add(code, Severity::Warning, std::move(ids), std::move(message));
    }

    template <class T>
    const T* get(const ResourceId& id) const
    {
        return m_design.findAs<T>(id);
    }
    template <class T>
    const T* get(const std::optional<ResourceId>& id) const
    {
        return id ? m_design.findAs<T>(*id) : nullptr;
    }
    const std::string& label(const ResourceId& id) const { return id.str(); }

    std::optional<ResourceId> vpcOf(const ResourceId& id) const { return vpcOfResource(m_design, id); }
    std::string regionCodeOf(const ResourceId& regionId) const
    {
        const Region* region = get<Region>(regionId);
        return region ? region->code : std::string();
    }
    std::string regionOfVpc(const std::optional<ResourceId>& vpc) const
    {
        const Vpc* v = get<Vpc>(vpc);
        return v ? regionCodeOf(v->region) : std::string();
    }
    bool inVpcCidrs(const Vpc& vpc, const Cidr& block) const
    {
        if (block.family() == IpFamily::V6)
            return vpc.ipv6Cidr && vpc.ipv6Cidr->contains(block);
        return std::any_of(vpc.ipv4Cidrs.begin(), vpc.ipv4Cidrs.end(), [&](const Cidr& c) { return c.contains(block); });
    }
    // Reports each id in `ids` whose VPC differs from `vpc`.
    void sameVpc(const Resource& owner, const ResourceId& vpc, const ResourceIds& ids, const char* what)
    {
        for (const ResourceId& id : ids) {
            const auto other = vpcOf(id);
            if (other && *other != vpc)
                error("REFERENCE_OTHER_VPC", {owner.id.str(), id.str()},
                      owner.id.str() + " is in VPC " + vpc.str() + " but its " + what + " " + id.str() + " is in VPC " +
                          other->str());
        }
    }
    void oneSubnetPerAz(const Resource& owner, const ResourceIds& subnets, const char* code)
    {
        std::map<std::string, std::string> byAz;
        for (const ResourceId& id : subnets) {
            const Subnet* s = get<Subnet>(id);
            if (!s)
                continue;
            const auto [it, fresh] = byAz.emplace(s->availabilityZone, id.str());
            if (!fresh)
                error(code, {owner.id.str(), it->second, id.str()},
                      owner.id.str() + " has two subnets in AZ " + s->availabilityZone + ": " + it->second + " and " +
                          id.str() + " (one per AZ)");
        }
    }
    void checkRules(const Resource& owner, const std::vector<SecurityGroupRule>& rules, const char* direction)
    {
        for (std::size_t i = 0; i < rules.size(); ++i)
            if (rules[i].protocol != Protocol::All && rules[i].fromPort > rules[i].toPort)
                error("PORT_RANGE_INVERTED", {owner.id.str()},
                      std::string(direction) + " rule " + std::to_string(i + 1) + " of " + owner.id.str() +
                          " has fromPort " + std::to_string(rules[i].fromPort) + " > toPort " +
                          std::to_string(rules[i].toPort));
    }
    void checkSize(const Resource& owner, const Cidr& block)
    {
        if (block.family() == IpFamily::V4 && (block.prefixLength() < 16 || block.prefixLength() > 28))
            error("CIDR_SIZE_OUT_OF_RANGE", {owner.id.str()},
                  owner.id.str() + " uses " + block.toString() + "; AWS allows /16 to /28 for IPv4 blocks");
    }

    void indexVpcs()
    {
        m_design.forEach<RouteTable>([&](const Resource& r, const RouteTable& t) {
            if (t.main)
                m_mainTables[t.vpc.str()].push_back(r.id.str());
        });
        m_design.forEach<InternetGateway>([&](const Resource& r, const InternetGateway& g) {
            if (g.vpc)
                m_igws[g.vpc->str()].push_back(r.id.str());
        });
        m_design.forEach<VirtualPrivateGateway>([&](const Resource& r, const VirtualPrivateGateway& g) {
            if (g.vpc)
                m_vgws[g.vpc->str()].push_back(r.id.str());
        });
        m_design.forEach<TransitGatewayAttachment>([&](const Resource&, const TransitGatewayAttachment& a) {
            if (a.attachmentType == TgwAttachmentType::Vpc)
                m_tgwAttachments.insert({a.transitGateway.str(), a.resource.str()});
        });
        m_design.forEach<VpcEndpoint>([&](const Resource& r, const VpcEndpoint& e) {
            if (e.endpointType == EndpointType::Gateway)
                if (const AwsService* s = get<AwsService>(e.service))
                    m_gatewayEndpointsByVpcService[e.vpc.str() + "|" + s->service].push_back(r.id.str());
        });
    }

    void check(const Resource&, const Region&) {}

    void check(const Resource& r, const Vpc& v)
    {
        for (const Cidr& c : v.ipv4Cidrs)
            checkSize(r, c);
        for (std::size_t i = 0; i < v.ipv4Cidrs.size(); ++i)
            for (std::size_t j = i + 1; j < v.ipv4Cidrs.size(); ++j)
                if (v.ipv4Cidrs[i].overlaps(v.ipv4Cidrs[j]))
                    error("CIDR_OVERLAP", {r.id.str()},
                          r.id.str() + " has overlapping blocks " + v.ipv4Cidrs[i].toString() + " and " +
                              v.ipv4Cidrs[j].toString());
        if (const auto it = m_mainTables.find(r.id.str()); it != m_mainTables.end() && it->second.size() > 1) {
            std::vector<std::string> ids{r.id.str()};
            ids.insert(ids.end(), it->second.begin(), it->second.end());
            error("MULTIPLE_MAIN_ROUTE_TABLES", ids, r.id.str() + " has " + std::to_string(it->second.size()) + " main route tables");
        }
        for (const auto* gateways : {&m_igws, &m_vgws})
            if (const auto it = gateways->find(r.id.str()); it != gateways->end() && it->second.size() > 1) {
                std::vector<std::string> ids{r.id.str()};
                ids.insert(ids.end(), it->second.begin(), it->second.end());
                error("MULTIPLE_GATEWAYS", ids,
                      r.id.str() + " has " + std::to_string(it->second.size()) +
                          (gateways == &m_igws ? " internet gateways" : " virtual private gateways") +
                          " attached; a VPC can have one");
            }
    }

    void check(const Resource& r, const Subnet& s)
    {
        checkSize(r, s.cidr);
        const Vpc* vpc = get<Vpc>(s.vpc);
        if (vpc && !inVpcCidrs(*vpc, s.cidr))
            error("SUBNET_OUTSIDE_VPC_CIDR", {r.id.str(), s.vpc.str()},
                  "subnet " + r.id.str() + " (" + s.cidr.toString() + ") is outside every CIDR block of VPC " + s.vpc.str());
        if (vpc && s.ipv6Cidr && !inVpcCidrs(*vpc, *s.ipv6Cidr))
            error("SUBNET_OUTSIDE_VPC_CIDR", {r.id.str(), s.vpc.str()},
                  "subnet " + r.id.str() + " IPv6 block " + s.ipv6Cidr->toString() + " is outside VPC " + s.vpc.str() +
                      (vpc->ipv6Cidr ? "'s IPv6 block" : ", which has no IPv6 block"));
        if (vpc) {
            if (const Region* region = get<Region>(vpc->region);
                region && std::find(region->availabilityZones.begin(), region->availabilityZones.end(),
                                    s.availabilityZone) == region->availabilityZones.end())
                error("SUBNET_AZ_NOT_IN_REGION", {r.id.str(), vpc->region.str()},
                      "subnet " + r.id.str() + " is in AZ " + s.availabilityZone + ", which is not an AZ id of " +
                          region->code);
            m_current.subnet = SubnetUse{r.id.str(), s.cidr};
        }
        if (s.routeTable)
            sameVpc(r, s.vpc, {*s.routeTable}, "route table");
        if (s.networkAcl)
            sameVpc(r, s.vpc, {*s.networkAcl}, "network ACL");
    }

    void check(const Resource& r, const RouteTable& t)
    {
        const Vpc* vpc = get<Vpc>(t.vpc);
        std::set<std::string> staticDestinations;
        for (const Route& route : t.routes) {
            const std::string destination =
                route.destination ? route.destination->toString()
                                  : (route.destinationPrefixList ? route.destinationPrefixList->str() : "");
            if (route.origin == RouteOrigin::Static && !staticDestinations.insert(destination).second)
                error("DUPLICATE_ROUTE", {r.id.str()}, "route table " + r.id.str() + " has two static routes to " + destination);
            if (route.target.str() == kLocalTarget) {
                if (vpc && route.destination && !inVpcCidrs(*vpc, *route.destination))
                    error("LOCAL_ROUTE_OUTSIDE_VPC", {r.id.str()},
                          "route table " + r.id.str() + " sends " + destination + " to local, outside VPC " + t.vpc.str());
                continue;
            }
            const Resource* target = m_design.find(route.target);
            if (!target)
                continue;
            if (const VpcEndpoint* e = target->as<VpcEndpoint>(); e && e->endpointType == EndpointType::Gateway)
                error("GATEWAY_ENDPOINT_MANUAL_ROUTE", {r.id.str(), target->id.str()},
                      "route table " + r.id.str() + " has a hand-written route to gateway endpoint " + target->id.str() +
                          "; list the table in the endpoint's routeTables instead");
            if (const auto* eigw = target->as<EgressOnlyInternetGateway>();
                eigw && route.destination && route.destination->family() == IpFamily::V4)
                error("EIGW_IPV4_ROUTE", {r.id.str(), target->id.str()},
                      "route table " + r.id.str() + " sends IPv4 " + destination +
                          " to egress-only internet gateway " + target->id.str() + ", which carries IPv6 only");
            if (const auto* pcx = target->as<VpcPeering>()) {
                if (pcx->requesterVpc != t.vpc && pcx->accepterVpc != t.vpc)
                    error("ROUTE_TARGET_OTHER_VPC", {r.id.str(), target->id.str()},
                          "route table " + r.id.str() + " targets peering " + target->id.str() + ", which does not involve VPC " + t.vpc.str());
                continue;
            }
            if (target->as<TransitGateway>()) {
                if (!m_tgwAttachments.count({target->id.str(), t.vpc.str()}))
                    error("TGW_NOT_ATTACHED", {r.id.str(), target->id.str()},
                          "route table " + r.id.str() + " targets transit gateway " + target->id.str() + ", but VPC " +
                              t.vpc.str() + " has no attachment to it");
                continue;
            }
            const auto targetVpc = vpcOf(target->id);
            if (targetVpc && *targetVpc != t.vpc)
                error("ROUTE_TARGET_OTHER_VPC", {r.id.str(), target->id.str()},
                      "route table " + r.id.str() + " (VPC " + t.vpc.str() + ") targets " + target->id.str() +
                          " in VPC " + targetVpc->str());
        }
    }

    void check(const Resource& r, const InternetGateway&) { (void)r; }
    void check(const Resource&, const EgressOnlyInternetGateway&) {}

    void check(const Resource& r, const NatGateway& n)
    {
        if (n.privateIp)
            checkAddressInSubnet(r, *n.privateIp, n.subnet);
        if (n.connectivity != NatConnectivity::Public)
            return;
        const auto vpc = vpcOf(n.subnet);
        if (vpc && !m_igws.count(vpc->str()))
            error("NAT_PUBLIC_WITHOUT_IGW", {r.id.str(), vpc->str()},
                  "public NAT gateway " + r.id.str() + " is in VPC " + vpc->str() + ", which has no internet gateway");
        if (!n.elasticIp)
            error("NAT_PUBLIC_WITHOUT_EIP", {r.id.str()}, "public NAT gateway " + r.id.str() + " has no Elastic IP");
    }

    void check(const Resource& r, const SecurityGroup& g)
    {
        checkRules(r, g.inbound, "inbound");
        checkRules(r, g.outbound, "outbound");
        for (const auto* rules : {&g.inbound, &g.outbound})
            for (const SecurityGroupRule& rule : *rules)
                if (rule.securityGroup)
                    if (const SecurityGroup* peer = get<SecurityGroup>(*rule.securityGroup);
                        peer && peer->vpc != g.vpc && !arePeered(peer->vpc, g.vpc))
                        error("REFERENCE_OTHER_VPC", {r.id.str(), rule.securityGroup->str()},
                              "security group " + r.id.str() + " references group " + rule.securityGroup->str() +
                                  " of VPC " + peer->vpc.str() + ", which is not peered with " + g.vpc.str());
    }

    void check(const Resource& r, const NetworkAcl& acl)
    {
        for (const auto* entries : {&acl.inbound, &acl.outbound}) {
            std::set<int> numbers;
            for (const NetworkAclEntry& e : *entries) {
                if (!numbers.insert(e.ruleNumber).second)
                    error("NACL_DUPLICATE_RULE_NUMBER", {r.id.str()},
                          "network ACL " + r.id.str() + " uses rule number " + std::to_string(e.ruleNumber) + " twice (" +
                              (entries == &acl.inbound ? "inbound" : "outbound") + ")");
                if (e.protocol != Protocol::All && e.fromPort > e.toPort)
                    error("PORT_RANGE_INVERTED", {r.id.str()},
                          "rule " + std::to_string(e.ruleNumber) + " of " + r.id.str() + " has fromPort > toPort");
            }
        }
    }

    void checkAddressInSubnet(const Resource& r, const IpAddress& address, const ResourceId& subnetId)
    {
        const Subnet* s = get<Subnet>(subnetId);
        if (!s)
            return;
        if (!address.isV4() && !s->ipv6Cidr) {
            error("ADDRESS_OUTSIDE_SUBNET", {r.id.str(), subnetId.str()},
                  r.id.str() + " has IPv6 address " + address.toString() + ", but subnet " + subnetId.str() +
                      " has no IPv6 block");
            return;
        }
        const Cidr& block = address.isV4() ? s->cidr : *s->ipv6Cidr;
        if (!block.contains(address)) {
            error("ADDRESS_OUTSIDE_SUBNET", {r.id.str(), subnetId.str()},
                  r.id.str() + " has address " + address.toString() + ", outside subnet " + subnetId.str() + " (" +
                      block.toString() + ")");
            return;
        }
        if (address.isV4()) {
            const Uint128 offset = address.value() - block.network().value();
            if (offset < 4 || address == block.last())
                error("ADDRESS_RESERVED", {r.id.str(), subnetId.str()},
                      r.id.str() + " uses " + address.toString() + ", which AWS reserves in subnet " + subnetId.str() +
                          " (the first four addresses and the last)");
            m_current.addresses.push_back({address, r.id.str()});
        }
    }

    void check(const Resource& r, const Workload& w)
    {
        if (w.privateIp)
            checkAddressInSubnet(r, *w.privateIp, w.subnet);
        if (w.ipv6Address)
            checkAddressInSubnet(r, *w.ipv6Address, w.subnet);
        if (const auto vpc = vpcOf(w.subnet))
            sameVpc(r, *vpc, w.securityGroups, "security group");
    }

    void check(const Resource& r, const VpcEndpoint& e)
    {
        const std::string id = r.id.str();
        const Vpc* vpc = get<Vpc>(e.vpc);
        sameVpc(r, e.vpc, e.subnets, "subnet");
        sameVpc(r, e.vpc, e.routeTables, "route table");
        sameVpc(r, e.vpc, e.securityGroups, "security group");
        const AwsService* aws = get<AwsService>(e.service);
        const EndpointService* svc = get<EndpointService>(e.service);
        const LoadBalancer* lb = svc ? get<LoadBalancer>(svc->loadBalancer) : nullptr;
        const std::string consumerRegion = regionOfVpc(e.vpc);

        if (e.endpointType == EndpointType::Gateway) {
            if (!aws || !serviceHasGatewayEndpoint(aws->service))
                error("GATEWAY_ENDPOINT_SERVICE_UNSUPPORTED", {id, e.service.str()},
                      "gateway endpoint " + id + " is for " + (aws ? aws->service : e.service.str()) +
                          "; gateway endpoints exist only for S3 and DynamoDB");
            else if (regionCodeOf(aws->region) != consumerRegion)
                error("GATEWAY_ENDPOINT_OTHER_REGION", {id, e.service.str()},
                      "gateway endpoint " + id + " in " + consumerRegion + " is for " + aws->service + " in " +
                          regionCodeOf(aws->region) + "; gateway endpoints serve their own Region only");
            if (aws)
                for (const ResourceId& table : e.routeTables)
                    m_current.gatewayRoutes.push_back({table.str() + "|" + aws->service, id});
            return;
        }

        if (e.subnets.empty())
            error("ENDPOINT_WITHOUT_SUBNET", {id}, "endpoint " + id + " has no subnet");
        if (e.endpointType == EndpointType::GatewayLoadBalancer) {
            if (e.subnets.size() > 1)
                error("GWLB_ENDPOINT_ONE_SUBNET", {id}, "Gateway Load Balancer endpoint " + id + " has " +
                                                            std::to_string(e.subnets.size()) + " subnets; it needs exactly one");
            if (!lb || lb->lbType != LoadBalancerType::Gateway)
                error("ENDPOINT_TYPE_MISMATCH", {id, e.service.str()},
                      "Gateway Load Balancer endpoint " + id + " must connect to an endpoint service fronted by a Gateway Load Balancer");
        } else {
            oneSubnetPerAz(r, e.subnets, "ENDPOINT_DUPLICATE_AZ");
            std::set<std::string> azs;
            for (const ResourceId& s : e.subnets)
                if (const Subnet* subnet = get<Subnet>(s))
                    azs.insert(subnet->availabilityZone);
            if (azs.size() == 1)
                warning("ENDPOINT_SINGLE_AZ", {id},
                        "interface endpoint " + id + " is only in AZ " + *azs.begin() +
                            "; clients in other AZs cross zones and lose the endpoint if that AZ fails");
            if (lb && lb->lbType != LoadBalancerType::Network)
                error("ENDPOINT_TYPE_MISMATCH", {id, e.service.str()},
                      "interface endpoint " + id + " connects to a Gateway Load Balancer service; use a gatewayLoadBalancer endpoint");
        }

        const bool privateDnsWanted =
            e.endpointType == EndpointType::Interface && e.privateDns && (aws || (svc && !svc->privateDnsName.empty()));
        if (privateDnsWanted && vpc && (!vpc->enableDnsSupport || !vpc->enableDnsHostnames))
            error("PRIVATE_DNS_REQUIRES_VPC_DNS", {id, e.vpc.str()},
                  "endpoint " + id + " has private DNS on, but VPC " + e.vpc.str() + " has " +
                      (!vpc->enableDnsSupport ? "enableDnsSupport" : "enableDnsHostnames") + " off");

        if (e.privateDnsOnlyForInboundResolverEndpoint) {
            const bool isS3Interface = aws && aws->service == "s3" && e.endpointType == EndpointType::Interface;
            if (!isS3Interface || !m_gatewayEndpointsByVpcService.count(e.vpc.str() + "|s3"))
                error("RESOLVER_ONLY_REQUIRES_GATEWAY_ENDPOINT", {id},
                      isS3Interface ? "endpoint " + id + " answers private DNS only for the inbound Resolver endpoint, "
                                                         "but VPC " + e.vpc.str() + " has no S3 gateway endpoint"
                                    : "endpoint " + id + ": private DNS only for the inbound Resolver endpoint exists for S3 interface endpoints only");
        }

        if (aws && e.endpointType == EndpointType::Interface) {
            const std::string serviceRegion = regionCodeOf(aws->region);
            if (!consumerRegion.empty() && !serviceRegion.empty() && serviceRegion != consumerRegion &&
                !serviceIsCrossRegionEnabled(aws->service))
                error("CROSS_REGION_SERVICE_NOT_SUPPORTED", {id, e.service.str()},
                      "endpoint " + id + " in " + consumerRegion + " reaches " + aws->service + " in " + serviceRegion +
                          ", which is not available over cross-Region PrivateLink");
        }

        if (svc)
            checkConsumer(r, e, *svc, lb);
    }

    void checkConsumer(const Resource& r, const VpcEndpoint& e, const EndpointService& svc, const LoadBalancer* lb)
    {
        const std::string id = r.id.str();
        const Vpc* consumer = get<Vpc>(e.vpc);
        const auto providerVpcId = lb && !lb->subnets.empty() ? vpcOf(lb->subnets.front()) : std::nullopt;
        const Vpc* provider = get<Vpc>(providerVpcId);
        if (consumer) {
            const bool sameAccount = provider && !provider->account.empty() && provider->account == consumer->account;
            const bool anyone = std::find(svc.allowedPrincipals.begin(), svc.allowedPrincipals.end(), "*") != svc.allowedPrincipals.end();
            if (!sameAccount && !anyone) {
                if (svc.allowedPrincipals.empty())
                    error("ENDPOINT_PRINCIPAL_NOT_ALLOWED", {id, e.service.str()},
                          "endpoint service " + e.service.str() + " allows no principals, so " + id + " cannot be created");
                else if (consumer->account.empty())
                    warning("ENDPOINT_PRINCIPAL_UNKNOWN", {id, e.vpc.str()},
                            "VPC " + e.vpc.str() + " has no account, so whether " + id +
                                " is an allowed principal of " + e.service.str() + " cannot be checked");
                else if (std::none_of(svc.allowedPrincipals.begin(), svc.allowedPrincipals.end(), [&](const std::string& p) {
                             return p == consumer->account || p.find(":" + consumer->account + ":") != std::string::npos;
                         }))
                    error("ENDPOINT_PRINCIPAL_NOT_ALLOWED", {id, e.service.str()},
                          "account " + consumer->account + " of " + id + " is not an allowed principal of " + e.service.str());
            }
        }
        const std::string consumerRegion = regionOfVpc(e.vpc);
        const std::string providerRegion = provider ? regionCodeOf(provider->region) : std::string();
        if (!consumerRegion.empty() && !providerRegion.empty() && consumerRegion != providerRegion) {
            const Region* cr = consumer ? get<Region>(consumer->region) : nullptr;
            const Region* pr = provider ? get<Region>(provider->region) : nullptr;
            const bool listed = std::find(svc.supportedRegions.begin(), svc.supportedRegions.end(), consumerRegion) !=
                                svc.supportedRegions.end();
            if (!listed || (cr && pr && cr->partition != pr->partition))
                error("ENDPOINT_SERVICE_REGION_NOT_SUPPORTED", {id, e.service.str()},
                      "endpoint " + id + " in " + consumerRegion + " connects to " + e.service.str() + " in " +
                          providerRegion + (listed ? ", across partitions" : ", which does not list " + consumerRegion + " in supportedRegions"));
        } else if (lb && e.endpointType == EndpointType::Interface) {
            std::set<std::string> lbAzs;
            for (const ResourceId& s : lb->subnets)
                if (const Subnet* subnet = get<Subnet>(s))
                    lbAzs.insert(subnet->availabilityZone);
            for (const ResourceId& s : e.subnets)
                if (const Subnet* subnet = get<Subnet>(s); subnet && !lbAzs.count(subnet->availabilityZone))
                    error("VPCE_SERVICE_NOT_INSTALLED_IN_AZ", {id, s.str(), e.service.str()},
                          "endpoint " + id + " has subnet " + s.str() + " in AZ " + subnet->availabilityZone +
                              ", where the load balancer of " + e.service.str() + " is not enabled");
        }
        if (e.privateDns && !svc.privateDnsName.empty() && !svc.privateDnsVerified)
            warning("ENDPOINT_SERVICE_DNS_UNVERIFIED", {e.service.str(), id},
                    "endpoint service " + e.service.str() + " has the private DNS name " + svc.privateDnsName +
                        ", which is not verified; " + id + " cannot use it");
    }

    void check(const Resource&, const EndpointService&) {}

    void check(const Resource& r, const LoadBalancer& lb)
    {
        oneSubnetPerAz(r, lb.subnets, "ONE_SUBNET_PER_AZ");
        if (const auto vpc = vpcOf(r.id)) {
            sameVpc(r, *vpc, lb.subnets, "subnet");
            sameVpc(r, *vpc, lb.securityGroups, "security group");
        }
        for (const LoadBalancerTarget& t : lb.targets)
            if (t.ip && !t.ip->isPrivate())
                error("LB_TARGET_PUBLIC_IP", {r.id.str()},
                      "load balancer " + r.id.str() + " has IP target " + t.ip->toString() +
                          "; IP targets must be private (RFC 1918 / RFC 6598) addresses");
    }

    void check(const Resource&, const AwsService&) {}
    void check(const Resource&, const PrefixList&) {}
    void check(const Resource&, const InternetHost&) {}

    void check(const Resource& r, const VpcPeering& p)
    {
        if (p.requesterVpc == p.accepterVpc)
            error("PEERING_SAME_VPC", {r.id.str()}, "peering " + r.id.str() + " connects VPC " + p.requesterVpc.str() + " to itself");
    }

    void check(const Resource&, const TransitGateway&) {}

    void check(const Resource& r, const TransitGatewayRouteTable& t)
    {
        for (const TransitGatewayRoute& route : t.routes)
            if (route.blackhole == route.attachment.has_value())
                error("TGW_ROUTE_WITHOUT_TARGET", {r.id.str()},
                      "route " + route.destination.toString() + " of " + r.id.str() +
                          (route.blackhole ? " is a blackhole but names an attachment" : " has neither an attachment nor blackhole"));
    }

    void check(const Resource& r, const TransitGatewayAttachment& a)
    {
        const std::string id = r.id.str();
        const Resource* attached = m_design.find(a.resource);
        const Kind expected = a.attachmentType == TgwAttachmentType::Vpc                    ? Kind::Vpc
                              : a.attachmentType == TgwAttachmentType::Vpn                  ? Kind::VpnConnection
                              : a.attachmentType == TgwAttachmentType::DirectConnectGateway ? Kind::DirectConnectGateway
                                                                                            : Kind::TransitGateway;
        if (attached && attached->kind() != expected)
            error("TGW_ATTACHMENT_MISMATCH", {id, a.resource.str()},
                  "attachment " + id + " is of type " + std::string(enumName(a.attachmentType)) + " but attaches " +
                      std::string(kindInfo(attached->kind()).name) + " " + a.resource.str());
        if (a.attachmentType == TgwAttachmentType::Vpc) {
            sameVpc(r, a.resource, a.subnets, "subnet");
            oneSubnetPerAz(r, a.subnets, "ONE_SUBNET_PER_AZ");
        }
        const TransitGateway* tgw = get<TransitGateway>(a.transitGateway);
        const std::optional<ResourceId> table = a.routeTable ? a.routeTable : (tgw ? tgw->defaultAssociationRouteTable : std::nullopt);
        if (const TransitGatewayRouteTable* t = get<TransitGatewayRouteTable>(table); t && t->transitGateway != a.transitGateway)
            error("TGW_ATTACHMENT_MISMATCH", {id, table->str()},
                  "attachment " + id + " is associated with route table " + table->str() + " of another transit gateway");
        if (!table)
            warning("TGW_ATTACH_MISSING_TGW_RTB_ASSOCIATION", {id},
                    "attachment " + id + " is associated with no transit gateway route table, so the transit gateway "
                                         "forwards nothing it sends");
    }

    void check(const Resource&, const VirtualPrivateGateway&) {}
    void check(const Resource&, const CustomerGateway&) {}

    void check(const Resource& r, const VpnConnection& v)
    {
        if (!get<VirtualPrivateGateway>(v.gateway))
            return;
        for (const Cidr& c : v.remoteCidrs)
            if (c.family() == IpFamily::V6)
                error("VPN_IPV6_ON_VGW", {r.id.str(), v.gateway.str()},
                      "VPN " + r.id.str() + " on virtual private gateway " + v.gateway.str() + " lists IPv6 network " +
                          c.toString() + "; VGW VPNs carry IPv4 only");
    }

    void check(const Resource&, const DirectConnectGateway&) {}

    void check(const Resource& r, const DirectConnectVirtualInterface& vif)
    {
        const Resource* gateway = vif.gateway ? m_design.find(*vif.gateway) : nullptr;
        const char* problem = nullptr;
        switch (vif.vifType) {
        case VifType::Private:
            if (!vif.gateway)
                problem = "a private VIF needs a virtual private gateway or Direct Connect gateway";
            break;
        case VifType::Transit:
            if (!gateway || !gateway->as<DirectConnectGateway>())
                problem = "a transit VIF connects to a Direct Connect gateway";
            break;
        case VifType::Public:
            if (vif.gateway)
                problem = "a public VIF has no gateway; it reaches AWS public endpoints";
            break;
        }
        if (problem)
            error("VIF_GATEWAY_MISMATCH", {r.id.str()}, "virtual interface " + r.id.str() + ": " + problem);
    }

    void check(const Resource&, const OnPremisesNetwork&) {}

    void check(const Resource& r, const OnPremisesHost& h)
    {
        const OnPremisesNetwork* n = get<OnPremisesNetwork>(h.network);
        if (n && std::none_of(n->cidrs.begin(), n->cidrs.end(), [&](const Cidr& c) { return c.contains(h.address); }))
            error("ADDRESS_OUTSIDE_SUBNET", {r.id.str(), h.network.str()},
                  "host " + r.id.str() + " has address " + h.address.toString() + ", outside network " + h.network.str());
    }

    void check(const Resource& r, const ResolverEndpoint& e)
    {
        sameVpc(r, e.vpc, e.subnets, "subnet");
        sameVpc(r, e.vpc, e.securityGroups, "security group");
    }

    void check(const Resource& r, const PrivateHostedZone& z)
    {
        for (const ResourceId& id : z.vpcs)
            if (const Vpc* v = get<Vpc>(id); v && !v->enableDnsSupport)
                warning("DNS_ZONE_VPC_DNS_OFF", {r.id.str(), id.str()},
                        "private hosted zone " + z.domain + " is associated with VPC " + id.str() +
                            ", whose enableDnsSupport is off, so it is never answered there");
    }

    bool arePeered(const ResourceId& a, const ResourceId& b) const
    {
        bool found = false;
        m_design.forEach<VpcPeering>([&](const Resource&, const VpcPeering& p) {
            found = found || (p.requesterVpc == a && p.accepterVpc == b) || (p.requesterVpc == b && p.accepterVpc == a);
        });
        return found;
    }

    // Adds a checked resource's contribution to the checks across resources.
    void merge(const Contribution& c)
    {
        if (!c.vpc.empty()) {
            VpcData& data = m_vpcData[c.vpc];
            if (c.subnet)
                data.subnets.push_back(*c.subnet);
            data.addresses.insert(data.addresses.end(), c.addresses.begin(), c.addresses.end());
        }
        for (const auto& [key, endpoint] : c.gatewayRoutes)
            m_gatewayRoutes[key].push_back(endpoint);
    }


    static bool sameVpcFacts(const Contribution& a, const Contribution& b)
    {
        const auto sameAddresses = std::equal(a.addresses.begin(), a.addresses.end(), b.addresses.begin(), b.addresses.end(),
                                              [](const AddressUse& x, const AddressUse& y) { return x.address == y.address && x.owner == y.owner; });
        const bool sameSubnet = a.subnet.has_value() == b.subnet.has_value() &&
                                (!a.subnet || (a.subnet->id == b.subnet->id && a.subnet->cidr == b.subnet->cidr));
        return a.vpc == b.vpc && sameSubnet && sameAddresses;
    }

    // The resources an edit of `touched` can change the findings of: the changed ones, those that
    // refer to them (three levels: an endpoint reads its service's load balancer's subnets) and
    // every resource of a touched VPC (checks read per-VPC facts: gateways, main tables...).
    // An id only referred to (not in `changed`; a Region a pasted VPC names, a VPC a new gateway
    // attaches to) is itself unchanged: only checks that read who refers to it can change, i.e.
    // its own, its direct referrers' (two route tables for one subnet) and, for a VPC, its
    // members' (the per-VPC facts). Its referrers' referrers read nothing new.
    void markDirty()
    {
        std::vector<std::string> frontier;
        for (const std::string& id : *m_touched) {
            const auto was = m_cache->position.find(id);
            const bool referredOnly = m_changed && !m_changed->count(id) && was != m_cache->position.end();
            if (!referredOnly) {
                frontier.push_back(id);
                continue;
            }
            m_dirty.insert(id);
            if (const auto it = m_cache->referencedBy.find(id); it != m_cache->referencedBy.end())
                m_dirty.insert(it->second.begin(), it->second.end());
            if (const auto it = m_cache->members.find(id); it != m_cache->members.end())
                m_dirty.insert(it->second.begin(), it->second.end());
        }
        std::unordered_set<std::string> expanded;
        for (int level = 0; level < 4 && !frontier.empty(); ++level) {
            std::vector<std::string> next;
            for (const std::string& id : frontier) {
                if (!expanded.insert(id).second)
                    continue;
                m_dirty.insert(id);
                if (const auto it = m_cache->position.find(id); it != m_cache->position.end()) {
                    const std::string& was = m_cache->contributions[it->second].vpc;
                    if (!was.empty())
                        m_dirtyVpcs.insert(was); // where it was: a removed subnet frees its block
                }
                if (const auto now = vpcOf(ResourceId(id)))
                    m_dirtyVpcs.insert(now->str()); // where it is now
                if (const auto it = m_cache->referencedBy.find(id); it != m_cache->referencedBy.end())
                    next.insert(next.end(), it->second.begin(), it->second.end());
                if (const auto it = m_cache->members.find(id); it != m_cache->members.end())
                    for (const std::string& member : it->second)
                        m_dirty.insert(member);
            }
            frontier = std::move(next);
        }
    }

    // SUBNET_OVERLAP and DUPLICATE_ADDRESS, per VPC in id order; VPCs nothing changed in keep
    // their findings from the last run.
    void checkSubnetsAndAddresses(bool incremental)
    {
        std::map<std::string, std::vector<Finding>> byVpc;
        if (incremental)
            for (auto& [vpc, findings] : m_cache->vpcFindings)
                if (!m_dirtyVpcs.count(vpc))
                    byVpc.emplace(vpc, std::move(findings));
        for (auto& [vpc, data] : m_vpcData) {
            if (incremental && !m_dirtyVpcs.count(vpc))
                continue;
            const std::size_t before = m_findings.size();
            checkSubnetOverlaps(vpc, data.subnets);
            checkDuplicateAddresses(vpc, data.addresses);
            byVpc[vpc].assign(m_findings.begin() + std::ptrdiff_t(before), m_findings.end());
            m_findings.resize(before);
        }
        for (const auto& [vpc, findings] : byVpc)
            for (const Finding& f : findings)
                if (f.code == "SUBNET_OVERLAP")
                    m_findings.push_back(f);
        for (const auto& [vpc, findings] : byVpc)
            for (const Finding& f : findings)
                if (f.code == "DUPLICATE_ADDRESS")
                    m_findings.push_back(f);
        if (m_cache)
            m_cache->vpcFindings = std::move(byVpc);
    }

    void checkSubnetOverlaps(const std::string& vpc, std::vector<SubnetUse> sorted)
    {
        std::stable_sort(sorted.begin(), sorted.end(),
                         [](const SubnetUse& a, const SubnetUse& b) { return a.cidr.network() < b.cidr.network(); });
        const SubnetUse* widest = nullptr; // the earlier block reaching furthest
        for (const SubnetUse& s : sorted) {
            if (widest && widest->cidr.overlaps(s.cidr))
                error("SUBNET_OVERLAP", {s.id, widest->id},
                      "subnets " + widest->id + " (" + widest->cidr.toString() + ") and " + s.id + " (" + s.cidr.toString() +
                          ") overlap in VPC " + vpc);
            if (!widest || widest->cidr.last() < s.cidr.last())
                widest = &s;
        }
    }

    void checkDuplicateAddresses(const std::string& vpc, std::vector<AddressUse> uses)
    {
        // Sorted by address; equal neighbours are duplicates. Stable keeps resource order.
        std::stable_sort(uses.begin(), uses.end(), [](const AddressUse& a, const AddressUse& b) { return a.address < b.address; });
        for (std::size_t i = 0; i < uses.size();) {
            std::size_t j = i + 1;
            while (j < uses.size() && uses[j].address == uses[i].address)
                ++j;
            if (j - i > 1) {
                std::vector<std::string> owners;
                for (std::size_t k = i; k < j; ++k)
                    owners.push_back(uses[k].owner);
                error("DUPLICATE_ADDRESS", owners,
                      "address " + uses[i].address.toString() + " is used by " + std::to_string(j - i) + " interfaces in VPC " + vpc);
            }
            i = j;
        }
    }

    void checkPeeringOverlaps()
    {
        m_design.forEach<VpcPeering>([&](const Resource& r, const VpcPeering& p) {
            const Vpc* a = get<Vpc>(p.requesterVpc);
            const Vpc* b = get<Vpc>(p.accepterVpc);
            if (!a || !b || p.requesterVpc == p.accepterVpc)
                return;
            std::vector<Cidr> blocksA = a->ipv4Cidrs, blocksB = b->ipv4Cidrs;
            if (a->ipv6Cidr)
                blocksA.push_back(*a->ipv6Cidr);
            if (b->ipv6Cidr)
                blocksB.push_back(*b->ipv6Cidr);
            for (const Cidr& x : blocksA)
                for (const Cidr& y : blocksB)
                    if (x.overlaps(y))
                        error("CIDR_OVERLAP", {r.id.str(), p.requesterVpc.str(), p.accepterVpc.str()},
                              "peered VPCs " + p.requesterVpc.str() + " (" + x.toString() + ") and " +
                                  p.accepterVpc.str() + " (" + y.toString() + ") overlap; AWS refuses the peering");
        });
    }

    // GW-3: one gateway endpoint per service per route table.
    void checkGatewayEndpointRoutes()
    {
        for (const auto& [key, endpoints] : m_gatewayRoutes)
            if (endpoints.size() > 1) {
                const std::string table = key.substr(0, key.find('|'));
                std::vector<std::string> ids{table};
                ids.insert(ids.end(), endpoints.begin(), endpoints.end());
                error("GATEWAY_ENDPOINT_DUPLICATE", ids,
                      "route table " + table + " is associated with " + std::to_string(endpoints.size()) +
                          " gateway endpoints for " + key.substr(key.find('|') + 1) + "; one per service per table");
            }
    }

    void checkTransitPropagation()
    {
        // TGW-3: the later of two overlapping VPC attachments propagating into one table loses.
        std::map<std::string, std::vector<std::pair<const Resource*, const Vpc*>>> byTable;
        std::map<std::string, std::optional<ResourceId>> defaultPropagation;
        m_design.forEach<TransitGateway>([&](const Resource& r, const TransitGateway& t) {
            defaultPropagation[r.id.str()] = t.defaultPropagationRouteTable;
        });
        m_design.forEach<TransitGatewayRouteTable>([&](const Resource& r, const TransitGatewayRouteTable& t) {
            for (const ResourceId& a : t.propagations)
                if (const auto* att = get<TransitGatewayAttachment>(a); att && att->attachmentType == TgwAttachmentType::Vpc)
                    if (const Vpc* v = get<Vpc>(att->resource))
                        byTable[r.id.str()].push_back({m_design.find(a), v});
        });
        m_design.forEach<TransitGatewayAttachment>([&](const Resource& r, const TransitGatewayAttachment& a) {
            const auto it = defaultPropagation.find(a.transitGateway.str());
            if (a.attachmentType != TgwAttachmentType::Vpc || it == defaultPropagation.end() || !it->second)
                return;
            auto& list = byTable[it->second->str()];
            if (const Vpc* v = get<Vpc>(a.resource);
                v && std::none_of(list.begin(), list.end(), [&](const auto& e) { return e.first == &r; }))
                list.push_back({&r, v});
        });
        for (const auto& [table, entries] : byTable)
            for (std::size_t i = 0; i < entries.size(); ++i)
                for (std::size_t j = i + 1; j < entries.size(); ++j)
                    for (const Cidr& x : entries[i].second->ipv4Cidrs)
                        for (const Cidr& y : entries[j].second->ipv4Cidrs)
                            if (x.overlaps(y))
                                warning("TGW_PROPAGATION_CIDR_OVERLAP", {entries[j].first->id.str(), entries[i].first->id.str(), table},
                                        "attachments " + entries[i].first->id.str() + " and " + entries[j].first->id.str() +
                                            " propagate overlapping CIDRs (" + x.toString() + ", " + y.toString() +
                                            ") into " + table + "; the later one is not propagated");
    }

    void checkFlow(const Flow& f)
    {
        if ((f.protocol == Protocol::Tcp || f.protocol == Protocol::Udp) && !f.port)
            error("FLOW_PORT_REQUIRED", {f.id.str()},
                  "flow " + f.id.str() + " uses " + std::string(enumName(f.protocol)) + " but has no port");
        if (f.source == f.destination)
            warning("FLOW_SAME_ENDPOINTS", {f.id.str(), f.source.str()},
                    "flow " + f.id.str() + " goes from " + f.source.str() + " to itself");
    }

    // The container a resource must be drawn in, if the model fixes one.
    std::optional<ResourceId> modelParent(const Resource& r) const
    {
        if (const Subnet* s = r.as<Subnet>())
            return s->vpc;
        if (const Workload* w = r.as<Workload>())
            return w->subnet;
        if (const NatGateway* n = r.as<NatGateway>())
            return n->subnet;
        if (const Vpc* v = r.as<Vpc>())
            return v->region;
        if (const OnPremisesHost* h = r.as<OnPremisesHost>())
            return h->network;
        return std::nullopt;
    }

    void checkDiagram()
    {
        std::unordered_map<std::string_view, const Shape*> shapes;
        shapes.reserve(m_design.diagram.shapes.size());
        for (const Shape& s : m_design.diagram.shapes)
            shapes.emplace(s.resource.str(), &s);
        for (const Shape& s : m_design.diagram.shapes) {
            const Resource* r = m_design.find(s.resource);
            if (!r)
                continue;
            const auto parent = modelParent(*r);
            // Only insist when the model's container is drawn too.
            if (parent && shapes.count(parent->str()) && s.parent != parent)
                warning("DIAGRAM_PARENT_MISMATCH", {r->id.str(), parent->str()},
                        r->id.str() + " belongs in " + parent->str() + " but is drawn " +
                            (s.parent ? "inside " + s.parent->str() : std::string("outside it")));
        }
    }

    const Design& m_design;
    std::vector<Finding> m_findings;
    std::map<std::string, std::vector<std::string>> m_mainTables, m_igws, m_vgws;
    std::set<std::pair<std::string, std::string>> m_tgwAttachments;
    std::map<std::string, std::vector<std::string>> m_gatewayEndpointsByVpcService;
    std::map<std::string, std::vector<std::string>> m_gatewayRoutes;
    struct VpcData {
        std::vector<SubnetUse> subnets;
        std::vector<AddressUse> addresses;
    };
    std::map<std::string, VpcData> m_vpcData;
    LintCache* m_cache;
    const std::set<std::string>* m_touched;
    const std::set<std::string>* m_changed;
    Contribution m_current;
    std::unordered_set<std::string> m_dirty;
    std::unordered_set<std::string> m_dirtyVpcs;
};

} // namespace

std::vector<Finding> lintDesign(const Design& design) { return Linter(design).run(); }

std::vector<Finding> lintDiagram(const Design& design) { return Linter(design).runDiagram(); }

IncrementalLinter::IncrementalLinter() : m_cache(std::make_unique<LintCache>()) {}
IncrementalLinter::~IncrementalLinter() = default;
IncrementalLinter::IncrementalLinter(IncrementalLinter&&) noexcept = default;
IncrementalLinter& IncrementalLinter::operator=(IncrementalLinter&&) noexcept = default;

std::vector<Finding> IncrementalLinter::run(const Design& design, const std::set<std::string>* touched,
                                            const std::set<std::string>* changed)
{
    if (!touched)
        *m_cache = LintCache();
    return Linter(design, m_cache.get(), touched, changed).run();
}

} // namespace pp
