#pragma once

#include "model/Kind.h"
#include "model/Enums.h"

#include <QColor>
#include <QIcon>
#include <QPixmap>
#include <QString>

class QPainter;

namespace pp::ui {

// How things look: one place for colours and icons so canvas, palette and legend agree.
namespace style {

QColor kindColor(Kind kind);
QColor verdictColor(Verdict verdict);
QString verdictLabel(Verdict verdict);
QString kindLabel(Kind kind);     // "VPC", "Internet gateway"...
QString iconPath(Kind kind);       // ":/icons/vpc.svg"
QIcon kindIcon(Kind kind);
void paintIcon(QPainter& painter, Kind kind, const QRectF& target);
bool isContainer(Kind kind);
// `colour` mixed into white: `amount` 0 = white, 1 = the colour.
QColor tint(const QColor& colour, double amount);      // drawn as a box holding other shapes
QSizeF defaultSize(Kind kind);

inline constexpr double kGrid = 10.0;
inline constexpr double kHeader = 40.0;

} // namespace style
} // namespace pp::ui
