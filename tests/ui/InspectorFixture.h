#pragma once

// The inspector tests' fixture: a shown main window, and the helpers that drive the inspector's
// real widgets as a user does (select on the canvas, type into fields and table cells, pick in
// combo boxes).
#include "MainWindow.h"
#include "canvas/DiagramScene.h"
#include "canvas/DiagramView.h"
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
#include <QDockWidget>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QScrollBar>
#include <QTableWidget>
#include <QTest>
#include <QToolButton>
#include <QUndoStack>
#include <gtest/gtest.h>
#include <set>

namespace pp::ui {
namespace {

inline QString source(const QString& relative) { return QStringLiteral(PRIVATEPATH_SOURCE_DIR "/") + relative; }

inline std::string readAll(const QString& path)
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
    QLineEdit* line(const QString& key) { return inspector()->findChild<QLineEdit*>(QStringLiteral("field-") + key); }
    // The reason shown beside field `key` ("" when it is hidden).
    QString fieldError(const QString& key)
    {
        const auto* label = inspector()->findChild<QLabel*>(QStringLiteral("fieldError-") + key);
        return label && label->isVisible() ? label->text() : QString();
    }
    static bool marked(const QWidget* editor) { return editor->property("refused").toBool(); }

    // Keyboard focus in the window, as a user who clicked into it has.
    void activate()
    {
        window->activateWindow();
        ASSERT_TRUE(QTest::qWaitForWindowActive(window.get()));
    }
    // Clicks into field `key` and types `text` at the end of its value, key by key.
    void typeInto(const QString& key, const QString& text, bool replace = false)
    {
        QLineEdit* field = line(key);
        ASSERT_NE(field, nullptr) << key.toStdString();
        field->setFocus(Qt::MouseFocusReason);
        ASSERT_TRUE(field->hasFocus());
        if (replace)
            field->selectAll();
        else
            field->end(false);
        QTest::keyClicks(field, text);
    }
    static void press(QWidget* widget, QKeySequence::StandardKey key) { QTest::keySequence(widget, QKeySequence(key)); }
    std::string saved() { return saveDesignToString(doc().design()); }

    static int column(QTableWidget* t, const QString& key)
    {
        // Headers read as words; each keeps the field's file key.
        for (int c = 0; c < t->columnCount(); ++c)
            if (t->horizontalHeaderItem(c)->data(ListFieldEditor::kKeysRole).toStringList().contains(key))
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
        // A text cell, or one that takes text or a pick (a CIDR or a prefix list).
        auto* combo = qobject_cast<QComboBox*>(t->indexWidget(index));
        auto* editor = combo ? combo->lineEdit() : qobject_cast<QLineEdit*>(t->indexWidget(index));
        ASSERT_NE(editor, nullptr) << key.toStdString() << " is edited as text";
        editor->selectAll();
        QTest::keyClicks(editor, text);
        QTest::keyClick(editor, Qt::Key_Return);
        QApplication::processEvents(); // the delegate commits Return from the event loop
    }

    // The choices the cell's combo box offers (the values each item stands for).
    static QStringList choices(QTableWidget* t, int row, const QString& key)
    {
        const QModelIndex index = t->model()->index(row, column(t, key));
        t->setCurrentIndex(index);
        t->edit(index);
        auto* combo = qobject_cast<QComboBox*>(t->indexWidget(index));
        QStringList out;
        for (int i = 0; combo && i < combo->count(); ++i)
            out << combo->itemData(i).toString();
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
        const int i = combo->findData(choice);
        ASSERT_GE(i, 0) << choice.toStdString() << " is offered";
        combo->setCurrentIndex(i);
        emit combo->activated(i);
    }

    const RouteTable& routeTable(const char* id) { return *doc().design().findAs<RouteTable>(ResourceId(id)); }
    const SecurityGroup& securityGroup(const char* id) { return *doc().design().findAs<SecurityGroup>(ResourceId(id)); }

    std::unique_ptr<MainWindow> window;
};

} // namespace
} // namespace pp::ui
