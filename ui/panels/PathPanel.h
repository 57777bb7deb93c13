#pragma once

// moc does not need the core (and cannot parse its C++20 concepts).
#ifndef Q_MOC_RUN
#include "model/Id.h"
#endif

#include <QTreeWidget>

namespace pp::ui {

class Document;

// The selected flow: its verdict, its hops in order, and the reasons, hints and notes.
class PathPanel : public QTreeWidget {
    Q_OBJECT
public:
    explicit PathPanel(Document& document, QWidget* parent = nullptr);
    void showFlow(const FlowId& flow);
    const FlowId& shownFlow() const { return m_flow; }

private:
    void refresh();
    Document& m_document;
    FlowId m_flow;
};

} // namespace pp::ui
