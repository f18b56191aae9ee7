#pragma once

// One hook call as a user describes it (hookbench-cli fire's options, a scenario step), and its
// preparation against a running Workbench: discovery, the service definition, the EHR state and
// the invocation options. `fire` and the scenario runner both start here, so both send the same.
#include "net/cdsclient.h"
#include "session/workbench.h"
#include "storage/workspace.h"

#include <QHash>
#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace hb::scenario {

struct CallSpec
{
    QString discovery; ///< "embedded" (demo services), "lab" (misbehaviour lab) or a URL
    QString service;
    QString hook; ///< empty: the service's only hook
    QString patient; ///< empty: keep the state's, else the first embedded patient
    QString user; ///< Practitioner/ID; empty: keep the state's
    QString encounter;
    std::optional<QJsonObject> draftOrders; ///< a Bundle replacing the draft orders
    QStringList orderCodes; ///< formulary / imaging codes added as draft orders (and selected)
    std::optional<QStringList> selections; ///< order-select: a subset of the draft orders
    QJsonObject context; ///< custom context: overrides any built-in field
    QString fhir = QStringLiteral("embedded"); ///< embedded, none or a FHIR base URL
    QString prefetch = QStringLiteral("all"); ///< all, none or KEY,KEY
    QString accessToken = QStringLiteral("mock"); ///< mock, none or expired
    QString jwtFault; ///< empty: a correct client JWT
    QString origin = QStringLiteral("https://sandbox.cds-hooks.org");
    bool cors = true; ///< browser (CORS) emulation
    bool allowInvalidRequest = false;
    int timeoutMs = 30000;
    qint64 maxResponseBytes = 4 * 1024 * 1024;
};

/// What is wrong with a spec's values before anything is started (a usage error); empty = fine.
[[nodiscard]] QString checkSpec(const CallSpec &spec);
/// True when the call needs the embedded servers (embedded/lab discovery or FHIR source).
[[nodiscard]] bool needsEmbedded(const CallSpec &spec);

enum class SetupFailure { None, Usage, Connect, Check };

struct PreparedCall
{
    SetupFailure failure = SetupFailure::None;
    QString error; ///< why the call could not be prepared
    QUrl discoveryUrl;
    std::optional<net::DiscoveryResult> discovery;
    std::optional<core::ServiceDefinition> service;
    session::EhrState state;
    session::InvocationOptions invocation;
    net::CdsClientOptions client; ///< with the spec's origin, CORS mode, timeouts and JWT fault
    QStringList notes; ///< e.g. skipped draft-order entries
};

/// Discovery results by URL, so a scenario discovers each service set once.
using DiscoveryCache = QHash<QString, net::DiscoveryResult>;

/// Resolves `spec` against `bench`, starting from `state` (the scenario's EHR state so far).
/// Discovery goes out with the spec's CORS options and a valid JWT.
[[nodiscard]] PreparedCall prepareCall(session::Workbench &bench, const CallSpec &spec,
                                       session::EhrState state, DiscoveryCache *cache = nullptr);

/// The user a call on a remote FHIR source acts as when the spec names none (no --user): the
/// source's own, as the GUI takes it (session/sourceuser.h): the default user when the source
/// has them, else its first Practitioner. Sets spec->user; `notice` says when another user was
/// taken or the source could not be asked. Does nothing for the embedded source.
void takeSourceUser(session::Workbench &bench, CallSpec *spec, QString *notice);

/// The CDS client options of a spec (origin, CORS, timeouts, size cap; no JWT fault).
[[nodiscard]] net::CdsClientOptions clientOptionsFor(const CallSpec &spec,
                                                     net::CdsClientOptions base = {});

/// The Workbench one call runs on (`fire`, `bench`): `base` (a workspace's options, or the
/// defaults) with the spec's client options, and the embedded servers when the spec needs them
/// or `alsoEmbedded` (e.g. a proxied remote FHIR source needs the embedded authorization server).
[[nodiscard]] session::WorkbenchOptions workbenchOptionsFor(const CallSpec &spec,
                                                            session::WorkbenchOptions base = {},
                                                            bool alsoEmbedded = false);

/// The Workbench a scenario run uses: `base` with the embedded servers when one of `steps`
/// needs them or `alsoEmbedded` (--serve). Its client options stay `base`'s: the runner sets
/// each step's own (clientOptionsFor) when the step runs.
[[nodiscard]] session::WorkbenchOptions workbenchOptionsFor(const QList<CallSpec> &steps,
                                                            session::WorkbenchOptions base = {},
                                                            bool alsoEmbedded = false);

/// A workspace file a command calls with (`--workspace FILE`): the workspace and the Workbench
/// options it gives (identity, ports, CORS, timeouts).
struct CallWorkspace
{
    storage::Workspace workspace;
    session::WorkbenchOptions options;
};

/// Reads `path` for a call; empty with `error` when it cannot be read or applied (a usage
/// error: the loader's reason, or "FILE: member ..." for a value this build cannot apply).
[[nodiscard]] std::optional<CallWorkspace> loadCallWorkspace(const QString &path, QString *error);

/// Starts `bench` for a call: None, or why not in `error` ("cannot start: ...") with the kind of
/// failure. No usable client key (a read-only key folder) is the environment (Usage), not the
/// network (Connect), which would send the user after the service.
[[nodiscard]] SetupFailure startForCall(session::Workbench &bench, QString *error);

/// Resolves "embedded", "lab" or a URL to a discovery URL; empty with `error` when unusable.
[[nodiscard]] QUrl resolveDiscovery(const session::Workbench &bench, const QString &text,
                                    QString *error);

/// Checks a service URL before anything is sent: http(s), a host, a port 1..65535 (Qt's tolerant
/// parser turns "http://127.0.0.1:99999" into "http://http//..."). Text without a scheme gets
/// http://.
[[nodiscard]] std::optional<QUrl> parseHttpUrl(const QString &text, QString *reason);

} // namespace hb::scenario
