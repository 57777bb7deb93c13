// `privatepath diff OLD NEW`, run as the real binary: the text, JSON and Markdown outputs, standard
// input for `git show REV:path | privatepath diff - NEW`, and the documented exit codes.
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
using pp::test::shellQuote;

struct Result {
    int code = -1;
    std::string out;
};

Result run(const std::string& arguments, bool mergeStderr = true)
{
    const pp::test::ShellResult r =
        pp::test::runShell(shellQuote(PRIVATEPATH_BINARY) + " " + arguments + (mergeStderr ? " 2>&1" : " 2>/dev/null"));
    return {r.code, r.out};
}

json& byId(json& collection, const std::string& id)
{
    for (json& item : collection)
        if (item["id"] == id)
            return item;
    throw std::runtime_error("no " + id);
}

class DiffCli : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_dir = fs::temp_directory_path() / ("privatepath-diff-" + std::to_string(::getpid()) + "-" +
                                             ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
        std::ifstream in(PRIVATEPATH_SOURCE_DIR "/tests/data/examples/ex02.privatepath");
        std::stringstream text;
        text << in.rdbuf();
        m_base = json::parse(text.str());
        m_old = write("old.privatepath", m_base);
    }
    void TearDown() override { fs::remove_all(m_dir); }
    std::string write(const std::string& name, const json& design)
    {
        const std::string p = (m_dir / name).string();
        std::ofstream(p, std::ios::binary) << design.dump(2);
        return p;
    }
    // The design with the S3 gateway endpoint removed: the private flow goes out through the NAT.
    std::string endpointRemoved()
    {
        json d = m_base;
        d.erase("vpcEndpoints");
        return write("new.privatepath", d);
    }

    fs::path m_dir;
    json m_base;
    std::string m_old;
};

TEST_F(DiffCli, SameDesignExitsZeroAndSaysNothingChanged)
{
    const Result r = run("diff " + shellQuote(m_old) + " " + shellQuote(m_old));
    EXPECT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("0 resource change(s), 0 flow change(s)"), std::string::npos) << r.out;
}

TEST_F(DiffCli, TextShowsTheNewPublicPathAndExitsOne)
{
    const Result r = run("diff " + shellQuote(m_old) + " " + shellQuote(endpointRemoved()));
    EXPECT_EQ(r.code, 1) << r.out;
    EXPECT_NE(r.out.find("resource removed: vpce-s3 (vpcEndpoint)"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("flow flow: PRIVATE -> PUBLIC  NEW PUBLIC PATH  (expected private: BROKEN)"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("path before: i-app > "), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("1 new public path(s), 0 newly exposed workload(s), 1 broken expectation(s)"), std::string::npos) << r.out;
}

TEST_F(DiffCli, ChangedFieldIsPrintedWithBothValues)
{
    json d = m_base;
    byId(d["natGateways"], "nat-a")["privateIp"] = "10.0.0.11";
    const Result r = run("diff " + shellQuote(m_old) + " " + shellQuote(write("new.privatepath", d)));
    EXPECT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("resource changed: nat-a (natGateway)\n    privateIp: \"10.0.0.10\" -> \"10.0.0.11\"\n"), std::string::npos)
        << r.out;
}

TEST_F(DiffCli, NewExposureExitsOne)
{
    json d = m_base;
    d["workloads"].push_back({{"id", "i-web"}, {"subnet", "pub-a"}, {"privateIp", "10.0.0.20"}, {"publicIp", true},
                              {"securityGroups", {"sg-web"}}});
    d["securityGroups"].push_back({{"id", "sg-web"}, {"vpc", "vpc-a"},
                                   {"inbound", {{{"protocol", "tcp"}, {"fromPort", 22}, {"toPort", 22}, {"cidr", "0.0.0.0/0"}}}}});
    const Result r = run("diff " + shellQuote(m_old) + " " + shellQuote(write("new.privatepath", d)));
    EXPECT_EQ(r.code, 1) << r.out;
    EXPECT_NE(r.out.find("exposure i-web: now reachable from the internet via igw-a; newly open to the internet: tcp 22"),
              std::string::npos)
        << r.out;
}

TEST_F(DiffCli, APolicyTheNewVersionBreaksExitsOneAlone)
{
    // Nothing but a policy changes: i-app must keep to private paths, and it reaches the internet
    // through nat-a.
    json d = m_base;
    d["policies"] = json::array({{{"id", "app-private"}, {"kind", "private-only"}, {"from", {{"resources", {"i-app"}}}}}});
    const std::string next = write("new.privatepath", d);
    const Result r = run("diff " + shellQuote(m_old) + " " + shellQuote(next));
    EXPECT_EQ(r.code, 1) << r.out;
    EXPECT_NE(r.out.find("policy app-private (private-only) added: 1 violation(s)  NEWLY VIOLATED\n"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("    new: i-app -> internet [POLICY_INTERNET_EGRESS] via "), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("0 new public path(s), 0 newly exposed workload(s), 0 broken expectation(s), 1 policy(ies) newly violated"),
              std::string::npos)
        << r.out;
    const Result reverse = run("diff " + shellQuote(next) + " " + shellQuote(m_old));
    EXPECT_EQ(reverse.code, 0) << "removing a policy does not fail the gate: " << reverse.out;
    EXPECT_NE(reverse.out.find("policy app-private (private-only) removed (it was violated)"), std::string::npos) << reverse.out;
    const Result junit = run("diff --format junit " + shellQuote(m_old) + " " + shellQuote(next), false);
    EXPECT_EQ(junit.code, 1);
    EXPECT_NE(junit.out.find("<failure message=\"policy app-private is newly violated (1 new violation(s))\" type=\"POLICY_INTERNET_EGRESS\">"),
              std::string::npos)
        << junit.out;
}

TEST_F(DiffCli, OldVersionFromStandardInputAsGitShowGivesIt)
{
    const Result r = run("diff --format json - " + shellQuote(endpointRemoved()) + " < " + shellQuote(m_old), false);
    EXPECT_EQ(r.code, 1) << r.out;
    const json report = json::parse(r.out);
    EXPECT_EQ(report["old"], "<stdin>");
    EXPECT_EQ(report["flows"][0]["verdictAfter"], "public");
    EXPECT_EQ(report["gate"]["newPublicFlows"], 1);
    EXPECT_EQ(report["exitCode"], 1);
}

TEST_F(DiffCli, OldNameLabelsStandardInputInTheReport)
{
    const Result r = run("diff --format markdown --old-name main:net.privatepath - " + shellQuote(endpointRemoved()) + " < " +
                             shellQuote(m_old),
                         false);
    EXPECT_EQ(r.code, 1);
    EXPECT_EQ(r.out.rfind("### PrivatePath design diff: `main:net.privatepath` → `", 0), 0u) << r.out;
}

TEST_F(DiffCli, MarkdownIsShortAndWorstFirst)
{
    json d = m_base;
    d.erase("vpcEndpoints");
    for (int i = 0; i < 30; ++i)
        d["securityGroups"].push_back({{"id", "sg-" + std::to_string(i)}, {"vpc", "vpc-a"}});
    const Result r = run("diff --format markdown --limit 5 " + shellQuote(m_old) + " " + shellQuote(write("new.privatepath", d)), false);
    EXPECT_EQ(r.code, 1);
    EXPECT_EQ(r.out.rfind("### PrivatePath design diff", 0), 0u) << r.out;
    const auto first = r.out.find("\n- ");
    ASSERT_NE(first, std::string::npos);
    EXPECT_NE(r.out.substr(first, 40).find("New public path"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("…and 27 more"), std::string::npos) << r.out; // 32 lines: public path, removed, 30 added
    EXPECT_LT(r.out.size(), 2000u);
}

// The example in docs/cli.md is this binary's output for the change it describes.
TEST_F(DiffCli, DocumentedExampleIsTheRealOutput)
{
    std::ifstream in(PRIVATEPATH_SOURCE_DIR "/docs/cli.md");
    std::stringstream doc;
    doc << in.rdbuf();
    const std::string command = "$ git show main:net.privatepath | privatepath diff --old-name main:net.privatepath - net.privatepath\n";
    const auto from = doc.str().find(command);
    ASSERT_NE(from, std::string::npos);
    const auto to = doc.str().find("$ echo $?\n1\n", from);
    ASSERT_NE(to, std::string::npos);
    const std::string documented = doc.str().substr(from + command.size(), to - from - command.size());

    json d = m_base;
    d.erase("vpcEndpoints");
    d["workloads"].push_back({{"id", "i-web"}, {"subnet", "pub-a"}, {"privateIp", "10.0.0.20"}, {"publicIp", true},
                              {"securityGroups", {"sg-web"}}});
    d["securityGroups"].push_back({{"id", "sg-web"}, {"vpc", "vpc-a"},
                                   {"inbound", {{{"protocol", "tcp"}, {"fromPort", 22}, {"toPort", 22}, {"cidr", "0.0.0.0/0"}}}}});
    write("net.privatepath", d);
    const pp::test::ShellResult r = pp::test::runShell("cd " + shellQuote(m_dir.string()) + " && " + shellQuote(PRIVATEPATH_BINARY) +
                                                       " diff --old-name main:net.privatepath - net.privatepath < old.privatepath");
    EXPECT_EQ(r.code, 1);
    EXPECT_EQ(r.out, documented);
}

TEST_F(DiffCli, ExitCodesForBadInput)
{
    EXPECT_EQ(run("diff " + shellQuote(m_old)).code, 2) << "one file";
    EXPECT_EQ(run("diff - - < " + shellQuote(m_old)).code, 2) << "both standard input";
    EXPECT_EQ(run("diff --format yaml " + shellQuote(m_old) + " " + shellQuote(m_old)).code, 2);
    EXPECT_EQ(run("diff --limit many " + shellQuote(m_old) + " " + shellQuote(m_old)).code, 2);
    const Result missing = run("diff " + shellQuote(m_old) + " " + shellQuote((m_dir / "missing.privatepath").string()));
    EXPECT_EQ(missing.code, 3) << missing.out;
    EXPECT_NE(missing.out.find("not compared"), std::string::npos) << missing.out;
    const std::string brokenCommand = "printf '{\"schemaVersion\": 2,' | " + shellQuote(PRIVATEPATH_BINARY) + " diff - " + shellQuote(m_old) + " 2>&1";
    const pp::test::ShellResult broken = pp::test::runShell(brokenCommand);
    EXPECT_EQ(broken.code, 3) << broken.out;
    EXPECT_NE(broken.out.find("<stdin>:"), std::string::npos) << "the loader names standard input: " << broken.out;
}

} // namespace
