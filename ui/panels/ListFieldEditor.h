#pragma once

// moc does not need the core (and cannot parse its C++20 concepts).
#ifndef Q_MOC_RUN
#include "io/JsonWriter.h"
#endif

#include <QIcon>
#include <QStringList>
#include <QWidget>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

class QLabel;
class QTableWidget;
class QToolButton;

namespace pp::ui {

class FieldError;

// One field of a described type as the inspector edits it: key, documentation, and the editor
// that fits its C++ type. Built from describe() (see FormCollector in InspectorPanel.cpp), so a
// field added to the model gets an editor without UI code.
struct FieldInfo {
    // Line: a text line (scalars; lists of scalars as "a, b"). Check: a boolean. Choice: one of
    // `choices` (enum names, or ids of the resources a reference may name). Table: a list of
    // described structs, one row per element and one column per entry of `columns`. Checklist: a
    // list of references, one check box per resource it may name.
    enum class Editor { Line, Check, Choice, Table, Checklist };

    std::string key;
    std::string doc;
    Editor editor = Editor::Line;
    QStringList choices;     // "" first when the field may be left out
    QStringList choiceLabels; // references: how each choice reads, "App servers (subnet-app)"
    bool optional = false;
    bool list = false;       // a JSON array
    bool number = false;     // integer (or list of integers): typed digits become a JSON number
    bool reference = false;  // Choice of resource ids rather than enum names
    std::optional<OrderedJson> defaultValue; // what an absent optional field means (defaults are not saved)
    std::vector<FieldInfo> columns;          // Editor::Table: the element type's fields
    // A table column standing for fields of which an element has exactly one (describe()'s
    // oneOf: a rule's peer is a CIDR, a security group or a prefix list): those fields. The cell
    // is an editable Choice: picking a reference sets that field, typed text the first field that
    // is not a reference (the CIDR). `key` is the first one's.
    std::vector<FieldInfo> alternatives;

    friend bool operator==(const FieldInfo&, const FieldInfo&) = default;
};

// JSON value <-> the text an editor shows: strings without quotes, lists of scalars as "a, b",
// anything else as compact JSON.
QString displayText(const OrderedJson& value, const FieldInfo& field);
// The JSON value for typed text. Numbers only for number fields, so an account id typed as
// digits stays a string. Returns nullopt when a Table or Check field's text is not valid JSON.
std::optional<OrderedJson> valueFromText(const QString& text, const FieldInfo& field);

// Edits a list of described structs (route table routes, security group rules, NACL entries…)
// as a table: one row per element, one column per field of the element type, combo boxes for
// enum and reference columns, check boxes for booleans, text for the rest.
//
// The table never changes the model itself: every edit becomes the field's whole JSON array and
// goes to `commit`, the inspector's path through the file format's reader. A refused edit leaves
// the model as it was; the cell keeps the refused text, marked, with the reason as its tooltip
// and under the table, until the user fixes it, presses Escape in the table (the model's values
// come back) or the model's value for that cell changes.
//
// Rows added with "Add" are drafts: they live only in the table (marked "new") until the list
// with them is accepted, so an incomplete row never reaches the model and is never thrown away
// while the user fills it in. Drafts survive model changes (setValue) and sit below the
// committed rows.
class ListFieldEditor : public QWidget {
    Q_OBJECT
public:
    // On a column's header item: the field's file key (the header reads its label), and for a
    // column of alternatives every key it stands for (a QStringList).
    static constexpr int kKeyRole = Qt::UserRole;
    static constexpr int kKeysRole = Qt::UserRole + 2;

    // Sets the field to `jsonText`; returns the reader's refusal ("" = accepted) and, when the
    // refusal is about one element, its JSON pointer in `errorPath` (e.g. "/routes/2/target").
    using Commit = std::function<QString(const QString& jsonText, QString* errorPath)>;

    struct Cell {
        QString text;    // check boxes: "true" or "false"
        QString refusal; // why this value was refused ("" = not refused)
    };
    using RowCells = std::vector<Cell>;
    // A refused text kept over the model's value `model` in a committed row.
    struct RefusedCell {
        QString text;
        QString model;
        QString reason;
    };
    using CellKey = std::pair<int, int>; // row, column
    // What the table holds that the model does not, so that a new editor for the same field
    // (built when the choices change) can take it over.
    struct Unsaved {
        std::vector<RowCells> drafts;
        std::map<CellKey, RefusedCell> refused;
    };

    ListFieldEditor(const FieldInfo& field, Commit commit, QWidget* parent = nullptr);

    // Shows the model's array (null = empty) in the committed rows; drafts stay below it.
    void setValue(const OrderedJson& array);
    QTableWidget* table() const { return m_table; }
    int draftCount() const;
    Unsaved unsaved() const;
    void setUnsaved(const Unsaved& unsaved);
    // A refusal of the whole list (set from elsewhere), under the table; "" clears it.
    void showRefusal(const QString& reason);

    void addRow();
    void removeSelectedRows();
    void moveCurrentRow(int by);
    // Escape: the model's values back in the refused cells. False when there were none.
    bool revertRefused();

private:
    void fill();
    void fillRow(int row, const RowCells& cells, bool draft);
    QIcon refusedIcon() const;
    RowCells cellsOf(const OrderedJson& element) const;
    RowCells cellsOfRow(int row) const;
    RowCells defaultCells() const;
    OrderedJson elementOf(const RowCells& cells) const;
    // Sets (or, for empty text, clears) column `column`'s field in `element` from a cell's text.
    void setInElement(OrderedJson& element, const FieldInfo& column, const QString& text) const;
    void captureDrafts();
    void cellChanged(int row, int column);
    bool commitArray(const OrderedJson& array, int* errorRow, int* errorColumn, QString* refusal);
    QString rowMessage(int row, const QString& refusal) const;
    // The message under the table: the first refused cell's reason, or nothing.
    void showRefusals();
    void updateButtons();
    QList<int> selectedRows() const;

    FieldInfo m_field;
    QString m_key;
    QString m_label; // the key in words, for headers and messages
    Commit m_commit;
    OrderedJson m_committed = OrderedJson::array(); // the model's array, row for row
    std::vector<RowCells> m_drafts;                 // rows below the committed ones, as typed
    std::map<CellKey, RefusedCell> m_refused;       // refused texts shown over committed rows
    QLabel* m_title = nullptr;
    QTableWidget* m_table = nullptr;
    FieldError* m_error = nullptr;
    QToolButton* m_add = nullptr;
    QToolButton* m_remove = nullptr;
    QToolButton* m_up = nullptr;
    QToolButton* m_down = nullptr;
    bool m_filling = false; // itemChanged from fill() is not an edit
};

} // namespace pp::ui
