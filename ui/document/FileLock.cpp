#include "document/FileLock.h"

#include "document/Recovery.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>

namespace pp::ui {

QString FileLock::lockPathFor(const QString& designPath)
{
    const QFileInfo info(designPath);
    // The canonical path: the same file reached by a symlink or another spelling is one lock.
    const QString canonical = info.exists() ? info.canonicalFilePath() : info.absoluteFilePath();
    const QByteArray key = QCryptographicHash::hash(canonical.toUtf8(), QCryptographicHash::Sha1).toHex();
    return QDir(Recovery::directory()).filePath(QStringLiteral("file-%1.lock").arg(QString::fromLatin1(key)));
}

FileLock::FileLock(const QString& designPath)
    : m_designPath(designPath), m_lockPath(lockPathFor(designPath)), m_lock(std::make_unique<QLockFile>(m_lockPath))
{
    m_lock->setStaleLockTime(0); // stale only when its process is gone
}

FileLock::~FileLock() = default;

bool FileLock::tryLock()
{
    QDir().mkpath(QFileInfo(m_lockPath).absolutePath());
    return m_lock->tryLock(0);
}

std::optional<FileLock::Holder> FileLock::holder() const
{
    Holder h;
    if (!m_lock->getLockInfo(&h.pid, &h.host, &h.application))
        return std::nullopt;
    return h;
}

} // namespace pp::ui
