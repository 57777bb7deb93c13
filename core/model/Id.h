#pragma once

#include <compare>
#include <functional>
#include <string>
#include <string_view>

namespace pp {

// A strong, readable identifier. Ids are the strings users see and write in files
// ("app-subnet"); the tag keeps ids of different things (resources, flows) from being mixed
// up at compile time. Comparison is byte-wise, which gives a locale-independent order.
template <class Tag>
class Id {
public:
    Id() = default;
    explicit Id(std::string value) : m_value(std::move(value)) {}

    const std::string& str() const { return m_value; }
    bool empty() const { return m_value.empty(); }

    friend auto operator<=>(const Id&, const Id&) = default;
    friend bool operator==(const Id&, const Id&) = default;

private:
    std::string m_value;
};

using ResourceId = Id<struct ResourceIdTag>;
using FlowId = Id<struct FlowIdTag>;

// The syntax every id must have: 1-128 characters from [A-Za-z0-9._:-], starting with a
// letter or digit. "local" is reserved: it names the implicit local route target.
bool isValidId(std::string_view text);
inline constexpr std::string_view kLocalTarget = "local";

} // namespace pp

template <class Tag>
struct std::hash<pp::Id<Tag>> {
    std::size_t operator()(const pp::Id<Tag>& id) const noexcept { return std::hash<std::string>{}(id.str()); }
};
