#include "edit/Find.h"

#include "model/Describe.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <type_traits>

namespace pp {
namespace {

// The IP addresses and CIDR blocks among a resource's own fields. Nested structures (route
// entries, security group rules) are skipped: a route to 10.0.0.0/16 does not make its table a
// match for that block.
class AddressCollector {
public:
    std::vector<IpAddress> addresses;
    std::vector<Cidr> blocks;

    template <class N, class T>
    void req(N, T& value, const FieldSpec&) { visit(value); }
    template <class N, class T, class D>
    void opt(N, T& value, const D&, const FieldSpec&) { visit(value); }
    template <class N, class T>
    void opt(N, T& value, const FieldSpec&) { visit(value); }
    template <class L>
    void oneOf(const L&) {}

private:
    template <class T>
    void visit(const T& value)
    {
        if constexpr (std::is_same_v<T, IpAddress>)
            addresses.push_back(value);
        else if constexpr (std::is_same_v<T, Cidr>)
            blocks.push_back(value);
        else if constexpr (std::is_same_v<T, std::optional<IpAddress>> || std::is_same_v<T, std::optional<Cidr>>) {
            if (value)
                visit(*value);
        } else if constexpr (std::is_same_v<T, std::vector<Cidr>>) {
            blocks.insert(blocks.end(), value.begin(), value.end());
        }
    }
};

AddressCollector addressesOf(const Resource& resource)
{
    AddressCollector collector;
    // describe() takes a mutable reference for the readers; this archive only reads.
    std::visit([&](const auto& data) { describe(collector, const_cast<std::decay_t<decltype(data)>&>(data)); }, resource.data);
    return collector;
}

std::string lower(std::string_view text)
{
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return out;
}

bool containsText(std::string_view haystack, const std::string& needleLower)
{
    return lower(haystack).find(needleLower) != std::string::npos;
}

} // namespace

std::vector<FindMatch> findResources(const Design& design, std::string_view text)
{
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
        text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
        text.remove_suffix(1);
    if (text.empty())
        return {};
    const std::optional<IpAddress> address = IpAddress::parse(text);
    const std::optional<Cidr> block = address ? std::nullopt : Cidr::parse(text);
    const std::string needle = lower(text);
    // A whole address or block means that one: "10.0.3.1" must not also find 10.0.3.12.
    const bool partial = !address && !block;

    struct Ranked {
        FindMatch match;
        int prefixLength; // ContainsAddress: the containing block's length (longer = more specific)
        std::size_t order;
    };
    std::vector<Ranked> ranked;
    const std::vector<Resource>& resources = design.resources();
    for (std::size_t i = 0; i < resources.size(); ++i) {
        const Resource& r = resources[i];
        std::optional<FindReason> best;
        int prefix = 0;
        auto consider = [&](FindReason reason, int length = 0) {
            if (!best || reason < *best || (reason == *best && length > prefix)) {
                best = reason;
                prefix = length;
            }
        };
        const AddressCollector fields = addressesOf(r);
        for (const IpAddress& a : fields.addresses) {
            if (address && a == *address)
                consider(FindReason::HoldsAddress);
            if (partial && containsText(a.toString(), needle))
                consider(FindReason::AddressText);
        }
        for (const Cidr& c : fields.blocks) {
            if (block && c == *block)
                consider(FindReason::SameBlock);
            else if ((address && c.contains(*address)) || (block && c.contains(*block)))
                consider(FindReason::ContainsAddress, c.prefixLength());
            if (partial && containsText(c.toString(), needle))
                consider(FindReason::AddressText);
        }
        if (containsText(r.id.str(), needle) || containsText(r.name, needle))
            consider(FindReason::NameOrId);
        for (const auto& [key, value] : r.tags)
            if (containsText(key + "=" + value, needle))
                consider(FindReason::Tag);
        if (best)
            ranked.push_back({{r.id, *best}, prefix, i});
    }
    std::stable_sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) {
        if (a.match.reason != b.match.reason)
            return a.match.reason < b.match.reason;
        if (a.prefixLength != b.prefixLength)
            return a.prefixLength > b.prefixLength;
        return a.order < b.order;
    });
    std::vector<FindMatch> out;
    out.reserve(ranked.size());
    for (Ranked& r : ranked)
        out.push_back(std::move(r.match));
    return out;
}

} // namespace pp
