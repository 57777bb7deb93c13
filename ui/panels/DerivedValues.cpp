#include "panels/DerivedValues.h"

#include "aws/AwsData.h"
#include "panels/FieldLabels.h"
#include "panels/ReferenceChoices.h"

#include <QCoreApplication>
#include <QHeaderView>
#include <QTableWidget>
#include <boost/range/iterator_range.hpp>
#include <map>

namespace pp::ui {
namespace {

QString tr(const char* text) { return QCoreApplication::translate("DerivedValues", text); }
QString str(const std::string& s) { return QString::fromStdString(s); }
QString labelOf(const Design& d, const ResourceId& id) { return referenceLabel(d, str(id.str())); }

QString addressText(const Network& n, const ResourceId& id, const ResourceId& subnet)
{
    const QString address = str(n.interfaceAddress(id, subnet).toString());
    return n.isAssumedAddress(id) ? tr("%1 (assigned by PrivatePath)").arg(address) : address;
}

void endpointValues(const Network& n, const Resource& r, const VpcEndpoint& e, std::vector<DerivedValue>& out)
{
    const Design& d = n.design();
    if (e.endpointType != EndpointType::Gateway)
        for (const ResourceId& subnet : e.subnets)
            out.push_back({QStringLiteral("eni-") + str(subnet.str()), tr("Interface in %1").arg(str(subnet.str())),
                           addressText(n, r.id, subnet),
                           tr("The private address paths use for the endpoint's network interface in this subnet; AWS "
                              "assigns the real one when the endpoint is created.")});
    if (e.endpointType != EndpointType::Interface)
        return;
    const std::string region = n.regionCodeOfVpc(e.vpc);
    if (const AwsService* s = d.findAs<AwsService>(e.service)) {
        out.push_back({QStringLiteral("dnsEndpoint"), tr("Endpoint DNS name"),
                       str(r.id.str() + "." + s->service + "." + region + ".vpce.amazonaws.com"),
                       tr("The endpoint-specific name; it always resolves to the endpoint's interfaces.")});
        const Vpc* vpc = d.findAs<Vpc>(e.vpc);
        const bool resolves = e.privateDns && vpc && vpc->enableDnsSupport && vpc->enableDnsHostnames;
        const QString name = str(serviceDefaultDnsName(s->service, n.regionCodeOf(s->region)));
        out.push_back({QStringLiteral("dnsPrivate"), tr("Private DNS name"),
                       resolves ? tr("%1 → this endpoint").arg(name)
                                : tr("%1 → public addresses (private DNS %2)")
                                      .arg(name, e.privateDns ? tr("needs both VPC DNS attributes") : tr("is off")),
                       tr("The service's default name resolves to the endpoint inside the VPC only with private DNS "
                          "on and the VPC's DNS support and hostnames on (IF-2).")});
    } else if (const EndpointService* es = d.findAs<EndpointService>(e.service); es && !es->privateDnsName.empty()) {
        out.push_back({QStringLiteral("dnsPrivate"), tr("Private DNS name"),
                       es->privateDnsVerified ? str(es->privateDnsName)
                                              : tr("%1 (not verified by the provider)").arg(str(es->privateDnsName)),
                       tr("The provider's name resolves to the endpoint only once the provider verified it (SVC-6).")});
    }
}

} // namespace

std::vector<DerivedValue> derivedValues(const Network& n, const Resource& r)
{
    const Design& d = n.design();
    std::vector<DerivedValue> out;
    if (const Subnet* s = r.as<Subnet>()) {
        const std::optional<ResourceId> table = n.routeTableOf(r.id);
        out.push_back({QStringLiteral("effectiveRouteTable"), tr("Route table in effect"),
                       !table ? tr("none: only the local route") :
                       s->routeTable ? labelOf(d, *table) : tr("%1, the VPC's main table").arg(labelOf(d, *table)),
                       tr("A subnet without an explicit route table uses its VPC's main route table (RT-4).")});
    } else if (const NatGateway* nat = r.as<NatGateway>()) {
        out.push_back({QStringLiteral("privateIp"), tr("Private IPv4 address in use"), addressText(n, r.id, nat->subnet.value_or(ResourceId())),
                       tr("The address paths through this NAT gateway use as their source.")});
    } else if (const Workload* w = r.as<Workload>(); w && !w->privateIp) {
        out.push_back({QStringLiteral("privateIp"), tr("Private IPv4 address in use"), addressText(n, r.id, w->subnet),
                       tr("The address paths from and to this workload use.")});
    } else if (const VpcEndpoint* e = r.as<VpcEndpoint>()) {
        endpointValues(n, r, *e, out);
    } else if (const RouteTable* t = r.as<RouteTable>()) {
        QStringList subnets;
        d.forEach<Subnet>([&](const Resource& sr, const Subnet& subnet) {
            if (subnet.vpc == t->vpc && n.routeTableOf(sr.id) == r.id)
                subnets << (subnet.routeTable ? labelOf(d, sr.id) : tr("%1 (implicitly, main table)").arg(labelOf(d, sr.id)));
        });
        out.push_back({QStringLiteral("subnets"), tr("Used by subnets"), subnets.isEmpty() ? tr("none") : subnets.join(QStringLiteral(", ")),
                       tr("Subnets associated with this table, and, for the main table, subnets without a table of "
                          "their own (RT-4).")});
        // An edge association: the gateways whose inbound traffic this table routes (RT-9).
        QStringList gateways;
        d.forEach<InternetGateway>([&](const Resource& gr, const InternetGateway& g) {
            if (g.routeTable == r.id)
                gateways << labelOf(d, gr.id);
        });
        d.forEach<VirtualPrivateGateway>([&](const Resource& gr, const VirtualPrivateGateway& g) {
            if (g.routeTable == r.id)
                gateways << labelOf(d, gr.id);
        });
        if (!gateways.isEmpty())
            out.push_back({QStringLiteral("gateways"), tr("Gateway route table of"), gateways.join(QStringLiteral(", ")),
                           tr("Traffic entering the VPC through these gateways is routed by this table before it reaches "
                              "its subnet (ingress routing, RT-9). Its routes may only send a whole subnet's CIDR, or a "
                              "whole VPC block, to a Gateway Load Balancer endpoint or a middlebox's network interface.")});
    }
    return out;
}

std::vector<EffectiveRoute> effectiveRoutes(const Network& n, const ForwardingGraph& graph, const ResourceId& routeTable)
{
    std::vector<EffectiveRoute> out;
    const std::optional<Vertex> from = graph.find(NodeKind::RouteTable, routeTable);
    if (!from)
        return out;
    const Design& d = n.design();
    // A prefix-list route is one edge per CIDR of the list: one row, where its first edge is.
    std::map<std::pair<std::string, Vertex>, std::size_t> prefixListRows;
    for (const Edge e : boost::make_iterator_range(boost::out_edges(*from, graph.graph()))) {
        const ForwardingEdge& edge = graph.edge(e);
        const Vertex to = graph.target(e);
        const ForwardingNode& node = graph.node(to);
        const QString cidr = edge.prefix ? str(edge.prefix->toString()) : tr("any");
        if (!edge.viaPrefixList.empty()) {
            const auto key = std::make_pair(edge.viaPrefixList.str(), to);
            if (const auto it = prefixListRows.find(key); it != prefixListRows.end()) {
                out[it->second].destinationTip += QLatin1Char('\n') + cidr;
                continue;
            }
            prefixListRows.emplace(key, out.size());
        }
        EffectiveRoute route;
        route.destination = cidr;
        route.state = tr("active");
        switch (node.kind) {
        case NodeKind::VpcLocal: route.target = tr("local"); break;
        case NodeKind::Blackhole: route.target = tr("none"); route.state = tr("blackhole"); break;
        case NodeKind::TgwIngress:
            if (const auto* a = d.findAs<TransitGatewayAttachment>(node.resource))
                route.target = tr("%1 via %2").arg(labelOf(d, a->transitGateway), labelOf(d, node.resource));
            break;
        default: route.target = labelOf(d, node.resource); break;
        }
        if (edge.local)
            route.origin = tr("local (implicit)");
        else if (edge.priority == RoutePriority::Propagated)
            route.origin = tr("propagated");
        else
            route.origin = tr("static");
        if (!edge.viaPrefixList.empty()) {
            if (const auto* service = d.findAs<AwsService>(edge.viaPrefixList)) {
                // The route a gateway endpoint adds to the tables it is associated with (GW-2).
                const std::string region = n.regionCodeOf(service->region);
                route.destination = QStringLiteral("com.amazonaws.%1.%2").arg(str(region), str(service->service));
                route.origin = tr("gateway endpoint");
            } else {
                route.destination = tr("prefix list %1").arg(labelOf(d, edge.viaPrefixList));
            }
            route.destinationTip = tr("Prefix list %1; entries:").arg(route.destination) + QLatin1Char('\n') + cidr;
        }
        out.push_back(std::move(route));
    }
    return out;
}

EffectiveRoutesTable::EffectiveRoutesTable(QWidget* parent) : QTableWidget(0, 4, parent)
{
    setObjectName(QStringLiteral("effective-routes"));
    setHorizontalHeaderLabels({tr("Destination"), tr("Target"), tr("Origin"), tr("State")});
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionMode(QAbstractItemView::NoSelection);
    setFocusPolicy(Qt::NoFocus);
    verticalHeader()->hide();
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff); // columns share the width; long text is elided
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);   // as tall as its rows
    setWordWrap(false);
    setTextElideMode(Qt::ElideMiddle);
    // Read-only: the window's background, so it does not look like the editable table above.
    setStyleSheet(QStringLiteral("QTableWidget { background: palette(window); }"));
    QHeaderView* header = horizontalHeader();
    header->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(1, QHeaderView::Stretch);
    header->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(3, QHeaderView::ResizeToContents);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void EffectiveRoutesTable::setRoutes(const std::vector<EffectiveRoute>& routes)
{
    setRowCount(int(routes.size()));
    for (int row = 0; row < int(routes.size()); ++row) {
        const EffectiveRoute& r = routes[std::size_t(row)];
        const QString texts[] = {r.destination, r.target, r.origin, r.state};
        for (int c = 0; c < 4; ++c) {
            QTableWidgetItem* item = this->item(row, c);
            if (!item) {
                item = new QTableWidgetItem;
                setItem(row, c, item);
            }
            item->setText(texts[c]);
            item->setToolTip(c == 0 && !r.destinationTip.isEmpty() ? r.destinationTip : texts[c]);
        }
    }
    resizeRowsToContents();
    updateGeometry();
}

QSize EffectiveRoutesTable::sizeHint() const
{
    int height = 2 * frameWidth() + horizontalHeader()->sizeHint().height();
    for (int row = 0; row < rowCount(); ++row)
        height += rowHeight(row);
    return {QTableWidget::sizeHint().width(), height + 2};
}

QSize EffectiveRoutesTable::minimumSizeHint() const { return {120, sizeHint().height()}; }

} // namespace pp::ui
