#include "lesson/LessonPanel.h"

#include "document/Document.h"

#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>

namespace pp::ui {
namespace {

// Whether two lessons differ only in the learner's clock.
bool sameExceptClock(Lesson a, Lesson b)
{
    a.elapsedSeconds.reset();
    b.elapsedSeconds.reset();
    return a == b;
}

// How many of a missed goal's reasons its row shows under the message (all are in the tooltip).
constexpr int kReasonsShown = 1;
constexpr int kReasonsInTooltip = 6;

// A tick or a cross, drawn (a font may lack the glyphs).
QIcon markIcon(bool met)
{
    QPixmap pixmap(32, 32);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    const QColor colour = met ? QColor(0x2e, 0x7d, 0x32) : QColor(0xc6, 0x28, 0x28);
    p.setPen(Qt::NoPen);
    p.setBrush(colour);
    p.drawEllipse(QRectF(2, 2, 28, 28));
    p.setPen(QPen(Qt::white, 4, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    if (met) {
        const QPointF tick[] = {{9, 16.5}, {14, 21.5}, {23, 11}};
        p.drawPolyline(tick, 3);
    } else {
        p.drawLine(QPointF(11, 11), QPointF(21, 21));
        p.drawLine(QPointF(21, 11), QPointF(11, 21));
    }
    return QIcon(pixmap);
}

QString minutesAndSeconds(qint64 seconds)
{
    return QStringLiteral("%1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

} // namespace

LessonPanel::LessonPanel(Document& document, QWidget* parent) : QWidget(parent), m_document(document)
{
    setObjectName(QStringLiteral("lessonPanel"));
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(6, 6, 6, 6);
    m_none = new QLabel(tr("This design has no lesson. Open one from Help → Lessons…, or make this design one with "
                           "Lesson → New Lesson from This Design."),
                        this);
    m_none->setWordWrap(true);
    outer->addWidget(m_none);
    m_body = new QWidget(this);
    outer->addWidget(m_body, 1);
    auto* layout = new QVBoxLayout(m_body);
    layout->setContentsMargins(0, 0, 0, 0);

    m_title = new QLabel(m_body);
    m_title->setObjectName(QStringLiteral("lessonTitle"));
    m_title->setWordWrap(true);
    QFont big = m_title->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.2);
    m_title->setFont(big);
    layout->addWidget(m_title);
    m_summary = new QLabel(m_body);
    m_summary->setObjectName(QStringLiteral("lessonSummary"));
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);
    m_time = new QLabel(m_body);
    m_time->setObjectName(QStringLiteral("lessonTime"));
    layout->addWidget(m_time);

    m_instructions = new QTextBrowser(m_body);
    m_instructions->setObjectName(QStringLiteral("lessonInstructions"));
    m_instructions->setOpenExternalLinks(true);
    layout->addWidget(m_instructions, 2);

    m_progressBar = new QProgressBar(m_body);
    m_progressBar->setObjectName(QStringLiteral("lessonProgress"));
    m_progressBar->setRange(0, 100);
    m_progressBar->setFormat(tr("%p % of the goals met"));
    layout->addWidget(m_progressBar);
    m_done = new QLabel(m_body);
    m_done->setObjectName(QStringLiteral("lessonComplete"));
    m_done->setWordWrap(true);
    m_done->setStyleSheet(QStringLiteral("QLabel { color: #1b5e20; font-weight: bold; }"));
    m_done->hide();
    layout->addWidget(m_done);
    m_goals = new QListWidget(m_body);
    m_goals->setObjectName(QStringLiteral("lessonGoals"));
    m_goals->setWordWrap(true);
    m_goals->setIconSize(QSize(16, 16));
    m_goals->setSelectionMode(QAbstractItemView::SingleSelection);
    m_goals->setContextMenuPolicy(Qt::CustomContextMenu);
    m_goals->setAccessibleName(tr("Goals"));
    connect(m_goals, &QListWidget::customContextMenuRequested, this, &LessonPanel::showGoalMenu);
    connect(m_goals, &QListWidget::itemDoubleClicked, this,
            [this](QListWidgetItem* item) { emit goalEditRequested(item->data(Qt::UserRole + 1).toString()); });
    layout->addWidget(m_goals, 3);

    m_hintButton = new QPushButton(m_body);
    m_hintButton->setObjectName(QStringLiteral("lessonHintButton"));
    connect(m_hintButton, &QPushButton::clicked, this, &LessonPanel::showNextHint);
    layout->addWidget(m_hintButton);
    m_hints = new QLabel(m_body);
    m_hints->setObjectName(QStringLiteral("lessonHints"));
    m_hints->setWordWrap(true);
    m_hints->setTextFormat(Qt::RichText);
    layout->addWidget(m_hints);

    m_clock = new QTimer(this);
    m_clock->setInterval(1000);
    connect(m_clock, &QTimer::timeout, this, &LessonPanel::tick);

    // Saving writes the time spent so far into a timed lesson (not an edit: no undo step, the
    // document is not marked modified by the clock). A trainer who changed the lesson itself is
    // authoring it, and a lesson as handed out has no clock, so then none is written.
    m_document.setLessonAtSave([this](const Lesson& lesson) -> std::optional<Lesson> {
        Lesson saved = lesson;
        if (!lesson.timeLimitMinutes || !m_start || !m_start->lesson || !sameExceptClock(lesson, *m_start->lesson)) {
            if (!lesson.elapsedSeconds)
                return std::nullopt;
            saved.elapsedSeconds.reset();
            return saved;
        }
        saved.elapsedSeconds = int(std::min<qint64>(elapsedSeconds(), 100000000));
        return saved;
    });
    connect(&m_document, &Document::reloaded, this, &LessonPanel::restart);
    connect(&m_document, &Document::analysisUpdated, this, &LessonPanel::refresh);
    restart();
}

void LessonPanel::showGoalMenu(const QPoint& at)
{
    QListWidgetItem* item = m_goals->itemAt(at);
    if (!item)
        return;
    m_goals->setCurrentItem(item);
    const QString id = item->data(Qt::UserRole + 1).toString();
    const int row = m_goals->row(item);
    QMenu menu(this);
    menu.setObjectName(QStringLiteral("lessonGoalMenu"));
    menu.addAction(tr("&Edit Goal…"), this, [this, id] { emit goalEditRequested(id); })->setObjectName(QStringLiteral("actionEditGoal"));
    menu.addAction(tr("&Remove Goal"), this, [this, id] { emit goalRemoveRequested(id); })->setObjectName(QStringLiteral("actionRemoveGoal"));
    menu.addSeparator();
    QAction* up = menu.addAction(tr("Move &Up"), this, [this, id] { emit goalMoveRequested(id, -1); });
    up->setObjectName(QStringLiteral("actionMoveGoalUp"));
    up->setEnabled(row > 0);
    QAction* down = menu.addAction(tr("Move &Down"), this, [this, id] { emit goalMoveRequested(id, 1); });
    down->setObjectName(QStringLiteral("actionMoveGoalDown"));
    down->setEnabled(row + 1 < m_goals->count());
    menu.exec(m_goals->viewport()->mapToGlobal(at));
}

int LessonPanel::hintsLeft() const
{
    const auto& lesson = m_document.design().lesson;
    return lesson ? std::max(0, int(lesson->hints.size()) - m_hintsShown) : 0;
}

bool LessonPanel::showNextHint()
{
    if (hintsLeft() == 0)
        return false;
    ++m_hintsShown;
    showHints();
    return true;
}

std::optional<qint64> LessonPanel::secondsLeft() const
{
    const auto& lesson = m_document.design().lesson;
    if (!lesson || !lesson->timeLimitMinutes)
        return std::nullopt;
    return qint64(*lesson->timeLimitMinutes) * 60 - elapsedSeconds();
}

qint64 LessonPanel::elapsedSeconds() const { return m_spentBefore + m_started.elapsed() / 1000; }

void LessonPanel::startClock(qint64 alreadySpent)
{
    m_spentBefore = std::max<qint64>(0, alreadySpent);
    m_started.start();
}

void LessonPanel::restart()
{
    // A new start: hints hidden, the clock from now, completion not yet said.
    m_lessonId = m_document.design().lesson ? m_document.design().lesson->id : std::string();
    m_hintsShown = 0;
    m_announced = false;
    const auto& lesson = m_document.design().lesson;
    // A learner's saved work carries the time already spent: a timed lesson goes on where it stopped.
    startClock(lesson ? lesson->elapsedSeconds.value_or(0) : 0);
    if (lesson)
        m_start = m_document.design();
    else
        m_start.reset();
    m_shownTitle.clear();
    m_shownSummary.clear();
    m_instructionsShown = false; // the first refresh renders them
    m_hasLesson = !m_document.design().lesson;  // so that refresh() sees a change and says so
    refresh();
}

void LessonPanel::refresh()
{
    const auto& lesson = m_document.design().lesson;
    const bool has = lesson.has_value();
    if (has != m_hasLesson) {
        m_hasLesson = has;
        m_none->setVisible(!has);
        m_body->setVisible(has);
        if (has && lesson->id != m_lessonId) {
            // A lesson that was not there when the panel last started (the trainer added one).
            m_lessonId = lesson->id;
            m_hintsShown = 0;
            m_announced = false;
            startClock(0);
            m_start = m_document.design();
        }
        emit lessonPresenceChanged(has);
    }
    if (!has) {
        m_clock->stop();
        m_progress = {};
        return;
    }
    showHeader();
    // Once per installed analysis: the caller is Document::analysisUpdated (or a start).
    m_progress = evaluateGoals(*lesson, m_document.design(), m_document.analysis());
    showGoals();
    showHints();
    tick();
    if (secondsLeft().value_or(0) > 0 && !m_clock->isActive())
        m_clock->start();
    else if (!lesson->timeLimitMinutes)
        m_clock->stop();
}

void LessonPanel::showHeader()
{
    const Lesson& lesson = *m_document.design().lesson;
    if (lesson.title != m_shownTitle) {
        m_shownTitle = lesson.title;
        m_title->setText(QString::fromStdString(lesson.title));
    }
    QString summary = QString::fromStdString(lesson.summary);
    if (lesson.estimatedMinutes)
        summary += (summary.isEmpty() ? QString() : QStringLiteral(" ")) + tr("About %1 min.").arg(*lesson.estimatedMinutes);
    if (summary.toStdString() != m_shownSummary) {
        m_shownSummary = summary.toStdString();
        m_summary->setText(summary);
        m_summary->setVisible(!summary.isEmpty());
    }
    // Rendering Markdown costs more than the rest of the panel: only when the text changed.
    if (!m_instructionsShown || lesson.instructions != m_shownInstructions) {
        m_instructionsShown = true;
        m_shownInstructions = lesson.instructions;
        // Headings two levels down: in a panel a third of the window wide, a first-level heading
        // took the whole first screen of the instructions.
        QString markdown = QString::fromStdString(lesson.instructions);
        markdown.replace(QRegularExpression(QStringLiteral("^(#{1,4}) "), QRegularExpression::MultilineOption), QStringLiteral("\\1## "));
        m_instructions->setMarkdown(markdown);
    }
}

void LessonPanel::showGoals()
{
    const int count = int(m_progress.goals.size());
    while (m_goals->count() > count)
        delete m_goals->takeItem(m_goals->count() - 1);
    while (m_goals->count() < count)
        m_goals->addItem(new QListWidgetItem());
    for (int i = 0; i < count; ++i) {
        const GoalResult& goal = m_progress.goals[std::size_t(i)];
        QListWidgetItem* item = m_goals->item(i);
        const QString message = goal.message.empty() ? QString::fromStdString(goal.goal) : QString::fromStdString(goal.message);
        QString text = message;
        QStringList tip{message};
        for (int r = 0; r < int(goal.reasons.size()) && r < kReasonsInTooltip; ++r) {
            const QString reason = QString::fromStdString(goal.reasons[std::size_t(r)].message);
            if (r < kReasonsShown)
                text += QStringLiteral("\n    ") + reason;
            tip << QStringLiteral("• ") + reason;
        }
        if (int(goal.reasons.size()) > kReasonsInTooltip)
            tip << tr("(%n more)", nullptr, int(goal.reasons.size()) - kReasonsInTooltip);
        item->setText(text);
        item->setToolTip(tip.join(QLatin1Char('\n')));
        item->setIcon(markIcon(goal.met));
        item->setData(Qt::UserRole, goal.met);
        item->setData(Qt::UserRole + 1, QString::fromStdString(goal.goal));
    }
    const int percent = m_progress.percent();
    m_progressBar->setValue(percent);
    const bool complete = m_progress.complete() && count > 0;
    const QString done = tr("Lesson complete: every goal holds. Well done!");
    m_done->setText(done);
    m_done->setVisible(complete);
    if (complete && !m_announced) {
        m_announced = true;
        emit completed(done);
    }
}

void LessonPanel::showHints()
{
    const auto& lesson = m_document.design().lesson;
    const int total = lesson ? int(lesson->hints.size()) : 0;
    m_hintsShown = std::min(m_hintsShown, total);
    QStringList shown;
    for (int i = 0; i < m_hintsShown; ++i)
        shown << tr("<b>Hint %1.</b> %2").arg(i + 1).arg(QString::fromStdString(lesson->hints[std::size_t(i)]).toHtmlEscaped());
    m_hints->setText(shown.join(QStringLiteral("<br>")));
    m_hints->setVisible(!shown.isEmpty());
    const int left = total - m_hintsShown;
    m_hintButton->setVisible(total > 0);
    m_hintButton->setEnabled(left > 0);
    m_hintButton->setText(left > 0 ? tr("Show Hint (%n left)", nullptr, left) : tr("No hints left"));
}

void LessonPanel::tick()
{
    const std::optional<qint64> left = secondsLeft();
    m_time->setVisible(left.has_value());
    if (!left)
        return;
    if (*left > 0) {
        m_time->setText(tr("Time left: %1").arg(minutesAndSeconds(*left)));
        m_time->setStyleSheet(*left < 60 ? QStringLiteral("QLabel { color: #c62828; }") : QString());
    } else {
        m_time->setText(tr("Time is up. You may finish: nothing is locked by the clock."));
        m_time->setStyleSheet(QStringLiteral("QLabel { color: #c62828; font-weight: bold; }"));
        m_clock->stop();
    }
}

} // namespace pp::ui
