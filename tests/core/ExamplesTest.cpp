// Every worked case of EXAMPLES.md (tests/data/examples/exNN.privatepath, each with an
// "x-expected" block) and every bundled example gives the verdict, path and codes it must.
#include "TestSupport.h"

#include "analysis/Analyzer.h"
#include "codes/Codes.h"

#include <filesystem>
#include <gtest/gtest.h>

namespace pp::test {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> filesIn(const std::string& folder)
{
    std::vector<std::string> files;
    for (const auto& entry : fs::directory_iterator(sourcePath(folder)))
        if (entry.path().extension() == ".privatepath")
            files.push_back(entry.path().string());
    std::sort(files.begin(), files.end());
    return files;
}

std::string describe(const FlowResult& r)
{
    std::string out = std::string(enumName(r.verdict)) + "\n";
    for (const Hop& h : r.path)
        out += "  " + h.resource + " [" + h.action + "] " + h.detail + "\n";
    for (const auto* list : {&r.blocking, &r.hints, &r.notes})
        for (const Explanation& e : *list)
            out += "  " + e.code + " at " + e.resource + ": " + e.message + "\n";
    return out;
}

class WorkedExample : public ::testing::TestWithParam<std::string> {};

TEST_P(WorkedExample, GivesTheVerdictPathAndReasonsOfExamplesMd)
{
    const LoadResult loaded = loadDesignFile(GetParam());
    ASSERT_TRUE(loaded.ok());
    const auto expected = nlohmann::json::parse(loaded.design->extensions.at("x-expected"));
    const AnalysisResult result = analyzeDesign(*loaded.design);
    ASSERT_EQ(result.flows.size(), 1u);
    const FlowResult& flow = result.flows.front();
    SCOPED_TRACE(expected.at("case").get<std::string>() + "\n" + describe(flow));
    EXPECT_EQ(enumName(flow.verdict), expected.at("verdict").get<std::string>());
    // The expected ids appear on the path in this order (other hops may come in between).
    std::size_t at = 0;
    for (const auto& id : expected.at("pathIncludes")) {
        while (at < flow.path.size() && flow.path[at].resource != id.get<std::string>())
            ++at;
        EXPECT_LT(at, flow.path.size()) << "the path does not visit " << id << " in order";
        if (at < flow.path.size())
            ++at;
    }
    for (const auto& code : expected.at("codes")) {
        bool found = false;
        for (const auto* list : {&flow.blocking, &flow.hints, &flow.notes})
            for (const Explanation& e : *list)
                found = found || e.code == code.get<std::string>();
        EXPECT_TRUE(found) << "missing code " << code;
    }
    if (flow.verdict == Verdict::Public) {
        EXPECT_TRUE(flow.leavesAt.has_value()) << "a public flow says where it leaves the private network";
    }
    EXPECT_EQ(flow.expectationMet, true);
}

INSTANTIATE_TEST_SUITE_P(ExamplesMd, WorkedExample, ::testing::ValuesIn(filesIn("tests/data/examples")),
                         [](const ::testing::TestParamInfo<std::string>& param) {
                             return fs::path(param.param).stem().string();
                         });

TEST(BundledExamples, EveryFlowGetsItsExpectedVerdict)
{
    const auto files = filesIn("resources/examples");
    ASSERT_GE(files.size(), 6u);
    for (const std::string& file : files) {
        const LoadResult loaded = loadDesignFile(file);
        ASSERT_TRUE(loaded.ok()) << file;
        const AnalysisResult result = analyzeDesign(*loaded.design);
        ASSERT_FALSE(result.flows.empty()) << file;
        for (std::size_t i = 0; i < result.flows.size(); ++i) {
            const Flow& flow = loaded.design->flows()[i];
            ASSERT_TRUE(flow.expect.has_value()) << file << ": every bundled flow states its expected verdict";
            EXPECT_EQ(result.flows[i].verdict, *flow.expect) << file << ": " << flow.id.str() << "\n" << describe(result.flows[i]);
        }
        for (const Finding& f : result.findings)
            EXPECT_NE(f.severity, Severity::Error) << file << ": " << f.message;
    }
}

TEST(BundledExamples, EveryCodeTheEngineUsesIsInTheTable)
{
    for (const char* folder : {"resources/examples", "tests/data/examples"})
        for (const std::string& file : filesIn(folder)) {
            const AnalysisResult result = analyzeDesign(*loadDesignFile(file).design);
            for (const FlowResult& flow : result.flows)
                for (const auto* list : {&flow.blocking, &flow.hints, &flow.notes})
                    for (const Explanation& e : *list)
                        EXPECT_NE(findCode(e.code), nullptr) << e.code << " (" << file << ") is not in core/codes";
        }
}

} // namespace
} // namespace pp::test
