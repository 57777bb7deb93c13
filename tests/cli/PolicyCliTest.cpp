// `privatepath check` with policies and `privatepath query`: exit codes, text and JSON, field by field.
#include "Shell.h"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sstream>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct Outcome {
    int code = -1;
    std::string out;
};

Outcome run(const std::string& arguments, bool withStderr = true)
{
    const auto r = pp::test::runShell(pp::test::shellQuote(PRIVATEPATH_BINARY) + " " + arguments +
                                      (withStderr ? " 2>&1" : " 2>/dev/null"));
    return {r.code, r.out};
}

const std::string kPolicies = PRIVATEPATH_SOURCE_DIR "/tests/data/policies.privatepath";

json readJson(const std::string& path)
{
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return json::parse(text.str());
}

class PolicyCli : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_dir = fs::temp_directory_path() / ("privatepath-policy-" + std::to_string(::getpid()) + "-" +
                                             ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
    }
    void TearDown() override { fs::remove_all(m_dir); }
    std::string write(const char* name, const json& document)
    {
        const std::string p = (m_dir / name).string();
        std::ofstream(p) << document.dump(2);
        return p;
    }
    fs::path m_dir;
};

const json* policyIn(const json& file, const std::string& id)
{
    for (const json& p : file["policies"])
        if (p["policy"] == id)
            return &p;
    return nullptr;
}

TEST_F(PolicyCli, CheckExitsOneOnAViolatedPolicyAndNamesIt)
{
    const Outcome r = run("check " + pp::test::shellQuote(kPolicies));
    EXPECT_EQ(r.code, 1) << r.out;
    EXPECT_NE(r.out.find("policy prod-hidden (no-internet-exposure): VIOLATED, 1 violation(s)"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("web-1 is reachable from the internet via igw-prod (tcp 443 from 0.0.0.0/0 (sg-web)) [POLICY_INTERNET_INGRESS] (internet -> web-1)"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("policy app-reaches-db (must-reach): satisfied (2 source(s), 2 destination(s), 4 pair(s) checked)"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("1 of 4 policies violated"), std::string::npos) << r.out;
}

TEST_F(PolicyCli, CheckJsonReportsEveryPolicyFieldByField)
{
    const Outcome r = run("check --format json " + pp::test::shellQuote(kPolicies), false);
    EXPECT_EQ(r.code, 1);
    const json report = json::parse(r.out);
    EXPECT_EQ(report["exitCode"], 1);
    const json& file = report["files"][0];
    EXPECT_EQ(file["policyViolations"], 1);
    ASSERT_EQ(file["policies"].size(), 4u);
    const json* hidden = policyIn(file, "prod-hidden");
    ASSERT_NE(hidden, nullptr);
    EXPECT_EQ((*hidden)["kind"], "no-internet-exposure");
    EXPECT_EQ((*hidden)["satisfied"], false);
    EXPECT_EQ((*hidden)["sources"], 5);
    EXPECT_EQ((*hidden)["omitted"], 0);
    ASSERT_EQ((*hidden)["violations"].size(), 1u);
    const json& v = (*hidden)["violations"][0];
    EXPECT_EQ(v["code"], "POLICY_INTERNET_INGRESS");
    EXPECT_EQ(v["source"], "internet");
    EXPECT_EQ(v["destination"], "web-1");
    EXPECT_EQ(v["verdict"], "public");
    ASSERT_GE(v["path"].size(), 2u);
    EXPECT_EQ(v["path"][0]["resource"], "igw-prod");
    EXPECT_EQ(v["path"].back()["resource"], "web-1");
    EXPECT_TRUE(v.contains("blocking") && v.contains("hints") && v.contains("notes") && v.contains("leavesPrivateNetworkAt"));
    const json* reach = policyIn(file, "app-reaches-db");
    ASSERT_NE(reach, nullptr);
    EXPECT_EQ((*reach)["satisfied"], true);
    EXPECT_EQ((*reach)["pairs"], 4);
    EXPECT_TRUE((*reach)["violations"].empty());
}

TEST_F(PolicyCli, CheckPassesOnceTheViolationIsFixedAndNamesThePathOfAPairViolation)
{
    json design = readJson(kPolicies);
    design["policies"].erase(3); // prod-hidden
    EXPECT_EQ(run("check " + pp::test::shellQuote(write("ok.privatepath", design))).code, 0);

    design["policies"][2]["port"] = 22; // the databases only take 5432
    const Outcome r = run("check --format json " + pp::test::shellQuote(write("ssh.privatepath", design)), false);
    ASSERT_EQ(r.code, 1) << r.out;
    const json report = json::parse(r.out);
    ASSERT_EQ(report["files"][0]["policies"].size(), 3u) << r.out;
    const json& policy = report["files"][0]["policies"][2];
    ASSERT_EQ(policy["violations"].size(), 4u);
    const json& v = policy["violations"][0];
    EXPECT_EQ(v["code"], "POLICY_NOT_REACHABLE");
    EXPECT_EQ(v["source"], "app-1");
    EXPECT_EQ(v["destination"], "db-1");
    EXPECT_EQ(v["verdict"], "unreachable");
    EXPECT_EQ(v["path"][0]["resource"], "app-1");
    EXPECT_EQ(v["path"][0]["action"], "source");
    EXPECT_EQ(v["blocking"][0]["code"], "ENI_SG_RULES_MISMATCH");
    EXPECT_EQ(v["blocking"][0]["rule"], "SG-1");
}

TEST_F(PolicyCli, QueryListsReachablePairsFirstWithVerdictsAndPaths)
{
    // The web server only takes 443, so 5432 does not get there.
    const Outcome r = run("query " + pp::test::shellQuote(kPolicies) + " --from tag:tier=app --to in:prod-db,web-1 --protocol tcp --port 5432");
    EXPECT_EQ(r.code, 0) << r.out;
    EXPECT_EQ(r.out.find("app-1 -> db-1: PRIVATE"), 0u) << r.out;
    EXPECT_NE(r.out.find("app-1 -> web-1: UNREACHABLE"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("[ENI_SG_RULES_MISMATCH]"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("2 source(s), 3 destination(s), 6 pair(s): 4 private, 0 public, 2 unreachable"), std::string::npos) << r.out;
}

TEST_F(PolicyCli, QueryJsonHasCountsAndAnswersFieldByField)
{
    const Outcome r = run("query --format json " + pp::test::shellQuote(kPolicies) + " --from app-1 --to s3 --to web-1 --protocol tcp --port 443",
                      false);
    EXPECT_EQ(r.code, 0);
    const json q = json::parse(r.out);
    EXPECT_EQ(q["protocol"], "tcp");
    EXPECT_EQ(q["port"], 443);
    EXPECT_EQ(q["from"]["resources"], json({"app-1"}));
    EXPECT_EQ(q["to"]["resources"], json({"s3", "web-1"}));
    EXPECT_EQ(q["sources"], 1);
    EXPECT_EQ(q["destinations"], 2);
    EXPECT_EQ(q["pairs"], 2);
    EXPECT_EQ(q["private"], 1);
    EXPECT_EQ(q["public"], 1);
    EXPECT_EQ(q["unreachable"], 0);
    ASSERT_EQ(q["answers"].size(), 2u);
    EXPECT_EQ(q["answers"][0]["destination"], "web-1");
    EXPECT_EQ(q["answers"][0]["verdict"], "private");
    EXPECT_EQ(q["answers"][1]["destination"], "s3");
    EXPECT_EQ(q["answers"][1]["verdict"], "public");
    EXPECT_FALSE(q["answers"][1]["leavesPrivateNetworkAt"].is_null());
    EXPECT_EQ(q["omitted"], 0);
}

TEST_F(PolicyCli, QueryRefusesBadScopesAndOptionsWithUsageErrors)
{
    const std::string file = pp::test::shellQuote(kPolicies);
    EXPECT_EQ(run("query " + file + " --from app-1").code, 2);
    const Outcome ghost = run("query " + file + " --from ghost --to s3");
    EXPECT_EQ(ghost.code, 2);
    EXPECT_NE(ghost.out.find("there is no resource 'ghost'"), std::string::npos) << ghost.out;
    const Outcome subnet = run("query " + file + " --from prod-app --to s3");
    EXPECT_EQ(subnet.code, 2);
    EXPECT_NE(subnet.out.find("use in:prod-app"), std::string::npos) << subnet.out;
    EXPECT_EQ(run("query " + file + " --from app-1 --to s3 --protocol tcp").code, 2);
    EXPECT_EQ(run("query " + file + " --from app-1 --to s3 --port 80").code, 2);
    EXPECT_EQ(run("query " + file + " --from kind:subnet --to s3").code, 2);
    EXPECT_EQ(run("query /nonexistent.privatepath --from a --to b").code, 3);
}

TEST_F(PolicyCli, QueryLimitCountsThePairsItDoesNotList)
{
    const Outcome r = run("query --format json " + pp::test::shellQuote(kPolicies) + " --from kind:workload --to kind:workload --limit 3", false);
    EXPECT_EQ(r.code, 0);
    const json q = json::parse(r.out);
    EXPECT_EQ(q["pairs"], 30); // 6 workloads, each to the 5 others
    EXPECT_EQ(q["answers"].size(), 3u);
    EXPECT_EQ(q["omitted"], 27);
}

} // namespace
