// A failed save never damages the existing file; a successful one replaces it completely.
#include "TestSupport.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <ctime>
#include <fstream>
#include <filesystem>
#include <gtest/gtest.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <utime.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

namespace pp::test {
namespace {

namespace fs = std::filesystem;

class AtomicSave : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_dir = fs::temp_directory_path() / ("privatepath-save-" + std::to_string(::getpid()) + "-" +
                                             ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
    }
    void TearDown() override { fs::remove_all(m_dir); }
    std::string path(const char* name) const { return (m_dir / name).string(); }
    std::size_t entries() const
    {
        return std::size_t(std::distance(fs::directory_iterator(m_dir), fs::directory_iterator()));
    }
    fs::path m_dir;
};

TEST_F(AtomicSave, WritesNewFileAndReplacesOldOne)
{
    const std::string file = path("d.privatepath");
    ASSERT_TRUE(writeFileAtomically(file, "first").ok);
    EXPECT_EQ(readFile(file), "first");
    ASSERT_TRUE(writeFileAtomically(file, "second, longer").ok);
    EXPECT_EQ(readFile(file), "second, longer");
    EXPECT_EQ(entries(), 1u) << "no temporary file is left behind";
}

TEST_F(AtomicSave, KeepsPermissionsOfTheExistingFile)
{
    const std::string file = path("d.privatepath");
    ASSERT_TRUE(writeFileAtomically(file, "x").ok);
    ::chmod(file.c_str(), 0600);
    ASSERT_TRUE(writeFileAtomically(file, "y").ok);
    struct stat info {};
    ::stat(file.c_str(), &info);
    EXPECT_EQ(info.st_mode & 0777, 0600u);
}

TEST_F(AtomicSave, WritesThroughASymbolicLinkAndKeepsTheLink)
{
    const std::string real = path("real.privatepath"), link = path("link.privatepath");
    ASSERT_TRUE(writeFileAtomically(real, "old").ok);
    fs::create_symlink(real, link);
    ASSERT_TRUE(writeFileAtomically(link, "new").ok);
    EXPECT_TRUE(fs::is_symlink(link));
    EXPECT_EQ(readFile(real), "new");
}

TEST_F(AtomicSave, DiskFullLeavesTheOldFileIntact)
{
    const std::string file = path("d.privatepath");
    const std::string original = saveDesignToString(*loadDesign(baseDesign().dump(), "base").design);
    ASSERT_TRUE(writeFileAtomically(file, original).ok);

    // Simulate a full disk: a file size limit makes write() fail with EFBIG part-way.
    struct rlimit old {};
    ::getrlimit(RLIMIT_FSIZE, &old);
    auto previousHandler = std::signal(SIGXFSZ, SIG_IGN);
    struct rlimit tiny = old;
    tiny.rlim_cur = 100;
    ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &tiny), 0);
    const SaveResult result = writeFileAtomically(file, std::string(5000, 'x'));
    ::setrlimit(RLIMIT_FSIZE, &old);
    std::signal(SIGXFSZ, previousHandler);

    EXPECT_FALSE(result.ok);
    EXPECT_NE(result.error.find(file), std::string::npos) << result.error;
    EXPECT_NE(result.error.find("write failed"), std::string::npos) << result.error;
    EXPECT_EQ(readFile(file), original) << "the old file must be untouched";
    EXPECT_EQ(entries(), 1u) << "the temporary file is removed";
}

TEST_F(AtomicSave, MissingFolderIsAClearError)
{
    const SaveResult result = writeFileAtomically(path("no/such/folder/d.privatepath"), "x");
    EXPECT_FALSE(result.ok);
    EXPECT_NE(result.error.find("cannot create a file"), std::string::npos) << result.error;
}

TEST_F(AtomicSave, TargetThatIsAFolderIsRefusedAndKept)
{
    fs::create_directories(path("taken.privatepath"));
    const SaveResult result = writeFileAtomically(path("taken.privatepath"), "x");
    EXPECT_FALSE(result.ok);
    EXPECT_TRUE(fs::is_directory(path("taken.privatepath")));
    EXPECT_EQ(entries(), 1u);
}

// A file whose mode has no write bit is never replaced, also for root (who passes access()).
TEST_F(AtomicSave, ReadOnlyFileIsRefusedAndKeptAsItWas)
{
    const std::string file = path("d.privatepath");
    ASSERT_TRUE(writeFileAtomically(file, "old").ok);
    ::chmod(file.c_str(), 0444);
    const SaveResult result = writeFileAtomically(file, "new");
    EXPECT_FALSE(result.ok);
    EXPECT_NE(result.error.find("read-only"), std::string::npos) << result.error;
    EXPECT_EQ(readFile(file), "old");
    struct stat info {};
    ::stat(file.c_str(), &info);
    EXPECT_EQ(info.st_mode & 0777, 0444u);
    EXPECT_EQ(entries(), 1u);
}

TEST_F(AtomicSave, ExistingFileIsRefusedWhenNotReplacing)
{
    const std::string file = path("d.png");
    ASSERT_TRUE(writeFileAtomically(file, "old").ok);
    const SaveResult result = writeFileAtomically(file, "new", {.replace = false, .progress = {}});
    EXPECT_FALSE(result.ok);
    EXPECT_NE(result.error.find("already exists"), std::string::npos) << result.error;
    EXPECT_EQ(readFile(file), "old");
}

// Renaming over a FIFO, socket or device would swap it for a regular file.
TEST_F(AtomicSave, FifoAndSocketTargetsAreRefusedAndKept)
{
    const std::string fifo = path("fifo"), socketPath = path("socket");
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0644), 0);
    const int s = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    ASSERT_LT(socketPath.size(), sizeof address.sun_path);
    std::strcpy(address.sun_path, socketPath.c_str());
    ASSERT_EQ(::bind(s, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    for (const auto& [target, what] : {std::pair{fifo, "FIFO"}, std::pair{socketPath, "socket"}}) {
        SCOPED_TRACE(target);
        const SaveResult result = writeFileAtomically(target, "x");
        EXPECT_FALSE(result.ok);
        EXPECT_NE(result.error.find(what), std::string::npos) << result.error;
        EXPECT_NE(result.error.find("not a regular file"), std::string::npos) << result.error;
    }
    ::close(s);
    EXPECT_TRUE(fs::is_fifo(fifo));
    EXPECT_TRUE(fs::is_socket(socketPath));
    EXPECT_EQ(entries(), 2u) << "no temporary file is left behind";
}

TEST_F(AtomicSave, DeviceTargetIsRefusedAndKept)
{
    // A private copy of /dev/null (character device 1:3), so a failure cannot harm the real one.
    const std::string device = path("null");
    if (::mknod(device.c_str(), S_IFCHR | 0666, makedev(1, 3)) != 0)
        GTEST_SKIP() << "cannot create a device node here (" << std::strerror(errno) << "); needs CAP_MKNOD";
    const SaveResult result = writeFileAtomically(device, "x");
    EXPECT_FALSE(result.ok);
    EXPECT_NE(result.error.find("device"), std::string::npos) << result.error;
    EXPECT_TRUE(fs::is_character_file(device));
    EXPECT_EQ(entries(), 1u);
}

// What the system said reaches the message: a full disk is named as such.
TEST_F(AtomicSave, InjectedFullDiskSaysSoAndLeavesTheOldFile)
{
    const std::string file = path("d.privatepath");
    ASSERT_TRUE(writeFileAtomically(file, "old").ok);
    failNextWriteForTesting(ENOSPC);
    const SaveResult result = writeFileAtomically(file, "new");
    EXPECT_FALSE(result.ok);
    EXPECT_NE(result.error.find("No space left on device"), std::string::npos) << result.error;
    EXPECT_EQ(readFile(file), "old");
    EXPECT_EQ(entries(), 1u);
    EXPECT_TRUE(writeFileAtomically(file, "new").ok) << "the fault is injected once";
}

// A real full disk: a 64 KiB tmpfs. Needs the right to mount (root outside a restricted container).
TEST_F(AtomicSave, RealFullDiskSaysSoAndLeavesTheOldFile)
{
    const fs::path mountPoint = m_dir / "small";
    fs::create_directories(mountPoint);
    if (::mount("tmpfs", mountPoint.c_str(), "tmpfs", 0, "size=64k") != 0)
        GTEST_SKIP() << "cannot mount a small tmpfs (" << std::strerror(errno) << "); the injected fault test covers the message";
    const std::string file = (mountPoint / "d.privatepath").string();
    const bool first = writeFileAtomically(file, "old").ok;
    const SaveResult result = writeFileAtomically(file, std::string(256 * 1024, 'x'));
    const std::string after = readFile(file);
    const auto left = std::distance(fs::directory_iterator(mountPoint), fs::directory_iterator());
    ::umount(mountPoint.c_str());
    EXPECT_TRUE(first);
    EXPECT_FALSE(result.ok);
    EXPECT_NE(result.error.find("No space left on device"), std::string::npos) << result.error;
    EXPECT_EQ(after, "old");
    EXPECT_EQ(left, 1);
}

// A run killed between creating its temporary and renaming it leaves `.NAME.tmp-XXXXXX`; the next
// save of the same target removes the old ones, and leaves young ones (a save still running) and
// other files' temporaries alone.
TEST_F(AtomicSave, StaleTemporariesOfTheTargetAreRemoved)
{
    const std::string file = path("d.privatepath");
    const std::string stale = path(".d.privatepath.tmp-Ab12Cd"), young = path(".d.privatepath.tmp-Ef34Gh"),
                      other = path(".e.privatepath.tmp-Ij56Kl");
    for (const std::string& p : {stale, young, other})
        std::ofstream(p) << "partial";
    const utimbuf old{std::time(nullptr) - kStaleTemporaryAgeSeconds - 60, std::time(nullptr) - kStaleTemporaryAgeSeconds - 60};
    ::utime(stale.c_str(), &old);
    ::utime(other.c_str(), &old);
    ASSERT_TRUE(writeFileAtomically(file, "x").ok);
    EXPECT_FALSE(fs::exists(stale));
    EXPECT_TRUE(fs::exists(young));
    EXPECT_TRUE(fs::exists(other));
}

} // namespace
} // namespace pp::test
