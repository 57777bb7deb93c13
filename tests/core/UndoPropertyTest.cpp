// Property tests of undo on the core's change-sets (the model level of what the editor's
// QUndoStack does; tests/ui/UndoPropertyTest.cpp runs the same walk on the real Document). Random
// walks of edits, undos, redos and saves, seeded and deterministic: after every step the design's
// canonical bytes are those the history says; undoing everything gives the original bytes, redoing
// everything the final bytes; the saved bytes come back exactly at the save point. More steps or
// other seeds: PRIVATEPATH_UNDO_STEPS=5000 PRIVATEPATH_UNDO_SEED=11.
#include "RandomEdits.h"
#include "TestSupport.h"

#include "generate/ScenarioGenerator.h"

#include <cstdlib>
#include <gtest/gtest.h>

namespace pp::test {
namespace {

int envInt(const char* name, int fallback)
{
    const char* value = std::getenv(name);
    return value && *value ? std::atoi(value) : fallback;
}

// A linear undo history, as QUndoStack keeps it: edits after an undo drop the undone ones; the
// save point is an index into it, lost when the edits it named are dropped.
struct History {
    std::vector<ChangeSet> steps;
    std::vector<std::string> bytes; // bytes[i]: the canonical text after the first i steps
    std::size_t index = 0;
    std::optional<std::size_t> savePoint;
};

void walk(Design design, std::uint64_t seed, int steps)
{
    RandomEdits edits(seed);
    History h;
    h.bytes.push_back(saveDesignToString(design));
    h.savePoint = 0; // just opened: clean
    std::string saved = h.bytes[0];
    int edited = 0;
    for (int step = 0; step < steps; ++step) {
        const int action = edits.roll(10);
        std::string what;
        if (action < 6) {
            const ChangeSet change = edits.next(design, &what);
            if (change.empty())
                continue;
            ASSERT_TRUE(applyChangeSet(design, change)) << "seed " << seed << " step " << step << ": " << what;
            h.steps.resize(h.index);
            h.bytes.resize(h.index + 1);
            if (h.savePoint && *h.savePoint > h.index)
                h.savePoint.reset();
            h.steps.push_back(change);
            h.bytes.push_back(saveDesignToString(design));
            ++h.index;
            ++edited;
        } else if (action < 8) {
            if (h.index == 0)
                continue;
            what = "undo";
            ASSERT_TRUE(applyChangeSet(design, h.steps[--h.index].inverse())) << "seed " << seed << " step " << step;
        } else if (action < 9) {
            if (h.index == h.steps.size())
                continue;
            what = "redo";
            ASSERT_TRUE(applyChangeSet(design, h.steps[h.index++])) << "seed " << seed << " step " << step;
        } else {
            what = "save";
            saved = saveDesignToString(design);
            h.savePoint = h.index;
        }
        const std::string now = saveDesignToString(design);
        ASSERT_EQ(now, h.bytes[h.index]) << "seed " << seed << " step " << step << ": " << what;
        // Clean exactly at the save point: the design there is the saved one, byte for byte.
        if (h.savePoint == h.index) {
            ASSERT_EQ(now, saved) << "seed " << seed << " step " << step;
        }
        // Every state reloads to the same design (what an autosave or a save there would write).
        if (step % 25 == 0) {
            const LoadResult again = loadDesign(now, "step");
            ASSERT_TRUE(again.ok()) << "seed " << seed << " step " << step << ": "
                                    << (again.diagnostics.empty() ? "" : again.diagnostics.front().format());
            ASSERT_EQ(*again.design, design) << "seed " << seed << " step " << step;
        }
    }
    EXPECT_GT(edited, steps / 3) << "the walk should mostly edit";

    // Undo all, then redo all.
    const std::size_t end = h.index;
    while (h.index > 0)
        ASSERT_TRUE(applyChangeSet(design, h.steps[--h.index].inverse()));
    EXPECT_EQ(saveDesignToString(design), h.bytes.front()) << "undo all, seed " << seed;
    while (h.index < h.steps.size()) {
        ASSERT_TRUE(applyChangeSet(design, h.steps[h.index++]));
        if (h.savePoint == h.index) {
            EXPECT_EQ(saveDesignToString(design), saved) << "redo through the save point, seed " << seed;
        }
    }
    EXPECT_EQ(saveDesignToString(design), h.bytes.back()) << "redo all, seed " << seed;
    EXPECT_GE(h.steps.size(), end);
}

TEST(UndoProperty, RandomEditsOnAGeneratedDesignUndoToTheOriginalBytes)
{
    const int steps = envInt("PRIVATEPATH_UNDO_STEPS", 400);
    const std::uint64_t first = std::uint64_t(envInt("PRIVATEPATH_UNDO_SEED", 1));
    for (std::uint64_t seed = first; seed < first + 4; ++seed)
        walk(*generateScenario({3, 2, 2, seed}), seed, steps);
}

TEST(UndoProperty, RandomEditsOnEveryExampleUndoToTheOriginalBytes)
{
    const int steps = envInt("PRIVATEPATH_UNDO_STEPS", 400) / 2;
    std::uint64_t seed = std::uint64_t(envInt("PRIVATEPATH_UNDO_SEED", 1)) * 100;
    for (const char* example : {"s3-gateway-endpoint", "on-premises-application", "marketplace-saas"}) {
        const LoadResult loaded = loadDesignFile(sourcePath(std::string("resources/examples/") + example + ".privatepath"));
        ASSERT_TRUE(loaded.ok()) << example;
        walk(*loaded.design, ++seed, steps);
    }
}

TEST(UndoProperty, TheSameSeedMakesTheSameEdits)
{
    const Design start = *generateScenario({2, 2, 1, 5});
    auto run = [&] {
        Design d = start;
        RandomEdits edits(42);
        for (int i = 0; i < 80; ++i) {
            std::string what;
            const ChangeSet c = edits.next(d, &what);
            EXPECT_TRUE(applyChangeSet(d, c)) << what;
        }
        return saveDesignToString(d);
    };
    const std::string a = run();
    EXPECT_EQ(a, run());
    EXPECT_NE(a, saveDesignToString(start));
}

} // namespace
} // namespace pp::test
