#include "model/Cidr.h"

#include <gtest/gtest.h>

namespace pp {
namespace {

IpAddress ip(const char* text)
{
    auto a = IpAddress::parse(text);
    EXPECT_TRUE(a.has_value()) << text;
    return a.value_or(IpAddress());
}
Cidr cidr(const char* text)
{
    std::string why;
    auto c = Cidr::parse(text, &why);
    EXPECT_TRUE(c.has_value()) << text << ": " << why;
    return c.value_or(Cidr());
}
std::string parseError(const char* text)
{
    std::string why;
    EXPECT_FALSE(Cidr::parse(text, &why).has_value()) << text;
    return why;
}

TEST(IpAddress, ParsesAndPrintsIpv4)
{
    EXPECT_EQ(ip("10.0.1.10").toString(), "10.0.1.10");
    EXPECT_EQ(ip("255.255.255.255").value(), Uint128(0xffffffffu));
    EXPECT_EQ(ip("0.0.0.0").value(), Uint128(0));
    EXPECT_TRUE(ip("1.2.3.4").isV4());
}

TEST(IpAddress, RefusesMalformedIpv4)
{
    for (const char* bad : {"10.0.1", "10.0.1.256", "10.0.01.1", "10.0.1.1.", "1.2.3.4.5", "a.b.c.d", "", "10..1.1",
                            " 10.0.0.1", "10.0.0.1/8"})
        EXPECT_FALSE(IpAddress::parse(bad).has_value()) << '"' << bad << '"';
}

TEST(IpAddress, ParsesIpv6WithCompressionAndEmbeddedIpv4)
{
    EXPECT_EQ(ip("2001:db8::1").toString(), "2001:db8::1");
    EXPECT_EQ(ip("2001:0DB8:0000:0000:0000:0000:0000:0001").toString(), "2001:db8::1");
    EXPECT_EQ(ip("::").toString(), "::");
    EXPECT_EQ(ip("::1").toString(), "::1");
    EXPECT_EQ(ip("fe80::").toString(), "fe80::");
    EXPECT_EQ(ip("::ffff:192.0.2.1").value(), (Uint128(0xffff) << 32) | 0xc0000201u);
    EXPECT_EQ(ip("::ffff:c000:201").toString(), "::ffff:192.0.2.1");
    // RFC 5952: compress the longest zero run, the first one on a tie; never a single group.
    EXPECT_EQ(ip("2001:db8:0:0:1:0:0:1").toString(), "2001:db8::1:0:0:1");
    EXPECT_EQ(ip("2001:db8:0:1:1:1:1:1").toString(), "2001:db8:0:1:1:1:1:1");
    EXPECT_FALSE(ip("2001:db8::1").isV4());
}

TEST(IpAddress, RefusesMalformedIpv6)
{
    for (const char* bad : {"2001:db8:::1", "1::2::3", ":1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "12345::", "g::1",
                            "1:2:3:4:5:6:7:", "1:2:3:4:5:6:7", "::1.2.3.4:5"})
        EXPECT_FALSE(IpAddress::parse(bad).has_value()) << '"' << bad << '"';
}

TEST(IpAddress, KnowsPrivateRanges_IGW3)
{
    for (const char* p : {"10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "100.64.0.1", "100.127.255.255", "fd00::1"})
        EXPECT_TRUE(ip(p).isPrivate()) << p;
    for (const char* p : {"172.32.0.1", "172.15.255.255", "192.169.0.1", "100.128.0.1", "8.8.8.8", "2600::1", "11.0.0.1"})
        EXPECT_FALSE(ip(p).isPrivate()) << p;
}

TEST(IpAddress, OrdersIpv4BeforeIpv6ThenNumerically)
{
    EXPECT_LT(ip("10.0.0.2"), ip("10.0.0.10"));
    EXPECT_LT(ip("255.255.255.255"), ip("::"));
}

TEST(Cidr, ParsesAndMeasuresBlocks)
{
    const Cidr vpc = cidr("10.0.0.0/16");
    EXPECT_EQ(vpc.prefixLength(), 16);
    EXPECT_EQ(vpc.size(), Uint128(65536));
    EXPECT_EQ(vpc.last().toString(), "10.0.255.255");
    EXPECT_EQ(cidr("0.0.0.0/0").size(), Uint128(1) << 32);
    EXPECT_EQ(cidr("10.0.0.5/32").size(), Uint128(1));
    EXPECT_EQ(cidr("2600:1f18:1234::/56").last().toString(), "2600:1f18:1234:ff:ffff:ffff:ffff:ffff");
    EXPECT_EQ(cidr("::/0").size(), ~Uint128(0)); // saturates
}

TEST(Cidr, RefusesHostBitsAndNamesTheNetwork)
{
    EXPECT_EQ(parseError("10.0.0.1/16"), "host bits are set; the network is 10.0.0.0/16");
    EXPECT_NE(parseError("10.0.0.0").find("prefix length"), std::string::npos);
    EXPECT_NE(parseError("10.0.0.0/33").find("0 to 32"), std::string::npos);
    EXPECT_NE(parseError("2001:db8::/129").find("0 to 128"), std::string::npos);
    EXPECT_NE(parseError("10.0.0.0/016").find("prefix length"), std::string::npos);
    EXPECT_NE(parseError("10.0.0.0/-1").find("prefix length"), std::string::npos);
    EXPECT_NE(parseError("10.0.0.0/").find("prefix length"), std::string::npos);
    EXPECT_NE(parseError("10.0.300.0/24").find("greater than 255"), std::string::npos);
}

TEST(Cidr, ContainmentAndOverlap)
{
    const Cidr vpc = cidr("10.0.0.0/16");
    EXPECT_TRUE(vpc.contains(cidr("10.0.1.0/24")));
    EXPECT_TRUE(vpc.contains(vpc));
    EXPECT_FALSE(cidr("10.0.1.0/24").contains(vpc));
    EXPECT_TRUE(vpc.contains(ip("10.0.255.255")));
    EXPECT_FALSE(vpc.contains(ip("10.1.0.0")));
    EXPECT_TRUE(cidr("0.0.0.0/0").contains(ip("203.0.113.10")));
    EXPECT_TRUE(vpc.overlaps(cidr("10.0.128.0/17")));
    EXPECT_TRUE(cidr("10.0.128.0/17").overlaps(vpc));
    EXPECT_FALSE(vpc.overlaps(cidr("10.1.0.0/16")));
    // Families never mix (rule RT-3).
    EXPECT_FALSE(cidr("::/0").contains(ip("10.0.0.1")));
    EXPECT_FALSE(cidr("0.0.0.0/0").overlaps(cidr("::/0")));
    EXPECT_TRUE(cidr("2600:1f18::/56").contains(cidr("2600:1f18:0:1::/64")));
}

TEST(Cidr, ContainingClearsHostBits)
{
    EXPECT_EQ(Cidr::containing(ip("10.0.1.77"), 24).toString(), "10.0.1.0/24");
    EXPECT_EQ(Cidr::containing(ip("2001:db8::1"), 32).toString(), "2001:db8::/32");
}

TEST(Cidr, FirstFreeBlockProposesTheNextSubnet)
{
    const Cidr vpc = cidr("10.0.0.0/16");
    EXPECT_EQ(firstFreeBlock(vpc, 24, {})->toString(), "10.0.0.0/24");
    EXPECT_EQ(firstFreeBlock(vpc, 24, {cidr("10.0.0.0/24"), cidr("10.0.1.0/24")})->toString(), "10.0.2.0/24");
    // Skips a hole too small, and blocks outside the parent are ignored.
    EXPECT_EQ(firstFreeBlock(vpc, 23, {cidr("10.0.0.0/24"), cidr("10.0.3.0/24"), cidr("192.168.0.0/16")})->toString(),
              "10.0.4.0/23");
    EXPECT_EQ(firstFreeBlock(vpc, 24, {cidr("10.0.0.0/17"), cidr("10.0.128.0/24")})->toString(), "10.0.129.0/24");
    EXPECT_FALSE(firstFreeBlock(vpc, 24, {vpc}).has_value());
    EXPECT_FALSE(firstFreeBlock(vpc, 8, {}).has_value());
    EXPECT_EQ(firstFreeBlock(cidr("2600:1f18::/56"), 64, {cidr("2600:1f18::/64")})->toString(), "2600:1f18:0:1::/64");
}

TEST(Cidr, OrderingIsStable)
{
    EXPECT_LT(cidr("10.0.0.0/16"), cidr("10.0.0.0/24"));
    EXPECT_LT(cidr("10.0.0.0/24"), cidr("10.0.1.0/24"));
}

} // namespace
} // namespace pp
