#include "TestSupport.h"

#include <fstream>
#include <gtest/gtest.h>
#include <sstream>
#include <stdexcept>

namespace pp::test {

std::string sourcePath(const std::string& relative) { return std::string(PRIVATEPATH_SOURCE_DIR) + "/" + relative; }

std::string readFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

nlohmann::json baseDesign()
{
    return nlohmann::json::parse(R"({
  "schemaVersion": 1,
  "name": "Lint base",
  "regions": [
    {"id": "use1", "code": "us-east-1", "availabilityZones": ["use1-az1", "use1-az2", "use1-az3"]},
    {"id": "euw1", "code": "eu-west-1", "availabilityZones": ["euw1-az1", "euw1-az2"]}
  ],
  "vpcs": [
    {"id": "vpc-a", "region": "use1", "account": "111111111111", "ipv4Cidrs": ["10.0.0.0/16"], "enableDnsHostnames": true},
    {"id": "vpc-b", "region": "use1", "account": "111111111111", "ipv4Cidrs": ["10.1.0.0/16"], "enableDnsHostnames": true},
    {"id": "vpc-p", "region": "use1", "account": "222222222222", "ipv4Cidrs": ["10.50.0.0/16"], "enableDnsHostnames": true}
  ],
  "subnets": [
    {"id": "pub-a", "vpc": "vpc-a", "cidr": "10.0.0.0/24", "availabilityZone": "use1-az1", "routeTable": "rt-pub"},
    {"id": "app-a", "vpc": "vpc-a", "cidr": "10.0.1.0/24", "availabilityZone": "use1-az1", "routeTable": "rt-app"},
    {"id": "app-b", "vpc": "vpc-a", "cidr": "10.0.2.0/24", "availabilityZone": "use1-az2", "routeTable": "rt-app"},
    {"id": "b-a", "vpc": "vpc-b", "cidr": "10.1.1.0/24", "availabilityZone": "use1-az1"},
    {"id": "p-a", "vpc": "vpc-p", "cidr": "10.50.1.0/24", "availabilityZone": "use1-az1"},
    {"id": "p-b", "vpc": "vpc-p", "cidr": "10.50.2.0/24", "availabilityZone": "use1-az2"}
  ],
  "routeTables": [
    {"id": "rt-pub", "vpc": "vpc-a", "routes": [{"destination": "0.0.0.0/0", "target": "igw-a"}]},
    {"id": "rt-app", "vpc": "vpc-a", "main": true, "routes": [
      {"destination": "0.0.0.0/0", "target": "nat-a"},
      {"destination": "10.1.0.0/16", "target": "pcx-ab"},
      {"destination": "192.168.0.0/16", "target": "tgw"}]},
    {"id": "rt-b", "vpc": "vpc-b", "main": true, "routes": [{"destination": "10.0.0.0/16", "target": "pcx-ab"}]}
  ],
  "internetGateways": [{"id": "igw-a", "vpc": "vpc-a"}],
  "egressOnlyInternetGateways": [{"id": "eigw-a", "vpc": "vpc-a"}],
  "natGateways": [{"id": "nat-a", "subnet": "pub-a", "elasticIp": "52.0.0.1"}],
  "securityGroups": [
    {"id": "sg-app", "vpc": "vpc-a", "inbound": [{"protocol": "tcp", "fromPort": 443, "toPort": 443, "cidr": "10.0.0.0/16"}],
     "outbound": [{"protocol": "all", "cidr": "0.0.0.0/0"}]},
    {"id": "sg-b", "vpc": "vpc-b", "inbound": [{"protocol": "tcp", "fromPort": 5432, "toPort": 5432, "securityGroup": "sg-app"}]}
  ],
  "networkAcls": [
    {"id": "acl-a", "vpc": "vpc-a",
     "inbound": [{"ruleNumber": 100, "protocol": "all", "cidr": "0.0.0.0/0", "action": "allow"}],
     "outbound": [{"ruleNumber": 100, "protocol": "all", "cidr": "0.0.0.0/0", "action": "allow"}]}
  ],
  "workloads": [
    {"id": "i-app", "subnet": "app-a", "privateIp": "10.0.1.10", "securityGroups": ["sg-app"]},
    {"id": "i-b", "subnet": "b-a", "privateIp": "10.1.1.10", "securityGroups": ["sg-b"]},
    {"id": "i-svc", "subnet": "p-a", "privateIp": "10.50.1.10"}
  ],
  "vpcEndpoints": [
    {"id": "vpce-s3", "vpc": "vpc-a", "endpointType": "gateway", "service": "s3", "routeTables": ["rt-app"]},
    {"id": "vpce-sqs", "vpc": "vpc-a", "endpointType": "interface", "service": "sqs", "subnets": ["app-a", "app-b"],
     "securityGroups": ["sg-app"]},
    {"id": "vpce-svc", "vpc": "vpc-a", "endpointType": "interface", "service": "svc", "subnets": ["app-a", "app-b"],
     "securityGroups": ["sg-app"]}
  ],
  "endpointServices": [
    {"id": "svc", "loadBalancer": "nlb", "acceptanceRequired": false, "allowedPrincipals": ["111111111111"]}
  ],
  "loadBalancers": [
    {"id": "nlb", "lbType": "network", "subnets": ["p-a", "p-b"], "listeners": [{"protocol": "tcp", "port": 8443}],
     "targets": [{"instance": "i-svc", "port": 8443}, {"ip": "172.16.5.10", "port": 443}]}
  ],
  "awsServices": [
    {"id": "s3", "service": "s3", "region": "use1"},
    {"id": "sqs", "service": "sqs", "region": "use1"},
    {"id": "sqs-eu", "service": "sqs", "region": "euw1"},
    {"id": "s3-eu", "service": "s3", "region": "euw1"}
  ],
  "internetHosts": [{"id": "web", "address": "203.0.113.10"}],
  "vpcPeerings": [{"id": "pcx-ab", "requesterVpc": "vpc-a", "accepterVpc": "vpc-b"}],
  "transitGateways": [{"id": "tgw", "region": "use1", "defaultAssociationRouteTable": "tgw-rt",
                       "defaultPropagationRouteTable": "tgw-rt"}],
  "transitGatewayRouteTables": [{"id": "tgw-rt", "transitGateway": "tgw",
                                 "routes": [{"destination": "10.99.0.0/16", "blackhole": true}]}],
  "transitGatewayAttachments": [
    {"id": "tgw-att-a", "transitGateway": "tgw", "attachmentType": "vpc", "resource": "vpc-a", "subnets": ["app-a"]},
    {"id": "tgw-att-vpn", "transitGateway": "tgw", "attachmentType": "vpn", "resource": "vpn-dc"}
  ],
  "virtualPrivateGateways": [{"id": "vgw-p", "vpc": "vpc-p"}],
  "customerGateways": [{"id": "cgw", "onPremises": "dc", "ipAddress": "198.51.100.7"}],
  "vpnConnections": [{"id": "vpn-dc", "customerGateway": "cgw", "gateway": "tgw", "remoteCidrs": ["192.168.0.0/16"]}],
  "directConnectVirtualInterfaces": [{"id": "vif-p", "vifType": "private", "onPremises": "dc2", "gateway": "vgw-p"}],
  "onPremisesNetworks": [
    {"id": "dc", "cidrs": ["192.168.0.0/16"]},
    {"id": "dc2", "cidrs": ["172.16.0.0/16"]}
  ],
  "onPremisesHosts": [{"id": "dc-host", "network": "dc", "address": "192.168.10.20"}],
  "resolverEndpoints": [{"id": "rslvr-in", "vpc": "vpc-a", "subnets": ["app-a", "app-b"]}],
  "privateHostedZones": [{"id": "phz-sqs", "domain": "sqs.us-east-1.amazonaws.com", "vpcs": ["vpc-b"], "aliasTarget": "vpce-sqs"}],
  "flows": [
    {"id": "f-s3", "source": "i-app", "destination": "s3", "port": 443},
    {"id": "f-db", "source": "i-app", "destination": "i-b", "port": 5432}
  ],
  "diagram": {"shapes": [
    {"resource": "use1", "x": 0, "y": 0, "width": 1200, "height": 800},
    {"resource": "vpc-a", "parent": "use1", "x": 20, "y": 40, "width": 600, "height": 400},
    {"resource": "app-a", "parent": "vpc-a", "x": 20, "y": 40, "width": 200, "height": 120},
    {"resource": "i-app", "parent": "app-a", "x": 20, "y": 40, "width": 90, "height": 70}
  ]}
})");
}

std::vector<Finding> lintJson(const nlohmann::json& document)
{
    const LoadResult loaded = loadDesign(document.dump(2), "lint.privatepath");
    if (!loaded.ok()) {
        std::string all;
        for (const auto& d : loaded.diagnostics)
            all += d.format() + "\n";
        ADD_FAILURE() << "design did not load:\n" << all;
        return {};
    }
    std::vector<Finding> findings = lintDesign(*loaded.design);
    const std::vector<Finding> drawing = lintDiagram(*loaded.design);
    findings.insert(findings.end(), drawing.begin(), drawing.end());
    return findings;
}

nlohmann::json& byId(nlohmann::json& document, const std::string& collection, const std::string& id)
{
    for (auto& item : document.at(collection))
        if (item.at("id") == id)
            return item;
    throw std::runtime_error("no " + id + " in " + collection);
}

const Shape& shapeOf(const Design& design, const std::string& id)
{
    for (const Shape& s : design.diagram.shapes)
        if (s.resource.str() == id)
            return s;
    throw std::runtime_error("no shape for " + id);
}

} // namespace pp::test
