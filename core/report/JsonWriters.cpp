#include "report/JsonWriters.h"

#include "io/TextEscape.h"

#include <algorithm>

namespace pp {
namespace {

// Appends `text` as a JSON string the way nlohmann's serializer does with ensure_ascii off: the
// two-character escapes for \b \t \n \f \r " and \, \u00xx (lower-case hex) for the other
// characters below U+0020, everything else as is.
void appendQuoted(std::string& out, std::string_view text)
{
    out += '"';
    std::size_t run = 0; // start of the bytes not yet copied
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        out.append(text.substr(run, i - run));
        run = i + 1;
        switch (c) {
        case '\b': out += "\\b"; break;
        case '\t': out += "\\t"; break;
        case '\n': out += "\\n"; break;
        case '\f': out += "\\f"; break;
        case '\r': out += "\\r"; break;
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        default: {
            static constexpr char kHex[] = "0123456789abcdef";
            const char escape[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
            out.append(escape, sizeof escape);
        }
        }
    }
    out.append(text.substr(run));
    out += '"';
}

bool isAscii(std::string_view text)
{
    return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

} // namespace

void JsonTextWriter::beforeValue()
{
    if (m_afterKey) { // the key wrote the separator and the indentation
        m_afterKey = false;
        return;
    }
    if (m_items.empty())
        return; // the document's value
    m_out += m_items.back()++ == 0 ? "\n" : ",\n";
    indent(m_items.size());
}

void JsonTextWriter::key(std::string_view name)
{
    beforeValue();
    if (isAscii(name))
        appendQuoted(m_out, name);
    else
        appendQuoted(m_out, validUtf8(name));
    m_out += ": ";
    m_afterKey = true;
}

void JsonTextWriter::value(std::string_view text)
{
    beforeValue();
    if (isAscii(text))
        appendQuoted(m_out, text);
    else
        appendQuoted(m_out, validUtf8(text)); // the same text when it is valid
}

void JsonTextWriter::open(char bracket)
{
    beforeValue();
    m_out += bracket;
    m_items.push_back(0);
}

void JsonTextWriter::close(char bracket)
{
    const std::size_t items = m_items.back();
    m_items.pop_back();
    if (items > 0) { // an empty container stays on one line: {} or []
        m_out += '\n';
        indent(m_items.size());
    }
    m_out += bracket;
}

nlohmann::ordered_json& JsonTreeWriter::place(nlohmann::ordered_json v)
{
    if (m_open.empty()) {
        m_root = std::move(v);
        return m_root;
    }
    nlohmann::ordered_json& container = *m_open.back();
    if (container.is_array()) {
        container.push_back(std::move(v));
        return container.back();
    }
    nlohmann::ordered_json& slot = container[m_key];
    slot = std::move(v);
    return slot;
}

} // namespace pp
