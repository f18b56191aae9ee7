#pragma once

// hookbench-cli bench: N prepared hook calls at concurrency C, each with its own client JWT and
// hookInstance, timed from the client's side; latency quantiles, errors by kind, and the client's
// own share of each call (signing, serialising, parsing and validating).
#include "net/cdsclient.h"

#include <QMap>

#include <functional>

namespace hb::scenario {

struct LoadOptions
{
    int total = 100;
    int concurrency = 4;
    /// Called after each completed call (for a progress bar).
    std::function<void(int completed, int total)> progress;
};

struct LoadReport
{
    int total = 0;
    int completed = 0;
    int errors = 0;
    QMap<QString, int> errorsByKind; ///< connection-refused, timeout, http-500, invalid-response...
    double wallMs = 0;
    double throughput = 0; ///< completed calls per second
    double p50Ms = -1, p90Ms = -1, p99Ms = -1, maxMs = -1, meanMs = -1;
    /// Mean per call of (client-side duration - the transport's time on the wire).
    double clientOverheadMs = -1;

    [[nodiscard]] QJsonObject toJson() const;
};

/// Sends `prepared` (a fresh hookInstance each time) `options.total` times to `serviceId`, at most
/// `options.concurrency` at once, and waits for every answer.
[[nodiscard]] LoadReport runLoad(net::CdsClient *client, const QUrl &discovery,
                                 const QString &serviceId, const core::HookRequest &prepared,
                                 const LoadOptions &options);

} // namespace hb::scenario
