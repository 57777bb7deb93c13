#include "panels/FieldLabels.h"

#include <QCoreApplication>
#include <QStringList>
#include <array>
#include <utility>

namespace pp::ui {
namespace {

// Keys whose words alone would read badly. The rest are split at capitals.
constexpr std::array<std::pair<std::string_view, const char*>, 32> kLabels{{
    {"name", QT_TRANSLATE_NOOP("FieldLabels", "Name")},
    {"ipv4Cidrs", QT_TRANSLATE_NOOP("FieldLabels", "IPv4 CIDR blocks")},
    {"ipv6Cidr", QT_TRANSLATE_NOOP("FieldLabels", "IPv6 CIDR block")},
    {"cidr", QT_TRANSLATE_NOOP("FieldLabels", "CIDR block")},
    {"cidrs", QT_TRANSLATE_NOOP("FieldLabels", "CIDR blocks")},
    {"enableDnsSupport", QT_TRANSLATE_NOOP("FieldLabels", "DNS resolution")},
    {"enableDnsHostnames", QT_TRANSLATE_NOOP("FieldLabels", "DNS hostnames")},
    {"availabilityZone", QT_TRANSLATE_NOOP("FieldLabels", "Availability Zone")},
    {"availabilityZones", QT_TRANSLATE_NOOP("FieldLabels", "Availability Zones")},
    {"routeTable", QT_TRANSLATE_NOOP("FieldLabels", "Route table")},
    {"networkAcl", QT_TRANSLATE_NOOP("FieldLabels", "Network ACL")},
    {"main", QT_TRANSLATE_NOOP("FieldLabels", "Main route table")},
    {"destinationPrefixList", QT_TRANSLATE_NOOP("FieldLabels", "Destination prefix list")},
    {"propagatingGateways", QT_TRANSLATE_NOOP("FieldLabels", "Route propagation from")},
    {"elasticIp", QT_TRANSLATE_NOOP("FieldLabels", "Elastic IP")},
    {"privateIp", QT_TRANSLATE_NOOP("FieldLabels", "Private IPv4 address")},
    {"publicIp", QT_TRANSLATE_NOOP("FieldLabels", "Public IPv4 address")},
    {"ipv6Address", QT_TRANSLATE_NOOP("FieldLabels", "IPv6 address")},
    {"isDefault", QT_TRANSLATE_NOOP("FieldLabels", "Default security group")},
    {"inbound", QT_TRANSLATE_NOOP("FieldLabels", "Inbound rules")},
    {"outbound", QT_TRANSLATE_NOOP("FieldLabels", "Outbound rules")},
    {"securityGroup", QT_TRANSLATE_NOOP("FieldLabels", "Peer security group")},
    {"prefixList", QT_TRANSLATE_NOOP("FieldLabels", "Peer prefix list")},
    {"endpointType", QT_TRANSLATE_NOOP("FieldLabels", "Endpoint type")},
    {"privateDns", QT_TRANSLATE_NOOP("FieldLabels", "Private DNS names")},
    {"privateDnsOnlyForInboundResolverEndpoint", QT_TRANSLATE_NOOP("FieldLabels", "Private DNS only for inbound Resolver endpoint")},
    {"lbType", QT_TRANSLATE_NOOP("FieldLabels", "Load balancer type")},
    {"vifType", QT_TRANSLATE_NOOP("FieldLabels", "Virtual interface type")},
    {"asn", QT_TRANSLATE_NOOP("FieldLabels", "BGP ASN")},
    {"ipAddress", QT_TRANSLATE_NOOP("FieldLabels", "IP address")},
    {"dnsName", QT_TRANSLATE_NOOP("FieldLabels", "DNS name")},
    {"ip", QT_TRANSLATE_NOOP("FieldLabels", "IP address")},
}};

// Words that are acronyms (or have their own spelling) once a key is split.
QString spelled(const QString& word)
{
    static const QStringList acronyms{QStringLiteral("cidr"), QStringLiteral("cidrs"), QStringLiteral("ip"),
                                      QStringLiteral("dns"),  QStringLiteral("vpc"),   QStringLiteral("vpcs"),
                                      QStringLiteral("asn"),  QStringLiteral("az"),    QStringLiteral("acl"),
                                      QStringLiteral("vpn"),  QStringLiteral("tgw"),   QStringLiteral("ipv4"),
                                      QStringLiteral("ipv6"), QStringLiteral("aws"),   QStringLiteral("nat")};
    const QString lower = word.toLower();
    if (!acronyms.contains(lower))
        return lower;
    if (lower == QLatin1String("ipv4") || lower == QLatin1String("ipv6"))
        return QStringLiteral("IPv") + lower.back();
    if (lower.endsWith(QLatin1Char('s')) && lower != QLatin1String("dns"))
        return lower.chopped(1).toUpper() + QLatin1Char('s');
    return lower.toUpper();
}

} // namespace

QString fieldLabel(std::string_view key)
{
    for (const auto& [k, label] : kLabels)
        if (k == key)
            return QCoreApplication::translate("FieldLabels", label);
    // camelCase to words: a capital (or a digit run after letters) starts a word.
    QStringList words;
    QString word;
    const QString text = QString::fromUtf8(key.data(), qsizetype(key.size()));
    for (const QChar c : text) {
        if (c.isUpper() && !word.isEmpty()) {
            words << word;
            word.clear();
        }
        word += c;
    }
    if (!word.isEmpty())
        words << word;
    for (QString& w : words)
        w = spelled(w);
    QString out = words.join(QLatin1Char(' '));
    if (!out.isEmpty() && out.front().isLower())
        out[0] = out.front().toUpper();
    return out;
}

bool fieldApplies(const Design& design, const Resource& resource, std::string_view key)
{
    if (const VpcEndpoint* e = resource.as<VpcEndpoint>()) {
        switch (e->endpointType) {
        case EndpointType::Gateway: // a route-table target for S3 / DynamoDB (GW-1, GW-2)
            return key != "subnets" && key != "securityGroups" && key != "privateDns" &&
                   key != "privateDnsOnlyForInboundResolverEndpoint";
        case EndpointType::Interface: { // ENIs in subnets, with security groups and private DNS (IF-1, IF-2)
            if (key == "privateDnsOnlyForInboundResolverEndpoint") { // S3 only (IF-6)
                const AwsService* service = design.findAs<AwsService>(e->service);
                return service && service->service == "s3";
            }
            return key != "routeTables";
        }
        case EndpointType::Resource:       // ENIs in subnets with security groups, to one resource configuration (PL-1)
        case EndpointType::ServiceNetwork: // ... or to a service network
            return key != "routeTables" && key != "privateDnsOnlyForInboundResolverEndpoint";
        case EndpointType::GatewayLoadBalancer: // one ENI, a route target; no security groups (SVC-8)
            return key != "routeTables" && key != "securityGroups" && key != "privateDns" &&
                   key != "privateDnsOnlyForInboundResolverEndpoint";
        }
    }
    if (const NatGateway* n = resource.as<NatGateway>()) {
        const bool regional = n->availabilityMode == NatAvailabilityMode::Regional; // NAT-1
        if (key == "subnet" || key == "vpc")
            return (key == "vpc") == regional;
        return key != "elasticIp" || n->connectivity == NatConnectivity::Public;
    }
    if (const ResourceConfiguration* c = resource.as<ResourceConfiguration>()) {
        // A group names no resource; a child takes its group's gateway (PL-1).
        const bool group = c->configurationType == ResourceConfigurationType::Group;
        const bool child = c->configurationType == ResourceConfigurationType::Child;
        if (key == "resource" || key == "ipAddress" || key == "domainName")
            return !group;
        if (key == "group")
            return child;
        if (key == "resourceGateway")
            return !child;
        return true;
    }
    if (const TransitGatewayAttachment* a = resource.as<TransitGatewayAttachment>())
        return key != "subnets" || a->attachmentType == TgwAttachmentType::Vpc;
    if (const DirectConnectVirtualInterface* v = resource.as<DirectConnectVirtualInterface>()) {
        if (key == "region")
            return v->vifType == VifType::Public;
        if (key == "gateway")
            return v->vifType != VifType::Public;
    }
    if (const LoadBalancer* lb = resource.as<LoadBalancer>())
        return key != "securityGroups" || lb->lbType == LoadBalancerType::Network;
    return true;
}

} // namespace pp::ui
