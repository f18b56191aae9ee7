#include "fhir/fhirsource.h"

#include "fhir/logging.h"
#include "net/exchangelog.h"
#include "net/transport.h"
#include "security/clientjwt.h"
#include "security/keystore.h"
#include "storage/workspace.h"

#include <QFile>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QUrlQuery>

#include <utility>

using namespace Qt::StringLiterals;

namespace hb::fhir {

namespace {

bool isLoopback(const QUrl &url)
{
    const QString host = url.host();
    if (host == u"localhost")
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

QString withoutTrailingSlash(QString s)
{
    while (s.endsWith(u'/'))
        s.chop(1);
    return s;
}

} // namespace

QString fhirAuthName(FhirAuth auth)
{
    switch (auth) {
    case FhirAuth::None:
        return u"none"_s;
    case FhirAuth::Bearer:
        return u"bearer"_s;
    case FhirAuth::BackendServices:
        return u"backend-services"_s;
    }
    return u"none"_s;
}

std::optional<FhirAuth> fhirAuthFromName(const QString &name)
{
    for (FhirAuth auth : {FhirAuth::None, FhirAuth::Bearer, FhirAuth::BackendServices}) {
        if (fhirAuthName(auth) == name)
            return auth;
    }
    return std::nullopt;
}

QString FhirSource::problem() const
{
    if (isEmbedded())
        return {};
    if (!base.isValid() || (base.scheme() != u"http" && base.scheme() != u"https")
        || base.host().isEmpty())
        return u"the FHIR base must be an http(s) URL, got '%1'"_s.arg(base.toString());
    if (auth == FhirAuth::Bearer && token.isEmpty())
        return u"bearer authentication needs a token"_s;
    if (auth == FhirAuth::BackendServices && clientId.isEmpty())
        return u"SMART Backend Services needs the client id registered with the server"_s;
    if (!trustedCertificateSha256.isEmpty()
        && !QRegularExpression(u"^[0-9a-fA-F]{64}$"_s).match(trustedCertificateSha256).hasMatch())
        return u"the trusted certificate must be a SHA-256 fingerprint (64 hex digits)"_s;
    return {};
}

QJsonObject FhirSource::toJson() const
{
    if (isEmbedded())
        return {{u"kind"_s, u"embedded"_s}};
    QJsonObject json {
        {u"kind"_s, u"remote"_s}, {u"url"_s, base.toString()}, {u"auth"_s, fhirAuthName(auth)}};
    if (auth == FhirAuth::BackendServices) {
        json.insert(u"clientId"_s, clientId);
        json.insert(u"scope"_s, scope);
    }
    if (!trustedCertificateSha256.isEmpty())
        json.insert(u"trustedCertificateSha256"_s, trustedCertificateSha256);
    if (!caFile.isEmpty())
        json.insert(u"caFile"_s, caFile);
    if (passRealToken)
        json.insert(u"passRealToken"_s, true);
    return json;
}

FhirSource FhirSource::fromJson(const QJsonObject &json)
{
    FhirSource source;
    if (json.value(u"kind"_s).toString() != u"remote")
        return source;
    source.base = QUrl(json.value(u"url"_s).toString());
    source.auth = fhirAuthFromName(json.value(u"auth"_s).toString()).value_or(FhirAuth::None);
    source.clientId = json.value(u"clientId"_s).toString();
    source.scope = json.value(u"scope"_s).toString(source.scope);
    source.trustedCertificateSha256 = json.value(u"trustedCertificateSha256"_s).toString();
    source.caFile = json.value(u"caFile"_s).toString();
    source.passRealToken = json.value(u"passRealToken"_s).toBool();
    return source;
}

FhirSource FhirSource::fromWorkspace(const storage::FhirSource &stored)
{
    QJsonObject json = stored.json;
    json.insert(u"kind"_s, stored.kind);
    return fromJson(json);
}

storage::FhirSource FhirSource::toWorkspace() const
{
    storage::FhirSource stored;
    stored.json = toJson();
    stored.kind = stored.json.value(u"kind"_s).toString();
    return stored;
}

QString applyTlsTrust(const FhirSource &source, net::Transport *transport)
{
    if (!source.trustedCertificateSha256.isEmpty()) {
        const int port = source.base.port(source.base.scheme() == u"https" ? 443 : 80);
        transport->trustHost(source.base.host(), port, source.trustedCertificateSha256.toLower());
    }
    if (source.caFile.isEmpty())
        return {};
    QFile file(source.caFile);
    if (!file.open(QIODevice::ReadOnly))
        return u"cannot read the CA file %1: %2"_s.arg(source.caFile, file.errorString());
    const auto certificates = QSslCertificate::fromData(file.read(1024 * 1024), QSsl::Pem);
    if (certificates.isEmpty())
        return u"the CA file %1 holds no PEM certificate"_s.arg(source.caFile);
    // Qt Network and the exact backend both start from the default configuration.
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.addCaCertificates(certificates);
    QSslConfiguration::setDefaultConfiguration(config);
    return {};
}

FhirConnection::FhirConnection(FhirSource source, net::Transport *transport, net::ExchangeLog *log,
                               const security::KeyStore *keys)
    : m_source(std::move(source))
    , m_transport(transport)
    , m_log(log)
    , m_keys(keys)
    , m_client(std::make_unique<FhirClient>(transport, log, m_source.base))
    , m_alive(std::make_shared<bool>(true))
{
    if (m_source.auth == FhirAuth::None)
        return;
    std::weak_ptr<bool> alive = m_alive;
    m_client->setAuthorization([this, alive](auto done) {
        accessToken([alive, done](const AccessToken &token, const QString &error) {
            if (alive.expired())
                return done({}, u"the FHIR source was closed"_s);
            done(error.isEmpty() ? "Bearer " + token.token.toUtf8() : QByteArray(), error);
        });
    });
}

FhirConnection::~FhirConnection()
{
    *m_alive = false;
}

void FhirConnection::accessToken(
    std::function<void(const AccessToken &token, const QString &error)> done)
{
    switch (m_source.auth) {
    case FhirAuth::None:
        return done({}, u"the FHIR source has no credentials"_s);
    case FhirAuth::Bearer:
        return done({m_source.token, {}, {}}, {});
    case FhirAuth::BackendServices:
        break;
    }
    // Renew 30 s before expiry, so a token never dies in flight.
    if (!m_token.token.isEmpty()
        && (!m_token.expiresAt.isValid()
            || m_token.expiresAt > QDateTime::currentDateTimeUtc().addSecs(30)))
        return done(m_token, {});
    m_waiting.append(std::move(done));
    if (!m_fetching)
        fetchToken();
}

void FhirConnection::finish(const AccessToken &token, const QString &error)
{
    m_fetching = false;
    if (error.isEmpty())
        m_token = token;
    const auto waiting = std::exchange(m_waiting, {});
    for (const auto &done : waiting)
        done(token, error);
}

void FhirConnection::fetchToken()
{
    m_fetching = true;
    if (!m_keys || m_keys->activeKid().isEmpty())
        return finish({}, u"no client key to sign the Backend Services assertion"_s);
    // 1. The token endpoint, from the server's SMART configuration.
    net::TransportRequest discovery;
    discovery.url = QUrl(withoutTrailingSlash(m_source.base.toString())
                         + u"/.well-known/smart-configuration"_s);
    discovery.headers.append(net::HeaderLine {"Accept", "application/json"});
    discovery.totalTimeoutMs = 15000;
    discovery.maxResponseBytes = 256 * 1024;
    net::Exchange exchange = net::exchangeFor(discovery, u"fhir"_s);
    exchange.origin = u"hookbench"_s;
    exchange.note = u"SMART configuration (Backend Services)"_s;
    std::weak_ptr<bool> alive = m_alive;
    m_transport->send(
        discovery, [this, alive, exchange](const net::TransportResponse &reply) mutable {
            if (alive.expired())
                return;
            exchange.setResponse(reply);
            if (m_log)
                m_log->append(exchange);
            const QString where = exchange.url.toString();
            if (!reply.ok())
                return finish({}, u"%1: %2"_s.arg(where, reply.errorMessage));
            const QJsonObject config = QJsonDocument::fromJson(reply.body).object();
            if (reply.status != 200 || config.isEmpty())
                return finish({},
                              u"%1 answered HTTP %2 without a SMART configuration: the server "
                              u"does not advertise SMART Backend Services"_s.arg(where)
                                  .arg(reply.status));
            const QUrl tokenUrl(config.value(u"token_endpoint"_s).toString());
            if (!tokenUrl.isValid() || tokenUrl.host().isEmpty()
                || (tokenUrl.scheme() != u"https"
                    && !(tokenUrl.scheme() == u"http" && isLoopback(tokenUrl))))
                return finish({},
                              u"%1 names no usable token_endpoint (https, or http on "
                              u"loopback): '%2'"_s.arg(where, tokenUrl.toString()));
            const QJsonArray grants = config.value(u"grant_types_supported"_s).toArray();
            if (!grants.isEmpty() && !grants.contains(u"client_credentials"_s))
                return finish({},
                              u"%1: grant_types_supported does not list client_credentials, "
                              u"so the server offers no Backend Services"_s.arg(where));
            // 2. A private_key_jwt assertion signed by Hookbench's key (iss = sub = client id,
            //    aud = the token endpoint, 5 minutes at most).
            security::ClientJwtOptions options;
            options.issuer = m_source.clientId;
            options.subject = m_source.clientId;
            options.lifetimeSeconds = 300;
            security::ClientJwtSigner signer(*m_keys, options);
            const auto assertion = signer.sign(tokenUrl.toString());
            if (!assertion.ok())
                return finish({}, u"cannot sign the client assertion: "_s + assertion.error);
            QUrlQuery form;
            form.addQueryItem(u"grant_type"_s, u"client_credentials"_s);
            form.addQueryItem(u"scope"_s,
                              QString::fromLatin1(QUrl::toPercentEncoding(m_source.scope)));
            form.addQueryItem(u"client_assertion_type"_s,
                              QString::fromLatin1(QUrl::toPercentEncoding(
                                  u"urn:ietf:params:oauth:client-assertion-type:jwt-bearer"_s)));
            form.addQueryItem(u"client_assertion"_s, QString::fromLatin1(assertion.token));
            net::TransportRequest request;
            request.method = "POST";
            request.url = tokenUrl;
            request.headers.append(
                net::HeaderLine {"Content-Type", "application/x-www-form-urlencoded"});
            request.headers.append(net::HeaderLine {"Accept", "application/json"});
            request.body = form.toString(QUrl::FullyEncoded).toLatin1();
            request.totalTimeoutMs = 15000;
            request.maxResponseBytes = 256 * 1024;
            net::Exchange tokenExchange = net::exchangeFor(request, u"token"_s);
            tokenExchange.origin = u"hookbench"_s;
            tokenExchange.note = u"SMART Backend Services token for %1"_s.arg(m_source.clientId);
            const QDateTime asked = QDateTime::currentDateTimeUtc();
            m_transport->send(
                request,
                [this, alive, tokenExchange, asked](const net::TransportResponse &answer) mutable {
                    if (alive.expired())
                        return;
                    tokenExchange.setResponse(answer);
                    if (m_log)
                        m_log->append(tokenExchange);
                    const QString endpoint = tokenExchange.url.toString();
                    if (!answer.ok())
                        return finish({}, u"%1: %2"_s.arg(endpoint, answer.errorMessage));
                    const QJsonObject body = QJsonDocument::fromJson(answer.body).object();
                    if (answer.status != 200
                        || body.value(u"access_token"_s).toString().isEmpty()) {
                        const QString why = body.value(u"error_description"_s).toString();
                        return finish(
                            {},
                            u"the token endpoint %1 refused the Backend Services request: "
                            u"HTTP %2 %3%4"_s.arg(endpoint)
                                .arg(answer.status)
                                .arg(body.value(u"error"_s).toString(),
                                     why.isEmpty() ? QString() : u" ("_s + why + u')'));
                    }
                    AccessToken token;
                    token.token = body.value(u"access_token"_s).toString();
                    token.scope = body.value(u"scope"_s).toString(m_source.scope);
                    const int expiresIn = body.value(u"expires_in"_s).toInt(0);
                    if (expiresIn > 0)
                        token.expiresAt = asked.addSecs(expiresIn);
                    qCInfo(lcFhir) << "Backend Services token for" << m_source.clientId << "scope"
                                   << token.scope << "expires in" << expiresIn << "s";
                    finish(token, {});
                });
        });
}

} // namespace hb::fhir
