// The inspector in networking terms: fields named in words and only where they apply, references
// picked by name, route tables with their effective routes, and what the engine derives shown
// where the user looks for it.
#include "EditorFixture.h"

#include "analysis/AnalysisResult.h"
#include "panels/ListFieldEditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QScrollArea>
#include <QScrollBar>
#include <QStyledItemDelegate>
#include <QTableWidget>

namespace pp::ui {
namespace {

const QString kS3Example = QStringLiteral("resources/examples/s3-gateway-endpoint.privatepath");
const QString kPrivateLink = QStringLiteral("resources/examples/privatelink-aws-services.privatepath");
const QString kGolden = QStringLiteral("tests/data/golden-v3.privatepath");

class InspectorNetworking : public Editor {
protected:
    InspectorPanel* inspector() { return window->inspector(); }

    void open(const QString& relative)
    {
        ASSERT_TRUE(window->openFile(source(relative))) << window->lastError().toStdString();
    }
    void show(const std::string& id)
    {
        inspector()->showResource(ResourceId(id));
        settle();
    }
    static void settle()
    {
        QApplication::processEvents();
        QApplication::processEvents();
    }
    // The editor of field `key` that a user can see (hidden or absent: nullptr).
    QWidget* field(const QString& key)
    {
        auto* w = inspector()->findChild<QWidget*>(QStringLiteral("field-") + key);
        return w && w->isVisible() ? w : nullptr;
    }
    QString derived(const QString& key)
    {
        auto* label = inspector()->findChild<QLabel*>(QStringLiteral("derived-") + key);
        return label && label->isVisible() ? label->text() : QString();
    }
    // The text of the form's label for the editor `key` (its buddy).
    QString labelOf(const QString& key)
    {
        QWidget* editor = field(key);
        for (QLabel* label : inspector()->findChildren<QLabel*>())
            if (editor && label->buddy() == editor)
                return label->text();
        return {};
    }
    static QStringList itemData(const QComboBox* combo)
    {
        QStringList out;
        for (int i = 0; i < combo->count(); ++i)
            out << combo->itemData(i).toString();
        return out;
    }
    static QStringList itemTexts(const QListWidget* list)
    {
        QStringList out;
        for (int i = 0; i < list->count(); ++i)
            out << list->item(i)->text();
        return out;
    }
    static int column(QTableWidget* t, const QString& key)
    {
        for (int c = 0; c < t->columnCount(); ++c)
            if (t->horizontalHeaderItem(c)->data(ListFieldEditor::kKeysRole).toStringList().contains(key))
                return c;
        return -1;
    }
    std::string saved() { return saveDesignToString(doc().design()); }
};

TEST_F(InspectorNetworking, EachEndpointTypeShowsOnlyItsFields)
{
    open(kGolden);
    const QStringList interfaceOnly{QStringLiteral("subnets"), QStringLiteral("securityGroups"),
                                    QStringLiteral("privateDns")};
    // Gateway endpoint: route tables, no interface-only fields.
    show("vpce-s3");
    EXPECT_NE(field(QStringLiteral("routeTables")), nullptr);
    for (const QString& key : interfaceOnly)
        EXPECT_EQ(field(key), nullptr) << key.toStdString() << " is interface-only";
    EXPECT_EQ(field(QStringLiteral("privateDnsOnlyForInboundResolverEndpoint")), nullptr);
    // Interface endpoint (SQS): subnets, security groups, private DNS; no route tables, and no
    // S3-only Resolver switch.
    show("vpce-sqs");
    for (const QString& key : interfaceOnly)
        EXPECT_NE(field(key), nullptr) << key.toStdString();
    EXPECT_EQ(field(QStringLiteral("routeTables")), nullptr);
    EXPECT_EQ(field(QStringLiteral("privateDnsOnlyForInboundResolverEndpoint")), nullptr) << "S3 only (IF-6)";
    // Gateway Load Balancer endpoint: its subnet, no security groups, no DNS, no route tables.
    show("vpce-gwlb");
    EXPECT_NE(field(QStringLiteral("subnets")), nullptr);
    for (const QString& key : {QStringLiteral("securityGroups"), QStringLiteral("privateDns"), QStringLiteral("routeTables")})
        EXPECT_EQ(field(key), nullptr) << key.toStdString();

    // Switching the type shows the fields of the new one, as one undoable change.
    show("vpce-sqs");
    auto* type = qobject_cast<QComboBox*>(field(QStringLiteral("endpointType")));
    ASSERT_NE(type, nullptr);
    EXPECT_EQ(type->currentText(), QStringLiteral("Interface")) << "enum values read as words";
    const int gateway = type->findData(QStringLiteral("gateway"));
    ASSERT_GE(gateway, 0);
    type->setCurrentIndex(gateway);
    emit type->activated(gateway);
    settle();
    EXPECT_EQ(doc().design().findAs<VpcEndpoint>(ResourceId("vpce-sqs"))->endpointType, EndpointType::Gateway);
    EXPECT_NE(field(QStringLiteral("routeTables")), nullptr);
    EXPECT_EQ(field(QStringLiteral("securityGroups")), nullptr);
    doc().undoStack()->undo();
    settle();
    EXPECT_NE(field(QStringLiteral("securityGroups")), nullptr);
    EXPECT_EQ(field(QStringLiteral("routeTables")), nullptr);
    EXPECT_EQ(saved(), readAll(source(kGolden)).toStdString());
}

TEST_F(InspectorNetworking, FieldsAreNamedInWordsWithTheFileKeyInTheTooltip)
{
    open(kPrivateLink);
    show("vpce-sqs");
    EXPECT_EQ(labelOf(QStringLiteral("endpointType")), QStringLiteral("Endpoint type"));
    EXPECT_EQ(labelOf(QStringLiteral("privateDns")), QStringLiteral("Private DNS names"));
    for (QLabel* label : inspector()->findChildren<QLabel*>()) {
        if (label->buddy() == field(QStringLiteral("privateDns"))) {
            EXPECT_NE(label->toolTip().indexOf(QStringLiteral("privateDns")), -1) << label->toolTip().toStdString();
        }
    }
    // Wherever the inspector is, no sideways scrolling: long labels wrap.
    auto* scroll = inspector()->findChild<QScrollArea*>();
    ASSERT_NE(scroll, nullptr);
    EXPECT_EQ(scroll->horizontalScrollBar()->maximum(), 0);
}

TEST_F(InspectorNetworking, ReferencesArePickedByNameWithTheIdBeside)
{
    open(kPrivateLink);
    show("app-a");
    auto* table = qobject_cast<QComboBox*>(field(QStringLiteral("routeTable")));
    ASSERT_NE(table, nullptr);
    EXPECT_EQ(table->currentText(), QStringLiteral("App routes (local only) (rt-app)"));
    // Only the subnet's own VPC's tables (rt-b-* belong to VPC-B).
    EXPECT_EQ(itemData(table), (QStringList{QString(), QStringLiteral("rt-app")}));

    // An endpoint's subnets and security groups are check lists of its VPC's resources.
    show("vpce-sqs");
    auto* subnets = qobject_cast<QListWidget*>(field(QStringLiteral("subnets")));
    ASSERT_NE(subnets, nullptr);
    EXPECT_EQ(itemTexts(subnets), (QStringList{QStringLiteral("App subnet A (app-a)"), QStringLiteral("App subnet B (app-b)")}));
    EXPECT_EQ(subnets->item(0)->checkState(), Qt::Checked);
    EXPECT_EQ(subnets->item(1)->checkState(), Qt::Checked);
    // Clearing one box is one undoable change of the list.
    subnets->item(1)->setCheckState(Qt::Unchecked);
    settle();
    const auto& after = doc().design().findAs<VpcEndpoint>(ResourceId("vpce-sqs"))->subnets;
    ASSERT_EQ(after.size(), 1u);
    EXPECT_EQ(after[0].str(), "app-a");
    EXPECT_EQ(doc().undoStack()->count(), 1);
    doc().undoStack()->undo();
    settle();
    EXPECT_EQ(saved(), readAll(source(kPrivateLink)).toStdString());
    subnets = qobject_cast<QListWidget*>(field(QStringLiteral("subnets")));
    ASSERT_NE(subnets, nullptr);
    EXPECT_EQ(subnets->item(1)->checkState(), Qt::Checked) << "undo shows the model again";
}

TEST_F(InspectorNetworking, ARouteTargetPickerOffersExactlyTheValidTargets)
{
    // rt-app is in vpc-a, which has an internet gateway, an egress-only gateway, a NAT gateway, a
    // peering with vpc-b, a transit gateway attachment and two workloads. vpc-b's GWLB endpoint,
    // vpc-p's virtual private gateway, the gateway endpoint (its routes come from the endpoint)
    // and the VPC itself are not targets.
    open(kGolden);
    show("rt-app");
    auto* routes = inspector()->findChild<QTableWidget*>(QStringLiteral("table-routes"));
    ASSERT_NE(routes, nullptr);
    const int target = column(routes, QStringLiteral("target"));
    ASSERT_GE(target, 0);
    EXPECT_EQ(routes->horizontalHeaderItem(target)->text(), QStringLiteral("Target"));
    const QModelIndex index = routes->model()->index(0, target);
    routes->setCurrentIndex(index);
    routes->edit(index);
    auto* combo = qobject_cast<QComboBox*>(routes->indexWidget(index));
    ASSERT_NE(combo, nullptr);
    const QStringList offered = itemData(combo);
    EXPECT_EQ(offered, (QStringList{QStringLiteral("local"), QStringLiteral("igw-a"), QStringLiteral("eigw-a"),
                                    QStringLiteral("nat-a"), QStringLiteral("i-app"), QStringLiteral("i-web"),
                                    QStringLiteral("pcx-ab"), QStringLiteral("tgw")}));
    EXPECT_EQ(combo->currentData().toString(), QStringLiteral("nat-a"));
    EXPECT_EQ(combo->itemText(int(offered.indexOf(QStringLiteral("i-app")))), QStringLiteral("App server (i-app)"))
        << "named, with the id beside";
    QTest::keyClick(combo, Qt::Key_Escape);
    // The cell holds the model's id and reads as the picker does.
    EXPECT_EQ(routes->item(0, target)->text(), QStringLiteral("nat-a"));
    auto* delegate = qobject_cast<QStyledItemDelegate*>(routes->itemDelegateForColumn(target));
    ASSERT_NE(delegate, nullptr);
    EXPECT_EQ(delegate->displayText(QStringLiteral("i-app"), QLocale()), QStringLiteral("App server (i-app)"));
}

TEST_F(InspectorNetworking, ARouteTableShowsItsEffectiveRoutesIncludingTheGatewayEndpointsPrefixList)
{
    open(kS3Example);
    show("rt-app-s3");
    auto* effective = inspector()->findChild<QTableWidget*>(QStringLiteral("effective-routes"));
    ASSERT_NE(effective, nullptr);
    ASSERT_TRUE(effective->isVisible());
    EXPECT_EQ(effective->editTriggers(), QAbstractItemView::NoEditTriggers) << "read-only";
    QStringList rows;
    for (int r = 0; r < effective->rowCount(); ++r) {
        QStringList cells;
        for (int c = 0; c < effective->columnCount(); ++c)
            cells << effective->item(r, c)->text();
        rows << cells.join(QStringLiteral(" | "));
    }
    // The implicit local route, the table's own route, and the route its gateway endpoint adds.
    ASSERT_EQ(rows.size(), 3) << rows.join(QLatin1Char('\n')).toStdString();
    EXPECT_EQ(rows[0], QStringLiteral("10.0.0.0/16 | local | local (implicit) | active"));
    EXPECT_EQ(rows[1], QStringLiteral("0.0.0.0/0 | NAT gateway (nat-a) | static | active"));
    EXPECT_EQ(rows[2], QStringLiteral("com.amazonaws.us-east-1.s3 | S3 gateway endpoint (vpce-s3) | gateway endpoint | active"));
    EXPECT_NE(effective->item(2, 0)->toolTip().indexOf(QStringLiteral("52.216.0.0/15")), -1)
        << "the list's entries: " << effective->item(2, 0)->toolTip().toStdString();
    // The flow through this table cites the same route.
    const FlowResult* flow = doc().flowResult(FlowId("flow-s3-via-endpoint"));
    ASSERT_NE(flow, nullptr);
    bool cited = false;
    for (const Hop& hop : flow->path)
        cited = cited || (hop.resource == "rt-app-s3" && hop.detail.find("vpce-s3") != std::string::npos);
    EXPECT_TRUE(cited);

    // Associating a subnet with the table is a check list too; one step, undone whole.
    auto* associations = qobject_cast<QListWidget*>(field(QStringLiteral("associations")));
    ASSERT_NE(associations, nullptr);
    QListWidgetItem* appA = nullptr;
    for (int i = 0; i < associations->count(); ++i)
        if (associations->item(i)->text().endsWith(QStringLiteral("(app-a)")))
            appA = associations->item(i);
    ASSERT_NE(appA, nullptr);
    EXPECT_EQ(appA->checkState(), Qt::Unchecked);
    appA->setCheckState(Qt::Checked);
    settle();
    EXPECT_EQ(doc().design().findAs<Subnet>(ResourceId("app-a"))->routeTable->str(), "rt-app-s3");
    EXPECT_EQ(doc().undoStack()->count(), 1);
    EXPECT_NE(derived(QStringLiteral("subnets")).indexOf(QStringLiteral("app-a")), -1) << derived(QStringLiteral("subnets")).toStdString();
    doc().undoStack()->undo();
    settle();
    EXPECT_EQ(saved(), readAll(source(kS3Example)).toStdString());
}

// Ingress routing (RT-9): the internet gateway's route table is chosen in its inspector, one
// undo step; the table then says whose gateway route table it is.
TEST_F(InspectorNetworking, AGatewayRouteTableIsChosenOnTheGatewayAndShownOnTheTable)
{
    open(kS3Example);
    show("igw-a");
    EXPECT_EQ(inspector()->editField(QStringLiteral("routeTable"), QStringLiteral("rt-app-s3")), QString());
    settle();
    EXPECT_EQ(doc().design().findAs<InternetGateway>(ResourceId("igw-a"))->routeTable, ResourceId("rt-app-s3"));
    EXPECT_EQ(doc().undoStack()->count(), 1);
    show("rt-app-s3");
    EXPECT_NE(derived(QStringLiteral("gateways")).indexOf(QStringLiteral("igw-a")), -1) << derived(QStringLiteral("gateways")).toStdString();
    // rt-app-s3 sends 0.0.0.0/0 to a NAT gateway: as a gateway route table that is invalid (RT-9).
    bool flagged = false;
    for (const Finding& f : doc().analysis().findings)
        flagged |= f.code == "GATEWAY_ROUTE_TABLE_TARGET" && !f.ids.empty() && f.ids.front() == "rt-app-s3";
    EXPECT_TRUE(flagged);
    doc().undoStack()->undo();
    settle();
    EXPECT_EQ(saved(), readAll(source(kS3Example)).toStdString());
}

TEST_F(InspectorNetworking, ChangingAServiceFromS3ToSqsRelabelsItsTile)
{
    open(kS3Example);
    show("s3");
    auto* service = qobject_cast<QComboBox*>(field(QStringLiteral("service")));
    ASSERT_NE(service, nullptr);
    EXPECT_EQ(service->currentData().toString(), QStringLiteral("s3"));
    const int sqs = service->findData(QStringLiteral("sqs"));
    ASSERT_GE(sqs, 0) << "SQS is offered";
    service->setCurrentIndex(sqs);
    emit service->activated(sqs);
    settle();
    const Resource& r = *doc().design().find(ResourceId("s3"));
    EXPECT_EQ(r.as<AwsService>()->service, "sqs");
    EXPECT_EQ(r.name, "Amazon SQS") << "the default label follows the service";
    EXPECT_EQ(ResourceItem::labels(r).first, QStringLiteral("Amazon SQS")) << "the tile says so";
    EXPECT_EQ(doc().undoStack()->count(), 1) << "one step";
    doc().undoStack()->undo();
    settle();
    EXPECT_EQ(saved(), readAll(source(kS3Example)).toStdString());

    // A name the user chose stays.
    EXPECT_EQ(inspector()->editField(QStringLiteral("name"), QStringLiteral("Data lake")), QString());
    EXPECT_EQ(inspector()->editField(QStringLiteral("service"), QStringLiteral("sqs")), QString());
    EXPECT_EQ(doc().design().find(ResourceId("s3"))->name, "Data lake");
}

TEST_F(InspectorNetworking, DerivedValuesAreShownWhereTheUserLooks)
{
    open(kGolden);
    // nat-a states no private address: the one the engine assigned is shown, read-only, and as
    // the empty field's placeholder.
    show("nat-a");
    EXPECT_NE(derived(QStringLiteral("privateIp")).indexOf(QStringLiteral("10.0.0.252")), -1)
        << derived(QStringLiteral("privateIp")).toStdString();
    auto* ip = qobject_cast<QLineEdit*>(field(QStringLiteral("privateIp")));
    ASSERT_NE(ip, nullptr);
    EXPECT_TRUE(ip->text().isEmpty());
    EXPECT_NE(ip->placeholderText().indexOf(QStringLiteral("10.0.0.252")), -1);
    // A subnet's table in effect: b-a has none of its own, so its VPC's main table.
    show("b-a");
    EXPECT_NE(derived(QStringLiteral("effectiveRouteTable")).indexOf(QStringLiteral("rt-b")), -1);
    EXPECT_NE(derived(QStringLiteral("effectiveRouteTable")).indexOf(QStringLiteral("main")), -1);
    // An interface endpoint's network interfaces and DNS names.
    show("vpce-sqs");
    EXPECT_NE(derived(QStringLiteral("eni-app-a")).indexOf(QStringLiteral("10.0.1.")), -1);
    EXPECT_NE(derived(QStringLiteral("eni-app-b")).indexOf(QStringLiteral("10.0.2.")), -1);
    EXPECT_NE(derived(QStringLiteral("dnsPrivate")).indexOf(QStringLiteral("sqs.us-east-1.amazonaws.com")), -1)
        << derived(QStringLiteral("dnsPrivate")).toStdString();
    EXPECT_NE(derived(QStringLiteral("dnsEndpoint")).indexOf(QStringLiteral("vpce.amazonaws.com")), -1);
}

// Not run by default: renders the inspector of an interface endpoint and of a route table to
// /tmp for a look (--gtest_also_run_disabled_tests).
TEST_F(InspectorNetworking, DISABLED_Screenshots)
{
    open(kPrivateLink);
    show("vpce-sqs");
    QTest::qWait(200); // the dock and the form settle their sizes
    ASSERT_TRUE(inspector()->grab().save(QStringLiteral("/tmp/inspector-endpoint.png")));
    open(kS3Example);
    show("rt-app-s3");
    QTest::qWait(200);
    ASSERT_TRUE(inspector()->grab().save(QStringLiteral("/tmp/inspector-routetable.png")));
}

} // namespace
} // namespace pp::ui
