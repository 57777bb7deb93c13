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

// One export to a file on a worker thread, so the window stays responsive and the export can be
// cancelled. The job copies the design when it is made and never touches the editor's document
// again: the worker builds its own document from the copy (and analyses it), its own scene and
// paint devices, and writes with QSaveFile. A cancelled or failed job leaves no file behind, and
// an existing file at the target as it was.
//
// Why this is safe with Qt: the scene and its items, the document copy, the QImage/QPdfWriter/SVG
// device and the SVG renderers of the icons are all created, used and destroyed on the worker
// thread; none is a QPixmap or a widget, and none is shared with the GUI thread.
class ExportJob : public QObject {
    Q_OBJECT
public:
    ExportJob(const Document& document, const ExportOptions& options, QSet<QString> selection, FlowId shownFlow,
              QString path, QObject* parent = nullptr);
    // Cancels and waits for the worker.
    ~ExportJob() override;

    void start();
    // Asks the worker to stop at its next band or block; finished() follows once it has stopped.
    void cancel();
    bool isRunning() const;
    bool isCancelled() const { return m_cancel.load(); }

    // After finished(): written, cancelled (nothing written), or failed with error().
    bool succeeded() const { return m_succeeded; }
    QString error() const { return m_error; }

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
    std::unique_ptr<QThread> m_thread;
};

} // namespace pp::ui
