// The trainer's other authoring actions (Lesson Properties… with its hint list, reference
// solutions from files) and the learner's Restart Lesson and lesson clock across saves.
#include "LessonSupport.h"

#include "edit/ChangeSet.h"
#include "lesson/LessonMenu.h"
#include "lesson/LessonPropertiesDialog.h"

#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>

namespace pp::ui {
namespace {

class LessonAuthoringTest : public LessonEditor {
protected:
    LessonMenu* menu() { return window->findChild<LessonMenu*>(); }
    QString tempFile(const char* name) { return m_dir.filePath(QString::fromLatin1(name)); }
    QTemporaryDir m_dir;
};

TEST_F(LessonAuthoringTest, PropertiesAndHintsAreOneUndoableChange)
{
    const std::string original = saveDesignToString(doc().design());
    const Lesson before = *doc().design().lesson;
    ASSERT_EQ(before.hints.size(), 3u);
    window->action(QStringLiteral("actionLessonProperties"))->trigger();
    auto* d = openDialog<LessonPropertiesDialog>("lessonPropertiesDialog");
    ASSERT_TRUE(d);
    EXPECT_EQ(field<QLineEdit>(d, "lessonTitleEdit")->text().toStdString(), before.title);
    EXPECT_EQ(field<QSpinBox>(d, "lessonEstimatedMinutes")->value(), 10);
    EXPECT_EQ(field<QSpinBox>(d, "lessonTimeLimit")->text(), QStringLiteral("none (untimed)"));
    auto* hints = field<QListWidget>(d, "lessonHintsEdit");
    ASSERT_EQ(hints->count(), 3);

    field<QLineEdit>(d, "lessonTitleEdit")->setText(QStringLiteral("S3 without a NAT"));
    field<QPlainTextEdit>(d, "lessonSummaryEdit")->setPlainText(QStringLiteral("A shorter summary."));
    field<QSpinBox>(d, "lessonEstimatedMinutes")->setValue(12);
    field<QSpinBox>(d, "lessonTimeLimit")->setValue(25);
    // Hints: remove the first, add one and write it, move it up, edit another in place.
    hints->setCurrentRow(0);
    QTest::mouseClick(field<QPushButton>(d, "removeHint"), Qt::LeftButton);
    QTest::mouseClick(field<QPushButton>(d, "addHint"), Qt::LeftButton);
    ASSERT_EQ(hints->count(), 3);
    hints->item(2)->setText(QStringLiteral("Look at the route tables first."));
    EXPECT_TRUE(field<QPushButton>(d, "moveHintUp")->isEnabled());
    QTest::mouseClick(field<QPushButton>(d, "moveHintUp"), Qt::LeftButton);
    QTest::mouseClick(field<QPushButton>(d, "moveHintUp"), Qt::LeftButton);
    EXPECT_FALSE(field<QPushButton>(d, "moveHintUp")->isEnabled()) << "the first cannot go up";
    hints->item(2)->setText(QStringLiteral("Then delete the NAT gateway."));

    // A title is required.
    field<QLineEdit>(d, "lessonTitleEdit")->clear();
    d->accept();
    EXPECT_TRUE(d->isVisible());
    EXPECT_TRUE(field<QLabel>(d, "lessonPropertiesProblem")->text().contains(QStringLiteral("title")));
    EXPECT_EQ(saveDesignToString(doc().design()), original);
    field<QLineEdit>(d, "lessonTitleEdit")->setText(QStringLiteral("S3 without a NAT"));
    d->accept();
    QApplication::processEvents();

    const Lesson& after = *doc().design().lesson;
    EXPECT_EQ(after.title, "S3 without a NAT");
    EXPECT_EQ(after.summary, "A shorter summary.");
    EXPECT_EQ(after.estimatedMinutes, 12);
    EXPECT_EQ(after.timeLimitMinutes, 25);
    EXPECT_EQ(after.hints, (std::vector<std::string>{"Look at the route tables first.", before.hints[1], "Then delete the NAT gateway."}));
    EXPECT_EQ(after.goals, before.goals) << "the rest of the lesson is untouched";
    EXPECT_EQ(doc().undoStack()->count(), 1) << "one undo step";
    // The panel shows it: title, summary with the estimate, the clock of the new time limit, the hint count.
    EXPECT_EQ(part<QLabel>("lessonTitle")->text(), QStringLiteral("S3 without a NAT"));
    EXPECT_TRUE(part<QLabel>("lessonSummary")->text().contains(QStringLiteral("About 12 min")));
    EXPECT_TRUE(part<QLabel>("lessonTime")->isVisible());
    EXPECT_TRUE(part<QLabel>("lessonTime")->text().startsWith(QStringLiteral("Time left: 2"))) << part<QLabel>("lessonTime")->text().toStdString();
    EXPECT_TRUE(panel()->showNextHint());
    EXPECT_TRUE(part<QLabel>("lessonHints")->text().contains(QStringLiteral("Look at the route tables first.")));

    doc().undoStack()->undo();
    EXPECT_EQ(saveDesignToString(doc().design()), original);
    QApplication::processEvents();
    EXPECT_FALSE(part<QLabel>("lessonTime")->isVisible()) << "untimed again";
}

TEST_F(LessonAuthoringTest, AReferenceSolutionFromAFilePassesTestLesson)
{
    ASSERT_TRUE(m_dir.isValid());
    // The trainer's own solution, saved as a design (with the lesson section, as a learner's work has).
    Design fixed = *doc().design().lesson->solutions.front().design;
    fixed.lesson = doc().design().lesson;
    const QString path = tempFile("My Fix.privatepath");
    ASSERT_TRUE(saveDesignFile(fixed, QFile::encodeName(path).toStdString()).ok);

    // Start from a lesson without solutions: Remove Solution (twice: the S3 lesson has two).
    const std::string original = saveDesignToString(doc().design());
    menu()->removeSolution(QStringLiteral("no-public-subnet"));
    window->action(QStringLiteral("actionRemoveSolution"))->trigger(); // the last one: no question
    EXPECT_TRUE(doc().design().lesson->solutions.empty());

    menu()->addSolutionFromFile(path);
    ASSERT_EQ(doc().design().lesson->solutions.size(), 1u);
    const LessonSolution& added = doc().design().lesson->solutions.front();
    EXPECT_EQ(added.id, "my-fix") << "named after the file";
    ASSERT_TRUE(added.design);
    EXPECT_FALSE(added.design->lesson) << "a solution has no lesson of its own";
    EXPECT_TRUE(added.design->find(ResourceId("s3-gw")));
    EXPECT_TRUE(status().contains(QStringLiteral("my-fix"))) << status().toStdString();
    window->action(QStringLiteral("actionTestLesson"))->trigger();
    EXPECT_TRUE(status().contains(QStringLiteral("Every solution passes"))) << status().toStdString();

    // The same file again gets a fresh id; the start itself as a "solution" fails the test.
    menu()->addSolutionFromFile(path);
    EXPECT_EQ(doc().design().lesson->solutions.back().id, "my-fix-2");
    doc().undoStack()->undo();
    const QString start = tempFile("start.privatepath");
    ASSERT_TRUE(doc().saveAs(start, nullptr));
    menu()->addSolutionFromFile(start);
    window->action(QStringLiteral("actionTestLesson"))->trigger();
    EXPECT_TRUE(status().contains(QStringLiteral("problem"))) << status().toStdString();
    doc().undoStack()->undo();

    // A broken file is refused with the loader's file, line and field.
    const QString broken = tempFile("broken.privatepath");
    QFile f(broken);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write("{\n  \"schemaVersion\": 1,\n  \"vpcs\": [ { \"id\": \"v\", \"cidr\": 42 } ]\n}\n");
    f.close();
    const std::size_t steps = std::size_t(doc().undoStack()->count());
    menu()->addSolutionFromFile(broken);
    EXPECT_EQ(std::size_t(doc().undoStack()->count()), steps);
    auto* box = openDialog<QMessageBox>("lessonSolutionError");
    ASSERT_TRUE(box);
    EXPECT_TRUE(box->informativeText().contains(QStringLiteral("broken.privatepath:3"))) << box->informativeText().toStdString();
    EXPECT_TRUE(box->informativeText().contains(QStringLiteral("'region'"))) << "and the field: " << box->informativeText().toStdString();
    box->close();

    while (doc().undoStack()->canUndo())
        doc().undoStack()->undo();
    EXPECT_EQ(saveDesignToString(doc().design()), original);
}

TEST_F(LessonAuthoringTest, RestartGivesBackTheLessonsStartNotTheLearnersSave)
{
    ASSERT_TRUE(m_dir.isValid());
    // The learner's copy of the lesson: open, edit, save over it, edit again.
    const QString path = tempFile("my-work.privatepath");
    ASSERT_TRUE(QFile::copy(source(kS3Lesson), path));
    ASSERT_TRUE(window->openFile(path));
    const std::string start = saveDesignToString(doc().design());
    ASSERT_TRUE(doc().apply(removeWithDependents(doc().design(), {ResourceId("nat-a")}), QStringLiteral("Delete NAT")));
    ASSERT_TRUE(doc().saveAs(path, nullptr));
    const QByteArray saved = readAll(path);
    ASSERT_TRUE(doc().apply(removeWithDependents(doc().design(), {ResourceId("public-rt")}), QStringLiteral("Delete route table")));
    panel()->showNextHint();

    answerNextQuestion(QMessageBox::Yes);
    window->action(QStringLiteral("actionRestartLesson"))->trigger();
    QApplication::processEvents();
    EXPECT_EQ(saveDesignToString(doc().design()), start) << "the lesson's start, not the learner's save";
    EXPECT_TRUE(doc().design().find(ResourceId("nat-a")));
    EXPECT_TRUE(doc().isModified()) << "the file still holds the saved work: the start is not saved yet";
    EXPECT_EQ(doc().filePath(), path);
    EXPECT_EQ(readAll(path), saved) << "the file on disk is untouched";
    EXPECT_EQ(panel()->hintsShown(), 0) << "the lesson starts again";
    EXPECT_TRUE(status().contains(QStringLiteral("starts again"))) << status().toStdString();

    // Answering No changes nothing.
    ASSERT_TRUE(doc().apply(removeWithDependents(doc().design(), {ResourceId("nat-a")}), QStringLiteral("Delete NAT")));
    answerNextQuestion(QMessageBox::No);
    window->action(QStringLiteral("actionRestartLesson"))->trigger();
    EXPECT_FALSE(doc().design().find(ResourceId("nat-a")));

    // The start survives a second restart, and reopening the saved work makes that the start.
    answerNextQuestion(QMessageBox::Yes);
    window->action(QStringLiteral("actionRestartLesson"))->trigger();
    EXPECT_EQ(saveDesignToString(doc().design()), start);
}

TEST_F(LessonAuthoringTest, ATimedLessonsClockGoesOnAcrossSaves)
{
    ASSERT_TRUE(m_dir.isValid());
    // A learner's copy of a 20-minute lesson on which 5 minutes were already spent.
    Design timed = doc().design();
    timed.lesson->timeLimitMinutes = 20;
    timed.lesson->elapsedSeconds = 300;
    const QString path = tempFile("timed.privatepath");
    {
        QFile f(path);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(QByteArray::fromStdString(saveDesignToString(timed)));
    }
    ASSERT_TRUE(window->openFile(path));
    QApplication::processEvents();
    ASSERT_TRUE(panel()->secondsLeft());
    EXPECT_LE(*panel()->secondsLeft(), 15 * 60) << "the clock starts where the saved work stopped";
    EXPECT_GT(*panel()->secondsLeft(), 15 * 60 - 30);

    // Saving writes the time spent, without an undo step or a modified mark of its own.
    ASSERT_TRUE(doc().apply(removeWithDependents(doc().design(), {ResourceId("nat-a")}), QStringLiteral("Delete NAT")));
    const int steps = doc().undoStack()->count();
    ASSERT_TRUE(doc().saveAs(path, nullptr));
    EXPECT_EQ(doc().undoStack()->count(), steps);
    EXPECT_FALSE(doc().isModified());
    LoadResult reread = loadDesign(readAll(path).toStdString(), "timed.privatepath");
    ASSERT_TRUE(reread.design) << "the saved work loads";
    ASSERT_TRUE(reread.design->lesson->elapsedSeconds);
    EXPECT_GE(*reread.design->lesson->elapsedSeconds, 300);
    EXPECT_LT(*reread.design->lesson->elapsedSeconds, 330);
    EXPECT_EQ(doc().design().lesson->elapsedSeconds, std::optional<int>(300))
        << "the clock is written at save, it is not an edit of the open design";

    // A trainer who changes the lesson itself is authoring it: the saved lesson has no clock.
    Lesson authored = *doc().design().lesson;
    authored.hints.push_back("Look at the route table of private-a.");
    ASSERT_TRUE(doc().apply(ChangeSetBuilder(doc().design()).setLesson(authored).build(), QStringLiteral("Add hint")));
    ASSERT_TRUE(doc().saveAs(path, nullptr));
    reread = loadDesign(readAll(path).toStdString(), "timed.privatepath");
    ASSERT_TRUE(reread.design);
    EXPECT_FALSE(reread.design->lesson->elapsedSeconds) << "a lesson as handed out has no clock";
}

} // namespace
} // namespace pp::ui
