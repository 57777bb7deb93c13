#include "panels/ListFieldEditor.h"

#include "panels/FieldError.h"
#include "panels/FieldLabel.h"
#include "panels/FieldLabels.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QScrollBar>
#include <QStyle>
#include <QStyledItemDelegate>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>
#include <utility>

namespace pp::ui {

QString displayText(const OrderedJson& value, const FieldInfo& field)
{
    if (value.is_null())
        return {};
    if (value.is_string())
        return QString::fromStdString(value.get<std::string>());
    if (field.list && (field.editor == FieldInfo::Editor::Line || field.editor == FieldInfo::Editor::Checklist) &&
        value.is_array()) {
        QStringList parts;
        for (const auto& item : value)
            parts << (item.is_string() ? QString::fromStdString(item.get<std::string>())
                                       : QString::fromStdString(item.dump()));
        return parts.join(QStringLiteral(", "));
    }
    return QString::fromStdString(value.dump());
}

namespace {

OrderedJson scalarFromText(const QString& text, bool number)
{
    const std::string trimmed = text.trimmed().toStdString();
    if (number) {
        // Not a number stays text, so the reader names the field and the expected type.
        OrderedJson parsed = OrderedJson::parse(trimmed, nullptr, false);
        if (parsed.is_number())
            return parsed;
    }
    return trimmed;
}

} // namespace

std::optional<OrderedJson> valueFromText(const QString& text, const FieldInfo& field)
{
    if (field.editor == FieldInfo::Editor::Table || field.editor == FieldInfo::Editor::Check) {
        OrderedJson parsed = OrderedJson::parse(text.trimmed().toStdString(), nullptr, false);
        if (parsed.is_discarded())
            return std::nullopt;
        return parsed;
    }
    if (field.list) {
        OrderedJson array = OrderedJson::array();
        for (const QString& part : text.split(QLatin1Char(','), Qt::SkipEmptyParts))
            if (!part.trimmed().isEmpty())
                array.push_back(scalarFromText(part, field.number));
        return array;
    }
    return scalarFromText(text, field.number);
}

namespace {

constexpr int kMinVisibleRows = 2;  // an empty list still shows where rows go
constexpr int kMaxVisibleRows = 10; // longer lists scroll inside the table
constexpr int kRefusalRole = Qt::UserRole + 1; // on an item: why its value was refused
const QColor kRefusedCell(0xC6, 0x28, 0x28, 60); // the refusal red, faint

// Edits an enum or reference column with a combo box of the column's choices. A pick is
// committed at once (one click to choose, not choose-then-leave-the-cell).
// A reference cell holds the id (what the file stores) and reads "Name (id)".
class ChoiceDelegate : public QStyledItemDelegate {
public:
    // `editable`: text may be typed too (a column of alternatives: a CIDR, or a pick).
    ChoiceDelegate(QStringList choices, QStringList labels, bool editable, QObject* parent)
        : QStyledItemDelegate(parent), m_choices(std::move(choices)), m_labels(std::move(labels)), m_editable(editable)
    {
    }

    QString displayText(const QVariant& value, const QLocale& locale) const override
    {
        const QString text = value.toString();
        const qsizetype i = text.isEmpty() ? -1 : m_choices.indexOf(text);
        return i >= 0 && i < m_labels.size() ? m_labels[i] : QStyledItemDelegate::displayText(value, locale);
    }

    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem&, const QModelIndex&) const override
    {
        auto* combo = new QComboBox(parent);
        combo->setEditable(m_editable);
        combo->setInsertPolicy(QComboBox::NoInsert);
        for (qsizetype i = 0; i < m_choices.size(); ++i) {
            const QString& choice = m_choices[i];
            const QString label = i < m_labels.size() ? m_labels[i] : choice;
            combo->addItem(choice.isEmpty() ? ListFieldEditor::tr("(none)") : label, choice);
        }
        auto* self = const_cast<ChoiceDelegate*>(this); // createEditor is const; the signals are not
        connect(combo, &QComboBox::activated, self, [self, combo] {
            emit self->commitData(combo);
            emit self->closeEditor(combo);
        });
        return combo;
    }
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override
    {
        // Room for the combo box's arrow, so the value stays readable while it is edited.
        QSize size = QStyledItemDelegate::sizeHint(option, index);
        size.rwidth() += 24;
        return size;
    }
    void setEditorData(QWidget* editor, const QModelIndex& index) const override
    {
        auto* combo = static_cast<QComboBox*>(editor);
        // A value that is not a choice (an empty required cell) shows as no selection, or as
        // typed text where text may be typed.
        const QString value = index.data(Qt::EditRole).toString();
        combo->setCurrentIndex(combo->findData(value));
        if (m_editable && combo->currentIndex() < 0)
            combo->setEditText(value);
    }
    void setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const override
    {
        auto* combo = static_cast<QComboBox*>(editor);
        if (m_editable) {
            // The text as shown: an item's label stands for its value; anything else is typed.
            const int i = combo->findText(combo->currentText());
            model->setData(index, i >= 0 ? combo->itemData(i).toString() : combo->currentText().trimmed(), Qt::EditRole);
            return;
        }
        if (combo->currentIndex() >= 0)
            model->setData(index, combo->currentData().toString(), Qt::EditRole);
    }

private:
    QStringList m_choices;
    QStringList m_labels;
    bool m_editable = false;
};

// A table as tall as its rows (between kMinVisibleRows and kMaxVisibleRows), so the inspector's
// own scroll area does the scrolling for short lists. It keeps the Delete key: the window's
// Delete removes the selected resource, which must not happen when the user means a row. Escape
// (not while a cell is being edited: that Escape closes the cell's editor) gives up refused
// values when there are any.
class RowTable : public QTableWidget {
public:
    explicit RowTable(QWidget* parent) : QTableWidget(parent)
    {
        connect(horizontalScrollBar(), &QScrollBar::rangeChanged, this, [this] { updateGeometry(); });
    }

    std::function<void()> deletePressed;
    std::function<bool()> hasRefused;
    std::function<void()> escapePressed;

    QSize sizeHint() const override
    {
        const int rows = std::clamp(rowCount(), kMinVisibleRows, kMaxVisibleRows);
        int height = 2 * frameWidth() + horizontalHeader()->sizeHint().height() +
                     rows * verticalHeader()->defaultSectionSize();
        if (horizontalScrollBar()->maximum() > 0)
            height += horizontalScrollBar()->sizeHint().height();
        return {QTableWidget::sizeHint().width(), height};
    }
    QSize minimumSizeHint() const override { return {120, sizeHint().height()}; }

protected:
    bool event(QEvent* e) override
    {
        if (e->type() == QEvent::ShortcutOverride &&
            (isDelete(static_cast<QKeyEvent*>(e)) || isRevert(static_cast<QKeyEvent*>(e)))) {
            e->accept();
            return true;
        }
        return QTableWidget::event(e);
    }
    void keyPressEvent(QKeyEvent* e) override
    {
        if (isDelete(e) && deletePressed) {
            deletePressed();
            return;
        }
        if (isRevert(e) && escapePressed) {
            escapePressed();
            return;
        }
        QTableWidget::keyPressEvent(e);
    }

private:
    bool isDelete(QKeyEvent* e) const { return state() != EditingState && e->matches(QKeySequence::Delete); }
    bool isRevert(QKeyEvent* e) const
    {
        return state() != EditingState && e->key() == Qt::Key_Escape && e->modifiers() == Qt::NoModifier && hasRefused &&
               hasRefused();
    }
};

// The keys a column stands for: its own, or its alternatives'.
QStringList keysOf(const FieldInfo& column)
{
    QStringList keys;
    for (const FieldInfo& alternative : column.alternatives)
        keys << QString::fromStdString(alternative.key);
    if (keys.isEmpty())
        keys << QString::fromStdString(column.key);
    return keys;
}

QString columnLabel(const FieldInfo& column)
{
    if (column.alternatives.empty())
        return fieldLabel(column.key);
    const QStringList keys = keysOf(column);
    if (keys.contains(QStringLiteral("securityGroup")))
        return ListFieldEditor::tr("Peer");
    if (keys.contains(QStringLiteral("instance")))
        return ListFieldEditor::tr("Target");
    return fieldLabel(column.key); // "Destination": a CIDR or a prefix list
}

QString columnTip(const FieldInfo& column)
{
    if (!column.alternatives.empty())
        return ListFieldEditor::tr("%1: one of\n%2\nType a value or pick one from the list.")
            .arg(columnLabel(column), QString::fromStdString(column.doc));
    QString tip = ListFieldEditor::tr("%1 (file key `%2`)\n").arg(fieldLabel(column.key), QString::fromStdString(column.key)) +
                  QString::fromStdString(column.doc);
    if (!column.optional)
        tip += ListFieldEditor::tr("\nRequired.");
    else if (column.defaultValue)
        tip += ListFieldEditor::tr("\nOptional; empty = %1.").arg(displayText(*column.defaultValue, column));
    else
        tip += ListFieldEditor::tr("\nOptional; may be left empty.");
    if (column.list)
        tip += ListFieldEditor::tr(" Several values: separate them with commas.");
    return tip;
}

} // namespace

ListFieldEditor::ListFieldEditor(const FieldInfo& field, Commit commit, QWidget* parent)
    : QWidget(parent), m_field(field), m_key(QString::fromStdString(field.key)), m_label(fieldLabel(field.key)),
      m_commit(std::move(commit))
{
    setObjectName(QStringLiteral("field-") + m_key);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);

    auto* bar = new QHBoxLayout;
    m_title = new FieldLabel(fieldLabel(field.key), m_key, QString::fromStdString(field.doc), this);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    bar->addWidget(m_title);
    bar->addStretch(1);
    auto button = [&](const char* name, const QString& text, const QString& tip) {
        auto* b = new QToolButton(this);
        b->setObjectName(QString::fromLatin1(name) + QLatin1Char('-') + m_key);
        b->setText(text);
        b->setToolTip(tip);
        bar->addWidget(b);
        return b;
    };
    m_add = button("add", tr("Add"), tr("Add a row; it joins %1 once it is complete and valid").arg(m_label));
    m_remove = button("remove", tr("Remove"), tr("Remove the selected rows (Delete)"));
    m_up = button("up", tr("Up"), tr("Move the row up"));
    m_down = button("down", tr("Down"), tr("Move the row down"));
    layout->addLayout(bar);

    auto* table = new RowTable(this);
    m_table = table;
    table->setObjectName(QStringLiteral("table-") + m_key);
    table->setColumnCount(int(m_field.columns.size()));
    for (int c = 0; c < int(m_field.columns.size()); ++c) {
        const FieldInfo& column = m_field.columns[std::size_t(c)];
        auto* header = new QTableWidgetItem(columnLabel(column));
        header->setData(kKeyRole, QString::fromStdString(column.key));
        header->setData(kKeysRole, keysOf(column));
        header->setToolTip(columnTip(column));
        table->setHorizontalHeaderItem(c, header);
        if (column.editor == FieldInfo::Editor::Choice)
            table->setItemDelegateForColumn(
                c, new ChoiceDelegate(column.choices, column.choiceLabels, !column.alternatives.empty(), table));
    }
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::SelectedClicked |
                           QAbstractItemView::EditKeyPressed | QAbstractItemView::AnyKeyPressed);
    table->setWordWrap(false);
    table->horizontalHeader()->setStretchLastSection(true);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    table->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    table->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    table->deletePressed = [this] { removeSelectedRows(); };
    table->hasRefused = [this] { return !m_refused.empty(); };
    table->escapePressed = [this] { revertRefused(); };
    layout->addWidget(table);
    m_error = new FieldError(m_key, this);
    layout->addWidget(m_error);

    connect(table, &QTableWidget::cellChanged, this, &ListFieldEditor::cellChanged);
    connect(table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ListFieldEditor::updateButtons);
    connect(table->selectionModel(), &QItemSelectionModel::currentChanged, this, &ListFieldEditor::updateButtons);
    connect(m_add, &QToolButton::clicked, this, &ListFieldEditor::addRow);
    connect(m_remove, &QToolButton::clicked, this, &ListFieldEditor::removeSelectedRows);
    connect(m_up, &QToolButton::clicked, this, [this] { moveCurrentRow(-1); });
    connect(m_down, &QToolButton::clicked, this, [this] { moveCurrentRow(+1); });
    table->resizeColumnsToContents(); // header widths: fill() only ever grows columns
    fill();
}

int ListFieldEditor::draftCount() const { return m_table->rowCount() - int(m_committed.size()); }

ListFieldEditor::Unsaved ListFieldEditor::unsaved() const
{
    Unsaved out;
    for (int r = int(m_committed.size()); r < m_table->rowCount(); ++r)
        out.drafts.push_back(cellsOfRow(r));
    out.refused = m_refused;
    return out;
}

void ListFieldEditor::setUnsaved(const Unsaved& unsaved)
{
    m_drafts = unsaved.drafts;
    for (RowCells& cells : m_drafts)
        cells.resize(m_field.columns.size());
    m_refused = unsaved.refused;
    fill();
    showRefusals();
}

void ListFieldEditor::showRefusal(const QString& reason)
{
    if (reason.isEmpty())
        m_error->clear();
    else
        m_error->showRefusal(reason);
}

void ListFieldEditor::setValue(const OrderedJson& array)
{
    captureDrafts(); // before m_committed changes: drafts are the rows after it
    m_committed = array.is_array() ? array : OrderedJson::array();
    const std::size_t refused = m_refused.size();
    fill();
    if (m_refused.size() != refused) // the model's new values ended some refusals
        showRefusals();
}

bool ListFieldEditor::revertRefused()
{
    if (m_refused.empty())
        return false;
    m_refused.clear();
    captureDrafts();
    fill();
    m_error->clear();
    return true;
}

void ListFieldEditor::addRow()
{
    captureDrafts();
    m_drafts.push_back(defaultCells());
    fill();
    const int row = m_table->rowCount() - 1;
    // The row starts with what needs no thought (defaults, first enum value) and leaves the rest
    // empty for the user, rather than guessing values (a route to 0.0.0.0/0 via the first gateway
    // would be valid but is a decision, not a default). Typing starts in the first empty text cell.
    int column = 0;
    for (int c = 0; c < m_table->columnCount(); ++c)
        if (m_field.columns[std::size_t(c)].editor == FieldInfo::Editor::Line && m_table->item(row, c)->text().isEmpty()) {
            column = c;
            break;
        }
    m_table->setCurrentCell(row, column);
    m_table->scrollToItem(m_table->item(row, column));
    if (m_field.columns[std::size_t(column)].editor == FieldInfo::Editor::Line) {
        m_table->setFocus();
        m_table->editItem(m_table->item(row, column));
    }
    if (m_refused.empty())
        m_error->showHint(tr("Fill in the new row; it is added to %1 once it is complete and valid.").arg(m_label));
}

void ListFieldEditor::removeSelectedRows()
{
    const QList<int> rows = selectedRows();
    if (rows.isEmpty())
        return;
    captureDrafts();
    const int committed = int(m_committed.size());
    std::vector<RowCells> drafts;
    for (int i = 0; i < int(m_drafts.size()); ++i)
        if (!rows.contains(committed + i))
            drafts.push_back(std::move(m_drafts[std::size_t(i)]));
    m_drafts = std::move(drafts); // drafts are not in the model: removing them needs no commit
    OrderedJson array = OrderedJson::array();
    for (int r = 0; r < committed; ++r)
        if (!rows.contains(r))
            array.push_back(m_committed[std::size_t(r)]);
    QString refusal;
    int errorRow = -1;
    int errorColumn = -1;
    if (int(array.size()) != committed && !commitArray(array, &errorRow, &errorColumn, &refusal)) {
        fill();
        m_error->showRefusal(rowMessage(errorRow, refusal));
        return;
    }
    // Refused cells of removed rows go; the others move up with their rows.
    std::map<CellKey, RefusedCell> refused;
    for (auto& [at, cell] : m_refused)
        if (!rows.contains(at.first)) {
            const auto above = std::count_if(rows.begin(), rows.end(), [&](int r) { return r < at.first; });
            refused[{at.first - int(above), at.second}] = std::move(cell);
        }
    m_refused = std::move(refused);
    fill();
    showRefusals();
    // The row that took the first removed one's place is selected, so Delete can go on.
    if (m_table->rowCount() > 0)
        m_table->setCurrentCell(std::min(rows.front(), m_table->rowCount() - 1), std::max(0, m_table->currentColumn()));
}

void ListFieldEditor::moveCurrentRow(int by)
{
    captureDrafts();
    const int row = m_table->currentRow();
    const int target = row + by;
    const int committed = int(m_committed.size());
    if (row < 0 || row >= committed || target < 0 || target >= committed)
        return;
    OrderedJson array = m_committed;
    std::swap(array[std::size_t(row)], array[std::size_t(target)]);
    QString refusal;
    int errorRow = -1;
    int errorColumn = -1;
    if (!commitArray(array, &errorRow, &errorColumn, &refusal)) {
        fill();
        m_error->showRefusal(rowMessage(errorRow, refusal));
        return;
    }
    // Refused cells move with their rows.
    std::map<CellKey, RefusedCell> refused;
    for (auto& [at, cell] : m_refused)
        refused[{at.first == row ? target : at.first == target ? row : at.first, at.second}] = std::move(cell);
    m_refused = std::move(refused);
    fill();
    showRefusals();
    m_table->setCurrentCell(target, std::max(0, m_table->currentColumn()));
}

void ListFieldEditor::fill()
{
    const int committed = int(m_committed.size());
    m_filling = true;
    m_table->setRowCount(committed + int(m_drafts.size()));
    for (int r = 0; r < committed; ++r) {
        RowCells cells = cellsOf(m_committed[std::size_t(r)]);
        // A refused text stays over the model's value it was refused against, and only that one.
        for (auto it = m_refused.lower_bound({r, 0}); it != m_refused.end() && it->first.first == r;) {
            Cell& cell = cells[std::size_t(it->first.second)];
            if (cell.text != it->second.model) {
                it = m_refused.erase(it);
                continue;
            }
            cell = {it->second.text, it->second.reason};
            ++it;
        }
        fillRow(r, cells, false);
    }
    m_refused.erase(m_refused.lower_bound({committed, 0}), m_refused.end()); // rows the model no longer has
    for (int i = 0; i < int(m_drafts.size()); ++i)
        fillRow(committed + i, m_drafts[std::size_t(i)], true);
    m_filling = false;
    // Columns grow to fit new contents but never shrink under the user's hand. Text columns
    // start wide enough for a CIDR, so typing one in an empty table is not cramped.
    const QAbstractItemView* view = m_table; // sizeHintForColumn is protected in QTableView
    const int textWidth = m_table->fontMetrics().horizontalAdvance(QStringLiteral("10.100.200.0/24")) + 12;
    for (int c = 0; c + 1 < m_table->columnCount(); ++c) {
        const FieldInfo& column = m_field.columns[std::size_t(c)];
        const bool text = (column.editor == FieldInfo::Editor::Line && !column.number) || !column.alternatives.empty();
        const int least = text ? textWidth : 0;
        m_table->setColumnWidth(c, std::max({m_table->columnWidth(c), view->sizeHintForColumn(c),
                                             m_table->horizontalHeader()->sectionSizeHint(c), least}));
    }
    m_table->updateGeometry();
    updateButtons();
}

QIcon ListFieldEditor::refusedIcon() const
{
    return style()->standardIcon(QStyle::SP_MessageBoxWarning, nullptr, this);
}

void ListFieldEditor::fillRow(int row, const RowCells& cells, bool draft)
{
    QColor tint = palette().color(QPalette::Highlight);
    tint.setAlpha(40);
    for (int c = 0; c < m_table->columnCount(); ++c) {
        const FieldInfo& column = m_field.columns[std::size_t(c)];
        const Cell& cell = cells[std::size_t(c)];
        QTableWidgetItem* item = m_table->item(row, c);
        if (!item) {
            item = new QTableWidgetItem;
            m_table->setItem(row, c, item);
        }
        // Only what differs is set: every change of an item also resets an editor open on it, and
        // setFlags() signals a change even when the flags are the same.
        const bool check = column.editor == FieldInfo::Editor::Check;
        const Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable | (check ? Qt::ItemIsUserCheckable : Qt::ItemIsEditable);
        if (item->flags() != flags)
            item->setFlags(flags);
        if (check) {
            item->setCheckState(cell.text == QLatin1String("true") ? Qt::Checked : Qt::Unchecked);
        } else {
            item->setText(cell.text);
            item->setTextAlignment(Qt::AlignVCenter | (column.number ? Qt::AlignRight : Qt::AlignLeft));
        }
        item->setBackground(!cell.refusal.isEmpty() ? QBrush(kRefusedCell) : draft ? QBrush(tint) : QBrush());
        item->setToolTip(cell.refusal);
        item->setData(kRefusalRole, cell.refusal.isEmpty() ? QVariant() : QVariant(cell.refusal));
        // The icon shows in a selected row too, where the selection hides the background. Set only
        // when it comes or goes: icons never compare equal, so setting one is always a change.
        if (item->data(Qt::DecorationRole).isValid() == cell.refusal.isEmpty())
            item->setData(Qt::DecorationRole, cell.refusal.isEmpty() ? QVariant() : QVariant(refusedIcon()));
    }
    QTableWidgetItem* header = m_table->verticalHeaderItem(row);
    if (!header) {
        header = new QTableWidgetItem;
        m_table->setVerticalHeaderItem(row, header);
    }
    header->setText(draft ? tr("new") : QString::number(row + 1));
    header->setToolTip(draft ? tr("Not in the design yet: added once the row is complete and valid") : QString());
}

ListFieldEditor::RowCells ListFieldEditor::cellsOf(const OrderedJson& element) const
{
    RowCells cells(m_field.columns.size());
    for (std::size_t c = 0; c < cells.size(); ++c) {
        const FieldInfo& column = m_field.columns[c];
        if (!column.alternatives.empty()) {
            // The one of the alternatives the element has.
            for (const FieldInfo& alternative : column.alternatives)
                if (const auto it = element.find(alternative.key); it != element.end() && cells[c].text.isEmpty())
                    cells[c].text = displayText(*it, alternative);
            continue;
        }
        const auto it = element.find(column.key);
        const OrderedJson value = it != element.end() ? *it : column.defaultValue ? *column.defaultValue : OrderedJson();
        if (column.editor == FieldInfo::Editor::Check)
            cells[c].text = value.is_boolean() && value.get<bool>() ? QStringLiteral("true") : QStringLiteral("false");
        else
            cells[c].text = displayText(value, column);
    }
    return cells;
}

ListFieldEditor::RowCells ListFieldEditor::cellsOfRow(int row) const
{
    RowCells cells(m_field.columns.size());
    for (std::size_t c = 0; c < cells.size(); ++c)
        if (const QTableWidgetItem* item = m_table->item(row, int(c))) {
            if (m_field.columns[c].editor == FieldInfo::Editor::Check)
                cells[c].text = item->checkState() == Qt::Checked ? QStringLiteral("true") : QStringLiteral("false");
            else
                cells[c].text = item->text();
            cells[c].refusal = item->data(kRefusalRole).toString();
        }
    return cells;
}

ListFieldEditor::RowCells ListFieldEditor::defaultCells() const
{
    RowCells cells = cellsOf(OrderedJson::object()); // optional fields show their defaults
    for (std::size_t c = 0; c < cells.size(); ++c) {
        const FieldInfo& column = m_field.columns[c];
        // A required enum starts at its first value; a reference is left for the user to pick.
        if (column.editor == FieldInfo::Editor::Choice && !column.reference && !column.defaultValue &&
            !column.choices.isEmpty())
            cells[c].text = column.choices.front();
    }
    return cells;
}

OrderedJson ListFieldEditor::elementOf(const RowCells& cells) const
{
    OrderedJson element = OrderedJson::object();
    for (std::size_t c = 0; c < cells.size(); ++c) {
        const FieldInfo& column = m_field.columns[c];
        if (column.editor == FieldInfo::Editor::Check) {
            const bool checked = cells[c].text == QLatin1String("true");
            if (!(column.defaultValue && *column.defaultValue == checked))
                element[column.key] = checked;
            continue;
        }
        // An empty cell is an absent field: its default, or the reader's "missing".
        setInElement(element, column, cells[c].text);
    }
    return element;
}

void ListFieldEditor::setInElement(OrderedJson& element, const FieldInfo& column, const QString& typed) const
{
    const QString text = typed.trimmed();
    const FieldInfo* field = &column;
    if (!column.alternatives.empty()) {
        // A choice of a reference alternative sets that one; other text the first plain one.
        field = nullptr;
        for (const FieldInfo& alternative : column.alternatives) {
            element.erase(alternative.key);
            if (!field && alternative.reference && alternative.choices.contains(text))
                field = &alternative;
        }
        for (const FieldInfo& alternative : column.alternatives)
            if (!field && !alternative.reference)
                field = &alternative;
        if (!field)
            field = &column.alternatives.front();
    }
    if (text.isEmpty()) {
        element.erase(field->key);
        return;
    }
    const std::optional<OrderedJson> value = valueFromText(text, *field);
    element[field->key] = value ? *value : OrderedJson(text.toStdString());
}

void ListFieldEditor::captureDrafts()
{
    const int committed = int(m_committed.size());
    m_drafts.clear();
    for (int r = committed; r < m_table->rowCount(); ++r)
        m_drafts.push_back(cellsOfRow(r));
}

void ListFieldEditor::cellChanged(int row, int column)
{
    if (m_filling)
        return;
    const int committed = int(m_committed.size());
    QString refusal;
    int errorRow = -1;
    int errorColumn = -1;
    if (row < committed) {
        // An element of the model: change that one field (not the other refused cells) and send
        // the whole list.
        OrderedJson array = m_committed;
        OrderedJson& element = array[std::size_t(row)];
        const FieldInfo& field = m_field.columns[std::size_t(column)];
        const Cell cell = cellsOfRow(row)[std::size_t(column)];
        if (field.editor == FieldInfo::Editor::Check)
            element[field.key] = cell.text == QLatin1String("true");
        else
            setInElement(element, field, cell.text);
        const CellKey at{row, column};
        // The model's value typed again is not an edit, and leaves nothing refused.
        if (array == m_committed || commitArray(array, &errorRow, &errorColumn, &refusal)) {
            m_refused.erase(at);
            captureDrafts();
            fill();
            showRefusals();
            return;
        }
        // Refused: the typed text stays, marked, over the model's value.
        const QString model = cellsOf(m_committed[std::size_t(row)])[std::size_t(column)].text;
        m_refused[at] = {cell.text, model, refusal};
        captureDrafts();
        fill();
        m_error->showRefusal(rowMessage(errorRow >= 0 ? errorRow : row, refusal));
        return;
    }
    // A draft: try the list with it. Refused, it stays a draft with the reader's message as a hint.
    captureDrafts();
    const int draft = row - committed;
    OrderedJson array = m_committed;
    array.push_back(elementOf(m_drafts[std::size_t(draft)]));
    if (commitArray(array, &errorRow, &errorColumn, &refusal)) {
        m_drafts.erase(m_drafts.begin() + draft);
        fill();
        showRefusals();
        return;
    }
    // The cell the reader objects to says why (the row is not finished, so this is no error yet).
    for (std::size_t c = 0; c < m_drafts[std::size_t(draft)].size(); ++c)
        m_drafts[std::size_t(draft)][c].refusal = errorRow == committed && int(c) == errorColumn ? refusal : QString();
    fill();
    if (m_refused.empty())
        m_error->showHint(tr("New row not added to %1 yet: %2").arg(m_label, refusal));
}

bool ListFieldEditor::commitArray(const OrderedJson& array, int* errorRow, int* errorColumn, QString* refusal)
{
    QString path;
    *refusal = m_commit(QString::fromStdString(array.dump()), &path);
    if (refusal->isEmpty()) {
        // The model now holds this list; the inspector will show it again (normalised) later,
        // but edits made before then build on it.
        m_committed = array;
        return true;
    }
    // "/<key>/<index>/<field>": which element and which column the reader objects to.
    const QStringList parts = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    if (parts.size() >= 2 && parts[0] == m_key) {
        bool ok = false;
        const int index = parts[1].toInt(&ok);
        if (ok)
            *errorRow = index;
        if (parts.size() >= 3)
            for (std::size_t c = 0; c < m_field.columns.size(); ++c)
                if (keysOf(m_field.columns[c]).contains(parts[2]))
                    *errorColumn = int(c);
    }
    return false;
}

void ListFieldEditor::showRefusals()
{
    if (m_refused.empty()) {
        m_error->clear();
        return;
    }
    const auto& [at, cell] = *m_refused.begin();
    m_error->showRefusal(rowMessage(at.first, cell.reason));
}

QString ListFieldEditor::rowMessage(int row, const QString& refusal) const
{
    if (row < 0)
        return refusal;
    return tr("%1 row %2: %3").arg(m_label).arg(row + 1).arg(refusal);
}

QList<int> ListFieldEditor::selectedRows() const
{
    QList<int> rows;
    for (const QModelIndex& index : m_table->selectionModel()->selectedIndexes())
        if (!rows.contains(index.row()))
            rows << index.row();
    std::sort(rows.begin(), rows.end());
    return rows;
}

void ListFieldEditor::updateButtons()
{
    const QList<int> rows = selectedRows();
    const int committed = int(m_committed.size());
    const int row = rows.size() == 1 ? rows.front() : -1;
    m_remove->setEnabled(!rows.isEmpty());
    m_up->setEnabled(row > 0 && row < committed);
    m_down->setEnabled(row >= 0 && row + 1 < committed);
}

} // namespace pp::ui
