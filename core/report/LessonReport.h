#pragma once

// The reports of `privatepath lesson grade` and `lesson check` (docs/cli.md): JSON for scripts and
// CSV for a spreadsheet. The text output is the command's own (its words are translated).

#include "lesson/Grading.h"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace pp {

// Exit status of a grading run: 3 if a submission could not be read, else 1 if one is not a pass
// (a goal missed, a locked resource changed, or another lesson), else 0.
int gradeExitCode(const std::vector<SubmissionGrade>& grades);

// `lesson grade --format json`: the lesson, then one object per submission in the order given.
// Deterministic: the same files give the same bytes.
nlohmann::ordered_json gradeReportJson(const Design& lessonFile, const std::string& lessonPath,
                                       const std::vector<SubmissionGrade>& grades);

// `lesson grade --format csv`: a header row, then one row per submission: file, status, lesson
// id, score, met and total weight, passed, tampered, the locked changes, then one column per goal
// (in lesson order) holding `met`, `missed` or nothing when not graded. RFC 4180 quoting, CRLF-free
// (one `\n` per row).
std::string gradeReportCsv(const Design& lessonFile, const std::vector<SubmissionGrade>& grades);

// `lesson check --format json`.
nlohmann::ordered_json lessonCheckJson(const std::string& lessonPath, const std::vector<LessonProblem>& problems,
                                       int exitCode);

// "app-1 (privateIp)" or "s3 (deleted)", for text and CSV.
std::string describeLockedChange(const LockedChange& change);

} // namespace pp
