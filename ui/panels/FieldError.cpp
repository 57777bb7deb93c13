#include "panels/FieldError.h"

#include <QColor>
#include <QStyle>
#include <QVariant>

namespace pp::ui {

// The red of refusals everywhere in the inspector: the reason's text, a line edit's frame on a
// faint tint, and the background of a refused table cell. Combo and check boxes keep their own
// look (a style sheet frame would replace their arrow and indicator): FieldRow frames them.
const char* const kRefusedStyleSheet = "QLineEdit[refused=\"true\"] { border: 1px solid #C62828; border-radius: 3px;"
                                       " background: #FDECEA; padding: 1px 3px; }"
                                       "pp--ui--FieldError[refusal=\"true\"] { color: #C62828; }";
const QColor kRefusedColor(0xC6, 0x28, 0x28);

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
    // The style sheet colours a refusal by this property.
    const bool red = refusal && !text.isEmpty();
    if (property("refusal").toBool() != red) {
        setProperty("refusal", red);
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
    editor->updateGeometry();
    editor->update();
    if (QWidget* parent = editor->parentWidget())
        parent->update(); // FieldRow's frame
}

bool isRefused(const QWidget* editor) { return editor->property("refused").toBool(); }

} // namespace pp::ui
