#include "cli/Cli.h"
#include "cli/TraceText.h"

#include "io/DesignFile.h"
#include "lint/Lint.h"
#include "report/CheckReport.h"
#include "report/JUnit.h"
#include "report/Sarif.h"

#include <QCommandLineParser>
#include <algorithm>
#include <QCoreApplication>

namespace pp::cli {
namespace {

void printFlow(QTextStream& out, const FlowResult& r)
{
    out << "flow " << toQString(r.flow.str()) << ": " << verdictWord(r.verdict);
    if (r.expected)
        out << " (" << QCoreApplication::translate("cli", "expected %1: %2")
                           .arg(toQString(std::string(enumName(*r.expected))),
                                r.expectationMet.value_or(false) ? QCoreApplication::translate("cli", "met")
                                                                 : QCoreApplication::translate("cli", "NOT MET"))
            << ")";
    out << "\n";
    printTrace(out, r);
}

void printPolicy(QTextStream& out, const QString& file, const PolicyResult& p)
{
    out << "policy " << toQString(p.policy) << " (" << toQString(std::string(enumName(p.kind))) << "): ";
    if (p.satisfied())
        out << QCoreApplication::translate("cli", "satisfied (%1 source(s), %2 destination(s), %3 pair(s) checked)\n")
                   .arg(p.sources)
                   .arg(p.destinations)
                   .arg(p.pairs);
    else
        out << QCoreApplication::translate("cli", "VIOLATED, %1 violation(s)\n").arg(p.violations.size() + p.omitted);
    for (const PolicyViolation& v : p.violations) {
        out << "  " << file << ": " << toQString(v.message) << " [" << toQString(v.code) << "] ("
            << toQString(v.source) << " -> " << toQString(v.destination) << ")\n";
        printTrace(out, v.path, QStringLiteral("      "));
    }
    if (p.omitted > 0)
        out << "  " << QCoreApplication::translate("cli", "%1 more violation(s) not listed\n").arg(p.omitted);
}

void printExposure(QTextStream& out, const Exposure& e)
{
    auto list = [](const std::vector<std::string>& ids) {
        QStringList parts;
        for (const std::string& id : ids)
            parts << toQString(id);
        return parts.join(QStringLiteral(", "));
    };
    QStringList facts;
    if (e.egress)
        facts << QCoreApplication::translate("cli", "reaches the internet via %1").arg(list(e.egressVia));
    if (e.ingress)
        facts << QCoreApplication::translate("cli", "reachable from the internet via %1 (%2)").arg(list(e.ingressVia), list(e.openPorts));
    out << "exposure " << toQString(e.workload) << ": " << facts.join(QStringLiteral("; ")) << "\n";
}

} // namespace

int runCheck(const QStringList& args, Streams io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "cli", "Load PrivatePath designs, validate them, and print design findings, the verdict and path of\n"
               "every flow, the workloads exposed to the internet, and the design's policies.\n"
               "Exit codes: 0 no errors; 1 error findings, a flow that misses its expected verdict or a\n"
               "violated policy;\n"
               "2 usage error; 3 a file could not be read or parsed."));
    parser.addHelpOption();
    const QCommandLineOption format(QStringLiteral("format"),
                                    QCoreApplication::translate("cli", "Output format: text (default), json, sarif or junit."),
                                    QStringLiteral("text|json|sarif|junit"), QStringLiteral("text"));
    parser.addOption(format);
    const QCommandLineOption sarifBase(
        QStringLiteral("sarif-base"),
        QCoreApplication::translate("cli", "SARIF: make file locations relative to this directory (default: the working directory)."),
        QStringLiteral("DIR"));
    parser.addOption(sarifBase);
    const QCommandLineOption flowOption(QStringLiteral("flow"),
                                        QCoreApplication::translate("cli", "Report only the flow with this id."),
                                        QStringLiteral("ID"));
    parser.addOption(flowOption);
    parser.addPositionalArgument(QStringLiteral("FILE"), QCoreApplication::translate("cli", "Design files to check."),
                                 QStringLiteral("FILE..."));
    if (const auto done = parseSubcommand(parser, args, QStringLiteral("check"), io))
        return *done;
    const QString formatName = parser.value(format);
    if (!QStringList{QStringLiteral("text"), QStringLiteral("json"), QStringLiteral("sarif"), QStringLiteral("junit")}.contains(formatName)) {
        io.err << QCoreApplication::translate("cli", "Unknown format '%1'; use text, json, sarif or junit.\n").arg(formatName);
        return UsageError;
    }
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty()) {
        io.err << QCoreApplication::translate("cli", "No design file given.\n") << subcommandHelp(parser, QStringLiteral("check"));
        return UsageError;
    }

    std::vector<FileCheck> checks;
    bool flowFound = false;
    for (const QString& file : files) {
        FileCheck check;
        check.file = toStdString(file);
        LoadResult loaded = loadDesignFile(check.file);
        check.diagnostics = std::move(loaded.diagnostics);
        check.loaded = loaded.ok();
        check.onlyFlow = toStdString(parser.value(flowOption));
        if (loaded.design) {
            analyzeInto(check, *loaded.design);
            flowFound = flowFound || (!check.onlyFlow.empty() && loaded.design->findFlow(FlowId(check.onlyFlow)));
        }
        checks.push_back(std::move(check));
    }

    // `--flow ID` must name a flow of at least one of the designs that loaded.
    const bool anyLoaded = std::any_of(checks.begin(), checks.end(), [](const FileCheck& c) { return c.loaded; });
    if (parser.isSet(flowOption) && anyLoaded && !flowFound) {
        io.err << QCoreApplication::translate("cli", "There is no flow '%1' in the given designs.\n").arg(parser.value(flowOption));
        return UsageError;
    }

    if (formatName == QLatin1String("json")) {
        io.out << toQString(checkReportText(checks)) << "\n";
        return checkExitCode(checks);
    }
    if (formatName == QLatin1String("sarif")) {
        SourceIndex sources;
        for (const FileCheck& check : checks)
            if (check.loaded)
                sources.addFile(check.file);
        const SarifOptions options{toStdString(parser.value(sarifBase))};
        io.out << toQString(checkSarif(checks, sources, options).dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace))
               << "\n";
        return checkExitCode(checks);
    }
    if (formatName == QLatin1String("junit")) {
        io.out << toQString(checkJUnit(checks));
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
        for (const FlowResult& r : check.flows)
            if (check.onlyFlow.empty() || r.flow.str() == check.onlyFlow)
                printFlow(io.out, r);
        for (const Exposure& e : check.exposure)
            printExposure(io.out, e);
        for (const PolicyResult& p : check.policies)
            printPolicy(io.out, toQString(check.file), p);
        io.out << QCoreApplication::translate("cli", "%1: %2 error(s), %3 warning(s), %4 flow(s), %5 missing the expected verdict")
                      .arg(toQString(check.file))
                      .arg(check.errorCount())
                      .arg(check.warningCount())
                      .arg(check.onlyFlow.empty() ? check.flows.size() : 1)
                      .arg(check.unmetExpectations());
        if (!check.policies.empty())
            io.out << QCoreApplication::translate("cli", ", %1 of %2 policies violated")
                          .arg(std::count_if(check.policies.begin(), check.policies.end(),
                                             [](const PolicyResult& p) { return !p.satisfied(); }))
                          .arg(check.policies.size());
        io.out << "\n";
    }
    return checkExitCode(checks);
}

} // namespace pp::cli
