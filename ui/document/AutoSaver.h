#pragma once

#include "document/Recovery.h"

#include <QFutureWatcher>
#include <QLockFile>
#include <QObject>
#include <QTimer>
#include <memory>

namespace pp::ui {

class Document;

// Autosave of one document into the recovery folder (see Recovery.h for the files). While the
// document has unsaved changes, its design is written there at most `interval` after a change
// (5 s; PRIVATEPATH_AUTOSAVE_MS overrides it); when it is saved, reverted to its saved state,
// closed or replaced, the entry is removed. Destroying the saver (a clean exit) removes it too:
// only a crash leaves one behind, and the next start offers it.
//
// The design is copied on the GUI thread (it is a value type) and serialised and written on a
// worker (QtConcurrent): on a 10,000-resource design serialising takes longer than a frame (see
// tests/benchmarks/AutosaveBenchmark.cpp). Writes are atomic (the core writer). One write runs
// at a time; a change during a write is written after it.
class AutoSaver : public QObject {
    Q_OBJECT
public:
    explicit AutoSaver(Document& document, QObject* parent = nullptr);
    ~AutoSaver() override;

    void setInterval(int milliseconds) { m_timer.setInterval(milliseconds); }
    int interval() const { return m_timer.interval(); }
    // The document's entry now: its recovery file's path, empty while there is none.
    QString recoveryFile() const;
    // Writes the unsaved design now, on this thread (waits for a running write first).
    bool saveNow();
    // Keeps the current unsaved design for recovery and lets the entry go (its lock released): it
    // is offered by the next start, or by File → Recover Unsaved Changes. The document gets a new
    // entry from its next change. Used before a reload replaces unsaved changes.
    bool keepForRecovery();
    // The last write's error (what the system said), empty after a success.
    QString lastError() const { return m_lastError; }
    // Writes completed so far (tests wait for it).
    int writes() const { return m_writes; }

signals:
    void written(const QString& recoveryFile);
    void failed(const QString& error);

private:
    struct Written {
        QString path;
        QString error;
    };
    void documentChanged();
    void modifiedChanged(bool modified);
    void write();
    void finished();
    bool ensureEntry();
    void removeEntry();
    void wait();

    Document& m_document;
    QTimer m_timer;
    QFutureWatcher<Written> m_watcher;
    QString m_id;                      // the current entry; empty: none
    std::unique_ptr<QLockFile> m_lock; // held while the entry is this session's
    bool m_writing = false;
    bool m_again = false; // a change arrived during the write
    int m_writes = 0;
    QString m_lastError;
};

} // namespace pp::ui
