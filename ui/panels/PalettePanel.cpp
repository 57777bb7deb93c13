#include "panels/PalettePanel.h"

#include "canvas/Style.h"

#include <QMimeData>

namespace pp::ui {

PalettePanel::PalettePanel(QWidget* parent) : QListWidget(parent)
{
    setObjectName(QStringLiteral("palette"));
    setViewMode(QListView::ListMode);
    setIconSize(QSize(28, 28));
    setDragEnabled(true);
    setDragDropMode(QAbstractItemView::DragOnly);
    setSelectionMode(QAbstractItemView::SingleSelection);
    static const Kind kinds[] = {Kind::Region,          Kind::Vpc,           Kind::Subnet,           Kind::Workload,
                                 Kind::InternetGateway, Kind::NatGateway,    Kind::VpcEndpoint,      Kind::AwsService,
                                 Kind::InternetHost,    Kind::RouteTable,    Kind::SecurityGroup,    Kind::NetworkAcl,
                                 Kind::EgressOnlyInternetGateway, Kind::TransitGateway, Kind::VirtualPrivateGateway,
                                 Kind::NetworkFirewall, Kind::ResolverEndpoint, Kind::OnPremisesNetwork, Kind::OnPremisesHost,
                                 Kind::CustomerGateway, Kind::DirectConnectGateway, Kind::ResourceGateway,
                                 Kind::ResourceConfiguration, Kind::ServiceNetwork};
    for (Kind k : kinds) {
        auto* item = new QListWidgetItem(style::kindIcon(k), style::kindLabel(k), this);
        item->setData(Qt::UserRole, int(k));
        item->setToolTip(kindToolTip(k));
    }
}

QString PalettePanel::kindToolTip(Kind kind)
{
    // What it is in AWS terms, then where it may be dropped: the same rules placeResource()
    // applies, so a drop that follows the tooltip is never refused.
    QString what;
    QString where;
    switch (kind) {
    case Kind::Region:
        what = tr(
            "an AWS Region (US East, N. Virginia, until you change it); it holds VPCs, and AWS services and "
            "transit gateways belong to one.");
        where = tr("Drop it anywhere on the canvas.");
        break;
    case Kind::Vpc:
        what = tr("a Virtual Private Cloud, your isolated network in a Region; it gets the next free /16 of "
                  "10.0.0.0/8.");
        where = tr("Drop it inside a Region, or on the empty canvas to get a Region around it.");
        break;
    case Kind::Subnet:
        what = tr(
            "a range of the VPC's addresses in one Availability Zone; it gets the next free /24 and the next "
            "zone.");
        where = tr("Drop it inside a VPC.");
        break;
    case Kind::Workload:
        what =
            tr("an EC2 instance or any workload with an address in a subnet; it gets the next free address.");
        where = tr("Drop it inside a subnet.");
        break;
    case Kind::InternetGateway:
        what = tr(
            "lets the VPC reach the internet and be reached from it; public subnets route 0.0.0.0/0 to it.");
        where = tr("Drop it inside a VPC.");
        break;
    case Kind::NatGateway:
        what = tr(
            "a public NAT gateway: instances in private subnets open connections to the internet through it, "
            "behind its Elastic IP. It offers the default route for the private subnets.");
        where = tr("Drop it inside a subnet: a public one, so that it reaches the internet.");
        break;
    case Kind::VpcEndpoint:
        what = tr(
            "a gateway endpoint to Amazon S3 (the service is added if the Region has none): the VPC reaches "
            "the service without the internet. Type and service can be changed in the inspector.");
        where = tr("Drop it inside a VPC.");
        break;
    case Kind::AwsService:
        what = tr("an AWS service in a Region, such as Amazon S3 or SQS, that flows can connect to.");
        where = tr(
            "Drop it on the canvas beside a Region: it belongs to the Region it is dropped on, or the first "
            "one (add a Region first).");
        break;
    case Kind::InternetHost:
        what = tr("a server on the public internet, such as a partner's API, for flows that leave AWS.");
        where = tr("Drop it anywhere on the canvas, outside the Regions.");
        break;
    case Kind::RouteTable:
        what =
            tr("decides where a subnet's traffic goes: local, gateways, endpoints, peerings; its routes and "
               "subnets are edited in the inspector.");
        where = tr("Drop it inside a VPC.");
        break;
    case Kind::SecurityGroup:
        what =
            tr("a stateful firewall around instances and endpoints; a new one allows all outbound traffic.");
        where = tr("Drop it inside a VPC.");
        break;
    case Kind::NetworkAcl:
        what = tr("a stateless firewall on subnets, with numbered allow and deny rules in each direction.");
        where = tr("Drop it inside a VPC.");
        break;
    case Kind::EgressOnlyInternetGateway:
        what = tr("lets IPv6 traffic leave the VPC for the internet without letting the internet in.");
        where = tr("Drop it inside a VPC.");
        break;
    case Kind::TransitGateway:
        what = tr(
            "a regional hub that connects VPCs, VPNs and Direct Connect; Draw Flow from a VPC to it attaches "
            "the VPC.");
        where = tr(
            "Drop it on the canvas beside a Region: it belongs to the Region it is dropped on, or the first "
            "one (add a Region first).");
        break;
    case Kind::VirtualPrivateGateway:
        what = tr("the AWS end of a Site-to-Site VPN or a Direct Connect link for one VPC.");
        where = tr("Drop it inside a VPC.");
        break;
    case Kind::NetworkFirewall:
        what = tr(
            "AWS Network Firewall: inspects the traffic route tables send to it with stateless and stateful "
            "rules and domain lists; one endpoint per Availability Zone, in firewall subnets of its own.");
        where = tr(
            "Drop it inside a VPC: on the subnet that will be its firewall subnet, or elsewhere in the VPC "
            "and choose its subnets in the inspector.");
        break;
    case Kind::ResourceGateway:
        what = tr(
            "a VPC Lattice resource gateway: the provider's door for resource endpoints and service networks. It "
            "connects to the resources with its own addresses, so their security groups must admit it.");
        where = tr(
            "Drop it inside a VPC: on the provider VPC's subnet for its first interface (one per Availability Zone; "
            "add more in the inspector).");
        break;
    case Kind::ResourceConfiguration:
        what = tr(
            "a resource configuration: one resource (an RDS database, an instance, an IP address or a domain name) "
            "that a resource gateway lets consumers in other VPCs and accounts reach over PrivateLink, TCP only.");
        where = tr(
            "Drop it anywhere on the canvas (inside the provider VPC, it uses that VPC's resource gateway); then "
            "drag from the resource onto it, and from a consumer's VPC endpoint onto it.");
        break;
    case Kind::ServiceNetwork:
        what = tr(
            "a VPC Lattice service network: gathers resource configurations so that one service-network endpoint "
            "in a consumer VPC reaches them all.");
        where = tr("Drop it anywhere on the canvas; drag resource configurations and service-network endpoints onto it.");
        break;
    case Kind::ResolverEndpoint:
        what =
            tr("a Route 53 Resolver endpoint: answers DNS queries from on-premises (inbound) or forwards the "
               "VPC's queries there (outbound).");
        where = tr("Drop it inside a VPC.");
        break;
    case Kind::OnPremisesNetwork:
        what = tr(
            "your data centre or office network (192.168.0.0/16 until you change it), reached over a VPN or "
            "Direct Connect.");
        where = tr("Drop it anywhere on the canvas, outside the Regions.");
        break;
    case Kind::OnPremisesHost:
        what = tr("a server or client in your data centre, with an address in its network.");
        where = tr("Drop it inside an on-premises network.");
        break;
    case Kind::CustomerGateway:
        what = tr("your data centre's VPN router; Draw Flow from it to a virtual private or transit gateway "
                  "creates a Site-to-Site VPN.");
        where = tr("Drop it inside an on-premises network.");
        break;
    case Kind::DirectConnectGateway:
        what =
            tr("a global gateway that joins Direct Connect virtual interfaces to virtual private or transit "
               "gateways in any Region.");
        where = tr("Drop it anywhere on the canvas.");
        break;
    default:
        where = tr("Drop it on the canvas.");
        break;
    }
    // Rich text, so that Qt wraps the tooltip instead of drawing one long line.
    QString tip = QStringLiteral("<p><b>%1</b>").arg(style::kindLabel(kind).toHtmlEscaped());
    if (!what.isEmpty())
        tip += QStringLiteral(" — ") + what.toHtmlEscaped();
    return tip + QStringLiteral("</p><p>") + where.toHtmlEscaped() + QStringLiteral("</p>");
}

QMimeData* PalettePanel::mimeData(const QList<QListWidgetItem*>& items) const
{
    auto* mime = new QMimeData;
    if (!items.isEmpty())
        mime->setData(kKindMimeType, QByteArray::number(items.first()->data(Qt::UserRole).toInt()));
    return mime;
}

} // namespace pp::ui
