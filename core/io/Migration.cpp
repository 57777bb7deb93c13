#include "io/Migration.h"

#include <algorithm>

namespace pp {

const std::vector<Migration>& builtinMigrations()
{
    static const std::vector<Migration> chain{
        // Version 2 adds the optional `lesson` section (training mode). A version 1 file has no
        // lesson and nothing else changed, so the step has nothing to rewrite; it exists so the
        // chain leads from 1 and a v1 file is read (and later saved) as version 2.
        {1, [](nlohmann::json&) {}},
        // Version 3 adds the optional `policies` section. It could have been an optional key of
        // version 2, but a version 2 reader ignores unknown keys with a warning: an older
        // `privatepath check` in CI would pass a design that breaks its policies, and an older
        // editor would drop them on save. Raising the version makes older builds refuse the file
        // instead. Nothing in a version 2 file changes.
        {2, [](nlohmann::json&) {}},
    };
    return chain;
}

bool migrateDocument(nlohmann::json& document, int fromVersion, int toVersion, const std::vector<Migration>& chain,
                     std::string* error)
{
    for (int version = fromVersion; version < toVersion; ++version) {
        const auto step = std::find_if(chain.begin(), chain.end(), [&](const Migration& m) { return m.from == version; });
        if (step == chain.end()) {
            if (error)
                *error = "no migration from schema version " + std::to_string(version) + " to " +
                         std::to_string(version + 1);
            return false;
        }
        step->apply(document);
        document["schemaVersion"] = version + 1;
    }
    return true;
}

} // namespace pp
