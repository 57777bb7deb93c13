#pragma once

// moc does not need the core (and cannot parse its C++20 concepts).
#ifndef Q_MOC_RUN
#include "lesson/Goals.h"
#endif

#include <QElapsedTimer>
#include <QPoint>
#include <QWidget>
#include <optional>
#include <string>

class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;
class QTextBrowser;
class QTimer;

namespace pp::ui {

class Document;

// The learner's side of training mode (docs/file-format.md, "Lessons"): the open design's lesson,
// its instructions rendered from Markdown, the goal checklist with a mark per goal and, for a
// missed goal, the engine's first reasons, a progress bar, hints revealed one at a time, the time
// left when the lesson is timed, and a message once every goal holds.
//
// The goals are evaluated once per installed analysis (Document::analysisUpdated), which every
// edit, undo and background run ends with; evaluateGoals() is cheap next to the analysis itself.
// A lesson starts (hints hidden again, clock restarted, completion not yet announced) when a
// design is opened or reset (Document::reloaded), or when the trainer adds a lesson to the open
// design. The time limit only informs: at zero the panel says time is up and nothing is locked.
// For the trainer, the goal list offers Edit Goal…, Remove Goal and Move Up / Down (double-click
// edits); the panel only asks, through signals, and the Lesson menu makes the change.
class LessonPanel : public QWidget {
    Q_OBJECT
public:
    explicit LessonPanel(Document& document, QWidget* parent = nullptr);

    bool hasLesson() const { return m_hasLesson; }
    // The goals on the design as of the latest analysis (empty without a lesson).
    const LessonProgress& progress() const { return m_progress; }
    int hintsShown() const { return m_hintsShown; }
    int hintsLeft() const;
    // Reveals the next hint; false when there is none left (or no lesson).
    bool showNextHint();
    // Seconds left of a timed lesson (negative once time is up); nullopt when untimed.
    std::optional<qint64> secondsLeft() const;
    // The time spent on the lesson in this window: since it was opened, or spentBefore + that.
    qint64 elapsedSeconds() const;
    // The design as it was when the lesson started in this window (opened, or made a lesson by
    // the trainer): what Restart Lesson restores. Null without a lesson.
    const Design* startDesign() const { return m_start ? &*m_start : nullptr; }

signals:
    // The open design got or lost its lesson (opening a file, New Lesson, undo).
    void lessonPresenceChanged(bool hasLesson);
    // Every goal holds; once per lesson start (an edit that breaks a goal and a fix that follows
    // do not announce it again).
    void completed(const QString& message);
    // The trainer asked, from the goal list (double-click or context menu), to edit, remove or
    // move the goal `id`; the Lesson menu does it (lesson/LessonMenu.h).
    void goalEditRequested(const QString& id);
    void goalRemoveRequested(const QString& id);
    void goalMoveRequested(const QString& id, int delta);

private:
    void restart();
    void refresh();
    void showHeader();
    void showGoals();
    void showHints();
    void tick();
    void startClock(qint64 alreadySpent);
    void showGoalMenu(const QPoint& at);

    Document& m_document;
    QLabel* m_title = nullptr;
    QLabel* m_summary = nullptr;
    QTextBrowser* m_instructions = nullptr;
    QProgressBar* m_progressBar = nullptr;
    QListWidget* m_goals = nullptr;
    QLabel* m_done = nullptr;
    QPushButton* m_hintButton = nullptr;
    QLabel* m_hints = nullptr;
    QLabel* m_time = nullptr;
    QLabel* m_none = nullptr;
    QWidget* m_body = nullptr;
    QTimer* m_clock = nullptr;
    QElapsedTimer m_started;
    qint64 m_spentBefore = 0; // seconds spent before this start (the lesson's elapsedSeconds when opened)
    std::optional<Design> m_start;

    bool m_hasLesson = false;
    std::string m_lessonId;     // the lesson the panel started, to tell a new one from an edit
    std::string m_shownTitle, m_shownSummary, m_shownInstructions;
    bool m_instructionsShown = false;
    LessonProgress m_progress;
    int m_hintsShown = 0;
    bool m_announced = false;   // completed() was emitted for this start
};

} // namespace pp::ui
