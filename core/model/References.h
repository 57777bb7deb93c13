#pragma once

#include "model/Flow.h"
#include "model/Resource.h"

#include <vector>

namespace pp {

// Every id a resource refers to, in field order (from its describe() function, so no field is
// ever forgotten). Used to find what an edit touches and what depends on a resource.
std::vector<ResourceId> referencesOf(const Resource& resource);

} // namespace pp

#include <functional>
#include <set>
#include <string>
#include <optional>

namespace pp {

// Rewrites, in place, every reference of a resource (or flow, or shape): `rewrite(id)` returns
// the id to use instead (the same id to keep it), or nullopt to drop the reference. A dropped
// optional reference is cleared and a dropped list entry erased; an entry of a list of objects
// (a route, a rule) whose required reference is dropped is erased. Returns false when a required
// reference of the resource itself was dropped: it cannot exist any more.
// Ids an edit of `resource` touches, for re-analysis: the resource and what it refers to (a
// gateway endpoint does not touch its service: nothing other flows read about the service
// changes; only interface endpoints answer DNS for it).
std::set<std::string> touchedBy(const Resource& resource);

using ReferenceRewrite = std::function<std::optional<ResourceId>(const ResourceId&)>;
bool rewriteReferences(Resource& resource, const ReferenceRewrite& rewrite);
bool rewriteReferences(Flow& flow, const ReferenceRewrite& rewrite);

} // namespace pp
