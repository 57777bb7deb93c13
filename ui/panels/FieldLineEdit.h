#pragma once

#include <QLineEdit>

namespace pp::ui {

// The inspector's one-line editor. Its text is a draft of the model's value: typing changes only
// the text, and Enter or leaving the field asks for it to be committed (commitRequested) as one
// undo step, only when it differs from the model's value.
//
// Undo and Redo belong to the text while it is a draft (QLineEdit's own history, which starts at
// the model's value); otherwise they are left to the window, whose Undo undoes the document. So
// Undo right after a commit undoes the commit, and can never bring back an older text that
// leaving the field would then commit as a new edit.
//
// A draft stays while the model's value does not change (a refused text stays for the user to
// fix); when it does change (undo, an edit elsewhere), the field shows it. Escape gives up the
// draft and shows the model's value.
class FieldLineEdit : public QLineEdit {
    Q_OBJECT
public:
    explicit FieldLineEdit(QWidget* parent = nullptr);

    // The model's value as text; shown unless the field holds a draft for the same value.
    void setModelText(const QString& text);
    QString modelText() const { return m_model; }
    bool hasDraft() const { return text() != m_model; }
    // The draft was accepted: it is the model's value now, and the text's history starts again.
    void draftCommitted();
    // Shows the model's value again, dropping the draft and its history.
    void revert();

signals:
    // Enter, or focus lost, with a draft.
    void commitRequested();
    // The text is the model's value again (Escape, Undo, or the model changed): nothing to mark.
    void draftDropped();

protected:
    bool event(QEvent* e) override;
    void keyPressEvent(QKeyEvent* e) override;

private:
    void showText(const QString& text);

    QString m_model;
};

} // namespace pp::ui
