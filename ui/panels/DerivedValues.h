#pragma once

// moc does not need the core (and cannot parse its C++20 concepts).
#ifndef Q_MOC_RUN
#include "analysis/ForwardingGraph.h"
#include "analysis/Network.h"
#endif

#include <QString>
#include <QTableWidget>
#include <vector>

namespace pp::ui {

// A value the engine works with that the design does not state, shown read-only where the user
// looks for it: the address the engine assumes for a NAT gateway or an endpoint's network
// interface, the route table a subnet actually uses, an endpoint's DNS names, the subnets a
// route table serves. Taken from the engine's own view of the design (analysis/Network), never
// worked out again here.
struct DerivedValue {
    QString key;   // object name suffix: the widget is "derived-<key>"
    QString label; // "Private IPv4 address in use"
    QString value; // "10.0.1.252 (assigned by PrivatePath)"
    QString tip;   // why, and the rule it comes from
};
std::vector<DerivedValue> derivedValues(const Network& network, const Resource& resource);

// The routes a VPC route table really has, as the forwarding graph builds them: the implicit
// local route of each VPC block, its own routes, routes propagated from its virtual private
// gateway, and the prefix-list route of each gateway endpoint associated with it (GW-2). A
// prefix-list route is one row (its CIDRs in the tooltip). Columns: destination, target, origin,
// state.
struct EffectiveRoute {
    QString destination;
    QString destinationTip;
    QString target;
    QString origin;
    QString state;
};
std::vector<EffectiveRoute> effectiveRoutes(const Network& network, const ForwardingGraph& graph,
                                            const ResourceId& routeTable);

// A read-only table of effective routes ("effective-routes"), as tall as its rows.
class EffectiveRoutesTable : public QTableWidget {
    Q_OBJECT
public:
    explicit EffectiveRoutesTable(QWidget* parent = nullptr);
    void setRoutes(const std::vector<EffectiveRoute>& routes);
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
};

} // namespace pp::ui
