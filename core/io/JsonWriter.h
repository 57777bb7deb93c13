#pragma once

// The writing archive: walks a type's describe() and emits its fields in describe() order, which
// is the documented key order. Fields equal to their default are left out, so files stay short
// and a default can be read off the documentation.

#include "model/Cidr.h"
#include "model/Describe.h"
#include "model/Id.h"

#include <cmath>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

namespace pp {

using OrderedJson = nlohmann::ordered_json;

class JsonWriter {
public:
    // `withDefaults`: also write fields equal to their default (top-level fields of the object
    // only), for reading a field's effective value by its file name (lesson property goals).
    explicit JsonWriter(OrderedJson& object, bool withDefaults = false) : m_object(object), m_withDefaults(withDefaults) {}

    template <class T>
    void req(std::string_view key, const T& value, const FieldSpec&)
    {
        m_object[std::string(key)] = toJson(value);
    }
    template <class T, class D>
    void opt(std::string_view key, const T& value, const D& defaultValue, const FieldSpec&)
    {
        if (m_withDefaults || !(value == T(defaultValue)))
            m_object[std::string(key)] = toJson(value);
    }
    template <class T>
    void opt(std::string_view key, const std::optional<T>& value, const FieldSpec&)
    {
        if (value)
            m_object[std::string(key)] = toJson(*value);
    }
    template <class T>
    void opt(std::string_view key, const std::vector<T>& value, const FieldSpec&)
    {
        if (m_withDefaults || !value.empty())
            m_object[std::string(key)] = toJson(value);
    }
    template <std::size_t N>
    void oneOf(const std::array<const char*, N>&)
    {
    }

    template <class T>
    static OrderedJson toJson(const T& value)
    {
        if constexpr (std::is_same_v<T, bool> || std::is_integral_v<T> || std::is_same_v<T, std::string>) {
            return value;
        } else if constexpr (std::is_floating_point_v<T>) {
            // Whole numbers are written without a fraction ("120", not "120.0").
            if (std::isfinite(value) && std::abs(value) < 1e15 && value == std::floor(value))
                return std::int64_t(value);
            return value;
        } else if constexpr (std::is_same_v<T, Cidr> || std::is_same_v<T, IpAddress>) {
            return value.toString();
        } else if constexpr (std::is_same_v<T, ResourceId> || std::is_same_v<T, FlowId>) {
            return value.str();
        } else if constexpr (std::is_same_v<T, JsonValue>) {
            return OrderedJson::parse(value.json);
        } else if constexpr (NamedEnum<T>) {
            return std::string(enumName(value));
        } else if constexpr (requires { typename T::value_type; value.begin(); }) {
            OrderedJson array = OrderedJson::array();
            for (const auto& item : value)
                array.push_back(toJson(item));
            return array;
        } else {
            static_assert(Described<T>, "no JSON writing rule for this type");
            OrderedJson object = OrderedJson::object();
            JsonWriter writer(object);
            describe(writer, const_cast<T&>(value)); // the writer only reads
            return object;
        }
    }

private:
    OrderedJson& m_object;
    bool m_withDefaults = false;
};

// Text of a document in the house layout: two-space indent, one member per line, and arrays
// or objects holding only scalars kept on one line when they fit in 100 columns (so a point or a
// CIDR list does not take ten lines). Ends with a newline. Deterministic.
std::string formatJson(const OrderedJson& value);

} // namespace pp
