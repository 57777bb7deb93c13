#pragma once

#include "io/Diagnostic.h"
#include "model/Design.h"

#include <string>
#include <vector>

namespace pp {

// A design finding: something about the model itself, found without computing paths.
// `code` is from codes/Codes.h; `ids` are the resources (or flows) concerned, the first being
// the one the finding is pinned to on the canvas.
struct Finding {
    std::string code;
    Severity severity = Severity::Error;
    std::vector<std::string> ids;
    std::string message;

    friend bool operator==(const Finding&, const Finding&) = default;
};

// Checks the "invalid design" rules of NETWORK-RULES.md and housekeeping rules. A pure function:
// same design, same findings in the same order: first the checks of single resources, in
// resource order; then checks across resources (overlaps, duplicates), ordered by the ids
// they group by; then flows and the diagram.
std::vector<Finding> lintDesign(const Design& design);

} // namespace pp
