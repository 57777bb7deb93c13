#include "aws/AwsData.h"

#include "aws/AwsServices.h"

#include <array>

namespace pp {
namespace {

struct PrefixListData {
    std::string_view region;
    std::string_view service;
    std::array<std::string_view, 8> cidrs;
};

constexpr PrefixListData kPrefixLists[] = {
    {"us-east-1", "s3",
     {"3.5.0.0/19", "16.182.0.0/16", "18.34.0.0/19", "18.34.232.0/21", "52.216.0.0/15", "54.231.0.0/16"}},
    {"us-east-1", "dynamodb", {"3.218.180.0/22", "52.94.0.0/22", "52.119.224.0/20"}},
    {"us-east-2", "s3", {"52.219.80.0/20", "3.5.128.0/22", "3.5.132.0/23", "52.219.96.0/20", "52.92.76.0/22"}},
    {"us-east-2", "dynamodb", {"52.94.4.0/24"}},
};

} // namespace

std::vector<Cidr> builtinPrefixList(std::string_view regionCode, std::string_view service)
{
    std::vector<Cidr> out;
    for (const PrefixListData& list : kPrefixLists)
        if (list.region == regionCode && list.service == service)
            for (std::string_view text : list.cidrs)
                if (!text.empty())
                    out.push_back(*Cidr::parse(text));
    return out;
}

bool serviceHasGatewayEndpoint(std::string_view service)
{
    const AwsServiceInfo* s = findAwsService(service);
    return s && s->gatewayEndpoint;
}

bool serviceIsCrossRegionEnabled(std::string_view service)
{
    // "ecr" and "firehose" are not endpoint codes, but designs written before the catalogue use
    // them for ECR and Data Firehose; they keep the answer they always had.
    if (service == "ecr" || service == "firehose")
        return true;
    const AwsServiceInfo* s = findAwsService(service);
    return s && s->crossRegion;
}

std::string serviceDefaultDnsName(std::string_view service, std::string_view regionCode)
{
    // Two-part codes name their DNS labels the other way round: ecr.api answers at
    // api.ecr.<region>.amazonaws.com (each service's "Access through an interface endpoint" page).
    const AwsServiceInfo* s = findAwsService(service);
    const std::string_view prefix = s && !s->dnsPrefix.empty() ? s->dnsPrefix : service;
    return std::string(prefix) + "." + std::string(regionCode) + ".amazonaws.com";
}

} // namespace pp
