// The manual page privatepath(1) (packaging/privatepath.1.in) against the program itself: every
// command, option and exit code that `privatepath --help` and each command's --help list is in
// the page, so a new command or option without documentation fails here; and groff renders the
// page without a warning.
#include "Shell.h"

#include <algorithm>
#include <fstream>
#include <gtest/gtest.h>
#include <regex>
#include <set>
#include <sstream>

namespace {

using pp::test::runShell;
using pp::test::shellQuote;

std::string helpOf(const std::string& arguments)
{
    const pp::test::ShellResult r = runShell(shellQuote(PRIVATEPATH_BINARY) + " " + arguments + " 2>&1");
    EXPECT_EQ(r.code, 0) << arguments << ": " << r.out;
    return r.out;
}

std::string manPage()
{
    std::ifstream in(PRIVATEPATH_MAN_PAGE, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// How troff source spells a word with hyphens: every '-' is written '\-' (a minus sign, so
// that the option can be copied from the rendered page).
std::string troff(const std::string& word) { return std::regex_replace(word, std::regex("-"), "\\-"); }

// Where the section of a command starts: `.SS generate` or `.SS "check \fIFILE\fP..."`.
std::size_t sectionOf(const std::string& page, const std::string& command)
{
    const auto plain = page.find("\n.SS " + command + "\n");
    return plain != std::string::npos ? plain : page.find("\n.SS \"" + command + " ");
}

// The commands `privatepath --help` lists: "check", ..., "lesson grade", "lesson check".
std::vector<std::string> commands()
{
    const std::string help = helpOf("--help");
    const auto start = help.find("\nCommands:\n");
    const auto end = help.find("\n\n", start + 1);
    EXPECT_NE(start, std::string::npos) << help;
    std::vector<std::string> found;
    const std::string section = help.substr(start, end - start);
    const std::regex line(R"(\n  ([a-z]+(?: [a-z]+)?)(?: [A-Z]|  |\n|$))");
    for (auto it = std::sregex_iterator(section.begin(), section.end(), line); it != std::sregex_iterator(); ++it)
        found.push_back((*it)[1]);
    return found;
}

// The options a command's --help lists ("--format", "-o", ...), --help-all and Qt's own left out.
std::set<std::string> optionsOf(const std::string& command)
{
    const std::string help = helpOf(command + " --help");
    std::set<std::string> found;
    const auto start = help.find("\nOptions:\n");
    if (start == std::string::npos)
        return found;
    const std::string section = help.substr(start, help.find("\nArguments:", start) - start);
    const std::regex option(R"(\n  (?:(-[a-z]), )?(--[a-z][a-z-]*))");
    for (auto it = std::sregex_iterator(section.begin(), section.end(), option); it != std::sregex_iterator(); ++it) {
        if ((*it)[1].matched)
            found.insert((*it)[1]);
        found.insert((*it)[2]);
    }
    return found;
}

TEST(ManPage, HasASectionForEveryCommandTheProgramLists)
{
    const std::vector<std::string> listed = commands();
    // The list itself is read correctly (guards the parsing above).
    EXPECT_GE(listed.size(), 7u);
    EXPECT_NE(std::find(listed.begin(), listed.end(), "lesson grade"), listed.end());
    const std::string page = manPage();
    ASSERT_FALSE(page.empty()) << PRIVATEPATH_MAN_PAGE;
    for (const std::string& command : listed) {
        EXPECT_NE(sectionOf(page, command), std::string::npos) << "no .SS section for '" << command << "'";
        EXPECT_NE(page.find("\n.B " + command + "\n"), std::string::npos) << "'" << command << "' missing in the SYNOPSIS";
    }
}

TEST(ManPage, DescribesEveryOptionOfEveryCommand)
{
    const std::string page = manPage();
    std::size_t options = 0;
    for (const std::string& command : commands()) {
        // A command's own section: from its heading to the next heading.
        const auto start = sectionOf(page, command);
        ASSERT_NE(start, std::string::npos) << command;
        const std::string section = page.substr(start, page.find("\n.S", start + 1) - start);
        for (const std::string& option : optionsOf(command)) {
            if (option == "-h" || option == "--help" || option == "--help-all")
                continue; // the same for every command: OPTIONS
            ++options;
            EXPECT_NE(section.find(troff(option)), std::string::npos) << command << " " << option << " is not described";
        }
    }
    EXPECT_GE(options, 20u) << "the options were not read from the program's help";
    for (const char* option : {"--help", "--help-all", "--version", "-v"})
        EXPECT_NE(page.find(troff(option)), std::string::npos) << option;
}

TEST(ManPage, ExplainsEveryExitCode)
{
    const std::string help = helpOf("--help");
    const auto start = help.find("Exit codes:");
    ASSERT_NE(start, std::string::npos) << help;
    const std::string codes = help.substr(start);
    const std::string page = manPage();
    const auto status = page.find("\n.SH \"EXIT STATUS\"\n");
    ASSERT_NE(status, std::string::npos);
    const std::string section = page.substr(status, page.find("\n.SH ", status + 1) - status);
    std::size_t count = 0;
    const std::regex code(R"([:;]\s+(\d) )");
    for (auto it = std::sregex_iterator(codes.begin(), codes.end(), code); it != std::sregex_iterator(); ++it, ++count)
        EXPECT_NE(section.find("\n.TP\n.B " + (*it)[1].str() + "\n"), std::string::npos) << "exit code " << (*it)[1];
    EXPECT_EQ(count, 5u) << codes;
}

TEST(ManPage, RendersWithoutWarnings)
{
    const pp::test::ShellResult r = runShell("groff -man -Tutf8 -ww -z " + shellQuote(PRIVATEPATH_MAN_PAGE) + " 2>&1");
    EXPECT_EQ(r.code, 0) << r.out;
    EXPECT_EQ(r.out, "");
}

} // namespace
