// File → Import Terraform Plan or State…: a `terraform show -json` output becomes an untitled,
// unsaved design on the canvas with its import report beside it; a window holding the user's work
// is never replaced; an input that cannot be imported says why and changes nothing.
#include "FileSupport.h"

#include "import/AwsImport.h"
#include "import/ImportReportDialog.h"
#include "import/TerraformImport.h"

#include <QAction>
#include <QApplication>
#include <QMessageBox>
#include <QLabel>
#include <QTemporaryDir>
#include <QTreeWidget>

namespace pp::ui {
namespace {

class ImportTest : public EditorWithRecovery {
protected:
    static QString fixture(const char* name) { return source(QStringLiteral("tests/data/import/terraform/") + QLatin1String(name)); }
    // The report's sections by title ("Skipped (3)" -> its rows).
    static std::map<QString, QTreeWidgetItem*> sections(const ImportReportDialog& dialog)
    {
        std::map<QString, QTreeWidgetItem*> out;
        for (int i = 0; i < dialog.tree()->topLevelItemCount(); ++i) {
            QTreeWidgetItem* section = dialog.tree()->topLevelItem(i);
            out[section->text(0).section(QLatin1String(" ("), 0, 0)] = section;
        }
        return out;
    }
};

TEST_F(ImportTest, AStateBecomesAnUnsavedDrawnDesignWithItsReport)
{
    ASSERT_NE(window->action(QStringLiteral("actionImportTerraform")), nullptr);
    const TerraformImportResult expected = importTerraformFile(fixture("state-network.json").toStdString());
    ASSERT_TRUE(expected.design);

    ImportReportDialog* dialog = window->importTerraform(fixture("state-network.json"));
    ASSERT_NE(dialog, nullptr) << window->lastError().toStdString();
    // The design is the importer's, untitled and unsaved, and every resource with a shape is drawn.
    EXPECT_TRUE(doc().design() == *expected.design);
    EXPECT_TRUE(doc().isModified());
    EXPECT_TRUE(doc().filePath().isEmpty());
    ASSERT_FALSE(doc().design().diagram.shapes.empty());
    for (const Shape& s : doc().design().diagram.shapes)
        EXPECT_NE(scene()->itemFor(s.resource.str()), nullptr) << s.resource.str();
    EXPECT_TRUE(window->isWindowModified());
    EXPECT_TRUE(window->windowTitle().startsWith(QStringLiteral("Untitled")));

    // The report: a section per part, with as many rows as the importer reported.
    EXPECT_TRUE(dialog->isVisible());
    const auto parts = sections(*dialog);
    ASSERT_EQ(parts.count(QStringLiteral("Imported")), 1u);
    EXPECT_EQ(parts.at(QStringLiteral("Imported"))->childCount(), int(expected.report.imported.size()));
    EXPECT_EQ(parts.at(QStringLiteral("Skipped"))->childCount(), int(expected.report.skipped.size()));
    EXPECT_EQ(parts.at(QStringLiteral("Assumptions"))->childCount(), int(expected.report.assumptions.size()));
    EXPECT_EQ(parts.at(QStringLiteral("Unknown until apply"))->childCount(), int(expected.report.unknowns.size()));
    EXPECT_GT(expected.report.assumptions.size(), 0u);
    const QString summary = dialog->findChild<QLabel*>(QStringLiteral("importSummary"))->text();
    EXPECT_TRUE(summary.contains(QStringLiteral("%1 Terraform resources imported, %2 skipped")
                                     .arg(expected.report.imported.size())
                                     .arg(expected.report.skipped.size())))
        << summary.toStdString();
    EXPECT_TRUE(summary.contains(QStringLiteral("state-network.json"))) << summary.toStdString();

    // Activating a row that names a design resource shows it on the canvas.
    QTreeWidgetItem* assumption = parts.at(QStringLiteral("Assumptions"));
    QTreeWidgetItem* row = nullptr;
    for (int i = 0; i < assumption->childCount() && !row; ++i)
        if (scene()->itemFor(assumption->child(i)->text(2).toStdString()))
            row = assumption->child(i);
    ASSERT_NE(row, nullptr) << "an assumption about a drawn resource";
    dialog->tree()->setCurrentItem(row);
    EXPECT_EQ(dialog->findChild<QLabel*>(QStringLiteral("importDetail"))->text(), row->text(3)); // in full
    EXPECT_FALSE(row->text(3).isEmpty());
    emit dialog->tree()->itemActivated(row, 0);
    const auto selected = scene()->selectedResources();
    ASSERT_EQ(selected.size(), 1);
    EXPECT_EQ(selected.front().str(), row->text(2).toStdString());

    // Save Report… writes the JSON `privatepath import terraform` writes.
    QTemporaryDir folder;
    const QString reportPath = folder.filePath(QStringLiteral("report.json"));
    QString error;
    ASSERT_TRUE(dialog->saveReport(reportPath, &error)) << error.toStdString();
    EXPECT_EQ(readAll(reportPath).toStdString(), importReportJson(expected.report).dump(2) + "\n");
}

// What a user does next with an imported design: select everything, delete it, undo, save it.
TEST_F(ImportTest, AnImportedDesignCanBeEditedUndoneAndSaved)
{
    ASSERT_NE(window->importTerraform(fixture("tfc-test_pull_330.json")), nullptr) << window->lastError().toStdString();
    const Design imported = doc().design();
    ASSERT_FALSE(imported.resources().empty());
    window->action(QStringLiteral("actionSelectAll"))->trigger();
    window->action(QStringLiteral("actionDelete"))->trigger();
    EXPECT_TRUE(doc().design().resources().empty());
    window->action(QStringLiteral("actionUndo"))->trigger();
    EXPECT_TRUE(doc().design() == imported);
    EXPECT_TRUE(doc().isModified()) << "undo reaches the import, which is not saved";

    QTemporaryDir folder;
    const QString file = folder.filePath(QStringLiteral("imported.privatepath"));
    ASSERT_TRUE(window->saveTo(file)) << window->lastError().toStdString();
    EXPECT_FALSE(doc().isModified());
    const LoadResult saved = loadDesignFile(file.toStdString());
    ASSERT_TRUE(saved.ok());
    EXPECT_TRUE(*saved.design == imported);
}

TEST_F(ImportTest, AWindowWithWorkIsNeverReplaced)
{
    QTemporaryDir folder;
    const QString file = copyExample(folder.path());
    ASSERT_TRUE(window->openFile(file));
    const std::size_t before = doc().design().resources().size();

    ImportReportDialog* dialog = window->importTerraform(fixture("tfc-test_issue-158.json"));
    ASSERT_NE(dialog, nullptr) << window->lastError().toStdString();
    EXPECT_EQ(doc().filePath(), file);
    EXPECT_EQ(doc().design().resources().size(), before);
    EXPECT_FALSE(doc().isModified());
    auto* other = qobject_cast<MainWindow*>(dialog->parent());
    ASSERT_NE(other, nullptr);
    EXPECT_NE(other, window.get());
    EXPECT_TRUE(other->isVisible());
    EXPECT_TRUE(other->document().isModified());
    EXPECT_TRUE(other->document().filePath().isEmpty());
    EXPECT_FALSE(other->document().design().resources().empty());
    delete other; // without the question about its unsaved import
}

TEST_F(ImportTest, AnInputThatCannotBeImportedSaysWhereAndChangesNothing)
{
    QTemporaryDir folder;
    const QString broken = folder.filePath(QStringLiteral("plan.json"));
    ASSERT_TRUE(writeBytes(broken, "{\n  \"format_version\": \"1.2\",\n  \"values\": [\n"));
    EXPECT_EQ(window->importTerraform(broken), nullptr);
    EXPECT_TRUE(window->lastError().contains(QStringLiteral("plan.json"))) << window->lastError().toStdString();
    EXPECT_TRUE(window->lastError().contains(QStringLiteral(":3:")) || window->lastError().contains(QStringLiteral("line")))
        << window->lastError().toStdString();
    EXPECT_TRUE(doc().design().resources().empty());
    EXPECT_FALSE(doc().isModified());
    for (QWidget* w : QApplication::topLevelWidgets())
        if (auto* box = qobject_cast<QMessageBox*>(w))
            box->close();
}

// File → Import AWS CLI Describe Output…: a folder of describe-* files (pages of one call
// merged) becomes the same design the command line makes, with a report naming AWS ids.
TEST_F(ImportTest, AwsDescribeOutputBecomesAnUnsavedDrawnDesignWithItsReport)
{
    ASSERT_NE(window->action(QStringLiteral("actionImportAws")), nullptr);
    const QString folder = source(QStringLiteral("tests/data/import/aws/handmade"));
    const AwsImportResult expected = importAwsInputs({folder.toStdString()});
    ASSERT_TRUE(expected.design);

    ImportReportDialog* dialog = window->importAws({folder});
    ASSERT_NE(dialog, nullptr) << window->lastError().toStdString();
    EXPECT_TRUE(doc().design() == *expected.design);
    EXPECT_TRUE(doc().isModified());
    EXPECT_TRUE(doc().filePath().isEmpty());
    for (const Shape& s : doc().design().diagram.shapes)
        EXPECT_NE(scene()->itemFor(s.resource.str()), nullptr) << s.resource.str();
    const auto parts = sections(*dialog);
    EXPECT_EQ(parts.at(QStringLiteral("Imported"))->childCount(), int(expected.report.imported.size()));
    EXPECT_EQ(parts.at(QStringLiteral("Skipped"))->childCount(), int(expected.report.skipped.size()));
    EXPECT_EQ(dialog->tree()->headerItem()->text(0), QStringLiteral("AWS id"));
    const QString summary = dialog->findChild<QLabel*>(QStringLiteral("importSummary"))->text();
    EXPECT_TRUE(summary.startsWith(QStringLiteral("From the AWS CLI describe output handmade: %1 items imported")
                                       .arg(expected.report.imported.size())))
        << summary.toStdString();

    // A second import never replaces that work: it opens in a window of its own.
    ImportReportDialog* second = window->importAws({folder + QStringLiteral("/vpcs-page1.json")});
    ASSERT_NE(second, nullptr) << window->lastError().toStdString();
    EXPECT_NE(second->parentWidget(), window.get());
    EXPECT_TRUE(doc().design() == *expected.design) << "this window keeps its design";
    delete second->parentWidget();
}

TEST_F(ImportTest, AFileThatIsNotDescribeOutputSaysWhyAndChangesNothing)
{
    QTemporaryDir folder;
    const QString bad = folder.filePath(QStringLiteral("not-describe.json"));
    QFile file(bad);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write("{\"Vpcs\": [ {\"VpcId\": \"vpc-1\", }\n");
    file.close();
    EXPECT_EQ(window->importAws({bad}), nullptr);
    EXPECT_TRUE(window->lastError().contains(QStringLiteral("not-describe.json"))) << window->lastError().toStdString();
    EXPECT_TRUE(doc().design().resources().empty());
    EXPECT_FALSE(doc().isModified());
}

} // namespace
} // namespace pp::ui
