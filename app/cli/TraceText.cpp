#include "cli/TraceText.h"

#include "cli/Cli.h"

#include <QCoreApplication>

namespace pp::cli {
namespace {

void printExplanations(QTextStream& out, const QString& indent, const char* label, const std::vector<Explanation>& list)
{
    for (const Explanation& e : list)
        out << indent << label << " [" << toQString(e.code) << "]"
            << (e.resource.empty() ? QString() : QStringLiteral(" at ") + toQString(e.resource)) << ": " << toQString(e.message)
            << "\n";
}

} // namespace

QString verdictWord(Verdict v)
{
    switch (v) {
    case Verdict::Private:
        return QCoreApplication::translate("cli", "PRIVATE");
    case Verdict::Public:
        return QCoreApplication::translate("cli", "PUBLIC");
    case Verdict::Unreachable:
        return QCoreApplication::translate("cli", "UNREACHABLE");
    }
    return {};
}

void printTrace(QTextStream& out, const FlowResult& r, const QString& indent)
{
    for (std::size_t i = 0; i < r.path.size(); ++i) {
        const Hop& h = r.path[i];
        out << indent
            << QStringLiteral("%1. %2 %3  %4").arg(i + 1, 2).arg(toQString(h.resource), -18).arg(toQString(h.action), -13)
                   .arg(toQString(h.detail));
        if (r.leavesAt && *r.leavesAt == i)
            out << QCoreApplication::translate("cli", "  <- leaves the private network");
        out << "\n";
    }
    if (r.returnChecked)
        out << indent << (r.returnOk ? QCoreApplication::translate("cli", "return path: ok")
                                     : QCoreApplication::translate("cli", "return path: blocked"))
            << "\n";
    printExplanations(out, indent, "blocked", r.blocking);
    printExplanations(out, indent, "hint", r.hints);
    printExplanations(out, indent, "note", r.notes);
}

} // namespace pp::cli
