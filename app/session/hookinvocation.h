#pragma once

// One hook invocation for one service, the "Invocation" box of docs/architecture.md: build the
// context, plan and run the prefetch, obtain the service's fhirAuthorization token, sign and send
// the call, and collect what the service then read from the embedded FHIR server.
#include "core/prefetch.h"
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

struct InvocationResult
{
    core::ServiceDefinition service;
    core::HookRequest request;
    QList<core::Finding> contextProblems; ///< C6: what the EHR state could not fill
    /// The request as the validator sees it (C3-C8), the context problems included.
    QList<core::Finding> requestFindings;
    QList<PrefetchReport> prefetch;
    std::optional<servers::TokenGrant> grant;
    net::HookCallResult call;
    QList<servers::AuditEntry> serviceReads; ///< the service's own FHIR requests during the call
};

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

    void invoke(const QUrl &discovery, const core::ServiceDefinition &service,
                const EhrState &state, const InvocationOptions &options,
                std::function<void(const InvocationResult &)> done);
    InvocationResult invokeAndWait(const QUrl &discovery, const core::ServiceDefinition &service,
                                   const EhrState &state, const InvocationOptions &options);

private:
    std::optional<servers::TokenGrant> grantFor(const core::ServiceDefinition &service,
                                                const QString &patientId, AccessTokenMode mode);
    bool isEmbedded(const QUrl &fhirServer) const;
    void send(const QUrl &discovery, std::shared_ptr<InvocationResult> result,
              const InvocationOptions &options, std::function<void(const InvocationResult &)> done);
    void runPrefetch(const QList<core::PrefetchPlanEntry> &plan, const InvocationOptions &options,
                     const QString &patientId, std::function<void(QList<PrefetchReport>)> done);

    net::CdsClient *m_client;
    net::Transport *m_transport;
    net::ExchangeLog *m_log;
    servers::EmbeddedServers *m_servers;
};

} // namespace hb::session
