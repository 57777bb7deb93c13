// Saving under faults, in the editor: a full disk (a small tmpfs filled up), a write error
// injected into the writer, a read-only file, a read-only folder (a read-only mount as root), a
// document reached by a symlink on another file system. Whatever fails, the old file is
// byte-identical, no temporary file is left, the error says what the system said, and the design
// stays unsaved. The tmpfs needs mount permission (root or CAP_SYS_ADMIN); without it the tests
// that need one are skipped, saying why.
#include "FileSupport.h"

#include "io/FileWriter.h"

#include <QMessageBox>
#include <cerrno>
#include <cstring>
#include <sys/mount.h>
#include <unistd.h>

namespace pp::ui {
namespace {

class SaveFaultTest : public EditorWithRecovery {
protected:
    void TearDown() override
    {
        EditorWithRecovery::TearDown();
        failNextWriteForTesting(0);
        if (mounted)
            ::umount2(QFile::encodeName(mount.path()).constData(), MNT_DETACH);
    }
    // A tmpfs of `kilobytes` at mount.path(); false (with `why`) where mounting is not permitted.
    bool mountTmpfs(int kilobytes, std::string* why)
    {
        const QByteArray options = "size=" + QByteArray::number(kilobytes) + "k,mode=0755";
        if (::mount("tmpfs", QFile::encodeName(mount.path()).constData(), "tmpfs", 0, options.constData()) != 0) {
            *why = std::string("cannot mount a tmpfs here (") + std::strerror(errno) + "): run as root or with CAP_SYS_ADMIN";
            return false;
        }
        mounted = true;
        return true;
    }
    void remountReadOnly()
    {
        ASSERT_EQ(::mount("tmpfs", QFile::encodeName(mount.path()).constData(), "tmpfs", MS_REMOUNT | MS_RDONLY, nullptr), 0)
            << std::strerror(errno);
    }
    // Opens `file`, deletes a resource (an unsaved change), and saves; expects the save to fail
    // with `expected` in the message while the file and its folder stay as they were.
    void expectFailedSave(const QString& file, const QString& expected)
    {
        ASSERT_TRUE(window->openFile(file)) << window->lastError().toStdString();
        select("i-app-nat");
        window->deleteSelection();
        ASSERT_TRUE(doc().isModified());
        expectSaveFails(file, expected);
    }
    void expectSaveFails(const QString& file, const QString& expected)
    {
        const QByteArray before = readAll(file);
        const QStringList others = otherFiles(QFileInfo(file).absolutePath(), file);
        EXPECT_FALSE(window->save());
        auto* box = window->findChild<QMessageBox*>(QStringLiteral("saveError"));
        ASSERT_NE(box, nullptr) << "the error is shown";
        EXPECT_TRUE(box->text().contains(expected)) << box->text().toStdString();
        EXPECT_TRUE(window->lastError().contains(QFileInfo(file).fileName())) << "names the file";
        delete box;
        EXPECT_EQ(readAll(file), before) << "the old file is byte-identical";
        EXPECT_EQ(otherFiles(QFileInfo(file).absolutePath(), file), others) << "no temporary file left";
        EXPECT_TRUE(doc().isModified()) << "still unsaved";
        EXPECT_TRUE(window->isWindowModified());
    }

    QTemporaryDir mount;
    bool mounted = false;
    QTemporaryDir files;
};

TEST_F(SaveFaultTest, AFullDiskSaysSoAndKeepsTheOldFile)
{
    std::string why;
    if (!mountTmpfs(256, &why))
        GTEST_SKIP() << why;
    const QString file = copyExample(mount.path());
    ASSERT_FALSE(file.isEmpty());
    ASSERT_TRUE(window->openFile(file));
    select("i-app-nat");
    window->deleteSelection();
    // Fill the file system to the last byte.
    QFile filler(QDir(mount.path()).filePath(QStringLiteral("filler")));
    ASSERT_TRUE(filler.open(QIODevice::WriteOnly));
    const QByteArray block(4096, 'x');
    while (filler.write(block) == block.size() && filler.flush()) {
    }
    filler.close();
    expectSaveFails(file, QStringLiteral("No space left on device"));
}

TEST_F(SaveFaultTest, AnInjectedWriteErrorLeavesNoTrace)
{
    const QString file = copyExample(files.path());
    ASSERT_TRUE(window->openFile(file));
    select("i-app-nat");
    window->deleteSelection();
    failNextWriteForTesting(EIO);
    expectSaveFails(file, QString::fromLatin1(std::strerror(EIO)));
    // The fault gone, the same Save works.
    EXPECT_TRUE(window->save());
    EXPECT_FALSE(doc().isModified());
}

TEST_F(SaveFaultTest, AReadOnlyFileIsNotReplaced)
{
    const QString file = copyExample(files.path());
    ASSERT_TRUE(QFile::setPermissions(file, QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther));
    expectFailedSave(file, QStringLiteral("read-only"));
    EXPECT_EQ(int(QFileInfo(file).permissions() & (QFile::WriteOwner | QFile::WriteGroup | QFile::WriteOther)), 0) << "mode kept";
}

TEST_F(SaveFaultTest, AReadOnlyFolderSaysWhatTheSystemSaid)
{
    QString file;
    QString expected;
    if (::geteuid() == 0) {
        // Root writes into any folder whatever its mode: a read-only mount is read-only for all.
        std::string why;
        if (!mountTmpfs(256, &why))
            GTEST_SKIP() << why;
        file = copyExample(mount.path());
        remountReadOnly();
        expected = QString::fromLatin1(std::strerror(EROFS));
    } else {
        file = copyExample(files.path());
        ASSERT_TRUE(QFile::setPermissions(files.path(), QFile::ReadOwner | QFile::ExeOwner));
        expected = QString::fromLatin1(std::strerror(EACCES));
    }
    expectFailedSave(file, expected);
    QFile::setPermissions(files.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
}

TEST_F(SaveFaultTest, ASymlinkToAnotherFileSystemIsSavedThroughAndKeptOnFailure)
{
    std::string why;
    if (!mountTmpfs(256, &why))
        GTEST_SKIP() << why;
    const QString target = copyExample(mount.path());
    const QString link = QDir(files.path()).filePath(QStringLiteral("link.privatepath"));
    ASSERT_TRUE(QFile::link(target, link));
    ASSERT_TRUE(window->openFile(link));
    select("i-app-nat");
    window->deleteSelection();
    ASSERT_TRUE(window->save()) << window->lastError().toStdString();
    EXPECT_TRUE(QFileInfo(link).isSymLink()) << "the link survives";
    LoadResult saved = loadDesignFile(QFile::encodeName(target).toStdString());
    ASSERT_TRUE(saved.ok());
    EXPECT_EQ(saved.design->find(ResourceId("i-app-nat")), nullptr) << "the file it points to has the change";
    EXPECT_EQ(otherFiles(mount.path(), target), QStringList()) << "no temporary on the other file system";
    EXPECT_EQ(otherFiles(files.path(), link), QStringList());

    doc().undoStack()->undo();
    failNextWriteForTesting(ENOSPC);
    expectSaveFails(link, QString::fromLatin1(std::strerror(ENOSPC)));
    EXPECT_TRUE(QFileInfo(link).isSymLink());
}

} // namespace
} // namespace pp::ui
