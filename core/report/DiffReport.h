#pragma once

// The reports of `privatepath diff` (docs/cli.md, "privatepath diff"): JSON for scripts and
// Markdown for a pull-request comment. The text output is the command's own (its words are
// translated); SARIF and JUnit are in report/Sarif.h and report/JUnit.h.

#include "diff/DesignDiff.h"
#include "io/Diagnostic.h"

#include <nlohmann/json.hpp>
#include <string>

namespace pp {

// How reports name a design read from standard input (`privatepath diff - NEW`).
inline constexpr std::string_view kStandardInputName = "<stdin>";

// The two files compared, as named on the command line (kStandardInputName for `-`).
struct DiffFiles {
    std::string before;
    std::string after;
};

// Exit status of a diff of two loaded designs: 1 when the change fails the gate (a new public
// path, new internet exposure, a broken `expect`, a policy newly violated), else 0.
int diffExitCode(const DesignDiff& diff);

// `diff --format json`, documented key by key in docs/cli.md. Deterministic: same files, same
// bytes. `warnings` are the loader's warnings on either file.
nlohmann::ordered_json diffReportJson(const DiffFiles& files, const DesignDiff& diff, const Diagnostics& warnings = {});

// `diff --format markdown`: a heading with the verdict of the gate, a one-line summary, then the
// changes worst first (new public paths, newly violated policies, removed policies, new exposure, broken expectations, new error findings,
// other verdict and path changes, new warnings, removed, added and changed resources, then what
// the change fixed), at most `limit` of them followed by "…and N more". User text is escaped so a
// name cannot inject Markdown or HTML into the comment.
std::string diffMarkdown(const DiffFiles& files, const DesignDiff& diff, std::size_t limit = 20);

} // namespace pp
