#include "document/DiskWatcher.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>

namespace pp::ui {

DiskState DiskState::of(const QString& path)
{
    DiskState state;
    const QFileInfo info(path);
    if (path.isEmpty() || !info.exists())
        return state;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return state;
    state.exists = true;
    state.size = info.size();
    state.modified = info.lastModified();
    QCryptographicHash hash(QCryptographicHash::Sha1);
    hash.addData(&file);
    state.hash = hash.result();
    return state;
}

DiskWatcher::DiskWatcher(QObject* parent) : QObject(parent)
{
    m_settle.setSingleShot(true);
    m_settle.setInterval(150); // git and editors write, rename and chmod in quick succession
    connect(&m_settle, &QTimer::timeout, this, &DiskWatcher::check);
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, [this] { m_settle.start(); });
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, [this] { m_settle.start(); });
}

void DiskWatcher::watch(const QString& path, const DiskState& baseline)
{
    if (!m_watcher.files().isEmpty())
        m_watcher.removePaths(m_watcher.files());
    if (!m_watcher.directories().isEmpty())
        m_watcher.removePaths(m_watcher.directories());
    m_settle.stop();
    m_path = path;
    m_baseline = baseline;
    m_reported = baseline;
    if (path.isEmpty())
        return;
    m_watcher.addPath(QFileInfo(path).absolutePath());
    rewatch();
}

void DiskWatcher::setBaseline(const DiskState& baseline)
{
    m_baseline = baseline;
    m_reported = baseline;
    rewatch();
}

void DiskWatcher::rewatch()
{
    // A watch ends when its file is deleted or renamed over: the path is watched again.
    if (!m_path.isEmpty() && !m_watcher.files().contains(m_path) && QFileInfo::exists(m_path))
        m_watcher.addPath(m_path);
}

void DiskWatcher::check()
{
    if (m_path.isEmpty())
        return;
    rewatch();
    const QFileInfo info(m_path);
    // Cheap first: a folder event about another file leaves ours as it was.
    if (info.exists() == m_reported.exists && info.size() == m_reported.size && info.lastModified() == m_reported.modified)
        return;
    const DiskState now = DiskState::of(m_path);
    if (now.sameContent(m_reported)) {
        m_reported.modified = now.modified; // touched, not changed
        if (now.sameContent(m_baseline))
            m_baseline.modified = now.modified;
        return;
    }
    m_reported = now;
    if (now.sameContent(m_baseline))
        return; // changed back to what the editor has
    emit changedOnDisk(m_path, now);
}

} // namespace pp::ui
