#pragma once

// Heap accounting for benchmarks' memory counters: this file's .cpp replaces the global operator
// new and delete of the benchmark executable it is linked into, and counts the live bytes and
// their peak since the last reset.
namespace bench {

long long liveBytes();
// Starts a new peak measurement at the current live bytes and returns them.
long long resetPeak();
// The highest live byte count since the last resetPeak().
long long peakBytes();

} // namespace bench
