#include "commands/ChangeSetCommand.h"

#include "document/Document.h"

namespace pp::ui {

ChangeSetCommand::ChangeSetCommand(Document& document, ChangeSet change, const QString& text, int gesture)
    : m_document(document), m_change(std::move(change)), m_gesture(gesture)
{
    setText(text);
}

void ChangeSetCommand::redo() { m_document.applyDirect(m_change); }

void ChangeSetCommand::undo() { m_document.applyDirect(m_change.inverse()); }

bool ChangeSetCommand::mergeWith(const QUndoCommand* other)
{
    const auto* next = static_cast<const ChangeSetCommand*>(other);
    if (m_sealed || next->m_gesture != m_gesture || m_gesture < 0 || m_change.lesson || next->m_change.lesson)
        return false;
    // Same things changed again: keep our "before", take their "after".
    ChangeSet merged = m_change;
    auto mergeList = [](auto& mine, const auto& theirs, auto key) {
        for (const auto& change : theirs) {
            auto it = std::find_if(mine.begin(), mine.end(), [&](const auto& c) { return key(c) == key(change); });
            if (it == mine.end())
                return false;
            it->after = change.after;
        }
        return true;
    };
    if (!mergeList(merged.resources, next->m_change.resources, [](const ResourceChange& c) { return c.id; }) ||
        !mergeList(merged.shapes, next->m_change.shapes, [](const ShapeChange& c) { return c.resource; }) ||
        !mergeList(merged.flows, next->m_change.flows, [](const FlowChange& c) { return c.id; }))
        return false;
    if (next->m_change.connectorsAfter)
        merged.connectorsAfter = next->m_change.connectorsAfter;
    m_change = std::move(merged);
    return true;
}

} // namespace pp::ui
