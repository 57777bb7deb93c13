#include "export/ExportDialog.h"

#include "document/Document.h"

#include <QCheckBox>
#include <QClipboard>
#include <QGuiApplication>
#include <QMimeData>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QImage>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace pp::ui {

namespace {

constexpr QSize kPreviewBox(560, 380);

QString extensionOf(ExportFormat format)
{
    switch (format) {
    case ExportFormat::Json:
        return QStringLiteral("privatepath");
    case ExportFormat::Report:
        return QStringLiteral("report.json");
    default:
        return exportFormatName(format);
    }
}

QString filterOf(ExportFormat format)
{
    switch (format) {
    case ExportFormat::Png:
        return QObject::tr("PNG image (*.png)");
    case ExportFormat::Svg:
        return QObject::tr("SVG drawing (*.svg)");
    case ExportFormat::Pdf:
        return QObject::tr("PDF document (*.pdf)");
    case ExportFormat::Json:
        return QObject::tr("PrivatePath design (*.privatepath *.json)");
    case ExportFormat::Report:
        return QObject::tr("Analysis report (*.json)");
    }
    return {};
}

} // namespace

ExportDialog::ExportDialog(Document& document, QSet<QString> selection, FlowId shownFlow, QWidget* parent)
    : QDialog(parent), m_document(document), m_selection(std::move(selection)), m_shownFlow(std::move(shownFlow))
{
    setWindowTitle(tr("Export"));
    auto* layout = new QHBoxLayout(this);
    auto* left = new QVBoxLayout;
    layout->addLayout(left);

    auto* form = new QFormLayout;
    left->addLayout(form);
    m_format = new QComboBox(this);
    m_format->setObjectName(QStringLiteral("format"));
    m_format->addItem(tr("PNG image"), int(ExportFormat::Png));
    m_format->addItem(tr("SVG drawing"), int(ExportFormat::Svg));
    m_format->addItem(tr("PDF document"), int(ExportFormat::Pdf));
    m_format->addItem(tr("Design file (JSON)"), int(ExportFormat::Json));
    m_format->addItem(tr("Analysis report (JSON)"), int(ExportFormat::Report));
    form->addRow(tr("&Format:"), m_format);

    auto* sizeBox = new QGroupBox(tr("Size"), this);
    auto* sizeForm = new QFormLayout(sizeBox);
    m_byScale = new QRadioButton(tr("&Scale"), sizeBox);
    m_scale = new QDoubleSpinBox(sizeBox);
    m_scale->setRange(0.1, 10);
    m_scale->setSingleStep(0.25);
    m_scale->setSuffix(QStringLiteral(" ×"));
    m_byWidth = new QRadioButton(tr("&Width"), sizeBox);
    m_width = new QSpinBox(sizeBox);
    m_width->setRange(50, kMaxImageSide);
    m_width->setSuffix(tr(" px"));
    m_byHeight = new QRadioButton(tr("&Height"), sizeBox);
    m_height = new QSpinBox(sizeBox);
    m_height->setRange(50, kMaxImageSide);
    m_height->setSuffix(tr(" px"));
    sizeForm->addRow(m_byScale, m_scale);
    sizeForm->addRow(m_byWidth, m_width);
    sizeForm->addRow(m_byHeight, m_height);
    m_border = new QSpinBox(sizeBox);
    m_border->setRange(0, 500);
    m_border->setSuffix(tr(" px"));
    sizeForm->addRow(tr("&Border:"), m_border);
    m_dpi = new QSpinBox(sizeBox);
    m_dpi->setRange(24, 1200);
    m_dpi->setSuffix(tr(" dpi"));
    m_dpi->setToolTip(tr("The resolution written into the PNG file (print size); it does not change the pixels."));
    sizeForm->addRow(tr("&Resolution:"), m_dpi);
    left->addWidget(sizeBox);

    auto* contentBox = new QGroupBox(tr("Content"), this);
    auto* content = new QVBoxLayout(contentBox);
    m_colours = new QCheckBox(tr("&Verdict colours on flows"), contentBox);
    m_publicPaths = new QCheckBox(tr("Highlight every &public path"), contentBox);
    m_legend = new QCheckBox(tr("&Legend"), contentBox);
    m_transparent = new QCheckBox(tr("&Transparent background"), contentBox);
    m_selectionOnly = new QCheckBox(tr("Selected resources &only"), contentBox);
    m_selectionOnly->setEnabled(!m_selection.isEmpty());
    if (m_selection.isEmpty())
        m_selectionOnly->setToolTip(tr("Select resources on the canvas first."));
    m_embed = new QCheckBox(tr("&Embed the design (the PNG can be opened again)"), contentBox);
    for (QCheckBox* box : {m_colours, m_publicPaths, m_legend, m_transparent, m_selectionOnly, m_embed})
        content->addWidget(box);
    if (!m_shownFlow.empty())
        content->addWidget(new QLabel(tr("The selected flow's path is drawn."), contentBox));
    left->addWidget(contentBox);
    left->addStretch();

    auto* right = new QVBoxLayout;
    layout->addLayout(right, 1);
    m_previewStack = new QStackedWidget(this);
    m_preview = new QLabel(this);
    m_preview->setObjectName(QStringLiteral("preview"));
    m_preview->setAlignment(Qt::AlignCenter);
    m_preview->setMinimumSize(kPreviewBox);
    m_preview->setStyleSheet(QStringLiteral("QLabel { background: qlineargradient(x1:0, y1:0, x2:1, y2:1, stop:0 #d0d0d0, stop:1 #e8e8e8); }"));
    m_textPreview = new QPlainTextEdit(this);
    m_textPreview->setReadOnly(true);
    m_textPreview->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_previewStack->addWidget(m_preview);
    m_previewStack->addWidget(m_textPreview);
    right->addWidget(m_previewStack, 1);
    m_size = new QLabel(this);
    m_size->setObjectName(QStringLiteral("size"));
    right->addWidget(m_size);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    QPushButton* copyButton = buttons->addButton(tr("&Copy"), QDialogButtonBox::ActionRole);
    copyButton->setObjectName(QStringLiteral("copy"));
    copyButton->setToolTip(tr("Put the export on the clipboard, to paste into a document or a slide"));
    connect(copyButton, &QPushButton::clicked, this, [this] {
        QString error;
        if (!copyToClipboard(&error))
            QMessageBox::warning(this, tr("Copy failed"), error);
    });
    QPushButton* exportButton = buttons->addButton(tr("&Export…"), QDialogButtonBox::AcceptRole);
    exportButton->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &ExportDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    right->addWidget(buttons);

    m_previewTimer = new QTimer(this);
    m_previewTimer->setSingleShot(true);
    m_previewTimer->setInterval(120);
    connect(m_previewTimer, &QTimer::timeout, this, &ExportDialog::refreshPreviewNow);

    setOptions(savedOptions());

    connect(m_format, &QComboBox::currentIndexChanged, this, &ExportDialog::schedulePreview);
    for (QRadioButton* radio : {m_byScale, m_byWidth, m_byHeight})
        connect(radio, &QRadioButton::toggled, this, &ExportDialog::schedulePreview);
    connect(m_scale, &QDoubleSpinBox::valueChanged, this, &ExportDialog::schedulePreview);
    for (QSpinBox* spin : {m_width, m_height, m_border, m_dpi})
        connect(spin, &QSpinBox::valueChanged, this, &ExportDialog::schedulePreview);
    for (QCheckBox* box : {m_colours, m_publicPaths, m_legend, m_transparent, m_selectionOnly, m_embed})
        connect(box, &QCheckBox::toggled, this, &ExportDialog::schedulePreview);
    refreshPreviewNow();
}

ExportOptions ExportDialog::options() const
{
    ExportOptions o;
    o.format = ExportFormat(m_format->currentData().toInt());
    o.scale = m_scale->value();
    o.width = m_byWidth->isChecked() ? m_width->value() : 0;
    o.height = m_byHeight->isChecked() ? m_height->value() : 0;
    o.border = m_border->value();
    o.dpi = m_dpi->value();
    o.transparent = m_transparent->isChecked();
    o.verdictColours = m_colours->isChecked();
    o.publicPaths = m_publicPaths->isChecked();
    o.legend = m_legend->isChecked();
    o.selectionOnly = m_selectionOnly->isChecked() && !m_selection.isEmpty();
    o.embedDesign = m_embed->isChecked();
    return o;
}

void ExportDialog::setOptions(const ExportOptions& o)
{
    m_format->setCurrentIndex(std::max(0, m_format->findData(int(o.format))));
    m_scale->setValue(o.scale);
    m_width->setValue(o.width > 0 ? o.width : 1600);
    m_height->setValue(o.height > 0 ? o.height : 1000);
    (o.width > 0 ? m_byWidth : o.height > 0 ? m_byHeight : m_byScale)->setChecked(true);
    m_border->setValue(o.border);
    m_dpi->setValue(o.dpi);
    m_transparent->setChecked(o.transparent);
    m_colours->setChecked(o.verdictColours);
    m_publicPaths->setChecked(o.publicPaths);
    m_legend->setChecked(o.legend);
    m_selectionOnly->setChecked(o.selectionOnly && !m_selection.isEmpty());
    m_embed->setChecked(o.embedDesign);
    updateEnabled();
}

ExportOptions ExportDialog::savedOptions()
{
    QSettings s;
    s.beginGroup(QStringLiteral("export"));
    ExportOptions o;
    o.format = exportFormatFromName(s.value(QStringLiteral("format"), QStringLiteral("png")).toString()).value_or(ExportFormat::Png);
    o.scale = s.value(QStringLiteral("scale"), 1.0).toDouble();
    o.width = s.value(QStringLiteral("width"), 0).toInt();
    o.height = s.value(QStringLiteral("height"), 0).toInt();
    o.border = s.value(QStringLiteral("border"), 20).toInt();
    o.dpi = s.value(QStringLiteral("dpi"), 96).toInt();
    o.transparent = s.value(QStringLiteral("transparent"), false).toBool();
    o.verdictColours = s.value(QStringLiteral("verdictColours"), true).toBool();
    o.publicPaths = s.value(QStringLiteral("publicPaths"), true).toBool();
    o.legend = s.value(QStringLiteral("legend"), true).toBool();
    o.selectionOnly = s.value(QStringLiteral("selectionOnly"), false).toBool();
    o.embedDesign = s.value(QStringLiteral("embedDesign"), true).toBool();
    return o;
}

void ExportDialog::saveOptions(const ExportOptions& o)
{
    QSettings s;
    s.beginGroup(QStringLiteral("export"));
    s.setValue(QStringLiteral("format"), exportFormatName(o.format));
    s.setValue(QStringLiteral("scale"), o.scale);
    s.setValue(QStringLiteral("width"), o.width);
    s.setValue(QStringLiteral("height"), o.height);
    s.setValue(QStringLiteral("border"), o.border);
    s.setValue(QStringLiteral("dpi"), o.dpi);
    s.setValue(QStringLiteral("transparent"), o.transparent);
    s.setValue(QStringLiteral("verdictColours"), o.verdictColours);
    s.setValue(QStringLiteral("publicPaths"), o.publicPaths);
    s.setValue(QStringLiteral("legend"), o.legend);
    s.setValue(QStringLiteral("selectionOnly"), o.selectionOnly);
    s.setValue(QStringLiteral("embedDesign"), o.embedDesign);
}

void ExportDialog::updateEnabled()
{
    const ExportOptions o = options();
    const bool drawing = o.format == ExportFormat::Png || o.format == ExportFormat::Svg || o.format == ExportFormat::Pdf;
    for (QWidget* w : std::initializer_list<QWidget*>{m_byScale, m_byWidth, m_byHeight, m_border, m_transparent, m_colours,
                                                      m_publicPaths, m_legend})
        w->setEnabled(drawing);
    m_selectionOnly->setEnabled(drawing && !m_selection.isEmpty());
    m_scale->setEnabled(drawing && m_byScale->isChecked());
    m_width->setEnabled(drawing && m_byWidth->isChecked());
    m_height->setEnabled(drawing && m_byHeight->isChecked());
    m_dpi->setEnabled(o.format == ExportFormat::Png);
    m_embed->setEnabled(o.format == ExportFormat::Png);
}

void ExportDialog::schedulePreview()
{
    updateEnabled();
    m_previewTimer->start();
}

void ExportDialog::refreshPreviewNow()
{
    m_previewTimer->stop();
    const ExportOptions o = options();
    if (o.format == ExportFormat::Json || o.format == ExportFormat::Report) {
        const ExportResult r = renderExport(m_document, o, m_selection, m_shownFlow);
        const QString text = QString::fromUtf8(r.bytes);
        m_textPreview->setPlainText(text.left(200000));
        m_previewStack->setCurrentWidget(m_textPreview);
        m_size->setText(tr("%n line(s)", nullptr, int(text.count(QLatin1Char('\n')))));
        return;
    }
    m_previewStack->setCurrentWidget(m_preview);
    const ExportPreview preview = renderPreview(m_document, o, m_selection, m_shownFlow, kPreviewBox);
    const QSize full = preview.fullSize;
    if (full.isEmpty()) {
        m_preview->setPixmap({});
        m_preview->setText(preview.error);
        m_size->setText(preview.error);
        return;
    }
    m_preview->setPixmap(QPixmap::fromImage(preview.image));
    QString line = tr("%1 × %2 px").arg(full.width()).arg(full.height());
    if (o.format == ExportFormat::Pdf)
        line += tr(" (%1 × %2 mm)").arg(full.width() * 25.4 / 96, 0, 'f', 0).arg(full.height() * 25.4 / 96, 0, 'f', 0);
    else if (o.format == ExportFormat::Png)
        line += tr(" at %1 dpi").arg(o.dpi);
    m_size->setText(line);
}

QPixmap ExportDialog::previewPixmap() const { return m_preview->pixmap(); }
QString ExportDialog::sizeText() const { return m_size->text(); }

bool ExportDialog::exportTo(const QString& path, QString* error)
{
    const ExportOptions o = options();
    const ExportResult r = renderExport(m_document, o, m_selection, m_shownFlow);
    if (!r.error.isEmpty()) {
        if (error)
            *error = r.error;
        return false;
    }
    if (!writeExportFile(path, r.bytes, true, error))
        return false;
    saveOptions(o);
    QSettings().setValue(QStringLiteral("export/directory"), QFileInfo(path).absolutePath());
    m_written = path;
    return true;
}

bool ExportDialog::copyToClipboard(QString* error)
{
    // An image for every application, plus the SVG for those that take vectors, plus the design
    // or report as text for the JSON formats.
    ExportOptions o = options();
    auto* mime = new QMimeData;
    if (o.format == ExportFormat::Json || o.format == ExportFormat::Report) {
        const ExportResult r = renderExport(m_document, o, m_selection, m_shownFlow);
        mime->setText(QString::fromUtf8(r.bytes));
    } else {
        ExportOptions image = o;
        image.format = ExportFormat::Png;
        const ExportResult png = renderExport(m_document, image, m_selection, m_shownFlow);
        if (!png.error.isEmpty()) {
            delete mime;
            if (error)
                *error = png.error;
            return false;
        }
        mime->setImageData(QImage::fromData(png.bytes, "PNG"));
        mime->setData(QStringLiteral("image/png"), png.bytes);
        ExportOptions vector = o;
        vector.format = ExportFormat::Svg;
        mime->setData(QStringLiteral("image/svg+xml"), renderExport(m_document, vector, m_selection, m_shownFlow).bytes);
    }
    QGuiApplication::clipboard()->setMimeData(mime);
    saveOptions(o);
    return true;
}

void ExportDialog::accept()
{
    const ExportOptions o = options();
    const QString directory = QSettings().value(QStringLiteral("export/directory"), QDir::homePath()).toString();
    const QString base = m_document.filePath().isEmpty() ? tr("design") : QFileInfo(m_document.filePath()).completeBaseName();
    const QString suggested = QDir(directory).filePath(base + QLatin1Char('.') + extensionOf(o.format));
    // The file dialog asks before replacing a file.
    const QString path = QFileDialog::getSaveFileName(this, tr("Export"), suggested, filterOf(o.format));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportTo(path, &error)) {
        QMessageBox::warning(this, tr("Export failed"), error);
        return;
    }
    QDialog::accept();
}

} // namespace pp::ui
