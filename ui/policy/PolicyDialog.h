#pragma once

// moc does not need the core (and cannot parse its C++20 concepts).
#ifndef Q_MOC_RUN
#include "policy/PolicyCheck.h"
#endif

#include <QDialog>
#include <QString>
#include <QStringList>
#include <string>

class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTimer;

namespace pp::ui {

class Document;

// Add Policy… and Edit Policy… (the Policies panel and the Edit menu): one policy of any kind
// (docs/file-format.md, "Policies"). The fields follow the kind: scope B for the kinds that have
// one (required by isolated, must-reach and only-via, optional for private-only, none for
// no-internet-exposure), protocol and port except for exposure, `via` for only-via. Each scope's
// "Use Selection" fills it from what is selected on the canvas (endpoints as resources; VPCs,
// subnets and on-premises networks as containers).
//
// The dialog refuses what the loader would refuse (checkPoliciesAsLoaded: a valid id unique among
// the policies, the fields the kind needs, endpoint kind names, tag selectors, ids that exist and
// are of the right kind) and names the field; while the user types it shows whether the policy
// holds on the open design and, if not, its first violations (checkPolicies on the document's
// latest analysis, a moment after the last keystroke).
//
// OK applies the policy list as one undoable change-set (Document::apply): the policy is added
// at the end, or replaces the edited one, found again by its id when applying.
class PolicyDialog : public QDialog {
    Q_OBJECT
public:
    PolicyDialog(Document& document, const QString& editedId, QStringList selection, QWidget* parent = nullptr);

    // The policy as the fields describe it (fields its kind does not use are left out).
    Policy policy() const;
    // Why the policy cannot be saved, as shown under the fields; empty when it can.
    QString problem() const;
    // What the live check says (e.g. "Holds: 12 sources, 3 destinations, 36 pairs checked").
    QString preview() const;
    // Runs the live check now (it otherwise runs a moment after the last change).
    void refreshPreview();

    // Applies the policy if it is valid and closes; otherwise shows the reason and stays open.
    void accept() override;

private:
    struct ScopeFields {
        QLineEdit* resources = nullptr;
        QLineEdit* kinds = nullptr;
        QLineEdit* containers = nullptr;
        QLineEdit* tags = nullptr;
    };
    QWidget* scopeWidget(ScopeFields& fields, const QString& objectPrefix);
    void fill(const Policy& policy);
    void kindChanged();
    void changed();
    void useSelection(ScopeFields& fields);
    // The policy list with this policy in place (added at the end or replacing the edited one),
    // and its index in it.
    std::vector<Policy> candidates(std::size_t* index) const;

    Document& m_document;
    std::string m_editedId; // empty: a new policy
    QStringList m_selection;
    QLineEdit* m_id = nullptr;
    QComboBox* m_kind = nullptr;
    QLineEdit* m_description = nullptr;
    ScopeFields m_from;
    ScopeFields m_to;
    QGroupBox* m_toBox = nullptr;
    bool m_toBoxWanted = false; // the optional scope B is on (kept while a kind requires or refuses it)
    QComboBox* m_protocol = nullptr;
    QSpinBox* m_port = nullptr;
    QLineEdit* m_via = nullptr;
    QPushButton* m_viaSelection = nullptr;
    QLabel* m_kindHelp = nullptr;
    QLabel* m_preview = nullptr;
    QLabel* m_problem = nullptr;
    QTimer* m_previewTimer = nullptr;
};

} // namespace pp::ui
