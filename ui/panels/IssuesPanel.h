#pragma once

#include <QTreeWidget>

namespace pp::ui {

class Document;

// Every design finding; activating one asks to select and centre what it concerns.
class IssuesPanel : public QTreeWidget {
    Q_OBJECT
public:
    explicit IssuesPanel(Document& document, QWidget* parent = nullptr);

signals:
    void showResources(const QStringList& ids);

private:
    void refresh();
    Document& m_document;
};

} // namespace pp::ui
