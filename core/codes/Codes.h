#pragma once

#include <string_view>
#include <vector>

namespace pp {

// The one table of explanation codes: design-finding codes and the path-analysis codes of
// NETWORK-RULES.md section 10 (AWS Reachability Analyzer's codes verbatim where the meaning
// matches, ours in the same style otherwise). docs/codes.md lists it; a test keeps it complete.
enum class CodeUse {
    Finding,  // a design finding (lint) about the model itself
    Analysis, // a reason or note on a flow's path
    Lesson,   // why a lesson goal is missed, or a problem `privatepath lesson check` finds in a lesson
    Policy,   // why a policy of the design is violated (policy/PolicyCheck.h)
    Review,   // a fact CI reports carry besides findings (SARIF and JUnit of `check`, `diff`, `lesson grade`):
              // a missed `expect`, internet exposure, what a change made public
};

struct CodeInfo {
    std::string_view code;
    CodeUse use;
    std::string_view rule;        // NETWORK-RULES.md rule id, or "" for housekeeping checks
    std::string_view description; // one line
};

const std::vector<CodeInfo>& allCodes();
const CodeInfo* findCode(std::string_view code);

} // namespace pp
