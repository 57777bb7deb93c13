#include "cli/Cli.h"

#include "io/TextEscape.h"

#include <QCommandLineParser>
#include <QCoreApplication>

namespace pp::cli {

QString toQString(const std::string& s) { return QString::fromStdString(escapeControlCharacters(s, "\n\t")); }
std::string toStdString(const QString& s) { return s.toStdString(); }

QString subcommandHelp(const QCommandLineParser& parser, const QString& command)
{
    QString help = parser.helpText();
    const QString program = QCoreApplication::arguments().value(0);
    if (!program.isEmpty())
        help.replace(program + QLatin1Char(' '), QStringLiteral("privatepath ") + command + QLatin1Char(' '));
    return help;
}

std::optional<int> parseSubcommand(QCommandLineParser& parser, const QStringList& args, const QString& command, Streams io)
{
    if (!parser.parse(args)) {
        io.err << parser.errorText() << "\n" << subcommandHelp(parser, command);
        return UsageError;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        io.out << subcommandHelp(parser, command);
        return Ok;
    }
    return std::nullopt;
}

namespace {

QString overview()
{
    return QCoreApplication::translate(
        "cli",
        "Usage: privatepath [design.privatepath]    (opens the editor)\n"
        "       privatepath <command> [options]\n"
        "\n"
        "Design private AWS networks and check their connectivity.\n"
        "\n"
        "Commands:\n"
        "  check FILE...      Load designs; print findings, every flow's verdict and path, exposure and policies.\n"
        "  query FILE --from SCOPE --to SCOPE [--protocol P --port N]\n"
        "                     What can reach what: the verdict and path of every pair of the two scopes.\n"
        "  diff OLD NEW       Compare two versions of a design: changed resources, verdicts, paths, exposure.\n"
        "  generate           Write a generated design of a given size (for benchmarks).\n"
        "  format FILE...     Rewrite designs in the canonical layout (--check to only verify).\n"
        "  schema             Print the JSON Schema of the file format (--markdown: field reference).\n"
        "  export FILE -o OUT Export as PNG, SVG, PDF, the design file or the analysis report (no display needed).\n"
        "  lesson grade LESSON SUBMISSION...\n"
        "                     Grade learners' designs against a lesson (score, goals, locked resources).\n"
        "  lesson check LESSON\n"
        "                     Validate a lesson: its start fails, its reference solutions pass.\n"
        "  import terraform FILE -o OUT\n"
        "                     Import terraform show -json output (plan or state) as a laid-out design.\n"
        "  import aws DIR|FILE... -o OUT\n"
        "                     Import AWS CLI describe output (JSON) as a laid-out design.\n"
        "\n"
        "Run 'privatepath <command> --help' for a command's options.\n"
        "\n"
        "Exit codes: 0 ok; 1 the design has errors, a flow misses its expected verdict or a policy is violated\n"
        "            (diff: the change opens a public path, exposes a workload or breaks an expect;\n"
        "            format --check: a file is not canonical; lesson: a goal missed, locked\n"
        "            resources changed or another lesson);\n"
        "            2 usage error; 3 a file could not be read or parsed; 4 an output could not be written.\n");
}

} // namespace

int runCommandLine(const QStringList& args, Streams io)
{
    const QString command = args.size() > 1 ? args.at(1) : QString();
    // Subcommand parsers see "<program> <their options...>".
    QStringList rest = args.mid(1);
    if (!rest.isEmpty())
        rest[0] = args.at(0);

    if (command == QLatin1String("check"))
        return runCheck(rest, io);
    if (command == QLatin1String("generate"))
        return runGenerate(rest, io);
    if (command == QLatin1String("format"))
        return runFormat(rest, io);
    if (command == QLatin1String("schema"))
        return runSchema(rest, io);
    if (command == QLatin1String("export"))
        return runExport(rest, io);
    if (command == QLatin1String("lesson"))
        return runLesson(rest, io);
    if (command == QLatin1String("import"))
        return runImport(rest, io);
    if (command == QLatin1String("query"))
        return runQuery(rest, io);
    if (command == QLatin1String("diff"))
        return runDiff(rest, io);

    QCommandLineParser parser;
    parser.setApplicationDescription(overview());
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QCoreApplication::translate("cli", "Show this help."));
    const QCommandLineOption version({QStringLiteral("v"), QStringLiteral("version")},
                                     QCoreApplication::translate("cli", "Show the version."));
    parser.addOption(help);
    parser.addOption(version);
    if (!parser.parse(args)) {
        io.err << parser.errorText() << "\n\n" << overview();
        return UsageError;
    }
    if (parser.isSet(version)) {
        io.out << "privatepath " << PRIVATEPATH_VERSION << "\n";
        return Ok;
    }
    if (parser.isSet(help)) {
        io.out << overview();
        return Ok;
    }
    io.err << QCoreApplication::translate("cli", "Unknown command '%1'.\n\n").arg(command) << overview();
    return UsageError;
}

} // namespace pp::cli
