// DEF-1 (issue 14): defaults follow what AWS does when a user creates the thing. Version 3 of the
// format: a security group written without `outbound` has AWS's default egress (all traffic), an
// on-premises network without `internetBreakout` has none. Version 2 files keep their meaning (the
// migration writes the old defaults out), and a path that relies on a default says so.
#include "RulesSupport.h"

#include "io/Migration.h"

namespace pp {
namespace {

using namespace test;

// The app server's only group has no `outbound` at all.
json withBareGroup(int version)
{
    json d = oneVpc();
    d["schemaVersion"] = version;
    res(d, "securityGroups", "sg-app").erase("outbound");
    setFlow(d, "i-app", "web");
    return d;
}

TEST(Rule_DEF1, AGroupWithoutOutboundAllowsAllEgressAsAwsDoes)
{
    const Outcome o = analyse(withBareGroup(3));
    EXPECT_VERDICT(o, "public");
    EXPECT_TRUE(lacksCode(o, "ENI_SG_RULES_MISMATCH"));
    // The path says it relies on AWS's default egress rule.
    const auto hop = std::find_if(o.flow.path.begin(), o.flow.path.end(),
                                  [](const Hop& h) { return h.detail.find("AWS's default egress") != std::string::npos; });
    EXPECT_NE(hop, o.flow.path.end()) << o.text;

    const LoadResult loaded = loadDesign(withBareGroup(3).dump(), "def1.privatepath");
    ASSERT_TRUE(loaded.ok());
    const SecurityGroup* sg = loaded.design->findAs<SecurityGroup>(ResourceId("sg-app"));
    ASSERT_NE(sg, nullptr);
    EXPECT_EQ(sg->outbound, awsDefaultOutbound());
    EXPECT_TRUE(hasDefaultOutbound(*sg));
    EXPECT_EQ(sg->outbound.size(), 2u) << "IPv4 and IPv6";
}

TEST(Rule_DEF1, AnEmptyOutboundListStillDeniesEgress)
{
    json d = withBareGroup(3);
    res(d, "securityGroups", "sg-app")["outbound"] = json::array();
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "ENI_SG_RULES_MISMATCH")) << o.text;
    // Saved, the empty list stays explicit, and the default stays implicit.
    const LoadResult loaded = loadDesign(d.dump(), "def1.privatepath");
    ASSERT_TRUE(loaded.ok());
    const std::string saved = saveDesignToString(*loaded.design);
    EXPECT_NE(saved.find(R"("outbound": [])"), std::string::npos) << saved;
    const LoadResult defaulted = loadDesign(withBareGroup(3).dump(), "def1.privatepath");
    ASSERT_TRUE(defaulted.ok());
    const json written = json::parse(saveDesignToString(*defaulted.design));
    for (const json& g : written["securityGroups"]) {
        if (g["id"] == "sg-app") {
            EXPECT_FALSE(g.contains("outbound")) << "AWS's default is written by leaving it out";
        }
    }
}

TEST(Rule_DEF1, AVersion2GroupWithoutOutboundKeepsItsMeaning)
{
    // Version 2 read an absent `outbound` as no rule at all: the migration writes that out.
    const Outcome o = analyse(withBareGroup(2));
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "ENI_SG_RULES_MISMATCH")) << o.text;
    const LoadResult loaded = loadDesign(withBareGroup(2).dump(), "old.privatepath");
    ASSERT_TRUE(loaded.ok());
    const json written = json::parse(saveDesignToString(*loaded.design));
    EXPECT_EQ(written["schemaVersion"], kCurrentSchemaVersion);
    for (const json& g : written["securityGroups"]) {
        if (g["id"] == "sg-app") {
            EXPECT_EQ(g["outbound"], json::array()) << "saved as version 3 with the same meaning";
        }
    }
}

// On premises: EX-10's data centre, with a host that browses to an internet address.
json dataCentre(int version, std::optional<bool> breakout)
{
    json d = example("ex10");
    d["schemaVersion"] = version;
    if (breakout)
        res(d, "onPremisesNetworks", "onprem")["internetBreakout"] = *breakout;
    add(d, "internetHosts", {{"id", "web"}, {"address", "203.0.113.10"}});
    setFlow(d, "onprem-host", "web");
    return d;
}

TEST(Rule_DEF1, AnOnPremisesNetworkHasNoInternetBreakoutUnlessDrawn)
{
    const Outcome none = analyse(dataCentre(3, std::nullopt));
    EXPECT_VERDICT(none, "unreachable");
    EXPECT_TRUE(hasCode(none, "NO_ROUTE_TO_DESTINATION", "onprem")) << none.text;
    const auto said = std::find_if(none.flow.blocking.begin(), none.flow.blocking.end(), [](const Explanation& e) {
        return e.message.find("no internet breakout") != std::string::npos;
    });
    EXPECT_NE(said, none.flow.blocking.end()) << "the reason names the default: " << none.text;

    const Outcome drawn = analyse(dataCentre(3, true));
    EXPECT_VERDICT(drawn, "public");
}

TEST(Rule_DEF1, AVersion2OnPremisesNetworkKeepsItsBreakout)
{
    const Outcome o = analyse(dataCentre(2, std::nullopt));
    EXPECT_VERDICT(o, "public") << "version 2 meant a breakout when none was written";
    const LoadResult loaded = loadDesign(dataCentre(2, std::nullopt).dump(), "old.privatepath");
    ASSERT_TRUE(loaded.ok());
    EXPECT_TRUE(loaded.design->findAs<OnPremisesNetwork>(ResourceId("onprem"))->internetBreakout);
}

TEST(Rule_DEF1, TheMigrationAlsoRewritesLessonSolutions)
{
    json d = withBareGroup(2);
    json body = withBareGroup(2);
    body.erase("schemaVersion");
    d["lesson"] = {{"id", "l"}, {"title", "L"}, {"solutions", {{{"id", "s"}, {"design", body}}}}};
    const LoadResult loaded = loadDesign(d.dump(), "lesson.privatepath");
    ASSERT_TRUE(loaded.ok()) << (loaded.diagnostics.empty() ? "" : loaded.diagnostics.front().format());
    const Design& solution = *loaded.design->lesson->solutions.front().design;
    EXPECT_TRUE(solution.findAs<SecurityGroup>(ResourceId("sg-app"))->outbound.empty())
        << "a version 2 solution keeps its meaning too";
}

} // namespace
} // namespace pp
