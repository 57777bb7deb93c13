#pragma once

#include <QDateTime>
#include <QFileSystemWatcher>
#include <QObject>
#include <QString>
#include <QTimer>

namespace pp::ui {

// What a file on disk was at one moment: enough to tell whether someone else changed it since.
// Two states are the same file content when both exist with the same size and hash; the
// modification time alone (a `touch`) is not a change.
struct DiskState {
    bool exists = false;
    qint64 size = -1;
    QDateTime modified;
    QByteArray hash; // SHA-1 of the bytes; empty when the file does not exist

    static DiskState of(const QString& path);
    bool sameContent(const DiskState& other) const
    {
        return exists == other.exists && size == other.size && hash == other.hash;
    }
};

// Watches the open document's file and says when its content is no longer what the editor loaded
// or last saved (the baseline). It watches the file and its folder: editors and git replace a
// file by renaming another over it, which ends a watch on the old file, so the path is watched
// again whenever it exists. Bursts of events (a save in several steps) are settled before the
// file is read; each different content is reported once.
class DiskWatcher : public QObject {
    Q_OBJECT
public:
    explicit DiskWatcher(QObject* parent = nullptr);

    // Watches `path` (empty: nothing) with `baseline` as the content the editor has.
    void watch(const QString& path, const DiskState& baseline);
    // The editor wrote or reloaded the file: this is now the content it has.
    void setBaseline(const DiskState& baseline);
    const DiskState& baseline() const { return m_baseline; }
    QString path() const { return m_path; }
    // Checks now (normally done a moment after the watcher's signal).
    void check();

signals:
    // The file's content differs from the baseline (`state.exists` false: it was deleted).
    void changedOnDisk(const QString& path, const DiskState& state);

private:
    void rewatch();

    QFileSystemWatcher m_watcher;
    QTimer m_settle;
    QString m_path;
    DiskState m_baseline;
    DiskState m_reported; // the last content reported, so one change is said once
};

} // namespace pp::ui
