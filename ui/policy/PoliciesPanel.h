#pragma once

// moc does not need the core (and cannot parse its C++20 concepts).
#ifndef Q_MOC_RUN
#include "policy/PolicyCheck.h"
#endif

#include <QStringList>
#include <QWidget>
#include <functional>
#include <optional>

class QAction;
class QLabel;
class QTreeWidget;
class QTreeWidgetItem;

namespace pp::ui {

class Document;

// What a violation concerns on the canvas: its source and destination (not "internet"), then the
// resources its path crosses.
QStringList violationResources(const PolicyViolation& violation);

// The design's policies (docs/file-format.md, "Policies"), checked live: one row per policy with
// its kind and whether it holds, its violations as child rows (source → destination, code, the
// engine's message). Selecting a violation asks the window to show its path on the canvas;
// double-clicking a policy edits it. Add, Edit and Remove are undoable edits of the document
// (PolicyDialog, Document::apply). The rows are rebuilt after each analysis, keeping what was
// expanded and selected.
class PoliciesPanel : public QWidget {
    Q_OBJECT
public:
    explicit PoliciesPanel(Document& document, QWidget* parent = nullptr);

    QTreeWidget* tree() const { return m_tree; }
    // What "Use Selection" in the policy dialog offers: the ids selected on the canvas.
    void setSelectionSource(std::function<QStringList()> source) { m_selection = std::move(source); }

    // The policy of the current row (a policy or one of its violations), or "".
    QString currentPolicy() const;
    void addPolicy();
    void editPolicy(const QString& id);
    void removePolicy(const QString& id);

signals:
    // A violation was selected (`centre`: by the user, so the view goes to it) or its path changed
    // after an edit: its path (to show on the canvas) and the resources it concerns.
    void showViolation(const FlowResult& path, const QStringList& ids, bool centre);
    // A policy row was selected, or the selected violation is gone: no violation path to show.
    void clearViolation();

private:
    void refresh();
    void openDialog(const QString& id);
    void currentChanged() { announce(true); }
    void announce(bool centre);
    void updateActions();

    Document& m_document;
    std::function<QStringList()> m_selection;
    QTreeWidget* m_tree = nullptr;
    QLabel* m_summary = nullptr;
    QAction* m_add = nullptr;
    QAction* m_edit = nullptr;
    QAction* m_remove = nullptr;
    std::vector<PolicyResult> m_shown; // what the rows show, to skip rebuilding when nothing changed
    std::vector<Policy> m_shownPolicies;
    bool m_built = false;
};

} // namespace pp::ui
