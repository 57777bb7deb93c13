#include "model/Resources.h"

namespace pp {

const std::vector<SecurityGroupRule>& awsDefaultOutbound()
{
    static const std::vector<SecurityGroupRule> rules = [] {
        std::vector<SecurityGroupRule> all(2);
        all[0].cidr = Cidr::parse("0.0.0.0/0");
        all[1].cidr = Cidr::parse("::/0");
        return all; // protocol `all`, every port: the members' defaults
    }();
    return rules;
}

} // namespace pp
