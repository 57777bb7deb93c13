#include "document/AutoSaver.h"

#include "document/Document.h"
#include "io/DesignFile.h"
#include "io/FileWriter.h"

#include <QDir>
#include <QFile>
#include <QCoreApplication>
#include <QSysInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>
#include <QtConcurrent/QtConcurrentRun>
#include <utility>

namespace pp::ui {
namespace {

constexpr int kDefaultIntervalMs = 5000; // the issue asks for at most 10 s after the last change

int configuredInterval()
{
    bool ok = false;
    const int value = qEnvironmentVariableIntValue("PRIVATEPATH_AUTOSAVE_MS", &ok);
    return ok && value > 0 ? value : kDefaultIntervalMs;
}

QString writeDesign(const Design& design, const QString& path)
{
    const SaveResult r = writeFileAtomically(QFile::encodeName(path).toStdString(), saveDesignToString(design));
    return r.ok ? QString() : QString::fromStdString(r.error);
}

} // namespace

AutoSaver::AutoSaver(Document& document, QObject* parent) : QObject(parent), m_document(document)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(configuredInterval());
    connect(&m_timer, &QTimer::timeout, this, &AutoSaver::write);
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &AutoSaver::finished);
    connect(&m_document, &Document::changed, this, &AutoSaver::documentChanged);
    connect(&m_document, &Document::modifiedChanged, this, &AutoSaver::modifiedChanged);
    // A new, opened, recovered or reloaded design: the old entry's content is not it any more.
    connect(&m_document, &Document::reloaded, this, &AutoSaver::removeEntry);
}

AutoSaver::~AutoSaver()
{
    m_watcher.disconnect(this);
    wait();
    removeEntry();
}

QString AutoSaver::recoveryFile() const
{
    return m_id.isEmpty() ? QString() : QDir(Recovery::directory()).filePath(m_id + QStringLiteral(".privatepath"));
}

void AutoSaver::documentChanged()
{
    // Not restarted by later changes: a steady stream of edits is still saved every interval.
    if (m_document.isModified() && !m_timer.isActive())
        m_timer.start();
}

void AutoSaver::modifiedChanged(bool modified)
{
    if (modified)
        documentChanged();
    else
        removeEntry(); // saved, or undone back to the saved state: nothing to recover
}

void AutoSaver::wait()
{
    if (!m_writing)
        return;
    m_watcher.waitForFinished();
    finished();
}

bool AutoSaver::ensureEntry()
{
    if (!m_id.isEmpty())
        return true;
    const QDir dir(Recovery::directory());
    if (!dir.mkpath(QStringLiteral("."))) {
        m_lastError = tr("cannot create the recovery folder %1").arg(dir.path());
        return false;
    }
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    auto lock = std::make_unique<QLockFile>(dir.filePath(id + QStringLiteral(".lock")));
    lock->setStaleLockTime(0);
    if (!lock->tryLock(0)) {
        m_lastError = tr("cannot lock the recovery file in %1").arg(dir.path());
        return false;
    }
    const DiskState& original = m_document.loadedState();
    QJsonObject meta{
        {QStringLiteral("original"), m_document.filePath()},
        {QStringLiteral("originalExists"), original.exists},
        {QStringLiteral("originalSize"), double(original.size)},
        {QStringLiteral("originalModified"), double(original.modified.toMSecsSinceEpoch())},
        {QStringLiteral("originalHash"), QString::fromLatin1(original.hash.toHex())},
        {QStringLiteral("pid"), double(QCoreApplication::applicationPid())},
        {QStringLiteral("host"), QSysInfo::machineHostName()},
    };
    const QByteArray json = QJsonDocument(meta).toJson();
    const SaveResult saved = writeFileAtomically(QFile::encodeName(dir.filePath(id + QStringLiteral(".json"))).toStdString(),
                                                 std::string_view(json.constData(), std::size_t(json.size())));
    if (!saved.ok) {
        m_lastError = QString::fromStdString(saved.error);
        return false;
    }
    m_id = id;
    m_lock = std::move(lock);
    return true;
}

void AutoSaver::write()
{
    if (!m_document.isModified())
        return;
    if (m_writing) {
        m_again = true;
        return;
    }
    if (!ensureEntry()) {
        emit failed(m_lastError);
        return;
    }
    m_writing = true;
    // The copy is the only thing the worker reads: the document goes on changing meanwhile.
    auto copy = std::make_shared<const Design>(m_document.design());
    m_watcher.setFuture(QtConcurrent::run([copy, path = recoveryFile()] { return Written{path, writeDesign(*copy, path)}; }));
}

void AutoSaver::finished()
{
    if (!m_writing)
        return;
    m_writing = false;
    const Written done = m_watcher.result();
    if (done.path != recoveryFile()) {
        // Saved, closed or reloaded while it was written: that entry is gone, so is this file.
        QFile::remove(done.path);
    } else if (!done.error.isEmpty()) {
        m_lastError = done.error;
        emit failed(done.error);
    } else {
        m_lastError.clear();
        ++m_writes;
        emit written(done.path);
    }
    if (std::exchange(m_again, false) || (m_document.isModified() && done.path != recoveryFile()))
        documentChanged();
}

bool AutoSaver::saveNow()
{
    wait();
    m_timer.stop();
    if (!m_document.isModified())
        return true;
    if (!ensureEntry())
        return false;
    const QString error = writeDesign(m_document.design(), recoveryFile());
    m_lastError = error;
    if (!error.isEmpty()) {
        emit failed(error);
        return false;
    }
    ++m_writes;
    emit written(recoveryFile());
    return true;
}

bool AutoSaver::keepForRecovery()
{
    if (!m_document.isModified())
        return true;
    if (!saveNow())
        return false;
    // Let it go: the lock released makes it an orphan, offered for recovery.
    m_lock.reset();
    m_id.clear();
    return true;
}

void AutoSaver::removeEntry()
{
    m_timer.stop();
    if (m_id.isEmpty())
        return;
    const QString id = std::exchange(m_id, QString());
    m_lock.reset(); // removes the lock file
    Recovery::discard(id);
}

} // namespace pp::ui
