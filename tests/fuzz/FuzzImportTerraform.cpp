// libFuzzer target: `privatepath import terraform` never crashes, and a design it returns saves and
// loads back. The property is pp::fuzz::checkImportTerraform (FuzzChecks.h); scripts/fuzz.sh builds and
// runs it, seeded with tests/data (the import fixtures among them).
#include "FuzzChecks.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string problem = pp::fuzz::checkImportTerraform({reinterpret_cast<const char*>(data), size});
    if (!problem.empty()) {
        std::fprintf(stderr, "%s\n", problem.c_str());
        std::abort();
    }
    return 0;
}
