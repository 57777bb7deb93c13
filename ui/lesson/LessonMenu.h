#pragma once

#include <QObject>
#include <QString>
#include <functional>

class QMainWindow;
class QMenu;

namespace pp::ui {

class DiagramScene;
class Document;
class LessonPanel;

// The Lesson menu (kept out of MainWindow, which only creates it). For learners: Show Hint and
// Restart Lesson. For trainers: New Lesson from This Design, Lesson Properties…, Edit
// Instructions…, Add Goal… (any kind, GoalDialog) and Add Goal from Selected Flow (the quick
// path), Lock / Unlock Selection, Add Reference Solution from File…, Remove Solution… and Test
// Lesson Against Solutions; and, from the lesson panel's goal list, Edit Goal…, Remove Goal and
// Move Up / Down. Every authoring action is one undoable change-set (ChangeSet::lesson) through
// Document::apply, so Undo takes it back and saving writes the lesson section with the design.
//
// Restart Lesson restores the design as it was when the lesson started in this window (held by
// the panel, LessonPanel::startDesign), not the file on disk: a learner who saved over the
// lesson's file would otherwise get their own work back. It is a fresh document (no undo
// history) marked modified, so the saved file changes only when the learner saves.
//
// The authoring actions stay available while a learner works: the grader compares locked
// resources with the lesson file, not with the learner's copy, so unlocking in the editor
// cannot cheat (lesson/Grading.h).
//
// Also adds Help → Lessons… (the bundled course, LessonsDialog).
class LessonMenu : public QObject {
    Q_OBJECT
public:
    // Opens a file in the window as File → Open does, first asking to save changes when
    // `askToSave`; returns whether the file was opened.
    using Opener = std::function<bool(const QString& path, bool askToSave)>;
    LessonMenu(QMainWindow* window, Document& document, DiagramScene* scene, LessonPanel* panel, Opener open);

    QMenu* menu() const { return m_menu; }

    void newLesson();
    void editProperties();
    void addGoal();
    void editGoal(const QString& id);
    void removeGoal(const QString& id);
    void moveGoal(const QString& id, int delta);
    void addGoalFromSelectedFlow();
    void lockSelection(bool lock);
    void editInstructions();
    void testLesson();
    // Asks for a design file when `path` is empty.
    void addSolutionFromFile(QString path = {});
    // Asks which solution when `id` is empty and there are several.
    void removeSolution(QString id = {});
    void restartLesson();
    void showLessons();

private:
    void say(const QString& message, int ms = 6000);
    bool needLesson();
    void updateActions();

    QMainWindow* m_window;
    Document& m_document;
    DiagramScene* m_scene;
    LessonPanel* m_panel;
    Opener m_open;
    QMenu* m_menu = nullptr;
};

} // namespace pp::ui
