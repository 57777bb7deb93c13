#pragma once

// Walks a describe() function and records, for each field, the editor that fits its type (see
// FieldInfo). Only InspectorPanel.cpp includes it.

#include "design/Design.h"
#include "panels/ListFieldEditor.h"
#include "panels/ReferenceChoices.h"

#include <algorithm>
#include <optional>
#include <type_traits>
#include <vector>

namespace pp::ui {
namespace form {

// std::optional<T> is edited as T (empty = absent); std::vector<T> as a list of T.
template <class V>
struct Unwrapped {
    using type = V;
};
template <class T>
struct Unwrapped<std::optional<T>> {
    using type = T;
};
template <class V>
struct VectorItem {
    using type = void;
};
template <class T>
struct VectorItem<std::vector<T>> {
    using type = T;
};
template <class V>
inline constexpr bool kIsOptional = false;
template <class T>
inline constexpr bool kIsOptional<std::optional<T>> = true;

} // namespace form

class FormCollector {
public:
    // `self`: the resource being edited (references are narrowed to what suits it), or nullptr.
    FormCollector(const Design& design, const Resource* self, std::vector<FieldInfo>& out)
        : m_design(design), m_self(self), m_out(out)
    {
    }

    template <class T>
    void req(std::string_view key, T& value, const FieldSpec& spec)
    {
        add(key, value, spec, false);
    }
    template <class T, class D>
    void opt(std::string_view key, T& value, const D& defaultValue, const FieldSpec& spec)
    {
        add(key, value, spec, true);
        m_out.back().defaultValue = JsonWriter::toJson(T(defaultValue));
    }
    template <class T>
    void opt(std::string_view key, T& value, const FieldSpec& spec)
    {
        add(key, value, spec, true);
    }
    // The fields of a oneOf group become one column (see FieldInfo::alternatives), where the first
    // of them was.
    template <std::size_t N>
    void oneOf(const std::array<const char*, N>& keys)
    {
        FieldInfo merged;
        std::size_t at = m_out.size();
        for (const char* key : keys)
            for (std::size_t i = 0; i < m_out.size(); ++i)
                if (m_out[i].key == key) {
                    at = std::min(at, i);
                    merged.alternatives.push_back(m_out[i]);
                }
        if (merged.alternatives.size() < 2)
            return;
        const FieldInfo& first = merged.alternatives.front();
        merged.key = first.key;
        merged.editor = FieldInfo::Editor::Choice;
        merged.reference = true; // a new row leaves it empty for the user
        merged.optional = true;
        for (const FieldInfo& alternative : merged.alternatives) {
            merged.doc += (merged.doc.empty() ? "" : "\n") + ("`" + alternative.key + "`: " + alternative.doc);
            for (qsizetype i = 0; alternative.reference && i < alternative.choices.size(); ++i)
                if (!alternative.choices[i].isEmpty()) {
                    merged.choices << alternative.choices[i];
                    merged.choiceLabels << alternative.choiceLabels.value(i, alternative.choices[i]);
                }
        }
        std::erase_if(m_out, [&](const FieldInfo& f) {
            return std::any_of(keys.begin(), keys.end(), [&](const char* key) { return f.key == key; });
        });
        m_out.insert(m_out.begin() + std::ptrdiff_t(std::min(at, m_out.size())), std::move(merged));
    }

private:
    void addChoices(FieldInfo& f, std::string_view key, const FieldSpec& spec)
    {
        for (const ReferenceChoice& c : referenceChoices(m_design, m_self, key, spec.kinds, spec.allowLocal)) {
            f.choices << c.id;
            f.choiceLabels << c.label;
        }
    }

    template <class T>
    void add(std::string_view key, T&, const FieldSpec& spec, bool optional)
    {
        FieldInfo f;
        f.key = key;
        f.doc = spec.doc;
        f.optional = optional;
        using V = typename form::Unwrapped<std::remove_cvref_t<T>>::type;
        using Item = typename form::VectorItem<V>::type;
        if constexpr (std::is_same_v<V, bool>) {
            f.editor = FieldInfo::Editor::Check;
        } else if constexpr (NamedEnum<V>) {
            f.editor = FieldInfo::Editor::Choice;
            if (form::kIsOptional<std::remove_cvref_t<T>>)
                f.choices << QString(); // absent (an enum with a default is never absent)
            for (auto name : EnumTraits<V>::names)
                f.choices << QString::fromLatin1(name.data(), int(name.size()));
        } else if constexpr (std::is_same_v<V, ResourceId>) {
            f.editor = FieldInfo::Editor::Choice;
            f.reference = true;
            if (optional) {
                f.choices << QString();
                f.choiceLabels << QString();
            }
            addChoices(f, key, spec);
        } else if constexpr (std::is_same_v<Item, ResourceId>) {
            f.editor = FieldInfo::Editor::Checklist;
            f.list = true;
            f.reference = true;
            addChoices(f, key, spec);
        } else if constexpr (!std::is_void_v<Item>) {
            f.list = true;
            if constexpr (Described<Item>) {
                // One column per field of the element type, collected the same way.
                f.editor = FieldInfo::Editor::Table;
                Item element{};
                FormCollector columns(m_design, m_self, f.columns);
                describe(columns, element);
            } else {
                f.number = std::is_arithmetic_v<Item>;
            }
        } else {
            f.number = std::is_arithmetic_v<V>;
        }
        m_out.push_back(std::move(f));
    }

    const Design& m_design;
    const Resource* m_self;
    std::vector<FieldInfo>& m_out;
};

template <class T>
std::vector<FieldInfo> fieldsOf(const Design& design, const Resource* self, T& value)
{
    std::vector<FieldInfo> out;
    FormCollector collector(design, self, out);
    describe(collector, value);
    return out;
}

} // namespace pp::ui
