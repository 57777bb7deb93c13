#pragma once

#include "import/ImportReport.h"

#include <QDialog>

class QLabel;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace pp::ui {

// The report of an import (File → Import Terraform…), shown beside the imported design so the
// user can review it before trusting the picture: a summary line, then one section each for what
// was imported, skipped (with the reason), assumed where AWS behaves implicitly, unknown until
// apply, and the problems met reading the input. Activating a row that names a design resource
// shows that resource on the canvas (resourceActivated). Save Report… writes the same JSON as
// `privatepath import terraform` writes beside its design.
class ImportReportDialog : public QDialog {
    Q_OBJECT
public:
    explicit ImportReportDialog(ImportReport report, QWidget* parent = nullptr);

    QTreeWidget* tree() const { return m_tree; }
    QString summaryText() const;
    // Writes the JSON report to `path` atomically; false with `error` set when it cannot.
    bool saveReport(const QString& path, QString* error) const;

signals:
    void resourceActivated(const QString& id);

private:
    QTreeWidgetItem* addSection(const QString& title, int count);
    void saveReportAs();

    ImportReport m_report;
    QLabel* m_summary;
    QTreeWidget* m_tree;
    QPushButton* m_save;
};

} // namespace pp::ui
