// Drawing a VPC Lattice share as a user would (rules PL-1, PL-2): the palette's resource gateway,
// resource configuration and service network, and links dragged between them and a consumer's
// endpoint set the references the engine follows; each link is one undo step.
#include "EditorFixture.h"

#include "canvas/FlowItem.h"

namespace pp::ui {
namespace {

int drawnLinks(DiagramScene* scene)
{
    int links = 0;
    for (QGraphicsItem* item : scene->items())
        links += dynamic_cast<LinkItem*>(item) != nullptr;
    return links;
}

TEST_F(Editor, DrawingALatticeShareFromThePaletteSetsWhatTheEngineFollows)
{
    ASSERT_TRUE(dropFromPalette(Kind::Vpc, QPointF(300, 300)));
    const std::string vpc = newest(Kind::Vpc);
    ASSERT_TRUE(dropFromPalette(Kind::Subnet, insideOf(vpc, 140, 100)));
    const std::string subnet = newest(Kind::Subnet);

    // A resource gateway dropped on a subnet has its interface there and is drawn in it.
    ASSERT_TRUE(dropFromPalette(Kind::ResourceGateway, insideOf(subnet, 160, 60)));
    const std::string gateway = newest(Kind::ResourceGateway);
    const auto* g = doc().design().findAs<ResourceGateway>(ResourceId(gateway));
    ASSERT_NE(g, nullptr);
    EXPECT_EQ(g->vpc.str(), vpc);
    EXPECT_EQ(g->subnets, (ResourceIds{ResourceId(subnet)}));
    auto* drawnIn = dynamic_cast<ResourceItem*>(scene()->itemFor(gateway)->parentItem());
    ASSERT_NE(drawnIn, nullptr);
    EXPECT_EQ(drawnIn->resourceId().str(), subnet);

    // A resource configuration dropped in the VPC goes through that VPC's gateway.
    ASSERT_TRUE(dropFromPalette(Kind::Workload, insideOf(subnet, 40, 60)));
    const std::string database = newest(Kind::Workload);
    ASSERT_TRUE(dropFromPalette(Kind::ResourceConfiguration, QPointF(300, 1500)));
    const std::string config = newest(Kind::ResourceConfiguration);
    EXPECT_FALSE(doc().design().findAs<ResourceConfiguration>(ResourceId(config))->resourceGateway) << "dropped outside any VPC";
    ASSERT_TRUE(view()->connectLink(ResourceId(config), ResourceId(gateway)));
    ASSERT_TRUE(view()->connectLink(ResourceId(database), ResourceId(config)));
    const auto* c = doc().design().findAs<ResourceConfiguration>(ResourceId(config));
    EXPECT_EQ(c->resourceGateway, ResourceId(gateway));
    EXPECT_EQ(c->resource, ResourceId(database));
    EXPECT_TRUE(c->domainName.empty()) << "the configuration names one resource";

    // A service network holding it, and an endpoint dragged onto the network becomes a
    // service-network endpoint (PL-2).
    ASSERT_TRUE(dropFromPalette(Kind::ServiceNetwork, QPointF(700, 1500)));
    const std::string network = newest(Kind::ServiceNetwork);
    ASSERT_TRUE(view()->connectLink(ResourceId(config), ResourceId(network)));
    EXPECT_EQ(doc().design().findAs<ServiceNetwork>(ResourceId(network))->resourceConfigurations, (ResourceIds{ResourceId(config)}));
    const int steps = doc().undoStack()->count();
    EXPECT_TRUE(view()->connectLink(ResourceId(network), ResourceId(config)));
    EXPECT_EQ(doc().undoStack()->count(), steps) << "already associated";
    ASSERT_TRUE(dropFromPalette(Kind::VpcEndpoint, insideOf(subnet, 40, 140)));
    const std::string endpoint = newest(Kind::VpcEndpoint);
    ASSERT_TRUE(view()->connectLink(ResourceId(endpoint), ResourceId(network)));
    const auto* e = doc().design().findAs<VpcEndpoint>(ResourceId(endpoint));
    EXPECT_EQ(e->endpointType, EndpointType::ServiceNetwork);
    EXPECT_EQ(e->service.str(), network);
    // Configuration to gateway and to database, network to configuration, endpoint to network.
    EXPECT_GE(drawnLinks(scene()), 4);
    for (const Finding& f : doc().analysis().findings)
        EXPECT_NE(f.code, "ENDPOINT_TYPE_MISMATCH") << f.message;

    // Dragged onto the configuration instead, it is a resource endpoint; undo puts it back.
    ASSERT_TRUE(view()->connectLink(ResourceId(endpoint), ResourceId(config)));
    EXPECT_EQ(doc().design().findAs<VpcEndpoint>(ResourceId(endpoint))->endpointType, EndpointType::Resource);
    doc().undoStack()->undo();
    EXPECT_EQ(doc().design().findAs<VpcEndpoint>(ResourceId(endpoint))->endpointType, EndpointType::ServiceNetwork);
}

} // namespace
} // namespace pp::ui
