#pragma once

// A tiny HTTP/1.1 server on 127.0.0.1:0 that answers with exact bytes chosen by the test, so
// duplicate header lines, odd spacing, garbage, silence and huge bodies can be served at will.
// Optionally speaks TLS with the self-signed fixture certificate (tests/data/net).
#include "../../loopbackfixture.h"

#include <QHostAddress>
#include <QList>
#include <QSslSocket>
#include <QTcpServer>
#include <QUrl>

#include <functional>

using RawRequest = loopback::Request;

/// Builds a response: status line, the given header lines verbatim, Content-Length, body.
inline QByteArray rawResponse(int status, const QList<QByteArray> &headerLines,
                              const QByteArray &body = {}, bool contentLength = true)
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + " Status\r\n";
    for (const auto &line : headerLines)
        out += line + "\r\n";
    if (contentLength)
        out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    return out + "Connection: close\r\n\r\n" + body;
}

/// A keep-alive response: Content-Length, no "Connection: close".
inline QByteArray keepAliveResponse(int status, const QByteArray &body)
{
    return "HTTP/1.1 " + QByteArray::number(status)
        + " Status\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

class RawServer : public QTcpServer
{
public:
    /// Returns the bytes to answer with; an empty array means "never answer" (timeout tests).
    using Handler = std::function<QByteArray(const RawRequest &)>;

    explicit RawServer(Handler handler, QObject *parent = nullptr)
        : QTcpServer(parent)
        , m_handler(std::move(handler))
    {
        listen(QHostAddress::LocalHost, 0);
    }

    /// Bytes written as soon as a client connects (garbage for TLS tests); no request parsing.
    void setGreeting(const QByteArray &bytes) { m_greeting = bytes; }

    /// Keep connections open after answering (HTTP/1.1 keep-alive); answers must then not say
    /// "Connection: close" (see keepAliveResponse()).
    void setKeepAlive(bool keepAlive) { m_keepAlive = keepAlive; }
    int connections = 0;

    /// Serve TLS with the fixture certificate.
    void enableTls() { m_tls = m_fixtureTls.load(); }

    QUrl url(const QString &path = QStringLiteral("/")) const
    {
        return QUrl(QStringLiteral("%1://127.0.0.1:%2%3")
                        .arg(m_tls ? QStringLiteral("https") : QStringLiteral("http"))
                        .arg(serverPort())
                        .arg(path));
    }

    QList<RawRequest> requests;

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new QSslSocket(this);
        socket->setSocketDescriptor(descriptor);
        ++connections;
        if (!m_greeting.isEmpty()) {
            socket->write(m_greeting);
            socket->flush();
            return;
        }
        if (m_tls)
            m_fixtureTls.startServerEncryption(socket);
        auto buffer = std::make_shared<QByteArray>();
        connect(socket, &QIODevice::readyRead, socket, [this, socket, buffer] {
            *buffer += socket->readAll();
            const std::optional<RawRequest> taken = loopback::takeRequest(buffer.get());
            if (!taken)
                return;
            const RawRequest &request = *taken;
            requests.append(request);
            const QByteArray answer = m_handler(request);
            if (!answer.isEmpty()) {
                socket->write(answer);
                if (!m_keepAlive)
                    socket->disconnectFromHost();
            }
        });
    }

private:
    Handler m_handler;
    QByteArray m_greeting;
    bool m_tls = false;
    bool m_keepAlive = false;
    loopback::FixtureTls m_fixtureTls;
};
