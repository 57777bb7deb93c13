#pragma once

// Running the real `privatepath` binary from the CLI tests.

#include <array>
#include <cstdio>
#include <string>
#include <sys/wait.h>

namespace pp::test {

// `s` quoted for /bin/sh.
inline std::string shellQuote(const std::string& s)
{
    std::string out = "'";
    for (char c : s)
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

struct ShellResult {
    int code = -1;   // the exit status, -1 if the command did not exit normally
    std::string out; // what it printed (stderr too when merged)
};

// Runs a shell command line and collects its output.
inline ShellResult runShell(const std::string& command)
{
    ShellResult r;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe)
        return r;
    std::array<char, 4096> buffer{};
    std::size_t n = 0;
    while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
        r.out.append(buffer.data(), n);
    const int status = ::pclose(pipe);
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

} // namespace pp::test
