#include "net/connectionpool.h"

#include "net/logging.h"

#include <QSslSocket>
#include <QUrl>

#include <sys/socket.h>

using namespace Qt::StringLiterals;

namespace hb::net {

namespace {

/// The peer has not closed the connection and sent nothing since the last answer. Asks the
/// kernel, not Qt's notifier: a FIN that arrived while this thread was busy is not yet a
/// `disconnected` signal, and sending on such a connection is the keep-alive race.
bool stillUsable(QSslSocket *socket)
{
    if (socket->state() != QAbstractSocket::ConnectedState || socket->bytesAvailable() > 0
        || socket->encryptedBytesAvailable() > 0)
        return false;
    const qintptr fd = socket->socketDescriptor();
    if (fd < 0)
        return false;
    char byte = 0;
    const ssize_t peeked = ::recv(int(fd), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    // 0: orderly close; > 0: unsolicited bytes (or a TLS alert); -1 with EAGAIN: open and quiet.
    return peeked < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
}

} // namespace

ConnectionPool::ConnectionPool(QObject *parent)
    : QObject(parent)
{
    m_sweep.setInterval(kIdleTimeoutMs / 3);
    connect(&m_sweep, &QTimer::timeout, this, &ConnectionPool::sweep);
}

ConnectionPool::~ConnectionPool() = default; // the idle sockets are children

QString ConnectionPool::groupFor(const QUrl &url, bool preflight)
{
    const QString scheme = url.scheme().toLower();
    const int port = url.port(scheme == u"https" ? 443 : 80);
    return scheme + u"://"_s + url.host().toLower() + u':' + QString::number(port)
        + (preflight ? u"|preflight"_s : QString());
}

QSslSocket *ConnectionPool::take(const QString &group)
{
    auto it = m_idle.find(group);
    if (it == m_idle.end())
        return nullptr;
    QSslSocket *found = nullptr;
    while (!it->isEmpty() && !found) {
        Idle idle = it->takeLast();
        QObject::disconnect(idle.socket, nullptr, this, nullptr);
        if (idle.since.elapsed() < kIdleTimeoutMs && stillUsable(idle.socket)) {
            found = idle.socket;
        } else {
            idle.socket->abort();
            idle.socket->deleteLater();
        }
    }
    if (it->isEmpty())
        m_idle.erase(it);
    if (m_idle.isEmpty())
        m_sweep.stop();
    if (found)
        found->setParent(nullptr);
    return found;
}

void ConnectionPool::give(const QString &group, QSslSocket *socket)
{
    socket->setParent(this);
    while (m_idle.value(group).size() >= kMaxIdlePerGroup)
        drop(m_idle.value(group).constFirst().socket); // the oldest goes
    QList<Idle> &list = m_idle[group];
    list.append(Idle {socket, {}});
    list.last().since.start();
    // While idle: the server closing it, an error or unsolicited bytes make it unusable.
    connect(socket, &QAbstractSocket::disconnected, this, [this, socket] { drop(socket); });
    connect(socket, &QAbstractSocket::errorOccurred, this, [this, socket] { drop(socket); });
    connect(socket, &QIODevice::readyRead, this, [this, socket] { drop(socket); });
    if (!m_sweep.isActive())
        m_sweep.start();
}

int ConnectionPool::idleCount() const
{
    int count = 0;
    for (const auto &list : m_idle)
        count += int(list.size());
    return count;
}

void ConnectionPool::drop(QSslSocket *socket)
{
    for (auto it = m_idle.begin(); it != m_idle.end(); ++it) {
        const qsizetype index = std::find_if(it->cbegin(), it->cend(),
                                             [socket](const Idle &i) { return i.socket == socket; })
            - it->cbegin();
        if (index >= it->size())
            continue;
        it->removeAt(index);
        if (it->isEmpty())
            m_idle.erase(it);
        QObject::disconnect(socket, nullptr, this, nullptr);
        socket->abort();
        socket->deleteLater();
        break;
    }
    if (m_idle.isEmpty())
        m_sweep.stop();
}

void ConnectionPool::sweep()
{
    QList<QSslSocket *> expired;
    for (const auto &list : std::as_const(m_idle)) {
        for (const Idle &idle : list) {
            if (idle.since.elapsed() >= kIdleTimeoutMs)
                expired.append(idle.socket);
        }
    }
    for (QSslSocket *socket : expired)
        drop(socket);
}

} // namespace hb::net
