#pragma once

#include <string>
#include <vector>

namespace pp {

enum class Severity { Error, Warning, Info };
const char* severityName(Severity s); // "error", "warning", "info"

// One message about a file: where (file, 1-based line and column when known, JSON pointer,
// resource id) and what (a stable code and an English sentence). Codes are listed in
// docs/file-format.md ("Loader messages").
struct Diagnostic {
    Severity severity = Severity::Error;
    std::string code;
    std::string message;
    std::string file;
    int line = 0;   // 0 = unknown
    int column = 0; // 0 = unknown
    std::string jsonPath;
    std::string resourceId;

    // "design.privatepath:12:7: error: ... [CODE] (at /vpcs/0/cidr, resource vpc-a)"
    std::string format() const;
};

using Diagnostics = std::vector<Diagnostic>;

} // namespace pp
