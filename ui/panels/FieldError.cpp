#include "panels/FieldError.h"

#include <QStyle>
#include <QVariant>

namespace pp::ui {

// The red of refusals everywhere in the inspector: the reason's text, an editor's frame, and
// (faint) the background of a refused table cell.
const char* const kRefusedStyleSheet = "QLineEdit[refused=\"true\"], QComboBox[refused=\"true\"] {"
                                       " border: 1px solid #C62828; border-radius: 3px; background: #FDECEA;"
                                       " padding: 1px 3px; }"
                                       "QCheckBox[refused=\"true\"] { background: #FDECEA; border: 1px solid #C62828;"
                                       " border-radius: 3px; }"
                                       "pp--ui--FieldError[refusal=\"true\"] { color: #C62828; }";

FieldError::FieldError(const QString& key, QWidget* parent) : QLabel(parent)
{
    setObjectName(QStringLiteral("fieldError-") + key);
    setWordWrap(true);
    setTextFormat(Qt::PlainText);
    setTextInteractionFlags(Qt::TextSelectableByMouse); // a reason can be copied into a search
    hide();
}

void FieldError::showRefusal(const QString& reason) { showText(reason, true); }

void FieldError::showHint(const QString& hint) { showText(hint, false); }

void FieldError::clear() { showText({}, false); }

void FieldError::showText(const QString& text, bool refusal)
{
    m_refusal = refusal && !text.isEmpty();
    if (property("refusal").toBool() != m_refusal) {
        setProperty("refusal", m_refusal);
        style()->unpolish(this);
        style()->polish(this);
    }
    setText(text);
    setVisible(!text.isEmpty());
}

void setRefused(QWidget* editor, bool refused)
{
    if (isRefused(editor) == refused)
        return;
    editor->setProperty("refused", refused);
    // Style sheets read dynamic properties when a widget is polished.
    editor->style()->unpolish(editor);
    editor->style()->polish(editor);
    editor->update();
}

bool isRefused(const QWidget* editor) { return editor->property("refused").toBool(); }

} // namespace pp::ui
