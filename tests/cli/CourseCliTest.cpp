// The bundled course through the real binary: every lesson passes `lesson check`, its first
// reference solution grades as passed (exit 0) and its untouched start as failed (exit 1).
#include "Shell.h"

#include <algorithm>
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

pp::test::ShellResult run(const std::string& arguments)
{
    return pp::test::runShell(shellQuote(PRIVATEPATH_BINARY) + " " + arguments + " 2>&1");
}

std::vector<fs::path> courseFiles()
{
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(PRIVATEPATH_SOURCE_DIR "/resources/lessons"))
        if (entry.path().extension() == ".privatepath")
            files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    return files;
}

class CourseCli : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_dir = fs::temp_directory_path() / ("privatepath-course-" + std::to_string(::getpid()));
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
    }
    void TearDown() override { fs::remove_all(m_dir); }

    fs::path m_dir;
};

TEST_F(CourseCli, FirstSolutionsPassAndStartsFail)
{
    const std::vector<fs::path> files = courseFiles();
    ASSERT_GE(files.size(), 8u);
    for (const fs::path& file : files) {
        SCOPED_TRACE(file.filename().string());
        std::ifstream in(file);
        std::stringstream text;
        text << in.rdbuf();
        const json lesson = json::parse(text.str());

        const pp::test::ShellResult check = run("lesson check " + shellQuote(file.string()));
        EXPECT_EQ(check.code, 0) << check.out;

        // A learner who built the first reference solution: its design, with the lesson section.
        json submission = lesson["lesson"]["solutions"][0]["design"];
        submission["schemaVersion"] = lesson["schemaVersion"];
        submission["lesson"] = lesson["lesson"];
        const fs::path solved = m_dir / ("solved-" + file.filename().string());
        std::ofstream(solved) << submission.dump(2);
        const pp::test::ShellResult pass = run("lesson grade " + shellQuote(file.string()) + " " + shellQuote(solved.string()));
        EXPECT_EQ(pass.code, 0) << pass.out;
        EXPECT_NE(pass.out.find("100%"), std::string::npos) << pass.out;

        // A learner who handed in the start unchanged.
        const pp::test::ShellResult fail = run("lesson grade " + shellQuote(file.string()) + " " + shellQuote(file.string()));
        EXPECT_EQ(fail.code, 1) << fail.out;
        EXPECT_NE(fail.out.find("FAIL"), std::string::npos) << fail.out;
    }
}

} // namespace
