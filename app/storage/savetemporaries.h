#pragma once

// What a save killed mid-write leaves behind. QSaveFile (and QSettings, which writes through it)
// writes `<file>.XXXXXX` (six random letters) next to `file` and renames it over `file` on
// commit; a process killed with SIGKILL in between cannot remove it, so without this they pile
// up next to the workspace and the settings file, one per unlucky kill.
#include <QDateTime>
#include <QString>

namespace hb::storage {

/// Removes the QSaveFile temporaries of `file` (exactly `<file name>.` and six letters, in the
/// same folder) last modified before `saveStartedAt`, the start of the save that calls this: a
/// temporary of a save still running in another process is newer and stays. Returns how many
/// were removed (each is logged).
int removeStaleSaveTemporaries(const QString &file, const QDateTime &saveStartedAt);

/// QLockFile (QSettings locks `<file>.lock` while it writes) creates its lock file and then
/// writes its process id into it; a process killed in between leaves an empty lock, which every
/// later QSettings write waits on for 30 s until Qt deems it stale. Removes `lock` when it is
/// empty and was last modified before `saveStartedAt` (a live writer fills its lock at once).
/// Returns whether it removed one (logged).
bool removeAbandonedEmptyLock(const QString &lock, const QDateTime &saveStartedAt);

} // namespace hb::storage
