// Saving is canonical: load -> save gives back every bundled example and the golden file byte
// for byte, and a saved design loads back equal.
#include "TestSupport.h"

#include "generate/ScenarioGenerator.h"

#include <filesystem>
#include <gtest/gtest.h>

namespace pp::test {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> exampleFiles()
{
    std::vector<std::string> files;
    for (const auto& entry : fs::directory_iterator(sourcePath("resources/examples")))
        if (entry.path().extension() == ".privatepath")
            files.push_back(entry.path().string());
    std::sort(files.begin(), files.end());
    return files;
}

void expectCanonicalRoundTrip(const std::string& path)
{
    const std::string text = readFile(path);
    const LoadResult r = loadDesign(text, path);
    ASSERT_TRUE(r.ok()) << path;
    for (const Diagnostic& d : r.diagnostics)
        ADD_FAILURE() << "unexpected diagnostic: " << d.format();
    const std::string saved = saveDesignToString(*r.design);
    EXPECT_EQ(saved, text) << path << " is not in canonical form; run `privatepath format " << path << "`";
    const LoadResult again = loadDesign(saved, path);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(*again.design, *r.design);
}

TEST(RoundTrip, EveryBundledExampleIsByteIdentical)
{
    const auto files = exampleFiles();
    ASSERT_GE(files.size(), 6u) << "one example per scenario of EXAMPLES.md";
    for (const std::string& file : files) {
        SCOPED_TRACE(file);
        expectCanonicalRoundTrip(file);
    }
}

TEST(RoundTrip, GoldenFileOfFormatV3)
{
    // tests/data/golden-v3.privatepath uses every resource kind and a lesson with every goal kind,
    // hints, locked resources and a solution body with every top-level part. It pins the current
    // format: if this fails, the format changed; that needs a schemaVersion bump and a migration,
    // not a new golden.
    const std::string path = sourcePath("tests/data/golden-v3.privatepath");
    expectCanonicalRoundTrip(path);
    const LoadResult r = loadDesignFile(path);
    ASSERT_TRUE(r.ok());
    std::vector<bool> seen(kKindCount, false);
    for (const Resource& res : r.design->resources())
        seen[std::size_t(res.kind())] = true;
    for (int k = 0; k < kKindCount; ++k)
        EXPECT_TRUE(seen[std::size_t(k)]) << "golden file lacks a " << kindInfo(Kind(k)).name;
    EXPECT_FALSE(r.design->flows().empty());
    EXPECT_FALSE(r.design->diagram.shapes.empty());
    EXPECT_FALSE(r.design->diagram.connectors.empty());
    ASSERT_TRUE(r.design->lesson);
    std::vector<bool> kinds(6, false);
    for (const Goal& g : r.design->lesson->goals)
        kinds[std::size_t(g.kind)] = true;
    EXPECT_EQ(std::count(kinds.begin(), kinds.end(), true), 6) << "golden file lacks a goal kind";
    ASSERT_EQ(r.design->lesson->solutions.size(), 1u);
    EXPECT_EQ(r.design->lesson->solutions[0].design->extensions.count("x-note"), 1u);
    std::vector<bool> policyKinds(5, false);
    for (const Policy& p : r.design->policies)
        policyKinds[std::size_t(p.kind)] = true;
    EXPECT_EQ(std::count(policyKinds.begin(), policyKinds.end(), true), 5) << "golden file lacks a policy kind";
}

TEST(RoundTrip, OlderGoldenFilesMigrateToTheCurrentOne)
{
    // The golden files of versions 1 and 2 stay as they were written; read through the migration
    // chain they are the version 3 golden file without its policies, which came in 3 (version 1
    // also without the lesson, which came in 2).
    const LoadResult v3 = loadDesignFile(sourcePath("tests/data/golden-v3.privatepath"));
    ASSERT_TRUE(v3.ok());
    ASSERT_FALSE(v3.design->policies.empty());
    const LoadResult v2 = loadDesignFile(sourcePath("tests/data/golden-v2.privatepath"));
    ASSERT_TRUE(v2.ok());
    EXPECT_TRUE(v2.diagnostics.empty());
    // Kinds that came later in version 3 (optional collections, so the version stayed): the
    // network firewall (INS-3) and VPC Lattice's resource gateways, resource configurations,
    // service networks and the endpoints to them (PL-1) are added to the older files' designs.
    std::vector<Resource> later;
    for (const Resource& r : v3.design->resources()) {
        const VpcEndpoint* e = r.as<VpcEndpoint>();
        if (r.kind() == Kind::NetworkFirewall || r.kind() == Kind::ResourceGateway || r.kind() == Kind::ResourceConfiguration ||
            r.kind() == Kind::ServiceNetwork || (e && e->endpointType == EndpointType::ServiceNetwork))
            later.push_back(r);
    }
    ASSERT_FALSE(later.empty());
    Design withPolicies = *v2.design;
    withPolicies.policies = v3.design->policies;
    for (const Resource& r : later)
        ASSERT_TRUE(withPolicies.add(r));
    EXPECT_EQ(withPolicies, *v3.design);
    EXPECT_EQ(saveDesignToString(withPolicies), readFile(sourcePath("tests/data/golden-v3.privatepath")));
    const LoadResult v1 = loadDesignFile(sourcePath("tests/data/golden-v1.privatepath"));
    ASSERT_TRUE(v1.ok());
    EXPECT_TRUE(v1.diagnostics.empty());
    Design withoutLesson = *v3.design;
    withoutLesson.lesson.reset();
    withoutLesson.policies.clear();
    Design fromV1 = *v1.design;
    for (const Resource& r : later)
        ASSERT_TRUE(fromV1.add(r));
    EXPECT_EQ(fromV1, withoutLesson);
    // The 2 -> 3 step wrote version 2's defaults out: the group that had no outbound rule still has
    // none, and the data centre keeps its breakout.
    const std::string saved = saveDesignToString(*v1.design);
    EXPECT_NE(saved.find("\"outbound\": []"), std::string::npos);
    EXPECT_NE(saved.find("\"internetBreakout\": true"), std::string::npos);
}

TEST(RoundTrip, GeneratedDesignSurvivesSaveAndLoad)
{
    const auto design = generateScenario({5, 4, 3, 42});
    ASSERT_TRUE(design);
    const std::string saved = saveDesignToString(*design);
    const LoadResult r = loadDesign(saved, "generated");
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(r.diagnostics.empty());
    EXPECT_EQ(*r.design, *design);
    EXPECT_EQ(saveDesignToString(*r.design), saved);
}

TEST(RoundTrip, SavingOmitsDefaultsAndKeepsDocumentedKeyOrder)
{
    Design d;
    Resource vpc;
    vpc.id = ResourceId("vpc-a");
    vpc.name = "Main";
    vpc.data = Vpc{ResourceId("use1"), "", {*Cidr::parse("10.0.0.0/16")}, std::nullopt, true, false};
    d.add(vpc);
    Resource region;
    region.id = ResourceId("use1");
    region.data = Region{"us-east-1", "aws", {}};
    d.add(region);
    EXPECT_EQ(saveDesignToString(d), R"({
  "schemaVersion": 3,
  "regions": [
    {"id": "use1", "code": "us-east-1"}
  ],
  "vpcs": [
    {
      "id": "vpc-a",
      "name": "Main",
      "region": "use1",
      "ipv4Cidrs": ["10.0.0.0/16"]
    }
  ]
}
)");
}

TEST(RoundTrip, StringsAreEscapedAndUnicodeKept)
{
    Design d;
    d.name = "Quotes \" and \\ and <tags> & ünïcödé\nnew line";
    Resource host;
    host.id = ResourceId("h");
    host.name = "tab\there";
    host.data = InternetHost{*IpAddress::parse("203.0.113.1"), ""};
    d.add(host);
    const std::string saved = saveDesignToString(d);
    const LoadResult r = loadDesign(saved, "escape");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.design->name, d.name);
    EXPECT_EQ(r.design->resources().front().name, "tab\there");
    EXPECT_NE(saved.find("ünïcödé"), std::string::npos);
}

} // namespace
} // namespace pp::test
