#include "document/Document.h"

#include "export/Exporter.h"

#include "commands/ChangeSetCommand.h"
#include "edit/Defaults.h"
#include "diagram/DiagramLimits.h"
#include "edit/DiagramBounds.h"
#include "edit/DiagramFollow.h"
#include "io/DesignFile.h"

#include <QElapsedTimer>
#include <QFile>
#include <QtConcurrent/QtConcurrentRun>

namespace pp::ui {

Document::Document(QObject* parent) : QObject(parent)
{
    connect(&m_undo, &QUndoStack::cleanChanged, this, [this](bool clean) { emit modifiedChanged(!clean); });
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &Document::backgroundFinished);
    reanalyze(nullptr);
}

Document::~Document()
{
    // A document being destroyed tells no one: the undo stack's destructor emits cleanChanged,
    // and the window that listens may already be half destroyed (its children go last).
    m_undo.disconnect(this);
    m_watcher.disconnect(this);
    disconnect();
    // The worker only reads its own copy of the design; wait so it does not outlive its watcher.
    m_watcher.waitForFinished();
}

void Document::reset(Design design, const QString& path)
{
    reset(std::move(design), path, path.isEmpty() ? DiskState() : DiskState::of(path));
}

void Document::reset(Design design, const QString& path, const DiskState& loaded)
{
    m_design = std::move(design);
    m_filePath = path;
    m_loaded = loaded;
    m_undo.clear();
    m_openedAt = path.isEmpty() ? -1 : 0;
    m_analyzer = Analyzer();
    m_analyzerCurrent = false;
    m_lastDuration = {};
    reanalyze(nullptr);
    // The full analysis at open is slower than the incremental ones that follow edits: the first
    // edit is measured synchronously and decides whether the next ones go to the background.
    m_lastDuration = {};
    emit reloaded();
    emit modifiedChanged(false);
}

Document::Read Document::read(const QString& path)
{
    // A PNG export can carry its design (text chunk "privatepath"): it opens as a new, untitled
    // design, so saving never writes JSON over the image.
    Read out;
    out.image = path.endsWith(QLatin1String(".png"), Qt::CaseInsensitive);
    if (out.image) {
        const QByteArray embedded = designEmbeddedInPng(path);
        if (embedded.isEmpty()) {
            out.error = tr("%1: this image does not contain a PrivatePath design (export it with \"Embed the design\").").arg(path);
            return out;
        }
        out.result = loadDesign(std::string_view(embedded.constData(), std::size_t(embedded.size())), path.toStdString());
    } else {
        out.result = loadDesignFile(path.toStdString());
    }
    if (!out.image)
        out.disk = DiskState::of(path);
    if (!out.result.ok()) {
        QStringList lines;
        for (const Diagnostic& d : out.result.diagnostics)
            if (d.severity == Severity::Error)
                lines << QString::fromStdString(d.format());
        out.error = lines.join(QLatin1Char('\n'));
    }
    return out;
}

bool Document::adopt(Read read, const QString& path, QString* error)
{
    if (!read.result.ok()) {
        if (error)
            *error = read.error;
        return false;
    }
    setReadOnly(false);
    if (read.image)
        reset(std::move(*read.result.design));
    else
        reset(std::move(*read.result.design), path, read.disk);
    return true;
}

bool Document::open(const QString& path, QString* error) { return adopt(read(path), path, error); }

bool Document::saveAs(const QString& path, QString* error)
{
    std::string text;
    if (std::optional<Lesson> lesson = m_design.lesson && m_lessonAtSave ? m_lessonAtSave(*m_design.lesson) : std::nullopt) {
        // Written in place of the design's own for the length of the serialisation, without a
        // copy of the design (which may be big); no signal is emitted meanwhile.
        std::swap(*m_design.lesson, *lesson);
        text = saveDesignToString(m_design);
        std::swap(*m_design.lesson, *lesson);
    } else {
        text = saveDesignToString(m_design);
    }
    const SaveResult saved = writeFileAtomically(QFile::encodeName(path).toStdString(), text);
    if (!saved.ok) {
        if (error)
            *error = QString::fromStdString(saved.error);
        return false;
    }
    m_filePath = path;
    m_loaded = DiskState::of(path);
    m_undo.setClean();
    return true;
}

void Document::adoptUnsaved(Design design, const QString& path, const DiskState& loaded)
{
    setReadOnly(false);
    reset(std::move(design), path, loaded);
    m_openedAt = -1;     // the user's work, not the file
    m_undo.resetClean(); // unsaved: no undo step reaches the file's state
}

void Document::setReadOnly(bool readOnly)
{
    if (m_readOnly == readOnly)
        return;
    m_readOnly = readOnly;
    emit readOnlyChanged(readOnly);
}

bool Document::apply(ChangeSet change, const QString& text, int gesture)
{
    if (m_readOnly) {
        emit refused(tr("The design is open read-only: \"%1\" was not done.").arg(text));
        return false;
    }
    // Whatever built the change (a drop, the inspector, a smart default, a deletion): a VPC keeps
    // one main route table, and every tile it touches is drawn where the model puts it, at a free
    // spot, in containers grown to hold it. Part of the same undo step.
    change = followModel(m_design, keepOneMainRouteTable(m_design, std::move(change)));
    if (change.empty())
        return true;
    // Whatever built it, the change leaves a drawing the loader accepts (edit/DiagramBounds.h):
    // coordinates and sizes beyond the file format's ranges are clamped; a change that would nest
    // shapes deeper than the limit or draw a shape inside itself is refused, saying why.
    BoundedChange bounded = keepInDiagramBounds(m_design, std::move(change));
    if (bounded.tooDeep) {
        const QString id = QString::fromStdString(bounded.tooDeep->str());
        emit refused(bounded.cycle ? tr("\"%1\" was not done: %2 would be drawn inside itself.").arg(text, id)
                                   : tr("\"%1\" was not done: %2 would be drawn more than %3 shapes deep.")
                                         .arg(text, id)
                                         .arg(int(kMaxShapeNesting)));
        return false;
    }
    // Clamped values need no message: the shape visibly stops at the edge of the drawing.
    change = std::move(bounded.change);
    if (change.empty())
        return true; // pushed against the edge it already stands at
    // Checked on the complete change (with what the smart defaults added), so a deletion whose
    // dependents include a locked resource is refused as a whole.
    if (const std::string locked = lockedIn(change); !locked.empty()) {
        emit refused(tr("%1 is locked by the lesson: \"%2\" was not done.").arg(QString::fromStdString(locked), text));
        return false;
    }
    m_undo.push(new ChangeSetCommand(*this, std::move(change), text, gesture));
    return true;
}

std::string Document::lockedIn(const ChangeSet& change) const
{
    if (!m_design.lesson)
        return {};
    for (const ResourceChange& c : change.resources)
        if (c.before != c.after && isLocked(*m_design.lesson, c.id))
            return c.id.str();
    // A locked flow keeps its question; its name, expect and description may change.
    for (const FlowChange& c : change.flows)
        if (isLocked(*m_design.lesson, c.id) && (!c.before || !c.after || !sameQuestion(*c.before, *c.after)))
            return c.id.str();
    return {};
}

void Document::sealGesture()
{
    if (m_undo.count() == 0)
        return;
    if (auto* command = const_cast<ChangeSetCommand*>(static_cast<const ChangeSetCommand*>(m_undo.command(m_undo.index() - 1))))
        command->seal();
}

void Document::applyDirect(const ChangeSet& change)
{
    std::string why;
    if (!applyChangeSet(m_design, change, &why))
        qWarning("PrivatePath: a change could not be applied: %s", why.c_str());
    const std::set<std::string> touched = change.touchedIds();
    const std::set<std::string> changedIds = change.changedIds();
    m_applying = true;
    reanalyze(&touched, &changedIds);
    m_applying = false;
    QSet<QString> ids;
    for (const std::string& id : touched)
        ids.insert(QString::fromStdString(id));
    for (const ShapeChange& s : change.shapes)
        ids.insert(QString::fromStdString(s.resource.str()));
    emit changed(ids);
}

void Document::reanalyze(const std::set<std::string>* touched, const std::set<std::string>* changedIds)
{
    ++m_generation;
    if (m_lastDuration > m_budget) {
        // Too slow to run on every edit in the GUI thread: analyse a copy in the background.
        m_pendingBackground = true;
        m_analyzerCurrent = false;
        setRunning(true);
        if (!m_workerBusy)
            launchBackground();
        return;
    }
    m_pendingBackground = false; // a result for this design arrives now; a running worker's is older
    QElapsedTimer timer;
    timer.start();
    const bool incremental = touched && m_analyzerCurrent;
    if (incremental)
        m_analyzer.reanalyze(m_design, *touched, changedIds);
    else
        m_analyzer.analyze(m_design);
    m_analyzerCurrent = true;
    // Policies with the same analysis: only the traces the edit can change run again.
    if (m_design.policies.empty())
        m_checkedPolicies.clear();
    else
        m_checkedPolicies = m_policyChecker.recheck(m_analyzer); // with the analyzer's network and graph
    m_policies = &m_checkedPolicies;
    m_lastDuration = std::chrono::nanoseconds(timer.nsecsElapsed());
    m_current = &m_analyzer.result();
    if (!m_workerBusy)
        setRunning(false);
    installed();
}

void Document::launchBackground()
{
    m_pendingBackground = false;
    m_workerBusy = true;
    m_launchedGeneration = m_generation;
    auto copy = std::make_shared<const Design>(m_design);
    m_watcher.setFuture(QtConcurrent::run([copy] {
        QElapsedTimer timer;
        timer.start();
        Timed out;
        out.result = analyzeDesign(*copy);
        out.policies = checkPolicies(*copy, out.result);
        out.duration = std::chrono::nanoseconds(timer.nsecsElapsed());
        return out;
    }));
}

void Document::backgroundFinished()
{
    m_workerBusy = false;
    Timed done = m_watcher.result();
    if (m_launchedGeneration != m_generation) {
        // The design changed while the worker ran: its result is dropped, the latest one wins.
        if (m_pendingBackground)
            launchBackground();
        else
            setRunning(false); // a synchronous run already covered the latest design
        return;
    }
    m_lastDuration = done.duration;
    m_backgroundResult = std::move(done.result);
    m_current = &m_backgroundResult;
    m_backgroundPolicies = std::move(done.policies);
    m_policies = &m_backgroundPolicies;
    setRunning(false);
    installed();
}

void Document::installed()
{
    m_findingsById.clear();
    for (const Finding& f : m_current->findings)
        for (const std::string& id : f.ids)
            m_findingsById[id].push_back(&f);
    m_violationsById.clear();
    for (const PolicyResult& p : *m_policies)
        for (const PolicyViolation& v : p.violations)
            for (const std::string* end : {&v.source, &v.destination})
                if (!end->empty() && *end != kInternet)
                    m_violationsById[*end].push_back(&v);
    emit analysisUpdated();
}

void Document::setRunning(bool running)
{
    if (m_running == running)
        return;
    m_running = running;
    emit analysingChanged(running);
}

std::string Document::freshId(const std::string& prefix) const
{
    for (int n = 1;; ++n) {
        const std::string candidate = prefix + "-" + std::to_string(n);
        if (!m_design.containsId(candidate))
            return candidate;
    }
}

const FlowResult* Document::flowResult(const FlowId& id) const
{
    for (const FlowResult& r : analysis().flows)
        if (r.flow == id)
            return &r;
    return nullptr;
}

const std::vector<const PolicyViolation*>& Document::violationsOf(const std::string& id) const
{
    static const std::vector<const PolicyViolation*> none;
    const auto it = m_violationsById.find(id);
    return it == m_violationsById.end() ? none : it->second;
}

int Document::policyViolationCount() const
{
    int count = 0;
    for (const PolicyResult& p : *m_policies)
        count += int(p.violations.size() + p.omitted);
    return count;
}

const std::vector<const Finding*>& Document::findingsOf(const std::string& id) const
{
    static const std::vector<const Finding*> none;
    const auto it = m_findingsById.find(id);
    return it == m_findingsById.end() ? none : it->second;
}

} // namespace pp::ui
