// `privatepath lesson grade` and `lesson check`, run as the real binary on a folder of generated
// submissions: scores, exit codes, and the text, JSON and CSV reports.
#include "Shell.h"

#include <algorithm>
#include <filesystem>
#include <set>
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

json& refById(json& collection, const std::string& id)
{
    for (json& item : collection)
        if (item["id"] == id)
            return item;
    throw std::runtime_error("no " + id);
}

class LessonCli : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_dir = fs::temp_directory_path() / ("privatepath-lesson-" + std::to_string(::getpid()) + "-" +
                                             ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(m_dir);
        fs::create_directories(m_dir / "submissions");
        std::ifstream in(PRIVATEPATH_SOURCE_DIR "/resources/lessons/s3-gateway-endpoint.privatepath");
        std::stringstream text;
        text << in.rdbuf();
        m_lessonText = text.str();
        m_lesson = json::parse(m_lessonText);
        m_lessonPath = write("lesson.privatepath", m_lessonText);
    }
    void TearDown() override { fs::remove_all(m_dir); }

    std::string write(const std::string& name, const std::string& text)
    {
        const std::string p = (m_dir / name).string();
        std::ofstream(p, std::ios::binary) << text;
        return p;
    }
    // The lesson file with its design replaced by reference solution `index`.
    json solution(std::size_t index) const
    {
        json s = m_lesson["lesson"]["solutions"][index]["design"];
        s["schemaVersion"] = m_lesson["schemaVersion"];
        s["lesson"] = m_lesson["lesson"];
        return s;
    }
    void submit(const std::string& name, const json& design) { write("submissions/" + name, design.dump(2)); }

    // Ten submissions: four pass, three miss goals, one is tampered, one is another lesson's,
    // one is not JSON.
    void writeTenSubmissions()
    {
        submit("01-solution.privatepath", solution(0));
        submit("02-other-solution.privatepath", solution(1));
        json renamed = solution(0);
        refById(renamed["vpcEndpoints"], "s3-gw")["id"] = "my-endpoint";
        submit("03-renamed-endpoint.privatepath", renamed);
        json noHints = solution(1);
        noHints["lesson"].erase("hints");
        submit("04-own-copy-edited.privatepath", noHints);
        submit("05-untouched-start.privatepath", m_lesson);
        json half = m_lesson;
        half["vpcEndpoints"] = json::parse(R"([{"id": "s3-gw", "vpc": "app-vpc", "endpointType": "gateway", "service": "s3", "routeTables": ["private-rt"]}])");
        submit("06-endpoint-but-nat.privatepath", half);
        json natless = m_lesson;
        natless.erase("natGateways");
        refById(natless["routeTables"], "private-rt").erase("routes");
        auto& shapes = natless["diagram"]["shapes"];
        shapes.erase(std::remove_if(shapes.begin(), shapes.end(), [](const json& s) { return s["resource"] == "nat-a"; }), shapes.end());
        submit("07-nat-removed-only.privatepath", natless);
        json tampered = solution(0);
        refById(tampered["workloads"], "app-1")["privateIp"] = "10.0.1.99";
        submit("08-tampered.privatepath", tampered);
        json other = solution(0);
        other["lesson"]["id"] = "another-lesson";
        submit("09-other-lesson.privatepath", other);
        write("submissions/10-broken.privatepath", "{\n  \"schemaVersion\": 2,\n  \"vpcs\": [\n");
    }

    fs::path m_dir;
    std::string m_lessonText;
    std::string m_lessonPath;
    json m_lesson;
};

TEST_F(LessonCli, GradesAFolderOfTenSubmissionsAsJson)
{
    writeTenSubmissions();
    const Result r = run("lesson grade --format json " + shellQuote(m_lessonPath) + " " + shellQuote((m_dir / "submissions").string()),
                         false);
    EXPECT_EQ(r.code, 3) << "an unreadable submission wins over failed ones";
    const json report = json::parse(r.out);
    EXPECT_EQ(report["exitCode"], 3);
    EXPECT_EQ(report["lesson"]["id"], "s3-gateway-endpoint");
    EXPECT_EQ(report["lesson"]["totalWeight"], 9);
    const json& subs = report["submissions"];
    ASSERT_EQ(subs.size(), 10u);
    std::vector<int> scores;
    std::vector<std::string> statuses;
    std::vector<bool> passed;
    for (const json& s : subs) {
        scores.push_back(s["score"]);
        statuses.push_back(s["status"]);
        passed.push_back(s["passed"]);
    }
    EXPECT_EQ(scores, (std::vector<int>{100, 100, 100, 100, 22, 66, 55, 100, 0, 0}));
    EXPECT_EQ(passed, (std::vector<bool>{true, true, true, true, false, false, false, false, false, false}));
    EXPECT_EQ(statuses[8], "otherLesson");
    EXPECT_EQ(subs[8]["lessonId"], "another-lesson");
    EXPECT_EQ(statuses[9], "unreadable");
    EXPECT_EQ(subs[9]["diagnostics"][0]["code"], "JSON_SYNTAX");
    EXPECT_TRUE(subs[7]["tampered"]);
    EXPECT_EQ(subs[7]["lockedChanges"][0], json::parse(R"({"resource": "app-1", "change": "changed", "field": "privateIp", "before": "10.0.1.10", "after": "10.0.1.99"})"));
    EXPECT_FALSE(subs[0]["tampered"]);
    EXPECT_EQ(report["passed"], 4);
    // A missed goal carries its reasons with codes.
    const json& start = subs[4]["goals"];
    EXPECT_EQ(start[0]["id"], "s3-private");
    EXPECT_FALSE(start[0]["met"]);
    EXPECT_EQ(start[0]["reasons"][0]["code"], "GOAL_VERDICT_DIFFERS");
    EXPECT_TRUE(subs[0]["goals"][0]["reasons"].empty());
    EXPECT_EQ(subs[0]["file"], (m_dir / "submissions" / "01-solution.privatepath").string()) << "files in name order";
}

TEST_F(LessonCli, CsvHasOneRowPerSubmissionAndOneColumnPerGoal)
{
    writeTenSubmissions();
    const Result r = run("lesson grade --format=csv " + shellQuote(m_lessonPath) + " " + shellQuote((m_dir / "submissions").string()),
                         false);
    EXPECT_EQ(r.code, 3);
    std::vector<std::string> lines;
    std::istringstream in(r.out);
    for (std::string line; std::getline(in, line);)
        lines.push_back(line);
    ASSERT_EQ(lines.size(), 11u) << r.out;
    EXPECT_EQ(lines[0], "file,status,lessonId,score,metWeight,totalWeight,passed,tampered,lockedChanges,s3-private,"
                        "gateway-endpoint,no-nat,subnet-private,not-exposed,no-errors");
    const std::string dir = (m_dir / "submissions").string() + "/";
    EXPECT_EQ(lines[1], dir + "01-solution.privatepath,graded,s3-gateway-endpoint,100,9,9,yes,no,,met,met,met,met,met,met");
    EXPECT_EQ(lines[5], dir + "05-untouched-start.privatepath,graded,s3-gateway-endpoint,22,2,9,no,no,,missed,missed,missed,missed,met,met");
    EXPECT_EQ(lines[8], dir + "08-tampered.privatepath,graded,s3-gateway-endpoint,100,9,9,no,yes,app-1 (privateIp),met,met,met,met,met,met");
    EXPECT_EQ(lines[9], dir + "09-other-lesson.privatepath,otherLesson,another-lesson,0,0,9,no,no,,,,,,,");
    EXPECT_EQ(lines[10], dir + "10-broken.privatepath,unreadable,,0,0,9,no,no,,,,,,,");
}

TEST_F(LessonCli, TextReportAndExitCodes)
{
    writeTenSubmissions();
    const std::string subs = (m_dir / "submissions").string() + "/";
    const Result all = run("lesson grade " + shellQuote(m_lessonPath) + " " + shellQuote(subs));
    EXPECT_EQ(all.code, 3);
    EXPECT_NE(all.out.find("01-solution.privatepath: 100% (9/9) PASS"), std::string::npos) << all.out;
    EXPECT_NE(all.out.find("05-untouched-start.privatepath: 22% (2/9) FAIL"), std::string::npos);
    EXPECT_NE(all.out.find("MISSED  no-nat (weight 1): No NAT gateway is left in app-vpc."), std::string::npos) << all.out;
    EXPECT_NE(all.out.find("[GOAL_COUNT_OUT_OF_RANGE] at nat-a:"), std::string::npos);
    EXPECT_NE(all.out.find("[USE_GATEWAY_ENDPOINT]"), std::string::npos) << "the engine's hint";
    EXPECT_NE(all.out.find("locked resources: CHANGED"), std::string::npos);
    EXPECT_NE(all.out.find("[LOCKED_RESOURCE_CHANGED] at app-1: locked resource app-1 has a changed 'privateIp'"), std::string::npos);
    EXPECT_NE(all.out.find("09-other-lesson.privatepath: NOT THIS LESSON: its lesson is 'another-lesson' (expected 's3-gateway-endpoint')"),
              std::string::npos);
    EXPECT_NE(all.out.find("10-broken.privatepath: UNREADABLE"), std::string::npos);
    EXPECT_NE(all.out.find("[JSON_SYNTAX]"), std::string::npos) << "the loader's message names the file and line";
    EXPECT_NE(all.out.find("10 submission(s): 4 passed, 6 did not (1 with changed locked resources, 1 of another lesson, 1 unreadable)"),
              std::string::npos) << all.out;

    const std::string passing = shellQuote(subs + "01-solution.privatepath") + " " + shellQuote(subs + "02-other-solution.privatepath");
    EXPECT_EQ(run("lesson grade " + shellQuote(m_lessonPath) + " " + passing).code, 0);
    EXPECT_EQ(run("lesson grade " + shellQuote(m_lessonPath) + " " + passing + " " + shellQuote(subs + "08-tampered.privatepath")).code, 1)
        << "tampering fails the run";
    EXPECT_EQ(run("lesson grade " + shellQuote(m_lessonPath) + " " + shellQuote(subs + "09-other-lesson.privatepath")).code, 1);
    EXPECT_EQ(run("lesson grade " + shellQuote(m_lessonPath) + " " + shellQuote(subs + "06-endpoint-but-nat.privatepath")).code, 1);
    EXPECT_EQ(run("lesson grade " + shellQuote(m_lessonPath) + " " + shellQuote(subs + "missing.privatepath")).code, 3);
    EXPECT_EQ(run("lesson grade " + shellQuote(subs + "10-broken.privatepath") + " " + passing).code, 3) << "an unreadable lesson";

    // The lesson file inside a graded folder is not graded as a submission: here nothing is left.
    const Result folder = run("lesson grade " + shellQuote(m_lessonPath) + " " + shellQuote(m_dir.string()));
    EXPECT_EQ(folder.code, 2);
    EXPECT_NE(folder.out.find("No submission to grade"), std::string::npos) << folder.out;
}

TEST_F(LessonCli, UsageErrors)
{
    EXPECT_EQ(run("lesson").code, 2);
    EXPECT_EQ(run("lesson frob").code, 2);
    EXPECT_EQ(run("lesson grade " + shellQuote(m_lessonPath)).code, 2) << "no submission";
    EXPECT_EQ(run("lesson grade --format xml " + shellQuote(m_lessonPath) + " x").code, 2);
    const std::string plain = write("plain.privatepath", R"({"schemaVersion": 2, "name": "no lesson"})");
    const Result notLesson = run("lesson grade " + shellQuote(plain) + " " + shellQuote(m_lessonPath));
    EXPECT_EQ(notLesson.code, 2);
    EXPECT_NE(notLesson.out.find("is not a lesson"), std::string::npos);
    EXPECT_EQ(run("lesson grade --help").code, 0);
    EXPECT_NE(run("--help").out.find("lesson grade LESSON SUBMISSION..."), std::string::npos);
}

TEST_F(LessonCli, CheckValidatesALesson)
{
    const Result ok = run("lesson check " + shellQuote(m_lessonPath));
    EXPECT_EQ(ok.code, 0) << ok.out;
    EXPECT_NE(ok.out.find("0 error(s), 0 warning(s)"), std::string::npos) << ok.out;

    // Its start already passes: the design replaced by the first solution.
    const std::string easy = write("easy.privatepath", solution(0).dump(2));
    const Result r = run("lesson check " + shellQuote(easy));
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.out.find("[LESSON_START_PASSES]"), std::string::npos) << r.out;

    json broken = m_lesson;
    broken["lesson"]["solutions"][1]["design"]["natGateways"] =
        json::parse(R"([{"id": "nat-b", "subnet": "private-a", "connectivity": "private"}])");
    broken["lesson"]["goals"][0]["flow"] = "nope";
    const Result j = run("lesson check --format json " + shellQuote(write("broken.privatepath", broken.dump(2))), false);
    EXPECT_EQ(j.code, 1);
    const json report = json::parse(j.out);
    EXPECT_EQ(report["exitCode"], 1);
    std::set<std::string> codes;
    for (const json& p : report["problems"])
        codes.insert(p["code"].get<std::string>());
    EXPECT_TRUE(codes.count("LESSON_UNKNOWN_REFERENCE"));
    EXPECT_TRUE(codes.count("LESSON_SOLUTION_FAILS"));

    EXPECT_EQ(run("lesson check " + shellQuote((m_dir / "missing.privatepath").string())).code, 3);
    EXPECT_EQ(run("lesson check").code, 2);
}

} // namespace
