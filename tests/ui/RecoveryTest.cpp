// Autosave and crash recovery: unsaved changes reach the recovery folder within the autosave
// interval and leave it on save, undo to the saved state and a clean close; after a real kill -9
// of a real editor, the next start offers "Recover unsaved changes", whose Open, Compare and
// Discard do what they say and never touch the file.
#include "ChildEditor.h"
#include "FileSupport.h"

#include "EditorStart.h"
#include "document/AutoSaver.h"
#include "document/RecoveryDialog.h"
#include "edit/Defaults.h"

#include <QAction>
#include <QApplication>
#include <QPushButton>
#include <QTreeWidget>

namespace pp::ui {
namespace {

class RecoveryTest : public Editor {
protected:
    void SetUp() override
    {
        folder = freshRecoveryDirectory();
        Editor::SetUp();
        window->autoSaver()->setInterval(100);
    }
    void TearDown() override
    {
        window.reset();
        Recovery::setDirectoryForTesting({});
    }
    QStringList entryFiles() const { return QDir(folder).entryList({QStringLiteral("*.privatepath"), QStringLiteral("*.json")}, QDir::Files); }
    bool waitForAutosave(int writes = 1)
    {
        return QTest::qWaitFor([&] { return window->autoSaver()->writes() >= writes; }, 10000);
    }
    void deleteOneResource(const std::string& id)
    {
        select(id);
        window->deleteSelection();
    }

    // A real editor process opens `file` (drawing its missing main route table, an unsaved change
    // autosaved within 200 ms) and is killed with SIGKILL; this editor then uses its recovery folder.
    void crashAChildEditorOn(const QString& file, ChildEditor& child)
    {
        ASSERT_TRUE(child.start({file}));
        ASSERT_TRUE(child.waitFor(QStringLiteral("*.privatepath"))) << "the child autosaved";
        child.crash();
        Recovery::setDirectoryForTesting(child.recoveryDirectory());
        folder = child.recoveryDirectory();
    }

    QString folder;
    QTemporaryDir files;
};

TEST_F(RecoveryTest, UnsavedChangesAreAutosavedAndSavingRemovesThem)
{
    const QString file = copyExample(files.path());
    const QByteArray before = readAll(file);
    ASSERT_TRUE(window->openFile(file));
    EXPECT_TRUE(entryFiles().isEmpty()) << "nothing unsaved, nothing written";
    deleteOneResource("i-app-nat");
    ASSERT_TRUE(doc().isModified());
    ASSERT_TRUE(waitForAutosave());
    const QString recovery = window->autoSaver()->recoveryFile();
    ASSERT_TRUE(QFileInfo::exists(recovery));
    EXPECT_EQ(QFileInfo(recovery).absolutePath(), QDir(folder).absolutePath());
    LoadResult saved = loadDesignFile(QFile::encodeName(recovery).toStdString());
    ASSERT_TRUE(saved.ok());
    EXPECT_TRUE(*saved.design == doc().design()) << "the recovery file holds the unsaved design";
    EXPECT_EQ(readAll(file), before) << "autosave never writes the user's file";

    ASSERT_TRUE(window->save());
    EXPECT_FALSE(QFileInfo::exists(recovery)) << "saved: nothing to recover";
    EXPECT_TRUE(entryFiles().isEmpty()) << entryFiles().join(QLatin1Char(' ')).toStdString();
}

TEST_F(RecoveryTest, UndoingBackToTheSavedStateRemovesTheRecoveryFile)
{
    ASSERT_TRUE(window->openFile(copyExample(files.path())));
    deleteOneResource("i-app-nat");
    ASSERT_TRUE(waitForAutosave());
    EXPECT_EQ(entryFiles().size(), 2);
    doc().undoStack()->undo();
    EXPECT_FALSE(doc().isModified());
    EXPECT_TRUE(entryFiles().isEmpty());
}

TEST_F(RecoveryTest, AnUntitledDesignIsAutosavedAndACleanCloseLeavesNothing)
{
    ASSERT_TRUE(dropFromPalette(Kind::Vpc, QPointF(300, 300)));
    ASSERT_TRUE(waitForAutosave());
    const QList<RecoveryEntry> none = Recovery::orphans();
    EXPECT_TRUE(none.isEmpty()) << "the running editor's own entry is not offered";
    EXPECT_EQ(entryFiles().size(), 2);
    window.reset(); // the window closes (its Discard answered): a clean exit
    EXPECT_TRUE(entryFiles().isEmpty()) << entryFiles().join(QLatin1Char(' ')).toStdString();
    EXPECT_TRUE(QDir(folder).entryList(QDir::Files).isEmpty()) << "no lock left either";
}

TEST_F(RecoveryTest, KeptVersionIsOfferedAndDiscardRemovesItWithoutTouchingTheFile)
{
    const QString file = copyExample(files.path());
    const QByteArray before = readAll(file);
    ASSERT_TRUE(window->openFile(file));
    deleteOneResource("i-app-nat");
    ASSERT_TRUE(window->autoSaver()->keepForRecovery());
    doc().reset(Design()); // the window moves on; the kept version stays
    RecoveryDialog* dialog = window->offerRecovery();
    ASSERT_NE(dialog, nullptr);
    EXPECT_EQ(dialog->windowTitle(), QStringLiteral("Recover unsaved changes"));
    ASSERT_EQ(dialog->list()->topLevelItemCount(), 1);
    EXPECT_EQ(dialog->list()->topLevelItem(0)->text(0), QStringLiteral("s3-gateway-endpoint.privatepath"));
    dialog->findChild<QPushButton*>(QStringLiteral("recoverCompare"))->click();
    EXPECT_TRUE(dialog->comparisonText().contains(QStringLiteral("resources: 0 added, 1 removed, 0 changed")))
        << dialog->comparisonText().toStdString();
    EXPECT_TRUE(dialog->comparisonText().contains(QStringLiteral("File on disk: modified"))) << dialog->comparisonText().toStdString();
    dialog->findChild<QPushButton*>(QStringLiteral("recoverDiscard"))->click();
    EXPECT_TRUE(Recovery::orphans().isEmpty());
    EXPECT_TRUE(entryFiles().isEmpty());
    EXPECT_EQ(readAll(file), before);
    EXPECT_FALSE(window->findChild<RecoveryDialog*>() && window->findChild<RecoveryDialog*>()->isVisible()) << "closes when the list is empty";
    window->offerRecovery(true);
    EXPECT_TRUE(window->statusBar()->currentMessage().contains(QStringLiteral("Nothing to recover")));
}

TEST_F(RecoveryTest, AnUntitledDesignKeptForRecoveryOpensUntitledAndUnsaved)
{
    ASSERT_TRUE(dropFromPalette(Kind::Vpc, QPointF(300, 300)));
    const std::string vpc = newest(Kind::Vpc);
    ASSERT_TRUE(window->autoSaver()->keepForRecovery());
    doc().reset(Design());
    RecoveryDialog* dialog = window->offerRecovery();
    ASSERT_NE(dialog, nullptr);
    EXPECT_EQ(dialog->list()->topLevelItem(0)->text(0), QStringLiteral("Untitled"));
    EXPECT_FALSE(dialog->findChild<QPushButton*>(QStringLiteral("recoverCompare"))->isEnabled()) << "no file to compare with";
    dialog->findChild<QPushButton*>(QStringLiteral("recoverOpen"))->click();
    EXPECT_TRUE(doc().filePath().isEmpty());
    EXPECT_TRUE(doc().isModified());
    EXPECT_TRUE(window->isWindowModified());
    EXPECT_NE(doc().design().find(ResourceId(vpc)), nullptr);
    EXPECT_NE(scene()->itemFor(vpc), nullptr) << "drawn";
}

// The real thing: an editor process with unsaved changes is killed with SIGKILL; the next start
// offers its design.
TEST_F(RecoveryTest, AfterKillNineTheNextStartOffersTheUnsavedDesign)
{
    const QString file = writeDesignNeedingAFix(files.path());
    const QByteArray before = readAll(file);
    ChildEditor child;
    ASSERT_TRUE(child.start({file}));
    // Opening draws the missing main route table: an unsaved change, autosaved within 200 ms.
    ASSERT_TRUE(child.waitFor(QStringLiteral("*.privatepath"))) << "the child autosaved";
    child.crash();
    EXPECT_EQ(readAll(file), before) << "a crash never touches the file";

    Recovery::setDirectoryForTesting(child.recoveryDirectory());
    folder = child.recoveryDirectory();
    const QList<RecoveryEntry> entries = Recovery::orphans();
    ASSERT_EQ(entries.size(), 1) << "the dead process's lock is stale";
    EXPECT_EQ(QFileInfo(entries[0].originalPath), QFileInfo(file));
    EXPECT_TRUE(entries[0].savedAt.isValid());

    RecoveryDialog* dialog = window->offerRecovery();
    ASSERT_NE(dialog, nullptr);
    EXPECT_TRUE(dialog->isVisible());
    EXPECT_EQ(dialog->windowTitle(), QStringLiteral("Recover unsaved changes"));
    EXPECT_EQ(dialog->list()->topLevelItem(0)->text(0), QStringLiteral("needs-fix.privatepath"));
    EXPECT_FALSE(dialog->list()->topLevelItem(0)->text(1).isEmpty()) << "the time of the autosave";
    dialog->findChild<QPushButton*>(QStringLiteral("recoverCompare"))->click();
    EXPECT_TRUE(dialog->comparisonText().contains(QStringLiteral("resources: 1 added, 0 removed, 0 changed")))
        << dialog->comparisonText().toStdString();
    dialog->findChild<QPushButton*>(QStringLiteral("recoverOpen"))->click();

    EXPECT_EQ(QFileInfo(doc().filePath()), QFileInfo(file));
    EXPECT_TRUE(doc().isModified()) << "recovered, not saved";
    EXPECT_TRUE(window->isWindowModified());
    EXPECT_TRUE(mainRouteTableOf(doc().design(), ResourceId("vpc-a"))) << "the crashed session's change is back";
    EXPECT_EQ(readAll(file), before) << "the original is untouched until the user saves";
    EXPECT_TRUE(Recovery::orphans().isEmpty()) << "now this editor's own entry, not an orphan";
    EXPECT_FALSE(window->autoSaver()->recoveryFile().isEmpty());

    window.reset(); // clean exit
    EXPECT_TRUE(entryFiles().isEmpty()) << entryFiles().join(QLatin1Char(' ')).toStdString();
}

// The start-up itself (EditorStart.h, what app/main.cpp runs): `privatepath FILE` after a crash
// opens the file, then offers its recovered version, which replaces it in the same window even
// though opening drew the missing main route table (an unsaved change, but not the user's).
TEST_F(RecoveryTest, StartingWithTheFileAfterACrashRecoversItIntoTheSameWindow)
{
    const QString file = writeDesignNeedingAFix(files.path());
    const QByteArray before = readAll(file);
    ChildEditor child;
    ASSERT_NO_FATAL_FAILURE(crashAChildEditorOn(file, child));
    window.reset();

    auto mainWindows = [] {
        int n = 0;
        for (QWidget* w : QApplication::topLevelWidgets())
            n += qobject_cast<MainWindow*>(w) && w->isVisible();
        return n;
    };
    std::unique_ptr<MainWindow> started = startEditor({file});
    ASSERT_TRUE(started->isVisible());
    Document& opened = started->document();
    EXPECT_EQ(QFileInfo(opened.filePath()), QFileInfo(file));
    EXPECT_EQ(opened.undoStack()->count(), 1) << "opening drew the missing main route table, undoably";
    auto* dialog = started->findChild<RecoveryDialog*>();
    ASSERT_NE(dialog, nullptr) << "offered at start-up";
    EXPECT_TRUE(dialog->isVisible());
    EXPECT_EQ(dialog->windowTitle(), QStringLiteral("Recover unsaved changes"));
    ASSERT_EQ(dialog->list()->topLevelItemCount(), 1) << "the crashed session's entry only, not this window's own";
    EXPECT_EQ(dialog->list()->topLevelItem(0)->text(0), QStringLiteral("needs-fix.privatepath"));
    EXPECT_EQ(mainWindows(), 1);

    dialog->findChild<QPushButton*>(QStringLiteral("recoverOpen"))->click();
    EXPECT_EQ(mainWindows(), 1) << "recovered into the window holding the same file, not a second one";
    EXPECT_EQ(QFileInfo(opened.filePath()), QFileInfo(file));
    EXPECT_TRUE(opened.isModified()) << "recovered, not saved";
    EXPECT_EQ(opened.undoStack()->count(), 0) << "the recovered version replaced the opened one";
    EXPECT_TRUE(mainRouteTableOf(opened.design(), ResourceId("vpc-a")));
    EXPECT_TRUE(started->statusBar()->currentMessage().startsWith(QStringLiteral("Recovered needs-fix.privatepath")))
        << started->statusBar()->currentMessage().toStdString();
    EXPECT_EQ(readAll(file), before) << "the original is untouched until the user saves";
    EXPECT_TRUE(Recovery::orphans().isEmpty());
}

// When the window holds the user's own edits of that file, the recovered version never replaces
// them: it opens in a window of its own.
TEST_F(RecoveryTest, ARecoveredVersionNeverReplacesTheUsersEditsOfTheSameFile)
{
    const QString file = writeDesignNeedingAFix(files.path());
    ChildEditor child;
    ASSERT_NO_FATAL_FAILURE(crashAChildEditorOn(file, child));

    ASSERT_TRUE(window->openFile(file));
    ASSERT_TRUE(dropFromPalette(Kind::Vpc, QPointF(900, 300))); // the user's work
    const std::size_t mine = doc().design().resources().size();
    const QList<RecoveryEntry> entries = Recovery::orphans();
    ASSERT_EQ(entries.size(), 1);
    ASSERT_TRUE(window->openRecovered(entries[0]));
    EXPECT_EQ(doc().design().resources().size(), mine) << "this window keeps the user's edits";
    EXPECT_EQ(doc().undoStack()->count(), 2);
    MainWindow* other = nullptr;
    for (QWidget* w : QApplication::topLevelWidgets())
        if (auto* m = qobject_cast<MainWindow*>(w); m && m != window.get() && m->isVisible())
            other = m;
    ASSERT_NE(other, nullptr) << "the recovered version opened in a window of its own";
    EXPECT_EQ(QFileInfo(other->document().filePath()), QFileInfo(file));
    EXPECT_TRUE(other->document().isModified());
    delete other; // without the "Save changes?" question a close would ask
}

} // namespace
} // namespace pp::ui
