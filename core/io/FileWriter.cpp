#include "io/FileWriter.h"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

namespace pp {
namespace {

int g_injectedWriteError = 0;

constexpr std::size_t kBlock = std::size_t(1) << 20;
constexpr std::string_view kTemporaryInfix = ".tmp-";
constexpr std::size_t kTemporarySuffixLength = 6; // mkstemp's XXXXXX

std::string describeFileType(mode_t mode)
{
    if (S_ISDIR(mode))
        return "it is a directory";
    if (S_ISCHR(mode) || S_ISBLK(mode))
        return "it is a device";
    if (S_ISFIFO(mode))
        return "it is a FIFO (named pipe)";
    if (S_ISSOCK(mode))
        return "it is a socket";
    return "it is not a regular file";
}

// Removes `.BASE.tmp-XXXXXX` files in `folder` older than the stale age: a run killed between
// creating its temporary and renaming it cannot remove it itself. Younger ones may belong to a
// save that is still running.
void removeStaleTemporaries(const std::string& folder, const std::string& base)
{
    DIR* dir = ::opendir(folder.c_str());
    if (!dir)
        return;
    const std::string prefix = "." + base + std::string(kTemporaryInfix);
    const std::time_t now = std::time(nullptr);
    while (const dirent* entry = ::readdir(dir)) {
        const std::string_view name = entry->d_name;
        if (name.size() != prefix.size() + kTemporarySuffixLength || name.substr(0, prefix.size()) != prefix)
            continue;
        const std::string path = folder + "/" + std::string(name);
        struct stat info {};
        if (::lstat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode) && now - info.st_mtime > kStaleTemporaryAgeSeconds)
            ::unlink(path.c_str());
    }
    ::closedir(dir);
}

mode_t newFileMode()
{
    const mode_t mask = ::umask(0);
    ::umask(mask);
    return 0644 & ~mask;
}

} // namespace

void failNextWriteForTesting(int error) { g_injectedWriteError = error; }

SaveResult writeFileAtomically(const std::string& path, std::string_view bytes, const WriteOptions& options)
{
    auto refuse = [&](const std::string& why) { return SaveResult{false, false, "cannot save '" + path + "': " + why}; };

    // Resolve a symbolic link so the link itself survives and its target is replaced.
    std::string target = path;
    if (char* resolved = ::realpath(path.c_str(), nullptr)) {
        target = resolved;
        std::free(resolved);
    }
    const auto slash = target.rfind('/');
    const std::string folder = slash == std::string::npos ? "." : target.substr(0, slash == 0 ? 1 : slash);
    const std::string base = slash == std::string::npos ? target : target.substr(slash + 1);

    struct stat existing {};
    const bool exists = ::lstat(target.c_str(), &existing) == 0;
    if (exists) {
        // Renaming over a device or FIFO would replace it with a regular file (as root even
        // /dev/null); a directory cannot be replaced at all.
        if (!S_ISREG(existing.st_mode))
            return refuse(describeFileType(existing.st_mode) + ", not a regular file");
        if (!options.replace)
            return refuse("it already exists");
        // Root passes access(); the mode bits say what the owner meant.
        if ((existing.st_mode & 0222) == 0)
            return refuse("the file is read-only");
        // A read-only mount or someone else's file: what the system said (EROFS, EACCES).
        if (::access(target.c_str(), W_OK) != 0)
            return refuse(std::string("the file cannot be written: ") + std::strerror(errno));
    }
    removeStaleTemporaries(folder, base);

    std::string temp = folder + "/." + base + std::string(kTemporaryInfix) + std::string(kTemporarySuffixLength, 'X');
    const int fd = ::mkstemp(temp.data());
    if (fd < 0)
        return refuse("cannot create a file in '" + folder + "': " + std::strerror(errno));
    auto fail = [&](const std::string& what, bool open = true) {
        const std::string why = std::strerror(errno);
        if (open)
            ::close(fd);
        ::unlink(temp.c_str());
        return refuse(what + ": " + why);
    };
    if (exists) {
        ::fchmod(fd, existing.st_mode & 07777);
        [[maybe_unused]] const int owned = ::fchown(fd, existing.st_uid, existing.st_gid); // best effort: only root may
    } else {
        ::fchmod(fd, newFileMode());
    }

    std::size_t written = 0;
    while (written < bytes.size()) {
        const std::size_t length = std::min(kBlock, bytes.size() - written);
        ssize_t n = 0;
        if (g_injectedWriteError != 0) {
            errno = std::exchange(g_injectedWriteError, 0);
            n = -1;
        } else {
            n = ::write(fd, bytes.data() + written, length);
        }
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return fail("write failed");
        }
        written += std::size_t(n);
        if (options.progress && !options.progress(written, bytes.size())) {
            ::close(fd);
            ::unlink(temp.c_str());
            return SaveResult{false, true, {}};
        }
    }
    if (::fsync(fd) != 0)
        return fail("flushing to disk failed");
    if (::close(fd) != 0)
        return fail("closing failed", false);
    if (::rename(temp.c_str(), target.c_str()) != 0)
        return fail("replacing the file failed", false);
    // Make the rename itself durable.
    if (const int dir = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY); dir >= 0) {
        ::fsync(dir);
        ::close(dir);
    }
    return SaveResult{true, false, {}};
}

} // namespace pp
