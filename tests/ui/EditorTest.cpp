// The editor, driven through its real widgets: palette drops into the canvas, mouse drags, the
// inspector, undo, copy/paste, save and reopen.
#include "EditorFixture.h"

namespace pp::ui {
namespace {

TEST_F(Editor, EveryBundledExampleOpensWithoutErrors)
{
    const QDir dir(source(QStringLiteral("resources/examples")));
    const auto files = dir.entryList({QStringLiteral("*.privatepath")}, QDir::Files);
    ASSERT_GE(files.size(), 6);
    for (const QString& file : files) {
        SCOPED_TRACE(file.toStdString());
        ASSERT_TRUE(window->openFile(dir.filePath(file))) << window->lastError().toStdString();
        EXPECT_FALSE(doc().isModified());
        EXPECT_EQ(window->windowTitle(), QStringLiteral("%1[*] — PrivatePath").arg(file));
        for (const Shape& s : doc().design().diagram.shapes)
            EXPECT_NE(scene()->itemFor(s.resource.str()), nullptr) << s.resource.str() << " is drawn";
        for (const Finding& f : doc().analysis().findings)
            EXPECT_NE(f.severity, Severity::Error) << f.message;
        for (const FlowResult& r : doc().analysis().flows) {
            ASSERT_NE(scene()->flowItemFor(r.flow.str()), nullptr);
            EXPECT_EQ(flowColour(r.flow.str()), style::verdictColor(r.verdict)) << r.flow.str();
            EXPECT_EQ(r.expectationMet, true) << r.flow.str();
        }
    }
}

TEST_F(Editor, SketchAVpcAndWatchTheFlowTurnPrivate)
{
    // A VPC dropped on the empty canvas gets a Region around it and the first free /16.
    ASSERT_TRUE(dropFromPalette(Kind::Vpc, QPointF(300, 300)));
    const std::string vpc = newest(Kind::Vpc);
    EXPECT_EQ(doc().design().findAs<Vpc>(ResourceId(vpc))->ipv4Cidrs.front().toString(), "10.0.0.0/16");
    EXPECT_FALSE(newest(Kind::Region).empty());

    // Two subnets, each with the next free CIDR.
    ASSERT_TRUE(dropFromPalette(Kind::Subnet, insideOf(vpc, 140, 100)));
    const std::string pub = newest(Kind::Subnet);
    ASSERT_TRUE(dropFromPalette(Kind::Subnet, insideOf(vpc, 420, 100)));
    const std::string app = newest(Kind::Subnet);
    EXPECT_EQ(doc().design().findAs<Subnet>(ResourceId(pub))->cidr.toString(), "10.0.0.0/24");
    EXPECT_EQ(doc().design().findAs<Subnet>(ResourceId(app))->cidr.toString(), "10.0.1.0/24");

    ASSERT_TRUE(dropFromPalette(Kind::InternetGateway, insideOf(vpc, 60, 330)));
    const std::string igw = newest(Kind::InternetGateway);
    ASSERT_TRUE(dropFromPalette(Kind::NatGateway, centreOf(pub) + QPointF(0, 15)));
    const std::string nat = newest(Kind::NatGateway);
    ASSERT_TRUE(dropFromPalette(Kind::Workload, centreOf(app) + QPointF(0, 15)));
    const std::string instance = newest(Kind::Workload);
    EXPECT_EQ(doc().design().findAs<Workload>(ResourceId(instance))->subnet.str(), app);
    ASSERT_TRUE(dropFromPalette(Kind::RouteTable, insideOf(vpc, 160, 330)));
    const std::string rtPublic = newest(Kind::RouteTable);
    ASSERT_TRUE(dropFromPalette(Kind::RouteTable, insideOf(vpc, 260, 330)));
    const std::string rtApp = newest(Kind::RouteTable);
    ASSERT_TRUE(dropFromPalette(Kind::VpcEndpoint, insideOf(vpc, 360, 330)));
    const std::string endpoint = newest(Kind::VpcEndpoint);
    const std::string s3 = newest(Kind::AwsService);
    ASSERT_FALSE(s3.empty()) << "the gateway endpoint brought its S3 service";

    // Routes, through the inspector, exactly as a user types them.
    InspectorPanel* inspector = window->inspector();
    select(rtPublic);
    EXPECT_EQ(inspector->editField(QStringLiteral("routes"),
                                   QStringLiteral(R"([{"destination": "0.0.0.0/0", "target": "%1"}])").arg(QString::fromStdString(igw))),
              QString());
    select(rtApp);
    EXPECT_EQ(inspector->editField(QStringLiteral("main"), QStringLiteral("true")), QString());
    EXPECT_EQ(inspector->editField(QStringLiteral("routes"),
                                   QStringLiteral(R"([{"destination": "0.0.0.0/0", "target": "%1"}])").arg(QString::fromStdString(nat))),
              QString());
    select(pub);
    EXPECT_EQ(inspector->editField(QStringLiteral("routeTable"), QString::fromStdString(rtPublic)), QString());

    // A flow drawn from the instance to S3: public, through the NAT and internet gateways.
    ASSERT_TRUE(view()->connectFlow(ResourceId(instance), ResourceId(s3)));
    const std::string flow = doc().design().flows().back().id.str();
    ASSERT_NE(scene()->flowItemFor(flow), nullptr);
    EXPECT_EQ(doc().flowResult(FlowId(flow))->verdict, Verdict::Public);
    EXPECT_EQ(flowColour(flow), style::verdictColor(Verdict::Public));

    // Selecting it shows its hops in the path panel.
    select(flow);
    PathPanel* path = window->pathPanel();
    EXPECT_EQ(path->shownFlow().str(), flow);
    QStringList hops;
    for (int i = 0; i < path->topLevelItemCount(); ++i)
        hops << path->topLevelItem(i)->text(1);
    EXPECT_TRUE(hops.contains(QString::fromStdString(nat)));
    EXPECT_TRUE(hops.contains(QString::fromStdString(igw)));

    // Associating the endpoint with the app subnet's route table turns it private at once.
    select(endpoint);
    EXPECT_EQ(inspector->editField(QStringLiteral("routeTables"), QString::fromStdString(rtApp)), QString());
    EXPECT_EQ(doc().flowResult(FlowId(flow))->verdict, Verdict::Private);
    EXPECT_EQ(flowColour(flow), style::verdictColor(Verdict::Private));

    // Undo everything: back to the empty design.
    QUndoStack* undo = doc().undoStack();
    while (undo->canUndo())
        undo->undo();
    EXPECT_TRUE(doc().design().resources().empty());
    EXPECT_TRUE(doc().design().flows().empty());
    EXPECT_TRUE(doc().design().diagram.shapes.empty());
}

TEST_F(Editor, ContainmentCannotBeBroken)
{
    EXPECT_FALSE(dropFromPalette(Kind::Subnet, QPointF(100, 100))) << "a subnet needs a VPC";
    EXPECT_TRUE(doc().design().resources().empty());
    EXPECT_NE(window->statusBar()->currentMessage().indexOf(QStringLiteral("inside a VPC")), -1);
    ASSERT_TRUE(dropFromPalette(Kind::Vpc, QPointF(300, 300)));
    EXPECT_FALSE(dropFromPalette(Kind::Workload, centreOf(newest(Kind::Vpc)))) << "an instance needs a subnet";
    EXPECT_NE(window->statusBar()->currentMessage().indexOf(QStringLiteral("inside a subnet")), -1);
}

TEST_F(Editor, InvalidInspectorValuesAreRefusedNotFixed)
{
    ASSERT_TRUE(window->openFile(source(QStringLiteral("resources/examples/s3-gateway-endpoint.privatepath"))));
    select("app-a");
    const QString refusal = window->inspector()->editField(QStringLiteral("cidr"), QStringLiteral("10.0.1.7/24"));
    EXPECT_NE(refusal.indexOf(QStringLiteral("10.0.1.0/24")), -1) << refusal.toStdString();
    EXPECT_EQ(doc().design().findAs<Subnet>(ResourceId("app-a"))->cidr.toString(), "10.0.1.0/24");
    EXPECT_FALSE(doc().isModified());
    const QString badRef = window->inspector()->editField(QStringLiteral("routeTable"), QStringLiteral("igw-a"));
    EXPECT_FALSE(badRef.isEmpty());
    EXPECT_EQ(window->inspector()->editField(QStringLiteral("cidr"), QStringLiteral("10.0.5.0/24")), QString());
    EXPECT_EQ(doc().design().findAs<Subnet>(ResourceId("app-a"))->cidr.toString(), "10.0.5.0/24");
    EXPECT_TRUE(doc().isModified());
}

TEST_F(Editor, ADragIsOneUndoStepAndMovesTheShape)
{
    ASSERT_TRUE(window->openFile(source(QStringLiteral("resources/examples/s3-gateway-endpoint.privatepath"))));
    view()->zoomReset();
    ResourceItem* item = scene()->itemFor("i-app-nat");
    ASSERT_NE(item, nullptr);
    view()->centerOn(item);
    const double x0 = item->pos().x();
    const QPoint start = view()->mapFromScene(item->sceneBoundingRect().center());
    QTest::mousePress(view()->viewport(), Qt::LeftButton, Qt::NoModifier, start);
    for (int step = 1; step <= 4; ++step) {
        QMouseEvent move(QEvent::MouseMove, QPointF(start + QPoint(step * 10, 0)), view()->viewport()->mapToGlobal(QPointF(start + QPoint(step * 10, 0))),
                         Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(view()->viewport(), &move);
    }
    QTest::mouseRelease(view()->viewport(), Qt::LeftButton, Qt::NoModifier, start + QPoint(40, 0));
    EXPECT_EQ(doc().undoStack()->count(), 1) << "the whole drag is one step";
    double x1 = 0;
    for (const Shape& s : doc().design().diagram.shapes)
        if (s.resource.str() == "i-app-nat")
            x1 = s.x;
    EXPECT_EQ(x1, x0 + 40);
    doc().undoStack()->undo();
    EXPECT_FALSE(doc().isModified());
}

TEST_F(Editor, DeleteTakesDependentsAndUndoRestoresTheFile)
{
    const QString file = source(QStringLiteral("resources/examples/s3-gateway-endpoint.privatepath"));
    ASSERT_TRUE(window->openFile(file));
    select("app-a");
    window->deleteSelection();
    EXPECT_FALSE(doc().design().find(ResourceId("app-a")));
    EXPECT_FALSE(doc().design().find(ResourceId("i-app-nat"))) << "its instance goes too";
    EXPECT_FALSE(doc().design().findFlow(FlowId("flow-s3-via-nat"))) << "and the flow from it";
    EXPECT_EQ(doc().undoStack()->count(), 1) << "one step";
    doc().undoStack()->undo();
    EXPECT_EQ(QByteArray::fromStdString(saveDesignToString(doc().design())), readAll(file));
}

TEST_F(Editor, CopyPasteGivesNewIds)
{
    ASSERT_TRUE(window->openFile(source(QStringLiteral("resources/examples/s3-gateway-endpoint.privatepath"))));
    select("i-app-nat");
    window->copySelection();
    window->pasteAt(insideOf("app-a", 20, 60));
    const Workload* copy = doc().design().findAs<Workload>(ResourceId("i-app-nat-2"));
    ASSERT_NE(copy, nullptr);
    EXPECT_EQ(copy->subnet.str(), "app-a");
    EXPECT_NE(scene()->itemFor("i-app-nat-2"), nullptr) << "the copy is drawn";
}

TEST_F(Editor, SaveAndReopenGiveTheSameFile)
{
    const QString file = source(QStringLiteral("resources/examples/on-premises-application.privatepath"));
    ASSERT_TRUE(window->openFile(file));
    QTemporaryDir dir;
    const QString copy = dir.filePath(QStringLiteral("copy.privatepath"));
    ASSERT_TRUE(window->saveTo(copy));
    EXPECT_EQ(readAll(copy), readAll(file));
    EXPECT_EQ(window->windowTitle(), QStringLiteral("copy.privatepath[*] — PrivatePath"));
    ASSERT_TRUE(window->openFile(copy));
    EXPECT_EQ(QByteArray::fromStdString(saveDesignToString(doc().design())), readAll(file));
}

TEST_F(Editor, BrokenFileShowsTheLoaderMessageAndChangesNothing)
{
    ASSERT_TRUE(window->openFile(source(QStringLiteral("resources/examples/marketplace-saas.privatepath"))));
    const std::string before = saveDesignToString(doc().design());
    QTemporaryDir dir;
    const QString broken = dir.filePath(QStringLiteral("broken.privatepath"));
    QFile f(broken);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write("{\n  \"schemaVersion\": 1,\n  \"vpcs\": [ {\"id\": 5} ]\n}\n");
    f.close();
    EXPECT_FALSE(window->openFile(broken));
    EXPECT_NE(window->lastError().indexOf(QStringLiteral("broken.privatepath:3:")), -1) << window->lastError().toStdString();
    EXPECT_EQ(saveDesignToString(doc().design()), before);
}

TEST_F(Editor, SaveToAnUnwritablePlaceKeepsTheDocument)
{
    ASSERT_TRUE(window->openFile(source(QStringLiteral("resources/examples/marketplace-saas.privatepath"))));
    EXPECT_FALSE(window->saveTo(QStringLiteral("/nonexistent/folder/x.privatepath")));
    EXPECT_FALSE(window->lastError().isEmpty());
    EXPECT_TRUE(doc().filePath().endsWith(QLatin1String("marketplace-saas.privatepath")));
}

} // namespace
} // namespace pp::ui

#include "edit/Defaults.h"
#include "io/FileWriter.h"
#include <cerrno>

#include <QCheckBox>
#include <QDir>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>

namespace pp::ui {
namespace {

TEST_F(Editor, MarkingASubnetPublicAndAddingANatGatewayAreOneClickEach)
{
    ASSERT_TRUE(dropFromPalette(Kind::Vpc, QPointF(300, 300)));
    const std::string vpc = newest(Kind::Vpc);
    ASSERT_TRUE(dropFromPalette(Kind::Subnet, insideOf(vpc, 140, 100)));
    const std::string pub = newest(Kind::Subnet);
    ASSERT_TRUE(dropFromPalette(Kind::Subnet, insideOf(vpc, 420, 100)));
    const std::string app = newest(Kind::Subnet);

    // The inspector's "public" switch creates the internet gateway and the public route table.
    select(pub);
    QApplication::processEvents(); // the inspector fills in from the event loop
    auto* publicSwitch = window->inspector()->findChild<QCheckBox*>(QStringLiteral("field-public"));
    ASSERT_NE(publicSwitch, nullptr);
    EXPECT_FALSE(publicSwitch->isChecked());
    publicSwitch->click();
    EXPECT_TRUE(isPublicSubnet(doc().design(), ResourceId(pub)));
    EXPECT_FALSE(newest(Kind::InternetGateway).empty());
    EXPECT_NE(scene()->itemFor(newest(Kind::InternetGateway)), nullptr) << "the new gateway is drawn in the VPC";

    // Dropping a NAT gateway offers the default route for the private subnet's table.
    ASSERT_TRUE(dropFromPalette(Kind::RouteTable, insideOf(vpc, 300, 330)));
    const std::string rt = newest(Kind::RouteTable);
    select(rt);
    ASSERT_EQ(window->inspector()->editField(QStringLiteral("main"), QStringLiteral("true")), QString());
    ASSERT_TRUE(dropFromPalette(Kind::NatGateway, centreOf(pub) + QPointF(0, 15)));
    auto* offer = window->findChild<QMessageBox*>(QStringLiteral("natRoutesOffer"));
    ASSERT_NE(offer, nullptr) << "the editor asks; it does not impose the route";
    EXPECT_NE(offer->text().indexOf(QString::fromStdString(rt)), -1);
    offer->button(QMessageBox::Yes)->click();
    const RouteTable* table = doc().design().findAs<RouteTable>(ResourceId(rt));
    ASSERT_EQ(table->routes.size(), 1u);
    EXPECT_EQ(table->routes.front().target.str(), newest(Kind::NatGateway));
    EXPECT_FALSE(isPublicSubnet(doc().design(), ResourceId(app)));
}

TEST_F(Editor, FindCentresOnMatchesAndAlignLinesShapesUp)
{
    ASSERT_TRUE(window->openFile(source(QStringLiteral("resources/examples/s3-gateway-endpoint.privatepath"))));
    auto* find = window->findChild<QLineEdit*>(QStringLiteral("find"));
    ASSERT_NE(find, nullptr);
    find->setText(QStringLiteral("Amazon S3"));
    window->findResource();
    ASSERT_EQ(scene()->selectedResources().size(), 1);
    EXPECT_EQ(scene()->selectedResources().front().str(), "s3");

    // Align the two app servers' left edges? They sit in different subnets: only siblings move.
    scene()->clearSelection();
    scene()->itemFor("rt-pub")->setSelected(true);
    scene()->itemFor("rt-app-nat")->setSelected(true);
    const auto ids = scene()->selectedResources();
    window->alignSelection(Qt::AlignTop);
    double y1 = -1, y2 = -2;
    for (const Shape& s : doc().design().diagram.shapes) {
        if (s.resource == ids[0])
            y1 = s.y;
        if (s.resource == ids[1])
            y2 = s.y;
    }
    EXPECT_EQ(y1, y2);
}

} // namespace
} // namespace pp::ui

namespace pp::ui {
namespace {

TEST_F(Editor, ResizingAContainerKeepsItsContentsInside)
{
    ASSERT_TRUE(window->openFile(source(QStringLiteral("resources/examples/s3-gateway-endpoint.privatepath"))));
    view()->zoomReset();
    ResourceItem* subnet = scene()->itemFor("app-a");
    ASSERT_NE(subnet, nullptr);
    view()->centerOn(subnet);
    scene()->clearSelection();
    subnet->setSelected(true);
    const QSizeF before = subnet->size();
    auto dragHandle = [&](QPointF by) {
        const QPointF handle = subnet->mapToScene(subnet->resizeHandle().center());
        const QPoint start = view()->mapFromScene(handle);
        const QPoint end = view()->mapFromScene(handle + by);
        QTest::mousePress(view()->viewport(), Qt::LeftButton, Qt::NoModifier, start);
        QMouseEvent move(QEvent::MouseMove, QPointF(end), view()->viewport()->mapToGlobal(QPointF(end)), Qt::NoButton,
                         Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(view()->viewport(), &move);
        QTest::mouseRelease(view()->viewport(), Qt::LeftButton, Qt::NoModifier, end);
    };
    dragHandle(QPointF(-40, 0)); // a little narrower: allowed
    auto shapeOf = [&](const char* id) {
        for (const Shape& s : doc().design().diagram.shapes)
            if (s.resource.str() == id)
                return s;
        return Shape{};
    };
    EXPECT_EQ(shapeOf("app-a").width, before.width() - 40);
    EXPECT_EQ(doc().undoStack()->count(), 1) << "a resize is one step";
    subnet = scene()->itemFor("app-a");
    subnet->setSelected(true);
    dragHandle(QPointF(-500, -500)); // far too small: stops at what the subnet holds
    const Shape small = shapeOf("app-a");
    const Shape child = shapeOf("i-app-nat");
    EXPECT_GE(small.width, child.x + child.width);
    EXPECT_GE(small.height, child.y + child.height);
}

} // namespace
} // namespace pp::ui

namespace pp::ui {
namespace {

TEST_F(Editor, StructuralLinksAreDrawnAndFollowMovedShapes)
{
    ASSERT_TRUE(window->openFile(source(QStringLiteral("resources/examples/share-service-privatelink.privatepath"))));
    QList<LinkItem*> links;
    for (QGraphicsItem* item : scene()->items())
        if (auto* link = dynamic_cast<LinkItem*>(item))
            links << link;
    EXPECT_GE(links.size(), 4) << "two endpoints to the service, service to NLB, NLB to its target";
    // The endpoint's link starts at its shape; move the endpoint and the link follows.
    ResourceItem* endpoint = scene()->itemFor("vpce-orders");
    ASSERT_NE(endpoint, nullptr);
    LinkItem* mine = nullptr;
    for (LinkItem* link : links)
        if (endpoint->sceneBoundingRect().adjusted(-30, -30, 30, 30).contains(link->path().pointAtPercent(0).toPoint()))
            mine = link;
    ASSERT_NE(mine, nullptr);
    const QPointF before = mine->path().pointAtPercent(0);
    endpoint->moveBy(0, -20);
    EXPECT_NE(mine->path().pointAtPercent(0), before);
}

} // namespace
} // namespace pp::ui

namespace pp::ui {
namespace {

TEST_F(Editor, DraggingAnInstanceIntoAnotherSubnetMovesItInTheModel)
{
    ASSERT_TRUE(window->openFile(source(QStringLiteral("resources/examples/s3-gateway-endpoint.privatepath"))));
    view()->zoomReset();
    ResourceItem* instance = scene()->itemFor("i-app-nat");
    ResourceItem* target = scene()->itemFor("app-b");
    ASSERT_TRUE(instance && target);
    view()->centerOn(QRectF(instance->sceneBoundingRect()).united(target->sceneBoundingRect()).center());
    const QPointF start = QRectF(instance->scenePos(), instance->size()).center();
    dragOnCanvas(start, target->sceneBoundingRect().center() + QPointF(0, 20));
    const Workload* w = doc().design().findAs<Workload>(ResourceId("i-app-nat"));
    ASSERT_NE(w, nullptr);
    EXPECT_EQ(w->subnet.str(), "app-b");
    EXPECT_TRUE(doc().design().findAs<Subnet>(ResourceId("app-b"))->cidr.contains(*w->privateIp)) << "a new address in its new subnet";
    ResourceItem* moved = scene()->itemFor("i-app-nat");
    ASSERT_NE(moved, nullptr);
    EXPECT_EQ(dynamic_cast<ResourceItem*>(moved->parentItem())->resourceId().str(), "app-b");
    EXPECT_EQ(doc().undoStack()->count(), 1);
    doc().undoStack()->undo();
    EXPECT_EQ(doc().design().findAs<Workload>(ResourceId("i-app-nat"))->subnet.str(), "app-a");

    // Dropped outside every subnet, it goes back where it was.
    instance = scene()->itemFor("i-app-nat");
    const QPointF home = instance->scenePos();
    dragOnCanvas(QRectF(instance->scenePos(), instance->size()).center(), QRectF(instance->scenePos(), instance->size()).center() + QPointF(0, 160));
    EXPECT_EQ(scene()->itemFor("i-app-nat")->scenePos(), home);
    EXPECT_EQ(doc().undoStack()->index(), 0) << "nothing changed";
}

} // namespace
} // namespace pp::ui

namespace pp::ui {
namespace {

TEST_F(Editor, DrawingBetweenVpcsCreatesAPeeringAndBetweenVpcAndTransitGatewayAnAttachment)
{
    ASSERT_TRUE(dropFromPalette(Kind::Vpc, QPointF(300, 300)));
    const std::string a = newest(Kind::Vpc);
    const std::string region = newest(Kind::Region);
    ASSERT_TRUE(dropFromPalette(Kind::Subnet, insideOf(a, 140, 100)));
    ASSERT_TRUE(dropFromPalette(Kind::Vpc, insideOf(region, 700, 200)));
    const std::string b = newest(Kind::Vpc);
    ASSERT_NE(a, b);
    EXPECT_EQ(doc().design().findAs<Vpc>(ResourceId(b))->ipv4Cidrs.front().toString(), "10.1.0.0/16") << "the next free /16";
    ASSERT_TRUE(view()->connectLink(ResourceId(a), ResourceId(b)));
    const std::string pcx = newest(Kind::VpcPeering);
    ASSERT_FALSE(pcx.empty());
    EXPECT_EQ(doc().design().findAs<VpcPeering>(ResourceId(pcx))->accepterVpc.str(), b);
    ASSERT_TRUE(dropFromPalette(Kind::TransitGateway, QPointF(1400, 200)));
    const std::string tgw = newest(Kind::TransitGateway);
    ASSERT_TRUE(view()->connectLink(ResourceId(tgw), ResourceId(a)));
    const auto* attachment = doc().design().findAs<TransitGatewayAttachment>(ResourceId(newest(Kind::TransitGatewayAttachment)));
    ASSERT_NE(attachment, nullptr);
    EXPECT_EQ(attachment->resource.str(), a);
    EXPECT_EQ(attachment->subnets.size(), 1u) << "one subnet per AZ of the VPC";
    int links = 0;
    for (QGraphicsItem* item : scene()->items())
        links += dynamic_cast<LinkItem*>(item) != nullptr;
    EXPECT_EQ(links, 2) << "the peering and the attachment are drawn between their ends";
    EXPECT_FALSE(view()->connectLink(ResourceId(a), ResourceId(newest(Kind::Subnet)))) << "a VPC and its subnet have no link";
}

TEST_F(Editor, DrawingHybridLinksCreatesVpnsVirtualInterfacesAndGatewayAssociations)
{
    ASSERT_TRUE(dropFromPalette(Kind::Vpc, QPointF(300, 300)));
    const std::string vpc = newest(Kind::Vpc);
    ASSERT_TRUE(dropFromPalette(Kind::VirtualPrivateGateway, insideOf(vpc, 200, 120)));
    const std::string vgw = newest(Kind::VirtualPrivateGateway);
    ASSERT_TRUE(dropFromPalette(Kind::OnPremisesNetwork, QPointF(300, 1400)));
    const std::string onPrem = newest(Kind::OnPremisesNetwork);
    ASSERT_FALSE(onPrem.empty());
    const int before = doc().undoStack()->count();
    EXPECT_FALSE(dropFromPalette(Kind::CustomerGateway, QPointF(2400, 2400))) << "a customer gateway belongs in an on-premises network";
    EXPECT_EQ(doc().undoStack()->count(), before);
    ASSERT_TRUE(dropFromPalette(Kind::CustomerGateway, insideOf(onPrem, 120, 100)));
    const std::string cgw = newest(Kind::CustomerGateway);
    EXPECT_EQ(doc().design().findAs<CustomerGateway>(ResourceId(cgw))->onPremises.str(), onPrem);

    // Customer gateway to virtual private gateway: a BGP VPN carrying the on-premises prefixes.
    ASSERT_TRUE(view()->connectLink(ResourceId(cgw), ResourceId(vgw)));
    const auto* vpn = doc().design().findAs<VpnConnection>(ResourceId(newest(Kind::VpnConnection)));
    ASSERT_NE(vpn, nullptr);
    EXPECT_EQ(vpn->gateway.str(), vgw);
    EXPECT_EQ(vpn->routing, VpnRouting::Dynamic);
    ASSERT_EQ(vpn->remoteCidrs.size(), 1u);
    EXPECT_EQ(vpn->remoteCidrs.front().toString(), "192.168.0.0/16");
    int links = 0;
    for (QGraphicsItem* item : scene()->items())
        links += dynamic_cast<LinkItem*>(item) != nullptr;
    EXPECT_EQ(links, 1) << "the VPN is drawn between the customer gateway and the VPN gateway";

    // On-premises network to DX gateway: a private virtual interface; DX gateway to VGW: an
    // association allowing the VPC's CIDR. Associating twice adds nothing.
    ASSERT_TRUE(dropFromPalette(Kind::DirectConnectGateway, QPointF(300, 1000)));
    const std::string dxgw = newest(Kind::DirectConnectGateway);
    ASSERT_FALSE(dxgw.empty());
    ASSERT_TRUE(view()->connectLink(ResourceId(onPrem), ResourceId(dxgw)));
    const auto* vif = doc().design().findAs<DirectConnectVirtualInterface>(ResourceId(newest(Kind::DirectConnectVirtualInterface)));
    ASSERT_NE(vif, nullptr);
    EXPECT_EQ(vif->vifType, VifType::Private);
    EXPECT_EQ(vif->gateway->str(), dxgw);
    ASSERT_TRUE(view()->connectLink(ResourceId(dxgw), ResourceId(vgw)));
    const auto* gateway = doc().design().findAs<DirectConnectGateway>(ResourceId(dxgw));
    ASSERT_EQ(gateway->associations.size(), 1u);
    EXPECT_EQ(gateway->associations.front().gateway.str(), vgw);
    ASSERT_EQ(gateway->associations.front().allowedPrefixes.size(), 1u);
    EXPECT_EQ(gateway->associations.front().allowedPrefixes.front(), doc().design().findAs<Vpc>(ResourceId(vpc))->ipv4Cidrs.front());
    const int steps = doc().undoStack()->count();
    EXPECT_TRUE(view()->connectLink(ResourceId(vgw), ResourceId(dxgw)));
    EXPECT_EQ(doc().undoStack()->count(), steps) << "already associated";

    // Each link is one undo step.
    doc().undoStack()->undo();
    EXPECT_TRUE(doc().design().findAs<DirectConnectGateway>(ResourceId(dxgw))->associations.empty());
}

} // namespace
} // namespace pp::ui

#include "analysis/Analyzer.h"

#include <QLabel>
#include <QSignalSpy>

namespace pp::ui {
namespace {

TEST_F(Editor, SlowAnalysesRunInTheBackgroundAndTheLatestResultWins)
{
    ASSERT_TRUE(window->openFile(source(QStringLiteral("resources/examples/s3-gateway-endpoint.privatepath"))));
    EXPECT_FALSE(doc().isAnalysing()) << "opening analyses synchronously";
    const std::size_t flowsAtOpen = doc().analysis().flows.size();
    ASSERT_GT(flowsAtOpen, 0u);
    // Treat every analysis as slow, so each edit is analysed on a worker thread.
    doc().setSynchronousBudget(std::chrono::milliseconds(0));
    QLabel* analysing = nullptr;
    for (QLabel* label : window->statusBar()->findChildren<QLabel*>())
        if (label->text() == QStringLiteral("Analysing…"))
            analysing = label;
    ASSERT_NE(analysing, nullptr);
    EXPECT_FALSE(analysing->isVisible());

    const Flow first = doc().design().flows().front();
    {
        // The first edit after opening is measured synchronously (the full analysis at open does not count).
        Flow copy = first;
        copy.id = FlowId("copy-0");
        doc().apply(ChangeSetBuilder(doc().design()).addFlow(copy).build(), QStringLiteral("Add flow"));
        EXPECT_FALSE(doc().isAnalysing());
        ASSERT_NE(doc().flowResult(FlowId("copy-0")), nullptr);
    }
    const std::size_t flowsBeforeBackground = doc().analysis().flows.size();
    QSignalSpy installed(&doc(), &Document::analysisUpdated);
    for (int i = 1; i <= 3; ++i) {
        Flow copy = first;
        copy.id = FlowId("copy-" + std::to_string(i));
        doc().apply(ChangeSetBuilder(doc().design()).addFlow(copy).build(), QStringLiteral("Add flow"));
        EXPECT_TRUE(doc().isAnalysing());
        EXPECT_EQ(doc().analysis().flows.size(), flowsBeforeBackground) << "the window keeps the previous result meanwhile";
    }
    EXPECT_TRUE(analysing->isVisible()) << "the status bar says an analysis is running";
    EXPECT_EQ(installed.count(), 0) << "nothing installed before the event loop runs";
    QTRY_VERIFY_WITH_TIMEOUT(!doc().isAnalysing(), 10000);
    EXPECT_EQ(installed.count(), 1) << "the first worker's result was for an older design and was dropped";
    EXPECT_EQ(doc().analysis().flows.size(), flowsBeforeBackground + 3);
    EXPECT_TRUE(doc().analysis() == analyzeDesign(doc().design())) << "the installed result is the latest design's";
    EXPECT_FALSE(analysing->isVisible());
    ASSERT_NE(doc().flowResult(FlowId("copy-3")), nullptr);
    EXPECT_EQ(flowColour("copy-3"), style::verdictColor(doc().flowResult(FlowId("copy-3"))->verdict))
        << "the canvas colours follow the background result";

    // Undo everything while a worker runs: the result matches the original design again.
    while (doc().undoStack()->canUndo())
        doc().undoStack()->undo();
    QTRY_VERIFY_WITH_TIMEOUT(!doc().isAnalysing(), 10000);
    EXPECT_EQ(doc().analysis().flows.size(), flowsAtOpen);
    EXPECT_TRUE(doc().analysis() == analyzeDesign(doc().design()));

    // A fast design goes back to synchronous analysis once the budget allows it.
    doc().setSynchronousBudget(std::chrono::milliseconds(1000));
    Flow again = first;
    again.id = FlowId("again");
    doc().apply(ChangeSetBuilder(doc().design()).addFlow(again).build(), QStringLiteral("Add flow"));
    EXPECT_FALSE(doc().isAnalysing());
    EXPECT_NE(doc().flowResult(FlowId("again")), nullptr);
}


TEST_F(Editor, DraggingASubnetOrGatewayIntoAnotherVpcMovesItInTheModel)
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("two-vpcs.privatepath"));
    QFile out(file);
    ASSERT_TRUE(out.open(QIODevice::WriteOnly));
    out.write(R"({"schemaVersion": 1,
  "regions": [{"id": "use1", "code": "us-east-1", "availabilityZones": ["use1-az1"]}],
  "vpcs": [{"id": "vpc-a", "region": "use1", "ipv4Cidrs": ["10.0.0.0/16"]},
           {"id": "vpc-b", "region": "use1", "ipv4Cidrs": ["10.1.0.0/16"]}],
  "subnets": [{"id": "s-a", "vpc": "vpc-a", "cidr": "10.0.7.0/24", "availabilityZone": "use1-az1"},
              {"id": "s-b", "vpc": "vpc-b", "cidr": "10.1.0.0/24", "availabilityZone": "use1-az1"}],
  "workloads": [{"id": "i-1", "subnet": "s-a", "privateIp": "10.0.7.10"}],
  "internetGateways": [{"id": "igw-a", "vpc": "vpc-a"}],
  "routeTables": [{"id": "rt-a", "vpc": "vpc-a", "main": true, "routes": [{"destination": "0.0.0.0/0", "target": "igw-a"}]},
                  {"id": "rt-b", "vpc": "vpc-b", "main": true}],
  "diagram": {"shapes": [
    {"resource": "igw-a", "parent": "vpc-a", "x": 400, "y": 300, "width": 90, "height": 70},
    {"resource": "use1", "x": 0, "y": 0, "width": 1300, "height": 500},
    {"resource": "vpc-a", "parent": "use1", "x": 20, "y": 50, "width": 560, "height": 400},
    {"resource": "vpc-b", "parent": "use1", "x": 700, "y": 50, "width": 560, "height": 400},
    {"resource": "s-a", "parent": "vpc-a", "x": 20, "y": 60, "width": 240, "height": 150},
    {"resource": "s-b", "parent": "vpc-b", "x": 20, "y": 60, "width": 240, "height": 150},
    {"resource": "i-1", "parent": "s-a", "x": 20, "y": 50, "width": 90, "height": 70}]}})");
    out.close();
    ASSERT_TRUE(window->openFile(file));
    const QByteArray original = QByteArray::fromStdString(saveDesignToString(doc().design()));
    view()->zoomReset();
    view()->centerOn(QPointF(650, 250));
    // Grab the subnet by its header and drop it in the lower part of vpc-b.
    const QPointF header = insideOf("s-a", 150, 20);
    dragOnCanvas(header, header + QPointF(700, 200));
    const Subnet* s = doc().design().findAs<Subnet>(ResourceId("s-a"));
    ASSERT_NE(s, nullptr);
    EXPECT_EQ(s->vpc.str(), "vpc-b");
    EXPECT_EQ(s->cidr.toString(), "10.1.1.0/24") << "the next free /24 of vpc-b";
    EXPECT_EQ(doc().design().findAs<Workload>(ResourceId("i-1"))->privateIp->toString(), "10.1.1.10");
    EXPECT_EQ(dynamic_cast<ResourceItem*>(scene()->itemFor("s-a")->parentItem())->resourceId().str(), "vpc-b");
    EXPECT_EQ(dynamic_cast<ResourceItem*>(scene()->itemFor("i-1")->parentItem())->resourceId().str(), "s-a");
    EXPECT_EQ(doc().undoStack()->count(), 1) << "one step";
    doc().undoStack()->undo();
    EXPECT_EQ(QByteArray::fromStdString(saveDesignToString(doc().design())), original);

    // Dropped outside every VPC, it goes back.
    const QPointF home = scene()->itemFor("s-a")->scenePos();
    dragOnCanvas(insideOf("s-a", 150, 20), insideOf("s-a", 150, 20) + QPointF(0, 520));
    EXPECT_EQ(scene()->itemFor("s-a")->scenePos(), home);
    EXPECT_EQ(doc().undoStack()->index(), 0);
    EXPECT_TRUE(window->statusBar()->currentMessage().contains(QStringLiteral("stays inside a VPC")))
        << window->statusBar()->currentMessage().toStdString();

    // The internet gateway, dragged to vpc-b, is attached there; vpc-a's route to it goes.
    dragOnCanvas(centreOf("igw-a"), centreOf("igw-a") + QPointF(700, 0));
    EXPECT_EQ(doc().design().findAs<InternetGateway>(ResourceId("igw-a"))->vpc, ResourceId("vpc-b"));
    EXPECT_TRUE(doc().design().findAs<RouteTable>(ResourceId("rt-a"))->routes.empty());
    EXPECT_EQ(dynamic_cast<ResourceItem*>(scene()->itemFor("igw-a")->parentItem())->resourceId().str(), "vpc-b");
    EXPECT_TRUE(window->statusBar()->currentMessage().contains(QStringLiteral("1 route(s)")))
        << window->statusBar()->currentMessage().toStdString();
    doc().undoStack()->undo();
    EXPECT_EQ(QByteArray::fromStdString(saveDesignToString(doc().design())), original);
}

// A failed save shows what went wrong, in the system's words where it has them, and the design
// stays unsaved: a read-only file (refused by its mode, also for root) and a full disk (injected
// into the one writer, as a real one would fail write()).
TEST_F(Editor, FailedSaveShowsTheReasonAndStaysUnsaved)
{
    ASSERT_TRUE(window->openFile(source(QStringLiteral("resources/examples/s3-gateway-endpoint.privatepath"))));
    select("app-a");
    ASSERT_EQ(window->inspector()->editField(QStringLiteral("cidr"), QStringLiteral("10.0.5.0/24")), QString());
    ASSERT_TRUE(doc().isModified());
    QTemporaryDir dir;
    const QString readOnly = dir.filePath(QStringLiteral("read-only.privatepath")),
                  target = dir.filePath(QStringLiteral("full.privatepath"));
    for (const QString& path : {readOnly, target}) {
        QFile f(path);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write("old");
    }
    QFile::setPermissions(readOnly, QFileDevice::ReadOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther);

    auto messageShown = [this] {
        QStringList texts;
        for (const QMessageBox* box : window->findChildren<QMessageBox*>())
            if (box->isVisible())
                texts << box->text();
        return texts.join(QLatin1Char('\n'));
    };
    EXPECT_FALSE(window->saveTo(readOnly));
    EXPECT_NE(window->lastError().indexOf(QStringLiteral("read-only")), -1) << window->lastError().toStdString();
    EXPECT_NE(messageShown().indexOf(QStringLiteral("read-only")), -1) << messageShown().toStdString();
    EXPECT_EQ(readAll(readOnly), QByteArray("old"));
    EXPECT_TRUE(doc().isModified());

    failNextWriteForTesting(ENOSPC);
    EXPECT_FALSE(window->saveTo(target));
    EXPECT_NE(window->lastError().indexOf(QStringLiteral("No space left on device")), -1) << window->lastError().toStdString();
    EXPECT_EQ(readAll(target), QByteArray("old"));
    EXPECT_TRUE(doc().isModified());
    EXPECT_TRUE(doc().filePath().endsWith(QLatin1String("s3-gateway-endpoint.privatepath")));
    EXPECT_EQ(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 2) << "no temporary file is left";

    ASSERT_TRUE(window->saveTo(target));
    EXPECT_FALSE(doc().isModified());
}

// What the command line refuses, the editor refuses with the same message: far coordinates name
// the field and line; control characters are escaped; the open design is kept.
TEST_F(Editor, OutOfRangeOrHostileFileIsRefusedWithAnEscapedMessage)
{
    ASSERT_TRUE(window->openFile(source(QStringLiteral("resources/examples/marketplace-saas.privatepath"))));
    const std::string before = saveDesignToString(doc().design());
    QTemporaryDir dir;
    const QString far = dir.filePath(QStringLiteral("far.privatepath"));
    QFile f(far);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write("{\"schemaVersion\": 2, \"internetHosts\": [{\"id\": \"h\", \"address\": \"203.0.113.1\"},\n"
            "  {\"id\": \"\\u001b]0;owned\\u0007\", \"address\": \"203.0.113.2\"}],\n"
            "  \"diagram\": {\"shapes\": [{\"resource\": \"h\", \"x\": -1e308, \"y\": 0, \"width\": 5, \"height\": 5}]}}\n");
    f.close();
    EXPECT_FALSE(window->openFile(far));
    const QString error = window->lastError();
    EXPECT_NE(error.indexOf(QStringLiteral("far.privatepath:3:")), -1) << error.toStdString();
    EXPECT_NE(error.indexOf(QStringLiteral("(at /diagram/shapes/0/x)")), -1) << error.toStdString();
    EXPECT_NE(error.indexOf(QStringLiteral("\\u001b]0;owned\\u0007")), -1) << error.toStdString();
    EXPECT_EQ(error.indexOf(QChar(0x1b)), -1);
    EXPECT_EQ(saveDesignToString(doc().design()), before);
}

} // namespace
} // namespace pp::ui
