// Edit actions of the window: delete, copy, paste, duplicate, rename, arrange, nudge, find
// (MainWindow is split by responsibility; see MainWindow.h).
#include "MainWindow.h"

#include "canvas/DiagramScene.h"
#include "canvas/DiagramView.h"
#include "canvas/FlowItem.h"
#include "canvas/ResourceItem.h"
#include "canvas/Style.h"
#include "document/Document.h"
#include "edit/Arrange.h"
#include "edit/Clipboard.h"
#include "edit/Defaults.h"
#include "edit/Find.h"

#include <QApplication>
#include <QClipboard>
#include <QCursor>
#include <QLineEdit>
#include <QMessageBox>
#include <QMimeData>
#include <QStatusBar>
#include <QTimer>
#include <QUndoStack>
#include <set>

namespace pp::ui {
namespace {
constexpr char kClipboardMime[] = "application/x-privatepath";
// Gesture id of arrow-key nudges: consecutive ones merge into one undo step.
constexpr int kNudgeGesture = 0x4e756467;

std::vector<ResourceId> toVector(const QList<ResourceId>& ids) { return {ids.begin(), ids.end()}; }

// What a paste created: its resources and flows, to select.
QStringList createdIds(const PasteResult& result)
{
    QStringList ids;
    for (const ResourceId& id : result.resources)
        ids << QString::fromStdString(id.str());
    for (const FlowId& id : result.flows)
        ids << QString::fromStdString(id.str());
    return ids;
}
} // namespace

void MainWindow::deleteSelection()
{
    // Resources with what cannot exist without them, and the selected flows: one undo step.
    const Design& d = m_document->design();
    const std::vector<ResourceId> ids = toVector(m_scene->selectedResources());
    const QList<FlowId> flows = m_scene->selectedFlows();
    if (ids.empty() && flows.isEmpty())
        return;
    ChangeSet resources = ids.empty() ? ChangeSet() : removeWithDependents(d, ids);
    std::set<std::string> selected;
    for (const ResourceId& id : ids)
        selected.insert(id.str());
    QStringList along;
    for (const ResourceChange& c : resources.resources)
        if (c.before && !c.after && !selected.count(c.id.str()))
            along << QString::fromStdString(c.id.str());
    std::set<std::string> flowsGone;
    for (const FlowChange& c : resources.flows)
        flowsGone.insert(c.id.str());
    ChangeSetBuilder flowRemoval(d);
    for (const FlowId& f : flows)
        if (!flowsGone.count(f.str()))
            flowRemoval.removeFlow(f);
    // One change-set for all of it: a lesson's lock on any resource in it refuses it whole.
    for (FlowChange& c : flowRemoval.build().flows)
        resources.flows.push_back(std::move(c));
    const QString text = ids.empty() ? tr("Delete flow") : tr("Delete");
    if (!m_document->apply(std::move(resources), text))
        return; // refused (a locked resource): the document said why
    if (!along.isEmpty()) {
        QStringList shown = along.mid(0, 6);
        if (along.size() > 6)
            shown << tr("…");
        statusBar()->showMessage(tr("Deleted %n resource(s); with them: %1.", nullptr, int(ids.size())).arg(shown.join(QStringLiteral(", "))), 8000);
    }
}

void MainWindow::copySelection()
{
    const std::vector<ResourceId> ids = toVector(m_scene->selectedResources());
    if (ids.empty()) {
        statusBar()->showMessage(tr("Select what to copy first."), 3000);
        return;
    }
    // Our own MIME type, so paste works between windows; the same JSON as text for other programs.
    const QByteArray text = QByteArray::fromStdString(pp::copySelection(m_document->design(), ids));
    auto* mime = new QMimeData;
    mime->setData(kClipboardMime, text);
    mime->setText(QString::fromUtf8(text));
    QApplication::clipboard()->setMimeData(mime);
    statusBar()->showMessage(tr("Copied %n resource(s).", nullptr, int(ids.size())), 3000);
}

namespace {

// The clipboard's design, or empty when it holds none of ours.
QByteArray clipboardDesign()
{
    const QMimeData* mime = QApplication::clipboard()->mimeData();
    if (!mime)
        return {};
    if (mime->hasFormat(kClipboardMime))
        return mime->data(kClipboardMime);
    return mime->text().toUtf8();
}

} // namespace

void MainWindow::paste()
{
    // Under the pointer when it is over the canvas, else in the middle of what is shown.
    const QPoint cursor = m_view->viewport()->mapFromGlobal(QCursor::pos());
    const QPoint at = m_view->viewport()->rect().contains(cursor) ? cursor : m_view->viewport()->rect().center();
    pasteAt(m_view->mapToScene(at));
}

void MainWindow::pasteAt(QPointF scenePos)
{
    PasteTarget target;
    QPointF origin;
    // The innermost container under the point.
    for (QGraphicsItem* item : m_scene->items(scenePos, Qt::IntersectsItemShape, Qt::DescendingOrder))
        if (auto* r = dynamic_cast<ResourceItem*>(item); r && style::isContainer(r->kind())) {
            target.container = r->resourceId();
            origin = r->scenePos();
            break;
        }
    target.x = std::round((scenePos.x() - origin.x()) / style::kGrid) * style::kGrid;
    target.y = std::round((scenePos.y() - origin.y()) / style::kGrid) * style::kGrid;
    if (target.container)
        target.y = std::max(target.y, style::kHeader);
    const QByteArray text = clipboardDesign();
    std::string why;
    const auto result = text.isEmpty() ? std::nullopt : pasteSelection(m_document->design(), text.toStdString(), target, &why);
    if (!result) {
        statusBar()->showMessage(text.isEmpty() ? tr("Nothing to paste: the clipboard holds no PrivatePath design.")
                                                : tr("Cannot paste: %1").arg(QString::fromStdString(why)),
                                 6000);
        return;
    }
    if (!m_document->apply(result->change, tr("Paste")))
        return; // refused: the document said why in the status bar
    selectAfterEdit(createdIds(*result));
    statusBar()->showMessage(tr("Pasted %n resource(s).", nullptr, int(result->resources.size())), 4000);
}

void MainWindow::duplicate()
{
    // A copy beside the original, without touching the clipboard.
    const std::vector<ResourceId> ids = toVector(m_scene->selectedResources());
    if (ids.empty())
        return;
    const Design& d = m_document->design();
    std::string why;
    const auto result = pasteSelection(d, pp::copySelection(d, ids), duplicateTarget(d, ids), &why);
    if (!result) {
        statusBar()->showMessage(tr("Cannot duplicate: %1").arg(QString::fromStdString(why)), 6000);
        return;
    }
    if (!m_document->apply(result->change, tr("Duplicate")))
        return;
    selectAfterEdit(createdIds(*result));
}

void MainWindow::selectAfterEdit(const QStringList& ids)
{
    // The new things are selected and kept in sight.
    m_scene->selectIds(ids);
    m_view->ensureSelectionVisible();
}

void MainWindow::alignSelection(int alignment)
{
    const auto ids = toVector(m_scene->selectedResources());
    const QString texts[] = {tr("Align left"), tr("Align centre"), tr("Align right"), tr("Align top"), tr("Align middle"), tr("Align bottom")};
    ChangeSet change = alignShapes(m_document->design(), ids, Alignment(alignment));
    if (change.empty()) {
        statusBar()->showMessage(tr("Select two or more shapes in one container to align them."), 4000);
        return;
    }
    m_document->apply(std::move(change), texts[std::clamp(alignment, 0, 5)]);
}

void MainWindow::distributeSelection(int direction)
{
    ChangeSet change = distributeShapes(m_document->design(), toVector(m_scene->selectedResources()), Distribution(direction));
    if (change.empty()) {
        statusBar()->showMessage(tr("Select three or more shapes in one container to distribute them."), 4000);
        return;
    }
    m_document->apply(std::move(change), Distribution(direction) == Distribution::Horizontal ? tr("Distribute horizontally")
                                                                                               : tr("Distribute vertically"));
}

void MainWindow::makeSameSize()
{
    ChangeSet change = pp::makeSameSize(m_document->design(), toVector(m_scene->selectedResources()));
    if (change.empty()) {
        statusBar()->showMessage(tr("Select two or more shapes: they take the size of the first."), 4000);
        return;
    }
    m_document->apply(std::move(change), tr("Make same size"));
}

void MainWindow::nudge(double dx, double dy)
{
    ChangeSet change = nudgeShapes(m_document->design(), toVector(m_scene->selectedResources()), dx, dy);
    if (change.empty())
        return;
    if (!m_nudging)
        m_document->sealGesture(); // a new burst never merges into an older step
    m_nudging = true;
    m_document->apply(std::move(change), tr("Nudge"), kNudgeGesture);
    m_nudgeSeal->start();
}

void MainWindow::sealNudge()
{
    if (std::exchange(m_nudging, false))
        m_document->sealGesture();
}

void MainWindow::renameSelection()
{
    const auto items = m_scene->selectedItems();
    if (items.size() != 1) {
        statusBar()->showMessage(tr("Select one resource or flow to rename."), 3000);
        return;
    }
    m_view->startRename(items.first());
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

void MainWindow::findResource() { findStep(1); }

void MainWindow::findStep(int step)
{
    // Names, ids, addresses and blocks (core/edit/Find.h); the same text again steps through the
    // matches. The match is selected, zoomed to and centred, and the canvas has the focus.
    const QString text = m_find->text().trimmed();
    if (text.isEmpty()) {
        m_find->setFocus();
        return;
    }
    QStringList matches;
    for (const FindMatch& m : findResources(m_document->design(), text.toStdString()))
        if (m_scene->itemFor(m.id.str()))
            matches << QString::fromStdString(m.id.str());
    if (matches.isEmpty()) {
        statusBar()->showMessage(tr("Nothing drawn matches \"%1\"").arg(text), 4000);
        m_lastFind.clear();
        return;
    }
    const int count = int(matches.size());
    m_findIndex = text == m_lastFind ? ((m_findIndex + step) % count + count) % count : (step > 0 ? 0 : count - 1);
    m_lastFind = text;
    const QString id = matches[m_findIndex];
    m_view->centreOn({id});
    m_view->setFocus();
    const Resource* r = m_document->design().find(ResourceId(id.toStdString()));
    const QString name = r ? QString::fromStdString(r->displayName()) : id;
    statusBar()->showMessage(name == id ? tr("%1 of %2: %3").arg(m_findIndex + 1).arg(count).arg(id)
                                        : tr("%1 of %2: %3 (%4)").arg(m_findIndex + 1).arg(count).arg(name, id),
                             8000);
}

} // namespace pp::ui
