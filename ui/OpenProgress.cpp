#include "OpenProgress.h"

#include <QApplication>
#include <QEventLoop>
#include <QFileInfo>
#include <QLocale>
#include <QFutureWatcher>
#include <QProgressDialog>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace pp::ui {

OpenProgress::OpenProgress(QWidget* window, const QString& path) : m_window(window), m_path(path) { m_clock.start(); }

OpenProgress::~OpenProgress()
{
    if (m_dialog) {
        m_dialog->hide();
        delete m_dialog;
    }
}

Document::Read OpenProgress::read()
{
    // Small files are read at once: a few milliseconds, and no events run in the middle of an open.
    if (QFileInfo(m_path).size() < kWorkerBytes)
        return Document::read(m_path);
    QFutureWatcher<Document::Read> watcher;
    QEventLoop loop;
    QObject::connect(&watcher, &QFutureWatcherBase::finished, &loop, &QEventLoop::quit);
    // Past the delay, the dialog (busy: how long a parse takes is not known in advance).
    QTimer due;
    due.setSingleShot(true);
    QObject::connect(&due, &QTimer::timeout, &loop, [this] {
        show();
        m_dialog->setRange(0, 0);
    });
    due.start(kDelayMs);
    const QString path = m_path;
    watcher.setFuture(QtConcurrent::run([path] { return Document::read(path); }));
    if (!watcher.isFinished())
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    due.stop();
    Document::Read result = watcher.result();
    // The parse's temporary memory (the JSON tree: several times the file) was freed on the
    // worker's own malloc arena, which glibc keeps; hand it back, or a 50,000-resource open holds
    // on to 100 MiB it no longer uses.
#ifdef __GLIBC__
    malloc_trim(0);
#endif
    if (result.result.ok()) {
        const std::size_t resources = result.result.design->resources().size();
        if (resources >= kDrawingTakesLong || m_clock.elapsed() >= kDelayMs) {
            show();
            m_dialog->setRange(0, 100);
            report(25, QObject::tr("Checking %1 resources…").arg(QLocale().toString(qulonglong(resources))));
            // Mapped and painted before the GUI thread is busy drawing (no input is taken here).
            QApplication::processEvents(QEventLoop::ExcludeUserInputEvents);
        }
    }
    return result;
}

void OpenProgress::show()
{
    if (m_dialog)
        return;
    m_dialog = new QProgressDialog(m_window);
    m_dialog->setObjectName(QStringLiteral("openProgress"));
    m_dialog->setWindowTitle(QObject::tr("Opening %1").arg(QFileInfo(m_path).fileName()));
    m_dialog->setLabelText(QObject::tr("Reading %1…").arg(QFileInfo(m_path).fileName()));
    m_dialog->setCancelButton(nullptr); // nothing can be stopped half-way without losing the open
    m_dialog->setMinimumDuration(0);
    m_dialog->setAutoReset(false);
    m_dialog->setAutoClose(false);
    m_dialog->setMinimumWidth(360);
    m_dialog->show();
    m_shown = true;
}

void OpenProgress::report(int percent, const QString& stage)
{
    if (!m_dialog && m_clock.elapsed() < kDelayMs)
        return;
    // Shown late, in the middle of drawing: it appears with the next stage that runs events.
    show();
    m_dialog->setRange(0, 100);
    m_dialog->setLabelText(stage);
    m_dialog->setValue(percent); // not modal: this runs no events
    m_dialog->repaint();
}

} // namespace pp::ui
