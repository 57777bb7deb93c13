#pragma once

// moc does not need the core (and cannot parse its C++20 concepts).
#ifndef Q_MOC_RUN
#include "analysis/Analyzer.h"
#include "edit/ChangeSet.h"
#include "model/Design.h"
#endif

#include <QObject>
#include <QSet>
#include <QString>
#include <QUndoStack>
#include <memory>
#include <unordered_map>

namespace pp::ui {

// An open design: the model, its file, its undo history and its latest analysis. Every change
// goes through apply() as a change-set (one undoable step); the document re-analyses after each
// change and tells the views which ids were touched (one coarse notification, STYLE rule 8).
class Document : public QObject {
    Q_OBJECT
public:
    explicit Document(QObject* parent = nullptr);

    const Design& design() const { return m_design; }
    const AnalysisResult& analysis() const { return m_analyzer.result(); }
    QUndoStack* undoStack() { return &m_undo; }

    QString filePath() const { return m_filePath; }
    bool isModified() const { return !m_undo.isClean(); }

    // Loads a file. On failure nothing changes and `error` holds the loader's message (file, line, field).
    bool open(const QString& path, QString* error);
    // Saves atomically (QSaveFile, every byte checked). On failure the old file is untouched.
    bool saveAs(const QString& path, QString* error);
    void reset(Design design, const QString& path = {});

    // Records a change as one undoable step. `gesture` >= 0 merges with the previous step of the
    // same gesture until sealGesture() (a drag is one step). Empty changes are dropped.
    void apply(ChangeSet change, const QString& text, int gesture = -1);
    void sealGesture();

    // Applies without recording (used by the undo command).
    void applyDirect(const ChangeSet& change);

    // Finds a free id "prefix-N".
    std::string freshId(const std::string& prefix) const;

    // The latest result for a flow, or nullptr.
    const FlowResult* flowResult(const FlowId& id) const;
    // Findings that name `id` (indexed after each analysis: items ask on every paint).
    const std::vector<const Finding*>& findingsOf(const std::string& id) const;

signals:
    void changed(const QSet<QString>& touchedIds);
    void reloaded();
    void analysisUpdated();
    void modifiedChanged(bool modified);

private:
    void reanalyze(const std::set<std::string>* touched);

    Design m_design;
    QString m_filePath;
    QUndoStack m_undo;
    Analyzer m_analyzer;
    std::unordered_map<std::string, std::vector<const Finding*>> m_findingsById;
};

} // namespace pp::ui
