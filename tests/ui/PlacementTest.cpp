// Where things land and what a drop means, as a user sees it on the canvas: new containers go
// beside their siblings and their container grows; a VPC endpoint dropped into a subnet is an
// interface endpoint there; a route table dropped onto a subnet is associated with it; tiles
// follow the model; every VPC has a visible main route table; deleting a VPC takes what was
// attached only to it; a container that grows pushes its neighbours aside.
#include "EditorFixture.h"

#include "edit/Defaults.h"

#include <QCheckBox>
#include <QMessageBox>

namespace pp::ui {
namespace {

class Placement : public Editor {
protected:
    Shape shapeOf(const std::string& id)
    {
        for (const Shape& s : doc().design().diagram.shapes)
            if (s.resource.str() == id)
                return s;
        ADD_FAILURE() << "no shape for " << id;
        return {};
    }
    static bool overlap(const Shape& a, const Shape& b)
    {
        return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    }
    // No two tiles or containers drawn in the same container cover each other, and each lies inside
    // its container.
    void expectTidy()
    {
        const auto& shapes = doc().design().diagram.shapes;
        for (const Shape& a : shapes) {
            for (const Shape& b : shapes) {
                if (&a < &b && a.parent == b.parent) {
                    EXPECT_FALSE(overlap(a, b)) << a.resource.str() << " covers " << b.resource.str();
                }
            }
            if (a.parent) {
                const Shape p = shapeOf(a.parent->str());
                EXPECT_LE(a.x + a.width, p.width) << a.resource.str() << " sticks out of " << p.resource.str();
                EXPECT_LE(a.y + a.height, p.height) << a.resource.str() << " sticks out of " << p.resource.str();
            }
        }
    }
    // The container the scene draws a resource in.
    std::string drawnIn(const std::string& id)
    {
        ResourceItem* item = scene()->itemFor(id);
        if (!item)
            return "(not drawn)";
        auto* parent = dynamic_cast<ResourceItem*>(item->parentItem());
        return parent ? parent->resourceId().str() : std::string();
    }
    QByteArray saved() { return QByteArray::fromStdString(saveDesignToString(doc().design())); }
    // A VPC on the empty canvas with two subnets side by side.
    void vpcWithTwoSubnets()
    {
        ASSERT_TRUE(dropFromPalette(Kind::Vpc, QPointF(300, 300)));
        vpc = newest(Kind::Vpc);
        ASSERT_TRUE(dropFromPalette(Kind::Subnet, insideOf(vpc, 140, 100)));
        first = newest(Kind::Subnet);
        ASSERT_TRUE(dropFromPalette(Kind::Subnet, insideOf(vpc, 420, 100)));
        second = newest(Kind::Subnet);
    }
    QString status() { return window->statusBar()->currentMessage(); }

    std::string vpc, first, second;
};

TEST_F(Placement, ASecondVpcDroppedOnTheFirstGoesBesideItAndTheRegionGrows)
{
    ASSERT_TRUE(dropFromPalette(Kind::Vpc, QPointF(300, 300)));
    const std::string a = newest(Kind::Vpc), region = newest(Kind::Region);
    const double regionWidth = shapeOf(region).width;
    ASSERT_TRUE(dropFromPalette(Kind::Vpc, insideOf(a, 300, 200))); // right on top of it
    const std::string b = newest(Kind::Vpc);
    ASSERT_NE(a, b);
    EXPECT_EQ(drawnIn(b), region);
    EXPECT_FALSE(overlap(shapeOf(a), shapeOf(b)));
    EXPECT_GT(shapeOf(b).x, shapeOf(a).x + shapeOf(a).width) << "beside the first";
    EXPECT_GT(shapeOf(region).width, regionWidth) << "the Region grew to hold it";
    expectTidy();
    EXPECT_TRUE(scene()->itemFor(b)->isSelected()) << "what was dropped is selected";
}

TEST_F(Placement, ASecondSubnetDroppedOnTheFirstGoesBesideIt)
{
    ASSERT_TRUE(dropFromPalette(Kind::Vpc, QPointF(300, 300)));
    vpc = newest(Kind::Vpc);
    ASSERT_TRUE(dropFromPalette(Kind::Subnet, insideOf(vpc, 140, 100)));
    first = newest(Kind::Subnet);
    ASSERT_TRUE(dropFromPalette(Kind::Subnet, centreOf(first)));
    second = newest(Kind::Subnet);
    ASSERT_NE(first, second);
    EXPECT_EQ(drawnIn(second), vpc);
    EXPECT_FALSE(overlap(shapeOf(first), shapeOf(second)));
    EXPECT_GE(shapeOf(second).x, shapeOf(first).x + shapeOf(first).width) << "beside the first";
    expectTidy();
}

TEST_F(Placement, PastingManyInstancesIntoASubnetPushesTheSubnetOnItsRightAsideNeverUnder)
{
    // "narrow" with "beside" 20 units to its right; below them "row", four instances side by side.
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("crowded.privatepath"));
    QFile out(file);
    ASSERT_TRUE(out.open(QIODevice::WriteOnly));
    out.write(R"({
  "schemaVersion": 1,
  "name": "Crowded",
  "regions": [{"id": "use1", "code": "us-east-1", "availabilityZones": ["use1-az1"]}],
  "vpcs": [{"id": "vpc-1", "region": "use1", "ipv4Cidrs": ["10.0.0.0/16"]}],
  "subnets": [
    {"id": "narrow", "vpc": "vpc-1", "cidr": "10.0.0.0/24", "availabilityZone": "use1-az1"},
    {"id": "beside", "vpc": "vpc-1", "cidr": "10.0.1.0/24", "availabilityZone": "use1-az1"},
    {"id": "row", "vpc": "vpc-1", "cidr": "10.0.2.0/24", "availabilityZone": "use1-az1"}
  ],
  "routeTables": [{"id": "rt-main", "vpc": "vpc-1", "main": true}],
  "workloads": [
    {"id": "i-1", "subnet": "row", "privateIp": "10.0.2.10"}, {"id": "i-2", "subnet": "row", "privateIp": "10.0.2.11"},
    {"id": "i-3", "subnet": "row", "privateIp": "10.0.2.12"}, {"id": "i-4", "subnet": "row", "privateIp": "10.0.2.13"}
  ],
  "diagram": {"shapes": [
    {"resource": "use1", "x": 0, "y": 0, "width": 1000, "height": 700},
    {"resource": "vpc-1", "parent": "use1", "x": 40, "y": 60, "width": 640, "height": 560},
    {"resource": "narrow", "parent": "vpc-1", "x": 20, "y": 40, "width": 240, "height": 150},
    {"resource": "beside", "parent": "vpc-1", "x": 280, "y": 40, "width": 240, "height": 150},
    {"resource": "row", "parent": "vpc-1", "x": 20, "y": 230, "width": 600, "height": 150},
    {"resource": "i-1", "parent": "row", "x": 20, "y": 50, "width": 90, "height": 70},
    {"resource": "i-2", "parent": "row", "x": 150, "y": 50, "width": 90, "height": 70},
    {"resource": "i-3", "parent": "row", "x": 280, "y": 50, "width": 90, "height": 70},
    {"resource": "i-4", "parent": "row", "x": 410, "y": 50, "width": 90, "height": 70},
    {"resource": "rt-main", "parent": "vpc-1", "x": 20, "y": 420, "width": 90, "height": 70}
  ]}
})");
    out.close();
    ASSERT_TRUE(window->openFile(file)) << window->lastError().toStdString();
    const QByteArray original = saved();
    scene()->selectIds({QStringLiteral("i-1"), QStringLiteral("i-2"), QStringLiteral("i-3"), QStringLiteral("i-4")});
    window->findChild<QAction*>(QStringLiteral("actionCopy"))->trigger();
    // Three pastes of the four instances into "narrow": wider than it, so it grows right (over
    // "beside", which must make way) and then down (over "row").
    for (int i = 0; i < 3; ++i)
        window->pasteAt(insideOf("narrow", 20, 50));
    int pasted = 0;
    for (const Shape& s : doc().design().diagram.shapes)
        pasted += s.parent == ResourceId("narrow");
    EXPECT_EQ(pasted, 12) << status().toStdString();
    const Shape narrow = shapeOf("narrow"), beside = shapeOf("beside"), row = shapeOf("row");
    EXPECT_GE(narrow.width, 20 + 4 * 90 + 3 * 40 + 20) << "it holds the pasted row";
    EXPECT_EQ(beside.x, narrow.x + narrow.width + 20) << "pushed right, 20 units clear";
    EXPECT_EQ(beside.y, 40) << "on its row";
    EXPECT_EQ(row.y, narrow.y + narrow.height + 20) << "the subnet below is pushed down";
    EXPECT_GT(shapeOf("rt-main").y, 420) << "and the table below it";
    expectTidy();
    // On the canvas too: the boxes do not meet.
    const QRectF a = scene()->itemFor("narrow")->sceneBoundingRect().adjusted(8, 8, -8, -8);
    for (const char* other : {"beside", "row"})
        EXPECT_FALSE(a.intersects(scene()->itemFor(other)->sceneBoundingRect().adjusted(8, 8, -8, -8))) << other;
    // Picking knows the new geometry (the scene's index is rebuilt after a container grows): a
    // click on each pasted tile, and on the grown part of "narrow", finds them.
    EXPECT_EQ(scene()->itemIndexMethod(), QGraphicsScene::BspTreeIndex) << "zoomed in, picking uses the index";
    for (const Shape& s : doc().design().diagram.shapes)
        if (s.parent == ResourceId("narrow")) {
            QGraphicsItem* top = scene()->itemAt(centreOf(s.resource.str()), view()->transform());
            EXPECT_EQ(top, scene()->itemFor(s.resource.str())) << s.resource.str();
        }
    const QPointF grown = scene()->itemFor("narrow")->sceneBoundingRect().bottomRight() - QPointF(6, 6);
    EXPECT_EQ(scene()->itemAt(grown, view()->transform()), scene()->itemFor("narrow"));
    while (doc().undoStack()->canUndo())
        doc().undoStack()->undo();
    EXPECT_EQ(saved(), original) << "undo puts every neighbour back";
}

TEST_F(Placement, AVpcEndpointDroppedIntoASubnetIsAnInterfaceEndpointThere)
{
    vpcWithTwoSubnets();
    ASSERT_TRUE(dropFromPalette(Kind::VpcEndpoint, centreOf(second)));
    const std::string endpoint = newest(Kind::VpcEndpoint);
    const VpcEndpoint* e = doc().design().findAs<VpcEndpoint>(ResourceId(endpoint));
    ASSERT_NE(e, nullptr);
    EXPECT_EQ(e->endpointType, EndpointType::Interface);
    EXPECT_EQ(e->subnets, ResourceIds{ResourceId(second)});
    EXPECT_EQ(drawnIn(endpoint), second);
    // On the VPC's body: a gateway endpoint, which lives on the VPC.
    ASSERT_TRUE(dropFromPalette(Kind::VpcEndpoint, insideOf(vpc, 450, 330)));
    const std::string gateway = newest(Kind::VpcEndpoint);
    EXPECT_EQ(doc().design().findAs<VpcEndpoint>(ResourceId(gateway))->endpointType, EndpointType::Gateway);
    EXPECT_TRUE(doc().design().findAs<VpcEndpoint>(ResourceId(gateway))->subnets.empty());
    EXPECT_EQ(drawnIn(gateway), vpc);
    expectTidy();
}

TEST_F(Placement, ARouteTableDroppedOnASubnetIsAssociatedWithItInOneStep)
{
    vpcWithTwoSubnets();
    const QByteArray before = saved();
    const int steps = doc().undoStack()->count();
    ASSERT_TRUE(dropFromPalette(Kind::RouteTable, centreOf(first)));
    const std::string rt = newest(Kind::RouteTable);
    EXPECT_EQ(doc().design().findAs<Subnet>(ResourceId(first))->routeTable, ResourceId(rt));
    EXPECT_EQ(doc().design().findAs<RouteTable>(ResourceId(rt))->vpc.str(), vpc);
    EXPECT_EQ(drawnIn(rt), vpc) << "the table belongs to the VPC: drawn there, not across the subnet's border";
    EXPECT_EQ(status(), QStringLiteral("Route table %1 associated with %2")
                            .arg(QString::fromStdString(rt), QString::fromStdString(first)));
    EXPECT_EQ(doc().undoStack()->count(), steps + 1);
    expectTidy();
    doc().undoStack()->undo();
    EXPECT_EQ(saved(), before);
}

TEST_F(Placement, AnInterfaceEndpointsTileFollowsItsSubnetAndComesBackOnUndo)
{
    vpcWithTwoSubnets();
    ASSERT_TRUE(dropFromPalette(Kind::VpcEndpoint, centreOf(first)));
    const std::string endpoint = newest(Kind::VpcEndpoint);
    ASSERT_EQ(drawnIn(endpoint), first);
    const QByteArray before = saved();
    // What the inspector does when the subnets field is set to the other subnet.
    Resource changed = *doc().design().find(ResourceId(endpoint));
    std::get<VpcEndpoint>(changed.data).subnets = {ResourceId(second)};
    ChangeSetBuilder b(doc().design());
    b.modify(changed);
    doc().apply(b.build(), QStringLiteral("Edit subnets"));
    EXPECT_EQ(drawnIn(endpoint), second) << "drawn in the subnet it is in";
    EXPECT_TRUE(scene()->itemFor(second)->sceneBoundingRect().contains(scene()->itemFor(endpoint)->sceneBoundingRect()));
    expectTidy();
    doc().undoStack()->undo();
    EXPECT_EQ(drawnIn(endpoint), first);
    EXPECT_EQ(saved(), before);
}

TEST_F(Placement, ANewVpcHasAVisibleMainRouteTableAndANatGatewayOffersItTheDefaultRoute)
{
    vpcWithTwoSubnets();
    const auto main = mainRouteTableOf(doc().design(), ResourceId(vpc));
    ASSERT_TRUE(main) << "the VPC's main route table is a real object";
    EXPECT_EQ(drawnIn(main->str()), vpc) << "drawn in its VPC";
    select(main->str());
    EXPECT_TRUE(scene()->itemFor(main->str())->isSelected()) << "selectable";
    EXPECT_EQ(window->inspector()->editField(QStringLiteral("name"), QStringLiteral("Private routes")), QString()) << "editable";
    // first becomes public; a NAT gateway in it offers the default route for second, which uses
    // the main table.
    doc().apply(setSubnetPublic(doc().design(), ResourceId(first), true), QStringLiteral("Public"));
    ASSERT_TRUE(dropFromPalette(Kind::NatGateway, centreOf(first)));
    const std::string nat = newest(Kind::NatGateway);
    const ChangeSet routes = natDefaultRoutes(doc().design(), ResourceId(nat));
    ASSERT_FALSE(routes.empty());
    EXPECT_EQ(routes.resources.front().id, *main);
    auto* offer = window->findChild<QMessageBox*>(QStringLiteral("natRoutesOffer"));
    ASSERT_NE(offer, nullptr) << "the editor offers the route";
    EXPECT_NE(offer->text().indexOf(QString::fromStdString(main->str())), -1) << offer->text().toStdString();
    offer->button(QMessageBox::Yes)->click();
    EXPECT_EQ(doc().design().findAs<RouteTable>(*main)->routes.size(), 1u);
}

TEST_F(Placement, DeletingAVpcTakesItsGatewayAndRouteTablesInOneStepAndSaysSo)
{
    vpcWithTwoSubnets();
    doc().apply(setSubnetPublic(doc().design(), ResourceId(first), true), QStringLiteral("Public"));
    const std::string igw = newest(Kind::InternetGateway);
    ASSERT_FALSE(igw.empty());
    const QByteArray before = saved();
    const int steps = doc().undoStack()->count();
    select(vpc);
    window->deleteSelection();
    EXPECT_EQ(doc().undoStack()->count(), steps + 1) << "one step";
    EXPECT_FALSE(doc().design().find(ResourceId(igw))) << "no internet gateway left floating in the Region";
    EXPECT_EQ(newest(Kind::RouteTable), "") << "its route tables went with it";
    EXPECT_EQ(scene()->itemFor(igw), nullptr);
    EXPECT_NE(status().indexOf(QString::fromStdString(igw)), -1) << status().toStdString();
    doc().undoStack()->undo();
    EXPECT_EQ(saved(), before);
}

TEST_F(Placement, ThePublicSwitchDrawsTheGatewayAndTableInTheVpcNotInTheSubnet)
{
    vpcWithTwoSubnets();
    select(first);
    QApplication::processEvents(); // the inspector fills in from the event loop
    auto* publicSwitch = window->inspector()->findChild<QCheckBox*>(QStringLiteral("field-public"));
    ASSERT_NE(publicSwitch, nullptr);
    publicSwitch->click();
    ASSERT_TRUE(isPublicSubnet(doc().design(), ResourceId(first)));
    const std::string igw = newest(Kind::InternetGateway);
    const std::string table = doc().design().findAs<Subnet>(ResourceId(first))->routeTable->str();
    EXPECT_EQ(drawnIn(igw), vpc);
    EXPECT_EQ(drawnIn(table), vpc);
    for (const std::string& subnet : {first, second})
        for (const std::string& tile : {igw, table})
            EXPECT_FALSE(scene()->itemFor(subnet)->sceneBoundingRect().intersects(scene()->itemFor(tile)->sceneBoundingRect()))
                << tile << " is drawn over " << subnet;
    expectTidy();
}

TEST_F(Placement, TheFirstVpcDropKeepsItsTitleInSight)
{
    // Dropped a little in from the top-left corner of the empty canvas.
    ASSERT_TRUE(dropFromPalette(Kind::Vpc, view()->mapToScene(QPoint(300, 300))));
    QApplication::processEvents();
    const std::string id = newest(Kind::Vpc);
    const QRectF title = scene()->itemFor(id)->sceneBoundingRect();
    const QRectF visible = view()->mapToScene(view()->viewport()->rect()).boundingRect();
    EXPECT_TRUE(visible.contains(QRectF(title.topLeft(), QSizeF(title.width(), style::kHeader))))
        << "title band " << title.x() << "," << title.y() << " view " << visible.x() << "," << visible.y() << " "
        << visible.width() << "x" << visible.height();
}

// Not a check: a picture of a VPC with two subnets, an interface endpoint and the main route
// table, when PRIVATEPATH_PLACEMENT_SCREENSHOT names the file to write.
TEST_F(Placement, Screenshot)
{
    const QString path = qEnvironmentVariable("PRIVATEPATH_PLACEMENT_SCREENSHOT");
    if (path.isEmpty())
        GTEST_SKIP() << "set PRIVATEPATH_PLACEMENT_SCREENSHOT=FILE.png to write the picture";
    vpcWithTwoSubnets();
    ASSERT_TRUE(dropFromPalette(Kind::Workload, centreOf(second)));
    ASSERT_TRUE(dropFromPalette(Kind::VpcEndpoint, centreOf(second)));
    ASSERT_TRUE(dropFromPalette(Kind::RouteTable, centreOf(first)));
    scene()->clearSelection();
    view()->fitAll();
    QApplication::processEvents();
    EXPECT_TRUE(view()->grab().save(path));
}

} // namespace
} // namespace pp::ui
