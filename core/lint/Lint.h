#pragma once

#include "design/Design.h"
#include "io/Diagnostic.h"

#include <memory>
#include <set>
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
    // A finding about one route of the route table ids.front(): the route's destination (a CIDR
    // or a prefix list id). It makes unreachable only the flows whose lookup in that table
    // selects this route (RT-8). Empty: about the whole resource.
    std::string route;

    friend bool operator==(const Finding&, const Finding&) = default;
};

// Checks the "invalid design" rules of NETWORK-RULES.md and housekeeping rules of the model (not
// the diagram). A pure function: same design, same findings in the same order: first the checks
// of single resources, in resource order; then checks across resources (overlaps, duplicates),
// ordered by the ids they group by; then flows.
std::vector<Finding> lintDesign(const Design& design);

// Findings about the drawing (DIAGRAM_PARENT_MISMATCH). Separate: analysis never reads the diagram.
std::vector<Finding> lintDiagram(const Design& design);

// lintDesign with a cache for the editor: after an edit, only resources the edit can affect are
// checked again. Gives exactly what lintDesign gives.
class IncrementalLinter {
public:
    IncrementalLinter();
    ~IncrementalLinter();
    IncrementalLinter(IncrementalLinter&&) noexcept;
    IncrementalLinter& operator=(IncrementalLinter&&) noexcept;
    // `touched`: ids added, removed or changed and the ids they referred to (nullptr: check all).
    // `changed`: the ids of `touched` that were added, removed or changed themselves (nullptr:
    // all of them). An id only referred to (a Region a pasted VPC names) is re-checked with its
    // direct referrers and, for a VPC, its members; its referrers' referrers are not.
    std::vector<Finding> run(const Design& design, const std::set<std::string>* touched,
                             const std::set<std::string>* changed = nullptr);

private:
    std::unique_ptr<struct LintCache> m_cache;
};

} // namespace pp
