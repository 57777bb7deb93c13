#pragma once

// SARIF 2.1.0 (OASIS, https://docs.oasis-open.org/sarif/sarif/v2.1.0/) for `check`, `diff` and
// `lesson grade` with `--format sarif` (docs/ci.md). One run; tool.driver is PrivatePath with
// every code of codes/Codes.h as a rule (plus the loader codes the results use); each finding,
// missed expectation, public flow, exposure, diff gate failure or missed goal is a result whose
// location is the file, line and column of the resource (or flow) it is about.

#include "diff/DesignDiff.h"
#include "io/SourceLocator.h"
#include "lesson/Grading.h"
#include "report/CheckReport.h"
#include "report/DiffReport.h"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <unordered_map>

namespace pp {

// The project's home page: SARIF's tool.driver.informationUri; rules' helpUri points into its docs.
inline constexpr std::string_view kInformationUri = PRIVATEPATH_INFORMATION_URI;

// Where resources and flows stand in the design files a report names (io/SourceLocator.h,
// locateIds). Files are keyed by the name the report uses for them.
class SourceIndex {
public:
    void add(const std::string& file, std::string_view text);
    // Reads and indexes a design file; false (and nothing indexed) when it cannot be read.
    bool addFile(const std::string& file);
    // Line and column of the id's `"id"` key in `file`; nothing when the file or id is unknown.
    std::optional<TextPosition> find(const std::string& file, const std::string& id) const;

private:
    std::unordered_map<std::string, std::unordered_map<std::string, TextPosition>> m_files;
};

struct SarifOptions {
    // Artifact URIs are relative to this directory ("" = the working directory), so a pipeline
    // that runs from the repository root gets repository-relative paths, as code scanning wants.
    std::string base;
};

// `check --format sarif`: loader messages, findings, flows that miss their `expect`
// (FLOW_EXPECTATION_NOT_MET, error), public flows without `expect` (FLOW_PUBLIC, warning), and
// exposure (WORKLOAD_INTERNET_INGRESS warning, WORKLOAD_INTERNET_EGRESS note).
nlohmann::ordered_json checkSarif(const std::vector<FileCheck>& files, const SourceIndex& sources, const SarifOptions& options = {});

// `diff --format sarif`: what the change made worse, located in the new file: DIFF_NEW_PUBLIC_PATH,
// DIFF_NEW_EXPOSURE and DIFF_EXPECTATION_BROKEN (errors: they fail the gate), and the findings the
// change introduced with their own code and severity. `warnings`: loader warnings of either file.
nlohmann::ordered_json diffSarif(const DiffFiles& files, const DesignDiff& diff, const SourceIndex& sources,
                                 const Diagnostics& warnings = {}, const SarifOptions& options = {});

// `lesson grade --format sarif`: per submission, each reason of each missed goal (its own code,
// located at the resource it names), each locked change (LOCKED_*), SUBMISSION_OTHER_LESSON, and
// the loader messages of unreadable files. All at level error except loader warnings.
nlohmann::ordered_json gradeSarif(const std::vector<SubmissionGrade>& grades, const SourceIndex& sources,
                                  const SarifOptions& options = {});

// A file name as a SARIF artifact URI: relative to `base` (or absolute when it has no relative
// form), with '/' separators, percent-encoded (RFC 3986: unreserved characters and '/' kept).
std::string sarifUri(const std::string& file, const std::string& base);

} // namespace pp
