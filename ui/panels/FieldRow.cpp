#include "panels/FieldRow.h"

#include "panels/FieldError.h"

#include <QKeyEvent>
#include <QVBoxLayout>

namespace pp::ui {

FieldRow::FieldRow(const QString& key, QWidget* editor, QWidget* parent) : QWidget(parent), m_editor(editor)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(editor);
    m_error = new FieldError(key, this);
    layout->addWidget(m_error);
    editor->installEventFilter(this);
    // The form's label sits beside the editor, not beside the reason under it.
    setFocusProxy(editor);
}

void FieldRow::refuse(const QString& reason)
{
    setRefused(m_editor, true);
    m_error->showRefusal(reason);
}

void FieldRow::clearRefusal()
{
    setRefused(m_editor, false);
    m_error->clear();
}

bool FieldRow::isRefused() const { return pp::ui::isRefused(m_editor); }

QString FieldRow::reason() const { return m_error->text(); }

bool FieldRow::takeModelValue(const QString& text)
{
    const bool same = text == m_model;
    m_model = text;
    if (same && isRefused())
        return false;
    clearRefusal();
    return true;
}

bool FieldRow::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_editor && escaped && isRefused() &&
        (event->type() == QEvent::ShortcutOverride || event->type() == QEvent::KeyPress)) {
        const auto* key = static_cast<QKeyEvent*>(event);
        if (key->key() == Qt::Key_Escape && key->modifiers() == Qt::NoModifier) {
            event->accept();
            if (event->type() == QEvent::KeyPress) {
                clearRefusal();
                escaped();
            }
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace pp::ui
