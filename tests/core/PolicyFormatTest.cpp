// The `policies` section of the file format: loading, the loader's messages (file, line, field),
// saving it unchanged, the schema, and the migration of version 2 files (which have none).
#include "PolicySupport.h"

#include "io/Schema.h"

namespace pp::test {
namespace {

using nlohmann::json;

const Diagnostic* findProblem(const LoadResult& r, const std::string& code, const std::string& path)
{
    for (const Diagnostic& d : r.diagnostics)
        if (d.code == code && d.jsonPath == path)
            return &d;
    return nullptr;
}

json everyKind()
{
    json d = policyDesign();
    d["vpcEndpoints"] = json::array({{{"id", "vpce-s3"}, {"vpc", "vpc-prod"}, {"endpointType", "gateway"}, {"service", "s3"}}});
    d["policies"] = json::parse(R"([
      {"id": "db-private", "kind": "private-only", "description": "Databases never touch the internet.",
       "from": {"tags": ["tier=db"]}},
      {"id": "hidden", "kind": "no-internet-exposure", "from": {"containers": ["prod-app", "prod-db"]}},
      {"id": "prod-dev", "kind": "isolated", "from": {"tags": ["env=prod"]}, "to": {"containers": ["vpc-dev"]}},
      {"id": "app-db", "kind": "must-reach", "from": {"resources": ["app-1", "app-2"]}, "to": {"kinds": ["workload"], "tags": ["tier=db"]},
       "protocol": "tcp", "port": 5432},
      {"id": "s3-via", "kind": "only-via", "from": {"tags": ["tier=app"]}, "to": {"resources": ["s3"]},
       "protocol": "tcp", "port": 443, "via": ["vpce-s3"]}
    ])");
    return d;
}

TEST(PolicyFormat, EveryKindLoadsWithItsFields)
{
    LoadResult r = loadDesign(everyKind().dump(2), "policies.privatepath");
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(r.diagnostics.empty());
    const std::vector<Policy>& p = r.design->policies;
    ASSERT_EQ(p.size(), 5u);
    EXPECT_EQ(p[0].kind, PolicyKind::PrivateOnly);
    EXPECT_EQ(p[0].description, "Databases never touch the internet.");
    EXPECT_EQ(p[0].from.tags, std::vector<std::string>{"tier=db"});
    EXPECT_FALSE(p[0].to);
    EXPECT_EQ(p[0].protocol, Protocol::All);
    EXPECT_EQ(p[1].kind, PolicyKind::NoInternetExposure);
    EXPECT_EQ(p[1].from.containers.size(), 2u);
    EXPECT_EQ(p[2].kind, PolicyKind::Isolated);
    EXPECT_EQ(p[3].kind, PolicyKind::MustReach);
    EXPECT_EQ(p[3].port, 5432);
    ASSERT_TRUE(p[3].to);
    EXPECT_EQ(p[3].to->kinds, std::vector<std::string>{"workload"});
    EXPECT_EQ(p[4].kind, PolicyKind::OnlyVia);
    EXPECT_EQ(p[4].via, std::vector<ResourceId>{ResourceId("vpce-s3")});
}

TEST(PolicyFormat, SavingKeepsPoliciesAfterTheDescriptionAndRoundTrips)
{
    LoadResult r = loadDesign(everyKind().dump(2), "policies.privatepath");
    ASSERT_TRUE(r.ok());
    const std::string saved = saveDesignToString(*r.design);
    EXPECT_NE(saved.find("\"schemaVersion\": 3"), std::string::npos);
    EXPECT_LT(saved.find("\"policies\""), saved.find("\"regions\""));
    const std::string section = saved.substr(saved.find("\"policies\""), saved.find("\"regions\"") - saved.find("\"policies\""));
    EXPECT_EQ(section.find("\"protocol\": \"all\""), std::string::npos) << "defaults are left out";
    EXPECT_NE(section.find("\"protocol\": \"tcp\""), std::string::npos);
    LoadResult again = loadDesign(saved, "saved.privatepath");
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(*again.design, *r.design);
    EXPECT_EQ(saveDesignToString(*again.design), saved);
    // A changed policy makes a different design (undo, dirty state and diff rely on it).
    Design changed = *r.design;
    changed.policies[3].port = 5433;
    EXPECT_FALSE(changed == *r.design);
}

TEST(PolicyFormat, AVersion2FileLoadsAndIsSavedAsVersion3)
{
    json v2 = policyDesign();
    v2["schemaVersion"] = 2;
    LoadResult r = loadDesign(v2.dump(), "old.privatepath");
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(r.diagnostics.empty());
    EXPECT_TRUE(r.design->policies.empty());
    EXPECT_NE(saveDesignToString(*r.design).find("\"schemaVersion\": 3"), std::string::npos);
    EXPECT_EQ(kCurrentSchemaVersion, 3);
}

TEST(PolicyFormat, ANewerFileIsRefusedRatherThanLosingItsPolicies)
{
    json v4 = everyKind();
    v4["schemaVersion"] = 4;
    const LoadResult r = loadDesign(v4.dump(), "new.privatepath");
    EXPECT_FALSE(r.ok());
    ASSERT_FALSE(r.diagnostics.empty());
    EXPECT_EQ(r.diagnostics[0].code, "NEWER_SCHEMA_VERSION");
}

TEST(PolicyFormat, LoaderNamesFileLineAndFieldOfEachProblem)
{
    const std::string text = R"({
  "schemaVersion": 3,
  "workloads": [{"id": "a", "subnet": "s"}],
  "subnets": [{"id": "s", "vpc": "v", "cidr": "10.0.0.0/24", "availabilityZone": "use1-az1"}],
  "vpcs": [{"id": "v", "region": "r", "ipv4Cidrs": ["10.0.0.0/16"]}],
  "regions": [{"id": "r", "code": "us-east-1"}],
  "policies": [
    {"id": "p1", "kind": "isolated", "from": {"resources": ["a"]}},
    {"id": "p1", "kind": "must-reach", "from": {"resources": ["a"]}, "to": {"resources": ["a"]}, "protocol": "tcp"},
    {"id": "p3", "kind": "private-only", "from": {}},
    {"id": "p4", "kind": "no-internet-exposure", "from": {"kinds": ["subnet"]}, "to": {"resources": ["a"]}},
    {"id": "p5", "kind": "only-via", "from": {"tags": ["=x"]}, "to": {"resources": ["ghost"]}},
    {"id": "p6", "kind": "must-stop", "from": {"resources": ["s"]}},
    {"id": "p7", "kind": "isolated", "from": {"resources": ["a"]}, "to": {"resources": ["a"]}, "via": ["s"], "port": 80}
  ]
})";
    const LoadResult r = loadDesign(text, "bad.privatepath");
    EXPECT_FALSE(r.ok());
    const Diagnostic* noTo = findProblem(r, "MISSING_FIELD", "/policies/0");
    ASSERT_NE(noTo, nullptr);
    EXPECT_EQ(noTo->file, "bad.privatepath");
    EXPECT_EQ(noTo->line, 8);
    EXPECT_NE(noTo->message.find("'to'"), std::string::npos);
    const Diagnostic* duplicate = findProblem(r, "DUPLICATE_ID", "/policies/1/id");
    ASSERT_NE(duplicate, nullptr);
    EXPECT_EQ(duplicate->line, 9);
    EXPECT_NE(findProblem(r, "MISSING_FIELD", "/policies/1"), nullptr) << "tcp without a port";
    EXPECT_NE(findProblem(r, "MISSING_FIELD", "/policies/2/from"), nullptr) << "a scope selecting nothing";
    EXPECT_NE(findProblem(r, "UNKNOWN_ENUM_VALUE", "/policies/3/from/kinds/0"), nullptr) << "subnet is not an endpoint kind";
    EXPECT_NE(findProblem(r, "CONFLICTING_FIELDS", "/policies/3/to"), nullptr);
    EXPECT_NE(findProblem(r, "OUT_OF_RANGE", "/policies/4/from/tags/0"), nullptr);
    EXPECT_NE(findProblem(r, "MISSING_FIELD", "/policies/4"), nullptr) << "only-via without via";
    const Diagnostic* ghost = findProblem(r, "DANGLING_REFERENCE", "/policies/4/to/resources/0");
    ASSERT_NE(ghost, nullptr);
    EXPECT_EQ(ghost->line, 12);
    EXPECT_EQ(ghost->resourceId, "p5");
    EXPECT_NE(findProblem(r, "UNKNOWN_ENUM_VALUE", "/policies/5/kind"), nullptr);
    EXPECT_NE(findProblem(r, "WRONG_KIND_REFERENCE", "/policies/5/from/resources/0"), nullptr) << "a subnet in resources";
    EXPECT_NE(findProblem(r, "CONFLICTING_FIELDS", "/policies/6/via"), nullptr);
    EXPECT_NE(findProblem(r, "CONFLICTING_FIELDS", "/policies/6/port"), nullptr);
}

TEST(PolicyFormat, PoliciesMustBeAnArrayOfObjects)
{
    const LoadResult notArray = loadDesign(R"({"schemaVersion": 3, "policies": {"id": "p"}})", "x.privatepath");
    EXPECT_FALSE(notArray.ok());
    EXPECT_NE(findProblem(notArray, "WRONG_TYPE", "/policies"), nullptr);
    const LoadResult notObject = loadDesign(R"({"schemaVersion": 3, "policies": ["p"]})", "x.privatepath");
    EXPECT_FALSE(notObject.ok());
    EXPECT_NE(findProblem(notObject, "WRONG_TYPE", "/policies/0"), nullptr);
    const LoadResult unknown = loadDesign(
        R"({"schemaVersion": 3, "internetHosts": [{"id": "h", "address": "203.0.113.1"}],
            "policies": [{"id": "p", "kind": "private-only", "from": {"resources": ["h"], "vpcs": ["x"]}, "severity": "high"}]})",
        "x.privatepath");
    EXPECT_TRUE(unknown.ok()) << "unknown keys are warnings, as everywhere in the format";
    EXPECT_NE(findProblem(unknown, "UNKNOWN_FIELD", "/policies/0/severity"), nullptr);
    EXPECT_NE(findProblem(unknown, "UNKNOWN_FIELD", "/policies/0/from/vpcs"), nullptr);
}

TEST(PolicyFormat, SchemaDescribesPolicies)
{
    const auto schema = designSchema();
    ASSERT_TRUE(schema["properties"].contains("policies"));
    const auto& policy = schema["$defs"]["policy"];
    EXPECT_EQ(policy["properties"]["kind"]["enum"].size(), 5u);
    EXPECT_EQ(policy["required"], nlohmann::ordered_json({"id", "kind", "from"}));
    EXPECT_TRUE(policy["properties"]["from"]["properties"].contains("containers"));
    EXPECT_FALSE(schema["$defs"]["designBody"]["properties"].contains("policies")) << "policies belong to the document";
    EXPECT_NE(formatReferenceMarkdown().find("### `policies[]` — policy"), std::string::npos);
}

} // namespace
} // namespace pp::test
