#pragma once

#include <QLockFile>
#include <QString>
#include <memory>
#include <optional>

namespace pp::ui {

// "One editor per file": a QLockFile in the recovery folder, named after the design's canonical
// path, held while an editor has the design open. A lock whose process is gone (a crash, kill -9)
// is stale and taken over (QLockFile checks the PID on this host); a lock is never stale by age
// alone, since an editor may stay open for days.
class FileLock {
public:
    // Who holds a lock: what QLockFile records.
    struct Holder {
        qint64 pid = 0;
        QString host;
        QString application;
    };

    explicit FileLock(const QString& designPath);
    ~FileLock();
    FileLock(const FileLock&) = delete;
    FileLock& operator=(const FileLock&) = delete;

    // Takes the lock; false when another live process (or another window of this one) holds it,
    // or when the lock file cannot be written (heldByOther() tells which).
    bool tryLock();
    bool heldByOther() const { return m_lock->error() == QLockFile::LockFailedError; }
    bool isLocked() const { return m_lock->isLocked(); }
    // The holder, read from the lock file (after tryLock() failed).
    std::optional<Holder> holder() const;
    QString designPath() const { return m_designPath; }
    QString lockPath() const { return m_lockPath; }

    // The lock file for a design: <recovery folder>/<SHA-1 of the canonical path>.lock.
    static QString lockPathFor(const QString& designPath);

private:
    QString m_designPath;
    QString m_lockPath;
    std::unique_ptr<QLockFile> m_lock;
};

} // namespace pp::ui
