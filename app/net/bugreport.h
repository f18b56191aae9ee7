#pragma once

// The one-click bug report: a folder a user can attach to an issue, with the exchanges as HAR
// (secrets redacted), the cards each service returned, every finding, the decoded client JWTs
// (header and claims, never the token) and the versions of Hookbench, Qt and the system.
#include "net/exchangelog.h"

namespace hb::net {

struct BugReport
{
    QString folder; ///< where it was written
    QStringList files; ///< names inside the folder
};

/// Writes the bundle into a new folder `hookbench-report-<UTC time>` under `parent`; nullopt with
/// `error` set when it cannot be written.
std::optional<BugReport> writeBugReport(const QString &parent, const QList<Exchange> &exchanges,
                                        QString *error);

} // namespace hb::net
