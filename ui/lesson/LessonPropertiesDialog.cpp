#include "lesson/LessonPropertiesDialog.h"

#include "document/Document.h"
#include "edit/ChangeSet.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace pp::ui {
namespace {

// The spin boxes show their special text at 0: no estimate, no time limit. The loader's range is 1..10000.
constexpr int kMaxMinutes = 10000;

QListWidgetItem* hintItem(const QString& text)
{
    auto* item = new QListWidgetItem(text);
    item->setFlags(item->flags() | Qt::ItemIsEditable);
    return item;
}

} // namespace

LessonPropertiesDialog::LessonPropertiesDialog(Document& document, QWidget* parent) : QDialog(parent), m_document(document)
{
    setObjectName(QStringLiteral("lessonPropertiesDialog"));
    setWindowTitle(tr("Lesson properties"));
    const Lesson& lesson = *m_document.design().lesson;
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout();
    layout->addLayout(form);

    m_title = new QLineEdit(QString::fromStdString(lesson.title), this);
    m_title->setObjectName(QStringLiteral("lessonTitleEdit"));
    m_title->setAccessibleName(tr("Title"));
    form->addRow(tr("&Title:"), m_title);
    m_summary = new QPlainTextEdit(QString::fromStdString(lesson.summary), this);
    m_summary->setObjectName(QStringLiteral("lessonSummaryEdit"));
    m_summary->setAccessibleName(tr("Summary"));
    m_summary->setTabChangesFocus(true);
    m_summary->setFixedHeight(m_summary->fontMetrics().lineSpacing() * 4);
    form->addRow(tr("&Summary:"), m_summary);
    m_estimated = new QSpinBox(this);
    m_estimated->setObjectName(QStringLiteral("lessonEstimatedMinutes"));
    m_estimated->setAccessibleName(tr("Estimated time"));
    m_estimated->setRange(0, kMaxMinutes);
    m_estimated->setSpecialValueText(tr("not given"));
    m_estimated->setSuffix(tr(" min"));
    m_estimated->setValue(lesson.estimatedMinutes.value_or(0));
    form->addRow(tr("&Estimated time:"), m_estimated);
    m_limit = new QSpinBox(this);
    m_limit->setObjectName(QStringLiteral("lessonTimeLimit"));
    m_limit->setAccessibleName(tr("Time limit"));
    m_limit->setRange(0, kMaxMinutes);
    m_limit->setSpecialValueText(tr("none (untimed)"));
    m_limit->setSuffix(tr(" min"));
    m_limit->setValue(lesson.timeLimitMinutes.value_or(0));
    m_limit->setToolTip(tr("The time limit only informs: when it is up the panel says so and nothing is locked."));
    form->addRow(tr("Time &limit:"), m_limit);

    auto* hintsLabel = new QLabel(tr("&Hints, revealed one at a time in this order (double-click one to edit it):"), this);
    layout->addWidget(hintsLabel);
    auto* row = new QHBoxLayout();
    layout->addLayout(row, 1);
    m_hints = new QListWidget(this);
    m_hints->setObjectName(QStringLiteral("lessonHintsEdit"));
    m_hints->setAccessibleName(tr("Hints"));
    m_hints->setWordWrap(true);
    m_hints->setAlternatingRowColors(true); // a wrapped hint must not read as part of the next
    m_hints->setSpacing(2);
    hintsLabel->setBuddy(m_hints);
    for (const std::string& hint : lesson.hints)
        m_hints->addItem(hintItem(QString::fromStdString(hint)));
    row->addWidget(m_hints, 1);
    auto* buttons = new QVBoxLayout();
    row->addLayout(buttons);
    auto button = [&](const char* name, const QString& text, auto slot) {
        auto* b = new QPushButton(text, this);
        b->setObjectName(QString::fromLatin1(name));
        connect(b, &QPushButton::clicked, this, slot);
        buttons->addWidget(b);
        return b;
    };
    button("addHint", tr("&Add"), [this] { addHint(); });
    m_removeHint = button("removeHint", tr("&Remove"), [this] { removeHint(); });
    m_upHint = button("moveHintUp", tr("Move &Up"), [this] { moveHint(-1); });
    m_downHint = button("moveHintDown", tr("Move &Down"), [this] { moveHint(1); });
    buttons->addStretch(1);
    connect(m_hints, &QListWidget::currentRowChanged, this, &LessonPropertiesDialog::updateButtons);

    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("lessonPropertiesProblem"));
    m_problem->setStyleSheet(QStringLiteral("QLabel { color: #c62828; }"));
    m_problem->hide();
    layout->addWidget(m_problem);
    auto* box = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(box, &QDialogButtonBox::accepted, this, &LessonPropertiesDialog::accept);
    connect(box, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(box);
    updateButtons();
    resize(560, 520);
}

void LessonPropertiesDialog::addHint()
{
    QListWidgetItem* item = hintItem(tr("New hint"));
    m_hints->addItem(item);
    m_hints->setCurrentItem(item);
    m_hints->editItem(item);
}

void LessonPropertiesDialog::removeHint()
{
    delete m_hints->takeItem(m_hints->currentRow());
    updateButtons();
}

void LessonPropertiesDialog::moveHint(int delta)
{
    const int from = m_hints->currentRow(), to = from + delta;
    if (from < 0 || to < 0 || to >= m_hints->count())
        return;
    QListWidgetItem* item = m_hints->takeItem(from);
    m_hints->insertItem(to, item);
    m_hints->setCurrentRow(to);
}

void LessonPropertiesDialog::updateButtons()
{
    const int row = m_hints->currentRow();
    m_removeHint->setEnabled(row >= 0);
    m_upHint->setEnabled(row > 0);
    m_downHint->setEnabled(row >= 0 && row + 1 < m_hints->count());
}

Lesson LessonPropertiesDialog::lesson() const
{
    Lesson lesson = *m_document.design().lesson;
    lesson.title = m_title->text().trimmed().toStdString();
    lesson.summary = m_summary->toPlainText().trimmed().toStdString();
    lesson.estimatedMinutes = m_estimated->value() > 0 ? std::optional<int>(m_estimated->value()) : std::nullopt;
    lesson.timeLimitMinutes = m_limit->value() > 0 ? std::optional<int>(m_limit->value()) : std::nullopt;
    lesson.hints.clear();
    for (int i = 0; i < m_hints->count(); ++i)
        if (const QString hint = m_hints->item(i)->text().trimmed(); !hint.isEmpty())
            lesson.hints.push_back(hint.toStdString()); // an emptied hint is a removed one
    return lesson;
}

QString LessonPropertiesDialog::problem() const
{
    return m_title->text().trimmed().isEmpty() ? tr("The lesson needs a title: learners choose lessons by it.") : QString();
}

void LessonPropertiesDialog::accept()
{
    const Design& d = m_document.design();
    QString why = problem();
    if (why.isEmpty() && !d.lesson)
        why = tr("The design no longer has a lesson.");
    if (!why.isEmpty()) {
        m_problem->setText(why);
        m_problem->show();
        return;
    }
    m_document.apply(ChangeSetBuilder(d).setLesson(lesson()).build(), tr("Edit lesson properties"));
    QDialog::accept();
}

} // namespace pp::ui
