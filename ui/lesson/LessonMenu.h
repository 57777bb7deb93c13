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
// Restart Lesson. For trainers: New Lesson from This Design, Add Goal from Selected Flow, Lock /
// Unlock Selection, Edit Instructions… and Test Lesson Against Solutions. Every authoring action
// is one undoable change-set (ChangeSet::lesson) through Document::apply, so Undo takes it back
// and saving writes the lesson section with the design.
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
    void addGoalFromSelectedFlow();
    void lockSelection(bool lock);
    void editInstructions();
    void testLesson();
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
