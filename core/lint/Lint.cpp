// Checks shared by several kinds of resource (same VPC, one subnet per AZ) and the flow rules.

#include "lint/Linter.h"

namespace pp::lint {

void Linter::sameVpc(const Resource& owner, const ResourceId& vpc, const ResourceIds& ids, const char* what)
{
    for (const ResourceId& id : ids) {
        const auto other = vpcOf(id);
        if (other && *other != vpc)
            error("REFERENCE_OTHER_VPC", {owner.id.str(), id.str()},
                  owner.id.str() + " is in VPC " + vpc.str() + " but its " + what + " " + id.str() + " is in VPC " +
                      other->str());
    }
}

void Linter::oneSubnetPerAz(const Resource& owner, const ResourceIds& subnets, const char* code)
{
    std::map<std::string, std::string> byAz;
    for (const ResourceId& id : subnets) {
        const Subnet* s = get<Subnet>(id);
        if (!s)
            continue;
        const auto [it, fresh] = byAz.emplace(s->availabilityZone, id.str());
        if (!fresh)
            error(code, {owner.id.str(), it->second, id.str()},
                  owner.id.str() + " has two subnets in AZ " + s->availabilityZone + ": " + it->second + " and " +
                      id.str() + " (one per AZ)");
    }
}

void Linter::checkFlow(const Flow& f)
{
    if ((f.protocol == Protocol::Tcp || f.protocol == Protocol::Udp) && !f.port)
        error("FLOW_PORT_REQUIRED", {f.id.str()},
              "flow " + f.id.str() + " uses " + std::string(enumName(f.protocol)) + " but has no port");
    if (f.destinationAddress && !get<AwsService>(f.destination) && !get<InternetHost>(f.destination))
        warning("FLOW_DESTINATION_ADDRESS_IGNORED", {f.id.str(), f.destination.str()},
                "flow " + f.id.str() + " names destinationAddress " + f.destinationAddress->toString() + ", but " +
                    f.destination.str() + " is not an AWS service or internet host: the address is ignored (DST-1)");
    if (f.source == f.destination)
        warning("FLOW_SAME_ENDPOINTS", {f.id.str(), f.source.str()},
                "flow " + f.id.str() + " goes from " + f.source.str() + " to itself");
}

} // namespace pp::lint

namespace pp {

std::vector<Finding> lintDesign(const Design& design) { return lint::Linter(design).run(); }

} // namespace pp
