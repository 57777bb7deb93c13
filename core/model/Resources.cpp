#include "model/Resources.h"

namespace pp {

const std::vector<SecurityGroupRule>& awsDefaultOutbound()
{
    static const std::vector<SecurityGroupRule> rules{
        SecurityGroupRule{.protocol = Protocol::All, .cidr = Cidr::parse("0.0.0.0/0")},
        SecurityGroupRule{.protocol = Protocol::All, .cidr = Cidr::parse("::/0")},
    };
    return rules;
}

} // namespace pp
