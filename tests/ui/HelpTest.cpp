// The Help menu on a window of its own: the bundled user guide (F1) with a table of contents that
// moves to its headings and links that work, the keyboard shortcuts of every menu (read when the
// dialog opens, so later actions are listed), About with the version and the licences; and the
// palette's tooltips, which say where each kind may be dropped.
//
// With PRIVATEPATH_HELP_SCREENSHOTS=DIR set, Help.Screenshots also writes DIR/help-*.png.
#include "MainWindow.h"
#include "canvas/Placement.h"
#include "canvas/Style.h"
#include "help/HelpMenu.h"
#include "help/ShortcutsDialog.h"
#include "help/UserGuideDialog.h"
#include "panels/PalettePanel.h"

#include <QAbstractTextDocumentLayout>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QTabWidget>
#include <QTest>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextDocumentFragment>
#include <QToolTip>
#include <QTreeWidget>
#include <gtest/gtest.h>

namespace pp::ui {
namespace {

// Every top-level section of docs/user-guide.md that a reader looks for.
const QStringList kChapters = {
    QStringLiteral("Getting started"),
    QStringLiteral("Drawing a design"),
    QStringLiteral("Reading the verdicts"),
    QStringLiteral("Editing"),
    QStringLiteral("Selecting and arranging"),
    QStringLiteral("Finding resources"),
    QStringLiteral("Files"),
    QStringLiteral("Exporting"),
    QStringLiteral("The command line"),
    QStringLiteral("Keyboard shortcuts"),
};

QString plain(const QString& html)
{
    return QTextDocumentFragment::fromHtml(html).toPlainText();
}

QTreeWidgetItem* findItem(QTreeWidget* tree, const QString& text, int column = 0)
{
    const QList<QTreeWidgetItem*> found =
        tree->findItems(text, Qt::MatchExactly | Qt::MatchRecursive, column);
    return found.isEmpty() ? nullptr : found.first();
}

class Help : public ::testing::Test {
protected:
    void SetUp() override
    {
        window = std::make_unique<QMainWindow>();
        window->setCentralWidget(new QWidget);
        QMenu* file = window->menuBar()->addMenu(QStringLiteral("&File"));
        QAction* save = file->addAction(QStringLiteral("&Save"));
        save->setShortcut(QKeySequence::Save);
        QMenu* recent = file->addMenu(QStringLiteral("Open &Recent"));
        recent->addAction(QStringLiteral("design.privatepath"));
        QMenu* edit = window->menuBar()->addMenu(QStringLiteral("&Edit"));
        QAction* rename = edit->addAction(QStringLiteral("&Rename"));
        rename->setShortcut(QKeySequence(Qt::Key_F2));
        installHelpMenu(window.get());
        window->resize(900, 600);
        window->show();
        window->activateWindow();
        ASSERT_TRUE(QTest::qWaitForWindowActive(window.get()));
    }

    QAction* action(const char* name) { return window->findChild<QAction*>(QLatin1String(name)); }

    template <class T>
    T* dialog(const char* name)
    {
        return window->findChild<T*>(QLatin1String(name), Qt::FindDirectChildrenOnly);
    }

    UserGuideDialog* openGuide()
    {
        QTest::keyClick(window.get(), Qt::Key_F1);
        auto* guide = dialog<UserGuideDialog>("userGuide");
        if (guide) {
            EXPECT_TRUE(QTest::qWaitForWindowExposed(guide));
        }
        return guide;
    }

    ShortcutsDialog* openShortcuts()
    {
        action("actionKeyboardShortcuts")->trigger();
        auto* shortcuts = dialog<ShortcutsDialog>("keyboardShortcuts");
        if (shortcuts) {
            EXPECT_TRUE(QTest::qWaitForWindowExposed(shortcuts));
        }
        return shortcuts;
    }

    std::unique_ptr<QMainWindow> window;
};

TEST_F(Help, MenuComesLastAndStaysLast)
{
    QList<QAction*> menus = window->menuBar()->actions();
    ASSERT_EQ(menus.size(), 3);
    QMenu* help = menus.last()->menu();
    ASSERT_NE(help, nullptr);
    EXPECT_EQ(help->title(), QStringLiteral("&Help"));
    QStringList entries;
    for (QAction* a : help->actions())
        if (!a->isSeparator())
            entries << a->text();
    EXPECT_EQ(entries, QStringList({QStringLiteral("&User Guide"), QStringLiteral("&Keyboard Shortcuts"),
                                    QStringLiteral("&About PrivatePath"), QStringLiteral("About &Qt")}));
    EXPECT_EQ(action("actionUserGuide")->shortcut(), QKeySequence(QKeySequence::HelpContents));

    // A menu the window adds afterwards goes before Help.
    window->menuBar()->addMenu(QStringLiteral("&Tools"));
    menus = window->menuBar()->actions();
    ASSERT_EQ(menus.size(), 4);
    EXPECT_EQ(menus.last()->menu(), help);
    EXPECT_EQ(menus[2]->text(), QStringLiteral("&Tools"));

    // Installing again adds nothing.
    installHelpMenu(window.get());
    EXPECT_EQ(window->menuBar()->actions().size(), 4);
    EXPECT_EQ(window->findChildren<QMenu*>(QStringLiteral("helpMenu")).size(), 1);
}

TEST_F(Help, F1OpensTheGuideWithItsContents)
{
    UserGuideDialog* guide = openGuide();
    ASSERT_NE(guide, nullptr);
    EXPECT_TRUE(guide->isVisible());
    EXPECT_FALSE(guide->isModal());
    const QString text = guide->browser()->toPlainText();
    QStringList contents;
    for (int i = 0; i < guide->contents()->topLevelItemCount(); ++i)
        contents << guide->contents()->topLevelItem(i)->text(0);
    for (const QString& chapter : kChapters) {
        EXPECT_TRUE(text.contains(chapter)) << chapter.toStdString();
        EXPECT_TRUE(contents.contains(chapter)) << chapter.toStdString();
    }
    // Rendered from Markdown: the headings are headings, not "## ..." text.
    EXPECT_FALSE(text.contains(QStringLiteral("## ")));
    // Sections are nested under their chapter.
    QTreeWidgetItem* drawing = findItem(guide->contents(), QStringLiteral("Drawing a design"));
    ASSERT_NE(drawing, nullptr);
    EXPECT_GT(drawing->childCount(), 3);

    // F1 again shows the same dialog rather than a second one.
    QTest::keyClick(window.get(), Qt::Key_F1);
    EXPECT_EQ(window->findChildren<UserGuideDialog*>().size(), 1);
}

TEST_F(Help, ContentsEntryMovesToItsHeading)
{
    UserGuideDialog* guide = openGuide();
    ASSERT_NE(guide, nullptr);
    QTextBrowser* browser = guide->browser();
    EXPECT_EQ(browser->verticalScrollBar()->value(), 0);
    QTreeWidgetItem* entry = findItem(guide->contents(), QStringLiteral("The issues panel"));
    ASSERT_NE(entry, nullptr);
    guide->contents()->scrollToItem(entry);
    QTest::mouseClick(guide->contents()->viewport(), Qt::LeftButton, {},
                      guide->contents()->visualItemRect(entry).center());
    EXPECT_EQ(browser->textCursor().block().text(), QStringLiteral("The issues panel"));
    // The heading is at the top of the view.
    const QRectF heading =
        browser->document()->documentLayout()->blockBoundingRect(browser->textCursor().block());
    EXPECT_GT(browser->verticalScrollBar()->value(), 0);
    EXPECT_NEAR(browser->verticalScrollBar()->value(), heading.top(), 2);
    EXPECT_EQ(guide->contents()->currentItem(), entry);
}

TEST_F(Help, GuideLinksMoveToTheirHeadings)
{
    UserGuideDialog* guide = openGuide();
    ASSERT_NE(guide, nullptr);
    QTextBrowser* browser = guide->browser();
    // Every internal link of the guide names a heading.
    int links = 0;
    QTextCursor link;
    for (QTextBlock block = browser->document()->begin(); block.isValid(); block = block.next())
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QString href = it.fragment().charFormat().anchorHref();
            if (!href.startsWith(QLatin1Char('#')))
                continue;
            ++links;
            EXPECT_TRUE(guide->showSection(href.mid(1))) << href.toStdString();
            if (href == QLatin1String("#the-flow-path-panel")) {
                link = QTextCursor(browser->document());
                link.setPosition(it.fragment().position() + 1);
            }
        }
    EXPECT_GE(links, 3);

    // Clicking one in the text moves there.
    ASSERT_FALSE(link.isNull());
    browser->verticalScrollBar()->setValue(0);
    browser->setTextCursor(link);
    browser->ensureCursorVisible();
    const QPoint at = browser->cursorRect(link).center();
    QTest::mouseClick(browser->viewport(), Qt::LeftButton, {}, at);
    EXPECT_EQ(browser->textCursor().block().text(), QStringLiteral("The flow path panel"));
    EXPECT_EQ(guide->contents()->currentItem()->text(0), QStringLiteral("The flow path panel"));
}

TEST_F(Help, ShortcutsListEveryActionIncludingLaterOnes)
{
    // Added after installHelpMenu: the dialog reads the menus when it opens.
    QMenu* edit = window->menuBar()->actions()[1]->menu();
    QAction* distribute = edit->addAction(QStringLiteral("Distribute &Horizontally"));
    distribute->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H));
    QAction* nudge = new QAction(QStringLiteral("Nudge Left"), window.get());
    nudge->setShortcuts({QKeySequence(Qt::Key_Left), QKeySequence(Qt::SHIFT | Qt::Key_Left)});
    window->addAction(nudge);

    ShortcutsDialog* shortcuts = openShortcuts();
    ASSERT_NE(shortcuts, nullptr);
    QTreeWidget* list = shortcuts->list();
    auto keysOf = [&](const QString& command) {
        QTreeWidgetItem* row = findItem(list, command);
        return row ? row->text(1) : QStringLiteral("<missing>");
    };
    EXPECT_EQ(keysOf(QStringLiteral("Save")),
              QKeySequence(QKeySequence::Save).toString(QKeySequence::NativeText));
    EXPECT_EQ(keysOf(QStringLiteral("Rename")), QStringLiteral("F2"));
    EXPECT_EQ(keysOf(QStringLiteral("Distribute Horizontally")),
              QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H).toString(QKeySequence::NativeText));
    EXPECT_EQ(keysOf(QStringLiteral("Nudge Left")),
              QKeySequence(Qt::Key_Left).toString(QKeySequence::NativeText) + QStringLiteral(", ") +
                  QKeySequence(Qt::SHIFT | Qt::Key_Left).toString(QKeySequence::NativeText));
    EXPECT_EQ(keysOf(QStringLiteral("User Guide")), QStringLiteral("F1"));
    // Grouped by menu, submenus included.
    QTreeWidgetItem* recent = findItem(list, QStringLiteral("design.privatepath"));
    ASSERT_NE(recent, nullptr);
    EXPECT_EQ(recent->parent()->text(0), QStringLiteral("File → Open Recent"));
    EXPECT_EQ(findItem(list, QStringLiteral("Distribute Horizontally"))->parent()->text(0),
              QStringLiteral("Edit"));

    // The filter keeps matching commands (by name or key) and hides the rest.
    QTest::keyClicks(shortcuts->filter(), QStringLiteral("distrib"));
    EXPECT_FALSE(findItem(list, QStringLiteral("Distribute Horizontally"))->isHidden());
    EXPECT_TRUE(findItem(list, QStringLiteral("Save"))->isHidden());
    EXPECT_TRUE(findItem(list, QStringLiteral("Save"))->parent()->isHidden());
    shortcuts->filter()->setText(QStringLiteral("F2"));
    EXPECT_FALSE(findItem(list, QStringLiteral("Rename"))->isHidden());
    EXPECT_TRUE(findItem(list, QStringLiteral("Distribute Horizontally"))->isHidden());
    shortcuts->filter()->clear();

    // Closed and opened again, it shows what was added in between.
    QTest::keyClick(shortcuts, Qt::Key_Escape);
    EXPECT_FALSE(shortcuts->isVisible());
    QAction* later = edit->addAction(QStringLiteral("Align &Bottom"));
    later->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B));
    ASSERT_EQ(openShortcuts(), shortcuts);
    EXPECT_EQ(keysOf(QStringLiteral("Align Bottom")),
              QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B).toString(QKeySequence::NativeText));
}

TEST_F(Help, ShortcutTextDropsMnemonics)
{
    EXPECT_EQ(ShortcutsDialog::plainText(QStringLiteral("Save &As…")), QStringLiteral("Save As…"));
    EXPECT_EQ(ShortcutsDialog::plainText(QStringLiteral("Copy && &Paste\tCtrl+V")),
              QStringLiteral("Copy & Paste"));
}

TEST_F(Help, AboutShowsVersionQtAndLicences)
{
    const QString previous = QCoreApplication::applicationVersion();
    QCoreApplication::setApplicationVersion(QStringLiteral("7.8.9-test"));
    action("actionAbout")->trigger();
    QCoreApplication::setApplicationVersion(previous);
    auto* about = dialog<QDialog>("about");
    ASSERT_NE(about, nullptr);
    ASSERT_TRUE(QTest::qWaitForWindowExposed(about));
    QString labels;
    for (QLabel* label : about->findChildren<QLabel*>())
        labels += plain(label->text()) + QLatin1Char('\n');
    EXPECT_TRUE(labels.contains(QStringLiteral("PrivatePath")));
    EXPECT_TRUE(labels.contains(QStringLiteral("Version 7.8.9-test")));
    EXPECT_TRUE(labels.contains(QStringLiteral("Qt %1").arg(QString::fromLatin1(qVersion()))));
    EXPECT_TRUE(labels.contains(QStringLiteral("SIL Open Font License")));

    // One tab per bundled or linked component, each with its licence's full text.
    auto* tabs = about->findChild<QTabWidget*>(QStringLiteral("licences"));
    ASSERT_NE(tabs, nullptr);
    const std::vector<std::pair<QString, QString>> expected = {
        {QStringLiteral("Lato font"), QStringLiteral("SIL Open Font License, Version 1.1")},
        {QStringLiteral("Qt"), QStringLiteral("GNU LESSER GENERAL PUBLIC LICENSE")},
        {QStringLiteral("Boost"), QStringLiteral("Boost Software License - Version 1.0")},
        {QStringLiteral("nlohmann/json"), QStringLiteral("MIT License")},
    };
    ASSERT_EQ(tabs->count(), int(expected.size()));
    for (int i = 0; i < tabs->count(); ++i) {
        EXPECT_EQ(tabs->tabText(i), expected[std::size_t(i)].first);
        auto* text = tabs->widget(i)->findChild<QPlainTextEdit*>(QStringLiteral("licenceText"));
        ASSERT_NE(text, nullptr);
        EXPECT_TRUE(text->toPlainText().contains(expected[std::size_t(i)].second)) << i;
    }
    EXPECT_NE(about->findChild<QPushButton*>(QStringLiteral("aboutQt")), nullptr);
}

TEST_F(Help, VersionFallsBackToTheProjectVersion)
{
    const QString previous = QCoreApplication::applicationVersion();
    QCoreApplication::setApplicationVersion(QString());
    EXPECT_EQ(programVersion(), QStringLiteral(PRIVATEPATH_VERSION));
    QCoreApplication::setApplicationVersion(QStringLiteral("2.0"));
    EXPECT_EQ(programVersion(), QStringLiteral("2.0"));
    QCoreApplication::setApplicationVersion(previous);
}

TEST_F(Help, DialogsHaveCloseAndCloseWithEscape)
{
    const std::vector<std::pair<const char*, const char*>> dialogs = {
        {"actionUserGuide", "userGuide"},
        {"actionKeyboardShortcuts", "keyboardShortcuts"},
        {"actionAbout", "about"}};
    for (const auto& [actionName, name] : dialogs) {
        action(actionName)->trigger();
        auto* d = dialog<QDialog>(name);
        ASSERT_NE(d, nullptr) << name;
        ASSERT_TRUE(QTest::qWaitForWindowExposed(d)) << name;
        EXPECT_FALSE(d->isModal()) << name;
        EXPECT_GE(d->width(), 500) << name;
        EXPECT_GE(d->height(), 400) << name;
        auto* buttons = d->findChild<QDialogButtonBox*>();
        ASSERT_NE(buttons, nullptr) << name;
        EXPECT_NE(buttons->button(QDialogButtonBox::Close), nullptr) << name;
        // Escape closes it, wherever the focus is inside.
        QTest::keyClick(d->focusWidget() ? d->focusWidget() : d, Qt::Key_Escape);
        EXPECT_FALSE(d->isVisible()) << name;
    }
    // Enter in the guide's find field searches; it does not close the guide.
    auto* guide = dialog<UserGuideDialog>("userGuide");
    guide->show();
    auto* find = guide->findChild<QLineEdit*>(QStringLiteral("userGuideFind"));
    ASSERT_NE(find, nullptr);
    QTest::keyClicks(find, QStringLiteral("rubber band"));
    QTest::keyClick(find, Qt::Key_Return);
    EXPECT_TRUE(guide->isVisible());
    EXPECT_EQ(guide->browser()->textCursor().selectedText().toLower(), QStringLiteral("rubber band"));
}

TEST(HelpPalette, EveryItemSaysWhatItIsAndWhereToDropIt)
{
    PalettePanel palette;
    ASSERT_GT(palette.count(), 10);
    const Design empty;
    for (int i = 0; i < palette.count(); ++i) {
        const Kind kind = Kind(palette.item(i)->data(Qt::UserRole).toInt());
        const QString tip = plain(palette.item(i)->toolTip());
        const std::string name = style::kindLabel(kind).toStdString();
        EXPECT_TRUE(tip.startsWith(style::kindLabel(kind) + QStringLiteral(" — ")))
            << name << ": " << tip.toStdString();
        EXPECT_GT(tip.size(), 60) << name;
        ASSERT_TRUE(tip.contains(QStringLiteral("Drop it"))) << name << ": " << tip.toStdString();
        // The tooltip and the drop agree. On an empty canvas, a kind that needs a container is
        // refused with the container its tooltip names; one the tooltip lets go on the canvas is
        // accepted.
        const Placement dropped = placeResource(empty, kind, std::nullopt, QPointF(100, 100),
                                                [](const ResourceId&) { return QPointF(); });
        if (dropped.change) {
            EXPECT_TRUE(tip.contains(QStringLiteral("anywhere on the canvas")) ||
                        tip.contains(QStringLiteral("on the empty canvas")))
                << name << ": " << tip.toStdString();
        } else if (dropped.refusal.startsWith(QStringLiteral("Drop it inside"))) {
            const QString container =
                dropped.refusal.section(QLatin1Char(':'), 0, 0).remove(QLatin1Char('.'));
            EXPECT_TRUE(tip.contains(container)) << name << ": " << container.toStdString();
        } else {
            EXPECT_TRUE(tip.contains(QStringLiteral("add a Region first")))
                << name << ": " << tip.toStdString();
        }
    }
}

// Not a check: writes the dialogs as pictures to look at, when PRIVATEPATH_HELP_SCREENSHOTS is set.
TEST(HelpScreenshots, Write)
{
    const QString dir = qEnvironmentVariable("PRIVATEPATH_HELP_SCREENSHOTS");
    if (dir.isEmpty())
        GTEST_SKIP() << "set PRIVATEPATH_HELP_SCREENSHOTS=DIR to write the pictures";
    MainWindow window;
    installHelpMenu(&window); // nothing when the window installs it itself
    window.resize(1400, 900);
    window.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
    auto grab = [&](const char* actionName, const char* dialogName, const QString& file) {
        window.findChild<QAction*>(QLatin1String(actionName))->trigger();
        auto* d = window.findChild<QDialog*>(QLatin1String(dialogName), Qt::FindDirectChildrenOnly);
        ASSERT_NE(d, nullptr);
        ASSERT_TRUE(QTest::qWaitForWindowExposed(d));
        QTest::qWait(100);
        EXPECT_TRUE(d->grab().save(dir + QLatin1Char('/') + file));
    };
    grab("actionUserGuide", "userGuide", QStringLiteral("help-guide.png"));
    auto* guide = window.findChild<UserGuideDialog*>(QStringLiteral("userGuide"));
    guide->showSection(QStringLiteral("links-drawn-with-draw-flow"));
    QTest::qWait(50);
    EXPECT_TRUE(guide->grab().save(dir + QStringLiteral("/help-guide-links.png")));
    guide->showSection(QStringLiteral("keyboard-shortcuts"));
    QTest::qWait(50);
    EXPECT_TRUE(guide->grab().save(dir + QStringLiteral("/help-guide-shortcuts.png")));
    grab("actionKeyboardShortcuts", "keyboardShortcuts", QStringLiteral("help-shortcuts.png"));
    auto* shortcuts = window.findChild<ShortcutsDialog*>(QStringLiteral("keyboardShortcuts"));
    shortcuts->list()->scrollToBottom();
    QTest::qWait(50);
    EXPECT_TRUE(shortcuts->grab().save(dir + QStringLiteral("/help-shortcuts-end.png")));
    shortcuts->filter()->setText(QStringLiteral("align"));
    EXPECT_TRUE(shortcuts->grab().save(dir + QStringLiteral("/help-shortcuts-filtered.png")));
    grab("actionAbout", "about", QStringLiteral("help-about.png"));
    auto* palette = window.findChild<PalettePanel*>(QStringLiteral("palette"));
    ASSERT_NE(palette, nullptr);
    QLabel tip;
    tip.setWordWrap(true);
    tip.setFixedWidth(360);
    tip.setText(palette->item(3)->toolTip());
    tip.adjustSize();
    EXPECT_TRUE(tip.grab().save(dir + QStringLiteral("/help-palette-tooltip.png")));
    EXPECT_TRUE(window.menuBar()->grab().save(dir + QStringLiteral("/help-menubar.png")));
}

} // namespace
} // namespace pp::ui
