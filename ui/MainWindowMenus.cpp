// The window's menus, toolbar and context menus (MainWindow is split by responsibility; see
// MainWindow.h).
#include "MainWindow.h"

#include "canvas/DiagramScene.h"
#include "canvas/DiagramView.h"
#include "canvas/FlowItem.h"
#include "canvas/ResourceItem.h"
#include "canvas/Style.h"
#include "document/Document.h"
#include "edit/Arrange.h"
#include "edit/AutoArrange.h"
#include "edit/Defaults.h"
#include "help/HelpMenu.h"
#include "lesson/LessonMenu.h"
#include "model/Flow.h"
#include "panels/InspectorPanel.h"
#include "panels/IssuesPanel.h"
#include "panels/PathPanel.h"
#include "policy/PoliciesPanel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDockWidget>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QStatusBar>
#include <QToolBar>
#include <QUndoStack>
#include <QUndoView>

namespace pp::ui {

QAction* MainWindow::action(const QString& name) const { return findChild<QAction*>(name); }

QAction* MainWindow::addAction(QMenu* menu, const QString& name, const QString& text, const QKeySequence& key,
                               const std::function<void()>& slot, const QString& icon)
{
    auto* a = new QAction(text, this);
    a->setObjectName(name);
    if (!key.isEmpty())
        a->setShortcut(key);
    if (!icon.isEmpty())
        a->setIcon(QIcon(icon));
    connect(a, &QAction::triggered, this, slot);
    if (menu)
        menu->addAction(a);
    return a;
}

void MainWindow::createActions()
{
    // Toolbar buttons are icons with tooltips (the text with its shortcut), so their width never
    // changes (Undo's text does).
    QToolBar* bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonIconOnly);
    bar->setIconSize(QSize(22, 22));
    auto onBar = [bar](QAction* a) {
        a->setToolTip(a->shortcut().isEmpty() ? a->text().remove(QLatin1Char('&')).remove(QStringLiteral("…"))
                                              : QStringLiteral("%1 (%2)").arg(a->text().remove(QLatin1Char('&')).remove(QStringLiteral("…")),
                                                                              a->shortcut().toString(QKeySequence::NativeText)));
        bar->addAction(a);
    };

    QMenu* file = menuBar()->addMenu(tr("&File"));
    onBar(addAction(file, QStringLiteral("actionNew"), tr("&New"), QKeySequence::New, [this] { newDocument(); }, QStringLiteral(":/icons/actions/new.svg")));
    onBar(addAction(file, QStringLiteral("actionOpen"), tr("&Open…"), QKeySequence::Open, [this] { open(); }, QStringLiteral(":/icons/actions/open.svg")));
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    onBar(addAction(file, QStringLiteral("actionSave"), tr("&Save"), QKeySequence::Save, [this] { save(); }, QStringLiteral(":/icons/actions/save.svg")));
    addAction(file, QStringLiteral("actionSaveAs"), tr("Save &As…"), QKeySequence::SaveAs, [this] { saveAs(); });
    addAction(file, QStringLiteral("actionRecover"), tr("Recover &Unsaved Changes…"), {}, [this] { offerRecovery(true); });
    file->addSeparator();
    addAction(file, QStringLiteral("actionImportTerraform"), tr("&Import Terraform Plan or State…"), {}, [this] { importTerraform(); });
    addAction(file, QStringLiteral("actionImportAws"), tr("Import AWS CLI &Describe Output…"), {}, [this] { importAws(); });
    addAction(file, QStringLiteral("actionCompareWith"), tr("Co&mpare with…"), {}, [this] { compareWith(); });
    onBar(addAction(file, QStringLiteral("actionExport"), tr("&Export…"), QKeySequence(Qt::CTRL | Qt::Key_E), [this] { exportDiagram(); },
                    QStringLiteral(":/icons/actions/export.svg")));
    file->addSeparator();
    addAction(file, QStringLiteral("actionClose"), tr("&Close"), QKeySequence::Close, [this] { closeDocument(); });
    addAction(file, QStringLiteral("actionQuit"), tr("&Quit"), QKeySequence::Quit, [this] { close(); });

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    bar->addSeparator();
    createEditActions(edit, bar);

    QMenu* arrange = menuBar()->addMenu(tr("&Arrange"));
    // Arrange Automatically (edit/AutoArrange.h): the selected containers inside, or the whole
    // design when nothing is selected; one undo step.
    auto arrangeAutomatically = [this] {
        const QList<ResourceId> selected = m_scene->selectedResources();
        ChangeSet change = pp::arrangeAutomatically(m_document->design(), {selected.begin(), selected.end()});
        if (change.empty()) {
            statusBar()->showMessage(selected.isEmpty() ? tr("Already arranged: the automatic layout changes nothing.")
                                                        : tr("Select a Region, VPC, subnet or on-premises network to arrange "
                                                             "what it holds, or nothing to arrange the whole design."),
                                     5000);
            return;
        }
        const int moved = int(change.shapes.size());
        if (!m_document->apply(std::move(change), selected.isEmpty() ? tr("Arrange the design automatically") : tr("Arrange automatically")))
            return; // read-only: the document said why
        if (selected.isEmpty())
            m_view->fitAll();
        statusBar()->showMessage(tr("%n shape(s) arranged (Undo takes it back).", nullptr, moved), 5000);
    };
    QAction* automatic = addAction(arrange, QStringLiteral("actionArrangeAutomatically"), tr("Arrange &Automatically"),
                                   QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A), arrangeAutomatically);
    automatic->setToolTip(tr("Lay out the selected Regions, VPCs, subnets and on-premises networks inside, or the whole "
                             "design when nothing is selected, as an import is laid out"));
    arrange->addSeparator();
    const struct {
        const char* name;
        const char* text;
        Alignment alignment;
        QKeySequence key;
    } alignments[] = {
        {"actionAlignLeft", QT_TR_NOOP("Align &Left"), Alignment::Left, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L)},
        {"actionAlignCentre", QT_TR_NOOP("Align &Centre"), Alignment::HorizontalCentre, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C)},
        {"actionAlignRight", QT_TR_NOOP("Align &Right"), Alignment::Right, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R)},
        {"actionAlignTop", QT_TR_NOOP("Align &Top"), Alignment::Top, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T)},
        {"actionAlignMiddle", QT_TR_NOOP("Align &Middle"), Alignment::VerticalCentre, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M)},
        {"actionAlignBottom", QT_TR_NOOP("Align &Bottom"), Alignment::Bottom, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B)},
    };
    for (const auto& a : alignments) {
        const int value = int(a.alignment);
        addAction(arrange, QString::fromLatin1(a.name), tr(a.text), a.key, [this, value] { alignSelection(value); });
        if (a.alignment == Alignment::Right)
            arrange->addSeparator();
    }
    arrange->addSeparator();
    addAction(arrange, QStringLiteral("actionDistributeHorizontally"), tr("Distribute &Horizontally"), {},
              [this] { distributeSelection(int(Distribution::Horizontal)); });
    addAction(arrange, QStringLiteral("actionDistributeVertically"), tr("Distribute &Vertically"), {},
              [this] { distributeSelection(int(Distribution::Vertical)); });
    addAction(arrange, QStringLiteral("actionSameSize"), tr("Make Same &Size"), {}, [this] { makeSameSize(); });
    arrange->addSeparator();
    auto restack = [this](Stacking stacking) {
        const QList<ResourceId> selected = m_scene->selectedResources();
        ChangeSet change = restackShapes(m_document->design(), {selected.begin(), selected.end()}, stacking);
        if (change.empty()) {
            statusBar()->showMessage(selected.isEmpty()
                                         ? tr("Select the shapes to move in the stacking order.")
                                         : tr("Already there: nothing is drawn over (under) them."),
                                     4000);
            return;
        }
        m_document->apply(std::move(change),
                          stacking == Stacking::Front ? tr("Bring to front") : tr("Send to back"));
    };
    addAction(arrange, QStringLiteral("actionBringToFront"), tr("Bring to &Front"),
              QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_BracketRight), [restack] { restack(Stacking::Front); });
    addAction(arrange, QStringLiteral("actionSendToBack"), tr("Send to &Back"),
              QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_BracketLeft), [restack] { restack(Stacking::Back); });

    QMenu* view = menuBar()->addMenu(tr("&View"));
    bar->addSeparator();
    onBar(addAction(view, QStringLiteral("actionZoomIn"), tr("Zoom &In"), QKeySequence::ZoomIn, [this] { m_view->zoomIn(); },
                    QStringLiteral(":/icons/actions/zoom-in.svg")));
    onBar(addAction(view, QStringLiteral("actionZoomOut"), tr("Zoom &Out"), QKeySequence::ZoomOut, [this] { m_view->zoomOut(); },
                    QStringLiteral(":/icons/actions/zoom-out.svg")));
    addAction(view, QStringLiteral("actionActualSize"), tr("&Actual Size"), QKeySequence(Qt::CTRL | Qt::Key_0), [this] { m_view->zoomReset(); });
    onBar(addAction(view, QStringLiteral("actionFit"), tr("&Fit to View"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F), [this] { m_view->fitAll(); },
                    QStringLiteral(":/icons/actions/zoom-fit.svg")));
    addAction(view, QStringLiteral("actionFitSelection"), tr("Fit to &Selection"), QKeySequence(Qt::CTRL | Qt::Key_9),
              [this] { m_view->fitSelection(); });
    view->addSeparator();
    for (QDockWidget* d : findChildren<QDockWidget*>())
        view->addAction(d->toggleViewAction());
    view->addAction(action(QStringLiteral("actionResetLayout")));

    bar->addSeparator();
    QAction* flowTool = action(QStringLiteral("drawFlow"));
    onBar(flowTool);
    bar->addSeparator();
    m_find = new QLineEdit(this);
    m_find->setObjectName(QStringLiteral("find"));
    m_find->setPlaceholderText(tr("Find by name, id, IP or CIDR"));
    m_find->setClearButtonEnabled(true);
    m_find->setMaximumWidth(220);
    m_find->setToolTip(tr("Find a resource by name, id, IP address or CIDR; Enter or F3 steps through the matches, Shift+F3 back (Ctrl+F)"));
    connect(m_find, &QLineEdit::returnPressed, this, &MainWindow::findResource);
    // Names for screen readers where a placeholder or an icon is all a sighted user gets.
    m_find->setAccessibleName(tr("Find"));
    if (auto* clear = m_find->findChild<QAction*>(QStringLiteral("_q_qlineeditclearaction")))
        clear->setText(tr("Clear"));
    bar->addWidget(m_find)->setText(tr("Find"));
    // Qt's overflow buttons (shown when the window is too narrow) carry no name of their own.
    if (auto* more = bar->findChild<QWidget*>(QStringLiteral("qt_toolbar_ext_button")))
        more->setAccessibleName(tr("More Tools"));
    if (auto* more = menuBar()->findChild<QWidget*>(QStringLiteral("qt_menubar_ext_button")))
        more->setAccessibleName(tr("More Menus"));

    installHelpMenu(this);
    m_lessonMenu = new LessonMenu(this, *m_document, m_scene, m_lesson, [this](const QString& path, bool askToSave) {
        return (!askToSave || maybeSave()) && openFile(path);
    });
}

void MainWindow::createEditActions(QMenu* edit, QToolBar* bar)
{
    QAction* undo = m_document->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setObjectName(QStringLiteral("actionUndo"));
    undo->setShortcut(QKeySequence::Undo);
    undo->setIcon(QIcon(QStringLiteral(":/icons/actions/undo.svg")));
    QAction* redo = m_document->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setObjectName(QStringLiteral("actionRedo"));
    redo->setShortcuts(QKeySequence::Redo);
    redo->setIcon(QIcon(QStringLiteral(":/icons/actions/redo.svg")));
    edit->addAction(undo);
    edit->addAction(redo);
    bar->addAction(undo);
    bar->addAction(redo);
    edit->addSeparator();
    // Actions on the canvas's selection work while the canvas has the focus, so Delete or Ctrl+A
    // in a panel's field or list keeps its usual meaning there.
    auto onCanvas = [this](QAction* a) {
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        m_view->addAction(a);
        return a;
    };
    addAction(edit, QStringLiteral("actionCut"), tr("Cu&t"), QKeySequence::Cut, [this] {
        copySelection();
        deleteSelection();
    });
    addAction(edit, QStringLiteral("actionCopy"), tr("&Copy"), QKeySequence::Copy, [this] { copySelection(); });
    addAction(edit, QStringLiteral("actionPaste"), tr("&Paste"), QKeySequence::Paste, [this] { paste(); });
    onCanvas(addAction(edit, QStringLiteral("actionDuplicate"), tr("D&uplicate"), QKeySequence(Qt::CTRL | Qt::Key_D), [this] { duplicate(); }));
    QAction* del = onCanvas(addAction(edit, QStringLiteral("actionDelete"), tr("&Delete"), QKeySequence::Delete, [this] { deleteSelection(); }));
    del->setShortcuts({QKeySequence::Delete, QKeySequence(Qt::Key_Backspace)});
    onCanvas(addAction(edit, QStringLiteral("actionSelectAll"), tr("Select &All"), QKeySequence::SelectAll, [this] {
        QStringList ids;
        for (const Resource& r : m_document->design().resources())
            ids << QString::fromStdString(r.id.str());
        for (const Flow& f : m_document->design().flows())
            ids << QString::fromStdString(f.id.str());
        m_scene->selectIds(ids);
    }));
    onCanvas(addAction(edit, QStringLiteral("actionRename"), tr("Re&name"), QKeySequence(Qt::Key_F2), [this] { renameSelection(); }));
    edit->addSeparator();
    QAction* flowTool = addAction(nullptr, QStringLiteral("drawFlow"), tr("Draw &Flow"), QKeySequence(Qt::Key_F), [] {},
                                  QStringLiteral(":/icons/flow.svg"));
    flowTool->setCheckable(true);
    connect(flowTool, &QAction::toggled, m_view, &DiagramView::setFlowMode);
    connect(m_view, &DiagramView::flowModeChanged, flowTool, &QAction::setChecked);
    edit->addAction(flowTool);
    edit->addSeparator();
    addAction(edit, QStringLiteral("actionFind"), tr("&Find…"), QKeySequence::Find, [this] {
        m_find->setFocus();
        m_find->selectAll();
    });
    edit->addActions({action(QStringLiteral("actionFindNext")), action(QStringLiteral("actionFindPrevious"))});
    edit->addSeparator();
    addAction(edit, QStringLiteral("actionAddPolicy"), tr("Add &Policy…"), {}, [this] {
        m_policiesDock->show();
        m_policiesDock->raise();
        m_policies->addPolicy();
    });
}

void MainWindow::canvasMenu(QPointF scenePos, QPoint globalPos)
{
    QGraphicsItem* picked = m_scene->pick(scenePos);
    // A right click on something not selected selects it alone (as in every editor).
    if (picked && !picked->isSelected() && (dynamic_cast<ResourceItem*>(picked) || dynamic_cast<FlowItem*>(picked))) {
        m_scene->clearSelection();
        picked->setSelected(true);
    } else if (!picked) {
        m_scene->clearSelection(); // the empty canvas's menu is about the canvas
    }
    QMenu menu(this);
    menu.setObjectName(QStringLiteral("canvasMenu"));
    const QList<ResourceId> resources = m_scene->selectedResources();
    const QList<FlowId> flows = m_scene->selectedFlows();
    auto* resource = dynamic_cast<ResourceItem*>(picked);
    auto* flow = dynamic_cast<FlowItem*>(picked);
    if (resource && resources.size() == 1) {
        addResourceActions(menu, resource->resourceId());
        menu.addAction(action(QStringLiteral("actionBringToFront")));
        menu.addAction(action(QStringLiteral("actionSendToBack")));
        if (style::isContainer(resource->kind())) {
            menu.addAction(tr("Paste &Here"), this, [this, scenePos] { pasteAt(scenePos); });
            menu.addAction(action(QStringLiteral("actionArrangeAutomatically")));
        }
    } else if (flow && flows.size() == 1 && resources.isEmpty()) {
        const FlowId id = flow->flowId();
        menu.addAction(tr("Show &Path"), this, [this] {
            m_pathDock->show();
            m_pathDock->raise();
        });
        menu.addAction(tr("Select &Source"), this, [this, id] {
            if (const Flow* f = m_document->design().findFlow(id))
                m_view->centreOn({QString::fromStdString(f->source.str())});
        });
        menu.addAction(tr("Select &Destination"), this, [this, id] {
            if (const Flow* f = m_document->design().findFlow(id))
                m_view->centreOn({QString::fromStdString(f->destination.str())});
        });
        menu.addSeparator();
        menu.addAction(action(QStringLiteral("actionRename")));
        menu.addAction(action(QStringLiteral("actionDelete")));
    } else if (auto* link = dynamic_cast<LinkItem*>(picked)) {
        for (ResourceItem* end : {link->from(), link->to()}) {
            const QString id = QString::fromStdString(end->resourceId().str());
            menu.addAction(tr("Select %1").arg(id), this, [this, id] { m_view->centreOn({id}); });
        }
    } else if (!resources.isEmpty() || !flows.isEmpty()) {
        // Several things selected.
        for (const char* name : {"actionCut", "actionCopy", "actionDuplicate", "actionDelete"})
            menu.addAction(action(QString::fromLatin1(name)));
        if (resources.size() >= 2) {
            menu.addSeparator();
            QMenu* align = menu.addMenu(tr("&Align"));
            for (const char* name : {"actionAlignLeft", "actionAlignCentre", "actionAlignRight", "actionAlignTop", "actionAlignMiddle",
                                     "actionAlignBottom", "actionDistributeHorizontally", "actionDistributeVertically", "actionSameSize"})
                align->addAction(action(QString::fromLatin1(name)));
        }
        menu.addAction(action(QStringLiteral("actionBringToFront")));
        menu.addAction(action(QStringLiteral("actionSendToBack")));
        menu.addAction(action(QStringLiteral("actionFitSelection")));
    } else {
        // Empty canvas.
        menu.addAction(tr("&Paste Here"), this, [this, scenePos] { pasteAt(scenePos); });
        menu.addAction(action(QStringLiteral("actionSelectAll")));
        menu.addAction(action(QStringLiteral("actionFit")));
        menu.addAction(action(QStringLiteral("actionArrangeAutomatically")));
        menu.addSeparator();
        QMenu* add = menu.addMenu(tr("&Add Here"));
        for (Kind kind : {Kind::Region, Kind::Vpc, Kind::AwsService, Kind::InternetHost, Kind::OnPremisesNetwork, Kind::TransitGateway,
                          Kind::DirectConnectGateway})
            add->addAction(style::kindIcon(kind), style::kindLabel(kind), this, [this, kind, scenePos] { m_view->dropKind(int(kind), scenePos); });
    }
    if (!menu.isEmpty())
        menu.exec(globalPos);
}

void MainWindow::addResourceActions(QMenu& menu, const ResourceId& id)
{
    const Design& d = m_document->design();
    const Resource* r = d.find(id);
    if (!r)
        return;
    const QString qid = QString::fromStdString(id.str());
    menu.addAction(action(QStringLiteral("actionRename")));
    menu.addAction(action(QStringLiteral("actionDuplicate")));
    menu.addAction(action(QStringLiteral("actionCopy")));
    menu.addAction(action(QStringLiteral("actionCut")));
    menu.addAction(action(QStringLiteral("actionDelete")));
    menu.addSeparator();
    if (DiagramView::canStartConnection(r->kind()))
        menu.addAction(QIcon(QStringLiteral(":/icons/flow.svg")), tr("Draw &Flow From Here"), this, [this, id] { m_view->startFlowFrom(id); });
    // Flows at this resource.
    QStringList flows;
    for (const Flow& f : d.flows())
        if (f.source == id || f.destination == id)
            flows << QString::fromStdString(f.id.str());
    if (!flows.isEmpty())
        menu.addAction(tr("Select Its &Flows (%1)").arg(flows.size()), this, [this, flows] { m_scene->selectIds(flows); });
    if (const Subnet* subnet = r->as<Subnet>()) {
        // Which route table the subnet uses: any table of its VPC (the main one when none is chosen).
        QMenu* tables = menu.addMenu(tr("Associate with &Route Table"));
        tables->setObjectName(QStringLiteral("routeTableMenu"));
        d.forEach<RouteTable>([&](const Resource& table, const RouteTable& rt) {
            if (rt.vpc != subnet->vpc)
                return;
            QAction* a = tables->addAction(QString::fromStdString(table.displayName() + " (" + table.id.str() + ")"));
            a->setCheckable(true);
            a->setChecked(subnet->routeTable && *subnet->routeTable == table.id);
            connect(a, &QAction::triggered, this, [this, id, table = table.id] {
                const Resource* current = m_document->design().find(id);
                if (!current)
                    return;
                Resource changed = *current;
                changed.as<Subnet>()->routeTable = table;
                m_document->apply(ChangeSetBuilder(m_document->design()).modify(changed).build(),
                                  tr("Associate %1 with %2").arg(QString::fromStdString(id.str()), QString::fromStdString(table.str())));
            });
        });
        tables->setEnabled(!tables->isEmpty());
        const bool isPublic = isPublicSubnet(d, id);
        menu.addAction(isPublic ? tr("Make &Private") : tr("Make &Public"), this, [this, id, isPublic] {
            m_document->apply(setSubnetPublic(m_document->design(), id, !isPublic),
                              isPublic ? tr("Make %1 private").arg(QString::fromStdString(id.str()))
                                       : tr("Make %1 public").arg(QString::fromStdString(id.str())));
        });
    }
    if (style::isContainer(r->kind())) {
        menu.addAction(tr("Select &Contents"), this, [this, qid] {
            ResourceItem* item = m_scene->itemFor(qid.toStdString());
            if (!item)
                return;
            QStringList ids;
            for (QGraphicsItem* child : item->childItems())
                if (auto* c = dynamic_cast<ResourceItem*>(child))
                    ids << QString::fromStdString(c->resourceId().str());
            m_scene->selectIds(ids);
        });
    }
    menu.addSeparator();
    menu.addAction(tr("Fit to &This"), this, [this] { m_view->fitSelection(); });
    menu.addAction(tr("&Properties"), this, [this] {
        m_inspectorDock->show();
        m_inspectorDock->raise();
        m_inspector->setFocus();
    });
}

void MainWindow::issuesMenu(QPoint pos)
{
    QTreeWidgetItem* item = m_issues->itemAt(pos);
    if (!item)
        return;
    QMenu menu(this);
    menu.setObjectName(QStringLiteral("issuesMenu"));
    const QStringList ids = item->data(0, Qt::UserRole).toStringList();
    menu.addAction(tr("Show on &Canvas"), this, [this, ids] { m_view->centreOn(ids); })->setEnabled(!ids.isEmpty());
    menu.addAction(tr("&Copy Text"), this, [item] {
        QStringList columns;
        for (int c = 0; c < item->columnCount(); ++c)
            columns << item->text(c);
        QApplication::clipboard()->setText(columns.join(QLatin1Char('\t')));
    });
    menu.exec(m_issues->viewport()->mapToGlobal(pos));
}

void MainWindow::pathMenu(QPoint pos)
{
    QTreeWidgetItem* item = m_path->itemAt(pos);
    QMenu menu(this);
    menu.setObjectName(QStringLiteral("pathMenu"));
    const QString resource = item ? item->text(1) : QString();
    if (!resource.isEmpty() && m_scene->itemFor(resource.toStdString())) {
        const FlowId flow = m_path->shownFlow();
        menu.addAction(tr("Show %1 on &Canvas").arg(resource), this, [this, resource, flow] {
            m_view->centreOn({resource});
            // The path stays shown while its hop is looked at.
            m_scene->showFlowPath(flow);
        });
    }
    menu.addAction(tr("&Copy Path as Text"), this, [this] {
        QStringList lines;
        for (QTreeWidgetItemIterator it(m_path); *it; ++it)
            lines << QStringLiteral("%1\t%2\t%3").arg((*it)->text(0), (*it)->text(1), (*it)->text(2));
        QApplication::clipboard()->setText(lines.join(QLatin1Char('\n')));
    });
    menu.exec(m_path->viewport()->mapToGlobal(pos));
}

void MainWindow::historyMenu(QPoint pos)
{
    const QModelIndex index = m_history->indexAt(pos);
    QMenu menu(this);
    menu.setObjectName(QStringLiteral("historyMenu"));
    if (index.isValid()) {
        const int step = index.row(); // row 0 is the clean state before any command
        menu.addAction(step < m_document->undoStack()->index() ? tr("&Undo to Here") : tr("&Redo to Here"), this,
                       [this, step] { m_document->undoStack()->setIndex(step); });
    }
    menu.addAction(action(QStringLiteral("actionUndo")));
    menu.addAction(action(QStringLiteral("actionRedo")));
    menu.exec(m_history->viewport()->mapToGlobal(pos));
}

} // namespace pp::ui
