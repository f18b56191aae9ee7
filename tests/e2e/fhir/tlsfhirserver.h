#pragma once

// A loopback HTTPS FHIR server for the TLS tests: QSslServer with a certificate the test makes
// with openssl, in a thread of its own (the CLI under test runs while the test thread blocks
// on it). It answers every GET: /metadata with an R4 CapabilityStatement, anything else with a
// one-patient searchset, then closes the connection.
#include <QFile>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QThread>

namespace fixtures {

class TlsFhirWorker : public QObject
{
    Q_OBJECT

public:
    /// Runs in the server thread; returns the port (0 on failure).
    Q_INVOKABLE quint16 start(const QString &certFile, const QString &keyFile)
    {
        QFile cert(certFile);
        QFile key(keyFile);
        if (!cert.open(QIODevice::ReadOnly) || !key.open(QIODevice::ReadOnly))
            return 0;
        QSslConfiguration config = QSslConfiguration::defaultConfiguration();
        config.setLocalCertificate(QSslCertificate(cert.readAll(), QSsl::Pem));
        config.setPrivateKey(QSslKey(key.readAll(), QSsl::Ec, QSsl::Pem));
        config.setPeerVerifyMode(QSslSocket::VerifyNone);
        m_server = new QSslServer(this);
        m_server->setSslConfiguration(config);
        connect(m_server, &QTcpServer::pendingConnectionAvailable, this, [this] {
            while (m_server->hasPendingConnections())
                serve(qobject_cast<QSslSocket *>(m_server->nextPendingConnection()));
        });
        return m_server->listen(QHostAddress::LocalHost, 0) ? m_server->serverPort() : 0;
    }
    Q_INVOKABLE void stop() { delete m_server; }

private:
    void serve(QSslSocket *socket)
    {
        if (!socket)
            return;
        connect(socket, &QSslSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QSslSocket::readyRead, socket, [socket] {
            socket->setProperty("head", socket->property("head").toByteArray() + socket->readAll());
            const QByteArray head = socket->property("head").toByteArray();
            if (!head.contains("\r\n\r\n"))
                return;
            const QByteArray target = head.split(' ').value(1);
            const QByteArray body = QJsonDocument(answerFor(target)).toJson(QJsonDocument::Compact);
            socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/fhir+json\r\n"
                          "Connection: close\r\nContent-Length: "
                          + QByteArray::number(body.size()) + "\r\n\r\n" + body);
            socket->disconnectFromHost();
        });
    }

    static QJsonObject answerFor(const QByteArray &target)
    {
        using namespace Qt::StringLiterals;
        if (target.contains("/metadata"))
            return {{u"resourceType"_s, u"CapabilityStatement"_s},
                    {u"status"_s, u"active"_s},
                    {u"kind"_s, u"instance"_s},
                    {u"fhirVersion"_s, u"4.0.1"_s},
                    {u"format"_s, QJsonArray {u"json"_s}},
                    {u"rest"_s, QJsonArray {QJsonObject {{u"mode"_s, u"server"_s}}}}};
        const QJsonObject patient {
            {u"resourceType"_s, u"Patient"_s},
            {u"id"_s, u"tls-patient"_s},
            {u"name"_s, QJsonArray {QJsonObject {{u"family"_s, u"Overtls"_s}}}},
            {u"birthDate"_s, u"1970-01-01"_s}};
        return {{u"resourceType"_s, u"Bundle"_s},
                {u"type"_s, u"searchset"_s},
                {u"total"_s, 1},
                {u"entry"_s, QJsonArray {QJsonObject {{u"resource"_s, patient}}}}};
    }

    QSslServer *m_server = nullptr;
};

class TlsFhirServer
{
public:
    TlsFhirServer()
    {
        m_worker.moveToThread(&m_thread);
        m_thread.start();
    }
    ~TlsFhirServer()
    {
        QMetaObject::invokeMethod(&m_worker, "stop", Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
    bool start(const QString &certFile, const QString &keyFile)
    {
        QMetaObject::invokeMethod(&m_worker, "start", Qt::BlockingQueuedConnection,
                                  Q_RETURN_ARG(quint16, m_port), Q_ARG(QString, certFile),
                                  Q_ARG(QString, keyFile));
        return m_port != 0;
    }
    [[nodiscard]] QString fhirBase() const
    {
        return QStringLiteral("https://127.0.0.1:%1/fhir").arg(m_port);
    }
    [[nodiscard]] quint16 port() const { return m_port; }

private:
    QThread m_thread;
    TlsFhirWorker m_worker;
    quint16 m_port = 0;
};

} // namespace fixtures
