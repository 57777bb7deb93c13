// The inspector, driven through its real widgets: lists of described structs (routes, rules,
// entries) are tables whose edits go through the file format's reader, one undo step each.
#include "InspectorFixture.h"

namespace pp::ui {
namespace {

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
    EXPECT_NE(fieldError(QStringLiteral("routes")).indexOf(QStringLiteral("target")), -1)
        << fieldError(QStringLiteral("routes")).toStdString();
    EXPECT_EQ(cell(routes, 1, QStringLiteral("destination")), QStringLiteral("10.1.0.0/16"));
    EXPECT_EQ(routes->rowCount(), 2) << "the other rows are all still there";
    EXPECT_EQ(cell(routes, 0, QStringLiteral("destination")), QStringLiteral("0.0.0.0/0"));

    // Complete: it joins the model in one step.
    choose(routes, 1, QStringLiteral("target"), QStringLiteral("nat-a"));
    ASSERT_EQ(routeTable("rt-app-nat").routes.size(), 2u);
    EXPECT_EQ(routeTable("rt-app-nat").routes[1].destination->toString(), "10.1.0.0/16");
    EXPECT_EQ(routeTable("rt-app-nat").routes[1].target.str(), "nat-a");
    EXPECT_EQ(doc().undoStack()->count(), 1);
    EXPECT_EQ(fieldError(QStringLiteral("routes")), QString());
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

TEST_F(Inspector, InvalidCellsAreRefusedWithTheReadersReason)
{
    open(kS3Example);
    select("rt-app-nat");
    QTableWidget* routes = table(QStringLiteral("routes"));
    ASSERT_NE(routes, nullptr);
    auto reason = [&] { return fieldError(QStringLiteral("routes")); };

    type(routes, 0, QStringLiteral("destination"), QStringLiteral("10.0.0.0/33"));
    EXPECT_EQ(routeTable("rt-app-nat").routes[0].destination->toString(), "0.0.0.0/0");
    EXPECT_FALSE(doc().isModified());
    EXPECT_NE(reason().indexOf(QStringLiteral("10.0.0.0/33")), -1) << reason().toStdString();
    EXPECT_NE(reason().indexOf(QStringLiteral("row 1")), -1) << reason().toStdString();
    EXPECT_EQ(cell(routes, 0, QStringLiteral("destination")), QStringLiteral("10.0.0.0/33")) << "kept for the user to fix";

    // A target that is not in the design (pasted, say): refused the same way.
    routes->item(0, column(routes, QStringLiteral("target")))->setText(QStringLiteral("no-such-gateway"));
    EXPECT_EQ(routeTable("rt-app-nat").routes[0].target.str(), "nat-a");
    EXPECT_NE(reason().indexOf(QStringLiteral("no-such-gateway")), -1) << reason().toStdString();
    EXPECT_EQ(cell(routes, 0, QStringLiteral("target")), QStringLiteral("no-such-gateway"));
    EXPECT_EQ(doc().undoStack()->count(), 0);

    // A valid value is taken, one step; the other refused cell still says why.
    type(routes, 0, QStringLiteral("destination"), QStringLiteral("10.2.0.0/16"));
    EXPECT_EQ(routeTable("rt-app-nat").routes[0].destination->toString(), "10.2.0.0/16");
    EXPECT_EQ(doc().undoStack()->count(), 1);
    EXPECT_NE(reason().indexOf(QStringLiteral("no-such-gateway")), -1) << reason().toStdString();
    choose(routes, 0, QStringLiteral("target"), QStringLiteral("igw-a"));
    EXPECT_EQ(routeTable("rt-app-nat").routes[0].target.str(), "igw-a");
    EXPECT_EQ(reason(), QString());
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
    EXPECT_NE(fieldError(QStringLiteral("inbound")).indexOf(QStringLiteral("securityGroup")), -1)
        << fieldError(QStringLiteral("inbound")).toStdString();
    choose(inbound, 0, QStringLiteral("securityGroup"), QStringLiteral("sg-app"));
    ASSERT_EQ(securityGroup("sg-app").inbound.size(), 1u);
    const SecurityGroupRule& rule = securityGroup("sg-app").inbound[0];
    EXPECT_EQ(rule.protocol, Protocol::Tcp);
    EXPECT_EQ(rule.fromPort, 443);
    EXPECT_EQ(rule.toPort, 443);
    EXPECT_EQ(rule.securityGroup->str(), "sg-app");
    EXPECT_FALSE(rule.cidr);
    EXPECT_EQ(doc().undoStack()->count(), 1);

    // Out of range: the reader's range message; the typed port stays until fixed.
    type(outbound, 0, QStringLiteral("toPort"), QStringLiteral("70000"));
    EXPECT_EQ(securityGroup("sg-app").outbound[0].toPort, 65535);
    EXPECT_NE(fieldError(QStringLiteral("outbound")).indexOf(QStringLiteral("0..65535")), -1)
        << fieldError(QStringLiteral("outbound")).toStdString();
    EXPECT_EQ(cell(outbound, 0, QStringLiteral("toPort")), QStringLiteral("70000"));
    type(outbound, 0, QStringLiteral("toPort"), QStringLiteral("65535"));
    EXPECT_EQ(fieldError(QStringLiteral("outbound")), QString()) << "the model's value again: nothing refused";
    EXPECT_EQ(doc().undoStack()->count(), 1);

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
    EXPECT_NE(fieldError(QStringLiteral("inbound")).indexOf(QStringLiteral("ruleNumber")), -1)
        << fieldError(QStringLiteral("inbound")).toStdString();
    QTest::keyClick(inbound, Qt::Key_Escape);
    EXPECT_EQ(cell(inbound, 0, QStringLiteral("ruleNumber")), QStringLiteral("100")) << "Escape gave it up";

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


TEST_F(Inspector, UndoWhileTypingActsOnTheTextAndNeverCommitsIt)
{
    open(kS3Example);
    activate();
    select("vpc-a");
    QLineEdit* name = line(QStringLiteral("name"));
    ASSERT_NE(name, nullptr);

    typeInto(QStringLiteral("name"), QStringLiteral(" prod"));
    EXPECT_EQ(name->text(), QStringLiteral("VPC-A prod"));
    EXPECT_EQ(doc().undoStack()->count(), 0) << "typing is not committed key by key";
    press(name, QKeySequence::Undo);
    EXPECT_EQ(name->text(), QStringLiteral("VPC-A")) << "Undo took back the typing";
    press(name, QKeySequence::Redo);
    EXPECT_EQ(name->text(), QStringLiteral("VPC-A prod")) << "Redo typed it again";
    press(name, QKeySequence::Undo);
    QTest::keyClick(name, Qt::Key_Return);
    settle();
    EXPECT_EQ(doc().undoStack()->count(), 0) << "nothing was changed, nothing is committed";
    EXPECT_EQ(saved(), readAll(source(kS3Example)));

    // Committed with Enter, then Undo in the same field: the commit is undone as one step; the
    // old text is not committed again as a new edit.
    typeInto(QStringLiteral("name"), QStringLiteral(" prod"));
    QTest::keyClick(name, Qt::Key_Return);
    settle();
    ASSERT_EQ(doc().undoStack()->count(), 1);
    EXPECT_EQ(doc().design().find(ResourceId("vpc-a"))->name, "VPC-A prod");
    ASSERT_TRUE(name->hasFocus());
    press(name, QKeySequence::Undo);
    settle();
    EXPECT_EQ(doc().undoStack()->index(), 0) << "the window's Undo undid the edit";
    EXPECT_EQ(name->text(), QStringLiteral("VPC-A"));
    QTest::keyClick(name, Qt::Key_Tab); // leaving the field
    QTest::keyClick(name, Qt::Key_Return);
    settle();
    EXPECT_EQ(doc().undoStack()->count(), 1) << "the undone text was not committed as a new edit";
    EXPECT_EQ(doc().undoStack()->index(), 0);
    EXPECT_EQ(saved(), readAll(source(kS3Example)));
    press(name, QKeySequence::Redo);
    settle();
    EXPECT_EQ(doc().design().find(ResourceId("vpc-a"))->name, "VPC-A prod") << "and Redo redoes it";
    EXPECT_EQ(name->text(), QStringLiteral("VPC-A prod"));
}

TEST_F(Inspector, AFieldEditIsOneStepForTheWindowsUndo)
{
    open(kS3Example);
    activate();
    select("app-a");
    typeInto(QStringLiteral("cidr"), QStringLiteral("10.0.3.0/24"), true);
    EXPECT_EQ(doc().undoStack()->count(), 0);
    EXPECT_EQ(doc().design().findAs<Subnet>(ResourceId("app-a"))->cidr.toString(), "10.0.1.0/24");
    // Leaving the field commits it; Undo from the canvas undoes it whole.
    window->view()->setFocus(Qt::MouseFocusReason);
    settle();
    EXPECT_EQ(doc().design().findAs<Subnet>(ResourceId("app-a"))->cidr.toString(), "10.0.3.0/24");
    EXPECT_EQ(doc().undoStack()->count(), 1);
    press(window->view()->viewport(), QKeySequence::Undo);
    settle();
    EXPECT_EQ(doc().undoStack()->index(), 0);
    EXPECT_EQ(saved(), readAll(source(kS3Example)));
    EXPECT_EQ(line(QStringLiteral("cidr"))->text(), QStringLiteral("10.0.1.0/24"));
}

TEST_F(Inspector, EscapePutsTheModelsValueBack)
{
    open(kS3Example);
    activate();
    select("app-a");
    QLineEdit* cidr = line(QStringLiteral("cidr"));
    typeInto(QStringLiteral("cidr"), QStringLiteral("10.0.9.0/24"), true);
    QTest::keyClick(cidr, Qt::Key_Escape);
    EXPECT_EQ(cidr->text(), QStringLiteral("10.0.1.0/24"));
    window->view()->setFocus(Qt::MouseFocusReason);
    settle();
    EXPECT_EQ(doc().undoStack()->count(), 0) << "nothing to commit after Escape";
}

TEST_F(Inspector, ARefusedValueStaysMarkedWithItsReasonUntilFixed)
{
    open(kS3Example);
    activate();
    select("app-a");
    QLineEdit* cidr = line(QStringLiteral("cidr"));
    typeInto(QStringLiteral("cidr"), QStringLiteral("10.0.1.0/33"), true);
    QTest::keyClick(cidr, Qt::Key_Return);
    settle();
    EXPECT_EQ(doc().design().findAs<Subnet>(ResourceId("app-a"))->cidr.toString(), "10.0.1.0/24") << "not applied";
    EXPECT_EQ(doc().undoStack()->count(), 0);
    EXPECT_EQ(cidr->text(), QStringLiteral("10.0.1.0/33")) << "the typed text stays";
    EXPECT_TRUE(marked(cidr));
    EXPECT_NE(fieldError(QStringLiteral("cidr")).indexOf(QStringLiteral("10.0.1.0/33")), -1)
        << fieldError(QStringLiteral("cidr")).toStdString();

    // Leaving the field, or an edit of another field, keeps it.
    QTest::keyClick(cidr, Qt::Key_Tab);
    EXPECT_EQ(inspector()->editField(QStringLiteral("name"), QStringLiteral("App subnet")), QString());
    settle();
    EXPECT_EQ(line(QStringLiteral("cidr")), cidr);
    EXPECT_EQ(cidr->text(), QStringLiteral("10.0.1.0/33"));
    EXPECT_TRUE(marked(cidr));
    EXPECT_FALSE(fieldError(QStringLiteral("cidr")).isEmpty());
    EXPECT_FALSE(marked(line(QStringLiteral("name"))));
    EXPECT_TRUE(fieldError(QStringLiteral("name")).isEmpty());

    // Fixed and committed: applied, the mark and the reason go.
    typeInto(QStringLiteral("cidr"), QStringLiteral("10.0.1.0/25"), true);
    QTest::keyClick(cidr, Qt::Key_Return);
    settle();
    EXPECT_EQ(doc().design().findAs<Subnet>(ResourceId("app-a"))->cidr.toString(), "10.0.1.0/25");
    EXPECT_FALSE(marked(cidr));
    EXPECT_TRUE(fieldError(QStringLiteral("cidr")).isEmpty());
    EXPECT_EQ(doc().undoStack()->count(), 2);

    // An address outside the instance's subnet is refused the same way; Escape gives up on it.
    select("i-app-nat");
    QLineEdit* ip = line(QStringLiteral("privateIp"));
    ASSERT_NE(ip, nullptr);
    typeInto(QStringLiteral("privateIp"), QStringLiteral("10.0.9.10"), true);
    QTest::keyClick(ip, Qt::Key_Return);
    settle();
    EXPECT_EQ(doc().design().findAs<Workload>(ResourceId("i-app-nat"))->privateIp->toString(), "10.0.1.10");
    EXPECT_TRUE(marked(ip));
    EXPECT_NE(fieldError(QStringLiteral("privateIp")).indexOf(QStringLiteral("app-a")), -1)
        << fieldError(QStringLiteral("privateIp")).toStdString();
    QTest::keyClick(ip, Qt::Key_Escape);
    EXPECT_EQ(ip->text(), QStringLiteral("10.0.1.10"));
    EXPECT_FALSE(marked(ip));
    EXPECT_TRUE(fieldError(QStringLiteral("privateIp")).isEmpty());
    settle();
    EXPECT_EQ(doc().undoStack()->count(), 2);
}

TEST_F(Inspector, MarksClearWhenTheSelectionChanges)
{
    open(kS3Example);
    activate();
    select("app-a");
    typeInto(QStringLiteral("cidr"), QStringLiteral("10.0.1.7/24"), true);
    QTest::keyClick(line(QStringLiteral("cidr")), Qt::Key_Return);
    settle();
    ASSERT_TRUE(marked(line(QStringLiteral("cidr"))));
    select("app-b");
    select("app-a");
    EXPECT_EQ(line(QStringLiteral("cidr"))->text(), QStringLiteral("10.0.1.0/24"));
    EXPECT_FALSE(marked(line(QStringLiteral("cidr"))));
    EXPECT_TRUE(fieldError(QStringLiteral("cidr")).isEmpty());
}

TEST_F(Inspector, RefusedValuesSurviveNewEditorsForTheSameSelection)
{
    open(kS3Example);
    activate();
    select("app-a");
    typeInto(QStringLiteral("cidr"), QStringLiteral("10.0.1.7/24"), true);
    QTest::keyClick(line(QStringLiteral("cidr")), Qt::Key_Return);
    settle();
    ASSERT_TRUE(marked(line(QStringLiteral("cidr"))));
    // Another route table gives the subnet's routeTable another choice: the editors are built
    // again, and the refused text, its mark and its reason move to them.
    Resource copy = *doc().design().find(ResourceId("rt-app-s3"));
    copy.id = ResourceId("rt-other");
    doc().apply(ChangeSetBuilder(doc().design()).add(copy).build(), QStringLiteral("Add route table"));
    settle();
    auto* routeTable = inspector()->findChild<QComboBox*>(QStringLiteral("field-routeTable"));
    ASSERT_NE(routeTable, nullptr);
    ASSERT_GE(routeTable->findData(QStringLiteral("rt-other")), 0) << "new editors";
    EXPECT_EQ(line(QStringLiteral("cidr"))->text(), QStringLiteral("10.0.1.7/24"));
    EXPECT_TRUE(marked(line(QStringLiteral("cidr"))));
    EXPECT_NE(fieldError(QStringLiteral("cidr")).indexOf(QStringLiteral("10.0.1.0/24")), -1)
        << fieldError(QStringLiteral("cidr")).toStdString();

    // A refused cell likewise.
    select("rt-app-nat");
    type(table(QStringLiteral("routes")), 0, QStringLiteral("destination"), QStringLiteral("10.0.0.0/33"));
    Resource igw = *doc().design().find(ResourceId("igw-a"));
    igw.id = ResourceId("igw-b");
    doc().apply(ChangeSetBuilder(doc().design()).add(igw).build(), QStringLiteral("Add gateway"));
    settle();
    QTableWidget* routes = table(QStringLiteral("routes"));
    ASSERT_TRUE(choices(routes, 0, QStringLiteral("target")).contains(QStringLiteral("igw-b"))) << "new editors";
    EXPECT_EQ(cell(routes, 0, QStringLiteral("destination")), QStringLiteral("10.0.0.0/33"));
    EXPECT_NE(fieldError(QStringLiteral("routes")).indexOf(QStringLiteral("10.0.0.0/33")), -1)
        << fieldError(QStringLiteral("routes")).toStdString();

    // Undoing the gateway builds them once more; undoing further is nothing to do with the cell.
    doc().undoStack()->undo();
    settle();
    EXPECT_EQ(cell(table(QStringLiteral("routes")), 0, QStringLiteral("destination")), QStringLiteral("10.0.0.0/33"));
}

TEST_F(Inspector, ARefusedCellKeepsItsTextMarkedUntilFixedOrEscaped)
{
    open(kS3Example);
    activate();
    select("rt-app-nat");
    QTableWidget* routes = table(QStringLiteral("routes"));
    ASSERT_NE(routes, nullptr);
    const int destination = column(routes, QStringLiteral("destination"));

    type(routes, 0, QStringLiteral("destination"), QStringLiteral("10.0.0.0/33"));
    settle();
    EXPECT_EQ(routeTable("rt-app-nat").routes[0].destination->toString(), "0.0.0.0/0") << "not applied";
    EXPECT_EQ(cell(routes, 0, QStringLiteral("destination")), QStringLiteral("10.0.0.0/33")) << "the typed text stays";
    const QString reason = fieldError(QStringLiteral("routes"));
    EXPECT_NE(reason.indexOf(QStringLiteral("10.0.0.0/33")), -1) << reason.toStdString();
    EXPECT_NE(reason.indexOf(QStringLiteral("row 1")), -1) << reason.toStdString();
    EXPECT_NE(routes->item(0, destination)->toolTip().indexOf(QStringLiteral("10.0.0.0/33")), -1);
    EXPECT_NE(routes->item(0, destination)->background(), QBrush()) << "the cell is marked";

    // Another cell's valid edit leaves it as it is.
    choose(routes, 0, QStringLiteral("state"), QStringLiteral("blackhole"));
    settle();
    EXPECT_EQ(routeTable("rt-app-nat").routes[0].state, RouteState::Blackhole);
    EXPECT_EQ(cell(routes, 0, QStringLiteral("destination")), QStringLiteral("10.0.0.0/33"));
    EXPECT_FALSE(fieldError(QStringLiteral("routes")).isEmpty());

    // Escape in the table gives the model's value back.
    routes->setFocus();
    routes->setCurrentCell(0, destination);
    QTest::keyClick(routes, Qt::Key_Escape);
    EXPECT_EQ(cell(routes, 0, QStringLiteral("destination")), QStringLiteral("0.0.0.0/0"));
    EXPECT_EQ(routes->item(0, destination)->background(), QBrush());
    EXPECT_TRUE(fieldError(QStringLiteral("routes")).isEmpty());

    // Refused again, then fixed: applied and unmarked.
    type(routes, 0, QStringLiteral("destination"), QStringLiteral("10.0.0.0/33"));
    type(routes, 0, QStringLiteral("destination"), QStringLiteral("10.3.0.0/16"));
    settle();
    EXPECT_EQ(routeTable("rt-app-nat").routes[0].destination->toString(), "10.3.0.0/16");
    EXPECT_EQ(routes->item(0, destination)->background(), QBrush());
    EXPECT_TRUE(fieldError(QStringLiteral("routes")).isEmpty());
    EXPECT_EQ(doc().undoStack()->count(), 2);
}

TEST_F(Inspector, LongLabelsNeverPushTheFieldsOutOfView)
{
    // At the inspector's narrowest, every field of every kind is in view: no sideways scrolling.
    open(kGolden);
    QDockWidget* dock = qobject_cast<QDockWidget*>(inspector()->parentWidget());
    ASSERT_NE(dock, nullptr);
    window->resizeDocks({dock}, {inspector()->minimumWidth()}, Qt::Horizontal);
    auto* scroll = inspector()->findChild<QScrollArea*>();
    ASSERT_NE(scroll, nullptr);
    std::vector<std::string> ids;
    for (const Resource& resource : doc().design().resources())
        ids.push_back(resource.id.str());
    for (const Flow& flow : doc().design().flows())
        ids.push_back(flow.id.str());
    for (const std::string& id : ids) {
        select(id);
        // A form taller than the dock gets a vertical scroll bar, and the form is fitted to the
        // narrower viewport on the next pass of the event loop: measure after it.
        QTest::qWait(20);
        EXPECT_EQ(scroll->horizontalScrollBar()->maximum(), 0)
            << id << ": " << scroll->widget()->minimumSizeHint().width() << " > " << scroll->viewport()->width();
        // And the values keep most of the width: labels give way, not the fields.
        const int width = scroll->viewport()->width();
        for (const QWidget* field : scroll->widget()->findChildren<QWidget*>(QRegularExpression(QStringLiteral("^field-")))) {
            if (!field->isVisible())
                continue;
            const int left = field->mapTo(scroll->viewport(), QPoint(0, 0)).x();
            EXPECT_LE(left, width * 3 / 5) << id << " " << field->objectName().toStdString();
            EXPECT_LE(left + field->width(), width) << id << " " << field->objectName().toStdString();
        }
    }
}

} // namespace
} // namespace pp::ui
