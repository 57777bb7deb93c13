#pragma once

#include <string>
#include <string_view>

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

// Line and column of a byte offset.
TextPosition positionOfOffset(std::string_view text, std::size_t offset);

// Deepest nesting of arrays/objects, stopping early once `limit` is exceeded. Strings are
// skipped correctly, so brackets inside them do not count.
int jsonNestingDepth(std::string_view text, int limit);

} // namespace pp
