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
class ExportDialog : public QDialog {
    Q_OBJECT
public:
    // `selection`: ids of the selected resources; `shownFlow`: the selected flow, whose path the
    // export can draw as the canvas does.
    ExportDialog(Document& document, QSet<QString> selection, FlowId shownFlow, QWidget* parent = nullptr);

    ExportOptions options() const;
    void setOptions(const ExportOptions& options);
    // Writes the export to `path` (replacing it) and remembers the settings; false with `error`.
    bool exportTo(const QString& path, QString* error);

    // Puts the export on the clipboard: PNG image and SVG for drawings, text for JSON.
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

private:
    void schedulePreview();
    void updateEnabled();

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
    QStackedWidget* m_previewStack = nullptr;
    QLabel* m_preview = nullptr;
    QPlainTextEdit* m_textPreview = nullptr;
    QLabel* m_size = nullptr;
    QTimer* m_previewTimer = nullptr;
    QString m_written;
};

} // namespace pp::ui
