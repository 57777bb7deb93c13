// Every input the fuzzers found a defect with (tests/data/fuzz, named after the defect) and every
// hostile seed of their corpus (tests/fuzz/corpus: depth and size bombs, invalid UTF-8, NaN and
// huge numbers, duplicate ids, reference cycles) goes through the fuzz targets' three properties
// in the normal suite, without clang: the loader, the analysis and canonical-save round trip, the
// report writers and both importers. Nothing may throw, and each property holds.
#include "../fuzz/FuzzChecks.h"
#include "TestSupport.h"

#include "io/TextEscape.h"

#include <filesystem>
#include <gtest/gtest.h>

namespace pp::test {
namespace {

std::vector<std::filesystem::path> inputs(const char* folder)
{
    std::vector<std::filesystem::path> out;
    for (const auto& entry : std::filesystem::directory_iterator(sourcePath(folder)))
        if (entry.is_regular_file() && entry.path().filename().string()[0] != '.' &&
            entry.path().extension() != ".md")
            out.push_back(entry.path());
    std::sort(out.begin(), out.end());
    return out;
}

void checkAll(const std::filesystem::path& file)
{
    const std::string text = readFile(file.string());
    SCOPED_TRACE(file.filename().string());
    EXPECT_EQ(fuzz::checkLoad(text), "");
    EXPECT_EQ(fuzz::checkRoundTrip(text), "");
    EXPECT_EQ(fuzz::checkReports(text), "");
    EXPECT_EQ(fuzz::checkImportTerraform(text), "");
    EXPECT_EQ(fuzz::checkImportAws(text), "");
}

TEST(FuzzRegression, EveryInputTheFuzzersFoundADefectWithIsHandled)
{
    for (const auto& file : inputs("tests/data/fuzz"))
        checkAll(file);
}

TEST(FuzzRegression, EveryHostileSeedIsHandled)
{
    const auto files = inputs("tests/fuzz/corpus");
    EXPECT_GE(files.size(), 40u);
    for (const auto& file : files)
        checkAll(file);
}

TEST(FuzzRegression, EveryImportFixtureKeepsTheImportersProperties)
{
    // The importers' seeds: what they import must save and load back.
    std::size_t files = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(sourcePath("tests/data/import")))
        if (entry.is_regular_file() && entry.path().extension() == ".json") {
            const std::string text = readFile(entry.path().string());
            SCOPED_TRACE(entry.path().string());
            EXPECT_EQ(fuzz::checkImportTerraform(text), "");
            EXPECT_EQ(fuzz::checkImportAws(text), "");
            ++files;
        }
    EXPECT_GE(files, 70u);
}

// Found by the importers' properties on the hostile seeds: a parse error quotes the byte where the
// parser stopped, and the import report (the editor's Save Report, `--format json`) threw writing
// it when that byte was not UTF-8.
TEST(FuzzRegression, ImportReportsQuoteBytesThatAreNotUtf8AsReplacementCharacters)
{
    const std::string text = readFile(sourcePath("tests/data/fuzz/import-invalid-utf8-in-parse-error.json"));
    for (const TerraformImportResult& r :
         {importAwsTexts({{"in\xff.json", text}}), importTerraformText(text, "in\xff.json")}) {
        ASSERT_FALSE(r.design);
        ASSERT_FALSE(r.report.diagnostics.empty());
        std::string json;
        ASSERT_NO_THROW(json = importReportJson(r.report).dump());
        EXPECT_NE(json.find("in\uFFFD.json"), std::string::npos) << json;
        EXPECT_NE(json.find("\uFFFD"), std::string::npos);
    }
}

// The first defect: a byte that is not UTF-8 where the parser stops (quoted in its message), or in
// a file name, made `check --format json` abort (nlohmann::json throws when writing it).
TEST(FuzzRegression, ReportsQuoteBytesThatAreNotUtf8AsReplacementCharacters)
{
    const std::string text = readFile(sourcePath("tests/data/fuzz/report-invalid-utf8-in-parse-error.privatepath"));
    FileCheck check;
    check.file = "design\xff.privatepath";
    check.diagnostics = loadDesign(text, check.file).diagnostics;
    ASSERT_FALSE(check.diagnostics.empty());
    EXPECT_EQ(check.diagnostics.front().code, "JSON_SYNTAX");
    std::string json;
    ASSERT_NO_THROW(json = checkReportText({check}));
    EXPECT_EQ(json, checkReportJson({check}).dump(2));
    EXPECT_NE(json.find("design\uFFFD.privatepath"), std::string::npos) << json;
    EXPECT_NE(json.find("\uFFFD"), std::string::npos);
    EXPECT_EQ(validUtf8("ok \xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80"), "ok \xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80");
    EXPECT_EQ(validUtf8("\xc0\xaf|\xed\xa0\x80|\xf4\x90\x80\x80|\xe2\x82"),
              "\xEF\xBF\xBD\xEF\xBF\xBD|\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD|"
              "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD|\xEF\xBF\xBD\xEF\xBF\xBD");
}

} // namespace
} // namespace pp::test
