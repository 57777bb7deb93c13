#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace pp {

// The JSON Schema (draft 2020-12) of the current file format, generated from the same
// describe() functions the loader uses, so it cannot drift from the code. The committed copy is
// resources/schema/privatepath-v3.schema.json; a test keeps the two identical.
nlohmann::ordered_json designSchema();

// The field reference of docs/file-format.md (Markdown tables, one per resource kind and nested
// object), generated from describe(). A test keeps the document's generated section identical.
std::string formatReferenceMarkdown();

} // namespace pp
