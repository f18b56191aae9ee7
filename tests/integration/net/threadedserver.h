#pragma once

// A scripted HTTP/1.1 peer on 127.0.0.1 that runs in its own thread, so it keeps answering while
// the test thread (where the Transport lives) is blocked, and timing or abort behaviour can be
// scripted: answer after a delay, reset in the middle of a body, send 100 Continue then close.
#include "../../loopbackfixture.h"

#include <QHostAddress>
#include <QMutex>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>
#include <QUrl>

#include <functional>

struct ScriptedAnswer
{
    QByteArray bytes; ///< written as is (empty: nothing)
    int delayMs = 0; ///< before writing
    bool resetAfter = false; ///< RST instead of a clean close after writing
    int resetDelayMs = 0; ///< with resetAfter: how long the connection idles before the RST
    bool closeAfter = true;
};

/// 200 with a JSON body and "Connection: close".
inline QByteArray okAnswer(const QByteArray &body)
{
    return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
        + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
}

/// 200 with a JSON body that lets the connection be kept alive (no "Connection: close").
inline QByteArray keepAliveAnswer(const QByteArray &body)
{
    return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
        + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

class ThreadedServer
{
public:
    /// `script` gets the request head (through the blank line) once its body has arrived.
    using Script = std::function<ScriptedAnswer(const QByteArray &head)>;

    explicit ThreadedServer(Script script)
        : m_script(std::move(script))
    {
        m_thread.start();
        m_server = new QTcpServer;
        m_server->moveToThread(&m_thread);
        QMetaObject::invokeMethod(
            m_server,
            [this] {
                m_server->listen(QHostAddress::LocalHost, 0);
                m_port = m_server->serverPort();
                QObject::connect(m_server, &QTcpServer::newConnection, m_server,
                                 [this] { accept(); });
            },
            Qt::BlockingQueuedConnection);
    }

    ~ThreadedServer()
    {
        QMetaObject::invokeMethod(
            m_server, [this] { delete m_server; }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }

    QUrl url(const QString &path = QStringLiteral("/")) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path));
    }

    /// Every request head received, in order (thread-safe copy).
    QList<QByteArray> heads() const
    {
        QMutexLocker lock(&m_mutex);
        return m_heads;
    }
    int connections() const
    {
        QMutexLocker lock(&m_mutex);
        return m_connections;
    }
    /// Connections the client closed (or reset) while this server still held them open.
    int closedByClient() const
    {
        QMutexLocker lock(&m_mutex);
        return m_closedByClient;
    }

private:
    void accept()
    {
        while (QTcpSocket *socket = m_server->nextPendingConnection()) {
            socket->setParent(m_server);
            {
                QMutexLocker lock(&m_mutex);
                ++m_connections;
            }
            auto buffer = std::make_shared<QByteArray>();
            QObject::connect(socket, &QTcpSocket::disconnected, socket, [this] {
                QMutexLocker lock(&m_mutex);
                ++m_closedByClient;
            });
            QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer] {
                *buffer += socket->readAll();
                // Whole requests (head and body) come off the buffer, so the next head on a
                // kept-alive connection is seen from its first byte.
                while (const auto request = loopback::takeRequest(buffer.get())) {
                    const QByteArray head = request->raw.left(request->raw.indexOf("\r\n\r\n") + 4);
                    {
                        QMutexLocker lock(&m_mutex);
                        m_heads.append(head);
                    }
                    const ScriptedAnswer answer = m_script(head);
                    QTimer::singleShot(answer.delayMs, socket, [socket, answer] {
                        if (!answer.bytes.isEmpty())
                            socket->write(answer.bytes);
                        socket->flush();
                        if (answer.resetAfter) {
                            socket->waitForBytesWritten(1000);
                            QTimer::singleShot(answer.resetDelayMs, socket,
                                               [socket] { loopback::resetConnection(socket); });
                        } else if (answer.closeAfter) {
                            socket->disconnectFromHost();
                        }
                    });
                }
            });
        }
    }

    Script m_script;
    QThread m_thread;
    QTcpServer *m_server = nullptr;
    quint16 m_port = 0;
    mutable QMutex m_mutex;
    QList<QByteArray> m_heads;
    int m_connections = 0;
    int m_closedByClient = 0;
};
