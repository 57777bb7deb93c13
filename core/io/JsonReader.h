#pragma once

// The reading archive: walks a type's describe() over a JSON object, converting and checking
// each field and collecting diagnostics instead of throwing. References are only recorded here;
// DesignLoader checks them once every id is known.

#include "io/Diagnostic.h"
#include "model/Cidr.h"
#include "model/Describe.h"
#include "model/Id.h"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace pp {

class Design;

using Json = nlohmann::json;

struct PendingReference {
    std::string jsonPath;
    std::string ownerId;
    std::string fieldKey;
    ResourceId target;
    KindMask kinds;
};

// State shared by all readers of one load.
struct ReadContext {
    Diagnostics problems;            // file/line/column filled in by the loader at the end
    std::vector<PendingReference> references;
    std::string currentResource;     // the id of the resource being read, for messages
    // The design being read, when its references are checked: a reference to a resource already
    // read, of a kind the field allows, is settled at once instead of waiting in `references`
    // (most do: the file lists resources before what refers to them, and the diagram last).
    const Design* readSoFar = nullptr;

    void error(std::string code, std::string path, std::string message)
    {
        problems.push_back({Severity::Error, std::move(code), std::move(message), {}, 0, 0, std::move(path),
                            currentResource});
    }
    void warning(std::string code, std::string path, std::string message)
    {
        problems.push_back({Severity::Warning, std::move(code), std::move(message), {}, 0, 0, std::move(path),
                            currentResource});
    }
};

std::string jsonTypeName(const Json& j);
std::string childPath(const std::string& path, std::string_view key);
std::string childPath(const std::string& path, std::size_t index);

// The JSON pointer of a field being read, spelt out only when a message or a pending reference
// needs it: a field that reads fine costs no string. Lives on the reader's stack, for one read.
class FieldPath {
public:
    FieldPath(const std::string& object, std::string_view key) : m_object(&object), m_key(key) {}
    FieldPath(const FieldPath& array, std::size_t index) : m_array(&array), m_index(index) {}
    std::string str() const { return m_array ? childPath(m_array->str(), m_index) : childPath(*m_object, m_key); }

private:
    const std::string* m_object = nullptr; // the object's pointer, when this is one of its keys
    std::string_view m_key;
    const FieldPath* m_array = nullptr; // the array's path, when this is one of its items
    std::size_t m_index = 0;
};

class JsonReader {
public:
    JsonReader(const Json& object, std::string path, ReadContext& context)
        : m_object(object), m_path(std::move(path)), m_context(context)
    {
        m_known.reserve(16); // once, not as each field is read
    }

    template <class T>
    void req(std::string_view key, T& value, const FieldSpec& spec)
    {
        m_known.push_back(key);
        const auto it = m_object.find(key);
        if (it == m_object.end()) {
            m_context.error("MISSING_FIELD", m_path, "required field '" + std::string(key) + "' is missing");
            return;
        }
        read(*it, value, spec, FieldPath(m_path, key), key);
    }

    template <class T, class D>
    void opt(std::string_view key, T& value, const D& defaultValue, const FieldSpec& spec)
    {
        m_known.push_back(key);
        value = T(defaultValue);
        const auto it = m_object.find(key);
        if (it != m_object.end())
            read(*it, value, spec, FieldPath(m_path, key), key);
    }

    template <class T>
    void opt(std::string_view key, std::optional<T>& value, const FieldSpec& spec)
    {
        m_known.push_back(key);
        value.reset();
        const auto it = m_object.find(key);
        if (it == m_object.end())
            return;
        T inner{};
        if (read(*it, inner, spec, FieldPath(m_path, key), key))
            value = std::move(inner);
    }

    template <class T>
    void opt(std::string_view key, std::vector<T>& value, const FieldSpec& spec)
    {
        m_known.push_back(key);
        value.clear();
        const auto it = m_object.find(key);
        if (it != m_object.end())
            read(*it, value, spec, FieldPath(m_path, key), key);
    }

    template <std::size_t N>
    void oneOf(const std::array<const char*, N>& keys)
    {
        std::size_t present = 0;
        std::string list;
        for (const char* key : keys) {
            present += m_object.contains(key) ? 1 : 0;
            list += std::string(list.empty() ? "'" : ", '") + key + "'";
        }
        if (present != 1)
            m_context.error(present == 0 ? "MISSING_FIELD" : "CONFLICTING_FIELDS", m_path,
                            "exactly one of " + list + " is required");
    }

    // A rule between fields that describe() checks once they are read (only the reader has it):
    // `key` conflicts with the others (CONFLICTING_FIELDS at that field).
    void conflict(std::string_view key, const std::string& message)
    {
        m_context.error("CONFLICTING_FIELDS", childPath(m_path, key), message);
    }

    // Reports every key that describe() did not name, except "x-" extension keys, which are
    // returned for the caller to keep.
    void finish(std::map<std::string, std::string>* extensions);
    void markKnown(std::string_view key) { m_known.push_back(key); }

private:
    template <class T>
    bool read(const Json& j, T& out, const FieldSpec& spec, const FieldPath& path, std::string_view key)
    {
        if constexpr (std::is_same_v<T, bool>) {
            if (!j.is_boolean())
                return typeError(path.str(), "true or false", j);
            out = j.get<bool>();
        } else if constexpr (std::is_integral_v<T>) {
            if (!j.is_number_integer())
                return typeError(path.str(), "an integer", j);
            const std::int64_t v = j.is_number_unsigned() && j.get<std::uint64_t>() > std::uint64_t(INT64_MAX)
                                       ? INT64_MAX
                                       : j.get<std::int64_t>();
            if (v < spec.min || v > spec.max) {
                m_context.error("OUT_OF_RANGE", path.str(),
                                "'" + std::string(key) + "' is " + std::to_string(v) + ", outside " +
                                    std::to_string(spec.min) + ".." + std::to_string(spec.max));
                return false;
            }
            out = T(v);
        } else if constexpr (std::is_floating_point_v<T>) {
            if (!j.is_number())
                return typeError(path.str(), "a number", j);
            out = j.get<double>();
        } else if constexpr (std::is_same_v<T, std::string>) {
            if (!j.is_string())
                return typeError(path.str(), "a string", j);
            out = j.get_ref<const std::string&>();
        } else if constexpr (std::is_same_v<T, Cidr> || std::is_same_v<T, IpAddress>) {
            return readAddress(j, out, spec, path, key);
        } else if constexpr (std::is_same_v<T, ResourceId>) {
            return readReference(j, out, spec, path, key);
        } else if constexpr (std::is_same_v<T, FlowId>) {
            if (!j.is_string())
                return typeError(path.str(), "an id string", j);
            out = FlowId(j.get<std::string>());
        } else if constexpr (std::is_same_v<T, JsonValue>) {
            out.json = j.dump();
        } else if constexpr (NamedEnum<T>) {
            if (!j.is_string())
                return typeError(path.str(), "a string", j);
            const std::string& text = j.get_ref<const std::string&>();
            if (auto e = enumFromName<T>(text)) {
                out = *e;
                return true;
            }
            std::string allowed;
            for (auto name : EnumTraits<T>::names)
                allowed += std::string(allowed.empty() ? "" : ", ") + std::string(name);
            m_context.error("UNKNOWN_ENUM_VALUE", path.str(),
                            "unknown value '" + text + "' for '" + std::string(key) + "'; expected one of: " + allowed);
            return false;
        } else if constexpr (requires { typename T::value_type; std::declval<T&>().push_back(std::declval<typename T::value_type>()); }) {
            if (!j.is_array())
                return typeError(path.str(), "an array", j);
            out.clear();
            out.reserve(j.size());
            bool ok = true;
            for (std::size_t i = 0; i < j.size(); ++i) {
                typename T::value_type item{};
                if (read(j[i], item, spec, FieldPath(path, i), key))
                    out.push_back(std::move(item));
                else
                    ok = false;
            }
            return ok;
        } else {
            static_assert(Described<T>, "no JSON reading rule for this type");
            if (!j.is_object())
                return typeError(path.str(), "an object", j);
            const std::size_t before = m_context.problems.size();
            JsonReader nested(j, path.str(), m_context);
            describe(nested, out);
            nested.finish(nullptr);
            return !hasNewErrors(before);
        }
        return true;
    }

    bool typeError(const std::string& path, const char* expected, const Json& got);
    bool readAddress(const Json& j, Cidr& out, const FieldSpec& spec, const FieldPath& path, std::string_view key);
    bool readAddress(const Json& j, IpAddress& out, const FieldSpec& spec, const FieldPath& path,
                     std::string_view key);
    bool readReference(const Json& j, ResourceId& out, const FieldSpec& spec, const FieldPath& path,
                       std::string_view key);
    bool hasNewErrors(std::size_t before) const;

    const Json& m_object;
    std::string m_path;
    ReadContext& m_context;
    std::vector<std::string_view> m_known;
};

} // namespace pp
