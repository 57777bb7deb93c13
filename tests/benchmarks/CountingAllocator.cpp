#include "CountingAllocator.h"

#include <atomic>
#include <cstdlib>
#include <malloc.h>
#include <new>

namespace {
std::atomic<long long> g_live{0}, g_peak{0};
void account(long long delta)
{
    const long long now = g_live.fetch_add(delta) + delta;
    long long peak = g_peak.load();
    while (now > peak && !g_peak.compare_exchange_weak(peak, now)) {
    }
}
} // namespace

namespace bench {
long long liveBytes() { return g_live.load(); }
long long resetPeak()
{
    const long long now = g_live.load();
    g_peak.store(now);
    return now;
}
long long peakBytes() { return g_peak.load(); }
} // namespace bench

void* operator new(std::size_t size)
{
    void* p = std::malloc(size ? size : 1);
    if (!p)
        throw std::bad_alloc();
    account((long long)malloc_usable_size(p));
    return p;
}
void operator delete(void* p) noexcept
{
    if (p) {
        account(-(long long)malloc_usable_size(p));
        std::free(p);
    }
}
void operator delete(void* p, std::size_t) noexcept { operator delete(p); }
// The nothrow forms too (std::stable_sort's temporary buffer uses them), so every allocation the
// deletes above free came from the malloc above (AddressSanitizer checks that they match).
void* operator new(std::size_t size, const std::nothrow_t&) noexcept
{
    void* p = std::malloc(size ? size : 1);
    if (p)
        account((long long)malloc_usable_size(p));
    return p;
}
void operator delete(void* p, const std::nothrow_t&) noexcept { operator delete(p); }
