// AWS Network Firewall (rule INS-3): one firewall subnet per AZ in the firewall's VPC, kept for
// the firewall alone, and rules whose port ranges make sense.

#include "lint/Linter.h"

namespace pp::lint {

void Linter::check(const Resource& r, const NetworkFirewall& fw)
{
    sameVpc(r, fw.vpc, fw.subnets, "firewall subnet");
    oneSubnetPerAz(r, fw.subnets, "FIREWALL_SUBNETS_ONE_PER_AZ");
    if (fw.subnets.empty())
        error("FIREWALL_WITHOUT_SUBNET", {r.id.str()},
              "network firewall " + r.id.str() + " has no firewall subnet, so no endpoint to route traffic to (INS-3)");
    // AWS wants the firewall subnets for the firewall endpoints alone: a workload there is
    // routed by the same table the firewall hands inspected traffic to.
    for (const ResourceId& subnet : fw.subnets)
        m_design.forEach<Workload>([&](const Resource& w, const Workload& workload) {
            if (workload.subnet == subnet)
                warning("FIREWALL_SUBNET_NOT_DEDICATED", {r.id.str(), subnet.str(), w.id.str()},
                        "firewall subnet " + subnet.str() + " of " + r.id.str() + " also holds " + w.id.str() +
                            "; keep firewall subnets for the firewall endpoints alone (INS-3)");
        });
    auto ports = [&](const char* group, std::size_t i, int from, int to) {
        if (from > to)
            error("PORT_RANGE_INVERTED", {r.id.str()},
                  "network firewall " + r.id.str() + ": " + group + " rule " + std::to_string(i + 1) + " has fromPort " +
                      std::to_string(from) + " > toPort " + std::to_string(to));
    };
    for (std::size_t i = 0; i < fw.statelessRules.size(); ++i)
        ports("stateless", i, fw.statelessRules[i].fromPort, fw.statelessRules[i].toPort);
    for (std::size_t i = 0; i < fw.statefulRules.size(); ++i)
        ports("stateful", i, fw.statefulRules[i].fromPort, fw.statefulRules[i].toPort);
}

} // namespace pp::lint
