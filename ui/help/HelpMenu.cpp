#include "help/HelpMenu.h"

#include "help/AboutDialog.h"
#include "help/ShortcutsDialog.h"
#include "help/UserGuideDialog.h"

#include <QAction>
#include <QActionEvent>
#include <QApplication>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>

// The help resources live in a static library: nothing refers to them, so the linker would drop
// them unless they are initialised explicitly (outside any namespace, as Q_INIT_RESOURCE needs).
static void initHelpResources()
{
    Q_INIT_RESOURCE(help);
}

namespace pp::ui {
namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("HelpMenu", text);
}

// Keeps the Help menu last in the menu bar when menus are added after it, as platforms expect.
class KeepLast : public QObject {
public:
    KeepLast(QMenuBar* bar, QAction* help) : QObject(bar), m_bar(bar), m_help(help) {}

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (watched == m_bar && event->type() == QEvent::ActionAdded && !m_moving &&
            static_cast<QActionEvent*>(event)->action() != m_help && m_bar->actions().contains(m_help) &&
            m_bar->actions().constLast() != m_help) {
            m_moving = true;
            m_bar->removeAction(m_help);
            m_bar->addAction(m_help);
            m_moving = false;
        }
        return false;
    }

private:
    QMenuBar* m_bar;
    QAction* m_help;
    bool m_moving = false;
};

// Shows the window's dialog of this type, creating it the first time: one per window, reused.
template <class Dialog, class... Args>
void showDialog(QMainWindow* window, const QString& name, Args... args)
{
    auto* dialog = window->findChild<Dialog*>(name, Qt::FindDirectChildrenOnly);
    if (!dialog)
        dialog = new Dialog(args...);
    dialog->show();
    dialog->raise();
    dialog->activateWindow();
}

} // namespace

QString programVersion()
{
    const QString version = QCoreApplication::applicationVersion();
    return version.isEmpty() ? QStringLiteral(PRIVATEPATH_VERSION) : version;
}

void installHelpMenu(QMainWindow* window)
{
    initHelpResources();
    if (window->findChild<QMenu*>(QStringLiteral("helpMenu")))
        return; // one Help menu per window, however often this is called
    QMenuBar* bar = window->menuBar();
    QMenu* help = bar->addMenu(tr("&Help"));
    help->setObjectName(QStringLiteral("helpMenu"));

    QAction* guide = help->addAction(tr("&User Guide"));
    guide->setObjectName(QStringLiteral("actionUserGuide"));
    guide->setShortcut(QKeySequence::HelpContents);
    guide->setStatusTip(tr("Read how to draw, check and export designs"));
    QObject::connect(guide, &QAction::triggered, window,
                     [window] { showDialog<UserGuideDialog>(window, QStringLiteral("userGuide"), window); });

    QAction* shortcuts = help->addAction(tr("&Keyboard Shortcuts"));
    shortcuts->setObjectName(QStringLiteral("actionKeyboardShortcuts"));
    shortcuts->setStatusTip(tr("List every command with its keys"));
    QObject::connect(shortcuts, &QAction::triggered, window, [window] {
        showDialog<ShortcutsDialog>(window, QStringLiteral("keyboardShortcuts"), window);
    });

    help->addSeparator();
    QAction* about = help->addAction(tr("&About PrivatePath"));
    about->setObjectName(QStringLiteral("actionAbout"));
    about->setMenuRole(QAction::AboutRole);
    about->setStatusTip(tr("Version, Qt version and licences"));
    QObject::connect(about, &QAction::triggered, window,
                     [window] { showDialog<AboutDialog>(window, QStringLiteral("about"), window); });

    QAction* aboutQt = help->addAction(tr("About &Qt"));
    aboutQt->setObjectName(QStringLiteral("actionAboutQt"));
    aboutQt->setMenuRole(QAction::AboutQtRole);
    QObject::connect(aboutQt, &QAction::triggered, qApp, &QApplication::aboutQt);

    bar->installEventFilter(new KeepLast(bar, help->menuAction()));
}

} // namespace pp::ui
