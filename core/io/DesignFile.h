#pragma once

#include "design/Design.h"
#include "io/Diagnostic.h"
#include "io/FileWriter.h"
#include "io/Migration.h"

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace pp {

struct LoadLimits {
    std::size_t maxBytes = std::size_t(256) << 20; // 256 MiB
    int maxDepth = 64;                             // the format nests 6 levels; leave room for extensions
    std::size_t maxErrors = 100;                   // stop listing after this many
    bool checkReferences = true;                   // false for clipboard fragments, which point outside
    // The parsed JSON tree may take at most this much memory, as estimated from a scan of the
    // text before parsing (JsonTextShape::estimatedTreeBytes); a file over it is refused.
    std::size_t maxTreeBytes = std::size_t(1) << 30; // 1 GiB
};

struct LoadResult {
    std::optional<Design> design; // set exactly when there is no error-severity diagnostic
    Diagnostics diagnostics;      // errors and warnings, in file order where known
    bool ok() const { return design.has_value(); }
};

// Parses a design. Never throws for bad input: every problem becomes a diagnostic naming the
// file, line, column, JSON path and resource id where known.
LoadResult loadDesign(std::string_view text, const std::string& fileName, const LoadLimits& limits = {},
                      const std::vector<Migration>& migrations = builtinMigrations());
LoadResult loadDesignFile(const std::string& path, const LoadLimits& limits = {});
// The text of a design file, for loadDesign; a file that is not a regular file or is over
// `limits.maxBytes` is refused before it is read. Problems are added to `problems`.
std::optional<std::string> readDesignText(const std::string& path, const LoadLimits& limits, Diagnostics& problems);

// One resource as it is saved: `id`, `name`, its fields in file order, its `x-` keys. With
// `withDefaults`, fields equal to their default (and an empty name) are written too, so a field's
// effective value can be read by its file name.
nlohmann::ordered_json resourceJson(const Resource& resource, bool withDefaults = false);
// A flow as saved (defaults left out).
nlohmann::ordered_json flowJson(const Flow& flow);

// The canonical text of a design: same design, same bytes (see docs/file-format.md, "Saving").
std::string saveDesignToString(const Design& design);

// What the loader would say of `policies` as the `policies` section of `design` (the editor's
// policy dialog refuses what a file could not hold): ids, the fields each kind needs or refuses,
// kind names, tag selectors, and references to resources that do not exist or are of the wrong
// kind. JSON paths as in a file ("/policies/2/to/resources/0"); no line numbers.
Diagnostics checkPoliciesAsLoaded(const Design& design, const std::vector<Policy>& policies);

// saveDesignToString written with writeFileAtomically.
SaveResult saveDesignFile(const Design& design, const std::string& path);

} // namespace pp
