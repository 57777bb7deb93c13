// The drawing follows the model (followModel): tiles live in the container the model puts them in,
// new shapes land where there is room and containers grow. Main route tables are real objects:
// deleting a VPC takes what is attached only to it, the smart defaults name and create the main
// table, and analysis texts name the main route table rather than the VPC.
#include "TestSupport.h"

#include "analysis/Analyzer.h"
#include "edit/ChangeSet.h"
#include "edit/Defaults.h"
#include "edit/DiagramFollow.h"

#include <gtest/gtest.h>

namespace pp::test {
namespace {

Design base() { return *loadDesign(baseDesign().dump(), "base").design; }

// A Region with one VPC (no main route table resource), two subnets side by side, an interface
// endpoint drawn in the first, an internet gateway and a route table drawn in the VPC.
Design sketch()
{
    return *loadDesign(R"({
  "schemaVersion": 1,
  "name": "Sketch",
  "regions": [{"id": "use1", "code": "us-east-1", "availabilityZones": ["use1-az1", "use1-az2"]}],
  "vpcs": [{"id": "vpc-1", "region": "use1", "ipv4Cidrs": ["10.0.0.0/16"], "enableDnsHostnames": true}],
  "subnets": [
    {"id": "pub", "vpc": "vpc-1", "cidr": "10.0.0.0/24", "availabilityZone": "use1-az1"},
    {"id": "app", "vpc": "vpc-1", "cidr": "10.0.1.0/24", "availabilityZone": "use1-az2"}
  ],
  "routeTables": [{"id": "rt-x", "vpc": "vpc-1"}],
  "internetGateways": [{"id": "igw-1", "vpc": "vpc-1"}],
  "workloads": [{"id": "i-app", "subnet": "app", "privateIp": "10.0.1.10"}],
  "awsServices": [{"id": "s3", "service": "s3", "region": "use1"}, {"id": "sqs", "service": "sqs", "region": "use1"}],
  "vpcEndpoints": [{"id": "vpce-1", "vpc": "vpc-1", "endpointType": "interface", "service": "sqs", "subnets": ["pub"]}],
  "flows": [{"id": "f-s3", "source": "i-app", "destination": "s3", "port": 443}],
  "diagram": {"shapes": [
    {"resource": "use1", "x": 0, "y": 0, "width": 900, "height": 600},
    {"resource": "vpc-1", "parent": "use1", "x": 40, "y": 60, "width": 560, "height": 380},
    {"resource": "pub", "parent": "vpc-1", "x": 20, "y": 40, "width": 240, "height": 150},
    {"resource": "app", "parent": "vpc-1", "x": 300, "y": 40, "width": 240, "height": 150},
    {"resource": "vpce-1", "parent": "pub", "x": 20, "y": 50, "width": 90, "height": 70},
    {"resource": "i-app", "parent": "app", "x": 20, "y": 50, "width": 90, "height": 70},
    {"resource": "rt-x", "parent": "vpc-1", "x": 20, "y": 290, "width": 90, "height": 70},
    {"resource": "igw-1", "parent": "vpc-1", "x": 130, "y": 290, "width": 90, "height": 70}
  ]}
})",
                       "sketch")
                .design;
}


bool overlap(const Shape& a, const Shape& b)
{
    return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

// No two shapes drawn in the same container cover each other.
void expectNoOverlaps(const Design& d)
{
    for (const Shape& a : d.diagram.shapes)
        for (const Shape& b : d.diagram.shapes)
            if (&a < &b && a.parent == b.parent) {
                EXPECT_FALSE(overlap(a, b)) << a.resource.str() << " covers " << b.resource.str();
            }
}

// Every shape lies inside its container, below the title band.
void expectInsideContainers(const Design& d)
{
    for (const Shape& s : d.diagram.shapes)
        if (s.parent) {
            const Shape& p = shapeOf(d, s.parent->str());
            EXPECT_GE(s.x, 0) << s.resource.str();
            EXPECT_GE(s.y, 40) << s.resource.str();
            EXPECT_LE(s.x + s.width, p.width) << s.resource.str() << " sticks out of " << p.resource.str();
            EXPECT_LE(s.y + s.height, p.height) << s.resource.str() << " sticks out of " << p.resource.str();
        }
}

TEST(FollowModel, AnInterfaceEndpointMovesIntoTheSubnetItIsSetToAndBackOnUndo)
{
    Design d = sketch();
    const std::string original = saveDesignToString(d);
    // What the inspector does: the endpoint's subnets become [app].
    ChangeSetBuilder b(d);
    Resource endpoint = *d.find(ResourceId("vpce-1"));
    std::get<VpcEndpoint>(endpoint.data).subnets = {ResourceId("app")};
    b.modify(endpoint);
    const ChangeSet change = followModel(d, b.build());
    ASSERT_TRUE(applyChangeSet(d, change));
    EXPECT_EQ(shapeOf(d, "vpce-1").parent, ResourceId("app")) << "drawn in the subnet it is in";
    EXPECT_FALSE(overlap(shapeOf(d, "vpce-1"), shapeOf(d, "i-app"))) << "beside the instance already there";
    expectInsideContainers(d);
    // Undo gives the file back.
    ASSERT_TRUE(applyChangeSet(d, change.inverse()));
    EXPECT_EQ(saveDesignToString(d), original);
}

TEST(FollowModel, AnEndpointAcrossTwoSubnetsMayStayInTheVpcOneInOneSubnetGoesThere)
{
    Design d = sketch();
    ChangeSetBuilder b(d);
    Resource endpoint = *d.find(ResourceId("vpce-1"));
    std::get<VpcEndpoint>(endpoint.data).subnets = {ResourceId("pub"), ResourceId("app")};
    b.modify(endpoint);
    EXPECT_TRUE(followModel(d, b.build()).shapes.empty()) << "in pub, one of its subnets: it stays";
    // A gateway endpoint lives on the VPC: out of the subnet it was dropped in.
    VpcEndpoint gateway;
    gateway.vpc = ResourceId("vpc-1");
    gateway.endpointType = EndpointType::Gateway;
    gateway.service = ResourceId("s3");
    std::get<VpcEndpoint>(endpoint.data) = gateway;
    ChangeSetBuilder g(d);
    g.modify(endpoint);
    ASSERT_TRUE(applyChangeSet(d, followModel(d, g.build())));
    EXPECT_EQ(shapeOf(d, "vpce-1").parent, ResourceId("vpc-1"));
    expectNoOverlaps(d);
    expectInsideContainers(d);
}

TEST(FollowModel, VpcLevelTilesDrawnInASubnetMoveToTheVpcAndTheVpcGrows)
{
    Design d = sketch();
    // A route table and the internet gateway drawn inside a subnet (what the public switch did).
    ChangeSetBuilder wrong(d);
    for (const char* id : {"rt-x", "igw-1"}) {
        Shape s = shapeOf(d, id);
        s.parent = ResourceId("pub");
        s.y = 50;
        s.x = std::string(id) == "rt-x" ? 20 : 130;
        wrong.setShape(s);
    }
    ASSERT_TRUE(applyChangeSet(d, wrong.build()));
    // Any edit of them puts them back where they belong.
    ChangeSetBuilder b(d);
    for (const char* id : {"rt-x", "igw-1"}) {
        Resource r = *d.find(ResourceId(id));
        r.name = std::string("renamed ") + id;
        b.modify(r);
    }
    const ChangeSet change = followModel(d, b.build());
    ASSERT_TRUE(applyChangeSet(d, change));
    EXPECT_EQ(shapeOf(d, "rt-x").parent, ResourceId("vpc-1"));
    EXPECT_EQ(shapeOf(d, "igw-1").parent, ResourceId("vpc-1"));
    expectNoOverlaps(d);
    expectInsideContainers(d);
    // Once in place, the same kind of edit moves nothing.
    ChangeSetBuilder again(d);
    Resource rt = *d.find(ResourceId("rt-x"));
    rt.name = "again";
    again.modify(rt);
    EXPECT_TRUE(followModel(d, again.build()).shapes.empty());
}

TEST(FollowModel, ANewSubnetOnTopOfAnotherGoesBesideItAndTheVpcGrows)
{
    Design d = sketch();
    ChangeSetBuilder b(d);
    Resource subnet;
    subnet.id = ResourceId("third");
    subnet.data = Subnet{ResourceId("vpc-1"), *Cidr::parse("10.0.2.0/24"), std::nullopt, "use1-az1", std::nullopt, std::nullopt};
    b.add(subnet);
    b.setShape(Shape{subnet.id, ResourceId("vpc-1"), 200, 60, 240, 150}); // over both subnets
    const ChangeSet change = followModel(d, b.build());
    EXPECT_EQ(followModel(d, change), change) << "following twice is following once";
    const double vpcWidth = shapeOf(d, "vpc-1").width;
    ASSERT_TRUE(applyChangeSet(d, change));
    const Shape& third = shapeOf(d, "third");
    EXPECT_EQ(third.y, 60) << "on the row it was dropped on";
    EXPECT_GE(third.x, 540 + 20) << "beside the subnets, 20 units clear";
    EXPECT_GT(shapeOf(d, "vpc-1").width, vpcWidth) << "the VPC grows to hold it";
    expectNoOverlaps(d);
    expectInsideContainers(d);
}

TEST(FollowModel, ADragIsLeftAsTheUserMadeIt)
{
    Design d = sketch();
    ChangeSetBuilder b(d);
    Shape s = shapeOf(d, "i-app");
    s.x = 0; // onto nothing, but the user decides where a dragged tile goes
    b.setShape(s);
    const ChangeSet drag = b.build();
    EXPECT_EQ(followModel(d, drag), drag);
}

TEST(FollowModel, ASecondVpcDroppedOnTheFirstGoesBesideItAndTheRegionGrows)
{
    Design d = sketch();
    ChangeSetBuilder b(d);
    Resource vpc;
    vpc.id = ResourceId("vpc-2");
    vpc.data = Vpc{ResourceId("use1"), "", {*Cidr::parse("10.1.0.0/16")}, std::nullopt, true, true};
    b.add(vpc);
    const Shape vpcShape{vpc.id, ResourceId("use1"), 330, 100, 560, 380};
    b.setShape(vpcShape);
    addMainRouteTable(b, d, vpc, &vpcShape);
    ASSERT_TRUE(applyChangeSet(d, followModel(d, b.build())));
    const Shape& second = shapeOf(d, "vpc-2");
    EXPECT_FALSE(overlap(second, shapeOf(d, "vpc-1")));
    EXPECT_GE(second.x, 40 + 560 + 20);
    EXPECT_GE(shapeOf(d, "use1").width, second.x + second.width + 20) << "the Region grew";
    const auto main = mainRouteTableOf(d, ResourceId("vpc-2"));
    ASSERT_TRUE(main);
    EXPECT_EQ(d.find(*main)->name, "vpc-2 main");
    EXPECT_EQ(shapeOf(d, main->str()).parent, ResourceId("vpc-2")) << "drawn in its VPC";
    expectNoOverlaps(d);
    expectInsideContainers(d);
}

// ---- main route tables and the smart defaults ----

TEST(MainRouteTable, TheNatOfferCreatesTheMainTableWhenTheSubnetsUseTheImplicitOne)
{
    Design d = sketch();
    ChangeSetBuilder add(d);
    Resource nat;
    nat.id = ResourceId("nat-1");
    nat.data = NatGateway{NatAvailabilityMode::Zonal, ResourceId("pub"), std::nullopt, NatConnectivity::Public, *IpAddress::parse("52.0.0.9"), std::nullopt,
                          LifecycleState::Available};
    add.add(nat);
    ASSERT_TRUE(applyChangeSet(d, add.build()));
    const ChangeSet routes = natDefaultRoutes(d, ResourceId("nat-1"));
    ASSERT_FALSE(routes.empty()) << "the private subnets use the VPC's main table: the route is offered";
    ASSERT_TRUE(applyChangeSet(d, routes));
    const auto main = mainRouteTableOf(d, ResourceId("vpc-1"));
    ASSERT_TRUE(main) << "the main table is now a real object";
    const RouteTable* table = d.findAs<RouteTable>(*main);
    ASSERT_EQ(table->routes.size(), 1u);
    EXPECT_EQ(table->routes.front().target.str(), "nat-1");
    EXPECT_EQ(shapeOf(d, main->str()).parent, ResourceId("vpc-1"));
    expectNoOverlaps(d);
    EXPECT_TRUE(natDefaultRoutes(d, ResourceId("nat-1")).empty()) << "nothing left to do";
}

TEST(MainRouteTable, EachSubnetSaysWhichTableItUsesImplicitMainExplicitMainOrAssociated)
{
    Design d = sketch();
    // No main route table resource: both subnets use the implicit main table.
    EffectiveRouteTable implicitMain;
    implicitMain.main = true;
    EXPECT_EQ(effectiveRouteTableOf(d, ResourceId("pub")), implicitMain);
    EXPECT_EQ(effectiveRouteTableOf(d, ResourceId("nothing")), std::nullopt);
    EXPECT_EQ(effectiveRouteTableOf(d, ResourceId("vpc-1")), std::nullopt) << "a VPC is no subnet";

    // rt-x associated with "app"; a main table added: "pub" uses it, "app" keeps rt-x.
    ChangeSetBuilder b(d);
    Resource app = *d.find(ResourceId("app"));
    std::get<Subnet>(app.data).routeTable = ResourceId("rt-x");
    b.modify(app);
    const ResourceId main = addMainRouteTable(b, d, *d.find(ResourceId("vpc-1")), nullptr);
    ASSERT_TRUE(applyChangeSet(d, b.build()));
    EffectiveRouteTable explicitMain;
    explicitMain.table = main;
    explicitMain.main = true;
    EXPECT_EQ(effectiveRouteTableOf(d, ResourceId("pub")), explicitMain);
    EffectiveRouteTable associated;
    associated.table = ResourceId("rt-x");
    associated.associated = true;
    EXPECT_EQ(effectiveRouteTableOf(d, ResourceId("app")), associated);

    // Associated with the main table itself: both.
    ChangeSetBuilder toMain(d);
    std::get<Subnet>(app.data).routeTable = main;
    toMain.modify(app);
    ASSERT_TRUE(applyChangeSet(d, toMain.build()));
    explicitMain.associated = true;
    EXPECT_EQ(effectiveRouteTableOf(d, ResourceId("app")), explicitMain);
}

TEST(MainRouteTable, OpeningAFileDrawsTheMainTableOfAVpcThatHasNoneWithoutChangingAVerdict)
{
    const Design d = sketch();
    const AnalysisResult before = analyzeDesign(d);
    const ChangeSet change = drawAsTheModelSays(d);
    Design after = d;
    ASSERT_TRUE(applyChangeSet(after, change));
    const auto main = mainRouteTableOf(after, ResourceId("vpc-1"));
    ASSERT_TRUE(main) << "every VPC has a main route table";
    EXPECT_EQ(after.find(*main)->name, "vpc-1 main");
    EXPECT_TRUE(after.findAs<RouteTable>(*main)->routes.empty()) << "only the local routes, as the implicit one";
    const Shape& tile = shapeOf(after, main->str());
    EXPECT_EQ(tile.parent, ResourceId("vpc-1")) << "drawn in its VPC";
    expectNoOverlaps(after);
    expectInsideContainers(after);
    // The interface endpoint drawn in "pub" is where its model puts it: nothing else moved.
    for (const ShapeChange& c : change.shapes)
        if (c.before) {
            EXPECT_EQ(c.before->parent, c.after->parent) << c.resource.str() << " only grew or made room";
        }
    const AnalysisResult result = analyzeDesign(after);
    ASSERT_EQ(result.flows.size(), before.flows.size());
    for (std::size_t i = 0; i < result.flows.size(); ++i)
        EXPECT_EQ(result.flows[i].verdict, before.flows[i].verdict);
    EXPECT_TRUE(drawAsTheModelSays(after).empty()) << "opening it again changes nothing";
    ASSERT_TRUE(applyChangeSet(after, change.inverse()));
    EXPECT_EQ(after, d) << "undo takes it back";

    // Not drawn: nothing to show, the model is left alone.
    Design undrawn = d;
    undrawn.diagram.shapes.clear();
    EXPECT_TRUE(drawAsTheModelSays(undrawn).empty());
}

TEST(MainRouteTable, MakingATableMainTakesTheFlagFromTheFormerOne)
{
    Design d = sketch();
    ChangeSetBuilder b(d);
    Resource vpc = *d.find(ResourceId("vpc-1"));
    addMainRouteTable(b, d, vpc, &shapeOf(d, "vpc-1"));
    ASSERT_TRUE(applyChangeSet(d, b.build()));
    const ResourceId former = *mainRouteTableOf(d, ResourceId("vpc-1"));
    ChangeSetBuilder edit(d);
    Resource rt = *d.find(ResourceId("rt-x"));
    std::get<RouteTable>(rt.data).main = true;
    edit.modify(rt);
    ASSERT_TRUE(applyChangeSet(d, keepOneMainRouteTable(d, edit.build())));
    EXPECT_EQ(mainRouteTableOf(d, ResourceId("vpc-1")), ResourceId("rt-x"));
    EXPECT_FALSE(d.findAs<RouteTable>(former)->main);
    for (const Finding& f : lintDesign(d))
        EXPECT_NE(f.code, "MULTIPLE_MAIN_ROUTE_TABLES");
}

TEST(MainRouteTable, ThePublicSwitchDrawsTheGatewayAndTableInTheVpcClearOfEverything)
{
    Design d = sketch();
    ChangeSetBuilder noGateway(d);
    noGateway.remove(ResourceId("igw-1")).removeShape(ResourceId("igw-1"));
    ASSERT_TRUE(applyChangeSet(d, noGateway.build()));
    ASSERT_TRUE(applyChangeSet(d, setSubnetPublic(d, ResourceId("pub"), true)));
    ASSERT_TRUE(isPublicSubnet(d, ResourceId("pub")));
    const RouteTable* table = d.findAs<RouteTable>(*d.findAs<Subnet>(ResourceId("pub"))->routeTable);
    ASSERT_NE(table, nullptr);
    const std::string igw = table->routes.front().target.str();
    EXPECT_EQ(shapeOf(d, igw).parent, ResourceId("vpc-1")) << "the gateway belongs to the VPC, not the subnet";
    EXPECT_EQ(shapeOf(d, d.findAs<Subnet>(ResourceId("pub"))->routeTable->str()).parent, ResourceId("vpc-1"));
    expectNoOverlaps(d);
    expectInsideContainers(d);
}

// ---- deletion ----

TEST(RemoveWithDependents, DeletingAVpcTakesItsGatewaysAndTablesAndKeepsWhatOthersUse)
{
    Design d = base();
    const std::string original = saveDesignToString(d);
    const ChangeSet change = removeWithDependents(d, {ResourceId("vpc-a")});
    std::set<std::string> gone;
    for (const ResourceChange& c : change.resources)
        if (!c.after)
            gone.insert(c.id.str());
    for (const char* id : {"igw-a", "eigw-a", "rt-pub", "rt-app", "vpce-s3", "vpce-sqs", "sg-app", "acl-a", "nat-a",
                           "rslvr-in", "tgw-att-a"})
        EXPECT_TRUE(gone.count(id)) << id << " was attached only to vpc-a";
    ASSERT_TRUE(applyChangeSet(d, change));
    EXPECT_TRUE(loadDesign(saveDesignToString(d), "after").ok()) << "no dangling reference is left";
    ASSERT_TRUE(applyChangeSet(d, change.inverse()));
    EXPECT_EQ(saveDesignToString(d), original);

    // vpc-p's virtual private gateway carries a Direct Connect interface: it stays, detached. The
    // load balancer whose subnets were all in vpc-p goes, and its endpoint service with it.
    const ChangeSet p = removeWithDependents(d, {ResourceId("vpc-p")});
    ASSERT_TRUE(applyChangeSet(d, p));
    ASSERT_NE(d.findAs<VirtualPrivateGateway>(ResourceId("vgw-p")), nullptr);
    EXPECT_FALSE(d.findAs<VirtualPrivateGateway>(ResourceId("vgw-p"))->vpc);
    EXPECT_FALSE(d.find(ResourceId("nlb")));
    EXPECT_FALSE(d.find(ResourceId("svc")));
    EXPECT_TRUE(loadDesign(saveDesignToString(d), "after").ok());
}

// ---- analysis wording ----

const FlowResult& s3Flow(const AnalysisResult& result)
{
    for (const FlowResult& f : result.flows)
        if (f.flow.str() == "f-s3")
            return f;
    throw std::runtime_error("no f-s3");
}

TEST(MainRouteTableWording, HintsNameTheMainRouteTableNeverTheVpcInItsPlace)
{
    // vpc-1 has no main route table resource: texts say "the main route table of vpc-1".
    Design d = sketch();
    AnalysisResult result = analyzeDesign(d);
    const FlowResult& implicit = s3Flow(result);
    ASSERT_FALSE(implicit.hints.empty());
    EXPECT_EQ(implicit.hints.front().code, "USE_GATEWAY_ENDPOINT");
    EXPECT_NE(implicit.hints.front().message.find("associated with the main route table of vpc-1"), std::string::npos)
        << implicit.hints.front().message;
    EXPECT_EQ(implicit.hints.front().message.find("route table vpc-1"), std::string::npos);
    const auto noRoute = std::find_if(implicit.blocking.begin(), implicit.blocking.end(),
                                      [](const Explanation& e) { return e.code == "NO_ROUTE_TO_DESTINATION"; });
    ASSERT_NE(noRoute, implicit.blocking.end());
    EXPECT_EQ(noRoute->message.find("the main route table of vpc-1 has no route to"), 0u) << noRoute->message;

    // With a main route table resource, they name it.
    ChangeSetBuilder b(d);
    Resource vpc = *d.find(ResourceId("vpc-1"));
    const ResourceId main = addMainRouteTable(b, d, vpc, nullptr);
    ASSERT_TRUE(applyChangeSet(d, b.build()));
    result = analyzeDesign(d);
    const FlowResult& named = s3Flow(result);
    ASSERT_FALSE(named.hints.empty());
    EXPECT_NE(named.hints.front().message.find("associated with route table " + main.str()), std::string::npos)
        << named.hints.front().message;
}

} // namespace
} // namespace pp::test
