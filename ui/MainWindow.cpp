#include "MainWindow.h"

#include "export/ExportDialog.h"

#include "canvas/DiagramScene.h"
#include "canvas/DiagramView.h"
#include "canvas/FlowItem.h"
#include "canvas/ResourceItem.h"
#include "canvas/Style.h"
#include "document/Document.h"
#include "edit/Defaults.h"
#include "panels/InspectorPanel.h"
#include "panels/IssuesPanel.h"
#include "panels/PalettePanel.h"
#include "panels/PathPanel.h"

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
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QStatusBar>
#include <QToolBar>
#include <QUndoView>

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
    setCentralWidget(m_view);
    createDocks();
    createActions();
    connect(m_scene, &QGraphicsScene::selectionChanged, this, &MainWindow::selectionChanged);
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
        m_summary->setText(tr("%1 private · %2 public · %3 unreachable · %4 error(s)").arg(counts[0]).arg(counts[1]).arg(counts[2]).arg(errors));
    });
    connect(m_issues, &IssuesPanel::showResources, m_view, &DiagramView::centreOn);
    connect(m_view, &DiagramView::natGatewayAdded, this, &MainWindow::offerNatRoutes);

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

    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
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
    m_document->disconnect();
    m_view->setScene(nullptr);
    delete m_scene;
    m_scene = nullptr;
    delete m_document;
    m_document = nullptr;
}

void MainWindow::createDocks()
{
    auto dock = [this](const QString& title, QWidget* widget, Qt::DockWidgetArea area, const QString& name) {
        auto* d = new QDockWidget(title, this);
        d->setObjectName(name);
        d->setWidget(widget);
        addDockWidget(area, d);
        return d;
    };
    m_palette = new PalettePanel(this);
    dock(tr("Palette"), m_palette, Qt::LeftDockWidgetArea, QStringLiteral("paletteDock"));
    m_inspector = new InspectorPanel(*m_document, this);
    dock(tr("Inspector"), m_inspector, Qt::RightDockWidgetArea, QStringLiteral("inspectorDock"));
    m_path = new PathPanel(*m_document, this);
    QDockWidget* pathDock = dock(tr("Flow path"), m_path, Qt::BottomDockWidgetArea, QStringLiteral("pathDock"));
    m_issues = new IssuesPanel(*m_document, this);
    QDockWidget* issuesDock = dock(tr("Issues"), m_issues, Qt::BottomDockWidgetArea, QStringLiteral("issuesDock"));
    tabifyDockWidget(issuesDock, pathDock);
    m_history = new QUndoView(m_document->undoStack(), this);
    QDockWidget* historyDock = dock(tr("History"), m_history, Qt::RightDockWidgetArea, QStringLiteral("historyDock"));
    historyDock->hide();
}

void MainWindow::createActions()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QToolBar* bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    auto add = [&](QMenu* menu, const QString& text, QKeySequence key, auto slot, bool onBar = false) {
        QAction* a = menu->addAction(text);
        a->setShortcut(key);
        connect(a, &QAction::triggered, this, slot);
        if (onBar)
            bar->addAction(a);
        return a;
    };
    add(file, tr("&New"), QKeySequence::New, &MainWindow::newDocument, true);
    add(file, tr("&Open…"), QKeySequence::Open, &MainWindow::open, true);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    add(file, tr("&Save"), QKeySequence::Save, &MainWindow::save, true);
    add(file, tr("Save &As…"), QKeySequence::SaveAs, &MainWindow::saveAs);
    file->addSeparator();
    add(file, tr("&Export…"), QKeySequence(Qt::CTRL | Qt::Key_E), &MainWindow::exportDiagram, true);
    file->addSeparator();
    add(file, tr("&Quit"), QKeySequence::Quit, &MainWindow::close);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* undo = m_document->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction* redo = m_document->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    edit->addAction(undo);
    edit->addAction(redo);
    bar->addSeparator();
    bar->addAction(undo);
    bar->addAction(redo);
    edit->addSeparator();
    add(edit, tr("Cu&t"), QKeySequence::Cut, [this] {
        copySelection();
        deleteSelection();
    });
    add(edit, tr("&Copy"), QKeySequence::Copy, &MainWindow::copySelection);
    add(edit, tr("&Paste"), QKeySequence::Paste, &MainWindow::paste);
    add(edit, tr("D&uplicate"), QKeySequence(Qt::CTRL | Qt::Key_D), &MainWindow::duplicate);
    add(edit, tr("&Delete"), QKeySequence::Delete, &MainWindow::deleteSelection);
    add(edit, tr("Select &All"), QKeySequence::SelectAll, [this] {
        for (QGraphicsItem* item : m_scene->items())
            item->setSelected(true);
    });

    QMenu* view = menuBar()->addMenu(tr("&View"));
    bar->addSeparator();
    add(view, tr("Zoom &In"), QKeySequence::ZoomIn, [this] { m_view->zoomIn(); }, true);
    add(view, tr("Zoom &Out"), QKeySequence::ZoomOut, [this] { m_view->zoomOut(); }, true);
    add(view, tr("&Actual Size"), QKeySequence(Qt::CTRL | Qt::Key_0), [this] { m_view->zoomReset(); });
    add(view, tr("&Fit to View"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F), [this] { m_view->fitAll(); }, true);
    bar->addSeparator();
    QAction* flowTool = bar->addAction(QIcon(QStringLiteral(":/icons/flow.svg")), tr("Draw &Flow"));
    flowTool->setObjectName(QStringLiteral("drawFlow"));
    flowTool->setCheckable(true);
    flowTool->setShortcut(QKeySequence(Qt::Key_F));
    flowTool->setToolTip(tr("Draw a flow: drag from a client to what it connects to (F)"));
    connect(flowTool, &QAction::toggled, m_view, &DiagramView::setFlowMode);
    edit->addSeparator();
    edit->addAction(flowTool);
    add(edit, tr("Align &Left"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L), [this] { alignSelection(Qt::AlignLeft); });
    add(edit, tr("Align &Top"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T), [this] { alignSelection(Qt::AlignTop); });
    bar->addSeparator();
    m_find = new QLineEdit(this);
    m_find->setObjectName(QStringLiteral("find"));
    m_find->setPlaceholderText(tr("Find by name or id"));
    m_find->setClearButtonEnabled(true);
    m_find->setMaximumWidth(220);
    connect(m_find, &QLineEdit::returnPressed, this, &MainWindow::findResource);
    bar->addWidget(m_find);
    add(edit, tr("&Find…"), QKeySequence::Find, [this] {
        m_find->setFocus();
        m_find->selectAll();
    });
    view->addSeparator();
    for (QDockWidget* d : findChildren<QDockWidget*>())
        view->addAction(d->toggleViewAction());
}

void MainWindow::updateTitle()
{
    const QString path = m_document->filePath();
    const QString name = path.isEmpty() ? tr("Untitled") : QFileInfo(path).fileName();
    setWindowTitle(tr("%1[*] — PrivatePath").arg(name));
    setWindowModified(m_document->isModified());
}

void MainWindow::selectionChanged()
{
    const auto items = m_scene->selectedItems();
    if (items.size() == 1) {
        if (auto* f = dynamic_cast<FlowItem*>(items.first())) {
            m_inspector->showFlow(f->flowId());
            m_path->showFlow(f->flowId());
            m_scene->showFlowPath(f->flowId());
            return;
        }
        if (auto* r = dynamic_cast<ResourceItem*>(items.first())) {
            m_inspector->showResource(r->resourceId());
            return;
        }
    }
    if (items.isEmpty())
        m_inspector->clearSelection();
}

void MainWindow::offerNatRoutes(const QString& nat)
{
    // Adding a NAT gateway offers the default route for the private subnets (not imposed).
    ChangeSet routes = natDefaultRoutes(m_document->design(), ResourceId(nat.toStdString()));
    if (routes.empty())
        return;
    QStringList tables;
    for (const ResourceChange& c : routes.resources)
        tables << QString::fromStdString(c.id.str());
    auto* box = new QMessageBox(QMessageBox::Question, tr("Default route through %1?").arg(nat),
                                tr("Send 0.0.0.0/0 through %1 in the route tables of the private subnets (%2)?")
                                    .arg(nat, tables.join(QStringLiteral(", "))),
                                QMessageBox::Yes | QMessageBox::No, this);
    box->setObjectName(QStringLiteral("natRoutesOffer"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::accepted, this, [this, routes, nat] {
        m_document->apply(routes, tr("Default route through %1").arg(nat));
    });
    box->open();
}

void MainWindow::findResource()
{
    // By id or name, case-insensitive; repeated searches step through the matches.
    const QString text = m_find->text().trimmed();
    if (text.isEmpty())
        return;
    QStringList matches;
    for (const Resource& r : m_document->design().resources())
        if (QString::fromStdString(r.id.str()).contains(text, Qt::CaseInsensitive) ||
            QString::fromStdString(r.name).contains(text, Qt::CaseInsensitive))
            if (m_scene->itemFor(r.id.str()))
                matches << QString::fromStdString(r.id.str());
    if (matches.isEmpty()) {
        statusBar()->showMessage(tr("Nothing drawn matches \"%1\"").arg(text), 4000);
        return;
    }
    m_findIndex = text == m_lastFind ? (m_findIndex + 1) % matches.size() : 0;
    m_lastFind = text;
    m_view->centreOn({matches[m_findIndex]});
    statusBar()->showMessage(tr("%1 of %2: %3").arg(m_findIndex + 1).arg(matches.size()).arg(matches[m_findIndex]), 4000);
}

void MainWindow::alignSelection(Qt::Alignment edge)
{
    // Aligns shapes that share a container, on the first selected one's edge.
    const QList<ResourceId> ids = m_scene->selectedResources();
    if (ids.size() < 2)
        return;
    const Design& d = m_document->design();
    auto shapeOf = [&](const ResourceId& id) -> const Shape* {
        for (const Shape& s : d.diagram.shapes)
            if (s.resource == id)
                return &s;
        return nullptr;
    };
    const Shape* anchor = shapeOf(ids.first());
    if (!anchor)
        return;
    ChangeSetBuilder builder(d);
    for (const ResourceId& id : ids) {
        const Shape* s = shapeOf(id);
        if (!s || s == anchor || s->parent != anchor->parent)
            continue;
        Shape aligned = *s;
        if (edge == Qt::AlignLeft)
            aligned.x = anchor->x;
        else
            aligned.y = anchor->y;
        builder.setShape(aligned);
    }
    m_document->apply(builder.build(), edge == Qt::AlignLeft ? tr("Align left") : tr("Align top"));
}

void MainWindow::newDocument()
{
    if (!maybeSave())
        return;
    m_document->reset(Design());
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

void MainWindow::open()
{
    if (!maybeSave())
        return;
    const QString path = QFileDialog::getOpenFileName(this, tr("Open design"), QString(),
                                                      tr("PrivatePath designs (*.privatepath);;PNG exports with the design embedded (*.png);;All files (*)"));
    if (!path.isEmpty())
        openFile(path);
}

bool MainWindow::openFile(const QString& path)
{
    QString error;
    if (!m_document->open(path, &error)) {
        // The loader's message names the file, line and field; nothing is changed.
        m_lastError = error;
        auto* box = new QMessageBox(QMessageBox::Warning, tr("Cannot open design"), error, QMessageBox::Ok, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
        statusBar()->showMessage(error.section(QLatin1Char('\n'), 0, 0), 8000);
        return false;
    }
    addRecent(path);
    m_view->fitAll();
    statusBar()->showMessage(tr("Opened %1").arg(path), 4000);
    return true;
}

bool MainWindow::save()
{
    if (m_document->filePath().isEmpty())
        return saveAs();
    return saveTo(m_document->filePath());
}

bool MainWindow::saveAs()
{
    QString path = QFileDialog::getSaveFileName(this, tr("Save design"), m_document->filePath(),
                                                tr("PrivatePath designs (*.privatepath)"));
    if (path.isEmpty())
        return false;
    if (!path.endsWith(QLatin1String(".privatepath")))
        path += QLatin1String(".privatepath");
    return saveTo(path);
}

bool MainWindow::saveTo(const QString& path)
{
    QString error;
    if (!m_document->saveAs(path, &error)) {
        m_lastError = error;
        auto* box = new QMessageBox(QMessageBox::Warning, tr("Cannot save design"), error, QMessageBox::Ok, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
        return false;
    }
    addRecent(path);
    updateTitle();
    statusBar()->showMessage(tr("Saved %1").arg(path), 4000);
    return true;
}

void MainWindow::deleteSelection()
{
    std::vector<ResourceId> ids;
    ChangeSetBuilder flows(m_document->design());
    bool anyFlow = false;
    for (QGraphicsItem* item : m_scene->selectedItems()) {
        if (auto* r = dynamic_cast<ResourceItem*>(item))
            ids.push_back(r->resourceId());
        else if (auto* f = dynamic_cast<FlowItem*>(item)) {
            flows.removeFlow(f->flowId());
            anyFlow = true;
        }
    }
    if (!ids.empty())
        m_document->apply(removeWithDependents(m_document->design(), ids), tr("Delete"));
    else if (anyFlow)
        m_document->apply(flows.build(), tr("Delete flow"));
}

void MainWindow::copySelection()
{
    std::vector<ResourceId> ids;
    for (const ResourceId& id : m_scene->selectedResources())
        ids.push_back(id);
    if (ids.empty())
        return;
    const QByteArray text = QByteArray::fromStdString(pp::copySelection(m_document->design(), ids));
    auto* mime = new QMimeData;
    mime->setData(kClipboardMime, text);
    mime->setText(QString::fromUtf8(text));
    QApplication::clipboard()->setMimeData(mime);
}

void MainWindow::paste()
{
    const QMimeData* mime = QApplication::clipboard()->mimeData();
    if (!mime)
        return;
    const QByteArray text = mime->hasFormat(kClipboardMime) ? mime->data(kClipboardMime) : mime->text().toUtf8();
    std::string why;
    const auto change = pasteSelection(m_document->design(), text.toStdString(), 40, 40, &why);
    if (!change) {
        statusBar()->showMessage(tr("Nothing to paste: %1").arg(QString::fromStdString(why)), 5000);
        return;
    }
    m_document->apply(*change, tr("Paste"));
}

void MainWindow::duplicate()
{
    copySelection();
    paste();
}

bool MainWindow::maybeSave()
{
    if (!m_document->isModified())
        return true;
    const auto answer = QMessageBox::warning(this, tr("Unsaved changes"), tr("The design has unsaved changes. Save them?"),
                                             QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel);
    if (answer == QMessageBox::Save)
        return save();
    return answer == QMessageBox::Discard;
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
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
