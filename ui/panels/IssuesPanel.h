#pragma once

#ifndef Q_MOC_RUN
#include "analysis/AnalysisResult.h"
#include "policy/PolicyCheck.h"
#endif

#include <QTreeWidget>

namespace pp::ui {

class Document;

// Every design finding, then each violated policy (a group whose rows, one per violation, are made
// when it is expanded), then the internet exposure of the workloads (one group, its rows made
// when it is expanded: a big design has thousands); activating a row asks to select and centre
// what it concerns, and a violation's row to show its path.
class IssuesPanel : public QTreeWidget {
    Q_OBJECT
public:
    explicit IssuesPanel(Document& document, QWidget* parent = nullptr);

signals:
    void showResources(const QStringList& ids);
    void showViolation(const FlowResult& path, const QStringList& ids, bool centre);

private:
    void refresh();
    void fillExposure(QTreeWidgetItem* group);
    void fillViolations(QTreeWidgetItem* group);
    void activated(QTreeWidgetItem* item);
    Document& m_document;
    // What is shown, to skip rebuilding the rows when an analysis changes neither.
    std::vector<Finding> m_findings;
    std::vector<Exposure> m_exposure;
    std::vector<PolicyResult> m_policies;
    bool m_shown = false;
};

} // namespace pp::ui
