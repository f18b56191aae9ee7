#pragma once

// Reading and writing workspace files (the API C++ callers need; the format is docs/workspace.md).
//
//   auto loaded = hb::storage::loadWorkspace(path);
//   if (!loaded.workspace) fail(loaded.error);            // unreadable, and no good copy
//   if (!loaded.error.isEmpty()) warn(loaded.error);      // corrupt: the last good copy was used
//   ...
//   QString error;
//   if (!hb::storage::saveWorkspace(path, workspace, &error)) fail(error);
//
// Saving is atomic (QSaveFile: a reader, or a process killed mid-save, sees the old file or the
// new one, never a mix). Before the file is replaced, its previous content is kept as
// `<path>.bak` when it is a valid workspace, so `.bak` always holds the last good copy; a corrupt
// file is never copied over it.
#include "storage/workspace.h"

#include <QByteArray>

namespace hb::storage {

/// The bytes a workspace is saved as: indented UTF-8 JSON, keys in a fixed (sorted) order,
/// ending in a newline. Saving what was loaded gives the same bytes.
[[nodiscard]] QByteArray serializeWorkspace(const Workspace &workspace);

/// Parses a workspace file's bytes; nullopt with `error` when they are not one.
std::optional<Workspace> parseWorkspace(const QByteArray &bytes, QString *error = nullptr);

struct WorkspaceLoad
{
    std::optional<Workspace> workspace; ///< unset: neither the file nor its backup could be read
    QString error; ///< set when the file was missing, unreadable or corrupt (says which and why)
    bool fromBackup = false; ///< the file was corrupt and `<path>.bak` was loaded instead
};

/// Loads `path`; when it is corrupt, loads its last good copy (`<path>.bak`) and says so.
/// A missing file is an error with no workspace (callers decide whether to start a new one).
[[nodiscard]] WorkspaceLoad loadWorkspace(const QString &path);

/// Writes `workspace` to `path` atomically (parent folders are created). Keeps the previous
/// valid content as `<path>.bak`. False with `error` (naming the file) when anything fails.
bool saveWorkspace(const QString &path, const Workspace &workspace, QString *error = nullptr);

/// `<path>.bak`.
[[nodiscard]] QString workspaceBackupPath(const QString &path);

/// The workspace used when none is named: `workspace.json` in homeDir().
[[nodiscard]] QString defaultWorkspacePath();

} // namespace hb::storage
