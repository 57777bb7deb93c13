#include "io/Diagnostic.h"

namespace pp {

const char* severityName(Severity s)
{
    switch (s) {
    case Severity::Error:
        return "error";
    case Severity::Warning:
        return "warning";
    case Severity::Info:
        return "info";
    }
    return "error";
}

std::string Diagnostic::format() const
{
    std::string out = file.empty() ? std::string("<input>") : file;
    if (line > 0) {
        out += ':' + std::to_string(line);
        if (column > 0)
            out += ':' + std::to_string(column);
    }
    out += std::string(": ") + severityName(severity) + ": " + message + " [" + code + "]";
    if (!jsonPath.empty() || !resourceId.empty()) {
        out += " (";
        if (!jsonPath.empty())
            out += "at " + jsonPath;
        if (!resourceId.empty())
            out += std::string(jsonPath.empty() ? "" : ", ") + "resource " + resourceId;
        out += ')';
    }
    return out;
}

} // namespace pp
