#include "codes/Codes.h"

#include <algorithm>

namespace pp {

const std::vector<CodeInfo>& allCodes()
{
    using enum CodeUse;
    static const std::vector<CodeInfo> codes{
        // Design findings.
        {"SUBNET_OUTSIDE_VPC_CIDR", Finding, "RT-4", "A subnet's CIDR is not inside any of its VPC's CIDR blocks."},
        {"SUBNET_OVERLAP", Finding, "", "Two subnets of one VPC have overlapping CIDRs."},
        {"CIDR_OVERLAP", Finding, "PCX-2", "Peered VPCs (or one VPC's own blocks) have overlapping CIDRs."},
        {"CIDR_SIZE_OUT_OF_RANGE", Finding, "", "A VPC or subnet IPv4 block is not between /16 and /28."},
        {"SUBNET_AZ_NOT_IN_REGION", Finding, "SVC-4", "A subnet's AZ id is not one of its Region's AZ ids."},
        {"REFERENCE_OTHER_VPC", Finding, "", "A resource refers to a subnet, route table, ACL or security group of another VPC."},
        {"MULTIPLE_MAIN_ROUTE_TABLES", Finding, "RT-4", "A VPC has more than one main route table."},
        {"MULTIPLE_GATEWAYS", Finding, "IGW-1", "A VPC has more than one internet gateway or virtual private gateway attached."},
        {"DUPLICATE_ROUTE", Finding, "RT-1", "A route table has two static routes to the same destination."},
        {"ROUTE_TARGET_OTHER_VPC", Finding, "RT-6", "A route's target belongs to another VPC."},
        {"LOCAL_ROUTE_OUTSIDE_VPC", Finding, "RT-6", "A route targets `local` but its destination is outside every VPC CIDR."},
        {"TGW_NOT_ATTACHED", Finding, "TGW-2", "A route targets a transit gateway the VPC has no attachment to."},
        {"NAT_PUBLIC_WITHOUT_IGW", Finding, "IGW-4", "A public NAT gateway is in a VPC with no internet gateway."},
        {"NAT_PUBLIC_WITHOUT_EIP", Finding, "IGW-4", "A public NAT gateway has no Elastic IP."},
        {"EIGW_IPV4_ROUTE", Finding, "IGW-7", "An IPv4 route points at an egress-only internet gateway."},
        {"ADDRESS_OUTSIDE_SUBNET", Finding, "", "A private address is not inside its subnet (or host outside its network)."},
        {"ADDRESS_RESERVED", Finding, "", "An address is one of the five AWS reserves in every subnet."},
        {"DUPLICATE_ADDRESS", Finding, "", "Two interfaces in one VPC have the same private address."},
        {"PORT_RANGE_INVERTED", Finding, "SG-1", "A rule's fromPort is greater than its toPort."},
        {"NACL_DUPLICATE_RULE_NUMBER", Finding, "ACL-1", "A network ACL uses one rule number twice in one direction."},
        {"GATEWAY_ENDPOINT_SERVICE_UNSUPPORTED", Finding, "GW-1", "A gateway endpoint is for a service other than S3 or DynamoDB."},
        {"GATEWAY_ENDPOINT_MANUAL_ROUTE", Finding, "GW-2", "A route was written by hand to a gateway endpoint; associate the route table instead."},
        {"GATEWAY_ENDPOINT_DUPLICATE", Finding, "GW-3", "Two gateway endpoints for one service are associated with the same route table."},
        {"GATEWAY_ENDPOINT_OTHER_REGION", Finding, "GW-5", "A gateway endpoint is for a service in another Region."},
        {"ENDPOINT_WITHOUT_SUBNET", Finding, "IF-1", "An interface or GWLB endpoint has no subnet."},
        {"ENDPOINT_DUPLICATE_AZ", Finding, "IF-1", "An interface endpoint has two subnets in the same AZ."},
        {"ENDPOINT_SINGLE_AZ", Finding, "IF-5", "An interface endpoint is in one AZ only; clients elsewhere cross AZs and lose it with that AZ."},
        {"ONE_SUBNET_PER_AZ", Finding, "", "A load balancer or transit gateway attachment has two subnets in one AZ."},
        {"PRIVATE_DNS_REQUIRES_VPC_DNS", Finding, "IF-2", "Private DNS is on but the VPC's enableDnsSupport or enableDnsHostnames is off."},
        {"RESOLVER_ONLY_REQUIRES_GATEWAY_ENDPOINT", Finding, "IF-6", "Private DNS only for the inbound Resolver endpoint needs an S3 interface endpoint and an S3 gateway endpoint in the VPC."},
        {"CROSS_REGION_SERVICE_NOT_SUPPORTED", Finding, "IF-8", "An interface endpoint reaches an AWS service in another Region that is not cross-Region enabled."},
        {"ENDPOINT_TYPE_MISMATCH", Finding, "SVC-1", "The endpoint type does not fit the service (e.g. an interface endpoint to a GWLB service)."},
        {"ENDPOINT_PRINCIPAL_NOT_ALLOWED", Finding, "SVC-2", "The consumer's account is not an allowed principal of the endpoint service."},
        {"ENDPOINT_PRINCIPAL_UNKNOWN", Finding, "SVC-2", "The consumer VPC has no account, so allowed principals cannot be checked."},
        {"VPCE_SERVICE_NOT_INSTALLED_IN_AZ", Finding, "SVC-4", "An endpoint subnet is in an AZ where the service's load balancer is not enabled."},
        {"LB_TARGET_PUBLIC_IP", Finding, "SVC-5", "A load balancer IP target is a public address."},
        {"ENDPOINT_SERVICE_DNS_UNVERIFIED", Finding, "SVC-6", "An endpoint service's private DNS name is not verified, so consumers cannot use it."},
        {"ENDPOINT_SERVICE_REGION_NOT_SUPPORTED", Finding, "SVC-7", "A consumer in another Region (or partition) is not among the service's supported Regions."},
        {"GWLB_ENDPOINT_ONE_SUBNET", Finding, "SVC-8", "A Gateway Load Balancer endpoint must be in exactly one subnet."},
        {"PEERING_SAME_VPC", Finding, "PCX-1", "A VPC peering connects a VPC to itself."},
        {"TGW_ATTACH_MISSING_TGW_RTB_ASSOCIATION", Finding, "TGW-1", "A transit gateway attachment is associated with no route table and forwards nothing."},
        {"TGW_ROUTE_WITHOUT_TARGET", Finding, "TGW-1", "A transit gateway route has neither an attachment nor blackhole (or both)."},
        {"TGW_ATTACHMENT_MISMATCH", Finding, "TGW-1", "A transit gateway attachment's type, resource, subnets or route table do not belong together."},
        {"TGW_PROPAGATION_CIDR_OVERLAP", Finding, "TGW-3", "VPCs propagating into one transit gateway route table have overlapping CIDRs; the later one is not propagated."},
        {"VPN_IPV6_ON_VGW", Finding, "HYB-1", "A VPN on a virtual private gateway lists IPv6 networks; VGW VPNs are IPv4 only."},
        {"VIF_GATEWAY_MISMATCH", Finding, "HYB-3", "A Direct Connect virtual interface's gateway does not fit its type."},
        {"DNS_ZONE_VPC_DNS_OFF", Finding, "IF-4", "A private hosted zone is associated with a VPC whose DNS support is off."},
        {"AWS_SERVICE_DUPLICATE", Finding, "", "Two AWS service tiles stand for one service in one Region; endpoints and flows split between them."},
        {"FLOW_PORT_REQUIRED", Finding, "", "A TCP or UDP flow has no port."},
        {"FLOW_DESTINATION_ADDRESS_IGNORED", Finding, "DST-1", "A flow names a destinationAddress but its destination is not an AWS service or internet host."},
        {"FLOW_SAME_ENDPOINTS", Finding, "", "A flow's source and destination are the same resource."},
        {"DIAGRAM_PARENT_MISMATCH", Finding, "", "A shape is drawn inside a container that does not contain its resource."},
        {"IMPORTED_VALUE_UNKNOWN", Finding, "", "An imported resource has a value known only after `terraform apply` (its `x-terraform` extension lists it): the model holds a placeholder."},
        // Path analysis (NETWORK-RULES.md section 10).
        {"NO_ROUTE_TO_DESTINATION", Analysis, "RT-5", "No route matches the destination."},
        {"MORE_SPECIFIC_ROUTE", Analysis, "GW-4", "A more specific route wins over the one expected."},
        {"HIGHER_PRIORITY_ROUTE", Analysis, "RT-1", "A route of higher priority wins at equal prefix length."},
        {"CANNOT_ROUTE", Analysis, "", "The component cannot forward this traffic."},
        {"BAD_STATE_ROUTE", Analysis, "RT-5", "The route's target is not available, or the route is a blackhole."},
        {"ENI_SG_RULES_MISMATCH", Analysis, "SG-1", "A security group does not allow the traffic."},
        {"SUBNET_ACL_RESTRICTION", Analysis, "ACL-1", "A network ACL does not allow the traffic or its replies."},
        {"IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS", Analysis, "IGW-2", "The source has no public IP to use the internet gateway."},
        {"IGW_DESTINATION_ADDRESS_NOT_IN_RFC1918_EGRESS", Analysis, "IGW-3", "An internet gateway does not forward to private destinations."},
        {"NGW_REQUIRES_SOURCE_IN_VPC", Analysis, "IGW-5", "Traffic from peering, VPN or Direct Connect cannot use a NAT gateway."},
        {"PCX_REQUIRES_ADDRESS_IN_VPC_CIDR", Analysis, "PCX-3", "Peering carries only traffic to or from the peer VPC's CIDRs."},
        {"VPCE_GATEWAY_PROTOCOL_RESTRICTION", Analysis, "GW-8", "Gateway endpoints carry TCP (and ICMP echo) only."},
        {"VPCE_INTRA_VPC_TRAFFIC", Analysis, "IF-7", "An endpoint does not initiate connections into the consumer VPC."},
        {"TGW_RTB_CANNOT_ROUTE", Analysis, "TGW-1", "The transit gateway route table has no route for the destination."},
        {"DISCONNECTED_VPCS", Analysis, "", "The VPCs are not connected."},
        {"NO_PATH", Analysis, "", "No path exists."},
        {"AVAILABILITY_ZONE_CROSSED", Analysis, "IF-5", "The path crosses Availability Zones."},
        {"CYCLIC_PATH_DETECTED", Analysis, "RT-7", "The path loops between route tables or attachments."},
        {"GATEWAY_ENDPOINT_NOT_ASSOCIATED", Analysis, "GW-2", "A gateway endpoint for the service exists in the VPC but not on this route table."},
        {"INTERFACE_ENDPOINT_PRIVATE_DNS_OFF", Analysis, "IF-3", "An interface endpoint exists but its private DNS is off, so the default name resolves publicly."},
        {"PRIVATE_DNS_NOT_SHARED", Analysis, "IF-4", "The client is outside the endpoint's VPC and gets no private DNS answer."},
        {"PATH_LEAVES_PRIVATE_NETWORK", Analysis, "", "The path leaves the private network here."},
        {"GATEWAY_ENDPOINT_REMOTE_SOURCE", Analysis, "GW-6", "A gateway endpoint cannot be used from across a VPN, Direct Connect, peering or transit gateway."},
        {"ENDPOINT_NOT_AVAILABLE", Analysis, "SVC-2", "The VPC endpoint is pending acceptance, rejected or otherwise not available."},
        {"LB_LISTENER_MISMATCH", Analysis, "SVC-1", "The load balancer has no listener for the flow's protocol and port."},
        {"USE_GATEWAY_ENDPOINT", Analysis, "GW-2", "Hint: a gateway endpoint associated with the route table would keep the flow private."},
        {"ASYMMETRIC_RETURN_PATH", Analysis, "INS-1", "Note: the reply is routed around a middlebox the request went through; a stateful appliance there would drop the connection."},
        {"NO_DEFAULT_ROUTE", Analysis, "RT-5", "Hint: the source subnet's route table has no default route; the hint names the NAT gateway, internet gateway or endpoint that would carry the flow."},
        {"USE_INTERFACE_ENDPOINT", Analysis, "IF-2", "Hint: an interface endpoint with private DNS would keep the flow private."},
        {"STAYS_ON_AWS_NETWORK", Analysis, "IGW-6", "Note: public addresses are used, but the traffic stays on the AWS network."},
        {"VPN_TUNNEL_OVER_INTERNET", Analysis, "HYB-2", "Note: private addresses inside an encrypted VPN tunnel whose outer packets cross the internet."},
        {"ASSUMED_ADDRESSES", Analysis, "", "Note: an address or prefix list was not given and PrivatePath assumed one (for an AWS service, the note names the address of its Regional prefix list it used, DST-1); the answer may be approximate."},
        {"DESTINATION_ADDRESS_NOT_IN_PREFIX_LIST", Analysis, "DST-1", "Note: the flow's destinationAddress is not in the AWS service's prefix list, so the service's prefix-list routes and rules do not apply to it."},
        // Lessons (training mode): why a goal is missed, in addition to the engine's own codes.
        {"GOAL_FLOW_MISSING", Lesson, "", "The flow a goal names is not in the design."},
        {"GOAL_VERDICT_DIFFERS", Lesson, "", "A flow's verdict is not the one the goal asks for."},
        {"GOAL_PATH_NOT_THROUGH", Lesson, "", "A flow's path does not go through a resource or kind the goal asks for."},
        {"GOAL_PATH_THROUGH_AVOIDED", Lesson, "", "A flow's path goes through a resource or kind the goal says to avoid."},
        {"GOAL_PUBLIC_FLOW", Lesson, "", "A flow from or to the goal's scope is public."},
        {"GOAL_INTERNET_EGRESS", Lesson, "", "A workload in the goal's scope can open connections to the internet."},
        {"GOAL_INTERNET_INGRESS", Lesson, "", "A workload in the goal's scope can be reached from the internet."},
        {"GOAL_COUNT_OUT_OF_RANGE", Lesson, "", "The number of resources of a kind is outside the goal's range."},
        {"GOAL_PROPERTY_DIFFERS", Lesson, "", "A resource's field does not have the value the goal asks for."},
        {"GOAL_RESOURCE_MISSING", Lesson, "", "A resource or scope the goal names is not in the design, or no resource of the goal's kind is."},
        // `privatepath lesson check`.
        {"LESSON_MISSING", Lesson, "", "The file has no lesson section."},
        {"LESSON_NO_GOALS", Lesson, "", "The lesson has no goals."},
        {"LESSON_UNKNOWN_REFERENCE", Lesson, "", "A goal or the locked list names a flow, resource, kind or tag that exists neither in the start nor in any reference solution."},
        {"LESSON_START_PASSES", Lesson, "", "The lesson's start already meets every goal: there is nothing to do."},
        {"LESSON_SOLUTION_FAILS", Lesson, "", "A reference solution misses a goal."},
        {"LESSON_SOLUTION_CHANGES_LOCKED", Lesson, "", "A reference solution changes or deletes a locked resource or flow."},
        {"LESSON_NO_SOLUTION", Lesson, "", "The lesson has no reference solution, so nothing proves its goals can be met."},
        {"LESSON_GOAL_FLOW_UNLOCKED", Lesson, "", "A flow goal checks a flow of the start that is not locked, so the learner could change what it checks."},
        {"LOCKED_RESOURCE_DELETED", Lesson, "", "A submission deleted a resource the lesson locks."},
        {"LOCKED_RESOURCE_CHANGED", Lesson, "", "A submission changed a field of a resource the lesson locks."},
        {"LOCKED_FLOW_DELETED", Lesson, "", "A submission deleted a flow the lesson locks."},
        {"LOCKED_FLOW_CHANGED", Lesson, "", "A submission changed a field of a flow the lesson locks."},
    };
    return codes;
}

const CodeInfo* findCode(std::string_view code)
{
    const auto& codes = allCodes();
    const auto it = std::find_if(codes.begin(), codes.end(), [&](const CodeInfo& c) { return c.code == code; });
    return it == codes.end() ? nullptr : &*it;
}

} // namespace pp
