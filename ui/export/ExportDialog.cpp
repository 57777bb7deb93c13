#include "export/ExportDialog.h"

#include "document/Document.h"
#include "export/ExportJob.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QEventLoop>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QImage>
#include <QLabel>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QProgressDialog>
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
        return QObject::tr("Analysis report (*.report.json *.json)");
    case ExportFormat::Drawio:
        return QObject::tr("draw.io diagram (*.drawio)");
    }
    return {};
}

constexpr ExportFormat kFormats[] = {ExportFormat::Png,  ExportFormat::Svg,    ExportFormat::Pdf,
                                     ExportFormat::Drawio, ExportFormat::Json, ExportFormat::Report};

ExportFormat formatOfFilter(const QString& filter, ExportFormat otherwise)
{
    for (ExportFormat format : kFormats)
        if (filterOf(format) == filter)
            return format;
    return otherwise;
}

QString stageText(ExportStage stage)
{
    switch (stage) {
    case ExportStage::Preparing:
        return QObject::tr("Preparing the drawing…");
    case ExportStage::Drawing:
        return QObject::tr("Drawing…");
    case ExportStage::Encoding:
        return QObject::tr("Compressing…");
    case ExportStage::Writing:
        return QObject::tr("Writing the file…");
    }
    return {};
}

} // namespace

ExportDialog::ExportDialog(Document& document, QSet<QString> selection, FlowId shownFlow, QWidget* parent)
    : QDialog(parent), m_document(document), m_selection(std::move(selection)), m_shownFlow(std::move(shownFlow))
{
    setWindowTitle(tr("Export"));
    setObjectName(QStringLiteral("exportDialog"));
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
    m_format->addItem(tr("draw.io diagram"), int(ExportFormat::Drawio));
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
    // The editor's selection and highlights stay out of exports unless asked for here.
    m_showFlow = new QCheckBox(tr("Draw the selected flow's &path"), contentBox);
    m_showFlow->setObjectName(QStringLiteral("showFlow"));
    m_showFlow->setEnabled(!m_shownFlow.empty());
    if (m_shownFlow.empty())
        m_showFlow->setToolTip(tr("Select a flow on the canvas first."));
    for (QCheckBox* box :
         {m_colours, m_publicPaths, m_legend, m_transparent, m_selectionOnly, m_embed, m_showFlow})
        content->addWidget(box);
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
    for (QCheckBox* box :
         {m_colours, m_publicPaths, m_legend, m_transparent, m_selectionOnly, m_embed, m_showFlow})
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
    // draw.io gets the shapes in the design's units: no size, border, background or legend.
    const bool shapes = drawing || o.format == ExportFormat::Drawio;
    for (QWidget* w : std::initializer_list<QWidget*>{m_byScale, m_byWidth, m_byHeight, m_border, m_transparent, m_legend})
        w->setEnabled(drawing);
    for (QWidget* w : std::initializer_list<QWidget*>{m_colours, m_publicPaths})
        w->setEnabled(shapes);
    m_selectionOnly->setEnabled(shapes && !m_selection.isEmpty());
    m_showFlow->setEnabled(shapes && !m_shownFlow.empty());
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
    if (m_exporting) {
        // Not while a job builds its own scene: the preview would build one on this thread.
        m_previewTimer->start();
        return;
    }
    const ExportOptions o = options();
    if (o.format == ExportFormat::Json || o.format == ExportFormat::Report) {
        PreparedExport prepared(m_document, o);
        m_estimate = prepared.estimate();
        const QString text = QString::fromUtf8(prepared.render().bytes);
        m_textPreview->setPlainText(text.left(200000));
        m_previewStack->setCurrentWidget(m_textPreview);
        m_size->setText(tr("%n line(s)", nullptr, int(text.count(QLatin1Char('\n')))));
        return;
    }
    m_previewStack->setCurrentWidget(m_preview);
    const ExportPreview preview = renderPreview(m_document, o, m_selection, drawnFlow(), kPreviewBox);
    m_estimate = preview.estimate;
    const QSize full = preview.fullSize;
    if (full.isEmpty()) {
        // A draw.io file has no size limit, only its thumbnail has.
        const QString why = preview.error.isEmpty() && o.format == ExportFormat::Drawio
                                ? tr("No preview: the diagram is too large to draw here. The draw.io file is written all the same.")
                                : preview.error;
        m_preview->setPixmap({});
        m_preview->setText(why);
        m_size->setText(why);
        return;
    }
    m_preview->setPixmap(QPixmap::fromImage(preview.image));
    if (o.format == ExportFormat::Drawio) {
        m_size->setText(tr("%1 × %2 diagram units, about %3 MB")
                            .arg(full.width())
                            .arg(full.height())
                            .arg(double(m_estimate.bytes) / 1e6, 0, 'f', 1));
        return;
    }
    QString line = tr("%1 × %2 px").arg(full.width()).arg(full.height());
    if (o.format == ExportFormat::Pdf)
        line += tr(" (%1 × %2 mm)").arg(full.width() * 25.4 / 96, 0, 'f', 0).arg(full.height() * 25.4 / 96, 0, 'f', 0);
    else if (o.format == ExportFormat::Png)
        line += tr(" at %1 dpi").arg(o.dpi);
    if (m_estimate.isLarge())
        line += tr(" — large: about %1 MB").arg(std::llround(double(m_estimate.bytes) / 1e6));
    m_size->setText(line);
}

QPixmap ExportDialog::previewPixmap() const { return m_preview->pixmap(); }
QString ExportDialog::sizeText() const { return m_size->text(); }

FlowId ExportDialog::drawnFlow() const
{
    return m_showFlow->isChecked() ? m_shownFlow : FlowId();
}

QString ExportDialog::startDirectory() const
{
    if (const QString file = m_document.filePath(); !file.isEmpty())
        return QFileInfo(file).absolutePath();
    return QSettings().value(QStringLiteral("export/directory"), QDir::homePath()).toString();
}

bool ExportDialog::confirmLargeExport(const ExportEstimate& estimate)
{
    QMessageBox box(
        QMessageBox::Warning, tr("Large export"),
        tr("This export will be %1, %2.").arg(exportSizeText(estimate), exportLimitText(estimate)),
        QMessageBox::NoButton, this);
    box.setObjectName(QStringLiteral("exportSizeWarning"));
    box.setInformativeText(
        estimate.overPixelLimit()
            ? tr("Drawing and compressing it takes a long time and a lot of memory, and many "
                 "programs cannot open an image this large. A smaller scale or an SVG or PDF "
                 "export stays sharp at any zoom.")
            : tr("Writing it takes a long time, and many programs cannot open a file this large."));
    QPushButton* anyway = box.addButton(tr("&Export Anyway"), QMessageBox::AcceptRole);
    anyway->setObjectName(QStringLiteral("exportAnyway"));
    QPushButton* cancel = box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(cancel);
    box.setEscapeButton(cancel);
    box.exec();
    return box.clickedButton() == anyway;
}

bool ExportDialog::exportTo(const QString& path, QString* error)
{
    if (error)
        error->clear();
    if (m_exporting)
        return false;
    // The size check reads the preview's estimate: it must describe the options as they are.
    if (m_previewTimer->isActive())
        refreshPreviewNow();
    const ExportOptions o = options();
    if (m_estimate.isLarge() && !confirmLargeExport(m_estimate))
        return false;
    if (!runJob(o, path, nullptr, error))
        return false;
    saveOptions(o);
    QSettings().setValue(QStringLiteral("export/directory"), QFileInfo(path).absolutePath());
    m_written = path;
    return true;
}

bool ExportDialog::runJob(const ExportOptions& options, const QString& path, QByteArray* bytes,
                          QString* error)
{
    m_exporting = true;
    ExportJob job(m_document, options, m_selection, drawnFlow(), path);
    QProgressDialog progress(stageText(ExportStage::Preparing), tr("Cancel"), 0, 1000, this);
    progress.setObjectName(QStringLiteral("exportProgress"));
    progress.setWindowTitle(path.isEmpty() ? tr("Copying")
                                           : tr("Exporting %1").arg(QFileInfo(path).fileName()));
    progress.setWindowModality(Qt::WindowModal);
    progress.setAutoClose(false);
    progress.setAutoReset(false);
    progress.setMinimumDuration(m_progressDelay);
    progress.setMinimumWidth(360);
    progress.setValue(0); // starts the delay after which it shows
    QEventLoop loop;
    connect(&job, &ExportJob::progressed, &progress, [&progress](int permille, ExportStage stage) {
        if (progress.wasCanceled())
            return;
        progress.setLabelText(stageText(stage));
        progress.setValue(std::min(permille, 999)); // the end is finished(), not the last block
    });
    bool busy = false;
    connect(&progress, &QProgressDialog::canceled, &job, [&] {
        // The worker stops after the item it is drawing, or the block it is writing; only while it
        // builds the drawing can it not stop (about a second for 10,000 resources): the dialog
        // waits for it, with a busy cursor.
        job.cancel();
        QApplication::setOverrideCursor(Qt::BusyCursor);
        busy = true;
    });
    connect(&job, &ExportJob::finished, &loop, &QEventLoop::quit);
    job.start();
    loop.exec();
    if (busy)
        QApplication::restoreOverrideCursor();
    progress.hide();
    m_exporting = false;
    if (!job.succeeded()) {
        if (error)
            *error = job.error(); // empty: cancelled, nothing written
        return false;
    }
    if (bytes)
        *bytes = job.bytes();
    return true;
}

bool ExportDialog::copyToClipboard(QString* error)
{
    // An image for every application, plus the SVG for those that take vectors, plus the design
    // or report as text for the JSON formats.
    if (error)
        error->clear();
    if (m_exporting)
        return false;
    if (m_previewTimer->isActive())
        refreshPreviewNow();
    const ExportOptions o = options();
    auto mime = std::make_unique<QMimeData>();
    if (o.format == ExportFormat::Json || o.format == ExportFormat::Report || o.format == ExportFormat::Drawio) {
        // draw.io takes its XML pasted as text.
        const ExportResult r = renderExport(m_document, o, m_selection, drawnFlow());
        mime->setText(QString::fromUtf8(r.bytes));
    } else {
        // Every drawing format has the same pixel size: the preview's gives the image's.
        const ExportEstimate image = pngEstimate(m_estimate.pixelSize);
        if (image.isLarge() && !confirmLargeExport(image))
            return false;
        ExportOptions png = o;
        png.format = ExportFormat::Png;
        ExportOptions svg = o;
        svg.format = ExportFormat::Svg;
        QByteArray pngBytes, svgBytes;
        if (!runJob(png, {}, &pngBytes, error) || !runJob(svg, {}, &svgBytes, error))
            return false;
        mime->setImageData(QImage::fromData(pngBytes, "PNG"));
        mime->setData(QStringLiteral("image/png"), pngBytes);
        mime->setData(QStringLiteral("image/svg+xml"), svgBytes);
    }
    QGuiApplication::clipboard()->setMimeData(mime.release());
    saveOptions(o);
    return true;
}

QString ExportDialog::askForPath()
{
    const ExportFormat current = options().format;
    const QString base = m_document.filePath().isEmpty() ? tr("design") : QFileInfo(m_document.filePath()).completeBaseName();
    QFileDialog files(this, tr("Export"), startDirectory());
    files.setObjectName(QStringLiteral("exportFileDialog"));
    files.setAcceptMode(QFileDialog::AcceptSave);
    QStringList filters;
    for (ExportFormat format : kFormats)
        filters << filterOf(format);
    files.setNameFilters(filters);
    files.selectNameFilter(filterOf(current));
    files.setDefaultSuffix(exportExtension(current));
    connect(&files, &QFileDialog::filterSelected, &files, [&files, current](const QString& filter) {
        files.setDefaultSuffix(exportExtension(formatOfFilter(filter, current)));
    });
    files.selectFile(base + QLatin1Char('.') + exportExtension(current));
    // The file dialog asks before replacing the file it returns.
    if (files.exec() != QDialog::Accepted || files.selectedFiles().isEmpty())
        return {};
    const QString chosen = files.selectedFiles().constFirst();
    const ExportTarget target = exportTargetFor(chosen, formatOfFilter(files.selectedNameFilter(), current));
    if (target.path != chosen && QFileInfo::exists(target.path)) {
        const auto answer = QMessageBox::question(
            this, tr("Export"), tr("%1 already exists. Replace it?").arg(QFileInfo(target.path).fileName()),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
        if (answer != QMessageBox::Yes)
            return {};
    }
    if (target.format != current) {
        // The name decides: the dialog shows (and remembers) the format that will be written.
        m_format->setCurrentIndex(m_format->findData(int(target.format)));
        refreshPreviewNow();
    }
    return target.path;
}

void ExportDialog::reject()
{
    if (!m_exporting) // a running export is cancelled in its progress dialog
        QDialog::reject();
}

void ExportDialog::accept()
{
    if (m_exporting)
        return;
    const QString path = askForPath();
    if (path.isEmpty())
        return;
    QString error;
    if (!exportTo(path, &error)) {
        if (!error.isEmpty())
            QMessageBox::warning(this, tr("Export failed"), error);
        return;
    }
    QDialog::accept();
}

} // namespace pp::ui
