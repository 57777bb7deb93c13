#pragma once

// Text output shared by `check` and `query`: a verdict word and a traced path with its reasons.

#include "analysis/AnalysisResult.h"

#include <QString>
#include <QTextStream>

namespace pp::cli {

QString verdictWord(Verdict v); // PRIVATE, PUBLIC, UNREACHABLE
// The hops (numbered, the one where the path leaves the private network marked), the return path,
// and the blocking reasons, hints and notes, each line starting with `indent`.
void printTrace(QTextStream& out, const FlowResult& r, const QString& indent = QStringLiteral("    "));

} // namespace pp::cli
