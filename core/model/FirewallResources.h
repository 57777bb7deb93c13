#pragma once

// AWS Network Firewall (rule INS-3): the firewall and its stateless and stateful rules.

#include "model/Resources.h"

namespace pp {

// ---- AWS Network Firewall (rule INS-3) -------------------------------------------------------

// The 5-tuple a firewall rule matches; absent fields match anything.
template <class A, class R>
void describeFirewallMatch(A& a, R& v)
{
    a.opt("protocol", v.protocol, Protocol::All, {.doc = "IP protocol; `all` matches every protocol."});
    a.opt("source", v.source, {.doc = "Source CIDR; absent = any."});
    a.opt("destination", v.destination, {.doc = "Destination CIDR; absent = any."});
    a.opt("fromPort", v.fromPort, 0, {.doc = "First destination port of the range.", .min = 0, .max = 65535});
    a.opt("toPort", v.toPort, 65535, {.doc = "Last destination port of the range.", .min = 0, .max = 65535});
    a.opt("description", v.description, std::string(), {.doc = "Free text; paths quote it with the rule."});
}

struct StatelessFirewallRule {
    friend bool operator==(const StatelessFirewallRule&, const StatelessFirewallRule&) = default;
    StatelessAction action = StatelessAction::Forward;
    Protocol protocol = Protocol::All;
    std::optional<Cidr> source;
    std::optional<Cidr> destination;
    int fromPort = 0;
    int toPort = 65535;
    std::string description;
};
template <class A>
void describe(A& a, StatelessFirewallRule& v)
{
    a.req("action", v.action,
          {.doc = "`pass` lets the packet through, `drop` drops it, `forward` hands it to the stateful rules."});
    describeFirewallMatch(a, v);
}

struct StatefulFirewallRule {
    friend bool operator==(const StatefulFirewallRule&, const StatefulFirewallRule&) = default;
    StatefulAction action = StatefulAction::Pass;
    Protocol protocol = Protocol::All;
    std::optional<Cidr> source;
    std::optional<Cidr> destination;
    int fromPort = 0;
    int toPort = 65535;
    std::string description;
};
template <class A>
void describe(A& a, StatefulFirewallRule& v)
{
    a.req("action", v.action,
          {.doc = "`pass` allows the connection (and its replies), `drop` drops it, `alert` logs it and goes on."});
    describeFirewallMatch(a, v);
}

struct NetworkFirewall {
    friend bool operator==(const NetworkFirewall&, const NetworkFirewall&) = default;
    ResourceId vpc;
    ResourceIds subnets;
    std::vector<StatelessFirewallRule> statelessRules;
    StatelessAction statelessDefaultAction = StatelessAction::Forward;
    std::vector<StatefulFirewallRule> statefulRules;
    StatefulAction statefulDefaultAction = StatefulAction::Pass;
    std::vector<std::string> domains;
    DomainListType domainListType = DomainListType::Allow;
};
template <class A>
void describe(A& a, NetworkFirewall& v)
{
    a.req("vpc", v.vpc, {.doc = "The VPC the firewall protects.", .kinds = {Kind::Vpc}});
    a.req("subnets", v.subnets,
          {.doc = "Firewall subnets, one per Availability Zone, each holding that AZ's firewall endpoint. Keep "
                  "them for the firewall alone (rule INS-3). Route tables send traffic to the firewall by its id; "
                  "the endpoint of the packet's AZ takes it.",
           .kinds = {Kind::Subnet}});
    a.opt("statelessRules", v.statelessRules,
          {.doc = "Stateless rules, in priority order: the first that matches a packet decides. They see each "
                  "direction of a connection on its own, replies included."});
    a.opt("statelessDefaultAction", v.statelessDefaultAction, StatelessAction::Forward,
          {.doc = "What happens to a packet no stateless rule matches; AWS's console default forwards it to the "
                  "stateful rules."});
    a.opt("statefulRules", v.statefulRules,
          {.doc = "Stateful rules, in strict order: the first `pass` or `drop` that matches a connection "
                  "decides; its replies follow the decision."});
    a.opt("statefulDefaultAction", v.statefulDefaultAction, StatefulAction::Pass,
          {.doc = "What happens to a connection no stateful rule decides: `pass` (AWS's default action order) "
                  "or `drop` (strict order with drop all)."});
    a.opt("domains", v.domains,
          {.doc = "A domain list rule group for HTTP (Host header) and TLS (SNI) connections, TCP 80 and 443: "
                  "`example.com` matches that name, `.example.com` it and its subdomains."});
    a.opt("domainListType", v.domainListType, DomainListType::Allow,
          {.doc = "`allow`: only the listed domains pass (an allowlist drops every other HTTP/TLS connection); "
                  "`deny`: the listed domains are dropped."});
}

} // namespace pp
