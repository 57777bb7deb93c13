#pragma once

// What the connectivity engine answers (NETWORK-RULES.md section 1). Every id is a model id;
// every code comes from codes/Codes.h.

#include "lint/Lint.h"
#include "model/Enums.h"
#include "model/Id.h"

#include <optional>
#include <string>
#include <vector>

namespace pp {

enum class AddressClass : std::uint8_t {
    Private, // RFC 1918 / RFC 6598 / unique-local, or an address inside a VPC or on-premises network
    Public,  // any other address
};
template <>
struct EnumTraits<AddressClass> {
    static constexpr std::array names{std::string_view("private"), std::string_view("public")};
};

// One step of a path: the resource the packet is at and what moved it on.
struct Hop {
    std::string resource;  // model id
    std::string kind;      // its kind as the file names it ("routeTable", "networkFirewall"); "" if not a resource (PATH-1)
    std::string action;    // "source", "dns", "securityGroup", "networkAcl", "route", "forward", "translate",
                           // "privateLink", "deliver"
    std::string detail;    // the rule that applied, e.g. "route 0.0.0.0/0 -> nat-a" or "inbound rule 1: tcp 443 from 10.0.0.0/16"
    std::string source;    // packet source address after this hop
    std::string destination;
    AddressClass sourceClassBefore = AddressClass::Private;
    AddressClass sourceClassAfter = AddressClass::Private;
    AddressClass destinationClassBefore = AddressClass::Private;
    AddressClass destinationClassAfter = AddressClass::Private;

    friend bool operator==(const Hop&, const Hop&) = default;
};

// A blocking reason, a note or a fix hint.
struct Explanation {
    std::string code;
    std::string resource; // where it applies (model id); may be empty for flow-wide notes
    std::string message;

    friend bool operator==(const Explanation&, const Explanation&) = default;
};

struct FlowResult {
    FlowId flow;
    Verdict verdict = Verdict::Unreachable;
    std::vector<Hop> path;                  // forward path, as far as the packet got
    bool returnChecked = false;             // TCP flows: was the return path checked
    bool returnOk = true;                   // the reply can come back (only meaningful when checked)
    std::vector<Explanation> blocking;      // every blocking component found (unreachable)
    std::optional<std::size_t> leavesAt;    // index into `path` where it leaves the private network (public)
    std::vector<Explanation> hints;         // changes that would keep the flow private
    std::vector<Explanation> notes;         // facts that do not change the verdict
    std::optional<Verdict> expected;        // the flow's `expect`
    std::optional<bool> expectationMet;     // set when the flow has `expect`

    friend bool operator==(const FlowResult&, const FlowResult&) = default;
};

// Internet exposure of one workload, whether or not a flow was drawn (in the spirit of AWS Network
// Access Analyzer's internet scopes).
struct Exposure {
    std::string workload;
    bool egress = false;                    // can open connections to the internet
    std::vector<std::string> egressVia;     // e.g. ["nat-a", "igw-a"]
    bool ingress = false;                   // reachable from the internet
    std::vector<std::string> ingressVia;    // e.g. ["igw-a"] or ["igw-p", "nlb-public"] (outside in)
    std::vector<std::string> openPorts;     // security-group rules open to public sources, e.g. "tcp 443"

    friend bool operator==(const Exposure&, const Exposure&) = default;
};

struct AnalysisResult {
    std::vector<Finding> findings;          // design findings (lint) plus routing-loop findings
    std::vector<FlowResult> flows;          // in flow order
    std::vector<Exposure> exposure;         // exposed workloads only, in resource order

    friend bool operator==(const AnalysisResult&, const AnalysisResult&) = default;
};

} // namespace pp
