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

TEST(RoundTrip, GoldenFileOfFormatV1)
{
    // tests/data/golden-v1.privatepath uses every resource kind. It pins the v1 format: if this
    // fails, the format changed; that needs a schemaVersion bump and a migration, not a new golden.
    // Version 1 is read through the migrations to the current version, which changed nothing it
    // holds, so it saves as the same text with the new version number.
    const std::string path = sourcePath("tests/data/golden-v1.privatepath");
    std::string asCurrent = readFile(path);
    asCurrent.replace(asCurrent.find("\"schemaVersion\": 1,"), 18, "\"schemaVersion\": 3");
    const LoadResult r = loadDesignFile(path);
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(r.diagnostics.empty());
    EXPECT_EQ(saveDesignToString(*r.design), asCurrent);
    std::vector<bool> seen(kKindCount, false);
    for (const Resource& res : r.design->resources())
        seen[std::size_t(res.kind())] = true;
    for (int k = 0; k < kKindCount; ++k)
        EXPECT_TRUE(seen[std::size_t(k)]) << "golden file lacks a " << kindInfo(Kind(k)).name;
    EXPECT_FALSE(r.design->flows().empty());
    EXPECT_FALSE(r.design->diagram.shapes.empty());
    EXPECT_FALSE(r.design->diagram.connectors.empty());
}

TEST(RoundTrip, GoldenFileOfFormatV2)
{
    // Version 2: the design of version 1 plus a lesson with every goal kind, hints, locked
    // resources and a solution body with every top-level part.
    // Read through the migration to version 3, which changed nothing it holds: it saves as the same
    // text with the new version number.
    const std::string path = sourcePath("tests/data/golden-v2.privatepath");
    std::string asCurrent = readFile(path);
    asCurrent.replace(asCurrent.find("\"schemaVersion\": 2,"), 18, "\"schemaVersion\": 3");
    const LoadResult r = loadDesignFile(path);
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(r.diagnostics.empty());
    EXPECT_EQ(saveDesignToString(*r.design), asCurrent);
    ASSERT_TRUE(r.ok());
    ASSERT_TRUE(r.design->lesson);
    std::vector<bool> kinds(6, false);
    for (const Goal& g : r.design->lesson->goals)
        kinds[std::size_t(g.kind)] = true;
    EXPECT_EQ(std::count(kinds.begin(), kinds.end(), true), 6) << "golden file lacks a goal kind";
    ASSERT_EQ(r.design->lesson->solutions.size(), 1u);
    EXPECT_EQ(r.design->lesson->solutions[0].design->extensions.count("x-note"), 1u);
    // Apart from the lesson, it is the version 1 golden file.
    Design withoutLesson = *r.design;
    withoutLesson.lesson.reset();
    EXPECT_EQ(withoutLesson, *loadDesignFile(sourcePath("tests/data/golden-v1.privatepath")).design);
}

TEST(RoundTrip, GoldenFileOfFormatV3)
{
    // Version 3: the design of version 2 plus a policy of every kind, with every scope list.
    const std::string path = sourcePath("tests/data/golden-v3.privatepath");
    expectCanonicalRoundTrip(path);
    const LoadResult r = loadDesignFile(path);
    ASSERT_TRUE(r.ok());
    std::vector<bool> kinds(5, false);
    for (const Policy& p : r.design->policies)
        kinds[std::size_t(p.kind)] = true;
    EXPECT_EQ(std::count(kinds.begin(), kinds.end(), true), 5) << "golden file lacks a policy kind";
    // Apart from the policies, it is the version 2 golden file.
    Design withoutPolicies = *r.design;
    withoutPolicies.policies.clear();
    EXPECT_EQ(withoutPolicies, *loadDesignFile(sourcePath("tests/data/golden-v2.privatepath")).design);
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
