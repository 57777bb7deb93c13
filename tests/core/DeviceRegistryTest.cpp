// The tracer asks the device registry what to do at each vertex of the forwarding graph: a
// device added to the graph but not registered would drop every packet that reaches it.

#include "analysis/trace/Device.h"

#include <gtest/gtest.h>

namespace pp::trace {
namespace {

TEST(DeviceRegistry, EveryForwardingGraphVertexKindHasADevice)
{
    const DeviceRegistry& registry = DeviceRegistry::standard();
    for (std::size_t k = 0; k < kNodeKindCount; ++k)
        EXPECT_NE(registry.atVertex(NodeKind(k)), nullptr) << "node kind " << k;
}

TEST(DeviceRegistry, EveryKindOfFlowDestinationHasADevice)
{
    const DeviceRegistry& registry = DeviceRegistry::standard();
    for (const Kind k : {Kind::Workload, Kind::OnPremisesHost, Kind::InternetHost, Kind::AwsService, Kind::VpcEndpoint,
                         Kind::EndpointService, Kind::LoadBalancer})
        EXPECT_NE(registry.forResource(k), nullptr) << kindInfo(k).name;
    EXPECT_EQ(registry.forResource(Kind::Subnet), nullptr);
}

} // namespace
} // namespace pp::trace
