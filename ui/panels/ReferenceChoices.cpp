#include "panels/ReferenceChoices.h"

#include "design/Placement.h"

#include <QCoreApplication>
#include <set>

namespace pp::ui {
namespace {

ReferenceChoice choiceOf(const Resource& r)
{
    const QString id = QString::fromStdString(r.id.str());
    const QString name = QString::fromStdString(r.name);
    return {id, name.isEmpty() || name == id ? id : QStringLiteral("%1 (%2)").arg(name, id)};
}

ReferenceChoice localChoice()
{
    return {QString::fromLatin1(kLocalTarget.data(), qsizetype(kLocalTarget.size())),
            QCoreApplication::translate("ReferenceChoices", "local (within the VPC)")};
}

// The VPC whose resources `key` of `self` should come from, when it is narrowed to one.
std::optional<ResourceId> scopeOf(const Design& design, const Resource& self, std::string_view key)
{
    if (const auto* a = self.as<TransitGatewayAttachment>())
        return key == "subnets" && a->attachmentType == TgwAttachmentType::Vpc ? std::optional(a->resource) : std::nullopt;
    if (self.as<LoadBalancer>())
        return std::nullopt; // its subnets decide its VPC
    const bool scoped = key == "subnets" || key == "securityGroups" || key == "routeTables" ||
                        (self.as<Subnet>() && (key == "routeTable" || key == "networkAcl"));
    return scoped ? vpcOfResource(design, self.id) : std::nullopt;
}

} // namespace

QString referenceLabel(const Design& design, const QString& id)
{
    if (id == localChoice().id)
        return localChoice().label;
    const Resource* r = id.isEmpty() ? nullptr : design.find(ResourceId(id.toStdString()));
    return r ? choiceOf(*r).label : id;
}

std::vector<ReferenceChoice> referenceChoices(const Design& design, const Resource* self, std::string_view key,
                                              KindMask kinds, bool allowLocal)
{
    if (self && key == "target")
        if (const RouteTable* table = self->as<RouteTable>())
            return routeTargets(design, table->vpc);
    std::vector<ReferenceChoice> out;
    if (allowLocal)
        out.push_back(localChoice());
    const std::optional<ResourceId> vpc = self ? scopeOf(design, *self, key) : std::nullopt;
    const RouteTable* table = self ? self->as<RouteTable>() : nullptr;
    for (const Resource& r : design.resources()) {
        if (!kinds.contains(r.kind()))
            continue;
        if (vpc && vpcOfResource(design, r.id) != vpc)
            continue;
        if (table && key == "propagatingGateways" && vpcOfResource(design, r.id) != table->vpc)
            continue; // only the VPC's own virtual private gateway propagates into its tables
        out.push_back(choiceOf(r));
    }
    return out;
}

std::vector<ReferenceChoice> routeTargets(const Design& design, const ResourceId& vpc)
{
    std::vector<ReferenceChoice> out{localChoice()};
    std::set<ResourceId> attachedTransitGateways;
    design.forEach<TransitGatewayAttachment>([&](const Resource&, const TransitGatewayAttachment& a) {
        if (a.attachmentType == TgwAttachmentType::Vpc && a.resource == vpc)
            attachedTransitGateways.insert(a.transitGateway);
    });
    for (const Resource& r : design.resources()) {
        bool target = false;
        if (const auto* igw = r.as<InternetGateway>())
            target = igw->vpc == vpc;
        else if (const auto* eigw = r.as<EgressOnlyInternetGateway>())
            target = eigw->vpc == vpc;
        else if (const auto* vgw = r.as<VirtualPrivateGateway>())
            target = vgw->vpc == vpc;
        else if (r.as<NatGateway>() || r.as<Workload>())
            target = vpcOfResource(design, r.id) == vpc;
        else if (const auto* pcx = r.as<VpcPeering>())
            target = pcx->requesterVpc == vpc || pcx->accepterVpc == vpc;
        else if (r.as<TransitGateway>())
            target = attachedTransitGateways.count(r.id) > 0;
        else if (const auto* e = r.as<VpcEndpoint>())
            target = e->vpc == vpc && e->endpointType == EndpointType::GatewayLoadBalancer;
        if (target)
            out.push_back(choiceOf(r));
    }
    return out;
}

} // namespace pp::ui
