#pragma once

// The vocabulary shared by every type's describe() function. A describe() function lists a
// type's fields once — JSON key, member, default, documentation and constraints — and every
// "archive" walks it: the JSON reader and writer, the JSON Schema and documentation
// generators, and the reference walker that validates, remaps and finds dependents.
// Adding a field to describe() is all it takes to load, save, validate, document it.

#include "model/IpAddress.h"
#include "model/Kind.h"

#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace pp {

struct FieldSpec {
    std::string_view doc;                  // one sentence for docs and the schema
    KindMask kinds{};                      // ResourceId fields: the kinds it may refer to
    bool allowLocal = false;               // a route target may be the word "local"
    std::optional<IpFamily> family{};      // Cidr / IpAddress fields: required address family
    std::int64_t min = std::numeric_limits<std::int64_t>::min(); // integer fields: range
    std::int64_t max = std::numeric_limits<std::int64_t>::max();
    // ResourceId fields: the id is not checked against the design when loading. A lesson names
    // resources a learner may have deleted; that is for the grader to report, not a broken file.
    bool unchecked = false;
};

// Any JSON value, kept as its compact text (like Extensions): a lesson's property goal compares
// a resource field with a value of whatever type that field has.
struct JsonValue {
    std::string json; // compact JSON text; never empty once read
    friend bool operator==(const JsonValue&, const JsonValue&) = default;
};

// Enum <-> string tables. Specialise with `static constexpr std::array names` listing the
// JSON spelling of each enumerator in declaration order, and `doc`.
template <class E>
struct EnumTraits;

template <class E>
concept NamedEnum = requires { EnumTraits<E>::names; };

template <NamedEnum E>
constexpr std::string_view enumName(E value)
{
    return EnumTraits<E>::names[std::size_t(value)];
}

template <NamedEnum E>
constexpr std::optional<E> enumFromName(std::string_view text)
{
    for (std::size_t i = 0; i < EnumTraits<E>::names.size(); ++i)
        if (EnumTraits<E>::names[i] == text)
            return E(i);
    return std::nullopt;
}

// A struct with a describe() overload found by argument-dependent lookup.
struct DescribeProbe {
    template <class N, class T, class S>
    void req(N, T&, const S&) {}
    template <class N, class T, class D, class S>
    void opt(N, T&, const D&, const S&) {}
    template <class N, class T, class S>
    void opt(N, T&, const S&) {}
    template <class L>
    void oneOf(const L&) {}
};
template <class T>
concept Described = requires(DescribeProbe& a, T& v) { describe(a, v); };

} // namespace pp
