#include "session/hookinvocation.h"
#include "session/invocationtrace.h"

#include "session/logging.h"

#include "core/validator.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QScopeGuard>
#include <QTimer>

#include <algorithm>
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

// The OAuth client a service's token is issued to (InvocationOptions::subject).
QString clientIdOf(const core::ServiceDefinition &service, const InvocationOptions &options)
{
    return options.subject.isEmpty() ? service.id : options.subject;
}

// The scopes a service asks for: from its prefetch templates (the registration may narrow them).
QStringList requestedScopes(const core::ServiceDefinition &service)
{
    return servers::EmbeddedServers::scopesForPrefetch(service.prefetch);
}

// A remote FHIR server's tokens cannot be minted here: the service gets an opaque mock token
// (a developer still sees the request shape, and the service's handling of a 401 from its server).
core::FhirAuthorization remoteMockAuthorization(const core::ServiceDefinition &service,
                                                const QString &clientId, const QString &patientId,
                                                AccessTokenMode mode)
{
    QStringList scopes = requestedScopes(service);
    if (scopes.isEmpty())
        scopes = {u"patient/*.read"_s};
    core::FhirAuthorization authorization;
    authorization.accessToken = u"mock-"_s + core::HookRequest::newHookInstance();
    authorization.expiresIn = mode == AccessTokenMode::Expired ? 0 : 300;
    authorization.scope = scopes.join(u' ');
    authorization.subject = clientId;
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

// A custom context (--context-file) may replace any field the EHR state filled; each replaced
// value is reported so a user sees what was not sent.
QJsonObject applyCustomContext(QJsonObject context, const QJsonObject &custom,
                               QList<ContextOverride> *overrides)
{
    for (auto it = custom.begin(); it != custom.end(); ++it) {
        const auto existing = context.constFind(it.key());
        if (existing != context.constEnd() && existing.value() != it.value())
            overrides->append({it.key(), existing.value(), it.value()});
        context.insert(it.key(), it.value());
    }
    return context;
}

// Draft orders written for another patient than the one in context: legal JSON, but a service
// would judge them against the wrong chart.
QList<core::Finding> orderSubjectWarnings(const QJsonObject &draftOrders, const QString &patientId)
{
    QList<core::Finding> out;
    if (patientId.isEmpty())
        return out;
    const QJsonArray entries = draftOrders.value(u"entry"_s).toArray();
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const QJsonObject resource = entries.at(i).toObject().value(u"resource"_s).toObject();
        QString subject = resource.value(u"subject"_s).toObject().value(u"reference"_s).toString();
        if (subject.isEmpty())
            subject = resource.value(u"patient"_s).toObject().value(u"reference"_s).toString();
        if (!subject.isEmpty() && subject != u"Patient/"_s + patientId)
            out.append(
                {u"C6"_s, core::Severity::Warning,
                 u"/context/draftOrders/entry/%1/resource/subject"_s.arg(i),
                 u"draft order %1 is for %2, not for the patient in context (Patient/%3)"_s.arg(
                     ehr::DraftOrders::referenceOf(resource), subject, patientId)});
    }
    return out;
}

void appendOnce(QList<core::Finding> *into, const QList<core::Finding> &more)
{
    for (const auto &finding : more) {
        const bool seen = std::any_of(into->begin(), into->end(), [&](const core::Finding &f) {
            return f.ruleId == finding.ruleId && f.pointer == finding.pointer
                && f.message == finding.message;
        });
        if (!seen)
            into->append(finding);
    }
}

} // namespace

QString refusalOf(const QList<core::Finding> &requestFindings)
{
    QStringList errors;
    for (const auto &finding : requestFindings) {
        if (finding.severity == core::Severity::Error)
            errors.append(core::formatFinding(finding));
    }
    if (errors.isEmpty())
        return {};
    return u"not sent: the request breaks %1. Hookbench does not send a request its own "
           u"validator rejects (hookbench-cli: --allow-invalid-request sends it anyway)."_s.arg(
               errors.join(u"; "_s));
}

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
                                                         const QString &clientId,
                                                         const QString &patientId,
                                                         AccessTokenMode mode)
{
    if (mode == AccessTokenMode::None || !m_servers)
        return std::nullopt;
    const int lifetime = mode == AccessTokenMode::Expired ? -60 : 300;
    auto grant
        = m_servers->issueServiceToken(clientId, requestedScopes(service), patientId, lifetime);
    // A service that declares no prefetch and is not registered still gets the patient's data.
    if (grant.status == servers::TokenGrant::Status::Denied && requestedScopes(service).isEmpty())
        grant = m_servers->issueServiceToken(clientId, {u"patient/*.read"_s}, patientId, lifetime);
    return grant;
}

bool HookInvoker::isEmbedded(const QUrl &fhirServer) const
{
    return m_servers && m_servers->isRunning() && sameBase(fhirServer, m_servers->baseUrls().fhir);
}

bool HookInvoker::isRemoteSource(const QUrl &fhirServer) const
{
    return m_remote.connection
        && sameBase(fhirServer, m_remote.connection->source().base.toString());
}

bool HookInvoker::hasEmbeddedAuthority(const QUrl &fhirServer) const
{
    return isEmbedded(fhirServer)
        || (m_servers && isRemoteSource(fhirServer) && !m_remote.proxy.isEmpty());
}

std::shared_ptr<fhir::FhirClient> HookInvoker::prefetchClient(const QUrl &fhirServer,
                                                              const QString &patientId)
{
    if (isRemoteSource(fhirServer)) // the source's own credentials (bearer, Backend Services)
        return std::shared_ptr<fhir::FhirClient>(&m_remote.connection->client(),
                                                 [](fhir::FhirClient *) {});
    auto client = std::make_shared<fhir::FhirClient>(m_transport, m_log, fhirServer);
    if (isEmbedded(fhirServer)) {
        // The EHR reads with its own authority (the user's), not the service's token (C9).
        const auto grant
            = m_servers->issueServiceToken(ehrClientId(), {u"user/*.read"_s}, patientId);
        if (grant.status == servers::TokenGrant::Status::Granted) {
            const QByteArray header = "Bearer " + grant.accessToken.toUtf8();
            client->setAuthorization([header](auto done) { done(header, {}); });
        }
    }
    return client;
}

void HookInvoker::runPrefetch(const QList<core::PrefetchPlanEntry> &plan,
                              const InvocationOptions &options, const QString &patientId,
                              std::function<void(QList<PrefetchReport>)> done)
{
    auto reports = std::make_shared<QList<PrefetchReport>>();
    auto pending = std::make_shared<int>(0);
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
    // Every query goes through the FHIR client: logged as kind `fhir`, same origin only.
    const auto client = prefetchClient(options.fhirServer, patientId);
    client->setTimeoutMs(options.prefetchTimeoutMs);
    for (qsizetype i = 0; i < reports->size(); ++i) {
        const auto &entry = reports->at(i).plan;
        if (!entry.isResolved() || options.fhirServer.isEmpty())
            continue;
        client->get(entry.resolved()->query, u"prefetch key '%1'"_s.arg(entry.key),
                    [client, reports, pending, i, done](const fhir::FhirResponse &response) {
                        auto &report = (*reports)[i];
                        report.exchangeId = response.exchangeId;
                        report.status = response.status;
                        report.outcome = core::prefetchOutcome(report.plan, response.status,
                                                               response.resource);
                        // The client's sentence where it says more than "HTTP n": no answer,
                        // an oversized body, no credentials, or a refused token.
                        using F = fhir::FhirFailure;
                        const bool truncated = response.failure == F::Outcome
                            && response.status >= 200 && response.status < 300;
                        if (response.status == 0 || truncated || response.failure == F::Usage
                            || response.failure == F::Authorization
                            || response.failure == F::Unauthorized
                            || response.failure == F::Forbidden)
                            report.outcome.reason = response.error;
                        if (--*pending == 0)
                            done(*reports);
                    });
    }
}

struct HookInvoker::EarlyJwt
{
    std::optional<security::ClientJwtSigner::Signed> token;
    QElapsedTimer signedAt;
    bool prefetchDone = false;
};

void HookInvoker::invoke(const QUrl &discovery, const core::ServiceDefinition &service,
                         const EhrState &state, const InvocationOptions &options,
                         std::function<void(const InvocationResult &)> done)
{
    auto result = std::make_shared<InvocationResult>();
    result->service = service;
    // The custom hook screen sends its context exactly as written; otherwise the builder's,
    // with the custom context's members replacing built-in ones.
    const QJsonObject context = options.context
        ? *options.context
        : applyCustomContext(core::buildContext(service.hook, state.contextInput()),
                             state.customContext, &result->contextOverrides);
    result->contextProblems = core::validateContext(service.hook, context);
    const auto plan
        = core::planPrefetch(service.prefetch, service.hook, context,
                             core::PrefetchUser::fromUserId(state.userId), options.prefetch);
    auto early = std::make_shared<EarlyJwt>();
    runPrefetch(plan, options, state.patientId, [=, this](QList<PrefetchReport> reports) {
        early->prefetchDone = true;
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
            if (isRemoteSource(options.fhirServer) && !m_remote.proxy.isEmpty())
                request.fhirServer = m_remote.proxy; // the audit proxy stands in for the source
            if (hasEmbeddedAuthority(options.fhirServer)) {
                result->grant = grantFor(service, clientIdOf(service, options), state.patientId,
                                         options.accessToken);
            } else if (isRemoteSource(options.fhirServer)
                       && m_remote.connection->source().auth != fhir::FhirAuth::None
                       && options.accessToken != AccessTokenMode::None) {
                // The user chose to pass the source's real token through to the service.
                return m_remote.connection->accessToken(
                    [=, this](const fhir::AccessToken &token, const QString &error) {
                        if (error.isEmpty()) {
                            core::FhirAuthorization real;
                            real.accessToken = token.token;
                            real.expiresIn = token.expiresAt.isValid()
                                ? int(qMax<qint64>(
                                    0, QDateTime::currentDateTimeUtc().secsTo(token.expiresAt)))
                                : 300;
                            real.scope = token.scope.isEmpty() ? u"patient/*.read"_s : token.scope;
                            real.subject = clientIdOf(service, options);
                            if (real.scope.contains(u"patient/"_s))
                                real.patient = state.patientId;
                            result->request.fhirAuthorization = real;
                        }
                        send(discovery, result, options, done, early);
                    });
            } else if (options.accessToken != AccessTokenMode::None) {
                request.fhirAuthorization = remoteMockAuthorization(
                    service, clientIdOf(service, options), state.patientId, options.accessToken);
            }
        }
        const auto grant = result->grant;
        if (!grant || grant->status != servers::TokenGrant::Status::PendingConsent)
            return send(discovery, result, options, done, early);
        // Ask the user (the grant policy says so); the call waits for the answer.
        const servers::ConsentRequest consent {grant->consentId, clientIdOf(service, options),
                                               grant->scope.split(u' ', Qt::SkipEmptyParts),
                                               state.patientId};
        auto answer = [=, this](bool approve) {
            result->grant = m_servers->resolveConsent(consent.id, approve);
            send(discovery, result, options, done, early);
        };
        if (options.askConsent)
            options.askConsent(consent, answer);
        else
            answer(false);
    });
    // The prefetch GETs are now in flight on the transport's and the servers' threads: sign the
    // call's JWT meanwhile instead of after them (bench/run: the ES384 signature is most of the
    // client's own instructions per call). A per-call fault is signed when the call goes out.
    if (!early->prefetchDone && !options.jwtFault) {
        early->token = m_client->presign(discovery, service.id);
        early->signedAt.start();
    }
}

void HookInvoker::send(const QUrl &discovery, std::shared_ptr<InvocationResult> result,
                       const InvocationOptions &options,
                       std::function<void(const InvocationResult &)> done,
                       std::shared_ptr<EarlyJwt> early)
{
    // A token signed early is used only while fresh: a consent prompt may have held the call.
    std::optional<security::ClientJwtSigner::Signed> presigned;
    if (early && early->token && early->signedAt.isValid() && early->signedAt.elapsed() < 10000)
        presigned = std::move(early->token);
    if (early)
        early->token.reset();
    core::HookRequest &request = result->request;
    if (result->grant && result->grant->status == servers::TokenGrant::Status::Granted)
        request.fhirAuthorization = authorizationFrom(*result->grant, options.accessToken);
    const core::ServiceDefinition &service = result->service;
    result->requestFindings = result->contextProblems;
    appendOnce(&result->requestFindings,
               core::validateRequest(request.toJson(), core::SpecVersion::V2_0, &service));
    appendOnce(&result->requestFindings,
               orderSubjectWarnings(request.context.value(u"draftOrders"_s).toObject(),
                                    result->request.context.value(u"patientId"_s).toString()));
    if (!options.allowInvalidRequest && core::hasErrors(result->requestFindings)) {
        // The gate: the GUI shows call.error as the service's error card, the CLI exits 1.
        result->notSent = true;
        result->call.url = net::serviceUrl(discovery, service.id);
        result->call.requestBody = request.toJson();
        result->call.error = refusalOf(result->requestFindings);
        if (m_servers && request.fhirAuthorization)
            m_servers->revokeToken(request.fhirAuthorization->accessToken);
        done(*result);
        return;
    }
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
    m_client->callHook(
        discovery, service.id, request,
        [=, this](const net::HookCallResult &call) {
            result->call = call;
            if (hasEmbeddedAuthority(options.fhirServer)) {
                const auto audit = m_servers->audit();
                for (qsizetype i = auditBefore; i < audit.size(); ++i) {
                    if (audit.at(i).subject == clientIdOf(service, options))
                        result->serviceReads.append(audit.at(i));
                }
                // The client SHOULD revoke the token when the exchange completes (C4).
                if (result->request.fhirAuthorization)
                    m_servers->revokeToken(result->request.fhirAuthorization->accessToken);
            }
            attachTrace(m_log, *result); // the inspector shows them with the call
            done(*result);
        },
        options.cancellation, std::move(presigned));
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
