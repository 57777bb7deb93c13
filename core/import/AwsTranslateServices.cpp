// Calls beyond a VPC's own network as Terraform resources: Elastic Load Balancing (v2), VPC
// endpoints and endpoint services, managed prefix lists, peering, transit gateways, VPN and
// Direct Connect gateways.
#include "import/AwsTranslateSupport.h"

#include <set>

namespace pp::aws {

namespace {

// The id a per-resource call was made for: the item's own field, else the one beside its array.
std::string owner(const AwsItem& item, std::string_view key) {
    const std::string own = str(item.value, key);
    return own.empty() ? str(item.context, key) : own;
}

void loadBalancers(Translator& t) {
    for (const AwsItem& item : t.items("LoadBalancers")) {
        const Json& v = item.value;
        const std::string arn = str(v, "LoadBalancerArn");
        const std::string name = str(v, "LoadBalancerName");
        if (t.gone(item, name, "LoadBalancers", field(field(v, "State"), "Code")))
            continue;
        Json values{{"id", arn},
                    {"arn", arn},
                    {"name", name},
                    {"load_balancer_type", str(v, "Type").empty() ? "application" : str(v, "Type")},
                    {"internal", str(v, "Scheme") == "internal"},
                    {"subnets", stringsOf(field(v, "AvailabilityZones"), "SubnetId")},
                    {"security_groups", stringArray(field(v, "SecurityGroups"))}};
        if (const std::string enforce = str(v, "EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic");
            !enforce.empty())
            values["enforce_security_group_inbound_rules_on_private_link_traffic"] = enforce;
        // A load balancer's name is unique in its Region and reads better than its ARN.
        t.add("aws_lb", name.empty() ? arnResource(arn) : name, item, "LoadBalancers", std::move(values));
    }
    for (const AwsItem& item : t.items("Listeners")) {
        const Json& v = item.value;
        Json actions = Json::array();
        const Json& defaults = field(v, "DefaultActions");
        if (defaults.is_array())
            for (const Json& a : defaults) {
                if (const std::string tg = str(a, "TargetGroupArn"); !tg.empty())
                    actions.push_back(Json{{"target_group_arn", tg}});
                for (const Json& tg :
                     stringsOf(field(field(a, "ForwardConfig"), "TargetGroups"), "TargetGroupArn"))
                    actions.push_back(Json{{"target_group_arn", tg}});
            }
        Json values{{"load_balancer_arn", owner(item, "LoadBalancerArn")},
                    {"protocol", str(v, "Protocol")},
                    {"default_action", actions}};
        if (field(v, "Port").is_number())
            values["port"] = field(v, "Port");
        t.add("aws_lb_listener", arnResource(str(v, "ListenerArn")), item, "Listeners", std::move(values));
    }
    for (const AwsItem& item : t.items("TargetGroups")) {
        const Json& v = item.value;
        const std::string arn = str(v, "TargetGroupArn");
        Json values{{"id", arn}, {"arn", arn}, {"name", str(v, "TargetGroupName")}};
        if (field(v, "Port").is_number())
            values["port"] = field(v, "Port");
        t.add("aws_lb_target_group", arnResource(arn), item, "TargetGroups", std::move(values));
    }
    for (const AwsItem& item : t.items("TargetHealthDescriptions")) {
        const Json& target = field(item.value, "Target");
        const std::string tg = owner(item, "TargetGroupArn");
        const std::string id = str(target, "Id");
        const std::string address = arnResource(tg) + "/" + id + ":" + field(target, "Port").dump();
        if (tg.empty()) {
            t.skip(address, "TargetHealthDescriptions", "missingReference",
                   "the output of describe-target-health does not name its target group; add TargetGroupArn "
                   "beside "
                   "TargetHealthDescriptions (docs/import.md)");
            continue;
        }
        Json values{{"target_group_arn", tg}, {"target_id", id}};
        if (field(target, "Port").is_number())
            values["port"] = field(target, "Port");
        t.add("aws_lb_target_group_attachment", address, item, "TargetHealthDescriptions", std::move(values));
    }
}

void endpoints(Translator& t) {
    for (const AwsItem& item : t.items("PrefixLists")) {
        const Json& v = item.value;
        const std::string id = str(v, "PrefixListId");
        if (t.gone(item, id, "PrefixLists", field(v, "State")))
            continue;
        Json entries = Json::array();
        for (const Json& cidr : stringArray(field(v, "Cidrs"))) // describe-prefix-lists
            entries.push_back(Json{{"cidr", cidr}});
        t.add("aws_ec2_managed_prefix_list", id, item, "PrefixLists",
              Json{{"id", id},
                   {"arn", str(v, "PrefixListArn")},
                   {"name", str(v, "PrefixListName")},
                   {"entry", entries},
                   {"tags", tags(v)}});
    }
    for (const AwsItem& item : t.items("Entries")) { // get-managed-prefix-list-entries
        const std::string list = owner(item, "PrefixListId");
        const std::string cidr = str(item.value, "Cidr");
        TfResource* r = list.empty() ? nullptr : t.find(list);
        if (!r) {
            t.skip(list + "/" + cidr, "Entries", "missingReference",
                   list.empty() ? "the output of get-managed-prefix-list-entries does not name its list; add "
                                  "PrefixListId "
                                  "beside Entries (docs/import.md)"
                                : "its prefix list is not in the input (describe-managed-prefix-lists)");
            continue;
        }
        Json& entries = r->values["entry"];
        const Json entry{{"cidr", cidr}};
        if (std::find(entries.begin(), entries.end(), entry) == entries.end())
            entries.push_back(entry);
    }
    for (const AwsItem& item : t.items("VpcEndpoints")) {
        const Json& v = item.value;
        const std::string id = str(v, "VpcEndpointId");
        if (t.gone(item, id, "VpcEndpoints", field(v, "State")))
            continue;
        Json values{
            {"id", id},
            {"vpc_id", str(v, "VpcId")},
            {"vpc_endpoint_type", str(v, "VpcEndpointType").empty() ? "Gateway" : str(v, "VpcEndpointType")},
            {"service_name", str(v, "ServiceName")},
            {"subnet_ids", stringArray(field(v, "SubnetIds"))},
            {"route_table_ids", stringArray(field(v, "RouteTableIds"))},
            {"security_group_ids", stringsOf(field(v, "Groups"), "GroupId")},
            {"private_dns_enabled",
             field(v, "PrivateDnsEnabled").is_boolean() ? field(v, "PrivateDnsEnabled") : Json(false)},
            {"state", str(v, "State")},
            {"tags", tags(v)}};
        for (const auto& [from, to] : {std::pair{"ResourceConfigurationArn", "resource_configuration_arn"},
                                       std::pair{"ServiceNetworkArn", "service_network_arn"}})
            if (const std::string s = str(v, from); !s.empty())
                values[to] = s;
        t.add("aws_vpc_endpoint", id, item, "VpcEndpoints", std::move(values));
    }
    for (const AwsItem& item : t.items("ServiceConfigurations")) {
        const Json& v = item.value;
        const std::string id = str(v, "ServiceId");
        if (t.gone(item, id, "ServiceConfigurations", field(v, "ServiceState")))
            continue;
        Json values{{"id", id},
                    {"service_name", str(v, "ServiceName")},
                    {"network_load_balancer_arns", stringArray(field(v, "NetworkLoadBalancerArns"))},
                    {"gateway_load_balancer_arns", stringArray(field(v, "GatewayLoadBalancerArns"))},
                    {"private_dns_name", str(v, "PrivateDnsName")},
                    {"supported_regions", stringsOf(field(v, "SupportedRegions"), "Region")},
                    {"tags", tags(v)}};
        if (field(v, "AcceptanceRequired").is_boolean())
            values["acceptance_required"] = field(v, "AcceptanceRequired");
        t.add("aws_vpc_endpoint_service", id, item, "ServiceConfigurations", std::move(values));
    }
    for (const AwsItem& item : t.items("AllowedPrincipals")) {
        const std::string service = owner(item, "ServiceId");
        const std::string principal = str(item.value, "Principal");
        t.add("aws_vpc_endpoint_service_allowed_principal", service + "/" + principal, item,
              "AllowedPrincipals", Json{{"vpc_endpoint_service_id", service}, {"principal_arn", principal}});
    }
}

void peerings(Translator& t) {
    for (const AwsItem& item : t.items("VpcPeeringConnections")) {
        const Json& v = item.value;
        const std::string id = str(v, "VpcPeeringConnectionId");
        const std::string status = str(field(v, "Status"), "Code");
        if (t.gone(item, id, "VpcPeeringConnections", field(field(v, "Status"), "Code")))
            continue;
        t.add("aws_vpc_peering_connection", id, item, "VpcPeeringConnections",
              Json{{"id", id},
                   {"vpc_id", str(field(v, "RequesterVpcInfo"), "VpcId")},
                   {"peer_vpc_id", str(field(v, "AccepterVpcInfo"), "VpcId")},
                   {"accept_status", status},
                   {"tags", tags(v)}});
    }
}

void transitGateways(Translator& t) {
    for (const AwsItem& item : t.items("TransitGateways")) {
        const Json& v = item.value;
        const std::string id = str(v, "TransitGatewayId");
        if (t.gone(item, id, "TransitGateways", field(v, "State")))
            continue;
        const Json& o = field(v, "Options");
        Json values{{"id", id}, {"arn", str(v, "TransitGatewayArn")}, {"tags", tags(v)}};
        for (const auto& [from, to] :
             {std::pair{"DefaultRouteTableAssociation", "default_route_table_association"},
              std::pair{"DefaultRouteTablePropagation", "default_route_table_propagation"},
              std::pair{"AssociationDefaultRouteTableId", "association_default_route_table_id"},
              std::pair{"PropagationDefaultRouteTableId", "propagation_default_route_table_id"},
              std::pair{"SecurityGroupReferencingSupport", "security_group_referencing_support"}})
            if (const std::string s = str(o, from); !s.empty())
                values[to] = s;
        if (field(o, "AmazonSideAsn").is_number())
            values["amazon_side_asn"] = field(o, "AmazonSideAsn");
        t.add("aws_ec2_transit_gateway", id, item, "TransitGateways", std::move(values));
    }
    for (const AwsItem& item : t.items("TransitGatewayRouteTables")) {
        const std::string id = str(item.value, "TransitGatewayRouteTableId");
        if (t.gone(item, id, "TransitGatewayRouteTables", field(item.value, "State")))
            continue;
        t.add("aws_ec2_transit_gateway_route_table", id, item, "TransitGatewayRouteTables",
              Json{{"id", id},
                   {"transit_gateway_id", str(item.value, "TransitGatewayId")},
                   {"tags", tags(item.value)}});
    }
    // What describe-transit-gateway-attachments and the propagation calls say replaces AWS's
    // defaults, which are applied only when they are not in the input.
    const bool associationsKnown = t.has("TransitGatewayAttachments");
    const bool propagationsKnown = t.has("TransitGatewayRouteTablePropagations");
    std::set<std::string> vpcAttachments;
    auto vpcAttachment = [&](const AwsItem& item, const std::string& vpc, const Json& subnets,
                             const Json& options) {
        const std::string id = str(item.value, "TransitGatewayAttachmentId");
        Json values{{"id", id},
                    {"transit_gateway_id", str(item.value, "TransitGatewayId")},
                    {"vpc_id", vpc},
                    {"subnet_ids", subnets},
                    {"transit_gateway_default_route_table_association", !associationsKnown},
                    {"transit_gateway_default_route_table_propagation", !propagationsKnown},
                    {"tags", tags(item.value)}};
        for (const auto& [from, to] :
             {std::pair{"ApplianceModeSupport", "appliance_mode_support"},
              std::pair{"SecurityGroupReferencingSupport", "security_group_referencing_support"}})
            if (const std::string s = str(options, from); !s.empty())
                values[to] = s;
        vpcAttachments.insert(id);
        t.add("aws_ec2_transit_gateway_vpc_attachment", id, item, "TransitGatewayVpcAttachments",
              std::move(values));
    };
    for (const AwsItem& item : t.items("TransitGatewayVpcAttachments")) {
        const std::string id = str(item.value, "TransitGatewayAttachmentId");
        if (!t.gone(item, id, "TransitGatewayVpcAttachments", field(item.value, "State")))
            vpcAttachment(item, str(item.value, "VpcId"), stringArray(field(item.value, "SubnetIds")),
                          field(item.value, "Options"));
    }
    for (const AwsItem& item : t.items("TransitGatewayAttachments")) {
        const Json& v = item.value;
        const std::string id = str(v, "TransitGatewayAttachmentId");
        const std::string type = str(v, "ResourceType");
        if (field(v, "State").is_string() && !vpcAttachments.contains(id) &&
            t.gone(item, id, "TransitGatewayAttachments", field(v, "State")))
            continue;
        if (type == "vpc" && !vpcAttachments.contains(id))
            vpcAttachment(item, str(v, "ResourceId"), Json::array(), Json::object());
        if (type != "vpc" && type != "vpn") {
            t.skip(id, "TransitGatewayAttachments", "notModelled",
                   "a transit gateway attachment of type " + (type.empty() ? std::string("unknown") : type) +
                       " is not modelled");
            continue;
        }
        const Json& association = field(v, "Association");
        const std::string table = str(association, "TransitGatewayRouteTableId");
        if (!table.empty() && str(association, "State") != "disassociated")
            t.add("aws_ec2_transit_gateway_route_table_association", id + "/association", item,
                  "TransitGatewayAttachments",
                  Json{{"transit_gateway_attachment_id", id}, {"transit_gateway_route_table_id", table}});
    }
    std::set<std::pair<std::string, std::string>> propagated;
    auto propagate = [&](const AwsItem& item, std::string_view call, const std::string& table,
                         const std::string& attachment) {
        if (propagated.insert({table, attachment}).second)
            t.add("aws_ec2_transit_gateway_route_table_propagation", table + "/" + attachment, item, call,
                  Json{{"transit_gateway_attachment_id", attachment},
                       {"transit_gateway_route_table_id", table}});
    };
    const std::string missingTable =
        "does not name its transit gateway route table; add TransitGatewayRouteTableId beside "
        "its array (docs/import.md)";
    for (const AwsItem& item : t.items("TransitGatewayRouteTablePropagations")) {
        const std::string table = owner(item, "TransitGatewayRouteTableId");
        const std::string attachment = str(item.value, "TransitGatewayAttachmentId");
        if (table.empty())
            t.skip(attachment, "TransitGatewayRouteTablePropagations", "missingReference",
                   "the output " + missingTable);
        else if (str(item.value, "State") != "disabled" && str(item.value, "State") != "disabling")
            propagate(item, "TransitGatewayRouteTablePropagations", table, attachment);
    }
    for (const AwsItem& item : t.items("Routes")) { // search-transit-gateway-routes
        const Json& v = item.value;
        const std::string table = owner(item, "TransitGatewayRouteTableId");
        const std::string destination = str(v, "DestinationCidrBlock");
        const Json attachments =
            stringsOf(field(v, "TransitGatewayAttachments"), "TransitGatewayAttachmentId");
        const std::string attachment =
            attachments.empty() ? std::string() : attachments[0].get<std::string>();
        if (table.empty()) {
            t.skip(destination, "Routes", "missingReference",
                   "the output of search-transit-gateway-routes " + missingTable);
            continue;
        }
        if (str(v, "Type") == "propagated") {
            if (!propagationsKnown && !attachment.empty())
                propagate(item, "Routes", table, attachment);
            continue;
        }
        if (destination.empty()) {
            t.skip(table + "/" + str(v, "PrefixListId"), "Routes", "notModelled",
                   "a transit gateway route to a prefix list is not modelled");
            continue;
        }
        Json values{{"transit_gateway_route_table_id", table},
                    {"destination_cidr_block", destination},
                    {"blackhole", str(v, "State") == "blackhole"}};
        if (!attachment.empty())
            values["transit_gateway_attachment_id"] = attachment;
        t.add("aws_ec2_transit_gateway_route", table + "/" + destination, item, "Routes", std::move(values));
    }
}

void vpns(Translator& t) {
    for (const AwsItem& item : t.items("VpnGateways")) {
        const Json& v = item.value;
        const std::string id = str(v, "VpnGatewayId");
        if (t.gone(item, id, "VpnGateways", field(v, "State")))
            continue;
        Json values{{"id", id}, {"tags", tags(v)}};
        if (const std::string vpc = attachedVpc(field(v, "VpcAttachments")); !vpc.empty())
            values["vpc_id"] = vpc;
        if (field(v, "AmazonSideAsn").is_number())
            values["amazon_side_asn"] = field(v, "AmazonSideAsn");
        t.add("aws_vpn_gateway", id, item, "VpnGateways", std::move(values));
    }
    for (const AwsItem& item : t.items("CustomerGateways")) {
        const Json& v = item.value;
        const std::string id = str(v, "CustomerGatewayId");
        if (t.gone(item, id, "CustomerGateways", field(v, "State")))
            continue;
        Json values{{"id", id}, {"ip_address", str(v, "IpAddress")}, {"tags", tags(v)}};
        if (!field(v, "BgpAsn").is_null())
            values["bgp_asn"] = field(v, "BgpAsn");
        t.add("aws_customer_gateway", id, item, "CustomerGateways", std::move(values));
    }
    // The attachment AWS made for each VPN connection to a transit gateway.
    std::unordered_map<std::string, std::string> attachmentOf;
    for (const AwsItem& item : t.items("TransitGatewayAttachments"))
        if (str(item.value, "ResourceType") == "vpn")
            attachmentOf[str(item.value, "ResourceId")] = str(item.value, "TransitGatewayAttachmentId");
    for (const AwsItem& item : t.items("VpnConnections")) {
        const Json& v = item.value;
        const std::string id = str(v, "VpnConnectionId");
        if (t.gone(item, id, "VpnConnections", field(v, "State")))
            continue;
        // CustomerGatewayConfiguration and the tunnels' options hold the pre-shared keys: never read.
        Json values{{"id", id},
                    {"customer_gateway_id", str(v, "CustomerGatewayId")},
                    {"vpn_gateway_id", str(v, "VpnGatewayId")},
                    {"transit_gateway_id", str(v, "TransitGatewayId")},
                    {"tags", tags(v)}};
        if (field(field(v, "Options"), "StaticRoutesOnly").is_boolean())
            values["static_routes_only"] = field(field(v, "Options"), "StaticRoutesOnly");
        if (const auto it = attachmentOf.find(id); it != attachmentOf.end())
            values["transit_gateway_attachment_id"] = it->second;
        t.add("aws_vpn_connection", id, item, "VpnConnections", std::move(values));
        const Json& routes = field(v, "Routes");
        if (routes.is_array())
            for (const Json& r : routes) {
                const std::string cidr = str(r, "DestinationCidrBlock");
                if (cidr.empty() || str(r, "State") == "deleted" || str(r, "State") == "deleting")
                    continue;
                t.add("aws_vpn_connection_route", id + "/" + cidr, item, "VpnConnections",
                      Json{{"vpn_connection_id", id}, {"destination_cidr_block", cidr}});
            }
    }
    for (const AwsItem& item : t.items("DirectConnectGateways")) {
        const Json& v = item.value;
        const std::string id = str(v, "directConnectGatewayId");
        if (t.gone(item, id, "DirectConnectGateways", field(v, "directConnectGatewayState")))
            continue;
        Json values{{"id", id}, {"name", str(v, "directConnectGatewayName")}};
        if (field(v, "amazonSideAsn").is_number())
            values["amazon_side_asn"] = field(v, "amazonSideAsn");
        t.add("aws_dx_gateway", id, item, "DirectConnectGateways", std::move(values));
    }
    for (const AwsItem& item : t.items("DirectConnectGatewayAssociations")) {
        const Json& v = item.value;
        const std::string id = str(v, "associationId");
        if (t.gone(item, id, "DirectConnectGatewayAssociations", field(v, "associationState")))
            continue;
        const Json prefixes = stringsOf(field(v, "allowedPrefixesToDirectConnectGateway"), "cidr");
        t.add("aws_dx_gateway_association", id, item, "DirectConnectGatewayAssociations",
              Json{{"dx_gateway_id", str(v, "directConnectGatewayId")},
                   {"associated_gateway_id", str(field(v, "associatedGateway"), "id")},
                   {"allowed_prefixes", prefixes}});
    }
}

} // namespace

void translateServices(Translator& t) {
    endpoints(t);
    loadBalancers(t);
    peerings(t);
    vpns(t);
    transitGateways(t);
}

} // namespace pp::aws
