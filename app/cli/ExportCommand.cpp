#include "cli/Cli.h"

#include "document/Document.h"
#include "export/Exporter.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace pp::cli {

namespace {

QString tr(const char* text) { return QCoreApplication::translate("cli", text); }

} // namespace

int runExport(const QStringList& args, Streams io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Export a design as an image, a drawing, a PDF, a draw.io diagram, the design file or its\n"
           "analysis report. Needs no display. The same design and options always give the same bytes.\n"
           "\n"
           "A draw.io file (uncompressed, for draw.io desktop and its wiki plugins) holds the shapes in\n"
           "the design's own units: regions, VPCs and subnets as containers, tiles with their icons,\n"
           "flows and links as edges with their routes and colours. The size, background, legend and\n"
           "PNG options do not apply to it.\n"
           "\n"
           "Large exports need --force: an image over 100 megapixels, or a file estimated over\n"
           "200 MB, is refused with a message giving its size and the limit (exit 2, nothing\n"
           "written).\n"
           "\n"
           "Exit codes: 0 written; 2 usage error (also: a size too large for an image, or over\n"
           "the limits above without --force); 3 the design could not be read or parsed; 4 the\n"
           "output could not be written: it exists and --force is not given, it is a symbolic\n"
           "link, not a regular file (a directory, device, FIFO or socket) or read-only, or\n"
           "writing failed (nothing is left behind, an existing file is untouched and keeps its mode)."));
    parser.addPositionalArgument(QStringLiteral("FILE"), tr("The design to export (.privatepath)."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, tr("Show this help."));
    const QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")}, tr("Write to OUT."), QStringLiteral("OUT"));
    const QCommandLineOption format(QStringLiteral("format"),
                                    tr("png, svg, pdf, drawio, json (the design file) or report (the analysis report, "
                                       "as check --format json). Default: from OUT's extension."),
                                    QStringLiteral("FORMAT"));
    const QCommandLineOption scale(QStringLiteral("scale"), tr("Output pixels per diagram unit (default 1)."), QStringLiteral("S"));
    const QCommandLineOption width(QStringLiteral("width"), tr("Total width in pixels; the height follows."), QStringLiteral("W"));
    const QCommandLineOption height(QStringLiteral("height"), tr("Total height in pixels; the width follows."), QStringLiteral("H"));
    const QCommandLineOption transparent(QStringLiteral("transparent"), tr("No white background."));
    const QCommandLineOption border(QStringLiteral("border"), tr("Empty margin in pixels (default 20)."), QStringLiteral("N"));
    const QCommandLineOption noHighlight(QStringLiteral("no-highlight"),
                                         tr("No verdict colours and no highlighted public paths."));
    const QCommandLineOption noPaths(QStringLiteral("no-paths"), tr("Keep the verdict colours but do not ring the hops of public paths."));
    const QCommandLineOption legend(QStringLiteral("legend"), tr("Add a legend of the colours under the drawing."));
    const QCommandLineOption flow(QStringLiteral("flow"), tr("Draw this flow's path hop by hop, as the editor does when it is selected."),
                                  QStringLiteral("ID"));
    const QCommandLineOption only(QStringLiteral("only"),
                                  tr("Draw only these resources (comma-separated ids) with what they contain, and the "
                                     "flows and links between them."),
                                  QStringLiteral("IDS"));
    const QCommandLineOption dpi(QStringLiteral("dpi"), tr("PNG: resolution written into the file (default 96)."), QStringLiteral("DPI"));
    const QCommandLineOption noEmbed(QStringLiteral("no-embed"), tr("PNG: do not embed the design in the image."));
    const QCommandLineOption force(
        {QStringLiteral("f"), QStringLiteral("force")},
        tr("Replace OUT if it exists, and export even over 100 megapixels or 200 MB."));
    for (const QCommandLineOption& o : {help, output, format, scale, width, height, transparent, border, noHighlight, noPaths, legend, flow, only, dpi, noEmbed, force})
        parser.addOption(o);

    auto usage = [&](const QString& message) {
        io.err << message << "\n\n" << subcommandHelp(parser, QStringLiteral("export"));
        return UsageError;
    };
    if (!parser.parse(args))
        return usage(parser.errorText());
    if (parser.isSet(help)) {
        io.out << subcommandHelp(parser, QStringLiteral("export"));
        return Ok;
    }
    const QStringList files = parser.positionalArguments();
    if (files.size() != 1)
        return usage(files.isEmpty() ? tr("No design file given.") : tr("Give exactly one design file."));
    if (!parser.isSet(output))
        return usage(tr("No output given (-o OUT)."));
    const QString out = parser.value(output);

    ui::ExportOptions options;
    if (parser.isSet(format)) {
        const auto f = ui::exportFormatFromName(parser.value(format));
        if (!f)
            return usage(tr("Unknown format '%1'; use png, svg, pdf, drawio, json or report.").arg(parser.value(format)));
        options.format = *f;
    } else {
        const auto f = ui::exportFormatFromPath(out);
        if (!f)
            return usage(tr("Cannot tell the format from '%1'; use --format png|svg|pdf|drawio|json|report.").arg(out));
        options.format = *f;
    }
    const int sizeOptions = int(parser.isSet(scale)) + int(parser.isSet(width)) + int(parser.isSet(height));
    if (sizeOptions > 1)
        return usage(tr("Give only one of --scale, --width and --height."));
    bool ok = true;
    if (parser.isSet(scale)) {
        options.scale = parser.value(scale).toDouble(&ok);
        if (!ok || !(options.scale > 0) || options.scale > 100)
            return usage(tr("--scale must be a number above 0 and at most 100, not '%1'.").arg(parser.value(scale)));
    }
    auto positive = [&](const QCommandLineOption& option, int& into, int minimum, int maximum) {
        if (!parser.isSet(option))
            return true;
        into = parser.value(option).toInt(&ok);
        return ok && into >= minimum && into <= maximum;
    };
    if (!positive(width, options.width, 1, ui::kMaxImageSide))
        return usage(tr("--width must be a whole number from 1 to %1, not '%2'.").arg(ui::kMaxImageSide).arg(parser.value(width)));
    if (!positive(height, options.height, 1, ui::kMaxImageSide))
        return usage(tr("--height must be a whole number from 1 to %1, not '%2'.").arg(ui::kMaxImageSide).arg(parser.value(height)));
    if (!positive(border, options.border, 0, 10000))
        return usage(tr("--border must be a whole number from 0 to 10000, not '%1'.").arg(parser.value(border)));
    if (!positive(dpi, options.dpi, 1, 100000))
        return usage(tr("--dpi must be a whole number from 1 to 100000, not '%1'.").arg(parser.value(dpi)));
    options.transparent = parser.isSet(transparent);
    options.verdictColours = !parser.isSet(noHighlight);
    options.publicPaths = !parser.isSet(noHighlight) && !parser.isSet(noPaths);
    options.legend = parser.isSet(legend);
    options.embedDesign = !parser.isSet(noEmbed);

    // Checked before the (possibly long) rendering, and again when writing.
    const QFileInfo target(out);
    if (target.isSymLink()) {
        io.err << tr("%1 is a symbolic link; exports are never written through links.\n").arg(out);
        return OutputError;
    }
    if (target.exists() && !target.isFile()) {
        io.err << tr("%1 is not a regular file (a directory, device, FIFO or socket); exports only replace regular files.\n").arg(out);
        return OutputError;
    }
    if (target.exists() && !parser.isSet(force)) {
        io.err << tr("%1 already exists; use --force to replace it.\n").arg(out);
        return OutputError;
    }

    ui::Document document;
    QString error;
    if (!document.open(files.first(), &error)) {
        io.err << error << "\n";
        return InputError;
    }
    FlowId shown;
    if (parser.isSet(flow)) {
        shown = FlowId(toStdString(parser.value(flow)));
        if (!document.design().findFlow(shown))
            return usage(tr("There is no flow '%1' in %2.").arg(parser.value(flow), files.first()));
    }
    QSet<QString> selection;
    if (parser.isSet(only)) {
        for (const QString& id : parser.value(only).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const QString trimmed = id.trimmed();
            const Resource* r = document.design().find(ResourceId(toStdString(trimmed)));
            const bool drawn = r && std::any_of(document.design().diagram.shapes.begin(), document.design().diagram.shapes.end(),
                                                [&](const Shape& s) { return s.resource == r->id; });
            if (!drawn)
                return usage(tr("There is no drawn resource '%1' in %2.").arg(trimmed, files.first()));
            selection.insert(trimmed);
        }
        if (selection.isEmpty())
            return usage(tr("--only needs at least one resource id."));
        options.selectionOnly = true;
    }
    ui::PreparedExport prepared(document, options, selection, shown);
    if (!prepared.error().isEmpty())
        return usage(prepared.error());
    // Checked before rendering, which is what takes long and needs the memory.
    const ui::ExportEstimate estimate = prepared.estimate();
    if (estimate.isLarge() && !parser.isSet(force)) {
        io.err << tr("%1 would be %2, %3. Use a smaller --scale, --width or --height, or --force to export "
                     "it anyway.\n")
                      .arg(out, ui::exportSizeText(estimate), ui::exportLimitText(estimate));
        return UsageError;
    }
    const ui::ExportResult result = prepared.render();
    if (!result.error.isEmpty())
        return usage(result.error);
    if (!ui::writeExportFile(out, result.bytes, parser.isSet(force), &error)) {
        io.err << error << "\n";
        return OutputError;
    }
    return Ok;
}

} // namespace pp::cli
