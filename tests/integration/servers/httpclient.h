#pragma once

// Synchronous HTTP for the server tests: a real QNetworkAccessManager against the embedded
// servers on 127.0.0.1 (they run in their own thread, so waiting here does not deadlock).
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTcpSocket>
#include <QUrl>

struct HttpResult
{
    int status = 0;
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;

    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QByteArray header(const QByteArray &name) const
    {
        for (const auto &[key, value] : headers)
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        return {};
    }
};

inline HttpResult httpRequest(const QByteArray &method, const QString &url,
                              const QByteArray &body = {},
                              const QList<QPair<QByteArray, QByteArray>> &headers = {})
{
    static QNetworkAccessManager nam;
    QNetworkRequest request {QUrl(url)};
    request.setTransferTimeout(20000);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    QNetworkReply *reply = nam.sendCustomRequest(request, method, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    HttpResult result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    result.headers = reply->rawHeaderPairs();
    result.error = reply->error();
    reply->deleteLater();
    return result;
}

inline HttpResult httpGet(const QString &url, const QString &token = {})
{
    QList<QPair<QByteArray, QByteArray>> headers {{"Accept", "application/fhir+json"}};
    if (!token.isEmpty())
        headers.append({"Authorization", "Bearer " + token.toLatin1()});
    return httpRequest("GET", url, {}, headers);
}

inline HttpResult httpPostJson(const QString &url, const QJsonObject &body)
{
    return httpRequest("POST", url, QJsonDocument(body).toJson(QJsonDocument::Compact),
                       {{"Content-Type", "application/json"}, {"Accept", "application/json"}});
}

/// Exact bytes: sends `raw` on a fresh connection and returns everything until the server closes.
inline QByteArray rawExchange(quint16 port, const QByteArray &raw)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(10000))
        return {};
    socket.write(raw);
    QByteArray out;
    while (socket.state() == QAbstractSocket::ConnectedState && socket.waitForReadyRead(10000))
        out += socket.readAll();
    out += socket.readAll();
    return out;
}
