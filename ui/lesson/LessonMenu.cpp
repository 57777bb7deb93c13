#include "lesson/LessonMenu.h"

#include "canvas/DiagramScene.h"
#include "document/Document.h"
#include "lesson/Grading.h"
#include "lesson/GoalDialog.h"
#include "lesson/LessonEdits.h"
#include "lesson/LessonPanel.h"
#include "lesson/LessonPropertiesDialog.h"
#include "lesson/LessonsDialog.h"

#include <QAction>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLabel>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QStatusBar>
#include <QTextBrowser>
#include <QVBoxLayout>
#include <algorithm>

namespace pp::ui {
namespace {

} // namespace

LessonMenu::LessonMenu(QMainWindow* window, Document& document, DiagramScene* scene, LessonPanel* panel, Opener open)
    : QObject(window), m_window(window), m_document(document), m_scene(scene), m_panel(panel), m_open(std::move(open))
{
    m_menu = window->menuBar()->addMenu(tr("&Lesson"));
    m_menu->setObjectName(QStringLiteral("lessonMenu"));
    auto add = [this](const QString& name, const QString& text, auto slot, const QString& tip) {
        auto* a = new QAction(text, m_window);
        a->setObjectName(name);
        a->setStatusTip(tip);
        connect(a, &QAction::triggered, this, slot);
        m_menu->addAction(a);
        return a;
    };
    add(QStringLiteral("actionShowHint"), tr("Show &Hint"), [this] {
        if (!m_panel->showNextHint())
            say(m_document.design().lesson ? tr("No hints left.") : tr("This design has no lesson."));
    }, tr("Reveal the lesson's next hint"));
    add(QStringLiteral("actionRestartLesson"), tr("&Restart Lesson"), [this] { restartLesson(); },
        tr("Go back to the design as it was when the lesson was opened"));
    m_menu->addSeparator();
    add(QStringLiteral("actionNewLesson"), tr("&New Lesson from This Design"), [this] { newLesson(); },
        tr("Make this design the start of a lesson (trainers)"));
    add(QStringLiteral("actionLessonProperties"), tr("Lesson &Properties…"), [this] { editProperties(); },
        tr("The lesson's title, summary, estimated time, time limit and hints"));
    add(QStringLiteral("actionAddGoal"), tr("&Add Goal…"), [this] { addGoal(); },
        tr("Add a goal of any kind: a flow's verdict, a private scope, no internet exposure, a count, a property, no errors"));
    add(QStringLiteral("actionAddGoalFromFlow"), tr("Add &Goal from Selected Flow"), [this] { addGoalFromSelectedFlow(); },
        tr("Add a goal: the selected flow must be private"));
    add(QStringLiteral("actionLockSelection"), tr("&Lock Selection"), [this] { lockSelection(true); },
        tr("The learner may not change or delete the selected resources and flows"));
    add(QStringLiteral("actionUnlockSelection"), tr("&Unlock Selection"), [this] { lockSelection(false); },
        tr("The learner may change the selected resources and flows again"));
    add(QStringLiteral("actionEditInstructions"), tr("Edit &Instructions…"), [this] { editInstructions(); },
        tr("Write the lesson's instructions in Markdown"));
    m_menu->addSeparator();
    add(QStringLiteral("actionAddSolution"), tr("Add Reference &Solution from File…"), [this] { addSolutionFromFile(); },
        tr("Store a saved design as a reference solution that must meet every goal"));
    add(QStringLiteral("actionRemoveSolution"), tr("Remo&ve Solution…"), [this] { removeSolution(); },
        tr("Remove one of the lesson's reference solutions"));
    add(QStringLiteral("actionTestLesson"), tr("&Test Lesson Against Solutions"), [this] { testLesson(); },
        tr("Check that the start misses a goal and every reference solution meets them all"));
    connect(m_menu, &QMenu::aboutToShow, this, &LessonMenu::updateActions);
    connect(m_panel, &LessonPanel::goalEditRequested, this, &LessonMenu::editGoal);
    connect(m_panel, &LessonPanel::goalRemoveRequested, this, &LessonMenu::removeGoal);
    connect(m_panel, &LessonPanel::goalMoveRequested, this, &LessonMenu::moveGoal);

    // Help → Lessons…, before About (the Help menu is installed before this menu is).
    if (auto* help = window->findChild<QMenu*>(QStringLiteral("helpMenu"))) {
        auto* lessons = new QAction(tr("&Lessons…"), m_window);
        lessons->setObjectName(QStringLiteral("actionLessons"));
        lessons->setStatusTip(tr("Open a lesson of the bundled course"));
        connect(lessons, &QAction::triggered, this, &LessonMenu::showLessons);
        const QList<QAction*> items = help->actions();
        help->insertAction(items.size() > 2 ? items.at(2) : nullptr, lessons);
    }
}

void LessonMenu::say(const QString& message, int ms) { m_window->statusBar()->showMessage(message, ms); }

bool LessonMenu::needLesson()
{
    if (m_document.design().lesson)
        return true;
    say(tr("This design has no lesson: Lesson → New Lesson from This Design makes it one."));
    return false;
}

void LessonMenu::updateActions()
{
    const bool has = m_document.design().lesson.has_value();
    auto enable = [this](const char* name, bool on) {
        if (auto* a = m_window->findChild<QAction*>(QString::fromLatin1(name)))
            a->setEnabled(on);
    };
    enable("actionShowHint", has && m_panel->hintsLeft() > 0);
    enable("actionRestartLesson", has && m_panel->startDesign());
    enable("actionNewLesson", !has);
    const bool resources = !m_scene->selectedResources().isEmpty();
    enable("actionAddGoalFromFlow", has && m_scene->selectedFlows().size() == 1);
    const bool any = resources || !m_scene->selectedFlows().isEmpty();
    enable("actionLockSelection", has && any);
    enable("actionUnlockSelection", has && any);
    enable("actionEditInstructions", has);
    enable("actionLessonProperties", has);
    enable("actionAddGoal", has);
    enable("actionAddSolution", has);
    enable("actionRemoveSolution", has && !m_document.design().lesson->solutions.empty());
    enable("actionTestLesson", has);
}

void LessonMenu::restartLesson()
{
    if (!needLesson())
        return;
    const Design* start = m_panel->startDesign();
    if (!start) {
        say(tr("This lesson has no start to go back to."));
        return;
    }
    const bool same = m_document.design() == *start;
    if ((m_document.isModified() || !same) &&
        QMessageBox::question(m_window, tr("Restart lesson"),
                              tr("Start the lesson again from the design as it was when you opened it? Your work since "
                                 "then is set aside; a file you saved keeps it until you save again.")) != QMessageBox::Yes)
        return;
    Design design = *start;
    const bool wasModified = m_document.isModified();
    m_document.reset(std::move(design), m_document.filePath());
    // The file on disk may hold the learner's saved work: the restored start is not saved yet.
    if (wasModified || !same)
        m_document.undoStack()->resetClean();
    say(tr("The lesson starts again from the design as it was opened (not saved yet)."), 10000);
}

void LessonMenu::newLesson()
{
    const Design& d = m_document.design();
    if (d.lesson) {
        say(tr("This design is already a lesson."));
        return;
    }
    const QString name = QString::fromStdString(d.name).trimmed();
    Lesson lesson;
    lesson.id = slugId((name.isEmpty() ? QFileInfo(m_document.filePath()).completeBaseName() : name).toStdString(), "lesson");
    lesson.title = name.isEmpty() ? tr("New lesson").toStdString() : name.toStdString();
    lesson.summary = d.description;
    if (m_document.apply(ChangeSetBuilder(d).setLesson(std::move(lesson)).build(), tr("New lesson")))
        say(tr("This design is now a lesson: add goals from flows, lock what the learner must not touch, write the instructions."));
}

void LessonMenu::editProperties()
{
    if (!needLesson())
        return;
    auto* dialog = new LessonPropertiesDialog(m_document, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this] { say(tr("Lesson properties changed.")); });
    dialog->open();
}

void LessonMenu::addGoal() { editGoal({}); }

void LessonMenu::editGoal(const QString& id)
{
    if (!needLesson())
        return;
    auto* dialog = new GoalDialog(m_document, id, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, id, dialog] {
        const QString goal = QString::fromStdString(dialog->goal().id);
        say(id.isEmpty() ? tr("Goal %1 added.").arg(goal) : tr("Goal %1 changed.").arg(goal));
    });
    dialog->open();
}

void LessonMenu::removeGoal(const QString& id)
{
    if (needLesson() && m_document.apply(pp::ui::removeGoal(m_document.design(), id.toStdString()), tr("Remove lesson goal")))
        say(tr("Goal %1 removed.").arg(id));
}

void LessonMenu::moveGoal(const QString& id, int delta)
{
    if (needLesson())
        m_document.apply(pp::ui::moveGoal(m_document.design(), id.toStdString(), delta),
                         delta < 0 ? tr("Move lesson goal up") : tr("Move lesson goal down"));
}

void LessonMenu::addGoalFromSelectedFlow()
{
    if (!needLesson())
        return;
    const QList<FlowId> flows = m_scene->selectedFlows();
    if (flows.size() != 1) {
        say(tr("Select one flow: the goal will be that it is private."));
        return;
    }
    const Design& d = m_document.design();
    Lesson lesson = *d.lesson;
    const std::string flow = flows.first().str();
    std::string id = "flow-" + flow + "-private";
    for (int n = 2; std::any_of(lesson.goals.begin(), lesson.goals.end(), [&](const Goal& g) { return g.id == id; }); ++n)
        id = "flow-" + flow + "-private-" + std::to_string(n);
    Goal goal;
    goal.id = id;
    goal.kind = GoalKind::Flow;
    goal.flow = flows.first();
    goal.verdict = Verdict::Private;
    goal.message = tr("The flow %1 is private.").arg(QString::fromStdString(flow)).toStdString();
    lesson.goals.push_back(std::move(goal));
    // The flow is the goal's question: locked, so the learner cannot change it until it passes.
    if (!isLocked(lesson, flows.first()))
        lesson.lockedFlows.push_back(flows.first());
    if (m_document.apply(ChangeSetBuilder(d).setLesson(std::move(lesson)).build(), tr("Add lesson goal")))
        say(tr("Goal added: the flow %1 must be private.").arg(QString::fromStdString(flow)));
}

void LessonMenu::lockSelection(bool lock)
{
    if (!needLesson())
        return;
    const QList<ResourceId> selected = m_scene->selectedResources();
    const QList<FlowId> flows = m_scene->selectedFlows();
    if (selected.isEmpty() && flows.isEmpty()) {
        say(lock ? tr("Select the resources or flows to lock.") : tr("Select the resources or flows to unlock."));
        return;
    }
    const Design& d = m_document.design();
    Lesson lesson = *d.lesson;
    auto toggle = [lock](auto& list, const auto& id, bool locked) {
        if (lock && !locked)
            list.push_back(id);
        else if (!lock && locked)
            std::erase(list, id);
    };
    for (const ResourceId& id : selected)
        toggle(lesson.locked, id, isLocked(lesson, id));
    for (const FlowId& id : flows)
        toggle(lesson.lockedFlows, id, isLocked(lesson, id));
    const ChangeSet change = ChangeSetBuilder(d).setLesson(std::move(lesson)).build();
    if (change.empty()) {
        say(lock ? tr("Already locked.") : tr("Not locked."));
        return;
    }
    if (m_document.apply(change, lock ? tr("Lock") : tr("Unlock")))
        say(lock ? tr("Locked %n item(s): the learner cannot change or delete them.", nullptr, int(selected.size() + flows.size()))
                 : tr("Unlocked %n item(s).", nullptr, int(selected.size() + flows.size())));
}

void LessonMenu::editInstructions()
{
    if (!needLesson())
        return;
    // Markdown on the left, its rendering on the right, updated as the trainer types.
    auto* dialog = new QDialog(m_window);
    dialog->setObjectName(QStringLiteral("lessonInstructionsDialog"));
    dialog->setWindowTitle(tr("Lesson instructions"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    auto* layout = new QVBoxLayout(dialog);
    layout->addWidget(new QLabel(tr("Markdown: # headings, **bold**, `code`, 1. numbered and - bulleted lists."), dialog));
    auto* split = new QSplitter(dialog);
    auto* text = new QPlainTextEdit(split);
    text->setObjectName(QStringLiteral("instructionsEditor"));
    text->setPlainText(QString::fromStdString(m_document.design().lesson->instructions));
    auto* preview = new QTextBrowser(split);
    preview->setObjectName(QStringLiteral("instructionsPreview"));
    preview->setMarkdown(text->toPlainText());
    connect(text, &QPlainTextEdit::textChanged, preview, [text, preview] { preview->setMarkdown(text->toPlainText()); });
    layout->addWidget(split, 1);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, dialog);
    connect(buttons, &QDialogButtonBox::accepted, dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    layout->addWidget(buttons);
    connect(dialog, &QDialog::accepted, this, [this, text] {
        const Design& d = m_document.design();
        if (!d.lesson)
            return; // the lesson went while the dialog was open (undo)
        Lesson lesson = *d.lesson;
        lesson.instructions = text->toPlainText().toStdString();
        m_document.apply(ChangeSetBuilder(d).setLesson(std::move(lesson)).build(), tr("Edit lesson instructions"));
    });
    dialog->resize(900, 560);
    dialog->open();
}

void LessonMenu::testLesson()
{
    if (!needLesson())
        return;
    const std::vector<LessonProblem> problems = checkLesson(m_document.design());
    int errors = 0;
    QStringList lines;
    for (const LessonProblem& p : problems) {
        errors += p.severity == Severity::Error;
        QString line = QStringLiteral("%1 %2: %3")
                           .arg(p.severity == Severity::Error ? tr("Error") : tr("Warning"),
                                QString::fromStdString(p.where), QString::fromStdString(p.message));
        for (std::size_t i = 0; i < p.reasons.size() && i < 3; ++i)
            line += QStringLiteral("\n    ") + QString::fromStdString(p.reasons[i].message);
        lines << line;
    }
    const QString verdict = errors == 0 ? tr("Every solution passes: the start misses a goal, and every reference solution meets them all.")
                                        : tr("The lesson has %n problem(s).", nullptr, errors);
    auto* box = new QMessageBox(errors ? QMessageBox::Warning : QMessageBox::Information, tr("Test lesson"), verdict,
                                QMessageBox::Close, m_window);
    box->setObjectName(QStringLiteral("lessonTestResult"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    if (!lines.isEmpty())
        box->setDetailedText(lines.join(QLatin1Char('\n')));
    box->open();
    say(verdict, 10000);
}

void LessonMenu::addSolutionFromFile(QString path)
{
    if (!needLesson())
        return;
    if (path.isEmpty())
        path = QFileDialog::getOpenFileName(m_window, tr("Add reference solution"), QFileInfo(m_document.filePath()).absolutePath(),
                                            tr("PrivatePath designs (*.privatepath *.json)"));
    if (path.isEmpty())
        return;
    SolutionRead read = readSolution(*m_document.design().lesson, QFile::encodeName(path).toStdString());
    if (!read.solution) {
        QStringList lines;
        for (const Diagnostic& d : read.diagnostics)
            if (d.severity == Severity::Error)
                lines << QString::fromStdString(d.format());
        auto* box = new QMessageBox(QMessageBox::Warning, tr("Add reference solution"),
                                    tr("%1 cannot be read as a design:").arg(QFileInfo(path).fileName()), QMessageBox::Close,
                                    m_window);
        box->setObjectName(QStringLiteral("lessonSolutionError"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->setInformativeText(lines.mid(0, 8).join(QLatin1Char('\n')));
        if (lines.size() > 8)
            box->setDetailedText(lines.join(QLatin1Char('\n')));
        box->open();
        say(tr("%1 is not a readable design: %2").arg(QFileInfo(path).fileName(), lines.value(0)), 10000);
        return;
    }
    const QString id = QString::fromStdString(read.solution->id);
    if (m_document.apply(pp::ui::addSolution(m_document.design(), std::move(*read.solution)), tr("Add reference solution")))
        say(tr("Reference solution %1 added: Lesson → Test Lesson Against Solutions checks it meets every goal.").arg(id), 10000);
}

void LessonMenu::removeSolution(QString id)
{
    if (!needLesson())
        return;
    const auto& solutions = m_document.design().lesson->solutions;
    if (solutions.empty()) {
        say(tr("This lesson has no reference solution."));
        return;
    }
    if (id.isEmpty()) {
        QStringList ids;
        for (const LessonSolution& s : solutions)
            ids << QString::fromStdString(s.id);
        bool ok = ids.size() == 1;
        id = ok ? ids.first() : QInputDialog::getItem(m_window, tr("Remove solution"), tr("Reference solution to remove:"), ids, 0, false, &ok);
        if (!ok)
            return;
    }
    if (m_document.apply(pp::ui::removeSolution(m_document.design(), id.toStdString()), tr("Remove reference solution")))
        say(tr("Reference solution %1 removed.").arg(id));
}

void LessonMenu::showLessons()
{
    auto* dialog = m_window->findChild<LessonsDialog*>(QStringLiteral("lessonsDialog"), Qt::FindDirectChildrenOnly);
    if (!dialog) {
        dialog = new LessonsDialog(lessonsDirectory(), m_window);
        connect(dialog, &LessonsDialog::lessonChosen, this, [this](const QString& path) { m_open(path, true); });
    }
    dialog->reload();
    dialog->show();
    dialog->raise();
}

} // namespace pp::ui
