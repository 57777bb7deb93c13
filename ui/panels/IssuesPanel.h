#pragma once

#ifndef Q_MOC_RUN
#include "analysis/AnalysisResult.h"
#endif

#include <QTreeWidget>

namespace pp::ui {

class Document;

// Every design finding, then the internet exposure of the workloads (one group, its rows made
// when it is expanded: a big design has thousands); activating a row asks to select and centre
// what it concerns.
class IssuesPanel : public QTreeWidget {
    Q_OBJECT
public:
    explicit IssuesPanel(Document& document, QWidget* parent = nullptr);

signals:
    void showResources(const QStringList& ids);

private:
    void refresh();
    void fillExposure(QTreeWidgetItem* group);
    Document& m_document;
    // What is shown, to skip rebuilding the rows when an analysis changes neither.
    std::vector<Finding> m_findings;
    std::vector<Exposure> m_exposure;
    bool m_shown = false;
};

} // namespace pp::ui
