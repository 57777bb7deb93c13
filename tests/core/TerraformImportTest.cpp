// Importing a Terraform state (tests/data/import/terraform/state-network.json, a hand-made
// `terraform show -json` of a state touching every supported family): each resource type becomes
// the model the user would draw by hand, what AWS does implicitly is added, and nothing secret is
// copied.
#include "ImportSupport.h"

#include "analysis/Analyzer.h"
#include "edit/PasteLayout.h"

namespace pp {
namespace {

using namespace test;

class StateImport : public ::testing::Test {
protected:
    static void SetUpTestSuite() { s_result = new TerraformImportResult(importFixture("state-network.json")); }
    static void TearDownTestSuite() { delete s_result; }
    const Design& design() const { return *s_result->design; }
    const ImportReport& report() const { return s_result->report; }
    static TerraformImportResult* s_result;
};
TerraformImportResult* StateImport::s_result = nullptr;

TEST_F(StateImport, VpcsKeepTheirIdsNamesBlocksAndRegion)
{
    const Vpc& vpc = resourceAs<Vpc>(design(), "vpc-0a1");
    EXPECT_EQ(design().find(rid("vpc-0a1"))->name, "Production");
    EXPECT_EQ(vpc.ipv4Cidrs, (Cidrs{*cidr("10.0.0.0/16"), *cidr("10.1.0.0/16")})); // with the association
    EXPECT_TRUE(vpc.enableDnsHostnames);
    EXPECT_EQ(vpc.account, "111122223333");
    const Region& region = resourceAs<Region>(design(), vpc.region.str());
    EXPECT_EQ(region.code, "eu-west-1"); // from the first ARN
    EXPECT_EQ(region.availabilityZones, (std::vector<std::string>{"euw1-az1", "euw1-az2"}));
    EXPECT_TRUE(hasAssumption(report(), "region", vpc.region.str()));
}

TEST_F(StateImport, TagsBecomeTheResourcesTagsButSensitiveOnesDoNot)
{
    // Goals, policies and Find select by tag: the imported design keeps the state's tags.
    EXPECT_EQ(design().find(rid("vpc-0a1"))->tags, (Tags{{"Name", "Production"}, {"cost-center", "4711"}, {"env", "prod"}}));
    // A tag Terraform marks sensitive is left out; the others of that resource stay.
    EXPECT_EQ(design().find(rid("i-0app"))->tags, (Tags{{"Name", "app"}, {"tier", "backend"}}));
    const LoadResult loaded = loadDesign(saveDesignToString(design()), "imported.privatepath");
    ASSERT_TRUE(loaded.ok());
    EXPECT_EQ(loaded.design->find(rid("vpc-0a1"))->tags.at("env"), "prod") << "tags survive a save";
}

TEST_F(StateImport, SubnetsUseAzIdsAndTheirExplicitAssociations)
{
    const Subnet& app = resourceAs<Subnet>(design(), "subnet-0aa");
    EXPECT_EQ(app.vpc, rid("vpc-0a1"));
    EXPECT_EQ(app.cidr, *cidr("10.0.10.0/24"));
    EXPECT_EQ(app.availabilityZone, "euw1-az1");
    EXPECT_EQ(app.routeTable, rid("rtb-0app"));
    EXPECT_EQ(app.networkAcl, rid("acl-0app")); // subnet_ids of the ACL
    EXPECT_EQ(resourceAs<Subnet>(design(), "subnet-0ab").networkAcl, rid("acl-0app")); // aws_network_acl_association
    // A subnet without an association uses the main table: no routeTable of its own.
    EXPECT_FALSE(resourceAs<Subnet>(design(), "subnet-0pa").routeTable);
    // Count instances of a child module.
    EXPECT_EQ(resourceAs<Subnet>(design(), "subnet-0x1").cidr, *cidr("10.0.21.0/24"));
}

TEST_F(StateImport, TheDefaultRouteTableIsTheMainOneWithItsRoutes)
{
    const RouteTable& main = resourceAs<RouteTable>(design(), "rtb-0main");
    EXPECT_TRUE(main.main);
    ASSERT_EQ(main.routes.size(), 1u);
    EXPECT_EQ(main.routes[0].destination, cidr("0.0.0.0/0"));
    EXPECT_EQ(main.routes[0].target, rid("igw-0gw"));
    EXPECT_FALSE(resourceAs<RouteTable>(design(), "rtb-0app").main);
    EXPECT_FALSE(design().find(rid("vpc-0a1-main-rtb"))) << "no implicit table when Terraform manages the main one";
}

TEST_F(StateImport, RoutesFindTheirTargetByIdWhateverTheFieldAndSkipMissingTargets)
{
    const RouteTable& app = resourceAs<RouteTable>(design(), "rtb-0app");
    ASSERT_EQ(app.routes.size(), 3u);
    // A NAT gateway id given in gateway_id.
    EXPECT_EQ(app.routes[0].destination, cidr("0.0.0.0/0"));
    EXPECT_EQ(app.routes[0].target, rid("nat-0n"));
    EXPECT_EQ(app.routes[1].target, rid("pcx-0p"));
    EXPECT_EQ(app.routes[2].target, rid("tgw-0t"));
    EXPECT_EQ(app.propagatingGateways, ResourceIds{rid("vgw-0v")});
    const SkippedItem* missing = skippedItem(report(), "aws_route.to_missing");
    ASSERT_TRUE(missing);
    EXPECT_EQ(missing->reason, "missingReference");
    EXPECT_NE(missing->detail.find("virtual private gateway"), std::string::npos) << missing->detail;
}

TEST_F(StateImport, AMainRouteTableAssociationMakesThatTableMain)
{
    const RouteTable& peer = resourceAs<RouteTable>(design(), "rtb-0peer");
    EXPECT_TRUE(peer.main);
    ASSERT_EQ(peer.routes.size(), 2u);
    EXPECT_EQ(peer.routes[1].target, rid("pcx-0p"));
}

TEST_F(StateImport, GatewaysAndNatWithItsElasticIp)
{
    EXPECT_EQ(resourceAs<InternetGateway>(design(), "igw-0gw").vpc, rid("vpc-0a1"));
    // An edge association (gateway_id) makes rtb-0edge the gateway's route table (RT-9).
    EXPECT_EQ(resourceAs<InternetGateway>(design(), "igw-0gw").routeTable, rid("rtb-0edge"));
    EXPECT_FALSE(skippedItem(report(), "aws_route_table_association.edge"));
    const NatGateway& nat = resourceAs<NatGateway>(design(), "nat-0n");
    EXPECT_EQ(nat.subnet, rid("subnet-0pa"));
    EXPECT_EQ(nat.elasticIp, IpAddress::parse("52.16.0.10"));
    EXPECT_EQ(nat.privateIp, IpAddress::parse("10.0.0.10"));
    // The Elastic IP is part of the NAT gateway, not a resource of its own.
    EXPECT_FALSE(skippedItem(report(), "aws_eip.nat"));
}

TEST_F(StateImport, NetworkFirewallInItsSubnetsAndRoutesToItsEndpoints)
{
    const Resource* firewall = nullptr;
    for (const Resource& r : design().resources())
        if (r.kind() == Kind::NetworkFirewall)
            firewall = &r;
    ASSERT_NE(firewall, nullptr);
    EXPECT_EQ(firewall->name, "inspection");
    EXPECT_EQ(firewall->as<NetworkFirewall>()->vpc, rid("vpc-0a1"));
    EXPECT_EQ(firewall->as<NetworkFirewall>()->subnets, (ResourceIds{rid("subnet-0pb")}));
    // The route names the firewall's endpoint in its AZ (vpce-0fw1): it targets the firewall.
    const RouteTable& edge = resourceAs<RouteTable>(design(), "rtb-0edge");
    ASSERT_EQ(edge.routes.size(), 1u);
    EXPECT_EQ(edge.routes[0].target, firewall->id);
    EXPECT_TRUE(hasAssumption(report(), "firewallRulesNotImported", firewall->id.str()));
}

TEST_F(StateImport, LatticeResourceGatewayConfigurationsServiceNetworkAndTheirEndpoints)
{
    const ResourceGateway& gateway = resourceAs<ResourceGateway>(design(), "rgw-0db");
    EXPECT_EQ(gateway.vpc, rid("vpc-0a1"));
    EXPECT_EQ(gateway.subnets, (ResourceIds{rid("subnet-0aa"), rid("subnet-0ab")}));
    // The ARN resource is the imported RDS database; TCP 5432 from "5432".
    const ResourceConfiguration& db = resourceAs<ResourceConfiguration>(design(), "rcfg-0db");
    EXPECT_EQ(db.configurationType, ResourceConfigurationType::Single);
    EXPECT_EQ(db.resourceGateway, rid("rgw-0db"));
    EXPECT_EQ(db.resource, rid("db-ABC"));
    ASSERT_EQ(db.portRanges.size(), 1u);
    EXPECT_EQ(db.portRanges[0], (PortRange{5432, 5432}));
    // A child of a group, whatever the order of the input: its group's gateway, its own domain.
    const ResourceConfiguration& api = resourceAs<ResourceConfiguration>(design(), "rcfg-0api");
    EXPECT_EQ(api.configurationType, ResourceConfigurationType::Child);
    EXPECT_EQ(api.group, rid("rcfg-0grp"));
    EXPECT_EQ(api.domainName, "api.partner.example");
    EXPECT_EQ(api.portRanges, (std::vector<PortRange>{{443, 443}, {8000, 8100}}));
    EXPECT_EQ(resourceAs<ResourceConfiguration>(design(), "rcfg-0grp").configurationType, ResourceConfigurationType::Group);
    EXPECT_EQ(resourceAs<ServiceNetwork>(design(), "sn-0sh").resourceConfigurations, (ResourceIds{rid("rcfg-0grp")}));
    // Endpoints name their configuration or network by ARN (PL-2).
    const VpcEndpoint& resourceEndpoint = resourceAs<VpcEndpoint>(design(), "vpce-0rdb");
    EXPECT_EQ(resourceEndpoint.endpointType, EndpointType::Resource);
    EXPECT_EQ(resourceEndpoint.service, rid("rcfg-0db"));
    const VpcEndpoint& networkEndpoint = resourceAs<VpcEndpoint>(design(), "vpce-0sn");
    EXPECT_EQ(networkEndpoint.endpointType, EndpointType::ServiceNetwork);
    EXPECT_EQ(networkEndpoint.service, rid("sn-0sh"));
    // RAM shares are elsewhere: the report says what is assumed.
    EXPECT_TRUE(hasAssumption(report(), "resourceSharingAssumed", "rcfg-0db"));
}

TEST_F(StateImport, SecurityGroupsGetInlineAndStandaloneRules)
{
    const SecurityGroup& lb = resourceAs<SecurityGroup>(design(), "sg-0lb");
    ASSERT_EQ(lb.inbound.size(), 1u);
    EXPECT_EQ(lb.inbound[0].protocol, Protocol::Tcp);
    EXPECT_EQ(lb.inbound[0].fromPort, 443);
    EXPECT_EQ(lb.inbound[0].cidr, cidr("0.0.0.0/0"));
    ASSERT_EQ(lb.outbound.size(), 1u);
    EXPECT_EQ(lb.outbound[0].protocol, Protocol::All);

    const SecurityGroup& app = resourceAs<SecurityGroup>(design(), "sg-0app");
    EXPECT_EQ(design().find(rid("sg-0app"))->name, "app servers");
    ASSERT_EQ(app.inbound.size(), 2u);
    EXPECT_EQ(app.inbound[0].securityGroup, rid("sg-0lb")); // aws_security_group_rule
    EXPECT_EQ(app.inbound[0].fromPort, 8080);
    EXPECT_EQ(app.inbound[1].protocol, Protocol::Icmp); // aws_vpc_security_group_ingress_rule, any type
    EXPECT_EQ(app.inbound[1].fromPort, 0);
    EXPECT_EQ(app.inbound[1].toPort, 65535);
    ASSERT_EQ(app.outbound.size(), 1u); // aws_vpc_security_group_egress_rule
    EXPECT_EQ(app.outbound[0].cidr, cidr("0.0.0.0/0"));
}

TEST_F(StateImport, DefaultSecurityGroupsAreExplicit)
{
    // Managed by Terraform: as configured (no rules).
    const SecurityGroup& managed = resourceAs<SecurityGroup>(design(), "sg-0peerdef");
    EXPECT_TRUE(managed.isDefault);
    EXPECT_TRUE(managed.inbound.empty());
    // Not managed: AWS's default group with its default rules.
    const SecurityGroup& implicit = resourceAs<SecurityGroup>(design(), "vpc-0a1-default-sg");
    EXPECT_TRUE(implicit.isDefault);
    ASSERT_EQ(implicit.inbound.size(), 1u);
    EXPECT_EQ(implicit.inbound[0].securityGroup, rid("vpc-0a1-default-sg"));
    ASSERT_EQ(implicit.outbound.size(), 1u);
    EXPECT_EQ(implicit.outbound[0].cidr, cidr("0.0.0.0/0"));
    EXPECT_TRUE(hasAssumption(report(), "implicitDefaultSecurityGroup", "vpc-0a1-default-sg"));
    EXPECT_FALSE(design().find(rid("vpc-0peer-default-sg")));
}

TEST_F(StateImport, NetworkAclsWithTheirEntriesAndTheImplicitDefaultAcl)
{
    const NetworkAcl& acl = resourceAs<NetworkAcl>(design(), "acl-0app");
    ASSERT_EQ(acl.inbound.size(), 3u);
    EXPECT_EQ(acl.inbound[0].ruleNumber, 100);
    EXPECT_EQ(acl.inbound[0].fromPort, 8080);
    EXPECT_EQ(acl.inbound[1].action, RuleAction::Deny);
    EXPECT_EQ(acl.inbound[2].ruleNumber, 110); // aws_network_acl_rule
    EXPECT_EQ(acl.inbound[2].protocol, Protocol::Tcp);
    const NetworkAcl& implicit = resourceAs<NetworkAcl>(design(), "vpc-0a1-default-acl");
    ASSERT_EQ(implicit.inbound.size(), 1u);
    EXPECT_EQ(implicit.inbound[0].action, RuleAction::Allow);
    EXPECT_EQ(resourceAs<Subnet>(design(), "subnet-0pa").networkAcl, rid("vpc-0a1-default-acl"));
}

TEST_F(StateImport, WorkloadsOfEveryKind)
{
    const Workload& web = resourceAs<Workload>(design(), "i-0web");
    EXPECT_EQ(web.subnet, rid("subnet-0pa"));
    EXPECT_TRUE(web.publicIp);
    EXPECT_EQ(web.privateIp, IpAddress::parse("10.0.0.20"));
    EXPECT_EQ(web.securityGroups, ResourceIds{rid("sg-0lb")});

    const Workload& db = resourceAs<Workload>(design(), "db-ABC");
    EXPECT_EQ(db.workloadType, WorkloadType::RdsDatabase);
    EXPECT_EQ(db.subnet, rid("subnet-0aa")); // the first subnet of its DB subnet group
    EXPECT_FALSE(db.publicIp);
    EXPECT_TRUE(hasAssumption(report(), "firstSubnetOnly", "subnet-0aa"));

    const Workload& lambda = resourceAs<Workload>(design(), "worker");
    EXPECT_EQ(lambda.workloadType, WorkloadType::LambdaFunction);
    EXPECT_EQ(lambda.securityGroups, ResourceIds{rid("sg-0app")});

    // for_each instances in a child module.
    EXPECT_EQ(resourceAs<Workload>(design(), "i-0wgreen").subnet, rid("subnet-0x1"));
}

TEST_F(StateImport, NetworkLoadBalancersWithListenersAndTargetsButNotApplicationOnes)
{
    const std::string arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/net/nlb/1";
    const Resource* r = nullptr;
    for (const Resource& res : design().resources())
        if (res.as<LoadBalancer>())
            r = &res;
    ASSERT_TRUE(r);
    EXPECT_EQ(r->name, "nlb");
    const LoadBalancer& lb = *r->as<LoadBalancer>();
    EXPECT_EQ(lb.lbType, LoadBalancerType::Network);
    EXPECT_TRUE(lb.internal);
    EXPECT_TRUE(lb.crossZone);
    EXPECT_EQ(lb.preserveClientIp, std::optional<bool>(false));             // the target group's preserve_client_ip (NLB-2)
    EXPECT_FALSE(lb.enforceSecurityGroupInboundRulesOnPrivateLinkTraffic); // "off" (NLB-2)
    EXPECT_EQ(lb.subnets, (ResourceIds{rid("subnet-0aa"), rid("subnet-0ab")}));
    ASSERT_EQ(lb.listeners.size(), 1u);
    EXPECT_EQ(lb.listeners[0].port, 443);
    ASSERT_EQ(lb.targets.size(), 1u);
    EXPECT_EQ(lb.targets[0].instance, rid("i-0app"));
    EXPECT_EQ(lb.targets[0].port, 8080);
    const SkippedItem* alb = skippedItem(report(), "aws_lb.alb");
    ASSERT_TRUE(alb);
    EXPECT_EQ(alb->reason, "notModelled");
}

TEST_F(StateImport, EndpointsReachAwsServicesAndEndpointServices)
{
    const VpcEndpoint& s3 = resourceAs<VpcEndpoint>(design(), "vpce-0s3");
    EXPECT_EQ(s3.endpointType, EndpointType::Gateway);
    EXPECT_EQ(resourceAs<AwsService>(design(), s3.service.str()).service, "s3");
    EXPECT_EQ(s3.routeTables, ResourceIds{rid("rtb-0app")});
    const VpcEndpoint& sqs = resourceAs<VpcEndpoint>(design(), "vpce-0sqs");
    EXPECT_EQ(sqs.endpointType, EndpointType::Interface);
    EXPECT_TRUE(sqs.privateDns);
    EXPECT_EQ(sqs.subnets, (ResourceIds{rid("subnet-0aa"), rid("subnet-0ab")}));
    const EndpointService& api = resourceAs<EndpointService>(design(), "vpce-svc-0api");
    EXPECT_FALSE(api.acceptanceRequired);
    EXPECT_EQ(api.allowedPrincipals, std::vector<std::string>{"arn:aws:iam::444455556666:root"});
}

TEST_F(StateImport, PeeringAndTransitGateway)
{
    const VpcPeering& p = resourceAs<VpcPeering>(design(), "pcx-0p");
    EXPECT_EQ(p.requesterVpc, rid("vpc-0a1"));
    EXPECT_EQ(p.accepterVpc, rid("vpc-0peer"));
    EXPECT_EQ(p.state, PeeringState::Active); // accepted by the accepter
    const TransitGateway& tgw = resourceAs<TransitGateway>(design(), "tgw-0t");
    EXPECT_FALSE(tgw.defaultAssociationRouteTable); // default association disabled
    const TransitGatewayAttachment& a = resourceAs<TransitGatewayAttachment>(design(), "tgw-attach-0m");
    EXPECT_TRUE(a.applianceMode); // appliance_mode_support "enable" (INS-2)
    EXPECT_EQ(a.resource, rid("vpc-0a1"));
    EXPECT_EQ(a.routeTable, rid("tgw-rtb-0c"));
    const TransitGatewayRouteTable& rt = resourceAs<TransitGatewayRouteTable>(design(), "tgw-rtb-0c");
    EXPECT_EQ(rt.propagations, ResourceIds{rid("tgw-attach-0m")});
    ASSERT_EQ(rt.routes.size(), 1u);
    EXPECT_TRUE(rt.routes[0].blackhole);
}

TEST_F(StateImport, VpnWithItsOnPremisesNetworkAndDirectConnect)
{
    const VirtualPrivateGateway& vgw = resourceAs<VirtualPrivateGateway>(design(), "vgw-0v");
    EXPECT_EQ(vgw.vpc, rid("vpc-0a1"));
    EXPECT_EQ(vgw.asn, 64620);
    const CustomerGateway& cgw = resourceAs<CustomerGateway>(design(), "cgw-0o");
    EXPECT_EQ(cgw.asn, 65010);
    const OnPremisesNetwork& net = resourceAs<OnPremisesNetwork>(design(), cgw.onPremises.str());
    EXPECT_EQ(net.cidrs, Cidrs{*cidr("192.168.10.0/24")});
    const VpnConnection& vpn = resourceAs<VpnConnection>(design(), "vpn-0o");
    EXPECT_EQ(vpn.routing, VpnRouting::Static);
    EXPECT_EQ(vpn.remoteCidrs, Cidrs{*cidr("192.168.10.0/24")});
    const DirectConnectGateway& dx = resourceAs<DirectConnectGateway>(design(), "dxgw-1");
    ASSERT_EQ(dx.associations.size(), 1u);
    EXPECT_EQ(dx.associations[0].gateway, rid("tgw-0t"));
}

TEST_F(StateImport, PrefixListsResolverEndpointsAndPrivateZones)
{
    EXPECT_EQ(resourceAs<PrefixList>(design(), "pl-0office").cidrs, Cidrs{*cidr("192.168.10.0/24")});
    const ResolverEndpoint& resolver = resourceAs<ResolverEndpoint>(design(), "rslvr-in-1");
    EXPECT_EQ(resolver.vpc, rid("vpc-0a1"));
    EXPECT_EQ(resolver.subnets.size(), 2u);
    const PrivateHostedZone& zone = resourceAs<PrivateHostedZone>(design(), "Z123");
    EXPECT_EQ(zone.domain, "internal.example");
    EXPECT_EQ(zone.vpcs, (ResourceIds{rid("vpc-0a1"), rid("vpc-0peer")}));
    EXPECT_EQ(skippedItem(report(), "aws_route53_zone.public")->reason, "notModelled");
}

TEST_F(StateImport, ReportsSkippedTypesAndDataSources)
{
    EXPECT_EQ(skippedItem(report(), "aws_s3_bucket.logs")->reason, "unsupportedType");
    EXPECT_EQ(skippedItem(report(), "data.aws_availability_zones.available")->reason, "dataSource");
    const auto json = importReportJson(report());
    EXPECT_EQ(json["inputKind"], "state");
    EXPECT_EQ(json["summary"]["skippedByType"]["aws_s3_bucket"], 1);
    EXPECT_EQ(json["summary"]["imported"], report().imported.size());
    // Every input resource is either imported or skipped.
    EXPECT_GE(report().imported.size() + report().skipped.size(), 60u);
}

TEST_F(StateImport, NoSecretOfTheStateEndsUpInTheDesignOrTheReport)
{
    const std::string saved = saveDesignToString(design());
    const std::string reportText = importReportJson(report()).dump() + importReportText(report());
    for (const std::string& text : {saved, reportText})
        EXPECT_EQ(text.find("SECRET"), std::string::npos);
}

TEST_F(StateImport, TheDesignLoadsChecksAndIsDrawnWithoutOverlaps)
{
    const LoadResult loaded = loadDesign(saveDesignToString(design()), "imported.privatepath");
    ASSERT_TRUE(loaded.ok()) << (loaded.diagnostics.empty() ? "" : loaded.diagnostics.front().format());
    EXPECT_TRUE(lintDiagram(design()).empty());
    EXPECT_TRUE(layoutProblems(design()).empty());
    // Every resource but links between networks has a shape.
    for (const Resource& r : design().resources()) {
        const Kind k = r.kind();
        if (k == Kind::VpcPeering || k == Kind::TransitGatewayAttachment || k == Kind::VpnConnection)
            continue;
        EXPECT_NO_THROW(shapeOf(design(), r.id.str())) << r.id.str();
    }
    // The subnets of one AZ share a column, public above private.
    EXPECT_EQ(shapeOf(design(), "subnet-0pa").x, shapeOf(design(), "subnet-0aa").x);
    EXPECT_LT(shapeOf(design(), "subnet-0pa").y, shapeOf(design(), "subnet-0aa").y);
    (void)analyzeDesign(design());
}

TEST_F(StateImport, TheSameInputGivesTheSameDesign)
{
    const TerraformImportResult again = importFixture("state-network.json");
    EXPECT_EQ(saveDesignToString(*again.design), saveDesignToString(design()));
}

} // namespace
} // namespace pp

namespace pp {
namespace {

// A state spanning two Regions: each VPC, its subnets' zones and the services its endpoints
// reach stay in their own Region (by the subnets' Availability Zones and the service names),
// and the layout draws two Regions.
TEST(ImportRegions, AStateSpanningTwoRegionsKeepsEachVpcInItsOwn)
{
    using nlohmann::json;
    auto resource = [](const std::string& type, const std::string& name, json values) {
        return json{{"address", type + "." + name}, {"mode", "managed"}, {"type", type}, {"name", name}, {"values", values}};
    };
    json resources = json::array();
    const struct {
        const char* vpc;
        const char* cidr;
        const char* subnetCidr;
        const char* zone;
        const char* region;
    } vpcs[] = {{"vpc-eu", "10.1.0.0/16", "10.1.1.0/24", "eu-west-1a", "eu-west-1"},
                  {"vpc-us", "10.2.0.0/16", "10.2.1.0/24", "us-east-2b", "us-east-2"}};
    for (const auto& v : vpcs) {
        const std::string n = v.vpc;
        resources.push_back(resource("aws_vpc", n, {{"id", n}, {"cidr_block", v.cidr}}));
        resources.push_back(resource("aws_subnet", n + "-a", {{"id", "subnet-" + n}, {"vpc_id", n},
                                                              {"cidr_block", v.subnetCidr},
                                                              {"availability_zone", v.zone}}));
        resources.push_back(resource("aws_vpc_endpoint", n + "-s3",
                                     {{"id", "vpce-" + n}, {"vpc_id", n}, {"vpc_endpoint_type", "Gateway"},
                                      {"service_name", std::string("com.amazonaws.") + v.region + ".s3"}}));
    }
    const json state = {{"format_version", "1.0"}, {"values", {{"root_module", {{"resources", resources}}}}}};
    const TerraformImportResult result = importTerraformText(state.dump(), "two-regions.json");
    ASSERT_TRUE(result.design);
    const Design& design = *result.design;
    std::map<std::string, std::string> regionOfCode; // code -> region id
    for (const Resource& r : design.resources())
        if (const Region* region = r.as<Region>())
            regionOfCode[region->code] = r.id.str();
    ASSERT_EQ(regionOfCode.size(), 2u);
    for (const auto& v : vpcs) {
        SCOPED_TRACE(v.vpc);
        const Vpc* vpc = design.findAs<Vpc>(ResourceId(v.vpc));
        ASSERT_NE(vpc, nullptr);
        EXPECT_EQ(vpc->region.str(), regionOfCode.at(v.region));
        const Region* region = design.findAs<Region>(vpc->region);
        const Subnet* subnet = design.findAs<Subnet>(ResourceId(std::string("subnet-") + v.vpc));
        ASSERT_NE(subnet, nullptr);
        EXPECT_NE(std::find(region->availabilityZones.begin(), region->availabilityZones.end(), subnet->availabilityZone),
                  region->availabilityZones.end())
            << "the subnet's zone belongs to its VPC's Region";
        const VpcEndpoint* endpoint = design.findAs<VpcEndpoint>(ResourceId(std::string("vpce-") + v.vpc));
        ASSERT_NE(endpoint, nullptr);
        const AwsService* s3 = design.findAs<AwsService>(endpoint->service);
        ASSERT_NE(s3, nullptr);
        EXPECT_EQ(s3->region, vpc->region) << "the S3 of its own Region";
    }
    int regionShapes = 0;
    for (const Shape& s : design.diagram.shapes)
        regionShapes += design.find(s.resource)->kind() == Kind::Region && !s.parent;
    EXPECT_EQ(regionShapes, 2);
    EXPECT_TRUE(layoutProblems(design).empty());
    const LoadResult reloaded = loadDesign(saveDesignToString(design), "two-regions.privatepath");
    ASSERT_TRUE(reloaded.ok()) << (reloaded.diagnostics.empty() ? "" : reloaded.diagnostics.front().format());
    const AnalysisResult analysis = analyzeDesign(design);
    for (const Finding& f : analysis.findings)
        EXPECT_NE(f.severity, Severity::Error) << f.code << " " << f.message;
}

} // namespace
} // namespace pp
