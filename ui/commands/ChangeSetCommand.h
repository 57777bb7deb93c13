#pragma once

#include "edit/ChangeSet.h"

#include <QUndoCommand>

namespace pp::ui {

class Document;

// The one undo command (STYLE rule 6): it wraps a core change-set; undo applies the inverse.
// Continuous gestures (a drag, typing in one field) merge into one step while `gesture` matches
// and the gesture is not sealed.
class ChangeSetCommand : public QUndoCommand {
public:
    ChangeSetCommand(Document& document, ChangeSet change, const QString& text, int gesture = -1);

    void redo() override;
    void undo() override;
    int id() const override { return m_gesture; }
    bool mergeWith(const QUndoCommand* other) override;

    void seal() { m_sealed = true; }
    const ChangeSet& change() const { return m_change; }

private:
    Document& m_document;
    ChangeSet m_change;
    int m_gesture;
    bool m_sealed = false;
};

} // namespace pp::ui
