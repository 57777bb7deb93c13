// `privatepath query FILE --from SCOPE --to SCOPE`: what can reach what (docs/cli.md, "query").
#include "cli/Cli.h"
#include "cli/TraceText.h"

#include "io/DesignFile.h"
#include "analysis/Analyzer.h"
#include "policy/PolicyCheck.h"
#include "report/CheckReport.h"

#include <QCommandLineParser>
#include <QCoreApplication>

namespace pp::cli {
namespace {

QString tr(const char* text) { return QCoreApplication::translate("cli", text); }

// A scope from the command line: each value of --from (or --to) is a comma-separated list of
// terms `ID`, `id:ID`, `kind:KIND`, `in:CONTAINER` or `tag:KEY[=VALUE]`; a `tag:` term runs to the
// end of its value (tag values may hold commas). Terms of one category are alternatives; the
// categories combine as in a policy's scope (docs/file-format.md, "Policies").
std::optional<Scope> parseScope(const QStringList& values, const Design& design, QString& error)
{
    Scope scope;
    for (const QString& value : values) {
        QStringList terms;
        const qsizetype tag = value.indexOf(QStringLiteral("tag:"));
        const bool tagStartsTerm = tag == 0 || (tag > 0 && value.at(tag - 1) == QLatin1Char(','));
        if (tag >= 0 && tagStartsTerm) {
            terms = value.left(tag).split(QLatin1Char(','), Qt::SkipEmptyParts);
            terms << value.mid(tag);
        } else {
            terms = value.split(QLatin1Char(','), Qt::SkipEmptyParts);
        }
        for (const QString& term : terms) {
            const std::string text = toStdString(term.trimmed());
            auto after = [&](std::string_view prefix) { return text.substr(prefix.size()); };
            if (text.rfind("kind:", 0) == 0) {
                const auto kind = kindFromName(after("kind:"));
                if (!kind || !kFlowEndpoints.contains(*kind)) {
                    error = tr("'%1' is not a kind of endpoint; use workload, onPremisesHost, internetHost, awsService, "
                               "vpcEndpoint, endpointService or loadBalancer")
                                .arg(toQString(after("kind:")));
                    return std::nullopt;
                }
                scope.kinds.push_back(after("kind:"));
            } else if (text.rfind("in:", 0) == 0) {
                const Resource* r = design.find(ResourceId(after("in:")));
                if (!r || (r->kind() != Kind::Vpc && r->kind() != Kind::Subnet && r->kind() != Kind::OnPremisesNetwork)) {
                    error = tr("'%1' is not a VPC, subnet or on-premises network of the design").arg(toQString(after("in:")));
                    return std::nullopt;
                }
                scope.containers.push_back(r->id);
            } else if (text.rfind("tag:", 0) == 0) {
                if (after("tag:").empty() || after("tag:").front() == '=') {
                    error = tr("a tag is written tag:KEY or tag:KEY=VALUE");
                    return std::nullopt;
                }
                scope.tags.push_back(after("tag:"));
            } else {
                const std::string id = text.rfind("id:", 0) == 0 ? after("id:") : text;
                const Resource* r = design.find(ResourceId(id));
                if (!r || !kFlowEndpoints.contains(r->kind())) {
                    error = r ? tr("'%1' is a %2, not an endpoint; use in:%1 for what it contains")
                                    .arg(toQString(id), toQString(std::string(kindInfo(r->kind()).name)))
                              : tr("there is no resource '%1' in the design").arg(toQString(id));
                    return std::nullopt;
                }
                scope.resources.push_back(r->id);
            }
        }
    }
    if (scope.empty()) {
        error = tr("the scope is empty");
        return std::nullopt;
    }
    return scope;
}

nlohmann::ordered_json scopeJson(const Scope& scope)
{
    nlohmann::ordered_json out = nlohmann::ordered_json::object();
    std::vector<std::string> resources, containers;
    for (const ResourceId& id : scope.resources)
        resources.push_back(id.str());
    for (const ResourceId& id : scope.containers)
        containers.push_back(id.str());
    out["resources"] = resources;
    out["kinds"] = scope.kinds;
    out["containers"] = containers;
    out["tags"] = scope.tags;
    return out;
}

} // namespace

int runQuery(const QStringList& args, Streams io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr(
        "Answer what can reach what in a design: for every source in the --from scope and destination in the\n"
        "--to scope, the verdict (private, public, unreachable) and the path, reachable pairs first.\n"
        "A scope is a comma-separated list of terms: ID, kind:KIND, in:VPC-OR-SUBNET, tag:KEY[=VALUE].\n"
        "Exit codes: 0 answered; 2 usage error; 3 the file could not be read or parsed."));
    parser.addHelpOption();
    const QCommandLineOption from(QStringLiteral("from"), tr("Sources (repeatable; terms combine as in a policy scope)."),
                                  QStringLiteral("SCOPE"));
    const QCommandLineOption to(QStringLiteral("to"), tr("Destinations (repeatable)."), QStringLiteral("SCOPE"));
    const QCommandLineOption protocol(QStringLiteral("protocol"), tr("all (default: any traffic), tcp, udp, icmp or icmpv6."),
                                      QStringLiteral("P"), QStringLiteral("all"));
    const QCommandLineOption port(QStringLiteral("port"), tr("Destination port (required with tcp and udp)."), QStringLiteral("N"));
    const QCommandLineOption format(QStringLiteral("format"), tr("Output format: text (default) or json."),
                                    QStringLiteral("text|json"), QStringLiteral("text"));
    const QCommandLineOption limit(QStringLiteral("limit"), tr("List the paths of at most N pairs (default 1000); all are counted."),
                                   QStringLiteral("N"), QStringLiteral("1000"));
    parser.addOptions({from, to, protocol, port, format, limit});
    parser.addPositionalArgument(QStringLiteral("FILE"), tr("The design file."), QStringLiteral("FILE"));
    if (const auto done = parseSubcommand(parser, args, QStringLiteral("query"), io))
        return *done;
    auto usage = [&](const QString& message) {
        io.err << message << "\n" << subcommandHelp(parser, QStringLiteral("query"));
        return UsageError;
    };
    const QString formatName = parser.value(format);
    if (formatName != QLatin1String("text") && formatName != QLatin1String("json"))
        return usage(tr("Unknown format '%1'; use text or json.").arg(formatName));
    if (parser.positionalArguments().size() != 1)
        return usage(tr("Give exactly one design file."));
    if (!parser.isSet(from) || !parser.isSet(to))
        return usage(tr("Both --from and --to are required."));
    TrafficQuery traffic;
    const auto protocolValue = enumFromName<Protocol>(toStdString(parser.value(protocol)));
    if (!protocolValue)
        return usage(tr("Unknown protocol '%1'; use all, tcp, udp, icmp or icmpv6.").arg(parser.value(protocol)));
    traffic.protocol = *protocolValue;
    const bool ported = traffic.protocol == Protocol::Tcp || traffic.protocol == Protocol::Udp;
    if (parser.isSet(port)) {
        bool ok = false;
        const int n = parser.value(port).toInt(&ok);
        if (!ok || n < 0 || n > 65535)
            return usage(tr("--port must be a number from 0 to 65535."));
        if (!ported)
            return usage(tr("--port applies to tcp and udp only."));
        traffic.port = n;
    } else if (ported) {
        return usage(tr("--protocol %1 needs --port.").arg(parser.value(protocol)));
    }
    bool limitOk = false;
    const int maxAnswers = parser.value(limit).toInt(&limitOk);
    if (!limitOk || maxAnswers < 0)
        return usage(tr("--limit must be a number of 0 or more."));

    const QString file = parser.positionalArguments().front();
    LoadResult loaded = loadDesignFile(toStdString(file));
    for (const Diagnostic& d : loaded.diagnostics)
        if (d.severity == Severity::Error || formatName == QLatin1String("text"))
            io.err << toQString(d.format()) << "\n";
    if (!loaded.design) {
        io.err << tr("%1: the file could not be loaded\n").arg(file);
        return InputError;
    }
    const Design& design = *loaded.design;
    QString error;
    const auto fromScope = parseScope(parser.values(from), design, error);
    if (!fromScope)
        return usage(tr("--from: %1.").arg(error));
    const auto toScope = parseScope(parser.values(to), design, error);
    if (!toScope)
        return usage(tr("--to: %1.").arg(error));

    const AnalysisResult analysis = analyzeDesign(design);
    const QueryResult result = queryReachability(design, analysis, *fromScope, *toScope, traffic, std::size_t(maxAnswers));

    if (formatName == QLatin1String("json")) {
        using OJ = nlohmann::ordered_json;
        OJ report = OJ::object();
        report["reportVersion"] = 1;
        report["privatepathVersion"] = PRIVATEPATH_VERSION;
        report["file"] = toStdString(file);
        report["from"] = scopeJson(*fromScope);
        report["to"] = scopeJson(*toScope);
        report["protocol"] = std::string(enumName(traffic.protocol));
        report["port"] = traffic.port ? OJ(*traffic.port) : OJ(nullptr);
        report["sources"] = result.sources;
        report["destinations"] = result.destinations;
        report["pairs"] = result.pairs;
        report["private"] = result.privatePairs;
        report["public"] = result.publicPairs;
        report["unreachable"] = result.unreachablePairs;
        OJ answers = OJ::array();
        for (const ReachabilityAnswer& a : result.answers) {
            OJ item = OJ::object();
            item["source"] = a.source;
            item["destination"] = a.destination;
            addTraceJson(item, a.path);
            answers.push_back(std::move(item));
        }
        report["answers"] = std::move(answers);
        report["omitted"] = result.omitted;
        io.out << toQString(report.dump(2)) << "\n";
        return Ok;
    }

    for (const ReachabilityAnswer& a : result.answers) {
        io.out << toQString(a.source) << " -> " << toQString(a.destination) << ": " << verdictWord(a.path.verdict) << "\n";
        printTrace(io.out, a.path);
    }
    if (result.omitted > 0)
        io.out << tr("%1 more pair(s) not listed (--limit)\n").arg(result.omitted);
    io.out << tr("%1: %2 source(s), %3 destination(s), %4 pair(s): %5 private, %6 public, %7 unreachable\n")
                  .arg(file)
                  .arg(result.sources)
                  .arg(result.destinations)
                  .arg(result.pairs)
                  .arg(result.privatePairs)
                  .arg(result.publicPairs)
                  .arg(result.unreachablePairs);
    return Ok;
}

} // namespace pp::cli
