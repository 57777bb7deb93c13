// Flows drawn along their path: through the devices their packets cross, labelled, with the exit
// from the private network marked; structural links labelled. Real editor widgets, offscreen.
#include "EditorFixture.h"

#include "canvas/ExposureBadge.h"
#include "canvas/FlowLegs.h"
#include "panels/IssuesPanel.h"
#include "edit/ChangeSet.h"

namespace pp::ui {
namespace {

class FlowDrawing : public Editor {
protected:
    void open(const QString& example)
    {
        ASSERT_TRUE(window->openFile(source(QStringLiteral("resources/examples/") + example)));
    }
    FlowItem* flow(const std::string& id)
    {
        FlowItem* f = scene()->flowItemFor(id);
        EXPECT_NE(f, nullptr) << id;
        return f;
    }
    QStringList viaIds(const FlowItem* f)
    {
        QStringList out;
        for (const ResourceItem* r : f->via())
            out << QString::fromStdString(r->resourceId().str());
        return out;
    }
    // Whether `point` lies on the border of the tile's icon (where connectors meet a tile).
    bool meets(const QPointF& point, const std::string& id)
    {
        const ResourceItem* item = scene()->itemFor(id);
        const QRectF icon = style::tileIconRect(item->size());
        const QRectF attach(item->scenePos() + icon.topLeft(), QSizeF(icon.width(), item->size().height() - icon.top()));
        const bool on = attach.adjusted(-0.5, -0.5, 0.5, 0.5).contains(point) && !attach.adjusted(0.5, 0.5, -0.5, -0.5).contains(point);
        if (!on)
            qWarning() << "not on" << id.c_str() << point << attach;
        return on;
    }
};

TEST_F(FlowDrawing, PublicFlowPassesThroughItsNatAndInternetGatewayAndMarksTheExit)
{
    open(QStringLiteral("s3-gateway-endpoint.privatepath"));
    FlowItem* f = flow("flow-s3-via-nat");
    ASSERT_TRUE(f);
    EXPECT_EQ(f->verdict(), Verdict::Public);
    // Route tables and security groups stay implicit; the NAT and the internet gateway are drawn through.
    EXPECT_EQ(viaIds(f), (QStringList{QStringLiteral("nat-a"), QStringLiteral("igw-a")}));
    ASSERT_EQ(f->legs().size(), 3);
    // Each leg ends at the next device's icon and the next starts there.
    EXPECT_TRUE(meets(f->legs()[0].last(), "nat-a"));
    EXPECT_TRUE(meets(f->legs()[1].first(), "nat-a"));
    EXPECT_TRUE(meets(f->legs()[1].last(), "igw-a"));
    EXPECT_TRUE(meets(f->legs()[2].first(), "igw-a"));
    EXPECT_TRUE(meets(f->legs()[0].first(), "i-app-nat")); // from the icon, not the invisible box
    EXPECT_TRUE(meets(f->legs()[2].last(), "s3"));
    // The leg after the internet gateway is outside the private network.
    EXPECT_EQ(f->exitLeg(), 2);
    // The exit tile is ringed even when the flow is not selected.
    scene()->clearSelection();
    QApplication::processEvents();
    EXPECT_TRUE(scene()->isExitHighlighted(scene()->itemFor("igw-a")));
    EXPECT_FALSE(scene()->isExitHighlighted(scene()->itemFor("nat-a")));
    // Labelled with its name and protocol/port.
    EXPECT_TRUE(f->label().contains(QStringLiteral("TCP 443"))) << f->label().toStdString();
    EXPECT_TRUE(f->label().contains(QStringLiteral("App (NAT only) to S3"))) << f->label().toStdString();
    EXPECT_FALSE(f->labelRect().isEmpty());
    // A click on the label picks the flow.
    EXPECT_EQ(scene()->pick(f->labelRect().center()), f);
}

TEST_F(FlowDrawing, AnEditThatMakesItPrivateRedrawsItThroughTheGatewayEndpoint)
{
    open(QStringLiteral("s3-gateway-endpoint.privatepath"));
    // The hint's fix: associate the gateway endpoint with the NAT subnet's route table.
    Resource endpoint = *doc().design().find(ResourceId("vpce-s3"));
    endpoint.as<VpcEndpoint>()->routeTables.push_back(ResourceId("rt-app-nat"));
    doc().apply(ChangeSetBuilder(doc().design()).modify(endpoint).build(), QStringLiteral("Associate"));
    FlowItem* f = flow("flow-s3-via-nat");
    ASSERT_TRUE(f);
    EXPECT_EQ(f->verdict(), Verdict::Private);
    EXPECT_EQ(viaIds(f), QStringList{QStringLiteral("vpce-s3")});
    ASSERT_EQ(f->legs().size(), 2);
    EXPECT_TRUE(meets(f->legs()[0].last(), "vpce-s3"));
    EXPECT_EQ(f->exitLeg(), -1);
    EXPECT_FALSE(scene()->isExitHighlighted(scene()->itemFor("igw-a")));
    // Undo: back through the NAT and the internet gateway.
    doc().undoStack()->undo();
    EXPECT_EQ(viaIds(f), (QStringList{QStringLiteral("nat-a"), QStringLiteral("igw-a")}));
    EXPECT_EQ(f->legs().size(), 3);
}

TEST_F(FlowDrawing, DeletingADeviceOnThePathLeavesNoDanglingWaypoint)
{
    open(QStringLiteral("s3-gateway-endpoint.privatepath"));
    select("nat-a");
    QTest::keyClick(view()->viewport(), Qt::Key_Delete);
    FlowItem* f = flow("flow-s3-via-nat");
    ASSERT_TRUE(f);
    EXPECT_FALSE(viaIds(f).contains(QStringLiteral("nat-a")));
    EXPECT_EQ(f->verdict(), Verdict::Unreachable);
    // Blocked on its first leg: the packet never left the subnet.
    EXPECT_EQ(f->blockedLeg(), 0);
    view()->viewport()->repaint(); // paints without touching the deleted tile
}

TEST_F(FlowDrawing, HybridFlowCrossesTheVpnAndTheVirtualPrivateGateway)
{
    open(QStringLiteral("on-premises-application.privatepath"));
    FlowItem* f = flow("flow-branch-sqs");
    ASSERT_TRUE(f);
    const QStringList via = viaIds(f);
    // DNS answered by the Resolver endpoint is not a hop the packet crosses.
    EXPECT_FALSE(via.contains(QStringLiteral("r53-inbound")));
    for (const QString& id : via)
        EXPECT_TRUE(scene()->itemFor(id.toStdString())) << id.toStdString();
    EXPECT_TRUE(via.contains(QStringLiteral("vpce-sqs")));
    EXPECT_EQ(f->legs().size(), via.size() + 1);
}

TEST_F(FlowDrawing, VerdictsDifferByLineStyleWithoutColour)
{
    open(QStringLiteral("s3-gateway-endpoint.privatepath"));
    DiagramScene::Presentation grey;
    grey.verdictColours = false;
    scene()->setPresentation(grey);
    FlowItem* pub = flow("flow-s3-via-nat");
    FlowItem* priv = flow("flow-s3-via-endpoint");
    ASSERT_TRUE(pub && priv);
    EXPECT_EQ(pub->pen().color(), priv->pen().color());
    // In grey, the public flow's leg after the exit is dash-dotted; the private flow is solid.
    EXPECT_NE(pub->exitLeg(), -1);
    EXPECT_EQ(priv->exitLeg(), -1);
    EXPECT_EQ(pub->legPen(0).style(), Qt::SolidLine);
    EXPECT_EQ(pub->legPen(pub->exitLeg()).style(), Qt::CustomDashLine);
    for (int i = 0; i < priv->legs().size(); ++i)
        EXPECT_EQ(priv->legPen(i).style(), Qt::SolidLine);
    // An unreachable flow is dashed from where it is blocked.
    select("nat-a");
    QTest::keyClick(view()->viewport(), Qt::Key_Delete);
    ASSERT_EQ(pub->verdict(), Verdict::Unreachable);
    EXPECT_EQ(pub->legPen(pub->blockedLeg()).style(), Qt::CustomDashLine);
}

TEST_F(FlowDrawing, StructuralLinksAreLabelledAndExplained)
{
    open(QStringLiteral("on-premises-application.privatepath"));
    int labelled = 0, vpn = 0;
    for (QGraphicsItem* item : scene()->items()) {
        auto* link = dynamic_cast<LinkItem*>(item);
        if (!link)
            continue;
        EXPECT_FALSE(link->toolTip().isEmpty());
        labelled += link->label().isEmpty() ? 0 : 1;
        const Resource* maker = doc().design().find(ResourceId(link->maker()));
        ASSERT_TRUE(maker);
        if (maker->kind() == Kind::VpnConnection) {
            ++vpn;
            EXPECT_EQ(link->pen().style(), Qt::DashLine); // the tunnel crosses the internet
        }
    }
    EXPECT_GT(labelled, 0);
    EXPECT_GT(vpn, 0);
}

TEST_F(FlowDrawing, ExposureIsShownInTheIssuesPanelOnTheWorkloadAndOnSelection)
{
    open(QStringLiteral("s3-gateway-endpoint.privatepath"));
    // check reports: i-app-nat and i-app-s3 reach the internet via nat-a, igw-a.
    ExposureBadge* badge = scene()->exposureBadgeFor("i-app-nat");
    ASSERT_TRUE(badge);
    EXPECT_EQ(badge->parentItem(), scene()->itemFor("i-app-nat"));
    const QPointF onBadge = badge->mapToScene(badge->boundingRect().center());
    const QString tip = scene()->toolTipAt(onBadge);
    EXPECT_TRUE(tip.contains(QStringLiteral("Reaches the internet via"))) << tip.toStdString();
    EXPECT_TRUE(tip.contains(QStringLiteral("igw-a")));
    // A device on the way renamed: the tooltip names it as it is now (the exposure itself is the same).
    Resource igw = *doc().design().find(ResourceId("igw-a"));
    igw.name = "Edge gateway";
    doc().apply(ChangeSetBuilder(doc().design()).modify(igw).build(), QStringLiteral("Rename"));
    EXPECT_TRUE(scene()->toolTipAt(onBadge).contains(QStringLiteral("Edge gateway"))) << scene()->toolTipAt(onBadge).toStdString();
    doc().undoStack()->undo();
    EXPECT_FALSE(scene()->exposureBadgeFor("s3"));
    // In the issues panel, an exposure group; opened, one row per exposed workload naming the way out.
    QTreeWidgetItem* group = nullptr;
    for (int i = 0; i < window->issuesPanel()->topLevelItemCount(); ++i)
        if (window->issuesPanel()->topLevelItem(i)->data(1, Qt::UserRole).toString() == QStringLiteral("exposureGroup"))
            group = window->issuesPanel()->topLevelItem(i);
    ASSERT_TRUE(group);
    EXPECT_TRUE(group->text(2).contains(QStringLiteral("2 workloads reach the internet"))) << group->text(2).toStdString();
    group->setExpanded(true);
    ASSERT_EQ(group->childCount(), 2);
    for (int i = 0; i < group->childCount(); ++i) {
        EXPECT_EQ(group->child(i)->data(1, Qt::UserRole).toString(), QStringLiteral("exposure"));
        EXPECT_TRUE(group->child(i)->data(0, Qt::UserRole).toStringList().contains(QStringLiteral("nat-a")));
    }
    // Selecting the workload rings the devices through which it reaches the internet.
    scene()->selectIds({QStringLiteral("i-app-s3")});
    QApplication::processEvents();
    EXPECT_TRUE(scene()->isExitHighlighted(scene()->itemFor("nat-a")));
    scene()->clearSelection();
    QApplication::processEvents();
    EXPECT_FALSE(scene()->isExitHighlighted(scene()->itemFor("nat-a")));
    // Live: without the NAT gateway's route nothing reaches the internet and the badges go.
    select("nat-a");
    QTest::keyClick(view()->viewport(), Qt::Key_Delete);
    EXPECT_FALSE(scene()->exposureBadgeFor("i-app-nat"));
    doc().undoStack()->undo();
    EXPECT_TRUE(scene()->exposureBadgeFor("i-app-nat"));
}

// A flow to a resource configuration goes on from the configuration, through the provider's
// resource gateway, to the database: the connector follows it there and ends at the database,
// instead of coming back to the configuration's tile.
TEST_F(FlowDrawing, FlowToAResourceConfigurationEndsAtTheResource)
{
    open(QStringLiteral("rds-resource-endpoint.privatepath"));
    FlowItem* f = flow("orders-db");
    ASSERT_TRUE(f);
    EXPECT_EQ(f->verdict(), Verdict::Private);
    EXPECT_EQ(viaIds(f), (QStringList{QStringLiteral("vpce-orders-db"), QStringLiteral("rcfg-orders"), QStringLiteral("rgw-db"),
                                      QStringLiteral("rds-orders")}));
    ASSERT_EQ(f->legs().size(), 4);
    EXPECT_TRUE(meets(f->legs()[1].last(), "rcfg-orders"));
    EXPECT_TRUE(meets(f->legs()[2].first(), "rcfg-orders"));
    EXPECT_TRUE(meets(f->legs()[3].last(), "rds-orders")) << "the arrow ends at the database";

    // Dropped at the configuration (MySQL's port is not shared): the connector ends there.
    FlowItem* dropped = flow("orders-db-mysql");
    ASSERT_TRUE(dropped);
    EXPECT_EQ(viaIds(dropped), QStringList{QStringLiteral("vpce-orders-db")});
    ASSERT_EQ(dropped->legs().size(), 2);
    EXPECT_TRUE(meets(dropped->legs()[1].last(), "rcfg-orders"));
}

TEST(FlowLegsRule, ImplicitHopsAndContainersAreNotWaypoints)
{
    // A path through a route table, a security group and a VPC: none is a waypoint.
    FlowResult r;
    r.verdict = Verdict::Private;
    for (const char* id : {"src", "vpc", "sg", "rt", "dst"})
        r.path.push_back(Hop{.resource = id, .kind = {}, .action = "route", .detail = {}, .source = {}, .destination = {}});
    const FlowLegs legs = flowLegs(r, nullptr, nullptr, [](const std::string&) { return nullptr; });
    EXPECT_TRUE(legs.via.isEmpty());
    EXPECT_EQ(legs.exitLeg, -1);
    EXPECT_EQ(legs.blockedLeg, -1);
}

} // namespace
} // namespace pp::ui
