#include "MainWindow.h"
#include "OpenProgress.h"

#include "export/ExportDialog.h"

#include "canvas/DiagramScene.h"
#include "canvas/DiagramView.h"
#include "canvas/FlowItem.h"
#include "canvas/Navigator.h"
#include "canvas/ResourceItem.h"
#include "canvas/Style.h"
#include "document/AutoSaver.h"
#include "document/Document.h"
#include "document/FileLock.h"
#include "edit/Defaults.h"
#include "edit/DiagramFollow.h"
#include "lesson/LessonPanel.h"
#include "panels/InspectorPanel.h"
#include "panels/IssuesPanel.h"
#include "panels/PalettePanel.h"
#include "panels/PathPanel.h"
#include "policy/PoliciesPanel.h"
#include "compare/ComparePanel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QTimer>
#include <QUrl>
#include <QSettings>
#include <QStatusBar>
#include <QToolBar>
#include <QToolButton>
#include <QUndoView>
#include <QVBoxLayout>
#include <algorithm>

namespace pp::ui {
namespace {
constexpr char kClipboardMime[] = "application/x-privatepath";
constexpr int kMaxRecent = 8;
} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), m_document(new Document(this)), m_scene(new DiagramScene(*m_document, this)),
      m_view(new DiagramView(*m_document, m_scene, this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/app.svg")));
    createFileWatch();
    // The canvas, with the "changed on disk" notice above it.
    auto* centre = new QWidget(this);
    auto* column = new QVBoxLayout(centre);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(0);
    column->addWidget(m_diskBar);
    column->addWidget(m_view, 1);
    setCentralWidget(centre);
    createDocks();
    createActions();
    connect(m_scene, &DiagramScene::selectionSettled, this, &MainWindow::selectionChanged);
    connect(m_view, &DiagramView::statusMessage, this, [this](const QString& m) { statusBar()->showMessage(m, 5000); });
    connect(m_scene, &DiagramScene::statusMessage, this, [this](const QString& m) { statusBar()->showMessage(m, 5000); });
    connect(m_document, &Document::modifiedChanged, this, &MainWindow::updateTitle);
    connect(m_document, &Document::reloaded, this, &MainWindow::updateTitle);
    connect(m_document, &Document::analysisUpdated, this, [this] {
        int counts[3] = {};
        for (const FlowResult& f : m_document->analysis().flows)
            ++counts[int(f.verdict)];
        int errors = 0;
        for (const Finding& f : m_document->analysis().findings)
            errors += f.severity == Severity::Error;
        QString summary = tr("%1 private · %2 public · %3 unreachable · %4 error(s)").arg(counts[0]).arg(counts[1]).arg(counts[2]).arg(errors);
        if (!m_document->design().policies.empty()) {
            int violated = 0;
            for (const PolicyResult& p : m_document->policyResults())
                violated += p.satisfied() ? 0 : 1;
            summary += tr(" · %1 of %2 policies violated").arg(violated).arg(m_document->design().policies.size());
        }
        m_summary->setText(summary);
    });
    connect(m_issues, &IssuesPanel::showResources, m_view, &DiagramView::centreOn);
    connect(m_view, &DiagramView::natGatewayAdded, this, &MainWindow::offerNatRoutes);
    connect(m_view, &DiagramView::flowAdded, this, &MainWindow::flowAdded);
    connect(m_view, &DiagramView::nudgeRequested, this, &MainWindow::nudge);
    connect(m_view, &DiagramView::contextMenuRequested, this, &MainWindow::canvasMenu);
    connect(m_view, &DiagramView::fileDropped, this, &MainWindow::openDropped);
    connect(m_scene, &DiagramScene::renameRequested, m_view, &DiagramView::startRename);
    setAcceptDrops(true);
    m_nudgeSeal = new QTimer(this);
    m_nudgeSeal->setSingleShot(true);
    m_nudgeSeal->setInterval(800); // a pause ends a burst of arrow keys: the next one is a new step
    connect(m_nudgeSeal, &QTimer::timeout, this, &MainWindow::sealNudge);

    // Legend of the flow colours.
    for (Verdict v : {Verdict::Private, Verdict::Public, Verdict::Unreachable}) {
        auto* label = new QLabel(QStringLiteral("<span style='color:%1'>&#9644;</span> %2")
                                     .arg(style::verdictColor(v).name(), style::verdictLabel(v)),
                                 this);
        statusBar()->addPermanentWidget(label);
    }
    m_summary = new QLabel(this);
    statusBar()->addPermanentWidget(m_summary);
    m_analysing = new QLabel(tr("Analysing…"), this);
    m_analysing->setToolTip(tr("This design takes a while to analyse: the colours and issues shown are those before "
                               "the latest change until the analysis finishes."));
    m_analysing->setVisible(false);
    statusBar()->addPermanentWidget(m_analysing);
    connect(m_document, &Document::analysingChanged, m_analysing, &QLabel::setVisible);
    emit m_document->analysisUpdated();
    createZoomButton();
    for (auto signal : {&Document::reloaded, &Document::analysisUpdated})
        connect(m_document, signal, m_navigator, &Navigator::scheduleRefresh);
    connect(m_document, &Document::changed, m_navigator, &Navigator::scheduleRefresh);

    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    // A layout saved by another version of the docks is ignored: the default one stays.
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray(), kLayoutVersion);
    showLessonDock(); // a saved layout does not decide it: the design does
    if (!settings.contains(QStringLiteral("window/geometry")))
        resize(1400, 900);
    updateRecentMenu();
    updateTitle();
}

MainWindow::~MainWindow()
{
    // Children are destroyed after this destructor, and some signal on the way out (the scene's
    // selectionChanged while it clears its items, the undo stack's cleanChanged): nothing of this
    // half-destroyed window may be called then. Delete them while the window is still whole.
    m_scene->disconnect();
    // A clean exit leaves nothing to recover: the saver removes its entry (before the document goes).
    delete m_autoSaver;
    m_autoSaver = nullptr;
    m_document->disconnect();
    m_view->setScene(nullptr);
    delete m_scene;
    m_scene = nullptr;
    delete m_document;
    m_document = nullptr;
}

void MainWindow::createDocks()
{
    auto dock = [this](const QString& title, QWidget* widget, const QString& name) {
        auto* d = new QDockWidget(title, this);
        d->setObjectName(name);
        d->setWidget(widget);
        addDockWidget(Qt::RightDockWidgetArea, d);
        return d;
    };
    m_navigator = new Navigator(m_view, this);
    m_navigatorDock = dock(tr("Overview"), m_navigator, QStringLiteral("navigatorDock"));
    m_inspector = new InspectorPanel(*m_document, this);
    m_inspectorDock = dock(tr("Inspector"), m_inspector, QStringLiteral("inspectorDock"));
    m_palette = new PalettePanel(this);
    m_paletteDock = dock(tr("Palette"), m_palette, QStringLiteral("paletteDock"));
    m_issues = new IssuesPanel(*m_document, this);
    m_issuesDock = dock(tr("Issues"), m_issues, QStringLiteral("issuesDock"));
    m_policies = new PoliciesPanel(*m_document, this);
    m_policiesDock = dock(tr("Policies"), m_policies, QStringLiteral("policiesDock"));
    m_policies->setSelectionSource([this] {
        QStringList ids;
        for (const ResourceId& id : m_scene->selectedResources())
            ids << QString::fromStdString(id.str());
        return ids;
    });
    connect(m_policies, &PoliciesPanel::showViolation, this, &MainWindow::showViolation);
    connect(m_policies, &PoliciesPanel::clearViolation, this, [this] { m_scene->showTrace(std::nullopt); });
    connect(m_issues, &IssuesPanel::showViolation, this, &MainWindow::showViolation);
    m_path = new PathPanel(*m_document, this);
    m_pathDock = dock(tr("Flow path"), m_path, QStringLiteral("pathDock"));
    m_compare = new ComparePanel(*m_document, *m_scene, *m_view, this);
    m_compareDock = dock(tr("Compare"), m_compare, QStringLiteral("compareDock"));
    connect(m_compare, &ComparePanel::comparingChanged, m_compareDock, &QDockWidget::setVisible);
    for (QWidget* panel : std::initializer_list<QWidget*>{m_issues, m_path})
        panel->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_issues, &QWidget::customContextMenuRequested, this, &MainWindow::issuesMenu);
    connect(m_path, &QWidget::customContextMenuRequested, this, &MainWindow::pathMenu);
    m_history = new QUndoView(m_document->undoStack(), this);
    m_history->setObjectName(QStringLiteral("history"));
    m_history->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_history, &QWidget::customContextMenuRequested, this, &MainWindow::historyMenu);
    m_historyDock = dock(tr("History"), m_history, QStringLiteral("historyDock"));
    m_lesson = new LessonPanel(*m_document, this);
    m_lessonDock = dock(tr("Lesson"), m_lesson, QStringLiteral("lessonDock"));
    connect(m_lesson, &LessonPanel::lessonPresenceChanged, this, &MainWindow::showLessonDock);
    connect(m_document, &Document::reloaded, this, &MainWindow::showLessonDock);
    connect(m_lesson, &LessonPanel::completed, this, [this](const QString& m) { statusBar()->showMessage(m, 15000); });
    connect(m_document, &Document::refused, this, [this](const QString& m) { statusBar()->showMessage(m, 8000); });
    resetLayout();

    // Window-wide actions the menus list (MainWindowMenus.cpp).
    QMainWindow::addAction(addAction(nullptr, QStringLiteral("actionResetLayout"), tr("&Reset Layout"), {}, [this] { resetLayout(); }));
    QMainWindow::addAction(addAction(nullptr, QStringLiteral("actionFindNext"), tr("Find &Next"), QKeySequence(Qt::Key_F3), [this] { findStep(1); }));
    QMainWindow::addAction(addAction(nullptr, QStringLiteral("actionFindPrevious"), tr("Find Pre&vious"), QKeySequence(Qt::SHIFT | Qt::Key_F3),
                                     [this] { findStep(-1); }));
}

void MainWindow::resetLayout()
{
    // One column at the right, so the canvas keeps most of the window (at 1600 x 1000, over
    // 70 %): the overview on top, then Inspector | History, then Palette | Issues | Policies |
    // Flow path, as tabs. Every dock can be closed (View menu), moved and floated; the layout is remembered.
    const QList<QDockWidget*> column{m_navigatorDock, m_inspectorDock, m_paletteDock};
    for (QDockWidget* d : {m_navigatorDock, m_inspectorDock, m_historyDock, m_paletteDock, m_issuesDock, m_policiesDock, m_pathDock,
                           m_lessonDock, m_compareDock}) {
        d->setFloating(false);
        removeDockWidget(d);
    }
    for (QDockWidget* d : column)
        addDockWidget(Qt::RightDockWidgetArea, d, Qt::Vertical);
    tabifyDockWidget(m_inspectorDock, m_historyDock);
    tabifyDockWidget(m_paletteDock, m_issuesDock);
    tabifyDockWidget(m_issuesDock, m_policiesDock);
    tabifyDockWidget(m_policiesDock, m_pathDock);
    tabifyDockWidget(m_pathDock, m_lessonDock);
    tabifyDockWidget(m_lessonDock, m_compareDock);
    m_compareDock->setVisible(m_compare->isComparing());
    for (QDockWidget* d : {m_navigatorDock, m_inspectorDock, m_historyDock, m_paletteDock, m_issuesDock, m_policiesDock, m_pathDock})
        d->show();
    m_inspectorDock->raise();
    m_paletteDock->raise();
    resizeDocks(column, {150, 520, 240}, Qt::Vertical);
    resizeDocks({m_inspectorDock}, {300}, Qt::Horizontal);
    showLessonDock();
}

void MainWindow::showLessonDock()
{
    if (m_document->design().lesson) {
        const bool appearing = m_lessonDock->isHidden();
        m_lessonDock->show();
        m_lessonDock->raise();
        // The instructions and the goal list need height: when the lesson appears, its tab group
        // gets most of the column (the inspector keeps room for a few fields). Later changes of
        // the user's are not fought.
        if (appearing && !m_lessonDock->isFloating() && dockWidgetArea(m_lessonDock) == Qt::RightDockWidgetArea)
            resizeDocks({m_inspectorDock, m_lessonDock}, {260, 600}, Qt::Vertical);
    } else {
        m_lessonDock->hide();
    }
}

void MainWindow::createZoomButton()
{
    // The zoom in the status bar; its menu has the usual steps and Fit.
    m_zoomButton = new QToolButton(this);
    m_zoomButton->setObjectName(QStringLiteral("zoomButton"));
    m_zoomButton->setAutoRaise(true);
    m_zoomButton->setPopupMode(QToolButton::InstantPopup);
    m_zoomButton->setToolTip(tr("Zoom (Ctrl+wheel or the wheel zooms the canvas)"));
    // Its text is only the percentage; a screen reader says what the button is, then its value.
    m_zoomButton->setAccessibleName(tr("Zoom"));
    auto* menu = new QMenu(m_zoomButton);
    menu->setObjectName(QStringLiteral("zoomMenu"));
    menu->addAction(tr("Fit"), m_view, &DiagramView::fitAll);
    menu->addSeparator();
    for (int percent : {10, 25, 50, 75, 100, 150, 200, 400})
        menu->addAction(tr("%1 %").arg(percent), this, [this, percent] { m_view->setZoom(percent / 100.0); });
    m_zoomButton->setMenu(menu);
    auto show = [this](double zoom) {
        const double percent = zoom * 100;
        m_zoomButton->setText(tr("%1 %").arg(percent < 10 ? QString::number(percent, 'f', 1) : QString::number(std::lround(percent))));
    };
    connect(m_view, &DiagramView::zoomChanged, this, show);
    show(m_view->zoom());
    statusBar()->addPermanentWidget(m_zoomButton);
}

void MainWindow::updateTitle()
{
    const QString path = m_document->filePath();
    const QString name = path.isEmpty() ? tr("Untitled") : QFileInfo(path).fileName();
    if (m_document->isReadOnly())
        setWindowTitle(tr("%1 [read-only] — PrivatePath").arg(name));
    else
        setWindowTitle(tr("%1[*] — PrivatePath").arg(name));
    setWindowModified(m_document->isModified());
}

void MainWindow::selectionChanged()
{
    // One flow selected: its path on the canvas and in the path panel. Anything else: no path.
    const auto items = m_scene->selectedItems();
    const auto* flow = items.size() == 1 ? dynamic_cast<FlowItem*>(items.first()) : nullptr;
    m_scene->showFlowPath(flow ? flow->flowId() : FlowId());
    m_path->showFlow(flow ? flow->flowId() : FlowId());
    if (!m_showingViolation && !items.isEmpty())
        m_scene->showTrace(std::nullopt); // the user picked something else: the violation's path goes
    if (flow) {
        m_inspector->showFlow(flow->flowId());
        return;
    }
    if (items.size() == 1)
        if (auto* r = dynamic_cast<ResourceItem*>(items.first())) {
            m_inspector->showResource(r->resourceId());
            return;
        }
    m_inspector->clearSelection();
}

void MainWindow::showViolation(const FlowResult& path, const QStringList& ids, bool centre)
{
    if (centre) {
        m_showingViolation = true;
        m_view->centreOn(ids);
        m_showingViolation = false;
    }
    m_scene->showTrace(path);
}

void MainWindow::flowAdded(const QString& flow)
{
    // A new flow is selected, and its path is shown.
    m_scene->selectIds({flow});
    m_pathDock->show();
    m_pathDock->raise();
}

void MainWindow::drawWhereTheModelSays()
{
    // A file may draw a resource in a box its model disagrees with (an instance in another
    // subnet's box, a gateway inside a subnet). The model is the truth: such shapes move into
    // the container the model puts them in, as one undoable step the user sees.
    // A drawn VPC without a main route table gets one, drawn: AWS always has one (drawAsTheModelSays).
    ChangeSet followed = drawAsTheModelSays(m_document->design());
    if (followed.empty())
        return;
    const int tables = int(followed.resources.size());
    const int moved = int(std::count_if(followed.shapes.begin(), followed.shapes.end(), [](const ShapeChange& c) {
        return c.before && c.after && c.before->parent != c.after->parent;
    }));
    m_document->apply(std::move(followed), tr("Draw resources where the model puts them"));
    const QString shapes = tr("%n shape(s) moved into the container their model names.", nullptr, moved);
    const QString mains = tr("%n main route table(s) drawn: every VPC has one.", nullptr, tables);
    const QString said = tables ? mains + (moved > 0 ? QLatin1Char(' ') + shapes : QString()) : shapes;
    statusBar()->showMessage(said + tr(" (Undo takes it back.)"), 8000);
}

void MainWindow::newDocument()
{
    if (!maybeSave())
        return;
    m_document->reset(Design());
}

void MainWindow::closeDocument()
{
    // The window stays, with an empty untitled design (as a new one).
    if (!maybeSave())
        return;
    m_document->reset(Design());
    statusBar()->showMessage(tr("Closed."), 3000);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    for (const QUrl& url : event->mimeData()->urls())
        if (url.isLocalFile()) {
            event->acceptProposedAction();
            return;
        }
    QMainWindow::dragEnterEvent(event);
}

void MainWindow::dropEvent(QDropEvent* event)
{
    for (const QUrl& url : event->mimeData()->urls())
        if (url.isLocalFile()) {
            event->acceptProposedAction();
            // After the drop has finished: the save question must not run inside the drag.
            QTimer::singleShot(0, this, [this, path = url.toLocalFile()] { openDropped(path); });
            return;
        }
    QMainWindow::dropEvent(event);
}

void MainWindow::openDropped(const QString& path)
{
    if (maybeSave())
        openFile(path);
}

void MainWindow::exportDiagram()
{
    QSet<QString> selection;
    for (const ResourceId& id : m_scene->selectedResources())
        selection.insert(QString::fromStdString(id.str()));
    ExportDialog dialog(*m_document, selection, m_scene->shownFlow(), this);
    if (dialog.exec() == QDialog::Accepted && !dialog.writtenPath().isEmpty())
        statusBar()->showMessage(tr("Exported %1").arg(QDir::toNativeSeparators(dialog.writtenPath())), 5000);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState(kLayoutVersion));
    event->accept();
}

void MainWindow::addRecent(const QString& path)
{
    QSettings settings;
    QStringList recent = settings.value(QStringLiteral("recentFiles")).toStringList();
    const QString absolute = QFileInfo(path).absoluteFilePath();
    recent.removeAll(absolute);
    recent.prepend(absolute);
    while (recent.size() > kMaxRecent)
        recent.removeLast();
    settings.setValue(QStringLiteral("recentFiles"), recent);
    updateRecentMenu();
}

void MainWindow::updateRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = QSettings().value(QStringLiteral("recentFiles")).toStringList();
    for (const QString& path : recent) {
        QAction* a = m_recentMenu->addAction(QFileInfo(path).fileName());
        a->setToolTip(path);
        connect(a, &QAction::triggered, this, [this, path] {
            if (maybeSave())
                openFile(path);
        });
    }
    m_recentMenu->setEnabled(!recent.isEmpty());
}

} // namespace pp::ui
