#include "canvas/Placement.h"

#include "aws/AwsServices.h"
#include "canvas/Style.h"
#include "edit/Defaults.h"
#include "edit/DiagramFollow.h"

#include <QCoreApplication>
#include <cmath>

namespace pp::ui {
namespace {

std::string freshId(const Design& d, const std::string& prefix)
{
    for (int n = 1;; ++n)
        if (!d.containsId(prefix + "-" + std::to_string(n)))
            return prefix + "-" + std::to_string(n);
}

QString tr(const char* text) { return QCoreApplication::translate("Placement", text); }

double snap(double v) { return std::round(v / style::kGrid) * style::kGrid; }

// The nearest container of `kind` at or above `id` in the drawing.
std::optional<ResourceId> enclosing(const Design& d, std::optional<ResourceId> id, Kind kind)
{
    for (int guard = 0; id && guard < 64; ++guard) {
        const Resource* r = d.find(*id);
        if (r && r->kind() == kind)
            return id;
        std::optional<ResourceId> parent;
        for (const Shape& s : d.diagram.shapes)
            if (s.resource == *id)
                parent = s.parent;
        id = parent;
    }
    return std::nullopt;
}

} // namespace

Placement placeResource(const Design& d, Kind kind, const std::optional<ResourceId>& container, QPointF at,
                        const std::function<QPointF(const ResourceId&)>& originOf)
{
    Placement out;
    ChangeSetBuilder b(d);
    bool positioned = false; // the case placed the shape itself
    const QSizeF size = style::defaultSize(kind);
    Shape shape;
    shape.width = size.width();
    shape.height = size.height();
    shape.x = snap(at.x() - size.width() / 2);
    shape.y = snap(at.y() - (style::isContainer(kind) ? style::kHeader / 2 : size.height() / 2));
    Resource r;
    const auto region = enclosing(d, container, Kind::Region);
    const auto vpc = enclosing(d, container, Kind::Vpc);
    const auto subnet = enclosing(d, container, Kind::Subnet);
    const auto onPremises = enclosing(d, container, Kind::OnPremisesNetwork);
    auto firstRegion = [&]() -> std::optional<ResourceId> {
        for (const Resource& res : d.resources())
            if (res.as<Region>())
                return res.id;
        return std::nullopt;
    };
    auto needVpc = [&]() {
        if (!vpc)
            out.refusal = tr("Drop it inside a VPC.");
        return vpc.has_value();
    };
    auto needSubnet = [&]() {
        if (!subnet)
            out.refusal = tr("Drop it inside a subnet.");
        return subnet.has_value();
    };
    switch (kind) {
    case Kind::Region: {
        r.id = ResourceId(freshId(d, "region"));
        r.name = "US East (N. Virginia)";
        r.data = Region{"us-east-1", "aws", {"use1-az1", "use1-az2", "use1-az3"}};
        break;
    }
    case Kind::Vpc: {
        std::optional<ResourceId> inRegion = region;
        if (!inRegion) {
            // A VPC needs a Region: dropped on the empty canvas, it gets one around it.
            Resource reg;
            reg.id = ResourceId(freshId(d, "region"));
            reg.name = "US East (N. Virginia)";
            reg.data = Region{"us-east-1", "aws", {"use1-az1", "use1-az2", "use1-az3"}};
            b.add(reg);
            const QSizeF regionSize = style::defaultSize(Kind::Region);
            b.setShape(Shape{reg.id, std::nullopt, snap(at.x() - 40), snap(at.y() - 60), regionSize.width(), regionSize.height()});
            inRegion = reg.id;
            shape.x = 40;
            shape.y = 60;
            shape.parent = reg.id;
        } else {
            shape.parent = inRegion;
        }
        std::vector<Cidr> taken;
        for (const Resource& res : d.resources())
            if (const Vpc* v = res.as<Vpc>())
                taken.insert(taken.end(), v->ipv4Cidrs.begin(), v->ipv4Cidrs.end());
        const auto block = firstFreeBlock(*Cidr::parse("10.0.0.0/8"), 16, taken);
        if (!block) {
            out.refusal = tr("No free /16 left in 10.0.0.0/8.");
            return out;
        }
        r.id = ResourceId(freshId(d, "vpc"));
        r.data = Vpc{*inRegion, "", {*block}, std::nullopt, true, true};
        break;
    }
    case Kind::Subnet: {
        if (!needVpc())
            return out;
        const Vpc* v = d.findAs<Vpc>(*vpc);
        std::vector<Cidr> taken;
        int count = 0;
        for (const Resource& res : d.resources())
            if (const Subnet* s = res.as<Subnet>(); s && s->vpc == *vpc) {
                taken.push_back(s->cidr);
                ++count;
            }
        std::optional<Cidr> block;
        for (const Cidr& c : v->ipv4Cidrs)
            if (!block)
                block = firstFreeBlock(c, std::min(28, std::max(24, c.prefixLength() + 1)), taken);
        if (!block) {
            out.refusal = tr("The VPC has no free /24 left.");
            return out;
        }
        std::string az = "use1-az1";
        if (const Region* reg = d.findAs<Region>(v->region); reg && !reg->availabilityZones.empty())
            az = reg->availabilityZones[std::size_t(count) % reg->availabilityZones.size()];
        r.id = ResourceId(freshId(d, "subnet"));
        r.data = Subnet{*vpc, *block, std::nullopt, az, std::nullopt, std::nullopt};
        shape.parent = vpc;
        break;
    }
    case Kind::Workload: {
        if (!needSubnet())
            return out;
        const auto address = nextFreeAddress(d, *subnet);
        if (!address) {
            out.refusal = tr("The subnet has no free address left.");
            return out;
        }
        Workload w;
        w.subnet = *subnet;
        w.privateIp = address;
        r.id = ResourceId(freshId(d, "instance"));
        r.data = w;
        shape.parent = subnet;
        break;
    }
    case Kind::NatGateway: {
        if (!needSubnet())
            return out;
        r.id = ResourceId(freshId(d, "nat"));
        int n = 0;
        for (const Resource& res : d.resources())
            n += res.as<NatGateway>() != nullptr;
        r.data = NatGateway{NatAvailabilityMode::Zonal, *subnet, std::nullopt, NatConnectivity::Public, IpAddress::v4(0xCB007100u + std::uint32_t(10 + n)), std::nullopt,
                            LifecycleState::Available};
        shape.parent = subnet;
        break;
    }
    case Kind::InternetGateway:
    case Kind::EgressOnlyInternetGateway:
    case Kind::RouteTable:
    case Kind::SecurityGroup:
    case Kind::NetworkAcl:
    case Kind::VirtualPrivateGateway:
    case Kind::ResolverEndpoint:
    case Kind::NetworkFirewall:
    case Kind::ResourceGateway:
    case Kind::VpcEndpoint: {
        if (!needVpc())
            return out;
        shape.parent = vpc;
        if (kind == Kind::InternetGateway) {
            r.id = ResourceId(freshId(d, "igw"));
            r.data = InternetGateway{.vpc = *vpc, .routeTable = {}};
        } else if (kind == Kind::EgressOnlyInternetGateway) {
            r.id = ResourceId(freshId(d, "eigw"));
            r.data = EgressOnlyInternetGateway{*vpc};
        } else if (kind == Kind::RouteTable) {
            r.id = ResourceId(freshId(d, "rt"));
            r.data = RouteTable{*vpc, false, {}, {}};
            if (subnet) {
                // Dropped onto a subnet: the subnet's table from now on, drawn in the VPC below it.
                Resource associated = *d.find(*subnet);
                std::get<Subnet>(associated.data).routeTable = r.id;
                b.modify(associated);
                const QPointF below = originOf(*subnet) - originOf(*vpc);
                for (const Shape& s : d.diagram.shapes)
                    if (s.resource == *subnet) {
                        shape.x = snap(below.x());
                        shape.y = snap(below.y() + s.height + 20);
                    }
                positioned = true;
                out.message = tr("Route table %1 associated with %2")
                                  .arg(QString::fromStdString(r.id.str()), QString::fromStdString(subnet->str()));
            }
        } else if (kind == Kind::SecurityGroup) {
            r.id = ResourceId(freshId(d, "sg"));
            // As AWS creates a group: no inbound rule, all outbound traffic allowed (DEF-1).
            r.data = SecurityGroup{*vpc, false, {}, awsDefaultOutbound()};
        } else if (kind == Kind::NetworkAcl) {
            r.id = ResourceId(freshId(d, "acl"));
            r.data = NetworkAcl{*vpc, {}, {}};
        } else if (kind == Kind::VirtualPrivateGateway) {
            r.id = ResourceId(freshId(d, "vgw"));
            r.data = VirtualPrivateGateway{.vpc = *vpc, .routeTable = {}};
        } else if (kind == Kind::NetworkFirewall) {
            // Dropped onto a subnet: that subnet is its firewall subnet, where its endpoint is drawn.
            r.id = ResourceId(freshId(d, "nfw"));
            NetworkFirewall fw;
            fw.vpc = *vpc;
            if (subnet) {
                fw.subnets = {*subnet};
                shape.parent = subnet;
            }
            r.data = fw;
        } else if (kind == Kind::ResourceGateway) {
            // Dropped onto a subnet: its first interface is there (PL-1).
            r.id = ResourceId(freshId(d, "rgw"));
            ResourceGateway gateway;
            gateway.vpc = *vpc;
            if (subnet) {
                gateway.subnets = {*subnet};
                shape.parent = subnet;
            }
            r.data = gateway;
        } else if (kind == Kind::ResolverEndpoint) {
            r.id = ResourceId(freshId(d, "rslvr"));
            r.data = ResolverEndpoint{*vpc, ResolverDirection::Inbound, {}, {}};
        } else {
            // For Amazon S3: the service is created next to the Region when missing.
            std::optional<ResourceId> s3;
            const Vpc* v = d.findAs<Vpc>(*vpc);
            for (const Resource& res : d.resources())
                if (const AwsService* svc = res.as<AwsService>(); svc && svc->service == "s3" && svc->region == v->region)
                    s3 = res.id;
            if (!s3) {
                Resource svc;
                svc.id = ResourceId(freshId(d, "s3"));
                svc.name = "Amazon S3";
                svc.data = AwsService{"s3", v->region};
                b.add(svc);
                double right = 0;
                for (const Shape& s : d.diagram.shapes)
                    if (s.resource == v->region)
                        right = s.x + s.width + 60;
                b.setShape(Shape{svc.id, std::nullopt, snap(right), 60, 90, 70});
                s3 = svc.id;
            }
            r.id = ResourceId(freshId(d, "vpce"));
            VpcEndpoint e;
            e.vpc = *vpc;
            e.service = *s3;
            if (subnet) {
                // Dropped into a subnet: an interface endpoint with its network interface there.
                e.endpointType = EndpointType::Interface;
                e.subnets = {*subnet};
                shape.parent = subnet;
            } else {
                e.endpointType = EndpointType::Gateway; // gateway endpoints live on the VPC (GW-1)
            }
            r.data = e;
        }
        break;
    }
    case Kind::AwsService: {
        auto reg = region ? region : firstRegion();
        if (!reg) {
            out.refusal = tr("Add a Region first: AWS services belong to a Region.");
            return out;
        }
        // S3 first, then the first listed service the Region has no tile for: a new tile never
        // duplicates one already drawn (AWS_SERVICE_DUPLICATE). The inspector picks another.
        std::string service = "s3";
        auto drawn = [&](std::string_view code) {
            for (const Resource& res : d.resources())
                if (const AwsService* svc = res.as<AwsService>(); svc && svc->service == code && svc->region == *reg)
                    return true;
            return false;
        };
        if (drawn(service))
            for (const AwsServiceInfo& info : awsServices())
                if (!drawn(info.code)) {
                    service = std::string(info.code);
                    break;
                }
        r.id = ResourceId(freshId(d, "service"));
        r.name = pp::awsServiceLabel(service);
        r.data = AwsService{service, *reg};
        break;
    }
    case Kind::InternetHost: {
        r.id = ResourceId(freshId(d, "internet-host"));
        int n = 0;
        for (const Resource& res : d.resources())
            n += res.as<InternetHost>() != nullptr;
        r.data = InternetHost{IpAddress::v4(0xCB007100u + std::uint32_t(100 + n)), ""};
        break;
    }
    case Kind::ResourceConfiguration: {
        // Outside any VPC, like the resource it describes to consumers; dropped in a VPC, it goes
        // through that VPC's resource gateway (PL-1). The inspector says what it reaches.
        r.id = ResourceId(freshId(d, "rcfg"));
        ResourceConfiguration config;
        if (vpc)
            d.forEach<ResourceGateway>([&](const Resource& g, const ResourceGateway& gateway) {
                if (!config.resourceGateway && gateway.vpc == *vpc)
                    config.resourceGateway = g.id;
            });
        config.portRanges = {PortRange{443, 443}};
        config.domainName = "resource.example.com";
        r.data = config;
        break;
    }
    case Kind::ServiceNetwork: {
        r.id = ResourceId(freshId(d, "sn"));
        r.data = ServiceNetwork{};
        break;
    }
    case Kind::OnPremisesNetwork: {
        r.id = ResourceId(freshId(d, "onprem"));
        r.data = OnPremisesNetwork{{*Cidr::parse("192.168.0.0/16")}, false, {}, {}}; // no internet breakout unless drawn (DEF-1)
        break;
    }
    case Kind::OnPremisesHost: {
        if (!onPremises) {
            out.refusal = tr("Drop it inside an on-premises network.");
            return out;
        }
        const OnPremisesNetwork* n = d.findAs<OnPremisesNetwork>(*onPremises);
        r.id = ResourceId(freshId(d, "host"));
        r.data = OnPremisesHost{*onPremises, IpAddress::v4(std::uint32_t(n->cidrs.front().network().value() + 10))};
        shape.parent = onPremises;
        break;
    }
    case Kind::CustomerGateway: {
        // The on-premises router's public end of a Site-to-Site VPN (TEST-NET-3 addresses).
        if (!onPremises) {
            out.refusal = tr("Drop it inside an on-premises network: a customer gateway is its VPN router.");
            return out;
        }
        int n = 0;
        for (const Resource& res : d.resources())
            n += res.as<CustomerGateway>() != nullptr;
        r.id = ResourceId(freshId(d, "cgw"));
        r.data = CustomerGateway{*onPremises, IpAddress::v4(0xCB007100u + std::uint32_t(200 + n)), 65000};
        shape.parent = onPremises;
        break;
    }
    case Kind::DirectConnectGateway: {
        r.id = ResourceId(freshId(d, "dxgw"));
        r.data = DirectConnectGateway{64512, {}};
        break;
    }
    case Kind::TransitGateway: {
        auto reg = region ? region : firstRegion();
        if (!reg) {
            out.refusal = tr("Add a Region first.");
            return out;
        }
        r.id = ResourceId(freshId(d, "tgw"));
        r.data = TransitGateway{*reg, std::nullopt, std::nullopt, false};
        break;
    }
    default:
        out.refusal = tr("%1 is created by connecting resources or in the inspector.").arg(style::kindLabel(kind));
        return out;
    }
    // Coordinates relative to the parent, and the shape stays inside it: a tile within the
    // parent's edges, a container below its title band (the parent grows to hold it).
    if (shape.parent && d.find(*shape.parent) && !(kind == Kind::Vpc && !region) && !positioned) {
        const QPointF origin = originOf(*shape.parent);
        shape.x = snap(at.x() - origin.x() - size.width() / 2);
        shape.y = snap(at.y() - origin.y() - (style::isContainer(kind) ? style::kHeader / 2 : size.height() / 2));
    }
    if (shape.parent)
        for (const Shape& s : d.diagram.shapes)
            if (s.resource == *shape.parent) {
                const bool grows = style::isContainer(kind);
                shape.x = std::clamp(shape.x, 10.0, grows ? std::max(10.0, shape.x) : std::max(10.0, s.width - shape.width - 10));
                shape.y = std::clamp(shape.y, style::kHeader,
                                     grows ? std::max(style::kHeader, shape.y) : std::max(style::kHeader, s.height - shape.height - 10));
            }
    shape.resource = r.id;
    b.add(r);
    b.setShape(shape);
    if (kind == Kind::Vpc)
        addMainRouteTable(b, d, r, &shape); // every VPC has one (RT-4): a real, drawn object
    out.created = r.id;
    out.change = followModel(d, b.build());
    return out;
}

} // namespace pp::ui
