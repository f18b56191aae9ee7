#include "servers/httpserver.h"

#include "fhir/operationoutcome.h"
#include "servers/logging.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

#include <memory>

using namespace Qt::StringLiterals;

namespace hb::servers {

/// One client connection: parses requests one after the other and writes their responses.
class HttpConnection : public QObject
{
    Q_OBJECT

public:
    HttpConnection(HttpServer *server, QTcpSocket *socket)
        : QObject(server)
        , m_server(server)
        , m_socket(socket)
    {
        socket->setParent(this);
        // Qt stops reading from the kernel when this much is buffered and unread, so a client
        // that sends faster than we answer is held back by TCP instead of by our memory.
        socket->setReadBufferSize(server->limits().maxHeaderBytes + 64 * 1024);
        m_deadline.setSingleShot(true);
        connect(&m_deadline, &QTimer::timeout, this, &HttpConnection::onDeadline);
        connect(socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
        connect(socket, &QTcpSocket::bytesWritten, this, &HttpConnection::onBytesWritten);
        connect(socket, &QTcpSocket::disconnected, this, &QObject::deleteLater);
        m_waitingSince.start();
        rearm();
    }

    ~HttpConnection() override { m_server->m_connections.removeOne(this); }

    /// A handler is working on a request of this connection (it must not be cut off).
    [[nodiscard]] bool inHandler() const { return m_busy; }
    /// When this connection started waiting for its current request (or for the client).
    [[nodiscard]] const QElapsedTimer &waitingSince() const { return m_waitingSince; }

    void drop()
    {
        m_server->m_connections.removeOne(this);
        m_closing = true;
        m_deadline.stop();
        m_socket->abort();
        deleteLater();
    }

private:
    [[nodiscard]] bool requestInProgress() const { return m_haveHead || !m_buffer.isEmpty(); }

    void onReadyRead()
    {
        if (m_busy || m_paused || m_closing)
            return; // left in the socket (bounded by its read buffer size) until we can answer
        pull();
        process();
    }

    void pull()
    {
        if (m_buffer.isEmpty() && !m_haveHead && m_socket->bytesAvailable() > 0)
            m_requestClock.start(); // the deadline runs from the request's first byte
        m_buffer.append(m_socket->readAll());
    }

    void onBytesWritten()
    {
        if (m_paused && m_socket->bytesToWrite() <= m_server->limits().maxUnsentBytes) {
            m_paused = false;
            m_requestClock.start(); // the waiting request was held back by us, not the client
            pull();
            process();
            return;
        }
        rearm();
    }

    /// (Re)starts the one timer for what the connection waits for: nothing while a handler
    /// works; the client reading (idle timeout, restarted by progress) while answers are
    /// unsent; the rest of a started request (a fixed deadline); or the next request (idle).
    void rearm()
    {
        const auto &limits = m_server->limits();
        if (m_busy || m_closing) {
            m_deadline.stop();
        } else if (m_paused || m_socket->bytesToWrite() > 0 || !requestInProgress()) {
            m_deadline.start(limits.idleTimeoutMs);
        } else {
            const qint64 left = limits.requestTimeoutMs - m_requestClock.elapsed();
            m_deadline.start(int(std::max<qint64>(left, 0)));
        }
    }

    void onDeadline()
    {
        if (m_busy || m_closing)
            return;
        if (requestInProgress() && !m_paused && m_socket->bytesToWrite() == 0) {
            qCDebug(lcServers) << "request not complete within"
                               << m_server->limits().requestTimeoutMs << "ms; closing";
            // 408 then close; abort if the client does not take even that.
            fail(408,
                 u"The request was not complete within %1 ms"_s.arg(
                     m_server->limits().requestTimeoutMs));
            QTimer::singleShot(1000, this, &HttpConnection::drop);
            return;
        }
        drop();
    }

    void process()
    {
        const auto &limits = m_server->limits();
        while (!m_busy && !m_closing) {
            if (m_socket->bytesToWrite() > limits.maxUnsentBytes) {
                m_paused = true; // resumed by onBytesWritten once the client has read enough
                break;
            }
            if (!m_haveHead) {
                const qsizetype end = m_buffer.indexOf("\r\n\r\n");
                if (end < 0) {
                    if (m_buffer.size() > limits.maxHeaderBytes)
                        fail(431, u"Request headers exceed %1 bytes"_s.arg(limits.maxHeaderBytes));
                    break;
                }
                if (end > limits.maxHeaderBytes)
                    return fail(431,
                                u"Request headers exceed %1 bytes"_s.arg(limits.maxHeaderBytes));
                if (!parseHead(m_buffer.left(end)))
                    return;
                m_buffer.remove(0, end + 4);
                m_haveHead = true;
            }
            if (m_buffer.size() < m_bodyLength) {
                if (m_expectContinue) {
                    m_expectContinue = false;
                    m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
                }
                break;
            }
            m_request.body = m_buffer.left(m_bodyLength);
            m_buffer.remove(0, m_bodyLength);
            m_haveHead = false;
            m_requestClock.start(); // a pipelined next request starts now
            dispatch();
        }
        rearm();
    }

    bool parseHead(const QByteArray &head)
    {
        const QList<QByteArray> lines = head.split('\n');
        const QList<QByteArray> start = lines.value(0).trimmed().split(' ');
        if (start.size() != 3 || !start.at(2).startsWith("HTTP/1.")) {
            fail(400, u"Malformed request line"_s);
            return false;
        }
        m_request = HttpRequest {};
        m_request.method = start.at(0);
        m_request.target = start.at(1);
        m_request.baseUrl = m_server->baseUrl();
        m_http10 = start.at(2) == "HTTP/1.0";
        if (m_request.target.size() > m_server->limits().maxTargetBytes) {
            fail(414, u"Request target exceeds %1 bytes"_s.arg(m_server->limits().maxTargetBytes));
            return false;
        }
        const QUrl url = QUrl::fromEncoded(m_request.target);
        if (!m_request.target.startsWith('/') || !url.isValid()) {
            fail(400, u"Malformed request target"_s);
            return false;
        }
        m_request.path = url.path(QUrl::FullyDecoded);
        m_request.query = QUrlQuery(url);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).trimmed();
            const qsizetype colon = line.indexOf(':');
            // A bare CR or NUL inside a header could be echoed back (the lab echoes Origin) and
            // split our response; no legitimate client sends one.
            if (colon <= 0 || line.contains('\r') || line.contains('\0')) {
                fail(400, u"Malformed header line"_s);
                return false;
            }
            m_request.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
        }
        if (m_request.hasHeader("Transfer-Encoding")) {
            fail(411, u"Chunked request bodies are not supported; send Content-Length"_s);
            return false;
        }
        m_bodyLength = 0;
        if (m_request.hasHeader("Content-Length")) {
            bool ok = false;
            m_bodyLength = m_request.header("Content-Length").toLongLong(&ok);
            if (!ok || m_bodyLength < 0) {
                fail(400, u"Malformed Content-Length"_s);
                return false;
            }
            if (m_bodyLength > m_server->limits().maxBodyBytes) {
                fail(413,
                     u"Request body of %1 bytes exceeds the limit of %2 bytes"_s.arg(m_bodyLength)
                         .arg(m_server->limits().maxBodyBytes));
                return false;
            }
        }
        m_expectContinue = m_request.header("Expect").toLower() == "100-continue";
        m_keepAlive = !m_http10 && m_request.header("Connection").toLower() != "close";
        return true;
    }

    void dispatch()
    {
        m_busy = true;
        m_deadline.stop();
        auto answered = std::make_shared<bool>(false);
        QPointer<HttpConnection> self(this);
        const bool head = m_request.method == "HEAD";
        const Responder responder = [self, answered, head](HttpResponse response) {
            if (*answered || !self)
                return;
            *answered = true;
            self->write(std::move(response), head);
        };
        if (m_server->m_handler)
            m_server->m_handler(m_request, responder);
        else
            responder(HttpResponse::text(404, "no handler"));
    }

    void write(HttpResponse response, bool head)
    {
        const bool close = !m_keepAlive || response.rawHeaders;
        QByteArray out = "HTTP/1.1 " + QByteArray::number(response.status) + ' '
            + (response.reason.isEmpty() ? reasonPhrase(response.status) : response.reason)
            + "\r\n";
        for (const auto &[name, value] : response.headers)
            out += name + ": " + value + "\r\n";
        if (!response.rawHeaders) {
            out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
            if (close)
                out += "Connection: close\r\n";
        }
        out += "\r\n";
        if (!head)
            out += response.body;
        m_socket->write(out);
        m_busy = false;
        m_waitingSince.start();
        if (close) {
            m_closing = true;
            m_deadline.stop();
            m_socket->disconnectFromHost();
            return;
        }
        // Asynchronous answers resume reading here; synchronous ones return into process().
        QTimer::singleShot(0, this, [this] {
            if (!m_busy && !m_paused && !m_closing) {
                pull();
                process();
            }
        });
    }

    void fail(int status, const QString &message)
    {
        qCDebug(lcServers) << "rejecting request:" << status << message;
        HttpResponse response = HttpResponse::fhir(
            status,
            fhir::errorOutcome(status == 413 || status == 414 || status == 431 ? u"too-long"_s
                                                                               : u"invalid"_s,
                               message));
        m_keepAlive = false;
        m_busy = true;
        write(std::move(response), false);
    }

    HttpServer *m_server;
    QTcpSocket *m_socket;
    QTimer m_deadline;
    QElapsedTimer m_requestClock;
    QElapsedTimer m_waitingSince;
    QByteArray m_buffer;
    HttpRequest m_request;
    qsizetype m_bodyLength = 0;
    bool m_haveHead = false;
    bool m_busy = false;
    bool m_closing = false;
    bool m_paused = false; ///< too much unsent: the next requests wait unread
    bool m_keepAlive = true;
    bool m_http10 = false;
    bool m_expectContinue = false;
};

HttpServer::HttpServer(QObject *parent)
    : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, &HttpServer::onNewConnection);
}

HttpServer::~HttpServer()
{
    close(); // connections unregister themselves from m_connections, so go first
}

void HttpServer::setHandler(HttpHandler handler)
{
    m_handler = std::move(handler);
}

void HttpServer::setLimits(const Limits &limits)
{
    m_limits = limits;
}

bool HttpServer::listen(const QHostAddress &address, quint16 port)
{
    if (!address.isLoopback()) {
        m_error = u"refusing to listen on %1: the embedded servers bind to loopback only"_s.arg(
            address.toString());
        return false;
    }
    if (!m_server.listen(address, port)) {
        m_error = m_server.errorString();
        return false;
    }
    return true;
}

quint16 HttpServer::port() const
{
    return m_server.serverPort();
}

QUrl HttpServer::baseUrl() const
{
    QUrl url;
    url.setScheme(u"http"_s);
    url.setHost(m_server.serverAddress().toString());
    url.setPort(m_server.serverPort());
    return url;
}

QString HttpServer::errorString() const
{
    return m_error;
}

void HttpServer::close()
{
    m_server.close();
    const auto connections = findChildren<HttpConnection *>(Qt::FindDirectChildrenOnly);
    for (HttpConnection *connection : connections)
        delete connection;
    m_connections.clear();
}

void HttpServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        if (m_connections.size() >= m_limits.maxConnections && !evictOne()) {
            qCDebug(lcServers) << "connection limit" << m_limits.maxConnections
                               << "reached and every connection is in a handler; refusing";
            socket->abort();
            delete socket;
            continue;
        }
        m_connections.append(new HttpConnection(this, socket));
    }
}

bool HttpServer::evictOne()
{
    // The longest-waiting connection nobody works on: a slowloris dripper or an idle keep-alive
    // connection. One a handler works on is never cut (the lab's hanging service relies on it).
    HttpConnection *oldest = nullptr;
    for (HttpConnection *connection : std::as_const(m_connections)) {
        if (!connection->inHandler()
            && (!oldest || connection->waitingSince().elapsed() > oldest->waitingSince().elapsed()))
            oldest = connection;
    }
    if (!oldest)
        return false;
    qCDebug(lcServers) << "connection limit" << m_limits.maxConnections
                       << "reached; closing the longest-waiting connection";
    oldest->drop();
    return true;
}

} // namespace hb::servers

#include "httpserver.moc"
