// libFuzzer target: the design loader with its migration chain and the lesson section.
// The property is pp::fuzz::checkLoad (FuzzChecks.h); scripts/fuzz.sh builds and runs it.
#include "FuzzChecks.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string problem = pp::fuzz::checkLoad({reinterpret_cast<const char*>(data), size});
    if (!problem.empty()) {
        std::fprintf(stderr, "%s\n", problem.c_str());
        std::abort();
    }
    return 0;
}
