#include "panels/FieldRow.h"

#include "panels/FieldError.h"

#include <QKeyEvent>
#include <QLineEdit>
#include <QPainter>
#include <QVBoxLayout>

namespace pp::ui {
namespace {

constexpr int kFrame = 2;

} // namespace

FieldRow::FieldRow(const QString& key, QWidget* editor, QWidget* parent) : QWidget(parent), m_editor(editor)
{
    auto* layout = new QVBoxLayout(this);
    // Room around the editor for the frame that marks a refused combo or check box.
    layout->setContentsMargins(kFrame, kFrame, kFrame, kFrame);
    layout->setSpacing(2);
    layout->addWidget(editor);
    m_error = new FieldError(key, this);
    layout->addWidget(m_error);
    editor->installEventFilter(this);
    setFocusProxy(editor); // focus given to the row (Tab, the label's mnemonic) goes to the editor
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

void FieldRow::paintEvent(QPaintEvent*)
{
    // Line edits are marked by the style sheet; other editors would lose their own look to it.
    if (!isRefused() || qobject_cast<QLineEdit*>(m_editor))
        return;
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(kRefusedColor, 1.5));
    painter.setBrush(Qt::NoBrush);
    painter.drawRoundedRect(QRectF(m_editor->geometry()).adjusted(-1.5, -1.5, 1.5, 1.5), 3, 3);
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
