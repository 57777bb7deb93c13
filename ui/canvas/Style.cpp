#include "canvas/Style.h"

#include "aws/AwsServices.h"

#include <QCoreApplication>
#include <QFontDatabase>
#include <QHash>
#include <QPainter>
#include <QSvgRenderer>
#include <algorithm>
#include <memory>

namespace pp::ui::style {

QColor kindColor(Kind kind)
{
    switch (kind) {
    case Kind::Region:
        return QColor(0x1B, 0x5E, 0x20);
    case Kind::Vpc:
        return QColor(0x2E, 0x7D, 0x32);
    case Kind::Subnet:
        return QColor(0x43, 0xA0, 0x47);
    case Kind::RouteTable:
    case Kind::TransitGateway:
    case Kind::TransitGatewayRouteTable:
    case Kind::TransitGatewayAttachment:
    case Kind::VpcPeering:
        return QColor(0x6A, 0x1B, 0x9A);
    case Kind::InternetGateway:
    case Kind::EgressOnlyInternetGateway:
    case Kind::NatGateway:
        return QColor(0xE6, 0x51, 0x00);
    case Kind::SecurityGroup:
    case Kind::NetworkAcl:
    case Kind::NetworkFirewall:
        return QColor(0xC6, 0x28, 0x28);
    case Kind::Workload:
        return QColor(0xF9, 0xA8, 0x25);
    case Kind::VpcEndpoint:
    case Kind::EndpointService:
    case Kind::LoadBalancer:
    case Kind::PrivateHostedZone:
    case Kind::ResolverEndpoint:
        return QColor(0x15, 0x65, 0xC0);
    case Kind::AwsService:
    case Kind::PrefixList:
        return QColor(0x00, 0x83, 0x8F);
    case Kind::InternetHost:
        return QColor(0x75, 0x75, 0x75);
    case Kind::ResourceGateway:
        return QColor(0x8C, 0x4F, 0xFF);
    case Kind::ResourceConfiguration:
        return QColor(0x7B, 0x2C, 0xBF);
    case Kind::ServiceNetwork:
        return QColor(0xAD, 0x14, 0x57);
    default:
        return QColor(0x45, 0x5A, 0x64);
    }
}

QColor verdictColor(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Private:
        return QColor(0x2E, 0x7D, 0x32);
    case Verdict::Public:
        return QColor(0xD8, 0x43, 0x15);
    case Verdict::Unreachable:
        return QColor(0x75, 0x75, 0x75);
    }
    return Qt::black;
}

QColor neutralFlowColor() { return QColor(0x45, 0x5A, 0x64); }

QColor publicPathRingColor() { return tint(verdictColor(Verdict::Public), 0.55); }

QColor badgeColor(Severity severity)
{
    return severity == Severity::Error ? QColor(0xC6, 0x28, 0x28) : QColor(0xF9, 0xA8, 0x25);
}

QString verdictLabel(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Private:
        return QCoreApplication::translate("style", "Private");
    case Verdict::Public:
        return QCoreApplication::translate("style", "Public: leaves the private network");
    case Verdict::Unreachable:
        return QCoreApplication::translate("style", "Unreachable");
    }
    return {};
}

QString kindLabel(Kind kind)
{
    static const char* labels[] = {
        QT_TRANSLATE_NOOP("style", "Region"), QT_TRANSLATE_NOOP("style", "VPC"), QT_TRANSLATE_NOOP("style", "Subnet"),
        QT_TRANSLATE_NOOP("style", "Route table"), QT_TRANSLATE_NOOP("style", "Internet gateway"),
        QT_TRANSLATE_NOOP("style", "Egress-only internet gateway"), QT_TRANSLATE_NOOP("style", "NAT gateway"),
        QT_TRANSLATE_NOOP("style", "Security group"), QT_TRANSLATE_NOOP("style", "Network ACL"),
        QT_TRANSLATE_NOOP("style", "Instance / workload"), QT_TRANSLATE_NOOP("style", "VPC endpoint"),
        QT_TRANSLATE_NOOP("style", "Endpoint service"), QT_TRANSLATE_NOOP("style", "Load balancer"),
        QT_TRANSLATE_NOOP("style", "AWS service"), QT_TRANSLATE_NOOP("style", "Prefix list"),
        QT_TRANSLATE_NOOP("style", "Internet host"), QT_TRANSLATE_NOOP("style", "VPC peering"),
        QT_TRANSLATE_NOOP("style", "Transit gateway"), QT_TRANSLATE_NOOP("style", "Transit gateway route table"),
        QT_TRANSLATE_NOOP("style", "Transit gateway attachment"), QT_TRANSLATE_NOOP("style", "Virtual private gateway"),
        QT_TRANSLATE_NOOP("style", "Customer gateway"), QT_TRANSLATE_NOOP("style", "Site-to-Site VPN"),
        QT_TRANSLATE_NOOP("style", "Direct Connect gateway"), QT_TRANSLATE_NOOP("style", "Direct Connect VIF"),
        QT_TRANSLATE_NOOP("style", "On-premises network"), QT_TRANSLATE_NOOP("style", "On-premises host"),
        QT_TRANSLATE_NOOP("style", "Resolver endpoint"), QT_TRANSLATE_NOOP("style", "Private hosted zone"),
        QT_TRANSLATE_NOOP("style", "Network Firewall"), QT_TRANSLATE_NOOP("style", "Resource gateway"),
        QT_TRANSLATE_NOOP("style", "Resource configuration"), QT_TRANSLATE_NOOP("style", "Service network"),
    };
    static_assert(std::size(labels) == std::size_t(kKindCount));
    return QCoreApplication::translate("style", labels[int(kind)]);
}

QString iconName(Kind kind) { return QString::fromLatin1(kindInfo(kind).name.data(), int(kindInfo(kind).name.size())); }

QString serviceIconName(const std::string& service)
{
    const AwsServiceInfo* info = findAwsService(service);
    if (!info)
        return iconName(Kind::AwsService);
    const std::string_view key = serviceCategoryKey(info->category);
    return QStringLiteral("services/") + QString::fromLatin1(key.data(), qsizetype(key.size()));
}

QString iconName(const Resource& resource)
{
    if (const AwsService* s = resource.as<AwsService>())
        return serviceIconName(s->service);
    return iconName(resource.kind());
}

QColor serviceCategoryColor(ServiceCategory category)
{
    // The fills of resources/icons/services/<key>.svg (ServiceTiles' test compares them).
    static const QRgb colours[] = {
        0x558B2F, // storage
        0x3949AB, // database
        0xC2185B, // messaging
        0xEF6C00, // compute
        0x6D4C41, // containers
        0xC62828, // security
        0x7B1FA2, // management
        0x0277BD, // analytics
        0x00796B, // machine learning
        0x37474F, // developer tools
        0x4527A0, // networking
        0x00838F, // application services
    };
    static_assert(std::size(colours) == std::size_t(kServiceCategoryCount));
    return QColor(colours[std::size_t(category)]);
}

QColor markColor(const Resource& resource)
{
    if (const AwsService* s = resource.as<AwsService>())
        if (const AwsServiceInfo* info = findAwsService(s->service))
            return serviceCategoryColor(info->category);
    return kindColor(resource.kind());
}

QString iconPath(const QString& icon) { return QStringLiteral(":/icons/%1.svg").arg(icon); }

QString iconPath(Kind kind) { return iconPath(iconName(kind)); }

namespace {
// One renderer per icon for the life of the program (GUI thread only; exports keep their own).
QSvgRenderer* renderer(const QString& icon)
{
    static QHash<QString, std::shared_ptr<QSvgRenderer>> cache;
    auto it = cache.find(icon);
    if (it == cache.end())
        it = cache.insert(icon, std::make_shared<QSvgRenderer>(iconPath(icon)));
    return it->get()->isValid() ? it->get() : nullptr;
}
} // namespace

QIcon namedIcon(const QString& icon)
{
    // Lists offer the same few icons many times (the service list: one per category).
    static QHash<QString, QIcon> icons;
    if (const auto it = icons.constFind(icon); it != icons.constEnd())
        return *it;
    QPixmap pixmap(48, 48);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    paintIcon(painter, icon, QRectF(0, 0, 48, 48), kindColor(Kind::AwsService));
    painter.end();
    return *icons.insert(icon, QIcon(pixmap));
}

QIcon kindIcon(Kind kind)
{
    QPixmap pixmap(48, 48);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    paintIcon(painter, kind, QRectF(0, 0, 48, 48));
    return QIcon(pixmap);
}

QFont canvasFont()
{
    static const QFont font = [] {
        QString family;
        for (const char* file : {":/fonts/Lato-Regular.ttf", ":/fonts/Lato-Bold.ttf"}) {
            const int id = QFontDatabase::addApplicationFont(QString::fromLatin1(file));
            if (id >= 0 && family.isEmpty())
                family = QFontDatabase::applicationFontFamilies(id).value(0);
        }
        QFont f(family.isEmpty() ? QStringLiteral("Lato") : family);
        f.setPointSizeF(9.5);
        // Unhinted outlines: glyph positions then depend only on the font file, not on the
        // machine's FreeType and fontconfig settings, so exports are the same everywhere.
        f.setHintingPreference(QFont::PreferNoHinting);
        // No ligatures ("ffi" drawn as one glyph): PDF text would extract as "oﬃce", and a
        // search for "office" would fail. Qt 6.4 has no QFont::setFeature() to turn off just them.
        f.setStyleStrategy(QFont::PreferNoShaping);
        return f;
    }();
    return font;
}

void paintIcon(QPainter& painter, Kind kind, const QRectF& target) { paintIcon(painter, iconName(kind), target, kindColor(kind)); }

void paintIcon(QPainter& painter, const QString& icon, const QRectF& target, const QColor& fallback)
{
    if (auto* sink = dynamic_cast<IconSink*>(painter.device()); sink && sink->drawIcon(painter, icon, target))
        return;
    // Exports (images at any scale, PDF) draw the icon's vectors; only the canvas uses the cache.
    const int device = painter.device() ? painter.device()->devType() : QInternal::Widget;
    if (device != QInternal::Widget && device != QInternal::Pixmap) {
        if (QSvgRenderer* r = renderer(icon)) {
            r->render(&painter, target);
            return;
        }
    }
    // Rendering SVG on every paint is slow; each icon is rendered once into a pixmap at a size
    // that stays sharp up to 200 % zoom, then scaled.
    static QHash<QString, QPixmap> pixmaps;
    auto it = pixmaps.find(icon);
    if (it == pixmaps.end()) {
        QPixmap pixmap;
        if (QSvgRenderer* r = renderer(icon)) {
            pixmap = QPixmap(96, 96);
            pixmap.fill(Qt::transparent);
            QPainter p(&pixmap);
            p.setRenderHint(QPainter::Antialiasing);
            r->render(&p, QRectF(0, 0, 96, 96));
        }
        it = pixmaps.insert(icon, pixmap);
    }
    if (!it->isNull()) {
        painter.save();
        painter.setRenderHint(QPainter::SmoothPixmapTransform);
        painter.drawPixmap(target, *it, QRectF(0, 0, 96, 96));
        painter.restore();
        return;
    }
    // Fallback when an icon is missing: a tile in the kind's colour.
    painter.save();
    painter.setPen(Qt::NoPen);
    painter.setBrush(fallback);
    painter.drawRoundedRect(target, 6, 6);
    painter.restore();
}

QColor tint(const QColor& colour, double amount)
{
    auto mix = [&](int c) { return int(255 + (c - 255) * amount); };
    return QColor(mix(colour.red()), mix(colour.green()), mix(colour.blue()));
}

bool isContainer(Kind kind)
{
    return kind == Kind::Region || kind == Kind::Vpc || kind == Kind::Subnet || kind == Kind::OnPremisesNetwork;
}

QSizeF defaultSize(Kind kind)
{
    switch (kind) {
    case Kind::Region:
        return {900, 600};
    case Kind::Vpc:
        return {560, 380};
    case Kind::Subnet:
        return {240, 150};
    case Kind::OnPremisesNetwork:
        return {260, 180};
    default:
        return {90, 70};
    }
}

QRectF tileIconRect(QSizeF size)
{
    const double icon = std::min(40.0, size.height() - 22);
    return QRectF((size.width() - icon) / 2, 2, icon, icon);
}

// The verdict's sign in a circle: a check mark (private), an arrow leaving (public), a cross
// (unreachable). Told apart without colour.
void paintVerdictIcon(QPainter& painter, const QRectF& r, Verdict verdict, const QColor& colour)
{
    painter.setPen(Qt::NoPen);
    painter.setBrush(colour);
    painter.drawEllipse(r);
    QPen pen(Qt::white, std::max(1.2, r.width() / 7));
    pen.setCapStyle(Qt::RoundCap);
    pen.setJoinStyle(Qt::RoundJoin);
    painter.setPen(pen);
    painter.setBrush(Qt::NoBrush);
    const double w = r.width();
    const QPointF o = r.topLeft();
    switch (verdict) {
    case Verdict::Private:
        painter.drawPolyline(QPolygonF{o + QPointF(0.27 * w, 0.52 * w), o + QPointF(0.44 * w, 0.69 * w), o + QPointF(0.74 * w, 0.33 * w)});
        break;
    case Verdict::Public:
        painter.drawLine(o + QPointF(0.3 * w, 0.7 * w), o + QPointF(0.7 * w, 0.3 * w));
        painter.drawPolyline(QPolygonF{o + QPointF(0.42 * w, 0.3 * w), o + QPointF(0.7 * w, 0.3 * w), o + QPointF(0.7 * w, 0.58 * w)});
        break;
    case Verdict::Unreachable:
        painter.drawLine(o + QPointF(0.32 * w, 0.32 * w), o + QPointF(0.68 * w, 0.68 * w));
        painter.drawLine(o + QPointF(0.68 * w, 0.32 * w), o + QPointF(0.32 * w, 0.68 * w));
        break;
    }
}

} // namespace pp::ui::style
