// The window's file handling (MainWindow is split by responsibility; see MainWindow.h): open and
// save, the lock that keeps one editor per file, the notice when the file changes on disk, and
// crash recovery.
#include "MainWindow.h"
#include "OpenProgress.h"

#include "canvas/DiagramScene.h"
#include "canvas/DiagramView.h"
#include "compare/ComparePanel.h"
#include "document/AutoSaver.h"
#include "document/DiskWatcher.h"
#include "document/Document.h"
#include "document/FileLock.h"
#include "document/Recovery.h"
#include "document/RecoveryDialog.h"
#include "import/ImportReportDialog.h"
#include "import/AwsImport.h"
#include "import/TerraformImport.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>
#include <QTimer>
#include <QTreeWidget>

namespace pp::ui {

void MainWindow::createFileWatch()
{
    m_autoSaver = new AutoSaver(*m_document, this);
    connect(m_autoSaver, &AutoSaver::failed, this, [this](const QString& error) {
        statusBar()->showMessage(tr("Autosave failed: %1").arg(error), 8000);
    });
    m_diskWatcher = new DiskWatcher(this);
    connect(m_diskWatcher, &DiskWatcher::changedOnDisk, this, &MainWindow::showChangedOnDisk);
    connect(m_document, &Document::reloaded, this, [this] {
        m_diskBar->hide();
        m_diskWatcher->watch(m_document->filePath(), m_document->loadedState());
        // The lock goes with the file: a new or other design lets it go.
        if (m_fileLock && (m_document->filePath().isEmpty() || FileLock::lockPathFor(m_document->filePath()) != m_fileLock->lockPath()))
            m_fileLock.reset();
    });
    connect(m_document, &Document::readOnlyChanged, this, [this](bool readOnly) {
        for (const char* name : {"actionSave", "actionSaveAs"})
            action(QString::fromLatin1(name))->setEnabled(!readOnly);
        updateTitle();
    });

    // The notice bar above the canvas: says the file changed on disk, never blocks.
    m_diskBar = new QFrame(this);
    m_diskBar->setObjectName(QStringLiteral("diskChangedBar"));
    m_diskBar->setFrameShape(QFrame::StyledPanel);
    m_diskBar->setStyleSheet(QStringLiteral("#diskChangedBar { background: #fff4ce; }"));
    m_diskBarText = new QLabel(m_diskBar);
    m_diskBarText->setObjectName(QStringLiteral("diskChangedText"));
    m_diskBarText->setWordWrap(true);
    auto* reload = new QPushButton(tr("&Reload"), m_diskBar);
    reload->setObjectName(QStringLiteral("diskReload"));
    reload->setToolTip(tr("Open the file as it is on disk now; unsaved changes are kept for recovery first."));
    auto* keep = new QPushButton(tr("&Keep Mine"), m_diskBar);
    keep->setObjectName(QStringLiteral("diskKeepMine"));
    keep->setToolTip(tr("Go on with this version; saving asks before it replaces the file's new content."));
    auto* row = new QHBoxLayout(m_diskBar);
    row->addWidget(m_diskBarText, 1);
    row->addWidget(reload);
    row->addWidget(keep);
    connect(reload, &QPushButton::clicked, this, &MainWindow::reloadFromDisk);
    connect(keep, &QPushButton::clicked, m_diskBar, &QWidget::hide);
    m_diskBar->hide();
}

void MainWindow::showChangedOnDisk(const QString& path, const DiskState& state)
{
    const QString name = QFileInfo(path).fileName();
    m_diskBarText->setText(state.exists ? tr("%1 was changed on disk by another program.").arg(name)
                                        : tr("%1 was deleted or moved on disk.").arg(name));
    m_diskBar->findChild<QPushButton*>(QStringLiteral("diskReload"))->setEnabled(state.exists);
    m_diskBar->show();
}

void MainWindow::reloadFromDisk()
{
    const QString path = m_document->filePath();
    if (path.isEmpty())
        return;
    const bool hadChanges = m_document->isModified();
    // Unsaved changes are not thrown away: they stay in the recovery folder.
    if (hadChanges && !m_autoSaver->keepForRecovery()) {
        m_diskBarText->setText(tr("Your unsaved changes could not be kept for recovery (%1): not reloaded.").arg(m_autoSaver->lastError()));
        return;
    }
    const bool readOnly = m_document->isReadOnly();
    if (!openFile(path, readOnly ? OpenMode::ReadOnly : OpenMode::Anyway))
        return;
    if (hadChanges)
        statusBar()->showMessage(tr("Reloaded %1. Your unsaved version is kept: File → Recover Unsaved Changes opens it.").arg(QFileInfo(path).fileName()), 15000);
}

void MainWindow::open()
{
    if (!maybeSave())
        return;
    const QString path = QFileDialog::getOpenFileName(this, tr("Open design"), QString(),
                                                      tr("PrivatePath designs (*.privatepath);;PNG exports with the design embedded (*.png);;All files (*)"));
    if (!path.isEmpty())
        openFile(path);
}

bool MainWindow::askAboutLock(const QString& path, const FileLock& lock)
{
    const std::optional<FileLock::Holder> holder = lock.holder();
    const QString who = holder ? tr("PrivatePath (process %1 on %2)").arg(holder->pid).arg(holder->host) : tr("another PrivatePath");
    m_lastError = tr("%1 is already open in %2.").arg(QFileInfo(path).fileName(), who);
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Design already open"),
                                m_lastError + QLatin1Char('\n') + tr("Editing it in two places loses one of the two versions on save."),
                                QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("fileLocked"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton* readOnly = box->addButton(tr("Open &Read-Only"), QMessageBox::AcceptRole);
    readOnly->setObjectName(QStringLiteral("openReadOnly"));
    QPushButton* anyway = box->addButton(tr("Open &Anyway"), QMessageBox::DestructiveRole);
    anyway->setObjectName(QStringLiteral("openAnyway"));
    QPushButton* cancel = box->addButton(QMessageBox::Cancel);
    cancel->setObjectName(QStringLiteral("openCancel"));
    box->setDefaultButton(readOnly);
    // After the box has closed (the open may ask more).
    connect(readOnly, &QPushButton::clicked, this, [this, path] { QTimer::singleShot(0, this, [this, path] { openFile(path, OpenMode::ReadOnly); }); });
    connect(anyway, &QPushButton::clicked, this, [this, path] { QTimer::singleShot(0, this, [this, path] { openFile(path, OpenMode::Anyway); }); });
    box->open();
    statusBar()->showMessage(m_lastError, 8000);
    return false;
}

bool MainWindow::openFile(const QString& path, OpenMode mode)
{
    // One editor per file: the lock is taken before the file is read, and kept while it is open.
    std::unique_ptr<FileLock> lock;
    const bool image = path.endsWith(QLatin1String(".png"), Qt::CaseInsensitive); // opens untitled
    if (mode != OpenMode::ReadOnly && !image) {
        lock = std::make_unique<FileLock>(path);
        const bool ours = m_fileLock && m_fileLock->lockPath() == lock->lockPath();
        if (ours)
            lock.reset(); // this window has it already (opened again, reloaded)
        else if (!lock->tryLock()) {
            if (mode == OpenMode::Ask && lock->heldByOther())
                return askAboutLock(path, *lock);
            // Open anyway (the other editor keeps its lock), or no lock can be written (a
            // read-only home): the file opens without one.
            lock.reset();
        }
    }
    QString error;
    // Big designs: read on a worker, and past half a second a dialog says how far the open is.
    OpenProgress progress(this, path);
    Document::Read read = progress.read();
    m_scene->setProgress([&progress](int percent, const QString& stage) { progress.report(percent, stage); });
    const bool opened = m_document->adopt(std::move(read), path, &error);
    m_scene->setProgress({});
    if (!opened) {
        // The loader's message names the file, line and field; nothing is changed.
        m_lastError = error;
        auto* box = new QMessageBox(QMessageBox::Warning, tr("Cannot open design"), error, QMessageBox::Close, this);
        box->setObjectName(QStringLiteral("openError"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        QPushButton* other = box->addButton(tr("Open Another File…"), QMessageBox::ActionRole);
        connect(other, &QPushButton::clicked, this, [this] { QTimer::singleShot(0, this, &MainWindow::open); });
        box->open();
        statusBar()->showMessage(error.section(QLatin1Char('\n'), 0, 0), 8000);
        return false;
    }
    if (lock)
        m_fileLock = std::move(lock);
    m_document->setReadOnly(mode == OpenMode::ReadOnly);
    addRecent(path);
    statusBar()->showMessage(mode == OpenMode::ReadOnly ? tr("Opened %1 read-only").arg(path) : tr("Opened %1").arg(path), 4000);
    progress.report(95, tr("Fitting the view…"));
    if (mode != OpenMode::ReadOnly)
        drawWhereTheModelSays(); // what it changed, if anything, replaces "Opened" in the status bar
    m_document->settleOpening();
    m_view->fitAll();
    m_view->setFocus();
    return true;
}

bool MainWindow::save()
{
    if (m_document->filePath().isEmpty())
        return saveAs();
    return saveTo(m_document->filePath());
}

bool MainWindow::saveAs()
{
    if (m_document->isReadOnly())
        return false;
    QString path = QFileDialog::getSaveFileName(this, tr("Save design"), m_document->filePath(),
                                                tr("PrivatePath designs (*.privatepath)"));
    if (path.isEmpty())
        return false;
    if (!path.endsWith(QLatin1String(".privatepath")))
        path += QLatin1String(".privatepath");
    return saveTo(path);
}

bool MainWindow::askBeforeOverwriting(const QString& path)
{
    const DiskState now = DiskState::of(path);
    const DiskState& loaded = m_document->loadedState();
    if (!loaded.exists || now.sameContent(loaded))
        return false;
    m_lastError = now.exists ? tr("%1 was changed on disk since it was opened or saved here.").arg(QFileInfo(path).fileName())
                             : tr("%1 was deleted or moved on disk since it was opened or saved here.").arg(QFileInfo(path).fileName());
    auto* box = new QMessageBox(QMessageBox::Warning, tr("File changed on disk"),
                                m_lastError + QLatin1Char('\n') + tr("Saving replaces the other version with yours."),
                                QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("saveConflict"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton* overwrite = box->addButton(tr("&Save Mine"), QMessageBox::DestructiveRole);
    overwrite->setObjectName(QStringLiteral("saveOverwrite"));
    QPushButton* reload = box->addButton(tr("&Reload"), QMessageBox::ActionRole);
    reload->setObjectName(QStringLiteral("saveReload"));
    reload->setEnabled(now.exists);
    QPushButton* cancel = box->addButton(QMessageBox::Cancel);
    cancel->setObjectName(QStringLiteral("saveCancel"));
    box->setDefaultButton(cancel);
    connect(overwrite, &QPushButton::clicked, this, [this, path] { QTimer::singleShot(0, this, [this, path] { saveTo(path, true); }); });
    connect(reload, &QPushButton::clicked, this, [this] { QTimer::singleShot(0, this, &MainWindow::reloadFromDisk); });
    box->open();
    statusBar()->showMessage(m_lastError, 8000);
    return true;
}

bool MainWindow::saveTo(const QString& path, bool overwriteChanged)
{
    if (m_document->isReadOnly()) {
        m_lastError = tr("The design is open read-only: it is not saved.");
        statusBar()->showMessage(m_lastError, 8000);
        return false;
    }
    // Never silently over someone else's change: the file must be what this editor last had.
    const bool sameFile = !m_document->filePath().isEmpty() && QFileInfo(path) == QFileInfo(m_document->filePath());
    if (sameFile && !overwriteChanged && askBeforeOverwriting(path))
        return false;
    QString error;
    if (!m_document->saveAs(path, &error)) {
        m_lastError = error;
        auto* box = new QMessageBox(QMessageBox::Warning, tr("Cannot save design"), error, QMessageBox::Ok, this);
        box->setObjectName(QStringLiteral("saveError"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
        statusBar()->showMessage(error, 8000);
        return false;
    }
    m_diskBar->hide();
    m_diskWatcher->watch(path, m_document->loadedState());
    if (!m_fileLock || m_fileLock->lockPath() != FileLock::lockPathFor(path)) {
        auto lock = std::make_unique<FileLock>(path);
        if (lock->tryLock())
            m_fileLock = std::move(lock);
        else
            m_fileLock.reset();
    }
    addRecent(path);
    updateTitle();
    statusBar()->showMessage(tr("Saved %1").arg(path), 4000);
    return true;
}

bool MainWindow::maybeSave()
{
    if (!m_document->isModified())
        return true;
    const auto answer = QMessageBox::warning(this, tr("Unsaved changes"), tr("The design has unsaved changes. Save them?"),
                                             QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel);
    if (answer == QMessageBox::Save)
        return save();
    return answer == QMessageBox::Discard;
}

RecoveryDialog* MainWindow::offerRecovery(bool sayWhenNothing)
{
    const QList<RecoveryEntry> entries = Recovery::orphans();
    if (entries.isEmpty()) {
        if (sayWhenNothing)
            statusBar()->showMessage(tr("Nothing to recover: no unsaved changes were left behind."), 5000);
        return nullptr;
    }
    auto* dialog = new RecoveryDialog(entries, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &RecoveryDialog::openRequested, this, [this, dialog](const RecoveryEntry& entry) {
        if (openRecovered(entry))
            dialog->removeCurrent();
    });
    dialog->open(); // window-modal, returns at once: nothing waits on it (tests, CI)
    return dialog;
}

bool MainWindow::openRecovered(const RecoveryEntry& entry)
{
    // Into this window when it holds nothing of the user's (an empty new design, or the same file
    // as opened, even when opening drew what its model says); else into a new window, so no other
    // work is replaced.
    const bool empty = holdsNoWork();
    const bool sameFile = !entry.originalPath.isEmpty() && !m_document->filePath().isEmpty() &&
                          QFileInfo(m_document->filePath()) == QFileInfo(entry.originalPath) &&
                          (!m_document->isModified() || m_document->holdsOnlyTheOpenedFile());
    if (!empty && !sameFile) {
        auto* other = new MainWindow;
        other->setAttribute(Qt::WA_DeleteOnClose);
        other->show();
        if (!other->openRecovered(entry)) {
            other->close();
            return false;
        }
        return true;
    }
    LoadResult loaded = loadDesignFile(QFile::encodeName(entry.designPath).toStdString());
    if (!loaded.ok()) {
        m_lastError = tr("The recovered version of %1 cannot be read.").arg(entry.displayName());
        statusBar()->showMessage(m_lastError, 8000);
        return false;
    }
    if (!entry.originalPath.isEmpty() && !sameFile) {
        auto lock = std::make_unique<FileLock>(entry.originalPath);
        if (lock->tryLock())
            m_fileLock = std::move(lock);
    }
    m_document->adoptUnsaved(std::move(*loaded.design), entry.originalPath, entry.original);
    // Its own entry first, then the old one goes: a crash now still leaves one to recover.
    if (m_autoSaver->saveNow())
        Recovery::discard(entry);
    m_view->fitAll();
    statusBar()->showMessage(tr("Recovered %1 from %2: not saved yet.").arg(entry.displayName(), QLocale().toString(entry.savedAt, QLocale::ShortFormat)), 10000);
    // The file changed since the crashed session loaded it: Save will ask.
    if (DiskState now = DiskState::of(entry.originalPath); entry.original.exists && !now.sameContent(entry.original))
        showChangedOnDisk(entry.originalPath, now);
    return true;
}

bool MainWindow::holdsNoWork() const
{
    return !m_document->isModified() && m_document->filePath().isEmpty() && m_document->design().resources().empty();
}

ImportReportDialog* MainWindow::importTerraform(const QString& path)
{
    QString file = path;
    if (file.isEmpty()) {
        file = QFileDialog::getOpenFileName(this, tr("Import Terraform plan or state"), QString(),
                                            tr("Output of terraform show -json (*.json);;All files (*)"));
        if (file.isEmpty())
            return nullptr;
    }
    if (!holdsNoWork()) // never in place of the user's work
        return inNewWindow([file](MainWindow* other) { return other->importTerraform(file); });
    QApplication::setOverrideCursor(Qt::WaitCursor);
    TerraformImportResult result = importTerraformFile(QFile::encodeName(file).toStdString());
    QApplication::restoreOverrideCursor();
    return adoptImport(std::move(result), tr("Import Terraform plan or state"), QFileInfo(file).fileName());
}

ImportReportDialog* MainWindow::importAws(const QStringList& paths)
{
    QStringList inputs = paths;
    if (inputs.isEmpty()) {
        inputs = QFileDialog::getOpenFileNames(this, tr("Import AWS CLI describe output"), QString(),
                                               tr("Output of aws ... describe-* --output json (*.json);;All files (*)"));
        if (inputs.isEmpty())
            return nullptr;
    }
    if (!holdsNoWork())
        return inNewWindow([inputs](MainWindow* other) { return other->importAws(inputs); });
    std::vector<std::string> files;
    for (const QString& input : inputs)
        files.push_back(QFile::encodeName(input).toStdString());
    QApplication::setOverrideCursor(Qt::WaitCursor);
    TerraformImportResult result = importAwsInputs(files);
    QApplication::restoreOverrideCursor();
    const QString name = inputs.size() == 1 ? QFileInfo(inputs.front()).fileName()
                                            : tr("%n file(s)", nullptr, int(inputs.size()));
    return adoptImport(std::move(result), tr("Import AWS CLI describe output"), name);
}

ImportReportDialog* MainWindow::inNewWindow(const std::function<ImportReportDialog*(MainWindow*)>& import)
{
    auto* other = new MainWindow;
    other->setAttribute(Qt::WA_DeleteOnClose);
    other->show();
    ImportReportDialog* report = import(other);
    if (!report) {
        m_lastError = other->lastError();
        other->close();
    }
    return report;
}

ImportReportDialog* MainWindow::adoptImport(TerraformImportResult result, const QString& title, const QString& input)
{
    if (!result.design) {
        QStringList problems;
        for (const Diagnostic& d : result.report.diagnostics)
            problems << QString::fromStdString(d.format());
        m_lastError = tr("%1 cannot be imported:\n%2").arg(input, problems.join(QLatin1Char('\n')));
        statusBar()->showMessage(tr("%1 cannot be imported.").arg(input), 8000);
        auto* box = new QMessageBox(QMessageBox::Warning, title, m_lastError, QMessageBox::Ok, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
        return nullptr;
    }
    const std::size_t resources = result.design->resources().size();
    m_document->adoptUnsaved(std::move(*result.design));
    m_autoSaver->saveNow(); // recoverable from the start: it is in no file yet
    m_view->fitAll();
    statusBar()->showMessage(tr("Imported %1 as a design of %2 resources: not saved yet.").arg(input).arg(resources), 10000);
    auto* dialog = new ImportReportDialog(std::move(result.report), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ImportReportDialog::resourceActivated, this, [this](const QString& id) {
        if (!m_scene->itemFor(id.toStdString()))
            return;
        m_scene->selectIds({id});
        m_view->centreOn({id});
    });
    dialog->show();
    return dialog;
}

bool MainWindow::compareWith(const QString& path)
{
    QString file = path;
    if (file.isEmpty()) {
        const QString start = m_document->filePath().isEmpty() ? QString() : QFileInfo(m_document->filePath()).absolutePath();
        file = QFileDialog::getOpenFileName(this, tr("Compare with"), start, tr("PrivatePath designs (*.privatepath *.json)"));
        if (file.isEmpty())
            return false;
    }
    QString error;
    if (!m_compare->compareWith(file, &error)) {
        m_lastError = error;
        QMessageBox::warning(this, tr("Compare with"), tr("%1 cannot be compared:\n\n%2").arg(QFileInfo(file).fileName(), error));
        return false;
    }
    m_compareDock->show();
    m_compareDock->raise();
    statusBar()->showMessage(tr("Comparing with %1: its changes are marked on the canvas.").arg(QFileInfo(file).fileName()), 8000);
    return true;
}

} // namespace pp::ui
