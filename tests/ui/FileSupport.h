#pragma once

// Files the recovery, lock, disk-change and save-fault tests share.
#include "EditorFixture.h"
#include "document/Recovery.h"

#include <QDir>
#include <QFile>

namespace pp::ui {

inline bool writeBytes(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size() && f.flush();
}

// Replaces `path` the way git and most editors do: a new file renamed over it.
inline bool replaceByRename(const QString& path, const QByteArray& bytes)
{
    const QString temp = path + QStringLiteral(".new");
    return writeBytes(temp, bytes) && ::rename(QFile::encodeName(temp).constData(), QFile::encodeName(path).constData()) == 0;
}

// An example whose VPC has no main route table: opening it draws one, an undoable change, so the
// editor has unsaved changes without anyone touching it (also in a child process).
inline QString writeDesignNeedingAFix(const QString& folder)
{
    QByteArray text = readAll(source(QStringLiteral("resources/examples/s3-gateway-endpoint.privatepath")));
    text.replace("\"main\": true,", "");
    const QString path = QDir(folder).filePath(QStringLiteral("needs-fix.privatepath"));
    return writeBytes(path, text) ? path : QString();
}

inline QString copyExample(const QString& folder, const QString& name = QStringLiteral("s3-gateway-endpoint"))
{
    const QString path = QDir(folder).filePath(name + QStringLiteral(".privatepath"));
    QFile::remove(path);
    return QFile::copy(source(QStringLiteral("resources/examples/%1.privatepath").arg(name)), path) ? path : QString();
}

// Files in a folder other than the design itself (temporaries left behind would show here).
inline QStringList otherFiles(const QString& folder, const QString& design)
{
    QStringList out = QDir(folder).entryList(QDir::Files | QDir::Hidden | QDir::System);
    out.removeAll(QFileInfo(design).fileName());
    return out;
}

// The recovery folder of this test process, emptied (each test starts with nothing to recover).
inline QString freshRecoveryDirectory()
{
    Recovery::setDirectoryForTesting({});
    QDir dir(Recovery::directory());
    dir.removeRecursively();
    QDir().mkpath(dir.path());
    return dir.path();
}

// An editor whose recovery folder is this test process's own: emptied before the window opens,
// forgotten after it closes.
class EditorWithRecovery : public Editor {
protected:
    void SetUp() override
    {
        freshRecoveryDirectory();
        Editor::SetUp();
    }
    void TearDown() override
    {
        window.reset();
        Recovery::setDirectoryForTesting({});
    }
};

} // namespace pp::ui
