#pragma once

#include <string>
#include <string_view>

namespace pp {

// `text` with every control character written as a JSON-style escape (`\u001b`): C0 controls,
// DEL and the C1 controls U+0080..U+009F, except the bytes in `keep`. Every message that quotes a
// file's content goes through it (Diagnostic::format, the command line's output), so a file
// cannot send a terminal its escape sequences (retitle the window, move the cursor) or hide text
// behind a NUL.
std::string escapeControlCharacters(std::string_view text, std::string_view keep = {});

} // namespace pp
