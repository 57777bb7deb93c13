// Builds the Debian package with scripts/package.sh --no-build from this build tree (the program
// is built already: this executable depends on it), unpacks it into a scratch root with
// `dpkg -x` and checks what a user installing it gets: the program runs with the system's Qt, the
// launcher, MIME type, icons and AppStream metadata pass their validators, and the package
// declares its library dependencies.
//
// One ctest test (not one per case): the package is built once, in SetUpTestSuite.
#include "../cli/Shell.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <regex>
#include <sstream>
#include <unistd.h>
#include <vector>

namespace {

namespace fs = std::filesystem;
using pp::test::runShell;
using pp::test::shellQuote;
using pp::test::ShellResult;

const std::string kAppId = "io.github.privatepath.PrivatePath";

std::string readFile(const fs::path& p)
{
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// The last line of a command's output.
std::string lastLine(std::string text)
{
    while (!text.empty() && text.back() == '\n')
        text.pop_back();
    const auto newline = text.rfind('\n');
    return newline == std::string::npos ? text : text.substr(newline + 1);
}

class Package : public ::testing::Test {
protected:
    static void SetUpTestSuite()
    {
        s_dir = fs::temp_directory_path() / ("privatepath-package-" + std::to_string(::getpid()));
        fs::remove_all(s_dir);
        fs::create_directories(s_dir);
        s_build = runShell(shellQuote(PRIVATEPATH_SOURCE_DIR "/scripts/package.sh") + " --no-build " +
                           shellQuote(PRIVATEPATH_BINARY_DIR) + " " + shellQuote((s_dir / "dist").string()) + " 2>&1");
        s_deb = lastLine(s_build.out);
        if (s_build.code == 0)
            s_unpack = runShell("dpkg -x " + shellQuote(s_deb) + " " + shellQuote((s_dir / "root").string()) + " 2>&1");
    }
    static void TearDownTestSuite() { fs::remove_all(s_dir); }

    void SetUp() override
    {
        ASSERT_EQ(s_build.code, 0) << s_build.out;
        ASSERT_EQ(s_unpack.code, 0) << s_unpack.out;
    }

    static fs::path root() { return s_dir / "root"; }
    // Runs the packaged program against the system's libraries only.
    static ShellResult runPackaged(const std::string& arguments)
    {
        return runShell("env -u LD_LIBRARY_PATH QT_QPA_PLATFORM=offscreen " + shellQuote((root() / "usr/bin/privatepath").string()) +
                        " " + arguments + " 2>&1");
    }

    static inline fs::path s_dir;
    static inline ShellResult s_build;
    static inline ShellResult s_unpack;
    static inline std::string s_deb;
};

TEST_F(Package, IsNamedAfterTheProjectVersionAndLandsInTheOutputFolder)
{
    EXPECT_EQ(fs::path(s_deb).parent_path(), s_dir / "dist");
    EXPECT_EQ(fs::path(s_deb).filename().string().rfind("privatepath_" PRIVATEPATH_VERSION "_", 0), 0u) << s_deb;
    EXPECT_FALSE(fs::exists(s_dir / "dist/_CPack_Packages")) << "CPack's scratch folder is left behind";
}

TEST_F(Package, HoldsTheProgramAndItsDesktopIntegration)
{
    for (const std::string& file : std::vector<std::string>{"usr/bin/privatepath", "usr/share/applications/" + kAppId + ".desktop", "usr/share/metainfo/" + kAppId + ".metainfo.xml",
          "usr/share/mime/packages/privatepath.xml", "usr/share/icons/hicolor/scalable/apps/" + kAppId + ".svg",
          "usr/share/man/man1/privatepath.1.gz", "usr/share/privatepath/examples/s3-gateway-endpoint.privatepath",
          "usr/share/privatepath/lessons/s3-gateway-endpoint.privatepath"})
        EXPECT_TRUE(fs::is_regular_file(root() / file)) << file;
    for (const char* size : {"16x16", "24x24", "32x32", "48x48", "64x64", "128x128", "256x256", "512x512"}) {
        const fs::path png = root() / "usr/share/icons/hicolor" / size / "apps" / (kAppId + ".png");
        ASSERT_TRUE(fs::is_regular_file(png)) << png;
        // The PNG is as large as the folder it is in says.
        const ShellResult info = runShell("file -b " + shellQuote(png.string()));
        std::string dimensions = size;
        dimensions.replace(dimensions.find('x'), 1, " x ");
        EXPECT_NE(info.out.find("PNG image data, " + dimensions), std::string::npos) << info.out;
    }
}

TEST_F(Package, DeclaresTheQtLibrariesItLinksAsDependencies)
{
    const ShellResult info = runShell("dpkg-deb -I " + shellQuote(s_deb) + " 2>&1");
    ASSERT_EQ(info.code, 0) << info.out;
    std::smatch depends;
    const std::string text = info.out;
    ASSERT_TRUE(std::regex_search(text, depends, std::regex(R"(\n Depends: ([^\n]*))"))) << text;
    for (const char* library : {"libqt6core6", "libqt6gui6", "libqt6widgets6", "libqt6svg6", "libc6"})
        EXPECT_NE(depends[1].str().find(library), std::string::npos) << library << " missing in: " << depends[1];
    EXPECT_NE(text.find(" Version: " PRIVATEPATH_VERSION), std::string::npos) << text;
}

TEST_F(Package, PackagedProgramRunsWithTheSystemQt)
{
    const ShellResult version = runPackaged("--version");
    EXPECT_EQ(version.code, 0) << version.out;
    EXPECT_EQ(version.out, "privatepath " PRIVATEPATH_VERSION "\n");

    // An example that is clean: check exits 0 only without error findings and missed expects.
    const ShellResult check = runPackaged("check " + shellQuote((root() / "usr/share/privatepath/examples/s3-gateway-endpoint.privatepath").string()));
    EXPECT_EQ(check.code, 0) << check.out;
    EXPECT_NE(check.out.find("s3-gateway-endpoint.privatepath"), std::string::npos) << check.out;
}

TEST_F(Package, LauncherOpensDesignFilesAndPassesDesktopFileValidate)
{
    const fs::path desktop = root() / "usr/share/applications" / (kAppId + ".desktop");
    const ShellResult validate = runShell("desktop-file-validate " + shellQuote(desktop.string()) + " 2>&1");
    EXPECT_EQ(validate.code, 0) << validate.out;
    EXPECT_EQ(validate.out, "") << "desktop-file-validate's hints and warnings";
    const std::string text = readFile(desktop);
    EXPECT_NE(text.find("\nExec=privatepath %f\n"), std::string::npos) << text;
    EXPECT_NE(text.find("\nMimeType=application/x-privatepath+json;\n"), std::string::npos) << text;
    EXPECT_NE(text.find("\nIcon=" + kAppId + "\n"), std::string::npos) << text;

    const std::string mime = readFile(root() / "usr/share/mime/packages/privatepath.xml");
    EXPECT_NE(mime.find("type=\"application/x-privatepath+json\""), std::string::npos);
    EXPECT_NE(mime.find("<glob pattern=\"*.privatepath\"/>"), std::string::npos);
    const ShellResult wellFormed =
        runShell("xmllint --noout " + shellQuote((root() / "usr/share/mime/packages/privatepath.xml").string()) + " 2>&1");
    EXPECT_EQ(wellFormed.code, 0) << wellFormed.out;
}

TEST_F(Package, MetainfoPassesAppstreamValidationAndNamesThisRelease)
{
    const fs::path metainfo = root() / "usr/share/metainfo" / (kAppId + ".metainfo.xml");
    const ShellResult validate = runShell("appstreamcli validate --no-net " + shellQuote(metainfo.string()) + " 2>&1");
    EXPECT_EQ(validate.code, 0) << validate.out;
    const std::string text = readFile(metainfo);
    // The newest release (listed first) is the version being packaged: a version bump without
    // release notes fails here.
    std::smatch release;
    ASSERT_TRUE(std::regex_search(text, release, std::regex(R"re(<release version="([^"]+)")re"))) << text;
    EXPECT_EQ(release[1], PRIVATEPATH_VERSION);
    EXPECT_NE(text.find("<launchable type=\"desktop-id\">" + kAppId + ".desktop</launchable>"), std::string::npos);
    EXPECT_NE(text.find("<project_license>"), std::string::npos);
}

TEST_F(Package, ScreenshotsValidateOnceTheyHaveAnAddressAndNameTheDocsScreenshots)
{
    // The installed metadata keeps them as a comment (no public address yet); the build tree
    // holds the same file with them on.
    const fs::path metainfo = fs::path(PRIVATEPATH_BINARY_DIR) / "packaging/with-screenshots" / (kAppId + ".metainfo.xml");
    const ShellResult validate = runShell("appstreamcli validate --no-net " + shellQuote(metainfo.string()) + " 2>&1");
    EXPECT_EQ(validate.code, 0) << validate.out;
    const std::string text = readFile(metainfo);
    const std::regex image(R"re(<image>https://[^<]*/([^/<]+)</image>)re");
    int images = 0;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), image); it != std::sregex_iterator(); ++it, ++images)
        EXPECT_TRUE(fs::is_regular_file(fs::path(PRIVATEPATH_SOURCE_DIR "/docs/screenshots") / (*it)[1].str())) << (*it)[1];
    EXPECT_GE(images, 3);
    EXPECT_EQ(text.find("@PRIVATEPATH"), std::string::npos) << "a variable CMake did not fill in";
}

TEST_F(Package, ManualPageIsInstalledCompressedAndRenders)
{
    const fs::path page = root() / "usr/share/man/man1/privatepath.1.gz";
    const ShellResult render = runShell("zcat " + shellQuote(page.string()) + " | groff -man -Tutf8 -ww 2>&1 >/dev/null");
    EXPECT_EQ(render.code, 0) << render.out;
    EXPECT_EQ(render.out, "") << "groff's warnings";
    const ShellResult text = runShell("zcat " + shellQuote(page.string()) + " | groff -man -Tascii -P-cbou 2>/dev/null");
    EXPECT_NE(text.out.find("privatepath " PRIVATEPATH_VERSION), std::string::npos) << text.out;
}

} // namespace
