#include "session/hookinvocation.h"

#include "session/logging.h"

#include "core/validator.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QScopeGuard>
#include <QTimer>

#include <memory>

using namespace Qt::StringLiterals;

namespace hb::session {

namespace {

bool sameBase(const QUrl &a, const QString &b)
{
    auto trimmed = [](QString s) {
        while (s.endsWith(u'/'))
            s.chop(1);
        return s;
    };
    return trimmed(a.toString()) == trimmed(b);
}

// The scopes a service asks for: from its prefetch templates (the registration may narrow them).
QStringList requestedScopes(const core::ServiceDefinition &service)
{
    return servers::EmbeddedServers::scopesForPrefetch(service.prefetch);
}

// A remote FHIR server's tokens cannot be minted here: the service gets an opaque mock token
// (a developer still sees the request shape, and the service's handling of a 401 from its server).
core::FhirAuthorization remoteMockAuthorization(const core::ServiceDefinition &service,
                                                const QString &patientId, AccessTokenMode mode)
{
    QStringList scopes = requestedScopes(service);
    if (scopes.isEmpty())
        scopes = {u"patient/*.read"_s};
    core::FhirAuthorization authorization;
    authorization.accessToken = u"mock-"_s + core::HookRequest::newHookInstance();
    authorization.expiresIn = mode == AccessTokenMode::Expired ? 0 : 300;
    authorization.scope = scopes.join(u' ');
    authorization.subject = service.id;
    if (authorization.scope.contains(u"patient/"_s))
        authorization.patient = patientId;
    return authorization;
}

core::FhirAuthorization authorizationFrom(const servers::TokenGrant &grant, AccessTokenMode mode)
{
    core::FhirAuthorization authorization = grant.authorization();
    // An expired token still claims a lifetime, as a buggy or slow EHR's would.
    if (mode == AccessTokenMode::Expired)
        authorization.expiresIn = 300;
    return authorization;
}

} // namespace

HookInvoker::HookInvoker(net::CdsClient *client, net::Transport *transport, net::ExchangeLog *log,
                         servers::EmbeddedServers *servers)
    : m_client(client)
    , m_transport(transport)
    , m_log(log)
    , m_servers(servers)
{ }

QString HookInvoker::ehrClientId()
{
    return u"hookbench-ehr"_s;
}

std::optional<servers::TokenGrant> HookInvoker::grantFor(const core::ServiceDefinition &service,
                                                         const QString &patientId,
                                                         AccessTokenMode mode)
{
    if (mode == AccessTokenMode::None || !m_servers)
        return std::nullopt;
    const int lifetime = mode == AccessTokenMode::Expired ? -60 : 300;
    auto grant
        = m_servers->issueServiceToken(service.id, requestedScopes(service), patientId, lifetime);
    // A service that declares no prefetch and is not registered still gets the patient's data.
    if (grant.status == servers::TokenGrant::Status::Denied && requestedScopes(service).isEmpty())
        grant
            = m_servers->issueServiceToken(service.id, {u"patient/*.read"_s}, patientId, lifetime);
    return grant;
}

bool HookInvoker::isEmbedded(const QUrl &fhirServer) const
{
    return m_servers && m_servers->isRunning() && sameBase(fhirServer, m_servers->baseUrls().fhir);
}

void HookInvoker::runPrefetch(const QList<core::PrefetchPlanEntry> &plan,
                              const InvocationOptions &options, const QString &patientId,
                              std::function<void(QList<PrefetchReport>)> done)
{
    auto reports = std::make_shared<QList<PrefetchReport>>();
    auto pending = std::make_shared<int>(0);
    QByteArray authorization;
    if (isEmbedded(options.fhirServer)) {
        // The EHR reads with its own authority (the user's), not the service's token (C9).
        const auto grant
            = m_servers->issueServiceToken(ehrClientId(), {u"user/*.read"_s}, patientId);
        if (grant.status == servers::TokenGrant::Status::Granted)
            authorization = "Bearer " + grant.accessToken.toUtf8();
    }
    for (const auto &entry : plan) {
        reports->append({entry, core::omittedOutcome(entry), 0});
        if (!entry.isResolved())
            continue;
        if (options.fhirServer.isEmpty()) {
            reports->last().outcome.reason
                = u"no FHIR server to run '%1' against"_s.arg(entry.resolved()->query);
            continue;
        }
        ++*pending;
    }
    if (*pending == 0) {
        done(*reports);
        return;
    }
    QString base = options.fhirServer.toString();
    if (!base.endsWith(u'/'))
        base += u'/';
    for (qsizetype i = 0; i < reports->size(); ++i) {
        const auto &entry = reports->at(i).plan;
        if (!entry.isResolved() || options.fhirServer.isEmpty())
            continue;
        net::TransportRequest request;
        request.url = QUrl(base + entry.resolved()->query);
        request.headers.append(net::HeaderLine {"Accept", "application/fhir+json"});
        if (!authorization.isEmpty())
            request.headers.append(net::HeaderLine {"Authorization", authorization});
        request.totalTimeoutMs = options.prefetchTimeoutMs;
        net::Exchange exchange = net::exchangeFor(request, u"prefetch"_s);
        exchange.origin = u"hookbench"_s;
        exchange.note = u"prefetch key '%1'"_s.arg(entry.key);
        m_transport->send(request,
                          [this, reports, pending, i, exchange,
                           done](const net::TransportResponse &response) mutable {
                              exchange.setResponse(response);
                              const quint64 id = m_log ? m_log->append(exchange) : 0;
                              auto &report = (*reports)[i];
                              report.exchangeId = id;
                              report.status = response.status;
                              const QJsonObject body
                                  = QJsonDocument::fromJson(response.body).object();
                              report.outcome
                                  = core::prefetchOutcome(report.plan, response.status, body);
                              if (!response.ok())
                                  report.outcome.reason = response.errorMessage;
                              if (--*pending == 0)
                                  done(*reports);
                          });
    }
}

void HookInvoker::invoke(const QUrl &discovery, const core::ServiceDefinition &service,
                         const EhrState &state, const InvocationOptions &options,
                         std::function<void(const InvocationResult &)> done)
{
    auto result = std::make_shared<InvocationResult>();
    result->service = service;
    const QJsonObject context
        = core::buildContext(service.hook, state.contextInput(), &result->contextProblems);
    const auto plan
        = core::planPrefetch(service.prefetch, service.hook, context,
                             core::PrefetchUser::fromUserId(state.userId), options.prefetch);
    runPrefetch(plan, options, state.patientId, [=, this](QList<PrefetchReport> reports) {
        result->prefetch = reports;
        QList<core::PrefetchOutcome> outcomes;
        for (const auto &report : reports)
            outcomes.append(report.outcome);

        core::HookRequest &request = result->request;
        request.hook = service.hook;
        request.hookInstance = core::HookRequest::newHookInstance();
        request.context = context;
        request.prefetch = core::assemblePrefetch(outcomes);
        if (!options.fhirServer.isEmpty()) {
            request.fhirServer = options.fhirServer;
            if (isEmbedded(options.fhirServer)) {
                result->grant = grantFor(service, state.patientId, options.accessToken);
            } else if (options.accessToken != AccessTokenMode::None) {
                request.fhirAuthorization
                    = remoteMockAuthorization(service, state.patientId, options.accessToken);
            }
        }
        const auto grant = result->grant;
        if (!grant || grant->status != servers::TokenGrant::Status::PendingConsent)
            return send(discovery, result, options, done);
        // Ask the user (the grant policy says so); the call waits for the answer.
        const servers::ConsentRequest consent {grant->consentId, service.id,
                                               grant->scope.split(u' ', Qt::SkipEmptyParts),
                                               state.patientId};
        auto answer = [=, this](bool approve) {
            result->grant = m_servers->resolveConsent(consent.id, approve);
            send(discovery, result, options, done);
        };
        if (options.askConsent)
            options.askConsent(consent, answer);
        else
            answer(false);
    });
}

void HookInvoker::send(const QUrl &discovery, std::shared_ptr<InvocationResult> result,
                       const InvocationOptions &options,
                       std::function<void(const InvocationResult &)> done)
{
    core::HookRequest &request = result->request;
    if (result->grant && result->grant->status == servers::TokenGrant::Status::Granted)
        request.fhirAuthorization = authorizationFrom(*result->grant, options.accessToken);
    const core::ServiceDefinition &service = result->service;
    result->requestFindings = result->contextProblems;
    result->requestFindings.append(
        core::validateRequest(request.toJson(), core::SpecVersion::V2_0, &service));
    const qsizetype auditBefore = m_servers ? m_servers->audit().size() : 0;
    // The JWT is signed synchronously inside callHook, so a per-call fault set around it
    // applies to this call only.
    const net::CdsClientOptions clientOptions = m_client->options();
    if (options.jwtFault) {
        net::CdsClientOptions withFault = clientOptions;
        withFault.jwtFault = *options.jwtFault;
        m_client->setOptions(withFault);
    }
    const auto restore = qScopeGuard([&] {
        if (options.jwtFault)
            m_client->setOptions(clientOptions);
    });
    m_client->callHook(discovery, service.id, request, [=, this](const net::HookCallResult &call) {
        result->call = call;
        if (isEmbedded(options.fhirServer)) {
            const auto audit = m_servers->audit();
            for (qsizetype i = auditBefore; i < audit.size(); ++i) {
                if (audit.at(i).subject == service.id)
                    result->serviceReads.append(audit.at(i));
            }
            // The client SHOULD revoke the token when the exchange completes (spec §3.3).
            if (result->request.fhirAuthorization)
                m_servers->revokeToken(result->request.fhirAuthorization->accessToken);
        }
        done(*result);
    });
}

InvocationResult HookInvoker::invokeAndWait(const QUrl &discovery,
                                            const core::ServiceDefinition &service,
                                            const EhrState &state, const InvocationOptions &options)
{
    InvocationResult out;
    QEventLoop loop;
    bool finished = false;
    invoke(discovery, service, state, options, [&](const InvocationResult &result) {
        out = result;
        finished = true;
        loop.quit();
    });
    if (!finished)
        loop.exec();
    return out;
}

} // namespace hb::session
