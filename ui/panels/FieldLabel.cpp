#include "panels/FieldLabel.h"

#include <QPainter>
#include <QStyle>
#include <algorithm>

namespace pp::ui {

FieldLabel::FieldLabel(const QString& key, const QString& doc, QWidget* parent) : QLabel(key, parent)
{
    setTextFormat(Qt::PlainText);
    setToolTip(doc.isEmpty() ? key : key + QLatin1Char('\n') + doc);
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

void FieldLabel::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    const QRect area = contentsRect();
    const QString shown = fontMetrics().elidedText(text(), Qt::ElideRight, area.width());
    style()->drawItemText(&painter, area, int(QStyle::visualAlignment(layoutDirection(), alignment())), palette(),
                          isEnabled(), shown, foregroundRole());
}

} // namespace pp::ui
