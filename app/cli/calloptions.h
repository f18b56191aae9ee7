#pragma once

// The options every command that calls a CDS service shares (--origin, --no-cors, --timeout,
// --max-response-bytes, --quiet), the ones that name the hook call of `fire` and `bench`
// (--discovery, --service, --hook, --patient, --fhir, --prefetch, --allow-invalid-request), read
// into a scenario::CallSpec, and the sentence that tells a server-to-server developer how to
// turn the browser emulation off.
#include "scenario/callsetup.h"

#include <QCommandLineOption>
#include <QCommandLineParser>

namespace hb::cli {

class CallOptions
{
public:
    explicit CallOptions(int defaultTimeoutMs = 30000);
    void addTo(QCommandLineParser &parser) const;
    /// Reads the options into `spec`; a usage error message when a value is wrong.
    [[nodiscard]] QString read(const QCommandLineParser &parser, scenario::CallSpec *spec) const;

    QCommandLineOption origin;
    QCommandLineOption noCors;
    QCommandLineOption timeout;
    QCommandLineOption maxResponse;
    QCommandLineOption quiet;
};

/// What `fire` and `bench` both ask about the call they make. `bench` has no workspace, so
/// --discovery is required there; `fire` checks it itself (a workspace may name the service).
class HookCallOptions
{
public:
    HookCallOptions();
    void addTo(QCommandLineParser &parser) const;
    /// Copies the values into `spec` (after CallOptions::read).
    void read(const QCommandLineParser &parser, scenario::CallSpec *spec) const;

    QCommandLineOption discovery;
    QCommandLineOption service;
    QCommandLineOption hook;
    QCommandLineOption patient;
    QCommandLineOption fhir;
    QCommandLineOption prefetch;
    QCommandLineOption allowInvalid;
};

/// The exit code of a call that could not be prepared (usage 2, connect 3, a check 1).
int exitCodeFor(scenario::SetupFailure failure);

/// The browser refused to let the page read an answer that did come (not a network failure):
/// then --no-cors is the way out for a server-to-server service.
bool browserRefused(const net::CdsCallResult &result);

/// "A server-to-server client sends no preflight: --no-cors ..." for CORS failure messages.
QString noCorsHint();

} // namespace hb::cli
