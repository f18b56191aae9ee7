#pragma once

// A tiny HTTP/1.1 server on 127.0.0.1:0 that answers with exact bytes chosen by the test, so
// duplicate header lines, odd spacing, garbage, silence and huge bodies can be served at will.
// Optionally speaks TLS with the self-signed fixture certificate (tests/data/net).
#include <QFile>
#include <QHostAddress>
#include <QList>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpServer>
#include <QUrl>

#include <functional>

struct RawRequest
{
    QByteArray method;
    QByteArray target;
    QList<QPair<QByteArray, QByteArray>> headers; ///< exact lines, in order
    QByteArray body;
    QByteArray raw;

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
    void enableTls()
    {
        QFile certFile(QStringLiteral(HOOKBENCH_TEST_DATA "/net/selfsigned-cert.pem"));
        QFile keyFile(QStringLiteral(HOOKBENCH_TEST_DATA "/net/selfsigned-key.pem"));
        certFile.open(QIODevice::ReadOnly);
        keyFile.open(QIODevice::ReadOnly);
        m_cert = QSslCertificate(certFile.readAll());
        m_key = QSslKey(keyFile.readAll(), QSsl::Ec);
        m_tls = true;
    }

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
        if (m_tls) {
            socket->setLocalCertificate(m_cert);
            socket->setPrivateKey(m_key);
            socket->startServerEncryption();
        }
        auto buffer = std::make_shared<QByteArray>();
        connect(socket, &QIODevice::readyRead, socket, [this, socket, buffer] {
            *buffer += socket->readAll();
            const qsizetype end = buffer->indexOf("\r\n\r\n");
            if (end < 0)
                return;
            RawRequest request;
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
                return;
            request.body = buffer->mid(end + 4, length);
            request.raw = buffer->left(end + 4 + length);
            buffer->clear();
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
    QSslCertificate m_cert;
    QSslKey m_key;
};
