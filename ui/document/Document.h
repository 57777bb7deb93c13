#pragma once

// moc does not need the core (and cannot parse its C++20 concepts).
#ifndef Q_MOC_RUN
#include "analysis/Analyzer.h"
#include "design/Design.h"
#include "edit/ChangeSet.h"
#include "io/DesignFile.h"
#include "policy/PolicyCheck.h"
#endif

#include "document/DiskWatcher.h"

#include <QFutureWatcher>
#include <QObject>
#include <QSet>
#include <QString>
#include <QUndoStack>
#include <chrono>
#include <functional>
#include <memory>
#include <unordered_map>

namespace pp::ui {

// An open design: the model, its file, its undo history and its latest analysis. Every change
// goes through apply() as a change-set (one undoable step); the document re-analyses after each
// change and tells the views which ids were touched (one coarse notification, STYLE rule 8).
//
// Analysis runs synchronously while it is fast (the incremental analyzer, a few milliseconds for
// 10,000 resources). Once a run takes longer than the synchronous budget, the following runs go to
// a worker thread on a copy of the design: the window stays responsive, analysis() keeps the
// previous result until the new one arrives, and when edits arrive faster than analyses finish,
// only the result for the latest design is installed (older ones are dropped).
class Document : public QObject {
    Q_OBJECT
public:
    explicit Document(QObject* parent = nullptr);
    ~Document() override;

    const Design& design() const { return m_design; }
    const AnalysisResult& analysis() const { return *m_current; }
    // True while a background analysis is running or queued: analysis() is then older than design().
    bool isAnalysing() const { return m_running; }
    // A change is being applied: its analysis is announced before the change itself.
    bool isApplying() const { return m_applying; }
    // Analyses slower than this make the next ones run in the background (default 40 ms; 0 = always).
    void setSynchronousBudget(std::chrono::milliseconds budget) { m_budget = budget; }
    // How long the last analysis took.
    std::chrono::nanoseconds lastAnalysisTime() const { return m_lastDuration; }
    QUndoStack* undoStack() { return &m_undo; }

    QString filePath() const { return m_filePath; }
    bool isModified() const { return !m_undo.isClean(); }
    // Marks the steps applied so far as part of opening the file (the editor drawing what the
    // model says), not the user's work.
    void settleOpening() { m_openedAt = m_undo.count(); }
    // True when the document holds its file as opened: loaded from filePath() and nothing applied
    // since but the opening's own steps (settleOpening). A recovered or imported design is the
    // user's work, never this.
    bool holdsOnlyTheOpenedFile() const
    {
        return m_openedAt >= 0 && m_undo.count() == m_openedAt && m_undo.index() == m_openedAt;
    }

    // Loads a file. On failure nothing changes and `error` holds the loader's message (file, line, field).
    bool open(const QString& path, QString* error);
    // open() in two steps, for big files: read() touches no document and runs on any thread (the
    // window reads on a worker and shows progress); adopt() takes its result on the GUI thread.
    struct Read {
        LoadResult result;
        QString error; // the loader's messages when the result is not ok
        bool image = false; // a PNG carrying a design: opens untitled
        DiskState disk;     // the file as it was read (for "changed on disk since loaded")
    };
    static Read read(const QString& path);
    bool adopt(Read read, const QString& path, QString* error);
    // Saves atomically with the core writer (writeFileAtomically): a read-only or non-regular target
    // is refused and `error` gives the reason, with what the system said. On failure the old file
    // is untouched and the document stays modified.
    bool saveAs(const QString& path, QString* error);
    void reset(Design design, const QString& path = {});
    // reset() with the file's state already known (no second read of a big file).
    void reset(Design design, const QString& path, const DiskState& loaded);
    // A design that is not the file's: a recovered one, or an imported one. It belongs to `path`
    // (empty: untitled), whose state when it was loaded was `loaded`, and it is unsaved (the file
    // on disk, if any, is not touched until the user saves).
    void adoptUnsaved(Design design, const QString& path = {}, const DiskState& loaded = {});

    // The file as this document last loaded or saved it: Save compares it with the disk so it
    // never silently overwrites someone else's change.
    const DiskState& loadedState() const { return m_loaded; }
    void setLoadedState(const DiskState& state) { m_loaded = state; }

    // A read-only document refuses every edit (apply() returns false and emits refused()), and
    // the window offers no Save. Set when the file is open in another editor and the user chose
    // to look only.
    void setReadOnly(bool readOnly);
    bool isReadOnly() const { return m_readOnly; }
    // What saveAs() writes as the lesson section in place of the design's own (nullopt: the
    // design's): for what is saved but is not an edit (a learner's time, once the format has it),
    // so it makes no undo step and does not mark the document modified. Unset: the design's.
    using LessonAtSave = std::function<std::optional<Lesson>(const Lesson&)>;
    void setLessonAtSave(LessonAtSave lessonAtSave) { m_lessonAtSave = std::move(lessonAtSave); }

    // Records a change as one undoable step. `gesture` >= 0 merges with the previous step of the
    // same gesture until sealGesture() (a drag is one step). Empty changes are dropped.
    //
    // While the design has a lesson, a change that would add, change or delete a resource the
    // lesson locks, or delete a locked flow or change what it asks (its source, destination,
    // protocol, port, DNS name; lesson/Lesson.h sameQuestion), is refused whole (nothing of it
    // applies, nothing is recorded): refused() names the resource or flow and apply() returns false. Every edit of the editor comes through here, so this
    // is the one place locks are enforced. Moving or resizing a locked resource's shape is allowed:
    // the drawing is not the design's meaning (the grader compares resources, not shapes), but a
    // move that changes the model (into another subnet) changes the resource and is refused.
    // Undo and redo replay recorded steps (applyDirect) and are never refused.
    bool apply(ChangeSet change, const QString& text, int gesture = -1);
    // The id of the locked resource or flow `change` would change or delete, or "".
    std::string lockedIn(const ChangeSet& change) const;
    void sealGesture();

    // Applies without recording (used by the undo command).
    void applyDirect(const ChangeSet& change);

    // Finds a free id "prefix-N".
    std::string freshId(const std::string& prefix) const;

    // The latest result for a flow, or nullptr.
    const FlowResult* flowResult(const FlowId& id) const;
    // Findings that name `id` (indexed after each analysis: items ask on every paint).
    const std::vector<const Finding*>& findingsOf(const std::string& id) const;
    // The design's policies checked with the latest analysis (policy/PolicyCheck.h), in policy
    // order; empty without policies. Re-checked incrementally after each edit.
    const std::vector<PolicyResult>& policyResults() const { return *m_policies; }
    // Violations whose source or destination is `id` (indexed like findingsOf).
    const std::vector<const PolicyViolation*>& violationsOf(const std::string& id) const;
    int policyViolationCount() const; // listed and omitted, over all policies

signals:
    void changed(const QSet<QString>& touchedIds);
    void reloaded();
    void analysisUpdated();
    void modifiedChanged(bool modified);
    void analysingChanged(bool running);
    // An edit was refused; `message` says why, naming the resource ("app-1 is locked by the lesson").
    void refused(const QString& message);
    void readOnlyChanged(bool readOnly);

private:
    void reanalyze(const std::set<std::string>* touched, const std::set<std::string>* changedIds = nullptr);
    void launchBackground();
    void backgroundFinished();
    void installed();
    void setRunning(bool running);

    struct Timed {
        AnalysisResult result;
        std::vector<PolicyResult> policies;
        std::chrono::nanoseconds duration{0};
    };

    Design m_design;
    QString m_filePath;
    DiskState m_loaded;
    bool m_readOnly = false;
    LessonAtSave m_lessonAtSave;
    QUndoStack m_undo;
    int m_openedAt = -1; // undo steps the opening made (settleOpening); -1: not opened from a file
    Analyzer m_analyzer;
    bool m_analyzerCurrent = false; // its caches match m_design (false after background runs)
    AnalysisResult m_backgroundResult;
    const AnalysisResult* m_current = &m_analyzer.result();
    PolicyChecker m_policyChecker;
    std::vector<PolicyResult> m_checkedPolicies;    // by m_policyChecker, with m_analyzer's result
    std::vector<PolicyResult> m_backgroundPolicies; // with m_backgroundResult
    const std::vector<PolicyResult>* m_policies = &m_checkedPolicies;
    std::chrono::milliseconds m_budget{40};
    std::chrono::nanoseconds m_lastDuration{0};
    quint64 m_generation = 0;         // bumped by every change of the design
    quint64 m_launchedGeneration = 0; // the design the running worker analyses
    bool m_pendingBackground = false; // a change is waiting for a background analysis
    bool m_running = false;
    bool m_applying = false;
    bool m_workerBusy = false;        // launched and its finished() not handled yet
    QFutureWatcher<Timed> m_watcher;
    std::unordered_map<std::string, std::vector<const Finding*>> m_findingsById;
    std::unordered_map<std::string, std::vector<const PolicyViolation*>> m_violationsById;
};

} // namespace pp::ui
