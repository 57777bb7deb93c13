// File → Compare with… (issue 17): the open design against another version of it. The Compare
// dock lists the changes worst first and steps through them; the overlay marks added, changed
// and removed resources (a ghost where the other version drew a removed one) and changed flows;
// the comparison follows the edits and ends with End Comparison or when another file opens.
// With PRIVATEPATH_COMPARE_SCREENSHOT=FILE set, the window while comparing is saved to FILE.
#include "EditorFixture.h"

#include "compare/CompareOverlay.h"
#include "compare/ComparePanel.h"

#include <QDockWidget>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>

namespace pp::ui {
namespace {

const QString kExample = QStringLiteral("resources/examples/s3-gateway-endpoint.privatepath");

class CompareTest : public Editor {
protected:
    void SetUp() override
    {
        Editor::SetUp();
        ASSERT_TRUE(dir.isValid());
        path = dir.filePath(QStringLiteral("net.privatepath"));
        ASSERT_TRUE(QFile::copy(source(kExample), path));
        ASSERT_TRUE(window->openFile(path));
        panel = window->comparePanel();
        ASSERT_NE(panel, nullptr);
    }
    QDockWidget* dock() const { return window->findChild<QDockWidget*>(QStringLiteral("compareDock")); }
    QTreeWidgetItem* row(const QString& change, const QString& id) const
    {
        for (int i = 0; i < panel->list()->topLevelItemCount(); ++i)
            if (QTreeWidgetItem* item = panel->list()->topLevelItem(i); item->text(0) == change && item->text(1) == id)
                return item;
        return nullptr;
    }
    QString rows() const
    {
        QString out;
        for (int i = 0; i < panel->list()->topLevelItemCount(); ++i)
            out += panel->list()->topLevelItem(i)->text(0) + QLatin1Char(' ') + panel->list()->topLevelItem(i)->text(1) + QLatin1Char('\n');
        return out;
    }

    QTemporaryDir dir;
    QString path;
    ComparePanel* panel = nullptr;
};

TEST_F(CompareTest, TheSameVersionHasNoChangeAndPasses)
{
    EXPECT_FALSE(dock()->isVisible()) << "the dock appears with a comparison";
    ASSERT_TRUE(window->compareWith(source(kExample)));
    EXPECT_TRUE(panel->isComparing());
    EXPECT_TRUE(dock()->isVisible());
    EXPECT_EQ(panel->list()->topLevelItemCount(), 0) << rows().toStdString();
    const QString title = panel->findChild<QLabel*>(QStringLiteral("compareTitle"))->text();
    EXPECT_NE(title.indexOf(QStringLiteral("0 change(s)")), -1) << title.toStdString();
    EXPECT_NE(title.indexOf(QStringLiteral("passes the privacy gate")), -1) << title.toStdString();
    ASSERT_NE(panel->overlay(), nullptr);
    EXPECT_EQ(panel->overlay()->markCount(), 0);
}

TEST_F(CompareTest, EditsShowAsChangesWorstFirstAndTheOverlayMarksThem)
{
    ASSERT_TRUE(window->compareWith(source(kExample)));
    // Delete the gateway endpoint and rename the app subnet's instance: a removed resource, a
    // changed one, and the flow through the endpoint no longer meets its expect.
    scene()->selectIds({QStringLiteral("vpce-s3")});
    window->deleteSelection();
    Resource app = *doc().design().find(ResourceId("i-app-s3"));
    app.name = "Renamed app";
    ChangeSetBuilder b(doc().design());
    b.modify(app);
    ASSERT_TRUE(doc().apply(b.build(), QStringLiteral("Rename")));
    panel->recompute();
    QApplication::processEvents();

    ASSERT_GE(panel->list()->topLevelItemCount(), 3) << rows().toStdString();
    QTreeWidgetItem* first = panel->list()->topLevelItem(0);
    EXPECT_TRUE(first->text(0) == QStringLiteral("New public path") || first->text(0) == QStringLiteral("Expect broken"))
        << "the worst change comes first:\n" << rows().toStdString();
    EXPECT_EQ(first->text(1), QStringLiteral("flow-s3-via-endpoint"));
    ASSERT_NE(row(QStringLiteral("Removed"), QStringLiteral("vpce-s3")), nullptr) << rows().toStdString();
    QTreeWidgetItem* renamed = row(QStringLiteral("Changed"), QStringLiteral("i-app-s3"));
    ASSERT_NE(renamed, nullptr) << rows().toStdString();
    EXPECT_NE(renamed->text(2).indexOf(QStringLiteral("name: \"App server (via endpoint)\" → \"Renamed app\"")), -1) << renamed->text(2).toStdString();
    const QString title = panel->findChild<QLabel*>(QStringLiteral("compareTitle"))->text();
    EXPECT_NE(title.indexOf(QStringLiteral("fails the privacy gate")), -1) << title.toStdString();

    ASSERT_NE(panel->overlay(), nullptr);
    EXPECT_FALSE(panel->overlay()->ghostRect(QStringLiteral("vpce-s3")).isNull()) << "the removed endpoint is drawn as a ghost";
    EXPECT_GE(panel->overlay()->markCount(), 3);

    // Next steps through the list from the top: the flow first, selected on the canvas.
    panel->findChild<QPushButton*>(QStringLiteral("compareNext"))->click();
    QApplication::processEvents();
    EXPECT_EQ(panel->list()->currentItem(), first);
    ASSERT_EQ(scene()->selectedFlows().size(), 1);
    EXPECT_EQ(scene()->selectedFlows().front().str(), "flow-s3-via-endpoint");
    panel->list()->setCurrentItem(renamed);
    QApplication::processEvents();
    ASSERT_EQ(scene()->selectedResources().size(), 1);
    EXPECT_EQ(scene()->selectedResources().front().str(), "i-app-s3");

    if (const QByteArray shot = qgetenv("PRIVATEPATH_COMPARE_SCREENSHOT"); !shot.isEmpty()) {
        panel->list()->setCurrentItem(row(QStringLiteral("Removed"), QStringLiteral("vpce-s3")));
        view()->fitAll();
        QApplication::processEvents();
        window->grab().save(QString::fromLocal8Bit(shot));
    }

    // Undoing both edits leaves nothing to show.
    doc().undoStack()->undo();
    doc().undoStack()->undo();
    panel->recompute();
    EXPECT_EQ(panel->list()->topLevelItemCount(), 0) << rows().toStdString();
}

TEST_F(CompareTest, EndComparisonRemovesTheOverlayAndOpeningAnotherFileEndsIt)
{
    ASSERT_TRUE(window->compareWith(source(kExample)));
    panel->findChild<QPushButton*>(QStringLiteral("compareClose"))->click();
    EXPECT_FALSE(panel->isComparing());
    EXPECT_EQ(panel->overlay(), nullptr);
    EXPECT_FALSE(dock()->isVisible());
    ASSERT_TRUE(window->compareWith(source(kExample)));
    ASSERT_TRUE(window->openFile(source(QStringLiteral("resources/examples/third-party-service.privatepath"))));
    EXPECT_FALSE(panel->isComparing()) << "a comparison belongs to the design it was made on";
    EXPECT_EQ(panel->overlay(), nullptr);
}

TEST_F(CompareTest, AnUnreadableFileIsRefusedWithTheLoadersMessage)
{
    const QString broken = dir.filePath(QStringLiteral("broken.privatepath"));
    QFile f(broken);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write("{\"schemaVersion\": 3,\n \"vpcs\": [{\"id\": 7}]}\n");
    f.close();
    // The warning box is modal: answer it as the user would.
    QTimer::singleShot(0, [] {
        if (QWidget* box = QApplication::activeModalWidget())
            box->close();
    });
    EXPECT_FALSE(window->compareWith(broken));
    EXPECT_FALSE(panel->isComparing());
    EXPECT_NE(window->lastError().indexOf(QStringLiteral("broken.privatepath:2")), -1) << window->lastError().toStdString();
}

} // namespace
} // namespace pp::ui
