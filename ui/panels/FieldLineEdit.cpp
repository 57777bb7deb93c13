#include "panels/FieldLineEdit.h"

#include <QKeyEvent>

namespace pp::ui {

FieldLineEdit::FieldLineEdit(QWidget* parent) : QLineEdit(parent)
{
    // Enter and focus-out both end an edit; only a draft is worth a commit (and an undo step).
    connect(this, &QLineEdit::editingFinished, this, [this] {
        if (hasDraft())
            emit commitRequested();
    });
    // Typing or undoing back to the model's value leaves nothing refused (setText() comes here too).
    connect(this, &QLineEdit::textChanged, this, [this] {
        if (!hasDraft())
            emit draftDropped();
    });
}

void FieldLineEdit::setModelText(const QString& text)
{
    // The same value again (the inspector shows the model after every change): a draft stays.
    if (text == m_model)
        return;
    m_model = text;
    showText(text);
}

void FieldLineEdit::draftCommitted()
{
    m_model = text();
    // Undo in the field must not go back past what the model now holds: a fresh history.
    showText(m_model);
}

void FieldLineEdit::revert()
{
    showText(m_model);
    emit draftDropped(); // also when the text was the model's already
}

void FieldLineEdit::showText(const QString& text)
{
    // setText() also clears the undo history. A cursor in the text stays where it was when
    // the text is the same (a commit), rather than jumping to the end.
    const int cursor = cursorPosition();
    const bool same = text == this->text();
    setText(text);
    if (same)
        setCursorPosition(cursor);
}

bool FieldLineEdit::event(QEvent* e)
{
    if (e->type() == QEvent::ShortcutOverride) {
        const auto* key = static_cast<QKeyEvent*>(e);
        // Not accepting the override lets the window's shortcut (Undo, Redo) have the key.
        if (key->matches(QKeySequence::Undo) && !(hasDraft() && isUndoAvailable()))
            return true;
        if (key->matches(QKeySequence::Redo) && !isRedoAvailable())
            return true;
        if (key->key() == Qt::Key_Escape && key->modifiers() == Qt::NoModifier && hasDraft()) {
            e->accept();
            return true;
        }
    }
    return QLineEdit::event(e);
}

void FieldLineEdit::keyPressEvent(QKeyEvent* e)
{
    if (e->key() == Qt::Key_Escape && e->modifiers() == Qt::NoModifier && hasDraft()) {
        revert();
        e->accept();
        return;
    }
    QLineEdit::keyPressEvent(e);
}

} // namespace pp::ui
