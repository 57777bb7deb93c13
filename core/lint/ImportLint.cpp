// The import rule (IMPORTED_VALUE_UNKNOWN): a resource imported from a Terraform plan with a value
// known only after apply. The importer keeps such a value unknown and records it in the resource's
// `x-terraform` extension (core/import); the analysis then works on a placeholder, so the user is
// told which of its answers rest on it.

#include "lint/Linter.h"

#include <nlohmann/json.hpp>

namespace pp::lint {

void Linter::checkImported(const Resource& r)
{
    const auto it = r.extensions.find("x-terraform");
    if (it == r.extensions.end())
        return;
    const nlohmann::json ext = nlohmann::json::parse(it->second, nullptr, false);
    if (!ext.is_object() || !ext.contains("unknown") || !ext["unknown"].is_array() || ext["unknown"].empty())
        return;
    std::string fields;
    for (const nlohmann::json& f : ext["unknown"])
        if (f.is_string())
            fields += (fields.empty() ? "" : ", ") + f.get<std::string>();
    const std::string address = ext.value("address", std::string());
    warning("IMPORTED_VALUE_UNKNOWN", {r.id.str()},
            r.id.str() + (address.empty() ? std::string() : " (Terraform " + address + ")") + ": " + fields +
                " known only after apply; the design holds a placeholder");
}

} // namespace pp::lint
