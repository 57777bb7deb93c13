// Property test of undo on the real Document and its QUndoStack (the model-level walk is
// tests/core/UndoPropertyTest.cpp): a seeded random walk of edits (through Document::apply, with
// the smart defaults it adds and drags merged into one step), undos, redos and saves to a real
// file. After every step the canonical bytes are those the history says, the stack is clean
// exactly at the save point (and the design there is the file's bytes); undoing everything gives
// the original bytes and redoing everything the final bytes.
#include "../core/RandomEdits.h"
#include "document/Document.h"
#include "generate/ScenarioGenerator.h"
#include "io/DesignFile.h"

#include <QFile>
#include <QTemporaryDir>
#include <QUndoStack>
#include <gtest/gtest.h>

namespace pp::ui {
namespace {

std::string fileBytes(const QString& path)
{
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return f.readAll().toStdString();
}

void walk(Design start, std::uint64_t seed, int steps)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("walk.privatepath"));
    Document doc;
    doc.setSynchronousBudget(std::chrono::milliseconds(1000000)); // analyse in this thread
    doc.reset(std::move(start));
    QUndoStack& stack = *doc.undoStack();
    test::RandomEdits edits(seed);
    // bytes[i]: the canonical text with the first i commands of the stack done.
    std::vector<std::string> bytes{saveDesignToString(doc.design())};
    std::optional<int> savePoint = 0; // just opened: clean, nothing saved yet
    std::string saved;
    const auto where = [&](int step, const std::string& what) {
        return "seed " + std::to_string(seed) + " step " + std::to_string(step) + " (" + what + ")";
    };
    for (int step = 0; step < steps; ++step) {
        const int action = edits.roll(12);
        std::string what;
        if (action < 7) {
            // After each apply: a new step (the redo branch dropped), a step merged into the one
            // before (a drag's gesture), or nothing (an empty change is dropped).
            const auto applied = [&](int oldIndex, int oldCount) {
                const int top = stack.index();
                const std::string now = saveDesignToString(doc.design());
                if (top == oldIndex && stack.count() == oldCount && now == bytes[std::size_t(top)])
                    return;
                bytes.resize(std::size_t(top) + 1);
                bytes.back() = now;
                // The save point is lost with the branch it was in (QUndoStack never merges into it).
                if (savePoint && (*savePoint > top || (*savePoint == top && top > oldIndex)))
                    savePoint.reset();
            };
            if (action == 6 && !doc.design().diagram.shapes.empty()) {
                // A drag: the same shape moved three times as one gesture, sealed at the end.
                what = "drag";
                const auto& shapes = doc.design().diagram.shapes;
                Shape s = shapes[std::size_t(edits.roll(int(shapes.size())))];
                for (int i = 0; i < 3; ++i) {
                    s.x += 7;
                    s.y += 3;
                    const int oldIndex = stack.index(), oldCount = stack.count();
                    const ChangeSet move = ChangeSetBuilder(doc.design()).setShape(s).build();
                    ASSERT_TRUE(doc.apply(move, QStringLiteral("Move"), 1));
                    applied(oldIndex, oldCount);
                }
                doc.sealGesture();
            } else {
                const int oldIndex = stack.index(), oldCount = stack.count();
                const ChangeSet change = edits.next(doc.design(), &what);
                ASSERT_TRUE(doc.apply(change, QString::fromStdString(what))) << where(step, what);
                applied(oldIndex, oldCount);
            }
        } else if (action < 9) {
            what = "undo";
            stack.undo();
        } else if (action < 11) {
            what = "redo";
            stack.redo();
        } else {
            what = "save";
            QString error;
            ASSERT_TRUE(doc.saveAs(path, &error)) << error.toStdString();
            saved = fileBytes(path);
            ASSERT_EQ(saved, bytes[std::size_t(stack.index())]) << where(step, what);
            savePoint = stack.index();
        }
        const int index = stack.index();
        ASSERT_EQ(int(bytes.size()), stack.count() + 1) << where(step, what);
        ASSERT_EQ(saveDesignToString(doc.design()), bytes[std::size_t(index)]) << where(step, what);
        // Clean exactly at the save point.
        ASSERT_EQ(stack.isClean(), savePoint == index) << where(step, what);
        ASSERT_EQ(doc.isModified(), savePoint != index) << where(step, what);
        if (savePoint == index && !saved.empty()) {
            ASSERT_EQ(saveDesignToString(doc.design()), saved) << where(step, what);
        }
    }
    ASSERT_GT(stack.count(), 10);

    // Undo all, then redo all; the clean state is met exactly once on the way, at the save point.
    stack.setIndex(0);
    EXPECT_EQ(saveDesignToString(doc.design()), bytes.front()) << "undo all, seed " << seed;
    int cleanSeen = 0;
    for (int i = 0; i < stack.count(); ++i) {
        cleanSeen += stack.isClean();
        stack.redo();
    }
    cleanSeen += stack.isClean();
    EXPECT_EQ(saveDesignToString(doc.design()), bytes.back()) << "redo all, seed " << seed;
    EXPECT_EQ(cleanSeen, savePoint ? 1 : 0) << "seed " << seed;
}

TEST(UndoProperty, RandomEditsThroughTheDocumentUndoToTheOriginalBytes)
{
    for (std::uint64_t seed = 1; seed <= 3; ++seed)
        walk(*generateScenario({3, 2, 2, seed}), seed, 250);
}

TEST(UndoProperty, RandomEditsOnAnExampleUndoToTheOriginalBytes)
{
    const LoadResult loaded =
        loadDesignFile(PRIVATEPATH_SOURCE_DIR "/resources/examples/on-premises-application.privatepath");
    ASSERT_TRUE(loaded.ok());
    walk(*loaded.design, 77, 250);
}

} // namespace
} // namespace pp::ui
