#pragma once

// Internet exposure on the canvas: a badge on each workload that reaches the internet or can be
// reached from it (what `privatepath check` reports as exposure), whether or not a flow is drawn.

#ifndef Q_MOC_RUN
#include "analysis/AnalysisResult.h"
#include "design/Design.h"
#endif

#include <QGraphicsItem>
#include <QStringList>

namespace pp::ui {

class ResourceItem;

// "Reaches the internet via NAT gateway nat-a → Internet gateway igw-a", and the same for
// inbound exposure, one sentence per direction.
QStringList exposureSentences(const Exposure& exposure, const Design& design);

// A small mark at a tile's top-left corner: an arrow leaving a circle (the sign of public paths),
// outlined when only outbound, filled when the workload is reachable from the internet. Not
// pickable: a click there picks the tile.
class ExposureBadge : public QGraphicsItem {
public:
    enum { Type = UserType + 4 };
    explicit ExposureBadge(ResourceItem* tile);
    int type() const override { return Type; }
    void setExposure(const Exposure& exposure, const Design& design);
    bool inbound() const { return m_exposure.ingress; }
    const Exposure& exposure() const { return m_exposure; }
    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    Exposure m_exposure;
};

} // namespace pp::ui
