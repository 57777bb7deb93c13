// The inspector, driven through its real widgets: lists of described structs (routes, rules,
// entries) are tables whose edits go through the file format's reader, one undo step each.
#include "MainWindow.h"
#include "canvas/DiagramScene.h"
#include "canvas/FlowItem.h"
#include "canvas/ResourceItem.h"
#include "canvas/Style.h"
#include "document/Document.h"
#include "io/DesignFile.h"
#include "io/JsonWriter.h"
#include "panels/InspectorPanel.h"
#include "panels/ListFieldEditor.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QTest>
#include <QToolButton>
#include <QUndoStack>
#include <gtest/gtest.h>
#include <set>

namespace pp::ui {
namespace {

QString source(const QString& relative) { return QStringLiteral(PRIVATEPATH_SOURCE_DIR "/") + relative; }

std::string readAll(const QString& path)
{
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return f.readAll().toStdString();
}

const QString kS3Example = QStringLiteral("resources/examples/s3-gateway-endpoint.privatepath");
const QString kGolden = QStringLiteral("tests/data/golden-v1.privatepath");

class Inspector : public ::testing::Test {
protected:
    void SetUp() override
    {
        window = std::make_unique<MainWindow>();
        window->resize(1400, 900);
        window->show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(window.get()));
    }

    Document& doc() { return window->document(); }
    InspectorPanel* inspector() { return window->inspector(); }

    void open(const QString& relative)
    {
        ASSERT_TRUE(window->openFile(source(relative))) << window->lastError().toStdString();
    }

    // Selects a resource or flow on the canvas as a click would (or, for a resource the file does
    // not draw, shows it in the inspector) and lets the inspector fill in from the event loop.
    void select(const std::string& id)
    {
        window->scene()->clearSelection();
        if (ResourceItem* item = window->scene()->itemFor(id))
            item->setSelected(true);
        else if (FlowItem* flow = window->scene()->flowItemFor(id))
            flow->setSelected(true);
        else
            inspector()->showResource(ResourceId(id));
        settle();
    }

    // The inspector fills in from the event loop, and widgets it adds are shown from there.
    static void settle()
    {
        QApplication::processEvents();
        QApplication::processEvents();
    }

    QTableWidget* table(const QString& key) { return inspector()->findChild<QTableWidget*>(QStringLiteral("table-") + key); }
    QToolButton* button(const char* action, const QString& key)
    {
        return inspector()->findChild<QToolButton*>(QString::fromLatin1(action) + QLatin1Char('-') + key);
    }
    QString message() { return inspector()->findChild<QLabel*>(QStringLiteral("inspectorMessage"))->text(); }

    static int column(QTableWidget* t, const QString& key)
    {
        for (int c = 0; c < t->columnCount(); ++c)
            if (t->horizontalHeaderItem(c)->text() == key)
                return c;
        return -1;
    }
    static QString cell(QTableWidget* t, int row, const QString& key) { return t->item(row, column(t, key))->text(); }

    // Opens the cell's editor, types `text` over its value and presses Return, as a user does.
    static void type(QTableWidget* t, int row, const QString& key, const QString& text)
    {
        const QModelIndex index = t->model()->index(row, column(t, key));
        ASSERT_TRUE(index.isValid()) << key.toStdString();
        t->setCurrentIndex(index);
        if (!t->indexWidget(index)) // "Add" may have opened it already
            t->edit(index);
        auto* editor = qobject_cast<QLineEdit*>(t->indexWidget(index));
        ASSERT_NE(editor, nullptr) << key.toStdString() << " is edited as text";
        editor->selectAll();
        QTest::keyClicks(editor, text);
        QTest::keyClick(editor, Qt::Key_Return);
        QApplication::processEvents(); // the delegate commits Return from the event loop
    }

    // The choices the cell's combo box offers.
    static QStringList choices(QTableWidget* t, int row, const QString& key)
    {
        const QModelIndex index = t->model()->index(row, column(t, key));
        t->setCurrentIndex(index);
        t->edit(index);
        auto* combo = qobject_cast<QComboBox*>(t->indexWidget(index));
        QStringList out;
        for (int i = 0; combo && i < combo->count(); ++i)
            out << combo->itemText(i);
        if (combo)
            QTest::keyClick(combo, Qt::Key_Escape); // leave it without picking
        return out;
    }

    // Opens the cell's combo box and picks `choice`, as a click in its drop-down list does.
    static void choose(QTableWidget* t, int row, const QString& key, const QString& choice)
    {
        const QModelIndex index = t->model()->index(row, column(t, key));
        ASSERT_TRUE(index.isValid()) << key.toStdString();
        t->setCurrentIndex(index);
        t->edit(index);
        auto* combo = qobject_cast<QComboBox*>(t->indexWidget(index));
        ASSERT_NE(combo, nullptr) << key.toStdString() << " is edited with a combo box";
        const int i = combo->findText(choice);
        ASSERT_GE(i, 0) << choice.toStdString() << " is offered";
        combo->setCurrentIndex(i);
        emit combo->activated(i);
    }

    const RouteTable& routeTable(const char* id) { return *doc().design().findAs<RouteTable>(ResourceId(id)); }
    const SecurityGroup& securityGroup(const char* id) { return *doc().design().findAs<SecurityGroup>(ResourceId(id)); }

    std::unique_ptr<MainWindow> window;
};

TEST_F(Inspector, EveryListOfStructsIsATableShowingTheModel)
{
    // Every bundled example and the format's golden file (which has NACL entries, transit gateway
    // routes, Direct Connect associations and on-premises routes): each list of structs is a table
    // with one row per element and the element's values in the cells; no raw JSON box anywhere.
    QStringList files{kGolden};
    for (const QString& f : QDir(source(QStringLiteral("resources/examples"))).entryList({QStringLiteral("*.privatepath")}))
        files << QStringLiteral("resources/examples/") + f;
    std::set<std::string> seen;
    for (const QString& file : files) {
        SCOPED_TRACE(file.toStdString());
        open(file);
        for (const Resource& resource : doc().design().resources()) {
            SCOPED_TRACE(resource.id.str());
            select(resource.id.str());
            EXPECT_EQ(inspector()->findChild<QPlainTextEdit*>(), nullptr);
            EXPECT_EQ(inspector()->findChild<QPushButton*>(), nullptr) << "no Apply button";
            OrderedJson object = OrderedJson::object();
            std::visit(
                [&](const auto& value) {
                    auto copy = value;
                    JsonWriter writer(object);
                    describe(writer, copy);
                },
                resource.data);
            for (const auto& field : object.items()) {
                const OrderedJson& list = field.value();
                if (!list.is_array() || list.empty() || !list.front().is_object())
                    continue;
                const QString key = QString::fromStdString(field.key());
                QTableWidget* t = table(key);
                ASSERT_NE(t, nullptr) << field.key();
                EXPECT_NE(inspector()->findChild<QWidget*>(QStringLiteral("field-") + key), nullptr);
                ASSERT_EQ(t->rowCount(), int(list.size())) << field.key();
                seen.insert(resource.kind() == Kind::NetworkAcl ? "nacl " + field.key() : field.key());
                for (int row = 0; row < t->rowCount(); ++row) {
                    for (const auto& member : list[std::size_t(row)].items()) {
                        const int c = column(t, QString::fromStdString(member.key()));
                        ASSERT_GE(c, 0) << member.key() << " has a column";
                        const QTableWidgetItem* item = t->item(row, c);
                        const OrderedJson& v = member.value();
                        if (v.is_boolean())
                            EXPECT_EQ(item->checkState() == Qt::Checked, v.get<bool>()) << member.key();
                        else if (v.is_string())
                            EXPECT_EQ(item->text().toStdString(), v.get<std::string>()) << member.key();
                        else if (v.is_array()) {
                            QStringList items;
                            for (const auto& entry : v)
                                items << QString::fromStdString(entry.get<std::string>());
                            EXPECT_EQ(item->text(), items.join(QStringLiteral(", "))) << member.key() << ", scalars joined";
                        }
                        else
                            EXPECT_EQ(item->text().toStdString(), v.dump()) << member.key();
                    }
                }
            }
        }
    }
    for (const char* key : {"routes", "inbound", "outbound", "nacl inbound", "associations", "dnsForwarding", "listeners", "targets"})
        EXPECT_TRUE(seen.count(key)) << key << " was shown as a table";
}

TEST_F(Inspector, RouteTableShowsItsRoutesWithDefaultsAndOnlyValidTargets)
{
    open(kS3Example);
    select("rt-app-nat");
    QTableWidget* routes = table(QStringLiteral("routes"));
    ASSERT_NE(routes, nullptr);
    ASSERT_EQ(routes->rowCount(), 1);
    EXPECT_EQ(cell(routes, 0, QStringLiteral("destination")), QStringLiteral("0.0.0.0/0"));
    EXPECT_EQ(cell(routes, 0, QStringLiteral("target")), QStringLiteral("nat-a"));
    EXPECT_EQ(cell(routes, 0, QStringLiteral("origin")), QStringLiteral("static")) << "defaults are shown";
    EXPECT_EQ(cell(routes, 0, QStringLiteral("state")), QStringLiteral("active"));
    EXPECT_FALSE(routes->horizontalHeaderItem(column(routes, QStringLiteral("target")))->toolTip().isEmpty())
        << "the field's documentation is the header's tooltip";
    const QStringList targets = choices(routes, 0, QStringLiteral("target"));
    EXPECT_TRUE(targets.contains(QStringLiteral("local")));
    EXPECT_TRUE(targets.contains(QStringLiteral("igw-a")));
    EXPECT_TRUE(targets.contains(QStringLiteral("nat-a")));
    EXPECT_FALSE(targets.contains(QStringLiteral("vpc-a"))) << "a VPC is not a route target";
    EXPECT_FALSE(targets.contains(QStringLiteral("sg-app")));
    // Lists of scalars keep their one-line editor.
    select("vpc-a");
    auto* cidrs = inspector()->findChild<QLineEdit*>(QStringLiteral("field-ipv4Cidrs"));
    ASSERT_NE(cidrs, nullptr);
    EXPECT_EQ(cidrs->text(), QStringLiteral("10.0.0.0/16"));
}

TEST_F(Inspector, ARouteAddedInTheTableIsOneUndoStep)
{
    open(kS3Example);
    select("rt-app-nat");
    QTableWidget* routes = table(QStringLiteral("routes"));
    ASSERT_NE(routes, nullptr);
    QTest::mouseClick(button("add", QStringLiteral("routes")), Qt::LeftButton);
    ASSERT_EQ(routes->rowCount(), 2);
    EXPECT_EQ(routes->verticalHeaderItem(1)->text(), QStringLiteral("new"));
    EXPECT_EQ(routeTable("rt-app-nat").routes.size(), 1u) << "an empty row is not put in the model";
    EXPECT_EQ(doc().undoStack()->count(), 0);

    // Half filled in: refused with the reader's reason, kept as typed.
    type(routes, 1, QStringLiteral("destination"), QStringLiteral("10.1.0.0/16"));
    EXPECT_EQ(routeTable("rt-app-nat").routes.size(), 1u);
    EXPECT_NE(message().indexOf(QStringLiteral("target")), -1) << message().toStdString();
    EXPECT_EQ(cell(routes, 1, QStringLiteral("destination")), QStringLiteral("10.1.0.0/16"));
    EXPECT_EQ(routes->rowCount(), 2) << "the other rows are all still there";
    EXPECT_EQ(cell(routes, 0, QStringLiteral("destination")), QStringLiteral("0.0.0.0/0"));

    // Complete: it joins the model in one step.
    choose(routes, 1, QStringLiteral("target"), QStringLiteral("nat-a"));
    ASSERT_EQ(routeTable("rt-app-nat").routes.size(), 2u);
    EXPECT_EQ(routeTable("rt-app-nat").routes[1].destination->toString(), "10.1.0.0/16");
    EXPECT_EQ(routeTable("rt-app-nat").routes[1].target.str(), "nat-a");
    EXPECT_EQ(doc().undoStack()->count(), 1);
    EXPECT_EQ(message(), QString());
    QApplication::processEvents();
    EXPECT_EQ(table(QStringLiteral("routes")), routes) << "the table stays (focus and selection with it)";
    ASSERT_EQ(routes->rowCount(), 2);
    EXPECT_EQ(routes->verticalHeaderItem(1)->text(), QStringLiteral("2"));
    EXPECT_EQ(cell(routes, 1, QStringLiteral("target")), QStringLiteral("nat-a"));

    doc().undoStack()->undo();
    QApplication::processEvents();
    EXPECT_EQ(routeTable("rt-app-nat").routes.size(), 1u);
    EXPECT_EQ(routes->rowCount(), 1);
    EXPECT_EQ(saveDesignToString(doc().design()), readAll(source(kS3Example)));
}

TEST_F(Inspector, InvalidCellsAreRefusedAndShowTheModelsValueAgain)
{
    open(kS3Example);
    select("rt-app-nat");
    QTableWidget* routes = table(QStringLiteral("routes"));
    ASSERT_NE(routes, nullptr);

    type(routes, 0, QStringLiteral("destination"), QStringLiteral("10.0.0.0/33"));
    EXPECT_EQ(routeTable("rt-app-nat").routes[0].destination->toString(), "0.0.0.0/0");
    EXPECT_FALSE(doc().isModified());
    EXPECT_NE(message().indexOf(QStringLiteral("10.0.0.0/33")), -1) << message().toStdString();
    EXPECT_NE(message().indexOf(QStringLiteral("row 1")), -1) << message().toStdString();
    EXPECT_EQ(cell(routes, 0, QStringLiteral("destination")), QStringLiteral("0.0.0.0/0"));

    // A target that is not in the design (pasted, say): refused the same way.
    routes->item(0, column(routes, QStringLiteral("target")))->setText(QStringLiteral("no-such-gateway"));
    EXPECT_EQ(routeTable("rt-app-nat").routes[0].target.str(), "nat-a");
    EXPECT_NE(message().indexOf(QStringLiteral("no-such-gateway")), -1) << message().toStdString();
    EXPECT_EQ(cell(routes, 0, QStringLiteral("target")), QStringLiteral("nat-a"));
    EXPECT_EQ(doc().undoStack()->count(), 0);

    // A valid value is taken, one step, and the message goes away.
    type(routes, 0, QStringLiteral("destination"), QStringLiteral("10.2.0.0/16"));
    EXPECT_EQ(routeTable("rt-app-nat").routes[0].destination->toString(), "10.2.0.0/16");
    EXPECT_EQ(doc().undoStack()->count(), 1);
    EXPECT_EQ(message(), QString());
}

TEST_F(Inspector, DeleteInTheTableRemovesRowsNotTheResource)
{
    const QString file = QStringLiteral("resources/examples/on-premises-application.privatepath");
    open(file);
    select("sg-vpce-sqs");
    QTableWidget* inbound = table(QStringLiteral("inbound"));
    ASSERT_NE(inbound, nullptr);
    ASSERT_EQ(inbound->rowCount(), 2);
    const SecurityGroupRule second = securityGroup("sg-vpce-sqs").inbound[1];
    window->activateWindow();
    ASSERT_TRUE(QTest::qWaitForWindowActive(window.get()));
    inbound->setFocus();
    inbound->selectRow(0);
    QTest::keyClick(inbound, Qt::Key_Delete);
    ASSERT_NE(doc().design().find(ResourceId("sg-vpce-sqs")), nullptr) << "the window's Delete did not take the group";
    ASSERT_EQ(securityGroup("sg-vpce-sqs").inbound.size(), 1u);
    EXPECT_EQ(securityGroup("sg-vpce-sqs").inbound[0], second);
    EXPECT_EQ(doc().undoStack()->count(), 1) << "one step";
    QApplication::processEvents();
    EXPECT_EQ(inbound->rowCount(), 1);

    // The Remove button does the same.
    inbound->selectRow(0);
    QTest::mouseClick(button("remove", QStringLiteral("inbound")), Qt::LeftButton);
    EXPECT_TRUE(securityGroup("sg-vpce-sqs").inbound.empty());
    EXPECT_EQ(doc().undoStack()->count(), 2);
    QApplication::processEvents();
    EXPECT_EQ(inbound->rowCount(), 0);

    while (doc().undoStack()->canUndo())
        doc().undoStack()->undo();
    QApplication::processEvents();
    EXPECT_EQ(inbound->rowCount(), 2);
    EXPECT_EQ(saveDesignToString(doc().design()), readAll(source(file)));
}

TEST_F(Inspector, ASecurityGroupRuleIsFilledInAndAddedAsOneStep)
{
    open(kS3Example);
    select("sg-app");
    QTableWidget* outbound = table(QStringLiteral("outbound"));
    QTableWidget* inbound = table(QStringLiteral("inbound"));
    ASSERT_TRUE(outbound && inbound);
    ASSERT_EQ(outbound->rowCount(), 1);
    EXPECT_EQ(cell(outbound, 0, QStringLiteral("protocol")), QStringLiteral("all"));
    EXPECT_EQ(cell(outbound, 0, QStringLiteral("toPort")), QStringLiteral("65535"));
    EXPECT_EQ(cell(outbound, 0, QStringLiteral("description")), QStringLiteral("All outbound traffic"));
    EXPECT_EQ(inbound->rowCount(), 0);

    // A new inbound rule starts with the first protocol and the default port range.
    QTest::mouseClick(button("add", QStringLiteral("inbound")), Qt::LeftButton);
    ASSERT_EQ(inbound->rowCount(), 1);
    EXPECT_EQ(cell(inbound, 0, QStringLiteral("protocol")), QStringLiteral("all"));
    EXPECT_EQ(cell(inbound, 0, QStringLiteral("fromPort")), QStringLiteral("0"));
    EXPECT_EQ(cell(inbound, 0, QStringLiteral("toPort")), QStringLiteral("65535"));
    choose(inbound, 0, QStringLiteral("protocol"), QStringLiteral("tcp"));
    type(inbound, 0, QStringLiteral("fromPort"), QStringLiteral("443"));
    type(inbound, 0, QStringLiteral("toPort"), QStringLiteral("443"));
    EXPECT_TRUE(securityGroup("sg-app").inbound.empty()) << "no peer yet";
    EXPECT_NE(message().indexOf(QStringLiteral("securityGroup")), -1) << message().toStdString();
    choose(inbound, 0, QStringLiteral("securityGroup"), QStringLiteral("sg-app"));
    ASSERT_EQ(securityGroup("sg-app").inbound.size(), 1u);
    const SecurityGroupRule& rule = securityGroup("sg-app").inbound[0];
    EXPECT_EQ(rule.protocol, Protocol::Tcp);
    EXPECT_EQ(rule.fromPort, 443);
    EXPECT_EQ(rule.toPort, 443);
    EXPECT_EQ(rule.securityGroup->str(), "sg-app");
    EXPECT_FALSE(rule.cidr);
    EXPECT_EQ(doc().undoStack()->count(), 1);

    // Out of range: the reader's range message, the old port back.
    type(outbound, 0, QStringLiteral("toPort"), QStringLiteral("70000"));
    EXPECT_EQ(securityGroup("sg-app").outbound[0].toPort, 65535);
    EXPECT_NE(message().indexOf(QStringLiteral("0..65535")), -1) << message().toStdString();
    EXPECT_EQ(cell(outbound, 0, QStringLiteral("toPort")), QStringLiteral("65535"));

    // Described text keeps its type: digits in a description are not a number.
    type(outbound, 0, QStringLiteral("description"), QStringLiteral("443"));
    EXPECT_EQ(securityGroup("sg-app").outbound[0].description, "443");
    EXPECT_EQ(doc().undoStack()->count(), 2);
}

TEST_F(Inspector, NaclEntriesAreAddedAndReordered)
{
    open(kGolden);
    select("acl-a");
    QTableWidget* inbound = table(QStringLiteral("inbound"));
    ASSERT_NE(inbound, nullptr);
    ASSERT_EQ(inbound->rowCount(), 1);
    auto acl = [&] { return *doc().design().findAs<NetworkAcl>(ResourceId("acl-a")); };

    type(inbound, 0, QStringLiteral("ruleNumber"), QStringLiteral("0"));
    EXPECT_EQ(acl().inbound[0].ruleNumber, 100) << "rule numbers start at 1";
    EXPECT_NE(message().indexOf(QStringLiteral("ruleNumber")), -1) << message().toStdString();

    QTest::mouseClick(button("add", QStringLiteral("inbound")), Qt::LeftButton);
    EXPECT_EQ(cell(inbound, 1, QStringLiteral("action")), QStringLiteral("allow"));
    type(inbound, 1, QStringLiteral("ruleNumber"), QStringLiteral("90"));
    choose(inbound, 1, QStringLiteral("action"), QStringLiteral("deny"));
    type(inbound, 1, QStringLiteral("cidr"), QStringLiteral("203.0.113.0/24"));
    ASSERT_EQ(acl().inbound.size(), 2u);
    EXPECT_EQ(acl().inbound[1].ruleNumber, 90);
    EXPECT_EQ(acl().inbound[1].action, RuleAction::Deny);
    EXPECT_EQ(doc().undoStack()->count(), 1);

    // Order is cosmetic for NACLs (the rule number decides) but kept as the user arranges it.
    QApplication::processEvents();
    inbound->selectRow(1);
    QToolButton* up = button("up", QStringLiteral("inbound"));
    ASSERT_TRUE(up->isEnabled());
    QTest::mouseClick(up, Qt::LeftButton);
    EXPECT_EQ(acl().inbound[0].ruleNumber, 90);
    EXPECT_EQ(acl().inbound[1].ruleNumber, 100);
    EXPECT_EQ(doc().undoStack()->count(), 2);
    EXPECT_EQ(cell(inbound, 0, QStringLiteral("ruleNumber")), QStringLiteral("90"));
    EXPECT_EQ(inbound->currentRow(), 0) << "the moved row stays selected";
    EXPECT_FALSE(up->isEnabled());
}

TEST_F(Inspector, ARouteEditRecoloursTheFlow)
{
    open(kS3Example);
    const FlowId flow("flow-s3-via-nat");
    ASSERT_EQ(doc().flowResult(flow)->verdict, Verdict::Public);
    select("rt-app-nat");
    QTableWidget* routes = table(QStringLiteral("routes"));
    ASSERT_NE(routes, nullptr);
    // Straight to the internet gateway: the instance has no public address, so S3 is out of reach.
    choose(routes, 0, QStringLiteral("target"), QStringLiteral("igw-a"));
    EXPECT_EQ(routeTable("rt-app-nat").routes[0].target.str(), "igw-a");
    const Verdict after = doc().flowResult(flow)->verdict;
    EXPECT_NE(after, Verdict::Public);
    EXPECT_EQ(window->scene()->flowItemFor(flow.str())->pen().color(), style::verdictColor(after));
    doc().undoStack()->undo();
    EXPECT_EQ(doc().flowResult(flow)->verdict, Verdict::Public);
    EXPECT_EQ(window->scene()->flowItemFor(flow.str())->pen().color(), style::verdictColor(Verdict::Public));
}

TEST_F(Inspector, ARowBeingAddedSurvivesOtherEditsAndUndo)
{
    open(kS3Example);
    select("rt-app-nat");
    QTableWidget* routes = table(QStringLiteral("routes"));
    ASSERT_NE(routes, nullptr);
    QTest::mouseClick(button("add", QStringLiteral("routes")), Qt::LeftButton);
    type(routes, 1, QStringLiteral("destination"), QStringLiteral("10.1.0.0/16"));
    ASSERT_EQ(routes->rowCount(), 2);

    EXPECT_EQ(inspector()->editField(QStringLiteral("name"), QStringLiteral("Renamed")), QString());
    QApplication::processEvents();
    EXPECT_EQ(inspector()->findChild<QLineEdit*>(QStringLiteral("field-name"))->text(), QStringLiteral("Renamed"));
    ASSERT_EQ(table(QStringLiteral("routes")), routes);
    ASSERT_EQ(routes->rowCount(), 2);
    EXPECT_EQ(cell(routes, 1, QStringLiteral("destination")), QStringLiteral("10.1.0.0/16"));
    doc().undoStack()->undo();
    QApplication::processEvents();
    EXPECT_EQ(inspector()->findChild<QLineEdit*>(QStringLiteral("field-name"))->text(), QStringLiteral("App routes: NAT only"));
    ASSERT_EQ(routes->rowCount(), 2);
    EXPECT_EQ(routes->verticalHeaderItem(1)->text(), QStringLiteral("new"));

    // A new gateway elsewhere gives the table another target to offer; the row stays.
    Resource igw = *doc().design().find(ResourceId("igw-a"));
    igw.id = ResourceId("igw-b");
    doc().apply(ChangeSetBuilder(doc().design()).add(igw).build(), QStringLiteral("Add gateway"));
    QApplication::processEvents();
    routes = table(QStringLiteral("routes"));
    ASSERT_NE(routes, nullptr);
    ASSERT_EQ(routes->rowCount(), 2);
    EXPECT_EQ(cell(routes, 1, QStringLiteral("destination")), QStringLiteral("10.1.0.0/16"));
    EXPECT_TRUE(choices(routes, 1, QStringLiteral("target")).contains(QStringLiteral("igw-b")));
    doc().undoStack()->undo();
    QApplication::processEvents();
    routes = table(QStringLiteral("routes"));
    ASSERT_EQ(routes->rowCount(), 2);

    // Removing the unfinished row touches nothing in the model.
    routes->selectRow(1);
    QTest::mouseClick(button("remove", QStringLiteral("routes")), Qt::LeftButton);
    EXPECT_EQ(routes->rowCount(), 1);
    EXPECT_EQ(doc().undoStack()->index(), 0);
    EXPECT_FALSE(doc().isModified());
}

TEST_F(Inspector, TypedScalarsKeepTheirFieldsTypes)
{
    open(kS3Example);
    // An account id is digits but a string field; a flow's port is an optional number.
    select("vpc-a");
    EXPECT_EQ(inspector()->editField(QStringLiteral("account"), QStringLiteral("444455556666")), QString());
    EXPECT_EQ(doc().design().findAs<Vpc>(ResourceId("vpc-a"))->account, "444455556666");
    select("flow-s3-via-nat");
    EXPECT_EQ(inspector()->editField(QStringLiteral("port"), QStringLiteral("8443")), QString());
    EXPECT_EQ(doc().design().findFlow(FlowId("flow-s3-via-nat"))->port, 8443);
    select("i-app-nat");
    EXPECT_EQ(inspector()->editField(QStringLiteral("privateIp"), QStringLiteral("10.0.1.11")), QString());
    EXPECT_EQ(doc().design().findAs<Workload>(ResourceId("i-app-nat"))->privateIp->toString(), "10.0.1.11");
}

} // namespace
} // namespace pp::ui
