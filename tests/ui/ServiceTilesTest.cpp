// AWS service tiles: picked from the catalogue, labelled and drawn after their service (the
// category's icon), and two tiles for one service in one Region flagged in the issues panel.
#include "EditorFixture.h"

#include "panels/IssuesPanel.h"

#include <QComboBox>
#include <QFile>
#include <QPainter>
#include <QStyleOptionGraphicsItem>
#include <QTreeWidget>
#include <cstdlib>

namespace pp::ui {
namespace {

const QString kS3Example = QStringLiteral("resources/examples/s3-gateway-endpoint.privatepath");
const QString kPrivateLink = QStringLiteral("resources/examples/privatelink-aws-services.privatepath");

const QColor kStorage(0x55, 0x8B, 0x2F);   // resources/icons/services/storage.svg
const QColor kMessaging(0xC2, 0x18, 0x5B); // resources/icons/services/messaging.svg
const QColor kGeneric(0x00, 0x83, 0x8F);   // resources/icons/awsService.svg

bool near(const QColor& a, const QColor& b)
{
    return std::abs(a.red() - b.red()) + std::abs(a.green() - b.green()) + std::abs(a.blue() - b.blue()) < 30;
}

class ServiceTiles : public Editor {
protected:
    void open(const QString& relative)
    {
        ASSERT_TRUE(window->openFile(source(relative))) << window->lastError().toStdString();
        settle();
    }
    static void settle()
    {
        QApplication::processEvents();
        QApplication::processEvents();
    }
    // The tile painted on its own, as an export paints it (no item cache).
    QImage paintedTile(const std::string& id)
    {
        ResourceItem* item = scene()->itemFor(id);
        const QRectF bounds = item->boundingRect();
        QImage image(bounds.size().toSize(), QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::white);
        QPainter painter(&image);
        painter.translate(-bounds.topLeft());
        QStyleOptionGraphicsItem option;
        item->paint(&painter, &option, nullptr);
        return image;
    }
    // Where, in item coordinates, the icon's square shows its colour and no glyph (left middle).
    static QPointF iconSwatch(const ResourceItem* item)
    {
        const QRectF icon = style::tileIconRect(item->size());
        return icon.topLeft() + QPointF(icon.width() * 6 / 48, icon.height() / 2);
    }
    QColor swatchIn(const QImage& image, const std::string& id)
    {
        ResourceItem* item = scene()->itemFor(id);
        return image.pixelColor((iconSwatch(item) - item->boundingRect().topLeft()).toPoint());
    }
    // The icon's colour as the canvas shows it now (through the item's cache).
    QColor swatchOnScreen(const std::string& id)
    {
        ResourceItem* item = scene()->itemFor(id);
        view()->resetTransform();
        view()->centerOn(item);
        settle();
        const QImage shot = view()->viewport()->grab().toImage();
        return shot.pixelColor(view()->mapFromScene(item->mapToScene(iconSwatch(item))));
    }
    QTreeWidgetItem* issue(const QString& code)
    {
        QTreeWidget* issues = window->issuesPanel();
        for (int i = 0; i < issues->topLevelItemCount(); ++i)
            if (issues->topLevelItem(i)->text(1) == code)
                return issues->topLevelItem(i);
        return nullptr;
    }
};

TEST_F(ServiceTiles, ChoosingSqsForAnS3TileChangesItsLabelAndIconAtOnce)
{
    open(kS3Example);
    const QImage before = paintedTile("s3");
    EXPECT_TRUE(near(swatchIn(before, "s3"), kStorage)) << swatchIn(before, "s3").name().toStdString();
    EXPECT_TRUE(near(swatchOnScreen("s3"), kStorage)) << swatchOnScreen("s3").name().toStdString();

    window->inspector()->showResource(ResourceId("s3"));
    settle();
    auto* service = window->inspector()->findChild<QComboBox*>(QStringLiteral("field-service"));
    ASSERT_NE(service, nullptr);
    const int sqs = service->findData(QStringLiteral("sqs"));
    ASSERT_GE(sqs, 0);
    EXPECT_EQ(service->itemText(sqs), QStringLiteral("Amazon SQS (sqs)"));
    EXPECT_FALSE(service->itemIcon(sqs).isNull()) << "each service is offered with its icon";
    EXPECT_GE(service->count(), 50) << "the core catalogue, not a short UI list";
    service->setCurrentIndex(sqs);
    emit service->activated(sqs);
    settle();

    const Resource& r = *doc().design().find(ResourceId("s3"));
    EXPECT_EQ(ResourceItem::labels(r).first, QStringLiteral("Amazon SQS"));
    const QImage after = paintedTile("s3");
    EXPECT_NE(before, after);
    EXPECT_TRUE(near(swatchIn(after, "s3"), kMessaging)) << swatchIn(after, "s3").name().toStdString();
    // The canvas, which paints tiles from a cache, shows the new icon without a reload.
    EXPECT_TRUE(near(swatchOnScreen("s3"), kMessaging)) << swatchOnScreen("s3").name().toStdString();

    // A service the catalogue does not list still works: "AWS <code>" and the generic icon.
    EXPECT_EQ(window->inspector()->editField(QStringLiteral("service"), QStringLiteral("quantum-ledger")), QString());
    settle();
    EXPECT_EQ(doc().design().find(ResourceId("s3"))->name, "AWS quantum-ledger");
    EXPECT_TRUE(near(swatchIn(paintedTile("s3"), "s3"), kGeneric));

    doc().undoStack()->undo();
    doc().undoStack()->undo();
    settle();
    EXPECT_TRUE(near(swatchOnScreen("s3"), kStorage)) << "undo brings the bucket back";
}

// Far out, where tiles are coloured marks, a service keeps its category's colour (not the generic
// AWS service colour) and follows a change of service.
TEST_F(ServiceTiles, FarOutMarksHaveTheCategoryColourAndFollowTheService)
{
    open(kS3Example);
    ResourceItem* item = scene()->itemFor("s3");
    ASSERT_NE(item, nullptr);
    auto markOnScreen = [&] {
        view()->setTransform(QTransform::fromScale(0.3, 0.3));
        view()->centerOn(item);
        settle();
        const QImage shot = view()->viewport()->grab().toImage();
        // Inside the mark, clear of the connectors that end at the icon's middle.
        return shot.pixelColor(view()->mapFromScene(item->mapToScene(QPointF(item->size().width() * 0.15, item->size().height() * 0.85))));
    };
    EXPECT_TRUE(near(markOnScreen(), kStorage)) << markOnScreen().name().toStdString();
    window->inspector()->showResource(ResourceId("s3"));
    EXPECT_EQ(window->inspector()->editField(QStringLiteral("service"), QStringLiteral("sqs")), QString());
    settle();
    EXPECT_TRUE(near(markOnScreen(), kMessaging)) << markOnScreen().name().toStdString();
}

// The colour table the marks use is the icons' own: each category's SVG fills with it.
TEST_F(ServiceTiles, CategoryColoursAreTheIconsFills)
{
    for (int c = 0; c < kServiceCategoryCount; ++c) {
        const auto category = ServiceCategory(c);
        const std::string_view key = serviceCategoryKey(category);
        QFile svg(style::iconPath(QStringLiteral("services/") + QString::fromLatin1(key.data(), qsizetype(key.size()))));
        ASSERT_TRUE(svg.open(QIODevice::ReadOnly)) << key;
        const QString fill = QStringLiteral("fill=\"%1\"").arg(style::serviceCategoryColor(category).name().toUpper());
        EXPECT_TRUE(QString::fromUtf8(svg.readAll()).toUpper().contains(fill.toUpper())) << key << " " << fill.toStdString();
    }
}

TEST_F(ServiceTiles, ASecondSqsTileShowsAWarningInTheIssuesPanel)
{
    open(kPrivateLink);
    EXPECT_EQ(issue(QStringLiteral("AWS_SERVICE_DUPLICATE")), nullptr);
    // A new AWS service tile never starts as a duplicate: this design has SQS, the tile is S3.
    ASSERT_TRUE(dropFromPalette(Kind::AwsService, QPointF(1600, 400)));
    const std::string added = newest(Kind::AwsService);
    EXPECT_EQ(doc().design().findAs<AwsService>(ResourceId(added))->service, "s3");
    settle();
    EXPECT_EQ(issue(QStringLiteral("AWS_SERVICE_DUPLICATE")), nullptr);

    window->inspector()->showResource(ResourceId(added));
    settle();
    EXPECT_EQ(window->inspector()->editField(QStringLiteral("service"), QStringLiteral("sqs")), QString());
    settle();
    QTreeWidgetItem* row = nullptr;
    ASSERT_TRUE(QTest::qWaitFor([&] { return (row = issue(QStringLiteral("AWS_SERVICE_DUPLICATE"))) != nullptr; }, 3000));
    EXPECT_EQ(row->text(0), QStringLiteral("Warning"));
    EXPECT_EQ(row->data(0, Qt::UserRole).toStringList(), (QStringList{QStringLiteral("sqs"), QString::fromStdString(added)}));
    EXPECT_TRUE(row->text(2).contains(QStringLiteral("draw one tile per service"))) << row->text(2).toStdString();
    // Both tiles carry the warning badge.
    EXPECT_EQ(doc().findingsOf("sqs").size(), 1u);
    EXPECT_EQ(doc().findingsOf(added).size(), 1u);

    doc().undoStack()->undo();
    settle();
    EXPECT_TRUE(QTest::qWaitFor([&] { return issue(QStringLiteral("AWS_SERVICE_DUPLICATE")) == nullptr; }, 3000));
}

} // namespace
} // namespace pp::ui
