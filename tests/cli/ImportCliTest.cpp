// `privatepath import terraform` end to end: the design and the report it writes, the documented
// exit codes, and a broken input named by file, line and field.
#include "Shell.h"

#include "io/DesignFile.h"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace {

using pp::test::runShell;
using pp::test::shellQuote;

std::string fixture(const std::string& name)
{
    return std::string(PRIVATEPATH_SOURCE_DIR) + "/tests/data/import/terraform/" + name;
}

class ImportCli : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_dir = std::filesystem::temp_directory_path() /
                ("pp-import-" + std::to_string(::getpid()) + "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(m_dir);
        std::filesystem::create_directories(m_dir);
    }
    void TearDown() override { std::filesystem::remove_all(m_dir); }
    std::string path(const std::string& name) const { return (m_dir / name).string(); }
    pp::test::ShellResult run(const std::string& arguments) const
    {
        return runShell(shellQuote(PRIVATEPATH_BINARY) + " import " + arguments + " 2>&1");
    }
    std::filesystem::path m_dir;
};

TEST_F(ImportCli, WritesADesignThatChecksAndItsReport)
{
    const std::string out = path("net.privatepath");
    const auto r = run("terraform " + shellQuote(fixture("state-network.json")) + " -o " + shellQuote(out));
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("Imported "), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("aws_s3_bucket: 1"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("[implicitDefaultSecurityGroup]"), std::string::npos) << r.out;
    const pp::LoadResult loaded = pp::loadDesignFile(out);
    ASSERT_TRUE(loaded.ok());
    EXPECT_FALSE(loaded.design->diagram.shapes.empty());
    // The report beside the design.
    std::ifstream in(path("net.import-report.json"));
    const nlohmann::json report = nlohmann::json::parse(in);
    EXPECT_EQ(report["inputKind"], "state");
    EXPECT_GT(report["summary"]["imported"].get<int>(), 50);
    // `check` loads it without loader errors (its findings are the network's own).
    const auto check = runShell(shellQuote(PRIVATEPATH_BINARY) + " check " + shellQuote(out) + " 2>&1");
    EXPECT_TRUE(check.code == 0 || check.code == 1) << check.out;
    EXPECT_EQ(check.out.find("error: cannot"), std::string::npos) << check.out;
}

TEST_F(ImportCli, PrintsTheReportAsJsonAndSavesItWhereAsked)
{
    const auto r = run("terraform " + shellQuote(fixture("plan-unknown.json")) + " -o " + shellQuote(path("p.privatepath")) +
                       " --report " + shellQuote(path("r.json")) + " --format json");
    ASSERT_EQ(r.code, 0) << r.out;
    const nlohmann::json printed = nlohmann::json::parse(r.out);
    EXPECT_EQ(printed["inputKind"], "plan");
    EXPECT_GE(printed["summary"]["unknown"].get<int>(), 1);
    std::ifstream in(path("r.json"));
    EXPECT_EQ(nlohmann::json::parse(in), printed);
}

TEST_F(ImportCli, AnUnreadableInputExitsWith3)
{
    const auto r = run("terraform " + shellQuote(path("missing.json")) + " -o " + shellQuote(path("o.privatepath")));
    EXPECT_EQ(r.code, 3) << r.out;
    EXPECT_NE(r.out.find("FILE_UNREADABLE"), std::string::npos) << r.out;
    EXPECT_FALSE(std::filesystem::exists(path("o.privatepath")));
}

TEST_F(ImportCli, ABrokenFileIsNamedByFileLineAndField)
{
    const std::string broken = path("broken.json");
    std::ofstream(broken) << "{\n  \"format_version\": \"1.0\",\n  \"values\": {\n    \"root_module\": {\n"
                             "      \"resources\": 42\n    }\n  }\n}\n";
    const auto r = run("terraform " + shellQuote(broken) + " -o " + shellQuote(path("o.privatepath")));
    EXPECT_EQ(r.code, 3) << r.out;
    EXPECT_NE(r.out.find(broken + ":5:"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("/values/root_module/resources"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("TF_FIELD_TYPE"), std::string::npos) << r.out;
}

TEST_F(ImportCli, ATruncatedFileExitsWith3)
{
    std::ifstream in(fixture("plan-unknown.json"));
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::ofstream(path("cut.json")) << text.substr(0, text.size() / 2);
    const auto r = run("terraform " + shellQuote(path("cut.json")) + " -o " + shellQuote(path("o.privatepath")));
    EXPECT_EQ(r.code, 3) << r.out;
    EXPECT_NE(r.out.find("TF_JSON_SYNTAX"), std::string::npos) << r.out;
}

TEST_F(ImportCli, AnExistingOutputNeedsForce)
{
    const std::string out = path("net.privatepath");
    std::ofstream(out) << "keep";
    auto r = run("terraform " + shellQuote(fixture("tfc-test_issue-514.json")) + " -o " + shellQuote(out));
    EXPECT_EQ(r.code, 4) << r.out;
    std::ifstream kept(out);
    std::string content;
    kept >> content;
    EXPECT_EQ(content, "keep");
    r = run("terraform " + shellQuote(fixture("tfc-test_issue-514.json")) + " -o " + shellQuote(out) + " --force");
    EXPECT_EQ(r.code, 0) << r.out;
    EXPECT_TRUE(pp::loadDesignFile(out).ok());
}

TEST_F(ImportCli, AnOutputInAMissingFolderExitsWith4)
{
    const auto r = run("terraform " + shellQuote(fixture("tfc-test_issue-514.json")) + " -o " +
                       shellQuote(path("no/such/dir/o.privatepath")));
    EXPECT_EQ(r.code, 4) << r.out;
}

TEST_F(ImportCli, UsageErrorsExitWith2)
{
    EXPECT_EQ(run("terraform " + shellQuote(fixture("tfc-test_issue-514.json"))).code, 2); // no -o
    EXPECT_EQ(run("terraform -o " + shellQuote(path("o.privatepath"))).code, 2);           // no input
    EXPECT_EQ(run("cloudformation x.json -o y").code, 2);
    EXPECT_EQ(run("").code, 2);
    EXPECT_EQ(run("terraform " + shellQuote(fixture("tfc-test_issue-514.json")) + " -o " + shellQuote(path("o.privatepath")) +
                  " --format yaml")
                  .code,
              2);
    EXPECT_EQ(run("--help").code, 0);
}

TEST_F(ImportCli, EveryPublicPlanImports)
{
    for (const char* name : {"tfc-test_issue-158.json", "tfc-test_issue-172.json", "tfc-test_pull_330.json",
                             "tfc-test_issue-514.json", "tfc-test_issue-sgr.json", "tfc-test_issue_796.json"}) {
        const std::string out = path(std::string(name) + ".privatepath");
        const auto r = run("terraform " + shellQuote(fixture(name)) + " -o " + shellQuote(out));
        EXPECT_EQ(r.code, 0) << name << ": " << r.out;
        EXPECT_TRUE(pp::loadDesignFile(out).ok()) << name;
    }
}

} // namespace
