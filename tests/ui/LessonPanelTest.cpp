// Training mode in the editor: opening a lesson shows its panel; real edits tick its goals up to
// the completion message; locked resources cannot be deleted or changed; hints come one at a
// time; the Lesson menu's authoring actions are undoable; Help → Lessons lists the course.
// With PRIVATEPATH_LESSON_SCREENSHOT=FILE set, LessonPanel.GoalsTickAsTheLearnerFixesTheDesign
// also saves the window, half way through the lesson, to FILE.
#include "EditorFixture.h"

#include "edit/ChangeSet.h"
#include "lesson/LessonPanel.h"
#include "lesson/LessonsDialog.h"

#include <QDialog>
#include <QDockWidget>
#include <QPlainTextEdit>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QTextBrowser>
#include <QTreeWidget>

namespace pp::ui {
namespace {

const QString kS3Lesson = QStringLiteral("resources/lessons/s3-gateway-endpoint.privatepath");

class LessonPanelTest : public Editor {
protected:
    void SetUp() override
    {
        Editor::SetUp();
        ASSERT_TRUE(window->openFile(source(kS3Lesson)));
        QApplication::processEvents();
    }

    LessonPanel* panel() { return window->lessonPanel(); }
    QDockWidget* dock() { return window->findChild<QDockWidget*>(QStringLiteral("lessonDock")); }
    template <class W>
    W* part(const char* name) { return panel()->findChild<W*>(QString::fromLatin1(name)); }
    int ticked()
    {
        int n = 0;
        auto* goals = part<QListWidget>("lessonGoals");
        for (int i = 0; i < goals->count(); ++i)
            n += goals->item(i)->data(Qt::UserRole).toBool();
        return n;
    }
    QListWidgetItem* goalRow(const QString& id)
    {
        auto* goals = part<QListWidget>("lessonGoals");
        for (int i = 0; i < goals->count(); ++i)
            if (goals->item(i)->data(Qt::UserRole + 1).toString() == id)
                return goals->item(i);
        return nullptr;
    }
    const Resource& solutionResource(const char* id)
    {
        return *doc().design().lesson->solutions.front().design->find(ResourceId(id));
    }
    QString status() { return window->statusBar()->currentMessage(); }
};

TEST_F(LessonPanelTest, OpeningALessonShowsItsPanelWithGoalsNotYetMet)
{
    ASSERT_TRUE(dock()->isVisible()) << "a lesson file opens its panel";
    EXPECT_TRUE(panel()->isVisible()) << "raised over the other tabs";
    EXPECT_TRUE(panel()->hasLesson());
    EXPECT_EQ(part<QLabel>("lessonTitle")->text(), QStringLiteral("Private access to S3 with a gateway endpoint instead of a NAT"));
    EXPECT_TRUE(part<QTextBrowser>("lessonInstructions")->toPlainText().contains(QStringLiteral("S3 gateway endpoint")))
        << "the Markdown is rendered (no '**' left)";
    EXPECT_FALSE(part<QTextBrowser>("lessonInstructions")->toPlainText().contains(QStringLiteral("**")));
    auto* goals = part<QListWidget>("lessonGoals");
    ASSERT_EQ(goals->count(), 6);
    EXPECT_LT(ticked(), 6);
    EXPECT_LT(part<QProgressBar>("lessonProgress")->value(), 100);
    EXPECT_FALSE(part<QLabel>("lessonComplete")->isVisible());
    // A missed goal says why in the engine's words, under its message and in its tooltip.
    QListWidgetItem* flowGoal = goalRow(QStringLiteral("s3-private"));
    ASSERT_TRUE(flowGoal);
    EXPECT_FALSE(flowGoal->data(Qt::UserRole).toBool());
    EXPECT_GT(flowGoal->text().count(QLatin1Char('\n')), 0) << "the first reason under the message";
    EXPECT_GT(flowGoal->toolTip().count(QStringLiteral("• ")), 0);
    EXPECT_FALSE(part<QLabel>("lessonTime")->isVisible()) << "untimed lesson";

    // A design without a lesson hides the panel.
    doc().reset(Design());
    QApplication::processEvents();
    EXPECT_FALSE(dock()->isVisible());
    EXPECT_FALSE(panel()->hasLesson());
}

TEST_F(LessonPanelTest, GoalsTickAsTheLearnerFixesTheDesign)
{
    const int before = part<QProgressBar>("lessonProgress")->value();
    // The first solution's steps, as edits: the S3 gateway endpoint on private-rt...
    // (drawn in the VPC, as a drop from the palette would: the drawing finds it a free spot)
    const Shape tile{ResourceId("s3-gw"), ResourceId("app-vpc"), 20, 440, 90, 70};
    ASSERT_TRUE(doc().apply(ChangeSetBuilder(doc().design()).add(solutionResource("s3-gw")).setShape(tile).build(), QStringLiteral("Add endpoint")));
    QApplication::processEvents();
    EXPECT_TRUE(goalRow(QStringLiteral("gateway-endpoint"))->data(Qt::UserRole).toBool());
    const int half = part<QProgressBar>("lessonProgress")->value();
    EXPECT_GT(half, before) << "a goal ticked live";
    EXPECT_LT(half, 100);
    EXPECT_FALSE(goalRow(QStringLiteral("no-nat"))->data(Qt::UserRole).toBool());
    if (const QString shot = qEnvironmentVariable("PRIVATEPATH_LESSON_SCREENSHOT"); !shot.isEmpty()) {
        panel()->showNextHint();
        window->resize(1600, 1000);
        select("s3-gw");
        QTest::qWait(200);
        view()->fitAll();
        QTest::qWait(100);
        window->grab().save(shot);
    }
    // ... then the route to the NAT gateway and the NAT gateway itself go.
    ASSERT_TRUE(doc().apply(ChangeSetBuilder(doc().design()).modify(solutionResource("private-rt")).build(), QStringLiteral("Route")));
    ASSERT_TRUE(doc().apply(removeWithDependents(doc().design(), {ResourceId("nat-a")}), QStringLiteral("Delete NAT")));
    QApplication::processEvents();
    EXPECT_EQ(ticked(), 6);
    EXPECT_EQ(part<QProgressBar>("lessonProgress")->value(), 100);
    EXPECT_TRUE(panel()->progress().complete());
    EXPECT_TRUE(part<QLabel>("lessonComplete")->isVisible());
    EXPECT_TRUE(part<QLabel>("lessonComplete")->text().contains(QStringLiteral("every goal holds")));
    EXPECT_TRUE(status().contains(QStringLiteral("every goal holds"))) << status().toStdString();

    // Undo breaks a goal again, and the list follows.
    doc().undoStack()->undo();
    QApplication::processEvents();
    EXPECT_LT(part<QProgressBar>("lessonProgress")->value(), 100);
    EXPECT_FALSE(part<QLabel>("lessonComplete")->isVisible());
}

TEST_F(LessonPanelTest, LockedResourcesCannotBeDeletedOrChanged)
{
    const std::string original = saveDesignToString(doc().design());
    const int steps = doc().undoStack()->count();
    // Delete key on the locked app server: nothing happens, the status bar names it.
    select("app-1");
    view()->setFocus();
    QTest::keyClick(view(), Qt::Key_Delete);
    EXPECT_EQ(saveDesignToString(doc().design()), original);
    EXPECT_TRUE(status().contains(QStringLiteral("app-1 is locked by the lesson"))) << status().toStdString();
    EXPECT_EQ(doc().undoStack()->count(), steps);

    // A selection with a locked resource in it is refused whole: nat-a is not deleted either.
    scene()->selectIds({QStringLiteral("nat-a"), QStringLiteral("app-1"), QStringLiteral("app-to-s3")});
    view()->setFocus();
    QTest::keyClick(view(), Qt::Key_Delete);
    EXPECT_EQ(saveDesignToString(doc().design()), original);
    EXPECT_TRUE(doc().design().find(ResourceId("nat-a")));
    EXPECT_TRUE(doc().design().findFlow(FlowId("app-to-s3")));

    // Deleting the unlocked private route table would clear the locked subnet's reference to it.
    EXPECT_FALSE(doc().apply(removeWithDependents(doc().design(), {ResourceId("private-rt")}), QStringLiteral("Delete")));
    EXPECT_EQ(saveDesignToString(doc().design()), original);
    EXPECT_TRUE(status().contains(QStringLiteral("private-a is locked by the lesson"))) << status().toStdString();

    // The inspector shows a locked resource read-only, and a change is refused anyway.
    select("app-1");
    QApplication::processEvents();
    QApplication::processEvents();
    auto* form = window->inspector()->findChild<QWidget*>(QStringLiteral("inspectorForm"));
    ASSERT_TRUE(form);
    EXPECT_FALSE(form->isEnabled());
    Resource renamed = *doc().design().find(ResourceId("app-1"));
    renamed.name = "Renamed";
    EXPECT_FALSE(doc().apply(ChangeSetBuilder(doc().design()).modify(renamed).build(), QStringLiteral("Rename")));
    EXPECT_EQ(saveDesignToString(doc().design()), original);

    // Unlocked resources stay editable; their undo and redo still work; moving a locked shape is allowed.
    select("nat-a");
    QApplication::processEvents();
    QApplication::processEvents();
    EXPECT_TRUE(form->isEnabled());
    ASSERT_TRUE(doc().apply(removeWithDependents(doc().design(), {ResourceId("nat-a")}), QStringLiteral("Delete NAT")));
    const auto& shapes = doc().design().diagram.shapes;
    Shape moved = *std::find_if(shapes.begin(), shapes.end(), [](const Shape& sh) { return sh.resource == ResourceId("app-1"); });
    moved.x += 10;
    EXPECT_TRUE(doc().apply(ChangeSetBuilder(doc().design()).setShape(moved).build(), QStringLiteral("Move")));
    doc().undoStack()->undo();
    doc().undoStack()->undo();
    EXPECT_EQ(saveDesignToString(doc().design()), original);
    doc().undoStack()->redo();
    EXPECT_FALSE(doc().design().find(ResourceId("nat-a")));
}

TEST_F(LessonPanelTest, HintsAreRevealedOneAtATime)
{
    auto* button = part<QPushButton>("lessonHintButton");
    auto* hints = part<QLabel>("lessonHints");
    EXPECT_EQ(panel()->hintsShown(), 0);
    EXPECT_FALSE(hints->isVisible());
    EXPECT_TRUE(button->text().contains(QLatin1Char('3'))) << button->text().toStdString();
    QTest::mouseClick(button, Qt::LeftButton);
    EXPECT_EQ(panel()->hintsShown(), 1);
    EXPECT_TRUE(hints->text().contains(QStringLiteral("gateway endpoints")));
    EXPECT_FALSE(hints->text().contains(QStringLiteral("Hint 2")));
    EXPECT_TRUE(button->text().contains(QLatin1Char('2')));
    window->action(QStringLiteral("actionShowHint"))->trigger();
    window->action(QStringLiteral("actionShowHint"))->trigger();
    EXPECT_EQ(panel()->hintsShown(), 3);
    EXPECT_TRUE(hints->text().contains(QStringLiteral("Hint 3")));
    EXPECT_FALSE(button->isEnabled());
    EXPECT_FALSE(panel()->showNextHint());
    // Restarting the lesson hides them again (no question: nothing changed since it opened).
    doc().undoStack()->setClean();
    window->action(QStringLiteral("actionRestartLesson"))->trigger();
    EXPECT_EQ(panel()->hintsShown(), 0);
}

TEST_F(LessonPanelTest, ATimedLessonShowsTheTimeLeft)
{
    Design timed = doc().design();
    timed.lesson->timeLimitMinutes = 20;
    doc().reset(timed);
    QApplication::processEvents();
    auto* time = part<QLabel>("lessonTime");
    EXPECT_TRUE(time->isVisible());
    EXPECT_TRUE(time->text().startsWith(QStringLiteral("Time left: 19:5")) || time->text() == QStringLiteral("Time left: 20:00"))
        << time->text().toStdString();
    ASSERT_TRUE(panel()->secondsLeft());
    EXPECT_GT(*panel()->secondsLeft(), 19 * 60);
}

TEST_F(LessonPanelTest, LessonMenuLocksUndoablyAndAuthorsALesson)
{
    // Lock Selection locks; Undo unlocks.
    select("igw");
    window->action(QStringLiteral("actionLockSelection"))->trigger();
    EXPECT_TRUE(isLocked(*doc().design().lesson, ResourceId("igw")));
    select("igw");
    view()->setFocus();
    QTest::keyClick(view(), Qt::Key_Delete);
    EXPECT_TRUE(doc().design().find(ResourceId("igw")));
    doc().undoStack()->undo();
    EXPECT_FALSE(isLocked(*doc().design().lesson, ResourceId("igw")));
    // Unlock Selection on a locked resource.
    select("app-1");
    window->action(QStringLiteral("actionUnlockSelection"))->trigger();
    EXPECT_FALSE(isLocked(*doc().design().lesson, ResourceId("app-1")));

    // The lesson's own reference solutions pass its test.
    window->action(QStringLiteral("actionTestLesson"))->trigger();
    EXPECT_TRUE(status().contains(QStringLiteral("Every solution passes"))) << status().toStdString();

    // A trainer makes a plain design a lesson, adds a goal from a flow: each one undo step.
    Design plain = doc().design();
    plain.lesson.reset();
    plain.name = "My Design";
    doc().reset(plain);
    QApplication::processEvents();
    EXPECT_FALSE(dock()->isVisible());
    window->action(QStringLiteral("actionNewLesson"))->trigger();
    ASSERT_TRUE(doc().design().lesson);
    EXPECT_EQ(doc().design().lesson->id, "my-design");
    EXPECT_EQ(doc().design().lesson->title, "My Design");
    QApplication::processEvents();
    EXPECT_TRUE(dock()->isVisible()) << "the new lesson shows its panel";
    select("app-to-s3");
    window->action(QStringLiteral("actionAddGoalFromFlow"))->trigger();
    ASSERT_EQ(doc().design().lesson->goals.size(), 1u);
    EXPECT_EQ(doc().design().lesson->goals[0].verdict, Verdict::Private);
    QApplication::processEvents();
    EXPECT_EQ(part<QListWidget>("lessonGoals")->count(), 1);
    EXPECT_FALSE(goalRow(QStringLiteral("flow-app-to-s3-private"))->data(Qt::UserRole).toBool());
    doc().undoStack()->undo();
    doc().undoStack()->undo();
    EXPECT_FALSE(doc().design().lesson);
    QApplication::processEvents();
    EXPECT_FALSE(dock()->isVisible());
}

TEST_F(LessonPanelTest, EditInstructionsShowsAPreviewAndIsOneUndoStep)
{
    const std::string before = doc().design().lesson->instructions;
    window->action(QStringLiteral("actionEditInstructions"))->trigger();
    auto* dialog = window->findChild<QDialog*>(QStringLiteral("lessonInstructionsDialog"));
    ASSERT_TRUE(dialog);
    auto* editor = dialog->findChild<QPlainTextEdit*>(QStringLiteral("instructionsEditor"));
    auto* preview = dialog->findChild<QTextBrowser*>(QStringLiteral("instructionsPreview"));
    ASSERT_TRUE(editor && preview);
    EXPECT_EQ(editor->toPlainText().toStdString(), before);
    editor->setPlainText(QStringLiteral("# New task\n\nAdd **one** endpoint."));
    EXPECT_EQ(preview->toPlainText(), QStringLiteral("New task\nAdd one endpoint."));
    dialog->accept();
    EXPECT_EQ(doc().design().lesson->instructions, "# New task\n\nAdd **one** endpoint.");
    QApplication::processEvents();
    EXPECT_TRUE(part<QTextBrowser>("lessonInstructions")->toPlainText().startsWith(QStringLiteral("New task")));
    doc().undoStack()->undo();
    EXPECT_EQ(doc().design().lesson->instructions, before);
}

TEST_F(LessonPanelTest, HelpLessonsListsTheBundledCourseAndOpensALesson)
{
    doc().reset(Design());
    window->action(QStringLiteral("actionLessons"))->trigger();
    auto* dialog = window->findChild<LessonsDialog*>(QStringLiteral("lessonsDialog"));
    ASSERT_TRUE(dialog);
    EXPECT_TRUE(dialog->isVisible());
    QTreeWidget* list = dialog->list();
    QTreeWidgetItem* s3 = nullptr;
    for (int i = 0; i < list->topLevelItemCount(); ++i)
        if (list->topLevelItem(i)->text(0).startsWith(QStringLiteral("Private access to S3")))
            s3 = list->topLevelItem(i);
    ASSERT_TRUE(s3) << "the bundled S3 lesson is listed";
    EXPECT_EQ(s3->text(1), QStringLiteral("10"));
    EXPECT_FALSE(s3->text(2).isEmpty()) << "with its summary";
    list->setCurrentItem(s3);
    QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("openLesson")), Qt::LeftButton);
    ASSERT_TRUE(doc().design().lesson);
    EXPECT_EQ(doc().design().lesson->id, "s3-gateway-endpoint");
    EXPECT_TRUE(dock()->isVisible());
}

} // namespace
} // namespace pp::ui
