#pragma once

// One hook invocation for one service, the "Invocation" box of docs/architecture.md: build the
// context, plan and run the prefetch, obtain the service's fhirAuthorization token, sign and send
// the call, and collect what the service then read from the embedded FHIR server.
#include "core/prefetch.h"
#include "fhir/fhirsource.h"
#include "net/cdsclient.h"
#include "servers/embeddedservers.h"
#include "session/ehrstate.h"

#include <functional>

namespace hb::session {

/// What goes into `fhirAuthorization` (the issue's --access-token mock|none|expired).
enum class AccessTokenMode { Mock, None, Expired };

struct InvocationOptions
{
    core::PrefetchOptions prefetch;
    AccessTokenMode accessToken = AccessTokenMode::Mock;
    QUrl fhirServer; ///< empty: send neither fhirServer nor fhirAuthorization
    int prefetchTimeoutMs = 10000;
    /// A client JWT fault for this call only (per-service settings); unset: the client's own.
    std::optional<security::JwtFault> jwtFault;
    /// The client id the service's FHIR token is issued to, sent as fhirAuthorization.subject
    /// (per-service settings, `subject`); empty: the service id. An EHR registers each service
    /// as an OAuth client of its own, and a service may check that the subject is its own id.
    QString subject;
    /// The custom hook screen: this context is sent exactly as written (checked against the
    /// catalogue, C6), instead of the one the builder makes from the EHR state.
    std::optional<QJsonObject> context;
    /// Hookbench never sends a request its own validator finds an error in (C3-C8) unless this
    /// is set (CLI --allow-invalid-request): the call is refused and the result says why.
    bool allowInvalidRequest = false;
    /// Aborts the hook call in flight (the GUI's Cancel): its preflight and POST end as
    /// TransportError::Cancelled, and one not sent yet is not sent.
    std::shared_ptr<net::Cancellation> cancellation;
    /// Under the ask-the-user grant policy the authorization server wants the user's consent
    /// before it issues the service's token: this shows the request and calls `answer` with
    /// the user's choice (any time later). Without it such a token is declined.
    std::function<void(const servers::ConsentRequest &request, std::function<void(bool)> answer)>
        askConsent;
};

/// One prefetch key: what was planned and what was sent.
struct PrefetchReport
{
    core::PrefetchPlanEntry plan;
    core::PrefetchOutcome outcome;
    quint64 exchangeId = 0; ///< the FHIR query in the exchange log, 0 when none ran
    int status = 0; ///< the FHIR server's HTTP status, 0 when no query ran or none answered
};

/// A context field the EHR state filled that a custom context (--context-file) replaced.
struct ContextOverride
{
    QString field;
    QJsonValue builtIn;
    QJsonValue replacement;
};

struct InvocationResult
{
    core::ServiceDefinition service;
    core::HookRequest request;
    QList<core::Finding> contextProblems; ///< C6: what the EHR state could not fill
    QList<ContextOverride> contextOverrides; ///< built-in fields the custom context replaced
    /// The request as the validator sees it (C3-C8), the context problems included, each once,
    /// plus warnings the EHR state raises (draft orders for another patient).
    QList<core::Finding> requestFindings;
    /// The call was refused because requestFindings holds an error and allowInvalidRequest was
    /// off; `call.error` then says "not sent: ..." (shown as the service's error card).
    bool notSent = false;
    QList<PrefetchReport> prefetch;
    std::optional<servers::TokenGrant> grant;
    net::HookCallResult call;
    QList<servers::AuditEntry> serviceReads; ///< the service's own FHIR requests during the call
};

/// A remote FHIR source for the invoker: prefetch reads it with the source's credentials, and
/// services get `proxy` (the access-audit FHIR proxy) as fhirServer with a mock token, or, when
/// `proxy` is empty (the user chose to pass the real token through), the source's own base
/// and token.
struct RemoteFhir
{
    fhir::FhirConnection *connection = nullptr;
    QUrl proxy;
};

/// "not sent: the request breaks ..." for the findings' errors; empty when there is none.
[[nodiscard]] QString refusalOf(const QList<core::Finding> &requestFindings);

/// Runs invocations. `servers` may be null (remote FHIR server: tokens cannot be issued, so
/// AccessTokenMode::Mock sends none); `log` may be null.
class HookInvoker
{
public:
    HookInvoker(net::CdsClient *client, net::Transport *transport, net::ExchangeLog *log,
                servers::EmbeddedServers *servers);

    /// The client id under which the EHR itself runs prefetch queries (kept out of the
    /// service's audit).
    static QString ehrClientId();

    /// Sets (or, with a null connection, clears) the remote FHIR source. An invocation uses it
    /// when its `fhirServer` is the source's base URL.
    void setRemoteFhir(const RemoteFhir &remote) { m_remote = remote; }
    [[nodiscard]] const RemoteFhir &remoteFhir() const { return m_remote; }

    void invoke(const QUrl &discovery, const core::ServiceDefinition &service,
                const EhrState &state, const InvocationOptions &options,
                std::function<void(const InvocationResult &)> done);
    InvocationResult invokeAndWait(const QUrl &discovery, const core::ServiceDefinition &service,
                                   const EhrState &state, const InvocationOptions &options);

private:
    std::optional<servers::TokenGrant> grantFor(const core::ServiceDefinition &service,
                                                const QString &clientId, const QString &patientId,
                                                AccessTokenMode mode);
    bool isEmbedded(const QUrl &fhirServer) const;
    bool isRemoteSource(const QUrl &fhirServer) const;
    /// The embedded authorization server's tokens work there (the embedded server or the proxy).
    bool hasEmbeddedAuthority(const QUrl &fhirServer) const;
    std::shared_ptr<fhir::FhirClient> prefetchClient(const QUrl &fhirServer,
                                                     const QString &patientId);
    /// The call's client JWT, signed while the prefetch is in flight (see invoke()).
    struct EarlyJwt;
    void send(const QUrl &discovery, std::shared_ptr<InvocationResult> result,
              const InvocationOptions &options, std::function<void(const InvocationResult &)> done,
              std::shared_ptr<EarlyJwt> early = {});
    void runPrefetch(const QList<core::PrefetchPlanEntry> &plan, const InvocationOptions &options,
                     const QString &patientId, std::function<void(QList<PrefetchReport>)> done);

    net::CdsClient *m_client;
    net::Transport *m_transport;
    net::ExchangeLog *m_log;
    servers::EmbeddedServers *m_servers;
    RemoteFhir m_remote;
};

} // namespace hb::session
