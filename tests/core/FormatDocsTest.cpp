// The schema and the documentation are generated from the same describe() functions as the
// loader; these tests keep the committed copies identical to what the code says.
#include "TestSupport.h"

#include "codes/Codes.h"
#include "io/JsonWriter.h"
#include "io/Schema.h"

#include <gtest/gtest.h>

namespace pp::test {
namespace {

TEST(FormatDocs, CommittedSchemaMatchesTheCode)
{
    const std::string committed = readFile(sourcePath("resources/schema/privatepath-v3.schema.json"));
    EXPECT_EQ(committed, formatJson(designSchema()))
        << "regenerate with: build/bin/privatepath schema > resources/schema/privatepath-v3.schema.json";
}

TEST(FormatDocs, SchemaDescribesEveryKindAndRequiredField)
{
    const auto schema = designSchema();
    for (int k = 0; k < kKindCount; ++k) {
        const KindInfo& info = kindInfo(Kind(k));
        ASSERT_TRUE(schema["$defs"].contains(std::string(info.name))) << info.name;
        ASSERT_TRUE(schema["properties"].contains(std::string(info.collection))) << info.collection;
    }
    const auto& vpc = schema["$defs"]["vpc"];
    EXPECT_EQ(vpc["required"], nlohmann::ordered_json({"id", "region", "ipv4Cidrs"}));
    EXPECT_EQ(vpc["properties"]["enableDnsHostnames"]["default"], false);
    EXPECT_EQ(schema["$defs"]["natGateway"]["properties"]["connectivity"]["enum"],
              nlohmann::ordered_json({"public", "private"}));
    EXPECT_EQ(schema["properties"]["schemaVersion"]["const"], 2);
}

TEST(FormatDocs, FileFormatDocumentHasTheGeneratedReference)
{
    const std::string doc = readFile(sourcePath("docs/file-format.md"));
    const std::string begin = "<!-- BEGIN GENERATED: privatepath schema --markdown -->\n";
    const std::string end = "<!-- END GENERATED -->";
    const auto from = doc.find(begin);
    const auto to = doc.find(end);
    ASSERT_NE(from, std::string::npos);
    ASSERT_NE(to, std::string::npos);
    EXPECT_EQ(doc.substr(from + begin.size(), to - from - begin.size()), formatReferenceMarkdown())
        << "regenerate the section between the markers with: build/bin/privatepath schema --markdown";
}

TEST(FormatDocs, EveryCodeIsDocumentedOnce)
{
    const std::string doc = readFile(sourcePath("docs/codes.md"));
    std::set<std::string_view> seen;
    for (const CodeInfo& code : allCodes()) {
        EXPECT_TRUE(seen.insert(code.code).second) << "duplicate code " << code.code;
        EXPECT_NE(doc.find("`" + std::string(code.code) + "`"), std::string::npos) << code.code << " missing from docs/codes.md";
        EXPECT_FALSE(code.description.empty());
    }
}

} // namespace
} // namespace pp::test
