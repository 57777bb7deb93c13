#include "model/References.h"

#include <algorithm>
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

namespace pp {
namespace {

class ReferenceRewriter {
public:
    explicit ReferenceRewriter(const ReferenceRewrite& rewrite) : m_rewrite(rewrite) {}

    bool broken() const { return m_broken; }

    template <class T>
    void req(std::string_view, T& value, const FieldSpec&)
    {
        if constexpr (std::is_same_v<T, ResourceId>) {
            if (value.str() == kLocalTarget)
                return;
            if (auto replaced = m_rewrite(value))
                value = *replaced;
            else
                m_broken = true;
        } else {
            visit(value);
        }
    }
    template <class T, class D>
    void opt(std::string_view, T& value, const D&, const FieldSpec&)
    {
        visit(value);
    }
    template <class T>
    void opt(std::string_view key, T& value, const FieldSpec&)
    {
        const bool had = hasValue(value);
        visit(value);
        if (had && !hasValue(value))
            m_cleared.push_back(key);
    }
    // One of a group cleared leaves none (a NAT gateway's subnet or vpc, a route's prefix list):
    // the object cannot stand, as with a required reference.
    template <std::size_t N>
    void oneOf(const std::array<const char*, N>& keys)
    {
        for (const char* key : keys)
            if (std::find(m_cleared.begin(), m_cleared.end(), std::string_view(key)) != m_cleared.end())
                m_broken = true;
    }

private:
    template <class T>
    static bool hasValue(const T& value)
    {
        if constexpr (std::is_same_v<T, std::optional<ResourceId>>)
            return value.has_value();
        else
            return false;
    }

    template <class T>
    void visit(T& value)
    {
        if constexpr (std::is_same_v<T, std::optional<ResourceId>>) {
            if (value)
                value = m_rewrite(*value);
        } else if constexpr (std::is_same_v<T, ResourceIds>) {
            ResourceIds kept;
            for (const ResourceId& id : value)
                if (auto replaced = m_rewrite(id))
                    kept.push_back(*replaced);
            value = std::move(kept);
        } else if constexpr (requires { typename T::value_type; value.erase(value.begin()); } && !std::is_same_v<T, std::string>) {
            using Item = typename T::value_type;
            if constexpr (Described<Item>) {
                T kept;
                for (Item& item : value) {
                    ReferenceRewriter nested(m_rewrite);
                    describe(nested, item);
                    if (!nested.broken())
                        kept.push_back(std::move(item));
                }
                value = std::move(kept);
            }
        } else if constexpr (Described<T>) {
            ReferenceRewriter nested(m_rewrite);
            describe(nested, value);
            m_broken = m_broken || nested.broken();
        }
    }

    const ReferenceRewrite& m_rewrite;
    bool m_broken = false;
    std::vector<std::string_view> m_cleared; // optional references the rewrite removed
};

} // namespace

bool rewriteReferences(Resource& resource, const ReferenceRewrite& rewrite)
{
    ReferenceRewriter rewriter(rewrite);
    std::visit([&](auto& data) { describe(rewriter, data); }, resource.data);
    return !rewriter.broken();
}

bool rewriteReferences(Flow& flow, const ReferenceRewrite& rewrite)
{
    ReferenceRewriter rewriter(rewrite);
    describe(rewriter, flow);
    return !rewriter.broken();
}

} // namespace pp

namespace pp {

std::set<std::string> touchedBy(const Resource& resource)
{
    std::set<std::string> out{resource.id.str()};
    // A gateway endpoint changes nothing about its service that flows elsewhere read (only
    // interface endpoints answer DNS), so it does not touch the service.
    const VpcEndpoint* endpoint = resource.as<VpcEndpoint>();
    const bool skipService = endpoint && endpoint->endpointType == EndpointType::Gateway;
    for (const ResourceId& id : referencesOf(resource))
        if (!(skipService && id == endpoint->service))
            out.insert(id.str());
    return out;
}

} // namespace pp
