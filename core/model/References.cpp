#include "model/References.h"

#include <type_traits>

namespace pp {
namespace {

class ReferenceCollector {
public:
    explicit ReferenceCollector(std::vector<ResourceId>& out) : m_out(out) {}

    template <class T>
    void req(std::string_view, T& value, const FieldSpec&)
    {
        visit(value);
    }
    template <class T, class D>
    void opt(std::string_view, T& value, const D&, const FieldSpec&)
    {
        visit(value);
    }
    template <class T>
    void opt(std::string_view, T& value, const FieldSpec&)
    {
        visit(value);
    }
    template <std::size_t N>
    void oneOf(const std::array<const char*, N>&)
    {
    }

private:
    template <class T>
    void visit(T& value)
    {
        if constexpr (std::is_same_v<T, ResourceId>) {
            if (!value.empty() && value.str() != kLocalTarget)
                m_out.push_back(value);
        } else if constexpr (requires { value.has_value(); *value; }) {
            if (value)
                visit(*value);
        } else if constexpr (requires { value.begin(); typename T::value_type; } && !std::is_same_v<T, std::string>) {
            for (auto& item : value)
                visit(item);
        } else if constexpr (Described<T>) {
            describe(*this, value);
        }
    }
    std::vector<ResourceId>& m_out;
};

} // namespace

std::vector<ResourceId> referencesOf(const Resource& resource)
{
    std::vector<ResourceId> out;
    ReferenceCollector collector(out);
    std::visit([&](const auto& data) { describe(collector, const_cast<std::decay_t<decltype(data)>&>(data)); }, resource.data);
    return out;
}

} // namespace pp
