#pragma once

#include "document/Recovery.h"

#include <QDialog>
#include <QList>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace pp::ui {

// "Recover unsaved changes": the designs a crashed session left in the recovery folder, each with
// the time of its last autosave. For the selected one the user can open the recovered version
// (unsaved, the file untouched), compare it with the file (both times and what differs), or
// discard it. The dialog holds no document: opening is the window's job (openRequested).
class RecoveryDialog : public QDialog {
    Q_OBJECT
public:
    explicit RecoveryDialog(QList<RecoveryEntry> entries, QWidget* parent = nullptr);

    QList<RecoveryEntry> entries() const { return m_entries; }
    QTreeWidget* list() const { return m_list; }
    // The comparison shown for the selected entry (empty until Compare).
    QString comparisonText() const;
    // The selected entry is done with (opened): it leaves the list; the dialog closes when the
    // list is empty.
    void removeCurrent();

signals:
    void openRequested(const pp::ui::RecoveryEntry& entry);

private:
    void selectionChanged();
    void compareCurrent();
    void discardCurrent();
    int current() const;

    QList<RecoveryEntry> m_entries;
    QTreeWidget* m_list;
    QLabel* m_comparison;
    QPushButton* m_open;
    QPushButton* m_compare;
    QPushButton* m_discard;
};

} // namespace pp::ui
