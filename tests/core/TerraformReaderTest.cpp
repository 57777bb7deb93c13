// Reading `terraform show -json` output: plans and states, child modules, count and for_each
// instances, unknown and sensitive values, configuration references; and refusing what is not
// such output with the file, line and field of the problem.
#include "ImportSupport.h"

#include "import/TerraformReader.h"

namespace pp {
namespace {

using test::terraformFixture;

TEST(TerraformReader, ReadsAStateWithChildModulesAndInstanceKeys)
{
    const TfReadResult r = readTerraformFile(terraformFixture("state-network.json"));
    ASSERT_TRUE(r.document) << (r.diagnostics.empty() ? "" : r.diagnostics.front().format());
    EXPECT_FALSE(r.document->plan);
    EXPECT_EQ(r.document->formatVersion, "1.0");
    EXPECT_EQ(r.document->terraformVersion, "1.5.7");
    const auto& res = r.document->resources;
    const auto worker = std::find_if(res.begin(), res.end(),
                                     [](const TfResource& t) { return t.address == "module.extra.aws_instance.worker[\"green\"]"; });
    ASSERT_NE(worker, res.end());
    EXPECT_EQ(worker->module, "module.extra");
    EXPECT_EQ(worker->type, "aws_instance");
    EXPECT_EQ(worker->name, "worker");
    EXPECT_EQ(worker->indexKey, "green");
    // Root module first, then the child module.
    EXPECT_EQ(res.front().address, "data.aws_availability_zones.available");
    EXPECT_TRUE(res.front().dataSource);
    EXPECT_EQ(res.back().module, "module.extra");
}

TEST(TerraformReader, ReadsAPlanWithUnknownValuesAndConfigurationReferences)
{
    const TfReadResult r = readTerraformFile(terraformFixture("plan-unknown.json"));
    ASSERT_TRUE(r.document);
    EXPECT_TRUE(r.document->plan);
    EXPECT_EQ(r.document->formatVersion, "1.2");
    EXPECT_EQ(r.document->region, "us-west-2");
    const auto& res = r.document->resources;
    const auto ipam = std::find_if(res.begin(), res.end(), [](const TfResource& t) { return t.address == "aws_subnet.ipam"; });
    ASSERT_NE(ipam, res.end());
    EXPECT_EQ(ipam->unknown.value("cidr_block", false), true);
    EXPECT_EQ(ipam->references.at("vpc_id"), (std::vector<std::string>{"aws_vpc.main.id", "aws_vpc.main"}));
    const auto table = std::find_if(res.begin(), res.end(), [](const TfResource& t) { return t.address == "aws_route_table.private"; });
    ASSERT_NE(table, res.end());
    EXPECT_EQ(table->references.at("route.nat_gateway_id").front(), "aws_nat_gateway.nat.id");
    // References inside a module are the module's own.
    const auto node = std::find_if(res.begin(), res.end(),
                                   [](const TfResource& t) { return t.address == "module.edge.aws_instance.node[\"b\"]"; });
    ASSERT_NE(node, res.end());
    EXPECT_EQ(node->references.at("subnet_id").front(), "aws_subnet.this");
}

Diagnostic onlyError(std::string_view text)
{
    const TfReadResult r = readTerraformJson(text, "in.json");
    EXPECT_FALSE(r.document);
    EXPECT_EQ(r.diagnostics.size(), 1u);
    return r.diagnostics.empty() ? Diagnostic{} : r.diagnostics.front();
}

TEST(TerraformReader, ASyntaxErrorNamesTheLine)
{
    const Diagnostic d = onlyError("{\n  \"format_version\": \"1.0\",\n  \"values\": {\n    \"root_module\": {,}\n  }\n}\n");
    EXPECT_EQ(d.code, "TF_JSON_SYNTAX");
    EXPECT_EQ(d.file, "in.json");
    EXPECT_EQ(d.line, 4);
}

TEST(TerraformReader, AFieldOfTheWrongTypeNamesTheFieldAndItsLine)
{
    const Diagnostic d = onlyError("{\n  \"format_version\": \"1.0\",\n  \"values\": {\n    \"root_module\": {\n"
                                   "      \"resources\": {\"not\": \"an array\"}\n    }\n  }\n}\n");
    EXPECT_EQ(d.code, "TF_FIELD_TYPE");
    EXPECT_EQ(d.jsonPath, "/values/root_module/resources");
    EXPECT_EQ(d.line, 5);
    EXPECT_NE(d.format().find("in.json:5:"), std::string::npos) << d.format();
}

TEST(TerraformReader, AResourceWithoutATypeIsRefusedAtItsPlace)
{
    const Diagnostic d = onlyError(R"({"format_version": "1.0", "values": {"root_module": {"resources": [
        {"address": "aws_vpc.a", "name": "a", "values": {}}]}}})");
    EXPECT_EQ(d.code, "TF_FIELD_TYPE");
    EXPECT_EQ(d.jsonPath, "/values/root_module/resources/0");
    EXPECT_EQ(d.line, 2);
}

TEST(TerraformReader, RefusesANewMajorFormatVersion)
{
    const Diagnostic d = onlyError(R"({"format_version": "2.0", "values": {}})");
    EXPECT_EQ(d.code, "TF_FORMAT_VERSION");
    EXPECT_EQ(d.jsonPath, "/format_version");
}

TEST(TerraformReader, RefusesADesignFileAndOtherJson)
{
    EXPECT_EQ(onlyError(R"({"schemaVersion": 2, "vpcs": []})").code, "TF_NOT_TERRAFORM");
    EXPECT_EQ(onlyError("[1, 2, 3]").code, "TF_NOT_TERRAFORM");
    EXPECT_EQ(onlyError("").code, "TF_JSON_SYNTAX");
}

TEST(TerraformReader, RefusesTooDeepNestingBeforeParsing)
{
    std::string text = R"({"format_version": "1.0", "values": )";
    for (int i = 0; i < 1000; ++i)
        text += "[";
    EXPECT_EQ(onlyError(text).code, "TF_TOO_DEEP");
}

TEST(TerraformReader, NeverThrowsOnTruncatedInput)
{
    const std::string text = test::readFile(terraformFixture("plan-unknown.json"));
    for (std::size_t cut = 0; cut < text.size(); cut += 97) {
        const TfReadResult r = readTerraformJson(std::string_view(text).substr(0, cut), "cut.json");
        EXPECT_FALSE(r.document) << cut;
        EXPECT_FALSE(r.diagnostics.empty()) << cut;
    }
}

TEST(TerraformReader, AnEmptyStateHasNoResources)
{
    const TfReadResult r = readTerraformJson(R"({"format_version": "1.0"})", "empty.json");
    ASSERT_TRUE(r.document);
    EXPECT_TRUE(r.document->resources.empty());
}

} // namespace
} // namespace pp
