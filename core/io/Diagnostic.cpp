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

std::string validUtf8(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        const auto lead = static_cast<unsigned char>(text[i]);
        // Length of the sequence and the range its second byte must fall in (RFC 3629, table 3-7
        // of the Unicode standard): this refuses overlong forms, surrogates and values past U+10FFFF.
        std::size_t length = 0;
        unsigned char low = 0x80, high = 0xbf;
        if (lead < 0x80)
            length = 1;
        else if (lead >= 0xc2 && lead <= 0xdf)
            length = 2;
        else if (lead >= 0xe0 && lead <= 0xef) {
            length = 3;
            low = lead == 0xe0 ? 0xa0 : 0x80;
            high = lead == 0xed ? 0x9f : 0xbf;
        } else if (lead >= 0xf0 && lead <= 0xf4) {
            length = 4;
            low = lead == 0xf0 ? 0x90 : 0x80;
            high = lead == 0xf4 ? 0x8f : 0xbf;
        }
        bool ok = length > 0 && i + length <= text.size();
        for (std::size_t k = 1; ok && k < length; ++k) {
            const auto byte = static_cast<unsigned char>(text[i + k]);
            ok = k == 1 ? byte >= low && byte <= high : byte >= 0x80 && byte <= 0xbf;
        }
        if (ok) {
            out.append(text.substr(i, length));
            i += length;
        } else {
            out += "\xEF\xBF\xBD"; // U+FFFD REPLACEMENT CHARACTER
            ++i;
        }
    }
    return out;
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
