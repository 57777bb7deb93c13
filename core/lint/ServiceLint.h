#pragma once

#include "lint/Lint.h"

namespace pp {

// AWS_SERVICE_DUPLICATE: two AWS service resources that stand for one service in one Region.
// The engine resolves endpoints, prefix lists and flows per resource, so a design that splits
// one service over two tiles shows some paths to one tile and some to the other. One warning per
// (Region, service), naming every tile in resource order, ordered by Region code then service.
//
// Reads every AWS service on each run (they are few), so the incremental linter needs no cache
// for it: adding or removing a tile, or changing its service or Region, is seen at once.
void lintServices(const Design& design, std::vector<Finding>& findings);

} // namespace pp
