// Importing AWS CLI describe output (tests/data/import/aws): a hand-made set touching every call
// read and the tricky cases (pages, one object holding several calls, the main route table's
// implicit association, a NAT gateway id given as GatewayId, unsupported calls, secrets), and
// describe sets from public projects (Batfish, CloudMapper; tests/data/import/SOURCES.md).
#include "ImportSupport.h"
#include "analysis/Analyzer.h"
#include "edit/PasteLayout.h"
#include "import/AwsImport.h"
#include "lint/Lint.h"

#include <filesystem>
#include <fstream>

namespace pp {
namespace {

using namespace test;

std::string awsFixture(const std::string& name) {
    return sourcePath("tests/data/import/aws/" + name);
}

std::size_t countKind(const Design& design, Kind kind) {
    return std::size_t(std::count_if(design.resources().begin(), design.resources().end(),
                                     [&](const Resource& r) { return r.kind() == kind; }));
}

const ImportedItem* importedItem(const ImportReport& report, const std::string& address) {
    const auto it = std::find_if(report.imported.begin(), report.imported.end(),
                                 [&](const ImportedItem& i) { return i.address == address; });
    return it == report.imported.end() ? nullptr : &*it;
}

bool hasRoute(const RouteTable& table, const char* destination, const char* target) {
    return std::any_of(table.routes.begin(), table.routes.end(), [&](const Route& r) {
        return r.destination == cidr(destination) && r.target == rid(target);
    });
}

class HandmadeAwsImport : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        s_result = new AwsImportResult(importAwsInputs({awsFixture("handmade")}));
    }
    static void TearDownTestSuite() { delete s_result; }
    const Design& design() const { return *s_result->design; }
    const ImportReport& report() const { return s_result->report; }
    static AwsImportResult* s_result;
};
AwsImportResult* HandmadeAwsImport::s_result = nullptr;

TEST_F(HandmadeAwsImport, PagesAreMergedAndAnItemSeenTwiceIsImportedOnce) {
    ASSERT_TRUE(s_result->design) << (report().diagnostics.empty() ? ""
                                                                   : report().diagnostics.front().format());
    EXPECT_EQ(countKind(design(), Kind::Vpc), 2u); // vpcs-page1.json and vpcs-page2.json, vpc A in both
    EXPECT_EQ(std::count_if(report().imported.begin(), report().imported.end(),
                            [](const ImportedItem& i) { return i.address == "vpc-0aaa0001"; }),
              1);
    const Vpc& vpc = resourceAs<Vpc>(design(), "vpc-0aaa0001");
    EXPECT_EQ(design().find(rid("vpc-0aaa0001"))->name, "prod"); // the Name tag
    EXPECT_EQ(design().find(rid("vpc-0aaa0001"))->tags.at("env"), "prod");
    EXPECT_EQ(vpc.ipv4Cidrs, (Cidrs{*cidr("10.0.0.0/16"), *cidr("10.1.0.0/16")})); // CidrBlockAssociationSet
    EXPECT_EQ(vpc.ipv6Cidr, cidr("2001:db8:1234:1a00::/56"));
    EXPECT_EQ(vpc.account, "111122223333");
    const Region& region = resourceAs<Region>(design(), vpc.region.str());
    EXPECT_EQ(region.code, "eu-west-1"); // from the subnets' Availability Zones
    EXPECT_EQ(region.availabilityZones, (std::vector<std::string>{"euw1-az1", "euw1-az2"}));
}

TEST_F(HandmadeAwsImport, TheReportSpeaksOfDescribeCallsAndAwsIds) {
    EXPECT_EQ(report().inputKind, "describe");
    const ImportedItem* subnet = importedItem(report(), "subnet-0a01");
    ASSERT_NE(subnet, nullptr);
    EXPECT_EQ(subnet->type, "Subnets");
    EXPECT_EQ(importedItem(report(), "eipalloc-0a01")->resource, "nat-0a01"); // merged into its NAT gateway
    EXPECT_EQ(importedItem(report(), "eni-0a0bastion")->resource, "i-0a0bastion"); // its instance's interface
    const nlohmann::json ext =
        nlohmann::json::parse(design().find(rid("subnet-0a01"))->extensions.at("x-aws"));
    EXPECT_EQ(ext["address"], "subnet-0a01");
    EXPECT_EQ(design().find(rid("subnet-0a01"))->extensions.count("x-terraform"), 0u);
    const auto json = importReportJson(report());
    EXPECT_EQ(json["summary"]["skippedByType"]["DBInstances"], 1);
    EXPECT_EQ(json["summary"]["skippedByType"]["AvailabilityZones"], 2);
    EXPECT_NE(importReportText(report()).find("AWS resource(s)"), std::string::npos);
}

TEST_F(HandmadeAwsImport, UnsupportedDeletedAndForeignItemsAreSkippedWithTheirReason) {
    const std::pair<const char*, const char*> expected[] = {
        {"db-orders", "unsupportedType"},
        {"euw1-az1", "unsupportedType"},
        {"nat-0a0old", "deleted"},
        {"i-0a0old", "deleted"},
        {"cgw-0a0old", "deleted"},
        {"pcx-0ab3", "deleted"},
        {"eni-0a0nat", "notModelled"},
        {"web-alb", "notModelled"},
        {"tgw-attach-0c0peer", "notModelled"},
        {"pcx-0ab2", "missingReference"},
        {"eipalloc-0a03", "notModelled"},
    };
    for (const auto& [address, reason] : expected) {
        const SkippedItem* s = skippedItem(report(), address);
        ASSERT_NE(s, nullptr) << address;
        EXPECT_EQ(s->reason, reason) << address;
    }
    EXPECT_EQ(skippedItem(report(), "pcx-0ab2")->type, "VpcPeeringConnections");
}

TEST_F(HandmadeAwsImport, RouteTablesWithTheirAssociationsIncludingTheMainOne) {
    EXPECT_TRUE(resourceAs<RouteTable>(design(), "rtb-0a0main").main); // an association with Main: true
    EXPECT_FALSE(resourceAs<RouteTable>(design(), "rtb-0a0public").main);
    EXPECT_EQ(resourceAs<Subnet>(design(), "subnet-0a01").routeTable, rid("rtb-0a0public"));
    EXPECT_EQ(resourceAs<Subnet>(design(), "subnet-0a02").routeTable, rid("rtb-0a0private"));
    EXPECT_FALSE(resourceAs<Subnet>(design(), "subnet-0a03").routeTable); // implicitly the main table
    // A gateway (edge) association makes the table the internet gateway's (RT-9).
    EXPECT_EQ(resourceAs<InternetGateway>(design(), "igw-0a01").routeTable, rid("rtb-0a0edge"));
    // VPC B's main table is not in the input: AWS's own is added, used by its subnet.
    EXPECT_TRUE(resourceAs<RouteTable>(design(), "vpc-0bbb0002-main-rtb").main);
    EXPECT_FALSE(resourceAs<Subnet>(design(), "subnet-0b01").routeTable);
    EXPECT_TRUE(hasAssumption(report(), "implicitMainRouteTable", "vpc-0bbb0002-main-rtb"));
    EXPECT_FALSE(design().find(rid("vpc-0aaa0001-main-rtb")));
}

TEST_F(HandmadeAwsImport, RoutesFindTheirTargetsByIdWhateverTheField) {
    const RouteTable& priv = resourceAs<RouteTable>(design(), "rtb-0a0private");
    EXPECT_TRUE(hasRoute(priv, "0.0.0.0/0", "nat-0a01")) << "a NAT gateway id given as GatewayId";
    EXPECT_TRUE(hasRoute(priv, "10.2.0.0/16", "pcx-0ab1"));
    EXPECT_TRUE(hasRoute(priv, "10.50.0.0/16", "tgw-0c01"));
    EXPECT_TRUE(hasRoute(priv, "::/0", "eigw-0a01"));
    EXPECT_EQ(priv.routes.size(), 4u)
        << "the local route is implicit; the blackhole route to a gone gateway is left out";
    EXPECT_TRUE(hasAssumption(report(), "routeNotImported", "rtb-0a0private"));
    const RouteTable& pub = resourceAs<RouteTable>(design(), "rtb-0a0public");
    EXPECT_TRUE(hasRoute(pub, "0.0.0.0/0", "igw-0a01"));
    EXPECT_TRUE(hasRoute(pub, "::/0", "igw-0a01"));
    EXPECT_EQ(pub.routes.size(), 2u) << "the gateway endpoint's prefix-list route comes from the endpoint";
    const VpcEndpoint& s3 = resourceAs<VpcEndpoint>(design(), "vpce-0a0s3");
    EXPECT_EQ(s3.routeTables, (ResourceIds{rid("rtb-0a0public"), rid("rtb-0a0private")}));
    // A route a virtual private gateway propagates is the table's propagation, not a static route.
    const RouteTable& main = resourceAs<RouteTable>(design(), "rtb-0a0main");
    EXPECT_EQ(main.propagatingGateways, ResourceIds{rid("vgw-0a01")});
    EXPECT_TRUE(main.routes.empty());
}

TEST_F(HandmadeAwsImport, SecurityGroupsWithEveryKindOfPeer) {
    const SecurityGroup& web = resourceAs<SecurityGroup>(design(), "sg-0a0web");
    EXPECT_EQ(design().find(rid("sg-0a0web"))->name, "web-sg");
    ASSERT_EQ(web.inbound.size(), 3u); // 443 from 0.0.0.0/0 and ::/0, 22 from a prefix list
    EXPECT_EQ(web.inbound[0].cidr, cidr("0.0.0.0/0"));
    EXPECT_EQ(web.inbound[0].fromPort, 443);
    EXPECT_EQ(web.inbound[1].cidr, cidr("::/0"));
    EXPECT_EQ(web.inbound[2].prefixList, rid("pl-0corp"));
    const SecurityGroup& app = resourceAs<SecurityGroup>(design(), "sg-0a0app");
    ASSERT_EQ(app.inbound.size(), 2u); // the group in another account is left out
    EXPECT_EQ(app.inbound[0].securityGroup, rid("sg-0a0web"));
    EXPECT_EQ(app.inbound[1].protocol, Protocol::Icmp);
    EXPECT_EQ(app.inbound[1].fromPort, 0); // any ICMP type
    EXPECT_EQ(app.inbound[1].toPort, 65535);
    EXPECT_TRUE(hasAssumption(report(), "ruleNotImported", "sg-0a0app"));
    EXPECT_EQ(app.outbound.at(0).prefixList, rid("pl-6da54004"));
    EXPECT_TRUE(resourceAs<SecurityGroup>(design(), "sg-0a0default").isDefault); // GroupName "default"
    EXPECT_TRUE(resourceAs<SecurityGroup>(design(), "vpc-0bbb0002-default-sg").isDefault);
    EXPECT_TRUE(hasAssumption(report(), "implicitDefaultSecurityGroup", "vpc-0bbb0002-default-sg"));
    EXPECT_FALSE(design().find(rid("vpc-0aaa0001-default-sg")));
}

TEST_F(HandmadeAwsImport, NetworkAclsWithoutTheirFinalDenyEntry) {
    const NetworkAcl& acl = resourceAs<NetworkAcl>(design(), "acl-0a0private");
    ASSERT_EQ(acl.inbound.size(), 2u); // 32767 "*" is the model's implicit end
    EXPECT_EQ(acl.inbound[0].ruleNumber, 100);
    EXPECT_EQ(acl.inbound[0].protocol, Protocol::Tcp);
    EXPECT_EQ(acl.inbound[0].fromPort, 1024);
    EXPECT_EQ(acl.inbound[1].action, RuleAction::Deny);
    EXPECT_EQ(resourceAs<Subnet>(design(), "subnet-0a02").networkAcl, rid("acl-0a0private"));
    EXPECT_EQ(resourceAs<Subnet>(design(), "subnet-0a01").networkAcl, rid("acl-0a0default"));
    EXPECT_EQ(resourceAs<Subnet>(design(), "subnet-0b01").networkAcl, rid("vpc-0bbb0002-default-acl"));
}

TEST_F(HandmadeAwsImport, WorkloadsAndTheirAddresses) {
    const Workload& bastion = resourceAs<Workload>(design(), "i-0a0bastion");
    EXPECT_EQ(bastion.subnet, rid("subnet-0a01"));
    EXPECT_TRUE(bastion.publicIp);
    EXPECT_EQ(bastion.ipv6Address, IpAddress::parse("2001:db8:1234:1a00::20"));
    EXPECT_EQ(bastion.securityGroups, ResourceIds{rid("sg-0a0web")});
    // describe-instances says what the instance has: no public address, none.
    EXPECT_FALSE(resourceAs<Workload>(design(), "i-0a0app").publicIp);
    const Workload& appliance = resourceAs<Workload>(design(), "eni-0a0appliance");
    EXPECT_EQ(appliance.workloadType, WorkloadType::NetworkInterface);
    EXPECT_EQ(design().find(rid("eni-0a0appliance"))->name, "appliance"); // TagSet
    EXPECT_EQ(resourceAs<NatGateway>(design(), "nat-0a01").elasticIp, IpAddress::parse("198.51.100.10"));
}

TEST_F(HandmadeAwsImport, NetworkLoadBalancerWithListenerAndTargetsFromTargetHealth) {
    const LoadBalancer& lb = resourceAs<LoadBalancer>(design(), "internal-nlb");
    EXPECT_TRUE(lb.internal);
    EXPECT_EQ(lb.subnets, (ResourceIds{rid("subnet-0a02"), rid("subnet-0a03")}));
    EXPECT_FALSE(lb.enforceSecurityGroupInboundRulesOnPrivateLinkTraffic);
    ASSERT_EQ(lb.listeners.size(), 1u);
    EXPECT_EQ(lb.listeners[0].port, 80);
    ASSERT_EQ(lb.targets.size(), 2u);
    EXPECT_EQ(lb.targets[0].instance, rid("i-0a0app"));
    EXPECT_EQ(lb.targets[0].port, 8080);
    EXPECT_EQ(lb.targets[1].ip, IpAddress::parse("10.1.3.50"));
}

TEST_F(HandmadeAwsImport, EndpointsServicesAndPrefixLists) {
    EXPECT_EQ(resourceAs<VpcEndpoint>(design(), "vpce-0a0s3").endpointType, EndpointType::Gateway);
    EXPECT_EQ(resourceAs<AwsService>(design(), resourceAs<VpcEndpoint>(design(), "vpce-0a0s3").service.str())
                  .service,
              "s3");
    const VpcEndpoint& iface = resourceAs<VpcEndpoint>(design(), "vpce-0b0svc");
    EXPECT_EQ(iface.service, rid("vpce-svc-0a0app"));
    EXPECT_FALSE(iface.privateDns);
    const EndpointService& svc = resourceAs<EndpointService>(design(), "vpce-svc-0a0app");
    EXPECT_EQ(svc.loadBalancer, rid("internal-nlb"));
    EXPECT_EQ(svc.allowedPrincipals, std::vector<std::string>{"arn:aws:iam::111122223333:root"});
    // Entries of get-managed-prefix-list-entries with the list's id beside them.
    EXPECT_EQ(resourceAs<PrefixList>(design(), "pl-0corp").cidrs,
              (Cidrs{*cidr("192.0.2.0/24"), *cidr("198.18.0.0/15")}));
    EXPECT_EQ(resourceAs<PrefixList>(design(), "pl-6da54004").cidrs.size(),
              2u); // describe-prefix-lists' Cidrs
}

TEST_F(HandmadeAwsImport, TransitGatewayUsesItsListedDefaultRouteTable) {
    const TransitGateway& tgw = resourceAs<TransitGateway>(design(), "tgw-0c01");
    EXPECT_EQ(tgw.defaultAssociationRouteTable, rid("tgw-rtb-0c0default"));
    EXPECT_EQ(tgw.defaultPropagationRouteTable, rid("tgw-rtb-0c0default"));
    EXPECT_EQ(countKind(design(), Kind::TransitGatewayRouteTable), 2u)
        << "no implicit default table besides the listed one";
    EXPECT_FALSE(hasAssumption(report(), "implicitTransitGatewayRouteTable", "tgw-0c01-default-rtb"));
    const TransitGatewayAttachment& a = resourceAs<TransitGatewayAttachment>(design(), "tgw-attach-0c0a");
    EXPECT_EQ(a.resource, rid("vpc-0aaa0001"));
    EXPECT_TRUE(a.applianceMode);
    EXPECT_EQ(a.subnets.size(), 2u);
    EXPECT_EQ(a.routeTable, rid("tgw-rtb-0c0default"));
    // Only in describe-transit-gateway-attachments: made from it, associated with its table.
    EXPECT_EQ(resourceAs<TransitGatewayAttachment>(design(), "tgw-attach-0c0b").routeTable,
              rid("tgw-rtb-0c0inspect"));
    EXPECT_EQ(resourceAs<TransitGatewayAttachment>(design(), "vpn-0c01-attachment").routeTable,
              rid("tgw-rtb-0c0default"));
    const TransitGatewayRouteTable& table =
        resourceAs<TransitGatewayRouteTable>(design(), "tgw-rtb-0c0default");
    // The propagated route; without describe-transit-gateway-route-table-propagations, AWS's
    // default propagation applies to the other attachments too.
    EXPECT_NE(std::find(table.propagations.begin(), table.propagations.end(), rid("tgw-attach-0c0a")),
              table.propagations.end());
    ASSERT_EQ(table.routes.size(), 2u);
    EXPECT_EQ(table.routes[0].attachment, rid("tgw-attach-0c0b"));
    EXPECT_TRUE(table.routes[1].blackhole);
}

TEST_F(HandmadeAwsImport, VpnPeeringAndDirectConnect) {
    const VpnConnection& vpn = resourceAs<VpnConnection>(design(), "vpn-0a01");
    EXPECT_EQ(vpn.gateway, rid("vgw-0a01"));
    EXPECT_EQ(vpn.routing, VpnRouting::Static);
    EXPECT_EQ(resourceAs<VirtualPrivateGateway>(design(), "vgw-0a01").vpc, rid("vpc-0aaa0001"));
    EXPECT_EQ(resourceAs<CustomerGateway>(design(), "cgw-0a01").asn, 65010);
    EXPECT_EQ(resourceAs<OnPremisesNetwork>(design(), "cgw-0a01-network").cidrs,
              Cidrs{*cidr("172.16.0.0/16")});
    const VpcPeering& p = resourceAs<VpcPeering>(design(), "pcx-0ab1");
    EXPECT_EQ(p.requesterVpc, rid("vpc-0aaa0001"));
    EXPECT_EQ(p.accepterVpc, rid("vpc-0bbb0002"));
    const DirectConnectGateway& dx =
        resourceAs<DirectConnectGateway>(design(), "5f0d2e1a-0000-4c0d-9a3b-00000000dx01");
    EXPECT_EQ(design().find(rid("5f0d2e1a-0000-4c0d-9a3b-00000000dx01"))->name, "dx-core");
    EXPECT_EQ(dx.asn, 64520);
    ASSERT_EQ(dx.associations.size(), 1u);
    EXPECT_EQ(dx.associations[0].gateway, rid("tgw-0c01"));
    EXPECT_EQ(dx.associations[0].allowedPrefixes, Cidrs{*cidr("10.0.0.0/15")});
}

TEST_F(HandmadeAwsImport, NoSecretEndsUpInTheDesignOrTheReport) {
    // UserData, a database's password (an unsupported call), CustomerGatewayConfiguration and the
    // tunnels' PreSharedKey all hold "SECRET".
    const std::string saved = saveDesignToString(design());
    const std::string reportText = importReportJson(report()).dump() + importReportText(report());
    for (const std::string& text : {saved, reportText})
        EXPECT_EQ(text.find("SECRET"), std::string::npos);
}

TEST_F(HandmadeAwsImport, TheDesignLoadsChecksAndIsDrawnWithoutOverlaps) {
    const LoadResult loaded = loadDesign(saveDesignToString(design()), "imported.privatepath");
    ASSERT_TRUE(loaded.ok()) << (loaded.diagnostics.empty() ? "" : loaded.diagnostics.front().format());
    EXPECT_TRUE(lintDiagram(design()).empty());
    EXPECT_TRUE(layoutProblems(design()).empty());
    // The subnets of one AZ share a column, public above private.
    EXPECT_EQ(shapeOf(design(), "subnet-0a01").x, shapeOf(design(), "subnet-0a02").x);
    EXPECT_LT(shapeOf(design(), "subnet-0a01").y, shapeOf(design(), "subnet-0a02").y);
    const AnalysisResult analysis = analyzeDesign(design());
    EXPECT_FALSE(std::any_of(analysis.findings.begin(), analysis.findings.end(),
                             [](const Finding& f) { return f.severity == Severity::Error; }));
}

TEST_F(HandmadeAwsImport, TheSameInputGivesTheSameDesignWhateverTheFileOrder) {
    // Files listed one by one, in another order, with a file given twice: the same design.
    std::vector<std::string> files;
    for (const auto& entry : std::filesystem::directory_iterator(awsFixture("handmade")))
        files.push_back(entry.path().string());
    std::sort(files.begin(), files.end());
    std::swap(files.front(), files.back());
    auto sameAsFixture = [&](AwsImportResult again) {
        ASSERT_TRUE(again.design);
        again.design->name = design().name; // both name their inputs
        again.design->description = design().description;
        EXPECT_EQ(saveDesignToString(*again.design), saveDesignToString(design()));
    };
    sameAsFixture(importAwsInputs(files));
    files.push_back(files.front());
    sameAsFixture(importAwsInputs(files));
}

// ---- Public describe sets ---------------------------------------------------------------------

struct PublicSet {
    const char* directory;
    std::size_t vpcs, subnets, workloads, other;
    Kind otherKind;
};

class PublicAwsSet : public ::testing::TestWithParam<PublicSet> {};

TEST_P(PublicAwsSet, ImportsLoadsBackAndIsAnalysed) {
    const PublicSet& set = GetParam();
    const AwsImportResult r = importAwsInputs({awsFixture(set.directory)});
    ASSERT_TRUE(r.design) << (r.report.diagnostics.empty() ? "" : r.report.diagnostics.front().format());
    const Design& design = *r.design;
    EXPECT_EQ(countKind(design, Kind::Vpc), set.vpcs);
    EXPECT_EQ(countKind(design, Kind::Subnet), set.subnets);
    EXPECT_EQ(countKind(design, Kind::Workload), set.workloads);
    EXPECT_EQ(countKind(design, set.otherKind), set.other);
    // Containment: every subnet is in an imported VPC, every workload in an imported subnet.
    for (const Resource& res : design.resources()) {
        if (const Subnet* s = res.as<Subnet>()) {
            EXPECT_TRUE(design.findAs<Vpc>(s->vpc)) << res.id.str();
        }
        if (const Workload* w = res.as<Workload>()) {
            EXPECT_TRUE(design.findAs<Subnet>(w->subnet)) << res.id.str();
        }
    }
    const LoadResult loaded = loadDesign(saveDesignToString(design), "imported.privatepath");
    ASSERT_TRUE(loaded.ok()) << (loaded.diagnostics.empty() ? "" : loaded.diagnostics.front().format());
    EXPECT_TRUE(layoutProblems(design).empty());
    (void)analyzeDesign(*loaded.design);
    EXPECT_FALSE(r.report.imported.empty());
}

INSTANTIATE_TEST_SUITE_P(
    Sets, PublicAwsSet,
    ::testing::Values(PublicSet{"batfish-transit-gateway", 2, 3, 3, 2, Kind::TransitGatewayAttachment},
                      PublicSet{"batfish-load-balancer", 1, 3, 3, 1, Kind::LoadBalancer},
                      PublicSet{"batfish-direct-connect", 2, 2, 1, 1, Kind::DirectConnectGateway},
                      PublicSet{"cloudmapper-demo", 1, 4, 3, 2, Kind::VpcEndpoint}),
    [](const auto& test) {
        std::string name = test.param.directory;
        std::replace(name.begin(), name.end(), '-', '_');
        return name;
    });

TEST(PublicAwsSets, BatfishTransitGatewayAttachmentsUseTheListedTable) {
    const AwsImportResult r = importAwsInputs({awsFixture("batfish-transit-gateway")});
    ASSERT_TRUE(r.design);
    const TransitGateway& tgw = resourceAs<TransitGateway>(*r.design, "tgw-044be4464fcc69aff");
    EXPECT_EQ(tgw.defaultAssociationRouteTable, rid("tgw-rtb-0fa40c8df355dce6e"));
    for (const char* a : {"tgw-attach-07f5ec59e9f540021", "tgw-attach-0ae2696617bb06fb4"})
        EXPECT_EQ(resourceAs<TransitGatewayAttachment>(*r.design, a).routeTable,
                  rid("tgw-rtb-0fa40c8df355dce6e"))
            << a;
    // The deleted VPN connection is reported, not drawn.
    EXPECT_EQ(skippedItem(r.report, "vpn-034885b776a3f8a80")->reason, "deleted");
}

TEST(PublicAwsSets, BatfishDirectConnectGatewayIsAssociatedWithItsTransitGateway) {
    const AwsImportResult r = importAwsInputs({awsFixture("batfish-direct-connect")});
    ASSERT_TRUE(r.design);
    const DirectConnectGateway& dx =
        resourceAs<DirectConnectGateway>(*r.design, "7b2c4f8a-1234-4abc-9def-fedcba987654");
    ASSERT_EQ(dx.associations.size(), 1u);
    EXPECT_EQ(dx.associations[0].gateway, rid("tgw-dx01"));
}

// ---- Input problems ---------------------------------------------------------------------------

Diagnostic onlyError(const AwsImportResult& r) {
    EXPECT_FALSE(r.design);
    for (const Diagnostic& d : r.report.diagnostics)
        if (d.severity == Severity::Error)
            return d;
    ADD_FAILURE() << "no error";
    return {};
}

TEST(AwsImportErrors, NotJsonNamesTheFileAndLine) {
    const Diagnostic d =
        onlyError(importAwsTexts({{"vpcs.json", "{\n  \"Vpcs\": [\n    {\"VpcId\": \"vpc-1\",\n"}}));
    EXPECT_EQ(d.code, "AWS_JSON_SYNTAX");
    EXPECT_EQ(d.file, "vpcs.json");
    EXPECT_GE(d.line, 3);
}

TEST(AwsImportErrors, ATerraformStateOrADesignIsNotDescribeOutput) {
    std::ifstream in(terraformFixture("state-network.json"));
    const std::string state((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(onlyError(importAwsTexts({{"state.json", state}})).code, "AWS_NOT_DESCRIBE");
    EXPECT_EQ(onlyError(importAwsTexts({{"d.json", R"({"schemaVersion": 3, "vpcs": []})"}})).code,
              "AWS_NOT_DESCRIBE");
    EXPECT_EQ(onlyError(importAwsTexts({{"a.json", "[1, 2]"}})).code, "AWS_NOT_DESCRIBE");
}

TEST(AwsImportErrors, AFieldOfTheWrongTypeNamesFileLineAndField) {
    const Diagnostic notArray =
        onlyError(importAwsTexts({{"subnets.json", "{\n  \"NextToken\": \"x\",\n  \"Subnets\": {}\n}"}}));
    EXPECT_EQ(notArray.code, "AWS_FIELD_TYPE");
    EXPECT_EQ(notArray.jsonPath, "/Subnets");
    EXPECT_EQ(notArray.line, 3);
    const Diagnostic noId = onlyError(importAwsTexts(
        {{"ok.json", R"({"Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16"}]})"},
         {"vpcs.json", "{\"Vpcs\": [\n  {\"VpcId\": \"vpc-2\"},\n  {\"CidrBlock\": \"10.0.0.0/16\"}\n]}"}}));
    EXPECT_EQ(noId.file, "vpcs.json");
    EXPECT_EQ(noId.jsonPath, "/Vpcs/1");
    EXPECT_EQ(noId.line, 3);
    EXPECT_NE(noId.message.find("VpcId"), std::string::npos);
    EXPECT_NE(noId.format().find("vpcs.json:3"), std::string::npos) << noId.format();
}

TEST(AwsImportErrors, MissingFilesAndEmptyDirectories) {
    EXPECT_EQ(onlyError(importAwsInputs({awsFixture("no-such-file.json")})).code, "FILE_UNREADABLE");
    const std::filesystem::path empty = std::filesystem::temp_directory_path() / "pp-aws-empty-dir";
    std::filesystem::create_directories(empty);
    EXPECT_EQ(onlyError(importAwsInputs({empty.string()})).code, "AWS_NO_INPUT");
}

TEST(AwsImport, PerResourceCallsWithoutTheirOwnerAreSkippedNotGuessed) {
    const AwsImportResult r = importAwsTexts(
        {{"health.json", R"({"TargetHealthDescriptions": [{"Target": {"Id": "i-1", "Port": 80}}]})"},
         {"routes.json", R"({"Routes": [{"DestinationCidrBlock": "10.0.0.0/8", "Type": "static"}]})"}});
    ASSERT_TRUE(r.design);
    ASSERT_EQ(r.report.skipped.size(), 2u);
    for (const SkippedItem& s : r.report.skipped)
        EXPECT_EQ(s.reason, "missingReference") << s.address;
}

} // namespace
} // namespace pp
