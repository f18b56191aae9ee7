#include "net/transportworker.h"

#include "net/connectionpool.h"
#include "net/logging.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslCertificate>
#include <QSslError>
#include <QTcpSocket>
#include <QTimer>

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
    quint64 cancelHandle = 0; ///< registration with request.cancellation
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

/// A failure of the connection or the HTTP framing, as opposed to the codes Qt Network derives
/// from an HTTP status (401, 404, 500, ...), which are answers, not failures.
bool isTransportFailure(QNetworkReply::NetworkError error)
{
    return (error > QNetworkReply::NoError && error < QNetworkReply::ProxyConnectionRefusedError)
        || error == QNetworkReply::ProtocolFailure || error == QNetworkReply::ContentReSendError;
}

/// The connect timeout fired. Qt Network exposes "connected" only through TLS done or body bytes
/// sent, so for a plain-http request without a body (a GET) silence is ambiguous: connected and
/// waiting for a slow answer, or still connecting. A fresh connection attempt to the same
/// address decides; when it connects, the wait continues under the total timeout.
template<typename Abort>
void onConnectTimeout(const std::shared_ptr<QtHop> &hop, QNetworkReply *reply, Abort abortWith)
{
    const QUrl &url = hop->request.url;
    const bool https = url.scheme().compare(u"https", Qt::CaseInsensitive) == 0;
    if (https || !hop->request.body.isEmpty()) {
        abortWith(TransportError::ConnectTimeout);
        return;
    }
    auto *probe = new QTcpSocket(reply);
    const auto settle = [hop, probe, abortWith](bool reachable) {
        if (probe->property("settled").toBool())
            return;
        probe->setProperty("settled", true);
        probe->abort();
        probe->deleteLater();
        if (!reachable)
            abortWith(TransportError::ConnectTimeout);
        else
            qCDebug(lcNet) << hop->request.url << "accepts connections; waiting for its answer";
    };
    QObject::connect(probe, &QTcpSocket::connected, reply, [settle] { settle(true); });
    QObject::connect(probe, &QTcpSocket::errorOccurred, reply, [settle] { settle(false); });
    QTimer::singleShot(std::min(hop->request.connectTimeoutMs, 1000), probe,
                       [settle] { settle(false); });
    probe->connectToHost(url.host(), quint16(url.port(80)));
}

/// Resends allowed after a kept-alive connection died unused: each goes out on another idle
/// connection or a new one, so a few stale ones in the pool cannot fail a call.
constexpr int kMaxStaleResends = 3;

/// The request failed before any byte of an answer on a connection Qt Network reused: it
/// made no connection of its own, or the one it started for this reply was not the one the
/// request went out on (Qt reports a connect for the reply at the head of its queue, then may
/// hand the reply to an idle kept-alive connection: then "request sent" never comes). A fresh
/// connection that took the whole request and closed is an answer of sorts and is not resent.
bool diedOnAReusedConnection(const QtHop &hop, const TransportResponse &response)
{
    const Timings &t = response.timings;
    return hop.abortReason == TransportError::None && response.status == 0 && t.firstByteMs < 0
        && (t.connectStartMs < 0 || t.requestSentMs < 0) && response.tlsErrors.isEmpty()
        && (response.error == TransportError::Protocol || response.error == TransportError::Other);
}

/// The body length a response announced with Content-Length, or -1 where it says nothing
/// about the bytes Qt hands over: no such header, a body Qt decoded (Content-Encoding), a
/// response without a body (HEAD, 1xx, 204, 304), or a body this side cut at its size cap.
qint64 announcedBodyLength(const TransportRequest &request, const QNetworkReply *reply,
                           const TransportResponse &response)
{
    if (response.truncated || request.method == "HEAD" || response.status < 200
        || response.status == 204 || response.status == 304)
        return -1;
    const QByteArray encoding = reply->rawHeader("Content-Encoding").trimmed().toLower();
    if (!encoding.isEmpty() && encoding != "identity")
        return -1;
    bool ok = false;
    const qint64 length = reply->rawHeader("Content-Length").trimmed().toLongLong(&ok);
    return ok && length >= 0 ? length : -1;
}

} // namespace

TransportWorker::TransportWorker(TrustCheck trust)
    : m_trust(std::move(trust))
{ }

TransportWorker::~TransportWorker() = default;

void TransportWorker::send(const TransportRequest &request, Transport::Callback done)
{
    QSet<QString> seen {QString::fromLatin1(request.method) + u' ' + request.url.toString()};
    sendHop(request, [this, request, seen, done](const TransportResponse &response) {
        follow(request, {}, seen, response, done);
    });
}

void TransportWorker::sendHop(const TransportRequest &request, Transport::Callback done)
{
    if (request.cancellation && request.cancellation->isCancelled()) {
        // Cancelled before this hop started (a redirect, or the call after its preflight):
        // nothing is sent.
        TransportResponse response;
        response.method = request.method;
        response.url = request.url;
        response.timings.started = QDateTime::currentDateTimeUtc();
        response.timings.totalMs = 0;
        response.error = TransportError::Cancelled;
        response.netError = chromiumNetError(response.error);
        response.errorMessage = describeFailure(response.error, request, response, {});
        done(response);
        return;
    }
    // Only safe methods (RFC 9110 9.2.1) go over Qt Network: Qt 6.4 sends a request again
    // when its fresh connection closes unanswered or after 100 Continue, so a POST (a hook call,
    // a token request whose assertion must be used once) would reach the server twice (16.7).
    const bool safe
        = request.method == "GET" || request.method == "HEAD" || request.method == "OPTIONS";
    if (request.backend == WireBackend::Exact || !safe) {
        if (!m_pool)
            m_pool = new ConnectionPool(this);
        sendExact(request, m_trust, m_pool, this, std::move(done));
        return;
    }
    sendViaQt(request, std::move(done));
}

void TransportWorker::follow(TransportRequest request, QList<RedirectHop> hops, QSet<QString> seen,
                             TransportResponse response, Transport::Callback done)
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

void TransportWorker::sendViaQt(const TransportRequest &request, Transport::Callback done,
                                int attempt)
{
    if (!m_nam) {
        m_nam = new QNetworkAccessManager(this);
        // Never follow redirects inside Qt: a 3xx preflight must be seen (CORS7).
        m_nam->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    }
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

    // Cancel (any thread): the abort is posted to the reply, so a reply that has finished and
    // gone meanwhile drops it; finished() forgets the registration before the reply is deleted.
    if (const auto &cancellation = request.cancellation) {
        const auto abortLater = [reply, abortWith] {
            QMetaObject::invokeMethod(
                reply, [abortWith] { abortWith(TransportError::Cancelled); }, Qt::QueuedConnection);
        };
        hop->cancelHandle = cancellation->onCancel(abortLater);
        if (hop->cancelHandle == 0)
            abortLater(); // cancelled since sendHop() looked
    }

    hop->connectTimer.setSingleShot(true);
    hop->totalTimer.setSingleShot(true);
    QObject::connect(&hop->connectTimer, &QTimer::timeout, reply,
                     [hop, reply, abortWith] { onConnectTimeout(hop, reply, abortWith); });
    QObject::connect(&hop->totalTimer, &QTimer::timeout, reply,
                     [abortWith] { abortWith(TransportError::Timeout); });
    hop->totalTimer.start(request.totalTimeoutMs);

    // The connect phase runs from the socket's connect start (a request queued behind others
    // for the same host, or sent on a kept-alive connection, has none) to connected: TLS done,
    // the body sent, or the first byte of the answer.
    QObject::connect(reply, &QNetworkReply::socketStartedConnecting, reply, [hop] {
        if (hop->response.timings.connectStartMs < 0)
            hop->response.timings.connectStartMs = elapsedMs(hop->clock);
        hop->connectTimer.start(hop->request.connectTimeoutMs);
    });
    QObject::connect(reply, &QNetworkReply::encrypted, reply, [hop, reply] {
        hop->connectTimer.stop();
        hop->response.timings.tlsDoneMs = elapsedMs(hop->clock);
        hop->response.certificate = certificateInfo(reply->sslConfiguration().peerCertificate());
    });
    QObject::connect(reply, &QNetworkReply::requestSent, reply, [hop] {
        hop->response.timings.requestSentMs = elapsedMs(hop->clock);
        hop->connectTimer.stop();
    });
    QObject::connect(reply, &QNetworkReply::uploadProgress, reply, [hop](qint64 sent, qint64) {
        if (sent > 0)
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
            if (m_trust && m_trust(url.host(), url.port(443), hop->response.certificate->sha256)) {
                reply->ignoreSslErrors(errors);
                return;
            }
            for (const auto &error : errors)
                hop->response.tlsErrors.append(error.errorString());
        });
    QObject::connect(reply, &QNetworkReply::finished, reply, [this, hop, reply, attempt] {
        if (hop->request.cancellation)
            hop->request.cancellation->forget(hop->cancelHandle);
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
        QString detail = reply->errorString();
        const qint64 announced = announcedBodyLength(hop->request, reply, r);
        if (hop->abortReason != TransportError::None) {
            r.error = hop->abortReason;
        } else if (reply->error() != QNetworkReply::NoError && r.status == 0) {
            r.error = r.tlsErrors.isEmpty() ? mapQtError(reply->error()) : TransportError::Tls;
        } else if (isTransportFailure(reply->error())) {
            // A reset or close after the status line: the body is a prefix, even when that
            // prefix happens to parse, so the exchange failed.
            r.error = TransportError::Protocol;
            if (reply->error() == QNetworkReply::RemoteHostClosedError)
                detail = u"the connection was closed before the response was complete: %1 of "
                         u"%2 body bytes"_s.arg(r.body.size())
                             .arg(reply->header(QNetworkRequest::ContentLengthHeader).toString());
        } else if (announced >= 0 && r.body.size() < announced) {
            // Qt Network 6.4 sometimes ends a reply whose connection was reset mid-body without
            // an error (a race between the RST and the buffered bytes): the length the server
            // announced is the proof that the body is a prefix (#16.7).
            r.error = TransportError::Protocol;
            detail = u"the connection was closed before the response was complete: %1 of "
                     u"%2 body bytes"_s.arg(r.body.size())
                         .arg(announced);
        }
        if (diedOnAReusedConnection(*hop, r) && attempt < kMaxStaleResends) {
            // The request went out on a kept-alive connection the server had closed (or
            // reset) meanwhile, and not one byte came back: the keep-alive race, not an answer.
            // Chromium resends in exactly this case (HttpNetworkTransaction::
            // ShouldResendRequest: a reused socket, no response bytes), and so do we (#16.5).
            qCDebug(lcNet) << "resending" << hop->request.method << hop->request.url
                           << "after a reused connection died:" << detail;
            sendViaQt(hop->request, std::move(hop->done), attempt + 1);
            return;
        }
        if (r.error != TransportError::None) {
            r.netError = chromiumNetError(r.error, r.tlsErrors);
            r.errorMessage = describeFailure(r.error, hop->request, r, detail);
            qCDebug(lcNet) << "transport" << hop->request.method << hop->request.url
                           << r.errorMessage;
        }
        const auto callback = std::move(hop->done);
        callback(r);
    });
}

} // namespace hb::net
