// Property: whatever bytes a file holds, loading returns (a design or diagnostics) and never
// throws or crashes. Inputs are the bundled examples with deterministic random damage.
#include "TestSupport.h"

#include <filesystem>
#include <gtest/gtest.h>
#include <random>

namespace pp::test {
namespace {

TEST(LoaderRobustness, DamagedExamplesNeverCrash)
{
    std::mt19937_64 rng(20261126);
    const std::string alphabet = "{}[]\":,0123456789.-/ abcxyz\\\n\xff";
    int loaded = 0, refused = 0;
    for (const auto& entry : std::filesystem::directory_iterator(sourcePath("resources/examples"))) {
        const std::string original = readFile(entry.path().string());
        for (int round = 0; round < 150; ++round) {
            std::string text = original;
            const int edits = 1 + int(rng() % 8);
            for (int e = 0; e < edits && !text.empty(); ++e) {
                const std::size_t at = rng() % text.size();
                switch (rng() % 4) {
                case 0: // replace a byte
                    text[at] = alphabet[rng() % alphabet.size()];
                    break;
                case 1: // delete a run
                    text.erase(at, 1 + rng() % 20);
                    break;
                case 2: // duplicate a run
                    text.insert(at, text.substr(at, 1 + rng() % 40));
                    break;
                default: // truncate
                    text.resize(at);
                }
            }
            LoadResult r;
            ASSERT_NO_THROW(r = loadDesign(text, entry.path().string()));
            if (r.ok()) {
                ++loaded;
                EXPECT_NO_THROW((void)lintDesign(*r.design));
                EXPECT_NO_THROW((void)saveDesignToString(*r.design));
            } else {
                ++refused;
                ASSERT_FALSE(r.diagnostics.empty());
                for (const Diagnostic& d : r.diagnostics)
                    EXPECT_FALSE(d.message.empty());
            }
        }
    }
    EXPECT_GT(refused, 0);
    EXPECT_GT(loaded + refused, 800);
}

} // namespace
} // namespace pp::test
