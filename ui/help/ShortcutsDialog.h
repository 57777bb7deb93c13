#pragma once

#include <QDialog>
#include <QPointer>
#include <QSet>

class QAction;
class QLabel;
class QLineEdit;
class QMainWindow;
class QMenu;
class QTreeWidget;
class QTreeWidgetItem;

namespace pp::ui {

// Every command of a window with its keyboard shortcuts, grouped by menu ("File", "File → Open
// Recent"...), then the window's own actions and the toolbars' and other widgets' actions that
// no menu holds. The list is read from the live window each time the dialog is shown, so it never
// goes stale when actions are added, renamed or given other keys. A filter keeps the rows whose
// command, shortcut or menu contains the text typed.
class ShortcutsDialog : public QDialog {
    Q_OBJECT
public:
    explicit ShortcutsDialog(QMainWindow* window);

    // Reads the window's actions again.
    void refresh();
    // The text shown for an action: its text without mnemonic ampersands and without the
    // shortcut some menus append after a tab.
    static QString plainText(const QString& actionText);
    // The action's shortcuts in the platform's notation, comma-separated ("" = none).
    static QString shortcutText(const QAction* action);

    QLineEdit* filter() const { return m_filter; }
    QTreeWidget* list() const { return m_list; }

protected:
    void showEvent(QShowEvent* event) override;

private:
    void addMenu(QMenu* menu, const QString& group, QSet<QAction*>& listed);
    QTreeWidgetItem* addGroup(const QString& title);
    void addRow(QTreeWidgetItem* group, QAction* action);
    void applyFilter();

    QPointer<QMainWindow> m_window;
    QLineEdit* m_filter;
    QTreeWidget* m_list;
    QLabel* m_count;
};

} // namespace pp::ui
