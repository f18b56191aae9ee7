#include "storage/workspacefile.h"

#include "core/json.h"
#include "storage/logging.h"
#include "storage/paths.h"
#include "storage/savetemporaries.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace hb::storage {

namespace {

/// A workspace holds discovery documents, so it may be large, but never this large.
constexpr qsizetype MaxWorkspaceBytes = 32 * 1024 * 1024;

std::optional<QByteArray> readFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = u"cannot read %1: %2"_s.arg(QDir::toNativeSeparators(path), file.errorString());
        return std::nullopt;
    }
    // Read in chunks up to one byte past the cap: size() is 0 for devices and pipes (/dev/zero, a
    // FIFO), whose readAll() would never end, and read(cap + 1) would allocate the whole 32 MiB
    // cap for a file of a few KiB (two thirds of the heap at launch, in heaptrack).
    QByteArray bytes;
    while (bytes.size() <= MaxWorkspaceBytes) {
        const QByteArray chunk = file.read(64 * 1024);
        if (chunk.isEmpty())
            break;
        bytes += chunk;
    }
    if (bytes.size() > MaxWorkspaceBytes) {
        *error = u"%1 is larger than %2 MiB"_s.arg(QDir::toNativeSeparators(path))
                     .arg(MaxWorkspaceBytes / (1024 * 1024));
        return std::nullopt;
    }
    return bytes;
}

bool writeAtomically(const QString &path, const QByteArray &bytes, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        if (error)
            *error
                = u"cannot write %1: %2"_s.arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    return true;
}

} // namespace

QByteArray serializeWorkspace(const Workspace &workspace)
{
    return QJsonDocument(workspace.toJson()).toJson(QJsonDocument::Indented);
}

std::optional<Workspace> parseWorkspace(const QByteArray &bytes, QString *error)
{
    core::JsonLimits limits;
    limits.maxBytes = MaxWorkspaceBytes;
    const core::JsonParseResult parsed = core::parseJsonObject(bytes, limits);
    if (!parsed.ok()) {
        if (error)
            *error = u"not valid JSON: "_s + parsed.error;
        return std::nullopt;
    }
    return Workspace::fromJson(parsed.object, error);
}

QString workspaceBackupPath(const QString &path)
{
    return path + u".bak"_s;
}

QString defaultWorkspacePath()
{
    return homePath(u"workspace.json"_s);
}

WorkspaceLoad loadWorkspace(const QString &path)
{
    WorkspaceLoad load;
    QString problem;
    const auto bytes = readFile(path, &problem);
    if (bytes) {
        load.workspace = parseWorkspace(*bytes, &problem);
        if (load.workspace)
            return load;
        problem
            = u"%1 is not a usable workspace (%2)"_s.arg(QDir::toNativeSeparators(path), problem);
    }
    if (!QFileInfo::exists(path)) {
        load.error = problem;
        return load;
    }
    // Corrupt (or unreadable): fall back to the last good copy, and say so.
    const QString backup = workspaceBackupPath(path);
    QString backupProblem;
    if (const auto backupBytes = readFile(backup, &backupProblem))
        load.workspace = parseWorkspace(*backupBytes, &backupProblem);
    if (load.workspace) {
        load.fromBackup = true;
        load.error = problem
            + u"; loaded its last good copy %1 instead"_s.arg(QDir::toNativeSeparators(backup));
    } else {
        load.error = problem + u"; no good copy to fall back on (%1)"_s.arg(backupProblem);
    }
    qCWarning(lcStorage).noquote() << load.error;
    return load;
}

bool saveWorkspace(const QString &path, const Workspace &workspace, QString *error)
{
    const QDateTime started = QDateTime::currentDateTimeUtc();
    const QString absolute = QFileInfo(path).absoluteFilePath();
    if (!QDir().mkpath(QFileInfo(absolute).absolutePath())) {
        if (error)
            *error = u"cannot create the folder of %1"_s.arg(QDir::toNativeSeparators(absolute));
        return false;
    }
    // What earlier saves killed mid-write left (this save's own temporaries come later).
    removeStaleSaveTemporaries(absolute, started);
    removeStaleSaveTemporaries(workspaceBackupPath(absolute), started);
    const QByteArray bytes = serializeWorkspace(workspace);
    // Keep the previous content as the last good copy, but only when it is one: a corrupt file
    // must never replace a good backup.
    QString ignored;
    if (const auto previous = readFile(absolute, &ignored);
        previous && *previous != bytes && parseWorkspace(*previous)) {
        if (!writeAtomically(workspaceBackupPath(absolute), *previous, error))
            return false;
    }
    if (!writeAtomically(absolute, bytes, error))
        return false;
    qCDebug(lcStorage) << "workspace saved to" << absolute;
    return true;
}

} // namespace hb::storage
