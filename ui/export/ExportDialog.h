#pragma once

#include "export/Exporter.h"

#include <QDialog>
#include <QSet>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPlainTextEdit;
class QRadioButton;
class QSpinBox;
class QStackedWidget;
class QTimer;

namespace pp::ui {

class Document;

// File → Export: format and options, a live preview of exactly what will be written (the
// same renderer as `privatepath export`), and the settings remembered for next time.
//
// Saving starts in the document's folder; the extension typed decides the format. The export
// runs on a worker thread behind a progress dialog with Cancel, and one over the size limits
// (kLargeExportPixels, kLargeExportBytes) is confirmed first.
class ExportDialog : public QDialog {
    Q_OBJECT
public:
    // `selection`: ids of the selected resources; `shownFlow`: the selected flow, whose path the
    // export draws as the canvas does only when the user asks (the editor's selection and
    // highlights are not drawn otherwise).
    ExportDialog(Document& document, QSet<QString> selection, FlowId shownFlow, QWidget* parent = nullptr);

    ExportOptions options() const;
    void setOptions(const ExportOptions& options);
    // Writes the export to `path` (replacing it) and remembers the settings. Asks first when the
    // export is over the size limits, and shows progress with Cancel while it runs (the window
    // stays responsive). False with `error`, or with `error` empty when the user cancelled: then
    // nothing was written and a file already at `path` is as it was.
    bool exportTo(const QString& path, QString* error);

    // Where the file dialog starts: the document's folder; for an unsaved design the folder of
    // the last export, else the home folder.
    QString startDirectory() const;

    // How long an export runs before its progress dialog shows (default 300 ms).
    void setProgressDelay(int milliseconds) { m_progressDelay = milliseconds; }

    // Puts the export on the clipboard: PNG image and SVG for drawings, text for JSON. Like
    // exportTo(), asks first for a large image and runs with progress and Cancel.
    bool copyToClipboard(QString* error);

    // The file the last successful export wrote (empty: none yet).
    QString writtenPath() const { return m_written; }

    static ExportOptions savedOptions();
    static void saveOptions(const ExportOptions& options);

    // For tests: the preview as shown, and the size line under it.
    QPixmap previewPixmap() const;
    QString sizeText() const;
    void refreshPreviewNow();

public slots:
    void accept() override; // asks where to write, then exports
    void reject() override;

private:
    void schedulePreview();
    void updateEnabled();
    // The file dialog; switches the format to the one the name's extension gives. Empty: cancelled.
    QString askForPath();
    // The export's size is over a limit: asks whether to go on. True: export anyway.
    bool confirmLargeExport(const ExportEstimate& estimate);
    // The selected flow when its path is asked for, else none.
    FlowId drawnFlow() const;
    // Runs one export on a worker thread behind a progress dialog with Cancel: to `path`, or
    // (path empty) into `bytes`. False with `error`, or with `error` empty when cancelled.
    bool runJob(const ExportOptions& options, const QString& path, QByteArray* bytes, QString* error);

    Document& m_document;
    QSet<QString> m_selection;
    FlowId m_shownFlow;
    QComboBox* m_format = nullptr;
    QRadioButton* m_byScale = nullptr;
    QRadioButton* m_byWidth = nullptr;
    QRadioButton* m_byHeight = nullptr;
    QDoubleSpinBox* m_scale = nullptr;
    QSpinBox* m_width = nullptr;
    QSpinBox* m_height = nullptr;
    QSpinBox* m_border = nullptr;
    QSpinBox* m_dpi = nullptr;
    QCheckBox* m_transparent = nullptr;
    QCheckBox* m_colours = nullptr;
    QCheckBox* m_publicPaths = nullptr;
    QCheckBox* m_legend = nullptr;
    QCheckBox* m_selectionOnly = nullptr;
    QCheckBox* m_embed = nullptr;
    QCheckBox* m_showFlow = nullptr;
    QStackedWidget* m_previewStack = nullptr;
    QLabel* m_preview = nullptr;
    QPlainTextEdit* m_textPreview = nullptr;
    QLabel* m_size = nullptr;
    QTimer* m_previewTimer = nullptr;
    ExportEstimate m_estimate; // of the options the preview shows
    bool m_exporting = false;  // a job runs: the preview waits (it would build a scene meanwhile)
    int m_progressDelay = 300;
    QString m_written;
};

} // namespace pp::ui
