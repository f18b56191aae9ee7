#pragma once

#include "servers/httpmessage.h"

#include <QHostAddress>
#include <QObject>
#include <QTcpServer>
#include <QUrl>

namespace hb::servers {

class HttpConnection;

/// A small HTTP/1.1 server over QTcpServer, bound to loopback only. Why not QHttpServer: Qt 6.4's
/// QHttpServer buffers request bodies without a size cap, cannot answer asynchronously from a
/// route in a stable way, and cannot write duplicate or malformed header lines (the misbehaviour
/// lab needs exact bytes). This class does all three in one place, and it is the only code that
/// parses HTTP, so an API change in Qt does not ripple through the servers.
///
/// Requests on one connection are answered in order (keep-alive supported); bodies need
/// Content-Length; oversized headers (431), bodies (413) or targets (414) get an OperationOutcome.
///
/// Resource bounds (a client is never trusted to read, or to finish what it started): a
/// connection's further requests are not read while more than `maxUnsentBytes` of its answers are
/// unsent; a request must arrive whole within `requestTimeoutMs` of its first byte (a deadline,
/// not an inactivity timer, so dripping bytes does not extend it); at `maxConnections` a new
/// connection displaces the longest-waiting one that no handler is working on.
class HttpServer : public QObject
{
    Q_OBJECT

public:
    struct Limits
    {
        qsizetype maxHeaderBytes = 32 * 1024;
        qsizetype maxTargetBytes = 8 * 1024;
        qsizetype maxBodyBytes = 4 * 1024 * 1024;
        /// Closes a keep-alive connection with nothing pending, and one whose client has read
        /// nothing of the unsent answers for this long.
        int idleTimeoutMs = 120000;
        /// From a request's first byte to its last (head and body); not restarted per byte.
        int requestTimeoutMs = 30000;
        int maxConnections = 256;
        /// Above this many unsent response bytes, the connection's next requests wait unread.
        qint64 maxUnsentBytes = 1024 * 1024;
    };

    explicit HttpServer(QObject *parent = nullptr);
    ~HttpServer() override;

    void setHandler(HttpHandler handler);
    void setLimits(const Limits &limits);
    [[nodiscard]] const Limits &limits() const { return m_limits; }

    /// Listens on `address` (must be a loopback address) and `port` (0 = any free port).
    bool listen(const QHostAddress &address = QHostAddress::LocalHost, quint16 port = 0);
    [[nodiscard]] quint16 port() const;
    /// http://127.0.0.1:PORT (no trailing slash).
    [[nodiscard]] QUrl baseUrl() const;
    [[nodiscard]] QString errorString() const;
    /// Stops listening and drops every open connection (also ones a handler never answered).
    void close();

private:
    friend class HttpConnection;
    void onNewConnection();
    /// Makes room under maxConnections; false when every connection is in a handler.
    bool evictOne();

    QTcpServer m_server;
    QList<HttpConnection *> m_connections; ///< open ones (dropped ones leave at once)
    HttpHandler m_handler;
    Limits m_limits;
    QString m_error;
};

} // namespace hb::servers
