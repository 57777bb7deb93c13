#pragma once

// JUnit XML for `check`, `diff` and `lesson grade` with `--format junit` (docs/ci.md): the format
// CI systems (GitLab's test report, GitHub test-report actions, Jenkins) show as a list of passed
// and failed tests. Written by hand in core (no Qt here): every attribute and text is escaped, and
// characters XML 1.0 cannot carry (control characters, invalid UTF-8) become U+FFFD.
//
// Test cases are chosen so the list is the same from run to run and a failure's name says what
// broke: each flow is a test case; findings are one test case per finding code of the catalogue
// (passing while the design has no error finding with that code), not one per finding, so a CI
// history can follow "SUBNET_OVERLAP" across runs.

#include "analysis/AnalysisResult.h"
#include "diff/DesignDiff.h"
#include "lesson/Grading.h"
#include "report/CheckReport.h"
#include "report/DiffReport.h"

#include <string>
#include <vector>

namespace pp {

// One <testsuite> per file (named by the file): a test case "load" (an <error> when the file
// could not be loaded, with the loader's messages), one per flow ("flow ID": a <failure> when it
// misses its `expect`, the path in the failure text and in <system-out> otherwise), and one per
// design-finding code ("finding CODE": a <failure> listing its error findings; warnings are in
// <system-out> and do not fail).
std::string checkJUnit(const std::vector<FileCheck>& files);

// One <testsuite> named "OLD -> NEW": one test case per flow of the new design ("flow ID": a
// <failure> when the change makes it public or breaks its `expect`, with both paths), one per
// removed flow (passing, noted), and "internet exposure" (a <failure> listing the workloads the
// change exposes).
std::string diffJUnit(const DiffFiles& files, const DesignDiff& diff, const AnalysisResult& after);

// One <testsuite> per submission: one test case per lesson goal ("goal ID": a <failure> when
// missed, with its reasons), "locked resources" (a <failure> listing what was changed), and for a
// file that is not graded a single "load" (<error>, unreadable) or "lesson" (<failure>, another
// lesson) test case.
std::string gradeJUnit(const Design& lessonFile, const std::vector<SubmissionGrade>& grades);

// Text made safe for XML 1.0: markup characters as entities, characters XML cannot carry as
// U+FFFD. In an attribute value (`attribute`) line breaks and tabs are written as character
// references too, since a parser would turn them into spaces.
std::string xmlEscape(std::string_view text, bool attribute = true);

} // namespace pp
