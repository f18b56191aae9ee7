#pragma once

// What the tests' own loopback HTTP servers share (integration/net/rawserver.h,
// integration/net/threadedserver.h, hostile/hostileserver.h): taking one request off a socket's
// bytes, the self-signed fixture certificate for TLS, and a connection closed with a reset.
// Header-only and Qt Network only, so any test folder can include it ("../loopbackfixture.h").
#include <QAbstractSocket>
#include <QByteArray>
#include <QFile>
#include <QList>
#include <QPair>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>

#include <sys/socket.h>

#include <optional>

namespace loopback {

/// One HTTP/1.1 request as a test server received it.
struct Request
{
    QByteArray method;
    QByteArray target;
    QList<QPair<QByteArray, QByteArray>> headers; ///< exact lines, in order
    QByteArray body;
    QByteArray raw; ///< head and body as they came

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &h : headers) {
            if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                return h.second;
        }
        return {};
    }
    bool hasHeader(const QByteArray &name) const
    {
        for (const auto &h : headers) {
            if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                return true;
        }
        return false;
    }
};

/// Takes the first complete request (its head and the Content-Length bytes of body) off the
/// front of `buffer`, which collects what a socket read; nothing while it is incomplete.
inline std::optional<Request> takeRequest(QByteArray *buffer)
{
    const qsizetype end = buffer->indexOf("\r\n\r\n");
    if (end < 0)
        return std::nullopt;
    Request request;
    const QList<QByteArray> lines = buffer->left(end).split('\n');
    const QList<QByteArray> first = lines.constFirst().trimmed().split(' ');
    request.method = first.value(0);
    request.target = first.value(1);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        request.headers.append({line.left(colon), line.mid(colon + 1).trimmed()});
    }
    const qsizetype length = request.header("content-length").toLongLong();
    if (buffer->size() < end + 4 + length)
        return std::nullopt;
    request.body = buffer->mid(end + 4, length);
    request.raw = buffer->left(end + 4 + length);
    buffer->remove(0, end + 4 + length);
    return request;
}

/// The self-signed fixture certificate and its EC key (tests/data/net, made for 127.0.0.1 and
/// localhost only), to serve TLS with.
struct FixtureTls
{
    QSslCertificate certificate;
    QSslKey key;

    /// False when the fixture files cannot be read.
    bool load()
    {
        QFile certFile(QStringLiteral(HOOKBENCH_TEST_DATA "/net/selfsigned-cert.pem"));
        QFile keyFile(QStringLiteral(HOOKBENCH_TEST_DATA "/net/selfsigned-key.pem"));
        if (!certFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly))
            return false;
        certificate = QSslCertificate(certFile.readAll());
        key = QSslKey(keyFile.readAll(), QSsl::Ec);
        return true;
    }

    /// Starts the server side of the TLS handshake on an accepted socket.
    void startServerEncryption(QSslSocket *socket) const
    {
        socket->setLocalCertificate(certificate);
        socket->setPrivateKey(key);
        socket->startServerEncryption();
    }
};

/// Closes with a TCP reset (SO_LINGER 0) instead of a clean FIN.
inline void resetConnection(QAbstractSocket *socket)
{
    socket->flush();
    const linger hard {1, 0};
    ::setsockopt(int(socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
    socket->abort();
}

} // namespace loopback
