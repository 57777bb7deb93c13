#include "design/TagScope.h"

#include "design/Placement.h"
#include "model/References.h"

namespace pp {

std::optional<TagSelector> TagSelector::parse(std::string_view text)
{
    TagSelector selector;
    const auto equals = text.find('=');
    selector.key = std::string(text.substr(0, equals));
    if (equals != std::string_view::npos)
        selector.value = std::string(text.substr(equals + 1));
    if (selector.key.empty())
        return std::nullopt;
    return selector;
}

bool TagSelector::matches(const Tags& tags) const
{
    const auto it = tags.find(key);
    return it != tags.end() && (!value || it->second == *value);
}

bool carriesTag(const Design& design, const Resource& resource, const TagSelector& selector)
{
    if (selector.matches(resource.tags))
        return true;
    for (const ResourceId& ref : referencesOf(resource)) {
        const Resource* subnet = design.find(ref);
        if (subnet && subnet->kind() == Kind::Subnet && selector.matches(subnet->tags))
            return true;
    }
    if (const auto vpc = vpcOfResource(design, resource.id); vpc && *vpc != resource.id)
        if (const Resource* r = design.find(*vpc))
            return selector.matches(r->tags);
    return false;
}

} // namespace pp
