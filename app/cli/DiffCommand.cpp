// `privatepath diff OLD NEW` (docs/cli.md): what a change to a design does. The comparison is in
// core (diff/DesignDiff.h) and so are the JSON, Markdown, SARIF and JUnit reports; this file parses
// arguments, reads the two designs (one may be standard input) and prints the text output.
#include "cli/Cli.h"

#include "io/DesignFile.h"
#include "report/CheckReport.h"
#include "report/DiffReport.h"
#include "report/JUnit.h"
#include "report/Sarif.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <iostream>
#include <iterator>

namespace pp::cli {
namespace {

QString tr(const char* text) { return QCoreApplication::translate("cli", text); }

QString verdictWord(const std::optional<Verdict>& v)
{
    return v ? toQString(std::string(enumName(*v))).toUpper() : QStringLiteral("-");
}

QString joinIds(const std::vector<std::string>& ids, const QString& separator)
{
    QStringList parts;
    for (const std::string& id : ids)
        parts << toQString(id);
    return parts.join(separator);
}

struct Side {
    std::string name; // as reports name it
    std::string text;
    std::optional<Design> design;
};

// Reads and loads one side; "-" is standard input. `label` (if not empty) names it in reports and
// messages instead. Loader errors go to err; returns false on failure.
bool loadSide(const QString& argument, const QString& label, Side& side, Diagnostics& warnings, Streams io)
{
    Diagnostics problems;
    const LoadLimits limits;
    if (argument == QLatin1String("-")) {
        side.name = label.isEmpty() ? std::string(kStandardInputName) : toStdString(label);
        side.text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
        if (side.text.size() > limits.maxBytes) {
            io.err << tr("%1: the input is %2 bytes; the limit is %3\n").arg(toQString(side.name)).arg(side.text.size()).arg(limits.maxBytes);
            return false;
        }
    } else {
        const std::optional<std::string> text = readDesignText(toStdString(argument), limits, problems);
        if (text)
            side.text = *text;
        side.name = toStdString(label.isEmpty() ? argument : label);
    }
    if (problems.empty()) {
        LoadResult loaded = loadDesign(side.text, side.name, limits);
        problems = std::move(loaded.diagnostics);
        side.design = std::move(loaded.design);
    }
    for (const Diagnostic& d : problems) {
        io.err << toQString(d.format()) << "\n";
        if (d.severity != Severity::Error)
            warnings.push_back(d);
    }
    if (!side.design)
        io.err << tr("%1: not compared: the file could not be loaded\n").arg(toQString(side.name));
    return side.design.has_value();
}

void printText(QTextStream& out, const DiffFiles& files, const DesignDiff& diff)
{
    out << tr("diff %1 -> %2\n").arg(toQString(files.before), toQString(files.after));
    for (const ResourceDiff& r : diff.resources) {
        const QString what = QStringLiteral("%1 (%2)").arg(toQString(r.id), toQString(std::string(kindInfo(r.kind).name)));
        if (r.change == ChangeKind::Added)
            out << tr("resource added: %1\n").arg(what);
        else if (r.change == ChangeKind::Removed)
            out << tr("resource removed: %1\n").arg(what);
        else
            out << tr("resource changed: %1\n").arg(what);
        for (const FieldChange& f : r.fields)
            out << "    " << toQString(f.field) << ": " << (f.before.empty() ? tr("(absent)") : toQString(f.before)) << " -> "
                << (f.after.empty() ? tr("(absent)") : toQString(f.after)) << "\n";
    }
    for (const FlowDiff& f : diff.flows) {
        const QString id = toQString(f.flow);
        if (f.change == ChangeKind::Removed) {
            out << tr("flow %1 removed (was %2)\n").arg(id, verdictWord(f.verdictBefore));
            continue;
        }
        if (f.change == ChangeKind::Added)
            out << tr("flow %1 added: %2").arg(id, verdictWord(f.verdictAfter));
        else
            out << tr("flow %1: %2 -> %3").arg(id, verdictWord(f.verdictBefore), verdictWord(f.verdictAfter));
        if (f.newlyPublic())
            out << tr("  NEW PUBLIC PATH");
        if (f.expectBroken)
            out << tr("  (expected %1: BROKEN)").arg(toQString(std::string(enumName(*f.expected))));
        else if (f.expectFixed)
            out << tr("  (expected %1: met again)").arg(toQString(std::string(enumName(*f.expected))));
        out << "\n";
        for (const FieldChange& c : f.fields)
            out << "    " << toQString(c.field) << ": " << (c.before.empty() ? tr("(absent)") : toQString(c.before)) << " -> "
                << (c.after.empty() ? tr("(absent)") : toQString(c.after)) << "\n";
        if (f.pathChanged)
            out << tr("    path before: %1\n").arg(joinIds(f.pathBefore, QStringLiteral(" > ")));
        if (f.pathChanged || f.change == ChangeKind::Added || f.newlyPublic())
            out << tr("    path now:    %1\n").arg(joinIds(f.pathAfter, QStringLiteral(" > ")));
    }
    for (const ExposureDiff& e : diff.exposure) {
        QStringList facts;
        if (e.gainedIngress)
            facts << tr("now reachable from the internet via %1").arg(joinIds(e.after.ingressVia, QStringLiteral(", ")));
        if (!e.portsOpened.empty())
            facts << tr("newly open to the internet: %1").arg(joinIds(e.portsOpened, QStringLiteral(", ")));
        if (e.gainedEgress)
            facts << tr("now reaches the internet via %1").arg(joinIds(e.after.egressVia, QStringLiteral(", ")));
        if (e.lostIngress)
            facts << tr("no longer reachable from the internet");
        if (e.lostEgress)
            facts << tr("no longer reaches the internet");
        if (!e.portsClosed.empty() && !e.lostIngress)
            facts << tr("closed: %1").arg(joinIds(e.portsClosed, QStringLiteral(", ")));
        out << tr("exposure %1: %2\n").arg(toQString(e.workload), facts.join(QStringLiteral("; ")));
    }
    auto printFinding = [&](const QString& label, const Finding& f) {
        out << label << ": " << severityName(f.severity) << ": " << toQString(f.message) << " [" << toQString(f.code) << "] ("
            << joinIds(f.ids, QStringLiteral(", ")) << ")\n";
    };
    for (const Finding& f : diff.findingsIntroduced)
        printFinding(tr("finding introduced"), f);
    for (const Finding& f : diff.findingsFixed)
        printFinding(tr("finding fixed"), f);
    for (const PolicyDiff& p : diff.policies) {
        const QString id = toQString(p.policy);
        const QString kind = toQString(std::string(enumName(p.kind)));
        if (p.change == ChangeKind::Removed) {
            out << tr("policy %1 (%2) removed (it %3)\n").arg(id, kind, p.satisfiedBefore == false ? tr("was violated") : tr("held"));
            continue;
        }
        const QString now = p.satisfiedAfter == true ? tr("holds") : tr("%1 violation(s)").arg(p.violationsAfter);
        if (p.change == ChangeKind::Added)
            out << tr("policy %1 (%2) added: %3").arg(id, kind, now);
        else
            out << tr("policy %1 (%2): %3 -> %4")
                       .arg(id, kind, p.satisfiedBefore == true ? tr("holds") : tr("%1 violation(s)").arg(p.violationsBefore), now);
        if (p.newlyViolated())
            out << tr("  NEWLY VIOLATED");
        else if (p.newlySatisfied())
            out << tr("  (holds again)");
        out << "\n";
        for (const FieldChange& c : p.fields)
            out << "    " << toQString(c.field) << ": " << (c.before.empty() ? tr("(absent)") : toQString(c.before)) << " -> "
                << (c.after.empty() ? tr("(absent)") : toQString(c.after)) << "\n";
        for (const PolicyViolation& v : p.newViolations)
            out << tr("    new: %1 -> %2 [%3] via %4\n")
                       .arg(toQString(v.source), toQString(v.destination), toQString(v.code), toQString(flowPathLine(v.path)));
        if (p.fixedViolations > 0)
            out << tr("    %1 violation(s) fixed\n").arg(p.fixedViolations);
    }
    const DiffGate gate = diff.gate();
    out << tr("%1 resource change(s), %2 flow change(s), %3 finding(s) introduced, %4 fixed; "
              "%5 new public path(s), %6 newly exposed workload(s), %7 broken expectation(s), %8 policy(ies) newly violated\n")
               .arg(diff.resources.size())
               .arg(diff.flows.size())
               .arg(diff.findingsIntroduced.size())
               .arg(diff.findingsFixed.size())
               .arg(gate.newPublicFlows)
               .arg(gate.newExposure)
               .arg(gate.brokenExpectations)
               .arg(gate.violatedPolicies);
}

} // namespace

int runDiff(const QStringList& args, Streams io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr(
        "Compare two versions of a design: resources added, removed and changed (field by field), flows\n"
        "whose verdict or path changed, new internet exposure and public paths, findings introduced and\n"
        "fixed, policies newly violated or holding again. Either file may be '-' for standard input:\n"
        "  git show main:net.privatepath | privatepath diff - net.privatepath\n"
        "Exit codes: 0 nothing became public or exposed, no expect broke and no policy was newly violated;\n"
        "1 the change opens a public path, exposes a workload to the internet, makes a flow miss its expect\n"
        "or violates a policy; 2 usage error;\n"
        "3 a file could not be read or parsed."));
    parser.addHelpOption();
    const QCommandLineOption format(QStringLiteral("format"),
                                    tr("Output format: text (default), json, markdown, sarif or junit."),
                                    QStringLiteral("text|json|markdown|sarif|junit"), QStringLiteral("text"));
    parser.addOption(format);
    const QCommandLineOption limit(QStringLiteral("limit"), tr("Markdown: list at most N changes, worst first (default 20)."),
                                   QStringLiteral("N"), QStringLiteral("20"));
    parser.addOption(limit);
    const QCommandLineOption sarifBase(QStringLiteral("sarif-base"),
                                       tr("SARIF: make file locations relative to this directory (default: the working directory)."),
                                       QStringLiteral("DIR"));
    parser.addOption(sarifBase);
    const QCommandLineOption oldName(QStringLiteral("old-name"),
                                     tr("How reports and messages name the old version (e.g. main:net.privatepath when it is read from standard input)."),
                                     QStringLiteral("NAME"));
    parser.addOption(oldName);
    const QCommandLineOption newName(QStringLiteral("new-name"), tr("How reports and messages name the new version."), QStringLiteral("NAME"));
    parser.addOption(newName);
    parser.addPositionalArgument(QStringLiteral("OLD"), tr("The design before the change, or - for standard input."));
    parser.addPositionalArgument(QStringLiteral("NEW"), tr("The design after the change, or - for standard input."));
    const QString name = QStringLiteral("diff");
    if (const auto done = parseSubcommand(parser, args, name, io))
        return *done;
    const QString formatName = parser.value(format);
    const QStringList formats{QStringLiteral("text"), QStringLiteral("json"), QStringLiteral("markdown"), QStringLiteral("sarif"),
                              QStringLiteral("junit")};
    if (!formats.contains(formatName)) {
        io.err << tr("Unknown format '%1'; use text, json, markdown, sarif or junit.\n").arg(formatName);
        return UsageError;
    }
    bool limitOk = false;
    const int maxItems = parser.value(limit).toInt(&limitOk);
    if (!limitOk || maxItems < 0) {
        io.err << tr("--limit takes a number of changes (0 or more), not '%1'.\n").arg(parser.value(limit));
        return UsageError;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 2) {
        io.err << tr("Give two designs: OLD and NEW.\n") << subcommandHelp(parser, name);
        return UsageError;
    }
    if (positional.at(0) == QLatin1String("-") && positional.at(1) == QLatin1String("-")) {
        io.err << tr("Only one of OLD and NEW can be standard input ('-').\n");
        return UsageError;
    }

    Diagnostics warnings;
    Side before;
    Side after;
    const bool oldOk = loadSide(positional.at(0), parser.value(oldName), before, warnings, io);
    const bool newOk = loadSide(positional.at(1), parser.value(newName), after, warnings, io);
    if (!oldOk || !newOk)
        return InputError;

    const AnalysisResult beforeResult = analyzeForDiff(*before.design);
    const AnalysisResult afterResult = analyzeForDiff(*after.design);
    const DesignDiff diff = diffDesigns({*before.design, beforeResult}, {*after.design, afterResult});
    const DiffFiles files{before.name, after.name};
    const int exitCode = diffExitCode(diff);
    const auto dump = [](const nlohmann::ordered_json& json) {
        return toQString(json.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
    };

    if (formatName == QLatin1String("json")) {
        io.out << dump(diffReportJson(files, diff, warnings)) << "\n";
    } else if (formatName == QLatin1String("markdown")) {
        io.out << toQString(diffMarkdown(files, diff, std::size_t(maxItems)));
    } else if (formatName == QLatin1String("sarif")) {
        SourceIndex sources;
        sources.add(before.name, before.text);
        sources.add(after.name, after.text);
        io.out << dump(diffSarif(files, diff, sources, warnings, {toStdString(parser.value(sarifBase))})) << "\n";
    } else if (formatName == QLatin1String("junit")) {
        io.out << toQString(diffJUnit(files, diff, afterResult));
    } else {
        printText(io.out, files, diff);
    }
    return exitCode;
}

} // namespace pp::cli
