#pragma once

#include <QDialog>

class QTabWidget;

namespace pp::ui {

// The program's name, version, the Qt it runs on, what it is for, and the licences of what it
// bundles (the Lato font) or links (Qt, Boost, nlohmann/json), each with its full text.
class AboutDialog : public QDialog {
    Q_OBJECT
public:
    explicit AboutDialog(QWidget* parent = nullptr);

    QTabWidget* licences() const { return m_licences; }

private:
    void addLicence(const QString& tab, const QString& summary, const QString& textResource);

    QTabWidget* m_licences;
};

} // namespace pp::ui
