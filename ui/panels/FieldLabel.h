#pragma once

#include <QLabel>

namespace pp::ui {

// A field's name in the inspector's form. Long names (keys are camelCase words, so they cannot
// wrap) are elided to the room the form has rather than pushing the editors out of view behind
// a horizontal scroll bar; the tooltip always gives the whole name and the field's
// documentation.
class FieldLabel : public QLabel {
    Q_OBJECT
public:
    FieldLabel(const QString& key, const QString& doc, QWidget* parent);

    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;
};

} // namespace pp::ui
