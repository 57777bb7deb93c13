// Changes on disk: when another program replaces the open file (written in place, or renamed
// over it as git and editors do, again and again) the editor says so in a bar above the canvas
// and offers Reload (unsaved changes kept for recovery first) or Keep Mine; Save never silently
// overwrites a file changed since it was loaded.
#include "FileSupport.h"

#include "document/AutoSaver.h"
#include "document/DiskWatcher.h"

#include <QFrame>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>

namespace pp::ui {
namespace {

class DiskChangeTest : public Editor {
protected:
    void SetUp() override
    {
        freshRecoveryDirectory();
        Editor::SetUp();
        file = copyExample(files.path());
        ASSERT_TRUE(window->openFile(file));
    }
    void TearDown() override { window.reset(); }
    QFrame* bar() { return window->diskChangedBar(); }
    bool barShown() { return QTest::qWaitFor([&] { return bar()->isVisible(); }, 5000); }
    QString barText() { return bar()->findChild<QLabel*>(QStringLiteral("diskChangedText"))->text(); }
    void click(const char* name) { bar()->findChild<QPushButton*>(QString::fromLatin1(name))->click(); }
    // The file as another program would write it: the design renamed.
    QByteArray renamed(const char* name)
    {
        QByteArray text = readAll(file);
        const int at = text.indexOf("\"name\": \"");
        const int end = text.indexOf('"', at + 9);
        return text.left(at + 9) + name + text.mid(end);
    }

    QTemporaryDir files;
    QString file;
};

TEST_F(DiskChangeTest, AFileReplacedByRenameIsNoticedEveryTimeAndReloadShowsIt)
{
    EXPECT_FALSE(bar()->isVisible());
    ASSERT_TRUE(replaceByRename(file, renamed("Changed by git")));
    ASSERT_TRUE(barShown()) << "the change is said";
    EXPECT_TRUE(barText().contains(QStringLiteral("changed on disk"))) << barText().toStdString();
    click("diskReload");
    EXPECT_EQ(doc().design().name, "Changed by git");
    EXPECT_FALSE(doc().isModified());
    EXPECT_FALSE(bar()->isVisible());
    // The watch survives the rename: the next replacement is noticed too.
    ASSERT_TRUE(replaceByRename(file, renamed("Changed again")));
    ASSERT_TRUE(barShown()) << "watched again after the rename";
    click("diskReload");
    EXPECT_EQ(doc().design().name, "Changed again");
}

TEST_F(DiskChangeTest, ReloadKeepsUnsavedChangesForRecovery)
{
    select("i-app-nat");
    window->deleteSelection();
    ASSERT_TRUE(doc().isModified());
    ASSERT_TRUE(writeBytes(file, renamed("Theirs"))); // written in place
    ASSERT_TRUE(barShown());
    click("diskReload");
    EXPECT_EQ(doc().design().name, "Theirs");
    EXPECT_NE(doc().design().find(ResourceId("i-app-nat")), nullptr) << "the file's version";
    const QList<RecoveryEntry> kept = Recovery::orphans();
    ASSERT_EQ(kept.size(), 1) << "my version is kept for recovery";
    LoadResult mine = loadDesignFile(QFile::encodeName(kept[0].designPath).toStdString());
    ASSERT_TRUE(mine.ok());
    EXPECT_EQ(mine.design->find(ResourceId("i-app-nat")), nullptr) << "with my delete";
    EXPECT_TRUE(window->statusBar()->currentMessage().contains(QStringLiteral("Recover Unsaved Changes")));
}

TEST_F(DiskChangeTest, KeepMineThenSaveAsksBeforeOverwritingTheirChange)
{
    select("i-app-nat");
    window->deleteSelection();
    const QByteArray theirs = renamed("Theirs");
    ASSERT_TRUE(replaceByRename(file, theirs));
    ASSERT_TRUE(barShown());
    click("diskKeepMine");
    EXPECT_FALSE(bar()->isVisible());
    EXPECT_FALSE(window->save()) << "asks instead";
    auto* box = window->findChild<QMessageBox*>(QStringLiteral("saveConflict"));
    ASSERT_NE(box, nullptr);
    EXPECT_TRUE(box->text().contains(QStringLiteral("changed on disk"))) << box->text().toStdString();
    EXPECT_EQ(readAll(file), theirs) << "nothing written yet";
    EXPECT_TRUE(doc().isModified());
    box->findChild<QPushButton*>(QStringLiteral("saveOverwrite"))->click();
    ASSERT_TRUE(QTest::qWaitFor([&] { return !doc().isModified(); }, 5000));
    LoadResult saved = loadDesignFile(QFile::encodeName(file).toStdString());
    ASSERT_TRUE(saved.ok());
    EXPECT_EQ(saved.design->find(ResourceId("i-app-nat")), nullptr) << "mine, as asked";
}

TEST_F(DiskChangeTest, SaveAsksEvenWhenTheChangeWasNotSeenAndOwnSavesAreNotChanges)
{
    // The watcher may miss a change (a network file system): Save compares size, time and hash.
    window->diskWatcher()->watch({}, {});
    select("i-app-nat");
    window->deleteSelection();
    const QByteArray theirs = renamed("Theirs");
    ASSERT_TRUE(writeBytes(file, theirs));
    EXPECT_FALSE(window->save());
    ASSERT_NE(window->findChild<QMessageBox*>(QStringLiteral("saveConflict")), nullptr);
    EXPECT_EQ(readAll(file), theirs);
    delete window->findChild<QMessageBox*>(QStringLiteral("saveConflict"));

    // Reopened: saving twice in a row is no conflict, and the editor's own save is no "change".
    ASSERT_TRUE(window->openFile(file));
    select("i-app-nat");
    window->deleteSelection();
    EXPECT_TRUE(window->save());
    doc().undoStack()->undo();
    EXPECT_TRUE(window->save());
    QTest::qWait(400);
    EXPECT_FALSE(bar()->isVisible()) << "its own saves are not changes by another program";
    EXPECT_EQ(window->findChild<QMessageBox*>(QStringLiteral("saveConflict")), nullptr);
}

TEST_F(DiskChangeTest, ATouchedButUnchangedFileIsNoChange)
{
    QFile f(file);
    ASSERT_TRUE(f.open(QIODevice::ReadWrite));
    ASSERT_TRUE(f.setFileTime(QDateTime::currentDateTime().addSecs(60), QFileDevice::FileModificationTime));
    f.close();
    window->diskWatcher()->check();
    QTest::qWait(300);
    EXPECT_FALSE(bar()->isVisible());
    select("i-app-nat");
    window->deleteSelection();
    EXPECT_TRUE(window->save()) << "same bytes: nothing to ask";
}

} // namespace
} // namespace pp::ui
