#pragma once

#include "document/DiskWatcher.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace pp::ui {

// One document's unsaved state, kept in the recovery folder while its editor runs:
//   <id>.privatepath  the design as it was at the last autosave (the ordinary file format)
//   <id>.json         what it belongs to: the original file (or none: untitled) and that file's
//                     state when the editor loaded it
//   <id>.lock         a QLockFile held by the editor session; free when the session ended
//                     without cleaning up (a crash), which makes the entry recoverable
struct RecoveryEntry {
    QString id;
    QString designPath;   // the recovery file
    QString originalPath; // the document's file; empty for an untitled design
    DiskState original;   // the original file when the editor loaded it (hash, size, time)
    QDateTime savedAt;    // when the recovery file was written

    QString displayName() const; // the file's name, or "Untitled"
};

// What differs between a recovered design and its file, in the user's terms.
struct RecoveryComparison {
    QString error;             // either design could not be read
    bool fileExists = false;
    QDateTime fileModified;
    QDateTime recoveredAt;
    bool fileChangedSinceLoad = false; // someone changed the file after the crashed session loaded it
    int resourcesAdded = 0, resourcesRemoved = 0, resourcesChanged = 0;
    int flowsAdded = 0, flowsRemoved = 0, flowsChanged = 0;
    int shapesChanged = 0; // moved, resized, added or removed drawings
    bool identical() const
    {
        return resourcesAdded + resourcesRemoved + resourcesChanged + flowsAdded + flowsRemoved + flowsChanged + shapesChanged == 0;
    }
};

namespace Recovery {

// QStandardPaths::AppDataLocation + "/recovery" (tests may point it elsewhere).
QString directory();
void setDirectoryForTesting(const QString& folder);

// Entries whose session is gone (their lock is free or stale), newest first. Entries without a
// recovery file (a crash before the first autosave) are removed on the way.
QList<RecoveryEntry> orphans();
// Removes an entry's files (it was recovered, discarded, or its document saved).
void discard(const RecoveryEntry& entry);
void discard(const QString& id);

RecoveryComparison compare(const RecoveryEntry& entry);
// A sentence per difference, for the dialog.
QString describe(const RecoveryComparison& comparison);

} // namespace Recovery
} // namespace pp::ui
