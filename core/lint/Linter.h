#pragma once

// The linter's inside, shared by the files of lint/: one Linter per run checks each resource
// (check overloads, one per kind) and then the rules across resources. The checks live in files
// by the rules they enforce: addressing, routing, security groups and ACLs, endpoints and
// PrivateLink, transit gateways and hybrid links, the diagram; IncrementalLint.cpp holds the run
// itself and the cache that lets IncrementalLinter check only what an edit can change.

#include "design/Placement.h"
#include "lint/Lint.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace pp {
namespace lint {

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
    std::string vpcFacts; // what others in its VPC read without referring to it (Linter::vpcFactsOf)
};

} // namespace lint

struct LintCache {
    // Contributions in the resource order of the last run; `position` finds one by id.
    std::vector<std::string> order;
    std::vector<lint::Contribution> contributions;
    std::unordered_map<std::string, std::size_t> position;
    std::unordered_map<std::string, std::vector<std::string>> referencedBy; // id -> resources referring to it
    std::unordered_map<std::string, std::vector<std::string>> members;      // VPC -> resources in it
    std::map<std::string, std::vector<Finding>> vpcFindings;                // VPC -> overlap and duplicate findings
};

namespace lint {

class Linter {
public:
    Linter(const Design& design, LintCache* cache = nullptr, const std::set<std::string>* touched = nullptr,
           const std::set<std::string>* changed = nullptr)
        : m_design(design), m_cache(cache), m_touched(touched), m_changed(changed)
    {
    }

    std::vector<Finding> run();

    // Shapes drawn outside the container the model puts their resource in.
    std::vector<Finding> runDiagram();

private:
    void add(const char* code, Severity severity, std::vector<std::string> ids, std::string message)
    {
        m_findings.push_back({code, severity, std::move(ids), std::move(message), {}});
    }
    void error(const char* code, std::vector<std::string> ids, std::string message)
    {
        add(code, Severity::Error, std::move(ids), std::move(message));
    }
    void warning(const char* code, std::vector<std::string> ids, std::string message)
    {
        add(code, Severity::Warning, std::move(ids), std::move(message));
    }
    // An error in one route of a table (ids.front()): see Finding::route.
    void routeError(const char* code, std::vector<std::string> ids, std::string route, std::string message)
    {
        m_findings.push_back({code, Severity::Error, std::move(ids), std::move(message), std::move(route)});
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
    std::optional<ResourceId> vpcOf(const Resource& r) const { return vpcOfResource(m_design, r); }
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

    // ---- the run and its cache (IncrementalLint.cpp) ----
    // Adds a checked resource's contribution to the checks across resources.
    void merge(const Contribution& c);
    static bool sameVpcFacts(const Contribution& a, const Contribution& b);
    // The resources an edit of `touched` can change the findings of: the changed ones, those that
    // refer to them (three levels: an endpoint reads its service's load balancer's subnets) and
    // every resource of a touched VPC (checks read per-VPC facts: gateways, main tables...).
    // An id only referred to (not in `changed`; a Region a pasted VPC names, a VPC a new gateway
    // attaches to) is itself unchanged: only checks that read who refers to it can change, i.e.
    // its own, its direct referrers' (two route tables for one subnet) and, for a VPC, its
    // members' (the per-VPC facts). Its referrers' referrers read nothing new.
    void markDirty();
    // SUBNET_OVERLAP and DUPLICATE_ADDRESS, per VPC in id order; VPCs nothing changed in keep
    // their findings from the last run.
    void checkSubnetsAndAddresses(bool incremental);

    // ---- shared by several kinds, and flows (Lint.cpp) ----
    // Reports each id in `ids` whose VPC differs from `vpc`.
    void sameVpc(const Resource& owner, const ResourceId& vpc, const ResourceIds& ids, const char* what);
    void oneSubnetPerAz(const Resource& owner, const ResourceIds& subnets, const char* code);
    void checkFlow(const Flow& f);

    // ---- addressing: CIDR blocks, subnets, interface addresses (AddressingLint.cpp) ----
    void checkSize(const Resource& owner, const Cidr& block);
    void check(const Resource& r, const Vpc& v);
    void check(const Resource& r, const Subnet& s);
    void checkAddressInSubnet(const Resource& r, const IpAddress& address, const ResourceId& subnetId);
    void check(const Resource& r, const Workload& w);
    void check(const Resource& r, const OnPremisesHost& h);
    void checkSubnetOverlaps(const std::string& vpc, std::vector<SubnetUse> sorted);
    void checkDuplicateAddresses(const std::string& vpc, std::vector<AddressUse> uses);
    void checkPeeringOverlaps();

    // ---- routing: route tables, gateways, peering (RoutingLint.cpp) ----
    void indexVpcs();
    // What `r` tells the other resources of its VPC without their referring to it: its entries
    // in the per-VPC indexes above (a main table, a gateway, a gateway endpoint's service, a
    // transit attachment). When no changed resource's facts changed, a VPC an edit only refers to
    // keeps its members' findings (those that refer to the VPC itself are checked again all the
    // same: a gateway route table reads every subnet block of its VPC).
    std::string vpcFactsOf(const Resource& r) const;
    void check(const Resource& r, const RouteTable& t);
    void check(const Resource& r, const NatGateway& n);
    void check(const Resource& r, const VpcPeering& p);
    // RT-9: a gateway route table's routes, and the gateway's association.
    void checkGatewayRoutes(const Resource& r, const RouteTable& t, const std::vector<std::string>& gateways);
    void checkEdgeAssociation(const Resource& gateway, const std::optional<ResourceId>& vpc, const std::optional<ResourceId>& table);
    void check(const Resource& r, const InternetGateway& g) { checkEdgeAssociation(r, g.vpc, g.routeTable); }
    void check(const Resource& r, const VirtualPrivateGateway& g) { checkEdgeAssociation(r, g.vpc, g.routeTable); }

    // ---- security groups and network ACLs (SecurityLint.cpp) ----
    void checkRules(const Resource& owner, const std::vector<SecurityGroupRule>& rules, const char* direction);
    void check(const Resource& r, const SecurityGroup& g);
    void check(const Resource& r, const NetworkAcl& acl);
    bool arePeered(const ResourceId& a, const ResourceId& b) const;
    void checkSecurityGroupReferences();

    // ---- endpoints, PrivateLink, load balancers and DNS (EndpointLint.cpp) ----
    void check(const Resource& r, const VpcEndpoint& e);
    void checkEndpointTarget(const Resource& r, const VpcEndpoint& e, const AwsService* aws, const EndpointService* svc,
                             const LoadBalancer* lb);
    void checkConsumer(const Resource& r, const VpcEndpoint& e, const EndpointService& svc, const LoadBalancer* lb);
    // Whether the account of `e`'s VPC may create it: the provider's own, or listed in `allowed`
    // (the principals of `what`).
    void checkPrincipals(const Resource& r, const VpcEndpoint& e, const std::vector<std::string>& allowed, const Vpc* provider,
                         const std::string& what);
    void check(const Resource& r, const LoadBalancer& lb);
    // GW-3: one gateway endpoint per service per route table.
    void checkGatewayEndpointRoutes();
    void check(const Resource& r, const ResolverEndpoint& e);
    void check(const Resource& r, const PrivateHostedZone& z);

    // ---- transit gateways, VPN and Direct Connect (TransitLint.cpp) ----
    void check(const Resource& r, const TransitGatewayRouteTable& t);
    void check(const Resource& r, const TransitGatewayAttachment& a);
    void checkTransitPropagation();
    void check(const Resource& r, const VpnConnection& v);
    void check(const Resource& r, const DirectConnectVirtualInterface& vif);

    // ---- AWS Network Firewall (FirewallLint.cpp) ----
    void check(const Resource& r, const NetworkFirewall& fw);

    // ---- VPC Lattice resources over PrivateLink (LatticeLint.cpp) ----
    void check(const Resource& r, const ResourceGateway& g);
    void check(const Resource& r, const ResourceConfiguration& c);
    void check(const Resource& r, const ServiceNetwork& n);

    // ---- the diagram (DiagramLint.cpp) ----
    // The container a resource must be drawn in, if the model fixes one.
    std::optional<ResourceId> modelParent(const Resource& r) const;
    void checkDiagram();
    // Values an import from Terraform could not know (IMPORTED_VALUE_UNKNOWN, ImportLint.cpp).
    void checkImported(const Resource& r);

    // Kinds with no rule of their own.
    void check(const Resource&, const Region&) {}
    void check(const Resource&, const EgressOnlyInternetGateway&) {}
    void check(const Resource&, const EndpointService&) {}
    void check(const Resource&, const AwsService&) {}
    void check(const Resource&, const PrefixList&) {}
    void check(const Resource&, const InternetHost&) {}
    void check(const Resource&, const TransitGateway&) {}
    void check(const Resource&, const CustomerGateway&) {}
    void check(const Resource&, const DirectConnectGateway&) {}
    void check(const Resource&, const OnPremisesNetwork&) {}

    const Design& m_design;
    std::vector<Finding> m_findings;
    std::map<std::string, std::vector<std::string>> m_mainTables, m_igws, m_vgws;
    std::map<std::string, std::vector<std::string>> m_edgeGateways; // gateway route table -> its gateways (RT-9)
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

} // namespace lint
} // namespace pp
