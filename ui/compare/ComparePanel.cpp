#include "compare/ComparePanel.h"

#include "analysis/Analyzer.h"
#include "canvas/DiagramScene.h"
#include "canvas/DiagramView.h"
#include "compare/CompareOverlay.h"
#include "document/Document.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace pp::ui {
namespace {

// Item data: what a row points at and its id.
constexpr int kTargetRole = Qt::UserRole;
constexpr int kIdRole = Qt::UserRole + 1;
enum Target { TargetResource, TargetGhost, TargetFlow, TargetPolicy, TargetWorkload };

// How bad a change is for the reviewer; rows are sorted by it (lower first), then kept in diff order.
enum Rank { WorsePath, PolicyBroken, Exposed, PolicyGone, Removed, FlowOther, Added, Changed, Better };

struct Row {
    Rank rank;
    Target target;
    QString id;
    QString change;
    QString details;
};

QString verdictWord(const std::optional<Verdict>& v)
{
    return v ? QString::fromStdString(std::string(enumName(*v))) : QObject::tr("none");
}

QString joined(const std::vector<std::string>& items, const QString& separator)
{
    QStringList out;
    for (const std::string& s : items)
        out << QString::fromStdString(s);
    return out.join(separator);
}

std::vector<Row> rowsOf(const DesignDiff& diff)
{
    std::vector<Row> rows;
    for (const ResourceDiff& r : diff.resources) {
        const QString id = QString::fromStdString(r.id);
        const QString kind = QString::fromStdString(std::string(kindInfo(r.kind).name));
        if (r.change == ChangeKind::Added) {
            rows.push_back({Added, TargetResource, id, QObject::tr("Added"), kind});
        } else if (r.change == ChangeKind::Removed) {
            rows.push_back({Removed, TargetGhost, id, QObject::tr("Removed"), kind});
        } else {
            QStringList fields;
            for (const FieldChange& f : r.fields)
                fields << QString::fromStdString(f.field) + QStringLiteral(": ") +
                              (f.before.empty() ? QObject::tr("(absent)") : QString::fromStdString(f.before)) + QStringLiteral(" → ") +
                              (f.after.empty() ? QObject::tr("(absent)") : QString::fromStdString(f.after));
            rows.push_back({Changed, TargetResource, id, QObject::tr("Changed"), kind + QStringLiteral(" · ") + fields.join(QStringLiteral("; "))});
        }
    }
    for (const FlowDiff& f : diff.flows) {
        const QString id = QString::fromStdString(f.flow);
        if (f.change == ChangeKind::Removed) {
            rows.push_back({FlowOther, TargetFlow, id, QObject::tr("Flow removed"), QObject::tr("was %1").arg(verdictWord(f.verdictBefore))});
            continue;
        }
        QString details = f.change == ChangeKind::Added ? QObject::tr("new flow, %1").arg(verdictWord(f.verdictAfter))
                                                        : verdictWord(f.verdictBefore) + QStringLiteral(" → ") + verdictWord(f.verdictAfter);
        if (f.pathChanged)
            details += QObject::tr("; path now %1").arg(joined(f.pathAfter, QStringLiteral(" › ")));
        if (f.expectBroken)
            details += QObject::tr("; expects %1").arg(verdictWord(f.expected));
        if (f.newlyPublic())
            rows.push_back({WorsePath, TargetFlow, id, QObject::tr("New public path"), details});
        else if (f.expectBroken)
            rows.push_back({WorsePath, TargetFlow, id, QObject::tr("Expect broken"), details});
        else if (f.expectFixed || (f.verdictBefore == Verdict::Public && f.verdictAfter == Verdict::Private))
            rows.push_back({Better, TargetFlow, id, QObject::tr("Flow fixed"), details});
        else
            rows.push_back({FlowOther, TargetFlow, id, f.change == ChangeKind::Added ? QObject::tr("Flow added") : QObject::tr("Flow changed"), details});
    }
    for (const PolicyDiff& p : diff.policies) {
        const QString id = QString::fromStdString(p.policy);
        const QString kind = QString::fromStdString(std::string(enumName(p.kind)));
        if (p.change == ChangeKind::Removed)
            rows.push_back({PolicyGone, TargetPolicy, id, QObject::tr("Policy removed"), kind});
        else if (p.newlyViolated()) {
            const PolicyViolation& v = p.newViolations.front();
            rows.push_back({PolicyBroken, TargetPolicy, id, QObject::tr("Policy violated"),
                            kind + QStringLiteral(" · ") + QString::fromStdString(v.source + " → " + v.destination + ": " + v.message)});
        } else if (p.newlySatisfied())
            rows.push_back({Better, TargetPolicy, id, QObject::tr("Policy holds"), kind});
        else
            rows.push_back({Changed, TargetPolicy, id, p.change == ChangeKind::Added ? QObject::tr("Policy added") : QObject::tr("Policy changed"), kind});
    }
    for (const ExposureDiff& e : diff.exposure) {
        const QString id = QString::fromStdString(e.workload);
        if (e.worse()) {
            QStringList facts;
            if (e.gainedIngress)
                facts << QObject::tr("reachable from the internet via %1").arg(joined(e.after.ingressVia, QStringLiteral(", ")));
            if (!e.portsOpened.empty())
                facts << QObject::tr("newly open: %1").arg(joined(e.portsOpened, QStringLiteral(", ")));
            if (e.gainedEgress)
                facts << QObject::tr("reaches the internet via %1").arg(joined(e.after.egressVia, QStringLiteral(", ")));
            rows.push_back({Exposed, TargetWorkload, id, QObject::tr("Newly exposed"), facts.join(QStringLiteral("; "))});
        } else {
            rows.push_back({Better, TargetWorkload, id, QObject::tr("Exposure reduced"), QString()});
        }
    }
    std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.rank < b.rank; });
    return rows;
}

QColor rankColour(Rank rank)
{
    switch (rank) {
    case WorsePath:
    case PolicyBroken:
    case Exposed:
    case Removed:
        return {0xC6, 0x28, 0x28};
    case PolicyGone:
    case Changed:
    case FlowOther:
        return {0xEF, 0x6C, 0x00};
    case Added:
    case Better:
        return {0x2E, 0x7D, 0x32};
    }
    return {};
}

} // namespace

ComparePanel::ComparePanel(Document& document, DiagramScene& scene, DiagramView& view, QWidget* parent)
    : QWidget(parent), m_document(document), m_scene(scene), m_view(view)
{
    setObjectName(QStringLiteral("compare"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("compareTitle"));
    m_title->setWordWrap(true);
    layout->addWidget(m_title);
    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("compareList"));
    m_list->setColumnCount(3);
    m_list->setHeaderLabels({tr("Change"), tr("Id"), tr("Details")});
    m_list->setRootIsDecorated(false);
    m_list->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_list->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_list->header()->setSectionResizeMode(2, QHeaderView::Stretch);
    layout->addWidget(m_list, 1);
    auto* buttons = new QHBoxLayout;
    m_previous = new QPushButton(tr("&Previous"), this);
    m_previous->setObjectName(QStringLiteral("comparePrevious"));
    m_next = new QPushButton(tr("&Next"), this);
    m_next->setObjectName(QStringLiteral("compareNext"));
    m_close = new QPushButton(tr("&End Comparison"), this);
    m_close->setObjectName(QStringLiteral("compareClose"));
    buttons->addWidget(m_previous);
    buttons->addWidget(m_next);
    buttons->addStretch(1);
    buttons->addWidget(m_close);
    layout->addLayout(buttons);
    connect(m_previous, &QPushButton::clicked, this, [this] { step(-1); });
    connect(m_next, &QPushButton::clicked, this, [this] { step(1); });
    connect(m_close, &QPushButton::clicked, this, &ComparePanel::stop);
    connect(m_list, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
        if (item)
            showItem(item);
    });
    m_recompute = new QTimer(this);
    m_recompute->setSingleShot(true);
    m_recompute->setInterval(300);
    connect(m_recompute, &QTimer::timeout, this, &ComparePanel::recompute);
    // The comparison follows the edits (after the analysis they cause) and ends with the document.
    connect(&m_document, &Document::analysisUpdated, this, [this] {
        if (isComparing())
            m_recompute->start();
    });
    connect(&m_document, &Document::changed, this, [this] {
        if (m_overlay)
            m_overlay->refresh();
    });
    connect(&m_document, &Document::reloaded, this, &ComparePanel::stop);
    fill();
}

ComparePanel::~ComparePanel()
{
    if (m_overlay)
        delete m_overlay.data();
}

CompareOverlay* ComparePanel::overlay() const { return m_overlay.data(); }

bool ComparePanel::compareWith(const QString& path, QString* error)
{
    Document::Read read = Document::read(path);
    if (!read.result.ok() || !read.result.design) {
        if (error)
            *error = read.error;
        return false;
    }
    m_otherPath = path;
    m_other = std::move(*read.result.design);
    m_otherAnalysis = analyzeDesign(*m_other);
    m_otherPolicies = checkPolicies(*m_other, m_otherAnalysis);
    recompute();
    emit comparingChanged(true);
    return true;
}

void ComparePanel::stop()
{
    if (!m_other)
        return;
    m_recompute->stop();
    m_other.reset();
    m_otherAnalysis = {};
    m_otherPolicies.clear();
    m_diff = {};
    if (m_overlay)
        delete m_overlay.data();
    fill();
    emit comparingChanged(false);
}

void ComparePanel::recompute()
{
    m_recompute->stop();
    if (!m_other)
        return;
    m_diff = diffDesigns({*m_other, m_otherAnalysis, &m_otherPolicies},
                         {m_document.design(), m_document.analysis(), &m_document.policyResults()});
    if (!m_overlay) // first time, or the scene was rebuilt
        m_overlay = new CompareOverlay(m_scene);
    m_overlay->setChanges(m_diff, *m_other);
    fill();
}

void ComparePanel::fill()
{
    // Keep the row the user was on (by what it points at).
    QString currentId;
    int currentTarget = -1;
    if (const QTreeWidgetItem* current = m_list->currentItem()) {
        currentId = current->data(0, kIdRole).toString();
        currentTarget = current->data(0, kTargetRole).toInt();
    }
    const QSignalBlocker blocker(m_list);
    m_list->clear();
    const bool comparing = isComparing();
    m_previous->setEnabled(comparing);
    m_next->setEnabled(comparing);
    m_close->setEnabled(comparing);
    if (!comparing) {
        m_title->setText(tr("No comparison. <b>File → Compare with…</b> opens another version of this design (for example "
                            "the one on the main branch) and marks what changed since."));
        return;
    }
    const std::vector<Row> rows = rowsOf(m_diff);
    const DiffGate gate = m_diff.gate();
    QString verdict = gate.fails() ? tr("<span style='color:#c62828'>✖ fails the privacy gate</span>")
                                   : tr("<span style='color:#2e7d32'>✔ passes the privacy gate</span>");
    m_title->setText(tr("Compared with <b>%1</b> (before) · %n change(s) · %2", nullptr, int(rows.size()))
                         .arg(QFileInfo(m_otherPath).fileName().toHtmlEscaped(), verdict));
    m_title->setToolTip(m_otherPath);
    for (const Row& row : rows) {
        auto* item = new QTreeWidgetItem(m_list);
        item->setText(0, row.change);
        item->setForeground(0, rankColour(row.rank));
        item->setText(1, row.id);
        item->setText(2, row.details);
        item->setToolTip(2, row.details);
        item->setData(0, kTargetRole, int(row.target));
        item->setData(0, kIdRole, row.id);
        if (row.id == currentId && int(row.target) == currentTarget)
            m_list->setCurrentItem(item);
    }
    m_previous->setEnabled(!rows.empty());
    m_next->setEnabled(!rows.empty());
}

void ComparePanel::step(int delta)
{
    const int count = m_list->topLevelItemCount();
    if (count == 0)
        return;
    const QTreeWidgetItem* current = m_list->currentItem();
    const int at = current ? m_list->indexOfTopLevelItem(const_cast<QTreeWidgetItem*>(current)) : (delta > 0 ? -1 : count);
    const int next = ((at + delta) % count + count) % count;
    m_list->setCurrentItem(m_list->topLevelItem(next));
}

void ComparePanel::showItem(QTreeWidgetItem* item)
{
    const auto target = Target(item->data(0, kTargetRole).toInt());
    const QString id = item->data(0, kIdRole).toString();
    switch (target) {
    case TargetResource:
    case TargetWorkload:
        m_view.centreOn({id});
        break;
    case TargetGhost:
        m_scene.clearSelection();
        if (m_overlay && !m_overlay->ghostRect(id).isNull())
            m_view.centerOn(m_overlay->ghostRect(id).center());
        break;
    case TargetFlow:
        if (m_document.design().findFlow(FlowId(id.toStdString()))) {
            m_scene.selectIds({id});
            m_view.ensureSelectionVisible();
        }
        break;
    case TargetPolicy:
        for (const PolicyDiff& p : m_diff.policies)
            if (QString::fromStdString(p.policy) == id && !p.newViolations.empty()) {
                QStringList ids;
                for (const Hop& h : p.newViolations.front().path.path)
                    ids << QString::fromStdString(h.resource);
                m_view.centreOn(ids);
            }
        break;
    }
}

} // namespace pp::ui
