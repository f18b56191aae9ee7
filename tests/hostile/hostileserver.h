#pragma once

// A hostile CDS service / FHIR server on loopback for the hostile-input suite: every case is a
// path prefix /h/{case}/ whose answers are exact bytes, timed drips, resets, redirects to itself,
// silence or TLS on the wrong name. Paths: /h/{case}/cds-services (discovery),
// /h/{case}/cds-services/svc (the hook call, feedback at .../svc/feedback), /h/{case}/fhir/...
#include "../loopbackfixture.h"

#include <QHash>
#include <QHostAddress>
#include <QPointer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTimer>
#include <QUrl>

#include <functional>
#include <memory>

using HostileRequest = loopback::Request;

/// What a case does on its socket. The socket is owned by the server; write, drip, reset or
/// keep silent as the case needs.
using HostileBehaviour = std::function<void(QSslSocket *, const HostileRequest &)>;

inline QByteArray httpResponse(int status, const QByteArray &contentType, const QByteArray &body,
                               const QList<QByteArray> &extraHeaders = {})
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + " Status\r\n";
    if (!contentType.isEmpty())
        out += "Content-Type: " + contentType + "\r\n";
    for (const auto &line : extraHeaders)
        out += line + "\r\n";
    return out + "Content-Length: " + QByteArray::number(body.size())
        + "\r\nConnection: close\r\n\r\n" + body;
}

using loopback::resetConnection;

class HostileServer : public QTcpServer
{
public:
    explicit HostileServer(QObject *parent = nullptr)
        : QTcpServer(parent)
    {
        listen(QHostAddress::LocalHost, 0);
    }

    /// Serve TLS with the fixture certificate (made for 127.0.0.1 and localhost only).
    bool listenTls(const QHostAddress &address)
    {
        if (!m_fixtureTls.load())
            return false;
        m_tls = true;
        close();
        return listen(address, 0);
    }

    void add(const QString &name, HostileBehaviour behaviour) { m_cases.insert(name, behaviour); }

    QString base(const QString &name) const
    {
        const QString host = serverAddress() == QHostAddress::LocalHostIPv6
            ? QStringLiteral("[::1]")
            : QStringLiteral("127.0.0.1");
        return QStringLiteral("%1://%2:%3/h/%4")
            .arg(m_tls ? QStringLiteral("https") : QStringLiteral("http"), host)
            .arg(serverPort())
            .arg(name);
    }

    int requestCount = 0;

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new QSslSocket(this);
        socket->setSocketDescriptor(descriptor);
        if (m_tls)
            m_fixtureTls.startServerEncryption(socket);
        connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
        auto buffer = std::make_shared<QByteArray>();
        connect(socket, &QIODevice::readyRead, socket, [this, socket, buffer] {
            *buffer += socket->readAll();
            const std::optional<HostileRequest> request = loopback::takeRequest(buffer.get());
            if (!request)
                return;
            ++requestCount;
            dispatch(socket, *request);
        });
    }

private:
    void dispatch(QSslSocket *socket, const HostileRequest &request)
    {
        // /h/{case}/...
        const QList<QByteArray> parts = request.target.split('/');
        const QString name = QString::fromUtf8(parts.value(2));
        const auto it = m_cases.constFind(name);
        if (it == m_cases.constEnd()) {
            socket->write(httpResponse(404, "text/plain", "no such hostile case"));
            socket->disconnectFromHost();
            return;
        }
        it.value()(socket, request);
    }

    QHash<QString, HostileBehaviour> m_cases;
    bool m_tls = false;
    loopback::FixtureTls m_fixtureTls;
};
