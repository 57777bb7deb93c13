#include "cli/Cli.h"

#include "io/DesignFile.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <optional>

namespace pp::cli {

int runFormat(const QStringList& args, Streams io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "cli", "Rewrite designs in PrivatePath's canonical layout (the bytes the editor saves).\n"
               "Exit codes: 0 done (or, with --check, already canonical); 1 --check found a file to reformat;\n"
               "2 usage error; 3 a file could not be read or parsed; 4 a file could not be written."));
    parser.addHelpOption();
    const QCommandLineOption check(QStringLiteral("check"),
                                   QCoreApplication::translate("cli", "Only report files that are not canonical."));
    parser.addOption(check);
    parser.addPositionalArgument(QStringLiteral("FILE"), QCoreApplication::translate("cli", "Design files."),
                                 QStringLiteral("FILE..."));
    if (const auto done = parseSubcommand(parser, args, QStringLiteral("format"), io))
        return *done;
    if (parser.positionalArguments().isEmpty()) {
        io.err << QCoreApplication::translate("cli", "No design file given.\n");
        return UsageError;
    }
    // The most serious outcome decides the exit code: unreadable input, then unwritable output,
    // then a file that --check found not canonical.
    bool inputFailed = false, outputFailed = false, notCanonical = false;
    for (const QString& file : parser.positionalArguments()) {
        const std::string path = toStdString(file);
        Diagnostics unreadable;
        const std::optional<std::string> text = readDesignText(path, {}, unreadable);
        if (!text) {
            for (const Diagnostic& d : unreadable)
                io.err << toQString(d.format()) << "\n";
            inputFailed = true;
            continue;
        }
        const std::string& current = *text;
        const LoadResult loaded = loadDesign(current, path);
        for (const Diagnostic& d : loaded.diagnostics)
            io.err << toQString(d.format()) << "\n";
        if (!loaded.ok()) {
            inputFailed = true;
            continue;
        }
        const std::string canonical = saveDesignToString(*loaded.design);
        if (current == canonical)
            continue;
        if (parser.isSet(check)) {
            io.out << QCoreApplication::translate("cli", "%1: not in canonical form\n").arg(file);
            notCanonical = true;
            continue;
        }
        const SaveResult saved = writeFileAtomically(path, canonical);
        if (!saved.ok) {
            io.err << toQString(saved.error) << "\n";
            outputFailed = true;
            continue;
        }
        io.out << QCoreApplication::translate("cli", "%1: reformatted\n").arg(file);
    }
    return inputFailed ? InputError : outputFailed ? OutputError : notCanonical ? FindingErrors : Ok;
}

} // namespace pp::cli
