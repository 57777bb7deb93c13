#include "document/RecoveryDialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace pp::ui {

RecoveryDialog::RecoveryDialog(QList<RecoveryEntry> entries, QWidget* parent)
    : QDialog(parent), m_entries(std::move(entries)), m_list(new QTreeWidget(this)), m_comparison(new QLabel(this))
{
    setObjectName(QStringLiteral("recoveryDialog"));
    setWindowTitle(tr("Recover unsaved changes"));
    auto* intro = new QLabel(tr("PrivatePath did not close normally. These designs had changes that were not saved; "
                                "their last autosave can be opened, compared with the file, or discarded."),
                             this);
    intro->setWordWrap(true);
    m_list->setObjectName(QStringLiteral("recoveryList"));
    m_list->setAccessibleName(tr("Recoverable designs"));
    m_list->setRootIsDecorated(false);
    m_list->setHeaderLabels({tr("Design"), tr("Last autosave"), tr("File")});
    const QLocale locale;
    for (const RecoveryEntry& e : m_entries) {
        auto* item = new QTreeWidgetItem(m_list, {e.displayName(), locale.toString(e.savedAt, QLocale::ShortFormat),
                                                  e.originalPath.isEmpty() ? tr("(never saved)") : QDir::toNativeSeparators(e.originalPath)});
        item->setToolTip(2, item->text(2));
    }
    m_list->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_list->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_comparison->setObjectName(QStringLiteral("recoveryComparison"));
    m_comparison->setWordWrap(true);
    m_comparison->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* buttons = new QDialogButtonBox(this);
    m_open = buttons->addButton(tr("&Open Recovered"), QDialogButtonBox::AcceptRole);
    m_open->setObjectName(QStringLiteral("recoverOpen"));
    m_compare = buttons->addButton(tr("&Compare with File"), QDialogButtonBox::ActionRole);
    m_compare->setObjectName(QStringLiteral("recoverCompare"));
    m_discard = buttons->addButton(tr("&Discard"), QDialogButtonBox::DestructiveRole);
    m_discard->setObjectName(QStringLiteral("recoverDiscard"));
    QPushButton* later = buttons->addButton(tr("Decide &Later"), QDialogButtonBox::RejectRole);
    later->setObjectName(QStringLiteral("recoverLater"));
    later->setToolTip(tr("Keep them: File → Recover Unsaved Changes shows this list again."));
    // The buttons act on the selection; none of them closes the dialog by itself.
    connect(m_open, &QPushButton::clicked, this, [this] {
        if (const int i = current(); i >= 0)
            emit openRequested(m_entries[i]);
    });
    connect(m_compare, &QPushButton::clicked, this, &RecoveryDialog::compareCurrent);
    connect(m_discard, &QPushButton::clicked, this, &RecoveryDialog::discardCurrent);
    connect(later, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_list, &QTreeWidget::currentItemChanged, this, &RecoveryDialog::selectionChanged);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_comparison);
    layout->addWidget(buttons);
    resize(760, 420);
    if (m_list->topLevelItemCount() > 0)
        m_list->setCurrentItem(m_list->topLevelItem(0));
    selectionChanged();
}

int RecoveryDialog::current() const
{
    QTreeWidgetItem* item = m_list->currentItem();
    return item ? m_list->indexOfTopLevelItem(item) : -1;
}

QString RecoveryDialog::comparisonText() const { return m_comparison->text(); }

void RecoveryDialog::selectionChanged()
{
    const int i = current();
    m_open->setEnabled(i >= 0);
    m_discard->setEnabled(i >= 0);
    m_compare->setEnabled(i >= 0 && !m_entries[i].originalPath.isEmpty());
    m_comparison->setText(i >= 0 && m_entries[i].originalPath.isEmpty()
                              ? tr("This design was never saved: there is no file to compare it with.")
                              : QString());
}

void RecoveryDialog::compareCurrent()
{
    if (const int i = current(); i >= 0)
        m_comparison->setText(Recovery::describe(Recovery::compare(m_entries[i])));
}

void RecoveryDialog::discardCurrent()
{
    const int i = current();
    if (i < 0)
        return;
    Recovery::discard(m_entries[i]);
    removeCurrent();
}

void RecoveryDialog::removeCurrent()
{
    const int i = current();
    if (i < 0)
        return;
    m_entries.removeAt(i);
    delete m_list->takeTopLevelItem(i);
    if (m_entries.isEmpty())
        accept();
    else
        selectionChanged();
}

} // namespace pp::ui
