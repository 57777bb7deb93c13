#include "document/Document.h"

#include "commands/ChangeSetCommand.h"
#include "io/DesignFile.h"

#include <QFile>
#include <QSaveFile>

namespace pp::ui {

Document::Document(QObject* parent) : QObject(parent)
{
    connect(&m_undo, &QUndoStack::cleanChanged, this, [this](bool clean) { emit modifiedChanged(!clean); });
    reanalyze(nullptr);
}

void Document::reset(Design design, const QString& path)
{
    m_design = std::move(design);
    m_filePath = path;
    m_undo.clear();
    m_analyzer = Analyzer();
    reanalyze(nullptr);
    emit reloaded();
    emit modifiedChanged(false);
}

bool Document::open(const QString& path, QString* error)
{
    const LoadResult loaded = loadDesignFile(path.toStdString());
    if (!loaded.ok()) {
        QStringList lines;
        for (const Diagnostic& d : loaded.diagnostics)
            if (d.severity == Severity::Error)
                lines << QString::fromStdString(d.format());
        if (error)
            *error = lines.join(QLatin1Char('\n'));
        return false;
    }
    reset(*loaded.design, path);
    return true;
}

bool Document::saveAs(const QString& path, QString* error)
{
    const std::string text = saveDesignToString(m_design);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    const qint64 written = file.write(text.data(), qint64(text.size()));
    if (written != qint64(text.size()) || !file.commit()) {
        if (error)
            *error = tr("Cannot save %1: %2").arg(path, file.errorString());
        file.cancelWriting();
        return false;
    }
    m_filePath = path;
    m_undo.setClean();
    return true;
}

void Document::apply(ChangeSet change, const QString& text, int gesture)
{
    if (change.empty())
        return;
    m_undo.push(new ChangeSetCommand(*this, std::move(change), text, gesture));
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
    reanalyze(&touched);
    QSet<QString> ids;
    for (const std::string& id : touched)
        ids.insert(QString::fromStdString(id));
    for (const ShapeChange& s : change.shapes)
        ids.insert(QString::fromStdString(s.resource.str()));
    emit changed(ids);
}

void Document::reanalyze(const std::set<std::string>* touched)
{
    if (touched)
        m_analyzer.reanalyze(m_design, *touched);
    else
        m_analyzer.analyze(m_design);
    m_findingsById.clear();
    for (const Finding& f : m_analyzer.result().findings)
        for (const std::string& id : f.ids)
            m_findingsById[id].push_back(&f);
    emit analysisUpdated();
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

const std::vector<const Finding*>& Document::findingsOf(const std::string& id) const
{
    static const std::vector<const Finding*> none;
    const auto it = m_findingsById.find(id);
    return it == m_findingsById.end() ? none : it->second;
}

} // namespace pp::ui
