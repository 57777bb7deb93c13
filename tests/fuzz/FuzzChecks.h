#pragma once

// The properties the fuzz targets check, shared with their regression test
// (tests/core/FuzzRegressionTest.cpp runs every input in tests/data/fuzz through all of them). Each
// returns what went wrong, or an empty string; a crash, hang, exception or sanitizer report is a
// failure too. Only the core is used.

#include "import/AwsImport.h"
#include "import/TerraformImport.h"
#include "io/DesignFile.h"
#include "lesson/Grading.h"
#include "report/CheckReport.h"
#include "report/LessonReport.h"

#include <algorithm>
#include <string>
#include <string_view>

namespace pp::fuzz {

// Small limits keep each run fast; the checks are the same as with the defaults.
inline LoadLimits limits()
{
    LoadLimits l;
    l.maxBytes = std::size_t(1) << 20;
    l.maxTreeBytes = std::size_t(64) << 20;
    return l;
}

inline std::string firstMessage(const LoadResult& r)
{
    return r.diagnostics.empty() ? std::string("(no message)") : r.diagnostics.front().format();
}

// The loader with its migration chain and the lesson section: a result for any input (a design
// exactly when there is no error), and a design that loads saves to text that loads.
inline std::string checkLoad(std::string_view text)
{
    LoadLimits l = limits();
    const LoadResult result = loadDesign(text, "fuzz.privatepath", l);
    for (const Diagnostic& d : result.diagnostics)
        (void)d.format();
    const bool anyError = std::any_of(result.diagnostics.begin(), result.diagnostics.end(),
                                      [](const Diagnostic& d) { return d.severity == Severity::Error; });
    if (result.ok() == anyError)
        return "a design was returned with an error, or none without one";
    if (result.ok()) {
        const LoadResult again = loadDesign(saveDesignToString(*result.design), "saved.privatepath");
        if (!again.ok())
            return "the saved design does not load: " + firstMessage(again);
        if (result.design->lesson)
            (void)checkLesson(*result.design);
    }
    // A clipboard fragment is the same text read without the reference check.
    l.checkReferences = false;
    (void)loadDesign(text, "clipboard", l);
    return {};
}

// bytes -> design -> analysis report -> canonical bytes -> design: the design read back equals the
// one saved, and saving it again gives the same bytes (docs/file-format.md, "Saving").
inline std::string checkRoundTrip(std::string_view text)
{
    const LoadResult loaded = loadDesign(text, "fuzz.privatepath", limits());
    if (!loaded.ok())
        return {};
    const Design& design = *loaded.design;
    FileCheck check;
    check.file = "fuzz.privatepath";
    check.loaded = true;
    check.diagnostics = loaded.diagnostics;
    analyzeInto(check, design);
    // The report streamed as text is the report tree's dump, byte for byte.
    if (const std::string report = checkReportText({check}); report != checkReportJson({check}).dump(2))
        return "the streamed check report differs from its tree's dump\n" + report;

    const std::string saved = saveDesignToString(design);
    const LoadResult again = loadDesign(saved, "saved.privatepath");
    if (!again.ok())
        return "the saved text does not load: " + firstMessage(again) + "\n" + saved;
    if (!(*again.design == design))
        return "the design read back differs from the one saved\n" + saved;
    if (saveDesignToString(*again.design) != saved)
        return "saving the design read back gives other bytes\n" + saved;
    return {};
}

// The command line's report writers (`check --format json`, `lesson grade` in JSON and CSV,
// `lesson check --format json`), for a file that loads or not. The file name is part of every
// report: the input's first line, when short, is used as one.
inline std::string checkReports(std::string_view text)
{
    const std::size_t cut = text.find('\n');
    const std::string fileName =
        cut == std::string_view::npos || cut > 64 ? "fuzz.privatepath" : std::string(text.substr(0, cut));
    const LoadResult loaded = loadDesign(text, fileName, limits());

    FileCheck check;
    check.file = fileName;
    check.loaded = loaded.ok();
    check.diagnostics = loaded.diagnostics;
    if (loaded.ok())
        analyzeInto(check, *loaded.design);
    (void)checkReportText({check});
    (void)checkExitCode({check});

    SubmissionGrade unreadable;
    unreadable.file = fileName;
    unreadable.status = SubmissionStatus::Unreadable;
    unreadable.diagnostics = loaded.diagnostics;
    if (loaded.ok() && loaded.design->lesson) {
        const Design& lesson = *loaded.design;
        const std::vector<SubmissionGrade> grades{gradeSubmission(lesson, lesson, fileName), unreadable};
        (void)gradeReportJson(lesson, fileName, grades).dump(2);
        (void)gradeReportCsv(lesson, grades);
        (void)gradeExitCode(grades);
        const std::vector<LessonProblem> problems = checkLesson(lesson);
        (void)lessonCheckJson(fileName, problems, problems.empty() ? 0 : 1).dump(2);
    } else {
        // A lesson (the reports' precondition) grading this file as a submission that did not load.
        Design start;
        start.lesson = Lesson{};
        (void)gradeReportJson(start, "lesson.privatepath", {unreadable}).dump(2);
        (void)gradeReportCsv(start, {unreadable});
    }
    return {};
}


// What every importer promises for any input: a design exactly when no error was met reading it,
// a design that saves to text that loads, and a report that can be written.
inline std::string checkImported(const TerraformImportResult& result)
{
    const bool anyError = std::any_of(result.report.diagnostics.begin(), result.report.diagnostics.end(),
                                      [](const Diagnostic& d) { return d.severity == Severity::Error; });
    if (result.design.has_value() == anyError)
        return "a design was returned with an error, or none without one";
    (void)importReportJson(result.report).dump(2);
    (void)importReportText(result.report);
    if (result.design) {
        const LoadResult again = loadDesign(saveDesignToString(*result.design), "imported.privatepath");
        if (!again.ok())
            return "the imported design does not load: " + firstMessage(again);
    }
    return {};
}

// `privatepath import terraform` on the bytes as `terraform show -json` output.
inline std::string checkImportTerraform(std::string_view text)
{
    TfReadLimits l;
    l.maxBytes = limits().maxBytes;
    l.maxTreeBytes = limits().maxTreeBytes;
    TfReadResult read = readTerraformJson(text, "fuzz.json", l);
    TerraformImportResult result;
    if (read.document)
        result = importTerraform(*read.document, "fuzz.json");
    result.report.diagnostics = std::move(read.diagnostics);
    return checkImported(result);
}

// `privatepath import aws` on the bytes as describe output: as one file, and as the same file
// given twice (every item then a duplicate to merge), so both paths of the reader are taken.
inline std::string checkImportAws(std::string_view text)
{
    AwsReadLimits l;
    l.maxBytes = limits().maxBytes;
    l.maxTreeBytes = limits().maxTreeBytes;
    const std::string copy(text);
    for (std::size_t times : {1, 2}) {
        std::vector<std::pair<std::string, std::string>> files(times, {"fuzz.json", copy});
        AwsReadResult read = readAwsTexts(files, l);
        TerraformImportResult result;
        if (read.describe)
            result = importAwsDescribe(*read.describe, "fuzz.json");
        result.report.diagnostics = std::move(read.diagnostics);
        if (std::string problem = checkImported(result); !problem.empty())
            return problem;
    }
    return {};
}

} // namespace pp::fuzz
