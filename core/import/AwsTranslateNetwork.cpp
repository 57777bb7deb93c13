// EC2 networking calls as Terraform resources: VPCs and their blocks, subnets, gateways, Elastic
// IPs, route tables with their routes and associations, security groups, network ACLs,
// instances and network interfaces.
#include "import/AwsTranslateSupport.h"

namespace pp::aws {

namespace {

void vpcs(Translator& t) {
    for (const AwsItem& item : t.items("Vpcs")) {
        const Json& v = item.value;
        const std::string id = str(v, "VpcId");
        if (t.gone(item, id, "Vpcs", field(v, "State")))
            continue;
        Json values{{"id", id}, {"cidr_block", str(v, "CidrBlock")}, {"tags", tags(v)}};
        if (const std::string owner = str(v, "OwnerId"); !owner.empty())
            values["owner_id"] = owner;
        // describe-vpcs does not say whether DNS hostnames are on; a default VPC has them.
        if (field(v, "IsDefault").is_boolean() && field(v, "IsDefault").get<bool>())
            values["enable_dns_hostnames"] = true;
        const Json& v6 = field(v, "Ipv6CidrBlockAssociationSet");
        if (v6.is_array())
            for (const Json& a : v6)
                if (str(field(a, "Ipv6CidrBlockState"), "State") == "associated" ||
                    field(a, "Ipv6CidrBlockState").is_null())
                    if (const std::string block = str(a, "Ipv6CidrBlock");
                        !block.empty() && !values.contains("ipv6_cidr_block"))
                        values["ipv6_cidr_block"] = block;
        t.add("aws_vpc", id, item, "Vpcs", std::move(values));
        // Secondary IPv4 blocks, as aws_vpc_ipv4_cidr_block_association.
        const Json& blocks = field(v, "CidrBlockAssociationSet");
        if (blocks.is_array())
            for (const Json& a : blocks) {
                const std::string cidr = str(a, "CidrBlock");
                const std::string state = str(field(a, "CidrBlockState"), "State");
                if (cidr.empty() || cidr == str(v, "CidrBlock") || (!state.empty() && state != "associated"))
                    continue;
                const std::string assoc = str(a, "AssociationId");
                t.add("aws_vpc_ipv4_cidr_block_association", assoc.empty() ? id + "/" + cidr : assoc, item,
                      "Vpcs", Json{{"id", assoc}, {"vpc_id", id}, {"cidr_block", cidr}});
            }
    }
}

void subnets(Translator& t) {
    for (const AwsItem& item : t.items("Subnets")) {
        const Json& v = item.value;
        const std::string id = str(v, "SubnetId");
        Json values{{"id", id},
                    {"vpc_id", str(v, "VpcId")},
                    {"cidr_block", str(v, "CidrBlock")},
                    {"availability_zone", str(v, "AvailabilityZone")},
                    {"tags", tags(v)}};
        if (const std::string zoneId = str(v, "AvailabilityZoneId"); !zoneId.empty())
            values["availability_zone_id"] = zoneId;
        if (const std::string arn = str(v, "SubnetArn"); !arn.empty())
            values["arn"] = arn;
        if (field(v, "MapPublicIpOnLaunch").is_boolean())
            values["map_public_ip_on_launch"] = field(v, "MapPublicIpOnLaunch");
        const Json& v6 = field(v, "Ipv6CidrBlockAssociationSet");
        if (v6.is_array() && !v6.empty())
            if (const std::string block = str(v6[0], "Ipv6CidrBlock"); !block.empty())
                values["ipv6_cidr_block"] = block;
        t.add("aws_subnet", id, item, "Subnets", std::move(values));
    }
}

void gateways(Translator& t) {
    for (const AwsItem& item : t.items("InternetGateways")) {
        const std::string id = str(item.value, "InternetGatewayId");
        Json values{{"id", id}, {"tags", tags(item.value)}};
        if (const std::string vpc = attachedVpc(field(item.value, "Attachments")); !vpc.empty())
            values["vpc_id"] = vpc;
        t.add("aws_internet_gateway", id, item, "InternetGateways", std::move(values));
    }
    for (const AwsItem& item : t.items("EgressOnlyInternetGateways")) {
        const std::string id = str(item.value, "EgressOnlyInternetGatewayId");
        t.add("aws_egress_only_internet_gateway", id, item, "EgressOnlyInternetGateways",
              Json{{"id", id},
                   {"vpc_id", attachedVpc(field(item.value, "Attachments"))},
                   {"tags", tags(item.value)}});
    }
    for (const AwsItem& item : t.items("NatGateways")) {
        const Json& v = item.value;
        const std::string id = str(v, "NatGatewayId");
        if (t.gone(item, id, "NatGateways", field(v, "State")))
            continue;
        Json values{{"id", id}, {"subnet_id", str(v, "SubnetId")}, {"tags", tags(v)}};
        if (const std::string type = str(v, "ConnectivityType"); !type.empty())
            values["connectivity_type"] = type;
        const Json& addresses = field(v, "NatGatewayAddresses");
        if (addresses.is_array() && !addresses.empty()) {
            for (const char* key : {"PrivateIp", "PublicIp", "AllocationId"})
                if (const std::string s = str(addresses[0], key); !s.empty())
                    values[key == std::string("PrivateIp")  ? "private_ip"
                           : key == std::string("PublicIp") ? "public_ip"
                                                            : "allocation_id"] = s;
        }
        t.add("aws_nat_gateway", id, item, "NatGateways", std::move(values));
    }
    for (const AwsItem& item : t.items("Addresses")) {
        const Json& v = item.value;
        const std::string allocation = str(v, "AllocationId");
        const std::string address = allocation.empty() ? str(v, "PublicIp") : allocation;
        Json values{{"id", allocation},
                    {"allocation_id", allocation},
                    {"public_ip", str(v, "PublicIp")},
                    {"tags", tags(v)}};
        if (const std::string instance = str(v, "InstanceId"); !instance.empty())
            values["instance"] = instance;
        if (const std::string eni = str(v, "NetworkInterfaceId"); !eni.empty())
            values["network_interface"] = eni;
        t.add("aws_eip", address, item, "Addresses", std::move(values));
    }
}

// One route of describe-route-tables as a `route` block of aws_route_table.
Json routeBlock(const Json& r) {
    static const std::pair<const char*, const char*> fields[] = {
        {"DestinationCidrBlock", "destination_cidr_block"},
        {"DestinationIpv6CidrBlock", "destination_ipv6_cidr_block"},
        {"DestinationPrefixListId", "destination_prefix_list_id"},
        {"GatewayId", "gateway_id"},
        {"NatGatewayId", "nat_gateway_id"},
        {"TransitGatewayId", "transit_gateway_id"},
        {"VpcPeeringConnectionId", "vpc_peering_connection_id"},
        {"EgressOnlyInternetGatewayId", "egress_only_gateway_id"},
        {"NetworkInterfaceId", "network_interface_id"},
        {"InstanceId", "instance_id"},
        {"LocalGatewayId", "local_gateway_id"},
        {"CarrierGatewayId", "carrier_gateway_id"},
        {"CoreNetworkArn", "core_network_arn"},
    };
    Json block = Json::object();
    for (const auto& [from, to] : fields)
        if (const std::string s = str(r, from); !s.empty())
            block[to] = s;
    // An instance route also names the instance's interface; the instance is what is drawn.
    if (block.contains("instance_id"))
        block.erase("network_interface_id");
    return block;
}

void routeTables(Translator& t) {
    for (const AwsItem& item : t.items("RouteTables")) {
        const Json& v = item.value;
        const std::string id = str(v, "RouteTableId");
        Json routes = Json::array();
        const Json& list = field(v, "Routes");
        if (list.is_array())
            for (const Json& r : list) {
                // Routes a virtual private gateway propagates come from `propagating_vgws`; a
                // gateway endpoint's prefix-list routes from the endpoint's route tables.
                if (str(r, "Origin") == "EnableVgwRoutePropagation")
                    continue;
                if (!str(r, "DestinationPrefixListId").empty() && str(r, "GatewayId").starts_with("vpce-"))
                    continue;
                routes.push_back(routeBlock(r));
            }
        Json values{{"id", id},
                    {"vpc_id", str(v, "VpcId")},
                    {"route", routes},
                    {"propagating_vgws", stringsOf(field(v, "PropagatingVgws"), "GatewayId")},
                    {"tags", tags(v)}};
        t.add("aws_route_table", id, item, "RouteTables", std::move(values));
        const Json& associations = field(v, "Associations");
        if (!associations.is_array())
            continue;
        for (const Json& a : associations) {
            const std::string state = str(field(a, "AssociationState"), "State");
            if (!state.empty() && state != "associated" && state != "associating")
                continue;
            const std::string assoc = str(a, "RouteTableAssociationId");
            const std::string address = assoc.empty() ? id + "/association" : assoc;
            if (field(a, "Main").is_boolean() && field(a, "Main").get<bool>())
                t.add("aws_main_route_table_association", address, item, "RouteTables",
                      Json{{"id", assoc}, {"route_table_id", id}, {"vpc_id", str(v, "VpcId")}});
            else if (const std::string subnet = str(a, "SubnetId"); !subnet.empty())
                t.add("aws_route_table_association", address, item, "RouteTables",
                      Json{{"id", assoc}, {"route_table_id", id}, {"subnet_id", subnet}});
            else if (const std::string gateway = str(a, "GatewayId"); !gateway.empty())
                t.add("aws_route_table_association", address, item, "RouteTables",
                      Json{{"id", assoc}, {"route_table_id", id}, {"gateway_id", gateway}});
        }
    }
}

// One IpPermissions entry as an `ingress`/`egress` block of aws_security_group.
Json ruleBlock(const Json& p) {
    Json block{{"protocol", field(p, "IpProtocol").is_null() ? Json("-1") : field(p, "IpProtocol")},
               {"cidr_blocks", stringsOf(field(p, "IpRanges"), "CidrIp")},
               {"ipv6_cidr_blocks", stringsOf(field(p, "Ipv6Ranges"), "CidrIpv6")},
               {"prefix_list_ids", stringsOf(field(p, "PrefixListIds"), "PrefixListId")},
               {"security_groups", stringsOf(field(p, "UserIdGroupPairs"), "GroupId")}};
    if (field(p, "FromPort").is_number())
        block["from_port"] = field(p, "FromPort");
    if (field(p, "ToPort").is_number())
        block["to_port"] = field(p, "ToPort");
    return block;
}

void securityGroups(Translator& t) {
    for (const AwsItem& item : t.items("SecurityGroups")) {
        const Json& v = item.value;
        const std::string id = str(v, "GroupId");
        if (str(v, "VpcId").empty()) {
            t.skip(id, "SecurityGroups", "notModelled", "an EC2-Classic security group belongs to no VPC");
            continue;
        }
        Json ingress = Json::array();
        Json egress = Json::array();
        for (const auto& [key, into] :
             {std::pair<const char*, Json*>{"IpPermissions", &ingress}, {"IpPermissionsEgress", &egress}}) {
            const Json& list = field(v, key);
            if (list.is_array())
                for (const Json& p : list)
                    if (p.is_object())
                        into->push_back(ruleBlock(p));
        }
        // The group AWS creates with each VPC is the only one named "default".
        t.add(str(v, "GroupName") == "default" ? "aws_default_security_group" : "aws_security_group", id,
              item, "SecurityGroups",
              Json{{"id", id},
                   {"name", str(v, "GroupName")},
                   {"vpc_id", str(v, "VpcId")},
                   {"ingress", ingress},
                   {"egress", egress},
                   {"tags", tags(v)}});
    }
}

void networkAcls(Translator& t) {
    for (const AwsItem& item : t.items("NetworkAcls")) {
        const Json& v = item.value;
        const std::string id = str(v, "NetworkAclId");
        Json ingress = Json::array();
        Json egress = Json::array();
        const Json& entries = field(v, "Entries");
        if (entries.is_array())
            for (const Json& e : entries) {
                // The last rule (32767, "*") denies what no rule allowed; the model's ACLs end so.
                const Json& number = field(e, "RuleNumber");
                if (!number.is_number() || number.get<double>() >= 32767)
                    continue;
                Json block{{"rule_no", number},
                           {"protocol", field(e, "Protocol")},
                           {"action", str(e, "RuleAction")}};
                if (const std::string cidr = str(e, "CidrBlock"); !cidr.empty())
                    block["cidr_block"] = cidr;
                if (const std::string cidr = str(e, "Ipv6CidrBlock"); !cidr.empty())
                    block["ipv6_cidr_block"] = cidr;
                if (field(field(e, "IcmpTypeCode"), "Type").is_number())
                    block["icmp_type"] = field(field(e, "IcmpTypeCode"), "Type");
                const Json& range = field(e, "PortRange");
                if (field(range, "From").is_number())
                    block["from_port"] = field(range, "From");
                if (field(range, "To").is_number())
                    block["to_port"] = field(range, "To");
                (field(e, "Egress").is_boolean() && field(e, "Egress").get<bool>() ? egress : ingress)
                    .push_back(block);
            }
        const bool isDefault = field(v, "IsDefault").is_boolean() && field(v, "IsDefault").get<bool>();
        t.add(isDefault ? "aws_default_network_acl" : "aws_network_acl", id, item, "NetworkAcls",
              Json{{"id", id},
                   {"vpc_id", str(v, "VpcId")},
                   {"ingress", ingress},
                   {"egress", egress},
                   {"subnet_ids", stringsOf(field(v, "Associations"), "SubnetId")},
                   {"tags", tags(v)}});
    }
}

void instances(Translator& t) {
    for (const AwsItem& item : t.items("Instances")) {
        const Json& v = item.value;
        const std::string id = str(v, "InstanceId");
        if (t.gone(item, id, "Instances", field(field(v, "State"), "Name")))
            continue;
        // What describe-instances says is what the instance has: no public address is none,
        // whatever its subnet maps on launch. UserData is never read.
        const std::string publicIp = str(v, "PublicIpAddress");
        Json values{{"id", id},
                    {"subnet_id", str(v, "SubnetId")},
                    {"private_ip", str(v, "PrivateIpAddress")},
                    {"associate_public_ip_address", !publicIp.empty()},
                    {"vpc_security_group_ids", stringsOf(field(v, "SecurityGroups"), "GroupId")},
                    {"tags", tags(v)}};
        if (!publicIp.empty())
            values["public_ip"] = publicIp;
        if (const std::string zone = str(field(v, "Placement"), "AvailabilityZone"); !zone.empty())
            values["availability_zone"] = zone;
        const Json& interfaces = field(v, "NetworkInterfaces");
        if (interfaces.is_array() && !interfaces.empty())
            values["ipv6_addresses"] = stringsOf(field(interfaces[0], "Ipv6Addresses"), "Ipv6Address");
        if (str(v, "SubnetId").empty()) {
            t.skip(id, "Instances", "notModelled", "an instance outside every VPC (EC2-Classic)");
            continue;
        }
        t.add("aws_instance", id, item, "Instances", std::move(values));
    }
}

void networkInterfaces(Translator& t) {
    for (const AwsItem& item : t.items("NetworkInterfaces")) {
        const Json& v = item.value;
        const std::string id = str(v, "NetworkInterfaceId");
        // Interfaces AWS makes for another resource (a NAT gateway, a load balancer, an
        // endpoint, a Lambda function...) are that resource's, imported from its own call.
        const std::string type = str(v, "InterfaceType");
        const bool managed =
            field(v, "RequesterManaged").is_boolean() && field(v, "RequesterManaged").get<bool>();
        if ((!type.empty() && type != "interface") || managed) {
            t.skip(id, "NetworkInterfaces", "notModelled",
                   "an interface AWS manages for another resource (" +
                       (type.empty() || type == "interface" ? str(v, "Description") : type) +
                       "); that resource is imported from its own call");
            continue;
        }
        Json values{{"id", id},
                    {"subnet_id", str(v, "SubnetId")},
                    {"private_ip", str(v, "PrivateIpAddress")},
                    {"security_groups", stringsOf(field(v, "Groups"), "GroupId")},
                    {"ipv6_addresses", stringsOf(field(v, "Ipv6Addresses"), "Ipv6Address")},
                    {"tags", tags(v.contains("TagSet") ? Json{{"Tags", v["TagSet"]}} : v)}};
        if (const std::string instance = str(field(v, "Attachment"), "InstanceId"); !instance.empty())
            values["attachment"] = Json::array({Json{{"instance", instance}}});
        if (const std::string publicIp = str(field(v, "Association"), "PublicIp"); !publicIp.empty())
            values["public_ip"] = publicIp;
        t.add("aws_network_interface", id, item, "NetworkInterfaces", std::move(values));
    }
}

} // namespace

void translateNetwork(Translator& t) {
    vpcs(t);
    subnets(t);
    gateways(t);
    routeTables(t);
    securityGroups(t);
    networkAcls(t);
    instances(t);
    networkInterfaces(t);
}

} // namespace pp::aws
