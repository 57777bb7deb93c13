// Every loader error: it names the file, line, column, JSON path and resource, and never crashes.
#include "TestSupport.h"

#include "io/SourceLocator.h"

#include <gtest/gtest.h>

namespace pp::test {
namespace {

const Diagnostic* firstWithCode(const LoadResult& r, const std::string& code)
{
    for (const Diagnostic& d : r.diagnostics)
        if (d.code == code)
            return &d;
    return nullptr;
}

std::string all(const LoadResult& r)
{
    std::string out;
    for (const Diagnostic& d : r.diagnostics)
        out += d.format() + "\n";
    return out;
}

// Loads text and expects it to fail with `code`; returns that diagnostic.
Diagnostic expectError(const std::string& text, const std::string& code)
{
    const LoadResult r = loadDesign(text, "broken.privatepath");
    EXPECT_FALSE(r.ok()) << "should not load:\n" << text;
    const Diagnostic* d = firstWithCode(r, code);
    EXPECT_NE(d, nullptr) << "expected " << code << ", got:\n" << all(r);
    if (!d)
        return {};
    EXPECT_EQ(d->severity, Severity::Error);
    EXPECT_EQ(d->file, "broken.privatepath");
    return *d;
}

const char* kVpcHeader = R"({
  "schemaVersion": 1,
  "regions": [{"id": "use1", "code": "us-east-1", "availabilityZones": ["use1-az1"]}],
  "vpcs": [
    {
      "id": "vpc-a",
      "region": "use1",
)";

TEST(LoaderErrors, MalformedJsonNamesLineAndColumn)
{
    const Diagnostic d = expectError("{\n  \"schemaVersion\": 1,\n  \"vpcs\": [,]\n}\n", "JSON_SYNTAX");
    EXPECT_EQ(d.line, 3);
    EXPECT_EQ(d.column, 12);
    EXPECT_NE(d.message.find("malformed JSON"), std::string::npos);
    EXPECT_EQ(d.format().rfind("broken.privatepath:3:12: error: malformed JSON", 0), 0u) << d.format();
}

TEST(LoaderErrors, TruncatedFile)
{
    const Diagnostic d = expectError("{\n  \"schemaVersion\": 1,\n  \"vpcs\": [\n", "JSON_SYNTAX");
    EXPECT_EQ(d.line, 4);
}

TEST(LoaderErrors, EmptyAndNonObjectDocuments)
{
    expectError("", "JSON_SYNTAX");
    const Diagnostic d = expectError("[1, 2]", "WRONG_TYPE");
    EXPECT_NE(d.message.find("JSON object"), std::string::npos);
}

TEST(LoaderErrors, MissingSchemaVersion)
{
    const Diagnostic d = expectError(R"({"vpcs": []})", "MISSING_FIELD");
    EXPECT_NE(d.message.find("schemaVersion"), std::string::npos);
}

TEST(LoaderErrors, NewerSchemaVersionIsRefusedPolitely)
{
    const Diagnostic d = expectError("{\n  \"schemaVersion\": 7\n}", "NEWER_SCHEMA_VERSION");
    EXPECT_NE(d.message.find("newer PrivatePath"), std::string::npos);
    EXPECT_NE(d.message.find("schema version 7"), std::string::npos);
    EXPECT_EQ(d.line, 2);
    EXPECT_EQ(d.jsonPath, "/schemaVersion");
}

TEST(LoaderErrors, ImpossibleSchemaVersion)
{
    expectError(R"({"schemaVersion": 0})", "UNSUPPORTED_SCHEMA_VERSION");
    expectError(R"({"schemaVersion": "1"})", "WRONG_TYPE");
}

TEST(LoaderErrors, WrongTypeNamesFieldPathAndResource)
{
    const std::string text = std::string(kVpcHeader) + R"(      "ipv4Cidrs": "10.0.0.0/16"
    }
  ]
})";
    const Diagnostic d = expectError(text, "WRONG_TYPE");
    EXPECT_EQ(d.jsonPath, "/vpcs/0/ipv4Cidrs");
    EXPECT_EQ(d.resourceId, "vpc-a");
    EXPECT_EQ(d.line, 8);
    EXPECT_EQ(d.column, 7);
    EXPECT_NE(d.message.find("'ipv4Cidrs' must be an array, not a string"), std::string::npos) << d.message;
}

TEST(LoaderErrors, MissingRequiredField)
{
    const std::string text = std::string(kVpcHeader) + R"(      "enableDnsSupport": true
    }
  ]
})";
    const Diagnostic d = expectError(text, "MISSING_FIELD");
    EXPECT_EQ(d.jsonPath, "/vpcs/0");
    EXPECT_EQ(d.line, 5);
    EXPECT_NE(d.message.find("'ipv4Cidrs'"), std::string::npos);
}

TEST(LoaderErrors, UnknownEnumValueListsTheChoices)
{
    const Diagnostic d = expectError(R"({"schemaVersion": 1,
 "regions": [{"id": "r", "code": "us-east-1"}],
 "vpcs": [{"id": "v", "region": "r", "ipv4Cidrs": ["10.0.0.0/16"]}],
 "subnets": [{"id": "s", "vpc": "v", "cidr": "10.0.0.0/24", "availabilityZone": "a"}],
 "natGateways": [{"id": "n", "subnet": "s", "connectivity": "semi-public"}]})",
                                     "UNKNOWN_ENUM_VALUE");
    EXPECT_EQ(d.jsonPath, "/natGateways/0/connectivity");
    EXPECT_NE(d.message.find("'semi-public'"), std::string::npos);
    EXPECT_NE(d.message.find("public, private"), std::string::npos);
    EXPECT_EQ(d.line, 5);
}

TEST(LoaderErrors, InvalidCidrExplainsWhy)
{
    const std::string text = std::string(kVpcHeader) + R"(      "ipv4Cidrs": ["10.0.0.1/16"]
    }
  ]
})";
    const Diagnostic d = expectError(text, "INVALID_CIDR");
    EXPECT_EQ(d.jsonPath, "/vpcs/0/ipv4Cidrs/0");
    EXPECT_NE(d.message.find("10.0.0.0/16"), std::string::npos) << d.message;
    EXPECT_EQ(d.line, 8);
    EXPECT_EQ(d.column, 21) << "the position of the offending array element";
}

TEST(LoaderErrors, WrongAddressFamily)
{
    const std::string text = std::string(kVpcHeader) + R"(      "ipv4Cidrs": ["2600:1f18::/56"]
    }
  ]
})";
    const Diagnostic d = expectError(text, "INVALID_CIDR");
    EXPECT_NE(d.message.find("IPv4"), std::string::npos);
}

TEST(LoaderErrors, InvalidAddress)
{
    const Diagnostic d = expectError(R"({"schemaVersion": 1, "internetHosts": [{"id": "h", "address": "999.1.1.1"}]})",
                                     "INVALID_ADDRESS");
    EXPECT_EQ(d.resourceId, "h");
    EXPECT_NE(d.message.find("999.1.1.1"), std::string::npos);
}

TEST(LoaderErrors, DanglingReference)
{
    const Diagnostic d = expectError(R"({"schemaVersion": 1,
  "vpcs": [{"id": "vpc-a", "region": "nowhere", "ipv4Cidrs": ["10.0.0.0/16"]}]})",
                                     "DANGLING_REFERENCE");
    EXPECT_EQ(d.jsonPath, "/vpcs/0/region");
    EXPECT_EQ(d.resourceId, "vpc-a");
    EXPECT_NE(d.message.find("'nowhere', which does not exist"), std::string::npos);
    EXPECT_EQ(d.line, 2);
}

TEST(LoaderErrors, WrongKindReference)
{
    const Diagnostic d = expectError(R"({"schemaVersion": 1,
  "regions": [{"id": "use1", "code": "us-east-1"}],
  "vpcs": [{"id": "vpc-a", "region": "use1", "ipv4Cidrs": ["10.0.0.0/16"]}],
  "subnets": [{"id": "s", "vpc": "use1", "cidr": "10.0.0.0/24", "availabilityZone": "a"}]})",
                                     "WRONG_KIND_REFERENCE");
    EXPECT_NE(d.message.find("which is a region; expected vpc"), std::string::npos) << d.message;
}

TEST(LoaderErrors, ReferenceToAFlowIsWrongKind)
{
    const Diagnostic d = expectError(R"({"schemaVersion": 1,
  "internetHosts": [{"id": "h", "address": "203.0.113.1"}],
  "flows": [{"id": "f", "source": "h", "destination": "f", "port": 1}]})",
                                     "WRONG_KIND_REFERENCE");
    EXPECT_NE(d.message.find("which is a flow"), std::string::npos);
}

TEST(LoaderErrors, DuplicateIdsAcrossKinds)
{
    const Diagnostic d = expectError(R"({"schemaVersion": 1,
  "regions": [{"id": "x", "code": "us-east-1"}],
  "internetHosts": [{"id": "x", "address": "203.0.113.1"}]})",
                                     "DUPLICATE_ID");
    EXPECT_EQ(d.jsonPath, "/internetHosts/0/id");
    EXPECT_NE(d.message.find("already used at /regions/0"), std::string::npos) << d.message;
}

// A reference to an entry read earlier is settled as it is read, one to an entry read later at the
// end: both give the same errors, each at its own field.
TEST(LoaderErrors, ReferencesReadBeforeAndAfterTheirTargetsAreCheckedAlike)
{
    const LoadResult r = loadDesign(R"({"schemaVersion": 3,
  "regions": [{"id": "use1", "code": "us-east-1"}],
  "vpcs": [{"id": "vpc-a", "region": "use1", "ipv4Cidrs": ["10.0.0.0/16"]}],
  "subnets": [{"id": "s", "vpc": "use1", "cidr": "10.0.0.0/24", "availabilityZone": "a"}],
  "routeTables": [{"id": "rt", "vpc": "vpc-a", "propagatingGateways": ["igw", "vgw", "nowhere", "s"]}],
  "internetGateways": [{"id": "igw", "vpc": "vpc-a"}],
  "virtualPrivateGateways": [{"id": "vgw", "vpc": "vpc-a"}]})",
                                    "refs.privatepath");
    ASSERT_FALSE(r.ok());
    std::vector<std::string> found;
    for (const Diagnostic& d : r.diagnostics)
        found.push_back(d.code + " " + d.jsonPath);
    EXPECT_EQ(found, (std::vector<std::string>{"WRONG_KIND_REFERENCE /subnets/0/vpc",
                                               "WRONG_KIND_REFERENCE /routeTables/0/propagatingGateways/0",
                                               "DANGLING_REFERENCE /routeTables/0/propagatingGateways/2",
                                               "WRONG_KIND_REFERENCE /routeTables/0/propagatingGateways/3"}))
        << all(r);
}

TEST(LoaderErrors, DuplicateIdOfAFlowNamesTheEntryReadFirst)
{
    const Diagnostic d = expectError(R"({"schemaVersion": 1,
  "internetHosts": [{"id": "a", "address": "203.0.113.1"}, {"id": "b", "address": "203.0.113.2"}],
  "flows": [{"id": "f", "source": "a", "destination": "b", "port": 1},
            {"id": "b", "source": "a", "destination": "b", "port": 2},
            {"id": "f", "source": "a", "destination": "b", "port": 3}]})",
                                     "DUPLICATE_ID");
    EXPECT_EQ(d.jsonPath, "/flows/1/id");
    EXPECT_NE(d.message.find("already used at /internetHosts/1"), std::string::npos) << d.message;
    const LoadResult r = loadDesign(R"({"schemaVersion": 1,
  "internetHosts": [{"id": "a", "address": "203.0.113.1"}],
  "flows": [{"id": "f", "source": "a", "destination": "a", "port": 1},
            {"id": "f", "source": "a", "destination": "a", "port": 3}]})",
                                    "dup.privatepath");
    ASSERT_EQ(r.diagnostics.size(), 1u) << all(r);
    EXPECT_EQ(r.diagnostics[0].jsonPath, "/flows/1/id");
    EXPECT_NE(r.diagnostics[0].message.find("already used at /flows/0"), std::string::npos) << r.diagnostics[0].message;
}

TEST(LoaderErrors, InvalidAndReservedIds)
{
    expectError(R"({"schemaVersion": 1, "regions": [{"id": "has space", "code": "x"}]})", "INVALID_ID");
    expectError(R"({"schemaVersion": 1, "regions": [{"id": "local", "code": "x"}]})", "INVALID_ID");
    expectError(R"({"schemaVersion": 1, "regions": [{"code": "x"}]})", "MISSING_FIELD");
    expectError(R"({"schemaVersion": 1, "regions": [{"id": 5, "code": "x"}]})", "WRONG_TYPE");
    expectError(R"({"schemaVersion": 1, "regions": ["use1"]})", "WRONG_TYPE");
    expectError(R"({"schemaVersion": 1, "regions": {"id": "use1"}})", "WRONG_TYPE");
}

TEST(LoaderErrors, OutOfRangeInteger)
{
    const Diagnostic d = expectError(R"({"schemaVersion": 1,
  "regions": [{"id": "use1", "code": "us-east-1"}],
  "vpcs": [{"id": "v", "region": "use1", "ipv4Cidrs": ["10.0.0.0/16"]}],
  "networkAcls": [{"id": "acl", "vpc": "v", "inbound": [{"ruleNumber": 40000, "protocol": "all", "cidr": "0.0.0.0/0", "action": "allow"}]}]})",
                                     "OUT_OF_RANGE");
    EXPECT_NE(d.message.find("40000"), std::string::npos);
    EXPECT_NE(d.message.find("1..32766"), std::string::npos);
}

TEST(LoaderErrors, ExactlyOneOfAlternatives)
{
    const char* base = R"({"schemaVersion": 1,
  "regions": [{"id": "use1", "code": "us-east-1"}],
  "vpcs": [{"id": "v", "region": "use1", "ipv4Cidrs": ["10.0.0.0/16"]}],
  "internetGateways": [{"id": "igw", "vpc": "v"}],
  "prefixLists": [{"id": "pl", "prefixListName": "pl"}],
  "routeTables": [{"id": "rt", "vpc": "v", "routes": [ROUTE]}]})";
    auto with = [&](const std::string& route) {
        std::string text = base;
        text.replace(text.find("ROUTE"), 5, route);
        return text;
    };
    const Diagnostic none = expectError(with(R"({"target": "igw"})"), "MISSING_FIELD");
    EXPECT_NE(none.message.find("exactly one of 'destination', 'destinationPrefixList'"), std::string::npos);
    EXPECT_EQ(none.jsonPath, "/routeTables/0/routes/0");
    expectError(with(R"({"destination": "0.0.0.0/0", "destinationPrefixList": "pl", "target": "igw"})"),
                "CONFLICTING_FIELDS");
    EXPECT_TRUE(loadDesign(with(R"({"destination": "0.0.0.0/0", "target": "local"})"), "ok").ok())
        << "'local' is a valid route target";
}

TEST(LoaderErrors, DiagramProblems)
{
    const char* head = R"({"schemaVersion": 1, "internetHosts": [{"id": "h", "address": "203.0.113.1"}], "diagram": )";
    expectError(std::string(head) + R"({"shapes": [{"resource": "zz", "x": 0, "y": 0, "width": 5, "height": 5}]}})",
                "DANGLING_REFERENCE");
    expectError(std::string(head) + R"({"shapes": [{"resource": "h", "x": 0, "y": 0, "width": 5, "height": 5},
                                                   {"resource": "h", "x": 9, "y": 0, "width": 5, "height": 5}]}})",
                "DUPLICATE_SHAPE");
    expectError(std::string(head) + R"({"shapes": [{"resource": "h", "x": 0, "y": 0, "width": 0, "height": 5}]}})",
                "OUT_OF_RANGE");
    expectError(std::string(head) + R"({"connectors": [{"owner": "ghost"}]}})", "DANGLING_REFERENCE");
    expectError(std::string(head) + R"({"connectors": [{"owner": "h", "target": "ghost"}]}})", "DANGLING_REFERENCE");
    expectError(std::string(head) + R"({"notes": [{"text": "hi", "x": 0, "y": 0, "width": 0, "height": 5}]}})",
                "OUT_OF_RANGE");
    expectError(std::string(head) + R"([]})", "WRONG_TYPE");
}

TEST(LoaderErrors, ShapeParentsMustBeDrawnAndAcyclic)
{
    const char* hosts = R"({"schemaVersion": 1, "internetHosts": [{"id": "a", "address": "203.0.113.1"},
                           {"id": "b", "address": "203.0.113.2"}, {"id": "c", "address": "203.0.113.3"}], "diagram": )";
    const Diagnostic notDrawn = expectError(
        std::string(hosts) + R"({"shapes": [{"resource": "a", "parent": "b", "x": 0, "y": 0, "width": 5, "height": 5}]}})",
        "DANGLING_REFERENCE");
    EXPECT_NE(notDrawn.message.find("'b' of 'a' is not drawn"), std::string::npos) << notDrawn.message;
    const Diagnostic cycle = expectError(std::string(hosts) + R"({"shapes": [
        {"resource": "a", "parent": "b", "x": 0, "y": 0, "width": 5, "height": 5},
        {"resource": "b", "parent": "c", "x": 0, "y": 0, "width": 5, "height": 5},
        {"resource": "c", "parent": "a", "x": 0, "y": 0, "width": 5, "height": 5}]}})",
                                         "DIAGRAM_PARENT_CYCLE");
    EXPECT_EQ(cycle.jsonPath, "/diagram/shapes/0/parent");
}

TEST(LoaderErrors, AbsurdNestingIsRefusedBeforeParsing)
{
    std::string text = "{\"schemaVersion\": 1, \"x-deep\": ";
    text += std::string(100000, '[') + std::string(100000, ']') + "}";
    const Diagnostic d = expectError(text, "NESTING_TOO_DEEP");
    EXPECT_EQ(d.line, 1);
    EXPECT_EQ(d.column, 32 + 63) << "the 64th '[' after the root object goes one level too deep";
}

TEST(LoaderErrors, HugeInputIsRefused)
{
    LoadLimits limits;
    limits.maxBytes = 1000;
    const LoadResult r = loadDesign(std::string(2000, ' '), "big.privatepath", limits);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.diagnostics.front().code, "FILE_TOO_LARGE");
    EXPECT_NE(r.diagnostics.front().message.find("2000 bytes"), std::string::npos);
}

TEST(LoaderErrors, UnreadableFile)
{
    const LoadResult missing = loadDesignFile("/nonexistent/design.privatepath");
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.diagnostics.front().code, "FILE_UNREADABLE");
    EXPECT_EQ(missing.diagnostics.front().file, "/nonexistent/design.privatepath");
    const LoadResult folder = loadDesignFile("/tmp");
    ASSERT_FALSE(folder.ok());
    EXPECT_NE(folder.diagnostics.front().message.find("not a regular file"), std::string::npos);
}

TEST(LoaderErrors, ManyErrorsAreAllReportedUpToALimit)
{
    std::string text = R"({"schemaVersion": 1, "internetHosts": [)";
    for (int i = 0; i < 150; ++i)
        text += std::string(i ? "," : "") + "{\"id\": \"h" + std::to_string(i) + "\", \"address\": \"bad\"}";
    text += "]}";
    const LoadResult r = loadDesign(text, "many.privatepath");
    ASSERT_FALSE(r.ok());
    ASSERT_EQ(r.diagnostics.size(), 101u);
    EXPECT_EQ(r.diagnostics.back().code, "TOO_MANY_PROBLEMS");
    EXPECT_NE(r.diagnostics.back().message.find("50 more"), std::string::npos);
}

TEST(LoaderWarnings, UnknownFieldsWarnAndExtensionsAreKept)
{
    const LoadResult r = loadDesign(R"({
  "schemaVersion": 1,
  "x-tool": {"owner": "netops"},
  "colour": "blue",
  "internetHosts": [{"id": "h", "address": "203.0.113.1", "adress": "typo", "x-ticket": "NET-42"}]
})",
                                    "warn.privatepath");
    ASSERT_TRUE(r.ok()) << all(r);
    ASSERT_EQ(r.diagnostics.size(), 2u) << all(r);
    EXPECT_EQ(r.diagnostics[0].code, "UNKNOWN_FIELD");
    EXPECT_EQ(r.diagnostics[0].severity, Severity::Warning);
    EXPECT_EQ(r.diagnostics[0].line, 4);
    EXPECT_NE(r.diagnostics[0].message.find("'colour'"), std::string::npos);
    EXPECT_EQ(r.diagnostics[1].jsonPath, "/internetHosts/0/adress");
    EXPECT_EQ(r.diagnostics[1].resourceId, "h");
    EXPECT_EQ(r.design->extensions.at("x-tool"), R"({"owner":"netops"})");
    EXPECT_EQ(r.design->resources().front().extensions.at("x-ticket"), "\"NET-42\"");
    const std::string saved = saveDesignToString(*r.design);
    EXPECT_NE(saved.find("\"x-ticket\": \"NET-42\""), std::string::npos);
    EXPECT_EQ(saved.find("colour"), std::string::npos);
    EXPECT_EQ(saved.find("adress"), std::string::npos);
}

TEST(LoaderErrors, GarbageNeverCrashes)
{
    // Byte soup, lone surrogates, invalid UTF-8, NULs: each is a clean error.
    for (const std::string& text : {std::string("\xff\xfe\x00\x01", 4), std::string("{\"a\":\"\xc3\x28\"}"),
                                    std::string("{\"schemaVersion\":1,\"name\":\"\\ud800\"}"), std::string("nul\0l", 5),
                                    std::string("{\"schemaVersion\": 1e400}"), std::string("{\"schemaVersion\": 1, \"vpcs\": [null]}")}) {
        const LoadResult r = loadDesign(text, "garbage");
        EXPECT_FALSE(r.ok());
        EXPECT_FALSE(r.diagnostics.empty());
    }
}

TEST(SourceLocator, FindsPointersAndEscapedKeys)
{
    const std::string text = "{\n  \"a\": [1, {\"b/c\": 2, \"d\": \"x\\\"y\"}],\n  \"e\": {\"f\": true}\n}";
    EXPECT_EQ(locateJsonPointer(text, "/a/1/b~1c").line, 2);
    EXPECT_EQ(locateJsonPointer(text, "/a/1/b~1c").column, 13);
    EXPECT_EQ(locateJsonPointer(text, "/e/f").line, 3);
    EXPECT_EQ(locateJsonPointer(text, "/a/1/d").column, 23);
    EXPECT_EQ(locateJsonPointer(text, "").line, 1);
    EXPECT_EQ(scanJsonText("[[\"[[[[\"]]", 10).depth, 2);
}

TEST(Migration, ChainRunsInOrderAndMissingStepsAreReported)
{
    // The mechanism with a made-up history: v1 files once called VPC blocks "cidrs".
    std::vector<Migration> chain{{1, [](nlohmann::json& d) {
                                      for (auto& v : d["vpcs"])
                                          if (v.contains("cidrs")) {
                                              v["ipv4Cidrs"] = v["cidrs"];
                                              v.erase("cidrs");
                                          }
                                  }}};
    nlohmann::json doc = {{"schemaVersion", 1}, {"vpcs", {{{"id", "v"}, {"cidrs", {"10.0.0.0/16"}}}}}};
    std::string why;
    ASSERT_TRUE(migrateDocument(doc, 1, 2, chain, &why)) << why;
    EXPECT_EQ(doc["schemaVersion"], 2);
    EXPECT_EQ(doc["vpcs"][0]["ipv4Cidrs"][0], "10.0.0.0/16");
    EXPECT_FALSE(migrateDocument(doc, 2, 3, chain, &why));
    EXPECT_NE(why.find("no migration from schema version 2 to 3"), std::string::npos);
    EXPECT_EQ(builtinMigrations().size(), 2u) << "1 -> 2 (the lesson section), 2 -> 3 (defaults as AWS creates things)";
}

} // namespace
} // namespace pp::test
