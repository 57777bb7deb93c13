#pragma once

#include <QDialog>
#include <QString>

class QTreeWidget;
class QPushButton;

namespace pp::ui {

// Where the bundled course is: $PRIVATEPATH_LESSONS when set; else share/privatepath/lessons
// beside an installed program (bin/../share/privatepath/lessons); else the source tree's
// resources/lessons, which a build run from its build directory uses. Empty when none exists.
QString lessonsDirectory();

// Help → Lessons…: the lessons of a folder (title, summary, estimated minutes), read from their
// files' lesson sections; Open (or a double click) emits lessonChosen with the file's path. Files
// that cannot be read are listed with the loader's first message and cannot be opened.
class LessonsDialog : public QDialog {
    Q_OBJECT
public:
    explicit LessonsDialog(QString directory, QWidget* parent = nullptr);

    // Reads the folder again (a trainer may have added a lesson).
    void reload();
    QTreeWidget* list() const { return m_list; }

signals:
    void lessonChosen(const QString& path);

private:
    void openSelected();

    QString m_directory;
    QTreeWidget* m_list = nullptr;
    QPushButton* m_open = nullptr;
};

} // namespace pp::ui
