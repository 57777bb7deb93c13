// `--format sarif` and `--format junit` of `check`, `diff` and `lesson grade`, run as the real
// binary: SARIF parsed as JSON and checked field by field (locations against the file's text),
// JUnit validated with xmllint and queried with XPath, as a CI server would read them.
#include "Shell.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sstream>
#include <vector>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using pp::test::shellQuote;

struct Result {
    int code = -1;
    std::string out;
};

Result run(const std::string& arguments)
{
    const pp::test::ShellResult r = pp::test::runShell(shellQuote(PRIVATEPATH_BINARY) + " " + arguments + " 2>/dev/null");
    return {r.code, r.out};
}

std::string readText(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// 1-based line of the first occurrence of `needle`.
int lineOf(const std::string& text, const std::string& needle)
{
    const auto at = text.find(needle);
    EXPECT_NE(at, std::string::npos) << needle;
    return 1 + int(std::count(text.begin(), text.begin() + std::ptrdiff_t(at), '\n'));
}

int columnOf(const std::string& text, const std::string& needle)
{
    const auto at = text.find(needle);
    const auto lineStart = text.rfind('\n', at);
    return int(at - (lineStart == std::string::npos ? 0 : lineStart + 1)) + 1;
}

const json* resultWithRule(const json& sarif, const std::string& rule)
{
    for (const json& r : sarif["runs"][0]["results"])
        if (r["ruleId"] == rule)
            return &r;
    return nullptr;
}

class CiFormats : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_dir = fs::temp_directory_path() / ("privatepath-ci-" + std::to_string(::getpid()) + "-" +
                                             ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(m_dir);
        fs::create_directories(m_dir / "designs");
        m_ex02 = json::parse(readText(PRIVATEPATH_SOURCE_DIR "/tests/data/examples/ex02.privatepath"));
    }
    void TearDown() override { fs::remove_all(m_dir); }
    std::string write(const std::string& name, const std::string& text)
    {
        const std::string p = (m_dir / name).string();
        std::ofstream(p, std::ios::binary) << text;
        return p;
    }
    // EX-2 with an error finding on an unused security group and an `expect` its flow misses.
    std::string brokenDesign()
    {
        json d = m_ex02;
        d["securityGroups"].push_back(
            {{"id", "sg-bad"}, {"vpc", "vpc-a"}, {"inbound", {{{"protocol", "tcp"}, {"fromPort", 500}, {"toPort", 400}, {"cidr", "10.0.0.0/16"}}}}});
        d["flows"][0]["expect"] = "public";
        return write("designs/net.privatepath", d.dump(2));
    }
    // xmllint's answer to an XPath expression on a file (without the line break it adds).
    std::string xpath(const std::string& file, const std::string& expression)
    {
        std::string out = pp::test::runShell("xmllint --xpath " + shellQuote(expression) + " " + shellQuote(file) + " 2>/dev/null").out;
        if (!out.empty() && out.back() == '\n')
            out.pop_back();
        return out;
    }
    bool wellFormed(const std::string& file) { return pp::test::runShell("xmllint --noout " + shellQuote(file) + " 2>&1").code == 0; }

    fs::path m_dir;
    json m_ex02;
};

TEST_F(CiFormats, CheckSarifLocatesTheFindingAtItsResourceRelativeToTheBase)
{
    const std::string file = brokenDesign();
    const std::string text = readText(file);
    const Result r = run("check --format sarif --sarif-base " + shellQuote(m_dir.string()) + " " + shellQuote(file));
    EXPECT_EQ(r.code, 1) << "same exit code as the text check";
    const json sarif = json::parse(r.out);
    EXPECT_EQ(sarif["version"], "2.1.0");
    EXPECT_EQ(sarif["runs"][0]["tool"]["driver"]["name"], "PrivatePath");
    const json* finding = resultWithRule(sarif, "PORT_RANGE_INVERTED");
    ASSERT_NE(finding, nullptr) << r.out;
    EXPECT_EQ((*finding)["level"], "error");
    const json& physical = (*finding)["locations"][0]["physicalLocation"];
    EXPECT_EQ(physical["artifactLocation"]["uri"], "designs/net.privatepath");
    EXPECT_EQ(physical["region"]["startLine"], lineOf(text, "\"id\": \"sg-bad\""));
    EXPECT_EQ(physical["region"]["startColumn"], columnOf(text, "\"id\": \"sg-bad\""));
    const json& rule = sarif["runs"][0]["tool"]["driver"]["rules"][(*finding)["ruleIndex"].get<std::size_t>()];
    EXPECT_EQ(rule["id"], "PORT_RANGE_INVERTED");
    EXPECT_EQ(rule["shortDescription"]["text"], "A rule's fromPort is greater than its toPort.");
    const json* expectation = resultWithRule(sarif, "FLOW_EXPECTATION_NOT_MET");
    ASSERT_NE(expectation, nullptr);
    EXPECT_EQ((*expectation)["locations"][0]["physicalLocation"]["region"]["startLine"], lineOf(text, "\"id\": \"flow\""));
}

TEST_F(CiFormats, CheckSarifReportsALoaderErrorAtItsLine)
{
    const std::string file = write("designs/bad.privatepath", "{\n  \"schemaVersion\": 2,\n  \"vpcs\": [\n    {\"id\": \"v\", \"region\": 5}\n  ]\n}\n");
    const Result r = run("check --format sarif " + shellQuote(file));
    EXPECT_EQ(r.code, 3);
    const json sarif = json::parse(r.out);
    const json& results = sarif["runs"][0]["results"];
    ASSERT_FALSE(results.empty()) << r.out;
    EXPECT_EQ(results[0]["level"], "error");
    EXPECT_EQ(results[0]["locations"][0]["physicalLocation"]["region"]["startLine"], 4);
    // A loader code is not in the catalogue: it still gets a rule, which the result points at.
    const json& rule = sarif["runs"][0]["tool"]["driver"]["rules"][results[0]["ruleIndex"].get<std::size_t>()];
    EXPECT_EQ(rule["id"], results[0]["ruleId"]);
    EXPECT_NE(rule["helpUri"].get<std::string>().find("file-format.md"), std::string::npos);
}

TEST_F(CiFormats, CheckJUnitHasATestCasePerFlowAndPerFindingCode)
{
    const std::string file = brokenDesign();
    const Result r = run("check --format junit " + shellQuote(file));
    EXPECT_EQ(r.code, 1);
    const std::string xml = write("check.xml", r.out);
    ASSERT_TRUE(wellFormed(xml)) << r.out;
    EXPECT_EQ(xpath(xml, "count(//testsuite)"), "1");
    EXPECT_EQ(xpath(xml, "string(//testsuite/@name)"), file);
    EXPECT_EQ(xpath(xml, "string(//testcase[@name='flow flow']/failure/@type)"), "FLOW_EXPECTATION_NOT_MET");
    EXPECT_EQ(xpath(xml, "string(//testcase[@name='flow flow']/failure/@message)"), "flow flow is private, expected public");
    EXPECT_NE(xpath(xml, "string(//testcase[@name='flow flow']/failure)").find("vpce-s3"), std::string::npos) << "the path";
    EXPECT_EQ(xpath(xml, "string(//testcase[@name='finding PORT_RANGE_INVERTED']/failure/@type)"), "PORT_RANGE_INVERTED");
    EXPECT_EQ(xpath(xml, "count(//testcase[@name='finding SUBNET_OVERLAP']/failure)"), "0") << "a code with no finding passes";
    EXPECT_EQ(xpath(xml, "string(//testsuites/@failures)"), "2");
}

TEST_F(CiFormats, DiffJUnitFailsTheFlowThatBecomesPublic)
{
    const std::string old = write("old.privatepath", m_ex02.dump(2));
    json changed = m_ex02;
    changed.erase("vpcEndpoints");
    const std::string now = write("new.privatepath", changed.dump(2));
    const Result r = run("diff --format junit " + shellQuote(old) + " " + shellQuote(now));
    EXPECT_EQ(r.code, 1);
    const std::string xml = write("diff.xml", r.out);
    ASSERT_TRUE(wellFormed(xml)) << r.out;
    EXPECT_EQ(xpath(xml, "string(//testcase[@name='flow flow']/failure/@type)"), "DIFF_NEW_PUBLIC_PATH");
    EXPECT_NE(xpath(xml, "string(//testcase[@name='flow flow']/failure/@message)").find("becomes public"), std::string::npos);
    const std::string body = xpath(xml, "string(//testcase[@name='flow flow']/failure)");
    EXPECT_NE(body.find("was private"), std::string::npos) << body;
    EXPECT_NE(body.find("path before: i-app"), std::string::npos) << body;
    EXPECT_EQ(xpath(xml, "count(//testcase[@name='internet exposure']/failure)"), "0");
}

TEST_F(CiFormats, DiffSarifPointsAtTheFlowInTheNewFile)
{
    const std::string old = write("old.privatepath", m_ex02.dump(2));
    json changed = m_ex02;
    changed.erase("vpcEndpoints");
    const std::string now = write("new.privatepath", changed.dump(2));
    const Result r = run("diff --format sarif --sarif-base " + shellQuote(m_dir.string()) + " " + shellQuote(old) + " " + shellQuote(now));
    EXPECT_EQ(r.code, 1);
    const json sarif = json::parse(r.out);
    const json* result = resultWithRule(sarif, "DIFF_NEW_PUBLIC_PATH");
    ASSERT_NE(result, nullptr) << r.out;
    EXPECT_EQ((*result)["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "new.privatepath");
    EXPECT_EQ((*result)["locations"][0]["physicalLocation"]["region"]["startLine"], lineOf(readText(now), "\"id\": \"flow\""));
}

TEST_F(CiFormats, LessonGradeJUnitAndSarifFailTheMissedGoals)
{
    const std::string lessonText = readText(PRIVATEPATH_SOURCE_DIR "/resources/lessons/s3-gateway-endpoint.privatepath");
    const std::string lesson = write("lesson.privatepath", lessonText);
    const std::string untouched = write("designs/untouched.privatepath", lessonText); // the start: misses goals
    const Result junit = run("lesson grade --format junit " + shellQuote(lesson) + " " + shellQuote(untouched));
    EXPECT_EQ(junit.code, 1);
    const std::string xml = write("grade.xml", junit.out);
    ASSERT_TRUE(wellFormed(xml)) << junit.out;
    EXPECT_EQ(xpath(xml, "string(//testsuite/@name)"), untouched);
    EXPECT_EQ(xpath(xml, "string(//testcase[@name='goal s3-private']/failure/@type)"), "GOAL_VERDICT_DIFFERS");
    EXPECT_EQ(xpath(xml, "count(//testcase[@name='locked resources']/failure)"), "0");
    const json lessonJson = json::parse(lessonText);
    EXPECT_EQ(xpath(xml, "count(//testcase[starts-with(@name, 'goal ')])"), std::to_string(lessonJson["lesson"]["goals"].size()));

    const Result sarifRun = run("lesson grade --format sarif " + shellQuote(lesson) + " " + shellQuote(untouched));
    EXPECT_EQ(sarifRun.code, 1);
    const json sarif = json::parse(sarifRun.out);
    const json* goal = resultWithRule(sarif, "GOAL_VERDICT_DIFFERS");
    ASSERT_NE(goal, nullptr) << sarifRun.out;
    EXPECT_EQ((*goal)["level"], "error");
    EXPECT_NE((*goal)["message"]["text"].get<std::string>().find("goal s3-private missed"), std::string::npos);
    EXPECT_EQ(sarif["runs"][0]["invocations"][0]["exitCode"], 1);
}

// SARIF from every command validated against the OASIS JSON Schema (tests/data/sarif, draft-04)
// by an independent validator: Python's jsonschema, when installed (scripts/setup.sh installs it).
TEST_F(CiFormats, SarifOfEveryCommandValidatesAgainstTheOasisSchema)
{
    if (pp::test::runShell("python3 -c 'import jsonschema' 2>&1").code != 0)
        GTEST_SKIP() << "python3 with the jsonschema module is not installed";
    const std::string file = brokenDesign();
    const std::string old = write("old.privatepath", m_ex02.dump(2));
    const std::string lessonText = readText(PRIVATEPATH_SOURCE_DIR "/resources/lessons/s3-gateway-endpoint.privatepath");
    const std::string lesson = write("lesson.privatepath", lessonText);
    const std::vector<std::pair<std::string, std::string>> runs{
        {"check", "check --format sarif " + shellQuote(file)},
        {"diff", "diff --format sarif " + shellQuote(old) + " " + shellQuote(file)},
        {"grade", "lesson grade --format sarif " + shellQuote(lesson) + " " + shellQuote(lesson)},
    };
    const std::string validate =
        "import json, sys, jsonschema\n"
        "schema = json.load(open(sys.argv[1]))\n"
        "jsonschema.Draft4Validator(schema).validate(json.load(open(sys.argv[2])))\n";
    const std::string script = write("validate.py", validate);
    for (const auto& [name, arguments] : runs) {
        const std::string output = write(name + ".sarif", run(arguments).out);
        const pp::test::ShellResult r =
            pp::test::runShell("python3 " + shellQuote(script) + " " +
                               shellQuote(PRIVATEPATH_SOURCE_DIR "/tests/data/sarif/sarif-schema-2.1.0.json") + " " + shellQuote(output) + " 2>&1");
        EXPECT_EQ(r.code, 0) << name << ": " << r.out;
    }
}

} // namespace
