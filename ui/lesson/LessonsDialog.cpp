#include "lesson/LessonsDialog.h"

#include "io/DesignFile.h"

#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace pp::ui {

QString lessonsDirectory()
{
    QStringList candidates;
    const QString env = qEnvironmentVariable("PRIVATEPATH_LESSONS");
    if (!env.isEmpty())
        candidates << env;
    candidates << QCoreApplication::applicationDirPath() + QStringLiteral("/../share/privatepath/lessons");
    candidates << QStringLiteral(PRIVATEPATH_SOURCE_DIR "/resources/lessons");
    for (const QString& dir : candidates)
        if (QDir(dir).exists())
            return QDir(dir).canonicalPath();
    return {};
}

LessonsDialog::LessonsDialog(QString directory, QWidget* parent) : QDialog(parent), m_directory(std::move(directory))
{
    setObjectName(QStringLiteral("lessonsDialog"));
    setWindowTitle(tr("Lessons"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Each lesson opens as a design with instructions and goals that tick as you edit."), this));
    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("lessonsList"));
    m_list->setColumnCount(3);
    m_list->setHeaderLabels({tr("Lesson"), tr("Minutes"), tr("What you do")});
    m_list->setRootIsDecorated(false);
    m_list->setWordWrap(true);
    m_list->header()->setSectionResizeMode(0, QHeaderView::Interactive);
    m_list->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_list->header()->setStretchLastSection(true);
    m_list->setColumnWidth(0, 300);
    layout->addWidget(m_list, 1);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_open = buttons->addButton(tr("&Open Lesson"), QDialogButtonBox::AcceptRole);
    m_open->setObjectName(QStringLiteral("openLesson"));
    connect(m_open, &QPushButton::clicked, this, &LessonsDialog::openSelected);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QTreeWidget::itemDoubleClicked, this, &LessonsDialog::openSelected);
    connect(m_list, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
        m_open->setEnabled(item && !item->data(0, Qt::UserRole).toString().isEmpty());
    });
    layout->addWidget(buttons);
    resize(820, 420);
    reload();
}

void LessonsDialog::reload()
{
    m_list->clear();
    const QDir dir(m_directory);
    const QStringList files = m_directory.isEmpty() ? QStringList()
                                                    : dir.entryList({QStringLiteral("*.privatepath")}, QDir::Files, QDir::Name);
    for (const QString& name : files) {
        const QString path = dir.filePath(name);
        const LoadResult loaded = loadDesignFile(path.toStdString());
        auto* item = new QTreeWidgetItem(m_list);
        if (!loaded.ok() || !loaded.design->lesson) {
            item->setText(0, name);
            item->setText(2, loaded.ok() ? tr("Not a lesson (no lesson section).")
                                         : QString::fromStdString(loaded.diagnostics.empty() ? std::string() : loaded.diagnostics.front().format()));
            item->setDisabled(true);
            continue;
        }
        const Lesson& lesson = *loaded.design->lesson;
        item->setText(0, QString::fromStdString(lesson.title));
        item->setText(1, lesson.estimatedMinutes ? QString::number(*lesson.estimatedMinutes) : QString());
        item->setText(2, QString::fromStdString(lesson.summary));
        item->setToolTip(2, QString::fromStdString(lesson.summary));
        item->setToolTip(0, QDir::toNativeSeparators(path));
        item->setData(0, Qt::UserRole, path);
    }
    if (files.isEmpty()) {
        auto* item = new QTreeWidgetItem(m_list);
        item->setText(0, tr("No lessons found"));
        item->setText(2, m_directory.isEmpty() ? tr("The bundled lessons folder was not found (set PRIVATEPATH_LESSONS).")
                                               : QDir::toNativeSeparators(m_directory));
        item->setDisabled(true);
    }
    m_list->setCurrentItem(m_list->topLevelItem(0));
    m_open->setEnabled(m_list->currentItem() && !m_list->currentItem()->data(0, Qt::UserRole).toString().isEmpty());
}

void LessonsDialog::openSelected()
{
    QTreeWidgetItem* item = m_list->currentItem();
    const QString path = item ? item->data(0, Qt::UserRole).toString() : QString();
    if (path.isEmpty())
        return;
    accept();
    emit lessonChosen(path);
}

} // namespace pp::ui
