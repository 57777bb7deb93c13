#include "io/JsonWriter.h"

namespace pp {
namespace {

std::string dumpScalar(const OrderedJson& j)
{
    // Replace invalid UTF-8 instead of throwing: saving must never fail on a label's bytes.
    return j.dump(-1, ' ', false, OrderedJson::error_handler_t::replace);
}

bool isScalar(const OrderedJson& j) { return !j.is_object() && !j.is_array(); }

// One-line form if the container holds only scalars and fits; empty string otherwise.
std::string compactForm(const OrderedJson& j, std::size_t room)
{
    std::string out;
    if (j.is_array()) {
        out = "[";
        bool first = true;
        for (const auto& item : j) {
            if (!isScalar(item))
                return {};
            out += first ? "" : ", ";
            out += dumpScalar(item);
            first = false;
        }
        out += "]";
    } else {
        out = "{";
        bool first = true;
        for (auto it = j.begin(); it != j.end(); ++it) {
            if (!isScalar(it.value()))
                return {};
            out += first ? "" : ", ";
            out += dumpScalar(OrderedJson(it.key())) + ": " + dumpScalar(it.value());
            first = false;
        }
        out += "}";
    }
    return out.size() <= room ? out : std::string();
}

void write(std::string& out, const OrderedJson& j, int indent, std::size_t column)
{
    if (isScalar(j)) {
        out += dumpScalar(j);
        return;
    }
    if (j.empty()) {
        out += j.is_array() ? "[]" : "{}";
        return;
    }
    constexpr std::size_t kWidth = 100;
    // The document itself is always expanded, however small.
    const std::string compact = indent == 0 ? std::string() : compactForm(j, column < kWidth ? kWidth - column : 0);
    if (!compact.empty()) {
        out += compact;
        return;
    }
    const std::string pad(std::size_t(indent + 2), ' ');
    out += j.is_array() ? "[\n" : "{\n";
    bool first = true;
    if (j.is_array()) {
        for (const auto& item : j) {
            out += first ? "" : ",\n";
            out += pad;
            write(out, item, indent + 2, pad.size());
            first = false;
        }
    } else {
        for (auto it = j.begin(); it != j.end(); ++it) {
            out += first ? "" : ",\n";
            const std::string key = dumpScalar(OrderedJson(it.key())) + ": ";
            out += pad + key;
            write(out, it.value(), indent + 2, pad.size() + key.size());
            first = false;
        }
    }
    out += '\n' + std::string(std::size_t(indent), ' ') + (j.is_array() ? "]" : "}");
}

} // namespace

std::string formatJson(const OrderedJson& value)
{
    std::string out;
    write(out, value, 0, 0);
    out += '\n';
    return out;
}

} // namespace pp
