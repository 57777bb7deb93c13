// AWS Network Firewall (NETWORK-RULES.md rule INS-3), in the style of RulesTest.cpp: a case where
// the rule lets the flow through and one where it bites, each asserting the verdict, the code
// (naming the firewall rule) and the path.
#include "RulesSupport.h"

namespace pp::test {
namespace {

// oneVpc() with the Network Firewall nfw in its firewall subnet fw-a (10.0.3.0/24, az1, rt-fw:
// 0.0.0.0/0 -> nat-a) in front of the NAT gateway: rt-app sends 0.0.0.0/0 to the firewall and
// rt-pub (the NAT's subnet) sends app-a's replies back through it (INS-1). i-app -> web:443.
json egressFirewall(json firewall = json::object())
{
    json d = oneVpc();
    add(d, "routeTables", {{"id", "rt-fw"}, {"vpc", "vpc-a"}, {"routes", {{{"destination", "0.0.0.0/0"}, {"target", "nat-a"}}}}});
    add(d, "subnets", {{"id", "fw-a"}, {"vpc", "vpc-a"}, {"cidr", "10.0.3.0/24"}, {"availabilityZone", "use1-az1"}, {"routeTable", "rt-fw"}});
    firewall["id"] = "nfw";
    firewall["vpc"] = "vpc-a";
    if (!firewall.contains("subnets"))
        firewall["subnets"] = {"fw-a"};
    add(d, "networkFirewalls", firewall);
    res(d, "routeTables", "rt-app")["routes"][0]["target"] = "nfw";
    addRoute(d, "rt-pub", "10.0.1.0/24", "nfw");
    addRoute(d, "rt-pub", "10.0.2.0/24", "nfw");
    setFlow(d, "i-app", "web");
    return d;
}

json statefulRule(const char* action, int port, const char* description)
{
    return {{"action", action}, {"protocol", "tcp"}, {"fromPort", port}, {"toPort", port}, {"description", description}};
}

testing::AssertionResult detailSays(const Outcome& o, const std::string& resource, const std::string& text)
{
    for (const Hop& h : o.flow.path)
        if (h.resource == resource && h.detail.find(text) != std::string::npos)
            return testing::AssertionSuccess();
    return testing::AssertionFailure() << "no hop at " << resource << " saying \"" << text << "\"" << o.text;
}

testing::AssertionResult says(const Outcome& o, const std::string& code, const std::string& text)
{
    auto has = [&](const std::vector<Explanation>& items) {
        return std::any_of(items.begin(), items.end(),
                           [&](const Explanation& e) { return e.code == code && e.message.find(text) != std::string::npos; });
    };
    if (has(o.flow.blocking) || has(o.flow.notes) || has(o.flow.hints))
        return testing::AssertionSuccess();
    return testing::AssertionFailure() << "no " << code << " saying \"" << text << "\"" << o.text;
}

TEST(Rule_INS3, FirewallThatPassesIsAnInspectionDetourAndTheFinalExitDecides)
{
    const Outcome o = analyse(egressFirewall());
    EXPECT_VERDICT(o, "public");
    EXPECT_TRUE(pathIncludes(o, {"i-app", "rt-app", "nfw", "rt-fw", "nat-a", "rt-pub", "igw-a", "web"}));
    EXPECT_TRUE(o.flow.returnChecked && o.flow.returnOk) << o.text;
    EXPECT_TRUE(lacksFinding(o, "FIREWALL_WITHOUT_SUBNET"));
}

TEST(Rule_INS3, FirewallBetweenSubnetsKeepsTheFlowPrivate)
{
    json d = egressFirewall();
    addDatabase(d); // i-db in app-b
    add(d, "routeTables", {{"id", "rt-db"}, {"vpc", "vpc-a"}, {"routes", {{{"destination", "10.0.1.0/24"}, {"target", "nfw"}}}}});
    res(d, "subnets", "app-b")["routeTable"] = "rt-db";
    addRoute(d, "rt-app", "10.0.2.0/24", "nfw");
    setFlow(d, "i-app", "i-db", 5432);
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "private");
    EXPECT_TRUE(pathIncludes(o, {"i-app", "rt-app", "nfw", "rt-fw", "i-db"}));
    EXPECT_TRUE(o.flow.returnOk) << o.text;
}

TEST(Rule_INS3, StatefulDropRuleDropsTheFlowAndIsNamed)
{
    const Outcome o = analyse(egressFirewall({{"statefulRules", {statefulRule("drop", 443, "no HTTPS out")}}}));
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "FIREWALL_STATEFUL_DROP", "nfw"));
    EXPECT_TRUE(says(o, "FIREWALL_STATEFUL_DROP", "stateful rule 1 (no HTTPS out) drops the connection"));
    EXPECT_TRUE(pathAvoids(o, "nat-a")) << "nothing goes past the firewall";
}

TEST(Rule_INS3, StatefulRulesAreInStrictOrderAndTheDefaultDecidesTheRest)
{
    // The first matching pass wins over a later drop.
    json firewall{{"statefulRules", {statefulRule("pass", 443, "HTTPS"), statefulRule("drop", 443, "never reached")}}};
    EXPECT_VERDICT(analyse(egressFirewall(firewall)), "public");
    // With drop as the default, a connection no rule passes is dropped.
    const Outcome dropped = analyse(egressFirewall({{"statefulDefaultAction", "drop"}, {"statefulRules", {statefulRule("pass", 80, "HTTP")}}}));
    EXPECT_VERDICT(dropped, "unreachable");
    EXPECT_TRUE(says(dropped, "FIREWALL_STATEFUL_DROP", "stateful default drops it"));
}

TEST(Rule_INS3, StatelessPassBypassesTheStatefulRules)
{
    json firewall{{"statelessRules", {{{"action", "pass"}, {"protocol", "all"}}}}, {"statefulDefaultAction", "drop"}};
    const Outcome o = analyse(egressFirewall(firewall));
    EXPECT_VERDICT(o, "public");
    EXPECT_TRUE(pathIncludes(o, {"nfw"}));
}

TEST(Rule_INS3, StatelessRulesSeeTheReplyToo)
{
    // The request to port 443 passes, but the reply (to an ephemeral port) falls to the stateless
    // default, drop: the connection cannot complete.
    json firewall{{"statelessRules", {{{"action", "pass"}, {"protocol", "tcp"}, {"fromPort", 443}, {"toPort", 443}}}},
                  {"statelessDefaultAction", "drop"}};
    const Outcome o = analyse(egressFirewall(firewall));
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_FALSE(o.flow.returnOk);
    EXPECT_TRUE(says(o, "FIREWALL_STATELESS_DROP", "return traffic: network firewall nfw: no stateless rule matches"));

    // A stateless rule that passes the replies too fixes it.
    firewall["statelessRules"].push_back({{"action", "pass"}, {"protocol", "tcp"}, {"fromPort", 1024}, {"toPort", 65535}});
    EXPECT_VERDICT(analyse(egressFirewall(firewall)), "public");
}

TEST(Rule_INS3, DomainAllowlistPassesOnlyTheListedNames)
{
    json d = egressFirewall({{"domains", {".example.com"}}});
    res(d, "internetHosts", "web")["dnsName"] = "api.example.com";
    const Outcome listed = analyse(d);
    EXPECT_VERDICT(listed, "public");
    EXPECT_TRUE(detailSays(listed, "nfw", "allowlist lists api.example.com"));

    res(d, "internetHosts", "web")["dnsName"] = "example.org";
    const Outcome other = analyse(d);
    EXPECT_VERDICT(other, "unreachable");
    EXPECT_TRUE(says(other, "FIREWALL_DOMAIN_DROP", "does not list example.org"));

    res(d, "internetHosts", "web").erase("dnsName");
    EXPECT_TRUE(says(analyse(d), "FIREWALL_DOMAIN_DROP", "give the host its dnsName"));
}

TEST(Rule_INS3, DomainDenylistDropsTheListedNamesAndNothingElse)
{
    json d = egressFirewall({{"domains", {"example.org"}}, {"domainListType", "deny"}});
    res(d, "internetHosts", "web")["dnsName"] = "example.org";
    EXPECT_TRUE(hasCode(analyse(d), "FIREWALL_DOMAIN_DROP", "nfw"));
    res(d, "internetHosts", "web")["dnsName"] = "www.example.org"; // no leading dot: the name alone
    EXPECT_VERDICT(analyse(d), "public");
}

TEST(Rule_INS3, DomainListAppliesToHttpAndTlsOnly)
{
    json d = egressFirewall({{"domains", {"example.com"}}});
    res(d, "securityGroups", "sg-app")["outbound"] = {allTraffic("0.0.0.0/0")};
    setFlow(d, "i-app", "web", 22);
    EXPECT_VERDICT(analyse(d), "public") << "SSH carries no Host header or SNI";
}

TEST(Rule_INS3, AlertRuleIsANoteAndEvaluationGoesOn)
{
    const Outcome o = analyse(egressFirewall({{"statefulRules", {statefulRule("alert", 443, "watch HTTPS")}}}));
    EXPECT_VERDICT(o, "public");
    EXPECT_TRUE(says(o, "FIREWALL_ALERT", "stateful rule 1 (watch HTTPS)"));
}

TEST(Rule_INS3, EachAvailabilityZoneUsesItsOwnEndpoint)
{
    json d = egressFirewall();
    add(d, "routeTables", {{"id", "rt-fw-b"}, {"vpc", "vpc-a"}, {"routes", {{{"destination", "0.0.0.0/0"}, {"target", "nat-a"}}}}});
    add(d, "subnets", {{"id", "fw-b"}, {"vpc", "vpc-a"}, {"cidr", "10.0.4.0/24"}, {"availabilityZone", "use1-az2"}, {"routeTable", "rt-fw-b"}});
    res(d, "networkFirewalls", "nfw")["subnets"] = {"fw-a", "fw-b"};
    add(d, "workloads", {{"id", "i-app-b"}, {"subnet", "app-b"}, {"privateIp", "10.0.2.10"}, {"securityGroups", {"sg-app"}}});
    setFlow(d, "i-app-b", "web");
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "public");
    EXPECT_TRUE(pathIncludes(o, {"i-app-b", "nfw", "rt-fw-b", "nat-a"}));
    EXPECT_TRUE(pathAvoids(o, "rt-fw"));
    EXPECT_TRUE(lacksCode(o, "FIREWALL_ENDPOINT_OTHER_AZ"));

    res(d, "networkFirewalls", "nfw")["subnets"] = {"fw-a"}; // no endpoint in az2
    const Outcome crossing = analyse(d);
    EXPECT_VERDICT(crossing, "public");
    EXPECT_TRUE(hasCode(crossing, "FIREWALL_ENDPOINT_OTHER_AZ", "nfw"));
}

TEST(Rule_INS3, ReplyAroundTheFirewallIsAsymmetric)
{
    json d = egressFirewall();
    removeRoutes(d, "rt-pub");
    addRoute(d, "rt-pub", "0.0.0.0/0", "igw-a"); // the NAT answers app-a by the local route
    const Outcome o = analyse(d);
    EXPECT_VERDICT(o, "unreachable");
    EXPECT_TRUE(hasCode(o, "NO_ROUTE_TO_DESTINATION", "rt-pub"));
}

TEST(Rule_INS3, FirewallIsAValidTargetOfAGatewayRouteTable)
{
    json d = egressFirewall();
    add(d, "routeTables", {{"id", "rt-edge"}, {"vpc", "vpc-a"}, {"routes", {{{"destination", "10.0.0.0/24"}, {"target", "nfw"}}}}});
    res(d, "internetGateways", "igw-a")["routeTable"] = "rt-edge";
    EXPECT_TRUE(lacksFinding(analyse(d), "GATEWAY_ROUTE_TABLE_TARGET"));
}

TEST(Rule_INS3, FirewallWithoutSubnetIsInvalid)
{
    const Outcome o = analyse(egressFirewall({{"subnets", json::array()}}));
    EXPECT_TRUE(hasFinding(o, "FIREWALL_WITHOUT_SUBNET", {"nfw"}));
    EXPECT_VERDICT(o, "unreachable");
}

} // namespace
} // namespace pp::test
