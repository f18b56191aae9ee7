#pragma once

// The hostile bodies and transport behaviours of the suite (docs/robustness.md lists them
// with their expected outcome). Each builder returns what one endpoint does.
#include "hostileserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace hostile {

inline QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

inline QJsonObject card(const QString &summary)
{
    return {{QStringLiteral("summary"), summary},
            {QStringLiteral("indicator"), QStringLiteral("info")},
            {QStringLiteral("source"),
             QJsonObject {{QStringLiteral("label"), QStringLiteral("hostile")}}}};
}

inline QByteArray cards(const QJsonArray &list)
{
    return json({{QStringLiteral("cards"), list}});
}

inline QByteArray discoveryBody(bool withPrefetch)
{
    QJsonObject service {{QStringLiteral("id"), QStringLiteral("svc")},
                         {QStringLiteral("hook"), QStringLiteral("patient-view")},
                         {QStringLiteral("title"), QStringLiteral("Hostile")},
                         {QStringLiteral("description"), QStringLiteral("a hostile service")}};
    if (withPrefetch)
        service.insert(QStringLiteral("prefetch"),
                       QJsonObject {{QStringLiteral("patient"),
                                     QStringLiteral("Patient/{{context.patientId}}")}});
    return json({{QStringLiteral("services"), QJsonArray {service}}});
}

inline HostileBehaviour answer(const QByteArray &bytes)
{
    return [bytes](QSslSocket *socket, const HostileRequest &) {
        socket->write(bytes);
        socket->disconnectFromHost();
    };
}

inline HostileBehaviour answerJson(int status, const QByteArray &body,
                                   const QByteArray &type = "application/json")
{
    return answer(httpResponse(status, type, body));
}

inline const QByteArray &hundredMegabytes()
{
    static const QByteArray body = [] {
        QByteArray b = "{\"cards\":[{\"summary\":\"big\",\"indicator\":\"info\",\"source\":{"
                       "\"label\":\"x\"},\"detail\":\"";
        b += QByteArray(100 * 1024 * 1024, 'x');
        return b + "\"}]}";
    }();
    return body;
}

/// Writes a large body as the client drains it, never more than 1 MiB ahead.
inline HostileBehaviour answerHuge()
{
    return [](QSslSocket *socket, const HostileRequest &) {
        const QByteArray &body = hundredMegabytes();
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                      + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n");
        auto offset = std::make_shared<qsizetype>(0);
        auto pump = [socket, offset, &body] {
            while (*offset < body.size() && socket->bytesToWrite() < (1 << 20)) {
                const qsizetype chunk = std::min<qsizetype>(256 * 1024, body.size() - *offset);
                socket->write(body.constData() + *offset, chunk);
                *offset += chunk;
            }
            if (*offset >= body.size())
                socket->disconnectFromHost();
        };
        QObject::connect(socket, &QIODevice::bytesWritten, socket, pump);
        pump();
    };
}

inline QByteArray nested(int depth)
{
    return "{\"cards\":" + QByteArray(depth, '[') + QByteArray(depth, ']') + "}";
}

/// One byte of a valid answer every `intervalMs`: a service that never finishes in time.
inline HostileBehaviour drip(const QByteArray &bytes, int intervalMs)
{
    return [bytes, intervalMs](QSslSocket *socket, const HostileRequest &) {
        auto offset = std::make_shared<qsizetype>(0);
        auto *timer = new QTimer(socket);
        QObject::connect(timer, &QTimer::timeout, socket, [socket, timer, offset, bytes] {
            if (*offset >= bytes.size()) {
                timer->stop();
                socket->disconnectFromHost();
                return;
            }
            socket->write(bytes.mid((*offset)++, 1));
        });
        timer->start(intervalMs);
    };
}

/// Headers and half the body, then a TCP reset.
inline HostileBehaviour resetMidBody(const QByteArray &body)
{
    return [body](QSslSocket *socket, const HostileRequest &) {
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                      + QByteArray::number(body.size()) + "\r\n\r\n" + body.left(body.size() / 2));
        socket->flush();
        QTimer::singleShot(100, socket, [socket] { resetConnection(socket); });
    };
}

inline HostileBehaviour neverAnswer()
{
    return [](QSslSocket *, const HostileRequest &) {};
}

inline HostileBehaviour closeSilently()
{
    return [](QSslSocket *socket, const HostileRequest &) { socket->disconnectFromHost(); };
}

inline HostileBehaviour redirectToSelf()
{
    return [](QSslSocket *socket, const HostileRequest &request) {
        socket->write(httpResponse(302, "text/plain", "again", {"Location: " + request.target}));
        socket->disconnectFromHost();
    };
}

/// Serves a valid discovery at .../cds-services and `hook` for everything else.
inline HostileBehaviour hookCase(HostileBehaviour hook, bool withPrefetch = false)
{
    return [hook, withPrefetch](QSslSocket *socket, const HostileRequest &request) {
        if (request.target.endsWith("/cds-services")) {
            socket->write(httpResponse(200, "application/json", discoveryBody(withPrefetch)));
            socket->disconnectFromHost();
            return;
        }
        hook(socket, request);
    };
}

/// Discovery with a prefetch template, valid empty cards, and `fhir` for every FHIR read.
inline HostileBehaviour fhirCase(HostileBehaviour fhir)
{
    return hookCase(
        [fhir](QSslSocket *socket, const HostileRequest &request) {
            if (request.target.contains("/fhir/")) {
                fhir(socket, request);
                return;
            }
            socket->write(httpResponse(200, "application/json", cards({})));
            socket->disconnectFromHost();
        },
        true);
}

} // namespace hostile
