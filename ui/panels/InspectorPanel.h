#pragma once

// moc does not need the core (and cannot parse its C++20 concepts).
#ifndef Q_MOC_RUN
#include "model/Design.h"
#endif

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
// never silently fixed; valid edits become one undoable change-set.
class InspectorPanel : public QWidget {
    Q_OBJECT
public:
    explicit InspectorPanel(Document& document, QWidget* parent = nullptr);

    void showResource(const ResourceId& id);
    void showFlow(const FlowId& id);
    void clearSelection();

    // For tests: set field `key` to `jsonText` as if typed; returns the refusal message or "".
    QString editField(const QString& key, const QString& jsonText);

private:
    void rebuild();
    void scheduleRebuild();
    QString commit(const QString& key, const QString& jsonText);

    struct Field {
        QString key;
        std::function<QString()> text;      // the editor's value as JSON text
        std::function<void(const QString&)> set; // put JSON text into the editor
    };

    Document& m_document;
    ResourceId m_resource;
    FlowId m_flow;
    QFormLayout* m_form = nullptr;
    QLabel* m_title = nullptr;
    QLabel* m_message = nullptr;
    std::vector<Field> m_fields;
    bool m_rebuildPending = false;
};

} // namespace pp::ui
