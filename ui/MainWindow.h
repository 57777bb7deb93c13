#pragma once

#include <QMainWindow>
#include <functional>
#include <memory>

#ifndef Q_MOC_RUN
#include "analysis/AnalysisResult.h"
#include "model/Id.h"
#endif

class QDockWidget;
class QFrame;
class QGraphicsItem;
class QLabel;
class QLineEdit;
class QMenu;
class QTimer;
class QToolButton;
class QUndoView;

namespace pp {
struct TerraformImportResult;
}

namespace pp::ui {

class Document;
class DiagramScene;
class DiagramView;
class PalettePanel;
class InspectorPanel;
class IssuesPanel;
class PathPanel;
class PoliciesPanel;
class ComparePanel;
class Navigator;
class LessonPanel;
class LessonMenu;
class AutoSaver;
class DiskWatcher;
class FileLock;
class RecoveryDialog;
class ImportReportDialog;
struct DiskState;
struct RecoveryEntry;

// The editor window: canvas in the middle; palette, inspector, issues, policies, flow path, lesson
// and undo history in docks; the standard File / Edit / View / Help menus and shortcuts, the Lesson menu
// (lesson/LessonMenu.h), and context menus on the canvas and the panels. Its implementation is split by responsibility:
// MainWindow.cpp (window, docks), MainWindowFile.cpp (open, save, file lock, changes on disk,
// crash recovery), MainWindowEdit.cpp (edit actions), MainWindowMenus.cpp (menus and context menus).
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // How openFile() treats a file another editor has open (its lock is held).
    enum class OpenMode {
        Ask,      // warn with the other editor's host and PID; offer read-only, open anyway, cancel
        ReadOnly, // open without the lock; no edit, no save
        Anyway,   // open editable without the lock (the user was warned)
    };
    // False when the file cannot be read, or while the user is asked (the answer opens it).
    bool openFile(const QString& path, OpenMode mode = OpenMode::Ask);
    // Saves to `path`. When it is the open file and its content changed on disk since it was
    // loaded or saved here, asks first (returns false; "Save Mine" saves with overwriteChanged).
    bool saveTo(const QString& path, bool overwriteChanged = false);
    // Shows "Recover unsaved changes" when a crashed session left designs behind (non-blocking,
    // returns the dialog); none: nullptr, and with `sayWhenNothing` a status message says so.
    RecoveryDialog* offerRecovery(bool sayWhenNothing = false);
    // Opens a recovered design, unsaved (here when this window holds nothing, else in a new window).
    bool openRecovered(const RecoveryEntry& entry);
    // Opens the file again as it is on disk; unsaved changes are kept for recovery first.
    void reloadFromDisk();
    // File → Import Terraform…: the design of a `terraform show -json` plan or state (asked for
    // when `path` is empty), unsaved and untitled, here when this window holds nothing, else in a
    // new window; with its import report beside it (returned, non-blocking). nullptr when the
    // input cannot be imported: lastError() and a message box say why (file, line, field).
    ImportReportDialog* importTerraform(const QString& path = {});
    // File → Import AWS CLI Describe Output…: the design of the JSON of `aws ec2 describe-*` and
    // related calls (docs/import.md): files, or folders whose .json files are read (asked for when
    // `paths` is empty); otherwise as importTerraform.
    ImportReportDialog* importAws(const QStringList& paths = {});
    AutoSaver* autoSaver() const { return m_autoSaver; }
    DiskWatcher* diskWatcher() const { return m_diskWatcher; }
    QFrame* diskChangedBar() const { return m_diskBar; }

    Document& document() { return *m_document; }
    DiagramScene* scene() const { return m_scene; }
    DiagramView* view() const { return m_view; }
    InspectorPanel* inspector() const { return m_inspector; }
    PathPanel* pathPanel() const { return m_path; }
    QString lastError() const { return m_lastError; }
    IssuesPanel* issuesPanel() const { return m_issues; }
    Navigator* navigator() const { return m_navigator; }
    LessonPanel* lessonPanel() const { return m_lesson; }
    PoliciesPanel* policiesPanel() const { return m_policies; }
    ComparePanel* comparePanel() const { return m_compare; }
    // Which layout of the docks saveState()/restoreState() write and accept: a state saved by an
    // older layout is ignored (the default layout is used instead).
    static constexpr int kLayoutVersion = 4; // 3: the Lesson dock; 4: the Policies dock

    // The window's action with this object name (menus, toolbar, tests).
    QAction* action(const QString& name) const;

public slots:
    void newDocument();
    void open();
    bool save();
    bool saveAs();
    void closeDocument();
    void deleteSelection();
    void copySelection();
    void paste();
    void duplicate();
    // Pastes with the pasted group's top-left corner at `scenePos` (inside what is there).
    void pasteAt(QPointF scenePos);
    void offerNatRoutes(const QString& nat);
    void findResource();
    // The next (step 1) or previous (step -1) match of the Find field's text (F3, Shift+F3).
    void findStep(int step);
    // Puts every panel back where a new installation has it (View → Reset Layout).
    void resetLayout();
    void alignSelection(int alignment);      // pp::Alignment
    void distributeSelection(int direction); // pp::Distribution
    void makeSameSize();
    // Moves the selected shapes; bursts of nudges make one undo step.
    void nudge(double dx, double dy);
    // Renames the selected resource or flow in place on the canvas.
    void renameSelection();
    void exportDiagram();
    // File → Compare with…: asks for another version of the design (or takes `path`) and marks
    // what changed since it on the canvas, with the Compare dock to step through the changes.
    bool compareWith(const QString& path = {});

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createActions();
    void createEditActions(QMenu* edit, class QToolBar* bar);
    void createDocks();
    void createZoomButton();
    void createFileWatch();
    void showChangedOnDisk(const QString& path, const DiskState& state);
    bool askAboutLock(const QString& path, const FileLock& lock);
    bool askBeforeOverwriting(const QString& path);
    // The Lesson dock follows the open design: shown and raised when it has a lesson, else hidden.
    void showLessonDock();
    void updateTitle();
    void selectionChanged();
    bool maybeSave();
    // Nothing of the user's is open: an unmodified, untitled, empty design.
    bool holdsNoWork() const;
    // What both imports do with a result: the design adopted unsaved, its report shown beside it;
    // or the reason it failed. `title` names the import in message boxes, `input` the input.
    ImportReportDialog* adoptImport(TerraformImportResult result, const QString& title, const QString& input);
    // Runs `import` in a new window (this one holds the user's work); closes it when it fails.
    ImportReportDialog* inNewWindow(const std::function<ImportReportDialog*(MainWindow*)>& import);
    void addRecent(const QString& path);
    void updateRecentMenu();
    void openDropped(const QString& path);
    void drawWhereTheModelSays();
    void selectAfterEdit(const QStringList& ids);
    void flowAdded(const QString& flow);
    // A policy violation chosen in the Policies or Issues panel: its path ringed on the canvas
    // (and, when `centre`, the view brought to it with its ends selected).
    void showViolation(const FlowResult& path, const QStringList& ids, bool centre);
    void sealNudge();
    // Context menus.
    void canvasMenu(QPointF scenePos, QPoint globalPos);
    void addResourceActions(QMenu& menu, const ResourceId& id);
    void issuesMenu(QPoint pos);
    void pathMenu(QPoint pos);
    void historyMenu(QPoint pos);
    QAction* addAction(QMenu* menu, const QString& name, const QString& text, const QKeySequence& key,
                       const std::function<void()>& slot, const QString& icon = {});

    Document* m_document;
    DiagramScene* m_scene;
    DiagramView* m_view;
    PalettePanel* m_palette = nullptr;
    InspectorPanel* m_inspector = nullptr;
    IssuesPanel* m_issues = nullptr;
    PathPanel* m_path = nullptr;
    QDockWidget* m_pathDock = nullptr;
    QDockWidget* m_issuesDock = nullptr;
    QDockWidget* m_inspectorDock = nullptr;
    QDockWidget* m_paletteDock = nullptr;
    QDockWidget* m_historyDock = nullptr;
    QDockWidget* m_navigatorDock = nullptr;
    QDockWidget* m_lessonDock = nullptr;
    LessonPanel* m_lesson = nullptr;
    LessonMenu* m_lessonMenu = nullptr;
    PoliciesPanel* m_policies = nullptr;
    QDockWidget* m_policiesDock = nullptr;
    ComparePanel* m_compare = nullptr;
    QDockWidget* m_compareDock = nullptr;
    bool m_showingViolation = false; // the selection changes to show a violation: keep its path
    Navigator* m_navigator = nullptr;
    QToolButton* m_zoomButton = nullptr;
    QTimer* m_nudgeSeal = nullptr;
    bool m_nudging = false;
    QUndoView* m_history = nullptr;
    QMenu* m_recentMenu = nullptr;
    QLabel* m_summary = nullptr;
    QLabel* m_analysing = nullptr;
    QString m_lastError;
    QLineEdit* m_find = nullptr;
    QString m_lastFind;
    int m_findIndex = 0;
    AutoSaver* m_autoSaver = nullptr;
    DiskWatcher* m_diskWatcher = nullptr;
    std::unique_ptr<FileLock> m_fileLock; // held while this window has the file open
    QFrame* m_diskBar = nullptr;
    QLabel* m_diskBarText = nullptr;
};

} // namespace pp::ui
