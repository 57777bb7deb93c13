#pragma once

#ifndef Q_MOC_RUN
#include "model/Id.h"
#endif

#include <QGraphicsView>

class QGraphicsLineItem;

namespace pp {
class ChangeSetBuilder;
struct Resource;
} // namespace pp

namespace pp::ui {

class Document;
class DiagramScene;

// The canvas view: zoom with the wheel or keys, fit to view, pan by dragging with the middle
// button, rubber-band selection, and drops from the palette.
class DiagramView : public QGraphicsView {
    Q_OBJECT
public:
    DiagramView(Document& document, DiagramScene* scene, QWidget* parent = nullptr);

    double zoom() const;
    // Creates a resource of `kind` dropped at `scenePos` (what a palette drop does).
    bool dropKind(int kind, QPointF scenePos);
    // Flow mode: dragging from one resource to another draws a flow between them.
    void setFlowMode(bool on);
    bool flowMode() const { return m_flowMode; }
    // Creates a flow from `source` to `destination` (what a flow drag does).
    bool connectFlow(const ResourceId& source, const ResourceId& destination);
    // Creates the structural link between two resources, if they have one: a peering between
    // VPCs, an attachment between a VPC and a transit gateway, an endpoint's service, a
    // Site-to-Site VPN between a customer gateway and a virtual private or transit gateway, a
    // customer gateway's on-premises network, a virtual private gateway's VPC, a Direct Connect
    // virtual interface from an on-premises network, a DX gateway association.
    bool connectLink(const ResourceId& source, const ResourceId& destination);

public slots:
    void zoomIn();
    void zoomOut();
    void zoomReset();
    void fitAll();
    void centreOn(const QStringList& ids);

signals:
    void statusMessage(const QString& message);
    void natGatewayAdded(const QString& id);

protected:
    void wheelEvent(QWheelEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dragMoveEvent(QDragMoveEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;

private:
    void scaleBy(double factor);
    class ResourceItem* resourceAt(const QPoint& viewPos) const;
    QString addVpn(ChangeSetBuilder& b, const Resource& customerGateway, const struct Resource& awsEnd);
    QString addVirtualInterface(ChangeSetBuilder& b, const Resource& onPremises, const struct Resource& awsEnd);
    QString associateDirectConnectGateway(ChangeSetBuilder& b, const Resource& dxGateway, const struct Resource& awsEnd);
    Document& m_document;
    DiagramScene* m_scene;
    bool m_flowMode = false;
    class ResourceItem* m_flowSource = nullptr;
    QGraphicsLineItem* m_rubberFlow = nullptr;
};

} // namespace pp::ui
