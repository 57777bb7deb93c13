#include "io/SourceLocator.h"

#include <vector>

namespace pp {
namespace {

class Scanner {
public:
    explicit Scanner(std::string_view text) : m_text(text) {}

    void skipSpace()
    {
        while (m_pos < m_text.size() &&
               (m_text[m_pos] == ' ' || m_text[m_pos] == '\n' || m_text[m_pos] == '\r' || m_text[m_pos] == '\t'))
            ++m_pos;
    }
    // Reads a string token starting at '"' and returns its decoded-enough value: escapes other
    // than \" and \\ are kept raw, which is enough to compare with JSON pointer tokens that
    // contain no escapes; keys with other escapes simply never match.
    std::string readString()
    {
        std::string out;
        ++m_pos; // opening quote
        while (m_pos < m_text.size() && m_text[m_pos] != '"') {
            if (m_text[m_pos] == '\\' && m_pos + 1 < m_text.size()) {
                const char next = m_text[m_pos + 1];
                out += (next == '"' || next == '\\' || next == '/') ? next : '\\';
                if (next != '"' && next != '\\' && next != '/')
                    out += next;
                m_pos += 2;
                continue;
            }
            out += m_text[m_pos++];
        }
        ++m_pos; // closing quote
        return out;
    }
    void skipValue()
    {
        skipSpace();
        if (m_pos >= m_text.size())
            return;
        const char c = m_text[m_pos];
        if (c == '"') {
            readString();
            return;
        }
        if (c == '{' || c == '[') {
            int depth = 0;
            while (m_pos < m_text.size()) {
                const char d = m_text[m_pos];
                if (d == '"') {
                    readString();
                    continue;
                }
                if (d == '{' || d == '[')
                    ++depth;
                else if (d == '}' || d == ']') {
                    --depth;
                    if (depth == 0) {
                        ++m_pos;
                        return;
                    }
                }
                ++m_pos;
            }
            return;
        }
        while (m_pos < m_text.size() && m_text[m_pos] != ',' && m_text[m_pos] != '}' && m_text[m_pos] != ']' &&
               m_text[m_pos] != ' ' && m_text[m_pos] != '\n' && m_text[m_pos] != '\r' && m_text[m_pos] != '\t')
            ++m_pos;
    }
    // Positions on the member `key` of the object at the cursor; returns the key's offset.
    bool enterMember(const std::string& key, std::size_t& keyOffset)
    {
        skipSpace();
        if (m_pos >= m_text.size() || m_text[m_pos] != '{')
            return false;
        ++m_pos;
        while (true) {
            skipSpace();
            if (m_pos >= m_text.size() || m_text[m_pos] != '"')
                return false;
            const std::size_t at = m_pos;
            const std::string name = readString();
            skipSpace();
            ++m_pos; // ':'
            if (name == key) {
                keyOffset = at;
                skipSpace();
                return true;
            }
            skipValue();
            skipSpace();
            if (m_pos >= m_text.size() || m_text[m_pos] != ',')
                return false;
            ++m_pos;
        }
    }
    bool enterElement(std::size_t index)
    {
        skipSpace();
        if (m_pos >= m_text.size() || m_text[m_pos] != '[')
            return false;
        ++m_pos;
        for (std::size_t i = 0;; ++i) {
            skipSpace();
            if (m_pos >= m_text.size() || m_text[m_pos] == ']')
                return false;
            if (i == index)
                return true;
            skipValue();
            skipSpace();
            if (m_pos >= m_text.size() || m_text[m_pos] != ',')
                return false;
            ++m_pos;
        }
    }
    // Reads the object at the cursor, calling `member(key, keyOffset)` with the cursor on each
    // member's value; `member` must consume the value (or leave it to skipValue by returning false).
    template <class F>
    void forEachMember(F&& member)
    {
        skipSpace();
        if (m_pos >= m_text.size() || m_text[m_pos] != '{')
            return skipValue();
        ++m_pos;
        while (true) {
            skipSpace();
            if (m_pos >= m_text.size() || m_text[m_pos] != '"')
                break;
            const std::size_t at = m_pos;
            const std::string name = readString();
            skipSpace();
            ++m_pos; // ':'
            skipSpace();
            if (!member(name, at))
                skipValue();
            skipSpace();
            if (m_pos >= m_text.size() || m_text[m_pos] != ',')
                break;
            ++m_pos;
        }
        if (m_pos < m_text.size() && m_text[m_pos] == '}')
            ++m_pos;
    }
    // Reads the array at the cursor, calling `element()` with the cursor on each element, which
    // it must consume.
    template <class F>
    void forEachElement(F&& element)
    {
        skipSpace();
        if (m_pos >= m_text.size() || m_text[m_pos] != '[')
            return skipValue();
        ++m_pos;
        while (true) {
            skipSpace();
            if (m_pos >= m_text.size() || m_text[m_pos] == ']')
                break;
            element();
            skipSpace();
            if (m_pos >= m_text.size() || m_text[m_pos] != ',')
                break;
            ++m_pos;
        }
        if (m_pos < m_text.size() && m_text[m_pos] == ']')
            ++m_pos;
    }
    char peek()
    {
        skipSpace();
        return m_pos < m_text.size() ? m_text[m_pos] : '\0';
    }
    bool atArray()
    {
        skipSpace();
        return m_pos < m_text.size() && m_text[m_pos] == '[';
    }
    std::size_t pos() const { return m_pos; }

private:
    std::string_view m_text;
    std::size_t m_pos = 0;
};

std::vector<std::string> splitPointer(std::string_view pointer)
{
    std::vector<std::string> tokens;
    std::size_t i = 0;
    while (i < pointer.size() && pointer[i] == '/') {
        ++i;
        std::string token;
        while (i < pointer.size() && pointer[i] != '/') {
            if (pointer[i] == '~' && i + 1 < pointer.size()) {
                token += pointer[i + 1] == '1' ? '/' : '~';
                i += 2;
                continue;
            }
            token += pointer[i++];
        }
        tokens.push_back(std::move(token));
    }
    return tokens;
}

} // namespace

TextPosition positionOfOffset(std::string_view text, std::size_t offset)
{
    TextPosition p{1, 1};
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++p.line;
            p.column = 1;
        } else {
            ++p.column;
        }
    }
    return p;
}

std::unordered_map<std::string, TextPosition> locateIds(std::string_view text)
{
    std::vector<std::pair<std::size_t, std::string>> found; // offset of the "id" key, the id
    Scanner scanner(text);
    scanner.forEachMember([&](const std::string&, std::size_t) {
        if (!scanner.atArray())
            return false;
        scanner.forEachElement([&] {
            if (scanner.peek() != '{')
                return scanner.skipValue();
            scanner.forEachMember([&](const std::string& key, std::size_t keyOffset) {
                if (key != "id" || scanner.peek() != '"')
                    return false;
                found.emplace_back(keyOffset, scanner.readString());
                return true;
            });
        });
        return true;
    });
    // Offsets grow in text order already; one walk turns them all into positions.
    std::unordered_map<std::string, TextPosition> positions;
    positions.reserve(found.size());
    TextPosition at{1, 1};
    std::size_t offset = 0;
    for (const auto& [target, id] : found) {
        for (; offset < target && offset < text.size(); ++offset) {
            const auto byte = static_cast<unsigned char>(text[offset]);
            if (byte == '\n') {
                ++at.line;
                at.column = 1;
            } else if ((byte & 0xC0) != 0x80) { // not a UTF-8 continuation byte: a new code point
                ++at.column;
            }
        }
        positions.emplace(id, at);
    }
    return positions;
}

TextPosition locateJsonPointer(std::string_view text, std::string_view pointer)
{
    Scanner scanner(text);
    scanner.skipSpace();
    std::size_t found = scanner.pos();
    for (const std::string& token : splitPointer(pointer)) {
        if (scanner.atArray()) {
            std::size_t index = 0;
            for (char c : token) {
                if (c < '0' || c > '9')
                    return positionOfOffset(text, found);
                index = index * 10 + std::size_t(c - '0');
            }
            if (!scanner.enterElement(index))
                return positionOfOffset(text, found);
            found = scanner.pos();
        } else {
            std::size_t keyOffset = 0;
            if (!scanner.enterMember(token, keyOffset))
                return positionOfOffset(text, found);
            found = keyOffset;
        }
    }
    return positionOfOffset(text, found);
}

JsonTextShape scanJsonText(std::string_view text, int depthLimit)
{
    JsonTextShape shape;
    int depth = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        switch (text[i]) {
        case '"': {
            const std::size_t start = i;
            for (++i; i < text.size() && text[i] != '"'; ++i)
                if (text[i] == '\\')
                    ++i;
            ++shape.strings;
            shape.stringBytes += i - start;
            break;
        }
        case '{':
        case '[':
            ++shape.containers;
            ++shape.separators;
            if (++depth > shape.depth) {
                shape.depth = depth;
                if (depth > depthLimit) {
                    shape.tooDeepAt = i;
                    return shape;
                }
            }
            break;
        case '}':
        case ']':
            --depth;
            break;
        case ',':
            ++shape.separators;
            break;
        case ':':
            ++shape.separators;
            ++shape.members;
            break;
        default:
            break;
        }
    }
    return shape;
}

std::size_t JsonTextShape::estimatedTreeBytes() const
{
    // nlohmann::json over std::map and std::vector (libstdc++, 64-bit), allocator overhead
    // included: 16 bytes a value plus up to as much again of a growing array's spare capacity;
    // a map node (links, key string, value) per member; a heap block per container and per string.
    const std::size_t values = separators + 1;
    return values * 32 + members * 96 + containers * 64 + strings * 48 + stringBytes;
}

} // namespace pp
