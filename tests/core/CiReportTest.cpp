// The CI formats in core: SARIF 2.1.0 (report/Sarif.h) checked field by field, the locations it
// takes from the design text (io/SourceLocator.h, locateIds), and JUnit's XML escaping.
#include "TestSupport.h"

#include "codes/Codes.h"
#include "io/SourceLocator.h"
#include "report/JUnit.h"
#include "report/Sarif.h"

#include <gtest/gtest.h>

namespace pp::test {
namespace {

using nlohmann::json;
using OJ = nlohmann::ordered_json;

// Line and column (1-based, in characters) of the first occurrence of `needle` in `text`,
// computed independently of the locator.
TextPosition positionOf(const std::string& text, const std::string& needle)
{
    const auto offset = text.find(needle);
    EXPECT_NE(offset, std::string::npos) << needle;
    TextPosition p{1, 1};
    for (std::size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n') {
            ++p.line;
            p.column = 1;
        } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            ++p.column;
        }
    }
    return p;
}

// EX-2 with an error finding on an unused security group sg-bad (off the flow's path, so the flow
// stays private), and its flow's expect set to one it misses.
std::string brokenEx02Text()
{
    json d = json::parse(readFile(sourcePath("tests/data/examples/ex02.privatepath")));
    d["securityGroups"].push_back(
        {{"id", "sg-bad"}, {"vpc", "vpc-a"}, {"inbound", {{{"protocol", "tcp"}, {"fromPort", 500}, {"toPort", 400}, {"cidr", "10.0.0.0/16"}}}}});
    d["flows"][0]["expect"] = "public";
    return d.dump(2);
}

FileCheck checked(const std::string& text, const std::string& file)
{
    FileCheck check;
    check.file = file;
    LoadResult loaded = loadDesign(text, file);
    EXPECT_TRUE(loaded.ok());
    check.loaded = true;
    analyzeInto(check, *loaded.design);
    return check;
}

const OJ* resultWithRule(const OJ& sarif, const std::string& rule)
{
    for (const OJ& r : sarif["runs"][0]["results"])
        if (r["ruleId"] == rule)
            return &r;
    return nullptr;
}

TEST(Locator, FindsEveryResourceAndFlowById)
{
    const std::string text = brokenEx02Text();
    const auto ids = locateIds(text);
    for (const std::string id : {"vpc-a", "app-b", "rt-app", "i-app", "vpce-s3", "sg-bad", "flow"}) {
        ASSERT_TRUE(ids.contains(id)) << id;
        const TextPosition expected = positionOf(text, "\"id\": \"" + id + "\"");
        EXPECT_EQ(ids.at(id).line, expected.line) << id;
        EXPECT_EQ(ids.at(id).column, expected.column) << id;
    }
}

TEST(Locator, CountsColumnsInCharactersNotBytes)
{
    const std::string text = R"({"vpcs": [{"name": "Zürich – prod", "id": "vpc-z"}]})";
    const auto ids = locateIds(text);
    ASSERT_TRUE(ids.contains("vpc-z"));
    EXPECT_EQ(ids.at("vpc-z").line, 1);
    // {"vpcs": [{"name": "Zürich – prod", then a space: 36 characters before "id".
    EXPECT_EQ(ids.at("vpc-z").column, 37);
}

TEST(Sarif, CheckLogHasTheToolAndEveryCodeAsARule)
{
    const std::string text = brokenEx02Text();
    SourceIndex sources;
    sources.add("designs/net.privatepath", text);
    const OJ sarif = checkSarif({checked(text, "designs/net.privatepath")}, sources);
    EXPECT_EQ(sarif["version"], "2.1.0");
    EXPECT_EQ(sarif["$schema"], "https://json.schemastore.org/sarif-2.1.0.json");
    ASSERT_EQ(sarif["runs"].size(), 1u);
    const OJ& driver = sarif["runs"][0]["tool"]["driver"];
    EXPECT_EQ(driver["name"], "PrivatePath");
    EXPECT_EQ(driver["version"], PRIVATEPATH_VERSION);
    EXPECT_EQ(driver["informationUri"].get<std::string>().rfind("https://", 0), 0u);
    const OJ& rules = driver["rules"];
    ASSERT_GE(rules.size(), allCodes().size());
    for (std::size_t i = 0; i < allCodes().size(); ++i) {
        const CodeInfo& code = allCodes()[i];
        EXPECT_EQ(rules[i]["id"], std::string(code.code));
        EXPECT_EQ(rules[i]["shortDescription"]["text"], std::string(code.description));
        EXPECT_NE(rules[i]["fullDescription"]["text"].get<std::string>().find(std::string(code.description)), std::string::npos);
        EXPECT_FALSE(rules[i]["help"]["text"].get<std::string>().empty());
        EXPECT_FALSE(rules[i]["helpUri"].get<std::string>().empty());
    }
    const OJ& subnet = rules[std::size_t(std::distance(
        allCodes().begin(), std::find_if(allCodes().begin(), allCodes().end(),
                                         [](const CodeInfo& c) { return c.code == "SUBNET_OUTSIDE_VPC_CIDR"; })))];
    EXPECT_NE(subnet["fullDescription"]["text"].get<std::string>().find("RT-4"), std::string::npos) << "the network rule";
    EXPECT_EQ(sarif["runs"][0]["invocations"][0]["exitCode"], 1);
    EXPECT_EQ(sarif["runs"][0]["columnKind"], "unicodeCodePoints");
}

TEST(Sarif, AFindingIsLocatedAtItsResourceInTheFile)
{
    const std::string text = brokenEx02Text();
    SourceIndex sources;
    sources.add("designs/net.privatepath", text);
    const OJ sarif = checkSarif({checked(text, "designs/net.privatepath")}, sources);
    const OJ* result = resultWithRule(sarif, "PORT_RANGE_INVERTED");
    ASSERT_NE(result, nullptr);
    EXPECT_EQ((*result)["level"], "error");
    EXPECT_NE((*result)["message"]["text"].get<std::string>().find("fromPort 500 > toPort 400"), std::string::npos);
    const std::size_t index = (*result)["ruleIndex"];
    EXPECT_EQ(sarif["runs"][0]["tool"]["driver"]["rules"][index]["id"], "PORT_RANGE_INVERTED");
    const OJ& physical = (*result)["locations"][0]["physicalLocation"];
    EXPECT_EQ(physical["artifactLocation"]["uri"], "designs/net.privatepath");
    const TextPosition expected = positionOf(text, "\"id\": \"sg-bad\"");
    EXPECT_EQ(physical["region"]["startLine"], expected.line);
    EXPECT_EQ(physical["region"]["startColumn"], expected.column);
    EXPECT_EQ((*result)["locations"][0]["logicalLocations"][0]["name"], "sg-bad");
    EXPECT_FALSE((*result)["partialFingerprints"].empty());
}

TEST(Sarif, TheOtherResourcesOfAFindingAreRelatedLocations)
{
    json d = json::parse(readFile(sourcePath("tests/data/examples/ex02.privatepath")));
    byId(d, "subnets", "app-b")["cidr"] = "10.9.2.0/24"; // outside vpc-a: about the subnet and its VPC
    const std::string text = d.dump(2);
    SourceIndex sources;
    sources.add("net.privatepath", text);
    const OJ sarif = checkSarif({checked(text, "net.privatepath")}, sources);
    const OJ* result = resultWithRule(sarif, "SUBNET_OUTSIDE_VPC_CIDR");
    ASSERT_NE(result, nullptr);
    const OJ& ids = (*result)["properties"]["ids"];
    ASSERT_EQ(ids.size(), 2u);
    EXPECT_EQ(ids[0], "app-b");
    EXPECT_EQ((*result)["locations"][0]["physicalLocation"]["region"]["startLine"], positionOf(text, "\"id\": \"app-b\"").line);
    const OJ& related = (*result)["relatedLocations"][0];
    EXPECT_EQ(related["message"]["text"], ids[1]);
    EXPECT_EQ(related["physicalLocation"]["region"]["startLine"],
              positionOf(text, "\"id\": \"" + ids[1].get<std::string>() + "\"").line);
}

TEST(Sarif, AMissedExpectationIsAnErrorAtTheFlowWithItsPath)
{
    const std::string text = brokenEx02Text();
    SourceIndex sources;
    sources.add("net.privatepath", text);
    const OJ sarif = checkSarif({checked(text, "net.privatepath")}, sources);
    const OJ* result = resultWithRule(sarif, "FLOW_EXPECTATION_NOT_MET");
    ASSERT_NE(result, nullptr);
    EXPECT_EQ((*result)["level"], "error");
    const std::string message = (*result)["message"]["text"];
    EXPECT_NE(message.find("expected public"), std::string::npos) << message;
    EXPECT_NE(message.find("vpce-s3"), std::string::npos) << "the path: " << message;
    EXPECT_EQ((*result)["locations"][0]["physicalLocation"]["region"]["startLine"], positionOf(text, "\"id\": \"flow\"").line);
    // i-app reaches the internet through the NAT gateway: a note, not a failure.
    const OJ* egress = resultWithRule(sarif, "WORKLOAD_INTERNET_EGRESS");
    ASSERT_NE(egress, nullptr);
    EXPECT_EQ((*egress)["level"], "note");
}

TEST(Sarif, UrisAreRelativeToTheBaseAndPercentEncoded)
{
    EXPECT_EQ(sarifUri("designs/a b.privatepath", ""), "designs/a%20b.privatepath");
    EXPECT_EQ(sarifUri("/repo/designs/net.privatepath", "/repo"), "designs/net.privatepath");
    EXPECT_EQ(sarifUri("/repo/designs/net.privatepath", "/repo/designs/"), "net.privatepath");
}

TEST(Sarif, DiffResultsPointIntoTheNewFile)
{
    json before = json::parse(readFile(sourcePath("tests/data/examples/ex02.privatepath")));
    json after = before;
    after.erase("vpcEndpoints");
    const std::string afterText = after.dump(2);
    const Design a = *loadDesign(before.dump(2), "old").design;
    const Design b = *loadDesign(afterText, "new.privatepath").design;
    const AnalysisResult ra = analyzeForDiff(a);
    const AnalysisResult rb = analyzeForDiff(b);
    const DesignDiff d = diffDesigns({a, ra}, {b, rb});
    SourceIndex sources;
    sources.add("new.privatepath", afterText);
    const OJ sarif = diffSarif({std::string(kStandardInputName), "new.privatepath"}, d, sources);
    const OJ* result = resultWithRule(sarif, "DIFF_NEW_PUBLIC_PATH");
    ASSERT_NE(result, nullptr);
    EXPECT_EQ((*result)["level"], "error");
    EXPECT_EQ((*result)["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "new.privatepath");
    EXPECT_EQ((*result)["locations"][0]["physicalLocation"]["region"]["startLine"], positionOf(afterText, "\"id\": \"flow\"").line);
    EXPECT_NE(resultWithRule(sarif, "DIFF_EXPECTATION_BROKEN"), nullptr);
    EXPECT_EQ(sarif["runs"][0]["invocations"][0]["exitCode"], 1);
}

TEST(JUnitXml, EscapesMarkupAndReplacesWhatXmlCannotCarry)
{
    EXPECT_EQ(xmlEscape("<a href=\"x\">&'</a>"), "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;");
    EXPECT_EQ(xmlEscape(std::string("bell\x07") + "esc\x1b"), "bell\xEF\xBF\xBD" "esc\xEF\xBF\xBD");
    EXPECT_EQ(xmlEscape("bad \xC3 utf-8"), "bad \xEF\xBF\xBD utf-8");
    EXPECT_EQ(xmlEscape("Zürich – ok"), "Zürich – ok");
    EXPECT_EQ(xmlEscape("two\nlines"), "two&#10;lines") << "an attribute keeps its line break";
    EXPECT_EQ(xmlEscape("two\nlines", false), "two\nlines");
}

TEST(JUnitXml, CheckReportHasAFailingCaseForTheMissedExpectation)
{
    const std::string text = brokenEx02Text();
    const std::string xml = checkJUnit({checked(text, "net.privatepath")});
    EXPECT_EQ(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", 0), 0u);
    EXPECT_NE(xml.find("<testcase classname=\"net.privatepath.flows\" name=\"flow flow\">"), std::string::npos) << xml;
    EXPECT_NE(xml.find("<failure message=\"flow flow is private, expected public\" type=\"FLOW_EXPECTATION_NOT_MET\">"),
              std::string::npos);
    EXPECT_NE(xml.find("<failure message=\"1 error finding(s): A rule&apos;s fromPort is greater than its toPort.\" type=\"PORT_RANGE_INVERTED\">"),
              std::string::npos)
        << xml;
}

// tests/data/policies.privatepath breaks one of its four policies (prod-hidden: web-1 faces the
// internet).
TEST(Sarif, EachPolicyViolationIsAnErrorAtThePolicyWithItsEndsRelated)
{
    const std::string file = "policies.privatepath";
    const std::string text = readFile(sourcePath("tests/data/policies.privatepath"));
    SourceIndex sources;
    sources.add(file, text);
    const OJ sarif = checkSarif({checked(text, file)}, sources);
    const OJ* r = resultWithRule(sarif, "POLICY_INTERNET_INGRESS");
    ASSERT_NE(r, nullptr) << sarif.dump(2);
    EXPECT_EQ((*r)["level"], "error");
    const std::string message = (*r)["message"]["text"];
    EXPECT_EQ(message.rfind("policy prod-hidden: ", 0), 0u) << message;
    EXPECT_NE(message.find("Path: igw-prod > web-1"), std::string::npos) << message;
    const TextPosition at = positionOf(text, "\"id\": \"prod-hidden\"");
    const auto& region = (*r)["locations"][0]["physicalLocation"]["region"];
    EXPECT_EQ(region["startLine"], at.line);
    EXPECT_EQ(region["startColumn"], at.column);
    EXPECT_EQ((*r)["relatedLocations"][0]["message"]["text"], "web-1");
    EXPECT_EQ(sarif["runs"][0]["invocations"][0]["exitCode"], 1);
    int violations = 0;
    for (const OJ& result : sarif["runs"][0]["results"])
        violations += std::string(result["ruleId"]).rfind("POLICY_", 0) == 0 ? 1 : 0;
    EXPECT_EQ(violations, 1) << "three of the four policies hold";
}

TEST(JUnitXml, EachPolicyIsATestCaseThatFailsWhenViolated)
{
    const std::string text = readFile(sourcePath("tests/data/policies.privatepath"));
    const std::string xml = checkJUnit({checked(text, "p.privatepath")});
    EXPECT_NE(xml.find("<testcase classname=\"p.privatepath.policies\" name=\"policy db-private\">"), std::string::npos) << xml;
    EXPECT_NE(xml.find("<testcase classname=\"p.privatepath.policies\" name=\"policy prod-hidden\">\n"
                       "      <failure message=\"policy prod-hidden is violated (1 violation(s))\" type=\"POLICY_INTERNET_INGRESS\">"),
              std::string::npos)
        << xml;
    for (const char* holds : {"db-private", "prod-dev-isolated", "app-reaches-db"}) {
        const auto at = xml.find(std::string("name=\"policy ") + holds + "\"");
        ASSERT_NE(at, std::string::npos) << holds;
        const auto next = xml.find("</testcase>", at);
        EXPECT_EQ(xml.substr(at, next - at).find("<failure"), std::string::npos) << holds << " holds";
    }
}

} // namespace
} // namespace pp::test
