#include "document/Recovery.h"

#include "io/DesignFile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QLockFile>
#include <QStandardPaths>
#include <algorithm>
#include <map>

namespace pp::ui {
namespace {

QString g_directory;

QString tr(const char* text) { return QCoreApplication::translate("Recovery", text); }
QString trn(const char* text, int n) { return QCoreApplication::translate("Recovery", text, nullptr, n); }

std::optional<RecoveryEntry> readEntry(const QDir& dir, const QString& id)
{
    QFile meta(dir.filePath(id + QStringLiteral(".json")));
    if (!meta.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QJsonObject o = QJsonDocument::fromJson(meta.readAll()).object();
    RecoveryEntry e;
    e.id = id;
    e.designPath = dir.filePath(id + QStringLiteral(".privatepath"));
    e.originalPath = o.value(QStringLiteral("original")).toString();
    e.original.exists = o.value(QStringLiteral("originalExists")).toBool();
    e.original.size = qint64(o.value(QStringLiteral("originalSize")).toDouble(-1));
    e.original.modified = QDateTime::fromMSecsSinceEpoch(qint64(o.value(QStringLiteral("originalModified")).toDouble()));
    e.original.hash = QByteArray::fromHex(o.value(QStringLiteral("originalHash")).toString().toLatin1());
    e.savedAt = QFileInfo(e.designPath).lastModified();
    return e;
}

std::optional<Design> loadQuietly(const QString& path, QString* error)
{
    LoadResult r = loadDesignFile(QFile::encodeName(path).toStdString());
    if (!r.ok()) {
        for (const Diagnostic& d : r.diagnostics)
            if (d.severity == Severity::Error) {
                *error = QString::fromStdString(d.format());
                break;
            }
        return std::nullopt;
    }
    return std::move(r.design);
}

} // namespace

QString RecoveryEntry::displayName() const
{
    return originalPath.isEmpty() ? tr("Untitled") : QFileInfo(originalPath).fileName();
}

namespace Recovery {

QString directory()
{
    if (!g_directory.isEmpty())
        return g_directory;
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/recovery");
}

void setDirectoryForTesting(const QString& folder) { g_directory = folder; }

QList<RecoveryEntry> orphans()
{
    const QDir dir(directory());
    QList<RecoveryEntry> out;
    for (const QString& name : dir.entryList({QStringLiteral("*.json")}, QDir::Files)) {
        const QString id = QFileInfo(name).completeBaseName();
        // A held lock: its editor is running (in this process or another). A free or stale one:
        // the session is gone. QLockFile takes over a lock whose process died.
        QLockFile lock(dir.filePath(id + QStringLiteral(".lock")));
        lock.setStaleLockTime(0);
        if (!lock.tryLock(0))
            continue;
        lock.unlock();
        if (!QFileInfo::exists(dir.filePath(id + QStringLiteral(".privatepath")))) {
            discard(id);
            continue;
        }
        if (std::optional<RecoveryEntry> e = readEntry(dir, id))
            out << *e;
    }
    std::sort(out.begin(), out.end(), [](const RecoveryEntry& a, const RecoveryEntry& b) { return a.savedAt > b.savedAt; });
    return out;
}

void discard(const QString& id)
{
    const QDir dir(directory());
    for (const char* suffix : {".privatepath", ".json", ".lock"})
        QFile::remove(dir.filePath(id + QLatin1String(suffix)));
}

void discard(const RecoveryEntry& entry) { discard(entry.id); }

RecoveryComparison compare(const RecoveryEntry& entry)
{
    RecoveryComparison c;
    c.recoveredAt = entry.savedAt;
    const DiskState now = DiskState::of(entry.originalPath);
    c.fileExists = now.exists;
    c.fileModified = now.modified;
    c.fileChangedSinceLoad = entry.original.exists && !now.sameContent(entry.original);
    const std::optional<Design> recovered = loadQuietly(entry.designPath, &c.error);
    if (!recovered)
        return c;
    Design file;
    if (c.fileExists) {
        std::optional<Design> loaded = loadQuietly(entry.originalPath, &c.error);
        if (!loaded)
            return c;
        file = std::move(*loaded);
    }
    for (const Resource& r : recovered->resources()) {
        const Resource* old = file.find(r.id);
        c.resourcesAdded += !old;
        c.resourcesChanged += old && !(*old == r);
    }
    for (const Resource& r : file.resources())
        c.resourcesRemoved += !recovered->find(r.id);
    for (const Flow& f : recovered->flows()) {
        const Flow* old = file.findFlow(f.id);
        c.flowsAdded += !old;
        c.flowsChanged += old && !(*old == f);
    }
    for (const Flow& f : file.flows())
        c.flowsRemoved += !recovered->findFlow(f.id);
    std::map<std::string, const Shape*> shapes;
    for (const Shape& s : file.diagram.shapes)
        shapes[s.resource.str()] = &s;
    for (const Shape& s : recovered->diagram.shapes) {
        const auto it = shapes.find(s.resource.str());
        if (it == shapes.end()) {
            ++c.shapesChanged;
            continue;
        }
        c.shapesChanged += !(*it->second == s);
        shapes.erase(it);
    }
    c.shapesChanged += int(shapes.size());
    return c;
}

QString describe(const RecoveryComparison& c)
{
    const QLocale locale;
    QStringList lines;
    lines << tr("Recovered version: saved %1.").arg(locale.toString(c.recoveredAt, QLocale::LongFormat));
    if (!c.fileExists)
        lines << tr("The file no longer exists on disk.");
    else
        lines << tr("File on disk: modified %1.").arg(locale.toString(c.fileModified, QLocale::LongFormat));
    if (c.fileChangedSinceLoad)
        lines << tr("The file was changed on disk after the editor opened it: the recovered version does not include those changes.");
    if (!c.error.isEmpty()) {
        lines << tr("They cannot be compared: %1").arg(c.error);
        return lines.join(QLatin1Char('\n'));
    }
    if (c.identical()) {
        lines << tr("The recovered version has the same resources, flows and drawing as the file.");
        return lines.join(QLatin1Char('\n'));
    }
    lines << tr("The recovered version, compared with the file:");
    if (c.resourcesAdded || c.resourcesRemoved || c.resourcesChanged)
        lines << tr("  resources: %1 added, %2 removed, %3 changed").arg(c.resourcesAdded).arg(c.resourcesRemoved).arg(c.resourcesChanged);
    if (c.flowsAdded || c.flowsRemoved || c.flowsChanged)
        lines << tr("  flows: %1 added, %2 removed, %3 changed").arg(c.flowsAdded).arg(c.flowsRemoved).arg(c.flowsChanged);
    if (c.shapesChanged)
        lines << trn("  drawing: %n shape(s) moved, resized, added or removed", c.shapesChanged);
    return lines.join(QLatin1Char('\n'));
}

} // namespace Recovery
} // namespace pp::ui
