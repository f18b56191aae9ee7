#pragma once

// Idle kept-alive connections of the exact backend (rawhttp.h), in the network thread. A browser
// keeps an HTTP/1.1 connection open after a complete answer and sends the next request to the
// same origin on it; so does Hookbench (Qt Network, which it replaced, sent a POST again after 100
// Continue then close: issue 16.7).
//
// Groups follow Chromium's socket pools: one per scheme, host and port, and CORS preflights in a
// group of their own (Chromium sends them with PRIVACY_MODE_ENABLED_WITHOUT_CLIENT_CERTS), so a
// hook call never rides on the connection its preflight used.
#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QTimer>

class QSslSocket;
class QUrl;

namespace hb::net {

class ConnectionPool : public QObject
{
public:
    /// Idle connections kept per group, as Chromium's per-group limit for HTTP/1.1.
    static constexpr int kMaxIdlePerGroup = 6;
    /// How long an idle connection is kept. Shorter than most servers' own keep-alive timeouts
    /// (nginx 75 s, Apache 5 s, Node 5 s ...) is not needed: a connection the server closed is
    /// seen as closed before it is reused, and one closed while a request is on its way is the
    /// race the transport resends after (as Chromium does).
    static constexpr int kIdleTimeoutMs = 30000;

    explicit ConnectionPool(QObject *parent = nullptr);
    ~ConnectionPool() override;

    /// "https://host:port" plus "|preflight" for a CORS preflight.
    static QString groupFor(const QUrl &url, bool preflight);

    /// The most recently used idle connection of `group` that is still open and has nothing
    /// unread, now owned by the caller; nullptr when there is none.
    QSslSocket *take(const QString &group);
    /// Keeps `socket` (connected, its answer read to the end, no signal connections left to the
    /// previous owner) for the next request of `group`.
    void give(const QString &group, QSslSocket *socket);

    int idleCount() const;

private:
    struct Idle
    {
        QSslSocket *socket;
        QElapsedTimer since;
    };
    void drop(QSslSocket *socket);
    void sweep();

    QHash<QString, QList<Idle>> m_idle; ///< per group, oldest first
    QTimer m_sweep;
};

} // namespace hb::net
