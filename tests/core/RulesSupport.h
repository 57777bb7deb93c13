// The helpers of the rule tests (one file per group of rules: RulesTest.cpp, ...): load a design
// written as JSON, analyse it, and ask about the answer for one flow (verdict, codes, path,
// findings); small edits of the worked examples of tests/data/examples.
#pragma once

#include "TestSupport.h"

#include "analysis/Analyzer.h"

#include <algorithm>
#include <cstdlib>
#include <gtest/gtest.h>
#include <initializer_list>
#include <iostream>

namespace pp::test {

using nlohmann::json;

// ======================================================================================
// Running the engine
// ======================================================================================

struct Outcome {
    FlowResult flow;
    std::vector<Finding> findings;
    std::string text; // everything above, readable, for failure messages
};

inline std::string describe(const FlowResult& r, const std::vector<Finding>& findings)
{
    std::string out = "\n  verdict: " + std::string(enumName(r.verdict)) + "\n";
    for (std::size_t i = 0; i < r.path.size(); ++i) {
        const Hop& h = r.path[i];
        out += "    " + std::to_string(i + 1) + ". " + h.resource + " [" + h.action + "] " + h.detail + "  (" + h.source +
               " -> " + h.destination + ")" + (r.leavesAt && *r.leavesAt == i ? "  <- leaves" : "") + "\n";
    }
    if (r.returnChecked)
        out += std::string("  return path: ") + (r.returnOk ? "ok" : "BROKEN") + "\n";
    auto list = [&](const char* what, const std::vector<Explanation>& items) {
        for (const Explanation& e : items)
            out += std::string("  ") + what + " [" + e.code + "] at " + e.resource + ": " + e.message + "\n";
    };
    list("blocking", r.blocking);
    list("hint", r.hints);
    list("note", r.notes);
    for (const Finding& f : findings) {
        std::string ids;
        for (const std::string& id : f.ids)
            ids += (ids.empty() ? "" : ",") + id;
        out += "  finding " + f.code + " (" + std::string(severityName(f.severity)) + ") [" + ids + "]: " + f.message + "\n";
    }
    return out;
}

// Loads the design (it must load), analyses it and returns the answer for flow `flowId`.
inline Outcome analyse(const json& design, const std::string& flowId = "flow")
{
    Outcome out;
    const LoadResult loaded = loadDesign(design.dump(2), "rules.privatepath");
    if (!loaded.ok()) {
        for (const auto& d : loaded.diagnostics)
            out.text += d.format() + "\n";
        ADD_FAILURE() << "design did not load:\n" << out.text;
        return out;
    }
    const AnalysisResult result = analyzeDesign(*loaded.design);
    out.findings = result.findings;
    const auto it = std::find_if(result.flows.begin(), result.flows.end(),
                                 [&](const FlowResult& f) { return f.flow.str() == flowId; });
    if (it == result.flows.end())
        ADD_FAILURE() << "no flow " << flowId;
    else
        out.flow = *it;
    out.text = describe(out.flow, out.findings);
    if (std::getenv("RULES_TEST_VERBOSE")) // print every answer, to review the engine's reasoning
        std::cout << "[" << testing::UnitTest::GetInstance()->current_test_info()->test_suite_name() << "."
                  << testing::UnitTest::GetInstance()->current_test_info()->name() << "] " << flowId << out.text;
    return out;
}

#define EXPECT_VERDICT(outcome, expected) \
    EXPECT_EQ(std::string(enumName((outcome).flow.verdict)), std::string(expected)) << (outcome).text

// The code is among the blocking reasons, hints or notes (at `resource` if given).
inline testing::AssertionResult hasCode(const Outcome& o, const std::string& code, const std::string& resource = "")
{
    for (const auto* items : {&o.flow.blocking, &o.flow.hints, &o.flow.notes})
        for (const Explanation& e : *items)
            if (e.code == code && (resource.empty() || e.resource == resource))
                return testing::AssertionSuccess();
    return testing::AssertionFailure() << "no " << code << (resource.empty() ? "" : " at " + resource) << o.text;
}

// One of the codes is among the blocking reasons, hints or notes (where AWS's own code and ours
// both describe the situation).
inline testing::AssertionResult hasAnyCode(const Outcome& o, std::initializer_list<const char*> codes)
{
    std::string names;
    for (const char* code : codes) {
        if (hasCode(o, code))
            return testing::AssertionSuccess();
        names += std::string(names.empty() ? "" : " or ") + code;
    }
    return testing::AssertionFailure() << "none of " << names << o.text;
}

inline testing::AssertionResult lacksCode(const Outcome& o, const std::string& code)
{
    if (hasCode(o, code))
        return testing::AssertionFailure() << "unexpected " << code << o.text;
    return testing::AssertionSuccess();
}

// A design finding with this code naming every id in `ids`.
inline testing::AssertionResult hasFinding(const Outcome& o, const std::string& code, const std::vector<std::string>& ids = {})
{
    for (const Finding& f : o.findings) {
        if (f.code != code)
            continue;
        if (std::all_of(ids.begin(), ids.end(),
                        [&](const std::string& id) { return std::find(f.ids.begin(), f.ids.end(), id) != f.ids.end(); }))
            return testing::AssertionSuccess();
    }
    return testing::AssertionFailure() << "no finding " << code << o.text;
}

inline testing::AssertionResult lacksFinding(const Outcome& o, const std::string& code)
{
    for (const Finding& f : o.findings)
        if (f.code == code)
            return testing::AssertionFailure() << "unexpected finding " << code << o.text;
    return testing::AssertionSuccess();
}

// The path visits these resources in this order (other hops may come between).
inline testing::AssertionResult pathIncludes(const Outcome& o, const std::vector<std::string>& ids)
{
    std::size_t next = 0;
    for (const Hop& h : o.flow.path)
        if (next < ids.size() && h.resource == ids[next])
            ++next;
    if (next == ids.size())
        return testing::AssertionSuccess();
    return testing::AssertionFailure() << "path does not visit " << ids[next] << " in order" << o.text;
}

// The packet never reaches `id` (a "drop" hop only names where the packet was dropped).
inline testing::AssertionResult pathAvoids(const Outcome& o, const std::string& id)
{
    for (const Hop& h : o.flow.path)
        if (h.resource == id && h.action != "drop")
            return testing::AssertionFailure() << "path visits " << id << o.text;
    return testing::AssertionSuccess();
}

// ======================================================================================
// Building designs
// ======================================================================================

// A worked example without its diagram, expectations and flows.
inline json example(const std::string& name)
{
    json d = json::parse(readFile(sourcePath("tests/data/examples/" + name + ".privatepath")));
    d.erase("diagram");
    d.erase("x-expected");
    d.erase("flows");
    return d;
}

inline json& res(json& d, const std::string& collection, const std::string& id) { return byId(d, collection, id); }

inline void add(json& d, const std::string& collection, json item) { d[collection].push_back(std::move(item)); }

inline void removeById(json& d, const std::string& collection, const std::string& id)
{
    auto& items = d.at(collection);
    items.erase(std::remove_if(items.begin(), items.end(), [&](const json& item) { return item.at("id") == id; }), items.end());
}

inline void addRoute(json& d, const std::string& table, const std::string& destination, const std::string& target)
{
    res(d, "routeTables", table)["routes"].push_back({{"destination", destination}, {"target", target}});
}

inline void removeRoutes(json& d, const std::string& table) { res(d, "routeTables", table).erase("routes"); }

inline json rule(const char* protocol, int from, int to, const char* cidr)
{
    return {{"protocol", protocol}, {"fromPort", from}, {"toPort", to}, {"cidr", cidr}};
}
inline json allTraffic(const char* cidr) { return {{"protocol", "all"}, {"cidr", cidr}}; }
inline json aclEntry(int number, const char* protocol, int from, int to, const char* cidr, const char* action)
{
    return {{"ruleNumber", number}, {"protocol", protocol}, {"fromPort", from}, {"toPort", to}, {"cidr", cidr}, {"action", action}};
}

// The single flow "flow" of the design (replaces the others).
inline void setFlow(json& d, const std::string& source, const std::string& destination, int port = 443, json extra = json::object())
{
    json f = {{"id", "flow"}, {"source", source}, {"destination", destination}, {"port", port}};
    for (auto& [k, v] : extra.items())
        f[k] = v;
    d["flows"] = json::array({f});
}
inline void addFlow(json& d, const std::string& id, const std::string& source, const std::string& destination, int port = 443)
{
    d["flows"].push_back({{"id", id}, {"source", source}, {"destination", destination}, {"port", port}});
}

// ---- Shapes ----

// ex01: VPC-A 10.0.0.0/16 in us-east-1: pub-a (az1, rt-pub 0/0 -> igw-a, nat-a 10.0.0.10),
// app-a (az1) and app-b (az2) on the main table rt-app (0/0 -> nat-a); i-app 10.0.1.10 with
// sg-app (all outbound). Added: i-web 10.0.0.20 with a public IP in pub-a, and the internet host
// web 203.0.113.10.
inline json oneVpc()
{
    json d = example("ex01");
    add(d, "workloads", {{"id", "i-web"}, {"subnet", "pub-a"}, {"privateIp", "10.0.0.20"}, {"publicIp", true}, {"securityGroups", {"sg-app"}}});
    add(d, "internetHosts", {{"id", "web"}, {"address", "203.0.113.10"}});
    return d;
}

// i-db 10.0.2.10 in app-b, guarded by sg-db (PostgreSQL from VPC-A, no outbound rule).
inline void addDatabase(json& d)
{
    add(d, "securityGroups", {{"id", "sg-db"}, {"vpc", "vpc-a"}, {"inbound", {rule("tcp", 5432, 5432, "10.0.0.0/16")}}});
    add(d, "workloads", {{"id", "i-db"}, {"subnet", "app-b"}, {"privateIp", "10.0.2.10"}, {"securityGroups", {"sg-db"}}});
}

// Adds the AWS service `id` unless the design has it.
inline void ensureService(json& d, const std::string& id, const std::string& service, const std::string& region = "use1")
{
    if (d.contains("awsServices") &&
        std::any_of(d["awsServices"].begin(), d["awsServices"].end(), [&](const json& s) { return s["id"] == id; }))
        return;
    add(d, "awsServices", {{"id", id}, {"service", service}, {"region", region}});
}

inline void addS3GatewayEndpoint(json& d, const std::vector<std::string>& tables = {"rt-app"}, const std::string& id = "vpce-s3")
{
    ensureService(d, "s3", "s3");
    add(d, "vpcEndpoints", {{"id", id}, {"vpc", "vpc-a"}, {"endpointType", "gateway"}, {"service", "s3"}, {"routeTables", tables}});
}

inline void addS3PrefixList(json& d)
{
    ensureService(d, "s3", "s3");
    add(d, "prefixLists", {{"id", "pl-s3"}, {"prefixListName", "com.amazonaws.us-east-1.s3"}, {"awsService", "s3"}});
}

// An SQS interface endpoint in app-a and app-b (private DNS on) whose group allows 443 from 10.0.0.0/8.
inline void addSqsEndpoint(json& d)
{
    ensureService(d, "sqs", "sqs");
    add(d, "securityGroups", {{"id", "sg-vpce-sqs"}, {"vpc", "vpc-a"}, {"inbound", {rule("tcp", 443, 443, "10.0.0.0/8")}}});
    add(d, "vpcEndpoints", {{"id", "vpce-sqs"}, {"vpc", "vpc-a"}, {"endpointType", "interface"}, {"service", "sqs"},
                            {"subnets", {"app-a", "app-b"}}, {"securityGroups", {"sg-vpce-sqs"}}});
}

// The Region eu-west-1 with S3 and SQS.
inline void addEuWest1(json& d)
{
    add(d, "regions", {{"id", "euw1"}, {"code", "eu-west-1"}, {"availabilityZones", {"euw1-az1", "euw1-az2"}}});
    add(d, "awsServices", {{"id", "s3-eu"}, {"service", "s3"}, {"region", "euw1"}});
    add(d, "awsServices", {{"id", "sqs-eu"}, {"service", "sqs"}, {"region", "euw1"}});
}

// ex13: VPC-A and VPC-B (10.1.0.0/16) peered by pcx-ab with routes both ways; i-b 10.1.1.10 in
// b-a (rt-b) allows 5432 from 10.0.0.0/16. rt-app: 10.1.0.0/16 -> pcx-ab only.
inline json twoPeeredVpcs() { return example("ex13"); }

// ex15: VPC-A and VPC-B attached to tgw (tgw-att-a in app-a, tgw-att-b in b-a), default
// association and propagation to tgw-rt; rt-app 10.1.0.0/16 -> tgw, rt-b 10.0.0.0/16 -> tgw;
// i-b allows 443 from 10.0.0.0/16.
inline json transitGateway() { return example("ex15"); }

// ex11: on-premises 192.168.0.0/16 (onprem-host 192.168.10.20) reaches VPC-A over a static
// Site-to-Site VPN on vgw-a; rt-app 192.168.0.0/16 -> vgw-a; SQS interface endpoint (private DNS)
// allowing 443 from 192.168.0.0/16; on-premises DNS forwards the SQS name to rslvr-in.
inline json onPremisesOverVpn() { return example("ex11"); }

// ex07: provider VPC-P 10.50.0.0/16, internal NLB (p-a az1, p-b az2) -> i-svc:8443; endpoint
// service svc (no acceptance, consumer account allowed); consumer interface endpoint vpce-svc in
// app-a and app-b (private DNS off) allowing 8443 from VPC-A. Flow: i-app -> vpce-svc:8443.
inline json privateLinkService()
{
    json d = example("ex07");
    setFlow(d, "i-app", "vpce-svc", 8443);
    return d;
}

// GWLB in the provider VPC-P fronting the appliance i-fw; vpce-gwlb in the inspection subnet
// insp-a (10.0.3.0/24, az1, table rt-insp) of VPC-A.
inline void addInspection(json& d)
{
    add(d, "vpcs", {{"id", "vpc-p"}, {"region", "use1"}, {"account", "222222222222"}, {"ipv4Cidrs", {"10.50.0.0/16"}}});
    add(d, "subnets", {{"id", "p-a"}, {"vpc", "vpc-p"}, {"cidr", "10.50.1.0/24"}, {"availabilityZone", "use1-az1"}});
    add(d, "workloads", {{"id", "i-fw"}, {"subnet", "p-a"}, {"privateIp", "10.50.1.10"}});
    add(d, "loadBalancers", {{"id", "gwlb"}, {"lbType", "gateway"}, {"subnets", {"p-a"}}, {"targets", {{{"instance", "i-fw"}, {"port", 6081}}}}});
    add(d, "endpointServices", {{"id", "gwlb-svc"}, {"loadBalancer", "gwlb"}, {"acceptanceRequired", false}, {"allowedPrincipals", {"111111111111"}}});
    add(d, "routeTables", {{"id", "rt-insp"}, {"vpc", "vpc-a"}});
    add(d, "subnets", {{"id", "insp-a"}, {"vpc", "vpc-a"}, {"cidr", "10.0.3.0/24"}, {"availabilityZone", "use1-az1"}, {"routeTable", "rt-insp"}});
    add(d, "vpcEndpoints", {{"id", "vpce-gwlb"}, {"vpc", "vpc-a"}, {"endpointType", "gatewayLoadBalancer"}, {"service", "gwlb-svc"},
                            {"subnets", {"insp-a"}}});
}

// A Site-to-Site VPN from VPC-A (vgw-a) to on-premises 192.168.0.0/16 without internet breakout.
inline void addVpn(json& d)
{
    add(d, "virtualPrivateGateways", {{"id", "vgw-a"}, {"vpc", "vpc-a"}});
    add(d, "customerGateways", {{"id", "cgw"}, {"onPremises", "onprem"}, {"ipAddress", "198.51.100.7"}});
    add(d, "vpnConnections", {{"id", "vpn"}, {"customerGateway", "cgw"}, {"gateway", "vgw-a"}, {"remoteCidrs", {"192.168.0.0/16"}}});
    add(d, "onPremisesNetworks", {{"id", "onprem"}, {"cidrs", {"192.168.0.0/16"}}, {"internetBreakout", false},
                                  {"routes", {{{"destination", "10.0.0.0/16"}, {"via", "vpn"}}}}});
    add(d, "onPremisesHosts", {{"id", "onprem-host"}, {"network", "onprem"}, {"address", "192.168.10.20"}});
    addRoute(d, "rt-app", "192.168.0.0/16", "vgw-a");
}

// An on-premises data centre dc 172.16.0.0/16 (dc-host 172.16.5.10) without internet breakout.
inline void addDataCentre(json& d, json routes = json::array())
{
    add(d, "onPremisesNetworks", {{"id", "dc"}, {"cidrs", {"172.16.0.0/16"}}, {"internetBreakout", false}, {"routes", routes}});
    add(d, "onPremisesHosts", {{"id", "dc-host"}, {"network", "dc"}, {"address", "172.16.5.10"}});
}

// IPv6 for VPC-A: blocks on the VPC and app-a, an address on i-app, ::/0 allowed out by sg-app,
// the egress-only gateway eigw-a, and the IPv6 internet host web6.
inline void addIpv6(json& d)
{
    res(d, "vpcs", "vpc-a")["ipv6Cidr"] = "2600:1f18:aa:bb00::/56";
    res(d, "subnets", "app-a")["ipv6Cidr"] = "2600:1f18:aa:bb01::/64";
    res(d, "workloads", "i-app")["ipv6Address"] = "2600:1f18:aa:bb01::10";
    res(d, "securityGroups", "sg-app")["outbound"].push_back(allTraffic("::/0"));
    add(d, "egressOnlyInternetGateways", {{"id", "eigw-a"}, {"vpc", "vpc-a"}});
    add(d, "internetHosts", {{"id", "web6"}, {"address", "2a05:d018:1:2::10"}});
}

} // namespace pp::test
