// Properties of the analysis on generated estates: it always terminates, gives identical output
// on every run, reports only existing resources, mixes all three verdicts, and re-analysis after
// an edit equals a full analysis.
#include "TestSupport.h"

#include "analysis/Analyzer.h"
#include "generate/ScenarioGenerator.h"

#include <gtest/gtest.h>
#include <random>

namespace pp::test {
namespace {

TEST(AnalysisProperties, GeneratedEstatesAreAnalysedDeterministically)
{
    for (std::uint64_t seed : {1u, 2u, 3u, 17u}) {
        const auto design = generateScenario({12, 3, 2, seed});
        ASSERT_TRUE(design);
        const AnalysisResult first = analyzeDesign(*design);
        const AnalysisResult second = analyzeDesign(*design);
        EXPECT_EQ(first, second) << "seed " << seed;
        ASSERT_EQ(first.flows.size(), design->flows().size());
        int verdicts[3] = {};
        for (const FlowResult& flow : first.flows) {
            ++verdicts[int(flow.verdict)];
            EXPECT_FALSE(flow.path.empty());
            for (const Hop& hop : flow.path)
                EXPECT_TRUE(design->find(ResourceId(hop.resource))) << hop.resource << " on the path of " << flow.flow.str();
            for (const auto* list : {&flow.blocking, &flow.hints, &flow.notes})
                for (const Explanation& e : *list)
                    EXPECT_TRUE(e.resource.empty() || design->containsId(e.resource)) << e.code << " names " << e.resource;
            if (flow.verdict == Verdict::Unreachable) {
                EXPECT_FALSE(flow.blocking.empty());
            }
            if (flow.verdict == Verdict::Public) {
                EXPECT_TRUE(flow.leavesAt.has_value());
            }
        }
        EXPECT_GT(verdicts[int(Verdict::Private)], 0) << "seed " << seed;
        EXPECT_GT(verdicts[int(Verdict::Public)], 0) << "seed " << seed;
        EXPECT_GT(verdicts[int(Verdict::Unreachable)], 0) << "seed " << seed;
        EXPECT_FALSE(first.exposure.empty());
    }
}

TEST(AnalysisProperties, DamagedRoutingStillTerminates)
{
    // Every route of every table points at the NAT gateway of the same VPC and every NAT's
    // table points back: loops everywhere must end with CYCLIC_PATH_DETECTED, not hang.
    auto design = generateScenario({6, 2, 1, 5});
    ASSERT_TRUE(design);
    std::vector<Resource> changed;
    for (const Resource& r : design->resources())
        if (const RouteTable* t = r.as<RouteTable>()) {
            Resource copy = r;
            RouteTable table = *t;
            for (Route& route : table.routes)
                if (route.target.str().rfind("igw-", 0) == 0)
                    route.target = ResourceId("nat-" + route.target.str().substr(4));
            copy.data = table;
            changed.push_back(copy);
        }
    for (Resource& r : changed)
        design->replace(r);
    const AnalysisResult result = analyzeDesign(*design);
    bool loop = false;
    for (const FlowResult& flow : result.flows)
        for (const Explanation& e : flow.blocking)
            loop = loop || e.code == "CYCLIC_PATH_DETECTED";
    EXPECT_TRUE(loop) << "NAT gateways routing to themselves form loops";
    bool loopFinding = false;
    for (const Finding& f : result.findings)
        loopFinding = loopFinding || f.code == "CYCLIC_PATH_DETECTED";
    EXPECT_TRUE(loopFinding) << "the loop search reports the loop as a finding (RT-7)";
}

// RT-7 incrementally: loops made and unmade one route table at a time are what a full search finds
// (a re-analysis keeps the loops whose vertices kept their choices and searches from the others).
TEST(AnalysisProperties, ForwardingLoopsFoundIncrementallyEqualAFullSearch)
{
    auto design = generateScenario({6, 2, 1, 5});
    ASSERT_TRUE(design);
    Analyzer analyzer;
    analyzer.analyze(*design);
    std::vector<Resource> originals;
    for (const Resource& r : design->resources())
        if (r.as<RouteTable>())
            originals.push_back(r);
    auto loops = [](const AnalysisResult& result) {
        return std::count_if(result.findings.begin(), result.findings.end(), [](const Finding& f) { return f.code == "CYCLIC_PATH_DETECTED"; });
    };
    long most = 0;
    auto apply = [&](const Resource& table) {
        const std::set<std::string> touched = touchedBy(table);
        design->replace(table);
        const AnalysisResult& incremental = analyzer.reanalyze(*design, touched);
        const AnalysisResult full = analyzeDesign(*design);
        EXPECT_EQ(incremental.findings, full.findings) << table.id.str();
        most = std::max(most, long(loops(full)));
        return loops(full);
    };
    // Each table's internet routes go to its VPC's NAT gateway, whose own table comes back.
    for (const Resource& original : originals) {
        Resource damaged = original;
        for (Route& route : std::get<RouteTable>(damaged.data).routes)
            if (route.target.str().rfind("igw-", 0) == 0)
                route.target = ResourceId("nat-" + route.target.str().substr(4));
        apply(damaged);
    }
    EXPECT_GT(most, 0) << "the damage makes loops";
    for (const Resource& original : originals)
        apply(original);
    EXPECT_EQ(loops(analyzer.result()), 0) << "repairing every table removes every loop";
}

TEST(AnalysisProperties, ReanalysisAfterAnEditEqualsFullAnalysis)
{
    auto design = generateScenario({10, 3, 2, 4});
    ASSERT_TRUE(design);
    Analyzer analyzer;
    analyzer.analyze(*design);
    EXPECT_EQ(analyzer.tracedFlows(), design->flows().size());

    // Edit 1: associate every gateway endpoint's VPC table with nothing (dissociate one endpoint).
    const Resource* endpoint = nullptr;
    for (const Resource& r : design->resources())
        if (const VpcEndpoint* e = r.as<VpcEndpoint>(); e && e->endpointType == EndpointType::Gateway) {
            endpoint = &r;
            break;
        }
    ASSERT_NE(endpoint, nullptr);
    std::set<std::string> touched = touchedBy(*endpoint);
    Resource edited = *endpoint;
    std::get<VpcEndpoint>(edited.data).routeTables.clear();
    design->replace(edited);
    const AnalysisResult incremental = analyzer.reanalyze(*design, touched);
    EXPECT_LT(analyzer.tracedFlows(), design->flows().size()) << "only affected flows are traced again";
    EXPECT_GT(analyzer.tracedFlows(), 0u);
    EXPECT_EQ(incremental, analyzeDesign(*design));

    // Edit 2: add a route to a route table.
    const Resource* table = nullptr;
    for (const Resource& r : design->resources())
        if (r.as<RouteTable>() && r.as<RouteTable>()->main) {
            table = &r;
            break;
        }
    Resource withRoute = *table;
    std::get<RouteTable>(withRoute.data).routes.push_back(
        Route{*Cidr::parse("192.168.0.0/16"), std::nullopt, ResourceId(std::get<RouteTable>(withRoute.data).routes.empty()
                                                                            ? "local"
                                                                            : std::get<RouteTable>(withRoute.data).routes.front().target.str()),
              RouteOrigin::Static, RouteState::Blackhole});
    touched = touchedBy(withRoute);
    design->replace(withRoute);
    EXPECT_EQ(analyzer.reanalyze(*design, touched), analyzeDesign(*design));
}

} // namespace
} // namespace pp::test

namespace pp::test {
namespace {

// Random edits of many kinds; after each, the cached re-analysis equals a fresh full analysis.
TEST(AnalysisProperties, RandomEditsKeepIncrementalAndFullAnalysisEqual)
{
    auto design = generateScenario({8, 3, 2, 11});
    ASSERT_TRUE(design);
    Analyzer analyzer;
    analyzer.analyze(*design);
    std::mt19937_64 rng(99);
    auto pick = [&](auto predicate) -> const Resource* {
        std::vector<const Resource*> candidates;
        for (const Resource& r : design->resources())
            if (predicate(r))
                candidates.push_back(&r);
        return candidates.empty() ? nullptr : candidates[rng() % candidates.size()];
    };
    int edits = 0;
    for (int step = 0; step < 80; ++step) {
        std::set<std::string> touched;
        std::set<std::string> changed; // what the edit itself adds, changes or removes
        const int kind = int(rng() % 12);
        const Resource* target = nullptr;
        Resource after;
        switch (kind) {
        case 0: // toggle a gateway endpoint's association
            target = pick([](const Resource& r) { return r.as<VpcEndpoint>() && r.as<VpcEndpoint>()->endpointType == EndpointType::Gateway; });
            if (target) {
                after = *target;
                auto& tables = std::get<VpcEndpoint>(after.data).routeTables;
                if (tables.empty()) {
                    if (const Resource* rt = pick([&](const Resource& r) { return r.as<RouteTable>() && r.as<RouteTable>()->vpc == target->as<VpcEndpoint>()->vpc; }))
                        tables.push_back(rt->id);
                } else {
                    tables.clear();
                }
            }
            break;
        case 1: // add a route
            target = pick([](const Resource& r) { return r.as<RouteTable>() != nullptr; });
            if (target) {
                after = *target;
                std::get<RouteTable>(after.data).routes.push_back(Route{Cidr::containing(IpAddress::v4(std::uint32_t(rng())), 8 + int(rng() % 20)),
                                                                        std::nullopt, ResourceId("local"), RouteOrigin::Static, RouteState::Blackhole});
            }
            break;
        case 2: // a security group loses its inbound rules
            target = pick([](const Resource& r) { return r.as<SecurityGroup>() != nullptr; });
            if (target) {
                after = *target;
                std::get<SecurityGroup>(after.data).inbound.clear();
            }
            break;
        case 3: // a NAT gateway is deleted (state)
            target = pick([](const Resource& r) { return r.as<NatGateway>() != nullptr; });
            if (target) {
                after = *target;
                auto& nat = std::get<NatGateway>(after.data);
                nat.state = nat.state == LifecycleState::Available ? LifecycleState::Deleted : LifecycleState::Available;
            }
            break;
        case 4: // a subnet moves to its VPC's public route table
            target = pick([](const Resource& r) { return r.as<Subnet>() != nullptr; });
            if (target) {
                after = *target;
                if (const Resource* rt = pick([&](const Resource& r) { return r.as<RouteTable>() && r.as<RouteTable>()->vpc == target->as<Subnet>()->vpc; }))
                    std::get<Subnet>(after.data).routeTable = rt->id;
            }
            break;
        case 5: { // a new interface endpoint for SQS in some VPC
            const Resource* subnet = pick([](const Resource& r) { return r.as<Subnet>() != nullptr; });
            if (!subnet)
                break;
            Resource endpoint;
            endpoint.id = ResourceId("vpce-new-" + std::to_string(step));
            VpcEndpoint e;
            e.vpc = subnet->as<Subnet>()->vpc;
            e.endpointType = EndpointType::Interface;
            e.service = ResourceId("sqs");
            e.subnets = {subnet->id};
            endpoint.data = e;
            touched = touchedBy(endpoint);
            changed = {endpoint.id.str()};
            design->add(endpoint);
            break;
        }
        case 7: { // a new subnet in some VPC, on the block of one already there half the time
            const Resource* old = pick([](const Resource& r) { return r.as<Subnet>() != nullptr; });
            if (!old)
                break;
            Resource subnet = *old;
            subnet.id = ResourceId("subnet-new-" + std::to_string(step));
            auto& data = std::get<Subnet>(subnet.data);
            if (rng() % 2)
                data.cidr = Cidr::containing(IpAddress::v4(std::uint32_t(data.cidr.network().value()) ^ 0x100u), data.cidr.prefixLength());
            touched = touchedBy(subnet);
            changed = {subnet.id.str()};
            design->add(subnet);
            break;
        }
        case 8: { // an internet gateway is attached to some VPC (a per-VPC fact changes)
            const Resource* vpc = pick([](const Resource& r) { return r.as<Vpc>() != nullptr; });
            if (!vpc)
                break;
            Resource igw;
            igw.id = ResourceId("igw-new-" + std::to_string(step));
            igw.data = InternetGateway{.vpc = vpc->id, .routeTable = {}};
            touched = touchedBy(igw);
            changed = {igw.id.str()};
            design->add(igw);
            break;
        }
        case 9: { // a copy of a workload, with the same address (DUPLICATE_ADDRESS) half the time
            const Resource* w = pick([](const Resource& r) { return r.as<Workload>() != nullptr; });
            if (!w)
                break;
            Resource copy = *w;
            copy.id = ResourceId("workload-new-" + std::to_string(step));
            if (rng() % 2)
                std::get<Workload>(copy.data).privateIp.reset();
            touched = touchedBy(copy);
            changed = {copy.id.str()};
            design->add(copy);
            break;
        }
        case 10: { // a second VPC in the same Region, with the first one's block (as a paste makes)
            const Resource* vpc = pick([](const Resource& r) { return r.as<Vpc>() != nullptr; });
            if (!vpc)
                break;
            Resource copy = *vpc;
            copy.id = ResourceId("vpc-new-" + std::to_string(step));
            touched = touchedBy(copy);
            changed = {copy.id.str()};
            design->add(copy);
            break;
        }
        case 11: { // an internet gateway goes: its VPC's NAT gateways now have no way out (a per-VPC fact)
            const Resource* igw = pick([](const Resource& r) { return r.as<InternetGateway>() != nullptr; });
            if (!igw)
                break;
            touched = touchedBy(*igw);
            changed = {igw->id.str()};
            design->remove(igw->id);
            break;
        }
        default: { // a workload disappears
            const Resource* w = pick([](const Resource& r) { return r.as<Workload>() != nullptr; });
            if (!w)
                break;
            touched = touchedBy(*w);
            changed = {w->id.str()};
            design->remove(w->id);
            break;
        }
        }
        if (target) {
            touched = touchedBy(*target);
            for (const std::string& id : touchedBy(after))
                touched.insert(id);
            changed = {target->id.str()};
            design->replace(after);
        }
        if (touched.empty())
            continue;
        ++edits;
        // Every other edit tells the analysis which ids only were referred to, as the editor does.
        const AnalysisResult& incremental = analyzer.reanalyze(*design, touched, step % 2 ? &changed : nullptr);
        const AnalysisResult full = analyzeDesign(*design);
        ASSERT_EQ(incremental.findings, full.findings) << "step " << step << " kind " << kind;
        ASSERT_EQ(incremental.flows, full.flows) << "step " << step << " kind " << kind;
        ASSERT_EQ(incremental.exposure, full.exposure) << "step " << step << " kind " << kind;
    }
    EXPECT_GT(edits, 60);
}

} // namespace
} // namespace pp::test
