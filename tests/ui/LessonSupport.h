#pragma once

// Shared by the lesson GUI tests: a window with a bundled lesson open, and helpers that find the
// lesson panel's parts, its goal rows and the dialogs the Lesson menu opens.
#include "EditorFixture.h"

#include "lesson/LessonPanel.h"

#include <QAbstractButton>
#include <QDialog>
#include <QListWidget>
#include <QMessageBox>
#include <QTimer>

namespace pp::ui {

inline const QString kS3Lesson = QStringLiteral("resources/lessons/s3-gateway-endpoint.privatepath");

class LessonEditor : public Editor {
protected:
    void SetUp() override
    {
        Editor::SetUp();
        ASSERT_TRUE(window->openFile(source(kS3Lesson)));
        QApplication::processEvents();
    }

    LessonPanel* panel() { return window->lessonPanel(); }
    template <class W>
    W* part(const char* name) { return panel()->findChild<W*>(QString::fromLatin1(name)); }
    QListWidget* goalList() { return part<QListWidget>("lessonGoals"); }
    QListWidgetItem* goalRow(const QString& id)
    {
        for (int i = 0; i < goalList()->count(); ++i)
            if (goalList()->item(i)->data(Qt::UserRole + 1).toString() == id)
                return goalList()->item(i);
        return nullptr;
    }
    bool ticked(const QString& id)
    {
        QListWidgetItem* row = goalRow(id);
        return row && row->data(Qt::UserRole).toBool();
    }
    std::vector<std::string> goalIds()
    {
        std::vector<std::string> ids;
        for (const Goal& g : doc().design().lesson->goals)
            ids.push_back(g.id);
        return ids;
    }
    QString status() { return window->statusBar()->currentMessage(); }

    // The visible dialog of that object name (closed ones wait for their deferred deletion).
    template <class D = QDialog>
    D* openDialog(const char* name)
    {
        for (D* d : window->findChildren<D*>(QString::fromLatin1(name)))
            if (d->isVisible())
                return d;
        return nullptr;
    }
    template <class W>
    static W* field(QWidget* dialog, const char* name) { return dialog->findChild<W*>(QString::fromLatin1(name)); }

    // Answers the next modal question (QMessageBox::question) with `button`, as the user would.
    static void answerNextQuestion(QMessageBox::StandardButton button)
    {
        QTimer::singleShot(0, [button] {
            if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget()))
                box->button(button)->click();
        });
    }
};

} // namespace pp::ui
