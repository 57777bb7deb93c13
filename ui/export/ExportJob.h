#pragma once

#include "export/Exporter.h"

#include <QObject>
#include <QSet>
#include <QString>
#include <atomic>
#include <memory>

class QThread;

namespace pp::ui {

class Document;

// One export on a worker thread, to a file (or kept in memory, for the clipboard), so the window
// stays responsive and the export can be cancelled. The job copies the design when it is made and never
// touches the editor's document again: the worker builds its own document from the copy (and analyses it),
// its own scene and paint devices, and writes with writeExportFile. A cancelled or failed job leaves no file
// behind, and an existing file at the target as it was.
//
// Why this is safe with Qt: the scene and its items, the document copy, the QImage/QPdfWriter/SVG
// device and the SVG renderers of the icons are all created, used and destroyed on the worker
// thread; none is a QPixmap or a widget, and none is shared with the GUI thread. One piece of Qt
// is shared: every QGraphicsScene adds itself to (and removes itself from) a list that
// QApplication keeps, without a lock. The GUI thread must therefore not create or destroy a scene
// while a job runs; the export dialog, which is modal, holds its preview until the job ends.
class ExportJob : public QObject {
    Q_OBJECT
public:
    // `path` empty: the export is kept in memory (bytes()), not written.
    ExportJob(const Document& document, const ExportOptions& options, QSet<QString> selection,
              FlowId shownFlow, QString path, QObject* parent = nullptr);
    // Cancels and waits for the worker.
    ~ExportJob() override;

    void start();
    // Asks the worker to stop after the item it is drawing or the block it is writing;
    // finished() follows once it has stopped.
    void cancel();

    // After finished(): written, cancelled (nothing written), or failed with error().
    bool succeeded() const { return m_succeeded; }
    QString error() const { return m_error; }
    // After finished(), for a job without a path: the export.
    QByteArray bytes() const { return m_bytes; }

signals:
    // `permille` of the export is done; `stage` is what it is doing now.
    void progressed(int permille, pp::ui::ExportStage stage);
    void finished();

private:
    class Monitor;
    void run(); // on the worker thread

    Design m_design;
    QString m_filePath; // the document's file (the title of SVG and PDF exports)
    ExportOptions m_options;
    QSet<QString> m_selection;
    FlowId m_shownFlow;
    QString m_path;
    std::atomic<bool> m_cancel{false};
    std::atomic<int> m_permille{-1};
    bool m_succeeded = false; // written by the worker, read after finished()
    QString m_error;
    QByteArray m_bytes;
    std::unique_ptr<QThread> m_thread;
};

} // namespace pp::ui
