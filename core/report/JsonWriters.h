#pragma once

#include <concepts>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace pp {

// Two writers with one event interface (begin/end object and array, key, value), so that a
// report's layout is written once and either streamed as text or built as a JSON tree:
//
//   template <class W> void writeFinding(W& w, const Finding& f) {
//       w.beginObject(); w.key("code"); w.value(f.code); ... w.endObject();
//   }
//
// JsonTextWriter appends the text nlohmann::ordered_json::dump(2) would give for the same
// events, byte for byte, without the tree: the big `check` report of a 100,000-resource design is
// written at the cost of its text, not of a tree of every hop. Invalid UTF-8 in a string becomes
// U+FFFD (validUtf8), where dump() would throw.
class JsonTextWriter {
public:
    explicit JsonTextWriter(std::string& out) : m_out(out) {}

    void beginObject() { open('{'); }
    void endObject() { close('}'); }
    void beginArray() { open('['); }
    void endArray() { close(']'); }
    void key(std::string_view name);

    void value(std::string_view text);
    void value(const std::string& text) { value(std::string_view(text)); }
    void value(const char* text) { value(std::string_view(text)); }
    void value(bool b) { scalar(b ? "true" : "false"); }
    void value(std::nullptr_t) { scalar("null"); }
    template <std::integral I>
        requires(!std::same_as<I, bool>)
    void value(I number)
    {
        scalar(std::is_signed_v<I> ? std::to_string(std::int64_t(number)) : std::to_string(std::uint64_t(number)));
    }

private:
    void open(char bracket);
    void close(char bracket);
    void beforeValue();
    void scalar(std::string_view text)
    {
        beforeValue();
        m_out += text;
    }
    void indent(std::size_t depth) { m_out.append(2 * depth, ' '); }

    std::string& m_out;
    std::vector<std::size_t> m_items; // per open container: how many items it has so far
    bool m_afterKey = false;
};

// Builds the nlohmann::ordered_json tree for the same events: the report pieces other reports
// embed in their own trees (diff, lesson, query). Starts empty, or inside an existing object
// whose keys the events add to.
class JsonTreeWriter {
public:
    JsonTreeWriter() = default;
    explicit JsonTreeWriter(nlohmann::ordered_json& object) : m_open{&object} {}

    void beginObject() { open(nlohmann::ordered_json::object()); }
    void endObject() { m_open.pop_back(); }
    void beginArray() { open(nlohmann::ordered_json::array()); }
    void endArray() { m_open.pop_back(); }
    void key(std::string_view name) { m_key = name; }
    template <class T>
    void value(T&& v)
    {
        place(nlohmann::ordered_json(std::forward<T>(v)));
    }

    // The finished tree (of a writer that started empty).
    nlohmann::ordered_json take() { return std::move(m_root); }

private:
    nlohmann::ordered_json& place(nlohmann::ordered_json v);
    void open(nlohmann::ordered_json empty) { m_open.push_back(&place(std::move(empty))); }

    nlohmann::ordered_json m_root;
    std::vector<nlohmann::ordered_json*> m_open; // the containers being written, outermost first
    std::string m_key;
};

} // namespace pp
