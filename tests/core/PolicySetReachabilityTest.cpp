// Set reachability by equivalence classes gives the answer of tracing every pair: a property test
// on random generated designs, with tags, public IPs and single-address rules that split classes.
#include "PolicySupport.h"

#include "generate/ScenarioGenerator.h"

#include <random>

namespace pp::test {
namespace {

// A generated estate, roughened so that classes must split: some workloads get a public IP or an
// IPv6 address, some a security group of their own, and one group allows a single address.
Design roughDesign(std::uint64_t seed)
{
    std::mt19937_64 rng(seed);
    const int vpcs = 2 + int(rng() % 3);
    auto generated = generateScenario({vpcs, 1 + int(rng() % 3), 1 + int(rng() % 4), seed});
    EXPECT_TRUE(generated);
    Design design = std::move(*generated);
    std::vector<Resource> changed;
    std::optional<IpAddress> single;
    for (const Resource& r : design.resources()) {
        Resource copy = r;
        if (Workload* w = copy.as<Workload>()) {
            const auto roll = rng() % 10;
            if (roll == 0)
                w->publicIp = true;
            if (roll == 1 && !single && w->privateIp)
                single = w->privateIp;
            copy.tags["tier"] = rng() % 2 ? "app" : "db";
        }
        if (copy.kind() == Kind::Vpc)
            copy.tags["env"] = rng() % 2 ? "prod" : "dev";
        if (SecurityGroup* g = copy.as<SecurityGroup>(); g && single && rng() % 2) {
            SecurityGroupRule rule;
            rule.protocol = Protocol::Tcp;
            rule.fromPort = 22;
            rule.toPort = 22;
            rule.cidr = Cidr::containing(*single, 32);
            g->inbound.push_back(rule);
        }
        if (!(copy == r))
            changed.push_back(std::move(copy));
    }
    for (Resource& r : changed)
        design.replace(std::move(r));
    return design;
}

// Two traces answer alike: same verdict, same hops but for the endpoints' own ids and addresses,
// same reasons.
void expectSameAnswer(const FlowResult& classAnswer, const FlowResult& own, const std::string& what)
{
    EXPECT_EQ(classAnswer.verdict, own.verdict) << what;
    ASSERT_EQ(classAnswer.path.size(), own.path.size()) << what;
    for (std::size_t i = 0; i < own.path.size(); ++i) {
        EXPECT_EQ(classAnswer.path[i].action, own.path[i].action) << what << " hop " << i;
        // Hops between the endpoints are the same resources; the first and last are the endpoints.
        if (i > 0 && i + 1 < own.path.size() && own.path[i].action != "securityGroup") {
            EXPECT_EQ(classAnswer.path[i].resource, own.path[i].resource) << what << " hop " << i;
        }
    }
    EXPECT_EQ(classAnswer.leavesAt, own.leavesAt) << what;
    EXPECT_EQ(classAnswer.returnOk, own.returnOk) << what;
    auto codes = [](const std::vector<Explanation>& list) {
        std::vector<std::string> out;
        for (const Explanation& e : list)
            out.push_back(e.code);
        return out;
    };
    EXPECT_EQ(codes(classAnswer.blocking), codes(own.blocking)) << what;
    EXPECT_EQ(codes(classAnswer.hints), codes(own.hints)) << what;
}

TEST(PolicySetReachability, ClassAnswersEqualPairByPairTracingOnRandomDesigns)
{
    std::size_t pairs = 0, traces = 0;
    for (std::uint64_t seed = 1; seed <= 12; ++seed) {
        const Design design = roughDesign(seed);
        const AnalysisResult analysis = analyzeDesign(design);
        Network network(design);
        network.setErrorFindings(analysis.findings);
        const ForwardingGraph graph(network);
        Scope all;
        all.kinds = {"workload", "onPremisesHost", "awsService", "internetHost", "vpcEndpoint", "loadBalancer"};
        const std::vector<ResourceId> members = scopeMembers(design, all);
        for (const TrafficQuery traffic : {TrafficQuery{Protocol::Tcp, 443}, TrafficQuery{Protocol::Tcp, 22},
                                           TrafficQuery{Protocol::All, std::nullopt}}) {
            SetReachability grouped(network, graph);
            SetReachability single(network, graph, false);
            std::size_t visited = 0;
            grouped.forEachClassPair(members, members, traffic, [&](const auto& sources, const auto& destinations, bool,
                                                                    const FlowResult& answer) {
                for (const std::size_t s : sources)
                    for (const std::size_t d : destinations)
                        if (members[s] != members[d]) {
                            ++pairs;
                            ++visited;
                            expectSameAnswer(answer, single.trace(members[s], members[d], traffic),
                                             "seed " + std::to_string(seed) + ": " + members[s].str() + " -> " + members[d].str());
                        }
            });
            // Every pair of distinct endpoints whose source opens connections is answered once.
            std::size_t openers = 0;
            for (const ResourceId& id : members)
                openers += grouped.canOpen(id) ? 1 : 0;
            EXPECT_EQ(visited, openers * (members.size() - 1)) << "seed " << seed;
            traces += grouped.tracesRun();
        }
    }
    // The classes must actually save work (these small designs have many one-member classes:
    // endpoints, services, hosts), or the property says nothing about speed.
    EXPECT_GT(pairs, 2 * traces) << pairs << " pairs answered by " << traces << " traces";
}

TEST(PolicySetReachability, GroupedPolicyResultsEqualUngroupedOnRandomDesigns)
{
    for (std::uint64_t seed = 20; seed <= 27; ++seed) {
        Design design = roughDesign(seed);
        const std::vector<std::pair<PolicyKind, std::optional<int>>> kinds{
            {PolicyKind::PrivateOnly, std::nullopt}, {PolicyKind::Isolated, std::nullopt},
            {PolicyKind::MustReach, 443}, {PolicyKind::OnlyVia, 5432}, {PolicyKind::NoInternetExposure, std::nullopt}};
        for (const auto& [kind, port] : kinds) {
            Policy p;
            p.id = "p-" + std::string(enumName(kind));
            p.kind = kind;
            p.from.tags = {"env=prod"};
            if (kind != PolicyKind::NoInternetExposure)
                p.to = Scope{{}, {}, {}, {"env=dev", "tier=db"}};
            if (kind == PolicyKind::PrivateOnly)
                p.to = Scope{{}, {"awsService", "internetHost"}, {}, {}};
            if (port) {
                p.protocol = Protocol::Tcp;
                p.port = port;
            }
            if (kind == PolicyKind::OnlyVia)
                p.via = {ResourceId("tgw")};
            design.policies.push_back(p);
        }
        const AnalysisResult analysis = analyzeDesign(design);
        PolicyOptions grouped, single;
        grouped.maxViolations = single.maxViolations = 100000;
        single.grouped = false;
        const auto a = checkPolicies(design, analysis, grouped);
        const auto b = checkPolicies(design, analysis, single);
        ASSERT_EQ(a.size(), b.size());
        for (std::size_t i = 0; i < a.size(); ++i) {
            EXPECT_EQ(a[i].pairs, b[i].pairs) << "seed " << seed << " " << a[i].policy;
            EXPECT_EQ(a[i].violations, b[i].violations) << "seed " << seed << " " << a[i].policy;
        }
    }
}

TEST(PolicySetReachability, WorkloadsAloneInASubnetWithTheSameGroupsShareAClass)
{
    LoadResult r = loadDesign(policyDesign().dump(), "classes.privatepath");
    ASSERT_TRUE(r.ok());
    const AnalysisResult analysis = analyzeDesign(*r.design);
    Network network(*r.design);
    network.setErrorFindings(analysis.findings);
    const ForwardingGraph graph(network);
    SetReachability reach(network, graph);
    EXPECT_EQ(reach.classOf(ResourceId("app-1")), reach.classOf(ResourceId("app-2")));
    EXPECT_EQ(reach.classOf(ResourceId("db-1")), reach.classOf(ResourceId("db-2")));
    EXPECT_NE(reach.classOf(ResourceId("app-1")), reach.classOf(ResourceId("db-1")));
    EXPECT_NE(reach.classOf(ResourceId("app-1")), reach.classOf(ResourceId("web-1")));
}

} // namespace
} // namespace pp::test
