// The trainer's goal editor: Lesson → Add Goal… adds a goal of every kind, previews whether the
// open design meets it, refuses an invalid goal with the reason; the lesson panel's goal list
// edits (double-click), removes and reorders goals; each change is one undo step.
// With PRIVATEPATH_GOAL_DIALOG_SCREENSHOT=FILE set, the dialog is saved to FILE (docs/screenshots).
#include "LessonSupport.h"

#include "edit/ChangeSet.h"
#include "lesson/LessonMenu.h"

#include <QCheckBox>
#include <QComboBox>
#include <QContextMenuEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QDialogButtonBox>
#include <QSpinBox>

namespace pp::ui {
namespace {

class LessonGoalDialogTest : public LessonEditor {
protected:
    QDialog* openAddGoal()
    {
        window->action(QStringLiteral("actionAddGoal"))->trigger();
        QDialog* dialog = openDialog("lessonGoalDialog");
        EXPECT_TRUE(dialog) << "Add Goal… opens the goal dialog";
        return dialog;
    }
    static void choose(QComboBox* combo, const QString& data)
    {
        const int i = combo->findData(data);
        ASSERT_GE(i, 0) << data.toStdString();
        combo->setCurrentIndex(i);
    }
    static QString preview(QDialog* d) { return field<QLabel>(d, "goalPreview")->text(); }
    static QString problem(QDialog* d) { return field<QLabel>(d, "goalProblem")->text(); }
    static bool okEnabled(QDialog* d)
    {
        return d->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->isEnabled();
    }
    // Fills in the fields every kind has.
    static void common(QDialog* d, GoalKind kind, const char* id, const char* message)
    {
        choose(field<QComboBox>(d, "goalKind"), QString::fromLatin1(enumName(kind).data()));
        field<QLineEdit>(d, "goalId")->setText(QString::fromLatin1(id));
        field<QLineEdit>(d, "goalMessage")->setText(QString::fromLatin1(message));
    }
    // Accepts the dialog with its OK button, as the trainer does, and lets the panel refresh.
    static void ok(QDialog* d)
    {
        QTest::mouseClick(d->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
        QApplication::processEvents();
    }
    // Opens the goal list's context menu on a goal's row and chooses an entry.
    void fromGoalMenu(const QString& goal, const char* action)
    {
        QListWidgetItem* row = goalRow(goal);
        ASSERT_TRUE(row);
        const QPoint at = goalList()->visualItemRect(row).center();
        bool chosen = false;
        QTimer::singleShot(0, [&] {
            auto* menu = qobject_cast<QMenu*>(QApplication::activePopupWidget());
            ASSERT_TRUE(menu) << "the goal list has a context menu";
            for (QAction* a : menu->actions())
                EXPECT_TRUE(a->isSeparator() || !a->text().isEmpty()) << "every entry is named";
            auto* entry = menu->findChild<QAction*>(QString::fromLatin1(action));
            ASSERT_TRUE(entry) << action;
            chosen = entry->isEnabled();
            menu->close();
            if (chosen)
                entry->trigger();
        });
        QContextMenuEvent event(QContextMenuEvent::Mouse, at, goalList()->viewport()->mapToGlobal(at));
        QApplication::sendEvent(goalList()->viewport(), &event);
        QApplication::processEvents();
        EXPECT_TRUE(chosen) << action << " is enabled on " << goal.toStdString();
    }
};

TEST_F(LessonGoalDialogTest, AddsAGoalOfEveryKindAndTheListTicks)
{
    const std::string original = saveDesignToString(doc().design());
    const std::size_t before = doc().design().lesson->goals.size();
    const int steps = doc().undoStack()->count();

    // flow: app-to-s3 goes out through the NAT gateway today, so "public, through natGateway" holds.
    QDialog* d = openAddGoal();
    ASSERT_TRUE(d);
    common(d, GoalKind::Flow, "s3-public-today", "S3 is reached over the NAT gateway.");
    choose(field<QComboBox>(d, "goalFlow"), QStringLiteral("app-to-s3"));
    choose(field<QComboBox>(d, "goalVerdict"), QStringLiteral("public"));
    field<QLineEdit>(d, "goalThrough")->setText(QStringLiteral("natGateway"));
    EXPECT_TRUE(field<QLineEdit>(d, "goalThrough")->isVisible()) << "flow fields shown for a flow goal";
    EXPECT_FALSE(field<QComboBox>(d, "goalResourceKind")->isVisible()) << "count fields hidden";
    EXPECT_TRUE(preview(d).contains(QStringLiteral("<b style='color:#2e7d32'>met</b>"))) << preview(d).toStdString();
    if (const QString shot = qEnvironmentVariable("PRIVATEPATH_GOAL_DIALOG_SCREENSHOT"); !shot.isEmpty()) {
        choose(field<QComboBox>(d, "goalVerdict"), QStringLiteral("private"));
        field<QLineEdit>(d, "goalThrough")->setText(QStringLiteral("vpcEndpoint"));
        field<QLineEdit>(d, "goalAvoids")->setText(QStringLiteral("natGateway"));
        field<QLineEdit>(d, "goalMessage")->setText(QStringLiteral("S3 is reached privately, through a VPC endpoint."));
        QTest::qWait(100);
        d->grab().save(shot);
        field<QLineEdit>(d, "goalMessage")->setText(QStringLiteral("S3 is reached over the NAT gateway."));
        choose(field<QComboBox>(d, "goalVerdict"), QStringLiteral("public"));
        field<QLineEdit>(d, "goalThrough")->setText(QStringLiteral("natGateway"));
        field<QLineEdit>(d, "goalAvoids")->clear();
    }
    ok(d);
    ASSERT_EQ(doc().design().lesson->goals.size(), before + 1);
    const Goal& flow = doc().design().lesson->goals.back();
    EXPECT_EQ(flow.kind, GoalKind::Flow);
    EXPECT_EQ(flow.flow, FlowId("app-to-s3"));
    EXPECT_EQ(flow.verdict, Verdict::Public);
    EXPECT_EQ(flow.through, std::vector<std::string>{"natGateway"});
    EXPECT_TRUE(ticked(QStringLiteral("s3-public-today"))) << "the new goal is in the list, met";
    EXPECT_TRUE(status().contains(QStringLiteral("s3-public-today"))) << status().toStdString();

    // scopePrivate: private-a has a public path (through the NAT): not met, and the preview says why.
    d = openAddGoal();
    ASSERT_TRUE(d);
    common(d, GoalKind::ScopePrivate, "private-a-private", "Nothing in private-a is public.");
    EXPECT_TRUE(field<QComboBox>(d, "goalScope")->isVisible());
    EXPECT_FALSE(field<QComboBox>(d, "goalFlow")->isVisible());
    choose(field<QComboBox>(d, "goalScope"), QStringLiteral("private-a"));
    EXPECT_TRUE(preview(d).contains(QStringLiteral("not met"))) << preview(d).toStdString();
    EXPECT_TRUE(preview(d).contains(QStringLiteral("<li>"))) << "with the engine's reasons";
    ok(d);
    EXPECT_EQ(doc().design().lesson->goals.back().scope, ResourceId("private-a"));
    ASSERT_TRUE(goalRow(QStringLiteral("private-a-private")));
    EXPECT_FALSE(ticked(QStringLiteral("private-a-private")));
    EXPECT_EQ(ticked(QStringLiteral("private-a-private")), ticked(QStringLiteral("subnet-private")));

    // noInternetExposure on the VPC: as the lesson's own not-exposed goal.
    d = openAddGoal();
    ASSERT_TRUE(d);
    common(d, GoalKind::NoInternetExposure, "vpc-not-exposed", "app-vpc is not exposed.");
    choose(field<QComboBox>(d, "goalScope"), QStringLiteral("app-vpc"));
    ok(d);
    EXPECT_EQ(doc().design().lesson->goals.back().kind, GoalKind::NoInternetExposure);
    ASSERT_TRUE(goalRow(QStringLiteral("vpc-not-exposed")));
    EXPECT_EQ(ticked(QStringLiteral("vpc-not-exposed")), ticked(QStringLiteral("not-exposed")));

    // count: at least one NAT gateway in app-vpc (nat-a): met.
    d = openAddGoal();
    ASSERT_TRUE(d);
    common(d, GoalKind::Count, "one-nat", "There is a NAT gateway.");
    EXPECT_TRUE(field<QSpinBox>(d, "goalMin")->isVisible());
    choose(field<QComboBox>(d, "goalResourceKind"), QStringLiteral("natGateway"));
    choose(field<QComboBox>(d, "goalScope"), QStringLiteral("app-vpc"));
    field<QSpinBox>(d, "goalMin")->setValue(1);
    EXPECT_TRUE(preview(d).contains(QStringLiteral("<b style='color:#2e7d32'>met</b>"))) << preview(d).toStdString();
    ok(d);
    const Goal& count = doc().design().lesson->goals.back();
    EXPECT_EQ(count.resourceKind, "natGateway");
    EXPECT_EQ(count.min, 1);
    EXPECT_FALSE(count.max);
    EXPECT_TRUE(ticked(QStringLiteral("one-nat")));

    // property of one resource: private-a's CIDR; the field list offers the subnet's fields.
    d = openAddGoal();
    ASSERT_TRUE(d);
    common(d, GoalKind::Property, "private-a-cidr", "private-a keeps its CIDR.");
    choose(field<QComboBox>(d, "goalTarget"), QStringLiteral("resource"));
    choose(field<QComboBox>(d, "goalResource"), QStringLiteral("private-a"));
    EXPECT_FALSE(field<QComboBox>(d, "goalResourceKind")->isVisible()) << "one resource: no kind";
    EXPECT_GE(field<QComboBox>(d, "goalField")->findText(QStringLiteral("cidr")), 0) << "the subnet's fields are offered";
    field<QComboBox>(d, "goalField")->setCurrentText(QStringLiteral("cidr"));
    field<QLineEdit>(d, "goalValue")->setText(QStringLiteral("\"10.0.9.0/24\""));
    EXPECT_TRUE(preview(d).contains(QStringLiteral("not met"))) << preview(d).toStdString();
    EXPECT_TRUE(preview(d).contains(QStringLiteral("10.0.1.0/24"))) << "says what the field holds: " << preview(d).toStdString();
    field<QLineEdit>(d, "goalValue")->setText(QStringLiteral("\"10.0.1.0/24\""));
    EXPECT_TRUE(preview(d).contains(QStringLiteral("<b style='color:#2e7d32'>met</b>"))) << preview(d).toStdString();
    ok(d);
    const Goal& property = doc().design().lesson->goals.back();
    EXPECT_EQ(property.resource, ResourceId("private-a"));
    EXPECT_TRUE(property.resourceKind.empty());
    EXPECT_EQ(property.field, "cidr");
    ASSERT_TRUE(property.value);
    EXPECT_EQ(property.value->json, "\"10.0.1.0/24\"");
    EXPECT_TRUE(ticked(QStringLiteral("private-a-cidr")));

    // property of a kind: every NAT gateway in app-vpc has subnet public-a.
    d = openAddGoal();
    ASSERT_TRUE(d);
    common(d, GoalKind::Property, "nat-in-public", "NAT gateways sit in public-a.");
    choose(field<QComboBox>(d, "goalTarget"), QStringLiteral("kind"));
    choose(field<QComboBox>(d, "goalResourceKind"), QStringLiteral("natGateway"));
    field<QComboBox>(d, "goalField")->setCurrentText(QStringLiteral("subnet"));
    field<QLineEdit>(d, "goalValue")->setText(QStringLiteral("\"public-a\""));
    ok(d);
    EXPECT_EQ(doc().design().lesson->goals.back().resourceKind, "natGateway");
    EXPECT_FALSE(doc().design().lesson->goals.back().resource);
    EXPECT_TRUE(ticked(QStringLiteral("nat-in-public")));

    // noErrors: only the common fields.
    d = openAddGoal();
    ASSERT_TRUE(d);
    common(d, GoalKind::NoErrors, "still-no-errors", "No errors.");
    EXPECT_FALSE(field<QComboBox>(d, "goalScope")->isVisible());
    field<QSpinBox>(d, "goalWeight")->setValue(4);
    ok(d);
    EXPECT_EQ(doc().design().lesson->goals.back().weight, 4);
    ASSERT_TRUE(goalRow(QStringLiteral("still-no-errors")));
    EXPECT_EQ(ticked(QStringLiteral("still-no-errors")), ticked(QStringLiteral("no-errors")));

    // Seven goals, seven undo steps; undoing them all gives back the lesson file exactly.
    EXPECT_EQ(goalList()->count(), int(before) + 7);
    EXPECT_EQ(doc().undoStack()->count(), steps + 7);
    for (int i = 0; i < 7; ++i)
        doc().undoStack()->undo();
    EXPECT_EQ(saveDesignToString(doc().design()), original);
    QApplication::processEvents();
    EXPECT_EQ(goalList()->count(), int(before));
}

TEST_F(LessonGoalDialogTest, AnInvalidGoalIsRefusedWithTheReason)
{
    const std::string original = saveDesignToString(doc().design());
    QDialog* d = openAddGoal();
    ASSERT_TRUE(d);
    EXPECT_TRUE(okEnabled(d)) << "a new goal starts valid: a free id, the first flow, private";

    field<QLineEdit>(d, "goalId")->setText(QStringLiteral("no-nat"));
    EXPECT_TRUE(problem(d).contains(QStringLiteral("already used"))) << problem(d).toStdString();
    EXPECT_FALSE(okEnabled(d));
    d->accept(); // Enter on the dialog, whatever the button's state
    EXPECT_TRUE(d->isVisible()) << "refused: the dialog stays open";
    EXPECT_EQ(saveDesignToString(doc().design()), original);

    field<QLineEdit>(d, "goalId")->setText(QStringLiteral("bad id!"));
    EXPECT_TRUE(problem(d).contains(QStringLiteral("not valid"))) << problem(d).toStdString();
    field<QLineEdit>(d, "goalId")->clear();
    EXPECT_TRUE(problem(d).contains(QStringLiteral("needs an id"))) << problem(d).toStdString();
    field<QLineEdit>(d, "goalId")->setText(QStringLiteral("fine"));
    EXPECT_TRUE(problem(d).isEmpty());

    // count: a bound is required, and at most may not be under at least.
    choose(field<QComboBox>(d, "goalKind"), QStringLiteral("count"));
    EXPECT_TRUE(problem(d).contains(QStringLiteral("at least, at most or both"))) << problem(d).toStdString();
    EXPECT_TRUE(preview(d).contains(QStringLiteral("complete the goal"))) << "no preview of an incomplete goal";
    field<QSpinBox>(d, "goalMin")->setValue(3);
    field<QSpinBox>(d, "goalMax")->setValue(1);
    EXPECT_TRUE(problem(d).contains(QStringLiteral("less than"))) << problem(d).toStdString();

    // property: a field and a JSON value.
    choose(field<QComboBox>(d, "goalKind"), QStringLiteral("property"));
    EXPECT_TRUE(problem(d).contains(QStringLiteral("needs a field"))) << problem(d).toStdString();
    field<QComboBox>(d, "goalField")->setCurrentText(QStringLiteral("endpointType"));
    EXPECT_TRUE(problem(d).contains(QStringLiteral("needs the value"))) << problem(d).toStdString();
    field<QLineEdit>(d, "goalValue")->setText(QStringLiteral("gateway"));
    EXPECT_TRUE(problem(d).contains(QStringLiteral("not JSON"))) << problem(d).toStdString();
    d->accept();
    EXPECT_TRUE(d->isVisible());
    EXPECT_EQ(saveDesignToString(doc().design()), original) << "nothing applied while invalid";
    d->reject();
    EXPECT_EQ(doc().undoStack()->count(), 0);
}

TEST_F(LessonGoalDialogTest, TheGoalListEditsRemovesAndReordersGoalsUndoably)
{
    const std::string original = saveDesignToString(doc().design());
    const std::vector<std::string> ids = goalIds();
    ASSERT_EQ(ids.front(), "s3-private");

    // Double-click edits: the dialog comes filled in with the goal.
    QListWidgetItem* row = goalRow(QStringLiteral("no-nat"));
    ASSERT_TRUE(row);
    const QPoint at = goalList()->visualItemRect(row).center();
    QTest::mouseClick(goalList()->viewport(), Qt::LeftButton, Qt::NoModifier, at);
    QTest::mouseDClick(goalList()->viewport(), Qt::LeftButton, Qt::NoModifier, at);
    QDialog* d = openDialog("lessonGoalDialog");
    ASSERT_TRUE(d) << "double-click opens Edit Goal";
    EXPECT_EQ(field<QLineEdit>(d, "goalId")->text(), QStringLiteral("no-nat"));
    EXPECT_EQ(field<QComboBox>(d, "goalKind")->currentData().toString(), QStringLiteral("count"));
    EXPECT_EQ(field<QComboBox>(d, "goalResourceKind")->currentData().toString(), QStringLiteral("natGateway"));
    EXPECT_EQ(field<QSpinBox>(d, "goalMax")->value(), 0);
    EXPECT_TRUE(problem(d).isEmpty()) << "its own id is not a duplicate: " << problem(d).toStdString();
    EXPECT_TRUE(preview(d).contains(QStringLiteral("not met"))) << "nat-a is still there";
    field<QSpinBox>(d, "goalMax")->setValue(1);
    field<QLineEdit>(d, "goalMessage")->setText(QStringLiteral("At most one NAT gateway."));
    ok(d);
    EXPECT_EQ(goalIds(), ids) << "edited in place";
    EXPECT_EQ(doc().design().lesson->goals[2].max, 1);
    EXPECT_TRUE(ticked(QStringLiteral("no-nat"))) << "the edited goal ticks";
    EXPECT_TRUE(goalRow(QStringLiteral("no-nat"))->text().startsWith(QStringLiteral("At most one NAT gateway.")));

    // Context menu: Move Down, Move Up, Remove, Edit.
    fromGoalMenu(QStringLiteral("s3-private"), "actionMoveGoalDown");
    EXPECT_EQ(goalIds()[1], "s3-private");
    EXPECT_EQ(goalList()->item(1)->data(Qt::UserRole + 1).toString(), QStringLiteral("s3-private")) << "the list follows";
    fromGoalMenu(QStringLiteral("no-errors"), "actionMoveGoalUp");
    EXPECT_EQ(goalIds()[ids.size() - 2], "no-errors");
    fromGoalMenu(QStringLiteral("gateway-endpoint"), "actionRemoveGoal");
    EXPECT_EQ(goalIds().size(), ids.size() - 1);
    EXPECT_FALSE(goalRow(QStringLiteral("gateway-endpoint")));
    fromGoalMenu(QStringLiteral("subnet-private"), "actionEditGoal");
    d = openDialog("lessonGoalDialog");
    ASSERT_TRUE(d);
    EXPECT_EQ(field<QComboBox>(d, "goalScope")->currentData().toString(), QStringLiteral("private-a"));
    d->reject();

    // Four steps; undo takes each back, to the file as opened.
    EXPECT_EQ(doc().undoStack()->count(), 4);
    while (doc().undoStack()->canUndo())
        doc().undoStack()->undo();
    EXPECT_EQ(saveDesignToString(doc().design()), original);
    QApplication::processEvents();
    EXPECT_EQ(goalList()->item(0)->data(Qt::UserRole + 1).toString(), QStringLiteral("s3-private"));
}

TEST_F(LessonGoalDialogTest, ATagAndAWhereNarrowWhatAGoalCounts)
{
    // Tag the NAT gateway env=prod (the VPC is locked by the lesson, so it cannot be tagged).
    Resource nat = *doc().design().find(ResourceId("nat-a"));
    nat.tags = {{"env", "prod"}};
    ASSERT_TRUE(doc().apply(ChangeSetBuilder(doc().design()).modify(nat).build(), QStringLiteral("Tag")));

    QDialog* d = openAddGoal();
    ASSERT_TRUE(d);
    common(d, GoalKind::Count, "no-nat-in-prod", "No NAT gateway in production.");
    choose(field<QComboBox>(d, "goalResourceKind"), QStringLiteral("natGateway"));
    field<QSpinBox>(d, "goalMax")->setValue(0);
    EXPECT_TRUE(field<QLineEdit>(d, "goalTag")->isVisible()) << "a count goal can be narrowed by tag";
    EXPECT_TRUE(field<QLineEdit>(d, "goalWhere")->isVisible());
    EXPECT_FALSE(field<QCheckBox>(d, "goalLockFlow")->isVisible()) << "only flow goals lock a flow";
    field<QLineEdit>(d, "goalTag")->setText(QStringLiteral("env=prod"));
    EXPECT_TRUE(preview(d).contains(QStringLiteral("not met"))) << "nat-a is tagged env=prod: " << preview(d).toStdString();
    field<QLineEdit>(d, "goalTag")->setText(QStringLiteral("env=dev"));
    EXPECT_TRUE(preview(d).contains(QStringLiteral(">met<"))) << "nothing is tagged env=dev: " << preview(d).toStdString();

    // A tag without a key and a where that is not an object are refused with the reason.
    field<QLineEdit>(d, "goalTag")->setText(QStringLiteral("=prod"));
    EXPECT_FALSE(okEnabled(d));
    EXPECT_TRUE(problem(d).contains(QStringLiteral("key or key=value"))) << problem(d).toStdString();
    field<QLineEdit>(d, "goalTag")->setText(QStringLiteral("env=prod"));
    field<QLineEdit>(d, "goalWhere")->setText(QStringLiteral("[1]"));
    EXPECT_FALSE(okEnabled(d));
    EXPECT_TRUE(problem(d).contains(QStringLiteral("JSON object"))) << problem(d).toStdString();
    // Only NAT gateways whose connectivity is private would count: nat-a is public, so the goal is met.
    field<QLineEdit>(d, "goalWhere")->setText(QStringLiteral(R"({"connectivity": "private"})"));
    EXPECT_TRUE(okEnabled(d)) << problem(d).toStdString();
    EXPECT_TRUE(preview(d).contains(QStringLiteral(">met<"))) << preview(d).toStdString();
    ok(d);
    const Goal& g = doc().design().lesson->goals.back();
    EXPECT_EQ(g.id, "no-nat-in-prod");
    EXPECT_EQ(g.tag, "env=prod");
    ASSERT_TRUE(g.where);
    EXPECT_EQ(g.where->json, R"({"connectivity":"private"})");
    EXPECT_TRUE(ticked(QStringLiteral("no-nat-in-prod")));

    // Saved and loaded back, the goal keeps its tag and where.
    const LoadResult again = loadDesign(saveDesignToString(doc().design()), "again.privatepath");
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again.design->lesson->goals.back().tag, "env=prod");
}

TEST_F(LessonGoalDialogTest, AFlowGoalLocksItsFlowUnlessTheTrainerSaysNot)
{
    Lesson unlocked = *doc().design().lesson;
    unlocked.lockedFlows.clear();
    ASSERT_TRUE(doc().apply(ChangeSetBuilder(doc().design()).setLesson(unlocked).build(), QStringLiteral("Unlock")));

    QDialog* d = openAddGoal();
    ASSERT_TRUE(d);
    common(d, GoalKind::Flow, "s3-reachable", "S3 can be reached.");
    choose(field<QComboBox>(d, "goalFlow"), QStringLiteral("app-to-s3"));
    auto* lock = field<QCheckBox>(d, "goalLockFlow");
    ASSERT_TRUE(lock->isVisible());
    EXPECT_TRUE(lock->isChecked()) << "a new flow goal locks its flow by default";
    lock->setChecked(false);
    ok(d);
    EXPECT_FALSE(isLocked(*doc().design().lesson, FlowId("app-to-s3"))) << "the trainer unticked it";

    // Editing the goal and ticking the box locks the flow, in the same undo step as the goal.
    window->findChild<LessonMenu*>()->editGoal(QStringLiteral("s3-reachable"));
    d = openDialog("lessonGoalDialog");
    ASSERT_TRUE(d);
    lock = field<QCheckBox>(d, "goalLockFlow");
    EXPECT_FALSE(lock->isChecked()) << "the box shows the flow is not locked";
    lock->setChecked(true);
    ok(d);
    EXPECT_TRUE(isLocked(*doc().design().lesson, FlowId("app-to-s3")));
    doc().undoStack()->undo();
    EXPECT_FALSE(isLocked(*doc().design().lesson, FlowId("app-to-s3")));
}

} // namespace
} // namespace pp::ui
