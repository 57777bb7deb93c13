#include "help/UserGuideDialog.h"

#include <QAbstractTextDocumentLayout>
#include <QAction>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QFile>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSet>
#include <QSplitter>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextCursor>
#include <QTextTable>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>

namespace pp::ui {
namespace {

constexpr int kBlockRole = Qt::UserRole;
const QColor kHeadingColour(0x1B, 0x5E, 0x20); // the VPC green of the canvas
const QColor kCodeBackground(0xF1, 0xF3, 0xF4);
const QColor kTableBorder(0xB0, 0xBE, 0xC5);

bool isCodeBlock(const QTextBlock& block)
{
    // The Markdown reader marks fenced and indented code blocks as non-breakable lines.
    return block.blockFormat().nonBreakableLines() ||
           block.blockFormat().hasProperty(QTextFormat::BlockCodeFence);
}

} // namespace

UserGuideDialog::UserGuideDialog(QWidget* parent)
    : QDialog(parent), m_text(new QTextBrowser(this)), m_contents(new QTreeWidget(this)),
      m_find(new QLineEdit(this)), m_findStatus(new QLabel(this))
{
    setObjectName(QStringLiteral("userGuide"));
    setWindowTitle(tr("PrivatePath User Guide"));
    setModal(false);
    setSizeGripEnabled(true);
    resize(1040, 760);

    m_text->setObjectName(QStringLiteral("userGuideText"));
    m_text->setOpenLinks(false); // internal anchors and web links are handled in openLink()
    m_text->document()->setDocumentMargin(16);
    connect(m_text, &QTextBrowser::anchorClicked, this, &UserGuideDialog::openLink);

    m_contents->setObjectName(QStringLiteral("userGuideContents"));
    m_contents->setHeaderHidden(true);
    m_contents->setColumnCount(1);
    m_contents->setUniformRowHeights(true);
    auto jumpTo = [this](QTreeWidgetItem* item) {
        if (item && !m_following)
            scrollToBlock(item->data(0, kBlockRole).toInt());
    };
    connect(m_contents, &QTreeWidget::currentItemChanged, this, jumpTo);
    connect(m_contents, &QTreeWidget::itemClicked, this, jumpTo);
    connect(m_text->verticalScrollBar(), &QScrollBar::valueChanged, this, &UserGuideDialog::followScroll);

    m_find->setObjectName(QStringLiteral("userGuideFind"));
    m_find->setPlaceholderText(tr("Find in the guide (Enter: next, Shift+Enter: previous)"));
    m_find->setClearButtonEnabled(true);
    m_findStatus->setObjectName(QStringLiteral("userGuideFindStatus"));
    connect(m_find, &QLineEdit::returnPressed, this,
            [this] { findNext(QGuiApplication::keyboardModifiers().testFlag(Qt::ShiftModifier)); });
    auto* findAction = new QAction(this);
    findAction->setShortcut(QKeySequence::Find);
    connect(findAction, &QAction::triggered, this, [this] {
        m_find->setFocus();
        m_find->selectAll();
    });
    auto* nextAction = new QAction(this);
    nextAction->setShortcut(QKeySequence::FindNext);
    connect(nextAction, &QAction::triggered, this, [this] { findNext(false); });
    auto* previousAction = new QAction(this);
    previousAction->setShortcut(QKeySequence::FindPrevious);
    connect(previousAction, &QAction::triggered, this, [this] { findNext(true); });
    addActions({findAction, nextAction, previousAction});

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    auto* side = new QWidget(splitter);
    auto* sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(0, 0, 0, 0);
    auto* contentsLabel = new QLabel(tr("<b>Contents</b>"), side);
    sideLayout->addWidget(contentsLabel);
    sideLayout->addWidget(m_contents);
    splitter->addWidget(side);
    splitter->addWidget(m_text);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({270, 770});
    splitter->setChildrenCollapsible(false);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    // Enter in the find field must search, not press Close.
    for (QAbstractButton* b : buttons->buttons())
        if (auto* push = qobject_cast<QPushButton*>(b))
            push->setAutoDefault(false);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    auto* findRow = new QHBoxLayout;
    findRow->addWidget(m_find, 1);
    findRow->addWidget(m_findStatus);
    layout->addLayout(findRow);
    layout->addWidget(splitter, 1);
    layout->addWidget(buttons);

    load();
}

QString UserGuideDialog::anchorOf(const QString& heading)
{
    QString anchor;
    for (QChar c : heading.trimmed().toLower()) {
        if (c.isLetterOrNumber() || c == QLatin1Char('-') || c == QLatin1Char('_'))
            anchor += c;
        else if (c.isSpace())
            anchor += QLatin1Char('-');
    }
    return anchor;
}

void UserGuideDialog::load()
{
    QFile file(QStringLiteral(":/help/user-guide.md"));
    QString markdown;
    if (file.open(QIODevice::ReadOnly))
        markdown = QString::fromUtf8(file.readAll());
    else
        markdown = tr("# User guide\n\nThe user guide is missing from this build of PrivatePath.\n");
    m_text->document()->setMarkdown(markdown, QTextDocument::MarkdownDialectGitHub);
    polishDocument();
    buildContents();
    // Open at the beginning: the cursor left at the end would scroll there when shown.
    m_text->setTextCursor(QTextCursor(m_text->document()));
}

void UserGuideDialog::polishDocument()
{
    // The Markdown reader gives structure but little styling: coloured headings with room above
    // them, shaded code, and tables with visible cell borders.
    QTextDocument* doc = m_text->document();
    QTextCursor cursor(doc);
    cursor.beginEditBlock();
    for (QTextBlock block = doc->begin(); block.isValid(); block = block.next()) {
        QTextCursor at(block);
        if (const int level = block.blockFormat().headingLevel(); level > 0) {
            QTextBlockFormat format;
            format.setTopMargin(level == 1 ? 4 : level == 2 ? 22 : 14);
            format.setBottomMargin(6);
            at.mergeBlockFormat(format);
            at.movePosition(QTextCursor::EndOfBlock, QTextCursor::KeepAnchor);
            QTextCharFormat colour;
            colour.setForeground(kHeadingColour);
            at.mergeCharFormat(colour);
        } else if (isCodeBlock(block)) {
            QTextBlockFormat format;
            format.setBackground(kCodeBackground);
            format.setLeftMargin(12);
            at.mergeBlockFormat(format);
        } else {
            // Inline code spans: a light background, as on GitHub.
            for (auto it = block.begin(); !it.atEnd(); ++it) {
                const QTextFragment fragment = it.fragment();
                if (!fragment.charFormat().fontFixedPitch())
                    continue;
                QTextCursor span(doc);
                span.setPosition(fragment.position());
                span.setPosition(fragment.position() + fragment.length(), QTextCursor::KeepAnchor);
                QTextCharFormat shade;
                shade.setBackground(kCodeBackground);
                span.mergeCharFormat(shade);
            }
        }
    }
    for (QTextFrame* frame : doc->rootFrame()->childFrames())
        if (auto* table = qobject_cast<QTextTable*>(frame)) {
            QTextTableFormat format = table->format();
            format.setBorder(1);
            format.setBorderBrush(kTableBorder);
            format.setBorderStyle(QTextFrameFormat::BorderStyle_Solid);
            format.setBorderCollapse(true);
            format.setCellSpacing(0);
            format.setCellPadding(5);
            format.setTopMargin(6);
            format.setBottomMargin(10);
            table->setFormat(format);
        }
    cursor.endEditBlock();
}

void UserGuideDialog::buildContents()
{
    // Level 1 is the guide's title; level 2 headings are the chapters, level 3 their sections.
    m_contents->clear();
    m_headings.clear();
    QSet<QString> used;
    QTreeWidgetItem* chapter = nullptr;
    for (QTextBlock block = m_text->document()->begin(); block.isValid(); block = block.next()) {
        const int level = block.blockFormat().headingLevel();
        if (level == 0)
            continue;
        const QString title = block.text().trimmed();
        // GitHub numbers repeated anchors: "setup", "setup-1", "setup-2"...
        QString anchor = anchorOf(title);
        for (int n = 1; used.contains(anchor); ++n)
            anchor = anchorOf(title) + QLatin1Char('-') + QString::number(n);
        used.insert(anchor);
        QTreeWidgetItem* item = nullptr;
        if (level == 2) {
            item = chapter = new QTreeWidgetItem(m_contents, {title});
        } else if (level == 3) {
            item = chapter ? new QTreeWidgetItem(chapter, {title}) : new QTreeWidgetItem(m_contents, {title});
        }
        if (item) {
            item->setData(0, kBlockRole, block.blockNumber());
            item->setToolTip(0, title);
        }
        m_headings.push_back({block.blockNumber(), anchor, item});
    }
    m_contents->expandAll();
}

bool UserGuideDialog::showSection(const QString& anchor)
{
    for (const Heading& h : m_headings)
        if (h.anchor == anchor) {
            scrollToBlock(h.block);
            return true;
        }
    return false;
}

void UserGuideDialog::scrollToBlock(int blockNumber)
{
    const QTextBlock block = m_text->document()->findBlockByNumber(blockNumber);
    if (!block.isValid())
        return;
    m_following = true;
    m_text->setTextCursor(QTextCursor(block));
    const QRectF where = m_text->document()->documentLayout()->blockBoundingRect(block);
    m_text->verticalScrollBar()->setValue(int(where.top()));
    // The heading asked for is the current entry, even when it is too near the end to reach
    // the top of the view.
    for (const Heading& h : m_headings)
        if (h.block == blockNumber && h.item)
            m_contents->setCurrentItem(h.item);
    m_following = false;
}

void UserGuideDialog::followScroll()
{
    if (m_following)
        return;
    // The current entry is the last heading at or above the top of the view.
    const int top = m_text->verticalScrollBar()->value();
    QAbstractTextDocumentLayout* layout = m_text->document()->documentLayout();
    QTreeWidgetItem* current = nullptr;
    for (const Heading& h : m_headings) {
        if (layout->blockBoundingRect(m_text->document()->findBlockByNumber(h.block)).top() > top + 8)
            break;
        if (h.item)
            current = h.item;
    }
    m_following = true;
    if (current)
        m_contents->setCurrentItem(current);
    else
        m_contents->setCurrentItem(nullptr);
    m_following = false;
}

void UserGuideDialog::openLink(const QUrl& url)
{
    if (url.scheme().isEmpty() && url.path().isEmpty() && url.hasFragment()) {
        showSection(url.fragment());
        return;
    }
    if (url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https") ||
        url.scheme() == QLatin1String("mailto"))
        QDesktopServices::openUrl(url);
}

void UserGuideDialog::findNext(bool backward)
{
    const QString text = m_find->text();
    m_findStatus->clear();
    if (text.isEmpty())
        return;
    const QTextDocument::FindFlags flags =
        backward ? QTextDocument::FindBackward : QTextDocument::FindFlags();
    if (m_text->find(text, flags))
        return;
    // Wrap around once.
    QTextCursor wrap(m_text->document());
    wrap.movePosition(backward ? QTextCursor::End : QTextCursor::Start);
    m_text->setTextCursor(wrap);
    if (!m_text->find(text, flags))
        m_findStatus->setText(tr("Not found"));
}

} // namespace pp::ui
