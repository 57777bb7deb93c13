// A failed save never damages the existing file; a successful one replaces it completely.
#include "TestSupport.h"

#include <csignal>
#include <filesystem>
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/stat.h>
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

} // namespace
} // namespace pp::test
