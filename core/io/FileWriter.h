#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace pp {

struct SaveResult {
    bool ok = false;
    bool cancelled = false; // `WriteOptions::progress` asked to stop; `error` is empty
    std::string error;      // why it failed, naming the file and, for a system error, what the system said
};

struct WriteOptions {
    bool replace = true; // false: an existing target is refused ("already exists")
    // Called after each block with the bytes written so far; returning false cancels the write
    // (nothing is left behind, an existing file is untouched).
    std::function<bool(std::size_t written, std::size_t total)> progress;
};

// The one writer of every command and the editor. Writes `bytes` to `path` atomically: a
// temporary `.NAME.tmp-XXXXXX` in the same folder, every byte checked, flushed to disk, then
// renamed over the target. Refuses a target that is not a regular file (a directory, device, FIFO
// or socket) and a read-only one (by its mode bits, so also for root). An existing file's mode is
// kept. On failure the old file is untouched and the temporary removed; temporaries of the same
// target older than `kStaleTemporaryAgeSeconds` (left by a killed run) are removed first. A symbolic link
// at `path` is replaced by reference: the file it points to is written.
SaveResult writeFileAtomically(const std::string& path, std::string_view bytes, const WriteOptions& options = {});

inline constexpr int kStaleTemporaryAgeSeconds = 300;

// Tests: makes the next write() of writeFileAtomically fail with `error` (e.g. ENOSPC, a full
// disk). 0 clears. Not thread-safe; for tests only.
void failNextWriteForTesting(int error);

} // namespace pp
