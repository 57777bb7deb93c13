// libFuzzer target: analysis and the canonical save round trip.
// The property is pp::fuzz::checkRoundTrip (FuzzChecks.h); scripts/fuzz.sh builds and runs it.
#include "FuzzChecks.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string problem = pp::fuzz::checkRoundTrip({reinterpret_cast<const char*>(data), size});
    if (!problem.empty()) {
        std::fprintf(stderr, "%s\n", problem.c_str());
        std::abort();
    }
    return 0;
}
