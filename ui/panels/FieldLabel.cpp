#include "panels/FieldLabel.h"

#include <QPainter>
#include <QStyle>
#include <algorithm>

namespace pp::ui {

FieldLabel::FieldLabel(const QString& label, const QString& key, const QString& doc, QWidget* parent) : QLabel(label, parent)
{
    setTextFormat(Qt::PlainText);
    setWordWrap(true);
    QString tip = label;
    if (!key.isEmpty() && key != label)
        tip += tr("\nFile key: %1").arg(key);
    if (!doc.isEmpty())
        tip += QLatin1Char('\n') + doc;
    setToolTip(tip);
}

QSize FieldLabel::minimumSizeHint() const
{
    // Room for a few letters and the ellipsis: the form gives labels their full width when it
    // can, and this much when the inspector is at its narrowest.
    QSize size = QLabel::minimumSizeHint();
    const int least = fontMetrics().horizontalAdvance(QStringLiteral("mmm\u2026")) + contentsMargins().left() +
                      contentsMargins().right();
    size.setWidth(std::min(size.width(), least));
    return size;
}

void FieldLabel::paintEvent(QPaintEvent* event)
{
    const QRect area = contentsRect();
    // Words wrap (QLabel); a word wider than the room is elided rather than cut off.
    const QStringList words = text().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    const bool fits = std::all_of(words.begin(), words.end(),
                                  [&](const QString& w) { return fontMetrics().horizontalAdvance(w) <= area.width(); });
    if (fits) {
        QLabel::paintEvent(event);
        return;
    }
    QPainter painter(this);
    const QString shown = fontMetrics().elidedText(text(), Qt::ElideRight, area.width());
    style()->drawItemText(&painter, area, int(QStyle::visualAlignment(layoutDirection(), alignment())), palette(),
                          isEnabled(), shown, foregroundRole());
}

} // namespace pp::ui
