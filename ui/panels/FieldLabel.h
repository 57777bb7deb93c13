#pragma once

#include <QLabel>

namespace pp::ui {

// A field's name in the inspector's form, in words (see FieldLabels.h). It wraps at spaces to
// the room the form has rather than pushing the editors out of view behind a horizontal scroll
// bar; a single word that still does not fit is elided. The tooltip gives the whole name, the
// file's key for the field and its documentation.
class FieldLabel : public QLabel {
    Q_OBJECT
public:
    FieldLabel(const QString& label, const QString& key, const QString& doc, QWidget* parent);

    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;
};

} // namespace pp::ui
