#pragma once

#include <QByteArray>
#include <QString>

namespace hb::security {

/// Writes `data` to `path` atomically with mode 0600 from the first byte on: the bytes go to a
/// mkstemp() file (created 0600, never wider whatever the umask) that is fsync'ed and renamed
/// over `path`. For private keys.
bool writePrivateFile(const QString &path, const QByteArray &data, QString *error);

/// Creates `dir` (and parents) and restricts it to the owner (0700).
bool ensurePrivateDir(const QString &dir, QString *error);

} // namespace hb::security
