#pragma once

#include <QCommandLineParser>
#include <QString>
#include <QStringList>
#include <QTextStream>

#include <optional>

namespace pp::cli {

// Exit codes of every subcommand (documented in docs/cli.md and `privatepath --help`).
enum ExitCode : int {
    Ok = 0,               // success; for `check`: no error findings, every expected verdict met, every policy holds
    FindingErrors = 1,    // `check`: a design has error findings (or a flow misses its expected verdict, or a policy is violated);
                          // `diff`: the change opens a public path, exposes a workload or breaks an `expect`
    UsageError = 2,       // bad arguments
    InputError = 3,       // a file could not be read or parsed
    OutputError = 4,      // an output file could not be written
};

struct Streams {
    QTextStream& out;
    QTextStream& err;
};

// Each subcommand takes the arguments after its name (args[0] is "privatepath <command>").
int runCheck(const QStringList& args, Streams io);
int runGenerate(const QStringList& args, Streams io);
int runFormat(const QStringList& args, Streams io);
int runSchema(const QStringList& args, Streams io);
int runExport(const QStringList& args, Streams io); // needs a QApplication (offscreen is fine)
int runLesson(const QStringList& args, Streams io); // `lesson grade` and `lesson check`
int runImport(const QStringList& args, Streams io); // `import terraform`
int runQuery(const QStringList& args, Streams io);
int runDiff(const QStringList& args, Streams io);

// The parser's help text with the usage line naming the subcommand ("privatepath check"):
// QCommandLineParser always prints the program path there.
QString subcommandHelp(const QCommandLineParser& parser, const QString& command);
// Parses a subcommand's arguments. Returns the exit code when the command is done already: a
// parse error (the error and the help on err, UsageError) or --help (the help on out, Ok);
// nothing when the command goes on.
std::optional<int> parseSubcommand(QCommandLineParser& parser, const QStringList& args, const QString& command, Streams io);

// Entry point for the command line; `args` is QCoreApplication::arguments().
int runCommandLine(const QStringList& args, Streams io);

// Text from core for printing: control characters other than line breaks and tabs are escaped
// (`\u001b`), so names and messages from a file cannot drive the terminal. (JSON text is unchanged
// in meaning: it escapes control characters itself, and `\u007f` in a string is the same string.)
QString toQString(const std::string& s);
std::string toStdString(const QString& s);

} // namespace pp::cli
