// A monkey on the real widgets: long random sequences of what users do (click, select all,
// delete, undo, redo, paste, duplicate, drag, nudge, rename, draw flow, Escape, align, context
// menus, resize, add a policy, choose a policy violation, compare with the file) on every bundled example. After each step nothing has crashed, the canvas shows
// exactly the design, and the design still saves and loads; at the end, undoing everything gives
// back the file's bytes. Run it under ASan/UBSan with the `debug` preset. More steps or another
// seed: PRIVATEPATH_MONKEY_STEPS=2000 PRIVATEPATH_MONKEY_SEED=7.
#include "EditorFixture.h"

#include "compare/ComparePanel.h"
#include "policy/PoliciesPanel.h"
#include "policy/PolicyDialog.h"

#include <QComboBox>
#include <QTreeWidget>

#include <QAction>
#include <QApplication>
#include <QLineEdit>
#include <QMenu>
#include <QTimer>
#include <random>

namespace pp::ui {
namespace {

QStringList g_warnings;

void captureWarnings(QtMsgType type, const QMessageLogContext&, const QString& message)
{
    if (type >= QtWarningMsg && message.contains(QLatin1String("PrivatePath")))
        g_warnings << message;
}

class Monkey : public Editor {
protected:
    int envInt(const char* name, int fallback)
    {
        bool ok = false;
        const int value = qEnvironmentVariableIntValue(name, &ok);
        return ok ? value : fallback;
    }

    // Every drawn resource and flow has its item, where the file says; nothing else is drawn.
    void checkCanvasMatchesDesign(const std::string& step)
    {
        const Design& d = doc().design();
        int drawn = 0;
        for (const Shape& s : d.diagram.shapes) {
            if (!d.find(s.resource))
                continue;
            ++drawn;
            ResourceItem* item = scene()->itemFor(s.resource.str());
            ASSERT_NE(item, nullptr) << step << ": " << s.resource.str() << " is not drawn";
            if (!scene()->isDragging()) {
                EXPECT_EQ(item->pos(), QPointF(s.x, s.y)) << step << ": " << s.resource.str();
                EXPECT_EQ(item->size(), QSizeF(s.width, s.height)) << step << ": " << s.resource.str();
            }
            const auto* parent = dynamic_cast<ResourceItem*>(item->parentItem());
            if (s.parent && scene()->itemFor(s.parent->str())) {
                EXPECT_EQ(parent, scene()->itemFor(s.parent->str())) << step << ": parent of " << s.resource.str();
            }
        }
        EXPECT_EQ(scene()->itemCount(), drawn) << step;
        for (const Flow& f : d.flows())
            if (scene()->itemFor(f.source.str()) && scene()->itemFor(f.destination.str())) {
                EXPECT_NE(scene()->flowItemFor(f.id.str()), nullptr) << step << ": flow " << f.id.str();
            }
        const LoadResult again = loadDesign(saveDesignToString(d), "monkey");
        EXPECT_TRUE(again.ok()) << step << ": the design no longer loads: "
                                << (again.diagnostics.empty() ? std::string() : again.diagnostics.front().format());
    }

    template <class Rng>
    ResourceItem* anyItem(Rng& rng, bool tilesOnly = false)
    {
        std::vector<ResourceItem*> items;
        for (const Shape& s : doc().design().diagram.shapes)
            if (ResourceItem* item = scene()->itemFor(s.resource.str()); item && (!tilesOnly || !style::isContainer(item->kind())))
                items.push_back(item);
        if (items.empty())
            return nullptr;
        return items[std::uniform_int_distribution<std::size_t>(0, items.size() - 1)(rng)];
    }

    QPointF visibleCentre(ResourceItem* item)
    {
        const QPointF centre = item->mapToScene(QRectF(QPointF(), item->size()).center());
        view()->centerOn(centre);
        return centre;
    }

    void closePopupSoon()
    {
        QTimer::singleShot(0, [] {
            if (QWidget* popup = QApplication::activePopupWidget())
                popup->close();
        });
    }

    QString m_file; // the example being worked on

    template <class Rng>
    std::string act(Rng& rng)
    {
        auto roll = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); };
        view()->setFocus();
        switch (roll(18)) {
        case 0:
        case 1:
            if (ResourceItem* item = anyItem(rng)) {
                const QPointF at = visibleCentre(item);
                QTest::mouseClick(view()->viewport(), Qt::LeftButton, roll(4) == 0 ? Qt::ControlModifier : Qt::NoModifier,
                                  view()->mapFromScene(at));
                return "click " + item->resourceId().str();
            }
            return "click (nothing)";
        case 2:
            QTest::keyClick(view(), Qt::Key_A, Qt::ControlModifier);
            return "select all";
        case 3:
            QTest::keyClick(view(), Qt::Key_Delete);
            return "delete";
        case 4:
        case 5:
            doc().undoStack()->undo();
            return "undo";
        case 6:
            doc().undoStack()->redo();
            return "redo";
        case 7: {
            window->copySelection();
            ResourceItem* into = anyItem(rng);
            if (!into)
                return "copy";
            const QPointF at = into->mapToScene(QPointF(roll(int(into->size().width()) + 1), 40 + roll(int(into->size().height()))));
            window->pasteAt(at);
            return "copy, paste into " + into->resourceId().str();
        }
        case 8:
            QTest::keyClick(view(), Qt::Key_D, Qt::ControlModifier);
            return "duplicate";
        case 9:
            if (ResourceItem* item = anyItem(rng)) {
                const QPointF from = visibleCentre(item);
                const QPointF to = from + QPointF(roll(241) - 120, roll(241) - 120);
                dragOnCanvas(from, to);
                return "drag " + item->resourceId().str();
            }
            return "drag (nothing)";
        case 10: {
            const Qt::Key keys[] = {Qt::Key_Left, Qt::Key_Right, Qt::Key_Up, Qt::Key_Down};
            QTest::keyClick(view(), keys[roll(4)], roll(2) ? Qt::ShiftModifier : Qt::NoModifier);
            return "nudge";
        }
        case 11:
            QTest::keyClick(view(), Qt::Key_F2);
            if (QLineEdit* editor = view()->renameEditor()) {
                QTest::keyClicks(editor, QStringLiteral(" x"));
                QTest::keyClick(editor, roll(3) == 0 ? Qt::Key_Escape : Qt::Key_Return);
            }
            return "rename";
        case 12: {
            ResourceItem* a = anyItem(rng, true);
            ResourceItem* b = anyItem(rng);
            if (!a || !b)
                return "draw flow (nothing)";
            window->action(QStringLiteral("drawFlow"))->setChecked(true);
            view()->fitAll();
            dragOnCanvas(a->mapToScene(QRectF(QPointF(), a->size()).center()), b->mapToScene(QRectF(QPointF(), b->size()).center()));
            window->action(QStringLiteral("drawFlow"))->setChecked(false);
            return "draw flow " + a->resourceId().str() + " -> " + b->resourceId().str();
        }
        case 13:
            QTest::keyClick(view(), Qt::Key_Escape);
            return "escape";
        case 14: {
            const char* names[] = {"actionAlignLeft",  "actionAlignMiddle",  "actionDistributeHorizontally",
                                   "actionSameSize",   "actionBringToFront", "actionSendToBack",
                                   "actionArrangeAutomatically"};
            const char* name = names[roll(int(std::size(names)))];
            window->action(QString::fromLatin1(name))->trigger();
            return name;
        }
        case 15: {
            // A policy over what is selected (or over kinds), of a random kind; an invalid one is refused.
            window->action(QStringLiteral("actionAddPolicy"))->trigger();
            PolicyDialog* dialog = nullptr;
            for (auto* d : window->findChildren<PolicyDialog*>())
                if (d->isVisible())
                    dialog = d;
            if (!dialog)
                return "add policy (no dialog)";
            const int kind = roll(5);
            dialog->findChild<QComboBox*>(QStringLiteral("policyKind"))->setCurrentIndex(kind);
            if (roll(2))
                dialog->findChild<QLineEdit*>(QStringLiteral("fromKinds"))->setText(QStringLiteral("workload"));
            dialog->findChild<QLineEdit*>(QStringLiteral("toKinds"))->setText(roll(2) ? QStringLiteral("awsService") : QStringLiteral("workload"));
            if (ResourceItem* via = anyItem(rng))
                dialog->findChild<QLineEdit*>(QStringLiteral("policyVia"))->setText(QString::fromStdString(via->resourceId().str()));
            dialog->accept();
            const bool added = !dialog->isVisible();
            if (!added)
                dialog->reject();
            QApplication::processEvents();
            return std::string(added ? "add policy of kind " : "refused policy of kind ") + std::to_string(kind);
        }
        case 16: {
            // Choose a row of the policies panel (a violation rings its path), or compare with the file.
            if (roll(2)) {
                QTreeWidget* tree = window->policiesPanel()->tree();
                std::vector<QTreeWidgetItem*> rows;
                for (int i = 0; i < tree->topLevelItemCount(); ++i) {
                    rows.push_back(tree->topLevelItem(i));
                    for (int c = 0; c < tree->topLevelItem(i)->childCount(); ++c)
                        rows.push_back(tree->topLevelItem(i)->child(c));
                }
                if (rows.empty())
                    return "choose policy (none)";
                tree->setCurrentItem(rows[std::size_t(roll(int(rows.size())))]);
                return "choose policy row";
            }
            ComparePanel* compare = window->comparePanel();
            if (!compare->isComparing()) {
                window->compareWith(m_file);
                return "compare with the file";
            }
            if (roll(3) == 0) {
                compare->stop();
                return "end comparison";
            }
            compare->recompute();
            compare->step(roll(2) ? 1 : -1);
            return "step through the comparison";
        }
        default: {
            ResourceItem* item = anyItem(rng);
            if (!item)
                return "context menu (nothing)";
            const QPointF at = visibleCentre(item);
            closePopupSoon();
            const QPoint p = view()->mapFromScene(at);
            QContextMenuEvent event(QContextMenuEvent::Mouse, p, view()->viewport()->mapToGlobal(p));
            QApplication::sendEvent(view()->viewport(), &event);
            if (style::isContainer(item->kind())) {
                // And a resize by its handle.
                const QPointF handle = item->mapToScene(item->resizeHandle().center());
                view()->centerOn(handle);
                dragOnCanvas(handle, handle + QPointF(roll(81) - 40, roll(81) - 40));
            }
            return "context menu and resize at " + item->resourceId().str();
        }
        }
    }
};

TEST_F(Monkey, RandomActionSequencesOnEveryExampleNeverBreakTheEditorOrTheDesign)
{
    const int steps = envInt("PRIVATEPATH_MONKEY_STEPS", 300);
    const int seed = envInt("PRIVATEPATH_MONKEY_SEED", 20261206);
    const QtMessageHandler previous = qInstallMessageHandler(captureWarnings);
    const QDir dir(source(QStringLiteral("resources/examples")));
    int index = 0;
    for (const QString& file : dir.entryList({QStringLiteral("*.privatepath")}, QDir::Files)) {
        SCOPED_TRACE(file.toStdString());
        ASSERT_TRUE(window->openFile(dir.filePath(file)));
        m_file = dir.filePath(file);
        std::mt19937 rng(std::uint32_t(seed + index++));
        int edits = 0; // pushes, undos and redos
        const auto counter = QObject::connect(doc().undoStack(), &QUndoStack::indexChanged, [&edits] { ++edits; });
        std::vector<std::string> done;
        for (int i = 0; i < steps; ++i) {
            done.push_back(act(rng));
            checkCanvasMatchesDesign(std::to_string(i) + " " + done.back());
            if (::testing::Test::HasFailure()) {
                std::string trail;
                for (const std::string& s : done)
                    trail += "\n  " + s;
                FAIL() << "after these steps (seed " << seed << "):" << trail;
            }
        }
        // The monkey did edit (it is not clicking into the void).
        QObject::disconnect(counter);
        EXPECT_GT(edits, steps / 5);
        // Undoing everything gives back the file.
        while (doc().undoStack()->canUndo())
            doc().undoStack()->undo();
        EXPECT_EQ(QByteArray::fromStdString(saveDesignToString(doc().design())), readAll(dir.filePath(file)));
        checkCanvasMatchesDesign("after undoing everything");
    }
    qInstallMessageHandler(previous);
    EXPECT_TRUE(g_warnings.isEmpty()) << g_warnings.join(QLatin1Char('\n')).toStdString();
}

} // namespace
} // namespace pp::ui
