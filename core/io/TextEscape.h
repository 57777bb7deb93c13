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

// `text` as valid UTF-8: every byte that does not start or continue a well-formed sequence
// (overlong forms, surrogates and code points past U+10FFFF included) becomes U+FFFD. Text quoted
// from a file's bytes (the parser's "last read" token) or a file name from the command line goes
// through it before a JSON report holds it: nlohmann::json refuses to write invalid UTF-8 (it
// throws, and `check --format json` would abort).
std::string validUtf8(std::string_view text);

} // namespace pp
