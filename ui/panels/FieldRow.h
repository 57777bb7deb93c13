#pragma once

#include <QWidget>
#include <functional>

namespace pp::ui {

class FieldError;

// One field of the inspector's form: its editor and, under it, why a value was refused.
//
// A refused value stays in the editor, marked (the "refused" property, see FieldError.h), with the
// reason under it, until the user fixes it, presses Escape (`escaped` shows the model's value
// again) or the model's value for the field changes. The row itself is what the form lays out.
class FieldRow : public QWidget {
    Q_OBJECT
public:
    FieldRow(const QString& key, QWidget* editor, QWidget* parent);

    QWidget* editor() const { return m_editor; }
    void refuse(const QString& reason);
    void clearRefusal();
    bool isRefused() const;
    QString reason() const;

    // For editors that show a value rather than a draft (combo and check boxes): whether the
    // model's value, as `text`, is to be shown. Not while a refused value is kept against that
    // same model value; a new model value ends the refusal.
    bool takeModelValue(const QString& text);
    QString modelValue() const { return m_model; }

    // Escape on a refused value (not set for line edits, which handle Escape themselves).
    std::function<void()> escaped;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;

private:
    QWidget* m_editor;
    FieldError* m_error;
    QString m_model;
};

} // namespace pp::ui
