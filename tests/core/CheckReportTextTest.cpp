// `check --format json` is streamed as text (report/JsonWriters.h) instead of dumping a JSON tree:
// the text must be exactly what the tree's dump(2) was, for every bundled example, for a file
// that does not load, and with `--flow`, and escape strings as JSON requires.
#include "TestSupport.h"

#include "report/CheckReport.h"
#include "report/JsonWriters.h"

#include <algorithm>
#include <filesystem>
#include <functional>
#include <gtest/gtest.h>

namespace pp::test {
namespace {

std::string streamed(const std::function<void(JsonTextWriter&)>& events)
{
    std::string out;
    JsonTextWriter w(out);
    events(w);
    return out;
}

std::string dumped(const std::function<void(JsonTreeWriter&)>& events)
{
    JsonTreeWriter w;
    events(w);
    return w.take().dump(2);
}

TEST(CheckReportText, EveryExampleGivesTheTreesDumpByteForByte)
{
    std::vector<FileCheck> checks;
    std::size_t flows = 0, violations = 0, exposed = 0;
    std::vector<std::filesystem::path> files;
    for (const char* folder : {"resources/examples", "tests/data/examples"}) // bundled, and EXAMPLES.md's
        for (const auto& entry : std::filesystem::directory_iterator(sourcePath(folder)))
            files.push_back(entry.path());
    files.push_back(sourcePath("tests/data/policies.privatepath")); // policies with violations
    files.push_back(sourcePath("tests/data/golden-v3.privatepath")); // every kind and field
    for (const std::filesystem::path& file : files) {
        const LoadResult loaded = loadDesignFile(file.string());
        ASSERT_TRUE(loaded.ok()) << file;
        FileCheck check;
        check.file = file.filename().string();
        check.loaded = true;
        check.diagnostics = loaded.diagnostics;
        analyzeInto(check, *loaded.design);
        flows += check.flows.size();
        violations += std::size_t(check.policyViolations());
        exposed += check.exposure.size();
        // One file at a time, as `check FILE` writes it.
        EXPECT_EQ(checkReportText({check}), checkReportJson({check}).dump(2)) << check.file;
        checks.push_back(std::move(check));
    }
    ASSERT_GE(checks.size(), 30u);
    EXPECT_GT(flows, 40u);
    EXPECT_GT(violations, 0u);
    EXPECT_GT(exposed, 0u);

    // `--flow ID`: only that flow, in every file that has it.
    const auto withFlows = std::find_if(checks.begin(), checks.end(), [](const FileCheck& c) { return !c.flows.empty(); });
    ASSERT_NE(withFlows, checks.end());
    const std::string only = withFlows->flows.front().flow.str();
    for (FileCheck& check : checks)
        check.onlyFlow = only;
    // And a file that does not load, its diagnostics with control characters and non-ASCII text.
    FileCheck broken;
    broken.file = "caf\xc3\xa9 \"quoted\"\\back\tslash.privatepath";
    broken.diagnostics = loadDesign("{\"schemaVersion\": 3, \"vpcs\": [{\"id\": \"v\xc3\xa9\x1b]0;x\x07\"}]}",
                                    broken.file).diagnostics;
    ASSERT_FALSE(broken.diagnostics.empty());
    checks.push_back(broken);

    const std::string text = checkReportText(checks);
    EXPECT_EQ(text, checkReportJson(checks).dump(2));
    const auto parsed = nlohmann::json::parse(text);
    EXPECT_EQ(parsed["files"].size(), checks.size());
    EXPECT_EQ(parsed["files"].back()["file"], broken.file);
    EXPECT_EQ(parsed["exitCode"], 3); // a file did not load
    std::size_t listed = 0;
    for (const auto& file : parsed["files"])
        for (const auto& flow : file["flows"])
            listed += flow["flow"] == only ? 1 : 100;
    EXPECT_GE(listed, 1u);
    EXPECT_LT(listed, 100u) << "only the flow asked for is listed";
}

TEST(CheckReportText, StringsAreEscapedAsJsonRequires)
{
    const auto strings = [](auto& w) {
        w.beginArray();
        w.value("plain");
        w.value("quote \" backslash \\ slash /");
        w.value("\b\f\n\r\t");
        static constexpr char kControls[] = "nul \0 esc \x1b" " del \x7f";
        w.value(std::string(kControls, sizeof kControls - 1));
        w.value("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80");
        w.endArray();
    };
    const std::string text = streamed(strings);
    EXPECT_EQ(text, dumped(strings));
    EXPECT_NE(text.find(R"("quote \" backslash \\ slash /")"), std::string::npos) << text;
    EXPECT_NE(text.find(R"("\b\f\n\r\t")"), std::string::npos) << text;
    EXPECT_NE(text.find("\"nul \\u0000 esc \\u001b del \x7f\""), std::string::npos) << text;
    EXPECT_NE(text.find("\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\""), std::string::npos) << text;

    // Bytes that are not UTF-8 become U+FFFD (a tree's dump would throw).
    const std::string invalid = streamed([](JsonTextWriter& w) { w.value("a\xff" "b"); });
    EXPECT_EQ(invalid, "\"a\xEF\xBF\xBD" "b\"");
    EXPECT_EQ(nlohmann::json::parse(invalid), "a\xEF\xBF\xBD" "b");
}

TEST(CheckReportText, EmptyAndNestedContainersAreLaidOutAsDump2)
{
    const auto nested = [](auto& w) {
        w.beginObject();
        w.key("empty object");
        w.beginObject();
        w.endObject();
        w.key("empty array");
        w.beginArray();
        w.endArray();
        w.key("numbers");
        w.beginArray();
        w.value(-1);
        w.value(std::size_t(18446744073709551615u));
        w.value(true);
        w.value(nullptr);
        w.beginArray();
        w.beginObject();
        w.key("deep");
        w.value(0);
        w.endObject();
        w.endArray();
        w.endArray();
        w.endObject();
    };
    const std::string text = streamed(nested);
    EXPECT_EQ(text, dumped(nested));
    EXPECT_EQ(text, "{\n"
                    "  \"empty object\": {},\n"
                    "  \"empty array\": [],\n"
                    "  \"numbers\": [\n"
                    "    -1,\n"
                    "    18446744073709551615,\n"
                    "    true,\n"
                    "    null,\n"
                    "    [\n"
                    "      {\n"
                    "        \"deep\": 0\n"
                    "      }\n"
                    "    ]\n"
                    "  ]\n"
                    "}");
}

} // namespace
} // namespace pp::test
