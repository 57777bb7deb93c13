// Opening a big design (issue 12, item 9): the file is read on a worker thread, and a progress
// dialog says which stage the open is in once it takes longer than half a second; small files
// open as before, without a dialog.
#include "EditorFixture.h"

#include "OpenProgress.h"
#include "generate/ScenarioGenerator.h"

#include <QProgressDialog>

namespace pp::ui {
namespace {

class OpenProgressTest : public Editor {
protected:
    // A generated design of about `resources` resources, saved in a temporary folder.
    QString designFile(int vpcs)
    {
        const QString path = dir.filePath(QStringLiteral("generated-%1.privatepath").arg(vpcs));
        saveDesignFile(*generateScenario({vpcs, 18, 10, 1}), path.toStdString());
        return path;
    }
    QTemporaryDir dir;
};

TEST_F(OpenProgressTest, ABigDesignShowsWhatTheOpenIsDoingAndThenOpens)
{
    const QString path = designFile(45); // about 9,400 resources, 3 MB
    OpenProgress progress(window.get(), path);
    Document::Read read = progress.read();
    ASSERT_TRUE(read.result.ok()) << read.error.toStdString();
    EXPECT_GE(read.result.design->resources().size(), OpenProgress::kDrawingTakesLong);
    // Drawing that many takes longer than half a second: the dialog is up before it starts.
    ASSERT_TRUE(progress.wasShown());
    auto* dialog = window->findChild<QProgressDialog*>(QStringLiteral("openProgress"));
    ASSERT_TRUE(dialog);
    EXPECT_TRUE(dialog->isVisible());
    EXPECT_TRUE(dialog->windowTitle().contains(QStringLiteral("generated-45.privatepath")));
    EXPECT_TRUE(dialog->labelText().startsWith(QStringLiteral("Checking"))) << dialog->labelText().toStdString();
    // The stages the scene reports while it draws reach the dialog.
    QStringList stages;
    scene()->setProgress([&](int percent, const QString& stage) {
        progress.report(percent, stage);
        stages << stage;
        EXPECT_EQ(dialog->value(), percent);
    });
    QString error;
    ASSERT_TRUE(doc().adopt(std::move(read), path, &error));
    scene()->setProgress({});
    ASSERT_EQ(stages.size(), 3);
    EXPECT_TRUE(stages[0].startsWith(QStringLiteral("Drawing"))) << stages[0].toStdString();
    EXPECT_TRUE(stages[2].startsWith(QStringLiteral("Routing"))) << stages[2].toStdString();
    EXPECT_EQ(dialog->labelText(), stages.last());
    EXPECT_EQ(scene()->itemCount(), int(doc().design().diagram.shapes.size()));
}

TEST_F(OpenProgressTest, TheWindowOpensABigDesignAndTheDialogIsGoneAfterwards)
{
    const QString path = designFile(45);
    ASSERT_TRUE(window->openFile(path)) << window->lastError().toStdString();
    EXPECT_EQ(doc().filePath(), path);
    EXPECT_GE(doc().design().resources().size(), OpenProgress::kDrawingTakesLong);
    EXPECT_FALSE(window->findChild<QProgressDialog*>(QStringLiteral("openProgress"))) << "closed once open";
    EXPECT_LT(view()->zoom(), ResourceItem::kMarkZoom) << "fitted";
}

TEST_F(OpenProgressTest, ASmallDesignOpensWithoutADialog)
{
    const QString path = source(QStringLiteral("resources/examples/s3-gateway-endpoint.privatepath"));
    OpenProgress progress(window.get(), path);
    Document::Read read = progress.read();
    ASSERT_TRUE(read.result.ok());
    progress.report(65, QStringLiteral("Routing"));
    EXPECT_FALSE(progress.wasShown());
    EXPECT_FALSE(window->findChild<QProgressDialog*>(QStringLiteral("openProgress")));
}

TEST_F(OpenProgressTest, ABrokenBigFileIsRefusedWithTheLoadersMessageAndNothingChanges)
{
    const QString path = designFile(16);
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::ReadWrite));
    QByteArray text = file.readAll();
    ASSERT_GT(text.size(), OpenProgress::kWorkerBytes) << "read on the worker";
    text.insert(text.indexOf("\"vpcs\""), "{");
    file.seek(0);
    file.write(text);
    file.close();
    const std::size_t before = doc().design().resources().size();
    EXPECT_FALSE(window->openFile(path));
    EXPECT_TRUE(window->lastError().contains(QStringLiteral("generated-16.privatepath:"))) << window->lastError().toStdString();
    EXPECT_EQ(doc().design().resources().size(), before);
}

} // namespace
} // namespace pp::ui
