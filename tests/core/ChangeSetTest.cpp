// Change-sets: every edit is a before/after record; applying its inverse restores the design
// exactly (same bytes on save); stale changes are refused whole; deletion takes dependents with
// it; copy/paste goes through the file format with fresh ids.
#include "TestSupport.h"

#include "edit/ChangeSet.h"
#include "edit/Clipboard.h"
#include "io/Migration.h"
#include "generate/ScenarioGenerator.h"

#include <gtest/gtest.h>
#include <random>

namespace pp::test {
namespace {

Design base()
{
    return *loadDesign(baseDesign().dump(), "base").design;
}

TEST(ChangeSet, ApplyThenInverseRestoresTheDesignExactly)
{
    Design d = base();
    const std::string original = saveDesignToString(d);
    ChangeSetBuilder b(d);
    Resource rt = *d.find(ResourceId("rt-pub"));
    std::get<RouteTable>(rt.data).routes.push_back({*Cidr::parse("10.9.0.0/16"), std::nullopt, ResourceId("igw-a"),
                                                    RouteOrigin::Static, RouteState::Blackhole});
    b.modify(rt);
    Resource igw;
    igw.id = ResourceId("igw-b");
    igw.data = InternetGateway{.vpc = ResourceId("vpc-b"), .routeTable = {}};
    b.add(igw);
    b.remove(ResourceId("eigw-a"));
    b.setShape(Shape{ResourceId("vpc-b"), ResourceId("use1"), 700, 40, 300, 200});
    b.setName("Renamed");
    const ChangeSet change = b.build();
    EXPECT_EQ(change.resources.size(), 3u);
    ASSERT_TRUE(applyChangeSet(d, change));
    EXPECT_EQ(d.name, "Renamed");
    EXPECT_TRUE(d.find(ResourceId("igw-b")));
    EXPECT_FALSE(d.find(ResourceId("eigw-a")));
    ASSERT_TRUE(applyChangeSet(d, change.inverse()));
    EXPECT_EQ(saveDesignToString(d), original);
    EXPECT_EQ(d, base());
}

TEST(ChangeSet, NoOpEditsAreDropped)
{
    const Design d = base();
    ChangeSetBuilder b(d);
    b.modify(*d.find(ResourceId("vpc-a")));
    b.setName(d.name);
    EXPECT_TRUE(b.build().empty());
}

TEST(ChangeSet, StaleChangesAreRefusedWhole)
{
    Design d = base();
    ChangeSetBuilder b(d);
    b.remove(ResourceId("eigw-a"));
    Resource vpc = *d.find(ResourceId("vpc-b"));
    vpc.name = "B";
    b.modify(vpc);
    const ChangeSet change = b.build();
    ASSERT_TRUE(applyChangeSet(d, change));
    const std::string after = saveDesignToString(d);
    std::string why;
    EXPECT_FALSE(applyChangeSet(d, change, &why)) << "applying twice: eigw-a is already gone";
    EXPECT_NE(why.find("eigw-a"), std::string::npos) << why;
    EXPECT_EQ(saveDesignToString(d), after) << "nothing of the refused change was applied";
}

TEST(ChangeSet, TouchedIdsIncludeWhatTheResourcesReferTo)
{
    const Design d = base();
    ChangeSetBuilder b(d);
    b.remove(ResourceId("i-app"));
    const auto touched = b.build().touchedIds();
    EXPECT_TRUE(touched.count("i-app"));
    EXPECT_TRUE(touched.count("app-a"));
    EXPECT_TRUE(touched.count("sg-app"));
}

// Random edits of every sort, then undo of all of them in reverse: the file is byte-identical.
TEST(ChangeSet, PolicyEditsAreOneUndoableChange)
{
    Design d = base();
    const std::string original = saveDesignToString(d);
    Policy p;
    p.id = "pub-hidden";
    p.kind = PolicyKind::NoInternetExposure;
    p.from.containers = {ResourceId("pub-a")};
    const ChangeSet added = ChangeSetBuilder(d).setPolicies({p}).build();
    ASSERT_FALSE(added.empty());
    ASSERT_TRUE(applyChangeSet(d, added));
    ASSERT_EQ(d.policies.size(), 1u);
    EXPECT_FALSE(applyChangeSet(d, added)) << "a stale policy change is refused";
    EXPECT_TRUE(ChangeSetBuilder(d).setPolicies(d.policies).build().empty()) << "no-op policy edits are dropped";
    ASSERT_TRUE(applyChangeSet(d, added.inverse()));
    EXPECT_TRUE(d.policies.empty());
    EXPECT_EQ(saveDesignToString(d), original);
}

TEST(ChangeSet, DeletingWhatAPolicyNamesKeepsTheFileLoadable)
{
    // A policy naming a removed id forgets it; one left selecting nothing goes too (a file with a
    // dangling reference, or an empty scope, would not load).
    Design d = base();
    Policy keeps;
    keeps.id = "keeps";
    keeps.kind = PolicyKind::PrivateOnly;
    keeps.from.containers = {ResourceId("pub-a"), ResourceId("vpc-a")};
    Policy goes;
    goes.id = "goes";
    goes.kind = PolicyKind::NoInternetExposure;
    goes.from.containers = {ResourceId("pub-a")};
    ASSERT_TRUE(applyChangeSet(d, ChangeSetBuilder(d).setPolicies({keeps, goes}).build()));
    const ChangeSet removal = removeWithDependents(d, {ResourceId("pub-a")});
    ASSERT_TRUE(applyChangeSet(d, removal));
    ASSERT_EQ(d.policies.size(), 1u);
    EXPECT_EQ(d.policies[0].id, "keeps");
    EXPECT_EQ(d.policies[0].from.containers, std::vector<ResourceId>{ResourceId("vpc-a")});
    const LoadResult again = loadDesign(saveDesignToString(d), "after-delete");
    EXPECT_TRUE(again.ok()) << (again.diagnostics.empty() ? "" : again.diagnostics.front().format());
    ASSERT_TRUE(applyChangeSet(d, removal.inverse()));
    EXPECT_EQ(d.policies.size(), 2u);
}

TEST(ChangeSet, LessonEditsAreOneUndoableChange)
{
    // The trainer's authoring actions change the lesson section through a change-set like any
    // other edit: adding a lesson, locking a resource, and undoing both gives the original bytes.
    Design d = base();
    const std::string original = saveDesignToString(d);
    Lesson lesson;
    lesson.id = "base-lesson";
    lesson.title = "Base";
    const ChangeSet added = ChangeSetBuilder(d).setLesson(lesson).build();
    ASSERT_FALSE(added.empty());
    EXPECT_TRUE(added.touchedIds().empty()) << "a lesson edit needs no re-analysis of resources";
    ASSERT_TRUE(applyChangeSet(d, added));
    ASSERT_TRUE(d.lesson);
    EXPECT_EQ(d.lesson->title, "Base");

    Lesson locked = *d.lesson;
    locked.locked.push_back(ResourceId("igw-a"));
    const ChangeSet lock = ChangeSetBuilder(d).setLesson(locked).build();
    ASSERT_TRUE(applyChangeSet(d, lock));
    EXPECT_TRUE(isLocked(*d.lesson, ResourceId("igw-a")));
    EXPECT_FALSE(applyChangeSet(d, lock)) << "a stale lesson change is refused";

    EXPECT_TRUE(ChangeSetBuilder(d).setLesson(d.lesson).build().empty()) << "no-op lesson edits are dropped";
    ASSERT_TRUE(applyChangeSet(d, lock.inverse()));
    EXPECT_FALSE(isLocked(*d.lesson, ResourceId("igw-a")));
    ASSERT_TRUE(applyChangeSet(d, added.inverse()));
    EXPECT_FALSE(d.lesson);
    EXPECT_EQ(saveDesignToString(d), original);
}

TEST(ChangeSet, UndoingEverythingGivesBackTheOriginalBytes)
{
    Design d = *generateScenario({5, 3, 2, 21});
    const std::string original = saveDesignToString(d);
    std::mt19937_64 rng(7);
    std::vector<ChangeSet> done;
    for (int step = 0; step < 60; ++step) {
        const auto& resources = d.resources();
        const Resource& r = resources[rng() % resources.size()];
        ChangeSetBuilder b(d);
        switch (rng() % 5) {
        case 0: {
            Resource copy = r;
            copy.name = "renamed " + std::to_string(step);
            b.modify(copy);
            break;
        }
        case 1:
            done.push_back(removeWithDependents(d, {r.id}));
            ASSERT_TRUE(applyChangeSet(d, done.back()));
            continue;
        case 2: {
            Resource host;
            host.id = ResourceId("host-" + std::to_string(step));
            host.data = InternetHost{IpAddress::v4(0xCB007100u + std::uint32_t(step)), ""};
            b.add(host);
            b.setShape(Shape{host.id, std::nullopt, double(step * 10), 5, 90, 70});
            break;
        }
        case 3:
            if (!d.diagram.shapes.empty()) {
                Shape s = d.diagram.shapes[rng() % d.diagram.shapes.size()];
                s.x += 13;
                s.y -= 7;
                b.setShape(s);
            }
            break;
        default:
            if (!d.flows().empty()) {
                Flow f = d.flows()[rng() % d.flows().size()];
                f.port = 8000 + step;
                b.modifyFlow(f);
            }
        }
        const ChangeSet change = b.build();
        ASSERT_TRUE(applyChangeSet(d, change)) << "step " << step;
        done.push_back(change);
    }
    EXPECT_NE(saveDesignToString(d), original);
    for (auto it = done.rbegin(); it != done.rend(); ++it)
        ASSERT_TRUE(applyChangeSet(d, it->inverse()));
    EXPECT_EQ(saveDesignToString(d), original);
}

TEST(RemoveWithDependents, RemovingAVpcTakesEverythingInside)
{
    Design d = base();
    const ChangeSet change = removeWithDependents(d, {ResourceId("vpc-b")});
    ASSERT_TRUE(applyChangeSet(d, change));
    for (const char* gone : {"vpc-b", "b-a", "rt-b", "sg-b", "i-b", "pcx-ab"})
        EXPECT_FALSE(d.find(ResourceId(gone))) << gone;
    EXPECT_FALSE(d.findFlow(FlowId("f-db"))) << "the flow to i-b goes too";
    // References from survivors are cleared, not the survivors removed.
    const RouteTable* rtApp = d.findAs<RouteTable>(ResourceId("rt-app"));
    ASSERT_NE(rtApp, nullptr);
    for (const Route& route : rtApp->routes)
        EXPECT_NE(route.target.str(), "pcx-ab") << "the route to the removed peering is gone";
    const PrivateHostedZone* zone = d.findAs<PrivateHostedZone>(ResourceId("phz-sqs"));
    ASSERT_NE(zone, nullptr);
    EXPECT_TRUE(zone->vpcs.empty());
    const auto findings = lintDesign(d);
    for (const Finding& f : findings)
        EXPECT_NE(f.severity, Severity::Error) << f.message;
    EXPECT_TRUE(loadDesign(saveDesignToString(d), "after").ok()) << "no dangling reference is left";
}

TEST(RemoveWithDependents, RemovingASubnetKeepsItsTableAndShrinksLists)
{
    Design d = base();
    ASSERT_TRUE(applyChangeSet(d, removeWithDependents(d, {ResourceId("app-b")})));
    EXPECT_TRUE(d.find(ResourceId("rt-app")));
    EXPECT_EQ(d.findAs<VpcEndpoint>(ResourceId("vpce-sqs"))->subnets, ResourceIds{ResourceId("app-a")});
    EXPECT_EQ(d.findAs<ResolverEndpoint>(ResourceId("rslvr-in"))->subnets, ResourceIds{ResourceId("app-a")});
    EXPECT_TRUE(loadDesign(saveDesignToString(d), "after").ok());
}

TEST(RemoveWithDependents, ShapesInsideARemovedShapeGoOrMoveUp)
{
    Design d = base();
    // app-a's shape is inside vpc-a's; remove only the drawing's container resource app-a: its
    // workload i-app goes with it (required reference) and its shape too.
    ASSERT_TRUE(applyChangeSet(d, removeWithDependents(d, {ResourceId("app-a")})));
    for (const Shape& s : d.diagram.shapes) {
        EXPECT_NE(s.resource.str(), "app-a");
        EXPECT_NE(s.resource.str(), "i-app");
    }
    EXPECT_TRUE(loadDesign(saveDesignToString(d), "after").ok());
}

TEST(Clipboard, PasteGivesFreshIdsAndKeepsOutsideReferences)
{
    Design d = base();
    const std::string clip = copySelection(d, {ResourceId("app-a"), ResourceId("i-app")});
    EXPECT_NE(clip.find("\"schemaVersion\": " + std::to_string(kCurrentSchemaVersion)), std::string::npos) << "the clipboard holds the file format";
    std::string why;
    const auto paste = pasteSelection(d, clip, PasteTarget{ResourceId("vpc-a"), 20, 200}, &why);
    ASSERT_TRUE(paste) << why;
    ASSERT_TRUE(applyChangeSet(d, paste->change));
    EXPECT_EQ(paste->resources, (std::vector<ResourceId>{ResourceId("app-a-2"), ResourceId("i-app-2")}));
    const Subnet* copy = d.findAs<Subnet>(ResourceId("app-a-2"));
    ASSERT_NE(copy, nullptr);
    EXPECT_EQ(copy->vpc.str(), "vpc-a") << "pasted into vpc-a";
    EXPECT_EQ(copy->cidr.toString(), "10.0.3.0/24") << "the first free /24 of vpc-a";
    EXPECT_EQ(copy->routeTable, ResourceId("rt-app")) << "the route table is of the same VPC: kept";
    const Workload* w = d.findAs<Workload>(ResourceId("i-app-2"));
    ASSERT_NE(w, nullptr);
    EXPECT_EQ(w->subnet.str(), "app-a-2") << "references among pasted resources follow the new ids";
    EXPECT_EQ(w->privateIp->toString(), "10.0.3.10") << "same place in the new block";
    EXPECT_EQ(w->securityGroups, ResourceIds{ResourceId("sg-app")});
    // Shapes: the subnet's shape goes into vpc-a at the target; the workload stays inside it.
    bool subnetShape = false, workloadShape = false;
    for (const Shape& s : d.diagram.shapes) {
        if (s.resource.str() == "app-a-2") {
            subnetShape = true;
            EXPECT_EQ(s.parent, ResourceId("vpc-a"));
            EXPECT_EQ(s.x, 20);
            EXPECT_EQ(s.y, 200);
        }
        if (s.resource.str() == "i-app-2") {
            workloadShape = true;
            EXPECT_EQ(s.parent, ResourceId("app-a-2"));
        }
    }
    EXPECT_TRUE(subnetShape && workloadShape);
    // A design without a VPC has nowhere to put a subnet.
    Design empty;
    EXPECT_FALSE(pasteSelection(empty, clip, PasteTarget{}, &why));
    EXPECT_EQ(why, "Paste subnets into a VPC.");
    EXPECT_FALSE(pasteSelection(d, "not json", PasteTarget{}, &why));
    EXPECT_EQ(why, "the clipboard holds no PrivatePath design");
}

} // namespace
} // namespace pp::test

#include "edit/Defaults.h"
#include "analysis/Analyzer.h"

namespace pp::test {
namespace {

TEST(SmartDefaults, MakingASubnetPublicRoutesItToTheInternetGateway)
{
    Design d = base();
    // b-a is in vpc-b, which has no internet gateway and no public table: both are created.
    ASSERT_FALSE(isPublicSubnet(d, ResourceId("b-a")));
    const ChangeSet change = setSubnetPublic(d, ResourceId("b-a"), true);
    ASSERT_TRUE(applyChangeSet(d, change));
    EXPECT_TRUE(isPublicSubnet(d, ResourceId("b-a")));
    EXPECT_TRUE(d.findAs<InternetGateway>(ResourceId("igw-1")));
    EXPECT_EQ(d.findAs<Subnet>(ResourceId("b-a"))->routeTable, ResourceId("rt-public-1"));
    for (const Finding& f : lintDesign(d))
        EXPECT_NE(f.severity, Severity::Error) << f.message;
    // app-a in vpc-a reuses vpc-a's gateway and public table.
    ASSERT_TRUE(applyChangeSet(d, setSubnetPublic(d, ResourceId("app-a"), true)));
    EXPECT_EQ(d.findAs<Subnet>(ResourceId("app-a"))->routeTable, ResourceId("rt-pub"));
    EXPECT_FALSE(d.find(ResourceId("rt-public-2")));
    // And back.
    ASSERT_TRUE(applyChangeSet(d, setSubnetPublic(d, ResourceId("app-a"), false)));
    EXPECT_FALSE(isPublicSubnet(d, ResourceId("app-a")));
    EXPECT_TRUE(setSubnetPublic(d, ResourceId("app-a"), false).empty()) << "already private";
}

TEST(SmartDefaults, NewNatGatewayGivesPrivateSubnetsTheirDefaultRoute)
{
    Design d = base();
    // vpc-b: a public subnet with a NAT gateway, and a private subnet on the main table.
    ASSERT_TRUE(applyChangeSet(d, setSubnetPublic(d, ResourceId("b-a"), true)));
    ChangeSetBuilder add(d);
    Resource privateSubnet;
    privateSubnet.id = ResourceId("b-private");
    privateSubnet.data = Subnet{ResourceId("vpc-b"), *Cidr::parse("10.1.2.0/24"), std::nullopt, "use1-az1", std::nullopt, std::nullopt};
    add.add(privateSubnet);
    Resource nat;
    nat.id = ResourceId("nat-b");
    nat.data = NatGateway{NatAvailabilityMode::Zonal, ResourceId("b-a"), std::nullopt, NatConnectivity::Public, *IpAddress::parse("52.0.0.9"), std::nullopt, LifecycleState::Available};
    add.add(nat);
    ASSERT_TRUE(applyChangeSet(d, add.build()));
    const ChangeSet routes = natDefaultRoutes(d, ResourceId("nat-b"));
    ASSERT_EQ(routes.resources.size(), 1u) << "only the main table of vpc-b, used by the private subnet";
    EXPECT_EQ(routes.resources.front().id.str(), "rt-b");
    ASSERT_TRUE(applyChangeSet(d, routes));
    EXPECT_TRUE(natDefaultRoutes(d, ResourceId("nat-b")).empty()) << "nothing left to do";
}

} // namespace
} // namespace pp::test
