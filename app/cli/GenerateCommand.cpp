#include "cli/Cli.h"

#include "generate/ScenarioGenerator.h"
#include "io/DesignFile.h"

#include <QCommandLineParser>
#include <QCoreApplication>

namespace pp::cli {

int runGenerate(const QStringList& args, Streams io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "cli", "Write a generated, valid design of the given size. Same arguments, same file.\n"
               "Exit codes: 0 written; 2 usage error; 4 the output could not be written."));
    parser.addHelpOption();
    const QCommandLineOption vpcs(QStringLiteral("vpcs"), QCoreApplication::translate("cli", "Number of VPCs."),
                                  QStringLiteral("N"), QStringLiteral("3"));
    const QCommandLineOption subnets(QStringLiteral("subnets"),
                                     QCoreApplication::translate("cli", "Private subnets per VPC."), QStringLiteral("M"),
                                     QStringLiteral("2"));
    const QCommandLineOption instances(QStringLiteral("instances"),
                                       QCoreApplication::translate("cli", "Workloads per private subnet."),
                                       QStringLiteral("K"), QStringLiteral("2"));
    const QCommandLineOption seed(QStringLiteral("seed"), QCoreApplication::translate("cli", "Random seed."),
                                  QStringLiteral("S"), QStringLiteral("1"));
    const QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")},
                                    QCoreApplication::translate("cli", "Output file (required)."), QStringLiteral("FILE"));
    parser.addOptions({vpcs, subnets, instances, seed, output});
    if (const auto done = parseSubcommand(parser, args, QStringLiteral("generate"), io))
        return *done;
    if (!parser.positionalArguments().isEmpty()) {
        io.err << QCoreApplication::translate("cli", "Unexpected argument '%1'.\n").arg(parser.positionalArguments().first());
        return UsageError;
    }
    if (!parser.isSet(output)) {
        io.err << QCoreApplication::translate("cli", "Give the output file with -o FILE.\n");
        return UsageError;
    }
    ScenarioParameters parameters;
    bool ok[4] = {};
    parameters.vpcs = parser.value(vpcs).toInt(&ok[0]);
    parameters.subnetsPerVpc = parser.value(subnets).toInt(&ok[1]);
    parameters.workloadsPerSubnet = parser.value(instances).toInt(&ok[2]);
    parameters.seed = parser.value(seed).toULongLong(&ok[3]);
    if (!ok[0] || !ok[1] || !ok[2] || !ok[3]) {
        io.err << QCoreApplication::translate("cli", "--vpcs, --subnets, --instances and --seed take whole numbers.\n");
        return UsageError;
    }
    std::string why;
    const auto design = generateScenario(parameters, &why);
    if (!design) {
        io.err << toQString(why) << "\n";
        return UsageError;
    }
    const SaveResult saved = saveDesignFile(*design, toStdString(parser.value(output)));
    if (!saved.ok) {
        io.err << toQString(saved.error) << "\n";
        return OutputError;
    }
    io.out << QCoreApplication::translate("cli", "Wrote %1: %2 resources, %3 flows.\n")
                  .arg(parser.value(output))
                  .arg(design->resources().size())
                  .arg(design->flows().size());
    return Ok;
}

} // namespace pp::cli
