#pragma once

// A read-only, indexed view of a design for the engine: the reverse references the model does
// not store (which endpoints a route table has, which VPN connections end on a gateway...), the
// addresses of interfaces, and the evaluation of security groups and network ACLs. Built in one
// pass over the resources; it never changes the design.

#include "design/Design.h"
#include "lint/Lint.h"

#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace pp {

// What a packet is, for rule matching. A query with anyPort asks "is some port allowed".
struct PortQuery {
    Protocol protocol = Protocol::Tcp;
    int port = 0;
    bool anyPort = false;
};

enum class Direction { Inbound, Outbound };

// The outcome of evaluating security groups or a network ACL, with the rule that decided.
struct RuleDecision {
    bool allowed = false;
    std::string deciding; // the group or ACL id
    std::string rule;     // e.g. "inbound rule 2 (tcp 443 from 10.0.0.0/16)" or "no rule allows it"
};

class Network {
public:
    explicit Network(const Design& design);

    const Design& design() const { return m_design; }
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

    // ---- Placement ----
    std::optional<ResourceId> vpcOf(const ResourceId& id) const;
    std::string regionCodeOfVpc(const ResourceId& vpc) const;
    std::string regionCodeOf(const ResourceId& region) const;
    // The subnets an interface-bearing resource has ENIs in (a workload: one; an endpoint: several).
    ResourceIds subnetsOf(const ResourceId& id) const;
    std::string availabilityZoneOf(const ResourceId& subnet) const;
    // Explicit association, else the VPC's main table; nullopt = no table at all (only `local`).
    std::optional<ResourceId> routeTableOf(const ResourceId& subnet) const;
    std::optional<ResourceId> mainRouteTable(const ResourceId& vpc) const;
    const NetworkAcl* networkAclOf(const ResourceId& subnet) const; // nullptr = default ACL, allows all
    std::optional<ResourceId> networkAclIdOf(const ResourceId& subnet) const;
    bool vpcContains(const ResourceId& vpc, const IpAddress& address) const;
    // Private for verdicts: RFC 1918 / RFC 6598 / unique-local, or inside any VPC or on-premises
    // network of the design (a VPC may use a public range privately).
    bool isPrivateAddress(const IpAddress& address) const;
    const Cidrs& vpcBlocks(const ResourceId& vpc) const; // IPv4 blocks and the IPv6 block

    // ---- Reverse references ----
    std::optional<ResourceId> internetGatewayOf(const ResourceId& vpc) const;
    std::optional<ResourceId> virtualPrivateGatewayOf(const ResourceId& vpc) const;
    const ResourceIds& gatewayEndpointsOn(const ResourceId& routeTable) const;
    const ResourceIds& endpointsIn(const ResourceId& vpc) const;
    const ResourceIds& natGatewaysIn(const ResourceId& vpc) const; // in design order
    const ResourceIds& endpointsTo(const ResourceId& service) const;
    const ResourceIds& inboundResolversIn(const ResourceId& vpc) const;
    const ResourceIds& attachmentsOf(const ResourceId& transitGateway) const;
    std::optional<ResourceId> attachmentFor(const ResourceId& transitGateway, const ResourceId& attached) const;
    const ResourceIds& vpnsOn(const ResourceId& gateway) const;    // VPN connections ending on a VGW or TGW
    const ResourceIds& vifsOn(const ResourceId& gateway) const;    // VIFs on a VGW or DX gateway
    const ResourceIds& vifsOf(const ResourceId& onPremises) const; // VIFs of an on-premises network
    const ResourceIds& vpnsOf(const ResourceId& onPremises) const; // VPN connections of an on-premises network
    const ResourceIds& dxGatewaysAssociatedWith(const ResourceId& gateway) const;
    const ResourceIds& hostedZonesFor(const std::string& domain) const;
    const ResourceIds& loadBalancersTargeting(const ResourceId& workload) const;
    std::optional<ResourceId> onPremisesOfVpn(const ResourceId& vpn) const;

    // ---- Addresses ----
    // The address of a resource's interface in `subnet` (a workload's private IP, else a stable
    // assumed address; endpoints, load balancers and NAT gateways get assumed addresses near the
    // top of the subnet), or its own address for hosts.
    IpAddress interfaceAddress(const ResourceId& id, const ResourceId& subnet) const;
    bool isAssumedAddress(const ResourceId& id) const;
    // An assumed public address for a workload with a public IP.
    IpAddress publicAddressOf(const ResourceId& workload) const;

    // Entries of a prefix list: its own `cidrs`, else PrivatePath's bundled copy for its service.
    Cidrs prefixListCidrs(const ResourceId& prefixList) const;
    // An AWS service's public addresses: a prefix list of the design linked to it, else the bundled
    // copy; `assumed` is set when neither exists and a stand-in address is used.
    Cidrs serviceAddresses(const ResourceId& awsService, bool* assumed = nullptr) const;
    IpAddress servicePublicAddress(const ResourceId& awsService) const;

    // ---- Policies ----
    // The groups guarding a resource's interfaces: its own, else the VPC's default group (an empty
    // list then means AWS's implicit default group: members only in, everything out).
    ResourceIds securityGroupsOf(const ResourceId& id) const;
    bool hasSecurityGroups(const ResourceId& id) const; // NAT gateways, GWLB endpoints: no (IGW-8, SVC-8)
    // With `explain` false only `allowed` is filled in (no text): the fast path for exposure.
    RuleDecision securityGroupsAllow(const ResourceId& guarded, Direction direction, const PortQuery& query,
                                     const IpAddress& peer, const std::optional<ResourceId>& peerResource,
                                     bool explain = true) const;
    RuleDecision networkAclAllows(const ResourceId& subnet, Direction direction, const PortQuery& query,
                                  const IpAddress& peer, bool explain = true) const;
    bool hasInstanceTargets() const { return !m_lbTargeting.empty(); }
    // Whether AWS honours a security group reference between VPCs `a` and `b` (rule SGR-1): the same
    // VPC, or VPCs peered in one Region. Transit gateways: see sgReferencingOverTransit.
    bool sgReferenceHonoured(const ResourceId& a, const ResourceId& b) const;
    // Whether an inbound rule may reference the source's group across a transit gateway entered by
    // attachment `in` and left by `out`: both VPC attachments of one transit gateway in the VPCs'
    // Region, with security group referencing on for the gateway and both attachments (SGR-1).
    bool sgReferencingOverTransit(const ResourceId& in, const ResourceId& out) const;

    // ---- Findings ----
    void setErrorFindings(const std::vector<Finding>& findings);
    const std::vector<const Finding*>& errorFindingsOf(const std::string& id) const;

private:
    void index();
    bool ruleMatches(const SecurityGroupRule& rule, const PortQuery& query, const IpAddress& peer,
                     const std::optional<ResourceId>& peerResource) const;

    const Design& m_design;
    std::unordered_map<std::string, ResourceId> m_mainTable, m_igw, m_vgw;
    std::unordered_map<std::string, ResourceId> m_defaultGroup;
    std::unordered_map<std::string, ResourceIds> m_gatewayEndpointsOn, m_endpointsIn, m_endpointsTo, m_resolversIn, m_attachmentsOf,
        m_vpnsOn, m_vifsOn, m_vifsOf, m_vpnsOf, m_dxAssociations, m_zones, m_lbTargeting, m_natGatewaysIn;
    std::unordered_set<std::string> m_activePeerings; // "requester|accepter", both ways
    std::unordered_map<std::string, std::string> m_attachmentKey; // "tgw|resource" -> attachment
    std::unordered_map<std::string, Cidrs> m_vpcBlocks;
    Cidrs m_privateRanges;
    std::unordered_map<std::string, std::vector<const Finding*>> m_errorFindings;
    std::unordered_map<std::string, Cidrs> m_servicePrefixLists; // awsService -> design prefix list cidrs
    std::vector<Finding> m_findingStore;
};

std::string describeQuery(const PortQuery& query);

} // namespace pp
