#include "help/ShortcutsDialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QSet>
#include <QToolBar>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <algorithm>

namespace pp::ui {

ShortcutsDialog::ShortcutsDialog(QMainWindow* window)
    : QDialog(window), m_window(window), m_filter(new QLineEdit(this)), m_list(new QTreeWidget(this)),
      m_count(new QLabel(this))
{
    setObjectName(QStringLiteral("keyboardShortcuts"));
    setWindowTitle(tr("Keyboard Shortcuts"));
    setModal(false);
    setSizeGripEnabled(true);
    resize(640, 680);

    m_filter->setObjectName(QStringLiteral("shortcutFilter"));
    m_filter->setPlaceholderText(tr("Filter by command, key or menu"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, this, &ShortcutsDialog::applyFilter);

    m_list->setObjectName(QStringLiteral("shortcutList"));
    m_list->setColumnCount(2);
    m_list->setHeaderLabels({tr("Command"), tr("Shortcut")});
    m_list->setRootIsDecorated(false);
    m_list->setItemsExpandable(false);
    m_list->setUniformRowHeights(true);
    m_list->setAlternatingRowColors(true);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->header()->setStretchLastSection(false);
    m_list->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_list->header()->setSectionResizeMode(1, QHeaderView::Interactive);

    m_count->setObjectName(QStringLiteral("shortcutCount"));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    for (QAbstractButton* b : buttons->buttons())
        if (auto* push = qobject_cast<QPushButton*>(b))
            push->setAutoDefault(false); // Enter in the filter must not close the dialog
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* bottom = new QHBoxLayout;
    bottom->addWidget(m_count, 1);
    bottom->addWidget(buttons);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_filter);
    layout->addWidget(m_list, 1);
    layout->addLayout(bottom);
    m_filter->setFocus();
}

QString ShortcutsDialog::plainText(const QString& actionText)
{
    QString text = actionText.section(QLatin1Char('\t'), 0, 0);
    QString out;
    for (int i = 0; i < text.size(); ++i) {
        if (text[i] == QLatin1Char('&')) {
            // "&X" marks X as the mnemonic; "&&" is a literal ampersand.
            if (++i < text.size())
                out += text[i];
            continue;
        }
        out += text[i];
    }
    return out.trimmed();
}

QString ShortcutsDialog::shortcutText(const QAction* action)
{
    QStringList keys;
    for (const QKeySequence& key : action->shortcuts())
        if (!key.isEmpty())
            keys << key.toString(QKeySequence::NativeText);
    return keys.join(QStringLiteral(", "));
}

void ShortcutsDialog::showEvent(QShowEvent* event)
{
    refresh();
    QDialog::showEvent(event);
}

QTreeWidgetItem* ShortcutsDialog::addGroup(const QString& title)
{
    auto* group = new QTreeWidgetItem(m_list, {title});
    group->setFlags(Qt::ItemIsEnabled);
    group->setFirstColumnSpanned(true);
    QFont bold = group->font(0);
    bold.setBold(true);
    group->setFont(0, bold);
    return group;
}

void ShortcutsDialog::addRow(QTreeWidgetItem* group, QAction* action)
{
    auto* row = new QTreeWidgetItem(group, {plainText(action->text()), shortcutText(action)});
    const QString tip = action->toolTip();
    if (!tip.isEmpty() && plainText(tip) != row->text(0))
        row->setToolTip(0, tip);
}

void ShortcutsDialog::addMenu(QMenu* menu, const QString& group, QSet<QAction*>& listed)
{
    QTreeWidgetItem* item = addGroup(group);
    QList<QAction*> submenus;
    for (QAction* a : menu->actions()) {
        if (a->isSeparator() || !a->isVisible() || listed.contains(a))
            continue;
        listed.insert(a);
        if (a->menu())
            submenus << a;
        else if (!a->text().isEmpty())
            addRow(item, a);
    }
    if (item->childCount() == 0)
        delete item;
    // A submenu is its own group, after its menu's: "File → Open Recent".
    for (QAction* a : submenus)
        addMenu(a->menu(), tr("%1 → %2").arg(group, plainText(a->text())), listed);
}

void ShortcutsDialog::refresh()
{
    m_list->clear();
    if (!m_window)
        return;
    QSet<QAction*> listed;
    for (QAction* top : m_window->menuBar()->actions()) {
        if (listed.contains(top) || !top->menu() || !top->isVisible())
            continue;
        listed.insert(top);
        addMenu(top->menu(), plainText(top->menu()->title()), listed);
    }
    // Actions no menu holds: the window's own (keys that work anywhere in it), the toolbars', and
    // those of other widgets of the window that have a shortcut (the canvas's, for example).
    auto addLoose = [&](const QString& title, const QList<QAction*>& actions, bool onlyWithKeys) {
        QTreeWidgetItem* group = nullptr;
        for (QAction* a : actions) {
            if (a->isSeparator() || !a->isVisible() || a->menu() || a->text().isEmpty() || listed.contains(a))
                continue;
            if (onlyWithKeys && shortcutText(a).isEmpty())
                continue;
            listed.insert(a);
            if (!group)
                group = addGroup(title);
            addRow(group, a);
        }
    };
    addLoose(tr("Window"), m_window->actions(), false);
    for (QToolBar* bar : m_window->findChildren<QToolBar*>())
        addLoose(tr("Toolbar: %1").arg(plainText(bar->windowTitle())), bar->actions(), false);
    QList<QAction*> others;
    for (QWidget* w : m_window->findChildren<QWidget*>()) {
        // Menus, toolbars and the menu bar are covered above; dialogs and popups are other windows.
        if (w->window() != m_window || qobject_cast<QMenuBar*>(w) || qobject_cast<QToolBar*>(w))
            continue;
        others << w->actions();
    }
    addLoose(tr("Other"), others, true);
    // Keys the canvas handles itself rather than through actions (DiagramView::keyPressEvent).
    QTreeWidgetItem* canvas = addGroup(tr("Canvas"));
    const QString arrows = tr("Arrow keys");
    const QString shift = QKeySequence(Qt::SHIFT).toString(QKeySequence::NativeText);
    for (const auto& [command, keys] : {
             std::pair{tr("Move the selection by one unit"), arrows},
             std::pair{tr("Move the selection by one grid step"), shift + arrows},
             std::pair{tr("Cancel a drag, leave Draw Flow, or clear the selection"),
                       QKeySequence(Qt::Key_Escape).toString(QKeySequence::NativeText)},
         })
        new QTreeWidgetItem(canvas, {command, keys});
    m_list->expandAll();
    // Room for the longest key combination, with a margin so it does not touch the frame.
    m_list->resizeColumnToContents(1);
    m_list->header()->resizeSection(1, std::max(120, m_list->header()->sectionSize(1) + 24));
    applyFilter();
}

void ShortcutsDialog::applyFilter()
{
    const QString needle = m_filter->text().trimmed();
    int shown = 0;
    for (int g = 0; g < m_list->topLevelItemCount(); ++g) {
        QTreeWidgetItem* group = m_list->topLevelItem(g);
        const bool groupMatches = group->text(0).contains(needle, Qt::CaseInsensitive);
        int visible = 0;
        for (int r = 0; r < group->childCount(); ++r) {
            QTreeWidgetItem* row = group->child(r);
            const bool match = needle.isEmpty() || groupMatches ||
                               row->text(0).contains(needle, Qt::CaseInsensitive) ||
                               row->text(1).contains(needle, Qt::CaseInsensitive);
            row->setHidden(!match);
            visible += match;
        }
        group->setHidden(visible == 0);
        shown += visible;
    }
    m_count->setText(needle.isEmpty() ? tr("%n command(s)", nullptr, shown)
                                      : tr("%n command(s) match", nullptr, shown));
}

} // namespace pp::ui
