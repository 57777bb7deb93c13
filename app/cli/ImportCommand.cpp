// `privatepath import terraform FILE -o OUT.privatepath` and `privatepath import aws DIR|FILE... -o
// OUT.privatepath` (docs/import.md): a design from the JSON of `terraform show -json` or of AWS
// CLI describe calls, with its import report printed and saved beside the design. Both share
// the options, the checks of the outputs, the exit codes and the writing.
#include "cli/Cli.h"

#include "import/AwsImport.h"
#include "import/TerraformImport.h"
#include "io/DesignFile.h"
#include "io/FileWriter.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace pp::cli {

namespace {

QString tr(const char* text) { return QCoreApplication::translate("cli", text); }

// "net.privatepath" -> "net.import-report.json", beside it.
QString defaultReportPath(const QString& out)
{
    QString base = out;
    if (base.endsWith(QLatin1String(".privatepath")))
        base.chop(int(sizeof(".privatepath")) - 1);
    return base + QStringLiteral(".import-report.json");
}

// The checks the exporter makes before writing: never through a link, never over something that
// is not a regular file, never over an existing file without --force.
std::optional<QString> outputProblem(const QString& path, bool force)
{
    const QFileInfo target(path);
    if (target.isSymLink())
        return tr("%1 is a symbolic link; imports are never written through links.").arg(path);
    if (target.exists() && !target.isFile())
        return tr("%1 is not a regular file (a directory, device, FIFO or socket).").arg(path);
    if (target.exists() && !force)
        return tr("%1 already exists; use --force to replace it.").arg(path);
    return std::nullopt;
}

// What differs between the two sources.
struct ImportSource {
    QString name;        // "import terraform"
    QString description; // --help's text
    QString argument;    // the positional argument's name
    QString argumentHelp;
    bool several = false; // accepts several inputs
    TerraformImportResult (*run)(const std::vector<std::string>& inputs) = nullptr;
};

const QString& exitCodesHelp()
{
    static const QString text = tr(
        "\n"
        "Exit codes: 0 imported; 2 usage error; 3 the input could not be read or is not\n"
        "%1 output (the message names the file, line and field); 4 an output\n"
        "could not be written (it exists and --force is not given, it is a symbolic link or not a\n"
        "regular file, or writing failed).");
    return text;
}

ImportSource terraformSource()
{
    return {QStringLiteral("import terraform"),
            tr("Import the JSON output of `terraform show -json` (a saved plan or the state) as a design:\n"
               "VPCs, subnets, route tables, gateways, security groups, network ACLs, workloads, load\n"
               "balancers, endpoints, peerings, transit gateways, VPN and Direct Connect (docs/import.md).\n"
               "What AWS creates implicitly (main route tables, default security groups and ACLs) is added\n"
               "and reported. The design is laid out automatically. The import report (imported, skipped\n"
               "with the reason, assumptions, values unknown until apply) is printed and saved as JSON\n"
               "beside the design.\n") +
                exitCodesHelp().arg(QStringLiteral("`terraform show -json`")),
            QStringLiteral("FILE"), tr("The output of terraform show -json (plan or state)."), false,
            [](const std::vector<std::string>& inputs) { return importTerraformFile(inputs.front()); }};
}

ImportSource awsSource()
{
    return {QStringLiteral("import aws"),
            tr("Import the JSON output of AWS CLI describe calls (`aws ec2 describe-vpcs --output json`\n"
               "and the others listed in docs/import.md) as a design: one file per call, or one object\n"
               "holding several calls; the pages of a paginated call are merged, and an item given twice\n"
               "is imported once. A directory stands for every .json file below it. VPCs, subnets, route\n"
               "tables, gateways, Elastic IPs, endpoints and endpoint services, security groups, network\n"
               "ACLs, instances, network interfaces, load balancers, peerings, transit gateways, VPN and\n"
               "Direct Connect gateways, prefix lists. What AWS does implicitly is made explicit and\n"
               "reported, as for Terraform. The design is laid out automatically. The import report\n"
               "(imported, skipped with the reason, assumptions) is printed and saved as JSON beside the\n"
               "design. User data and VPN pre-shared keys are never read.\n") +
                exitCodesHelp().arg(QStringLiteral("AWS CLI describe")),
            QStringLiteral("DIR|FILE"), tr("Describe output: JSON files, or directories of them."), true,
            [](const std::vector<std::string>& inputs) { return importAwsInputs(inputs); }};
}

int runImportFrom(const ImportSource& source, const QStringList& args, Streams io)
{
    const QString& name = source.name;
    QCommandLineParser parser;
    parser.setApplicationDescription(source.description);
    parser.addHelpOption();
    parser.addPositionalArgument(source.several ? source.argument + QStringLiteral("...") : source.argument,
                                 source.argumentHelp);
    const QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")},
                                    tr("Write the design to OUT (.privatepath)."), QStringLiteral("OUT"));
    const QCommandLineOption report(QStringLiteral("report"),
                                    tr("Write the JSON import report to REPORT (default: OUT with the extension "
                                       ".import-report.json)."),
                                    QStringLiteral("REPORT"));
    const QCommandLineOption format(QStringLiteral("format"),
                                    tr("How to print the report: text (default) or json."), QStringLiteral("text|json"),
                                    QStringLiteral("text"));
    const QCommandLineOption force({QStringLiteral("f"), QStringLiteral("force")},
                                   tr("Replace OUT and REPORT if they exist."));
    for (const QCommandLineOption& o : {output, report, format, force})
        parser.addOption(o);
    if (const auto done = parseSubcommand(parser, args, name, io))
        return *done;
    auto usage = [&](const QString& message) {
        io.err << message << "\n\n" << subcommandHelp(parser, name);
        return UsageError;
    };
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty() || (files.size() != 1 && !source.several))
        return usage(files.isEmpty() ? tr("No input file given.") : tr("Give exactly one input file."));
    if (!parser.isSet(output))
        return usage(tr("No output given (-o OUT)."));
    const QString formatName = parser.value(format);
    if (formatName != QLatin1String("text") && formatName != QLatin1String("json"))
        return usage(tr("Unknown format '%1'; use text or json.").arg(formatName));
    const QString out = parser.value(output);
    const QString reportPath = parser.isSet(report) ? parser.value(report) : defaultReportPath(out);
    if (QFileInfo(out).absoluteFilePath() == QFileInfo(reportPath).absoluteFilePath())
        return usage(tr("The report cannot be written over the design."));
    for (const QString& path : {out, reportPath})
        if (const auto problem = outputProblem(path, parser.isSet(force))) {
            io.err << *problem << "\n";
            return OutputError;
        }

    std::vector<std::string> inputs;
    for (const QString& f : files)
        inputs.push_back(toStdString(f));
    const TerraformImportResult result = source.run(inputs);
    if (!result.design) {
        for (const Diagnostic& d : result.report.diagnostics)
            io.err << toQString(d.format()) << "\n";
        return InputError;
    }
    // The design must load as any saved design does; a failure here is a bug of the importer,
    // reported rather than written.
    const std::string text = saveDesignToString(*result.design);
    const LoadResult reloaded = loadDesign(text, toStdString(out));
    if (!reloaded.ok()) {
        io.err << tr("The imported design does not load (a bug in the importer; please report it):\n");
        for (const Diagnostic& d : reloaded.diagnostics)
            io.err << toQString(d.format()) << "\n";
        return OutputError;
    }
    const std::string reportText = importReportJson(result.report).dump(2) + "\n";
    WriteOptions options;
    options.replace = parser.isSet(force);
    for (const auto& [path, bytes] : {std::pair{out, std::string_view(text)}, std::pair{reportPath, std::string_view(reportText)}}) {
        const SaveResult saved = writeFileAtomically(toStdString(path), bytes, options);
        if (!saved.ok) {
            io.err << toQString(saved.error) << "\n";
            return OutputError;
        }
    }
    if (formatName == QLatin1String("json"))
        io.out << toQString(reportText);
    else
        io.out << toQString(importReportText(result.report))
               << tr("Wrote %1 (%2 resources) and the report %3.\n")
                      .arg(out)
                      .arg(result.design->resources().size())
                      .arg(reportPath);
    return Ok;
}

} // namespace

int runImport(const QStringList& args, Streams io)
{
    const QString sub = args.value(1);
    QStringList rest = args.mid(1);
    if (!rest.isEmpty())
        rest[0] = args.value(0);
    if (sub == QLatin1String("terraform"))
        return runImportFrom(terraformSource(), rest, io);
    if (sub == QLatin1String("aws"))
        return runImportFrom(awsSource(), rest, io);
    const QString usage = tr("Usage: privatepath import terraform FILE -o OUT.privatepath [--report REPORT] "
                             "[--format text|json] [--force]\n"
                             "       privatepath import aws DIR|FILE... -o OUT.privatepath [--report REPORT] "
                             "[--format text|json] [--force]\n");
    if (sub == QLatin1String("-h") || sub == QLatin1String("--help")) {
        io.out << usage;
        return Ok;
    }
    io.err << (sub.isEmpty() ? tr("Missing import source (terraform or aws).\n")
                             : tr("Unknown import source '%1'.\n").arg(sub))
           << usage;
    return UsageError;
}

} // namespace pp::cli
