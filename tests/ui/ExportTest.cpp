// Exports rendered in process (the renderer behind File → Export and `privatepath export`) and
// the export dialog, driven through its widgets.
#include "MainWindow.h"
#include "canvas/DiagramScene.h"
#include "canvas/ResourceItem.h"
#include "canvas/Style.h"
#include "document/Document.h"
#include "export/ExportDialog.h"
#include "export/Exporter.h"
#include "generate/ScenarioGenerator.h"
#include "io/DesignFile.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFontInfo>
#include <QGuiApplication>
#include <QImage>
#include <QLineEdit>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressDialog>
#include <QRawFont>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QXmlStreamReader>
#include <functional>
#include <gtest/gtest.h>

namespace pp::ui {
namespace {

QString example(const char* name) { return QStringLiteral(PRIVATEPATH_SOURCE_DIR "/resources/examples/") + QLatin1String(name); }

QImage png(const ExportResult& r)
{
    QImage image;
    image.loadFromData(r.bytes, "PNG");
    return image;
}

// Pixels of exactly this colour (the core of lines and rings, not their antialiased edges).
int countColour(const QImage& image, QColor colour)
{
    int n = 0;
    const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
    for (int y = 0; y < rgb.height(); ++y) {
        const auto* line = reinterpret_cast<const QRgb*>(rgb.constScanLine(y));
        for (int x = 0; x < rgb.width(); ++x)
            n += (line[x] & 0xFFFFFF) == (colour.rgb() & 0xFFFFFF);
    }
    return n;
}

// Every <text> of an SVG, in document order.
QStringList svgTexts(const QByteArray& svg)
{
    QStringList texts;
    QXmlStreamReader reader(svg);
    while (!reader.atEnd())
        if (reader.readNext() == QXmlStreamReader::StartElement && reader.name() == QLatin1String("text"))
            texts << reader.readElementText();
    EXPECT_FALSE(reader.hasError()) << reader.errorString().toStdString();
    return texts;
}

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Runs `act` on the window of type W named `name` once it is shown. Dialogs are modal: the code
// that opens one waits in its exec(), and `act` runs from that event loop, as a user would.
template <typename W>
void whenShown(const QString& name, std::function<void(W*)> act, std::function<bool(W*)> ready = {})
{
    auto* timer = new QTimer;
    timer->setInterval(5);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, name, act, ready] {
        for (QWidget* window : QApplication::topLevelWidgets()) {
            auto* found = qobject_cast<W*>(window);
            if (found && found->objectName() == name && found->isVisible() && (!ready || ready(found))) {
                timer->stop();
                timer->deleteLater();
                act(found);
                return;
            }
        }
    });
    timer->start();
}

// With PRIVATEPATH_EXPORT_SCREENSHOTS set, saves what the user sees (for reviewing the dialogs).
void screenshot(QWidget* widget, const QString& name)
{
    if (qEnvironmentVariableIsSet("PRIVATEPATH_EXPORT_SCREENSHOTS"))
        widget->grab().save(QStringLiteral("/tmp/export-%1.png").arg(name));
}

class Export : public ::testing::Test {
protected:
    void SetUp() override
    {
        QString error;
        ASSERT_TRUE(document.open(example("s3-gateway-endpoint.privatepath"), &error)) << error.toStdString();
    }
    ExportResult render(ExportOptions options, const QSet<QString>& selection = {}, const FlowId& flow = {})
    {
        ExportResult r = renderExport(document, options, selection, flow);
        EXPECT_TRUE(r.error.isEmpty()) << r.error.toStdString();
        return r;
    }
    Document document;
};

TEST_F(Export, CanvasAndExportsUseTheBundledFont)
{
    EXPECT_EQ(QFontInfo(style::canvasFont()).family(), QStringLiteral("Lato"));
    ExportOptions svg;
    svg.format = ExportFormat::Svg;
    EXPECT_TRUE(render(svg).bytes.contains("font-family=\"Lato, "));
}

TEST_F(Export, BackgroundIsWhiteOrTransparent)
{
    ExportOptions options;
    const QImage white = png(render(options));
    EXPECT_EQ(white.pixel(0, 0), qRgb(255, 255, 255));
    EXPECT_FALSE(white.hasAlphaChannel());
    options.transparent = true;
    const QImage clear = png(render(options));
    ASSERT_TRUE(clear.hasAlphaChannel());
    EXPECT_EQ(qAlpha(clear.pixel(0, 0)), 0);
    EXPECT_EQ(white.size(), clear.size());

    ExportOptions svg;
    svg.format = ExportFormat::Svg;
    const QByteArray opaque = render(svg).bytes;
    svg.transparent = true;
    const QByteArray seeThrough = render(svg).bytes;
    EXPECT_TRUE(opaque.contains("fill=\"#FFFFFF\""));
    EXPECT_LT(seeThrough.size(), opaque.size()) << "no background rectangle";
}

TEST_F(Export, HighlightingCanBeSwitchedOff)
{
    // The example has a public flow (through the NAT and internet gateway): in the public colour
    // with highlighting, nowhere without.
    const QColor publicColour = style::verdictColor(Verdict::Public);
    ExportOptions options;
    EXPECT_GT(countColour(png(render(options)), publicColour), 200);
    options.verdictColours = false;
    options.publicPaths = false;
    EXPECT_EQ(countColour(png(render(options)), publicColour), 0);
    // Public paths alone (flows neutral): the rings still show where the path leaves.
    options.publicPaths = true;
    EXPECT_GT(countColour(png(render(options)), publicColour), 50);
}

TEST_F(Export, LegendExplainsTheColours)
{
    ExportOptions options;
    options.format = ExportFormat::Svg;
    const ExportResult without = render(options);
    options.legend = true;
    const ExportResult with = render(options);
    EXPECT_GT(with.pixelSize.height(), without.pixelSize.height());
    const QStringList texts = svgTexts(with.bytes);
    EXPECT_TRUE(texts.contains(QStringLiteral("Flow stays private")));
    EXPECT_TRUE(texts.contains(QStringLiteral("Flow leaves the private network (public)")));
    EXPECT_FALSE(svgTexts(without.bytes).contains(QStringLiteral("Flow stays private")));
}

TEST_F(Export, SelectionOnlyDrawsTheSelectedResourcesAndTheirContents)
{
    ExportOptions options;
    options.format = ExportFormat::Svg;
    const ExportResult whole = render(options);
    options.selectionOnly = true;
    const ExportResult part = render(options, {QStringLiteral("app-b")});
    EXPECT_LT(part.pixelSize.width(), whole.pixelSize.width() / 2);
    const QStringList texts = svgTexts(part.bytes);
    EXPECT_TRUE(texts.contains(QStringLiteral("App subnet (S3 endpoint)")));
    EXPECT_TRUE(texts.contains(QStringLiteral("App server (via endpoint)"))) << "its contents come along";
    EXPECT_FALSE(texts.contains(QStringLiteral("Amazon S3")));
    EXPECT_FALSE(texts.contains(QStringLiteral("VPC-A"))) << "not the containers around it";
}

TEST_F(Export, SvgIsPlainAndSelfContained)
{
    ExportOptions options;
    options.format = ExportFormat::Svg;
    const QByteArray svg = render(options).bytes;
    QXmlStreamReader reader(svg);
    QSet<QString> symbols, used;
    int uses = 0;
    while (!reader.atEnd()) {
        if (reader.readNext() != QXmlStreamReader::StartElement)
            continue;
        if (reader.name() == QLatin1String("svg")) {
            EXPECT_EQ(reader.attributes().value(QLatin1String("version")), QLatin1String("1.1"));
        }
        // Icons are <symbol>s; the letters' outlines, <path>s (each glyph once).
        if (reader.name() == QLatin1String("symbol") ||
            (reader.name() == QLatin1String("path") && reader.attributes().hasAttribute(QLatin1String("id"))))
            symbols << reader.attributes().value(QLatin1String("id")).toString();
        if (reader.name() == QLatin1String("use")) {
            ++uses;
            used << reader.attributes().value(QLatin1String("http://www.w3.org/1999/xlink"), QLatin1String("href")).toString().mid(1);
        }
        EXPECT_NE(reader.name(), QLatin1String("script"));
        EXPECT_NE(reader.name(), QLatin1String("foreignObject")) << "no HTML labels";
    }
    ASSERT_FALSE(reader.hasError()) << reader.errorString().toStdString();
    EXPECT_EQ(used, symbols) << "each icon defined once, and only those used";
    EXPECT_GT(uses, symbols.size()) << "icons are reused";
    EXPECT_TRUE(svgTexts(svg).contains(QStringLiteral("App server (via NAT)")));
}

TEST_F(Export, SvgCarriesTheBundledFontCutToTheCharactersUsed)
{
    ExportOptions options;
    options.format = ExportFormat::Svg;
    const QByteArray svg = render(options).bytes;
    QString css;
    QXmlStreamReader reader(svg);
    while (!reader.atEnd())
        if (reader.readNext() == QXmlStreamReader::StartElement && reader.name() == QLatin1String("style"))
            css += reader.readElementText();
    // One @font-face a face drawn (names regular, titles bold), the font file itself as data:
    // viewers draw the canvas's font instead of substituting their own.
    static const QRegularExpression face(QStringLiteral(
        R"(@font-face \{ font-family: 'Lato'; font-weight: (normal|bold);[^}]*url\(data:font/ttf;base64,([A-Za-z0-9+/=]+)\))"));
    QStringList weights;
    for (auto it = face.globalMatch(css); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        weights << m.captured(1);
        const QByteArray font = QByteArray::fromBase64(m.captured(2).toLatin1());
        EXPECT_LT(font.size(), 40'000) << "a subset, not the whole 660 kB face";
        const QRawFont raw(font, 12);
        ASSERT_TRUE(raw.isValid());
        for (QChar c : QStringLiteral("Ap3"))
            EXPECT_TRUE(raw.supportsCharacter(c)) << "drawn, so embedded: " << QString(c).toStdString();
        EXPECT_FALSE(raw.supportsCharacter(QChar(0x0416))) << "never drawn, so left out";
    }
    EXPECT_EQ(weights, (QStringList{QStringLiteral("normal"), QStringLiteral("bold")})) << css.left(200).toStdString();
}

TEST_F(Export, SvgScalesToWhereItIsShown)
{
    ExportOptions options;
    options.format = ExportFormat::Svg;
    const ExportResult r = render(options);
    QXmlStreamReader reader(r.bytes);
    while (!reader.atEnd() && !(reader.readNext() == QXmlStreamReader::StartElement))
        ;
    ASSERT_EQ(reader.name(), QLatin1String("svg"));
    const QXmlStreamAttributes root = reader.attributes();
    const QString w = QString::number(r.pixelSize.width()), h = QString::number(r.pixelSize.height());
    EXPECT_EQ(root.value(QLatin1String("viewBox")), QStringLiteral("0 0 %1 %2").arg(w, h));
    EXPECT_EQ(root.value(QLatin1String("width")), w);
    EXPECT_EQ(root.value(QLatin1String("height")), h);
}

TEST_F(Export, SvgLabelsNeverOverlapAndShortenedOnesKeepTheirFullText)
{
    ExportOptions options;
    options.format = ExportFormat::Svg;
    const QByteArray svg = render(options).bytes;
    struct Label {
        QString text;
        QRectF box;
    };
    std::vector<Label> labels;
    QStringList titles;
    QXmlStreamReader reader(svg);
    while (!reader.atEnd()) {
        if (reader.readNext() != QXmlStreamReader::StartElement)
            continue;
        const QXmlStreamAttributes a = reader.attributes();
        if (reader.name() == QLatin1String("title")) {
            titles << reader.readElementText();
        } else if (reader.name() == QLatin1String("text")) {
            const double x = a.value(QLatin1String("x")).toDouble(), y = a.value(QLatin1String("y")).toDouble();
            const double size = a.value(QLatin1String("font-size")).toDouble();
            const double width = a.value(QLatin1String("textLength")).toDouble();
            labels.push_back({reader.readElementText(), QRectF(x, y - 0.75 * size, width, 0.95 * size)});
        }
    }
    for (const Label& a : labels)
        for (const Label& b : labels)
            EXPECT_TRUE(&a == &b || !a.box.intersects(b.box))
                << a.text.toStdString() << " overlaps " << b.text.toStdString();
    // The S3 example's long route table name wraps beside "App servers" instead of running into
    // it, every word shown, and the whole name is the tile's tooltip.
    QStringList texts;
    for (const Label& l : labels)
        texts << l.text;
    EXPECT_TRUE(texts.contains(QStringLiteral("App routes: NAT + S3"))) << texts.join(QLatin1Char('|')).toStdString();
    EXPECT_TRUE(texts.contains(QStringLiteral("endpoint")));
    EXPECT_TRUE(titles.contains(QStringLiteral("App routes: NAT + S3 endpoint"))) << titles.join(QLatin1Char('|')).toStdString();
}

TEST_F(Export, PngDrawnBandByBandIsTheSamePicture)
{
    for (bool transparent : {false, true}) {
        SCOPED_TRACE(transparent ? "transparent" : "opaque");
        ExportOptions options;
        options.legend = true;
        options.scale = 1.5;
        options.transparent = transparent;
        PreparedExport whole(document, options);
        whole.setBandRows(1 << 20);
        PreparedExport bands(document, options);
        bands.setBandRows(37); // bands end inside tiles, labels, flows and the legend
        const QImage a = png(whole.render()), b = png(bands.render());
        ASSERT_FALSE(a.isNull());
        ASSERT_EQ(a.size(), b.size());
        EXPECT_EQ(a.hasAlphaChannel(), transparent);
        int different = 0;
        for (int y = 0; y < a.height(); ++y)
            for (int x = 0; x < a.width(); ++x)
                different += a.pixel(x, y) != b.pixel(x, y);
        EXPECT_EQ(different, 0);
    }
}

TEST_F(Export, SelectedFlowPathIsDrawn)
{
    ExportOptions options;
    options.publicPaths = false;
    options.verdictColours = false;
    // The private flow's path, ringed in the private colour (which VPC frames also use).
    const QColor privateColour = style::verdictColor(Verdict::Private);
    const int plain = countColour(png(render(options)), privateColour);
    EXPECT_GT(countColour(png(render(options, {}, FlowId("flow-s3-via-endpoint"))), privateColour), plain + 300);
}

TEST_F(Export, PngCarriesTheDesignAndReopensInTheEditor)
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("design.png"));
    ExportOptions options;
    ASSERT_TRUE(writeExportFile(file, render(options).bytes, false, nullptr));
    Document reopened;
    QString error;
    ASSERT_TRUE(reopened.open(file, &error)) << error.toStdString();
    EXPECT_EQ(saveDesignToString(reopened.design()), saveDesignToString(document.design()));
    EXPECT_TRUE(reopened.filePath().isEmpty()) << "saving must not write JSON over the image";

    options.embedDesign = false;
    const QString plain = dir.filePath(QStringLiteral("plain.png"));
    ASSERT_TRUE(writeExportFile(plain, render(options).bytes, false, nullptr));
    EXPECT_FALSE(reopened.open(plain, &error));
    EXPECT_TRUE(error.contains(QStringLiteral("does not contain a PrivatePath design"))) << error.toStdString();
    EXPECT_EQ(saveDesignToString(reopened.design()), saveDesignToString(document.design())) << "nothing changed";
}

TEST_F(Export, ImpossibleSizesAreRefusedWithAReason)
{
    ExportOptions options;
    options.scale = 200;
    ExportResult r = renderExport(document, options);
    EXPECT_TRUE(r.bytes.isEmpty());
    EXPECT_TRUE(r.error.contains(QStringLiteral("largest side"))) << r.error.toStdString();
    options.scale = 1;
    options.width = 30;
    options.border = 20;
    r = renderExport(document, options);
    EXPECT_TRUE(r.error.contains(QStringLiteral("border"))) << r.error.toStdString();
}

TEST(ExportTarget, TheExtensionDecidesTheFormat)
{
    auto target = [](const char* path, ExportFormat chosen) {
        return exportTargetFor(QString::fromLatin1(path), chosen);
    };
    EXPECT_EQ(target("/d/diagram.svg", ExportFormat::Png).format, ExportFormat::Svg);
    EXPECT_EQ(target("/d/diagram.svg", ExportFormat::Png).path, QStringLiteral("/d/diagram.svg"));
    EXPECT_EQ(target("/d/diagram.PDF", ExportFormat::Png).format, ExportFormat::Pdf);
    EXPECT_EQ(target("/d/diagram.png", ExportFormat::Svg).format, ExportFormat::Png);
    EXPECT_EQ(target("/d/copy.privatepath", ExportFormat::Png).format, ExportFormat::Json);
    EXPECT_EQ(target("/d/copy.json", ExportFormat::Png).format, ExportFormat::Json);
    EXPECT_EQ(target("/d/copy.json", ExportFormat::Report).format, ExportFormat::Report);
    EXPECT_EQ(target("/d/design.report.json", ExportFormat::Png).format, ExportFormat::Report);
    // No known extension: the chosen format's is appended.
    EXPECT_EQ(target("/d/diagram", ExportFormat::Pdf).path, QStringLiteral("/d/diagram.pdf"));
    EXPECT_EQ(target("/d/diagram", ExportFormat::Pdf).format, ExportFormat::Pdf);
    EXPECT_EQ(target("/d/notes.v2", ExportFormat::Png).path, QStringLiteral("/d/notes.v2.png"));
    EXPECT_EQ(target("/d/diagram.", ExportFormat::Svg).path, QStringLiteral("/d/diagram.svg"));
    EXPECT_EQ(target("/d/design", ExportFormat::Report).path, QStringLiteral("/d/design.report.json"));
}

TEST_F(Export, LargeExportsAreKnownBeforeRendering)
{
    ExportOptions options;
    options.scale = 2;
    PreparedExport small(document, options);
    EXPECT_FALSE(small.estimate().isLarge());
    EXPECT_GT(small.estimate().bytes, 0);
    // Over 100 megapixels: large for an image, not for the same drawing as SVG.
    options.scale = 1;
    options.width = 20000;
    PreparedExport big(document, options);
    ASSERT_TRUE(big.error().isEmpty()) << big.error().toStdString();
    EXPECT_EQ(big.estimate().pixelSize.width(), 20000);
    EXPECT_TRUE(big.estimate().overPixelLimit());
    EXPECT_TRUE(exportSizeText(big.estimate())
                    .contains(QRegularExpression(
                        QStringLiteral(R"(^20000 × \d+ pixels \(\d+ megapixels\), about [\d.]+ MB$)"))))
        << exportSizeText(big.estimate()).toStdString();
    EXPECT_EQ(exportLimitText(big.estimate()),
              QStringLiteral("over the limit of 100 megapixels for an image"));
    options.format = ExportFormat::Svg;
    EXPECT_FALSE(PreparedExport(document, options).estimate().isLarge());
}

TEST_F(Export, RenderingStopsWhenCancelled)
{
    struct StopAfter : ExportMonitor {
        int calls = 0;
        int limit = 0;
        double last = -1;
        bool monotonic = true;
        bool cancelled() const override { return calls >= limit; }
        void progress(ExportStage, double done) override
        {
            monotonic = monotonic && done >= last;
            last = done;
            ++calls;
        }
    };
    // With a monitor the scene is drawn one item at a time (for progress and Cancel); without,
    // Qt draws it in one go. Both give the same bytes.
    for (ExportFormat format : {ExportFormat::Png, ExportFormat::Svg, ExportFormat::Pdf}) {
        SCOPED_TRACE(exportFormatName(format).toStdString());
        ExportOptions options;
        options.format = format;
        options.legend = true;
        options.scale = 1.5;
        StopAfter all;
        all.limit = 1 << 30;
        const ExportResult done = PreparedExport(document, options).render(&all);
        EXPECT_FALSE(done.cancelled);
        EXPECT_TRUE(all.monotonic);
        EXPECT_DOUBLE_EQ(all.last, 1.0);
        EXPECT_EQ(done.bytes, render(options).bytes) << "progress does not change the output";
        StopAfter some;
        some.limit = 3;
        const ExportResult stopped = PreparedExport(document, options).render(&some);
        EXPECT_TRUE(stopped.cancelled);
        EXPECT_TRUE(stopped.bytes.isEmpty());
        EXPECT_TRUE(stopped.error.isEmpty());
    }
}

class ExportDialogTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        QSettings().remove(QStringLiteral("export"));
        window = std::make_unique<MainWindow>();
        ASSERT_TRUE(window->openFile(example("s3-gateway-endpoint.privatepath")));
    }
    void TearDown() override { QSettings().remove(QStringLiteral("export")); }
    std::unique_ptr<MainWindow> window;
};

TEST_F(ExportDialogTest, FileMenuHasExport)
{
    QAction* found = nullptr;
    for (QAction* a : window->findChildren<QAction*>())
        if (a->text().remove(QLatin1Char('&')).startsWith(QStringLiteral("Export")))
            found = a;
    ASSERT_NE(found, nullptr);
    EXPECT_EQ(found->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_E));
}

TEST_F(ExportDialogTest, PreviewShowsWhatWillBeWrittenAndSettingsAreRemembered)
{
    QTemporaryDir dir;
    {
        ExportDialog dialog(window->document(), {}, {});
        ExportOptions options = dialog.options();
        EXPECT_EQ(options.format, ExportFormat::Png) << "first use: PNG";
        options.scale = 2;
        options.border = 10;
        options.legend = false;
        dialog.setOptions(options);
        dialog.refreshPreviewNow();
        EXPECT_FALSE(dialog.previewPixmap().isNull());
        const ExportResult expected = renderExport(window->document(), dialog.options());
        EXPECT_TRUE(dialog.sizeText().startsWith(QStringLiteral("%1 × %2 px").arg(expected.pixelSize.width()).arg(expected.pixelSize.height())))
            << dialog.sizeText().toStdString();
        const QString file = dir.filePath(QStringLiteral("out.png"));
        QString error;
        ASSERT_TRUE(dialog.exportTo(file, &error)) << error.toStdString();
        QImage written(file);
        EXPECT_EQ(written.size(), expected.pixelSize);
    }
    // The next dialog starts from the last export's settings.
    ExportDialog again(window->document(), {}, {});
    EXPECT_DOUBLE_EQ(again.options().scale, 2.0);
    EXPECT_EQ(again.options().border, 10);
    EXPECT_FALSE(again.options().legend);
    // Choosing a JSON format previews the text that will be written.
    auto* format = again.findChild<QComboBox*>(QStringLiteral("format"));
    ASSERT_NE(format, nullptr);
    format->setCurrentIndex(format->findData(int(ExportFormat::Report)));
    again.refreshPreviewNow();
    EXPECT_TRUE(again.sizeText().contains(QStringLiteral("line"))) << again.sizeText().toStdString();
    EXPECT_FALSE(again.previewPixmap().isNull() && again.sizeText().isEmpty());
}

TEST_F(ExportDialogTest, SaveStartsInTheDocumentsFolder)
{
    QTemporaryDir folder, elsewhere;
    const QString file = folder.filePath(QStringLiteral("network.privatepath"));
    ASSERT_TRUE(QFile::copy(example("s3-gateway-endpoint.privatepath"), file));
    ASSERT_TRUE(window->openFile(file));
    QSettings().setValue(QStringLiteral("export/directory"),
                         elsewhere.path()); // the last export went elsewhere
    ExportDialog dialog(window->document(), {}, {});
    QString shownFolder, shownName;
    whenShown<QFileDialog>(QStringLiteral("exportFileDialog"), [&](QFileDialog* files) {
        shownFolder = files->directory().absolutePath();
        shownName = files->findChild<QLineEdit*>(QStringLiteral("fileNameEdit"))->text();
        files->reject();
    });
    dialog.accept();
    EXPECT_EQ(shownFolder, QDir(folder.path()).absolutePath());
    EXPECT_EQ(shownName, QStringLiteral("network.png"));
    EXPECT_TRUE(dialog.writtenPath().isEmpty());
    EXPECT_EQ(QDir(folder.path()).entryList(QDir::Files), QStringList{QStringLiteral("network.privatepath")});

    // An unsaved design starts where the last export went.
    window->document().reset(window->document().design());
    ExportDialog unsaved(window->document(), {}, {});
    EXPECT_EQ(unsaved.startDirectory(), elsewhere.path());
}

TEST_F(ExportDialogTest, TypedExtensionDecidesTheFormat)
{
    QTemporaryDir folder;
    const QString file = folder.filePath(QStringLiteral("network.privatepath"));
    ASSERT_TRUE(QFile::copy(example("s3-gateway-endpoint.privatepath"), file));
    ASSERT_TRUE(window->openFile(file));
    auto typeName = [](const QString& name) {
        whenShown<QFileDialog>(QStringLiteral("exportFileDialog"), [name](QFileDialog* files) {
            auto* edit = files->findChild<QLineEdit*>(QStringLiteral("fileNameEdit"));
            edit->clear();
            QTest::keyClicks(edit, name);
            QTest::keyClick(edit, Qt::Key_Return);
        });
    };

    // PNG chosen, "diagram.svg" typed: an SVG drawing in diagram.svg, and no diagram.png.
    {
        ExportDialog dialog(window->document(), {}, {});
        ASSERT_EQ(dialog.options().format, ExportFormat::Png);
        typeName(QStringLiteral("diagram.svg"));
        dialog.accept();
        EXPECT_EQ(dialog.result(), QDialog::Accepted);
        EXPECT_EQ(dialog.options().format, ExportFormat::Svg) << "the dialog shows the format written";
        EXPECT_FALSE(QFile::exists(folder.filePath(QStringLiteral("diagram.png"))));
        const QByteArray svg = readAll(folder.filePath(QStringLiteral("diagram.svg")));
        ASSERT_TRUE(svg.startsWith("<?xml")) << svg.left(100).toStdString();
        QXmlStreamReader reader(svg);
        ASSERT_EQ(reader.readNext(), QXmlStreamReader::StartDocument);
        while (!reader.atEnd() && reader.readNext() != QXmlStreamReader::StartElement) {
        }
        EXPECT_EQ(reader.name(), QLatin1String("svg"));
        while (!reader.atEnd())
            reader.readNext();
        EXPECT_FALSE(reader.hasError()) << reader.errorString().toStdString();
        EXPECT_TRUE(svgTexts(svg).contains(QStringLiteral("App server (via NAT)")));
    }
    // PDF chosen, a name without an extension: the PDF's is added.
    {
        ExportDialog dialog(window->document(), {}, {});
        ExportOptions options = dialog.options();
        options.format = ExportFormat::Pdf;
        dialog.setOptions(options);
        typeName(QStringLiteral("summary"));
        dialog.accept();
        EXPECT_TRUE(readAll(folder.filePath(QStringLiteral("summary.pdf"))).startsWith("%PDF"));
        EXPECT_FALSE(QFile::exists(folder.filePath(QStringLiteral("summary"))));
    }
}

TEST_F(ExportDialogTest, FileWrittenIsTheCommandLinesExport)
{
    // The dialog exports on a worker thread from a copy of the design: the same bytes as the
    // renderer behind `privatepath export`.
    QTemporaryDir dir;
    ExportDialog dialog(window->document(), {}, {});
    for (ExportFormat format :
         {ExportFormat::Png, ExportFormat::Svg, ExportFormat::Pdf, ExportFormat::Report}) {
        SCOPED_TRACE(exportFormatName(format).toStdString());
        ExportOptions options = dialog.options();
        options.format = format;
        options.legend = true;
        dialog.setOptions(options);
        const QString file = dir.filePath(QStringLiteral("out.") + exportExtension(format));
        QString error;
        ASSERT_TRUE(dialog.exportTo(file, &error)) << error.toStdString();
        EXPECT_EQ(readAll(file), renderExport(window->document(), dialog.options()).bytes);
    }
}

TEST_F(ExportDialogTest, LargeExportAsksFirstAndCancelWritesNothing)
{
    QTemporaryDir dir;
    ExportDialog dialog(window->document(), {}, {});
    ExportOptions options = dialog.options();
    options.width = 20000; // about 20000 × 6600 pixels: over 100 megapixels
    dialog.setOptions(options);
    QString warning;
    whenShown<QMessageBox>(QStringLiteral("exportSizeWarning"), [&](QMessageBox* box) {
        screenshot(box, QStringLiteral("size-warning"));
        warning = box->text();
        box->button(QMessageBox::Cancel)->click();
    });
    const QString file = dir.filePath(QStringLiteral("big.png"));
    QString error = QStringLiteral("not set");
    EXPECT_FALSE(dialog.exportTo(file, &error));
    EXPECT_TRUE(error.isEmpty()) << "cancelled is not a failure: " << error.toStdString();
    EXPECT_TRUE(warning.contains(
        QRegularExpression(QStringLiteral(R"(20000 × \d+ pixels \(1\d\d megapixels\), about [\d.]+ MB)"))))
        << warning.toStdString();
    EXPECT_TRUE(warning.contains(QStringLiteral("over the limit of 100 megapixels")))
        << warning.toStdString();
    EXPECT_TRUE(QDir(dir.path()).isEmpty());
    EXPECT_TRUE(dialog.writtenPath().isEmpty());
}

TEST_F(ExportDialogTest, SlowExportShowsProgressAndCancelKeepsTheOldFile)
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("big.png"));
    {
        QFile old(file);
        ASSERT_TRUE(old.open(QIODevice::WriteOnly));
        old.write("the old image");
    }
    ExportDialog dialog(window->document(), {}, {});
    dialog.setProgressDelay(0);
    ExportOptions options = dialog.options();
    options.width = 20000; // over 100 megapixels: seconds to draw and compress
    dialog.setOptions(options);
    whenShown<QMessageBox>(QStringLiteral("exportSizeWarning"), [](QMessageBox* box) {
        box->findChild<QPushButton*>(QStringLiteral("exportAnyway"))->click();
    });
    bool windowResponsive = false;
    QString stage;
    // Cancelled once the drawing has begun (past the preparation): the worker has a big image
    // half drawn, the old file must stay as it was.
    whenShown<QProgressDialog>(
        QStringLiteral("exportProgress"),
        [&](QProgressDialog* progress) {
            screenshot(progress, QStringLiteral("progress"));
            stage = progress->labelText();
            windowResponsive = true; // this runs from the GUI thread's event loop during the export
            QTest::mouseClick(progress->findChild<QPushButton*>(), Qt::LeftButton);
        },
        [](QProgressDialog* progress) { return progress->value() >= 150; });
    QString error = QStringLiteral("not set");
    EXPECT_FALSE(dialog.exportTo(file, &error));
    EXPECT_TRUE(error.isEmpty()) << error.toStdString();
    EXPECT_TRUE(windowResponsive);
    EXPECT_TRUE(stage == QStringLiteral("Drawing…") || stage == QStringLiteral("Compressing…"))
        << stage.toStdString();
    EXPECT_EQ(readAll(file), QByteArray("the old image"));
    EXPECT_EQ(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("big.png")})
        << "no temporary file left";
    auto* progress = dialog.findChild<QProgressDialog*>(QStringLiteral("exportProgress"));
    EXPECT_TRUE(progress == nullptr || !progress->isVisible());
}

TEST_F(ExportDialogTest, ExportsShowNoSelectionOrHighlightUnlessAsked)
{
    // What the editor shows selected or highlighted stays out of exports, unless the dialog's
    // option asks for the selected flow's path.
    QAction* exportAction = nullptr;
    for (QAction* a : window->findChildren<QAction*>())
        if (a->shortcut() == QKeySequence(Qt::CTRL | Qt::Key_E))
            exportAction = a;
    ASSERT_NE(exportAction, nullptr);
    QTemporaryDir dir;
    auto exportWith = [&](const QStringList& selected, ExportFormat format, bool drawFlow) {
        window->scene()->selectIds(selected);
        QApplication::processEvents();
        QByteArray bytes;
        bool optionEnabled = false;
        whenShown<ExportDialog>(QStringLiteral("exportDialog"), [&](ExportDialog* dialog) {
            ExportOptions options = dialog->options();
            options.format = format;
            dialog->setOptions(options);
            auto* showFlow = dialog->findChild<QCheckBox*>(QStringLiteral("showFlow"));
            optionEnabled = showFlow->isEnabled();
            EXPECT_FALSE(showFlow->isChecked()) << "off unless asked";
            showFlow->setChecked(drawFlow);
            if (drawFlow && format == ExportFormat::Png) {
                dialog->refreshPreviewNow();
                screenshot(dialog, QStringLiteral("dialog"));
            }
            const QString file = dir.filePath(QStringLiteral("out.") + exportExtension(format));
            QString error;
            EXPECT_TRUE(dialog->exportTo(file, &error)) << error.toStdString();
            bytes = readAll(file);
            QFile::remove(file);
            dialog->reject();
        });
        exportAction->trigger();
        return std::make_pair(bytes, optionEnabled);
    };
    for (ExportFormat format : {ExportFormat::Svg, ExportFormat::Png}) {
        SCOPED_TRACE(exportFormatName(format).toStdString());
        const auto [plain, enabledWithout] = exportWith({}, format, false);
        ASSERT_FALSE(plain.isEmpty());
        EXPECT_FALSE(enabledWithout) << "no flow selected: nothing to draw";
        const auto [resources, enabledResources] =
            exportWith({QStringLiteral("app-b"), QStringLiteral("vpc-a")}, format, false);
        EXPECT_EQ(resources, plain) << "selected resources are drawn as if unselected";
        const auto [flow, enabledFlow] = exportWith({QStringLiteral("flow-s3-via-endpoint")}, format, false);
        EXPECT_EQ(window->scene()->shownFlow().str(), "flow-s3-via-endpoint")
            << "the canvas highlights its path";
        EXPECT_TRUE(enabledFlow);
        EXPECT_EQ(flow, plain) << "the selected flow and its highlighted path are not drawn";
        const auto [asked, enabledAsked] = exportWith({QStringLiteral("flow-s3-via-endpoint")}, format, true);
        EXPECT_NE(asked, plain) << "asked for: the path is drawn";
        if (format == ExportFormat::Png) {
            const QColor privateColour = style::verdictColor(Verdict::Private);
            EXPECT_GT(countColour(QImage::fromData(asked, "PNG"), privateColour),
                      countColour(QImage::fromData(plain, "PNG"), privateColour) + 300);
        }
    }
}

TEST_F(ExportDialogTest, CopyPutsTheImageAndTheSvgOnTheClipboard)
{
    ExportDialog dialog(window->document(), {}, {});
    auto* copy = dialog.findChild<QPushButton*>(QStringLiteral("copy"));
    ASSERT_NE(copy, nullptr);
    QGuiApplication::clipboard()->clear();
    copy->click();
    const QMimeData* mime = QGuiApplication::clipboard()->mimeData();
    ASSERT_NE(mime, nullptr);
    const QImage image = qvariant_cast<QImage>(mime->imageData());
    EXPECT_EQ(image.size(), renderExport(window->document(), dialog.options()).pixelSize);
    EXPECT_TRUE(mime->data(QStringLiteral("image/svg+xml")).startsWith("<?xml"));
}

} // namespace
} // namespace pp::ui
