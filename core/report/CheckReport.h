#pragma once

#include "io/Diagnostic.h"
#include "lint/Lint.h"

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

    int errorCount() const;       // error findings and loader errors
    int warningCount() const;     // warning findings and loader warnings
};

// Exit status for a set of checked files: 3 if any file failed to load, else 1 if any has an
// error finding, else 0.
int checkExitCode(const std::vector<FileCheck>& files);

// The machine-readable report (`check --format json`), documented in docs/cli.md.
// Deterministic: same files, same bytes.
nlohmann::ordered_json checkReportJson(const std::vector<FileCheck>& files);

} // namespace pp
