#include "net/cdsclient.h"

#include "core/json.h"
#include "net/logging.h"

#include <QEventLoop>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace hb::net {

namespace {

template<typename Result, typename Start> Result waitFor(Start start)
{
    Result result;
    bool finished = false;
    QEventLoop loop;
    start([&](const Result &r) {
        result = r;
        finished = true;
        loop.quit();
    });
    if (!finished)
        loop.exec();
    return result;
}

/// Parses a JSON body; on failure returns nullopt and adds the JSON findings.
std::optional<QJsonObject> parseBody(const TransportResponse &response,
                                     QList<core::Finding> *findings)
{
    const core::JsonParseResult parsed = core::parseJsonObject(response.body);
    findings->append(core::jsonFindings(parsed));
    if (!parsed.ok())
        return std::nullopt;
    return parsed.object;
}

} // namespace

bool CdsCallResult::couldNotConnect() const
{
    static const QStringList connectErrors {u"connection-refused"_s, u"host-not-found"_s,
                                            u"connect-timeout"_s, u"tls"_s};
    const bool answered = std::any_of(exchanges.begin(), exchanges.end(),
                                      [](const Exchange &e) { return e.status > 0; });
    return !answered && !exchanges.isEmpty()
        && connectErrors.contains(exchanges.constLast().errorKind);
}

QUrl discoveryUrl(const QUrl &baseOrDiscovery)
{
    QUrl url = baseOrDiscovery;
    QString path = url.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    if (!path.endsWith(u"/cds-services"))
        path += u"/cds-services"_s;
    url.setPath(path);
    return url;
}

QUrl serviceUrl(const QUrl &discovery, const QString &serviceId)
{
    QUrl url = discoveryUrl(discovery);
    url.setPath(url.path() + u'/' + serviceId);
    return url;
}

QUrl feedbackUrl(const QUrl &discovery, const QString &serviceId)
{
    QUrl url = serviceUrl(discovery, serviceId);
    url.setPath(url.path() + u"/feedback"_s);
    return url;
}

CdsClient::CdsClient(Transport *transport, ExchangeLog *log, security::ClientJwtSigner *signer,
                     CdsClientOptions options)
    : m_transport(transport)
    , m_log(log)
    , m_signer(signer)
    , m_options(std::move(options))
{ }

void CdsClient::execute(const QByteArray &method, const QUrl &url, const QJsonObject &body,
                        const QString &kind, std::function<void(CdsCallResult)> done,
                        std::shared_ptr<Cancellation> cancellation,
                        std::optional<security::ClientJwtSigner::Signed> presigned)
{
    CdsCallResult result;
    result.url = url;
    result.requestBody = body;
    // Header order of the Sandbox's axios call: Accept, Authorization, Content-Type.
    HeaderLines headers {{"Accept", "application/json"}};
    if (m_signer) {
        // A presigned token counts only for this URL (aud, C10) and when no fault was set since.
        const QString audience = url.toString(QUrl::FullyEncoded);
        const bool usable = presigned && presigned->ok()
            && m_options.jwtFault == security::JwtFault::None
            && presigned->claims.value(u"aud"_s).toString() == audience;
        result.jwt = usable ? *std::move(presigned) : m_signer->sign(audience, m_options.jwtFault);
        if (!result.jwt->ok())
            qCWarning(lcNet) << "client JWT:" << result.jwt->error;
        if (!result.jwt->token.isEmpty())
            headers.append(HeaderLine {"Authorization", "Bearer " + result.jwt->token});
    }
    const QByteArray bytes
        = body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact);
    if (!bytes.isEmpty())
        headers.append(HeaderLine {"Content-Type", "application/json"});
    const QString fault = result.jwt ? result.jwt->faultLabel : QString();

    if (m_options.corsEmulation) {
        CorsProbeRequest probe;
        probe.cors.origin = m_options.origin;
        probe.cors.method = method;
        probe.cors.headers = headers;
        probe.cors.credentials = m_options.credentials;
        probe.cors.url = url;
        probe.body = bytes;
        probe.options.mode = m_options.corsMode;
        probe.kind = kind;
        probe.connectTimeoutMs = m_options.connectTimeoutMs;
        probe.totalTimeoutMs = m_options.totalTimeoutMs;
        probe.maxResponseBytes = m_options.maxResponseBytes;
        probe.cancellation = cancellation;
        auto runner = std::make_shared<CorsProbe>(m_transport, m_log);
        runner->run(probe,
                    [this, runner, result, fault, done](const CorsProbeResult &probed) mutable {
                        if (!probed.actual || probed.actual->error != TransportError::Cancelled)
                            result.cors = probed.evaluation; // a cancelled call has no verdict
                        result.exchanges = probed.exchanges;
                        result.response = probed.actual;
                        for (auto &exchange : result.exchanges) {
                            if (exchange.jwt) {
                                exchange.jwt->fault = fault;
                                if (m_log)
                                    m_log->update(exchange.id,
                                                  [fault](Exchange &e) { e.jwt->fault = fault; });
                            }
                        }
                        if (result.response && !result.response->ok()) {
                            result.error = result.response->errorMessage;
                            // The fix names the limit that was hit (the transport's sentence).
                            const TransportError e = result.response->error;
                            if (result.cors && result.cors->stage == CorsStage::Network
                                && (e == TransportError::Timeout || e == TransportError::TooLarge))
                                result.cors->hint = result.error + u' ' + result.cors->hint;
                        } else if (!result.response)
                            result.error = probed.evaluation.chromiumMessage;
                        done(result);
                    });
        return;
    }

    TransportRequest request;
    request.method = method;
    request.url = url;
    request.headers = headers;
    request.body = bytes;
    request.connectTimeoutMs = m_options.connectTimeoutMs;
    request.totalTimeoutMs = m_options.totalTimeoutMs;
    request.maxResponseBytes = m_options.maxResponseBytes;
    request.maxRedirects = 20;
    request.cancellation = cancellation;
    Exchange exchange = exchangeFor(request, kind);
    if (exchange.jwt)
        exchange.jwt->fault = fault;
    m_transport->send(request,
                      [this, result, exchange, done](const TransportResponse &response) mutable {
                          exchange.setResponse(response);
                          if (m_log)
                              exchange.id = m_log->append(exchange);
                          result.exchanges = {exchange};
                          result.response = response;
                          if (!response.ok())
                              result.error = response.errorMessage;
                          done(result);
                      });
}

void CdsClient::attachFindings(const CdsCallResult &result)
{
    if (!m_log || result.exchanges.isEmpty() || result.findings.isEmpty())
        return;
    const auto findings = result.findings;
    m_log->update(result.exchanges.last().id, [findings](Exchange &e) { e.findings = findings; });
}

void CdsClient::discover(const QUrl &baseOrDiscovery,
                         std::function<void(const DiscoveryResult &)> done)
{
    const core::SpecVersion version = m_options.specVersion;
    execute("GET", discoveryUrl(baseOrDiscovery), {}, u"discovery"_s,
            [this, version, done](CdsCallResult call) {
                DiscoveryResult result;
                static_cast<CdsCallResult &>(result) = std::move(call);
                if (result.response && result.response->ok()) {
                    if (result.response->status != 200) {
                        result.findings.append(
                            {u"HTTP"_s, core::Severity::Error, QString(),
                             u"GET /cds-services answered HTTP %1; expected 200 with a "
                             u"discovery document."_s.arg(result.response->status)});
                    } else if (const auto object = parseBody(*result.response, &result.findings)) {
                        result.findings.append(core::validateDiscovery(*object, version));
                        result.document = core::DiscoveryDocument::fromJson(*object);
                    }
                }
                if (!result.exchanges.isEmpty())
                    result.exchanges.last().findings = result.findings;
                attachFindings(result);
                done(result);
            });
}

std::optional<security::ClientJwtSigner::Signed> CdsClient::presign(const QUrl &discovery,
                                                                    const QString &serviceId)
{
    if (!m_signer || m_options.jwtFault != security::JwtFault::None)
        return std::nullopt;
    return m_signer->sign(serviceUrl(discovery, serviceId).toString(QUrl::FullyEncoded));
}

void CdsClient::callHook(const QUrl &discovery, const QString &serviceId,
                         const core::HookRequest &request,
                         std::function<void(const HookCallResult &)> done,
                         std::shared_ptr<Cancellation> cancellation,
                         std::optional<security::ClientJwtSigner::Signed> presigned)
{
    const core::SpecVersion version = m_options.specVersion;
    const QString hook = request.hook;
    execute(
        "POST", serviceUrl(discovery, serviceId), request.toJson(), u"hook"_s,
        [this, version, hook, done](CdsCallResult call) {
            HookCallResult result;
            static_cast<CdsCallResult &>(result) = std::move(call);
            if (result.response && result.response->ok()) {
                if (result.response->status != 200) {
                    result.findings.append(core::validateHttpStatus(
                        result.response->status, result.response->body, version));
                } else if (const auto object = parseBody(*result.response, &result.findings)) {
                    result.findings.append(core::validateResponse(*object, hook, version));
                    result.cdsResponse = core::CdsResponse::fromJson(*object);
                }
            }
            if (!result.exchanges.isEmpty())
                result.exchanges.last().findings = result.findings;
            attachFindings(result);
            done(result);
        },
        std::move(cancellation), std::move(presigned));
}

void CdsClient::sendFeedback(const QUrl &discovery, const QString &serviceId,
                             const QList<core::Feedback> &feedback,
                             std::function<void(const CdsCallResult &)> done)
{
    execute("POST", feedbackUrl(discovery, serviceId), core::feedbackBody(feedback), u"feedback"_s,
            [this, done](CdsCallResult result) {
                if (result.response && result.response->ok() && result.response->status != 200) {
                    result.findings.append(
                        {u"HTTP"_s, core::Severity::Error, QString(),
                         u"Feedback answered HTTP %1; a service that accepts feedback "
                         u"answers 200."_s.arg(result.response->status)});
                }
                attachFindings(result);
                done(result);
            });
}

DiscoveryResult CdsClient::discoverAndWait(const QUrl &baseOrDiscovery)
{
    return waitFor<DiscoveryResult>([&](auto callback) { discover(baseOrDiscovery, callback); });
}

HookCallResult CdsClient::callHookAndWait(const QUrl &discovery, const QString &serviceId,
                                          const core::HookRequest &request)
{
    return waitFor<HookCallResult>(
        [&](auto callback) { callHook(discovery, serviceId, request, callback); });
}

CdsCallResult CdsClient::sendFeedbackAndWait(const QUrl &discovery, const QString &serviceId,
                                             const QList<core::Feedback> &feedback)
{
    return waitFor<CdsCallResult>(
        [&](auto callback) { sendFeedback(discovery, serviceId, feedback, callback); });
}

} // namespace hb::net
