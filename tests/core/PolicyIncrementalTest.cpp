// PolicyChecker::recheck after edits gives what checking from scratch gives, tracing less.
#include "PolicySupport.h"

#include "analysis/Analyzer.h"
#include "generate/ScenarioGenerator.h"

namespace pp::test {
namespace {

Design loadedPolicyDesign()
{
    nlohmann::json d = policyDesign();
    d["policies"] = nlohmann::json::parse(R"([
      {"id": "db-private", "kind": "private-only", "from": {"tags": ["tier=db"]}},
      {"id": "prod-dev", "kind": "isolated", "from": {"tags": ["env=prod"]}, "to": {"tags": ["env=dev"]}},
      {"id": "app-db", "kind": "must-reach", "from": {"tags": ["tier=app"]}, "to": {"tags": ["tier=db"]}, "protocol": "tcp", "port": 5432},
      {"id": "hidden", "kind": "no-internet-exposure", "from": {"containers": ["vpc-prod"]}}
    ])");
    LoadResult r = loadDesign(d.dump(), "incremental.privatepath");
    if (!r.design)
        throw std::runtime_error("design did not load");
    return std::move(*r.design);
}

template <class T, class F>
void edit(Design& d, const std::string& id, F&& change)
{
    Resource r = *d.find(ResourceId(id));
    change(*r.as<T>());
    ASSERT_TRUE(d.replace(std::move(r)));
}

TEST(PolicyIncremental, RecheckAfterEachEditEqualsACheckFromScratch)
{
    Design d = loadedPolicyDesign();
    Analyzer analyzer;
    PolicyChecker checker;
    const auto first = checker.check(d, analyzer.analyze(d));
    EXPECT_EQ(first, checkPolicies(d, analyzeDesign(d)));
    const std::size_t fullTraces = checker.tracesRun();
    EXPECT_GT(fullTraces, 0u);

    // The editor's way too: a second checker reuses the analyzer's network, graph and changed ids.
    PolicyChecker editorChecker;
    EXPECT_EQ(editorChecker.recheck(analyzer), first) << "after a full analysis, a check from scratch";
    auto step = [&](const std::set<std::string>& touched, const std::string& what) {
        const AnalysisResult& a = analyzer.reanalyze(d, touched);
        const auto again = checker.recheck(d, a, touched);
        const auto expected = checkPolicies(d, analyzeDesign(d));
        EXPECT_EQ(again, expected) << what;
        EXPECT_EQ(editorChecker.recheck(analyzer), expected) << what << " (reusing the analyzer's network)";
        EXPECT_LE(editorChecker.tracesRun(), checker.tracesRun() + 5) << what;
        return again;
    };

    // A peering and routes both ways connect prod and dev: the isolation breaks.
    Resource pcx;
    pcx.id = ResourceId("pcx");
    pcx.data = VpcPeering{ResourceId("vpc-prod"), ResourceId("vpc-dev"), PeeringState::Active};
    ASSERT_TRUE(d.add(pcx));
    edit<RouteTable>(d, "rt-app", [](RouteTable& t) {
        t.routes.push_back(Route{*Cidr::parse("10.1.0.0/16"), std::nullopt, ResourceId("pcx"), RouteOrigin::Static, RouteState::Active});
    });
    edit<RouteTable>(d, "rt-dev", [](RouteTable& t) {
        t.routes.push_back(Route{*Cidr::parse("10.0.0.0/16"), std::nullopt, ResourceId("pcx"), RouteOrigin::Static, RouteState::Active});
    });
    const auto peered = step({"pcx", "rt-app", "rt-dev", "vpc-prod", "vpc-dev"}, "peering added");
    EXPECT_FALSE(peered[1].satisfied());
    EXPECT_LT(checker.tracesRun(), fullTraces + 20) << "only what the peering changed is traced again";

    // The databases stop taking 5432 from the app servers: must-reach breaks.
    edit<SecurityGroup>(d, "sg-db", [](SecurityGroup& g) { g.inbound.clear(); });
    const auto closed = step({"sg-db"}, "database group closed");
    EXPECT_FALSE(closed[2].satisfied());

    // A tag edit changes a scope without changing any path.
    Resource db2 = *d.find(ResourceId("db-2"));
    db2.tags["tier"] = "app";
    ASSERT_TRUE(d.replace(db2));
    step({"db-2"}, "tag changed");

    // A workload removed.
    ASSERT_TRUE(d.remove(ResourceId("app-2")));
    step({"app-2", "prod-app", "sg-app"}, "workload removed");

    // Nothing touched: nothing traced.
    const AnalysisResult& a = analyzer.reanalyze(d, {});
    checker.recheck(d, a, {});
    EXPECT_EQ(checker.tracesRun(), 0u);
    editorChecker.recheck(analyzer);
    EXPECT_EQ(editorChecker.tracesRun(), 0u);
}

TEST(PolicyIncremental, RecheckOnAGeneratedEstateEqualsACheckFromScratch)
{
    Design d = *generateScenario({6, 3, 3, 7});
    Policy isolated;
    isolated.id = "iso";
    isolated.kind = PolicyKind::Isolated;
    isolated.from.containers = {ResourceId("vpc-0000")};
    isolated.to = Scope{{}, {}, {ResourceId("vpc-0003")}, {}};
    d.policies.push_back(isolated);
    Policy reach;
    reach.id = "reach";
    reach.kind = PolicyKind::MustReach;
    reach.from.containers = {ResourceId("vpc-0001")};
    reach.to = Scope{{ResourceId("s3")}, {}, {}, {}};
    reach.protocol = Protocol::Tcp;
    reach.port = 443;
    d.policies.push_back(reach);
    Analyzer analyzer;
    PolicyChecker checker;
    checker.check(d, analyzer.analyze(d));
    // Route the private subnets of vpc-0001 to the transit gateway for everything.
    edit<RouteTable>(d, "rt-app-0001", [](RouteTable& t) {
        for (Route& r : t.routes)
            if (r.destination && r.destination->prefixLength() == 0)
                r.target = ResourceId("tgw");
    });
    const std::set<std::string> touched{"rt-app-0001", "tgw"};
    const auto again = checker.recheck(d, analyzer.reanalyze(d, touched), touched);
    EXPECT_EQ(again, checkPolicies(d, analyzeDesign(d)));
}

} // namespace
} // namespace pp::test
