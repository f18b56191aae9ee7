#include "net/rawhttp.h"

#include "net/connectionpool.h"
#include "net/contentencoding.h"
#include "net/logging.h"

#include <QElapsedTimer>
#include <QSslCertificate>
#include <QSslSocket>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace hb::net {

namespace {

constexpr qsizetype kMaxHeaderBytes = 64 * 1024;

/// One exact exchange; deletes itself after calling `done`.
class ExactExchange : public QObject
{
public:
    ExactExchange(const TransportRequest &request, TrustCheck trust, ConnectionPool *pool,
                  QObject *context, Transport::Callback done, int attempt)
        : QObject(context)
        , m_request(request)
        , m_trust(std::move(trust))
        , m_pool(pool)
        , m_done(std::move(done))
        , m_attempt(attempt)
    {
        m_response.method = request.method;
        m_response.url = request.url;
        m_response.timings.started = QDateTime::currentDateTimeUtc();
        m_clock.start();
        m_https = request.url.scheme().compare(u"https", Qt::CaseInsensitive) == 0;
        m_port = request.url.port(m_https ? 443 : 80);
        m_group = ConnectionPool::groupFor(
            request.url, headerGet(request.headers, "access-control-request-method").has_value());
        m_connectTimer.setSingleShot(true);
        m_totalTimer.setSingleShot(true);
        connect(&m_connectTimer, &QTimer::timeout, this,
                [this] { finish(TransportError::ConnectTimeout); });
        connect(&m_totalTimer, &QTimer::timeout, this, [this] { finish(TransportError::Timeout); });
    }

    void start()
    {
        if (const auto &cancellation = m_request.cancellation) {
            // Posted to this object: an exchange that has finished and gone drops it.
            const auto abortLater = [this] {
                QMetaObject::invokeMethod(
                    this, [this] { finish(TransportError::Cancelled); }, Qt::QueuedConnection);
            };
            m_cancelHandle = cancellation->onCancel(abortLater);
            if (m_cancelHandle == 0)
                abortLater();
        }
        m_totalTimer.start(m_request.totalTimeoutMs);
        // A resend after a reused connection died goes out on a new one.
        if (QSslSocket *idle = m_pool && m_attempt == 0 ? m_pool->take(m_group) : nullptr) {
            adopt(idle);
            m_reused = true;
            if (m_https)
                m_response.certificate = certificateInfo(m_socket->peerCertificate());
            writeRequest(); // no connect phase: the timings keep connectStartMs = -1
            return;
        }
        adopt(new QSslSocket(this));
        m_connectTimer.start(m_request.connectTimeoutMs);
        if (m_https)
            m_socket->connectToHostEncrypted(m_request.url.host(), static_cast<quint16>(m_port));
        else
            m_socket->connectToHost(m_request.url.host(), static_cast<quint16>(m_port));
    }

private:
    void adopt(QSslSocket *socket)
    {
        m_socket = socket;
        socket->setParent(this);
        connect(socket, &QAbstractSocket::connected, this, [this] {
            m_response.timings.connectStartMs = 0;
            if (!m_https)
                writeRequest();
        });
        connect(socket, &QSslSocket::encrypted, this, [this] {
            m_response.timings.tlsDoneMs = elapsedMs(m_clock);
            m_response.certificate = certificateInfo(m_socket->peerCertificate());
            writeRequest();
        });
        connect(socket, &QSslSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
            const QSslCertificate cert = m_socket->peerCertificate();
            m_response.certificate = certificateInfo(cert);
            const QString sha = m_response.certificate->sha256;
            if (m_trust && m_trust(m_request.url.host(), m_port, sha)) {
                m_socket->ignoreSslErrors(errors);
                return;
            }
            for (const auto &error : errors)
                m_response.tlsErrors.append(error.errorString());
        });
        connect(socket, &QIODevice::readyRead, this, &ExactExchange::onReadyRead);
        connect(socket, &QAbstractSocket::errorOccurred, this, &ExactExchange::onError);
    }

    void writeRequest()
    {
        m_connectTimer.stop();
        const QByteArray bytes = serializeRequest(m_request);
        m_socket->write(bytes);
        const QByteArray head = bytes.left(bytes.indexOf("\r\n\r\n"));
        const QList<QByteArray> lines = head.split('\n');
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).trimmed();
            const qsizetype colon = line.indexOf(':');
            m_response.sentHeaders.append(
                HeaderLine {line.left(colon), line.mid(colon + 1).trimmed()});
        }
        m_response.timings.requestSentMs = elapsedMs(m_clock);
    }

    void onError(QAbstractSocket::SocketError error)
    {
        if (m_finished)
            return;
        if (error == QAbstractSocket::RemoteHostClosedError && m_headersDone && m_readToClose) {
            finish(TransportError::None);
            return;
        }
        switch (error) {
        case QAbstractSocket::ConnectionRefusedError:
            finish(TransportError::ConnectionRefused);
            return;
        case QAbstractSocket::HostNotFoundError:
            finish(TransportError::HostNotFound);
            return;
        case QAbstractSocket::SslHandshakeFailedError:
        case QAbstractSocket::SslInternalError:
        case QAbstractSocket::SslInvalidUserDataError:
            finish(TransportError::Tls);
            return;
        case QAbstractSocket::RemoteHostClosedError:
            m_protocolDetail = m_buffer.isEmpty() && !m_headersDone
                ? u"the connection was closed without a response"_s
                : u"the connection was closed before the response was complete"_s;
            finish(TransportError::Protocol);
            return;
        default:
            m_protocolDetail = m_socket->errorString();
            finish(TransportError::Other);
        }
    }

    void onReadyRead()
    {
        if (m_finished)
            return;
        if (m_response.timings.firstByteMs < 0)
            m_response.timings.firstByteMs = elapsedMs(m_clock);
        m_buffer += m_socket->readAll();
        while (!m_headersDone) {
            if (!parseHead())
                return;
            // An interim 1xx (100 Continue, 103 Early Hints) is not the answer: the final
            // response follows on the same connection.
            if (m_response.status >= 100 && m_response.status < 200 && m_response.status != 101) {
                m_headersDone = false;
                m_response.headers.clear();
                m_response.status = 0;
                m_response.reason.clear();
            }
        }
        parseBody();
    }

    /// Status line and header lines; false while incomplete or on a protocol error.
    bool parseHead()
    {
        const qsizetype end = m_buffer.indexOf("\r\n\r\n");
        if (end < 0) {
            if (m_buffer.size() > kMaxHeaderBytes
                || (m_buffer.size() >= 5 && !m_buffer.startsWith("HTTP/"))) {
                m_protocolDetail = u"first bytes: '%1'"_s.arg(
                    QString::fromLatin1(m_buffer.left(40).toPercentEncoding(" /:")));
                finish(TransportError::Protocol);
            }
            return false;
        }
        const QList<QByteArray> lines = m_buffer.left(end).split('\n');
        m_buffer.remove(0, end + 4);
        const QList<QByteArray> status = lines.constFirst().trimmed().split(' ');
        bool ok = false;
        m_response.status = status.size() >= 2 ? status.at(1).toInt(&ok) : 0;
        if (!lines.constFirst().startsWith("HTTP/1.") || !ok) {
            m_protocolDetail
                = u"bad status line '%1'"_s.arg(QString::fromLatin1(lines.constFirst().trimmed()));
            finish(TransportError::Protocol);
            return false;
        }
        m_response.reason = lines.constFirst().trimmed().split(' ').mid(2).join(' ');
        for (qsizetype i = 1; i < lines.size(); ++i) {
            QByteArray line = lines.at(i);
            if (line.endsWith('\r'))
                line.chop(1);
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                continue;
            m_response.headers.append(HeaderLine {line.left(colon), line.mid(colon + 1).trimmed()});
        }
        m_headersDone = true;
        const QByteArray connection
            = headerGet(m_response.headers, "connection").value_or(QByteArray()).toLower();
        m_persistent = lines.constFirst().startsWith("HTTP/1.1") && m_response.status != 101
            && !connection.contains("close");
        const QByteArray te
            = headerGet(m_response.headers, "transfer-encoding").value_or(QByteArray()).toLower();
        const auto length = headerGet(m_response.headers, "content-length");
        const int s = m_response.status;
        if (m_request.method == "HEAD" || s == 204 || s == 304 || (s >= 100 && s < 200))
            m_expected = 0;
        else if (te.contains("chunked"))
            m_chunked = true;
        else if (length)
            m_expected = length->toLongLong();
        else
            m_readToClose = true;
        return true;
    }

    void parseBody()
    {
        if (m_chunked) {
            while (true) {
                const qsizetype lineEnd = m_buffer.indexOf("\r\n");
                if (lineEnd < 0)
                    return;
                bool ok = false;
                const qint64 size
                    = m_buffer.left(lineEnd).split(';').constFirst().trimmed().toLongLong(&ok, 16);
                if (!ok) {
                    m_protocolDetail = u"bad chunk size"_s;
                    finish(TransportError::Protocol);
                    return;
                }
                if (size == 0) {
                    // The last chunk, then (no trailer fields expected) the final CRLF; anything
                    // else left over keeps the connection from being reused.
                    m_buffer.remove(0, lineEnd + 2);
                    if (m_buffer.startsWith("\r\n"))
                        m_buffer.remove(0, 2);
                    finish(TransportError::None);
                    return;
                }
                if (m_buffer.size() < lineEnd + 2 + size + 2)
                    return;
                if (!appendBody(m_buffer.mid(lineEnd + 2, size)))
                    return;
                m_buffer.remove(0, lineEnd + 2 + size + 2);
            }
        }
        if (!appendBody(m_buffer))
            return;
        m_buffer.clear();
        if (!m_readToClose && m_response.body.size() >= m_expected) {
            m_surplus = m_response.body.size() > m_expected;
            m_response.body.truncate(m_expected);
            finish(TransportError::None);
        }
    }

    bool appendBody(const QByteArray &bytes)
    {
        const qint64 room = m_request.maxResponseBytes - m_response.body.size();
        m_response.body += bytes.left(room);
        if (bytes.size() > room) {
            m_response.truncated = true;
            finish(TransportError::TooLarge);
            return false;
        }
        return true;
    }

    void finish(TransportError error)
    {
        if (m_finished)
            return;
        m_finished = true;
        if (m_request.cancellation)
            m_request.cancellation->forget(m_cancelHandle);
        m_connectTimer.stop();
        m_totalTimer.stop();
        if (m_reused && m_response.timings.firstByteMs < 0
            && (error == TransportError::Protocol || error == TransportError::Other)) {
            // The request went out on a kept-alive connection that the server had closed (or
            // reset) meanwhile, and not one byte came back: the keep-alive race, not an answer.
            // Chromium resends in exactly this case (HttpNetworkTransaction::
            // ShouldResendRequest: a reused socket, no response bytes), on a new connection.
            qCDebug(lcNet) << "resending" << m_request.method << m_request.url
                           << "after a reused connection died:" << m_protocolDetail;
            m_socket->abort();
            auto *again = new ExactExchange(m_request, m_trust, m_pool, parent(), std::move(m_done),
                                            m_attempt + 1);
            deleteLater();
            again->start();
            return;
        }
        if (error == TransportError::None)
            error = decodeBody();
        m_response.timings.totalMs = elapsedMs(m_clock);
        if (error == TransportError::Tls || (!m_response.tlsErrors.isEmpty() && !m_headersDone))
            error = TransportError::Tls;
        m_response.error = error;
        if (error != TransportError::None) {
            m_response.netError = chromiumNetError(error, m_response.tlsErrors);
            const QString detail = error == TransportError::Tls && m_response.tlsErrors.isEmpty()
                ? m_socket->errorString()
                : m_protocolDetail;
            m_response.errorMessage = describeFailure(error, m_request, m_response, detail);
            if (m_decodedTooLarge)
                m_response.errorMessage += u" (the limit applies to the decoded body; it came "
                                           u"compressed)"_s;
        }
        if (!m_socket) {
            // finished before start() chose a connection: nothing to close or keep
        } else if (error == TransportError::None && m_pool && reusable()) {
            QObject::disconnect(m_socket, nullptr, this, nullptr);
            m_pool->give(m_group, m_socket);
        } else {
            m_socket->abort();
        }
        const auto done = std::move(m_done);
        const TransportResponse response = m_response;
        deleteLater();
        done(response);
    }

    /// A gzip or deflate body the request asked for, decoded in place (the Content-Encoding
    /// line stays, as a browser's network panel shows it).
    TransportError decodeBody()
    {
        const auto encoding = headerGet(m_response.headers, "content-encoding");
        if (!m_request.acceptCompressed || !encoding || !isDecodable(*encoding))
            return TransportError::None;
        DecodedBody decoded = decode(*encoding, m_response.body, m_request.maxResponseBytes);
        m_response.body = std::move(decoded.body);
        if (decoded.tooLarge) {
            m_response.truncated = true;
            m_decodedTooLarge = true;
            return TransportError::TooLarge;
        }
        if (!decoded.error.isEmpty()) {
            m_protocolDetail = u"The %1 body from %2:%3 could not be decoded: %4."_s.arg(
                QString::fromLatin1(*encoding), m_request.url.host(), QString::number(m_port),
                decoded.error);
            return TransportError::Other;
        }
        return TransportError::None;
    }

    /// The answer was read to its last byte, framed by its length or chunks, and neither side
    /// asked to close: the connection can carry the next request (HTTP/1.1 persistence).
    bool reusable() const
    {
        return m_persistent && !m_readToClose && !m_surplus && m_buffer.isEmpty()
            && m_socket->state() == QAbstractSocket::ConnectedState
            && m_socket->bytesAvailable() == 0;
    }

    TransportRequest m_request;
    TrustCheck m_trust;
    ConnectionPool *m_pool; ///< null: one request per connection
    Transport::Callback m_done;
    int m_attempt = 0; ///< 1 for the resend after a reused connection died
    QString m_group; ///< the pool group (origin, preflight or not)
    bool m_reused = false; ///< the request went out on an idle kept-alive connection
    bool m_persistent = false; ///< HTTP/1.1 answer without "Connection: close"
    bool m_surplus = false; ///< bytes after the announced body: do not reuse
    bool m_decodedTooLarge = false; ///< the cap was hit while decoding a compressed body
    QSslSocket *m_socket = nullptr;
    QElapsedTimer m_clock;
    QTimer m_connectTimer;
    QTimer m_totalTimer;
    TransportResponse m_response;
    QByteArray m_buffer;
    QString m_protocolDetail;
    bool m_https = false;
    int m_port = 80;
    bool m_headersDone = false;
    bool m_chunked = false;
    bool m_readToClose = false;
    qint64 m_expected = 0;
    bool m_finished = false;
    quint64 m_cancelHandle = 0; ///< registration with m_request.cancellation
};

} // namespace

QByteArray serializeRequest(const TransportRequest &request)
{
    const QUrl &url = request.url;
    QByteArray target = url.path(QUrl::FullyEncoded).toUtf8();
    if (target.isEmpty())
        target = "/";
    if (url.hasQuery())
        target += '?' + url.query(QUrl::FullyEncoded).toUtf8();
    const bool https = url.scheme().compare(u"https", Qt::CaseInsensitive) == 0;
    const int port = url.port(https ? 443 : 80);
    QByteArray host = url.host(QUrl::FullyEncoded).toUtf8();
    if (host.contains(':'))
        host = '[' + host + ']';
    if (port != (https ? 443 : 80))
        host += ':' + QByteArray::number(port);
    QByteArray out = request.method + ' ' + target + " HTTP/1.1\r\nHost: " + host + "\r\n";
    for (const auto &line : request.headers)
        out += line.name + ": " + line.value + "\r\n";
    if (request.acceptCompressed && !headerGet(request.headers, "accept-encoding"))
        out += "Accept-Encoding: " + kAcceptEncoding.toByteArray() + "\r\n";
    if (!request.body.isEmpty() || request.method == "POST" || request.method == "PUT")
        out += "Content-Length: " + QByteArray::number(request.body.size()) + "\r\n";
    out += "Connection: keep-alive\r\n\r\n" + request.body;
    return out;
}

void sendExact(const TransportRequest &request, TrustCheck trust, ConnectionPool *pool,
               QObject *context, Transport::Callback done)
{
    auto *exchange
        = new ExactExchange(request, std::move(trust), pool, context, std::move(done), 0);
    exchange->start();
}

} // namespace hb::net
