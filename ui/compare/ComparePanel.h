#pragma once

// moc does not need the core (and cannot parse its C++20 concepts).
#ifndef Q_MOC_RUN
#include "diff/DesignDiff.h"
#endif

#include <QPointer>
#include <QWidget>
#include <optional>

class QLabel;
class QPushButton;
class QTimer;
class QTreeWidget;
class QTreeWidgetItem;

namespace pp::ui {

class CompareOverlay;
class DiagramScene;
class DiagramView;
class Document;

// File → Compare with…: the open design against another version of it (a file, e.g. the one on
// the main branch, saved with `git show main:net.privatepath > main.privatepath`). The other
// version is "before", the open design "after", as in `privatepath diff OTHER OPEN`
// (diff/DesignDiff.h). The panel lists what changed — resources added, removed and changed (with
// their fields), flows whose verdict or path changed, policies newly violated or holding,
// workloads newly exposed — worst first, and steps through them (Next, Previous): each step
// selects and centres the change on the canvas; the overlay (CompareOverlay) marks them all.
// The comparison follows the edits: it is computed again a moment after each analysis.
class ComparePanel : public QWidget {
    Q_OBJECT
public:
    ComparePanel(Document& document, DiagramScene& scene, DiagramView& view, QWidget* parent = nullptr);
    ~ComparePanel() override;

    // Compares the open design with the design in `path`. False (and `error` says why, naming the
    // file, line and field) when it cannot be read; nothing changes then.
    bool compareWith(const QString& path, QString* error);
    // Ends the comparison: the overlay goes, the list empties.
    void stop();
    bool isComparing() const { return m_other.has_value(); }
    const DesignDiff& diff() const { return m_diff; }
    QTreeWidget* list() const { return m_list; }
    CompareOverlay* overlay() const; // nullptr when not comparing
    // Selects the next (1) or previous (-1) change in the list, wrapping around, and shows it.
    void step(int delta);
    // Computes the comparison again now (it otherwise follows each analysis after a moment).
    void recompute();

signals:
    void comparingChanged(bool comparing);

private:
    void fill();
    void showItem(QTreeWidgetItem* item);

    Document& m_document;
    DiagramScene& m_scene;
    DiagramView& m_view;
    QLabel* m_title = nullptr;
    QTreeWidget* m_list = nullptr;
    QPushButton* m_previous = nullptr;
    QPushButton* m_next = nullptr;
    QPushButton* m_close = nullptr;
    QTimer* m_recompute = nullptr;
    QPointer<CompareOverlay> m_overlay; // owned by the scene (which deletes it when it is rebuilt)
    QString m_otherPath;
    std::optional<Design> m_other;
    AnalysisResult m_otherAnalysis;
    std::vector<PolicyResult> m_otherPolicies;
    DesignDiff m_diff;
};

} // namespace pp::ui
