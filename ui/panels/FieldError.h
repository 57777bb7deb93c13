#pragma once

#include <QColor>
#include <QLabel>

namespace pp::ui {

// What the inspector says under one field: why the value in it was refused (in red), or a hint
// about it (a table row being added) in the normal text colour. Hidden when there is nothing to
// say. Its object name is "fieldError-<key>".
class FieldError : public QLabel {
    Q_OBJECT
public:
    FieldError(const QString& key, QWidget* parent);

    void showRefusal(const QString& reason);
    void showHint(const QString& hint);
    void clear();

private:
    void showText(const QString& text, bool refusal);
};

// An editor holding a refused value carries the dynamic property "refused" = true. For line
// edits the style sheet kRefusedStyleSheet (set on the inspector) draws it as a red frame on a
// red tint; FieldRow frames other editors in kRefusedColor.
void setRefused(QWidget* editor, bool refused);
bool isRefused(const QWidget* editor);
extern const char* const kRefusedStyleSheet;
extern const QColor kRefusedColor;

} // namespace pp::ui
