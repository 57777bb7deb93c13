#pragma once

#include "model/Resource.h"

#include <vector>

namespace pp {

// Every id a resource refers to, in field order (from its describe() function, so no field is
// ever forgotten). Used to find what an edit touches and what depends on a resource.
std::vector<ResourceId> referencesOf(const Resource& resource);

} // namespace pp
