#pragma once

#include "analysis/AnalysisResult.h"
#include "design/Design.h"
#include "io/Diagnostic.h"
#include "lint/Lint.h"
#include "policy/PolicyCheck.h"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace pp {

// What `privatepath check` found in one file.
struct FileCheck {
    std::string file;
    bool loaded = false;          // false: the file could not be read or parsed
    Diagnostics diagnostics;      // loader errors and warnings
    std::vector<Finding> findings;
    std::vector<FlowResult> flows;      // verdicts, in flow order
    std::vector<Exposure> exposure;     // exposed workloads
    std::string onlyFlow;               // `--flow ID`: report this flow only
    std::vector<PolicyResult> policies; // the design's policies, in file order

    int policyViolations() const;       // violations of all policies, listed or omitted

    int unmetExpectations() const;      // flows whose verdict differs from `expect`

    int errorCount() const;       // error findings and loader errors
    int warningCount() const;     // warning findings and loader warnings
};

// Exit status for a set of checked files: 3 if any file failed to load, else 1 if any has an
// error finding, a flow that misses its expected verdict or a violated policy, else 0.
int checkExitCode(const std::vector<FileCheck>& files);

// Runs the analysis of a loaded design into `check`.
void analyzeInto(FileCheck& check, const Design& design);

// Pieces of the JSON reports (also used by `privatepath lesson`): a loader message, and a list of
// explanations as {code, rule, resource, message}.
nlohmann::ordered_json diagnosticJson(const Diagnostic& diagnostic);
nlohmann::ordered_json explanationsJson(const std::vector<Explanation>& explanations);
// A trace's answer as the report writes each flow's: verdict, path, leavesPrivateNetworkAt,
// returnPath, blocking, hints, notes (added to `object`).
void addTraceJson(nlohmann::ordered_json& object, const FlowResult& result);
// One policy's result (`check` and, later, `diff`): policy, kind, satisfied, scope sizes, pairs,
// violations (each with code, rule, message, source, destination and the trace), omitted.
nlohmann::ordered_json policyResultJson(const PolicyResult& result);
// One violation: code, message, source, destination and the trace's keys (addTraceJson).
nlohmann::ordered_json policyViolationJson(const PolicyViolation& violation);

// A finding as the check report writes it: {severity, code, rule, ids, route (when set), message}.
nlohmann::ordered_json findingJson(const Finding& finding);

// A flow's path for CI reports: one numbered line per hop ("  1. i-app source opens tcp 443 to
// s3"), the hop where it leaves the private network marked, then its blocking reasons, hints and
// notes as "blocked [CODE] at RESOURCE: MESSAGE". English, like the messages it carries.
std::string flowPathText(const FlowResult& flow);
// The hops' resources on one line: "i-app > rt-app > nat-a > igw-a > s3".
std::string flowPathLine(const FlowResult& flow);

// The machine-readable report (`check --format json`), documented in docs/analysis-report.md, as
// text (without a final newline): written as it goes, without building the JSON tree first, so a
// big design's report costs about its own size in memory. Deterministic: same files, same bytes.
std::string checkReportText(const std::vector<FileCheck>& files);
// The same report as a JSON tree (checkReportText is its dump(2), byte for byte).
nlohmann::ordered_json checkReportJson(const std::vector<FileCheck>& files);

} // namespace pp
