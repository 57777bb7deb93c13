#pragma once

#include "aws/AwsServices.h"
#include "model/Kind.h"
#include "io/Diagnostic.h"
#include "model/Resource.h"
#include "model/Enums.h"

#include <QColor>
#include <QFont>
#include <QIcon>
#include <QPixmap>
#include <QString>

class QPainter;

namespace pp::ui {

// How things look: one place for colours and icons so canvas, palette and legend agree.
namespace style {

QColor kindColor(Kind kind);
// A resource's colour where it is drawn as a mark (far out): its kind's, except that an AWS
// service of a listed service has its category icon's colour, as close up.
QColor markColor(const Resource& resource);
QColor serviceCategoryColor(ServiceCategory category); // the fill of its icon
QColor verdictColor(Verdict verdict);
// Flows when verdict colours are off (an export for documentation).
QColor neutralFlowColor();
// The ring on the hops of every public path (the point where it leaves: verdictColor(Public)).
QColor publicPathRingColor();
// The badge of a resource with findings of this severity.
QColor badgeColor(Severity severity);
QString verdictLabel(Verdict verdict);
QString kindLabel(Kind kind);     // "VPC", "Internet gateway"...
// Icons are named by their path under resources/icons without ".svg": a kind's is its file
// name ("vpc"), an AWS service category's is "services/<category key>" ("services/storage").
QString iconName(Kind kind);
// The icon a resource is drawn with: its kind's, except that an AWS service of a listed service
// shows its category's (the generic AWS service icon for services the catalogue does not list).
QString iconName(const Resource& resource);
QString serviceIconName(const std::string& service);
QString iconPath(const QString& icon); // ":/icons/vpc.svg"
QString iconPath(Kind kind);
QIcon kindIcon(Kind kind);
QIcon namedIcon(const QString& icon);
// Draws an icon. On the canvas (widgets, pixmaps) from a raster cached per icon; on export
// devices as vectors (PDF, images at any scale), or through the device's IconSink (SVG: one
// <symbol> per icon, reused). A missing icon draws a rounded square in `fallback`.
void paintIcon(QPainter& painter, const QString& icon, const QRectF& target, const QColor& fallback);
void paintIcon(QPainter& painter, Kind kind, const QRectF& target);

// A paint device that places icons itself instead of receiving their drawing.
class IconSink {
public:
    virtual ~IconSink() = default;
    // `icon` is an icon name (iconName()); `target` is in the painter's logical coordinates.
    // Returns false to fall back to drawing.
    virtual bool drawIcon(QPainter& painter, const QString& icon, const QRectF& target) = 0;
};

// The bundled font (Lato, SIL OFL 1.1) at the canvas's size: the canvas and every export use it,
// so output does not depend on the fonts installed on the machine.
QFont canvasFont();
bool isContainer(Kind kind);
// `colour` mixed into white: `amount` 0 = white, 1 = the colour.
QColor tint(const QColor& colour, double amount);      // drawn as a box holding other shapes
QSizeF defaultSize(Kind kind);
// Where a tile of this size draws its icon (item coordinates): centred at the top, its labels
// under it. Connectors meet tiles at their icon.
QRectF tileIconRect(QSizeF size);
// A verdict's sign in a filled circle, told apart without colour: a check mark (private), an
// arrow leaving (public: leaves the private network), a cross (unreachable).
void paintVerdictIcon(QPainter& painter, const QRectF& r, Verdict verdict, const QColor& colour);

inline constexpr double kGrid = 10.0;
inline constexpr double kHeader = 40.0;

} // namespace style
} // namespace pp::ui
