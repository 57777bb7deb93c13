// The network index the engine reads (analysis/Network.h): which addresses are private.
#include "TestSupport.h"

#include "analysis/Network.h"

#include <gtest/gtest.h>

namespace pp::test {
namespace {

// A VPC may use a public range privately, and on-premises networks too: an address inside one is
// private for verdicts. Blocks nest (a VPC's block inside another VPC's), repeat, and mix
// families; every address on and around their edges is answered as a scan of all blocks would.
TEST(Network, AddressesInsideAnyVpcOrOnPremisesBlockArePrivate)
{
    const LoadResult loaded = loadDesign(R"({"schemaVersion": 3,
  "regions": [{"id": "use1", "code": "us-east-1"}],
  "vpcs": [
    {"id": "vpc-a", "region": "use1", "ipv4Cidrs": ["52.0.0.0/16", "60.0.0.0/24"], "ipv6Cidr": "2600:1f18:1234:ab00::/56"},
    {"id": "vpc-b", "region": "use1", "ipv4Cidrs": ["52.0.4.0/24"]},
    {"id": "vpc-c", "region": "use1", "ipv4Cidrs": ["52.0.0.0/16"]},
    {"id": "vpc-d", "region": "use1", "ipv4Cidrs": ["8.8.8.0/30", "200.1.0.0/16"]}
  ],
  "onPremisesNetworks": [{"id": "dc", "cidrs": ["11.0.0.0/8", "60.0.0.128/25"], "internetBreakout": false}]})",
                                         "private.privatepath");
    ASSERT_TRUE(loaded.ok()) << (loaded.diagnostics.empty() ? "" : loaded.diagnostics[0].format());
    const Network net(*loaded.design);

    std::vector<Cidr> blocks;
    for (const char* text : {"52.0.0.0/16", "60.0.0.0/24", "2600:1f18:1234:ab00::/56", "52.0.4.0/24", "8.8.8.0/30",
                             "200.1.0.0/16", "11.0.0.0/8", "60.0.0.128/25"})
        blocks.push_back(*Cidr::parse(text));
    std::vector<IpAddress> probes;
    for (const Cidr& b : blocks)
        for (const IpAddress edge : {b.network(), b.last()})
            for (const int delta : {-1, 0, 1}) {
                const Uint128 value = edge.value() + Uint128(std::int64_t(delta));
                probes.push_back(edge.isV4() ? IpAddress::v4(std::uint32_t(value)) : IpAddress::v6(value));
            }
    for (const char* text : {"0.0.0.0", "255.255.255.255", "1.1.1.1", "100.64.0.1", "10.1.2.3", "2600:1f18::1", "::"})
        probes.push_back(*IpAddress::parse(text));

    int inside = 0;
    for (const IpAddress& a : probes) {
        const bool scan = a.isPrivate() || std::any_of(blocks.begin(), blocks.end(), [&](const Cidr& b) { return b.contains(a); });
        EXPECT_EQ(net.isPrivateAddress(a), scan) << a.toString();
        inside += scan && !a.isPrivate() ? 1 : 0;
    }
    EXPECT_GT(inside, 20);
    EXPECT_TRUE(net.isPrivateAddress(*IpAddress::parse("52.0.200.1")));
    EXPECT_FALSE(net.isPrivateAddress(*IpAddress::parse("52.1.0.0")));
    EXPECT_FALSE(net.isPrivateAddress(*IpAddress::parse("8.8.8.8"))); // the VPC has 8.8.8.0/30 only
}

} // namespace
} // namespace pp::test
