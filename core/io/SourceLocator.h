#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>

namespace pp {

struct TextPosition {
    int line = 0;   // 1-based; 0 = not found
    int column = 0; // 1-based, in bytes
};

// Finds where a JSON pointer ("/vpcs/0/cidr") stands in the text of a valid JSON document:
// the position of the member's key for object members, of the element for array items, of the
// document for "". Only used to report problems, so it scans on demand instead of recording
// positions while loading. Expects text that nlohmann::json parsed and nesting within limits.
TextPosition locateJsonPointer(std::string_view text, std::string_view pointer);

// Where each resource and flow stands in a design file: for every object in an array that is a
// member of the top-level object (the resource collections and `flows`) and has a string member
// `id`, the position of that `"id"` key. One pass over the text, so a report can locate thousands
// of findings without scanning the file once per finding. The column counts Unicode code points
// (not bytes), as SARIF's `unicodeCodePoints` column kind does. The first occurrence of an id
// wins; lesson solutions (nested deeper) are not searched. Expects text that nlohmann::json parsed.
std::unordered_map<std::string, TextPosition> locateIds(std::string_view text);

// Line and column of a byte offset.
TextPosition positionOfOffset(std::string_view text, std::size_t offset);

// What a JSON text holds, counted in one pass over its bytes without parsing it, so a file
// can be refused before the parser builds a tree too deep or too large. Strings are skipped
// correctly, so brackets inside them do not count. Counts are of text that may not be valid JSON.
struct JsonTextShape {
    int depth = 0;                    // deepest nesting of arrays and objects (up to depthLimit + 1)
    std::size_t tooDeepAt = 0;        // with depth > depthLimit: offset of the bracket that goes too deep
    std::size_t containers = 0;       // arrays and objects
    std::size_t members = 0;          // object members
    std::size_t separators = 0;       // '[', '{', ',' and ':': each value but the first follows one
    std::size_t strings = 0;          // strings, keys included
    std::size_t stringBytes = 0;      // their length in the text

    // An upper estimate of the memory the parsed tree takes (see the cost model in the .cpp).
    std::size_t estimatedTreeBytes() const;
};

// Scans the whole text, stopping early once the nesting exceeds `depthLimit`.
JsonTextShape scanJsonText(std::string_view text, int depthLimit);

} // namespace pp
