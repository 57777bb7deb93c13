#include "cli/Cli.h"

#include "io/DesignFile.h"
#include "lint/Lint.h"
#include "report/CheckReport.h"

#include <QCommandLineParser>
#include <QCoreApplication>

namespace pp::cli {

int runCheck(const QStringList& args, Streams io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "cli", "Load PrivatePath designs, validate them and print design findings.\n"
               "Exit codes: 0 no errors; 1 error findings; 2 usage error; 3 a file could not be read or parsed."));
    parser.addHelpOption();
    const QCommandLineOption format(QStringLiteral("format"),
                                    QCoreApplication::translate("cli", "Output format: text (default) or json."),
                                    QStringLiteral("text|json"), QStringLiteral("text"));
    parser.addOption(format);
    parser.addPositionalArgument(QStringLiteral("FILE"), QCoreApplication::translate("cli", "Design files to check."),
                                 QStringLiteral("FILE..."));
    if (!parser.parse(args)) {
        io.err << parser.errorText() << "\n" << subcommandHelp(parser, QStringLiteral("check"));
        return UsageError;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        io.out << subcommandHelp(parser, QStringLiteral("check"));
        return Ok;
    }
    const QString formatName = parser.value(format);
    if (formatName != QLatin1String("text") && formatName != QLatin1String("json")) {
        io.err << QCoreApplication::translate("cli", "Unknown format '%1'; use text or json.\n").arg(formatName);
        return UsageError;
    }
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty()) {
        io.err << QCoreApplication::translate("cli", "No design file given.\n") << subcommandHelp(parser, QStringLiteral("check"));
        return UsageError;
    }

    std::vector<FileCheck> checks;
    for (const QString& file : files) {
        FileCheck check;
        check.file = toStdString(file);
        LoadResult loaded = loadDesignFile(check.file);
        check.diagnostics = std::move(loaded.diagnostics);
        check.loaded = loaded.ok();
        if (loaded.design)
            check.findings = lintDesign(*loaded.design);
        checks.push_back(std::move(check));
    }

    if (formatName == QLatin1String("json")) {
        io.out << toQString(checkReportJson(checks).dump(2)) << "\n";
        return checkExitCode(checks);
    }

    for (const FileCheck& check : checks) {
        for (const Diagnostic& d : check.diagnostics)
            (d.severity == Severity::Error ? io.err : io.out) << toQString(d.format()) << "\n";
        if (!check.loaded) {
            io.err << QCoreApplication::translate("cli", "%1: not checked: the file could not be loaded\n")
                          .arg(toQString(check.file));
            continue;
        }
        for (const Finding& f : check.findings) {
            QString ids;
            for (const std::string& id : f.ids)
                ids += (ids.isEmpty() ? QString() : QStringLiteral(", ")) + toQString(id);
            io.out << toQString(check.file) << ": " << severityName(f.severity) << ": " << toQString(f.message) << " ["
                   << toQString(f.code) << "] (" << ids << ")\n";
        }
        io.out << QCoreApplication::translate("cli", "%1: %2 error(s), %3 warning(s)\n")
                      .arg(toQString(check.file))
                      .arg(check.errorCount())
                      .arg(check.warningCount());
    }
    return checkExitCode(checks);
}

} // namespace pp::cli
