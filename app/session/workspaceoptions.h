#pragma once

// From a workspace (app/storage/workspace.h) to the options the running parts take. One mapping
// for the desktop app and hookbench-cli, so a setup made in the app runs the same headless.
#include "session/hookinvocation.h"
#include "session/workbench.h"
#include "storage/workspace.h"

namespace hb::session {

/// Ports, CORS, timeouts, spec version and client identity of `workspace`. Fails with `error`
/// (naming the member) for a value this build cannot apply, e.g. an unknown JWT fault name.
std::optional<WorkbenchOptions> workbenchOptionsFrom(const storage::Workspace &workspace,
                                                     QString *error = nullptr);

/// How one service is called: its prefetch mode and keys, its access-token mode, the prefetch
/// timeout. The FHIR server and consent hook are the caller's.
InvocationOptions invocationOptionsFor(const storage::Workspace &workspace,
                                       const storage::ServiceSettings &settings);

/// The JWT fault of one service's settings; nullopt for an unknown name.
std::optional<security::JwtFault> jwtFaultOf(const storage::ServiceSettings &settings);

/// The discovery URL a source stands for: `embedded:demo` and `embedded:lab[:ids]` become the
/// running embedded servers' URLs (empty when they do not run), other URLs are used as written.
QUrl discoveryUrlOf(const QString &sourceUrl, const Workbench &workbench);

/// Why `sourceUrl` cannot be discovered before any request is sent: `embedded:lab:IDS` naming a
/// service the lab does not have ("no lab service 'x' (known: a, b, ...)"); empty otherwise. The
/// lab would answer 404 to it, which a browser reports as a CORS failure.
QString sourceProblem(const QString &sourceUrl);

/// What a successful discovery does to a source: its services become the document's, in its
/// order, each keeping the settings it had when the same (id, hook) was listed before.
void applyDiscovery(storage::DiscoverySource &source, const core::DiscoveryDocument &document,
                    const QDateTime &when);

/// One service the workspace lists.
struct ServiceRef
{
    QString sourceUrl;
    storage::WorkspaceService service;
};

/// Every enabled service registered for `hook`, in source order then discovery order.
QList<ServiceRef> enabledServicesFor(const storage::Workspace &workspace, const QString &hook);

} // namespace hb::session
