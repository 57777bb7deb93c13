#pragma once

// Selecting resources by tag, as lesson goals (and policies) do: a selector is written `key` (the
// tag is present, any value) or `key=value`. A resource carries its own tags and, for selection,
// those of the subnets it is placed in and of its VPC: tagging a VPC `env=prod` selects what is
// inside it, as a trainer or reviewer means it. AWS itself does not inherit tags; this is only
// how PrivatePath selects.

#include "design/Design.h"

#include <optional>
#include <string>
#include <string_view>

namespace pp {

struct TagSelector {
    std::string key;
    std::optional<std::string> value; // absent: any value

    // "key" or "key=value" (the first '=' splits; blanks around key and value are kept, as AWS
    // keeps them). Nothing for an empty key.
    static std::optional<TagSelector> parse(std::string_view text);

    bool matches(const Tags& tags) const;
};

// Whether `resource` carries the selected tag itself, through a subnet it refers to, or through
// its VPC.
bool carriesTag(const Design& design, const Resource& resource, const TagSelector& selector);

} // namespace pp
