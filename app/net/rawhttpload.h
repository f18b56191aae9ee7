#pragma once

// A lean HTTP/1.1 load client for `hookbench-cli bench`: plain-HTTP requests whose bytes were
// prepared beforehand, driven over C keep-alive connections by one thread with non-blocking
// sockets and poll(). No pipelining: each connection carries one exchange at a time. It parses
// the status line, the header lines (kept only when asked: the CORS verdict needs them), and a
// body framed by Content-Length, chunked transfer coding or the connection's end. The Qt
// transport costs about 1 ms of client time per call, which hid the service's own throughput;
// this loop costs a few microseconds, comparable to wrk.
#include "net/corsevaluator.h"

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QMap>
#include <QString>

#include <functional>
#include <vector>

namespace hb::net {

/// One call: an optional first exchange (the CORS preflight) and the request that counts.
struct LoadCall
{
    QByteArray preflight; ///< complete request bytes; empty: no preflight
    QByteArray request; ///< complete request bytes (request line, headers, body)
};

/// One response as the load client read it.
struct LoadResponse
{
    int status = 0;
    HeaderLines headers; ///< only with RawLoadOptions::keepHeaders
    QByteArray body; ///< de-chunked
};

struct RawLoadOptions
{
    QHostAddress address; ///< where to connect (resolved before the clock starts)
    quint16 port = 80;
    int concurrency = 1; ///< connections, each with one call in flight
    /// The first calls run uncounted before the clock starts (opening the connections, which
    /// then stay open for the counted ones).
    int warmup = 0;
    int connectTimeoutMs = 5000;
    int totalTimeoutMs = 30000; ///< per exchange, from its first byte written
    qint64 maxResponseBytes = 4 * 1024 * 1024; ///< body bytes; more is the error "too-large"
    bool keepHeaders = false;
    /// After a preflight's response: the error kind that stops the call, or empty to send the
    /// request. Unset: any answer lets the request go.
    std::function<QString(const LoadResponse &preflight)> checkPreflight;
    /// After the request's response: the error kind, or empty for a success. `preflight` is null
    /// without one. Unset: every answer counts as a success.
    std::function<QString(const LoadResponse *preflight, const LoadResponse &response)> check;
    /// After each finished call (a progress bar); may be unset.
    std::function<void(int finished, int total)> progress;
};

struct RawLoadResult
{
    int total = 0; ///< counted calls (the warm-up ones are not)
    int completed = 0; ///< calls finished, successful or not
    int errors = 0;
    QMap<QString, int> errorsByKind; ///< connection-refused, timeout, http-500, protocol...
    double wallMs = 0; ///< from the clock's start (after the warm-up) to the last answer
    /// The loop's own CPU time (user and system) over the counted calls: what the client cost
    /// while the clock ran, next to wallMs.
    double cpuMs = 0;
    std::vector<double> latenciesMs; ///< of the successful calls, in finishing order
    int connectionsOpened = 0; ///< warm-up included
    QMap<QString, int> warmupErrorsByKind; ///< of the uncounted calls
};

/// Sends every call of `calls` once, at most `options.concurrency` at a time, and waits for
/// each answer (or its error); the first `options.warmup` ones are not counted. Blocks the calling
/// thread; runs no Qt event loop.
[[nodiscard]] RawLoadResult runRawLoad(const QList<LoadCall> &calls, const RawLoadOptions &options);

} // namespace hb::net
