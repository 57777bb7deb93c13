#pragma once

// moc does not need the core (and cannot parse its C++20 concepts).
#ifndef Q_MOC_RUN
#include "model/Design.h"
#endif
#include "panels/ListFieldEditor.h"

#include <QWidget>
#include <functional>
#include <vector>

class QFormLayout;
class QLabel;

namespace pp::ui {

class Document;

// Edits every property of the selected resource or flow, generated from the same describe()
// functions the file format uses, so no field is missing. Each edit is checked by the file
// format's reader (types, ranges, CIDRs, references) and refused with a message when invalid,
// never silently fixed; valid edits become one undoable change-set. Lists of described structs
// (routes, rules, entries) are edited in a table (ListFieldEditor) that commits the same way.
//
// When the model changes but the selection and its fields stay the same, the editors are kept
// and only show the new values: focus, table selection and rows being added survive an edit,
// an undo, or a change made elsewhere.
class InspectorPanel : public QWidget {
    Q_OBJECT
public:
    explicit InspectorPanel(Document& document, QWidget* parent = nullptr);

    QSize sizeHint() const override;

    void showResource(const ResourceId& id);
    void showFlow(const FlowId& id);
    void clearSelection();

    // For tests: set field `key` to `jsonText` as if typed; returns the refusal message or "".
    QString editField(const QString& key, const QString& jsonText);

private:
    void rebuild();
    void scheduleRebuild();
    void showMessage(const QString& text, bool refusal);
    void clearForm();
    void addEditor(const FieldInfo& info);
    // Sets `key` to `jsonText` through the file format's reader. Returns the refusal ("" =
    // accepted; the change is one undo step) and the JSON pointer the reader objects to.
    QString commit(const QString& key, const QString& jsonText, QString* errorPath = nullptr);

    struct Field {
        // Shows the field's value, taken from the selection as JSON, without committing it.
        std::function<void(const OrderedJson& object)> show;
    };

    Document& m_document;
    ResourceId m_resource;
    FlowId m_flow;
    QFormLayout* m_form = nullptr;
    QLabel* m_title = nullptr;
    QLabel* m_message = nullptr;
    std::vector<Field> m_fields;
    QString m_shown;                // what the editors were built for: "resource:<id>" or "flow:<id>"
    std::vector<FieldInfo> m_infos; // the fields they were built for (keys, choices, columns)
    bool m_rebuildPending = false;
};

} // namespace pp::ui
