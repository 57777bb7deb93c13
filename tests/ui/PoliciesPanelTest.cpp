// Policies in the editor (issue 17): the Policies dock lists each policy and whether it holds,
// live after every edit; a violation's path is ringed on the canvas when it is chosen (in the
// Policies or the Issues panel) and the tile carries a badge; the policy dialog adds and edits
// policies as undoable steps, refuses what a file could not hold and previews the verdict;
// deleting a resource a policy names keeps the design loadable.
// With PRIVATEPATH_POLICIES_SCREENSHOT=FILE set, the window with a violation shown is saved to FILE.
#include "EditorFixture.h"

#include "edit/ChangeSet.h"
#include "import/AutoLayout.h"
#include "panels/IssuesPanel.h"
#include "policy/PoliciesPanel.h"
#include "policy/PolicyDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTreeWidget>

namespace pp::ui {
namespace {

class PoliciesPanelTest : public Editor {
protected:
    void SetUp() override
    {
        Editor::SetUp();
        // tests/data/policies.privatepath has no drawing: lay it out as an import would, then open it.
        LoadResult loaded = loadDesignFile(source(QStringLiteral("tests/data/policies.privatepath")).toStdString());
        ASSERT_TRUE(loaded.ok());
        layOutAutomatically(*loaded.design);
        ASSERT_TRUE(dir.isValid());
        path = dir.filePath(QStringLiteral("policies.privatepath"));
        ASSERT_TRUE(saveDesignFile(*loaded.design, path.toStdString()).ok);
        ASSERT_TRUE(window->openFile(path));
        panel = window->policiesPanel();
        ASSERT_NE(panel, nullptr);
        tree = panel->tree();
    }

    QTreeWidgetItem* policyRow(const QString& id) const
    {
        for (int i = 0; i < tree->topLevelItemCount(); ++i)
            if (tree->topLevelItem(i)->text(0) == id)
                return tree->topLevelItem(i);
        return nullptr;
    }
    PolicyDialog* openDialog() const
    {
        for (auto* d : window->findChildren<PolicyDialog*>())
            if (d->isVisible())
                return d;
        return nullptr;
    }
    template <class W>
    static W* field(QWidget* dialog, const char* name) { return dialog->findChild<W*>(QString::fromLatin1(name)); }
    static void ok(QDialog* d)
    {
        QTest::mouseClick(d->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
        QApplication::processEvents();
    }

    QTemporaryDir dir;
    QString path;
    PoliciesPanel* panel = nullptr;
    QTreeWidget* tree = nullptr;
};

TEST_F(PoliciesPanelTest, ListsEachPolicyWithWhetherItHolds)
{
    ASSERT_EQ(tree->topLevelItemCount(), 4);
    for (const char* holds : {"db-private", "prod-dev-isolated", "app-reaches-db"}) {
        QTreeWidgetItem* row = policyRow(QString::fromLatin1(holds));
        ASSERT_NE(row, nullptr) << holds;
        EXPECT_EQ(row->text(1), QStringLiteral("✔ holds")) << holds;
        EXPECT_EQ(row->childCount(), 0) << holds;
    }
    QTreeWidgetItem* hidden = policyRow(QStringLiteral("prod-hidden"));
    ASSERT_NE(hidden, nullptr);
    EXPECT_EQ(hidden->text(1), QStringLiteral("✖ 1 violation(s)"));
    ASSERT_EQ(hidden->childCount(), 1);
    EXPECT_EQ(hidden->child(0)->text(0), QStringLiteral("internet → web-1"));
    EXPECT_EQ(hidden->child(0)->text(1), QStringLiteral("POLICY_INTERNET_INGRESS"));
    EXPECT_NE(hidden->text(2).indexOf(QStringLiteral("no-internet-exposure: in vpc-prod")), -1) << hidden->text(2).toStdString();
    EXPECT_EQ(panel->findChild<QLabel*>(QStringLiteral("policiesSummary"))->text(), QStringLiteral("1 of 4 policies violated."));
    // The violated workload carries the badge a check failure gets.
    EXPECT_EQ(doc().violationsOf("web-1").size(), 1u);
    EXPECT_TRUE(doc().violationsOf("app-1").empty());
}

TEST_F(PoliciesPanelTest, ChoosingAViolationRingsItsPathAndSelectsItsEnds)
{
    QTreeWidgetItem* violation = policyRow(QStringLiteral("prod-hidden"))->child(0);
    tree->setCurrentItem(violation);
    QApplication::processEvents();
    ASSERT_TRUE(scene()->shownTrace().has_value());
    std::vector<std::string> hops;
    for (const Hop& h : scene()->shownTrace()->path)
        hops.push_back(h.resource);
    EXPECT_EQ(hops, (std::vector<std::string>{"igw-prod", "web-1"}));
    ResourceItem* web = scene()->itemFor("web-1");
    ASSERT_NE(web, nullptr);
    EXPECT_TRUE(web->isSelected()) << "the view goes to the violated workload";
    EXPECT_TRUE(web->highlight().isValid()) << "its hop is ringed";
    EXPECT_TRUE(scene()->itemFor("igw-prod")->highlight().isValid());

    if (const QByteArray shot = qgetenv("PRIVATEPATH_POLICIES_SCREENSHOT"); !shot.isEmpty()) {
        window->findChild<QDockWidget*>(QStringLiteral("policiesDock"))->raise();
        QApplication::processEvents();
        window->grab().save(QString::fromLocal8Bit(shot));
    }

    // Choosing the policy row, or another item on the canvas, takes the ring away.
    tree->setCurrentItem(policyRow(QStringLiteral("db-private")));
    QApplication::processEvents();
    EXPECT_FALSE(scene()->shownTrace().has_value());
}

TEST_F(PoliciesPanelTest, FixingTheDesignMakesThePolicyHoldLive)
{
    tree->setCurrentItem(policyRow(QStringLiteral("prod-hidden"))->child(0));
    QApplication::processEvents();
    // Close port 443 to the internet: web-1 only takes traffic from inside the VPC.
    Resource sg = *doc().design().find(ResourceId("sg-web"));
    std::get<SecurityGroup>(sg.data).inbound[0].cidr = *Cidr::parse("10.0.0.0/16");
    ChangeSetBuilder b(doc().design());
    b.modify(sg);
    ASSERT_TRUE(doc().apply(b.build(), QStringLiteral("Close 443")));
    QApplication::processEvents();
    EXPECT_EQ(policyRow(QStringLiteral("prod-hidden"))->text(1), QStringLiteral("✔ holds"));
    EXPECT_FALSE(scene()->shownTrace().has_value()) << "the violation shown is gone";
    EXPECT_TRUE(doc().violationsOf("web-1").empty());
    doc().undoStack()->undo();
    QApplication::processEvents();
    EXPECT_EQ(policyRow(QStringLiteral("prod-hidden"))->text(1), QStringLiteral("✖ 1 violation(s)"));
}

TEST_F(PoliciesPanelTest, IssuesPanelListsViolationsAndShowsTheirPath)
{
    auto* issues = window->issuesPanel();
    QTreeWidgetItem* group = nullptr;
    for (int i = 0; i < issues->topLevelItemCount(); ++i)
        if (issues->topLevelItem(i)->text(0) == QStringLiteral("Policy"))
            group = issues->topLevelItem(i);
    ASSERT_NE(group, nullptr) << "a violated policy is an issue";
    EXPECT_EQ(group->text(1), QStringLiteral("POLICY_INTERNET_INGRESS"));
    EXPECT_NE(group->text(2).indexOf(QStringLiteral("policy prod-hidden (no-internet-exposure) is violated")), -1);
    group->setExpanded(true);
    ASSERT_EQ(group->childCount(), 1);
    QTreeWidgetItem* row = group->child(0);
    EXPECT_TRUE(row->text(2).startsWith(QStringLiteral("internet → web-1: "))) << row->text(2).toStdString();
    emit issues->itemActivated(row, 0);
    QApplication::processEvents();
    ASSERT_TRUE(scene()->shownTrace().has_value());
    EXPECT_TRUE(scene()->itemFor("web-1")->isSelected());
}

TEST_F(PoliciesPanelTest, AddPolicyFromTheEditMenuIsOneUndoStep)
{
    scene()->selectIds({QStringLiteral("dev-1")});
    window->action(QStringLiteral("actionAddPolicy"))->trigger();
    PolicyDialog* d = openDialog();
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(field<QLineEdit>(d, "fromResources")->text(), QStringLiteral("dev-1")) << "a new policy starts from the selection";
    field<QLineEdit>(d, "policyId")->setText(QStringLiteral("dev-private"));
    auto* kind = field<QComboBox>(d, "policyKind");
    kind->setCurrentIndex(kind->findData(int(PolicyKind::PrivateOnly)));
    d->refreshPreview();
    EXPECT_EQ(d->problem(), QString());
    EXPECT_FALSE(field<QGroupBox>(d, "toBox")->isChecked()) << "private-only starts without scope B";
    EXPECT_NE(d->preview().indexOf(QStringLiteral("Holds on this design")), -1)
        << "dev-1 has no way out: " << d->preview().toStdString();
    ok(d);
    ASSERT_EQ(doc().design().policies.size(), 5u);
    EXPECT_EQ(doc().design().policies.back().id, "dev-private");
    EXPECT_EQ(doc().design().policies.back().from.resources, (std::vector<ResourceId>{ResourceId("dev-1")}));
    EXPECT_EQ(doc().undoStack()->undoText(), QStringLiteral("Add policy dev-private"));
    ASSERT_NE(policyRow(QStringLiteral("dev-private")), nullptr);
    EXPECT_TRUE(doc().isModified());
    doc().undoStack()->undo();
    QApplication::processEvents();
    EXPECT_EQ(doc().design().policies.size(), 4u);
    EXPECT_EQ(policyRow(QStringLiteral("dev-private")), nullptr);
}

TEST_F(PoliciesPanelTest, DialogRefusesWhatAFileCouldNotHoldAndNamesTheField)
{
    panel->addPolicy();
    PolicyDialog* d = openDialog();
    ASSERT_NE(d, nullptr);
    field<QLineEdit>(d, "policyId")->setText(QStringLiteral("prod-hidden"));
    field<QLineEdit>(d, "fromResources")->setText(QStringLiteral("web-1"));
    EXPECT_NE(d->problem().indexOf(QStringLiteral("already used")), -1) << d->problem().toStdString();
    field<QLineEdit>(d, "policyId")->setText(QStringLiteral("ghostly"));
    field<QLineEdit>(d, "fromResources")->setText(QStringLiteral("web-1, ghost"));
    EXPECT_EQ(d->problem(), QStringLiteral("From (scope A) › Resources: 'resources' refers to 'ghost', which does not exist"));
    auto* kind = field<QComboBox>(d, "policyKind");
    kind->setCurrentIndex(kind->findData(int(PolicyKind::MustReach)));
    EXPECT_FALSE(field<QGroupBox>(d, "toBox")->isCheckable()) << "must-reach needs scope B: no check box to turn it off";
    EXPECT_TRUE(field<QGroupBox>(d, "toBox")->isEnabled());
    field<QLineEdit>(d, "fromResources")->setText(QStringLiteral("app-1"));
    EXPECT_NE(d->problem().indexOf(QStringLiteral("To (scope B)")), -1) << "scope B selects nothing: " << d->problem().toStdString();
    ok(d);
    EXPECT_TRUE(d->isVisible()) << "OK with a problem keeps the dialog open";
    EXPECT_EQ(doc().design().policies.size(), 4u);
    EXPECT_FALSE(doc().isModified());
    field<QLineEdit>(d, "toTags")->setText(QStringLiteral("tier=db"));
    auto* protocol = field<QComboBox>(d, "policyProtocol");
    protocol->setCurrentText(QStringLiteral("tcp"));
    field<QSpinBox>(d, "policyPort")->setValue(5432);
    EXPECT_EQ(d->problem(), QString());
    d->refreshPreview();
    EXPECT_NE(d->preview().indexOf(QStringLiteral("Holds on this design")), -1) << d->preview().toStdString();
    ok(d);
    ASSERT_EQ(doc().design().policies.size(), 5u);
    const Policy& added = doc().design().policies.back();
    EXPECT_EQ(added.kind, PolicyKind::MustReach);
    ASSERT_TRUE(added.to.has_value());
    EXPECT_EQ(added.to->tags, (std::vector<std::string>{"tier=db"}));
    EXPECT_EQ(added.port, 5432);
    // Saved and loaded again, it is the same policy.
    ASSERT_TRUE(window->saveTo(path));
    const LoadResult again = loadDesignFile(path.toStdString());
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again.design->policies, doc().design().policies);
}

TEST_F(PoliciesPanelTest, EditingAPolicyChangesItInPlace)
{
    panel->editPolicy(QStringLiteral("prod-hidden"));
    PolicyDialog* d = openDialog();
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(field<QLineEdit>(d, "fromContainers")->text(), QStringLiteral("vpc-prod"));
    EXPECT_FALSE(field<QGroupBox>(d, "toBox")->isEnabled()) << "no-internet-exposure has no scope B";
    EXPECT_FALSE(field<QComboBox>(d, "policyProtocol")->isEnabled());
    d->refreshPreview();
    EXPECT_NE(d->preview().indexOf(QStringLiteral("web-1")), -1) << d->preview().toStdString();
    field<QLineEdit>(d, "fromContainers")->setText(QStringLiteral("prod-app, prod-db"));
    ok(d);
    ASSERT_EQ(doc().design().policies.size(), 4u);
    EXPECT_EQ(doc().design().policies[3].id, "prod-hidden") << "edited in place, not appended";
    EXPECT_EQ(doc().design().policies[3].from.containers, (std::vector<ResourceId>{ResourceId("prod-app"), ResourceId("prod-db")}));
    QApplication::processEvents();
    EXPECT_EQ(policyRow(QStringLiteral("prod-hidden"))->text(1), QStringLiteral("✔ holds")) << "web-1 is outside the scope now";
}

TEST_F(PoliciesPanelTest, RemovingAPolicyAndDeletingWhatItNamesKeepTheFileLoadable)
{
    tree->setCurrentItem(policyRow(QStringLiteral("db-private")));
    window->findChild<QAction*>(QStringLiteral("actionPolicyRemove"))->trigger();
    QApplication::processEvents();
    EXPECT_EQ(doc().design().policies.size(), 3u);
    EXPECT_EQ(doc().undoStack()->undoText(), QStringLiteral("Remove policy db-private"));
    // prod-hidden selects by the VPC: deleting the VPC leaves it nothing, so it goes with it.
    scene()->selectIds({QStringLiteral("vpc-prod")});
    window->deleteSelection();
    QApplication::processEvents();
    for (const Policy& p : doc().design().policies)
        EXPECT_NE(p.id, "prod-hidden");
    ASSERT_TRUE(window->saveTo(path));
    const LoadResult again = loadDesignFile(path.toStdString());
    EXPECT_TRUE(again.ok()) << (again.diagnostics.empty() ? "" : again.diagnostics.front().format());
    doc().undoStack()->undo();
    doc().undoStack()->undo();
    QApplication::processEvents();
    EXPECT_EQ(doc().design().policies.size(), 4u) << "undo brings both back";
}

} // namespace
} // namespace pp::ui
