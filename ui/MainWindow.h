#pragma once

#include <QMainWindow>

class QLabel;
class QLineEdit;
class QMenu;
class QUndoView;

namespace pp::ui {

class Document;
class DiagramScene;
class DiagramView;
class PalettePanel;
class InspectorPanel;
class IssuesPanel;
class PathPanel;

// The editor window: canvas in the middle; palette, inspector, issues, flow path and undo
// history in docks; the standard File / Edit / View menus and shortcuts.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    bool openFile(const QString& path);
    bool saveTo(const QString& path);

    Document& document() { return *m_document; }
    DiagramScene* scene() const { return m_scene; }
    DiagramView* view() const { return m_view; }
    InspectorPanel* inspector() const { return m_inspector; }
    PathPanel* pathPanel() const { return m_path; }
    QString lastError() const { return m_lastError; }
    IssuesPanel* issuesPanel() const { return m_issues; }

public slots:
    void newDocument();
    void open();
    bool save();
    bool saveAs();
    void deleteSelection();
    void copySelection();
    void paste();
    void duplicate();
    void offerNatRoutes(const QString& nat);
    void findResource();
    void alignSelection(Qt::Alignment edge);
    void exportDiagram();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createActions();
    void createDocks();
    void updateTitle();
    void selectionChanged();
    bool maybeSave();
    void addRecent(const QString& path);
    void updateRecentMenu();

    Document* m_document;
    DiagramScene* m_scene;
    DiagramView* m_view;
    PalettePanel* m_palette = nullptr;
    InspectorPanel* m_inspector = nullptr;
    IssuesPanel* m_issues = nullptr;
    PathPanel* m_path = nullptr;
    QUndoView* m_history = nullptr;
    QMenu* m_recentMenu = nullptr;
    QLabel* m_summary = nullptr;
    QLabel* m_analysing = nullptr;
    QString m_lastError;
    QLineEdit* m_find = nullptr;
    QString m_lastFind;
    int m_findIndex = 0;
};

} // namespace pp::ui
