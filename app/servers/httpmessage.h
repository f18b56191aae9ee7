#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>
#include <QUrlQuery>

#include <functional>

namespace hb::servers {

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

/// One parsed HTTP/1.1 request.
struct HttpRequest
{
    QByteArray method; ///< as sent, e.g. "GET", "OPTIONS"
    QByteArray target; ///< request-target as sent (path + query)
    QString path; ///< decoded path
    QUrlQuery query;
    HeaderList headers; ///< in order, names as sent
    QByteArray body;
    QUrl baseUrl; ///< scheme://host:port of the server that received it

    /// All lines of a header joined with ", " (case-insensitive name); empty when absent.
    [[nodiscard]] QByteArray header(const QByteArray &name) const;
    [[nodiscard]] bool hasHeader(const QByteArray &name) const;
    /// The absolute URL of this request (for audit entries and self links).
    [[nodiscard]] QString url() const;
};

/// One HTTP response, written byte-exactly: headers keep their order and duplicates, and
/// Content-Length is added unless `rawHeaders` is set (the misbehaviour lab needs exact bytes).
struct HttpResponse
{
    int status = 200;
    QByteArray reason; ///< defaults to the standard phrase
    HeaderList headers;
    QByteArray body;
    bool rawHeaders = false;

    void setHeader(const QByteArray &name, const QByteArray &value); ///< replaces all lines
    void addHeader(const QByteArray &name, const QByteArray &value); ///< appends a line

    [[nodiscard]] static HttpResponse json(int status, const QJsonObject &body,
                                           const QByteArray &contentType = "application/json");
    [[nodiscard]] static HttpResponse fhir(int status, const QJsonObject &body);
    [[nodiscard]] static HttpResponse text(int status, const QByteArray &body,
                                           const QByteArray &contentType
                                           = "text/plain; charset=utf-8");
};

/// Answers a request, at most once, from the server's thread; later calls and calls after the
/// client went away are ignored. Copyable, so a handler may keep it for an asynchronous answer.
using Responder = std::function<void(HttpResponse)>;
using HttpHandler = std::function<void(const HttpRequest &, const Responder &)>;

/// The standard reason phrase for a status code ("OK", "Not Found", ...).
[[nodiscard]] QByteArray reasonPhrase(int status);

} // namespace hb::servers
