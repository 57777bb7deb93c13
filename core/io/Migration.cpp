#include "io/Migration.h"

#include <algorithm>

namespace pp {
namespace {

// Version 2's defaults, written out where a version 2 document relied on them. Anything that is
// not the expected shape is left for the loader to report.
void writeOldDefaults(nlohmann::json& design)
{
    if (!design.is_object())
        return;
    auto each = [&](const char* kind, const char* key, const nlohmann::json& oldDefault) {
        const auto list = design.find(kind);
        if (list == design.end() || !list->is_array())
            return;
        for (nlohmann::json& item : *list)
            if (item.is_object() && !item.contains(key))
                item[key] = oldDefault;
    };
    each("securityGroups", "outbound", nlohmann::json::array());
    each("onPremisesNetworks", "internetBreakout", true);
}

} // namespace

const std::vector<Migration>& builtinMigrations()
{
    static const std::vector<Migration> chain{
        // Version 2 adds the optional `lesson` section (training mode). A version 1 file has no
        // lesson and nothing else changed, so the step has nothing to rewrite; it exists so the
        // chain leads from 1 and a v1 file is read (and later saved) as version 2.
        {1, [](nlohmann::json&) {}},
        // Version 3 changes two defaults to what AWS does (rule DEF-1): a security group without
        // `outbound` now has AWS's default egress rules, and an on-premises network without
        // `internetBreakout` has no internet breakout. The step writes the version 2 meaning out.
        // Version 3 also adds the optional `policies` section: a version 2 reader refuses a version 3
        // file, so an older `privatepath check` in CI cannot pass a design while ignoring its policies,
        // and an older editor cannot drop them on save.
        {2, [](nlohmann::json& document) {
             writeOldDefaults(document);
             // A lesson's reference solutions are whole designs in the same file.
             if (const auto lesson = document.find("lesson"); lesson != document.end() && lesson->is_object())
                 if (const auto solutions = lesson->find("solutions"); solutions != lesson->end() && solutions->is_array())
                     for (nlohmann::json& solution : *solutions)
                         if (solution.is_object())
                             if (const auto design = solution.find("design"); design != solution.end())
                                 writeOldDefaults(*design);
         }},
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
