#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace pp {

// The schema version this build writes, and the newest it reads.
inline constexpr int kCurrentSchemaVersion = 3;

// One step of the migration chain: rewrites a document of schema version `from` into version
// `from + 1`. Steps are pure JSON -> JSON functions run before parsing (STYLE rule 11), so the
// readers only ever see the current version.
struct Migration {
    int from;
    std::function<void(nlohmann::json&)> apply;
};

// The chain shipped with this build (docs/file-format.md, "Versions and migrations"): 1 -> 2 (the
// optional `lesson` section), 2 -> 3 (defaults as AWS creates things, rule DEF-1: the step writes
// the old defaults out, so no file changes meaning; and the optional `policies` section).
const std::vector<Migration>& builtinMigrations();

// Runs the steps from `fromVersion` up to `toVersion` and sets "schemaVersion". Returns false
// with a reason if a step is missing from the chain.
bool migrateDocument(nlohmann::json& document, int fromVersion, int toVersion,
                     const std::vector<Migration>& chain, std::string* error);

} // namespace pp
