#pragma once

// The CDS side of `hookbench-cli bench` on the lean load client (rawhttpload.h): N hook calls
// prepared before the clock starts (each with its own hookInstance and freshly signed client
// JWT, serialised to the bytes the load client writes, with Chromium's preflight when CORS
// emulation is on, as CdsClient sends them), and the check of each answer in CdsClient's order:
// the browser's CORS verdict, HTTP 200, a JSON object for a body.
#include "core/hookrequest.h"
#include "net/cdsclient.h"
#include "net/rawhttpload.h"

namespace hb::net {

struct HookLoadPlan
{
    QString error; ///< why the calls cannot be prepared (not plain http, unknown host...)
    QList<LoadCall> calls;
    RawLoadOptions load; ///< address, port, timeouts, size cap, the checks; concurrency unset
    /// CORS emulation refuses the call before anything is sent (mixed content, local network):
    /// the browser's message; every call then counts as cors-blocked.
    QString blockedBeforeSending;
    double prepareMs = 0; ///< wall time signing and serialising the calls, before the clock
    double prepareCpuMs = 0; ///< the CPU time that took, summed over the threads doing it
};

/// True when the lean client can carry calls to `url` (plain http; https goes through the Qt
/// transport).
bool leanLoadSupports(const QUrl &url);

/// Prepares `total` calls of `request` to `url` as `client` would send them (options: CORS
/// emulation, origin, credentials, timeouts, size cap; `signer` may be null: no Authorization).
[[nodiscard]] HookLoadPlan prepareHookLoad(const QUrl &url, const core::HookRequest &request,
                                           int total, security::ClientJwtSigner *signer,
                                           const CdsClientOptions &options);

/// Sends the plan's first call alone and takes it off the plan, so the N counted calls start
/// on a service that has answered once. False when the answer is a redirect, which the lean
/// client does not follow (the transport does: the caller falls back to it).
bool sendFirstUncounted(HookLoadPlan *plan);

/// The request bytes the load client writes: request line, Host, `headers`, Content-Length when
/// there is a body, Connection: keep-alive, the body.
QByteArray serializeKeepAlive(const QByteArray &method, const QUrl &url, const HeaderLines &headers,
                              const QByteArray &body);

} // namespace hb::net
