#include "net/transport.h"

#include "net/logging.h"
#include "net/rawhttp.h"

#include <QElapsedTimer>

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslCertificate>
#include <QSslError>
#include <QTimer>
#include <cmath>

using namespace Qt::StringLiterals;

namespace hb::net {

namespace {

/// State of one Qt Network hop, shared by the reply's signal handlers.
struct QtHop
{
    TransportRequest request;
    Transport::Callback done;
    QElapsedTimer clock;
    TransportResponse response;
    TransportError abortReason = TransportError::None;
    QTimer connectTimer;
    QTimer totalTimer;
};

TransportError mapQtError(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
        return TransportError::ConnectionRefused;
    case QNetworkReply::HostNotFoundError:
        return TransportError::HostNotFound;
    case QNetworkReply::SslHandshakeFailedError:
        return TransportError::Tls;
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::ProtocolFailure:
    case QNetworkReply::UnknownNetworkError:
        return TransportError::Protocol;
    default:
        return TransportError::Other;
    }
}

QString describeFailureIn(TransportError error, const TransportRequest &request,
                          const TransportResponse &response, const QString &qtText)
{
    const QString where = u"%1:%2"_s.arg(request.url.host())
                              .arg(request.url.port(request.url.scheme() == u"https" ? 443 : 80));
    switch (error) {
    case TransportError::ConnectTimeout:
        return u"Could not connect to %1 within %2 ms (connect timeout)."_s.arg(where).arg(
            request.connectTimeoutMs);
    case TransportError::Timeout:
        return u"No complete response from %1 within %2 ms (total timeout); the request was aborted."_s
            .arg(where)
            .arg(request.totalTimeoutMs);
    case TransportError::ConnectionRefused:
        return u"Connection refused by %1: is the service running on that port?"_s.arg(where);
    case TransportError::HostNotFound:
        return u"Host name '%1' could not be resolved."_s.arg(request.url.host());
    case TransportError::TooLarge:
        return u"The response body exceeds the %1-byte limit: reading stopped and the body is truncated."_s
            .arg(request.maxResponseBytes);
    case TransportError::Tls: {
        QString text = u"TLS handshake with %1 failed: %2"_s.arg(
            where, response.tlsErrors.isEmpty() ? qtText : response.tlsErrors.join(u"; "));
        if (const auto &c = response.certificate) {
            text += u" Certificate: subject '%1', issuer '%2', valid %3 to %4, SHA-256 %5. "
                    u"Trust this host's certificate to continue (development only)."_s.arg(
                        c->subject, c->issuer, c->notBefore, c->notAfter, c->sha256);
        }
        return text;
    }
    case TransportError::Protocol:
        return u"%1 did not answer with HTTP/1.x (%2)."_s.arg(where, qtText);
    default:
        return qtText;
    }
}

QString hostKey(const QString &host, int port)
{
    return host.toLower() + u':' + QString::number(port);
}

QString distinguishedName(const QSslCertificate &cert, bool issuer)
{
    QStringList parts;
    const auto attributes = issuer ? cert.issuerInfoAttributes() : cert.subjectInfoAttributes();
    for (const QByteArray &attribute : attributes) {
        const QStringList values
            = issuer ? cert.issuerInfo(attribute) : cert.subjectInfo(attribute);
        parts.append(QString::fromLatin1(attribute) + u'=' + values.join(u'+'));
    }
    return parts.join(u", ");
}

} // namespace

QString describeFailure(TransportError error, const TransportRequest &request,
                        const TransportResponse &response, const QString &detail)
{
    return describeFailureIn(error, request, response, detail);
}

CertificateInfo certificateInfo(const QSslCertificate &cert)
{
    CertificateInfo info;
    info.subject = distinguishedName(cert, false);
    info.issuer = distinguishedName(cert, true);
    info.notBefore = cert.effectiveDate().toString(Qt::ISODate);
    info.notAfter = cert.expiryDate().toString(Qt::ISODate);
    info.sha256 = QString::fromLatin1(cert.digest(QCryptographicHash::Sha256).toHex());
    info.selfSigned = cert.isSelfSigned();
    for (const auto &name : cert.subjectAlternativeNames())
        info.subjectAltNames.append(name);
    return info;
}

double elapsedMs(const QElapsedTimer &clock)
{
    return std::round(static_cast<double>(clock.nsecsElapsed()) / 1000.0) / 1000.0;
}

QString toString(TransportError error)
{
    switch (error) {
    case TransportError::None:
        return u"none"_s;
    case TransportError::ConnectTimeout:
        return u"connect-timeout"_s;
    case TransportError::Timeout:
        return u"timeout"_s;
    case TransportError::ConnectionRefused:
        return u"connection-refused"_s;
    case TransportError::HostNotFound:
        return u"host-not-found"_s;
    case TransportError::Tls:
        return u"tls"_s;
    case TransportError::RedirectLoop:
        return u"redirect-loop"_s;
    case TransportError::TooManyRedirects:
        return u"too-many-redirects"_s;
    case TransportError::TooLarge:
        return u"too-large"_s;
    case TransportError::Protocol:
        return u"protocol"_s;
    case TransportError::Other:
        return u"other"_s;
    }
    return {};
}

QByteArray chromiumNetError(TransportError error, const QStringList &tlsErrors)
{
    switch (error) {
    case TransportError::None:
        return {};
    case TransportError::ConnectTimeout:
        return "net::ERR_CONNECTION_TIMED_OUT";
    case TransportError::Timeout:
        return "net::ERR_TIMED_OUT";
    case TransportError::ConnectionRefused:
        return "net::ERR_CONNECTION_REFUSED";
    case TransportError::HostNotFound:
        return "net::ERR_NAME_NOT_RESOLVED";
    case TransportError::Tls:
        for (const auto &text : tlsErrors) {
            if (text.contains(u"self"_s, Qt::CaseInsensitive)
                || text.contains(u"issuer"_s, Qt::CaseInsensitive)
                || text.contains(u"untrusted"_s, Qt::CaseInsensitive))
                return "net::ERR_CERT_AUTHORITY_INVALID";
            if (text.contains(u"host name"_s, Qt::CaseInsensitive))
                return "net::ERR_CERT_COMMON_NAME_INVALID";
            if (text.contains(u"expired"_s, Qt::CaseInsensitive)
                || text.contains(u"not yet valid"_s, Qt::CaseInsensitive))
                return "net::ERR_CERT_DATE_INVALID";
        }
        return "net::ERR_SSL_PROTOCOL_ERROR";
    case TransportError::RedirectLoop:
    case TransportError::TooManyRedirects:
        return "net::ERR_TOO_MANY_REDIRECTS";
    case TransportError::TooLarge:
        return "net::ERR_INSUFFICIENT_RESOURCES";
    case TransportError::Protocol:
        return "net::ERR_INVALID_HTTP_RESPONSE";
    case TransportError::Other:
        return "net::ERR_FAILED";
    }
    return {};
}

Transport::Transport(QObject *parent)
    : QObject(parent)
    , m_nam(new QNetworkAccessManager(this))
{
    // Never follow redirects inside Qt: a 3xx preflight must be seen (CORS7).
    m_nam->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

Transport::~Transport() = default;

QNetworkAccessManager *Transport::networkAccessManager() const
{
    return m_nam;
}

void Transport::trustHost(const QString &host, int port, const QString &sha256)
{
    m_trusted.insert(hostKey(host, port), sha256.toLower());
}

bool Transport::isTrusted(const QString &host, int port, const QString &sha256) const
{
    const auto it = m_trusted.constFind(hostKey(host, port));
    return it != m_trusted.constEnd() && (it->isEmpty() || *it == sha256.toLower());
}

TransportResponse Transport::sendAndWait(const TransportRequest &request)
{
    TransportResponse result;
    QEventLoop loop;
    bool finished = false;
    send(request, [&](const TransportResponse &response) {
        result = response;
        finished = true;
        loop.quit();
    });
    if (!finished)
        loop.exec();
    return result;
}

void Transport::send(const TransportRequest &request, Callback done)
{
    QSet<QString> seen {QString::fromLatin1(request.method) + u' ' + request.url.toString()};
    sendHop(request, [this, request, seen, done](const TransportResponse &response) {
        follow(request, {}, seen, response, done);
    });
}

void Transport::sendHop(const TransportRequest &request, Callback done)
{
    if (request.backend == WireBackend::Exact) {
        auto trust = [this](const QString &host, int port, const QString &sha) {
            return isTrusted(host, port, sha);
        };
        sendExact(request, trust, this, std::move(done));
        return;
    }
    sendViaQt(request, std::move(done));
}

void Transport::follow(TransportRequest request, QList<RedirectHop> hops, QSet<QString> seen,
                       TransportResponse response, Callback done)
{
    static const QList<int> redirectCodes {301, 302, 303, 307, 308};
    const auto location = headerGet(response.headers, "location");
    if (!response.ok() || request.maxRedirects <= 0 || !redirectCodes.contains(response.status)
        || !location) {
        response.redirects = hops;
        done(response);
        return;
    }
    hops.append({request.method, request.url, response.status, response.headers});
    const QUrl next = request.url.resolved(QUrl(QString::fromUtf8(*location)));
    // Browser rules (CORS7): 301/302 turn POST into GET, 303 everything but HEAD.
    if (((response.status == 301 || response.status == 302) && request.method == "POST")
        || (response.status == 303 && request.method != "HEAD")) {
        request.method = "GET";
        request.body.clear();
        request.headers.removeIf([](const HeaderLine &l) {
            return l.name.compare("content-type", Qt::CaseInsensitive) == 0;
        });
    }
    if (serializeOrigin(next) != serializeOrigin(request.url)) {
        request.headers.removeIf([](const HeaderLine &l) {
            return l.name.compare("authorization", Qt::CaseInsensitive) == 0;
        });
    }
    request.url = next;
    const QString key = QString::fromLatin1(request.method) + u' ' + next.toString();
    TransportError error = TransportError::None;
    if (seen.contains(key))
        error = TransportError::RedirectLoop;
    else if (hops.size() > request.maxRedirects)
        error = TransportError::TooManyRedirects;
    if (error != TransportError::None) {
        QStringList chain;
        for (const auto &hop : hops)
            chain.append(hop.url.toString());
        chain.append(next.toString());
        response.error = error;
        response.netError = chromiumNetError(error);
        response.errorMessage = error == TransportError::RedirectLoop
            ? u"Redirect loop: %1 was already visited (%2)."_s.arg(next.toString(),
                                                                   chain.join(u" -> "))
            : u"More than %1 redirects (%2)."_s.arg(request.maxRedirects).arg(chain.join(u" -> "));
        response.redirects = hops;
        done(response);
        return;
    }
    seen.insert(key);
    sendHop(request, [this, request, hops, seen, done](const TransportResponse &nextResponse) {
        follow(request, hops, seen, nextResponse, done);
    });
}

void Transport::sendViaQt(const TransportRequest &request, Callback done)
{
    auto hop = std::make_shared<QtHop>();
    hop->request = request;
    hop->done = std::move(done);
    hop->response.method = request.method;
    hop->response.url = request.url;
    hop->response.timings.started = QDateTime::currentDateTimeUtc();
    hop->clock.start();

    QNetworkRequest req(request.url);
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                     QNetworkRequest::ManualRedirectPolicy);
    req.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    req.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    req.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    req.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    req.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    req.setAttribute(QNetworkRequest::AuthenticationReuseAttribute, QNetworkRequest::Manual);
    QHash<QByteArray, QByteArray> merged;
    for (const auto &line : request.headers) {
        const QByteArray existing = req.rawHeader(line.name);
        req.setRawHeader(line.name, existing.isEmpty() ? line.value : existing + ", " + line.value);
        merged.insert(line.name, line.value);
    }
    QNetworkReply *reply = m_nam->sendCustomRequest(req, request.method, request.body);
    // Bound what Qt buffers ahead of us, so an oversized body never fills memory.
    reply->setReadBufferSize(request.maxResponseBytes + 65536);
    auto abortWith = [hop, reply](TransportError reason) {
        if (hop->abortReason == TransportError::None)
            hop->abortReason = reason;
        reply->abort();
    };

    hop->connectTimer.setSingleShot(true);
    hop->totalTimer.setSingleShot(true);
    QObject::connect(&hop->connectTimer, &QTimer::timeout, reply,
                     [abortWith] { abortWith(TransportError::ConnectTimeout); });
    QObject::connect(&hop->totalTimer, &QTimer::timeout, reply,
                     [abortWith] { abortWith(TransportError::Timeout); });
    hop->connectTimer.start(request.connectTimeoutMs);
    hop->totalTimer.start(request.totalTimeoutMs);

    QObject::connect(reply, &QNetworkReply::socketStartedConnecting, reply,
                     [hop] { hop->response.timings.connectStartMs = elapsedMs(hop->clock); });
    QObject::connect(reply, &QNetworkReply::encrypted, reply, [hop, reply] {
        hop->response.timings.tlsDoneMs = elapsedMs(hop->clock);
        hop->response.certificate = certificateInfo(reply->sslConfiguration().peerCertificate());
    });
    QObject::connect(reply, &QNetworkReply::requestSent, reply, [hop] {
        hop->response.timings.requestSentMs = elapsedMs(hop->clock);
        hop->connectTimer.stop();
    });
    QObject::connect(reply, &QNetworkReply::metaDataChanged, reply, [hop] {
        hop->connectTimer.stop();
        if (hop->response.timings.firstByteMs < 0)
            hop->response.timings.firstByteMs = elapsedMs(hop->clock);
    });
    QObject::connect(reply, &QNetworkReply::readyRead, reply, [hop, reply, abortWith] {
        const qint64 room = hop->request.maxResponseBytes - hop->response.body.size();
        // Read what arrived, not `room`: QIODevice::read(n) allocates n bytes and keeps that
        // capacity, so every body (and its copies in the exchange log) would hold 4 MiB.
        hop->response.body += reply->read(std::clamp<qint64>(reply->bytesAvailable(), 0, room));
        if (reply->bytesAvailable() > 0) {
            hop->response.truncated = true;
            abortWith(TransportError::TooLarge);
        }
    });
    QObject::connect(
        reply, &QNetworkReply::sslErrors, reply,
        [this, hop, reply](const QList<QSslError> &errors) {
            const QSslCertificate cert = reply->sslConfiguration().peerCertificate();
            hop->response.certificate = certificateInfo(cert);
            const QUrl &url = hop->request.url;
            if (isTrusted(url.host(), url.port(443), hop->response.certificate->sha256)) {
                reply->ignoreSslErrors(errors);
                return;
            }
            for (const auto &error : errors)
                hop->response.tlsErrors.append(error.errorString());
        });
    QObject::connect(reply, &QNetworkReply::finished, reply, [hop, reply] {
        hop->connectTimer.stop();
        hop->totalTimer.stop();
        reply->deleteLater();
        TransportResponse &r = hop->response;
        r.timings.totalMs = elapsedMs(hop->clock);
        const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
        r.status = status.isValid() ? status.toInt() : 0;
        r.reason = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray();
        for (const auto &pair : reply->rawHeaderPairs())
            r.headers.append(HeaderLine {pair.first, pair.second});
        if (!r.truncated && reply->isOpen())
            r.body += reply->readAll();
        if (hop->abortReason != TransportError::None) {
            r.error = hop->abortReason;
        } else if (reply->error() != QNetworkReply::NoError && r.status == 0) {
            r.error = r.tlsErrors.isEmpty() ? mapQtError(reply->error()) : TransportError::Tls;
        }
        if (r.error != TransportError::None) {
            r.netError = chromiumNetError(r.error, r.tlsErrors);
            r.errorMessage = describeFailure(r.error, hop->request, r, reply->errorString());
            qCDebug(lcNet) << "transport" << hop->request.method << hop->request.url
                           << r.errorMessage;
        }
        const auto callback = std::move(hop->done);
        callback(r);
    });
}

} // namespace hb::net
