#include "lesson/LessonMenu.h"

#include "canvas/DiagramScene.h"
#include "document/Document.h"
#include "lesson/Grading.h"
#include "lesson/LessonPanel.h"
#include "lesson/LessonsDialog.h"

#include <QAction>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QLabel>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QSplitter>
#include <QStatusBar>
#include <QTextBrowser>
#include <QVBoxLayout>
#include <algorithm>

namespace pp::ui {
namespace {

// A lesson id from a design's name: the resource id syntax (lower case, digits, dashes).
std::string slug(const QString& name)
{
    QString out = name.toLower();
    out.replace(QRegularExpression(QStringLiteral("[^a-z0-9]+")), QStringLiteral("-"));
    out.remove(QRegularExpression(QStringLiteral("^-+|-+$")));
    return out.isEmpty() ? std::string("lesson") : out.left(60).toStdString();
}

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
        tr("Open the lesson's file again, as it was handed out"));
    m_menu->addSeparator();
    add(QStringLiteral("actionNewLesson"), tr("&New Lesson from This Design"), [this] { newLesson(); },
        tr("Make this design the start of a lesson (trainers)"));
    add(QStringLiteral("actionAddGoalFromFlow"), tr("Add &Goal from Selected Flow"), [this] { addGoalFromSelectedFlow(); },
        tr("Add a goal: the selected flow must be private"));
    add(QStringLiteral("actionLockSelection"), tr("&Lock Selection"), [this] { lockSelection(true); },
        tr("The learner may not change or delete the selected resources and flows"));
    add(QStringLiteral("actionUnlockSelection"), tr("&Unlock Selection"), [this] { lockSelection(false); },
        tr("The learner may change the selected resources and flows again"));
    add(QStringLiteral("actionEditInstructions"), tr("Edit &Instructions…"), [this] { editInstructions(); },
        tr("Write the lesson's instructions in Markdown"));
    add(QStringLiteral("actionTestLesson"), tr("&Test Lesson Against Solutions"), [this] { testLesson(); },
        tr("Check that the start misses a goal and every reference solution meets them all"));
    connect(m_menu, &QMenu::aboutToShow, this, &LessonMenu::updateActions);

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
    enable("actionRestartLesson", has && !m_document.filePath().isEmpty());
    enable("actionNewLesson", !has);
    const bool resources = !m_scene->selectedResources().isEmpty();
    enable("actionAddGoalFromFlow", has && m_scene->selectedFlows().size() == 1);
    const bool any = resources || !m_scene->selectedFlows().isEmpty();
    enable("actionLockSelection", has && any);
    enable("actionUnlockSelection", has && any);
    enable("actionEditInstructions", has);
    enable("actionTestLesson", has);
}

void LessonMenu::restartLesson()
{
    const QString path = m_document.filePath();
    if (!needLesson())
        return;
    if (path.isEmpty()) {
        say(tr("This lesson has not been saved: there is no file to start again from."));
        return;
    }
    if (m_document.isModified() &&
        QMessageBox::question(m_window, tr("Restart lesson"),
                              tr("Start the lesson again from %1? Your changes since it was last saved are lost.")
                                  .arg(QFileInfo(path).fileName())) != QMessageBox::Yes)
        return;
    if (m_open(path, false))
        say(tr("The lesson starts again."));
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
    lesson.id = slug(name.isEmpty() ? QFileInfo(m_document.filePath()).completeBaseName() : name);
    lesson.title = name.isEmpty() ? tr("New lesson").toStdString() : name.toStdString();
    lesson.summary = d.description;
    if (m_document.apply(ChangeSetBuilder(d).setLesson(std::move(lesson)).build(), tr("New lesson")))
        say(tr("This design is now a lesson: add goals from flows, lock what the learner must not touch, write the instructions."));
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
