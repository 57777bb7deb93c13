#pragma once

// moc does not need the core (and cannot parse its C++20 concepts).
#ifndef Q_MOC_RUN
#include "lesson/Lesson.h"
#endif

#include <QDialog>
#include <QString>
#include <optional>
#include <string>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace pp::ui {

class Document;

// Lesson → Add Goal… and Edit Goal… (the lesson panel's goal list): one goal of any kind. The
// fields follow the kind (a flow, its verdict and the things its path goes through or avoids; a
// scope, narrowed by a tag; a resource kind with its bounds and a `where` filter; a resource or a kind with a field and a value); the
// dialog refuses what the loader would refuse (core/io/LessonFile.cpp: a valid id unique in the
// lesson, the fields the kind needs, min ≤ max, a value that is JSON) and says why; and while the
// trainer fills it in, it shows whether the goal is met on the open design and, if not, the
// engine's reasons (evaluateGoal on the document's latest analysis).
//
// OK applies the goal as one undoable change-set of the lesson (Document::apply): added at the
// end, or in place of the goal edited. The dialog finds the edited goal by its id when applying,
// so an undo while it is open does not make it overwrite another goal.
class GoalDialog : public QDialog {
    Q_OBJECT
public:
    // Edits the lesson's goal `editedId`, or adds a goal when it is empty. The design must have a lesson.
    GoalDialog(Document& document, const QString& editedId, QWidget* parent = nullptr);

    // The goal as the fields describe it (whatever the fields the kind does not use hold).
    Goal goal() const;
    // Why the goal cannot be saved, in the words shown under the fields; empty when it can.
    QString problem() const;

    // Applies the goal if it is valid and closes; otherwise shows the reason and stays open.
    void accept() override;

private:
    void build();
    void fill(const Goal& goal);
    void kindChanged();
    void refillFields();
    void update();
    void setRow(QWidget* field, bool visible);
    std::optional<JsonValue> whereValue() const;

    Document& m_document;
    std::string m_editedId; // empty: a new goal
    QFormLayout* m_form = nullptr;
    QComboBox* m_kind = nullptr;
    QLineEdit* m_id = nullptr;
    QLineEdit* m_message = nullptr;
    QSpinBox* m_weight = nullptr;
    QComboBox* m_flow = nullptr;
    QComboBox* m_verdict = nullptr;
    QLineEdit* m_through = nullptr;
    QLineEdit* m_avoids = nullptr;
    QCheckBox* m_lockFlow = nullptr; // flow goals: the flow is locked with the goal
    QComboBox* m_scope = nullptr;
    QLineEdit* m_tag = nullptr;
    QComboBox* m_target = nullptr; // property: one resource, or every resource of a kind
    QComboBox* m_resource = nullptr;
    QComboBox* m_resourceKind = nullptr;
    QSpinBox* m_min = nullptr;
    QSpinBox* m_max = nullptr;
    QComboBox* m_field = nullptr;
    QLineEdit* m_value = nullptr;
    QLineEdit* m_where = nullptr;
    QLabel* m_problem = nullptr;
    QLabel* m_preview = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
};

} // namespace pp::ui
