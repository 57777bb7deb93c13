// One editor per file: a design another PrivatePath process has open is not opened silently. The
// warning names that process's host and PID and offers read-only (really read-only), open anyway,
// or cancel; a lock left by a killed editor is stale and taken over without a question.
#include "ChildEditor.h"
#include "FileSupport.h"

#include "document/FileLock.h"

#include <QAction>
#include <QMessageBox>
#include <QPushButton>
#include <QSysInfo>

namespace pp::ui {
namespace {

class FileLockTest : public Editor {
protected:
    void SetUp() override
    {
        Editor::SetUp();
        file = copyExample(files.path());
        before = readAll(file);
        ASSERT_TRUE(child.start({file}));
        Recovery::setDirectoryForTesting(child.recoveryDirectory());
        // The child holds the lock once it has the file open.
        ASSERT_TRUE(QTest::qWaitFor(
            [&] {
                FileLock probe(file);
                return probe.holder().has_value() && probe.holder()->pid == child.pid();
            },
            60000))
            << "the child editor locked the file";
    }
    void TearDown() override
    {
        window.reset();
        Recovery::setDirectoryForTesting({});
    }
    QMessageBox* warning() { return window->findChild<QMessageBox*>(QStringLiteral("fileLocked")); }
    void answer(const char* button)
    {
        QMessageBox* box = warning();
        ASSERT_NE(box, nullptr);
        box->findChild<QPushButton*>(QString::fromLatin1(button))->click();
        QTest::qWait(50); // the answer opens the file from the event loop, after the box closed
    }

    QTemporaryDir files;
    QString file;
    QByteArray before;
    ChildEditor child;
};

TEST_F(FileLockTest, OpeningAFileAnotherEditorHasOpenWarnsWithItsHostAndPid)
{
    EXPECT_FALSE(window->openFile(file)) << "not opened while asking";
    QMessageBox* box = warning();
    ASSERT_NE(box, nullptr);
    EXPECT_TRUE(box->isVisible());
    EXPECT_TRUE(box->text().contains(QString::number(child.pid()))) << box->text().toStdString();
    EXPECT_TRUE(box->text().contains(QSysInfo::machineHostName())) << box->text().toStdString();
    answer("openCancel");
    EXPECT_TRUE(doc().filePath().isEmpty()) << "Cancel opens nothing";
}

TEST_F(FileLockTest, ReadOnlyRefusesEditsAndSaving)
{
    window->openFile(file);
    answer("openReadOnly");
    ASSERT_EQ(QFileInfo(doc().filePath()), QFileInfo(file));
    EXPECT_TRUE(doc().isReadOnly());
    EXPECT_TRUE(window->windowTitle().contains(QStringLiteral("[read-only]"))) << window->windowTitle().toStdString();
    EXPECT_FALSE(window->action(QStringLiteral("actionSave"))->isEnabled());
    EXPECT_FALSE(window->action(QStringLiteral("actionSaveAs"))->isEnabled());
    const std::size_t resources = doc().design().resources().size();
    select("i-app-nat");
    window->deleteSelection();
    EXPECT_EQ(doc().design().resources().size(), resources) << "the delete was refused";
    EXPECT_NE(scene()->itemFor("i-app-nat"), nullptr);
    EXPECT_FALSE(doc().isModified());
    EXPECT_TRUE(window->statusBar()->currentMessage().contains(QStringLiteral("read-only"))) << window->statusBar()->currentMessage().toStdString();
    EXPECT_FALSE(window->saveTo(file));
    EXPECT_EQ(readAll(file), before);
}

TEST_F(FileLockTest, OpenAnywayEditsAndAKilledEditorsLockIsTakenOver)
{
    window->openFile(file);
    answer("openAnyway");
    ASSERT_EQ(QFileInfo(doc().filePath()), QFileInfo(file));
    EXPECT_FALSE(doc().isReadOnly());
    EXPECT_TRUE(window->action(QStringLiteral("actionSave"))->isEnabled());
    select("i-app-nat");
    window->deleteSelection();
    EXPECT_TRUE(doc().isModified());

    // The other editor dies: its lock is stale, and a new window opens the file without asking.
    child.crash();
    window = std::make_unique<MainWindow>();
    window->show();
    EXPECT_TRUE(window->openFile(file));
    EXPECT_EQ(warning(), nullptr);
    FileLock probe(file);
    EXPECT_FALSE(probe.tryLock()) << "this editor holds the lock now";
    ASSERT_TRUE(probe.holder());
    EXPECT_EQ(probe.holder()->pid, QCoreApplication::applicationPid());
}

} // namespace
} // namespace pp::ui
