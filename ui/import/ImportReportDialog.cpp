#include "import/ImportReportDialog.h"

#include "io/FileWriter.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace pp::ui {
namespace {

QString q(const std::string& text) { return QString::fromStdString(text); }

enum Column { Address, Type, Resource, Detail };
constexpr int kResourceRole = Qt::UserRole + 1; // the design id a row names, for resourceActivated

} // namespace

ImportReportDialog::ImportReportDialog(ImportReport report, QWidget* parent)
    : QDialog(parent), m_report(std::move(report)), m_summary(new QLabel(this)), m_tree(new QTreeWidget(this)),
      m_save(new QPushButton(tr("&Save Report…"), this))
{
    setWindowTitle(tr("Import report — %1").arg(QFileInfo(q(m_report.source)).fileName()));
    setObjectName(QStringLiteral("importReportDialog"));
    m_summary->setObjectName(QStringLiteral("importSummary"));
    m_summary->setWordWrap(true);
    m_summary->setText(summaryText());
    m_tree->setObjectName(QStringLiteral("importReportTree"));
    m_tree->setHeaderLabels({m_report.inputKind == "describe" ? tr("AWS id") : tr("Terraform address"), tr("Type"),
                             tr("Design resource"), tr("Detail")});
    m_tree->setRootIsDecorated(true);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setAccessibleName(tr("Import report"));

    auto row = [](QTreeWidgetItem* section, const QString& address, const QString& type, const QString& resource,
                  const QString& detail) {
        auto* item = new QTreeWidgetItem(section, {address, type, resource, detail});
        item->setData(Resource, kResourceRole, resource);
        item->setToolTip(Detail, detail);
        if (!resource.isEmpty())
            item->setToolTip(Resource, tr("Double-click to show %1 on the canvas").arg(resource));
        return item;
    };
    if (!m_report.diagnostics.empty()) {
        QTreeWidgetItem* section = addSection(tr("Problems reading the input"), int(m_report.diagnostics.size()));
        for (const Diagnostic& d : m_report.diagnostics)
            row(section, q(d.jsonPath), q(d.code), q(d.resourceId), q(d.format()));
        section->setExpanded(true);
    }
    QTreeWidgetItem* skipped = addSection(tr("Skipped"), int(m_report.skipped.size()));
    for (const SkippedItem& s : m_report.skipped)
        row(skipped, q(s.address), q(s.type), {}, q(s.reason + ": " + s.detail));
    QTreeWidgetItem* assumptions = addSection(tr("Assumptions"), int(m_report.assumptions.size()));
    for (const Assumption& a : m_report.assumptions)
        row(assumptions, {}, q(a.code), q(a.resource), q(a.message));
    QTreeWidgetItem* unknown = addSection(tr("Unknown until apply"), int(m_report.unknowns.size()));
    for (const UnknownValue& u : m_report.unknowns)
        row(unknown, q(u.address), q(u.field), q(u.resource), tr("'%1' is known only after apply").arg(q(u.field)));
    QTreeWidgetItem* imported = addSection(tr("Imported"), int(m_report.imported.size()));
    for (const ImportedItem& i : m_report.imported)
        row(imported, q(i.address), q(i.type), q(i.resource), {});
    // What needs the user's eye first is open; the long list of what went well is not.
    for (QTreeWidgetItem* section : {skipped, assumptions, unknown})
        section->setExpanded(section->childCount() > 0 && section->childCount() <= 200);
    m_tree->header()->setSectionResizeMode(QHeaderView::Interactive);
    for (int c = Address; c < Detail; ++c)
        m_tree->resizeColumnToContents(c);
    // The selected row's detail in full, below the list (the column shows its start).
    auto* detail = new QLabel(this);
    detail->setObjectName(QStringLiteral("importDetail"));
    detail->setWordWrap(true);
    detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    connect(m_tree, &QTreeWidget::currentItemChanged, detail, [detail](QTreeWidgetItem* item) {
        detail->setText(item ? item->text(Detail) : QString());
    });
    connect(m_tree, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) {
        const QString id = item->data(Resource, kResourceRole).toString();
        if (!id.isEmpty())
            emit resourceActivated(id);
    });

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_save, QDialogButtonBox::ActionRole);
    m_save->setObjectName(QStringLiteral("saveImportReport"));
    connect(m_save, &QPushButton::clicked, this, &ImportReportDialog::saveReportAs);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_tree, 1);
    layout->addWidget(detail);
    layout->addWidget(buttons);
    resize(900, 520);
}

QString ImportReportDialog::summaryText() const
{
    auto count = [](std::size_t n, const QString& one, const QString& many) {
        return QStringLiteral("%1 %2").arg(n).arg(n == 1 ? one : many);
    };
    if (m_report.inputKind == "describe")
        return tr("From the AWS CLI describe output %1: %2 imported, %3 skipped, %4 made where AWS acts implicitly. "
                  "The design is not saved yet.")
            .arg(QFileInfo(q(m_report.source)).fileName(), count(m_report.imported.size(), tr("item"), tr("items")),
                 QString::number(m_report.skipped.size()), count(m_report.assumptions.size(), tr("assumption"), tr("assumptions")));
    const QString kind = m_report.inputKind == "plan" ? tr("plan") : tr("state");
    return tr("From the Terraform %1 %2: %3 imported, %4 skipped, %5 made where AWS acts implicitly, %6 unknown "
              "until apply. The design is not saved yet.")
        .arg(kind, QFileInfo(q(m_report.source)).fileName(),
             count(m_report.imported.size(), tr("Terraform resource"), tr("Terraform resources")),
             QString::number(m_report.skipped.size()),
             count(m_report.assumptions.size(), tr("assumption"), tr("assumptions")),
             count(m_report.unknowns.size(), tr("value"), tr("values")));
}

QTreeWidgetItem* ImportReportDialog::addSection(const QString& title, int count)
{
    auto* section = new QTreeWidgetItem(m_tree, {QStringLiteral("%1 (%2)").arg(title).arg(count)});
    section->setFirstColumnSpanned(true);
    QFont bold = section->font(Address);
    bold.setBold(true);
    section->setFont(Address, bold);
    return section;
}

bool ImportReportDialog::saveReport(const QString& path, QString* error) const
{
    const std::string text = importReportJson(m_report).dump(2) + "\n";
    WriteOptions options;
    options.replace = true; // the file dialog asked before replacing
    const SaveResult saved = writeFileAtomically(QFile::encodeName(path).toStdString(), text, options);
    if (!saved.ok && error)
        *error = QString::fromStdString(saved.error);
    return saved.ok;
}

void ImportReportDialog::saveReportAs()
{
    QString suggested = QFileInfo(q(m_report.source)).completeBaseName() + QStringLiteral(".import-report.json");
    const QString path = QFileDialog::getSaveFileName(this, tr("Save import report"), suggested, tr("JSON (*.json)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!saveReport(path, &error))
        QMessageBox::warning(this, tr("Save import report"), tr("The report could not be saved: %1").arg(error));
}

} // namespace pp::ui
