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
    if (!parser.parse(args) || !parser.positionalArguments().isEmpty()) {
        io.err << parser.errorText() << "\n" << parser.helpText();
        return UsageError;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        io.out << parser.helpText();
        return Ok;
    }
    io.out << toQString(parser.isSet(markdown) ? formatReferenceMarkdown() : formatJson(designSchema()));
    return Ok;
}

} // namespace pp::cli
