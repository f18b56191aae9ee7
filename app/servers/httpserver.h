#pragma once

#include "servers/httpmessage.h"

#include <QHostAddress>
#include <QObject>
#include <QTcpServer>
#include <QUrl>

namespace hb::servers {

/// A small HTTP/1.1 server over QTcpServer, bound to loopback only. Why not QHttpServer: Qt 6.4's
/// QHttpServer buffers request bodies without a size cap, cannot answer asynchronously from a
/// route in a stable way, and cannot write duplicate or malformed header lines (the misbehaviour
/// lab needs exact bytes). This class does all three in one place, and it is the only code that
/// parses HTTP, so an API change in Qt does not ripple through the servers.
///
/// Requests on one connection are answered in order (keep-alive supported); bodies need
/// Content-Length; oversized headers (431), bodies (413) or targets (414) get an OperationOutcome.
class HttpServer : public QObject
{
    Q_OBJECT

public:
    struct Limits
    {
        qsizetype maxHeaderBytes = 32 * 1024;
        qsizetype maxTargetBytes = 8 * 1024;
        qsizetype maxBodyBytes = 4 * 1024 * 1024;
        int idleTimeoutMs = 120000; ///< closes idle connections and half-sent requests
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

    QTcpServer m_server;
    HttpHandler m_handler;
    Limits m_limits;
    QString m_error;
};

} // namespace hb::servers
