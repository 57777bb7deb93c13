// `privatepath import aws` end to end: a directory or several files of describe output become a
// design that checks, with its report beside it; the documented exit codes; a broken input named
// by file, line and field.
#include "Shell.h"
#include "io/DesignFile.h"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace {

using pp::test::runShell;
using pp::test::shellQuote;

std::string awsData(const std::string& name) {
    return std::string(PRIVATEPATH_SOURCE_DIR) + "/tests/data/import/aws/" + name;
}

class AwsImportCli : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = std::filesystem::temp_directory_path() /
                ("pp-aws-import-" + std::to_string(::getpid()) + "-" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(m_dir);
        std::filesystem::create_directories(m_dir);
    }
    void TearDown() override { std::filesystem::remove_all(m_dir); }
    std::string path(const std::string& name) const { return (m_dir / name).string(); }
    pp::test::ShellResult run(const std::string& arguments) const {
        return runShell(shellQuote(PRIVATEPATH_BINARY) + " import aws " + arguments + " 2>&1");
    }
    std::filesystem::path m_dir;
};

TEST_F(AwsImportCli, ADirectoryBecomesADesignThatChecksWithItsReportBeside) {
    const std::string out = path("account.privatepath");
    const auto r = run(shellQuote(awsData("handmade")) + " -o " + shellQuote(out));
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("AWS resource(s)"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("DBInstances: 1"), std::string::npos) << r.out; // an unsupported call, counted
    EXPECT_NE(r.out.find("[implicitMainRouteTable]"), std::string::npos) << r.out;
    const pp::LoadResult loaded = pp::loadDesignFile(out);
    ASSERT_TRUE(loaded.ok());
    EXPECT_FALSE(loaded.design->diagram.shapes.empty());
    std::ifstream in(path("account.import-report.json"));
    const nlohmann::json report = nlohmann::json::parse(in);
    EXPECT_EQ(report["inputKind"], "describe");
    EXPECT_GT(report["summary"]["imported"].get<int>(), 50);
    const auto check = runShell(shellQuote(PRIVATEPATH_BINARY) + " check " + shellQuote(out) + " 2>&1");
    EXPECT_EQ(check.code, 0) << check.out;
    // Nothing secret of the input, in the design or the report.
    for (const std::string& file : {out, path("account.import-report.json")}) {
        std::ifstream text(file);
        const std::string all((std::istreambuf_iterator<char>(text)), std::istreambuf_iterator<char>());
        EXPECT_EQ(all.find("SECRET"), std::string::npos) << file;
    }
    EXPECT_EQ(r.out.find("SECRET"), std::string::npos);
}

TEST_F(AwsImportCli, SeveralFilesAreOneAccount) {
    const auto r = run(shellQuote(awsData("handmade/vpcs-page1.json")) + " " +
                       shellQuote(awsData("handmade/vpcs-page2.json")) + " " +
                       shellQuote(awsData("handmade/network.json")) + " -o " +
                       shellQuote(path("n.privatepath")) + " --format json");
    ASSERT_EQ(r.code, 0) << r.out;
    const nlohmann::json printed = nlohmann::json::parse(r.out);
    const pp::LoadResult loaded = pp::loadDesignFile(path("n.privatepath"));
    ASSERT_TRUE(loaded.ok());
    EXPECT_TRUE(loaded.design->find(pp::ResourceId("vpc-0bbb0002"))); // from the second page
    EXPECT_TRUE(loaded.design->find(pp::ResourceId("rtb-0a0private")));
    std::ifstream in(path("n.import-report.json"));
    EXPECT_EQ(nlohmann::json::parse(in), printed);
}

TEST_F(AwsImportCli, EveryPublicSetImports) {
    for (const char* set :
         {"batfish-transit-gateway", "batfish-load-balancer", "batfish-direct-connect", "cloudmapper-demo"}) {
        const std::string out = path(std::string(set) + ".privatepath");
        const auto r = run(shellQuote(awsData(set)) + " -o " + shellQuote(out));
        EXPECT_EQ(r.code, 0) << set << ": " << r.out;
        EXPECT_TRUE(pp::loadDesignFile(out).ok()) << set;
        EXPECT_TRUE(std::filesystem::exists(path(std::string(set) + ".import-report.json"))) << set;
    }
}

TEST_F(AwsImportCli, ABrokenFileIsNamedByFileLineAndFieldAndNothingIsWritten) {
    const std::string bad = path("subnets.json");
    std::ofstream(bad) << "{\n  \"Subnets\": [\n    {\"CidrBlock\": \"10.0.0.0/24\"}\n  ]\n}\n";
    const auto r = run(shellQuote(awsData("handmade/vpcs-page1.json")) + " " + shellQuote(bad) + " -o " +
                       shellQuote(path("o.privatepath")));
    EXPECT_EQ(r.code, 3) << r.out;
    EXPECT_NE(r.out.find(bad + ":3:"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("SubnetId"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("/Subnets/0"), std::string::npos) << r.out;
    EXPECT_FALSE(std::filesystem::exists(path("o.privatepath")));
    EXPECT_FALSE(std::filesystem::exists(path("o.import-report.json")));
}

TEST_F(AwsImportCli, NotDescribeOutputExitsWith3) {
    const std::string state =
        std::string(PRIVATEPATH_SOURCE_DIR) + "/tests/data/import/terraform/state-network.json";
    auto r = run(shellQuote(state) + " -o " + shellQuote(path("o.privatepath")));
    EXPECT_EQ(r.code, 3) << r.out;
    EXPECT_NE(r.out.find("AWS_NOT_DESCRIBE"), std::string::npos) << r.out;
    std::ofstream(path("cut.json")) << "{\"Vpcs\": [{\"VpcId\": ";
    r = run(shellQuote(path("cut.json")) + " -o " + shellQuote(path("o.privatepath")));
    EXPECT_EQ(r.code, 3) << r.out;
    EXPECT_NE(r.out.find("AWS_JSON_SYNTAX"), std::string::npos) << r.out;
    r = run(shellQuote(path("missing.json")) + " -o " + shellQuote(path("o.privatepath")));
    EXPECT_EQ(r.code, 3) << r.out;
}

TEST_F(AwsImportCli, AnExistingOutputNeedsForce) {
    const std::string out = path("net.privatepath");
    std::ofstream(out) << "keep";
    auto r = run(shellQuote(awsData("cloudmapper-demo")) + " -o " + shellQuote(out));
    EXPECT_EQ(r.code, 4) << r.out;
    r = run(shellQuote(awsData("cloudmapper-demo")) + " -o " + shellQuote(out) + " --force");
    EXPECT_EQ(r.code, 0) << r.out;
    EXPECT_TRUE(pp::loadDesignFile(out).ok());
    EXPECT_EQ(
        run(shellQuote(awsData("cloudmapper-demo")) + " -o " + shellQuote(path("no/such/dir/o.privatepath")))
            .code,
        4);
}

TEST_F(AwsImportCli, UsageErrorsExitWith2AndHelpListsTheSource) {
    EXPECT_EQ(run(shellQuote(awsData("cloudmapper-demo"))).code, 2);   // no -o
    EXPECT_EQ(run("-o " + shellQuote(path("o.privatepath"))).code, 2); // no input
    EXPECT_EQ(run(shellQuote(awsData("cloudmapper-demo")) + " -o " + shellQuote(path("o.privatepath")) +
                  " --format yaml")
                  .code,
              2);
    const auto help = run("--help");
    EXPECT_EQ(help.code, 0);
    EXPECT_NE(help.out.find("DIR|FILE..."), std::string::npos) << help.out;
    const auto importHelp = runShell(shellQuote(PRIVATEPATH_BINARY) + " import --help 2>&1");
    EXPECT_NE(importHelp.out.find("import aws DIR|FILE..."), std::string::npos) << importHelp.out;
    const auto mainHelp = runShell(shellQuote(PRIVATEPATH_BINARY) + " --help 2>&1");
    EXPECT_NE(mainHelp.out.find("import aws"), std::string::npos) << mainHelp.out;
}

} // namespace
