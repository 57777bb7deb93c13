// Exports rendered in process (the renderer behind File → Export and `privatepath export`) and
// the export dialog, driven through its widgets.
#include "MainWindow.h"
#include "canvas/DiagramScene.h"
#include "canvas/ResourceItem.h"
#include "canvas/Style.h"
#include "document/Document.h"
#include "export/ExportDialog.h"
#include "export/Exporter.h"
#include "io/DesignFile.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QMimeData>
#include <QPushButton>
#include <QComboBox>
#include <QFile>
#include <QFontInfo>
#include <QImage>
#include <QSettings>
#include <QTemporaryDir>
#include <QXmlStreamReader>
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
        if (reader.name() == QLatin1String("symbol"))
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
