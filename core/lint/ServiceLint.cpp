#include "lint/ServiceLint.h"

#include <map>
#include <utility>

namespace pp {

void lintServices(const Design& design, std::vector<Finding>& findings)
{
    // Keyed by the Region's code (two Region shapes with one code are one Region to AWS), or by
    // the reference itself when it does not resolve to a Region.
    std::map<std::pair<std::string, std::string>, std::vector<std::string>> tiles;
    design.forEach<AwsService>([&](const Resource& r, const AwsService& s) {
        const Region* region = design.findAs<Region>(s.region);
        tiles[{region ? region->code : s.region.str(), s.service}].push_back(r.id.str());
    });
    for (const auto& [key, ids] : tiles) {
        if (ids.size() < 2)
            continue;
        std::string names;
        for (std::size_t i = 0; i < ids.size(); ++i)
            names += (i == 0 ? "" : i + 1 == ids.size() ? " and " : ", ") + ids[i];
        findings.push_back({"AWS_SERVICE_DUPLICATE", Severity::Warning, ids,
                            "AWS services " + names + (ids.size() == 2 ? " both" : " all") + " stand for " + key.second + " in " + key.first +
                                "; draw one tile per service and point every endpoint and flow at it",
                            {}});
    }
}

} // namespace pp
