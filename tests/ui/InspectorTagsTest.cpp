// Tags in the inspector (a key/value table, one undo step per accepted edit, refusals naming the
// cell), Find by tag, and a lesson's locked flows: their question cannot change in the editor,
// their annotations can.
#include "InspectorFixture.h"

#include "lesson/Lesson.h"

#include <QStatusBar>

namespace pp::ui {
namespace {

const QString kS3Lesson = QStringLiteral("resources/lessons/s3-gateway-endpoint.privatepath");

// Its own suite: gtest wants one fixture class per suite, and the fixture header's class is local
// to each test file.
class InspectorTags : public Inspector {};

TEST_F(InspectorTags, TagsAreATableOfKeyAndValue)
{
    open(kS3Example);
    select("vpc-a");
    QTableWidget* tags = table(QStringLiteral("tags"));
    ASSERT_NE(tags, nullptr) << "every resource has a tags table";
    EXPECT_EQ(tags->rowCount(), 0);

    QTest::mouseClick(button("add", QStringLiteral("tags")), Qt::LeftButton);
    ASSERT_EQ(tags->rowCount(), 1);
    type(tags, 0, QStringLiteral("key"), QStringLiteral("env"));
    type(tags, 0, QStringLiteral("value"), QStringLiteral("prod"));
    const Resource* vpc = doc().design().find(ResourceId("vpc-a"));
    ASSERT_NE(vpc, nullptr);
    EXPECT_EQ(vpc->tags, (Tags{{"env", "prod"}}));
    const int steps = doc().undoStack()->count();
    EXPECT_GE(steps, 1);
    EXPECT_NE(saved().find(R"("tags": {"env": "prod"})"), std::string::npos);

    // A second row with the same key is refused, naming the key; the model keeps one tag.
    QTest::mouseClick(button("add", QStringLiteral("tags")), Qt::LeftButton);
    ASSERT_EQ(tags->rowCount(), 2);
    type(tags, 1, QStringLiteral("key"), QStringLiteral("env"));
    EXPECT_EQ(doc().design().find(ResourceId("vpc-a"))->tags.size(), 1u);
    EXPECT_NE(fieldError(QStringLiteral("tags")).indexOf(QStringLiteral("env is used twice")), -1)
        << fieldError(QStringLiteral("tags")).toStdString();
    type(tags, 1, QStringLiteral("key"), QStringLiteral("team"));
    EXPECT_EQ(doc().design().find(ResourceId("vpc-a"))->tags, (Tags{{"env", "prod"}, {"team", ""}}))
        << "an empty value is a tag too";

    // Undo takes the last tag back, and the table follows.
    doc().undoStack()->undo();
    settle();
    EXPECT_EQ(doc().design().find(ResourceId("vpc-a"))->tags, (Tags{{"env", "prod"}}));
    EXPECT_EQ(tags->rowCount(), 1);
    EXPECT_EQ(cell(tags, 0, QStringLiteral("value")), QStringLiteral("prod"));
}

TEST_F(InspectorTags, LockedFlowKeepsItsQuestionButNotItsName)
{
    open(kS3Lesson);
    Lesson lesson = *doc().design().lesson;
    lesson.lockedFlows = {FlowId("app-to-s3")};
    ASSERT_TRUE(doc().apply(ChangeSetBuilder(doc().design()).setLesson(lesson).build(), QStringLiteral("Lock flow")));
    const std::string before = saved();

    // Its port cannot change: refused whole, the status bar names it.
    Flow moved = *doc().design().findFlow(FlowId("app-to-s3"));
    moved.port = 80;
    EXPECT_FALSE(doc().apply(ChangeSetBuilder(doc().design()).modifyFlow(moved).build(), QStringLiteral("Change port")));
    EXPECT_EQ(saved(), before);
    EXPECT_TRUE(window->statusBar()->currentMessage().contains(QStringLiteral("app-to-s3 is locked by the lesson")))
        << window->statusBar()->currentMessage().toStdString();

    // Deleting it is refused too.
    EXPECT_FALSE(doc().apply(ChangeSetBuilder(doc().design()).removeFlow(FlowId("app-to-s3")).build(), QStringLiteral("Delete")));
    EXPECT_TRUE(doc().design().findFlow(FlowId("app-to-s3")));

    // Renaming it in the inspector is the learner's choice.
    select("app-to-s3");
    typeInto(QStringLiteral("name"), QStringLiteral("Reads S3"), true);
    QTest::keyClick(line(QStringLiteral("name")), Qt::Key_Return);
    settle();
    EXPECT_EQ(doc().design().findFlow(FlowId("app-to-s3"))->name, "Reads S3");
}

TEST_F(InspectorTags, FindFieldFindsByTag)
{
    open(kS3Example);
    Resource app = *doc().design().find(ResourceId("i-app-s3"));
    app.tags = {{"tier", "backend"}};
    ASSERT_TRUE(doc().apply(ChangeSetBuilder(doc().design()).modify(app).build(), QStringLiteral("Tag")));
    auto* find = window->findChild<QLineEdit*>(QStringLiteral("find"));
    ASSERT_NE(find, nullptr);
    find->setFocus();
    QTest::keyClicks(find, QStringLiteral("tier=backend"));
    QTest::keyClick(find, Qt::Key_Return);
    settle();
    const QList<ResourceId> selected = window->scene()->selectedResources();
    ASSERT_EQ(selected.size(), 1);
    EXPECT_EQ(selected.front(), ResourceId("i-app-s3"));
}

} // namespace
} // namespace pp::ui
