// Endpoint and PrivateLink rules (GW-*, IF-*, SVC-*): gateway and interface endpoints, endpoint
// services and their consumers, load balancers, and the DNS that private endpoints rely on.

#include "lint/Linter.h"

#include "aws/AwsData.h"

namespace pp::lint {

void Linter::check(const Resource& r, const VpcEndpoint& e)
{
    const std::string id = r.id.str();
    const Vpc* vpc = get<Vpc>(e.vpc);
    sameVpc(r, e.vpc, e.subnets, "subnet");
    sameVpc(r, e.vpc, e.routeTables, "route table");
    sameVpc(r, e.vpc, e.securityGroups, "security group");
    const AwsService* aws = get<AwsService>(e.service);
    const EndpointService* svc = get<EndpointService>(e.service);
    const LoadBalancer* lb = svc ? get<LoadBalancer>(svc->loadBalancer) : nullptr;
    const std::string consumerRegion = regionOfVpc(e.vpc);

    if (e.endpointType == EndpointType::Gateway) {
        if (!aws || !serviceHasGatewayEndpoint(aws->service))
            error("GATEWAY_ENDPOINT_SERVICE_UNSUPPORTED", {id, e.service.str()},
                  "gateway endpoint " + id + " is for " + (aws ? aws->service : e.service.str()) +
                      "; gateway endpoints exist only for S3 and DynamoDB");
        else if (regionCodeOf(aws->region) != consumerRegion)
            error("GATEWAY_ENDPOINT_OTHER_REGION", {id, e.service.str()},
                  "gateway endpoint " + id + " in " + consumerRegion + " is for " + aws->service + " in " +
                      regionCodeOf(aws->region) + "; gateway endpoints serve their own Region only");
        if (aws)
            for (const ResourceId& table : e.routeTables)
                m_current.gatewayRoutes.push_back({table.str() + "|" + aws->service, id});
        return;
    }

    if (e.subnets.empty())
        error("ENDPOINT_WITHOUT_SUBNET", {id}, "endpoint " + id + " has no subnet");
    if (e.endpointType == EndpointType::GatewayLoadBalancer) {
        if (e.subnets.size() > 1)
            error("GWLB_ENDPOINT_ONE_SUBNET", {id}, "Gateway Load Balancer endpoint " + id + " has " +
                                                        std::to_string(e.subnets.size()) + " subnets; it needs exactly one");
        if (!lb || lb->lbType != LoadBalancerType::Gateway)
            error("ENDPOINT_TYPE_MISMATCH", {id, e.service.str()},
                  "Gateway Load Balancer endpoint " + id + " must connect to an endpoint service fronted by a Gateway Load Balancer");
    } else {
        checkEndpointTarget(r, e, aws, svc, lb);
        oneSubnetPerAz(r, e.subnets, "ENDPOINT_DUPLICATE_AZ");
        std::set<std::string> azs;
        for (const ResourceId& s : e.subnets)
            if (const Subnet* subnet = get<Subnet>(s))
                azs.insert(subnet->availabilityZone);
        if (azs.size() == 1)
            warning("ENDPOINT_SINGLE_AZ", {id},
                    std::string(e.endpointType == EndpointType::Interface ? "interface endpoint " : "endpoint ") + id +
                        " is only in AZ " + *azs.begin() +
                        "; clients in other AZs cross zones and lose the endpoint if that AZ fails");
    }

    const bool privateDnsWanted =
        e.endpointType == EndpointType::Interface && e.privateDns && (aws || (svc && !svc->privateDnsName.empty()));
    if (privateDnsWanted && vpc && (!vpc->enableDnsSupport || !vpc->enableDnsHostnames))
        error("PRIVATE_DNS_REQUIRES_VPC_DNS", {id, e.vpc.str()},
              "endpoint " + id + " has private DNS on, but VPC " + e.vpc.str() + " has " +
                  (!vpc->enableDnsSupport ? "enableDnsSupport" : "enableDnsHostnames") + " off");

    if (e.privateDnsOnlyForInboundResolverEndpoint) {
        const bool isS3Interface = aws && aws->service == "s3" && e.endpointType == EndpointType::Interface;
        if (!isS3Interface || !m_gatewayEndpointsByVpcService.count(e.vpc.str() + "|s3"))
            error("RESOLVER_ONLY_REQUIRES_GATEWAY_ENDPOINT", {id},
                  isS3Interface ? "endpoint " + id + " answers private DNS only for the inbound Resolver endpoint, "
                                                     "but VPC " + e.vpc.str() + " has no S3 gateway endpoint"
                                : "endpoint " + id + ": private DNS only for the inbound Resolver endpoint exists for S3 interface endpoints only");
    }

    if (aws && e.endpointType == EndpointType::Interface) {
        const std::string serviceRegion = regionCodeOf(aws->region);
        if (!consumerRegion.empty() && !serviceRegion.empty() && serviceRegion != consumerRegion &&
            !serviceIsCrossRegionEnabled(aws->service))
            error("CROSS_REGION_SERVICE_NOT_SUPPORTED", {id, e.service.str()},
                  "endpoint " + id + " in " + consumerRegion + " reaches " + aws->service + " in " + serviceRegion +
                      ", which is not available over cross-Region PrivateLink");
    }

    if (svc)
        checkConsumer(r, e, *svc, lb);
}

void Linter::checkPrincipals(const Resource& r, const VpcEndpoint& e, const std::vector<std::string>& allowed, const Vpc* provider,
                             const std::string& what)
{
    const std::string id = r.id.str();
    const Vpc* consumer = get<Vpc>(e.vpc);
    if (!consumer)
        return;
    const bool sameAccount = provider && !provider->account.empty() && provider->account == consumer->account;
    const bool anyone = std::find(allowed.begin(), allowed.end(), "*") != allowed.end();
    if (sameAccount || anyone)
        return;
    if (allowed.empty())
        error("ENDPOINT_PRINCIPAL_NOT_ALLOWED", {id, e.service.str()}, what + " allows no principals, so " + id + " cannot be created");
    else if (consumer->account.empty())
        warning("ENDPOINT_PRINCIPAL_UNKNOWN", {id, e.vpc.str()},
                "VPC " + e.vpc.str() + " has no account, so whether " + id + " is an allowed principal of " + what + " cannot be checked");
    else if (std::none_of(allowed.begin(), allowed.end(), [&](const std::string& p) {
                 return p == consumer->account || p.find(":" + consumer->account + ":") != std::string::npos;
             }))
        error("ENDPOINT_PRINCIPAL_NOT_ALLOWED", {id, e.service.str()},
              "account " + consumer->account + " of " + id + " is not an allowed principal of " + what);
}

// PL-2: an interface, resource or service-network endpoint connects to what its type says.
void Linter::checkEndpointTarget(const Resource& r, const VpcEndpoint& e, const AwsService* aws, const EndpointService* svc,
                                 const LoadBalancer* lb)
{
    const std::string id = r.id.str();
    const std::string target = e.service.str();
    const ResourceConfiguration* config = get<ResourceConfiguration>(e.service);
    switch (e.endpointType) {
    case EndpointType::Interface:
        if (lb && lb->lbType != LoadBalancerType::Network)
            error("ENDPOINT_TYPE_MISMATCH", {id, target},
                  "interface endpoint " + id + " connects to a Gateway Load Balancer service; use a gatewayLoadBalancer endpoint");
        else if (!aws && !svc && m_design.find(e.service))
            error("ENDPOINT_TYPE_MISMATCH", {id, target},
                  "interface endpoint " + id + " connects to " + target + "; an interface endpoint reaches an AWS service or an "
                  "endpoint service, a resource configuration needs a resource endpoint and a service network a "
                  "serviceNetwork endpoint (PL-2)");
        return;
    case EndpointType::Resource:
        if (!config)
            error("ENDPOINT_TYPE_MISMATCH", {id, target},
                  "resource endpoint " + id + " connects to " + target + "; a resource endpoint reaches one resource configuration (PL-2)");
        else if (config->configurationType == ResourceConfigurationType::Child)
            error("ENDPOINT_TYPE_MISMATCH", {id, target},
                  "resource endpoint " + id + " connects to child configuration " + target +
                      "; children are reached through an endpoint to their group (PL-2)");
        else
            checkPrincipals(r, e, config->allowedPrincipals, get<Vpc>(vpcOf(config->resourceGateway.value_or(ResourceId()))),
                            "resource configuration " + target);
        return;
    case EndpointType::ServiceNetwork:
        if (!get<ServiceNetwork>(e.service))
            error("ENDPOINT_TYPE_MISMATCH", {id, target},
                  "service-network endpoint " + id + " connects to " + target + "; it reaches a service network (PL-2)");
        return;
    case EndpointType::Gateway:
    case EndpointType::GatewayLoadBalancer:
        return;
    }
}

void Linter::checkConsumer(const Resource& r, const VpcEndpoint& e, const EndpointService& svc, const LoadBalancer* lb)
{
    const std::string id = r.id.str();
    const Vpc* consumer = get<Vpc>(e.vpc);
    const auto providerVpcId = lb && !lb->subnets.empty() ? vpcOf(lb->subnets.front()) : std::nullopt;
    const Vpc* provider = get<Vpc>(providerVpcId);
    checkPrincipals(r, e, svc.allowedPrincipals, provider, "endpoint service " + e.service.str());
    const std::string consumerRegion = regionOfVpc(e.vpc);
    const std::string providerRegion = provider ? regionCodeOf(provider->region) : std::string();
    if (!consumerRegion.empty() && !providerRegion.empty() && consumerRegion != providerRegion) {
        const Region* cr = consumer ? get<Region>(consumer->region) : nullptr;
        const Region* pr = provider ? get<Region>(provider->region) : nullptr;
        const bool listed = std::find(svc.supportedRegions.begin(), svc.supportedRegions.end(), consumerRegion) !=
                            svc.supportedRegions.end();
        if (!listed || (cr && pr && cr->partition != pr->partition))
            error("ENDPOINT_SERVICE_REGION_NOT_SUPPORTED", {id, e.service.str()},
                  "endpoint " + id + " in " + consumerRegion + " connects to " + e.service.str() + " in " +
                      providerRegion + (listed ? ", across partitions" : ", which does not list " + consumerRegion + " in supportedRegions"));
    } else if (lb && e.endpointType == EndpointType::Interface) {
        std::set<std::string> lbAzs;
        for (const ResourceId& s : lb->subnets)
            if (const Subnet* subnet = get<Subnet>(s))
                lbAzs.insert(subnet->availabilityZone);
        for (const ResourceId& s : e.subnets)
            if (const Subnet* subnet = get<Subnet>(s); subnet && !lbAzs.count(subnet->availabilityZone))
                error("VPCE_SERVICE_NOT_INSTALLED_IN_AZ", {id, s.str(), e.service.str()},
                      "endpoint " + id + " has subnet " + s.str() + " in AZ " + subnet->availabilityZone +
                          ", where the load balancer of " + e.service.str() + " is not enabled");
    }
    if (e.privateDns && !svc.privateDnsName.empty() && !svc.privateDnsVerified)
        warning("ENDPOINT_SERVICE_DNS_UNVERIFIED", {e.service.str(), id},
                "endpoint service " + e.service.str() + " has the private DNS name " + svc.privateDnsName +
                    ", which is not verified; " + id + " cannot use it");
}

void Linter::check(const Resource& r, const LoadBalancer& lb)
{
    oneSubnetPerAz(r, lb.subnets, "ONE_SUBNET_PER_AZ");
    if (const auto vpc = vpcOf(r)) {
        sameVpc(r, *vpc, lb.subnets, "subnet");
        sameVpc(r, *vpc, lb.securityGroups, "security group");
    }
    // NLB-2: security groups are for Network Load Balancers; AWS refuses them on a Gateway one.
    if (lb.lbType == LoadBalancerType::Gateway && !lb.securityGroups.empty())
        error("LB_SECURITY_GROUPS_ON_GWLB", {r.id.str()},
              "Gateway Load Balancer " + r.id.str() + " has security groups; AWS associates them only with Network Load "
                                                      "Balancers (NLB-2)");
    for (const LoadBalancerTarget& t : lb.targets)
        if (t.ip && !t.ip->isPrivate())
            error("LB_TARGET_PUBLIC_IP", {r.id.str()},
                  "load balancer " + r.id.str() + " has IP target " + t.ip->toString() +
                      "; IP targets must be private (RFC 1918 / RFC 6598) addresses");
}

void Linter::check(const Resource& r, const ResolverEndpoint& e)
{
    sameVpc(r, e.vpc, e.subnets, "subnet");
    sameVpc(r, e.vpc, e.securityGroups, "security group");
}

void Linter::check(const Resource& r, const PrivateHostedZone& z)
{
    for (const ResourceId& id : z.vpcs)
        if (const Vpc* v = get<Vpc>(id); v && !v->enableDnsSupport)
            warning("DNS_ZONE_VPC_DNS_OFF", {r.id.str(), id.str()},
                    "private hosted zone " + z.domain + " is associated with VPC " + id.str() +
                        ", whose enableDnsSupport is off, so it is never answered there");
}

void Linter::checkGatewayEndpointRoutes()
{
    for (const auto& [key, endpoints] : m_gatewayRoutes)
        if (endpoints.size() > 1) {
            const std::string table = key.substr(0, key.find('|'));
            std::vector<std::string> ids{table};
            ids.insert(ids.end(), endpoints.begin(), endpoints.end());
            error("GATEWAY_ENDPOINT_DUPLICATE", ids,
                  "route table " + table + " is associated with " + std::to_string(endpoints.size()) +
                      " gateway endpoints for " + key.substr(key.find('|') + 1) + "; one per service per table");
        }
}

} // namespace pp::lint
