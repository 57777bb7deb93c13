#pragma once

#include "panels/ReferenceChoices.h"

#include <QListWidget>
#include <QStringList>

namespace pp::ui {

// A list of references (an endpoint's subnets, a workload's security groups, the subnets
// associated with a route table) edited as check boxes, one per resource the field may name,
// shown by name with the id beside it. Ticking or clearing one emits the whole new list; the
// model is changed by whoever listens (the inspector, through the file format's reader).
//
// Ids the field holds that are not among the choices (a subnet of another VPC, say) are listed
// too, ticked, so that they can be seen and cleared.
class ReferenceChecklist : public QListWidget {
    Q_OBJECT
public:
    ReferenceChecklist(const std::vector<ReferenceChoice>& choices, QWidget* parent = nullptr);

    // Ticks exactly `ids` (the model's value); emits nothing.
    void setChecked(const QStringList& ids);
    QStringList checked() const { return m_checked; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    // The user ticked or cleared a box: the list it leaves, in the model's order with new ones last.
    void edited(const QStringList& ids);

private:
    QListWidgetItem* itemFor(const QString& id) const;

    QStringList m_checked;
    bool m_filling = false;
};

} // namespace pp::ui
