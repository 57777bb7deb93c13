#include "Shell.h"
#include "io/DesignFile.h"

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sstream>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <utime.h>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;

struct CommandResult {
    int code = -1;
    std::string out; // stdout and stderr, interleaved as printed
    std::string stdoutOnly;
};

using pp::test::shellQuote;

CommandResult run(const std::string& arguments, bool mergeStderr = true)
{
    const std::string command = shellQuote(PRIVATEPATH_BINARY) + " " + arguments + (mergeStderr ? " 2>&1" : " 2>/dev/null");
    const pp::test::ShellResult shell = pp::test::runShell(command);
    CommandResult r;
    r.code = shell.code;
    r.out = shell.out;
    r.stdoutOnly = shell.out;
    return r;
}

class Cli : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_dir = fs::temp_directory_path() / ("privatepath-cli-" + std::to_string(::getpid()) + "-" +
                                             ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
    }
    void TearDown() override { fs::remove_all(m_dir); }
    std::string write(const char* name, const std::string& text)
    {
        const std::string p = (m_dir / name).string();
        std::ofstream(p, std::ios::binary) << text;
        return p;
    }
    std::string path(const char* name) const { return (m_dir / name).string(); }
    static std::string read(const std::string& p)
    {
        std::ifstream in(p, std::ios::binary);
        std::stringstream s;
        s << in.rdbuf();
        return s.str();
    }
    fs::path m_dir;
};

const char* kValid = R"({"schemaVersion": 1,
  "regions": [{"id": "use1", "code": "us-east-1", "availabilityZones": ["use1-az1"]}],
  "vpcs": [{"id": "vpc-a", "region": "use1", "ipv4Cidrs": ["10.0.0.0/16"]}],
  "subnets": [{"id": "app", "vpc": "vpc-a", "cidr": "10.0.1.0/24", "availabilityZone": "use1-az1"}]})";

const char* kWithErrorFinding = R"({"schemaVersion": 1,
  "regions": [{"id": "use1", "code": "us-east-1", "availabilityZones": ["use1-az1"]}],
  "vpcs": [{"id": "vpc-a", "region": "use1", "ipv4Cidrs": ["10.0.0.0/16"]}],
  "subnets": [{"id": "app", "vpc": "vpc-a", "cidr": "10.9.1.0/24", "availabilityZone": "use1-az1"}]})";

TEST_F(Cli, VersionAndHelp)
{
    const CommandResult version = run("--version");
    EXPECT_EQ(version.code, 0);
    EXPECT_EQ(version.out, "privatepath " PRIVATEPATH_VERSION "\n");
    const CommandResult help = run("--help");
    EXPECT_EQ(help.code, 0);
    EXPECT_NE(help.out.find("check FILE..."), std::string::npos);
    EXPECT_NE(help.out.find("Exit codes"), std::string::npos);
    const CommandResult checkHelp = run("check --help");
    EXPECT_EQ(checkHelp.code, 0);
    EXPECT_NE(checkHelp.out.find("--format"), std::string::npos);
    EXPECT_NE(checkHelp.out.find("Usage: privatepath check [options] FILE..."), std::string::npos) << checkHelp.out;
    const CommandResult extra = run("schema extra");
    EXPECT_EQ(extra.code, 2);
    EXPECT_NE(extra.out.find("Unexpected argument 'extra'"), std::string::npos);
}

TEST_F(Cli, UsageErrorsExitWithTwo)
{
    // (No argument at all opens the editor; tests/ui covers it.)
    EXPECT_EQ(run("frobnicate").code, 2);
    EXPECT_NE(run("frobnicate").out.find("Unknown command 'frobnicate'"), std::string::npos);
    EXPECT_EQ(run("check").code, 2);
    EXPECT_EQ(run("check --no-such-option x").code, 2);
    const CommandResult badFormat = run("check --format yaml " + write("v.privatepath", kValid));
    EXPECT_EQ(badFormat.code, 2);
    EXPECT_NE(badFormat.out.find("Unknown format 'yaml'"), std::string::npos);
    EXPECT_EQ(run("generate --vpcs 3").code, 2) << "-o is required";
    EXPECT_EQ(run("generate --vpcs lots -o " + path("g")).code, 2);
    EXPECT_EQ(run("generate --vpcs 0 -o " + path("g")).code, 2);
}

TEST_F(Cli, CheckValidDesignExitsZero)
{
    const CommandResult r = run("check " + write("v.privatepath", kValid));
    EXPECT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("0 error(s), 0 warning(s)"), std::string::npos) << r.out;
}

TEST_F(Cli, CheckErrorFindingExitsOne)
{
    const std::string file = write("e.privatepath", kWithErrorFinding);
    const CommandResult r = run("check " + file);
    EXPECT_EQ(r.code, 1) << r.out;
    EXPECT_NE(r.out.find("[SUBNET_OUTSIDE_VPC_CIDR] (app, vpc-a)"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("1 error(s)"), std::string::npos) << r.out;
}

TEST_F(Cli, CheckUnreadableOrBrokenFileExitsThree)
{
    const CommandResult missing = run("check " + path("missing.privatepath"));
    EXPECT_EQ(missing.code, 3);
    EXPECT_NE(missing.out.find("FILE_UNREADABLE"), std::string::npos);
    const std::string broken = write("b.privatepath", "{\n  \"schemaVersion\": 1,\n  \"vpcs\": [\n");
    const CommandResult r = run("check " + broken);
    EXPECT_EQ(r.code, 3);
    EXPECT_NE(r.out.find(broken + ":4:1: error: malformed JSON"), std::string::npos) << r.out;
    // A load failure outranks error findings in other files.
    EXPECT_EQ(run("check " + write("e.privatepath", kWithErrorFinding) + " " + broken).code, 3);
}

TEST_F(Cli, CheckJsonReportIsParsableAndComplete)
{
    const std::string good = write("v.privatepath", kValid), bad = write("e.privatepath", kWithErrorFinding);
    const CommandResult r = run("check --format json " + good + " " + bad, false);
    EXPECT_EQ(r.code, 1);
    const auto report = nlohmann::json::parse(r.stdoutOnly);
    EXPECT_EQ(report["reportVersion"], 1);
    EXPECT_EQ(report["exitCode"], 1);
    ASSERT_EQ(report["files"].size(), 2u);
    EXPECT_EQ(report["files"][0]["file"], good);
    EXPECT_EQ(report["files"][0]["errors"], 0);
    const auto& finding = report["files"][1]["findings"][0];
    EXPECT_EQ(finding["code"], "SUBNET_OUTSIDE_VPC_CIDR");
    EXPECT_EQ(finding["severity"], "error");
    EXPECT_EQ(finding["rule"], "RT-4");
    EXPECT_EQ(finding["ids"], nlohmann::json({"app", "vpc-a"}));
    // Deterministic.
    EXPECT_EQ(run("check --format json " + good + " " + bad, false).stdoutOnly, r.stdoutOnly);
}

TEST_F(Cli, CheckJsonReportCarriesLoaderErrors)
{
    const std::string broken = write("b.privatepath", R"({"schemaVersion": 99})");
    const CommandResult r = run("check --format json " + broken, false);
    EXPECT_EQ(r.code, 3);
    const auto report = nlohmann::json::parse(r.stdoutOnly);
    EXPECT_EQ(report["files"][0]["loaded"], false);
    EXPECT_EQ(report["files"][0]["diagnostics"][0]["code"], "NEWER_SCHEMA_VERSION");
    EXPECT_EQ(report["files"][0]["diagnostics"][0]["line"], 1);
}

TEST_F(Cli, CheckEveryBundledExample)
{
    for (const auto& entry : fs::directory_iterator(PRIVATEPATH_SOURCE_DIR "/resources/examples")) {
        const CommandResult r = run("check " + shellQuote(entry.path().string()));
        EXPECT_EQ(r.code, 0) << entry.path() << "\n" << r.out;
    }
}

TEST_F(Cli, GenerateIsDeterministicAndValid)
{
    const std::string a = path("a.privatepath"), b = path("b.privatepath");
    const CommandResult first = run("generate --vpcs 4 --subnets 3 --instances 2 --seed 5 -o " + a);
    ASSERT_EQ(first.code, 0) << first.out;
    EXPECT_NE(first.out.find("Wrote"), std::string::npos);
    ASSERT_EQ(run("generate --vpcs 4 --subnets 3 --instances 2 --seed 5 -o " + b).code, 0);
    EXPECT_EQ(read(a), read(b));
    EXPECT_EQ(run("check " + a).code, 0);
}

TEST_F(Cli, GenerateToUnwritablePlaceExitsFour)
{
    const CommandResult r = run("generate -o " + path("no/such/dir/g.privatepath"));
    EXPECT_EQ(r.code, 4);
    EXPECT_NE(r.out.find("cannot save"), std::string::npos) << r.out;
}

TEST_F(Cli, FormatRewritesHandWrittenFilesCanonically)
{
    const std::string file = write("hand.privatepath", kValid);
    EXPECT_EQ(run("format --check " + file).code, 1);
    const CommandResult r = run("format " + file);
    EXPECT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("reformatted"), std::string::npos);
    EXPECT_EQ(run("format --check " + file).code, 0);
    EXPECT_EQ(read(file), pp::saveDesignToString(*pp::loadDesignFile(file).design));
    EXPECT_EQ(run("format " + write("bad.privatepath", "{")).code, 3);
}

TEST_F(Cli, SchemaMatchesCommittedCopy)
{
    const CommandResult r = run("schema", false);
    EXPECT_EQ(r.code, 0);
    EXPECT_EQ(r.stdoutOnly, read(PRIVATEPATH_SOURCE_DIR "/resources/schema/privatepath-v3.schema.json"));
    EXPECT_TRUE(nlohmann::json::accept(r.stdoutOnly));
}

} // namespace

namespace {

const char* kFlowDesign = R"({"schemaVersion": 1,
  "regions": [{"id": "use1", "code": "us-east-1", "availabilityZones": ["use1-az1"]}],
  "vpcs": [{"id": "vpc-a", "region": "use1", "ipv4Cidrs": ["10.0.0.0/16"]}],
  "subnets": [{"id": "app", "vpc": "vpc-a", "cidr": "10.0.1.0/24", "availabilityZone": "use1-az1", "routeTable": "rt"}],
  "routeTables": [{"id": "rt", "vpc": "vpc-a"}],
  "securityGroups": [{"id": "sg", "vpc": "vpc-a", "outbound": [{"protocol": "all", "cidr": "0.0.0.0/0"}]}],
  "workloads": [{"id": "i-app", "subnet": "app", "privateIp": "10.0.1.10", "securityGroups": ["sg"]}],
  "awsServices": [{"id": "s3", "service": "s3", "region": "use1"}],
  "flows": [
    {"id": "to-s3", "source": "i-app", "destination": "s3", "port": 443, "expect": "EXPECTED"},
    {"id": "other", "source": "i-app", "destination": "s3", "port": 80}
  ]})";

std::string flowDesign(const char* expected)
{
    std::string text = kFlowDesign;
    text.replace(text.find("EXPECTED"), 8, expected);
    return text;
}

TEST_F(Cli, CheckPrintsEachFlowsVerdictPathAndReasons)
{
    const CommandResult r = run("check " + write("f.privatepath", flowDesign("unreachable")));
    EXPECT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("flow to-s3: UNREACHABLE (expected unreachable: met)"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("rt                 drop           route table rt has no route to"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("blocked [NO_ROUTE_TO_DESTINATION] at rt"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("hint [USE_GATEWAY_ENDPOINT] at rt"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("2 flow(s), 0 missing the expected verdict"), std::string::npos) << r.out;
}

TEST_F(Cli, FlowMissingItsExpectedVerdictExitsOne)
{
    const CommandResult r = run("check " + write("f.privatepath", flowDesign("private")));
    EXPECT_EQ(r.code, 1) << r.out;
    EXPECT_NE(r.out.find("flow to-s3: UNREACHABLE (expected private: NOT MET)"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("1 missing the expected verdict"), std::string::npos) << r.out;
}

TEST_F(Cli, FlowOptionLimitsTheReport)
{
    const std::string file = write("f.privatepath", flowDesign("private"));
    const CommandResult one = run("check --flow other " + file);
    EXPECT_EQ(one.code, 0) << "the flow that misses its expectation is not reported\n" << one.out;
    EXPECT_EQ(one.out.find("flow to-s3"), std::string::npos);
    EXPECT_NE(one.out.find("flow other: UNREACHABLE"), std::string::npos);
    const CommandResult missing = run("check --flow nope " + file);
    EXPECT_EQ(missing.code, 2);
    EXPECT_NE(missing.out.find("There is no flow 'nope'"), std::string::npos);
    // With several files, the flow only has to be in one of them.
    const CommandResult several = run("check --flow other " + file + " " + write("v.privatepath", kValid));
    EXPECT_EQ(several.code, 0) << several.out;
    EXPECT_NE(several.out.find("flow other: UNREACHABLE"), std::string::npos);
    const auto report = nlohmann::json::parse(run("check --format json --flow other " + file, false).stdoutOnly);
    ASSERT_EQ(report["files"][0]["flows"].size(), 1u);
    EXPECT_EQ(report["files"][0]["flows"][0]["flow"], "other");
}

TEST_F(Cli, JsonReportCarriesFlowsAndExposure)
{
    const auto report = nlohmann::json::parse(
        run("check --format json " + shellQuote(PRIVATEPATH_SOURCE_DIR "/resources/examples/s3-gateway-endpoint.privatepath"), false).stdoutOnly);
    const auto& file = report["files"][0];
    ASSERT_EQ(file["flows"].size(), 2u);
    const auto& viaNat = file["flows"][0];
    EXPECT_EQ(viaNat["verdict"], "public");
    EXPECT_EQ(viaNat["expected"], "public");
    EXPECT_EQ(viaNat["expectationMet"], true);
    EXPECT_EQ(viaNat["returnPath"], "ok");
    const std::size_t leaves = viaNat["leavesPrivateNetworkAt"].get<std::size_t>();
    EXPECT_EQ(viaNat["path"][leaves]["resource"], "igw-a");
    EXPECT_EQ(viaNat["path"][leaves]["kind"], "internetGateway") << "each hop says what device it is (PATH-1)";
    bool natHop = false;
    for (const auto& hop : viaNat["path"])
        natHop |= hop["kind"] == "natGateway";
    EXPECT_TRUE(natHop);
    EXPECT_EQ(viaNat["path"][leaves]["sourceClass"]["before"], "private");
    EXPECT_EQ(viaNat["path"][leaves]["sourceClass"]["after"], "public");
    EXPECT_EQ(file["flows"][1]["verdict"], "private");
    EXPECT_EQ(file["unmetExpectations"], 0);
    EXPECT_FALSE(file["exposure"].empty());
    EXPECT_EQ(file["exposure"][0]["egress"], true);
}

// Every command that writes goes through one writer: a FIFO, a device or a directory at the
// output is refused with exit 4 and kept, with or without --force.
TEST_F(Cli, WritingCommandsRefuseNonRegularOutputs)
{
    const std::string fifo = path("out.fifo"), folder = path("folder.svg");
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0644), 0);
    fs::create_directories(folder);
    const std::string design = write("v.privatepath", kValid);
    for (const std::string& target : {fifo, folder}) {
        SCOPED_TRACE(target);
        const CommandResult generated = run("generate -o " + shellQuote(target));
        EXPECT_EQ(generated.code, 4) << generated.out;
        EXPECT_NE(generated.out.find("not a regular file"), std::string::npos) << generated.out;
        const CommandResult exported = run("export --force --format svg " + design + " -o " + shellQuote(target));
        EXPECT_EQ(exported.code, 4) << exported.out;
        EXPECT_NE(exported.out.find("not a regular file"), std::string::npos) << exported.out;
    }
    EXPECT_TRUE(fs::is_fifo(fifo));
    EXPECT_TRUE(fs::is_directory(folder));
}

TEST_F(Cli, WritingCommandsNeverReplaceAReadOnlyFile)
{
    const std::string design = write("v.privatepath", kValid), image = write("old.svg", "keep me");
    ::chmod(design.c_str(), 0444);
    ::chmod(image.c_str(), 0444);
    const CommandResult formatted = run("format " + design);
    EXPECT_EQ(formatted.code, 4) << formatted.out;
    EXPECT_NE(formatted.out.find("read-only"), std::string::npos) << formatted.out;
    EXPECT_EQ(read(design), kValid);
    const CommandResult exported = run("export --force " + design + " -o " + image);
    EXPECT_EQ(exported.code, 4) << exported.out;
    EXPECT_EQ(read(image), "keep me");
    const CommandResult generated = run("generate -o " + image);
    EXPECT_EQ(generated.code, 4) << generated.out;
    for (const std::string& p : {design, image}) {
        struct stat info {};
        ::stat(p.c_str(), &info);
        EXPECT_EQ(info.st_mode & 0777, 0444u) << p;
    }
}

TEST_F(Cli, ReplacedFilesKeepTheirMode)
{
    const std::string design = write("v.privatepath", kValid), image = write("old.svg", "old");
    ::chmod(design.c_str(), 0640);
    ::chmod(image.c_str(), 0600);
    ASSERT_EQ(run("format " + design).code, 0);
    ASSERT_EQ(run("export --force " + design + " -o " + image).code, 0);
    for (const auto& [p, mode] : {std::pair{design, 0640u}, std::pair{image, 0600u}}) {
        struct stat info {};
        ::stat(p.c_str(), &info);
        EXPECT_EQ(info.st_mode & 0777, mode) << p;
    }
}

// A run killed while writing leaves `.NAME.tmp-XXXXXX`; the next write of that file removes it.
TEST_F(Cli, StaleTemporaryFilesAreCleanedUp)
{
    const std::string design = write("v.privatepath", kValid);
    const std::string stale = write(".v.privatepath.tmp-Zq9Xw1", "partial"),
                      generatedStale = write(".g.privatepath.tmp-Ab3De4", "partial");
    const std::time_t old = std::time(nullptr) - 3600;
    const utimbuf times{old, old};
    ::utime(stale.c_str(), &times);
    ::utime(generatedStale.c_str(), &times);
    ASSERT_EQ(run("format " + design).code, 0);
    ASSERT_EQ(run("generate -o " + path("g.privatepath")).code, 0);
    EXPECT_FALSE(fs::exists(stale));
    EXPECT_FALSE(fs::exists(generatedStale));
}

// On a full disk the message says what the system said and the old file stays.
TEST_F(Cli, FullDiskSaysSoAndKeepsTheFile)
{
    const fs::path small = m_dir / "small";
    fs::create_directories(small);
    if (::mount("tmpfs", small.c_str(), "tmpfs", 0, "size=64k") != 0)
        GTEST_SKIP() << "cannot mount a small tmpfs (" << std::strerror(errno) << "); AtomicSave covers the message";
    const std::string target = (small / "g.privatepath").string();
    std::ofstream(target) << "old";
    const CommandResult r = run("generate --vpcs 20 -o " + target);
    const std::string after = read(target);
    ::umount(small.c_str());
    EXPECT_EQ(r.code, 4) << r.out;
    EXPECT_NE(r.out.find("No space left on device"), std::string::npos) << r.out;
    EXPECT_EQ(after, "old");
}

// Bounded input, seen from the command line: far coordinates are load errors (exit 3) naming
// file, line and field, so no export can hang or explode; a UTF-16 file is named as such;
// control characters from the file never reach the terminal raw.
TEST_F(Cli, FarCoordinatesAreLoadErrorsForEveryCommand)
{
    const std::string far = R"({"schemaVersion": 2, "internetHosts": [{"id": "h", "address": "203.0.113.1"}],
  "diagram": {"shapes": [{"resource": "h", "x": X, "y": X, "width": 240, "height": 140}]}})";
    for (const std::string x : {"1e308", "-1e308", "1e9", "-1e9"}) {
        SCOPED_TRACE(x);
        std::string text = far;
        for (std::size_t at; (at = text.find('X')) != std::string::npos;)
            text.replace(at, 1, x);
        const std::string file = write("far.privatepath", text);
        const CommandResult checked = run("check " + file);
        EXPECT_EQ(checked.code, 3) << checked.out;
        EXPECT_NE(checked.out.find("far.privatepath:2:44:"), std::string::npos) << checked.out;
        EXPECT_NE(checked.out.find("[OUT_OF_RANGE] (at /diagram/shapes/0/x)"), std::string::npos) << checked.out;
        const CommandResult exported = run("export " + file + " -o " + path("far.png"));
        EXPECT_EQ(exported.code, 3) << exported.out;
        EXPECT_FALSE(fs::exists(path("far.png")));
    }
}

TEST_F(Cli, Utf16FileIsNamedAsSuch)
{
    std::string wide = "\xFF\xFE";
    for (char c : std::string(kValid)) {
        wide += c;
        wide += '\0';
    }
    const CommandResult r = run("check " + write("wide.privatepath", wide));
    EXPECT_EQ(r.code, 3) << r.out;
    EXPECT_NE(r.out.find("the file is UTF-16 (little-endian, with a byte order mark); design files are UTF-8"),
              std::string::npos)
        << r.out;
}

TEST_F(Cli, ControlCharactersFromTheFileAreEscaped)
{
    // An id that would retitle the terminal (OSC 0 ... BEL), and a NUL that breaks the JSON.
    const std::string osc = write("osc.privatepath", R"({"schemaVersion": 2, "internetHosts": [{"id": "\u001b]0;owned\u0007", "address": "203.0.113.1"}]})");
    const CommandResult r = run("check " + osc);
    EXPECT_EQ(r.code, 3) << r.out;
    EXPECT_EQ(r.out.find('\x1b'), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find('\x07'), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("\\u001b]0;owned\\u0007"), std::string::npos) << r.out;
    const CommandResult formatted = run("format " + osc);
    EXPECT_EQ(formatted.out.find('\x1b'), std::string::npos) << formatted.out;

    const CommandResult nul = run("check " + write("nul.privatepath", std::string("{\"schemaVersion\": 2, \"name\": \"a\0b\"}", 36)));
    EXPECT_EQ(nul.code, 3) << nul.out;
    EXPECT_EQ(nul.out.find('\0'), std::string::npos);
    EXPECT_NE(nul.out.find("\\u0000"), std::string::npos) << nul.out;
}

} // namespace
