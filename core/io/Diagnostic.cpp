#include "io/Diagnostic.h"

#include "io/TextEscape.h"

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

std::string escapeControlCharacters(std::string_view text, std::string_view keep)
{
    std::string out;
    out.reserve(text.size());
    auto escape = [&out](unsigned code) {
        static constexpr char kHex[] = "0123456789abcdef";
        out += "\\u00";
        out += kHex[code >> 4];
        out += kHex[code & 15];
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if ((byte < 0x20 || byte == 0x7f) && keep.find(char(byte)) == std::string_view::npos) {
            escape(byte);
        } else if (byte == 0xc2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
                   static_cast<unsigned char>(text[i + 1]) <= 0x9f) {
            escape(static_cast<unsigned char>(text[++i])); // UTF-8 of a C1 control, such as U+009B (CSI)
        } else {
            out += char(byte);
        }
    }
    return out;
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
    return escapeControlCharacters(out);
}

} // namespace pp
