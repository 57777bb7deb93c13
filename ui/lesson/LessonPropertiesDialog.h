#pragma once

// moc does not need the core (and cannot parse its C++20 concepts).
#ifndef Q_MOC_RUN
#include "lesson/Lesson.h"
#endif

#include <QDialog>

class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QSpinBox;

namespace pp::ui {

class Document;

// Lesson → Lesson Properties…: the lesson's title, summary, estimated time, time limit and its
// hints (an ordered list the trainer adds to, removes from, reorders and edits in place). OK
// applies all of it as one undoable change-set of the lesson; a lesson without a title is
// refused, as the loader refuses it.
class LessonPropertiesDialog : public QDialog {
    Q_OBJECT
public:
    explicit LessonPropertiesDialog(Document& document, QWidget* parent = nullptr);

    // The lesson as the fields describe it (the rest of it as the design has it now).
    Lesson lesson() const;
    // Why the fields cannot be saved; empty when they can.
    QString problem() const;

    void accept() override;

    // The hint list's buttons, for the keyboard and tests.
    void addHint();
    void removeHint();
    void moveHint(int delta);

private:
    void updateButtons();

    Document& m_document;
    QLineEdit* m_title = nullptr;
    QPlainTextEdit* m_summary = nullptr;
    QSpinBox* m_estimated = nullptr;
    QSpinBox* m_limit = nullptr;
    QListWidget* m_hints = nullptr;
    QWidget* m_removeHint = nullptr;
    QWidget* m_upHint = nullptr;
    QWidget* m_downHint = nullptr;
    QLabel* m_problem = nullptr;
};

} // namespace pp::ui
