// `privatepath lesson grade` and `privatepath lesson check` (docs/cli.md): the trainer's side of
// training mode. The work is in core (lesson/Grading.h, report/LessonReport.h); this file parses
// arguments and prints the text output.
#include "cli/Cli.h"

#include "io/DesignFile.h"
#include "lesson/Grading.h"
#include "report/JUnit.h"
#include "report/LessonReport.h"
#include "report/Sarif.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <algorithm>

namespace pp::cli {
namespace {

QString tr(const char* text) { return QCoreApplication::translate("cli", text); }

void printReasons(QTextStream& out, const std::vector<Explanation>& reasons)
{
    for (const Explanation& e : reasons)
        out << "          [" << toQString(e.code) << "]"
            << (e.resource.empty() ? QString() : QStringLiteral(" at ") + toQString(e.resource)) << ": "
            << toQString(e.message) << "\n";
}

void printDiagnostics(QTextStream& err, const Diagnostics& diagnostics)
{
    for (const Diagnostic& d : diagnostics)
        err << toQString(d.format()) << "\n";
}

// Loads the lesson file; on failure prints why and returns the exit code in `exitCode`.
std::optional<Design> loadLesson(const QString& path, Streams io, int& exitCode)
{
    LoadResult loaded = loadDesignFile(toStdString(path));
    if (!loaded.design) {
        printDiagnostics(io.err, loaded.diagnostics);
        io.err << tr("%1: the lesson could not be loaded\n").arg(path);
        exitCode = InputError;
        return std::nullopt;
    }
    return std::move(loaded.design);
}

// The files to grade: each argument, or every .privatepath file directly in a folder argument (in
// name order), leaving out the lesson file itself.
QStringList submissionFiles(const QStringList& arguments, const QString& lessonPath)
{
    const QString lessonCanonical = QFileInfo(lessonPath).canonicalFilePath();
    QStringList files;
    for (const QString& argument : arguments) {
        const QFileInfo info(argument);
        if (!info.isDir()) {
            files << argument;
            continue;
        }
        const QDir folder(argument);
        for (const QString& name : folder.entryList({QStringLiteral("*.privatepath")}, QDir::Files, QDir::Name)) {
            const QString path = folder.filePath(name);
            if (QFileInfo(path).canonicalFilePath() != lessonCanonical)
                files << path;
        }
    }
    return files;
}

void printGrade(QTextStream& out, QTextStream& err, const SubmissionGrade& g, const Lesson& lesson)
{
    const QString file = toQString(g.file);
    if (g.status == SubmissionStatus::Unreadable) {
        printDiagnostics(err, g.diagnostics);
        out << tr("%1: UNREADABLE: the file could not be loaded\n").arg(file);
        return;
    }
    if (g.status == SubmissionStatus::OtherLesson) {
        out << (g.lessonId.empty() ? tr("%1: NOT THIS LESSON: it has no lesson section (expected '%2')\n").arg(file, toQString(lesson.id))
                                   : tr("%1: NOT THIS LESSON: its lesson is '%2' (expected '%3')\n")
                                         .arg(file, toQString(g.lessonId), toQString(lesson.id)));
        return;
    }
    out << tr("%1: %2% (%3/%4) %5\n")
               .arg(file)
               .arg(g.scorePercent())
               .arg(g.progress.metWeight)
               .arg(g.progress.totalWeight)
               .arg(g.passed() ? tr("PASS") : tr("FAIL"));
    for (const GoalResult& r : g.progress.goals) {
        out << "  " << (r.met ? tr("met    ") : tr("MISSED ")) << " " << toQString(r.goal)
            << tr(" (weight %1)").arg(r.weight) << (r.message.empty() ? QString() : QStringLiteral(": ") + toQString(r.message))
            << "\n";
        printReasons(out, r.reasons);
    }
    if (g.locked.empty()) {
        out << "  " << tr("locked resources: unchanged") << "\n";
    } else {
        out << "  " << tr("locked resources: CHANGED") << "\n";
        printReasons(out, explainLockedChanges(g.locked));
    }
}

int runGrade(const QStringList& args, Streams io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr(
        "Grade learners' saved designs against a lesson: the score, the goals met and missed with\n"
        "their reasons, and whether locked resources were changed. A folder stands for the .privatepath\n"
        "files in it.\n"
        "Exit codes: 0 every submission passes every goal and is untampered; 1 a goal missed, a locked\n"
        "resource changed or another lesson; 2 usage error; 3 a file could not be read or parsed."));
    parser.addHelpOption();
    const QCommandLineOption format(QStringLiteral("format"), tr("Output format: text (default), json, csv, sarif or junit."),
                                    QStringLiteral("text|json|csv|sarif|junit"), QStringLiteral("text"));
    parser.addOption(format);
    const QCommandLineOption sarifBase(QStringLiteral("sarif-base"),
                                       tr("SARIF: make file locations relative to this directory (default: the working directory)."),
                                       QStringLiteral("DIR"));
    parser.addOption(sarifBase);
    parser.addPositionalArgument(QStringLiteral("LESSON"), tr("The lesson file (its design is the start)."));
    parser.addPositionalArgument(QStringLiteral("SUBMISSION"), tr("Submitted design files or folders."),
                                 QStringLiteral("SUBMISSION..."));
    const QString name = QStringLiteral("lesson grade");
    if (const auto done = parseSubcommand(parser, args, name, io))
        return *done;
    const QString formatName = parser.value(format);
    if (!QStringList{QStringLiteral("text"), QStringLiteral("json"), QStringLiteral("csv"), QStringLiteral("sarif"),
                     QStringLiteral("junit")}
             .contains(formatName)) {
        io.err << tr("Unknown format '%1'; use text, json, csv, sarif or junit.\n").arg(formatName);
        return UsageError;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() < 2) {
        io.err << tr("Give a lesson file and at least one submission.\n") << subcommandHelp(parser, name);
        return UsageError;
    }
    int exitCode = Ok;
    const std::optional<Design> start = loadLesson(positional.front(), io, exitCode);
    if (!start)
        return exitCode;
    if (!start->lesson) {
        io.err << tr("%1 is not a lesson: it has no lesson section.\n").arg(positional.front());
        return UsageError;
    }
    const QStringList files = submissionFiles(positional.mid(1), positional.front());
    if (files.isEmpty()) {
        io.err << tr("No submission to grade: the folders hold no .privatepath file.\n");
        return UsageError;
    }
    std::vector<SubmissionGrade> grades;
    for (const QString& file : files)
        grades.push_back(gradeSubmissionFile(*start, toStdString(file)));
    exitCode = gradeExitCode(grades);

    if (formatName == QLatin1String("json")) {
        io.out << toQString(gradeReportJson(*start, toStdString(positional.front()), grades).dump(2)) << "\n";
        return exitCode;
    }
    if (formatName == QLatin1String("csv")) {
        io.out << toQString(gradeReportCsv(*start, grades));
        return exitCode;
    }
    if (formatName == QLatin1String("sarif")) {
        SourceIndex sources;
        for (const SubmissionGrade& g : grades)
            if (g.status != SubmissionStatus::Unreadable)
                sources.addFile(g.file);
        const SarifOptions options{toStdString(parser.value(sarifBase))};
        io.out << toQString(gradeSarif(grades, sources, options).dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace))
               << "\n";
        return exitCode;
    }
    if (formatName == QLatin1String("junit")) {
        io.out << toQString(gradeJUnit(*start, grades));
        return exitCode;
    }
    const Lesson& lesson = *start->lesson;
    int totalWeight = 0;
    for (const Goal& goal : lesson.goals)
        totalWeight += goal.weight;
    io.out << tr("lesson %1: %2 (%3 goals, total weight %4)\n")
                  .arg(toQString(lesson.id), toQString(lesson.title))
                  .arg(lesson.goals.size())
                  .arg(totalWeight);
    for (const SubmissionGrade& g : grades)
        printGrade(io.out, io.err, g, lesson);
    auto count = [&](auto predicate) { return int(std::count_if(grades.begin(), grades.end(), predicate)); };
    io.out << tr("%1 submission(s): %2 passed, %3 did not (%4 with changed locked resources, %5 of another lesson, %6 unreadable)\n")
                  .arg(grades.size())
                  .arg(count([](const SubmissionGrade& g) { return g.passed(); }))
                  .arg(count([](const SubmissionGrade& g) { return !g.passed(); }))
                  .arg(count([](const SubmissionGrade& g) { return g.tampered(); }))
                  .arg(count([](const SubmissionGrade& g) { return g.status == SubmissionStatus::OtherLesson; }))
                  .arg(count([](const SubmissionGrade& g) { return g.status == SubmissionStatus::Unreadable; }));
    return exitCode;
}

int runLessonCheck(const QStringList& args, Streams io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr(
        "Validate a lesson: the goals and locked resources name things that exist, the start misses at\n"
        "least one goal, and every reference solution meets every goal and keeps the locked resources.\n"
        "Exit codes: 0 valid (warnings allowed); 1 a problem; 2 usage error; 3 the file could not be read."));
    parser.addHelpOption();
    const QCommandLineOption format(QStringLiteral("format"), tr("Output format: text (default) or json."),
                                    QStringLiteral("text|json"), QStringLiteral("text"));
    parser.addOption(format);
    parser.addPositionalArgument(QStringLiteral("LESSON"), tr("The lesson file."));
    const QString name = QStringLiteral("lesson check");
    if (const auto done = parseSubcommand(parser, args, name, io))
        return *done;
    const QString formatName = parser.value(format);
    if (formatName != QLatin1String("text") && formatName != QLatin1String("json")) {
        io.err << tr("Unknown format '%1'; use text or json.\n").arg(formatName);
        return UsageError;
    }
    if (parser.positionalArguments().size() != 1) {
        io.err << tr("Give exactly one lesson file.\n") << subcommandHelp(parser, name);
        return UsageError;
    }
    const QString path = parser.positionalArguments().front();
    int exitCode = Ok;
    const std::optional<Design> lessonFile = loadLesson(path, io, exitCode);
    if (!lessonFile)
        return exitCode;
    const std::vector<LessonProblem> problems = checkLesson(*lessonFile);
    const auto errors = std::count_if(problems.begin(), problems.end(), [](const LessonProblem& p) { return p.severity == Severity::Error; });
    exitCode = errors > 0 ? FindingErrors : Ok;
    if (formatName == QLatin1String("json")) {
        io.out << toQString(lessonCheckJson(toStdString(path), problems, exitCode).dump(2)) << "\n";
        return exitCode;
    }
    for (const LessonProblem& p : problems) {
        io.out << path << ": " << severityName(p.severity) << ": "
               << (p.where.empty() ? QString() : toQString(p.where) + QStringLiteral(": ")) << toQString(p.message) << " ["
               << toQString(p.code) << "]\n";
        printReasons(io.out, p.reasons);
    }
    io.out << tr("%1: %2 error(s), %3 warning(s)\n").arg(path).arg(errors).arg(qsizetype(problems.size()) - errors);
    return exitCode;
}

} // namespace

int runLesson(const QStringList& args, Streams io)
{
    // args: "<program> <subcommand> <its options...>"; the subcommand parser sees "<program> <options...>".
    const QString sub = args.value(1);
    QStringList rest = args.mid(1);
    if (!rest.isEmpty())
        rest[0] = args.value(0);
    if (sub == QLatin1String("grade"))
        return runGrade(rest, io);
    if (sub == QLatin1String("check"))
        return runLessonCheck(rest, io);
    const QString usage = tr("Usage: privatepath lesson grade LESSON SUBMISSION... [--format text|json|csv|sarif|junit]\n"
                             "       privatepath lesson check LESSON [--format text|json]\n");
    if (sub == QLatin1String("-h") || sub == QLatin1String("--help")) {
        io.out << usage;
        return Ok;
    }
    io.err << (sub.isEmpty() ? tr("Missing lesson command.\n") : tr("Unknown lesson command '%1'.\n").arg(sub)) << usage;
    return UsageError;
}

} // namespace pp::cli
