#pragma once

// moc does not need the core (and cannot parse its C++20 concepts).
#ifndef Q_MOC_RUN
#include "design/Design.h"
#endif
#include "panels/DerivedValues.h"
#include "panels/ListFieldEditor.h"

#include <QWidget>
#include <functional>
#include <map>
#include <vector>

class QComboBox;
class QFormLayout;
class QLabel;

namespace pp::ui {

class Document;
class FieldLineEdit;
class FieldRow;

// Edits every property of the selected resource or flow that applies to its type and mode
// (FieldLabels.h: a gateway endpoint shows no interface-only fields), generated from the same
// describe() functions the file format uses, so no field is missing. Fields are named in words
// with the file's key in the tooltip. References are picked from the resources they may name,
// shown by name with the id beside it (ReferenceChoices.h); lists of references are check lists.
// What the engine derives and the design does not state (assumed addresses, the route table in
// effect, DNS names, a route table's effective routes) is shown read-only under the fields
// (DerivedValues.h). Each edit is checked by the file
// format's reader (types, ranges, CIDRs, references) and refused with a message when invalid,
// never silently fixed; valid edits become one undoable change-set. Lists of described structs
// (routes, rules, entries) are edited in a table (ListFieldEditor) that commits the same way.
//
// Editing rules: typed text is a draft until Enter or leaving the field commits it (one undo
// step; see FieldLineEdit for Undo, Redo and Escape while typing). A refused value stays in its
// editor, marked, with the reason under it (FieldRow), until it is fixed, given up with Escape,
// or the model's value for that field changes. Selecting something else clears the marks.
//
// When the model changes but the selection and its fields stay the same, the editors are kept
// and only show the new values: focus, drafts, marks, table selection and rows being added
// survive an edit, an undo, or a change made elsewhere.
class InspectorPanel : public QWidget {
    Q_OBJECT
public:
    explicit InspectorPanel(Document& document, QWidget* parent = nullptr);

    QSize sizeHint() const override;

    void showResource(const ResourceId& id);
    void showFlow(const FlowId& id);
    void clearSelection();

    // For tests: set field `key` to `jsonText` as if typed and committed (a refusal is shown at
    // the field as one typed would be); returns the refusal message or "".
    QString editField(const QString& key, const QString& jsonText);

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    struct Field {
        QString key;
        // Shows the field's value, taken from the selection as JSON, without committing it.
        std::function<void(const OrderedJson& object)> show;
        FieldRow* row = nullptr;         // the editor and its refusal (not for tables)
        FieldLineEdit* line = nullptr;   // a text field
        ListFieldEditor* list = nullptr; // a table
    };
    // What the engine derives for the selection, recomputed after every change.
    struct Derived {
        std::vector<DerivedValue> values;
        bool routeTable = false; // effective routes are shown
        std::vector<EffectiveRoute> routes;
    };
    // What editors hold that the model does not (drafts, refused values), taken over by new
    // editors for the same selection.
    struct Draft {
        QString text;
        QString model;  // the model's value it is a draft of
        QString reason; // why it was refused ("" = not committed yet)
    };
    struct Unsaved {
        std::map<QString, Draft> lines;
        std::map<QString, ListFieldEditor::Unsaved> lists;
    };

    void rebuild();
    void scheduleRebuild();
    void clearForm();
    Unsaved unsaved() const;
    void restore(const Unsaved& unsaved);
    void addEditor(const FieldInfo& info);
    void addChoiceEditor(const FieldInfo& info, Field& field);
    void addChecklistEditor(const FieldInfo& info, Field& field);
    void addServiceEditor(const FieldInfo& info, Field& field);
    void finishChoiceRow(const FieldInfo& info, Field& field, FieldRow* row, QComboBox* combo,
                         const std::function<void(const QString&)>& showValue);
    // Special rows that are not fields of the file: a subnet's "public" switch, a route table's
    // associated subnets, and the read-only values the engine derives.
    void addSubnetPublicRow(const ResourceId& id);
    void addAssociationsRow(const ResourceId& routeTable);
    void addDerivedRows(const Derived& derived);
    void showDerived(const Derived& derived);
    Derived derivedFor(const Resource& resource) const;
    void addRow(const QString& label, const QString& key, const QString& doc, QWidget* field);
    void addSection(const QString& title, const QString& tip);
    void fitLabels();
    // Gives the dock room for a route table's columns (only ever wider, once per selection).
    void widenForTables();
    const Field* fieldOf(const QString& key) const;
    // Commits the draft in field `key`'s line: applied, or kept there, marked, with the reason.
    void commitLine(const Field& field);
    // Sets `key` to `jsonText` through the file format's reader. Returns the refusal ("" =
    // accepted; the change is one undo step) and the JSON pointer the reader objects to.
    QString commit(const QString& key, const QString& jsonText, QString* errorPath = nullptr);

    Document& m_document;
    ResourceId m_resource;
    FlowId m_flow;
    QWidget* m_body = nullptr;      // holds the form; disabled for a resource the lesson locks
    QFormLayout* m_form = nullptr;
    QLabel* m_title = nullptr;
    std::vector<Field> m_fields;
    QString m_shown;                // what the editors were built for: "resource:<id>" or "flow:<id>"
    std::vector<FieldInfo> m_infos; // the fields they were built for (keys, choices, columns)
    QStringList m_derivedKeys;      // the derived values they were built for
    std::map<QString, QLabel*> m_derivedLabels;
    EffectiveRoutesTable* m_effectiveRoutes = nullptr;
    bool m_rebuildPending = false;
};

} // namespace pp::ui
