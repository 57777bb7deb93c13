// Copy, paste and duplicate keep the design valid: copies get fresh ids, suffixed names and
// addresses that collide with nothing, land in a container that can hold them (or are refused,
// saying why), keep their references where they still hold, and never cover what is drawn.
#include "edit/Clipboard.h"

#include "TestSupport.h"
#include "analysis/Analyzer.h"
#include "edit/Addressing.h"

#include <algorithm>
#include <filesystem>
#include <gtest/gtest.h>

namespace pp::test {
namespace {

Design example(const std::string& name)
{
    const LoadResult loaded = loadDesignFile(sourcePath("resources/examples/" + name));
    EXPECT_TRUE(loaded.ok()) << name;
    return loaded.ok() ? *loaded.design : Design();
}

std::vector<Finding> findingsOf(const Design& d)
{
    std::vector<Finding> out = lintDesign(d);
    const std::vector<Finding> drawing = lintDiagram(d);
    out.insert(out.end(), drawing.begin(), drawing.end());
    return out;
}

// Findings of `after` that `before` does not have, as text for the failure message.
std::string newFindings(const Design& before, const Design& after)
{
    std::vector<Finding> old = findingsOf(before);
    std::string out;
    for (const Finding& f : findingsOf(after)) {
        if (const auto it = std::find(old.begin(), old.end(), f); it != old.end())
            old.erase(it);
        else
            out += "  " + f.code + ": " + f.message + "\n";
    }
    return out;
}

const Shape* shapeOf(const Design& d, const std::string& id)
{
    for (const Shape& s : d.diagram.shapes)
        if (s.resource.str() == id)
            return &s;
    return nullptr;
}

bool covers(const Shape& a, const Shape& b)
{
    return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

std::vector<ResourceId> ids(std::initializer_list<const char*> list)
{
    std::vector<ResourceId> out;
    for (const char* id : list)
        out.emplace_back(id);
    return out;
}

// Copies `selection`, pastes it at `target` and applies the paste; empty when refused.
std::optional<PasteResult> copyPaste(Design& d, const std::vector<ResourceId>& selection,
                                     const PasteTarget& target, std::string* why = nullptr)
{
    auto pasted = pasteSelection(d, copySelection(d, selection), target, why);
    if (pasted) {
        std::string error;
        EXPECT_TRUE(applyChangeSet(d, pasted->change, &error)) << error;
    }
    return pasted;
}

// `id` and everything drawn inside it.
std::vector<ResourceId> withContents(const Design& d, const std::string& id)
{
    std::vector<ResourceId> out{ResourceId(id)};
    for (bool grew = true; grew;) {
        grew = false;
        for (const Shape& s : d.diagram.shapes)
            if (s.parent && std::find(out.begin(), out.end(), *s.parent) != out.end() &&
                std::find(out.begin(), out.end(), s.resource) == out.end()) {
                out.push_back(s.resource);
                grew = true;
            }
    }
    return out;
}

TEST(Clipboard, InstancePastedIntoAnotherSubnetGetsAFreeAddressThere)
{
    Design d = example("s3-gateway-endpoint.privatepath");
    const Design before = d;
    std::string why;
    const auto pasted = copyPaste(d, ids({"i-app-nat"}), PasteTarget{ResourceId("app-b"), 150, 50}, &why);
    ASSERT_TRUE(pasted) << why;
    ASSERT_EQ(pasted->resources, ids({"i-app-nat-2"}));
    const Workload* copy = d.findAs<Workload>(ResourceId("i-app-nat-2"));
    ASSERT_NE(copy, nullptr);
    EXPECT_EQ(copy->subnet.str(), "app-b");
    EXPECT_EQ(copy->privateIp->toString(), "10.0.2.11") << "i-app-s3 has 10.0.2.10";
    EXPECT_EQ(copy->securityGroups, ids({"sg-app"})) << "same VPC: its security group still applies";
    EXPECT_EQ(shapeOf(d, "i-app-nat-2")->parent, ResourceId("app-b"));
    EXPECT_EQ(newFindings(before, d), "");
}

TEST(Clipboard, PastingAnInstanceTwiceIntoItsSubnetGivesTwoFreshAddressesIdsAndNames)
{
    Design d = example("s3-gateway-endpoint.privatepath");
    const Design before = d;
    const std::string clip = copySelection(d, ids({"i-app-nat"}));
    for (int i = 0; i < 2; ++i) {
        std::string why;
        const auto pasted = pasteSelection(d, clip, PasteTarget{ResourceId("app-a"), 30, 50}, &why);
        ASSERT_TRUE(pasted) << why;
        ASSERT_TRUE(applyChangeSet(d, pasted->change));
    }
    const Workload* first = d.findAs<Workload>(ResourceId("i-app-nat-2"));
    const Workload* second = d.findAs<Workload>(ResourceId("i-app-nat-3"));
    ASSERT_TRUE(first && second);
    EXPECT_EQ(first->privateIp->toString(), "10.0.1.11");
    EXPECT_EQ(second->privateIp->toString(), "10.0.1.12");
    EXPECT_EQ(d.find(ResourceId("i-app-nat-2"))->name, "App server (via NAT) (copy)");
    EXPECT_EQ(d.find(ResourceId("i-app-nat-3"))->name, "App server (via NAT) (copy 2)");
    EXPECT_EQ(newFindings(before, d), "");
    // A copy of the copy is numbered on from the original's id and name.
    std::string why;
    const auto again = copyPaste(d, ids({"i-app-nat-2"}), PasteTarget{ResourceId("app-a"), 30, 50}, &why);
    ASSERT_TRUE(again) << why;
    EXPECT_EQ(again->resources, ids({"i-app-nat-4"}));
    EXPECT_EQ(d.find(ResourceId("i-app-nat-4"))->name, "App server (via NAT) (copy 3)");
}

TEST(Clipboard, InstancePastedIntoAnotherVpcLeavesItsSecurityGroupsBehind)
{
    Design d = example("share-service-privatelink.privatepath");
    const Design before = d;
    std::string why;
    ASSERT_TRUE(copyPaste(d, ids({"i-app"}), PasteTarget{ResourceId("b-app-b"), 30, 50}, &why)) << why;
    const Workload* copy = d.findAs<Workload>(ResourceId("i-app-2"));
    ASSERT_NE(copy, nullptr);
    EXPECT_EQ(copy->subnet.str(), "b-app-b");
    EXPECT_EQ(copy->privateIp->toString(), "10.50.2.10");
    EXPECT_TRUE(copy->securityGroups.empty()) << "sg-app belongs to vpc-a";
    EXPECT_EQ(newFindings(before, d), "");
}

TEST(Clipboard, SubnetPastedIntoAnotherVpcGetsAFreeBlockThere)
{
    Design d = example("share-service-privatelink.privatepath");
    const Design before = d;
    std::string why;
    const auto pasted = copyPaste(d, ids({"app-a", "i-app"}), PasteTarget{ResourceId("vpc-b"), 40, 60}, &why);
    ASSERT_TRUE(pasted) << why;
    const Subnet* subnet = d.findAs<Subnet>(ResourceId("app-a-2"));
    ASSERT_NE(subnet, nullptr);
    EXPECT_EQ(subnet->vpc.str(), "vpc-b");
    EXPECT_EQ(subnet->cidr.toString(), "10.50.0.0/24") << "vpc-b's first free /24";
    EXPECT_FALSE(subnet->routeTable) << "rt-app belongs to vpc-a: vpc-b's main table applies";
    const Workload* instance = d.findAs<Workload>(ResourceId("i-app-2"));
    ASSERT_NE(instance, nullptr);
    EXPECT_EQ(instance->subnet.str(), "app-a-2");
    EXPECT_EQ(instance->privateIp->toString(), "10.50.0.20") << "its place in the new block";
    EXPECT_EQ(shapeOf(d, "app-a-2")->parent, ResourceId("vpc-b"));
    EXPECT_EQ(shapeOf(d, "i-app-2")->parent, ResourceId("app-a-2"));
    EXPECT_EQ(newFindings(before, d), "");
}

TEST(Clipboard, WholeVpcPastedIntoItsRegionGetsItsOwnBlockAndItsFlowStillWorks)
{
    Design d = example("share-service-privatelink.privatepath");
    const Design before = d;
    const std::string original = saveDesignToString(d);
    const auto selection = withContents(d, "vpc-b");
    ASSERT_EQ(selection.size(), 8u);
    std::string why;
    const auto pasted = copyPaste(d, selection, PasteTarget{ResourceId("use1"), 40, 460}, &why);
    ASSERT_TRUE(pasted) << why;
    EXPECT_EQ(pasted->resources.size(), 8u);
    ASSERT_EQ(pasted->flows.size(), 1u);

    const Vpc* vpc = d.findAs<Vpc>(ResourceId("vpc-b-2"));
    ASSERT_NE(vpc, nullptr);
    EXPECT_EQ(vpc->region.str(), "use1");
    EXPECT_EQ(vpc->ipv4Cidrs, std::vector<Cidr>{*Cidr::parse("10.1.0.0/16")}) << "10.0 and 10.50 are taken";
    EXPECT_EQ(d.findAs<Subnet>(ResourceId("b-app-a-2"))->cidr.toString(), "10.1.1.0/24");
    EXPECT_EQ(d.findAs<Subnet>(ResourceId("b-app-a-2"))->routeTable, ResourceId("rt-b-app-2"));
    EXPECT_EQ(d.findAs<Workload>(ResourceId("i-b-app-2"))->privateIp->toString(), "10.1.1.20");
    EXPECT_EQ(d.findAs<Workload>(ResourceId("i-b-app-2"))->securityGroups, ids({"sg-b-app-2"}));
    const SecurityGroup* endpointGroup = d.findAs<SecurityGroup>(ResourceId("sg-b-vpce-orders-2"));
    EXPECT_EQ(endpointGroup->inbound.at(0).cidr, Cidr::parse("10.1.0.0/16"))
        << "the rule follows its VPC's block";
    const VpcEndpoint* endpoint = d.findAs<VpcEndpoint>(ResourceId("vpce-b-orders-2"));
    EXPECT_EQ(endpoint->subnets, ids({"b-app-a-2", "b-app-b-2"}));
    EXPECT_EQ(endpoint->service.str(), "svc-orders") << "the endpoint service was not copied: kept";

    const Flow* flow = d.findFlow(pasted->flows.front());
    ASSERT_NE(flow, nullptr);
    EXPECT_EQ(flow->id.str(), "flow-b-orders-2");
    EXPECT_EQ(flow->source.str(), "i-b-app-2");
    EXPECT_EQ(flow->destination.str(), "vpce-b-orders-2");
    EXPECT_EQ(newFindings(before, d), "");
    const AnalysisResult analysis = analyzeDesign(d);
    for (const FlowResult& r : analysis.flows)
        EXPECT_TRUE(r.expectationMet.value_or(true))
            << r.flow.str() << " no longer gets the verdict it expects";

    // The Region grew to hold the copy, below both VPCs.
    const Shape* copyShape = shapeOf(d, "vpc-b-2");
    EXPECT_EQ(copyShape->parent, ResourceId("use1"));
    EXPECT_EQ(copyShape->y, 820);
    EXPECT_GE(shapeOf(d, "use1")->height, copyShape->y + copyShape->height + 20);

    // Undo gives back the original file exactly.
    ASSERT_TRUE(applyChangeSet(d, pasted->change.inverse()));
    EXPECT_EQ(saveDesignToString(d), original);
}

TEST(Clipboard, VpcPastedIntoAnotherDesignTakesItsRegionsZonesAndServices)
{
    Design source = example("s3-gateway-endpoint.privatepath");
    nlohmann::json j = baseDesign();
    j["diagram"]["shapes"].push_back(
        {{"resource", "euw1"}, {"x", 0}, {"y", 900}, {"width", 1300}, {"height", 500}});
    Design d = *loadDesign(j.dump(), "base").design;
    const Design before = d;
    std::string why;
    const auto pasted = pasteSelection(d, copySelection(source, withContents(source, "vpc-a")),
                                       PasteTarget{ResourceId("euw1"), 40, 60}, &why);
    ASSERT_TRUE(pasted) << why;
    ASSERT_TRUE(applyChangeSet(d, pasted->change));
    EXPECT_TRUE(pasted->skipped.empty());
    const Vpc* vpc = d.findAs<Vpc>(ResourceId("vpc-a-2"));
    ASSERT_NE(vpc, nullptr) << "vpc-a is taken here";
    EXPECT_EQ(vpc->region.str(), "euw1");
    EXPECT_EQ(vpc->ipv4Cidrs, std::vector<Cidr>{*Cidr::parse("10.2.0.0/16")});
    EXPECT_EQ(d.findAs<Subnet>(ResourceId("app-b-2"))->availabilityZone, "euw1-az2") << "was use1-az2";
    EXPECT_EQ(d.findAs<VpcEndpoint>(ResourceId("vpce-s3-2"))->service.str(), "s3-eu")
        << "a gateway endpoint serves its own Region's S3";
    EXPECT_EQ(shapeOf(d, "vpc-a-2")->parent, ResourceId("euw1"));
    EXPECT_EQ(newFindings(before, d), "");
}

TEST(Clipboard, CopiesThatCannotExistHereAreSkippedAndSaySo)
{
    const Design source = example("share-service-privatelink.privatepath");
    Design d = example("s3-gateway-endpoint.privatepath");
    const Design before = d;
    std::string why;
    const auto pasted = pasteSelection(d, copySelection(source, withContents(source, "vpc-b")),
                                       PasteTarget{ResourceId("use1"), 40, 500}, &why);
    ASSERT_TRUE(pasted) << why;
    ASSERT_TRUE(applyChangeSet(d, pasted->change));
    EXPECT_EQ(pasted->skipped, ids({"vpce-b-orders"}))
        << "its endpoint service svc-orders is not in this design";
    EXPECT_EQ(pasted->resources.size(), 7u);
    EXPECT_TRUE(pasted->flows.empty()) << "the flow went to the skipped endpoint";
    EXPECT_EQ(newFindings(before, d), "");
    // Nothing left to paste: refused with the reason.
    EXPECT_FALSE(pasteSelection(d, copySelection(source, ids({"vpce-b-orders"})),
                                PasteTarget{ResourceId("vpc-a"), 0, 0}, &why));
    EXPECT_EQ(why,
              "Orders API endpoint cannot be pasted here: it needs svc-orders, which is not in this design");
}

TEST(Clipboard, InterfaceEndpointPastedIntoASubnetServesItsVpcInTheSameZones)
{
    Design d = example("privatelink-aws-services.privatepath");
    const Design before = d;
    std::string why;
    ASSERT_TRUE(copyPaste(d, ids({"vpce-sqs"}), PasteTarget{ResourceId("b-app-a"), 150, 50}, &why)) << why;
    const VpcEndpoint* copy = d.findAs<VpcEndpoint>(ResourceId("vpce-sqs-2"));
    ASSERT_NE(copy, nullptr);
    EXPECT_EQ(copy->vpc.str(), "vpc-b");
    EXPECT_EQ(copy->subnets, ids({"b-app-a", "b-app-b"}))
        << "the subnet it landed in, and one in its other AZ";
    EXPECT_TRUE(copy->securityGroups.empty()) << "sg-vpce-sqs belongs to vpc-a";
    EXPECT_TRUE(copy->privateDns) << "no other endpoint answers for SQS in vpc-b";
    EXPECT_EQ(shapeOf(d, "vpce-sqs-2")->parent, ResourceId("b-app-a"));
    EXPECT_EQ(newFindings(before, d), "");
    // A second copy in the same VPC cannot answer SQS's name too.
    ASSERT_TRUE(copyPaste(d, ids({"vpce-sqs"}), PasteTarget{ResourceId("b-app-b"), 150, 50}, &why)) << why;
    EXPECT_FALSE(d.findAs<VpcEndpoint>(ResourceId("vpce-sqs-3"))->privateDns);
    // In a VPC's body an interface endpoint keeps those of its subnets that are there.
    EXPECT_FALSE(copyPaste(d, ids({"vpce-sqs"}), PasteTarget{ResourceId("vpc-b"), 40, 40}, &why));
    EXPECT_EQ(why, "Paste interface endpoints into a subnet.");
}

TEST(Clipboard, WhatLivesInAVpcPastedOverASubnetLandsInTheVpcBesideIt)
{
    Design d = example("s3-gateway-endpoint.privatepath");
    std::string why;
    ASSERT_TRUE(copyPaste(d, ids({"sg-app"}), PasteTarget{ResourceId("app-a"), 30, 50}, &why)) << why;
    EXPECT_EQ(d.findAs<SecurityGroup>(ResourceId("sg-app-2"))->vpc.str(), "vpc-a");
    const Shape& copy = *shapeOf(d, "sg-app-2");
    EXPECT_EQ(copy.parent, ResourceId("vpc-a"));
    for (const Shape& s : d.diagram.shapes)
        EXPECT_FALSE(s.parent == copy.parent && s.resource != copy.resource && covers(copy, s))
            << "covers " << s.resource.str();
}

TEST(Clipboard, WhatNeedsASubnetOrVpcIsRefusedElsewhereWithAReason)
{
    Design d = example("s3-gateway-endpoint.privatepath");
    const std::string original = saveDesignToString(d);
    std::string why;
    EXPECT_FALSE(copyPaste(d, ids({"i-app-nat"}), PasteTarget{std::nullopt, 40, 40}, &why));
    EXPECT_EQ(why, "Paste instances into a subnet.");
    EXPECT_FALSE(copyPaste(d, ids({"i-app-nat"}), PasteTarget{ResourceId("vpc-a"), 40, 250}, &why));
    EXPECT_EQ(why, "Paste instances into a subnet.") << "the body of a VPC is no subnet";
    EXPECT_FALSE(copyPaste(d, ids({"nat-a"}), PasteTarget{ResourceId("use1"), 40, 40}, &why));
    EXPECT_EQ(why, "Paste NAT gateways into a subnet.");
    EXPECT_FALSE(copyPaste(d, ids({"app-a"}), PasteTarget{ResourceId("use1"), 40, 40}, &why));
    EXPECT_EQ(why, "Paste subnets into a VPC.");
    EXPECT_FALSE(copyPaste(d, ids({"vpc-a"}), PasteTarget{std::nullopt, 40, 40}, &why));
    EXPECT_EQ(why, "Paste VPCs into a Region.");
    EXPECT_FALSE(copyPaste(d, ids({"igw-a"}), PasteTarget{ResourceId("vpc-a"), 40, 40}, &why));
    EXPECT_EQ(why, "VPC VPC-A already has an internet gateway; a VPC can have one.");
    EXPECT_FALSE(pasteSelection(d, "{\"hello\": 1}", PasteTarget{}, &why));
    EXPECT_EQ(why, "the clipboard holds no PrivatePath design");
    EXPECT_EQ(saveDesignToString(d), original) << "a refused paste changes nothing";
}

TEST(Clipboard, FullSubnetRefusesTheInstanceSayingWhy)
{
    nlohmann::json j = baseDesign();
    byId(j, "subnets", "b-a")["cidr"] = "10.1.1.0/28";
    byId(j, "workloads", "i-b")["privateIp"] = "10.1.1.14";
    Design d = *loadDesign(j.dump(), "small").design;
    for (const char* address : {"10.1.1.10", "10.1.1.11", "10.1.1.12", "10.1.1.13"}) {
        Resource w = *d.find(ResourceId("i-b"));
        w.id = ResourceId(std::string("i-") + address);
        std::get<Workload>(w.data).privateIp = IpAddress::parse(address);
        ASSERT_TRUE(d.add(w));
    }
    d.diagram.shapes.push_back(Shape{ResourceId("vpc-b"), ResourceId("use1"), 700, 40, 400, 300});
    d.diagram.shapes.push_back(Shape{ResourceId("b-a"), ResourceId("vpc-b"), 20, 40, 300, 200});
    EXPECT_FALSE(nextFreeAddress(d, ResourceId("b-a")));
    std::string why;
    EXPECT_FALSE(copyPaste(d, ids({"i-app"}), PasteTarget{ResourceId("b-a"), 20, 40}, &why));
    EXPECT_EQ(why, "Subnet 10.1.1.0/28 has no free address for i-app.");
}

TEST(Clipboard, APasteNearTheEdgeLandsInsideAndContainersGrowOnlyWhenFull)
{
    Design d = example("s3-gateway-endpoint.privatepath");
    const Shape subnet = *shapeOf(d, "app-a"), region = *shapeOf(d, "use1");
    std::string why;
    // Pointed far past the subnet's right edge: pulled back inside, nothing grows over neighbours.
    ASSERT_TRUE(copyPaste(d, ids({"i-app-nat"}), PasteTarget{ResourceId("app-a"), 1000, 50}, &why)) << why;
    const Shape& copy = *shapeOf(d, "i-app-nat-2");
    EXPECT_LE(copy.x + copy.width + 20, subnet.width);
    EXPECT_EQ(shapeOf(d, "app-a")->width, subnet.width);
    EXPECT_EQ(shapeOf(d, "app-a")->height, subnet.height);
    // A whole VPC pasted into its Region does not fit beside the first: the Region grows to hold it.
    std::vector<ResourceId> vpc;
    for (const Shape& s : d.diagram.shapes)
        vpc.push_back(s.resource);
    vpc.erase(std::remove_if(vpc.begin(), vpc.end(), [](const ResourceId& id) { return id.str() == "use1" || id.str() == "s3"; }), vpc.end());
    ASSERT_TRUE(copyPaste(d, vpc, PasteTarget{ResourceId("use1"), 1000, 50}, &why)) << why;
    const Shape grown = *shapeOf(d, "use1");
    EXPECT_TRUE(grown.width > region.width || grown.height > region.height) << "the Region holds the second VPC";
}

TEST(Clipboard, PastedShapesDoNotCoverShapesAlreadyThere)
{
    Design d = example("s3-gateway-endpoint.privatepath");
    const Shape original = *shapeOf(d, "i-app-nat");
    std::string why;
    // Pasted right on top of the original: moved right on the grid until clear.
    ASSERT_TRUE(
        copyPaste(d, ids({"i-app-nat"}), PasteTarget{ResourceId("app-a"), original.x, original.y}, &why))
        << why;
    const Shape copy = *shapeOf(d, "i-app-nat-2");
    EXPECT_EQ(copy.x, original.x + 100);
    EXPECT_EQ(copy.y, original.y);
    // The subnet is full in that row now: the next copy goes down a row.
    ASSERT_TRUE(
        copyPaste(d, ids({"i-app-nat"}), PasteTarget{ResourceId("app-a"), original.x, original.y}, &why))
        << why;
    const Shape third = *shapeOf(d, "i-app-nat-3");
    EXPECT_EQ(third.x, original.x);
    EXPECT_EQ(third.y, original.y + 80);
    EXPECT_FALSE(covers(third, original) || covers(third, copy));
    EXPECT_GE(shapeOf(d, "app-a")->height, third.y + third.height + 20);
}

TEST(Clipboard, DuplicateLandsBesideTheOriginal)
{
    Design d = example("s3-gateway-endpoint.privatepath");
    const Design before = d;
    const PasteTarget beside = duplicateTarget(d, ids({"i-app-nat"}));
    EXPECT_EQ(beside.container, ResourceId("app-a"));
    EXPECT_EQ(beside.x, 30 + 90 + 20);
    EXPECT_EQ(beside.y, 50);
    std::string why;
    ASSERT_TRUE(copyPaste(d, ids({"i-app-nat"}), beside, &why)) << why;
    EXPECT_EQ(shapeOf(d, "i-app-nat-2")->x, 140);
    // The gateway endpoint sits at the VPC's right edge: its copy goes below it, and does not
    // take the route table the original serves (one gateway endpoint per service per table).
    const PasteTarget below = duplicateTarget(d, ids({"vpce-s3"}));
    EXPECT_EQ(below.container, ResourceId("vpc-a"));
    EXPECT_EQ(below.x, 1130);
    EXPECT_EQ(below.y, 240 + 70 + 20);
    ASSERT_TRUE(copyPaste(d, ids({"vpce-s3"}), below, &why)) << why;
    EXPECT_TRUE(d.findAs<VpcEndpoint>(ResourceId("vpce-s3-2"))->routeTables.empty());
    EXPECT_EQ(newFindings(before, d), "");
}

// Every drawn resource of every example, duplicated beside itself (alone, and with what is drawn
// inside it): either refused with a reason, or pasted without new findings and undone exactly.
TEST(Clipboard, DuplicatingAnythingInTheExamplesKeepsThemValid)
{
    int pasted = 0, refused = 0;
    for (const auto& entry : std::filesystem::directory_iterator(sourcePath("resources/examples"))) {
        const Design original = example(entry.path().filename().string());
        const std::string bytes = saveDesignToString(original);
        for (const Shape& s : original.diagram.shapes) {
            for (const bool contents : {false, true}) {
                const auto selection =
                    contents ? withContents(original, s.resource.str()) : std::vector{s.resource};
                if (contents && selection.size() == 1)
                    continue;
                Design d = original;
                std::string why;
                const auto result = copyPaste(d, selection, duplicateTarget(d, selection), &why);
                const std::string what = entry.path().filename().string() + ": " + s.resource.str() +
                                         (contents ? " with contents" : "");
                if (!result) {
                    EXPECT_FALSE(why.empty()) << what;
                    ++refused;
                    continue;
                }
                ++pasted;
                EXPECT_EQ(result->resources.size(), selection.size()) << what;
                EXPECT_EQ(newFindings(original, d), "") << what;
                ASSERT_TRUE(applyChangeSet(d, result->change.inverse())) << what;
                EXPECT_EQ(saveDesignToString(d), bytes) << what;
            }
        }
    }
    EXPECT_GT(pasted, 100);
    EXPECT_LT(refused, pasted / 5) << "most things can be duplicated in place";
}

TEST(Clipboard, AnAwsServiceIsNotDuplicatedInItsOwnRegion)
{
    // A second SQS tile in us-east-1 would split the service's endpoints and flows
    // (AWS_SERVICE_DUPLICATE): the paste is refused and says why.
    Design d = example("privatelink-aws-services.privatepath");
    const std::string bytes = saveDesignToString(d);
    const std::vector<ResourceId> selection{ResourceId("sqs")};
    std::string why;
    EXPECT_FALSE(copyPaste(d, selection, duplicateTarget(d, selection), &why));
    EXPECT_NE(why.find("us-east-1 already has a tile for sqs"), std::string::npos) << why;
    EXPECT_EQ(saveDesignToString(d), bytes);
}

TEST(Addressing, FreeBlocksAvoidWhatIsTaken)
{
    const Design d = example("share-service-privatelink.privatepath");
    EXPECT_EQ(nextFreeVpcBlock(d, 16), Cidr::parse("10.1.0.0/16"));
    EXPECT_EQ(nextFreeVpcBlock(d, 16, {*Cidr::parse("10.1.0.0/16")}), Cidr::parse("10.2.0.0/16"));
    EXPECT_EQ(nextFreeSubnetBlock(d, ResourceId("vpc-a"), 24), Cidr::parse("10.0.0.0/24"));
    EXPECT_EQ(nextFreeSubnetBlock(d, ResourceId("vpc-a"), 24, {*Cidr::parse("10.0.0.0/24")}),
              Cidr::parse("10.0.3.0/24"));
    EXPECT_EQ(nextFreeAddress(d, ResourceId("app-a")), IpAddress::parse("10.0.1.10"));
    EXPECT_EQ(nextFreeAddress(d, ResourceId("app-a"), {IpAddress::parse("10.0.1.10")->value()}),
              IpAddress::parse("10.0.1.11"));
    EXPECT_EQ(nextFreeAddress(d, ResourceId("p-svc-a")), IpAddress::parse("10.50.1.11")) << "i-svc has .10";
}

} // namespace
} // namespace pp::test
