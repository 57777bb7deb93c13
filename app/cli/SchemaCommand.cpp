#include "cli/Cli.h"

#include "io/JsonWriter.h"
#include "io/Schema.h"

#include <QCommandLineParser>
#include <QCoreApplication>

namespace pp::cli {

int runSchema(const QStringList& args, Streams io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("cli", "Print the JSON Schema of the .privatepath format."));
    parser.addHelpOption();
    const QCommandLineOption markdown(QStringLiteral("markdown"),
                                      QCoreApplication::translate("cli", "Print the field reference as Markdown instead."));
    parser.addOption(markdown);
    if (!parser.parse(args)) {
        io.err << parser.errorText() << "\n" << subcommandHelp(parser, QStringLiteral("schema"));
        return UsageError;
    }
    if (!parser.positionalArguments().isEmpty()) {
        io.err << QCoreApplication::translate("cli", "Unexpected argument '%1'.\n").arg(parser.positionalArguments().first());
        return UsageError;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        io.out << subcommandHelp(parser, QStringLiteral("schema"));
        return Ok;
    }
    io.out << toQString(parser.isSet(markdown) ? formatReferenceMarkdown() : formatJson(designSchema()));
    return Ok;
}

} // namespace pp::cli
